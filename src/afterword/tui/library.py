"""The app's copy of the interviews, and the one place that changes and saves them.

Screens read ``Library.interviews`` on the UI thread (``Records``: a summary of each
interview for the lists, the record itself decoded from the file when it is opened). A change
is applied in memory at once, remembered for undo, and saved by a single writer thread in the
order it was made (a save of 10,000 interviews takes a hundred milliseconds or so, so it never
runs on the UI thread). When a
save fails the user is told in one sentence; the change stays in memory and is tried again
every two seconds, before any later change (which waits behind it), and once more as the app
ends.

Others write the file too (the shell's `afterword done`, a sync tool): each save is merged
with what they wrote (``Repository.save`` with the change's base), and while it has nothing to
save the writer looks at the file twice a second. What another writer changed comes back to
the UI thread as ``News`` and replaces the records shown, except those with a change of ours
still on its way (its save merges theirs, and its result comes back in turn).
"""

from __future__ import annotations

import collections
import copy
import dataclasses
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from afterword.config import Config
from afterword.domain.drafting import known_addresses
from afterword.domain.merge import merge_record
from afterword.domain.model import Interview
from afterword.domain.outbox import keep_what_went_out
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from afterword.domain.schedule import cancel_earlier_rounds
from afterword.domain.summary import Summary
from afterword.errors import AfterwordError
from afterword.store.encoded import Slice
from afterword.tui.records import Records, same_text

if TYPE_CHECKING:
    from afterword.store.repository import Repository

UNDO_STEPS = 50
POLL_SECONDS = 0.5  # how often the idle writer looks for another writer's save
RETRY_SECONDS = 2.0  # how often a save that failed is tried again
T = TypeVar("T")


@dataclass
class Change:
    """One step the user can undo: what the interviews were before it."""

    label: str
    before: list[tuple[str, Interview | None]]  # (id, the interview as it was, or None: new)
    # a record of it was changed elsewhere since: undoing it overwrites that, so ask first
    elsewhere: bool = False


@dataclass
class _Save:
    interview: Interview
    base: Interview | None  # the version the change was made on (None: a new interview)
    undelete: bool = False  # an undone delete: put back if gone


@dataclass
class _Delete:
    interview_id: str
    base: Interview | None


@dataclass
class News:
    """From the writer thread: the records one save or look wrote (id -> as it is now in
    the file, None: not there), which of them the app itself sent, and the conflicts found."""

    records: dict[str, Interview | None] = field(default_factory=dict)
    ours: list[str] = field(default_factory=list)  # the ids of the app's own change, if any
    # where every record's text is now (the store's copy of the file this turn read or
    # wrote): the records shown are read from there from now on, the older copy let go
    where: dict[str, bytes | Slice | None] = field(default_factory=dict)
    conflicts: int = 0
    warnings: list[str] = field(default_factory=list)  # the store's, to show
    notes: list[str] = field(default_factory=list)  # to show as information


class Library:
    """The interviews of one database, as the app sees and changes them."""

    def __init__(
        self,
        config: Config,
        now: Callable[[], datetime],
        on_change: Callable[[str], None],
        on_error: Callable[[str], None],
        on_news: Callable[[News], None] | None = None,
    ) -> None:
        self.repo: Repository | None = None
        self.config = config
        self.now = now
        self.interviews = Records()
        self.loaded = False
        self._closed = False
        self.undo_stack: list[Change] = []
        self._on_change = on_change
        self._on_error = on_error
        # the writer thread's news, handed to the UI thread (which then calls `hear`)
        self._on_news = on_news or (lambda news: None)
        self._pending: queue.Queue[_Save | _Delete | None] = queue.Queue()
        # interview id -> how many changes of it are queued or being saved (UI thread only)
        self._in_flight: dict[str, int] = {}
        self._warned = 0  # how many of the store's warnings were shown
        # changes not saved yet because one failed (the writer thread's; oldest first)
        self._waiting: collections.deque[_Save | _Delete] = collections.deque()
        self._failed_at = 0.0
        self._last_failure = ""
        self._last_look_failure = ""
        self.failures = 0  # saves that failed so far (a send checks it before going on)
        # Drafts whose email is being sent right now (their state is `sending`): whichever
        # screen shows them, they are not sent again, marked, or undone until the send ends.
        self.sending: set[str] = set()
        self._writer = threading.Thread(
            target=self._write_loop, name="afterword-saver", daemon=True
        )

    # -- reading

    def attach(self, repo: Repository) -> None:
        """Use ``repo`` from now on (opened in a worker: parsing a big file takes a while)."""
        if self._closed:  # the app quit while the database was being read
            repo.close()
            return
        self.repo = repo
        repo.remember_bases = False  # every change here carries its base
        self._warned = len(repo.storage.warnings)  # those the start shows

    def load(self) -> None:
        """Read every interview (called from a worker thread before the tables fill)."""
        assert self.repo is not None
        records = Records()
        for interview, where in self.repo.walk():  # one at a time: a summary of each kept
            if where is None:
                records[interview.id] = interview
            else:
                records.locate(interview.id, where, interview)
        self.interviews = records
        self.loaded = True
        # only now: what the writer hears of other writers is told against these records
        if not self._closed and not self._writer.is_alive():
            self._writer.start()

    def get(self, interview_id: str) -> Interview:
        return self.interviews[interview_id]

    @property
    def summaries(self) -> dict[str, Summary]:
        """Interview id -> what the lists show of it (``Records.summaries``)."""
        return self.interviews.summaries

    def newest_first(self) -> list[Summary]:
        return self.interviews.newest_first()

    def rounds_of(self, interview: Interview) -> list[Interview]:
        """The other rounds of ``interview``'s lead (shared objects: copy before changing)."""
        key = interview.lead_key
        return [
            self.interviews[s.id]
            for s in self.summaries.values()
            if s.id != interview.id and s.lead_key == key
        ]

    def colleagues(self, company: str) -> list[tuple[str, str]]:
        """(name, address) of every interviewer with an address at ``company``, in every
        interview (``drafting.colleagues``, from the summaries: nothing decoded)."""
        return known_addresses(((s.company, s.emails) for s in self.summaries.values()), company)

    # -- changing

    def update(self, interview_id: str, label: str, edit: Callable[[Interview], T]) -> T:
        """Apply ``edit`` to a copy of one interview, keep the copy, and save it."""
        working = copy.deepcopy(self.interviews[interview_id])
        result = edit(working)
        self._commit(label, [working])
        return result

    def update_lead(self, interview_id: str, label: str, edit: Callable[[list[Interview]], T]) -> T:
        """Apply ``edit`` to copies of every round of one interview's lead (that interview
        first) and keep the rounds it changed as one change: one `u` takes it all back."""
        chosen = self.interviews[interview_id]
        rounds = [chosen, *self.rounds_of(chosen)]
        working = [copy.deepcopy(i) for i in rounds]
        result = edit(working)
        changed = [w for w, before in zip(working, rounds, strict=True) if w != before]
        self._commit(label, changed or working[:1])
        return result

    def update_many(self, label: str, edits: dict[str, Callable[[Interview], bool]]) -> int:
        """Apply each edit to a copy of its interview, keep those it changed (it returns True)
        as one change, and save them; how many changed."""
        changed = []
        for interview_id, edit in edits.items():
            if interview_id not in self.interviews:
                continue
            working = copy.deepcopy(self.interviews[interview_id])
            if edit(working):
                changed.append(working)
        if changed:
            self._commit(label, changed)
        return len(changed)

    def put(self, interview: Interview, label: str, base: Interview | None = None) -> int:
        """Keep a new or edited interview; a later round of a lead cancels the earlier
        rounds' check-ins (rule 7). ``base``: the version the edit began from (a form's), when
        the record may have changed elsewhere since: then both changes are merged; returns
        how many fields both changed (each kept as a conflict, the edit's value shown)."""
        current = self.interviews.get(interview.id)
        conflicts = 0
        if base is not None and current is not None and _differ(current, base):
            merged = merge_record(
                interview_to_dict(base),
                interview_to_dict(interview),
                interview_to_dict(current),
                self.now(),
            )
            if merged.record is not None:
                interview = interview_from_dict(merged.record)
                conflicts = len(merged.conflicts)
        same_lead = [copy.deepcopy(other) for other in self.rounds_of(interview)]
        changed = cancel_earlier_rounds(interview, same_lead)
        self._commit(label, [interview, *changed])
        return conflicts

    def delete(self, interview_id: str) -> Interview:
        """Remove one interview (undo puts it back; a backup holds it too)."""
        removed = self.interviews.pop(interview_id)
        label = f"Deleted {removed.company}"
        self._remember(Change(label, [(interview_id, removed)]))
        self._send(_Delete(interview_id, removed))
        self._on_change(label)
        return removed

    def _commit(self, label: str, changed: list[Interview]) -> None:
        self._remember(Change(label, [(i.id, self.interviews.get(i.id)) for i in changed]))
        for interview in changed:
            base = self.interviews.get(interview.id)
            self.interviews[interview.id] = interview
            self._send(_Save(copy.deepcopy(interview), base))
        self._on_change(label)

    def _send(self, item: _Save | _Delete) -> None:
        """Queue one change for the writer (the base is never changed after: edits work on
        copies, and a record replaced in ``interviews`` is replaced, not changed)."""
        ident = item.interview.id if isinstance(item, _Save) else item.interview_id
        self._in_flight[ident] = self._in_flight.get(ident, 0) + 1
        self._pending.put(item)

    def _remember(self, step: Change) -> None:
        self.undo_stack.append(step)
        del self.undo_stack[:-UNDO_STEPS]

    def join_last(self, label: str) -> None:
        """Make the last change part of the one before it, when that one is ``label``: one
        `u` then takes back both (a close-out and the note drafted for it)."""
        if len(self.undo_stack) < 2 or self.undo_stack[-2].label != label:
            return
        later = self.undo_stack.pop()
        earlier = self.undo_stack[-1]
        known = {interview_id for interview_id, _ in earlier.before}
        earlier.before += [entry for entry in later.before if entry[0] not in known]

    def undo(self) -> str | None:
        """Put back the state before the last change; returns what was undone, or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        for interview_id, before in step.before:
            current = self.interviews.get(interview_id)
            if before is None:
                self.interviews.pop(interview_id, None)
                # kept if changed elsewhere since (as the app last heard of it)
                self._send(_Delete(interview_id, current))
            else:
                if current is not None:
                    keep_what_went_out(before, current)  # an email sent stays sent
                self.interviews[interview_id] = before
                # a delete undone: its base is the record as it was deleted, so a change
                # made elsewhere meanwhile (which kept it) is merged, not written over
                self._send(_Save(copy.deepcopy(before), current or before, current is None))
        self._on_change(f"Undone: {step.label}")
        return step.label

    def undo_overwrites(self) -> list[str]:
        """The companies whose change elsewhere the next undo would overwrite (ask first)."""
        if not self.undo_stack or not self.undo_stack[-1].elsewhere:
            return []
        names = []
        for interview_id, before in self.undo_stack[-1].before:
            shown = self.interviews.get(interview_id) or before
            if shown is not None:
                names.append(shown.company)
        return names

    # -- what others changed, heard on the UI thread

    def hear(self, news: News) -> str | None:
        """Take in the writer's news: our own saves as they ended up (merged with another
        writer's change, or only a new revision) and what other writers changed. A record
        with another change of ours still on its way is left: that save merges it. Returns
        the sentence to show when something changed elsewhere."""
        for ident in news.ours:
            left = self._in_flight.get(ident, 0) - 1
            if left > 0:
                self._in_flight[ident] = left
            else:
                self._in_flight.pop(ident, None)
        names = []
        for ident, now in news.records.items():
            if self._in_flight.get(ident):
                continue
            current = self.interviews.get(ident)
            if now is None:  # gone from the file (our own delete is gone here already)
                if current is None:
                    continue
                del self.interviews[ident]
            elif current is None or _differ(current, now):
                self.interviews[ident] = now
            else:
                if self.interviews.held(ident):  # the same record, at the file's revision
                    current.rev = now.rev
                continue
            names.append((now or current).company)  # type: ignore[union-attr]
            for step in self.undo_stack:
                if any(entry[0] == ident for entry in step.before):
                    step.elsewhere = True
        self._move_to(news)
        if names:
            shown = ", ".join(sorted(set(names))[:3]) + (", …" if len(set(names)) > 3 else "")
            what = f"Changed elsewhere: {shown}"
            if news.conflicts:
                fields = "1 field" if news.conflicts == 1 else f"{news.conflicts} fields"
                what += (
                    f"; {fields} changed both here and there: yours kept, theirs noted "
                    "(marked ⇄: open it to keep yours or take theirs)"
                )
            self._on_change(what)
            return what + "."
        return None

    def _move_to(self, news: News) -> None:
        """Read the records from where the file has them now (the older copy of the file is
        then let go): each one the news brought (taken in above), and each one whose text
        there is the text read until now; not one with a change of ours still on its way,
        nor one the file has in another form that the news did not bring (held as it was
        shown: ours not saved, or changed elsewhere into something this app cannot read)."""
        records = self.interviews
        for ident, where in news.where.items():
            if where is None or ident not in records or self._in_flight.get(ident):
                continue
            if ident in news.records or same_text(records.where(ident), where):
                records.locate(ident, where)

    # -- saving, on one writer thread

    def _write_loop(self) -> None:
        while True:
            try:
                item = self._pending.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if self._waiting:
                    self._retry()
                else:
                    self._look()
                continue
            try:
                if item is None:
                    self._retry(last=True)
                    return
                if self._waiting:  # behind a change that could not be saved: in order
                    self._waiting.append(item)
                    self.failures += 1  # not on disk yet (a send checks this)
                    self._retry()
                elif self._write(item) is False:  # None: failed for good, dropped
                    self._waiting.append(item)
            except Exception as error:  # the writer thread outlives whatever happens: said
                self.failures += 1
                self._on_error(_failure_sentence(error))
            finally:
                self._pending.task_done()

    def _retry(self, last: bool = False) -> None:
        """Save the changes waiting behind a failed save, in order, until one fails again
        (at most every RETRY_SECONDS; ``last``: now, before the app ends). Never one after a
        failed one: a later change of the same record, merged over a file without the earlier
        one, would take the earlier one back."""
        if not last and time.monotonic() - self._failed_at < RETRY_SECONDS:
            return
        if not self._waiting:
            return
        while self._waiting:
            written = self._write(self._waiting[0], again=True)
            if written is None:  # it never will be: said, and the others go on
                self._waiting.popleft()
                continue
            if not written:
                if last:
                    left = len(self._waiting)
                    self._on_error(
                        f"{left} change{'s' if left > 1 else ''} could not be saved before "
                        "Afterword ended (said above); they are not in the database."
                    )
                return
            self._waiting.popleft()
        self._last_failure = ""
        self._on_news(News(notes=["Saved the changes that were waiting."]))

    def _write(self, item: _Save | _Delete, again: bool = False) -> bool | None:
        """Save one change and tell the UI thread how it ended; False when it failed but may
        work later (it is then kept, and tried again before any later one), None when it
        failed for good (said, and dropped: a record that does not read, a value JSON cannot
        hold, an error nobody expected)."""
        assert self.repo is not None
        news = News()
        try:
            if isinstance(item, _Delete):
                if self.repo.delete(item.interview_id, base=item.base) is None:
                    # kept: changed elsewhere since (or deleted there already)
                    news.records[item.interview_id] = self._now_in_file(item.interview_id)
                news.ours.append(item.interview_id)
            else:
                saved = self.repo.save(item.interview, base=item.base, undelete=item.undelete)
                news.records[item.interview.id] = None if saved.deleted else saved.interview
                news.conflicts += len(saved.conflicts)
                news.ours.append(item.interview.id)
            if self._pending.qsize() == 0:
                self.repo.refresh_agenda()
        except Exception as error:  # any: the writer thread must outlive a save that fails
            self._failed_at = time.monotonic()
            lasting = not _may_work_later(error)
            kind = f"{type(error).__name__}: {error}"
            if not again or kind != self._last_failure:
                self.failures += 1
                self._on_error(_failure_sentence(error))
            self._last_failure = kind
            if lasting:  # given up: the UI thread stops waiting for it
                news.ours.append(
                    item.interview.id if isinstance(item, _Save) else item.interview_id
                )
            self._tell(news)  # what other writers changed, still
            return None if lasting else False
        self._tell(news)
        return True

    def _look(self) -> None:
        """Idle: take in another writer's save, if there was one."""
        if self.repo is None or self._closed:
            return
        stamp = self.repo.storage.stamp
        try:
            news = News()
            self._gather(self.repo.refresh(), news)
        except OSError:
            return  # looked at again in half a second
        except Exception as error:  # any: the writer thread must outlive a look that fails
            kind = f"{type(error).__name__}: {error}"
            if kind != self._last_look_failure:  # once, not twice a second
                self._on_error(_failure_sentence(error, looking=True))
            self._last_look_failure = kind
            return
        self._last_look_failure = ""
        self._warnings(news)
        moved = self.repo.storage.stamp != stamp  # another file taken in: read from it
        if news.records or moved:
            news.where = self.repo.locators()
        if news.records or news.warnings or moved:
            self._on_news(news)

    def _tell(self, news: News) -> None:
        """Send ``news`` (and what other writers changed) to the UI thread: always, so that
        it stops waiting for the change the news is of."""
        assert self.repo is not None
        try:
            self._gather(self.repo.take_outside(), news)
            news.where = self.repo.locators()
        except Exception as error:  # said, and the news of our own change still goes
            news.warnings.append(_failure_sentence(error, looking=True))
        self._warnings(news)
        self._on_news(news)

    def _warnings(self, news: News) -> None:
        """The store's warnings not said yet (a folder not synced, a file set aside)."""
        assert self.repo is not None
        warnings = self.repo.storage.warnings
        news.warnings += warnings[self._warned :]
        self._warned = len(warnings)

    def _gather(self, outside: dict[str, dict[str, object] | None], news: News) -> None:
        for ident, doc in outside.items():
            if ident in news.records:
                continue
            try:
                news.records[ident] = None if doc is None else interview_from_dict(doc)
            except RecordError as error:  # written by a newer Afterword, or by hand
                name = (doc or {}).get("company") or ident
                news.warnings.append(
                    f"The interview {name!r} was changed elsewhere into something this "
                    f"Afterword cannot read ({error}); it is shown as it was, and left as it "
                    "is in the file until you change it here."
                )

    def _now_in_file(self, interview_id: str) -> Interview | None:
        from afterword.store.repository import NotFound

        assert self.repo is not None
        try:
            return self.repo.get(interview_id)
        except NotFound:
            return None

    def flush(self) -> None:
        """Wait until every change so far is on disk."""
        self._pending.join()

    def close(self) -> None:
        """Finish the saves in flight, then let go of the database."""
        self._closed = True
        if self._writer.is_alive():
            self._pending.put(None)
            self._writer.join(timeout=60)
        if self.repo is not None:
            self.repo.close()


def _may_work_later(error: Exception) -> bool:
    """A save that failed on the disk, the folder, the lock or the file as it is now (tried
    again); not one that failed on the record itself or on an error nobody expected."""
    from afterword.store.lock import DatabaseLocked
    from afterword.store.storage import BackupFailed, DatabaseUnreadable, SaveFailed

    if isinstance(error, SaveFailed):
        return error.again
    return isinstance(error, (OSError, DatabaseLocked, BackupFailed, DatabaseUnreadable))


def _failure_sentence(error: Exception, looking: bool = False) -> str:
    if isinstance(error, AfterwordError):
        return str(error)
    if isinstance(error, OSError):
        doing = "read the database" if looking else "save"
        return f"Could not {doing}: {error.strerror or error}."
    if looking:
        from afterword import crash

        path, _ = crash.save(error)
        where = f"; the details are in {path}" if path is not None else ""
        return (
            f"Could not take in a change made elsewhere ({type(error).__name__}){where}. "
            "Your own changes are still saved; please report this."
        )
    from afterword import crash

    path, _ = crash.save(error)
    report = f"; the details are in {path}" if path is not None else ""
    return (
        f"Could not save a change ({type(error).__name__}){report}. It stays on screen until "
        "the app ends; please report this."
    )


def _differ(one: Interview, other: Interview) -> bool:
    """True when two versions of a record differ in more than the revision."""
    return dataclasses.replace(one, rev=other.rev) != other
