"""Which follow-ups an interview calls for: rules 1–4 and 8 of docs/schedule.md.

Pure functions of an interview and the settings: the thank-yous, the recruiter's call and
question, finding an address, the first check-in and its due time, and what an item waits for.
``schedule`` keeps the stored follow-ups in line with them. T is the interview's ``when``;
business days are Monday to Friday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from afterword.domain.agenda import blocked_on
from afterword.domain.decision import decision_day
from afterword.domain.model import CLOSED_STATUSES, FollowUp, Interview, Person
from afterword.domain.settings import ScheduleSettings

DEFAULT = ScheduleSettings()


def add_business_days(day: date, n: int) -> date:
    """``day`` plus ``n`` Monday-Friday days; n=0 returns ``day`` as is, even on a weekend."""
    if n < 0:
        raise ValueError("n must be zero or more")
    if n == 0:
        return day
    if day.weekday() > 4:  # from a weekend, counting starts as if from Friday
        day -= timedelta(days=day.weekday() - 4)
    weeks, rest = divmod(n, 5)
    day += timedelta(weeks=weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


def in_work_hours(moment: datetime, settings: ScheduleSettings = DEFAULT) -> datetime:
    """``moment``, or the next ``work_day_start`` when it falls at night (rule 3: a deadline
    to find an address is never 02:00)."""
    start = settings.work_day_start
    if moment.hour >= settings.work_day_end:
        day = moment.date() + timedelta(days=1)
    elif moment.hour < start:
        day = moment.date()
    else:
        return moment
    return datetime.combine(day, time(start), tzinfo=moment.tzinfo)


def may_write_directly(interview: Interview) -> bool:
    recruiter = interview.recruiter
    return recruiter is None or recruiter.direct_contact == "allowed"


def waiting_for(interview: Interview, follow_up: FollowUp) -> str | None:
    """Rule 8: what ``follow_up`` waits for ("Sam Ortiz's answer"), or None when nothing
    blocks it. A waiting item is listed apart, never overdue (``agenda.blocked_on`` is the
    rule, shared with the stored form that `afterword today` reads)."""
    recruiter = interview.recruiter
    reason = blocked_on(
        follow_up.kind,
        None if recruiter is None else recruiter.name,
        None if recruiter is None else recruiter.direct_contact,
    )
    return reason or None


def _thank_you_title(interview: Interview, person: Person) -> str:
    recruiter = interview.recruiter
    if recruiter is None or recruiter.direct_contact == "allowed":
        return f"Thank-you to {person.name}"
    if recruiter.direct_contact == "forward":
        return f"Thank-you to {person.name}, via {recruiter.name}"
    waits = blocked_on("thank_you", recruiter.name, "ask")
    return f"Thank-you to {person.name} (wait for {waits})"


def check_in_person(interview: Interview) -> str:
    if interview.recruiter is not None:
        return interview.recruiter.name
    return interview.interviewers[0].name if interview.interviewers else ""


def check_in_title(interview: Interview, number: int) -> str:
    nth = "" if number == 1 else f" ({_ordinal(number)})"
    return f"Check in about the decision{nth}"


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def first_check_in_due(interview: Interview, settings: ScheduleSettings = DEFAULT) -> datetime:
    """Rule 4: the decision date + 2 business days, else T's date + 5 business days, at 09:00.
    The decision date is *Decision by*, else the one date the next steps name, read from T."""
    decision = decision_day(interview.debrief, interview.when)
    if decision is not None:
        day = add_business_days(decision.day, settings.check_in_business_days)
    else:
        day = add_business_days(interview.when.date(), settings.check_in_without_decision_days)
    due = datetime.combine(day, time(settings.check_in_hour))
    if interview.when.tzinfo is not None:
        due = due.replace(tzinfo=interview.when.tzinfo)
    return due


def wanted_follow_ups(interview: Interview, settings: ScheduleSettings = DEFAULT) -> list[FollowUp]:
    """Rules 1–4: the follow-ups this interview calls for now, fresh (not yet stored).
    A closed lead calls for none (rule 6)."""
    t = interview.when
    out: list[FollowUp] = []
    if interview.status in CLOSED_STATUSES:
        return out
    recruiter = interview.recruiter
    if recruiter is not None:
        out.append(
            FollowUp(
                kind="recruiter_debrief",
                due=t + timedelta(hours=settings.recruiter_debrief_hours),
                title=f"Debrief call with {recruiter.name}: still interested?",
                person=recruiter.name,
            )
        )
        if recruiter.direct_contact == "ask":
            out.append(
                FollowUp(
                    kind="ask_recruiter",
                    due=t + timedelta(hours=settings.ask_recruiter_hours),
                    title=f"Ask {recruiter.name} if you may write to them directly",
                    person=recruiter.name,
                )
            )
    for person in interview.interviewers:
        if not person.email and may_write_directly(interview):
            out.append(
                FollowUp(
                    kind="find_email",
                    due=in_work_hours(t + timedelta(hours=settings.find_email_hours), settings),
                    title=f"Find {person.name}'s email address",
                    person=person.name,
                )
            )
    for person in interview.interviewers:
        out.append(
            FollowUp(
                kind="thank_you",
                due=t + timedelta(hours=settings.thank_you_hours),
                title=_thank_you_title(interview, person),
                person=person.name,
            )
        )
    if interview.is_active and not replied(interview):
        out.append(
            FollowUp(
                kind="check_in",
                due=first_check_in_due(interview, settings),
                title=check_in_title(interview, 1),
                person=check_in_person(interview),
            )
        )
    return sorted(out, key=lambda f: f.due)


def replied(interview: Interview) -> bool:
    return interview.replied_at is not None
