"""The shape of the email: a greeting to the right person, a sign-off with the sender's name,
and for a thank-you the four Rs' thanks and reminder of the next step, and its length."""

from __future__ import annotations

import re
from typing import Final

from afterword.domain.proofread.context import THANK_YOU, ProofContext
from afterword.domain.proofread.dates import WEEKDAYS, WrittenDate, mentions_decision, spoken
from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.names import closest_name
from afterword.domain.proofread.text import fold, quote

LONG_THANK_YOU_WORDS: Final = 250
# what the four Rs' thanks are found by (in the body in lower case)
_THANKS: Final = ("thank", "grateful", "gratitude", "appreciat")
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


def _lines(body: str) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line."""
    out = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def structure(body: str, dates: list[WrittenDate], ctx: ProofContext) -> list[Hit]:
    lines = _lines(body)
    if not lines:
        return [Hit(0, 1, "missing_greeting", "The email is empty.")]
    hits: list[Hit] = []
    greeting_at = _greeting(lines, ctx, hits)
    signoff_at = _signoff(lines, ctx, hits, greeting_at)
    if ctx.template == THANK_YOU:
        after_greeting = lines[greeting_at + 1] if greeting_at + 1 < len(lines) else None
        where = after_greeting or (lines[0] if lines else (0, ""))
        low = body.lower()
        if not any(word in low for word in _THANKS):
            hits.append(
                Hit(
                    where[0],
                    max(1, len(where[1])),
                    "missing_part",
                    "The email never thanks them: say thank you for their time.",
                )
            )
        if ctx.decision_by is not None and not mentions_decision(body, dates, ctx):
            index = signoff_at - 1 if signoff_at > 0 else len(lines) - 1
            offset, line = lines[index] if index >= 0 else (0, "")
            hits.append(
                Hit(
                    offset,
                    max(1, len(line)),
                    "missing_part",
                    "The email does not mention the next step: they said they would decide by "
                    f"{WEEKDAYS[ctx.decision_by.weekday()]} {spoken(ctx.decision_by)}.",
                )
            )
        words = body.split(None, LONG_THANK_YOU_WORDS)
        if len(words) > LONG_THANK_YOU_WORDS:
            rest = words[-1]  # from the first word too many on
            count = LONG_THANK_YOU_WORDS + len(rest.split())
            hits.append(
                Hit(
                    len(body) - len(rest),
                    len(rest.split(None, 1)[0]),
                    "too_long",
                    f"At {count} words the email is long for a thank-you; keep it under "
                    f"{LONG_THANK_YOU_WORDS} (this is where it passes that).",
                    severity="warning",
                )
            )
    return hits


def _greeting(lines: list[tuple[int, str]], ctx: ProofContext, hits: list[Hit]) -> int:
    """Check the greeting line; its index in ``lines``, or -1 when there is none."""
    lk = ctx.lookups
    first = lk.addressee_first
    offset, line = lines[0]
    m = _GREETING.match(line)
    if m is None:
        hits.append(
            Hit(
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
                Hit(
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
    if any(closest_name(w, lk) for w in words):
        return 0  # a misspelt name: name_spelling says so
    someone = lk.people_by_folded.get(" ".join(words)) or lk.people_by_folded.get(words[0])
    who = someone if someone else quote(name)
    hits.append(
        Hit(
            offset + m.start("name"),
            len(m["name"]),
            "wrong_greeting",
            f"The greeting names {who}, but this email is for {ctx.addressee}.",
            first,
        )
    )
    return 0


def _signoff(
    lines: list[tuple[int, str]], ctx: ProofContext, hits: list[Hit], greeting_at: int
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
                    Hit(
                        offset,
                        max(1, len(line)),
                        "missing_signoff",
                        f"Sign with your name, {ctx.sender}, under {quote(line.strip())}.",
                        ctx.sender,
                    )
                )
        elif not _signed(rest, [text for _, text in lines[index + 1 :]]):
            hits.append(
                Hit(
                    offset,
                    max(1, len(line)),
                    "missing_signoff",
                    f"Sign with your name under {quote(line.strip())}: your name is not set "
                    "yet ([profile] name in config.toml fills it).",
                )
            )
        return index
    offset, line = lines[-1] if lines else (0, "")
    if lines and greeting_at == len(lines) - 1:
        offset, line = offset + len(line), ""
    hits.append(
        Hit(
            offset,
            max(1, len(line)),
            "missing_signoff",
            "The email does not end with a sign-off such as “Best regards,” and your name.",
            f"Best regards, {ctx.sender}" if ctx.sender else "Best regards,",
        )
    )
    return -1


def _signed(rest: str, below: list[str]) -> bool:
    """Whether a name follows the sign-off ("Best, Alex" or a line under it) when the record
    does not say whose name to expect: any line of letters, but a phone number, an address or
    a link is not one."""
    return any(
        any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
        and "@" not in text
        and "://" not in text
        for text in (rest, *below)
    )
