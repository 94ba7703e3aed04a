"""Names misspelt: a word an edit or two from the name of someone in the record."""

from __future__ import annotations

from afterword.domain.proofread.context import Lookups, Speller
from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.text import COMMON, Text, capitalised, occurrences, quote


def _distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from a to b; limit+1 when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def closest_name(word: str, lk: Lookups) -> tuple[str, str] | None:
    """(recorded spelling, full name) of the name part ``word`` is a misspelling of."""
    best: tuple[int, str, str] | None = None
    letters = set(word)
    for part, (spelt, full) in lk.name_parts.items():
        limit = 2 if len(part) >= 5 else 1
        if abs(len(part) - len(word)) > limit or len(letters ^ set(part)) > 2 * limit:
            continue  # each edit changes the set of letters by two at most
        if part in lk.first_names and part.startswith(word):
            continue
        distance = _distance(word, part, limit)
        if 0 < distance <= limit and (best is None or distance < best[0]):
            best = (distance, spelt, full)
    return (best[1], best[2]) if best else None


def name_spellings(
    read: Text,
    candidates: set[str],
    unknown: set[str],
    lk: Lookups,
    speller: Speller | None,
) -> tuple[list[Hit], set[str]]:
    """Misspelt names, and the lower-case words that are (the spelling check skips them).

    With a dictionary: the words it does not know, and known words written as a name in the
    middle of a sentence ("I spoke with Dane"). Without one: capitalised words that are not
    among the most common English words.
    """
    if not lk.name_parts or not candidates:
        return [], set()
    upper = read.unique - read.lower  # written with a capital somewhere: few words
    written_upper = set("\n".join(upper).lower().split("\n")) if upper else set()
    as_names = {low for low in written_upper & candidates if capitalised(low) in read.unique}
    if speller is not None:
        suspects = (unknown & candidates) | {
            low
            for low in as_names - unknown
            if closest_name(low, lk) and _written_as_name(read, low)
        }
    else:
        suspects = as_names
    wrong = {}
    for word in suspects - COMMON:
        match = closest_name(word, lk)
        if match:
            wrong[word] = match
    hits = []
    for at, written, word in occurrences(read, wrong):
        spelt, full = wrong[word]
        hits.append(
            Hit(
                at,
                len(written),
                "name_spelling",
                f"{quote(written)} is not how {full}'s name is spelt in the record.",
                spelt,
            )
        )
    return hits, set(wrong)


def _written_as_name(read: Text, word: str) -> bool:
    """Capitalised in the middle of a sentence (after a word or a comma) somewhere."""
    text = read.text
    return any(
        written[:1].isupper()
        and at >= 2
        and text[at - 1] == " "
        and (text[at - 2].isalnum() or text[at - 2] in ",;:")
        for at, written, _ in occurrences(read, [word])
    )
