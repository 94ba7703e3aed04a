"""Words written wrong: not in the dictionary, or twice in a row."""

from __future__ import annotations

from itertools import islice, pairwise
from typing import Final

from afterword.domain.proofread.context import Lookups, Speller
from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.text import (
    COMMON,
    Text,
    bare,
    capitalised,
    is_word_char,
    occurrences,
    quote,
    whole_words,
)

MAX_SUGGESTIONS: Final = 10  # corrections cost milliseconds each: only for the first few words
_REPEAT_ALLOWED: Final = frozenset({"had", "that"})


def spelling_candidates(read: Text, lk: Lookups) -> set[str]:
    """Lower-case words worth asking the dictionary about: letters and apostrophes only, no
    acronyms, none of the most common words, nothing the record or the user's list knows."""
    rest = read.lower - lk.accepted - COMMON
    if not rest:
        return set()
    acronyms = {t.lower() for t in read.unique if t.isupper() and len(t) > 1}
    out = set()
    for low in rest - acronyms:
        word = low if low.isalpha() else bare(low)
        if len(word) < 2 or not (word.isalpha() or word.replace("'", "").isalpha()):
            continue  # a number, a code such as b2b, a snake_case name
        if word not in lk.accepted:
            out.add(word)
    return out


def misspellings(
    read: Text, words: list[str], speller: Speller, suggestions_left: list[int]
) -> list[Hit]:
    hits = []
    suggested: dict[str, str] = {}
    for at, written, word in occurrences(read, words):
        if word not in suggested:
            if suggestions_left[0] > 0:
                suggestions_left[0] -= 1
                suggested[word] = speller.suggest(word)
            else:
                suggested[word] = ""
        suggestion = suggested[word]
        if suggestion == word:
            suggestion = ""
        elif suggestion and written[:1].isupper():
            suggestion = capitalised(suggestion)
        hits.append(
            Hit(
                at,
                len(written),
                "spelling",
                f"{quote(written)} is not in the dictionary; if it is right, add it to your "
                "word list.",
                suggestion,
                "warning",
            )
        )
    return hits


def repeated_words(read: Text) -> list[Hit]:
    """A word written twice ("the the"), also across one line break."""
    lower = "\n".join(read.tokens).lower().split("\n")
    if not any(map(str.__eq__, lower, islice(lower, 1, None))):
        return []  # the common case, found without a loop in Python
    twice = {a for a, b in pairwise(lower) if a == b} - _REPEAT_ALLOWED
    hits = []
    low, text = read.low, read.text
    for word in twice:
        if any(c.isdigit() for c in word):
            continue
        end = -1
        for at in whole_words(low, word):
            if at < end:
                continue  # the second of a pair already reported
            second = _after_space(low, at + len(word))
            if second is None or not low.startswith(word, second):
                continue
            after = low[second + len(word) : second + len(word) + 1]
            if after and is_word_char(after):
                continue
            end = second + len(word)
            written = text[at : at + len(word)]
            message = f"{quote(written)} is written twice in a row."
            if "\n" in text[at:second]:
                hits.append(
                    Hit(second, len(word), "repeated_word", message + " Remove the second.")
                )
            else:
                hits.append(Hit(at, end - at, "repeated_word", message, written))
    return hits


def _after_space(low: str, at: int) -> int | None:
    """Where the next word starts after spaces and at most one line break; None if there is
    no space at all, or a blank line (a new paragraph may start as the last one ended)."""
    start = at
    size = len(low)
    while at < size and low[at] in " \t":
        at += 1
    if at < size and low[at] == "\n":
        at += 1
        while at < size and low[at] in " \t":
            at += 1
    return at if at > start else None
