"""The user's self-criticism ("I fumbled", "my mind went blank"): fine in a private debrief, never
in a letter to the interviewer. The letter builder leaves it out and the proofreader flags it.

One list, matched as whole words in any case, every form written out: "weak" is found, never
"weakness" or "tweak"; "failed" is found, never "failover". A phrase matches across any spacing.
Whose failure it is does not matter ("the team struggled" too): the letter should not carry it.
The few phrases where such a word names the work, not a performance ("failed payments", "weak
consistency", "without fail") are allowed.
"""

from __future__ import annotations

import re
from typing import Final

SELF_CRITICAL: Final = (
    # fumbling and blanking
    "fumble", "fumbled", "fumbles", "fumbling",
    "flub", "flubbed", "flubbing",
    "blanked", "blanking", "went blank", "go blank", "goes blank", "drew a blank", "draw a blank",
    "froze up", "freeze up", "i froze",
    "botch", "botched", "botching",
    "bombed", "tanked", "blew it",
    # messing up
    "mess up", "messed up", "messes up", "messing up", "made a mess",
    "screw up", "screwed up", "screwing up",
    # struggling and failing
    "struggle", "struggled", "struggles", "struggling",
    "stumble", "stumbled", "stumbles", "stumbling",
    "fail", "failed", "fails", "failing",
    # weak and bad answers
    "weak", "weaker", "weakest", "weakly",
    "bad answer", "bad answers", "poor answer", "poor answers", "wrong answer", "wrong answers",
    "mediocre", "not my best",
    # nerves
    "nervous", "nervously", "nervousness", "flustered", "rambled", "rambling", "mumbled",
    "unprepared", "underprepared", "embarrassed", "embarrassing",
)  # fmt: skip

_WORK: Final = (
    "jobs|job|messages|message|requests|request|payments|payment|deploys|deploy|deployments"
    "|deployment|builds|build|tests|test|nodes|node|tasks|task|events|event|writes|write|calls"
    "|call|transactions|transaction|retries|retry|orders|order|parcels|parcel|checks|check|pods"
    "|pod|services|service|batches|batch|logins|login|migrations|migration|queries|query"
    "|replicas|replica|shards|shard|health\\s+checks?|over|fast|open|closed|safe|safely"
    "|gracefully"
)
ALLOWED: Final = (
    rf"(?:fail|failed|fails|failing)\s+(?:{_WORK})",  # what systems do, not what the user did
    r"without\s+fail",
    r"never\s+fails?",
    r"failing\s+that",
    r"weak(?:ly)?\s+(?:consistency|consistent|references?|refs?|typing|typed|scaling|ordering"
    r"|memory|entity|entities|hashing|signals?)",
    r"(?:stumble|stumbled|stumbles|stumbling)\s+(?:upon|across|onto)",
)
"""Patterns (any case) in which a word of the list names the work, not the user's performance."""

KEY_WORDS: Final = frozenset(max(phrase.split(), key=len) for phrase in SELF_CRITICAL)
"""The longest word of every entry (lower case): a text holding none of them holds none."""

_WORD: Final = re.compile(r"\w+")
_REACH: Final = 48  # characters around a key word where its phrase and an exception may be
_PATTERN: Final = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(
        r"\s+".join(map(re.escape, phrase.split()))
        for phrase in sorted(SELF_CRITICAL, key=len, reverse=True)
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
_ALLOWED: Final = re.compile(r"(?<![\w'’-])(?:" + "|".join(ALLOWED) + r")(?![\w-])", re.IGNORECASE)


def self_critical_spans(text: str, words: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each self-critical word or phrase in ``text``, in order.

    ``words``: the text's words in lower case, when the caller has them already. The pattern
    runs only near the key words found (over a whole letter it costs a third of a millisecond).
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: offsets would not fit
        return _spans(text, 0, len(text))
    present = (words if words is not None else frozenset(_WORD.findall(low))) & KEY_WORDS
    if not present:
        return []
    windows: list[tuple[int, int]] = []
    for key in present:
        at = low.find(key)
        while at != -1:
            windows.append((max(0, at - _REACH), min(len(text), at + len(key) + _REACH)))
            at = low.find(key, at + 1)
    found: set[tuple[int, int]] = set()
    for start, end in _merged(windows):
        found.update(_spans(text, start, end))
    return sorted(found)


def self_critical_words(text: str) -> list[str]:
    """Each self-critical word or phrase in ``text`` as written there, in order."""
    return [text[start:end] for start, end in self_critical_spans(text)]


def _merged(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = [m.span() for m in _PATTERN.finditer(text, start, end)]
    if not found:
        return []
    allowed = [m.span() for m in _ALLOWED.finditer(text, max(0, start - _REACH), end)]
    return [(a, b) for a, b in found if not any(x <= a and b <= y for x, y in allowed)]
