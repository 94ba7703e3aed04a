"""The topic of a debrief note, for the letter: what it was about, never how the user felt.

"fumbled the question on Kafka partition rebalancing" gives "Kafka partition rebalancing";
"walked through the queue redesign" gives "the queue redesign". A small set of rules over the
ways people write such notes: a cue before the topic ("struggled with X", "talked about X"), or
after it ("X went badly", "X landed well"), then "the question on X" / "my answer to X" peeled
off. A topic is always a piece of the note as written, never the whole of a note that says
more, and never holds a word of ``SELF_CRITICAL``: when no rule finds one, the answer is empty
and the letter falls back (the checklist then shows that R as missing).
"""

from __future__ import annotations

import re

from afterword.domain.self_critical import is_self_critical

_ADVERB = r"(?:(?:really|a\s+lot|at\s+length|a\s+bit|in\s+detail|in\s+depth|briefly|quite|totally|completely|kind\s+of|sort\s+of|somewhat|properly|badly|well|clearly|fully|also|then|first|mostly|again)\s+)?"  # noqa: E501
_THEM = r"(?:(?:them|him|her|the\s+panel|the\s+team|everyone)\s+)?"

# A cue before the topic: what the note's verb says is beside the point, only what follows it.
_BEFORE = (
    # what did not go well
    r"fumbled|fumbling|blanked\s+on|drew\s+a\s+blank\s+on|went\s+blank\s+on|bombed|botched"
    r"|flubbed|bungled|choked\s+on|froze\s+on|froze\s+at|stumbled\s+(?:on|over|through)"
    r"|struggled\s+(?:with|on|through)|struggled\s+to\s+(?:explain|answer|describe)"
    r"|messed\s+up|screwed\s+up|rambled\s+(?:on|about|through)|got\s+stuck\s+on"
    r"|got\s+lost\s+in|(?:was|felt)\s+(?:weak|shaky|rusty|vague|unsure|unclear|nervous)"
    r"\s+(?:on|about|with|in)|(?:wasn't|was\s+not)\s+sure\s+(?:about|of)"
    r"|(?:didn't|did\s+not)\s+know(?:\s+(?:much|enough))?(?:\s+about)?"
    r"|(?:couldn't|could\s+not|can't|cannot)\s+(?:explain|answer|remember|recall|describe)"
    r"|forgot\s+to\s+mention|forgot(?:\s+about)?|had\s+no\s+(?:good\s+)?answer\s+(?:for|to|on)"
    r"|mixed\s+up|undersold|underplayed|ran\s+out\s+of\s+time\s+(?:on|for)"
    r"|ran\s+out\s+of\s+time\s+before\s+(?:asking\s+about|getting\s+to|covering|explaining)"
    r"|(?:didn't|did\s+not)\s+(?:get\s+to|mention|cover|explain|ask\s+about)|missed|skipped"
    r"|should\s+have\s+(?:mentioned|explained|talked\s+about|said\s+more\s+about|covered)"
    r"|wish\s+I\s+had\s+(?:mentioned|explained|talked\s+about|said\s+more\s+about)"
    r"|(?:need|needs|have)\s+to\s+(?:brush\s+up\s+on|work\s+on|revise|read\s+up\s+on)"
    # what went well
    r"|walked\s+" + _THEM + r"through|talked\s+" + _THEM + r"through|talked\s+about"
    r"|spoke\s+about|chatted\s+about|discussed|explained|presented|showed|demoed|described"
    r"|covered|went\s+through|went\s+over|went\s+deep\s+(?:on|into)|dug\s+into|nailed|aced"
    r"|handled|shared|pitched|enjoyed(?:\s+(?:talking\s+about|discussing))?|liked|loved"
    r"|did\s+well\s+on|(?:was|felt)\s+(?:strong|confident|comfortable|good|great|solid)"
    r"\s+(?:on|with|about|in)|strong\s+on|good\s+on|great\s+on|solid\s+on"
    r"|(?:good|great|strong|solid|clear)\s+answers?\s+(?:on|about|to)"
    r"|got\s+(?:good|positive|great)\s+feedback\s+on|(?:were|was)\s+(?:impressed\s+by"
    r"|interested\s+in|keen\s+on)|asked\s+(?:a\s+lot\s+)?about|connected\s+over"
    r"|bonded\s+over|clicked\s+over|agreed\s+on|(?:good\s+|great\s+)?questions"
    r"\s+from\s+me\s+about"
)
# A cue after the topic ("X went badly", "X landed well").
_AFTER = (
    r"went\s+(?:really\s+|very\s+|pretty\s+|quite\s+|not\s+so\s+|less\s+)?"
    r"(?:badly|poorly|wrong|sideways|off\s+the\s+rails|well|smoothly|fine|ok|okay|great)"
    r"|(?:was|were|felt)\s+(?:a\s+bit\s+|very\s+|quite\s+|really\s+|pretty\s+)?"
    r"(?:weak|shaky|rough|bad|poor|a\s+mess|a\s+disaster|not\s+great|not\s+good|awkward"
    r"|rushed|vague|my\s+weak\s+spot|the\s+weak\s+spot|hard|tough|difficult|good|great"
    r"|strong|solid|fun|a\s+highlight|the\s+highlight|a\s+hit|well\s+received)"
    r"|landed(?:\s+well)?|flowed|clicked|resonated|stood\s+out|impressed\s+(?:them|him|her)"
    r"|got\s+a\s+(?:good|great)\s+reaction|(?:finished|done)\s+(?:early|quickly|on\s+time)"
)
_CUE_BEFORE = re.compile(
    r"(?:^|\b)(?:" + _BEFORE.replace("'", "['’]") + r")\s+" + _ADVERB + r"(?P<topic>.+)$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(r"^(?P<topic>.+?)\s+(?:" + _AFTER + r")\b", re.IGNORECASE)
# Inside a topic: "the question on X", "my answer to X", "my story about X".
_INNER = re.compile(
    r"^(?:(?:the|a|an|my|their|our|his|her|one|that|this)\s+)?"
    r"(?:[\w-]+\s+){0,2}?"
    r"(?:questions?|answers?|story|stories|example|explanation|walkthrough|demo|part|section"
    r"|bit|point|take)\s+(?:on|about|to|around|regarding|of|for)\s+(?P<topic>.+)$",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:(?:and|but|also|then|so|overall|really|probably|maybe|honestly|i\s+think"
    r"|i\s+feel|i\s+guess|i'm\s+afraid|i|i've|i'd|we|they|he|she|the\s+interviewer"
    r"|the\s+panel|me|about|on|with|to|that|where|how\s+i)\b(?![-'’])[,:]?\s*)+",
    re.IGNORECASE,
)
# Where a topic ends: the reason, a contrast, a further clause.
_CUT = re.compile(
    r"\s*(?:\b(?:because|since|when|which|but|so|although|though|while|until|after|as\s+i"
    r"|as\s+they|that\s+they|that\s+i|i\s+think|instead\s+of|rather\s+than|and\s+i|and\s+they"
    r"|and\s+then|then)\b|\s-+\s|\s[–—]\s|[(:\[])",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:well\s+enough|very\s+well|well|at\s+all|properly|in\s+depth|in\s+enough\s+depth"
    r"|clearly|fully|enough|completely|in\s+time|again|too|either|today|at\s+the\s+end"
    r"|at\s+first|a\s+bit|a\s+little|though|really|much|so\s+much|entirely|convincingly"
    r"|quickly|early|in\s+the\s+end|with\s+tests|with\s+them|with\s+me))+$",
    re.IGNORECASE,
)
# Words that show a piece is a clause, not a topic, or says nothing one could write about.
_NOT_A_TOPIC = frozenset(
    [
        "it",
        "that",
        "this",
        "them",
        "those",
        "these",
        "everything",
        "something",
        "anything",
        "nothing",
        "stuff",
        "things",
        "none",
        "n/a",
        "na",
        "all",
        "much",
        "ok",
        "okay",
        "fine",
        "good",
        "great",
        "bad",
        "well",
        "not",
        "no",
        "yes",
        "some",
        "lots",
        "i",
        "me",
        "we",
        "they",
        "he",
        "she",
        "you",
        "i'm",
        "i've",
        "i'd",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "am",
        "did",
        "had",
        "have",
        "has",
        "do",
        "does",
        "should",
        "could",
        "would",
        "will",
        "can",
        "might",
        "must",
        "need",
        "needs",
        "ran",
        "went",
        "got",
        "said",
        "asked",
        "felt",
        "took",
        "made",
        "gave",
        "told",
        "knew",
        "thought",
        "seemed",
        "came",
        "finished",
        "started",
        "think",
        "know",
    ]
)
_CLAUSE_END = re.compile(r"(?<=[.!?])\s+|[;\n]|\s+but\s+|,\s+(?=(?:and\s+)?(?:I|they|we)\b)")
_LIST = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|plus)\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•]+|\d+[.)])\s*")


def _tidy(piece: str) -> str:
    piece = " ".join(piece.split())
    piece = _CUT.split(piece, maxsplit=1)[0]
    piece = piece.strip(" \t,.;:!?\"'“”‘’")
    piece = _LEADING.sub("", piece)
    previous = None
    while previous != piece:
        previous = piece
        piece = _TRAILING.sub("", piece).strip(" ,.;:!?\"'“”‘’")
    inner = _INNER.match(piece)
    if inner:
        piece = inner.group("topic").strip(" ,.;:!?\"'“”‘’")
    return piece


def _is_topic(piece: str) -> bool:
    words = piece.split()
    if not words or len(words) > 8 or is_self_critical(piece):
        return False
    folded = [w.casefold().strip(",.'’") for w in words]
    if any(w in _PEOPLE for w in folded) or folded[0] in _NOT_A_TOPIC - {"all", "some"}:
        return False
    return not all(w in _NOT_A_TOPIC for w in folded)


_PEOPLE = frozenset({"i", "i'm", "i've", "i'd", "we", "they", "he", "she", "you"})
_SMALL_FIRST = re.compile(
    r"^(?:The|A|An|My|Their|Our|His|Her|Your|One|Some|[A-Z][a-z]+ing|System|Systems|Design"
    r"|Data|Code|Team|People|Project|Product|Career|Technical|Architecture|Performance"
    r"|Security|Conflict|Leadership|Culture|Behavioural|Behavioral|Live|Past|Previous"
    r"|General|Questions|Question|Stakeholder|Incident|Cost|Capacity|Database|Databases)\b(?!-)"
)


def _small_first(piece: str) -> str:
    """'The queue redesign' → 'the queue redesign', 'Pairing exercise' → 'pairing exercise':
    only the capital of a sentence's start on words that are never a name."""
    return _SMALL_FIRST.sub(lambda m: m.group(0).lower(), piece)


def _bare(piece: str) -> bool:
    """A short note that is only a topic ("Kafka partition rebalancing"): no verb, no 'I'."""
    words = [w.casefold().strip(",.'’") for w in piece.split()]
    return 0 < len(words) <= 6 and not any(w in _NOT_A_TOPIC for w in words)


def _split_list(piece: str) -> list[str]:
    return [p for p in (_tidy(item) for item in _LIST.split(piece)) if p]


# A topic is read from the start of a note: its first thousand characters are plenty, and the
# rules' patterns stay linear only on text whose runs of spaces are single (`\s*,` tried at
# every space of a run of 5,000 took half a second, and a run of 100,000 minutes).
READ_LIMIT = 1000
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\n\s*")


def _readable(text: str) -> str:
    """``text`` with each run of spaces one space and no blank lines (both linear), then cut
    to `READ_LIMIT` characters."""
    return _NEWLINES.sub("\n", _SPACES.sub(" ", text or "")).strip()[:READ_LIMIT]


def topics(note: str) -> list[str]:
    """The topics a debrief note is about, in the note's order, each once; [] when none."""
    found: list[str] = []
    note = _readable(note)
    clauses = [c for c in _CLAUSE_END.split(note) if c and c.strip(" ,.;:!?")]
    for raw in clauses:
        clause = _BULLET.sub("", raw or "").strip()
        clause = _LEADING.sub("", clause.strip(" ,.;:!?")).strip()
        if not clause:
            continue
        before = _CUE_BEFORE.search(clause)
        after = None if before else _CUE_AFTER.match(clause)
        if before:
            pieces = _split_list(_CUT.split(before.group("topic"), maxsplit=1)[0])
        elif after:
            pieces = _split_list(after.group("topic"))
        elif len(clauses) == 1 and _bare(clause.strip(" ,.;:!?")):
            pieces = _split_list(clause)
        else:
            pieces = []
        for piece in pieces:
            piece = _small_first(piece)
            if _is_topic(piece) and piece.casefold() not in {t.casefold() for t in found}:
                found.append(piece)
    return found


def focus_topics(focus: str) -> list[str]:
    """The subjects of the questions, from the debrief's focus: a list more than a sentence
    ("System design of a queue; on-call stories"), so each piece is taken whole."""
    found: list[str] = []
    for raw in re.split(r"[;\n]|(?<=[.!?])\s+", _readable(focus)):
        for piece in _split_list(_BULLET.sub("", raw)):
            piece = _small_first(piece)
            if _is_topic(piece) and len(piece.split()) <= 6:
                found.append(piece)
    return found


def topic(note: str) -> str:
    """The first topic of a note, or ''."""
    found = topics(note)
    return found[0] if found else ""


_THEIR = re.compile(r"\b(their|theirs|them|they)\b", re.IGNORECASE)


def said_to_them(text: str) -> str:
    """A topic as written to the interviewer: the note's "their roadmap" is "your roadmap"."""
    swap = {"their": "your", "theirs": "yours", "them": "you", "they": "you"}

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        new = swap[word.casefold()]
        return new.capitalize() if word[0].isupper() else new

    return _THEIR.sub(one, text)


def listed(items: list[str], limit: int = 2) -> str:
    """'A', 'A and B': at most ``limit`` topics, so a sentence stays one idea."""
    items = items[:limit]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
