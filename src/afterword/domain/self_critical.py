"""The user's self-criticism ("I fumbled", "my mind went blank"): fine in a private debrief, never
in a letter to the interviewer. One list for the whole program: the letter's topic rules
(``letter_topics``) leave a topic out when it holds one, and the proofreader flags any of them in
a draft (the user's own tone slipping into what the interviewer reads).

Each entry is matched whole and in any case, every form written out: "weak" is found, never
"weakness" or "tweak"; "failed" is found, never "failover". A phrase matches across any spacing
and either apostrophe. Whose failure it is does not matter ("the team struggled" too): the
letter should not carry it. The few phrases where such a word names the work, not a
performance ("failed payments", "weak consistency", "without fail", "poor latency") are
allowed. Left out on purpose, as they also name ordinary things in a warm letter: "failure"
("failure modes"), "wrong" alone, "mistake", "forget" ("I won't forget").
"""

from __future__ import annotations

import re
from typing import Final

SELF_CRITICAL: Final = (
    # fumbling and blanking
    "fumble", "fumbled", "fumbles", "fumbling",
    "flub", "flubbed", "flubbing", "bungled", "flopped",
    "blanked", "blanking", "went blank", "go blank", "goes blank", "drew a blank", "draw a blank",
    "froze", "froze up", "freeze up", "panicked", "choked", "choking",
    "botch", "botched", "botching",
    "bombed", "tanked", "blew it",
    "forgot", "forgotten",
    # messing up
    "mess up", "messed up", "messes up", "messing up", "made a mess",
    "screw up", "screwed up", "screwing up",
    # struggling and failing
    "struggle", "struggled", "struggles", "struggling",
    "stumble", "stumbled", "stumbles", "stumbling",
    "fail", "failed", "fails", "failing",
    "couldn't answer", "could not answer", "couldn't explain", "could not explain",
    # weak and bad answers
    "weak", "weaker", "weakest", "weakly",
    "bad answer", "bad answers", "badly", "wrong answer", "wrong answers",
    "poor", "poorly", "terrible", "terribly", "awful",
    "mediocre", "sloppy", "clumsy", "shaky", "not my best",
    # nerves
    "nervous", "nervously", "nervousness", "nerves", "anxious", "flustered",
    "rambled", "rambling", "mumbled", "awkward", "awkwardly",
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
    rf"(?:fail|failed|fails|failing)[\s-]+(?:{_WORK})",  # what systems do, not the user
    r"without\s+fail",
    r"never\s+fails?",
    r"failing\s+that",
    r"weak(?:ly)?[\s-]+(?:consistency|consistent|references?|refs?|typing|typed|scaling"
    r"|ordering|memory|entity|entities|hashing|signals?)",
    r"poor(?:ly)?[\s-]+(?:latency|performance|performing|network|connectivity|signal|coverage"
    r"|visibility|documentation|documented|tooling|reception|scalability|scaling)",
    r"badly\s+needed",
    r"awkward[\s-]+(?:edge|corner)[\s-]+cases?",
    r"froze[\s-]+(?:the\s+)?(?:schema|code|scope|api|release|branch|features?|requirements"
    r"|dependencies|versions?)",
    r"anxious\s+to\s+(?:hear|learn|know)",
    r"(?:stumble|stumbled|stumbles|stumbling)\s+(?:upon|across|onto)",
    r"stumbling\s+blocks?",
    r"nervous\s+systems?",
)
"""Patterns (any case) in which a word of the list names the work, not the user's performance."""

_WORD: Final = re.compile(r"\w+")
_APOSTROPHE: Final = re.compile(r"['’]")


def _pattern(entry: str) -> re.Pattern[str]:
    """An entry matched whole, in any case, across any spacing, with either apostrophe."""
    words = r"\s+".join(re.escape(w).replace("'", "['’]") for w in entry.split())
    return re.compile(rf"(?<![\w'’]){words}(?![\w'’])", re.IGNORECASE)


_WORDS: Final = frozenset(e for e in SELF_CRITICAL if _WORD.fullmatch(e))
_PHRASES: Final = tuple(
    (_WORD.findall(e), _pattern(e)) for e in SELF_CRITICAL if not _WORD.fullmatch(e)
)
_BY_KEY: Final[dict[str, list[tuple[list[str], re.Pattern[str]]]]] = {}
for _entry in _PHRASES:
    _BY_KEY.setdefault(max(_entry[0], key=len), []).append(_entry)  # its rarest word, roughly
_EACH: Final = tuple(_pattern(e) for e in SELF_CRITICAL)  # the slow way, for odd texts only
_ALLOWED: Final = re.compile(r"(?<![\w'’])(?:" + "|".join(ALLOWED) + r")(?![\w'’])", re.IGNORECASE)


def self_critical_spans(
    text: str, words: frozenset[str] | None = None, low: str | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each self-critical word or phrase in ``text``, in order.

    ``words`` (the text's words) and ``low`` (the text in lower case), when the caller has them
    already. A letter holds none of the list as a rule, so the words are looked up in a set
    first and found with ``str.find``; the pattern of all of them, tried at every position of a
    letter, took a third of a millisecond.
    """
    low = text.lower() if low is None else low
    if len(low) != len(text):  # "İ" lowers to two characters: offsets would not fit
        return _allowed_out(text, [m.span() for each in _EACH for m in each.finditer(text)])
    if words is None:
        words = frozenset(_WORD.findall(low))
    elif "'" in text or "’" in text:  # "couldn't", "weak's": their parts too
        words = words | {p for w in words if "'" in w or "’" in w for p in _APOSTROPHE.split(w)}
    found = [(at, at + len(w)) for w in words & _WORDS for at in _whole_words(low, w)]
    for key in words & _BY_KEY.keys():
        for parts, pattern in _BY_KEY[key]:
            if not all(part in words for part in parts):
                continue
            for at in _whole_words(low, parts[0], starts_only=True):
                m = pattern.match(text, at)
                if m is not None:
                    found.append(m.span())
    return _allowed_out(text, found) if found else []


def self_critical_words(text: str) -> list[str]:
    """Each self-critical word or phrase in ``text`` as written there, in reading order, once
    each whatever its case: ``["fumbled", "weak"]``."""
    found: list[str] = []
    seen: set[str] = set()
    for start, end in self_critical_spans(text):
        written = text[start:end]
        key = " ".join(written.lower().replace("’", "'").split())
        if key not in seen:
            seen.add(key)
            found.append(written)
    return found


def is_self_critical(text: str) -> bool:
    """Whether ``text`` holds any word or phrase of ``SELF_CRITICAL``."""
    return bool(self_critical_spans(text))


def _whole_words(low: str, word: str, *, starts_only: bool = False) -> list[int]:
    """Where ``word`` stands in ``low`` with no letter, digit, ``_`` or apostrophe on either
    side (the pattern's bounds: "poor-quality" holds "poor", "weak's" no entry); with
    ``starts_only``, before it only (the first word of a phrase: "couldn't answer")."""
    found = []
    at = low.find(word)
    while at != -1:
        before = low[at - 1] if at else " "
        after = low[at + len(word) : at + len(word) + 1] or " "
        if not (before.isalnum() or before in "_'’") and (
            starts_only or not (after.isalnum() or after in "_'’")
        ):
            found.append(at)
        at = low.find(word, at + 1)
    return found


def _allowed_out(text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones joined ("I froze up"), those inside an allowed
    phrase ("failed payments") left out."""
    allowed = [m.span() for m in _ALLOWED.finditer(text)] if found else []
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if any(a <= start and end <= b for a, b in allowed):
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
