"""Tests for afterword.domain.dates: the phrases people type must never become a wrong date."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from afterword.domain.dates import DateNotUnderstood, ResolvedDate, parse_when
from afterword.domain.follow_up_rules import add_business_days
from afterword.domain.words import in_words, relative_words

BERLIN = ZoneInfo("Europe/Berlin")
EST = timezone(timedelta(hours=-5), "EST")
PLUS_1 = timezone(timedelta(hours=1))
MINUS_530 = timezone(-timedelta(hours=5, minutes=30))
WED = datetime(2026, 11, 25, 10, 15)  # a Wednesday
FRI = datetime(2026, 11, 27, 16, 0)  # a Friday
EOM = datetime(2026, 11, 30, 8, 0)  # last day of a month (a Monday)
SAT = datetime(2026, 11, 28, 11, 0)
JAN31 = datetime(2027, 1, 31, 9, 0)
DST = datetime(2026, 3, 28, 12, 0)  # the day before Europe/Berlin springs forward
DST_AWARE = DST.replace(tzinfo=BERLIN)
NOWS = [WED, FRI, EOM, SAT, JAN31, DST, DST_AWARE]


def d(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    tz: tzinfo | None = None,
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=tz)


T930 = {"default_time": time(9, 30)}
DAYFIRST = {"dayfirst": True}

# (now, text, expected value, has_time, keyword arguments)
UNDERSTOOD = [
    (WED, "today", d(2026, 11, 25), False, {}),
    (WED, "Today", d(2026, 11, 25), False, {}),
    (WED, "tomorrow", d(2026, 11, 26), False, {}),
    (WED, "  TOMORROW  ", d(2026, 11, 26), False, {}),
    (WED, "yesterday", d(2026, 11, 24), False, {}),
    (WED, "mon", d(2026, 11, 30), False, {}),
    (WED, "tue", d(2026, 12, 1), False, {}),
    (WED, "tues", d(2026, 12, 1), False, {}),
    (WED, "wed", d(2026, 12, 2), False, {}),
    (WED, "wednesday", d(2026, 12, 2), False, {}),
    (WED, "thu", d(2026, 11, 26), False, {}),
    (WED, "thur", d(2026, 11, 26), False, {}),
    (WED, "thurs", d(2026, 11, 26), False, {}),
    (WED, "fri", d(2026, 11, 27), False, {}),
    (WED, "friday", d(2026, 11, 27), False, {}),
    (WED, "sat", d(2026, 11, 28), False, {}),
    (WED, "sun", d(2026, 11, 29), False, {}),
    (WED, "monday", d(2026, 11, 30), False, {}),
    (WED, "next friday", d(2026, 12, 4), False, {}),
    (WED, "next mon", d(2026, 11, 30), False, {}),
    (WED, "in 3 days", d(2026, 11, 28), False, {}),
    (WED, "in 1 day", d(2026, 11, 26), False, {}),
    (WED, "in 2 weeks", d(2026, 12, 9), False, {}),
    (WED, "in 1 month", d(2026, 12, 25), False, {}),
    (WED, "in 2 months", d(2027, 1, 25), False, {}),
    (WED, "in 12 months", d(2027, 11, 25), False, {}),
    (WED, "in 3 hours", d(2026, 11, 25, 13, 15), True, {}),
    (WED, "in 90 minutes", d(2026, 11, 25, 11, 45), True, {}),
    (WED, "in an hour", d(2026, 11, 25, 11, 15), True, {}),
    (WED, "+3d", d(2026, 11, 28), False, {}),
    (WED, "+2w", d(2026, 12, 9), False, {}),
    (WED, "+1m", d(2026, 12, 25), False, {}),
    (WED, "+4h", d(2026, 11, 25, 14, 15), True, {}),
    (WED, "end of week", d(2026, 11, 27), False, {}),
    (WED, "end of month", d(2026, 11, 30), False, {}),
    (WED, "9am", d(2026, 11, 25, 9, 0), True, {}),
    (WED, "9 am", d(2026, 11, 25, 9, 0), True, {}),
    (WED, "3pm", d(2026, 11, 25, 15, 0), True, {}),
    (WED, "3:30pm", d(2026, 11, 25, 15, 30), True, {}),
    (WED, "12am", d(2026, 11, 25, 0, 0), True, {}),
    (WED, "12pm", d(2026, 11, 25, 12, 0), True, {}),
    (WED, "14:30", d(2026, 11, 25, 14, 30), True, {}),
    (WED, "noon", d(2026, 11, 25, 12, 0), True, {}),
    (WED, "midnight", d(2026, 11, 25, 0, 0), True, {}),
    (WED, "tomorrow 10am", d(2026, 11, 26, 10, 0), True, {}),
    (WED, "fri 2pm", d(2026, 11, 27, 14, 0), True, {}),
    (WED, "friday at 14:30", d(2026, 11, 27, 14, 30), True, {}),
    (WED, "in 2 days 9am", d(2026, 11, 27, 9, 0), True, {}),
    (WED, "10am tomorrow", d(2026, 11, 26, 10, 0), True, {}),
    (WED, "tomorrow noon", d(2026, 11, 26, 12, 0), True, {}),
    (WED, "2026-03-04", d(2026, 3, 4), False, {}),
    (WED, "2026-03-04", d(2026, 3, 4), False, DAYFIRST),
    (WED, "2026-03-04", d(2026, 3, 4, 9, 30), False, T930),
    (WED, "2026-11-24T14:00", d(2026, 11, 24, 14, 0), True, {}),
    (WED, "2026-11-24T14:00+01:00", d(2026, 11, 24, 14, 0, tz=PLUS_1), True, {}),
    (WED, "2026-12-01 at 09:00", d(2026, 12, 1, 9, 0), True, DAYFIRST),
    (WED, "3/4", d(2026, 3, 4), False, {}),
    (WED, "3/4", d(2026, 4, 3), False, DAYFIRST),
    (WED, "1 dec", d(2026, 12, 1), False, {}),
    (WED, "Tuesday, 1 December 2026", d(2026, 12, 1), False, {}),
    (WED, "dec 1 3pm", d(2026, 12, 1, 15, 0), True, {}),
    (WED, "1 dec 3 pm", d(2026, 12, 1, 15, 0), True, {}),
    (WED, "december 1st, 2026", d(2026, 12, 1), False, {}),
    (WED, "5th of december", d(2026, 12, 5), False, {}),
    (WED, "2026/3/4", d(2026, 3, 4), False, DAYFIRST),
    (WED, "3.4.2026", d(2026, 4, 3), False, DAYFIRST),
    (WED, "3/4/26", d(2026, 3, 4), False, {}),
    (WED, "10:30:15", d(2026, 11, 25, 10, 30, 15), True, {}),
    (WED, "10am", d(2026, 11, 25, 10, 0), True, T930),
    (WED, "tomorrow", d(2026, 11, 26, 9, 30), False, T930),
    (WED, "tomorrow 10am", d(2026, 11, 26, 10, 0), True, T930),
    (WED, "3pm EST", d(2026, 11, 25, 15, 0, tz=EST), True, {}),
    (WED, "3pm utc", d(2026, 11, 25, 15, 0, tz=UTC), True, {}),
    (WED, "fri 9am Europe/London", d(2026, 11, 27, 9, 0, tz=ZoneInfo("Europe/London")), True, {}),
    (WED, "tomorrow 10am -0500", d(2026, 11, 26, 10, 0, tz=EST), True, {}),
    (FRI, "friday", d(2026, 12, 4), False, {}),
    (FRI, "fri 2pm", d(2026, 12, 4, 14, 0), True, {}),
    (FRI, "next friday", d(2026, 12, 4), False, {}),
    (FRI, "end of week", d(2026, 11, 27), False, {}),
    (FRI, "today 9am", d(2026, 11, 27, 9, 0), True, {}),
    (FRI, "in 3 hours", d(2026, 11, 27, 19, 0), True, {}),
    (SAT, "end of week", d(2026, 12, 4), False, {}),
    (EOM, "end of month", d(2026, 11, 30), False, {}),
    (EOM, "tomorrow", d(2026, 12, 1), False, {}),
    (EOM, "in 1 month", d(2026, 12, 30), False, {}),
    (EOM, "monday", d(2026, 12, 7), False, {}),
    (EOM, "next monday", d(2026, 12, 7), False, {}),
    (EOM, "end of week", d(2026, 12, 4), False, {}),
    (JAN31, "+1m", d(2027, 2, 28), False, {}),
    (DST, "tomorrow 10am", d(2026, 3, 29, 10, 0), True, {}),
    (DST, "in 24 hours", d(2026, 3, 29, 12, 0), True, {}),
    (DST_AWARE, "tomorrow 10am", d(2026, 3, 29, 10, 0, tz=BERLIN), True, {}),
    (DST_AWARE, "tomorrow", d(2026, 3, 29, tz=BERLIN), False, {}),
    (DST_AWARE, "in 24 hours", d(2026, 3, 29, 13, 0, tz=BERLIN), True, {}),
    (DST_AWARE, "tomorrow 2:30am", d(2026, 3, 29, 3, 30, tz=BERLIN), True, {}),
    (DST_AWARE, "3pm EST", d(2026, 3, 28, 15, 0, tz=EST), True, {}),
    (DST_AWARE, "in 3 hours EST", d(2026, 3, 28, 9, 0, tz=EST), True, {}),
]

NOT_UNDERSTOOD = [
    (WED, "May I follow up?"),
    (WED, "soon"),
    (WED, "next"),
    (WED, "in days"),
    (WED, "32/13"),
    (WED, ""),
    (WED, "   "),
    (WED, "5"),
    (WED, "12"),
    (WED, "2026"),
    (WED, "march"),
    (WED, "in 500 days"),
    (WED, "in 13 months"),
    (WED, "+60w"),
    (WED, "in 99999999999 days"),
    (WED, "friday 25pm"),
    (WED, "13pm"),
    (WED, "24:00"),
    (WED, "tomorrow 10"),
    (WED, "3pm XYZ"),
    (WED, "fri 1 dec"),  # 1 Dec 2026 is a Tuesday
    (WED, "3/4/99"),  # 1999: far away and no 4-digit year typed
    (WED, "in 3 hours EST"),  # naive now: no way to move the instant into EST
    (WED, "2026-11-24T14:00+01:00 EST"),
    (WED, "UTC"),
    (WED, "fri Mars/Olympus"),
    (WED, "9am pm"),
    (WED, "5 pm 5 pm"),
    (WED, "2026-03-04 0 pm"),
    (WED, "2026-03-04 2026"),  # isoparse alone would read 20:26
    (WED, "sun may"),  # dateutil alone would pick a Sunday in May
    (WED, "12 12"),
    (WED, "-8--1"),
    (WED, ", 12 may"),
    (WED, "-0500 3/4"),  # dateutil alone would read the year 500
    (WED, "2026-02-30"),
    (WED, "1 dec at"),
    (WED, "\x00"),
    (WED, "tomorrow\x00"),
    (WED, "x" * 300),
]


@pytest.mark.parametrize(
    ("now", "text", "expected", "has_time", "kwargs"),
    UNDERSTOOD,
    ids=[
        f"{now:%a%d%b%H%M}{'z' if now.tzinfo else ''}-{text}-{kw}"
        for now, text, _, _, kw in UNDERSTOOD
    ],
)
def test_phrases(
    now: datetime, text: str, expected: datetime, has_time: bool, kwargs: dict[str, object]
) -> None:
    result = parse_when(text, now, **kwargs)  # type: ignore[arg-type]
    assert result.value == expected
    assert result.value.replace(tzinfo=None) == expected.replace(tzinfo=None)  # wall time
    assert result.value.utcoffset() == expected.utcoffset()
    assert result.has_time is has_time


def test_dst_offsets() -> None:
    assert parse_when("tomorrow 10am", DST_AWARE).value.utcoffset() == timedelta(hours=2)
    assert parse_when("tomorrow", DST_AWARE).value.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("now", "text"), NOT_UNDERSTOOD, ids=[repr(t)[:30] for _, t in NOT_UNDERSTOOD]
)
def test_not_understood(now: datetime, text: str) -> None:
    with pytest.raises(DateNotUnderstood):
        parse_when(text, now)


def test_far_away_says_so() -> None:
    with pytest.raises(DateNotUnderstood, match="more than a year away"):
        parse_when("in 500 days", WED)


def test_explicit_year_may_be_far() -> None:
    assert parse_when("2030-01-02", WED).value == datetime(2030, 1, 2)
    assert parse_when("1 dec 1999", WED).value == datetime(1999, 12, 1)


def test_two_digit_years_follow_now_not_the_clock() -> None:
    assert parse_when("1 dec 99", datetime(2099, 1, 1)).value == datetime(2099, 12, 1)
    assert parse_when("3/4/26", WED).value == datetime(2026, 3, 4)


EXAMPLE_RE = re.compile(r'; try "([^"]+)", "([^"]+)" or "([^"]+)"\.$')


@pytest.mark.parametrize("text", ["May I follow up?", "soon", "", "in 500 days", "3pm XYZ"])
def test_message_quotes_input_and_examples_work(text: str) -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_when(text, WED)
    message = str(caught.value)
    assert message.startswith(f'Cannot read "{text}" as a date')
    match = EXAMPLE_RE.search(message)
    assert match is not None, message
    for example in match.groups():
        for now in NOWS:
            parse_when(example, now)


def test_message_shape() -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_when("May I follow up?", WED)
    assert str(caught.value) == (
        'Cannot read "May I follow up?" as a date; '
        'try "tomorrow 10am", "fri 2pm" or "2026-12-02 09:00".'
    )
    assert isinstance(caught.value, ValueError)
    assert caught.value.text == "May I follow up?"


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    st.sampled_from(["soon", "May I follow up?", "in 500 days", "", "friday 25pm"]),
)
def test_advertised_examples_parse_for_any_now(now: datetime, text: str) -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_when(text, now)
    match = EXAMPLE_RE.search(str(caught.value))
    assert match is not None
    assert match.groups() == caught.value.examples
    for example in match.groups():
        assert not parse_when(example, now).is_past(now)


def test_long_input_is_shortened_in_message() -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_when("y" * 1000, WED)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (datetime(2026, 11, 27, 9, 0), "Fri 27 Nov 2026, 09:00"),
        (datetime(2026, 12, 1, 0, 5), "Tue 1 Dec 2026, 00:05"),
        (datetime(2026, 11, 27, 15, 0, tzinfo=EST), "Fri 27 Nov 2026, 15:00 EST"),
        (datetime(2026, 11, 27, 15, 0, tzinfo=UTC), "Fri 27 Nov 2026, 15:00 UTC"),
        (datetime(2026, 11, 27, 15, 0, tzinfo=PLUS_1), "Fri 27 Nov 2026, 15:00 +01:00"),
        (datetime(2026, 11, 27, 15, 0, tzinfo=MINUS_530), "Fri 27 Nov 2026, 15:00 -05:30"),
        (datetime(2026, 7, 3, 15, 0, tzinfo=BERLIN), "Fri 3 Jul 2026, 15:00 CEST"),
    ],
)
def test_in_words(value: datetime, words: str) -> None:
    assert in_words(value) == words
    assert ResolvedDate(value, True).in_words() == words


def test_in_words_of_parsed_offset() -> None:
    assert parse_when("2026-11-24T14:00-05:00", WED).in_words() == "Tue 24 Nov 2026, 14:00 -05:00"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (datetime(2026, 11, 25, 14, 0), "today 14:00"),
        (WED, "today 10:15"),
        (datetime(2026, 11, 26, 9, 0), "tomorrow 09:00"),
        (datetime(2026, 11, 27, 9, 0), "Fri 09:00"),
        (datetime(2026, 12, 1, 9, 0), "Tue 09:00"),
        (datetime(2026, 12, 2, 9, 0), "Wed 2 Dec 09:00"),
        (datetime(2027, 1, 5, 9, 0), "Tue 5 Jan 2027 09:00"),
        (datetime(2026, 11, 24, 9, 0), "1 day late"),
        (datetime(2026, 11, 23, 18, 0), "2 days late"),
        (datetime(2026, 11, 25, 7, 15), "3 hours late"),
        (datetime(2026, 11, 25, 9, 15), "1 hour late"),
        (datetime(2026, 11, 25, 10, 0), "15 minutes late"),
        (datetime(2026, 11, 25, 10, 14, 30), "now"),
        (datetime(2026, 11, 25, 15, 0, tzinfo=EST), "today 15:00 EST"),
    ],
)
def test_relative_words(value: datetime, words: str) -> None:
    assert relative_words(value, WED) == words


def test_relative_words_aware_now_converts() -> None:
    now = datetime(2026, 11, 25, 10, 15, tzinfo=BERLIN)
    assert relative_words(datetime(2026, 11, 25, 15, 0, tzinfo=EST), now) == "today 21:00"
    assert relative_words(datetime(2026, 11, 25, 3, 0, tzinfo=EST), now) == "1 hour late"


def test_is_past() -> None:
    assert ResolvedDate(WED - timedelta(minutes=1), True).is_past(WED)
    assert not ResolvedDate(WED, True).is_past(WED)
    assert not ResolvedDate(WED + timedelta(days=1), False).is_past(WED)
    est_3pm = ResolvedDate(datetime(2026, 11, 25, 15, 0, tzinfo=EST), True)  # 21:00 in Berlin
    assert not est_3pm.is_past(datetime(2026, 11, 25, 20, 0, tzinfo=BERLIN))
    assert est_3pm.is_past(datetime(2026, 11, 25, 22, 0, tzinfo=BERLIN))
    assert est_3pm.is_past(datetime(2026, 11, 25, 16, 0))  # naive now: wall clocks


def test_time_alone_may_be_past() -> None:
    result = parse_when("9am", WED)
    assert result.value == datetime(2026, 11, 25, 9, 0)
    assert result.is_past(WED)


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 11, 26), 2, date(2026, 11, 30)),  # Thu + 2 -> Mon
        (date(2026, 11, 27), 2, date(2026, 12, 1)),  # Fri + 2 -> Tue
        (date(2026, 11, 28), 2, date(2026, 12, 1)),  # Sat + 2 -> Tue
        (date(2026, 11, 29), 1, date(2026, 11, 30)),  # Sun + 1 -> Mon
        (date(2026, 11, 28), 0, date(2026, 11, 28)),  # Sat + 0 -> Sat
        (date(2026, 11, 25), 0, date(2026, 11, 25)),
        (date(2026, 11, 27), 5, date(2026, 12, 4)),
        (date(2026, 11, 28), 5, date(2026, 12, 4)),
        (date(2026, 11, 30), 10, date(2026, 12, 14)),
    ],
)
def test_add_business_days(day: date, n: int, expected: date) -> None:
    assert add_business_days(day, n) == expected


def test_add_business_days_rejects_negative() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 11, 25), -1)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 60))
def test_add_business_days_matches_counting(day: date, n: int) -> None:
    current, left = day, n
    while left:
        current += timedelta(days=1)
        left -= current.weekday() < 5
    assert add_business_days(day, n) == current


def test_no_ui_or_storage_imports() -> None:
    code = (
        "import sys, afterword.domain.dates\n"
        "bad = [m for m in ('textual', 'tinydb', 'jinja2') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- property tests -----------------------------------------------------------------------

WORDS = [
    "today", "tomorrow", "next", "in", "at", "of", "the", "end", "week", "month", "days",
    "day", "weeks", "months", "hours", "minutes", "fri", "friday", "mon", "sun", "dec",
    "march", "may", "am", "pm", "noon", "midnight", "EST", "XYZ", "Europe/Berlin", "+01:00",
    "-0500", "3pm", "9am", "14:30", "3/4", "32/13", "2026-03-04", "+3d", "+4h", "+1m",
    "0", "5", "12", "31", "99", "2026", "99999999999", "/", "-", ":", ",", ".", "?", "\x00",
    "\t", "\u202f", "é", "T", "Z",
]  # fmt: skip
word_soup = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
any_now = st.one_of(
    st.sampled_from(NOWS),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59)),
    st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2100, 12, 31),
        timezones=st.sampled_from([BERLIN, UTC, EST, ZoneInfo("America/New_York")]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), word_soup), any_now, st.booleans())
def test_random_text_only_raises_date_not_understood(
    text: str, now: datetime, dayfirst: bool
) -> None:
    try:
        result = parse_when(text, now, dayfirst=dayfirst)
    except DateNotUnderstood as exc:
        assert str(exc).startswith("Cannot read ")
    else:
        assert isinstance(result.value, datetime)


offsets = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
        st.datetimes(
            min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30), timezones=offsets
        ),
    )
)
def test_isoformat_round_trips(value: datetime) -> None:
    result = parse_when(value.isoformat(), WED)
    assert result.value == value
    assert result.value.utcoffset() == value.utcoffset()
    assert result.value.replace(tzinfo=None) == value.replace(tzinfo=None)
    assert result.has_time


numbers = st.integers(0, 400).map(str)
phrase = st.one_of(
    word_soup,
    st.builds("in {} {}".format, numbers, st.sampled_from(["days", "weeks", "months", "hours"])),
    st.builds("+{}{}".format, numbers, st.sampled_from("dwmh")),
    st.builds("{}/{}".format, st.integers(1, 12), st.integers(1, 31)),
    st.builds("{}/{}/{:02d}".format, st.integers(1, 12), st.integers(1, 28), st.integers(0, 99)),
    st.builds("{} {}".format, st.integers(1, 31), st.sampled_from(["jan", "feb", "jun", "dec"])),
    st.builds(
        "{} {}".format,
        st.sampled_from(["tomorrow", "fri", "next sun", "end of month", "in 2 days"]),
        st.sampled_from(["10am", "at 14:30", "noon", "EST", "Europe/Berlin", ""]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(
    phrase,
    st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2099, 12, 31)),
    st.booleans(),
    st.times(),
)
def test_results_without_a_year_are_within_a_year(
    text: str, now: datetime, dayfirst: bool, default_time: time
) -> None:
    assume(re.search(r"\d{4}", text) is None)
    try:
        result = parse_when(text, now, dayfirst=dayfirst, default_time=default_time)
    except DateNotUnderstood:
        return
    wall = result.value.replace(tzinfo=None)
    assert abs(wall - now) <= timedelta(days=366)
    if not result.has_time and result.value.tzinfo is None:
        assert wall.time() == default_time


# ---------------------------------------------------------------- a date inside a sentence

from afterword.domain.date_phrases import find_date_phrase  # noqa: E402


@pytest.mark.parametrize(
    ("text", "phrase", "day"),
    [
        ("They will decide by Friday and call me", "Friday", date(2026, 11, 27)),
        ("Dana said we will hear by 2 December.", "2 December", date(2026, 12, 2)),
        ("next round within two weeks", "two weeks", date(2026, 12, 9)),
        ("Expect news next week", "next week", date(2026, 12, 4)),
        ("Decision by the end of the week", "end of the week", date(2026, 11, 27)),
        ("I should hear back in 3 days", "3 days", date(2026, 11, 28)),
        ("They decide on Monday 30 November", "Monday 30 November", date(2026, 11, 30)),
    ],
)
def test_a_date_in_the_next_steps_is_found(text: str, phrase: str, day: date) -> None:
    found = find_date_phrase(text, WED)
    assert found is not None
    assert (found.phrase, found.date.value.date()) == (phrase, day)
    assert text[found.start : found.start + len(found.phrase)] == found.phrase


@pytest.mark.parametrize(
    "text",
    ["No date given", "2 more rounds", "we met on 12 March 2024", "Sam: in 2 rounds", ""],
)
def test_no_date_is_made_up(text: str) -> None:
    assert find_date_phrase(text, WED) is None


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_finding_a_date_never_raises_and_points_into_the_text(text: str) -> None:
    found = find_date_phrase(text, WED)
    if found is not None:
        assert text[found.start : found.start + len(found.phrase)] == found.phrase
        assert found.date.value.date() >= WED.date()
