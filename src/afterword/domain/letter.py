"""The sentences a thank-you is made of, from the record: the four Rs as the letter says them.

Each R comes from the user's own email line when there is one, else from the debrief (the
topics ``letter_topics`` reads out of the notes), else it is empty and the template says
something general; ``specific`` then tells the checklist that this R is missing. Nothing here
ever repeats the user's self-criticism: a line holding a ``SELF_CRITICAL`` word is passed
over as if it were empty. Pure: the day the letter is written is handed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from afterword.domain.decision import decision_day as decided_by
from afterword.domain.letter_topics import focus_topics, listed, said_to_them, topics
from afterword.domain.model import Debrief
from afterword.domain.self_critical import is_self_critical


@dataclass(frozen=True)
class Part:
    """One R of the letter: the words, and what in the record they came from ('' for none)."""

    text: str
    source: str  # "line" (the user's email line), "debrief" (a topic of the notes), or ""
    evidence: str = ""  # the words from the record the letter must carry for the R to count


@dataclass(frozen=True)
class LetterLines:
    remember: Part  # "the candidate who …"
    reinforce: Part  # a sentence
    recoup: Part  # a sentence, or nothing to recoup
    reminder: Part  # a sentence, always
    tone: str  # "warm", "formal", "challenging", "long" or ""
    decision_ahead: bool


def usable(line: str) -> str:
    """The user's line, tidied, or '' when it holds a self-critical word."""
    words = " ".join((line or "").split()).strip()
    return "" if not words or is_self_critical(words) else words


def as_sentence(text: str) -> str:
    words = " ".join(text.split())
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?" else words + "."


# A line starting so reads as a sentence once capitalised ("on the heap question: …").
_SENTENCE_START = re.compile(
    r"^(?:i|on|about|regarding|as|in|when|since|after|looking|to|for|if|my|we)(?:\s|'|’)"
)


def is_phrase(line: str) -> bool:
    """A line typed as a phrase ('five years of queue work'), not as a sentence ('I have run
    queues for five years.', 'on the heap question: a push is O(log n)'): lower case at the
    start, no full stop or colon, and not one of the words a sentence starts with."""
    words = line.strip()
    if not words or words[-1] in ".!?" or ":" in words or not words[0].islower():
        return False
    return not _SENTENCE_START.match(words)


# ---------------------------------------------------------------- remember me

_WHO = re.compile(r"^(?:the|a|an)\s+\S+(?:\s+\S+){0,3}?\s+(?:who|with|from)\s+", re.IGNORECASE)
_I_VERB = {
    "i'm": "is",
    "i am": "is",
    "i've": "has",
    "i have": "has",
    "i was": "was",
    "i had": "had",
}


def remember_phrase(line: str) -> str:
    """'the candidate who …' from the Remember-me line (what they will remember the user by)."""
    words = usable(line).rstrip(".!")
    if not words:
        return ""
    folded = words.casefold()
    if _WHO.match(words):
        return words[0].lower() + words[1:]
    for start, verb in _I_VERB.items():
        if folded.startswith(start + " "):
            return f"the candidate who {verb} {words[len(start) + 1 :]}"
    match = re.match(
        r"^(?:we|you\s+and\s+i|we\s+both|both\s+of\s+us)\s+(?:both\s+)?", words, re.IGNORECASE
    )
    if match:
        rest = _third_person(words[match.end() :])
        aux = re.match(r"^(is|has|was|had)\s+(?:both\s+)?", rest)
        if aux:  # "we are both from Leeds": the candidate who is also from Leeds
            return f"the candidate who {aux.group(1)} also {rest[aux.end() :]}"
        also = "also " if "both" in match.group(0).casefold() else ""
        return f"the candidate who {also}{rest}"
    if folded.startswith("i "):
        return f"the candidate who {_third_person(words[2:])}"
    if folded.startswith("who "):
        return f"the candidate {words}"
    if folded.startswith(("the ", "a ", "an ", "my ")):
        words = words[0].lower() + words[1:]
    return f"the candidate who talked about {words}"


_PAST = frozenset(
    [
        "built",
        "rebuilt",
        "ran",
        "led",
        "wrote",
        "made",
        "did",
        "had",
        "was",
        "grew",
        "taught",
        "won",
        "gave",
        "took",
        "began",
        "brought",
        "spoke",
        "knew",
        "met",
        "went",
        "sold",
        "found",
        "drove",
        "flew",
        "rode",
        "swam",
        "sang",
        "left",
        "kept",
        "spent",
        "sent",
        "lost",
        "held",
        "told",
        "said",
        "set",
        "put",
        "cut",
        "read",
        "also",
        "once",
        "still",
        "both",
        "used",
        "can",
        "could",
        "will",
        "would",
        "may",
        "might",
        "must",
        "should",
    ]
)


def _third_person(rest: str) -> str:
    """'I run' reads 'the candidate who runs', 'we are' 'who is'; a past verb stays."""
    for plural, single in (("are ", "is "), ("have ", "has "), ("were ", "was "), ("am ", "is ")):
        if rest.startswith(plural):
            return single + rest[len(plural) :]
    verb, space, tail = rest.partition(" ")
    if not verb.isalpha() or not verb.islower() or verb in _PAST or verb.endswith("ed"):
        return rest
    if verb.endswith(("s", "sh", "ch", "x", "o")):
        verb += "es"
    elif verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        verb = verb[:-1] + "ies"
    else:
        verb += "s"
    return verb + space + tail


# ---------------------------------------------------------------- reinforce, recoup, reminder


def reinforce_part(debrief: Debrief) -> Part:
    line = usable(debrief.reinforce)
    if line and is_phrase(line):
        return Part(f"I am confident that {line} is just what this role calls for.", "line", line)
    if line:
        return Part(as_sentence(line), "line", line)
    well = [said_to_them(t) for t in topics(debrief.went_well)]
    focus = [said_to_them(t) for t in focus_topics(debrief.focus)]
    if well and focus:
        text = (
            f"I especially enjoyed talking about {listed(well)}, and the questions on "
            f"{listed(focus)} showed me how closely this role matches the work I do best."
        )
    elif well:
        text = (
            f"I especially enjoyed talking about {listed(well)}, just the kind of work I would "
            "bring to this role."
        )
    elif focus:
        text = (
            f"The questions on {listed(focus)} showed me how closely this role matches the "
            "work I do best."
        )
    else:
        return Part("", "")
    return Part(text, "debrief", " ".join(well[:2] + focus[:2]))


def recoup_part(debrief: Debrief) -> Part:
    line = usable(debrief.recoup)
    if line and is_phrase(line):
        text = f"I would also welcome the chance to say more about {line}."
        return Part(text, "line", line)
    if line:
        return Part(as_sentence(line), "line", line)
    poorly = [said_to_them(t) for t in topics(debrief.went_poorly)]
    if poorly:
        text = (
            f"Since we spoke I have given more thought to {listed(poorly)}, and I would "
            "welcome the chance to show what I can bring to it."
        )
        return Part(text, "debrief", " ".join(poorly[:2]))
    return Part("", "")


def in_words(day: date, today: date) -> str:
    """'Friday 4 December', with the year when it is not this year's."""
    year = f" {day.year}" if day.year != today.year else ""
    return f"{day:%A} {day.day} {day:%B}{year}"


def decision_day(debrief: Debrief, when: datetime | None) -> date | None:
    """The day they said they would decide (domain/decision.py): 'Decision by', else the one
    date the next steps name, read from the interview's time as it was said."""
    found = decided_by(debrief, when)
    return None if found is None else found.day


def reminder_part(debrief: Debrief, today: date, when: datetime | None = None) -> Part:
    """Before the decision date, the date in words; once it has passed, no promise of it."""
    decision = decision_day(debrief, when)
    if decision is not None and decision > today:
        words = in_words(decision, today)
        return Part(
            f"I understand you hope to decide by {words}, and I look forward to hearing "
            "from you then.",
            "date",
            words,
        )
    if decision is not None and decision == today:
        return Part(
            "I understand the decision is due today, and I look forward to hearing from you.",
            "date",
            "today",
        )
    if decision is not None:
        return Part(
            "I look forward to hearing about your decision whenever it is ready.",
            "passed",
            "your decision",
        )
    return Part("I look forward to hearing about the next steps.", "")


_TONES = (
    ("challenging", ("tough", "challenging", "hard", "grilling", "demanding", "technical")),
    ("long", ("ran over", "long", "overran", "hours")),
    ("formal", ("formal", "panel", "structured")),
    (
        "warm",
        (
            "warm",
            "relaxed",
            "friendly",
            "conversational",
            "rapport",
            "fun",
            "chatty",
            "easy",
            "laugh",
        ),
    ),
)


def tone_of(tone: str) -> str:
    """The recorded tone as one word the templates vary their opening by ('' for none)."""
    folded = (tone or "").casefold()
    for name, words in _TONES:
        if any(re.search(rf"\b{re.escape(w)}", folded) for w in words):
            return name
    return ""


def letter_lines(
    debrief: Debrief, role: str, today: date, when: datetime | None = None
) -> LetterLines:
    """The four Rs of a letter written on ``today`` about an interview held at ``when``."""
    remember = remember_phrase(debrief.remember)
    decision = decision_day(debrief, when)
    return LetterLines(
        remember=Part(remember, "line" if remember else "", usable(debrief.remember)),
        reinforce=reinforce_part(debrief),
        recoup=recoup_part(debrief),
        reminder=reminder_part(debrief, today, when),
        tone=tone_of(debrief.tone),
        decision_ahead=decision is not None and decision >= today,
    )


def suggested_lines(debrief: Debrief) -> tuple[str, str, str]:
    """What the debrief form may propose for the three email lines (remember, reinforce,
    recoup), each '' when the debrief says nothing a rule can read. Never self-critical."""
    reinforce = reinforce_part(Debrief(went_well=debrief.went_well, focus=debrief.focus))
    recoup = recoup_part(Debrief(went_poorly=debrief.went_poorly))
    return (
        usable(debrief.remember),
        reinforce.text,
        recoup.text,
    )
