"""Fuzzing the date phrases (``afterword.domain.dates``) and `afterword snooze`.

``parse_when`` answers a ``ResolvedDate`` or raises ``DateNotUnderstood`` whose message is one
sentence quoting the text; nothing else. A date it read is stated again two ways and must read
back the same: as ISO 8601 (the instant) and, for a wall time, in words ('Fri 27 Nov 2026,
09:00'). ``find_date_phrase`` never raises, and what it finds is in the text, on or after today.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st

from afterword.domain.date_phrases import find_date_phrase
from afterword.domain.dates import MAX_DAYS_AWAY, DateNotUnderstood, ResolvedDate, parse_when
from afterword.domain.words import in_words, wall_delta
from tests.fuzz import hostile
from tests.fuzz.helpers import assert_clear_error, assert_one_sentence, fresh_database, run_cli
from tests.fuzz.profiles import FUZZ

WORDS = (
    "today", "tomorrow", "tmrw", "yesterday", "next", "end", "of", "the", "week", "month", "at",
    "on", "in", "a", "an", "3", "0", "12", "31", "99", "100000", "100001", "99999999999999999999",
    "day", "days", "weeks", "months", "hours", "hr", "minutes", "mins", "+2w", "+3d", "+1m",
    "+4h", "+99999999d", "-1d", "mon", "fri", "friday", "sun", "weds", "10am", "9 am", "12pm",
    "13pm", "0am", "3:30pm", "14:30", "25:00", "23:59", "9.15am", "noon", "midnight", "midday",
    "dec", "december", "feb", "29", "30", "1st", "2nd", "23rd", "2026", "1999", "9999", "0001",
    "26", "2026-12-01", "2026-02-30", "20261201", "20261201T0900", "2026-12-01T09:00+01:00",
    "2026-12-01T09:00Z", "12/03", "3/12/2026", "2026/3/4", "1.2.2026", "1-2-3", "EST", "PST",
    "BST", "UTC", "Z", "gmt", "Europe/London", "America/New_York", "Australia/Lord_Howe",
    "+01:00", "-0530", "+2400", "pm", "am", ",", "ist", "x",
)  # fmt: skip
phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
zones = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=13, minutes=45)),
     ZoneInfo("Europe/London"), ZoneInfo("America/New_York"), ZoneInfo("Australia/Lord_Howe")]
)  # fmt: skip
nows = st.tuples(hostile.moments, zones).map(lambda p: p[0].replace(tzinfo=p[1]))
anything = st.one_of(phrases, hostile.text(), hostile.huge, phrases.flatmap(
    lambda p: hostile.text(3).map(lambda t: p + t)))  # fmt: skip


def _read(text: str, now: datetime, dayfirst: bool, default: time) -> ResolvedDate | None:
    try:
        found = parse_when(text, now, dayfirst=dayfirst, default_time=default)
    except DateNotUnderstood as error:
        message = str(error)
        assert message.startswith('Cannot read "') and message.endswith("."), message
        assert_one_sentence(message)
        assert len(message) < 400, message
        return None
    assert isinstance(found, ResolvedDate)
    return found


@FUZZ
@given(text=anything, now=nows, dayfirst=st.booleans(), hour=st.integers(0, 23))
def test_a_phrase_reads_as_a_date_that_reads_back(
    text: str, now: datetime, dayfirst: bool, hour: int
) -> None:
    default = time(hour)
    found = _read(text, now, dayfirst, default)
    if found is None:
        return
    value = found.value
    if not found.has_time:
        assert value.time() == default
    if now.tzinfo is not None:
        assert value.tzinfo is not None, "an aware now gives an aware date"
    year_named = str(value.year) in text
    assert year_named or abs(wall_delta(value, now)) <= timedelta(days=MAX_DAYS_AWAY + 1)
    assume(value.year >= 1000)  # fewer digits cannot name a year
    stamp = value.isoformat()
    again = parse_when(stamp, now, dayfirst=dayfirst, default_time=default).value
    assert again == value, (stamp, again)
    assert (again.tzinfo is None) == (value.tzinfo is None)
    if value.tzinfo is None and now.tzinfo is None:
        words = in_words(value)  # 'Fri 27 Nov 2026, 09:00'
        assert parse_when(words, now, dayfirst=dayfirst, default_time=default).value == value


@FUZZ
@given(text=anything, now=nows)
def test_a_date_found_in_a_sentence_is_in_it(text: str, now: datetime) -> None:
    sentence = f"They said they would decide {text}."
    found = find_date_phrase(sentence, now)
    if found is None:
        return
    assert sentence[found.start : found.start + len(found.phrase)] == found.phrase
    assert found.phrase.strip()
    assert found.date.value.date() >= now.date()


@FUZZ
@given(text=anything.filter(lambda t: "\x00" not in t))
def test_snooze_moves_the_follow_up_or_says_why(text: str) -> None:
    """`afterword snooze ID WHEN`: the follow-up is due when the phrase says, or exit 2."""
    from afterword.store.repository import Repository

    now = datetime(2026, 11, 25, 9, 0)  # tests/conftest.py fixes the clock of the command
    with fresh_database() as db:
        before = db.read_bytes()
        run = run_cli(["--db", str(db), "snooze", "fu000002", "--", text])
        assert run.code in (0, 2), run
        if run.code == 2:
            assert_clear_error(run)
            assert db.read_bytes() == before
            return
        expected = parse_when(" ".join(text.split()), now, default_time=time(9))
        assert not expected.is_past(now)
        with Repository.open(db, read_only=True) as repo:
            _, item = repo.find_follow_up("fu000002")
        assert item.due == expected.value and item.snoozed
