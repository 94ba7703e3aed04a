"""What the lists, the counts and the calendar show of one interview, kept for each of them.

With 10,000 interviews the records themselves (debriefs, drafts, every follow-up done) stay
in the file and are decoded when one is opened; a ``Summary`` is the little the app shows of
every one at once: names, times, the open follow-ups and their agenda lines, the marks.
It is made from the whole record (``summarize``) and made again whenever the record changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from afterword.domain.agenda import AgendaItem, open_items
from afterword.domain.follow_up_rules import waiting_for
from afterword.domain.model import FollowUp, Interview
from afterword.domain.records import interview_to_dict
from afterword.domain.schedule import last_heard


class Summary:
    """One interview as the lists see it (``summarize`` makes it; never changed after)."""

    __slots__ = (
        "agency",
        "company",
        "conflicts",
        "emails",
        "has_drafts",
        "heard",
        "id",
        "interviewers",
        "items",
        "lead_key",
        "open_follow_ups",
        "owes_thank_you",
        "recruiter",
        "role",
        "stage",
        "status",
        "waits",
        "when",
    )

    id: str
    company: str
    role: str
    stage: str
    status: str
    when: datetime
    lead_key: tuple[str, str]
    conflicts: int  # fields changed on another machine too (0: none)
    owes_thank_you: bool  # a thank-you still to send
    has_drafts: bool  # an unsent draft
    heard: datetime  # the latest thing that happened in this round (schedule.last_heard)
    interviewers: tuple[str, ...]  # their names
    emails: tuple[tuple[str, str], ...]  # (name, address) of each interviewer with one
    recruiter: str  # the recruiter's name, or ""
    agency: str
    open_follow_ups: tuple[FollowUp, ...]  # not done, not cancelled (the record's: read only)
    waits: tuple[str | None, ...]  # what each of them waits for (rule 8), or None
    items: tuple[AgendaItem, ...]  # the agenda's lines of the open follow-ups

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def waiting_for(self, item: FollowUp) -> str | None:
        """What one of its open follow-ups waits for (``follow_up_rules.waiting_for``)."""
        for mine, waits in zip(self.open_follow_ups, self.waits, strict=True):
            if mine.id == item.id:
                return waits
        return None

    def next_follow_up(self) -> FollowUp | None:
        """The open follow-up due first, or None."""
        return due_first(self.open_follow_ups)

    def __repr__(self) -> str:
        return f"<Summary {self.id} {self.company!r}>"


def due_first(follow_ups: Iterable[FollowUp]) -> FollowUp | None:
    """The follow-up due first (by its wall time), or None."""
    return min(follow_ups, key=lambda f: f.due.replace(tzinfo=None), default=None)


def summarize(interview: Interview) -> Summary:
    """The ``Summary`` of ``interview`` (it keeps the open follow-ups' objects, no more)."""
    s = Summary()
    s.id = interview.id
    s.company = interview.company
    s.role = interview.role
    s.stage = interview.stage
    s.status = interview.status
    s.when = interview.when
    s.lead_key = interview.lead_key
    s.conflicts = len(interview.conflicts)
    open_ones = interview.open_follow_ups()
    s.owes_thank_you = any(f.kind == "thank_you" for f in open_ones)
    s.has_drafts = any(d.state == "draft" for d in interview.drafts)
    s.heard = last_heard(interview)
    s.interviewers = tuple(p.name for p in interview.interviewers)
    s.emails = tuple((p.name, p.email) for p in interview.interviewers if p.email)
    recruiter = interview.recruiter
    s.recruiter = recruiter.name if recruiter is not None else ""
    s.agency = recruiter.agency if recruiter is not None else ""
    s.open_follow_ups = tuple(open_ones)
    s.waits = tuple(waiting_for(interview, f) for f in open_ones)
    s.items = tuple(open_items([interview_to_dict(interview)])) if open_ones else ()
    return s


def active_leads(summaries: Iterable[Summary]) -> int:
    """How many applications (company and role) have an active round."""
    return len({s.lead_key for s in summaries if s.is_active})


def quiet_leads(summaries: Iterable[Summary], now: datetime, days: int) -> list[tuple[str, int]]:
    """Active leads where nothing has happened for ``days`` days or more, as (company, days
    quiet), the quietest first: the ones to warm up or let go."""
    latest: dict[tuple[str, str], tuple[datetime, str]] = {}
    for summary in summaries:
        if not summary.is_active:
            continue
        seen = latest.get(summary.lead_key)
        if seen is None or summary.heard > seen[0]:
            latest[summary.lead_key] = (summary.heard, summary.company)
    today = now.replace(tzinfo=None)
    quiet = [
        (company, (today - heard).days)
        for heard, company in latest.values()
        if (today - heard).days >= days
    ]
    return sorted(quiet, key=lambda q: (-q[1], q[0].casefold()))
