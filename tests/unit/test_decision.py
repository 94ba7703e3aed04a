"""The decision day and where it came from (domain/decision.py), and what it drives: rule 4's
first check-in and the letter's Reminder, read from the interview's time, never the clock's."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from afterword.domain.decision import FIELD, NEXT_STEPS, DecisionDay, decision_day
from afterword.domain.follow_up_rules import first_check_in_due
from afterword.domain.letter import reminder_part
from afterword.domain.model import Debrief, Interview, Person
from afterword.domain.schedule import reschedule, schedule_follow_ups, snooze

TUE = datetime(2026, 12, 1, 14, 0)  # the interview: Tuesday 1 December, 14:00
MON = datetime(2026, 11, 30, 10, 0)
SAT = datetime(2026, 12, 5, 9, 0)  # the day it is typed, or read
DANA = Person("Dana Whitfield", "Eng Manager", "dana@acme.example")


def lead(next_steps: str = "", decision: date | None = None, when: datetime = TUE) -> Interview:
    item = Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=when,
        interviewers=[DANA],
        debrief=Debrief(next_steps=next_steps, decision_by=decision),
    )
    item.follow_ups = schedule_follow_ups(item)
    return item


def check_in(item: Interview) -> datetime:
    (found,) = [f.due for f in item.follow_ups if f.kind == "check_in" and f.is_open]
    return found


@pytest.mark.parametrize(
    ("next_steps", "day", "phrase"),
    [
        ("They will decide by Friday.", date(2026, 12, 4), "Friday"),
        ("Expect news next week", date(2026, 12, 11), "next week"),
        ("A decision in two weeks", date(2026, 12, 15), "two weeks"),
        ("They decide by the end of the month", date(2026, 12, 31), "end of the month"),
        ("Hear back by 9 December", date(2026, 12, 9), "9 December"),
    ],
)
def test_the_next_steps_are_read_from_the_interviews_time(
    next_steps: str, day: date, phrase: str
) -> None:
    found = decision_day(Debrief(next_steps=next_steps), TUE)
    assert found == DecisionDay(day, NEXT_STEPS, phrase)
    assert found is not None and found.from_next_steps


def test_decision_by_wins_over_the_next_steps() -> None:
    found = decision_day(Debrief(next_steps="by Friday", decision_by=date(2026, 12, 9)), TUE)
    assert found == DecisionDay(date(2026, 12, 9), FIELD)
    assert not found.from_next_steps


@pytest.mark.parametrize(
    "next_steps", ["", "They will call", "a call by Friday, an offer by next Wednesday"]
)
def test_no_date_or_two_dates_mean_no_decision_day(next_steps: str) -> None:
    assert decision_day(Debrief(next_steps=next_steps), TUE) is None


@pytest.mark.parametrize(
    ("next_steps", "when", "due"),
    [
        # Friday 4 December + 2 business days; T + 5 business days would be Monday 7th.
        ("They will decide by Friday", MON, datetime(2026, 12, 8, 9, 0)),
        ("A decision in two weeks", TUE, datetime(2026, 12, 17, 9, 0)),
        ("Expect news next week", TUE, datetime(2026, 12, 15, 9, 0)),
        ("Nothing said about when", TUE, datetime(2026, 12, 8, 9, 0)),  # T + 5 business days
        ("a call by Friday, an offer by next Wednesday", MON, datetime(2026, 12, 7, 9, 0)),
    ],
)
def test_rule_4_counts_the_one_date_of_the_next_steps(
    next_steps: str, when: datetime, due: datetime
) -> None:
    item = lead(next_steps, when=when)
    assert first_check_in_due(item) == due
    assert check_in(item) == due


def test_the_check_in_does_not_depend_on_the_day_it_is_typed() -> None:
    """Saved on Saturday or on the interview day: the same Friday, the same check-in."""
    item = lead("They will decide by Friday", when=MON)
    assert reschedule(item, SAT) == []
    assert check_in(item) == datetime(2026, 12, 8, 9, 0)


def test_changing_the_next_steps_moves_the_first_check_in_unless_snoozed() -> None:
    item = lead("Nothing said about when")
    assert check_in(item) == datetime(2026, 12, 8, 9, 0)
    item.debrief.next_steps = "A decision in two weeks"
    changes = reschedule(item, SAT)
    assert check_in(item) == datetime(2026, 12, 17, 9, 0)
    assert any(change.startswith("Moved: Check in") for change in changes)
    (first,) = [f for f in item.follow_ups if f.kind == "check_in"]
    snooze(item, first.id, datetime(2026, 12, 10, 9, 0))
    item.debrief.next_steps = "They will decide by Friday"
    reschedule(item, SAT)
    assert check_in(item) == datetime(2026, 12, 10, 9, 0)  # snoozed: the user's own date


def test_the_reminder_names_the_next_steps_date_read_from_the_interview() -> None:
    said = Debrief(next_steps="They will decide by Friday")
    written = reminder_part(said, TUE.date() + timedelta(days=1), TUE)
    assert "decide by Friday 4 December" in written.text
    passed = reminder_part(said, SAT.date(), TUE)  # read on Saturday: Friday has passed
    assert passed.source == "passed"
    assert "Friday" not in passed.text


def test_the_check_in_letter_names_the_decision_day_of_the_next_steps() -> None:
    from afterword.compose.render import RenderRequest, render
    from afterword.config import Profile

    item = lead("They will decide by Friday", when=MON)
    out = render(RenderRequest("check-in", item, "Dana Whitfield", Profile(name="Alex"), SAT), None)
    assert "hoped to reach a decision by Friday 4 December" in out.body


def test_the_proofreader_asks_for_the_decision_day_of_the_next_steps() -> None:
    from afterword.domain.proofread import proof_context, proofread

    item = lead("They will decide by Friday", when=MON)
    ctx = proof_context(
        item,
        addressee="Dana Whitfield",
        template="thank-you",
        sender="Alex Morgan",
        other_companies=[],
        today=MON.date(),
    )
    assert ctx.decision_by == date(2026, 12, 4)
    body = "Dear Dana,\n\nThank you for your time today.\n\nBest regards,\nAlex Morgan\n"
    said = [f.message for f in proofread("Thank you", body, ctx)]
    assert any("decide by Friday 4 December" in message for message in said), said
