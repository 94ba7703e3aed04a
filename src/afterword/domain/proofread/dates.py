"""Dates as written in the email: a weekday that does not fit its date, a next step already past,
and whether the decision date is mentioned. Dates are looked for only near digits; a weekday
alone ("they will decide by Friday") and "next week" are counted from the interview's day, as
the schedule reads the same words in the debrief (the interviewer said them then)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from afterword.domain.proofread.context import ProofContext
from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.text import Text, quote, whole_words

WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_WEEKDAY_WORD = (
    r"Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?"
    r"|Sat(?:urday)?|Sun(?:day)?"
)
_MONTH_WORD = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_YEAR = r"(?:19|20)\d\d"
# Weekdays and months are written with a capital in English; matching them case-sensitively
# keeps "may" and "march" the verbs out.
_DATE = re.compile(
    rf"(?<![\w/.-])(?:(?P<wd>{_WEEKDAY_WORD})\b\.?,?\s+(?:the\s+)?)?(?:"
    rf"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_MONTH_WORD})\b\.?"
    rf"(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|(?P<m2>{_MONTH_WORD})\b\.?\s+(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
    rf"|(?P<na>[0-3]?\d)/(?P<nb>[0-3]?\d)(?:/(?P<ny>(?:19|20)?\d\d))?\b(?!/)"
    r")"
)
_FUTURE_CUE = re.compile(
    r"\b(?:hear(?:ing)?\s+(?:back|from)|decision|decide|next\s+steps?|look(?:ing)?\s+forward"
    r"|will|expect(?:ing)?|plan(?:ning)?\s+to|going\s+to)\b|\w['’]ll\b",
    re.IGNORECASE,
)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|until|till|before|no\s+later\s+than)\s+(?:the\s+)?$", re.IGNORECASE
)
# what the four Rs' reminder of the next step is found by (in the body in lower case)
_NEXT_STEPS: Final = (
    "next step",
    "hear back",
    "hearing back",
    "hear from you",
    "hearing from you",
    "decision",
    "timeline",
    "time frame",
    "timeframe",
)
_SENTENCE_ENDS: Final = (". ", "! ", "? ", "\n")
_SENTENCE_REACH: Final = 300
_MAX_DIGITS: Final = 200  # more digits than that: one pass over the whole text instead
_BEFORE_DIGIT: Final = 40  # "Wednesday, the 26th" / "Wednesday, September 26"
_AFTER_DIGIT: Final = 30  # "26th of September, 2026"


def _month(word: str) -> int:
    return [m[:3] for m in _MONTHS].index(word[:3].title()) + 1


def _weekday(word: str) -> int:
    return [d[:3] for d in WEEKDAYS].index(word[:3].title())


def _nearest(month: int, day: int, today: date) -> date | None:
    """A date without a year: the one nearest ``today``, if it is within six months."""
    best: date | None = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - today).days) < abs((best - today).days):
            best = candidate
    if best is not None and abs((best - today).days) <= 183:
        return best
    return None


def _on(year: str | None, month: int, day: int, today: date) -> date | None:
    if not year:
        return _nearest(month, day, today)
    number = int(year)
    try:
        return date(number + 2000 if number < 100 else number, month, day)
    except ValueError:
        return None


def _readings(m: re.Match[str], today: date) -> tuple[date, ...]:
    """The dates a match can mean: none, one, or two for an ambiguous 5/11."""
    if m["m1"]:
        found = _on(m["y1"], _month(m["m1"]), int(m["d1"]), today)
    elif m["m2"]:
        found = _on(m["y2"], _month(m["m2"]), int(m["d2"]), today)
    elif m["iy"]:
        found = _on(m["iy"], int(m["im"]), int(m["id"]), today)
    else:
        a, b = int(m["na"]), int(m["nb"])
        both = {_on(m["ny"], b, a, today), _on(m["ny"], a, b, today)}  # day first, month first
        return tuple(sorted(d for d in both if d is not None))
    return (found,) if found else ()


def spoken(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (at most a few hundred characters of it)."""
    low, high = max(0, start - _SENTENCE_REACH), min(len(text), end + _SENTENCE_REACH)
    before = max(text.rfind(mark, low, start) for mark in _SENTENCE_ENDS)
    after = [i for i in (text.find(mark, end, high) for mark in _SENTENCE_ENDS) if i != -1]
    return text[max(before + 1, low) : min(after) if after else high]


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around its digits where a date could be written (every date form
    holds a digit): the date pattern runs on these only, not on every word."""
    digits = sorted(at for d in "0123456789" for at in _find_all(text, d, _MAX_DIGITS + 1))
    if len(digits) > _MAX_DIGITS:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for at in digits:
        start, end = max(0, at - _BEFORE_DIGIT), min(len(text), at + _AFTER_DIGIT)
        near = max(0, start - 20)  # back to the start of a word, so "Wednesday" stays whole
        space = max(text.rfind(" ", near, start), text.rfind("\n", near, start))
        start = space + 1 if space >= 0 else start
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _find_all(text: str, needle: str, limit: int) -> list[int]:
    found: list[int] = []
    at = text.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


@dataclass(frozen=True)
class WrittenDate:
    """A date as written in the text: where, its weekday word if any, what it can mean."""

    start: int
    end: int
    weekday_start: int
    weekday: str  # "" when none is written
    numeric: bool  # 5/11: no month name, so no sure reading for a deadline
    readings: tuple[date, ...]


def find_dates(text: str, today: date) -> list[WrittenDate]:
    found = []
    for start, end in _digit_windows(text):
        window = text if (start, end) == (0, len(text)) else text[start:end]
        for m in _DATE.finditer(window):
            end = m.end() - 1 if m.group().endswith(".") else m.end()  # "Nov." ends a sentence
            found.append(
                WrittenDate(
                    start + m.start(),
                    start + end,
                    start + m.start("wd"),
                    m["wd"] or "",
                    bool(m["na"]),
                    _readings(m, today),
                )
            )
    return found


def wrong_dates(text: str, dates: list[WrittenDate], ctx: ProofContext) -> list[Hit]:
    hits = []
    for written in dates:
        if len(written.readings) != 1:
            continue
        (day,) = written.readings
        if written.weekday and _weekday(written.weekday) != day.weekday():
            right = WEEKDAYS[day.weekday()]
            hits.append(
                Hit(
                    written.weekday_start,
                    len(written.weekday),
                    "weekday_mismatch",
                    f"{spoken(day)} is a {right}, not a {WEEKDAYS[_weekday(written.weekday)]}.",
                    right if written.weekday in WEEKDAYS else right[:3],
                )
            )
        # A check-in or close-out looks back on the dates they gave: a past date is the point.
        looking_back = ctx.template in ("check-in", "close-out")
        if day < ctx.today and not written.numeric and not looking_back:
            sentence = _sentence_around(text, written.start, written.end)
            lead = text[max(0, written.start - 30) : written.start]
            if _DEADLINE_BEFORE.search(lead) or _FUTURE_CUE.search(sentence):
                hits.append(
                    Hit(
                        written.start,
                        written.end - written.start,
                        "past_next_step",
                        f"{spoken(day)} has passed already (today is {spoken(ctx.today)}), "
                        "but this sentence speaks of what comes next.",
                    )
                )
    return hits


def mentions_decision(body: str, dates: list[WrittenDate], ctx: ProofContext) -> bool:
    """Whether the email reminds them of the next step: the phrase, the date or its weekday."""
    decision = ctx.decision_by
    low = body.lower()
    if decision is None or any(words in low for words in _NEXT_STEPS):
        return True
    if any(decision in written.readings for written in dates) or decision.isoformat() in body:
        return True
    name = WEEKDAYS[decision.weekday()]
    return re.search(rf"\b{name[:3]}(?:{name[3:]}|\.|\b)", body) is not None


_WEEK_PHRASES: Final = {  # words of the week, lower case -> the Friday they mean (from T)
    "next week": 1,
    "end of next week": 1,
    "this week": 0,
    "later this week": 0,
    "end of the week": 0,
    "end of this week": 0,
}
_LOOKING_BACK_BEFORE = re.compile(r"\b(?:last|past|previous|since)\s+$", re.IGNORECASE)
_NEXT_BEFORE = re.compile(r"\bnext\s+$", re.IGNORECASE)


def day_in_words(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _weekday_after(start: date, weekday: int, *, next_week: bool = False) -> date:
    """The first ``weekday`` after ``start`` ("by Friday" said on a Tuesday: that Friday); with
    ``next_week``, that day in the week after ``start``'s (the schedule's reading of "next")."""
    if next_week:
        return start + timedelta(days=7 - start.weekday() + weekday)
    return start + timedelta(days=(weekday - start.weekday() - 1) % 7 + 1)


def past_weekdays(read: Text, dates: list[WrittenDate], ctx: ProofContext) -> list[Hit]:
    """A weekday alone, or a week ("next week"), counted from the interview's day, that has
    passed while the sentence speaks of it as ahead ("they will decide by Friday" read a week
    later). A check-in or close-out looks back on what they said: not checked there."""
    interview = ctx.interview_day
    if interview is None or ctx.template in ("check-in", "close-out") or interview >= ctx.today:
        return []
    text, low = read.text, read.low
    dated = [(w.weekday_start if w.weekday else w.start, w.end) for w in dates]
    found: list[tuple[int, int, date]] = []
    for name in read.unique.intersection(WEEKDAYS):
        weekday = WEEKDAYS.index(name)
        for at in whole_words(text, name):
            if any(start <= at < end for start, end in dated):
                continue  # "Friday 4 December": the date says which Friday
            lead = text[max(0, at - 30) : at]
            if _NEXT_BEFORE.search(lead):
                found.append(
                    (
                        at - len(lead) + lead.lower().rfind("next"),
                        at + len(name),
                        _weekday_after(interview, weekday, next_week=True),
                    )
                )
            elif weekday == interview.weekday() and not _DEADLINE_BEFORE.search(lead):
                continue  # "on Tuesday", the interview's own day: looking back
            elif not _LOOKING_BACK_BEFORE.search(lead) or _DEADLINE_BEFORE.search(lead):
                found.append((at, at + len(name), _weekday_after(interview, weekday)))
    for phrase, weeks in _WEEK_PHRASES.items():
        if phrase.rsplit(" ", 1)[-1] in read.lower:
            friday = _weekday_after(interview - timedelta(days=1), 4) + timedelta(weeks=weeks)
            found += [(at, at + len(phrase), friday) for at in whole_words(low, phrase)]
    hits = []
    covered: list[tuple[int, int]] = []
    for start, end, day in sorted(found, key=lambda f: (f[0], -f[1])):
        if day >= ctx.today or any(a <= start and end <= b for a, b in covered):
            continue  # "end of next week" holds "next week": one finding
        lead = text[max(0, start - 30) : start]
        if not (
            _DEADLINE_BEFORE.search(lead) or _FUTURE_CUE.search(_sentence_around(text, start, end))
        ):
            continue
        covered.append((start, end))
        hits.append(
            Hit(
                start,
                end - start,
                "past_next_step",
                f"{quote(text[start:end])}, counted from the interview on "
                f"{day_in_words(interview)}, was {day_in_words(day)} and has passed (today is "
                f"{day_in_words(ctx.today)}): write a day still ahead, or no day.",
            )
        )
    return hits
