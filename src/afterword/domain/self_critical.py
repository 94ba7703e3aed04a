"""The user's self-criticism: words a debrief may hold that a letter must never repeat.

One list for the whole program: the letter's topic rules (``letter_topics``) leave a topic out
when it holds one, and the proofreader flags any of them in a draft (the user's own tone
slipping into what the interviewer reads). Plain Python, no imports beyond ``re``.
"""

from __future__ import annotations

import re

# Each entry is a word or a phrase, matched whole and in any case; a phrase matches across any
# run of spaces. Inflections are listed, not guessed, so that "failover" or "blank canvas" stay
# clear. Left out on purpose, as they also name ordinary things in a warm letter: "fail"
# ("fail fast"), "failure" ("failure modes"), "wrong", "mistake", "forget" ("I won't forget").
SELF_CRITICAL: tuple[str, ...] = (
    "fumbled", "fumble", "fumbling",
    "blanked", "blanking", "went blank", "drew a blank", "draw a blank",
    "messed up", "mess up", "messing up", "screwed up", "blew it",
    "struggled", "struggling",
    "bad answer", "bad answers", "badly",
    "weak", "weaker", "weakest", "weakly",
    "failed", "failing", "flopped",
    "nervous", "nervously", "nerves", "anxious",
    "stumbled", "stumbling",
    "forgot", "forgotten",
    "botched", "flubbed", "bungled",
    "poor", "poorly",
    "awkward", "awkwardly",
    "rambled", "rambling",
    "bombed", "tanked",
    "choked", "choking",
    "froze", "panicked", "mumbled",
    "terrible", "terribly", "awful",
    "embarrassing", "embarrassed",
    "mediocre", "sloppy", "clumsy", "shaky",
    "unprepared", "underprepared",
    "couldn't answer", "could not answer", "couldn't explain", "could not explain",
    "not my best",
)

_PATTERN = re.compile(
    r"(?<![\w'’])(?:"
    + "|".join(
        r"\s+".join(re.escape(part).replace("'", "['’]") for part in entry.split())
        for entry in sorted(SELF_CRITICAL, key=len, reverse=True)
    )
    + r")(?![\w'’])",
    re.IGNORECASE,
)


def self_critical_words(text: str) -> list[str]:
    """Each self-critical word or phrase in ``text``, as written there, in reading order.

    A word is reported once (the first time it appears, whatever its case), so a finding per
    entry of the answer reads well: ``["fumbled", "weak"]``.
    """
    found: list[str] = []
    seen: set[str] = set()
    for match in _PATTERN.finditer(text):
        key = " ".join(match.group(0).lower().replace("’", "'").split())
        if key not in seen:
            seen.add(key)
            found.append(match.group(0))
    return found


def is_self_critical(text: str) -> bool:
    """Whether ``text`` holds any word of ``SELF_CRITICAL``."""
    return _PATTERN.search(text) is not None
