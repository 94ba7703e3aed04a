"""The time zones an invitation brings with it, checked before anything expands their rules.

An event whose time names a zone Python does not know (``TZID=Evil/Zone``) is converted
through the file's own VTIMEZONE: dateutil walks each rule from its start to the event, and
keeps every step. A 631-byte file whose rules repeat every second made that walk every second
since 1970 (minutes, gigabytes). A real time zone changes its offset a few times a year at
most, on one time of day, so rules that go faster are refused here with one sentence, before
icalendar or dateutil look at them; what passes costs dateutil at most some thousand steps.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

# The repeats a time zone may use, and what the others are called in the sentence.
ALLOWED_FREQ = frozenset({"YEARLY", "MONTHLY"})
TOO_OFTEN = {
    "SECONDLY": "every second",
    "MINUTELY": "every minute",
    "HOURLY": "every hour",
    "DAILY": "every day",
    "WEEKLY": "every week",
}
MAX_CHANGES_A_YEAR = 12  # a rule that changes the offset more often is no time zone
MAX_RULES = 50  # rules that repeat, over all the zones of one file (real ones: 2 to 20)
MAX_ZONE_PARTS = 2_000  # STANDARD and DAYLIGHT parts, over all the zones of one file
MAX_LISTED_CHANGES = 10_000  # RDATE values, over all the zones of one file (a century: 200)


class ZoneRefused(ValueError):
    """A VTIMEZONE Afterword will not expand; ``str()`` is the reason, for a sentence."""


def check_time_zones(calendars: Iterable[Any]) -> None:
    """Raise ZoneRefused when a VTIMEZONE in these (icalendar) calendars could make the
    conversion of an event's time run away; return quietly otherwise."""
    parts = 0
    rules = 0
    listed = 0
    for calendar in calendars:
        for zone in calendar.walk("VTIMEZONE"):
            name = _zone_name(zone)
            for part in zone.subcomponents:
                parts += 1
                if parts > MAX_ZONE_PARTS:
                    raise ZoneRefused(f"its time zones have more than {MAX_ZONE_PARTS:,} parts")
                listed += _listed_changes(part)
                if listed > MAX_LISTED_CHANGES:
                    raise ZoneRefused(
                        f"its time zones list more than {MAX_LISTED_CHANGES:,} changes"
                    )
                for rule in _rules(part):
                    rules += 1
                    if rules > MAX_RULES:
                        raise ZoneRefused(
                            f"its time zones have more than {MAX_RULES} repeating rules"
                        )
                    _check_rule(rule, part, name)


def _zone_name(zone: Any) -> str:
    text = " ".join(str(zone.get("TZID", "")).split())[:60]
    return "".join(c if c.isprintable() else " " for c in text) or "without a name"


def _rules(part: Any) -> Iterator[Any]:
    value = part.get("RRULE")
    if value is None:
        return
    yield from value if isinstance(value, list) else [value]


def _listed_changes(part: Any) -> int:
    value = part.get("RDATE")
    if value is None:
        return 0
    lists = value if isinstance(value, list) else [value]
    return sum(len(getattr(one, "dts", None) or [one]) for one in lists)


def _values(rule: Any, key: str) -> list[Any]:
    try:
        value = rule.get(key)
    except Exception:
        return []
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _check_rule(rule: Any, part: Any, zone: str) -> None:
    freq = [str(v).upper() for v in _values(rule, "FREQ")]
    for value in freq:
        if value in TOO_OFTEN:
            raise ZoneRefused(f"its time zone {zone} changes {TOO_OFTEN[value]}")
        if value not in ALLOWED_FREQ:
            raise ZoneRefused(
                f"its time zone {zone} repeats its rules in an unknown way ({value[:20]})"
            )
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if len(_values(rule, key)) > 1:
            raise ZoneRefused(f"its time zone {zone} changes several times a day")
    if _changes_in_a_year(rule, part) > MAX_CHANGES_A_YEAR:
        raise ZoneRefused(
            f"its time zone {zone} changes more than {MAX_CHANGES_A_YEAR} times a year"
        )


def _changes_in_a_year(rule: Any, part: Any) -> int:
    """How many times (up to one more than allowed) the rule fires in its first year."""
    from dateutil.rrule import rrulestr

    start = getattr(part.get("DTSTART"), "dt", None)
    if isinstance(start, datetime):
        start = start.replace(tzinfo=None)
    elif isinstance(start, date):
        start = datetime.combine(start, datetime.min.time())
    else:
        return 0  # no start: dateutil refuses the zone itself, with its own words
    try:
        text = rule.to_ical().decode("ascii", "replace")
        # COUNT and UNTIL only shorten a rule; a year of it is what is counted.
        repeats = rrulestr(text, dtstart=start, ignoretz=True, cache=False)
        end = start + timedelta(days=366)
        return sum(1 for _ in islice(_until(iter(repeats), end), MAX_CHANGES_A_YEAR + 1))
    except Exception:  # a rule dateutil cannot read: it refuses the zone itself
        return 0


def _until(times: Iterator[datetime], end: datetime) -> Iterator[datetime]:
    for when in times:
        if when > end:
            return
        yield when
