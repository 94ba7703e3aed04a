"""The agenda's buckets and rule 8 (waiting), on the records and on their stored form."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from afterword.domain.agenda import (
    AgendaItem,
    blocked_on,
    build_agenda,
    open_items,
    waiting_note,
    waiting_words,
)
from afterword.domain.follow_up_rules import waiting_for
from afterword.domain.model import Interview, Person, Recruiter
from afterword.domain.records import interview_to_dict
from afterword.domain.schedule import record_direct_contact, schedule_follow_ups

WHEN = datetime(2026, 11, 22, 14, 0)  # a Sunday
NOW = datetime(2026, 11, 25, 9, 0)


def interview(contact: str | None, name: str = "Sam Ortiz") -> Interview:
    made = Interview(
        company="Dune Freight",
        role="Platform Engineer",
        when=WHEN,
        interviewers=[Person("Jo Park", email="jo@dune.example"), Person("Ada Lee")],
        recruiter=None if contact is None else Recruiter(name, direct_contact=contact),
    )
    made.follow_ups = schedule_follow_ups(made)
    return made


@pytest.mark.parametrize(
    ("contact", "waits"),
    [("ask", "Sam Ortiz's answer"), ("allowed", None), ("forward", None), (None, None)],
)
def test_only_a_thank_you_waiting_for_the_answer_waits(contact: str | None, waits: str) -> None:
    """The records and their stored form agree, item by item."""
    record = interview(contact)
    stored = {(i.id): i.waiting_for for i in open_items([interview_to_dict(record)])}
    for item in record.follow_ups:
        expected = waits if item.kind == "thank_you" else None
        assert waiting_for(record, item) == expected, item.kind
        assert stored[item.id] == (expected or ""), item.kind


def test_a_recruiter_without_a_name_still_makes_it_wait() -> None:
    assert blocked_on("thank_you", "", "ask") == "the recruiter's answer"
    assert blocked_on("thank_you", None, None) == ""
    assert blocked_on("check_in", "Sam", "ask") == ""


def test_the_thank_you_title_says_what_it_waits_for() -> None:
    record = interview("ask")
    titles = [f.title for f in record.follow_ups if f.kind == "thank_you"]
    assert titles == [
        "Thank-you to Jo Park (wait for Sam Ortiz's answer)",
        "Thank-you to Ada Lee (wait for Sam Ortiz's answer)",
    ]
    item = next(f for f in record.follow_ups if f.kind == "thank_you")
    assert waiting_note(item.title, waiting_for(record, item)) == ""  # said once, not twice
    assert waiting_note("Thank-you to Jo", "Sam's answer") == "waiting for Sam's answer"


def test_waiting_items_are_never_overdue_nor_today() -> None:
    record = interview("ask")
    agenda = build_agenda(open_items([interview_to_dict(record)]), NOW.date(), 7)
    assert {i.kind for i in agenda.waiting} == {"thank_you"} and len(agenda.waiting) == 2
    assert {i.kind for i in agenda.overdue} == {"recruiter_debrief", "ask_recruiter"}
    assert agenda.today == []
    assert agenda.as_json()["waiting"][0]["waiting_for"] == "Sam Ortiz's answer"
    assert "waiting_for" not in agenda.as_json()["overdue"][0]  # the contract's keys only
    # The answer recorded: the thank-yous are the user's to do again, and late.
    record_direct_contact(record, "allowed", NOW)
    agenda = build_agenda(open_items([interview_to_dict(record)]), NOW.date(), 7)
    assert agenda.waiting == []
    assert {i.kind for i in agenda.overdue} >= {"thank_you"}


def test_a_waiting_item_beyond_the_window_is_not_listed() -> None:
    item = AgendaItem.from_dict(
        {"id": "w", "kind": "thank_you", "due": "2026-12-09T10:00", "waiting_for": "Sam's answer"}
    )
    assert build_agenda([item], date(2026, 11, 25), 7).waiting == []
    assert build_agenda([item], date(2026, 11, 25), 14).waiting == [item]


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (datetime(2026, 11, 23, 14, 0), "due Mon 23 Nov"),
        (datetime(2025, 11, 23, 14, 0), "due Sun 23 Nov 2025"),
        (datetime(2026, 11, 25, 8, 0), "due today 08:00"),
        (datetime(2026, 11, 25, 14, 0), "today 14:00"),
        (datetime(2026, 11, 26, 14, 0), "tomorrow 14:00"),
    ],
)
def test_a_waiting_item_is_said_when_due_never_late(due: datetime, words: str) -> None:
    assert waiting_words(due, NOW) == words
