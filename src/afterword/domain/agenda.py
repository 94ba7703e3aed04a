"""The morning agenda: open follow-ups in three buckets (overdue, today, upcoming).

Buckets go by date: overdue is due before day D, today on D, upcoming on D+1 to D+N; each is
sorted by due time, then company. Works on plain items so that ``afterword today`` can build it
from a small derived file without reading the whole database.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from afterword.domain.words import fold_name, local_wall_time

# Light on purpose (no dataclasses, no typing at run time): `afterword today` imports this.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ITEM_KEYS = ("id", "interview_id", "company", "role", "kind", "title", "person", "due")
_Fields = namedtuple(
    "_Fields", ["id", "interview_id", "company", "role", "kind", "title", "person", "due"]
)


class AgendaItem(_Fields):
    """One open follow-up, with what the agenda shows of its interview (``due`` in ISO 8601)."""

    __slots__ = ()

    @property
    def due_at(self) -> datetime:
        """The due time as local wall time (a zone the user gave is converted)."""
        return local_wall_time(datetime.fromisoformat(self.due))

    def as_dict(self) -> dict[str, str]:
        return {key: getattr(self, key) for key in ITEM_KEYS}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AgendaItem:
        return cls(**{key: str(raw.get(key) or "") for key in ITEM_KEYS})


class Agenda:
    """The buckets for one day."""

    def __init__(
        self,
        day: date,
        overdue: list[AgendaItem],
        today: list[AgendaItem],
        upcoming: list[AgendaItem],
    ) -> None:
        self.day = day
        self.overdue = overdue
        self.today = today
        self.upcoming = upcoming

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "overdue": [i.as_dict() for i in self.overdue],
            "today": [i.as_dict() for i in self.today],
            "upcoming": [i.as_dict() for i in self.upcoming],
        }


def open_items(interviews: Iterable[Mapping[str, Any]]) -> list[AgendaItem]:
    """The open follow-ups of stored interviews (plain dicts in the data format)."""
    out = []
    for doc in interviews:
        for item in doc.get("follow_ups") or ():
            if item.get("done_at") is None and not item.get("cancelled"):
                out.append(
                    AgendaItem(
                        id=str(item.get("id", "")),
                        interview_id=str(doc.get("id", "")),
                        company=str(doc.get("company", "")),
                        role=str(doc.get("role", "")),
                        kind=str(item.get("kind", "")),
                        title=str(item.get("title", "")),
                        person=str(item.get("person", "")),
                        due=str(item.get("due", "")),
                    )
                )
    return out


SHORT_ID = 8  # `today` shows ids this long at least (the whole id was 8 hex digits)


def short_ids(ids: Iterable[str], least: int = SHORT_ID) -> dict[str, str]:
    """Each id's shortest prefix that no other id starts with, at least ``least`` characters
    (or the whole id): what `today` prints, and what `done` takes back. Given the open
    follow-ups' ids, as `done` looks among the open ones first. An id with other characters
    than letters, digits, '-' and '_' (imported before ids were checked) is shown whole."""
    ordered = sorted(set(ids))
    out = {}
    for n, this in enumerate(ordered):
        if not (this.isascii() and this.replace("-", "a").replace("_", "a").isalnum()):
            out[this] = this
            continue
        shared = 0
        for other in ordered[max(n - 1, 0) : n + 2]:
            if other != this:
                shared = max(shared, _common_length(this, other))
        out[this] = this[: max(least, shared + 1)]
    return out


def _common_length(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def build_agenda(items: Iterable[AgendaItem], day: date, days: int) -> Agenda:
    """Sort open items into overdue / today / upcoming (the next ``days`` days)."""
    last = day + timedelta(days=days)
    keyed = sorted(((i.due_at, i.company.casefold(), i) for i in items), key=lambda t: t[:2])
    agenda = Agenda(day, [], [], [])
    for due, _, item in keyed:
        on = due.date()
        if on < day:
            agenda.overdue.append(item)
        elif on == day:
            agenda.today.append(item)
        elif on <= last:
            agenda.upcoming.append(item)
    return agenda


def active_counts(interviews: Iterable[Mapping[str, Any]]) -> tuple[int, int]:
    """(active interviews, active leads) of stored interviews."""
    active = [d for d in interviews if d.get("status", "active") == "active"]
    leads = {
        (fold_name(str(d.get("company", ""))), fold_name(str(d.get("role", "")))) for d in active
    }
    return len(active), len(leads)
