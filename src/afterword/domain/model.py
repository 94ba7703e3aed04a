"""What Afterword knows about an interview: the people, the debrief, the follow-ups, the drafts.

Plain dataclasses with the fields and values of the data format (docs/data-format.md). Each
record keeps the keys it does not know in ``extra`` so that a round trip loses nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from afterword.domain.words import fold_name

STATUSES: Final = ("active", "offer", "accepted", "rejected", "withdrawn", "cold")
CLOSED_STATUSES: Final = frozenset({"accepted", "rejected", "withdrawn", "cold"})
INTEREST: Final = ("yes", "no", "unsure")
DIRECT_CONTACT: Final = ("ask", "allowed", "forward")
FOLLOW_UP_KINDS: Final = (
    "thank_you",
    "recruiter_debrief",
    "ask_recruiter",
    "find_email",
    "check_in",
    "custom",
)
FOLLOW_UP_SOURCES: Final = ("rules", "user")
DRAFT_STATES: Final = ("draft", "queued", "sending", "sent", "unknown")
# The years a date in a record may fall in: room for any interview, and for the schedule's
# arithmetic (business days, weeks ahead) to stay far from the end of Python's calendar.
YEARS: Final = range(1900, 3000)


def random_id() -> str:
    """16 random hex digits (64 bits): two alike among a million ids is a one in 30 million
    chance (8 digits collided at 20,000 interviews). Commands take any unique prefix.

    ``os.urandom`` rather than ``secrets``: an id needs no more, and `afterword today` must not
    pay for importing the crypto modules.
    """
    return os.urandom(8).hex()


# Where new ids come from; a test puts a predictable source here to force a clash.
id_source: Callable[[], str] = random_id


def new_id(taken: Container[str] = ()) -> str:
    """A new id that is not in ``taken`` (the ids of the database it is made for, when known;
    the repository checks every record it saves as well)."""
    while True:
        candidate = id_source()
        if candidate not in taken:
            return candidate


@dataclass
class Person:
    """Someone the user met at the interview."""

    name: str
    title: str = ""
    email: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""


@dataclass
class Recruiter:
    """The recruitment consultant who arranged the interview, if any."""

    name: str
    agency: str = ""
    email: str = ""
    phone: str = ""
    direct_contact: str = "ask"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Debrief:
    """What the user wrote down right after the interview."""

    tone: str = ""
    focus: str = ""
    went_well: str = ""
    went_poorly: str = ""
    next_steps: str = ""
    decision_by: date | None = None
    still_interested: str = "yes"
    remember: str = ""
    reinforce: str = ""
    recoup: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class FollowUp:
    """Something the user owes someone, due at a time.

    ``source`` says who made it: ``rules`` (the schedule rules, which may move it when the
    interview changes) or ``user`` (kept as it is). ``snoozed`` marks one the user moved by hand.
    ``reason`` says why a cancelled one was cancelled ("the lead is cold").
    """

    kind: str
    due: datetime
    title: str = ""
    person: str = ""
    id: str = field(default_factory=new_id)
    done_at: datetime | None = None
    cancelled: bool = False
    reason: str = ""
    source: str = "rules"
    snoozed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.done_at is None and not self.cancelled


@dataclass
class Draft:
    """An email being written, and where it stands in the outbox.

    ``person`` names whom it is for (an interviewer, or the recruiter); ``message_id`` is fixed
    when the draft is queued, so a second attempt can never become a second, different email.
    ``edited`` says the user changed the text the template wrote (regenerating asks first);
    ``outdated`` that such a draft was written before the debrief or the profile changed (an
    unedited one is written again instead).
    """

    template: str = "thank-you"
    person: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    state: str = "draft"
    sent_at: datetime | None = None
    message_id: str = ""
    edited: bool = False
    outdated: bool = False
    id: str = field(default_factory=new_id)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_sent(self) -> bool:
        return self.state == "sent"


@dataclass
class Conflict:
    """A field both copies of a record changed, to two values: the record keeps its own (local)
    value and this holds the other copy's until the user chooses.

    ``path`` names the field: ``status``, ``debrief.notes``, ``follow_ups[<id>].due``;
    ``theirs`` is the other copy's value as plain JSON (None where it had none); ``at`` is when
    the merge found it.
    """

    path: str
    theirs: Any
    at: datetime
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Interview:
    """One interview (one round of an application) and everything that follows from it."""

    company: str
    when: datetime
    role: str = ""
    stage: str = ""
    where: str = ""
    interviewers: list[Person] = field(default_factory=list)
    recruiter: Recruiter | None = None
    debrief: Debrief = field(default_factory=Debrief)
    status: str = "active"
    replied_at: datetime | None = None
    follow_ups: list[FollowUp] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    # Raised by one at each save that changes the record (the repository does it), so that two
    # copies of the database can be merged record by record.
    rev: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def lead_key(self) -> tuple[str, str]:
        """Rounds with the same company and role (case and spacing ignored) are one lead."""
        return (fold_name(self.company), fold_name(self.role))

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def open_follow_ups(self) -> list[FollowUp]:
        return [f for f in self.follow_ups if f.is_open]

    def draft(self, draft_id: str) -> Draft | None:
        """The draft with that id, or None when it is gone (deleted, or written again)."""
        return next((d for d in self.drafts if d.id == draft_id), None)
