"""The wording helpers: counts said with the right plural, dates in one style, parts joined
without empty fragments."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from afterword.compose.context import in_words as letter_day
from afterword.domain.model import FollowUp, Interview
from afterword.domain.proofread.dates import day_in_words
from afterword.domain.schedule import snooze
from afterword.domain.words import day_month, joined_parts, long_day, plural, short_day


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "0 follow-ups"), (1, "1 follow-up"), (2, "2 follow-ups"), (11, "11 follow-ups")],
)
def test_a_count_takes_the_plural_it_needs(count: int, words: str) -> None:
    assert plural(count, "follow-up") == words


def test_an_irregular_plural_is_given_with_the_word() -> None:
    assert plural(1, "known address", "known addresses") == "1 known address"
    assert plural(3, "known address", "known addresses") == "3 known addresses"


def test_days_are_never_zero_padded() -> None:
    friday = date(2026, 12, 4)
    assert day_month(friday) == "4 Dec"
    assert short_day(friday) == "Fri 4 Dec"
    assert long_day(friday) == "Friday 4 December 2026"
    assert long_day(friday, date(2026, 11, 25)) == "Friday 4 December"
    assert long_day(date(2027, 1, 8), date(2026, 11, 25)) == "Friday 8 January 2027"


def test_the_letter_says_a_day_as_the_screen_does() -> None:
    friday = date(2026, 12, 4)
    assert letter_day(friday, date(2026, 11, 25)) == long_day(friday, date(2026, 11, 25))
    assert day_in_words(friday) == long_day(friday, friday)  # the proofreader's


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        (
            ("Mon 23 Nov 2026, 13:06", "", "status rejected"),
            "Mon 23 Nov 2026, 13:06 · status rejected",
        ),
        (("Acme", "  ", "Onsite"), "Acme · Onsite"),
        (("", ""), ""),
        (("Acme",), "Acme"),
    ],
)
def test_only_the_parts_that_say_something_are_joined(parts: tuple[str, ...], words: str) -> None:
    assert joined_parts(*parts) == words


def test_a_person_without_a_title_is_the_name_alone() -> None:
    assert joined_parts("Ingrid Lund", "", sep=", ") == "Ingrid Lund"
    assert joined_parts("Ingrid Lund", "CTO", sep=", ") == "Ingrid Lund, CTO"


def test_the_schedules_messages_say_a_day_as_the_lists_do() -> None:
    when = datetime(2026, 11, 24, 14, 0)
    interview = Interview(company="Acme Robotics", role="Backend Engineer", when=when)
    interview.follow_ups = [FollowUp(kind="custom", due=when, title="Send the portfolio link")]
    item = interview.follow_ups[0]
    outcome = snooze(interview, item.id, datetime(2026, 12, 4, 9, 0))
    assert outcome.messages == ["Snoozed: Send the portfolio link, now due Fri 4 Dec 2026, 09:00."]
