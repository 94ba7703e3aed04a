"""A date named inside a sentence ("they will decide by Friday"), found and read.

``find_date_phrase`` looks for the words that name a day in prose (the debrief's next steps,
the offer for *Decision by*) and reads them with ``dates.parse_when``, relative to the ``now``
it is given. Nothing here reads the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from afterword.domain.dates import (
    MAX_LENGTH,
    MONTH_WORDS,
    WEEKDAYS,
    DateNotUnderstood,
    ResolvedDate,
    parse_when,
)

_CUES = frozenset({"by", "on", "before", "until", "till", "within", "in", "around", "after"})
_SYNONYMS = {
    "next week": "next friday", "end of week": "fri", "end of the week": "fri",
    "end of next week": "next friday", "the end of the week": "fri",
    "end of the month": "end of month", "the end of the month": "end of month",
}  # fmt: skip
_DAY_WORDS = frozenset(
    {"today", "tomorrow", "tonight", "next", "end", "week", "weeks", "month", "days", "day"}
    | set(WEEKDAYS)
    | MONTH_WORDS
)
_NUMBER_WORDS = {
    "a": "1", "an": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
_WORD = re.compile(r"[A-Za-z0-9:+/-]+(?:\.\d+)?")
_LONGEST = 4  # words in a phrase


@dataclass(frozen=True)
class FoundDate:
    """A date phrase found in a sentence: the words as written and what they mean."""

    phrase: str
    start: int  # offset of the phrase in the text
    date: ResolvedDate


def find_date_phrase(text: str, now: datetime, *, dayfirst: bool = False) -> FoundDate | None:
    """The first future date named in ``text`` ("they will decide by Friday" → Friday).

    Only phrases that hold a day word (a weekday, a month, today, tomorrow, next, end, weeks,
    days) or a digit are tried, longest first, starting after a cue word (by, on, before,
    until, within…) or at a day word; "within two weeks" reads as "in 2 weeks". A phrase in the
    past is skipped. Never raises.
    """
    words = [(m.group(), m.start()) for m in _WORD.finditer(text[: MAX_LENGTH * 20])]
    folded = [w.casefold().rstrip(".") for w, _ in words]
    for i, word in enumerate(folded):
        starts = word in _CUES
        first = i + 1 if starts else i
        if first >= len(words) or not (starts or word in _DAY_WORDS or word[:1].isdigit()):
            continue
        for length in range(min(_LONGEST, len(words) - first), 0, -1):
            chunk = folded[first : first + length]
            if not any(w in _DAY_WORDS or w[:1].isdigit() for w in chunk):
                continue
            found = _first_reading(chunk, now, dayfirst)
            if found is None or found.value.date() < now.date():
                continue
            start = words[first][1]
            last_word, last_start = words[first + length - 1]
            return FoundDate(text[start : last_start + len(last_word)], start, found)
    return None


def _first_reading(chunk: list[str], now: datetime, dayfirst: bool) -> ResolvedDate | None:
    """``chunk`` read as a date: as written, through a synonym, or as 'in N days/weeks'."""
    phrase = " ".join(chunk)
    tries = [_SYNONYMS.get(phrase, phrase)]
    if chunk[0] in _NUMBER_WORDS or chunk[0].isdigit():
        tries.append("in " + " ".join(_NUMBER_WORDS.get(w, w) for w in chunk))
    for attempt in tries:
        try:
            return parse_when(attempt, now, dayfirst=dayfirst, default_time=time(0, 0))
        except DateNotUnderstood:
            continue
    return None
