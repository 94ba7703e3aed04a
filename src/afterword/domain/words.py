"""Dates said in words, for lists and confirmations: light enough for `afterword today`.

No parsing here (that is ``dates``), and nothing heavier than ``datetime`` is imported.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def in_words(value: datetime) -> str:
    """'Fri 27 Nov 2026, 09:00', plus the zone name or offset when ``value`` is aware."""
    text = (
        f"{DAY_NAMES[value.weekday()]} {value.day} {MONTH_NAMES[value.month - 1]} "
        f"{value.year}, {value:%H:%M}"
    )
    label = zone_label(value)
    return f"{text} {label}" if label else text


def day_month(value: date) -> str:
    """'4 Dec': a day in a narrow column, never '04 Dec'."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]}"


def short_day(value: date) -> str:
    """'Fri 4 Dec': a day in a list or a line, never 'Fri 04 Dec'."""
    return f"{DAY_NAMES[value.weekday()]} {day_month(value)}"


def day_time(value: datetime) -> str:
    """'Fri 4 Dec 09:00': a moment in a list or a message, its day never '04'."""
    return f"{short_day(value)} {value:%H:%M}"


def long_day(value: date, today: date | None = None) -> str:
    """'Friday 4 December 2026'; without the year when it is ``today``'s year. How a
    decision date is said on screen, in the letter and by the proofreader alike."""
    year = "" if today is not None and value.year == today.year else f" {value.year}"
    return f"{value:%A} {value.day} {value:%B}{year}"


def joined_parts(*parts: str, sep: str = " · ") -> str:
    """The parts that say something, joined: 'Mon 23 Nov 2026, 13:06 · status rejected', not
    'Mon 23 Nov 2026, 13:06 ·  · status rejected' when a field is empty."""
    return sep.join(part.strip() for part in parts if part and part.strip())


def day_and_time(value: datetime) -> str:
    """'Wednesday 25 November at 13:30': when an email went, said in full."""
    return f"{value:%A} {value.day} {value:%B} at {value:%H:%M}"


def relative_words(value: datetime, now: datetime) -> str:
    """Short phrasing for lists, by calendar day of ``now``.

    Future or now: 'today 14:00', 'tomorrow 09:00', 'Fri 09:00' (2-6 days ahead),
    'Fri 4 Dec 09:00' (further; the year is added when it differs: 'Fri 1 Jan 2027 09:00').
    Past: '3 days late' (an earlier calendar day), else '2 hours late', '5 minutes late',
    'now' (under a minute). Singular for 1 ('1 day late'). Aware values are shown in an aware
    ``now``'s zone; with a naive ``now`` they keep their wall time and get a zone suffix.
    """
    suffix = ""
    if value.tzinfo is not None and now.tzinfo is not None:
        value = value.astimezone(now.tzinfo)
    elif value.tzinfo is not None:
        suffix = " " + zone_label(value)
    late = wall_delta(now, value)
    wall, today = value.replace(tzinfo=None), now.replace(tzinfo=None).date()
    clock = f"{wall:%H:%M}{suffix}"
    if late > timedelta(0):
        days = (today - wall.date()).days
        if days >= 1:
            return plural(days, "day") + " late"
        if late >= timedelta(hours=1):
            return plural(late // timedelta(hours=1), "hour") + " late"
        if late >= timedelta(minutes=1):
            return plural(late // timedelta(minutes=1), "minute") + " late"
        return "now"
    ahead = (wall.date() - today).days
    if ahead <= 0:
        return f"today {clock}"
    if ahead == 1:
        return f"tomorrow {clock}"
    name = DAY_NAMES[wall.weekday()]
    if ahead <= 6:
        return f"{name} {clock}"
    year = f" {wall.year}" if wall.year != today.year else ""
    return f"{name} {wall.day} {MONTH_NAMES[wall.month - 1]}{year} {clock}"


def by_words(due: datetime, now: datetime) -> str:
    """'today 17:00', 'tomorrow 14:00', 'Wed 2 Dec 09:00': when a new follow-up is due."""
    days = (due.date() - now.date()).days
    if days == 0:
        return f"today {due:%H:%M}"
    if days == 1:
        return f"tomorrow {due:%H:%M}"
    return f"{due:%a} {due.day} {due:%b %H:%M}"


def since_words(when: datetime, now: datetime) -> str:
    """How long after the interview a debrief is being written (said under When)."""
    minutes = int((now.replace(tzinfo=None) - when.replace(tzinfo=None)).total_seconds() // 60)
    if minutes < 0:
        return "The interview is still ahead; write what you expect, and come back after it."
    if minutes < 5:
        return "Written right after the interview: while it is fresh."
    if minutes < 60:
        return f"Written {minutes} min after the interview: while it is fresh."
    if minutes < 48 * 60:
        return f"Written {minutes // 60} h after the interview."
    return f"Written {minutes // (24 * 60)} days after the interview: write what you still recall."


def zone_label(value: datetime) -> str:
    name = value.tzname()
    if name and name.isalpha():
        return name
    offset = value.utcoffset()
    if offset is None:
        return ""
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_wall_time(value: datetime) -> datetime:
    """``value`` as wall time here: a time with a zone (one the user gave) is converted, so
    naive and zoned times sort and group by day together, as the agenda shows them."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def wall_delta(a: datetime, b: datetime) -> timedelta:
    """a - b in real time when both are aware, else by wall clock."""
    if a.tzinfo is not None and b.tzinfo is not None:
        return a.astimezone(UTC) - b.astimezone(UTC)
    return a.replace(tzinfo=None) - b.replace(tzinfo=None)


def plural(count: int, one: str, many: str = "") -> str:
    """'1 follow-up', '2 follow-ups', '0 follow-ups': the count and the word it takes.
    ``many`` for a plural that is not ``one`` + 's' ('address', 'addresses'). Never '(s)':
    a message is read by a person, not parsed."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def fold_name(text: str) -> str:
    """Case and spacing ignored: how rounds of one lead are matched (rule 7)."""
    return " ".join(text.split()).casefold()


# the marks that turn the direction of the text after them
BIDI_MARKS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_control(ch: str) -> bool:
    """A character that must not reach a terminal or a header as it is: a control character, a
    line or paragraph separator, or a direction mark (a zero-width joiner is fine)."""
    import unicodedata

    return ch in BIDI_MARKS or unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def shown(text: str) -> str:
    """``text`` fit for a terminal line: each character `is_control` finds, and a lone
    surrogate, as a visible escape (``\\x1b``, ``\\u202e``, ``\\ud800``), the rest as it is.
    Interviews come from outside (a recruiter's invitation, an import file): written as they
    are, an escape sequence in a company's name would clear the screen or retitle the window, a
    direction mark would reorder the line, and a lone surrogate would stop the printing."""
    if text.isprintable():
        return text
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if is_control(ch) or _is_surrogate(ch) else ch
        for ch in text
    )


def _is_surrogate(ch: str) -> bool:
    """Half of a UTF-16 pair, alone (JSON can carry one in): no terminal can be sent it."""
    return "\ud800" <= ch <= "\udfff"


def shown_lines(text: str) -> str:
    """``text`` of several lines fit for a terminal: each line `shown`, its line ends (LF or
    CRLF) kept as line ends. For a file written to the terminal, not for a sentence: a
    sentence is `shown` whole, so that a line break in a name cannot split it."""
    if text.isprintable():
        return text
    lines = text.split("\n")
    ends = ["\r" if line.endswith("\r") else "" for line in lines[:-1]] + [""]  # CRLF: a line end
    return "\n".join(
        shown(line[: len(line) - len(end)]) + end for line, end in zip(lines, ends, strict=True)
    )


def shown_json(text: str) -> str:
    """JSON text fit for a terminal and still the same JSON: each character `shown` would
    escape, other than the line breaks between values, written as its ``\\uXXXX`` escape.
    ``json.dumps`` already escapes the C0 controls in strings, not DEL, the C1 controls
    (``\\x9b`` starts a sequence on some terminals), the line separators, direction marks or a
    lone surrogate (which no terminal can be sent)."""
    import re  # here: `afterword today` in its plain form never needs it

    marks = "".join(sorted(BIDI_MARKS))
    controls = f"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff{marks}]"
    return re.sub(controls, lambda m: f"\\u{ord(m.group()):04x}", text)
