"""The schedule rules, one by one, with a fixed clock (docs/schedule.md)."""

from __future__ import annotations

import copy
from datetime import date, datetime

import pytest

from afterword.domain.model import Debrief, FollowUp, Interview, Person, Recruiter
from afterword.domain.schedule import (
    add_custom,
    cancel_earlier_rounds,
    change_lead_status,
    change_status,
    done_early,
    early_question,
    mark_done,
    record_address,
    record_direct_contact,
    record_reply,
    reschedule,
    schedule_follow_ups,
    snooze,
)
from afterword.domain.settings import ScheduleSettings
from afterword.domain.summary import active_leads, quiet_leads, summarize

T = datetime(2026, 11, 24, 14, 0)  # a Tuesday afternoon
DANA = Person("Dana Whitfield", "Eng Manager", "dana@acme.example")
LEE = Person("Lee Park", "Staff Engineer", "")


def interview(
    *people: Person,
    recruiter: Recruiter | None = None,
    decision: date | None = None,
    when: datetime = T,
) -> Interview:
    item = Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=when,
        interviewers=[copy.copy(p) for p in people],  # a test may record an address
        recruiter=recruiter,
        debrief=Debrief(decision_by=decision),
    )
    item.follow_ups = schedule_follow_ups(item)
    return item


def kinds(item: Interview) -> list[tuple[str, str, datetime]]:
    return sorted((f.kind, f.person, f.due) for f in item.follow_ups if f.is_open)


def only(item: Interview, kind: str) -> FollowUp:
    found = [f for f in item.follow_ups if f.kind == kind and f.is_open]
    assert len(found) == 1, found
    return found[0]


def test_direct_interview_one_thank_you_each_and_a_check_in() -> None:
    item = interview(DANA, Person("Ravi Iyer", "CTO", "ravi@acme.example"))
    assert kinds(item) == [
        ("check_in", "Dana Whitfield", datetime(2026, 12, 1, 9)),  # Tue + 5 business days
        ("thank_you", "Dana Whitfield", datetime(2026, 11, 25, 14)),
        ("thank_you", "Ravi Iyer", datetime(2026, 11, 25, 14)),
    ]
    assert all(f.source == "rules" for f in item.follow_ups)
    assert only(item, "check_in").title == "Check in about the decision"


def test_missing_address_without_recruiter_means_find_email() -> None:
    item = interview(DANA, LEE)
    find = only(item, "find_email")
    # T + 12 h is 02:00, at night: the deadline moves to 09:00 (rule 3)
    assert (find.person, find.due) == ("Lee Park", datetime(2026, 11, 25, 9))
    assert find.title == "Find Lee Park's email address"


def test_recruiter_asked_not_yet() -> None:
    sam = Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example", direct_contact="ask")
    item = interview(DANA, LEE, recruiter=sam)
    assert [k for k in kinds(item) if k[0] != "thank_you"] == [
        ("ask_recruiter", "Sam Ortiz", datetime(2026, 11, 24, 17)),
        ("check_in", "Sam Ortiz", datetime(2026, 12, 1, 9)),
        ("recruiter_debrief", "Sam Ortiz", datetime(2026, 11, 24, 17)),
    ]
    # no find_email while we may not write directly; the thank-yous wait for the answer
    thank_yous = [f for f in item.follow_ups if f.kind == "thank_you"]
    assert len(thank_yous) == 2
    assert all("wait for Sam Ortiz's answer" in f.title for f in thank_yous)


def test_recruiter_allowed_means_direct_thank_yous_and_find_email() -> None:
    sam = Recruiter("Sam Ortiz", direct_contact="allowed")
    item = interview(DANA, LEE, recruiter=sam)
    assert {f.kind for f in item.follow_ups} == {
        "recruiter_debrief",
        "find_email",
        "thank_you",
        "check_in",
    }
    assert only(item, "find_email").person == "Lee Park"
    assert {f.title for f in item.follow_ups if f.kind == "thank_you"} == {
        "Thank-you to Dana Whitfield",
        "Thank-you to Lee Park",
    }


def test_recruiter_forward_routes_thank_yous_through_them() -> None:
    sam = Recruiter("Sam Ortiz", direct_contact="forward")
    item = interview(DANA, LEE, recruiter=sam)
    assert "find_email" not in {f.kind for f in item.follow_ups}
    assert "ask_recruiter" not in {f.kind for f in item.follow_ups}
    titles = {f.title for f in item.follow_ups if f.kind == "thank_you"}
    assert titles == {
        "Thank-you to Dana Whitfield, via Sam Ortiz",
        "Thank-you to Lee Park, via Sam Ortiz",
    }


@pytest.mark.parametrize(
    ("decision", "check_in"),
    [
        (date(2026, 11, 26), datetime(2026, 11, 30, 9)),  # Thursday -> Monday
        (date(2026, 11, 27), datetime(2026, 12, 1, 9)),  # Friday -> Tuesday
        (date(2026, 11, 28), datetime(2026, 12, 1, 9)),  # Saturday -> Tuesday
        (None, datetime(2026, 12, 1, 9)),  # no date: T (Tue) + 5 business days
    ],
)
def test_first_check_in(decision: date | None, check_in: datetime) -> None:
    assert only(interview(DANA, decision=decision), "check_in").due == check_in


def test_interview_on_a_friday_afternoon() -> None:
    item = interview(DANA, LEE, when=datetime(2026, 11, 27, 16, 30))
    assert only(item, "find_email").due == datetime(2026, 11, 28, 9)  # not 04:30
    assert {f.due for f in item.follow_ups if f.kind == "thank_you"} == {
        datetime(2026, 11, 28, 16, 30)
    }
    assert only(item, "check_in").due == datetime(2026, 12, 4, 9)  # Fri + 5 business days


def test_settings_change_the_numbers() -> None:
    settings = ScheduleSettings(thank_you_hours=6, check_in_without_decision_days=3)
    item = Interview(company="Acme", when=T, interviewers=[DANA])
    made = schedule_follow_ups(item, settings)
    due = {f.kind: f.due for f in made}
    assert due["thank_you"] == datetime(2026, 11, 24, 20)
    assert due["check_in"] == datetime(2026, 11, 27, 9)


def test_second_and_last_check_in() -> None:
    item = interview(DANA, decision=date(2026, 11, 27))
    first = only(item, "check_in")
    outcome = mark_done(item, first.id, datetime(2026, 12, 1, 10))
    second = only(item, "check_in")
    assert second.due == datetime(2026, 12, 8, 9)  # 5 business days after Tue 1 Dec
    assert second.title.endswith("(second)")
    assert not outcome.suggest_close_out
    last = mark_done(item, second.id, datetime(2026, 12, 8, 9, 30))
    assert last.suggest_close_out
    assert "last check-in" in last.messages[-1]
    assert not [f for f in item.follow_ups if f.kind == "check_in" and f.is_open]


def test_check_in_max_is_a_setting() -> None:
    item = interview(DANA)
    settings = ScheduleSettings(check_in_max=1)
    assert mark_done(item, only(item, "check_in").id, T, settings).suggest_close_out


def test_marking_something_else_done_adds_nothing() -> None:
    item = interview(DANA)
    before = len(item.follow_ups)
    mark_done(item, only(item, "thank_you").id, T)
    assert len(item.follow_ups) == before
    again = mark_done(item, next(f for f in item.follow_ups if f.kind == "thank_you").id, T)
    assert "done already" in again.messages[0]


def test_the_done_message_ends_once_even_after_a_question() -> None:
    item = interview(DANA)
    item.follow_ups.append(FollowUp("custom", T, "Call Sam: still interested?"))
    item.follow_ups.append(FollowUp("custom", T, "Send the portfolio"))
    asked, plain = item.follow_ups[-2:]
    assert mark_done(item, asked.id, T).messages == ["Done: Call Sam: still interested?"]
    assert mark_done(item, plain.id, T).messages == ["Done: Send the portfolio."]


def test_a_reply_cancels_the_open_check_ins() -> None:
    item = interview(DANA)
    check_in = only(item, "check_in")
    record_reply(item, datetime(2026, 11, 26, 11))
    assert check_in.cancelled
    assert item.replied_at == datetime(2026, 11, 26, 11)
    assert only(item, "thank_you").is_open  # the thank-you is still owed
    assert reschedule(item, T) == []  # and the rules do not bring the check-in back
    again = record_reply(item, datetime(2026, 11, 27, 9))
    assert item.replied_at == datetime(2026, 11, 26, 11)
    assert "recorded already" in again.messages[0]


@pytest.mark.parametrize("status", ["accepted", "rejected", "withdrawn", "cold"])
def test_closing_a_lead_cancels_what_no_longer_makes_sense_saying_why(status: str) -> None:
    item = interview(DANA, LEE, recruiter=Recruiter("Sam Ortiz", direct_contact="allowed"))
    custom = add_custom(item, "Send the portfolio link", datetime(2026, 11, 30, 9))
    open_kinds = {f.kind for f in item.follow_ups if f.is_open}
    assert open_kinds == {"thank_you", "recruiter_debrief", "find_email", "check_in", "custom"}
    outcome = change_lead_status([item], status)
    assert item.status == status
    assert [f.title for f in item.follow_ups if f.is_open] == [custom.title]  # the user's own
    cancelled = [f for f in item.follow_ups if f.cancelled]
    assert len(cancelled) == 5 and {f.reason for f in cancelled} == {f"the lead is {status}"}
    assert outcome.messages == [
        f"Acme Robotics is now {status}.",
        f"Cancelled 5 open follow-ups: the lead is {status}.",
    ]


def test_an_offer_keeps_every_follow_up() -> None:
    item = interview(DANA, LEE, recruiter=Recruiter("Sam Ortiz"))
    before = [f.title for f in item.follow_ups if f.is_open]
    assert change_lead_status([item], "offer").messages == ["Acme Robotics is now offer."]
    assert [f.title for f in item.follow_ups if f.is_open] == before


def test_closing_one_round_closes_the_lead_with_every_round() -> None:
    first = interview(DANA)
    later = interview(LEE, when=datetime(2026, 12, 1, 10))
    other = Interview(company="Other Co", when=T, interviewers=[DANA])
    other.follow_ups = schedule_follow_ups(other)
    outcome = change_lead_status([later, first], "rejected")
    assert (first.status, later.status) == ("rejected", "rejected")
    assert not first.open_follow_ups() and not later.open_follow_ups()
    assert outcome.messages[0] == "Acme Robotics is now rejected, with its 1 other round."
    assert outcome.messages[1] == "Cancelled 5 open follow-ups: the lead is rejected."
    assert other.open_follow_ups()


def test_reopening_a_lead_brings_nothing_back_by_itself() -> None:
    item = interview(DANA)
    change_lead_status([item], "cold")
    outcome = change_lead_status([item], "active")
    assert outcome.messages == [
        "Acme Robotics is now active.",
        "2 follow-ups cancelled when it closed stay cancelled; a adds what is still to do.",
    ]
    assert not item.open_follow_ups()
    assert reschedule(item, T) == []  # an edit later does not either
    assert not item.open_follow_ups()


def test_editing_a_closed_lead_cancels_what_an_older_copy_left_open() -> None:
    item = interview(DANA)
    item.status = "withdrawn"  # as an import or an older version left it
    assert reschedule(item, T) == ["Cancelled 2 follow-ups: the lead is withdrawn"]
    assert not item.open_follow_ups()
    assert schedule_follow_ups(item) == []  # imported closed: nothing to do


def test_active_again_cancels_nothing() -> None:
    item = interview(DANA)
    change_status(item, "active")
    assert only(item, "check_in").is_open


def test_snooze_moves_and_protects_from_the_rules() -> None:
    item = interview(DANA)
    thank_you = only(item, "thank_you")
    snooze(item, thank_you.id, datetime(2026, 11, 26, 9))
    assert (thank_you.due, thank_you.snoozed) == (datetime(2026, 11, 26, 9), True)
    item.when = datetime(2026, 11, 24, 10)
    changes = reschedule(item, T)
    assert thank_you.due == datetime(2026, 11, 26, 9)
    assert not any(c.startswith("Moved: Check in") for c in changes)  # the same day still


def test_editing_when_moves_only_open_rule_made_follow_ups() -> None:
    item = interview(DANA, LEE)
    done = only(item, "find_email")
    mark_done(item, done.id, T)
    custom = add_custom(item, "Send the portfolio link", datetime(2026, 11, 30, 9), "Dana")
    item.when = datetime(2026, 11, 23, 10)  # Monday: it was earlier than first typed
    changes = reschedule(item, T)
    due = {(f.kind, f.person): f.due for f in item.follow_ups}
    assert due[("thank_you", "Dana Whitfield")] == datetime(2026, 11, 24, 10)
    assert due[("check_in", "Dana Whitfield")] == datetime(2026, 11, 30, 9)
    assert done.due == datetime(2026, 11, 25, 9) and done.done_at == T
    assert custom.due == datetime(2026, 11, 30, 9) and custom.source == "user"
    assert any(c.startswith("Moved: Thank-you to Dana Whitfield") for c in changes)


def test_editing_people_adds_and_removes_rule_made_items() -> None:
    item = interview(DANA, LEE)
    item.interviewers = [DANA, Person("Lee Park", email="lee@acme.example")]
    changes = reschedule(item, T)
    find = next(f for f in item.follow_ups if f.kind == "find_email")
    assert find.done_at == T  # the address was found
    item.interviewers = [DANA]
    changes = reschedule(item, T)
    assert "Removed: Thank-you to Lee Park" in changes
    item.interviewers.append(Person("Ravi Iyer", email="ravi@acme.example"))
    changes = reschedule(item, T)
    assert any(c.startswith("Added: Thank-you to Ravi Iyer") for c in changes)


def test_recording_the_recruiters_answer_reroutes() -> None:
    sam = Recruiter("Sam Ortiz", direct_contact="ask")
    item = interview(DANA, LEE, recruiter=sam)
    changes = record_direct_contact(item, "allowed", datetime(2026, 11, 24, 18))
    assert sam.direct_contact == "allowed"
    ask = next(f for f in item.follow_ups if f.kind == "ask_recruiter")
    assert ask.done_at == datetime(2026, 11, 24, 18)
    assert only(item, "find_email").person == "Lee Park"
    assert {f.title for f in item.follow_ups if f.kind == "thank_you"} == {
        "Thank-you to Dana Whitfield",
        "Thank-you to Lee Park",
    }
    assert any(c.startswith("Added: Find Lee Park") for c in changes)


def test_a_later_round_counts_as_their_reply() -> None:
    first = interview(DANA, when=datetime(2026, 11, 10, 10))
    other_role = interview(DANA, when=datetime(2026, 11, 11, 10))
    other_role.role = "Data Engineer"
    second = interview(DANA, when=T)
    second.company = "  acme   ROBOTICS "
    changed = cancel_earlier_rounds(second, [first, other_role, second])
    assert changed == [first]
    assert not [f for f in first.follow_ups if f.kind == "check_in" and f.is_open]
    assert only(other_role, "check_in").is_open
    assert only(second, "check_in").is_open
    # an earlier round saved later does not cancel the later round's check-in
    assert cancel_earlier_rounds(first, [first, second]) == []


def test_active_leads_count_applications() -> None:
    a1 = interview(DANA)
    a2 = interview(DANA, when=datetime(2026, 11, 25, 10))
    b = interview(DANA)
    b.company = "Bluefin"
    c = interview(DANA)
    c.company = "Cobalt"
    change_status(c, "rejected")
    assert active_leads(map(summarize, [a1, a2, b, c])) == 2


def test_a_lead_is_quiet_when_nothing_happened_for_the_set_days() -> None:
    old = interview(DANA, when=datetime(2026, 11, 1, 10))
    fresh = interview(DANA, when=datetime(2026, 11, 20, 10))
    fresh.company = "Bluefin"
    now = datetime(2026, 11, 25, 9)
    assert quiet_leads(map(summarize, [old, fresh]), now, 14) == [("Acme Robotics", 23)]
    # Anything done on it wakes it up: a follow-up done, an email sent, a reply.
    old.follow_ups[0].done_at = datetime(2026, 11, 20, 8)
    assert quiet_leads(map(summarize, [old, fresh]), now, 14) == []
    # A later round of the same lead counts for the whole lead; a closed lead is never quiet.
    old.follow_ups[0].done_at = None
    later = interview(DANA, when=datetime(2026, 11, 18, 10))
    assert quiet_leads(map(summarize, [old, later, fresh]), now, 14) == []
    change_status(old, "cold")
    assert quiet_leads(map(summarize, [old]), now, 14) == []


def test_recording_a_found_address_completes_find_email() -> None:
    item = interview(DANA, LEE)
    assert only(item, "find_email").person == "Lee Park"
    said = record_address(item, "Lee Park", "lee.park@acme.example", T)
    assert said == "Kept lee.park@acme.example for Lee Park. Done: Find Lee Park's email address."
    assert item.interviewers[1].email == "lee.park@acme.example"
    assert not [f for f in item.follow_ups if f.kind == "find_email" and f.is_open]
    assert record_address(item, "Nobody", "x@y.example", T).startswith("Nobody is no longer")


def test_a_check_in_done_early_counts_from_the_day_it_was_due() -> None:
    item = interview(DANA, decision=date(2026, 11, 27))
    first = only(item, "check_in")  # due Tue 1 Dec 09:00
    mark_done(item, first.id, datetime(2026, 11, 26, 17))  # five days early
    # 5 business days after Tue 1 Dec (the later of done and due), not after Thu 26 Nov
    assert only(item, "check_in").due == datetime(2026, 12, 8, 9)


def test_a_check_in_done_late_counts_from_the_day_it_was_done() -> None:
    item = interview(DANA, decision=date(2026, 11, 27))
    mark_done(item, only(item, "check_in").id, datetime(2026, 12, 3, 8))  # Thu, two days late
    assert only(item, "check_in").due == datetime(2026, 12, 10, 9)


@pytest.mark.parametrize(
    ("now", "early"),
    [
        (datetime(2026, 11, 27, 23, 59), True),  # Fri, 4 days before Tue 1 Dec
        (datetime(2026, 11, 29, 12), True),  # Sun, 2 days before
        (datetime(2026, 11, 30, 8), False),  # the day before
        (datetime(2026, 12, 1, 8), False),  # the day
        (datetime(2026, 12, 3, 8), False),  # late
    ],
)
def test_marking_a_check_in_done_more_than_a_day_early_asks_first(
    now: datetime, early: bool
) -> None:
    item = interview(DANA, decision=date(2026, 11, 27))
    assert done_early(only(item, "check_in"), now) is early
    assert not done_early(only(item, "thank_you"), datetime(2026, 11, 20))  # check-ins only


def test_the_early_question_names_the_item_and_the_day() -> None:
    item = interview(DANA, decision=date(2026, 11, 27))
    check_in = only(item, "check_in")
    assert early_question(check_in, datetime(2026, 11, 27, 10), item.company) == (
        f"Check in about the decision (Dana Whitfield, {item.company}) is due Tuesday "
        "1 December, in 4 days. Mark it done already?"
    )


def test_a_recruiter_added_later_who_forwards_cancels_find_email_never_done() -> None:
    item = interview(DANA, LEE)
    find = only(item, "find_email")
    item.recruiter = Recruiter("Maya Brooks", direct_contact="forward")
    changes = reschedule(item, datetime(2026, 11, 25, 8))
    assert find.cancelled and find.done_at is None
    assert find.reason == "Maya Brooks forwards the thank-yous"
    assert "Cancelled: Find Lee Park's email address (Maya Brooks forwards the thank-yous)" in (
        changes
    )


def test_a_check_in_goes_through_the_recruiter_added_later() -> None:
    item = interview(DANA, LEE)
    check_in = only(item, "check_in")
    assert check_in.person == "Dana Whitfield"
    item.recruiter = Recruiter("Maya Brooks", direct_contact="forward")
    changes = reschedule(item, T)
    assert [f.person for f in item.follow_ups if f.kind == "check_in"] == ["Maya Brooks"]
    assert check_in.is_open  # the same one, moved to the recruiter, not a second one
    assert "Now through Maya Brooks: Check in about the decision" in changes


def test_a_second_check_in_goes_through_the_recruiter_too() -> None:
    item = interview(DANA)
    mark_done(item, only(item, "check_in").id, datetime(2026, 12, 1, 10))
    item.recruiter = Recruiter("Maya Brooks", direct_contact="allowed")
    reschedule(item, T)
    assert only(item, "check_in").person == "Maya Brooks"


def test_a_find_email_cancelled_for_the_recruiter_comes_back_when_you_may_write() -> None:
    item = interview(DANA, LEE)
    item.recruiter = Recruiter("Maya Brooks", direct_contact="ask")
    reschedule(item, T)
    find = next(f for f in item.follow_ups if f.kind == "find_email")
    assert find.cancelled and find.reason == "ask Maya Brooks first whether you may write directly"
    record_direct_contact(item, "allowed", datetime(2026, 11, 24, 18))
    assert only(item, "find_email") is find and not find.reason
    ask = next(f for f in item.follow_ups if f.kind == "ask_recruiter")
    assert ask.done_at == datetime(2026, 11, 24, 18)  # answered: a real completion
    assert len([f for f in item.follow_ups if f.kind == "find_email"]) == 1


def test_the_recruiter_removed_cancels_the_question_to_them() -> None:
    item = interview(DANA, recruiter=Recruiter("Sam Ortiz"))
    ask = only(item, "ask_recruiter")
    item.recruiter = None
    reschedule(item, T)
    assert ask.cancelled and ask.done_at is None
    assert ask.reason == "there is no recruiter any more"


@pytest.mark.parametrize(
    ("when", "due"),
    [
        (datetime(2026, 11, 24, 14), datetime(2026, 11, 25, 9)),  # 02:00 -> 09:00
        (datetime(2026, 11, 24, 20), datetime(2026, 11, 25, 9)),  # 08:00 -> 09:00
        (datetime(2026, 11, 24, 21), datetime(2026, 11, 25, 9)),  # 09:00 stays
        (datetime(2026, 11, 24, 5), datetime(2026, 11, 24, 17)),  # 17:00 stays
        (datetime(2026, 11, 24, 6), datetime(2026, 11, 25, 9)),  # 18:00 is evening
        (datetime(2026, 11, 24, 11, 30), datetime(2026, 11, 25, 9)),  # 23:30 -> next 09:00
    ],
)
def test_finding_an_address_is_due_in_working_hours(when: datetime, due: datetime) -> None:
    assert only(interview(LEE, when=when), "find_email").due == due


def test_working_hours_are_settings() -> None:
    settings = ScheduleSettings(work_day_start=8, work_day_end=20)
    lee = Person("Lee Park")
    item = Interview(company="Acme", when=datetime(2026, 11, 24, 7), interviewers=[lee])
    made = {f.kind: f.due for f in schedule_follow_ups(item, settings)}
    assert made["find_email"] == datetime(2026, 11, 24, 19)
    item.when = datetime(2026, 11, 24, 8)
    made = {f.kind: f.due for f in schedule_follow_ups(item, settings)}
    assert made["find_email"] == datetime(2026, 11, 25, 8)


def test_a_rounds_status_recorded_as_it_stood_cancels_its_check_ins_as_a_reply() -> None:
    item = interview(DANA)
    outcome = change_status(item, "offer")  # how the demo records a round's past
    assert outcome.messages == ["Acme Robotics is now offer.", "1 open check-in cancelled."]
    check_in = next(f for f in item.follow_ups if f.kind == "check_in")
    assert check_in.cancelled and check_in.reason == "they made an offer"
    assert only(item, "thank_you").is_open
