"""The morning agenda: open follow-ups in four buckets (overdue, today, upcoming, waiting).

Buckets go by date: overdue is due before day D, today on D, upcoming on D+1 to D+N; each is
sorted by due time, then company. A follow-up blocked on someone else (rule 8: a thank-you
waiting for the recruiter's answer) is *waiting* instead, whatever its date up to D+N: never
overdue, never counted. Works on plain items so that ``afterword today`` can build it from a
small derived file without reading the whole database.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from afterword.domain.words import (
    DAY_NAMES,
    MONTH_NAMES,
    fold_name,
    local_wall_time,
    relative_words,
)

# Light on purpose (no dataclasses, no typing at run time): `afterword today` imports this.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ITEM_KEYS = ("id", "interview_id", "company", "role", "kind", "title", "person", "due")
WAITING_KEY = "waiting_for"  # an extra key, only on a waiting item: what it waits for
_STORED_KEYS = (*ITEM_KEYS, WAITING_KEY)  # an item in the derived agenda file
_Fields = namedtuple(
    "_Fields",
    ["id", "interview_id", "company", "role", "kind", "title", "person", "due", "waiting_for"],
    defaults=("",),
)


def blocked_on(kind: str, recruiter_name: str | None, direct_contact: str | None) -> str:
    """Rule 8: what a follow-up of ``kind`` waits for, given the interview's recruiter (its
    name and ``direct_contact``, None without one), or "" when it is not blocked. A thank-you
    waits for the recruiter's answer to "may I write to them directly?" while that is ``ask``.
    The one definition: the schedule (``schedule.waiting_for``) and the stored form
    (``waiting_for_stored``) both ask it."""
    if kind == "thank_you" and recruiter_name is not None and direct_contact == "ask":
        name = recruiter_name.strip()
        return f"{name}'s answer" if name else "the recruiter's answer"
    return ""


def waiting_for_stored(doc: Mapping[str, Any], item: Mapping[str, Any]) -> str:
    """`blocked_on` for a stored interview and one of its follow-ups (plain dicts)."""
    recruiter = doc.get("recruiter")
    if not isinstance(recruiter, Mapping):
        return blocked_on(str(item.get("kind", "")), None, None)
    return blocked_on(
        str(item.get("kind", "")),
        str(recruiter.get("name") or ""),
        str(recruiter.get("direct_contact") or ""),
    )


class AgendaItem(_Fields):
    """One open follow-up, with what the agenda shows of its interview (``due`` in ISO 8601)
    and, when it is blocked on someone else, what it waits for (``waiting_for``, else "")."""

    __slots__ = ()

    @property
    def due_at(self) -> datetime:
        """The due time as local wall time (a zone the user gave is converted)."""
        return local_wall_time(datetime.fromisoformat(self.due))

    def as_dict(self) -> dict[str, str]:
        """The keys of `today --json`, and ``waiting_for`` on a waiting item only."""
        out = {key: getattr(self, key) for key in ITEM_KEYS}
        if self.waiting_for:
            out[WAITING_KEY] = self.waiting_for
        return out

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AgendaItem:
        return cls(*[str(raw.get(key) or "") for key in _STORED_KEYS])


class Agenda:
    """The buckets for one day."""

    def __init__(
        self,
        day: date,
        overdue: list[AgendaItem],
        today: list[AgendaItem],
        upcoming: list[AgendaItem],
        waiting: list[AgendaItem] | None = None,
    ) -> None:
        self.day = day
        self.overdue = overdue
        self.today = today
        self.upcoming = upcoming
        self.waiting = [] if waiting is None else waiting

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "overdue": [i.as_dict() for i in self.overdue],
            "today": [i.as_dict() for i in self.today],
            "upcoming": [i.as_dict() for i in self.upcoming],
            "waiting": [i.as_dict() for i in self.waiting],
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
                        waiting_for=waiting_for_stored(doc, item),
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
    """Sort open items into overdue / today / upcoming (the next ``days`` days), and the
    ones blocked on someone else, due by the last of those days, into waiting."""
    last = day + timedelta(days=days)
    keyed = sorted(((i.due_at, i.company.casefold(), i) for i in items), key=lambda t: t[:2])
    agenda = Agenda(day, [], [], [], [])
    for due, _, item in keyed:
        on = due.date()
        if item.waiting_for:
            if on <= last:
                agenda.waiting.append(item)
        elif on < day:
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


def waiting_words(due: datetime, now: datetime) -> str:
    """When a waiting item is due, never as lateness (it is not late: it cannot be done yet):
    'due Mon 23 Nov' once past (the year when it differs), 'due today 09:00', else as ahead
    ('tomorrow 09:00'). ``due`` and ``now`` are local wall times."""
    due, now = due.replace(tzinfo=None), now.replace(tzinfo=None)
    if due >= now:
        return relative_words(due, now)
    if due.date() == now.date():
        return f"due today {due:%H:%M}"
    year = f" {due.year}" if due.year != now.year else ""
    return f"due {DAY_NAMES[due.weekday()]} {due.day} {MONTH_NAMES[due.month - 1]}{year}"


def waiting_note(title: str, waiting: str | None) -> str:
    """'waiting for Sam Ortiz's answer' for a waiting item whose title does not say so
    already (a thank-you's title does: 'Thank-you to Dana (wait for Sam Ortiz's answer)')."""
    if not waiting or waiting in title:
        return ""
    return f"waiting for {waiting}"
