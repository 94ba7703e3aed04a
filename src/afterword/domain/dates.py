"""Read the date phrases people type, relative to an injected ``now``.

Nothing here reads the clock: callers pass ``now``, so the app and its tests agree.
Order of attempts: our own phrases, ISO 8601, then dateutil's parser behind strict
checks. Text that is not clearly a date is refused (``DateNotUnderstood``), never guessed.
A date named inside a sentence is found by ``date_phrases.find_date_phrase``.
"""

from __future__ import annotations

import re
import warnings
from calendar import monthrange
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache, partial
from zoneinfo import ZoneInfo, available_timezones

from afterword.domain.words import DAY_NAMES, MONTH_NAMES, in_words, wall_delta

# dateutil is imported where it is used: `afterword today` only formats dates, and must not
# pay for the parser at start-up.

EXAMPLES = ("tomorrow 10am", "fri 2pm", "2026-12-01 09:00")
MAX_LENGTH = 200
MAX_DAYS_AWAY = 366
_FAR = "it is more than a year away"

WEEKDAYS = {
    name: i
    for i, names in enumerate(
        ("mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
         "fri friday", "sat saturday", "sun sunday")
    )
    for name in names.split()
}  # fmt: skip
MONTH_WORDS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december",
}  # fmt: skip


def _fixed(name: str, hours: int) -> timezone:
    return timezone(timedelta(hours=hours), name)


# Fixed-offset abbreviations only; IST is left out because it means three different zones.
_ZONES: dict[str, tzinfo] = {
    "utc": UTC, "z": UTC, "gmt": _fixed("GMT", 0),
    "est": _fixed("EST", -5), "edt": _fixed("EDT", -4), "cst": _fixed("CST", -6),
    "cdt": _fixed("CDT", -5), "mst": _fixed("MST", -7), "mdt": _fixed("MDT", -6),
    "pst": _fixed("PST", -8), "pdt": _fixed("PDT", -7), "bst": _fixed("BST", 1),
    "cet": _fixed("CET", 1), "cest": _fixed("CEST", 2), "eet": _fixed("EET", 2),
    "eest": _fixed("EEST", 3),
}  # fmt: skip
_GLUE = ("at", "on", "of")
_WORDS = {*_GLUE, *MONTH_WORDS, *WEEKDAYS}  # the only words dateutil may see

_OFFSET = re.compile(r"([+-])([01]\d|2[0-3]):?([0-5]\d)")
_TIME = re.compile(
    r"(?:at )?(?:(\d{1,2})(?:[:.](\d{2}))? ?([ap]m)|(\d{1,2}):(\d{2})|(noon|midday|midnight))"
)
_IN = re.compile(r"in (\d+|an?) (day|week|month|hour|hr|minute|min)s?")
_PLUS = re.compile(r"\+(\d+)([dwmh])")
_UNITS = {
    "day": "days", "week": "weeks", "month": "months", "hour": "hours", "hr": "hours",
    "minute": "minutes", "min": "minutes", "d": "days", "w": "weeks", "m": "months",
    "h": "hours",
}  # fmt: skip
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?P<t>[Tt ]\d{2}:\d{2}\S*)?|\d{8}(?P<bt>[Tt]\d{4}\S*)?")
# Token shapes let through to dateutil: it reads '-8--1' or '9am pm' as dates otherwise.
_TOKEN = re.compile(
    r"(?P<word>[a-z]+)|(?P<num>\d{1,4})(?:st|nd|rd|th)?"
    r"|(?P<date>(?:(?P<y>\d{4})|\d{1,2})(?P<sep>[/.-])\d{1,2}(?:(?P=sep)\d{1,4})?)"
    r"|(?P<time>\d{1,2}(?::\d{2}){1,2}(?:[ap]m)?|\d{1,2}[ap]m)"
)


class DateNotUnderstood(ValueError):
    """The text is not clearly a date; the message quotes it and shows three phrases that work."""

    def __init__(
        self, text: str, reason: str = "", examples: tuple[str, str, str] = EXAMPLES
    ) -> None:
        self.text, self.reason, self.examples = text, reason, examples
        shown = "".join(c if c.isprintable() else "\ufffd" for c in text.strip())
        if len(shown) > 60:
            shown = shown[:59] + "…"
        why = f" ({reason})" if reason else ""
        tries = f'"{examples[0]}", "{examples[1]}" or "{examples[2]}"'
        super().__init__(f'Cannot read "{shown}" as a date{why}; try {tries}.')


def _refuse(reason: str = "") -> DateNotUnderstood:
    return DateNotUnderstood("", reason)


@dataclass(frozen=True)
class ResolvedDate:
    """A parsed date: ``value`` is naive local time, or aware when a zone was given or now was."""

    value: datetime
    has_time: bool

    def in_words(self) -> str:
        return in_words(self.value)

    def is_past(self, now: datetime) -> bool:
        """Aware vs naive compares wall clocks: a naive ``now`` carries no zone to convert to."""
        return wall_delta(now, self.value) > timedelta(0)


def parse_when(
    text: str,
    now: datetime,
    *,
    dayfirst: bool = False,
    default_time: time = time(0, 0),
    past: bool = False,
) -> ResolvedDate:
    """Read ``text`` as a date relative to ``now``, or raise DateNotUnderstood.

    Own phrases first ('tomorrow 10am', 'fri', 'next friday', 'last tue', 'in 3 days', '+2w',
    'end of month', '14:30'), then ISO 8601, then dateutil with strict checks. Weekday names
    mean the next such day strictly after today; 'next friday' is the Friday of next
    Monday-Sunday week; 'last tue' the latest Tuesday before today.
    With ``past`` (a time that has happened: when an interview was), a weekday name means the
    latest such day up to today ('tue 2pm' on a Saturday is that week's Tuesday), and a day and
    month without a year more than half a year ahead is last year's. Phrases that say the
    future ('tomorrow', 'in 2 days') still mean it: the caller decides what a future time needs.
    A trailing zone ('EST', 'Europe/London', '+01:00') makes the result aware, with the wall
    time as typed in that zone; day words still count from ``now``'s own calendar date.
    With an aware ``now`` and no zone typed, the result is aware in ``now``'s zone.
    Results more than 366 days from ``now`` are refused unless the text names the year.
    """
    words = text.split()
    cleaned = " ".join(words)
    try:
        if not cleaned:
            raise _refuse("it is empty")
        if len(cleaned) > MAX_LENGTH:
            raise _refuse("it is too long")
        if not cleaned.isascii() or not cleaned.isprintable():
            raise _refuse()
        zone = _zone(words[-1]) if len(words) > 1 else None
        rest = " ".join(words[:-1]) if zone is not None else cleaned
        return _resolve(rest, now, dayfirst, default_time, zone, past)
    except DateNotUnderstood as exc:  # raised below without the caller's exact text
        raise DateNotUnderstood(text, exc.reason, _examples(now)) from None
    except (ValueError, OverflowError) as exc:
        raise DateNotUnderstood(text, "", _examples(now)) from exc


def _examples(now: datetime) -> tuple[str, str, str]:
    """Phrases that parse for this ``now``; the ISO one is a week ahead, so never stale."""
    try:
        return EXAMPLES[0], EXAMPLES[1], f"{now.date() + timedelta(days=7)} 09:00"
    except OverflowError:
        return EXAMPLES


def _resolve(
    rest: str,
    now: datetime,
    dayfirst: bool,
    default_time: time,
    zone: tzinfo | None,
    past: bool = False,
) -> ResolvedDate:
    own = _own_phrase(rest.casefold(), now.date(), default_time, past)
    named_year = False
    if isinstance(own, timedelta):
        if now.tzinfo is None:
            if zone is not None:
                raise _refuse("a zone needs a clock time, e.g. 3pm EST")
            value = now + own
        else:
            value = (now.astimezone(UTC) + own).astimezone(zone or now.tzinfo)
        value, has_time = value.replace(second=0, microsecond=0), True
    else:
        if own is None:
            own = _iso(rest, default_time) or _dateutil(rest, now, dayfirst, default_time, past)
            year = own[0].year
            named_year = year >= 1000 and re.search(rf"(?<!\d){year}", rest) is not None
            if own[0].tzinfo is not None and zone is not None:
                raise _refuse("it names two zones")
        value, has_time = own
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone or now.tzinfo)
    if value.tzinfo is not None:  # a wall time skipped by a DST change moves to a real one
        value = value.astimezone(UTC).astimezone(value.tzinfo)
    if abs(wall_delta(value, now)) > timedelta(days=MAX_DAYS_AWAY) and not named_year:
        raise _refuse(_FAR)
    return ResolvedDate(value, has_time)


def _own_phrase(
    folded: str, today: date, default_time: time, past: bool = False
) -> timedelta | tuple[datetime, bool] | None:
    """Our phrases: a timedelta for 'in 3 hours' / '+4h', else (wall datetime, has_time)."""
    shift = _relative_time(folded)
    if shift is not None:
        return shift
    clock = _time_of_day(folded)
    if clock is not None:
        return datetime.combine(today, clock), True
    tokens = folded.split(" ")
    found = _day_phrase(tokens, today, past)
    if found is not None:
        day, used = found
        if used == len(tokens):
            return datetime.combine(day, default_time), False
        clock = _time_of_day(" ".join(tokens[used:]))
        if clock is not None:
            return datetime.combine(day, clock), True
        return None
    for split in range(1, min(len(tokens), 4)):  # time first: '10am tomorrow'
        clock = _time_of_day(" ".join(tokens[:split]))
        found = _day_phrase(tokens[split:], today, past)
        if clock is not None and found is not None and found[1] == len(tokens) - split:
            return datetime.combine(found[0], clock), True
    return None


def _amount(raw: str) -> int:
    number = 1 if raw in ("a", "an") else int(raw)
    if number > 100_000:
        raise _refuse(_FAR)
    return number


def _relative_time(folded: str) -> timedelta | None:
    match = _IN.fullmatch(folded) or _PLUS.fullmatch(folded)
    if match is None or _UNITS[match.group(2)] not in ("hours", "minutes"):
        return None
    return timedelta(**{_UNITS[match.group(2)]: _amount(match.group(1))})


def _time_of_day(text: str) -> time | None:
    """'9am', '9 am', '3:30pm', '14:30', 'noon', 'midnight', optionally after 'at'."""
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    h12, m12, half, h24, m24, word = match.groups()
    if word:
        return time(0, 0) if word == "midnight" else time(12, 0)
    if half:
        hour, minute = int(h12), int(m12 or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _refuse(f"{text} is not a time of day")
        return time(hour % 12 + (12 if half == "pm" else 0), minute)
    hour, minute = int(h24), int(m24)
    if hour > 23 or minute > 59:
        raise _refuse(f"{text} is not a time of day")
    return time(hour, minute)


def _day_phrase(tokens: list[str], today: date, past: bool = False) -> tuple[date, int] | None:
    """A day phrase at the start of ``tokens``: (the day, how many tokens it used); with
    ``past``, a weekday name looks back (up to today) instead of ahead."""
    first = tokens[0] if tokens else ""
    if first == "today":
        return today, 1
    if first in ("tomorrow", "tmrw"):
        return today + timedelta(days=1), 1
    if first == "yesterday":  # a past day: the calendar goes there; a due date refuses it
        return today - timedelta(days=1), 1
    for size in (3, 4):
        head = tokens[:size]
        if head in (["end", "of", "week"], ["end", "of", "the", "week"]):
            return today + timedelta(days=(4 - today.weekday()) % 7), size
        if head in (["end", "of", "month"], ["end", "of", "the", "month"]):
            return today.replace(day=monthrange(today.year, today.month)[1]), size
    if first == "next" and len(tokens) > 1 and tokens[1] in WEEKDAYS:
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=WEEKDAYS[tokens[1]]), 2
    if first == "last" and len(tokens) > 1 and tokens[1] in WEEKDAYS:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[tokens[1]] - 1) % 7 + 1), 2
    if first in WEEKDAYS and past:
        return today - timedelta(days=(today.weekday() - WEEKDAYS[first]) % 7), 1
    if first in WEEKDAYS:
        return today + timedelta(days=(WEEKDAYS[first] - today.weekday() - 1) % 7 + 1), 1
    match, used = _PLUS.fullmatch(first), 1
    if match is None:
        match, used = _IN.fullmatch(" ".join(tokens[:3])), 3
    if match is None or _UNITS[match.group(2)] not in ("days", "weeks", "months"):
        return None
    unit, amount = _UNITS[match.group(2)], _amount(match.group(1))
    try:
        if unit == "months":
            from dateutil.relativedelta import relativedelta

            return today + relativedelta(months=amount), used
        return today + timedelta(days=amount * (7 if unit == "weeks" else 1)), used
    except (ValueError, OverflowError):
        raise _refuse(_FAR) from None


def _iso(rest: str, default_time: time) -> tuple[datetime, bool] | None:
    """ISO 8601 via isoparse, so '2026-03-04' is 4 March whatever dayfirst says."""
    iso = _ISO.fullmatch(rest)
    if iso is None:
        return None  # e.g. '2026-12-01 at 09:00': dateutil reads it year-first
    from dateutil import parser as du_parser

    value = du_parser.isoparse(rest)
    if iso["t"] is None and iso["bt"] is None:
        return datetime.combine(value.date(), default_time), False
    return value, True


def _dateutil(
    rest: str, now: datetime, dayfirst: bool, default_time: time, past: bool = False
) -> tuple[datetime, bool]:
    """dateutil behind checks: known words and token shapes only, no partial or wrong dates."""
    from dateutil import parser as du_parser

    folded = re.sub(r"(?<=[a-z0-9]),(?= )", "", rest.casefold())
    hours = re.findall(r"(?<![\d:])(\d{1,2})(?::\d\d){0,2} ?[ap]m\b", folded)
    if any(not 1 <= int(hour) <= 12 for hour in hours):
        raise _refuse("that is not a time of day")
    tokens = folded.split(" ")
    shapes = [_TOKEN.fullmatch(token) for token in tokens]
    kinds = [shape.lastgroup if shape else None for shape in shapes]
    words = [token for token, kind in zip(tokens, kinds, strict=True) if kind == "word"]
    months = any(word in MONTH_WORDS for word in words)
    for i, (token, kind) in enumerate(zip(tokens, kinds, strict=True)):
        spoken_hour = token in ("am", "pm") and kinds[i - 1 : i] == ["num"]  # '3 pm'
        if kind is None or (kind == "word" and token not in _WORDS and not spoken_hour):
            raise _refuse()
        if token in _GLUE and tokens[i + 1 : i + 2] in ([], ["at"], ["on"], ["of"]):
            raise _refuse()  # 'at' with nothing after it
        if kind == "num" and not months and tokens[i + 1 : i + 2] not in (["am"], ["pm"]):
            raise _refuse("a lone number is ambiguous")
    spoken = sum(token in ("am", "pm") for token in tokens)
    if kinds.count("date") > 1 or kinds.count("time") + spoken > 1:
        raise _refuse()
    yearfirst = any(shape and shape.group("y") for shape in shapes)  # '2026/3/4' is 4 March
    # Two runs with different defaults reveal which fields the text really gave.
    year = now.year
    other = year + 400 if year <= 9599 else year - 400  # same leap-ness
    dayfirst = dayfirst and not yearfirst
    info = _years_near()(year)
    parse = partial(
        du_parser.parse, rest, info, dayfirst=dayfirst, yearfirst=yearfirst, fuzzy=False
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", du_parser.UnknownTimezoneWarning)
        try:
            first = parse(default=datetime(year, 1, 1))
            second = parse(default=datetime(other, 2, 16, 1, 1, 1, 1))
        except Exception as exc:  # dateutil's internals raise assorted types on junk
            raise _refuse() from exc
    if first.tzinfo is not None:
        raise _refuse("put the zone at the end")
    fields = ("year", "month", "day", "hour")
    gave_year, gave_month, gave_day, gave_hour = (
        getattr(first, f) == getattr(second, f) for f in fields
    )
    if gave_month and gave_day:
        day = first.date()
        if past and not gave_year and (day - now.date()).days > _HALF_YEAR:
            day = day.replace(year=day.year - 1)  # never 29 February: that is early in a year
    elif not (gave_year or gave_month or gave_day) and gave_hour:
        day = now.date()
    else:
        raise _refuse("give a day and a month")
    named = {WEEKDAYS[word] for word in words if word in WEEKDAYS}
    if named and named != {day.weekday()}:
        raise _refuse(
            f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year} is a {DAY_NAMES[day.weekday()]}"
        )
    return datetime.combine(day, first.time() if gave_hour else default_time), gave_hour


_HALF_YEAR = 183  # days: with ``past``, a day and month further ahead is last year's


@lru_cache(maxsize=1)
def _years_near() -> type:
    """A dateutil parserinfo resolving two-digit years around ``now``'s, not the clock's."""
    from dateutil import parser as du_parser

    class YearsNear(du_parser.parserinfo):
        def __init__(self, pivot: int) -> None:
            super().__init__()
            self.pivot = pivot

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            if year < 100 and not century_specified:
                year += self.pivot // 100 * 100
                year += 100 if year < self.pivot - 50 else -100 if year >= self.pivot + 50 else 0
            return year

    return YearsNear


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones() if "/" in name}


def _zone(token: str) -> tzinfo | None:
    """A trailing zone: a known abbreviation, an IANA name, or an offset like +01:00."""
    folded = token.casefold()
    if folded in _ZONES:
        return _ZONES[folded]
    offset = _OFFSET.fullmatch(folded)
    if offset is not None:
        sign, hours, minutes = offset.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if sign == "-" else delta)
    if "/" in folded and folded in _iana_names():
        return ZoneInfo(_iana_names()[folded])
    return None
