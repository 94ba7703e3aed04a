"""A text read once for all the checks: its words, and a lower-case copy searched with
``str.find`` (a regular expression with a lookbehind tries every position, at a tenth of the
speed); and the word helpers the checks share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

TOKEN = re.compile(r"\w+(?:['’]\w+)*")
# an address starts after a space (the lookbehind keeps a long run of symbols linear)
_EMAIL_OR_URL = re.compile(r"(?<!\S)[^\s@]++@\S++|(?<!\w)(?:https?://|www\.)\S++", re.IGNORECASE)


# Frequent English words that sit an edit or two from a first name ("Grace"/"great",
# "Dana"/"data"): without a dictionary they must not read as a misspelt name.
COMMON: Final = frozenset(
    str.split(
        """
    a about above after again against all also am an and any are as at back be because been
    before being below best between both but by call can came come could data date day days
    dear did do does doing done down during each email even ever every few first for from
    further get give glad go good got great had has have having he hear help her here hers
    herself him himself his hope how i if in into is it its itself just keen kind know last
    later let like look looking made make many may me meet meeting met might mine more most
    much must my myself never new next no nor not now of off often on once one only or other
    our ours ourselves out over own part people place plan please point quite rather really
    regards role said same say see she should since so some soon still such sure take team
    than thank thanks that the their theirs them themselves then there these they thing think
    this those though through time to today too under until up upon us very want was way we
    week well went were what when where which while who whom why will wish with work would
    yes yet you your yours yourself yourselves monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november
    december hello hi dear cheers sincerely warm warmly again grateful appreciate chance
    opportunity conversation discussion interview interviews engineer engineering manager
    product design project projects company teams question questions answer answers
    experience position offer
    """
    )
)


def fold(text: str) -> str:
    """Accents, case and spacing ignored: how names are compared ("Tomás" is "tomas")."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).casefold()


def bare(word: str) -> str:
    """A word as the dictionary knows it: straight apostrophes, no possessive ``'s``."""
    word = word.replace("’", "'")
    if word[-2:].lower() == "'s" and len(word) > 2:
        word = word[:-2]
    return word


@dataclass(frozen=True)
class Text:
    """One text (the subject or the body) read once for all the checks."""

    raw: str
    text: str  # addresses and URLs blanked out, offsets kept
    low: str  # ``text`` in lower case, same length: searched with str.find, the fast way
    tokens: list[str]  # words as written, in order
    unique: frozenset[str]
    lower: frozenset[str]  # the unique words in lower case

    @classmethod
    def read(cls, raw: str) -> Text:
        text = _blank_addresses(raw)
        low = text.lower()
        if len(low) != len(text):  # "İ" lowers to two characters: keep such ones as they are
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        tokens = TOKEN.findall(text)
        unique = frozenset(tokens)
        lower = frozenset("\n".join(unique).lower().split("\n")) if unique else frozenset()
        return cls(raw, text, low, tokens, unique, lower)


def is_word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’"


def whole_words(low: str, word: str) -> list[int]:
    """Where ``word`` (lower case) stands in ``low`` as a whole word, or with a possessive 's."""
    found = []
    size = len(word)
    at = low.find(word)
    while at != -1:
        after = low[at + size : at + size + 1]
        if (at == 0 or not is_word_char(low[at - 1])) and (
            not after
            or not is_word_char(after)
            or (
                after in "'’"
                and low[at + size + 1 : at + size + 2] == "s"
                and not is_word_char(low[at + size + 2 : at + size + 3] or " ")
            )
        ):
            found.append(at)
        at = low.find(word, at + 1)
    return found


def _blank_addresses(text: str) -> str:
    """The text with email addresses and URLs turned to spaces (offsets kept)."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return text
    return _EMAIL_OR_URL.sub(lambda m: " " * len(m.group()), text)


def quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return "“" + "".join(c if c.isprintable() else " " for c in shown) + "”"


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def occurrences(read: Text, words: Iterable[str]) -> list[tuple[int, str, str]]:
    """(offset, as written, the word) of each whole-word occurrence, in text order."""
    found = []
    for word in words:
        spellings = {word, word.replace("'", "’")}
        for spelling in spellings:
            for at in whole_words(read.low, spelling):
                found.append((at, read.text[at : at + len(spelling)], word))
    return sorted(found)
