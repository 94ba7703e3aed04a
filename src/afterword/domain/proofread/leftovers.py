"""Text left over from a template (a placeholder) or from the email to another company."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from afterword.domain.proofread.context import ProofContext, Speller
from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.text import COMMON, Text, quote, whole_words

_APOSTROPHES = re.compile(r"['’]")
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


@lru_cache(maxsize=2048)
def _company_pattern(name: str) -> re.Pattern[str]:
    """Whole words, any case, any spacing between the words."""
    words = r"\s+".join(re.escape(part) for part in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def placeholders(text: str) -> list[Hit]:
    if not any(mark in text for mark in _PLACEHOLDER_MARKS):
        return []  # the common case, at the cost of a few substring searches
    return [
        Hit(
            m.start(),
            len(m.group()),
            "placeholder",
            f"{quote(m.group())} is a placeholder or template text left in the email.",
        )
        for m in _PLACEHOLDER.finditer(text)
    ]


def other_companies(read: Text, ctx: ProofContext, speller: Speller | None) -> list[Hit]:
    by_first = ctx.lookups.companies_by_first_word
    if not by_first:
        return []
    text = read.text
    runs = set(_APOSTROPHES.split("’".join(read.lower)))
    found: list[tuple[int, int]] = []
    for run in runs & by_first.keys():
        names = [_company_pattern(name) for name in by_first[run]]
        for at in whole_words(read.low, run):
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
            Hit(
                start,
                stop - start,
                "other_company",
                f"{quote(text[start:stop])} is another company you interviewed with; "
                f"this email is for {ctx.company}.",
                ctx.company,
            )
        )
    return hits


def _is_word(word: str, speller: Speller | None) -> bool:
    if word.lower() in COMMON:
        return True
    return speller is not None and not speller.unknown([word.lower()])
