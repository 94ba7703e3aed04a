"""The schedule: an interview's follow-ups kept in line with the rules, and what a person's
action changes.

Pure functions of an interview, the settings and ``now`` (docs/schedule.md has the rules in
words). Which follow-ups the rules call for is ``follow_up_rules``; here they are stored for a
new interview, brought in line after a change (``reschedule``), marked done, snoozed, cancelled
by a reply or a closed lead (rules 5–7), and counted across a lead's rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from afterword.domain.follow_up_rules import (
    DEFAULT,
    add_business_days,
    check_in_person,
    check_in_title,
    replied,
    wanted_follow_ups,
)
from afterword.domain.model import CLOSED_STATUSES, FollowUp, Interview
from afterword.domain.settings import ScheduleSettings
from afterword.domain.words import day_time, in_words, joined_parts, long_day, plural


@dataclass
class Outcome:
    """What an action did, in sentences for the user, and whether to offer the close-out."""

    messages: list[str] = field(default_factory=list)
    suggest_close_out: bool = False


# ---------------------------------------------------------------- in line with the rules


def schedule_follow_ups(
    interview: Interview, settings: ScheduleSettings = DEFAULT
) -> list[FollowUp]:
    """The follow-ups of a new interview (or an imported one without ``follow_ups``)."""
    return wanted_follow_ups(interview, settings)


def reschedule(
    interview: Interview, now: datetime, settings: ScheduleSettings = DEFAULT
) -> list[str]:
    """Bring the open follow-ups the rules made in line with the interview as it is now.

    Done, cancelled, snoozed and user-made follow-ups stay as they are (a check-in still goes
    to the recruiter once there is one). One that the change makes unnecessary is cancelled
    with its reason, never marked done; a closed lead cancels what no longer makes sense.
    Returns what changed, in sentences ("Moved …", "Added …", "Cancelled …").
    """
    if interview.status in CLOSED_STATUSES:
        count = cancel_for_closed_lead(interview)
        return (
            [f"Cancelled {plural(count, 'follow-up')}: {_closed_reason(interview)}"]
            if count
            else []
        )
    changes: list[str] = []
    wanted = wanted_follow_ups(interview, settings)
    has_check_in = any(f.kind == "check_in" for f in interview.follow_ups)
    check_ins = [f for f in interview.follow_ups if f.kind == "check_in" and not f.cancelled]
    kept: list[FollowUp] = []
    claimed: set[tuple[str, str]] = set()
    for item in interview.follow_ups:
        movable = item.is_open and item.source == "rules" and not item.snoozed
        if item.kind == "check_in":
            # Only the first check-in is the schedule's; later ones come from marking one done.
            movable = movable and len(check_ins) == 1
            _check_in_through(interview, item, changes)
        key = _rule_key(item)
        match = next((w for w in wanted if _rule_key(w) == key), None)
        if match is not None:
            claimed.add(key)
            if _reopens(item):  # cancelled for the routing, and wanted again
                item.cancelled, item.reason = False, ""
                item.due = match.due
                changes.append(f"Back: {item.title}, due {day_time(item.due)}")
        if not movable:
            kept.append(item)
            continue
        if match is None:
            if item.kind == "check_in":
                kept.append(item)  # cancelled by rule 6 elsewhere, never silently dropped
                continue
            if item.kind == "ask_recruiter" and interview.recruiter is not None:
                item.done_at = now  # their answer is recorded: that was the question's end
                kept.append(item)
                changes.append(f"Done: {item.title}")
                continue
            reason = _not_needed(interview, item)
            if reason is None:
                changes.append(f"Removed: {item.title}")
                continue
            if item.kind == "find_email" and reason == "":
                item.done_at = now  # the address is there: it was found
                kept.append(item)
                changes.append(f"Done: {item.title}")
                continue
            item.cancelled, item.reason = True, reason
            kept.append(item)
            changes.append(f"Cancelled: {item.title} ({reason})")
            continue
        if match.due != item.due:
            changes.append(f"Moved: {item.title}, now due {day_time(match.due)}")
            item.due = match.due
        item.title, item.person = match.title, match.person
        kept.append(item)
    for want in wanted:
        key = _rule_key(want)
        if key in claimed or (want.kind == "check_in" and has_check_in):
            continue
        kept.append(want)
        changes.append(f"Added: {want.title}, due {day_time(want.due)}")
    interview.follow_ups = kept
    return changes


def _rule_key(item: FollowUp) -> tuple[str, str]:
    """Which rule made a follow-up: its kind, and its person for the one-per-interviewer kinds
    (the recruiter's and the check-in follow the recruiter or interviewer of the day)."""
    if item.kind in ("recruiter_debrief", "ask_recruiter", "check_in"):
        return (item.kind, "")
    return (item.kind, item.person)


def _check_in_through(interview: Interview, item: FollowUp, changes: list[str]) -> None:
    """An open check-in of the rules goes to the recruiter once there is one (rule 2)."""
    person = check_in_person(interview)
    if item.is_open and item.source == "rules" and person and item.person != person:
        item.person = person
        changes.append(f"Now through {person}: {item.title}")


def _not_needed(interview: Interview, item: FollowUp) -> str | None:
    """Why a follow-up of the rules is no longer needed: the reason to cancel it with, "" for a
    `find_email` whose address is now known (found: done), or None when its person is gone."""
    recruiter = interview.recruiter
    if item.kind == "ask_recruiter":
        return "there is no recruiter any more"
    if item.kind != "find_email":
        return None
    person = next((p for p in interview.interviewers if p.name == item.person), None)
    if person is None:
        return None
    if person.email:
        return ""
    if recruiter is not None and recruiter.direct_contact == "forward":
        return f"{recruiter.name} forwards the thank-yous"
    if recruiter is not None:
        return f"ask {recruiter.name} first whether you may write directly"
    return None


def _reopens(item: FollowUp) -> bool:
    """A find_email cancelled because the thank-yous went through the recruiter comes back
    when the user may write directly again (a lead's closing is undone only by undo)."""
    return (
        item.cancelled
        and item.kind == "find_email"
        and item.source == "rules"
        and bool(item.reason)
        and not item.reason.startswith(CLOSED_REASON)
    )


# ---------------------------------------------------------------- what a person does


def _find(interview: Interview, follow_up_id: str) -> FollowUp:
    for item in interview.follow_ups:
        if item.id == follow_up_id:
            return item
    raise KeyError(follow_up_id)


def cancel_open_check_ins(interview: Interview, reason: str = "they replied") -> int:
    """Rule 6: cancel every open check-in, saying why; returns how many."""
    count = 0
    for item in interview.follow_ups:
        if item.kind == "check_in" and item.is_open:
            item.cancelled, item.reason = True, reason
            count += 1
    return count


# What closing a lead cancels (rule 6); a follow-up of the user's own stays: they made it for
# a reason the rules do not know (a portfolio link to send, a reference to thank).
CLOSED_LEAD_KINDS = ("thank_you", "recruiter_debrief", "ask_recruiter", "find_email", "check_in")
CLOSED_REASON = "the lead is "


def _closed_reason(interview: Interview) -> str:
    return f"{CLOSED_REASON}{interview.status}"


def cancel_for_closed_lead(interview: Interview) -> int:
    """Rule 6: cancel the open follow-ups a closed round no longer needs; returns how many."""
    count = 0
    for item in interview.follow_ups:
        if item.is_open and item.kind in CLOSED_LEAD_KINDS:
            item.cancelled, item.reason = True, _closed_reason(interview)
            count += 1
    return count


def done_early(item: FollowUp, now: datetime) -> bool:
    """Marking this done now would be more than a day early for a check-in (rule 5): ask first.
    Counted in calendar days, so the day before it is due is not early."""
    return item.kind == "check_in" and item.is_open and (item.due.date() - now.date()).days > 1


def due_ahead(item: FollowUp, now: datetime, company: str = "") -> str:
    """'Check in about the decision (Elena Rossi, Ridgeback Security) is due Friday
    4 December, in 7 days': which one, of whom, and when."""
    days = (item.due.date() - now.date()).days
    day = long_day(item.due.date(), now.date())
    who = joined_parts(item.person, company, sep=", ")
    what = f"{item.title} ({who})" if who else item.title
    return f"{what} is due {day}, in {plural(days, 'day')}"


def early_question(item: FollowUp, now: datetime, company: str = "") -> str:
    """The question asked before marking a check-in done early."""
    return f"{due_ahead(item, now, company)}. Mark it done already?"


def mark_done(
    interview: Interview,
    follow_up_id: str,
    now: datetime,
    settings: ScheduleSettings = DEFAULT,
) -> Outcome:
    """Mark one follow-up done; a check-in done with no reply brings the next (rule 5)."""
    item = _find(interview, follow_up_id)
    outcome = Outcome()
    if not item.is_open:
        state = "cancelled" if item.cancelled else "done already"
        outcome.messages.append(f"{item.title} is {state}; nothing changed.")
        return outcome
    item.done_at = now
    end = "" if item.title.endswith((".", "?", "!")) else "."  # "…: still interested?"
    outcome.messages.append(f"Done: {item.title}{end}")
    if item.kind != "check_in" or replied(interview) or not interview.is_active:
        return outcome
    made = sum(1 for f in interview.follow_ups if f.kind == "check_in" and not f.cancelled)
    if made >= settings.check_in_max:
        outcome.suggest_close_out = True
        outcome.messages.append(
            f"That was the last check-in with {interview.company}: consider marking it cold "
            "and sending a gracious close-out note."
        )
        return outcome
    # Rule 5: from the later of the day it was done and the day it was due (done early, the
    # next one still waits its full interval after the due day).
    start = max(now.date(), item.due.date())
    day = add_business_days(start, settings.check_in_repeat_business_days)
    due = datetime.combine(day, time(settings.check_in_hour), tzinfo=now.tzinfo)
    nxt = FollowUp(
        kind="check_in",
        due=due,
        title=check_in_title(interview, made + 1),
        person=item.person,
    )
    interview.follow_ups.append(nxt)
    outcome.messages.append(f"Next check-in: {in_words(due)}.")
    return outcome


def snooze(interview: Interview, follow_up_id: str, due: datetime) -> Outcome:
    """Move one open follow-up to ``due``; the rules will not move it again."""
    item = _find(interview, follow_up_id)
    if not item.is_open:
        return Outcome([f"{item.title} is not open; nothing changed."])
    item.due = due
    item.snoozed = True
    return Outcome([f"Snoozed: {item.title}, now due {in_words(due)}."])


def record_reply(interview: Interview, now: datetime) -> Outcome:
    """They answered: rule 6 cancels the open check-ins. A second reply keeps the first time."""
    if interview.replied_at is not None:
        cancel_open_check_ins(interview)
        return Outcome([f"Their reply was recorded already ({day_time(interview.replied_at)})."])
    interview.replied_at = now
    count = cancel_open_check_ins(interview)
    if not count:
        return Outcome([f"Reply recorded for {interview.company}."])
    return Outcome(
        [f"Reply recorded for {interview.company}; {plural(count, 'check-in')} cancelled."]
    )


def change_status(interview: Interview, status: str) -> Outcome:
    """Record the status of one round as it stood, before its past is filled in (the demo
    builds its sample interviews so): any status but ``active`` was their answer, which
    cancels the open check-ins as a reply does. A person closing a lead goes through
    ``change_lead_status``, which applies rule 6 to every round."""
    interview.status = status
    outcome = Outcome([f"{interview.company} is now {status}."])
    if status != "active":
        why = "they made an offer" if status == "offer" else f"{CLOSED_REASON}{status}"
        count = cancel_open_check_ins(interview, why)
        if count:
            outcome.messages.append(f"{plural(count, 'open check-in')} cancelled.")
    return outcome


def change_lead_status(rounds: list[Interview], status: str) -> Outcome:
    """Set the status of ``rounds[0]``; closing it closes its lead (rule 6).

    ``rounds`` are the rounds of one lead, the one chosen first. A closed status (`cold`,
    `rejected`, `withdrawn`, `accepted`) goes to every round not closed yet, and each round's
    open follow-ups that no longer make sense are cancelled with the reason. `offer` keeps
    them; `active` brings none back by itself (undo does).
    """
    chosen = rounds[0]
    chosen.status = status
    outcome = Outcome([f"{chosen.company} is now {status}."])
    if status not in CLOSED_STATUSES:
        closed = sum(1 for i in rounds for f in i.follow_ups if f.reason.startswith(CLOSED_REASON))
        if status == "active" and closed:  # rule 6: reopening brings nothing back by itself
            outcome.messages.append(
                f"{plural(closed, 'follow-up')} cancelled when it closed "
                f"{'stays' if closed == 1 else 'stay'} cancelled; a adds what is still to do."
            )
        return outcome
    count = cancel_for_closed_lead(chosen)
    also = 0
    for other in rounds[1:]:
        if other.status not in CLOSED_STATUSES:
            other.status = status
            also += 1
        count += cancel_for_closed_lead(other)
    if also:
        outcome.messages[0] = (
            f"{chosen.company} is now {status}, with its {plural(also, 'other round')}."
        )
    if count:
        outcome.messages.append(
            f"Cancelled {plural(count, 'open follow-up')}: {_closed_reason(chosen)}."
        )
    return outcome


def record_direct_contact(
    interview: Interview, answer: str, now: datetime, settings: ScheduleSettings = DEFAULT
) -> list[str]:
    """The recruiter's answer to 'may I write to them directly?': reroutes the thank-yous."""
    if interview.recruiter is None:
        return []
    interview.recruiter.direct_contact = answer
    return reschedule(interview, now, settings)


def record_address(
    interview: Interview,
    name: str,
    address: str,
    now: datetime,
    settings: ScheduleSettings = DEFAULT,
) -> str:
    """Keep an interviewer's address; the follow-up to find it is then done (rules 1–3 again).
    Returns what happened, in a sentence."""
    person = next((p for p in interview.interviewers if p.name == name), None)
    if person is None:
        return f"{name} is no longer among the interviewers; nothing changed."
    person.email = address
    changes = reschedule(interview, now, settings)
    done = [c for c in changes if c.startswith("Done: ")]
    return f"Kept {address} for {name}." + (f" {done[0]}." if done else "")


def add_custom(interview: Interview, title: str, due: datetime, person: str = "") -> FollowUp:
    item = FollowUp(kind="custom", due=due, title=title, person=person, source="user")
    interview.follow_ups.append(item)
    return item


# ---------------------------------------------------------------- leads (rule 7)


def cancel_earlier_rounds(saved: Interview, others: list[Interview]) -> list[Interview]:
    """Rule 7: a later round of the same lead counts as their reply to the earlier rounds."""
    changed = []
    for other in others:
        if other.id == saved.id or other.lead_key != saved.lead_key:
            continue
        if _naive(other.when) < _naive(saved.when) and cancel_open_check_ins(
            other, "a later round counts as their reply"
        ):
            changed.append(other)
    return changed


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def last_heard(interview: Interview) -> datetime:
    """The latest thing that happened in one round: the interview, a follow-up done, an email
    sent, their reply (local wall time)."""
    moments = [interview.when, *(f.done_at for f in interview.follow_ups if f.done_at)]
    moments += [d.sent_at for d in interview.drafts if d.sent_at]
    if interview.replied_at is not None:
        moments.append(interview.replied_at)
    return max(_naive(m) for m in moments)
