"""parse_when's ``past`` preference: when an interview was ("tue 2pm" typed on a Saturday is
that week's Tuesday), while every other caller keeps reading weekday names ahead."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.domain.dates import DateNotUnderstood, parse_when

SAT = datetime(2026, 12, 5, 11, 0)  # a Saturday, after a Tuesday interview on 1 December
TUE = datetime(2026, 12, 1, 9, 30)
JAN = datetime(2027, 1, 5, 10, 0)
NINE = time(9, 0)
WEEKDAYS = ["mon", "tue", "wednesday", "thu", "thurs", "fri", "sat", "sunday"]
CLOCKS = ["", " 2pm", " at 10:30", " noon", " 9am"]
SAME_BOTH_WAYS = [
    "today 3pm", "tomorrow", "yesterday", "in 3 days", "+2w", "end of month", "14:30",
    "2026-12-01 10:00", "now",
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "now", "value", "has_time"),
    [
        ("tue 2pm", SAT, datetime(2026, 12, 1, 14, 0), True),
        ("Tuesday", SAT, datetime(2026, 12, 1, 9, 0), False),
        ("2pm tue", SAT, datetime(2026, 12, 1, 14, 0), True),
        ("last tue 2pm", SAT, datetime(2026, 12, 1, 14, 0), True),
        ("yesterday 4pm", SAT, datetime(2026, 12, 4, 16, 0), True),
        ("sat 9am", SAT, datetime(2026, 12, 5, 9, 0), True),  # today, earlier
        ("last sat", SAT, datetime(2026, 11, 28, 9, 0), False),
        ("last tue", TUE, datetime(2026, 11, 24, 9, 0), False),  # a week ago, not today
        ("tue 1 dec", SAT, datetime(2026, 12, 1, 9, 0), False),
        ("28 dec 2pm", JAN, datetime(2026, 12, 28, 14, 0), True),  # last year's December
        ("dec 28", JAN, datetime(2026, 12, 28, 9, 0), False),
        ("2026-12-01", SAT, datetime(2026, 12, 1, 9, 0), False),
    ],
)
def test_a_past_time_reads_as_it_happened(
    text: str, now: datetime, value: datetime, has_time: bool
) -> None:
    found = parse_when(text, now, default_time=NINE, past=True)
    assert (found.value, found.has_time) == (value, has_time)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("sat 2pm", datetime(2026, 12, 5, 14, 0)),  # later today: the caller asks first
        ("tomorrow 10am", datetime(2026, 12, 6, 10, 0)),  # says the future: means it
        ("next tue", datetime(2026, 12, 8, 9, 0)),
    ],
)
def test_a_phrase_that_says_the_future_still_means_it(text: str, value: datetime) -> None:
    found = parse_when(text, SAT, default_time=NINE, past=True)
    assert found.value == value
    assert not found.is_past(SAT)


def test_without_the_preference_weekdays_still_look_ahead() -> None:
    """Snooze, `today --date` and Decision by keep the future reading."""
    assert parse_when("tue 2pm", SAT).value == datetime(2026, 12, 8, 14, 0)
    assert parse_when("sat", SAT).value.date() == SAT.date() + timedelta(days=7)
    assert parse_when("dec 28", JAN).value.year == 2027


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(WEEKDAYS),
    st.sampled_from(CLOCKS),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2090, 12, 31)),
)
def test_a_weekday_read_back_is_a_week_before_the_one_ahead(
    day: str, clock: str, now: datetime
) -> None:
    ahead = parse_when(day + clock, now, default_time=NINE)
    back = parse_when(day + clock, now, default_time=NINE, past=True)
    assert ahead.value - back.value == timedelta(days=7)
    assert now.date() - timedelta(days=6) <= back.value.date() <= now.date()
    assert back.value.weekday() == ahead.value.weekday()
    last = parse_when("last " + day + clock, now, default_time=NINE)
    assert now.date() - timedelta(days=7) <= last.value.date() < now.date()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 28),
    st.sampled_from(["jan", "mar", "jun", "sep", "dec"]),
    st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2090, 12, 31)),
)
def test_a_day_and_month_read_back_is_never_more_than_half_a_year_ahead(
    day: int, month: str, now: datetime
) -> None:
    try:
        back = parse_when(f"{day} {month}", now, past=True)
    except DateNotUnderstood:
        return
    assert back.value.date() - now.date() <= timedelta(days=183)
    assert now.date() - back.value.date() <= timedelta(days=366)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(SAME_BOTH_WAYS),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
)
def test_phrases_without_a_weekday_or_a_bare_month_day_read_the_same(
    text: str, now: datetime
) -> None:
    try:
        ahead = parse_when(text, now, default_time=NINE)
    except DateNotUnderstood:
        with pytest.raises(DateNotUnderstood):
            parse_when(text, now, default_time=NINE, past=True)
        return
    assert parse_when(text, now, default_time=NINE, past=True) == ahead
