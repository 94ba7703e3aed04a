"""The app's interviews: a summary of each for the lists, the records themselves on disk.

``Records`` maps interview ids to interviews, as ``Library.interviews``. A record is held as
where its text is (a ``Slice`` of the store's private copy of the file, which the writer
thread never changes: a save makes a new one) and decoded when asked for, the last few kept;
a record with a change of the app's own on its way to the file is held as the object itself.
``summaries`` has a ``Summary`` of every record, made again whenever the record changes: the
lists, counts, searches and the calendar read those, so that 10,000 interviews cost little
more memory than 100 (docs/budgets.md).

Objects given out are shared: change a copy (``Library.update`` does), never one of them.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator, MutableMapping

from afterword.domain.model import Interview
from afterword.domain.records import interview_from_dict
from afterword.domain.summary import Summary, summarize
from afterword.store.encoded import Slice, fingerprint, loads_database

RECENT = 16  # records kept decoded: the one on screen, the ones around it
Where = bytes | Slice


class Records(MutableMapping[str, Interview]):
    """Interview id -> interview; ``summaries``: id -> its Summary (UI thread only)."""

    def __init__(self) -> None:
        self._rows: dict[str, Interview | Where] = {}
        self.summaries: dict[str, Summary] = {}
        self._recent: collections.OrderedDict[str, Interview] = collections.OrderedDict()

    # -- reading

    def __getitem__(self, interview_id: str) -> Interview:
        row = self._rows[interview_id]
        if isinstance(row, Interview):
            return row
        recent = self._recent.get(interview_id)
        if recent is not None:
            self._recent.move_to_end(interview_id)
            return recent
        interview = decode(row)
        self._recent[interview_id] = interview
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return interview

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, interview_id: object) -> bool:
        return interview_id in self._rows

    def held(self, interview_id: str) -> bool:
        """Whether the record is held as an object (a change of ours not in the file yet)."""
        return isinstance(self._rows.get(interview_id), Interview)

    def where(self, interview_id: str) -> Where | None:
        """Where the record's text is, when it is held so."""
        row = self._rows.get(interview_id)
        return None if row is None or isinstance(row, Interview) else row

    # -- changing

    def __setitem__(self, interview_id: str, interview: Interview) -> None:
        """Hold ``interview`` itself (a change on its way to the file)."""
        self._rows[interview_id] = interview
        self._recent.pop(interview_id, None)
        self.summaries[interview_id] = summarize(interview)

    def __delitem__(self, interview_id: str) -> None:
        del self._rows[interview_id]
        self._recent.pop(interview_id, None)
        self.summaries.pop(interview_id, None)

    def locate(self, interview_id: str, where: Where, interview: Interview | None = None) -> None:
        """Hold the record as where its text is; ``interview``: the record that text holds,
        when it may differ from the one held until now (its summary is made again)."""
        self._rows[interview_id] = where
        self._recent.pop(interview_id, None)
        if interview is not None:
            self.summaries[interview_id] = summarize(interview)

    def newest_first(self) -> list[Summary]:
        return sorted(
            self.summaries.values(), key=lambda s: s.when.replace(tzinfo=None), reverse=True
        )


def same_text(one: Where | None, other: Where) -> bool:
    """Whether ``one`` holds the same text as ``other`` (told by length and CRC-32)."""
    return one is not None and fingerprint(one) == fingerprint(other)


def decode(where: Where) -> Interview:
    """The interview whose text is at ``where``."""
    return interview_from_dict(loads_database(where.read() if isinstance(where, Slice) else where))
