"""Proofreading an email against the interview record, before it is sent.

The mistakes that cost a candidate most are the ones a spell checker cannot see: the wrong
company's name left from the last thank-you, an interviewer's name misspelt, a weekday that does
not fit its date, a decision date already past, a template placeholder left in. These checks run
on every pause in typing, so the text is read once into its words, and most checks are set
operations on those words and ``str.find`` on the text (a regular expression with a lookbehind
tries every position, at a tenth of the speed). Per-context tables are built once
(``ProofContext.lookups``), dates are looked for only near digits, and edit distances are
computed only for the few words that could be a misspelt name. Budget: within 2x the dictionary's
own check of the same words (bench/proofread.py).

Pure: no Textual, TinyDB, Jinja2 or spell-checker import; the dictionary comes in as a
``Speller``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Final, Protocol

if TYPE_CHECKING:
    from afterword.domain.model import Interview

KINDS: Final = (
    "placeholder",
    "other_company",
    "name_spelling",
    "wrong_greeting",
    "repeated_word",
    "weekday_mismatch",
    "past_next_step",
    "missing_part",
    "empty_subject",
    "missing_greeting",
    "missing_signoff",
    "spelling",
    "too_long",
)
SEVERITIES: Final = ("error", "warning")
THANK_YOU: Final = "thank-you"
LONG_THANK_YOU_WORDS: Final = 250
MAX_SUGGESTIONS: Final = 10  # corrections cost milliseconds each: only for the first few words


@dataclass(frozen=True)
class Finding:
    """One thing to fix, where it is, and what to write instead when that is known.

    ``line`` is 1-based in the body; 0 means the subject. ``column`` is 1-based and ``length``
    (at least 1) says how many characters a UI should highlight. A finding about something
    missing points where it belongs (the line may be empty: the column is then 1).
    """

    line: int
    column: int
    length: int
    kind: str
    message: str
    suggestion: str = ""
    severity: str = "error"


class Speller(Protocol):
    """A dictionary: ``afterword.compose.spelling.Spelling`` in the app."""

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-cased words that are not in the dictionary."""
        ...

    def suggest(self, word: str) -> str:
        """The best correction, or "" (may be slow: asked only for words that are reported)."""
        ...


@dataclass(frozen=True)
class ProofContext:
    """What the email is checked against: the interview record, the user, the day."""

    template: str
    company: str
    role: str
    addressee: str
    people: tuple[str, ...]
    other_companies: tuple[str, ...]
    sender: str
    decision_by: date | None
    today: date
    known_words: frozenset[str]

    @cached_property
    def lookups(self) -> _Lookups:
        """The tables the checks need, built once per context (not on every keystroke)."""
        return _build_lookups(self)


# -- text patterns (compiled once) ------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_APOSTROPHES = re.compile(r"['’]")
# an address starts after a space (the lookbehind keeps a long run of symbols linear)
_EMAIL_OR_URL = re.compile(r"(?<!\S)[^\s@]++@\S++|(?<!\w)(?:https?://|www\.)\S++", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"\[\[[^\[\]\n]{0,80}\]\]"
    r"|\{\{[^\n]{0,80}?\}\}"
    r"|\{%[^\n]{0,80}?%\}"
    r"|\{\{|\}\}|\{%|%\}|\[\[|\]\]"
    r"|<[A-Za-z_][\w .'’-]{0,40}>"  # <name>; never <a@b.example> or <https://…>
    r"|\[[A-Z][A-Za-z]*(?:[ _-][A-Za-z]+){0,4}\]"  # [Company Name]
    r"|\b(?:TODO|XXX)\b"
)
_PLACEHOLDER_MARKS: Final = ("[", "{", "}", "%", "<", "TODO", "XXX")
_REPEAT_ALLOWED: Final = frozenset({"had", "that"})

_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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
# what the four Rs' thanks and reminder are found by (in the body in lower case)
_THANKS: Final = ("thank", "grateful", "gratitude", "appreciat")
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
_GREETING = re.compile(
    r"^[^\S\n]*(?P<hello>(?i:dear|hi|hello|hey|hiya|greetings"
    r"|good\s+(?:morning|afternoon|evening|day)))\b[^\S\n]*"
    r"(?P<name>[^,!:;\n]{0,80}?)[^\S\n]*(?:[,!:;]|$)"
)
_GENERIC_GREETING: Final = frozenset(
    {
        "all",
        "there",
        "team",
        "everyone",
        "everybody",
        "folks",
        "colleagues",
        "hiring manager",
        "hiring team",
        "recruiter",
        "sir",
        "madam",
        "sir or madam",
        "sir/madam",
        "you both",
        "both",
    }
)
_TITLES: Final = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir"})
_SIGNOFF = re.compile(
    r"^[^\S\n]*(?i:(?:(?:best|kind|kindest|warm|warmest|many)\s+)?regards|best(?:\s+wishes)?"
    r"|all\s+the\s+best|many\s+thanks|thanks(?:\s+(?:again|so\s+much|very\s+much|a\s+lot))?"
    r"|thank\s+you(?:\s+(?:again|so\s+much|very\s+much))?|(?:yours\s+)?sincerely"
    r"|sincerely\s+yours|yours\s+truly|(?:yours\s+)?faithfully|cheers|warmly|warm\s+wishes"
    r"|with\s+(?:many\s+)?thanks|with\s+(?:appreciation|gratitude)|respectfully|take\s+care"
    r"|(?:with\s+)?(?:all\s+)?(?:best|good|kind|warm)\s+wishes"
    r"|speak\s+soon)"
    r"[^\S\n]*[,.!—–-]?[^\S\n]*(?P<rest>[^\n]*)$"
)
_NAME_LIKE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[^\S\n]+[A-ZÀ-ÖØ-Þ][\w'’.-]*){0,3}")
_SIGNOFF_LINES: Final = 8  # a sign-off, the name, and a signature block under it
_SENTENCE_ENDS: Final = (". ", "! ", "? ", "\n")
_SENTENCE_REACH: Final = 300
_MAX_DIGITS: Final = 200  # more digits than that: one pass over the whole text instead
_BEFORE_DIGIT: Final = 40  # "Wednesday, the 26th" / "Wednesday, September 26"
_AFTER_DIGIT: Final = 30  # "26th of September, 2026"

# Frequent English words that sit an edit or two from a first name ("Grace"/"great",
# "Dana"/"data"): without a dictionary they must not read as a misspelt name.
_COMMON: Final = frozenset(
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


# -- per-context tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Lookups:
    """What the checks look things up in, derived from one ``ProofContext``."""

    accepted: frozenset[str]  # lower-case words the spelling and name checks accept as they are
    name_parts: dict[str, tuple[str, str]]  # lower-case part -> (recorded spelling, full name)
    first_names: frozenset[str]  # lower case: "Dan" for "Dana" is a short form, not a typo
    companies_by_first_word: dict[str, tuple[str, ...]]  # folded first \w+ run -> names
    company_words: frozenset[str]
    addressee_parts: frozenset[str]  # folded first, last and full name
    addressee_first: str
    people_by_folded: dict[str, str]  # a person's folded first or full name -> full name
    sender_names: tuple[str, ...]  # folded full and first name


def fold(text: str) -> str:
    """Accents, case and spacing ignored: how names are compared ("Tomás" is "tomas")."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).casefold()


def _words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN.findall(text)]


def _bare(word: str) -> str:
    """A word as the dictionary knows it: straight apostrophes, no possessive ``'s``."""
    word = word.replace("’", "'")
    if word[-2:].lower() == "'s" and len(word) > 2:
        word = word[:-2]
    return word


def _build_lookups(ctx: ProofContext) -> _Lookups:
    current = fold(ctx.company)
    accepted: set[str] = set(ctx.known_words)
    for text in (ctx.company, ctx.role, ctx.sender, ctx.addressee, *ctx.people):
        accepted.update(_bare(w) for w in _words(text))
    name_parts: dict[str, tuple[str, str]] = {}
    first_names: set[str] = set()
    people_by_folded: dict[str, str] = {}
    for name in dict.fromkeys((*ctx.people, ctx.addressee, ctx.sender)):
        if not name.strip():
            continue
        people_by_folded.setdefault(fold(name), name)
        people_by_folded.setdefault(fold(name.split()[0]), name)
        first_names.add(_bare(name.split()[0]).lower())
        for part in _TOKEN.findall(name):
            if len(part) >= 3 and not part.isdigit():
                name_parts.setdefault(_bare(part).lower(), (part, name))
    by_first: dict[str, list[str]] = {}
    seen = {current}
    for other in ctx.other_companies:
        folded = fold(other)
        if folded in seen or f" {folded} " in f" {current} ":
            continue  # the current company, or a part of its name
        seen.add(folded)
        runs = re.findall(r"\w+", other.lower())
        if runs:
            by_first.setdefault(runs[0], []).append(other)
            accepted.update(_bare(w) for w in _words(other))
    addressee_words = [w for w in fold(ctx.addressee).split() if w]
    addressee_parts = frozenset(addressee_words) | (
        {" ".join(addressee_words)} if addressee_words else set()
    )
    sender = fold(ctx.sender)
    return _Lookups(
        accepted=frozenset(accepted),
        name_parts=name_parts,
        first_names=frozenset(first_names),
        companies_by_first_word={k: tuple(v) for k, v in by_first.items()},
        company_words=frozenset(current.split()),
        addressee_parts=addressee_parts,
        addressee_first=ctx.addressee.split()[0] if ctx.addressee.split() else "",
        people_by_folded=people_by_folded,
        sender_names=(sender, sender.split()[0]) if sender else (),
    )


@lru_cache(maxsize=2048)
def _company_pattern(name: str) -> re.Pattern[str]:
    """Whole words, any case, any spacing between the words."""
    words = r"\s+".join(re.escape(part) for part in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


# -- building a context ----------------------------------------------------------------------


def proof_context(
    interview: Interview,
    *,
    addressee: str,
    template: str,
    sender: str,
    other_companies: Iterable[str],
    today: date,
    user_words: Iterable[str] = (),
) -> ProofContext:
    """The context for one email of ``interview``: its people, company, role and dates."""
    people = [p.name for p in interview.interviewers]
    if interview.recruiter is not None:
        people.append(interview.recruiter.name)
    if sender:
        people.append(sender)
    people = [p for p in dict.fromkeys(p.strip() for p in people) if p]
    vocabulary = [interview.company, interview.role, interview.stage, interview.where]
    vocabulary += [p.title for p in interview.interviewers]
    if interview.recruiter is not None:
        vocabulary.append(interview.recruiter.agency)
    others = tuple(dict.fromkeys(c.strip() for c in other_companies if c.strip()))
    known = {_bare(w) for text in (*vocabulary, *people, *others) for w in _words(text)}
    known.update(w.strip().lower() for w in user_words if w.strip())
    return ProofContext(
        template=template,
        company=interview.company,
        role=interview.role,
        addressee=addressee.strip(),
        people=tuple(people),
        other_companies=others,
        sender=sender.strip(),
        decision_by=interview.debrief.decision_by,
        today=today,
        known_words=frozenset(known),
    )


def parse_text_file(text: str) -> tuple[str, str]:
    """(subject, body) of a text file: an optional first line ``Subject: …``, a blank line,
    then the body. Without that first line the subject is "" and all of it is the body."""
    subject, body, _ = _split_text_file(text)
    return subject, body


def body_start_line(text: str) -> int:
    """The file's line number (1-based) where ``parse_text_file``'s body starts."""
    return _split_text_file(text)[2]


_SUBJECT_LINE = re.compile(r"Subject:[^\S\n]?(?P<subject>[^\n]*)\n?", re.IGNORECASE)


def _split_text_file(text: str) -> tuple[str, str, int]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = _SUBJECT_LINE.match(text)
    if match is None:
        return "", text, 1
    rest, start = text[match.end() :], 2
    first, newline, after = rest.partition("\n")
    if not first.strip() and (newline or not after):
        rest, start = after, 3
    return match["subject"].strip(), rest, start


# -- the checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A finding by offset in one text, before lines and columns are known."""

    offset: int
    length: int
    kind: str
    message: str
    suggestion: str = ""
    severity: str = "error"


@dataclass(frozen=True)
class _Text:
    """One text (the subject or the body) read once for all the checks."""

    raw: str
    text: str  # addresses and URLs blanked out, offsets kept
    low: str  # ``text`` in lower case, same length: searched with str.find, the fast way
    tokens: list[str]  # words as written, in order
    unique: frozenset[str]
    lower: frozenset[str]  # the unique words in lower case

    @classmethod
    def read(cls, raw: str) -> _Text:
        text = _blank_addresses(raw)
        low = text.lower()
        if len(low) != len(text):  # "İ" lowers to two characters: keep such ones as they are
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        tokens = _TOKEN.findall(text)
        unique = frozenset(tokens)
        lower = frozenset("\n".join(unique).lower().split("\n")) if unique else frozenset()
        return cls(raw, text, low, tokens, unique, lower)


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’"


def _whole_words(low: str, word: str) -> list[int]:
    """Where ``word`` (lower case) stands in ``low`` as a whole word, or with a possessive 's."""
    found = []
    size = len(word)
    at = low.find(word)
    while at != -1:
        after = low[at + size : at + size + 1]
        if (at == 0 or not _is_word_char(low[at - 1])) and (
            not after
            or not _is_word_char(after)
            or (
                after in "'’"
                and low[at + size + 1 : at + size + 2] == "s"
                and not _is_word_char(low[at + size + 2 : at + size + 3] or " ")
            )
        ):
            found.append(at)
        at = low.find(word, at + 1)
    return found


def proofread(
    subject: str, body: str, ctx: ProofContext, speller: Speller | None = None
) -> list[Finding]:
    """Every finding in the subject (line 0) and the body, sorted by line and column."""
    lk = ctx.lookups
    subject_line = subject.replace("\n", " ")
    texts = {"subject": _Text.read(subject_line), "body": _Text.read(body)}
    hits: dict[str, list[_Hit]] = {"subject": [], "body": []}
    body_dates: list[_WrittenDate] = []
    for part, read in texts.items():
        found = hits[part]
        found += _placeholders(read.raw)
        found += _other_companies(read, ctx, speller)
        found += _repeated_words(read)
        dates = _find_dates(read.text, ctx.today)
        found += _dates(read.text, dates, ctx)
        if part == "body":
            body_dates = dates
    candidates = {part: _spelling_candidates(read, lk) for part, read in texts.items()}
    unknown: set[str] = set()
    if speller is not None:
        every = candidates["subject"] | candidates["body"]
        unknown = set(speller.unknown(every - _COMMON)) if every else set()
    misspelt: dict[str, list[str]] = {}
    for part, read in texts.items():
        names, misnamed = _name_spellings(read, candidates[part], unknown, lk, speller)
        hits[part] += names
        misspelt[part] = sorted(unknown & candidates[part] - misnamed)
    suggestions_left = [MAX_SUGGESTIONS]
    for part in ("subject", "body"):
        if speller is not None and misspelt[part]:
            hits[part] += _spelling(texts[part], misspelt[part], speller, suggestions_left)
    hits["body"] += _structure(body, body_dates, ctx)
    if not subject.strip():
        hits["subject"].append(
            _Hit(0, max(1, len(subject_line)), "empty_subject", "The subject is empty.")
        )
    findings = [_finding(0, subject_line, h, None) for h in hits["subject"]]
    starts = _line_starts(body) if hits["body"] else []
    findings += [_finding(1, body, h, starts) for h in hits["body"]]
    return _unique(sorted(findings, key=lambda f: (f.line, f.column, f.kind)))


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for finding in findings:
        key = (finding.line, finding.column, finding.kind)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _finding(first_line: int, text: str, hit: _Hit, starts: list[int] | None) -> Finding:
    offset = max(0, min(hit.offset, len(text)))
    if starts is None:
        line, column, line_end = 0, offset + 1, len(text)
    else:
        index = bisect_right(starts, offset) - 1
        line, column = first_line + index, offset - starts[index] + 1
        end = text.find("\n", offset)
        line_end = len(text) if end == -1 else end
    length = max(1, min(hit.length, line_end - offset))
    return Finding(line, column, length, hit.kind, hit.message, hit.suggestion, hit.severity)


def _blank_addresses(text: str) -> str:
    """The text with email addresses and URLs turned to spaces (offsets kept)."""
    if "@" not in text and "://" not in text and "www." not in text.lower():
        return text
    return _EMAIL_OR_URL.sub(lambda m: " " * len(m.group()), text)


def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return "“" + "".join(c if c.isprintable() else " " for c in shown) + "”"


def _placeholders(text: str) -> list[_Hit]:
    if not any(mark in text for mark in _PLACEHOLDER_MARKS):
        return []  # the common case, at the cost of a few substring searches
    return [
        _Hit(
            m.start(),
            len(m.group()),
            "placeholder",
            f"{_quote(m.group())} is a placeholder or template text left in the email.",
        )
        for m in _PLACEHOLDER.finditer(text)
    ]


def _other_companies(read: _Text, ctx: ProofContext, speller: Speller | None) -> list[_Hit]:
    by_first = ctx.lookups.companies_by_first_word
    if not by_first:
        return []
    text = read.text
    runs = set(_APOSTROPHES.split("’".join(read.lower)))
    found: list[tuple[int, int]] = []
    for run in runs & by_first.keys():
        names = [_company_pattern(name) for name in by_first[run]]
        for at in _whole_words(read.low, run):
            for pattern in names:
                m = pattern.match(text, at)
                if m is None:
                    continue
                written = m.group()
                if written.islower() and " " not in written and _is_word(written, speller):
                    continue  # "a notion" is not the company Notion
                found.append((m.start(), m.end()))
    hits = []
    end = -1
    for start, stop in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < end:
            continue  # "Northwind" inside "Northwind Health"
        end = stop
        hits.append(
            _Hit(
                start,
                stop - start,
                "other_company",
                f"{_quote(text[start:stop])} is another company you interviewed with; "
                f"this email is for {ctx.company}.",
                ctx.company,
            )
        )
    return hits


def _is_word(word: str, speller: Speller | None) -> bool:
    if word.lower() in _COMMON:
        return True
    return speller is not None and not speller.unknown([word.lower()])


def _repeated_words(read: _Text) -> list[_Hit]:
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
        for at in _whole_words(low, word):
            if at < end:
                continue  # the second of a pair already reported
            second = _after_space(low, at + len(word))
            if second is None or not low.startswith(word, second):
                continue
            after = low[second + len(word) : second + len(word) + 1]
            if after and _is_word_char(after):
                continue
            end = second + len(word)
            written = text[at : at + len(word)]
            message = f"{_quote(written)} is written twice in a row."
            if "\n" in text[at:second]:
                hits.append(
                    _Hit(second, len(word), "repeated_word", message + " Remove the second.")
                )
            else:
                hits.append(_Hit(at, end - at, "repeated_word", message, written))
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


# -- dates -----------------------------------------------------------------------------------


def _month(word: str) -> int:
    return [m[:3] for m in _MONTHS].index(word[:3].title()) + 1


def _weekday(word: str) -> int:
    return [d[:3] for d in _WEEKDAYS].index(word[:3].title())


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


def _spoken(day: date) -> str:
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
class _WrittenDate:
    """A date as written in the text: where, its weekday word if any, what it can mean."""

    start: int
    end: int
    weekday_start: int
    weekday: str  # "" when none is written
    numeric: bool  # 5/11: no month name, so no sure reading for a deadline
    readings: tuple[date, ...]


def _find_dates(text: str, today: date) -> list[_WrittenDate]:
    found = []
    for start, end in _digit_windows(text):
        window = text if (start, end) == (0, len(text)) else text[start:end]
        for m in _DATE.finditer(window):
            end = m.end() - 1 if m.group().endswith(".") else m.end()  # "Nov." ends a sentence
            found.append(
                _WrittenDate(
                    start + m.start(),
                    start + end,
                    start + m.start("wd"),
                    m["wd"] or "",
                    bool(m["na"]),
                    _readings(m, today),
                )
            )
    return found


def _dates(text: str, dates: list[_WrittenDate], ctx: ProofContext) -> list[_Hit]:
    hits = []
    for written in dates:
        if len(written.readings) != 1:
            continue
        (day,) = written.readings
        if written.weekday and _weekday(written.weekday) != day.weekday():
            right = _WEEKDAYS[day.weekday()]
            hits.append(
                _Hit(
                    written.weekday_start,
                    len(written.weekday),
                    "weekday_mismatch",
                    f"{_spoken(day)} is a {right}, not a {_WEEKDAYS[_weekday(written.weekday)]}.",
                    right if written.weekday in _WEEKDAYS else right[:3],
                )
            )
        # A check-in or close-out looks back on the dates they gave: a past date is the point.
        looking_back = ctx.template in ("check-in", "close-out")
        if day < ctx.today and not written.numeric and not looking_back:
            sentence = _sentence_around(text, written.start, written.end)
            lead = text[max(0, written.start - 30) : written.start]
            if _DEADLINE_BEFORE.search(lead) or _FUTURE_CUE.search(sentence):
                hits.append(
                    _Hit(
                        written.start,
                        written.end - written.start,
                        "past_next_step",
                        f"{_spoken(day)} has passed already (today is {_spoken(ctx.today)}), "
                        "but this sentence speaks of what comes next.",
                    )
                )
    return hits


def _mentions_decision(body: str, dates: list[_WrittenDate], ctx: ProofContext) -> bool:
    """Whether the email reminds them of the next step: the phrase, the date or its weekday."""
    decision = ctx.decision_by
    low = body.lower()
    if decision is None or any(words in low for words in _NEXT_STEPS):
        return True
    if any(decision in written.readings for written in dates) or decision.isoformat() in body:
        return True
    name = _WEEKDAYS[decision.weekday()]
    return re.search(rf"\b{name[:3]}(?:{name[3:]}|\.|\b)", body) is not None


# -- words: spelling and names ---------------------------------------------------------------


def _spelling_candidates(read: _Text, lk: _Lookups) -> set[str]:
    """Lower-case words worth asking the dictionary about: letters and apostrophes only, no
    acronyms, none of the most common words, nothing the record or the user's list knows."""
    rest = read.lower - lk.accepted - _COMMON
    if not rest:
        return set()
    acronyms = {t.lower() for t in read.unique if t.isupper() and len(t) > 1}
    out = set()
    for low in rest - acronyms:
        word = low if low.isalpha() else _bare(low)
        if len(word) < 2 or not (word.isalpha() or word.replace("'", "").isalpha()):
            continue  # a number, a code such as b2b, a snake_case name
        if word not in lk.accepted:
            out.add(word)
    return out


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


def _closest_name(word: str, lk: _Lookups) -> tuple[str, str] | None:
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


def _name_spellings(
    read: _Text,
    candidates: set[str],
    unknown: set[str],
    lk: _Lookups,
    speller: Speller | None,
) -> tuple[list[_Hit], set[str]]:
    """Misspelt names, and the lower-case words that are (the spelling check skips them).

    With a dictionary: the words it does not know, and known words written as a name in the
    middle of a sentence ("I spoke with Dane"). Without one: capitalised words that are not
    among the most common English words.
    """
    if not lk.name_parts or not candidates:
        return [], set()
    upper = read.unique - read.lower  # written with a capital somewhere: few words
    written_upper = set("\n".join(upper).lower().split("\n")) if upper else set()
    as_names = {low for low in written_upper & candidates if _capitalised(low) in read.unique}
    if speller is not None:
        suspects = (unknown & candidates) | {
            low
            for low in as_names - unknown
            if _closest_name(low, lk) and _written_as_name(read, low)
        }
    else:
        suspects = as_names
    wrong = {}
    for word in suspects - _COMMON:
        match = _closest_name(word, lk)
        if match:
            wrong[word] = match
    hits = []
    for at, written, word in _occurrences(read, wrong):
        spelt, full = wrong[word]
        hits.append(
            _Hit(
                at,
                len(written),
                "name_spelling",
                f"{_quote(written)} is not how {full}'s name is spelt in the record.",
                spelt,
            )
        )
    return hits, set(wrong)


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def _written_as_name(read: _Text, word: str) -> bool:
    """Capitalised in the middle of a sentence (after a word or a comma) somewhere."""
    text = read.text
    return any(
        written[:1].isupper()
        and at >= 2
        and text[at - 1] == " "
        and (text[at - 2].isalnum() or text[at - 2] in ",;:")
        for at, written, _ in _occurrences(read, [word])
    )


def _occurrences(read: _Text, words: Iterable[str]) -> list[tuple[int, str, str]]:
    """(offset, as written, the word) of each whole-word occurrence, in text order."""
    found = []
    for word in words:
        spellings = {word, word.replace("'", "’")}
        for spelling in spellings:
            for at in _whole_words(read.low, spelling):
                found.append((at, read.text[at : at + len(spelling)], word))
    return sorted(found)


def _spelling(
    read: _Text, words: list[str], speller: Speller, suggestions_left: list[int]
) -> list[_Hit]:
    hits = []
    suggested: dict[str, str] = {}
    for at, written, word in _occurrences(read, words):
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
            suggestion = _capitalised(suggestion)
        hits.append(
            _Hit(
                at,
                len(written),
                "spelling",
                f"{_quote(written)} is not in the dictionary; if it is right, add it to your "
                "word list.",
                suggestion,
                "warning",
            )
        )
    return hits


# -- the shape of the email: greeting, four Rs, sign-off, length -----------------------------


def _lines(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line."""
    out = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def _structure(body: str, dates: list[_WrittenDate], ctx: ProofContext) -> list[_Hit]:
    lines = _lines(body)
    if not lines:
        return [_Hit(0, 1, "missing_greeting", "The email is empty.")]
    hits: list[_Hit] = []
    greeting_at = _greeting(lines, ctx, hits)
    signoff_at = _signoff(lines, ctx, hits, greeting_at)
    if ctx.template == THANK_YOU:
        after_greeting = lines[greeting_at + 1] if greeting_at + 1 < len(lines) else None
        where = after_greeting or (lines[0] if lines else (0, ""))
        low = body.lower()
        if not any(word in low for word in _THANKS):
            hits.append(
                _Hit(
                    where[0],
                    max(1, len(where[1])),
                    "missing_part",
                    "The email never thanks them: say thank you for their time.",
                )
            )
        if ctx.decision_by is not None and not _mentions_decision(body, dates, ctx):
            index = signoff_at - 1 if signoff_at > 0 else len(lines) - 1
            offset, line = lines[index] if index >= 0 else (0, "")
            hits.append(
                _Hit(
                    offset,
                    max(1, len(line)),
                    "missing_part",
                    "The email does not mention the next step: they said they would decide by "
                    f"{_WEEKDAYS[ctx.decision_by.weekday()]} {_spoken(ctx.decision_by)}.",
                )
            )
        words = body.split(None, LONG_THANK_YOU_WORDS)
        if len(words) > LONG_THANK_YOU_WORDS:
            rest = words[-1]  # from the first word too many on
            count = LONG_THANK_YOU_WORDS + len(rest.split())
            hits.append(
                _Hit(
                    len(body) - len(rest),
                    len(rest.split(None, 1)[0]),
                    "too_long",
                    f"At {count} words the email is long for a thank-you; keep it under "
                    f"{LONG_THANK_YOU_WORDS} (this is where it passes that).",
                    severity="warning",
                )
            )
    return hits


def _greeting(lines: list[tuple[int, str]], ctx: ProofContext, hits: list[_Hit]) -> int:
    """Check the greeting line; its index in ``lines``, or -1 when there is none."""
    lk = ctx.lookups
    first = lk.addressee_first
    offset, line = lines[0]
    m = _GREETING.match(line)
    if m is None:
        hits.append(
            _Hit(
                offset,
                max(1, len(line)),
                "missing_greeting",
                f"The email does not open with a greeting such as “Dear {first},”."
                if first
                else "The email does not open with a greeting (Dear, Hi or Hello, and a name).",
                f"Dear {first}," if first else "",
            )
        )
        return -1
    name = m["name"].strip()
    folded = fold(name)
    words = [w for w in re.findall(r"\w+", folded) if w not in _TITLES]
    if not name:
        if first:
            hits.append(
                _Hit(
                    offset + m.start("hello"),
                    len(m["hello"]),
                    "missing_greeting",
                    f"The greeting names no one; greet {first} by name.",
                    f"{m['hello']} {first},",
                )
            )
        return 0
    if not first or not words or folded in _GENERIC_GREETING:
        return 0
    if " ".join(words) in lk.addressee_parts or any(w in lk.addressee_parts for w in words):
        return 0
    if not any(w[:1].isupper() for w in name.split()):
        return 0  # "hi there", "dear all"
    if all(w in lk.company_words or w in _GENERIC_GREETING for w in words):
        return 0  # "Hi Acme team"
    if any(_closest_name(w, lk) for w in words):
        return 0  # a misspelt name: name_spelling says so
    someone = lk.people_by_folded.get(" ".join(words)) or lk.people_by_folded.get(words[0])
    who = someone if someone else _quote(name)
    hits.append(
        _Hit(
            offset + m.start("name"),
            len(m["name"]),
            "wrong_greeting",
            f"The greeting names {who}, but this email is for {ctx.addressee}.",
            first,
        )
    )
    return 0


def _signoff(
    lines: list[tuple[int, str]], ctx: ProofContext, hits: list[_Hit], greeting_at: int
) -> int:
    """Check the sign-off and the name under it; its index in ``lines``, or -1."""
    lk = ctx.lookups
    low = max(greeting_at + 1, len(lines) - _SIGNOFF_LINES)
    for index in range(len(lines) - 1, low - 1, -1):
        offset, line = lines[index]
        m = _SIGNOFF.match(line)
        if m is None:
            continue
        rest = m["rest"].strip()
        if rest and not _NAME_LIKE.fullmatch(rest):
            continue  # "Thank you again for your time." is a sentence, not a sign-off
        if lk.sender_names:
            after = fold(" ".join([rest, *(text for _, text in lines[index + 1 :])]))
            if not any(re.search(rf"\b{re.escape(n)}\b", after) for n in lk.sender_names):
                hits.append(
                    _Hit(
                        offset,
                        max(1, len(line)),
                        "missing_signoff",
                        f"Sign with your name, {ctx.sender}, under {_quote(line.strip())}.",
                        ctx.sender,
                    )
                )
        return index
    offset, line = lines[-1] if lines else (0, "")
    if lines and greeting_at == len(lines) - 1:
        offset, line = offset + len(line), ""
    hits.append(
        _Hit(
            offset,
            max(1, len(line)),
            "missing_signoff",
            "The email does not end with a sign-off such as “Best regards,” and your name.",
            f"Best regards, {ctx.sender}" if ctx.sender else "Best regards,",
        )
    )
    return -1
