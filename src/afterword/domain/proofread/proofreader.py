"""The proofreader: reads the subject and the body once, runs every check on them, and turns
what the checks found into findings by line and column."""

from __future__ import annotations

from bisect import bisect_right

from afterword.domain.proofread.context import ProofContext, Speller
from afterword.domain.proofread.dates import WrittenDate, find_dates, past_weekdays, wrong_dates
from afterword.domain.proofread.findings import Finding, Hit
from afterword.domain.proofread.leftovers import other_companies, placeholders
from afterword.domain.proofread.names import name_spellings
from afterword.domain.proofread.spelling import (
    MAX_SUGGESTIONS,
    misspellings,
    repeated_words,
    spelling_candidates,
)
from afterword.domain.proofread.structure import structure
from afterword.domain.proofread.text import COMMON, Text
from afterword.domain.proofread.tone import self_criticism
from afterword.domain.words import is_control


def proofread(
    subject: str, body: str, ctx: ProofContext, speller: Speller | None = None
) -> list[Finding]:
    """Every finding in the subject (line 0) and the body, sorted by line and column."""
    lk = ctx.lookups
    subject_line = subject.replace("\n", " ")
    texts = {"subject": Text.read(subject_line), "body": Text.read(body)}
    hits: dict[str, list[Hit]] = {"subject": [], "body": []}
    body_dates: list[WrittenDate] = []
    for part, read in texts.items():
        found = hits[part]
        found += placeholders(read.raw)
        found += other_companies(read, ctx, speller)
        found += repeated_words(read)
        found += self_criticism(read)
        dates = find_dates(read.text, ctx.today)
        found += wrong_dates(read.text, dates, ctx)
        found += past_weekdays(read, dates, ctx)
        if part == "body":
            body_dates = dates
    candidates = {part: spelling_candidates(read, lk) for part, read in texts.items()}
    unknown: set[str] = set()
    if speller is not None:
        every = candidates["subject"] | candidates["body"]
        unknown = set(speller.unknown(every - COMMON)) if every else set()
    misspelt: dict[str, list[str]] = {}
    for part, read in texts.items():
        names, misnamed = name_spellings(read, candidates[part], unknown, lk, speller)
        hits[part] += names
        misspelt[part] = sorted(unknown & candidates[part] - misnamed - ctx.debrief_words)
    suggestions_left = [MAX_SUGGESTIONS]
    for part in ("subject", "body"):
        if speller is not None and misspelt[part]:
            hits[part] += misspellings(texts[part], misspelt[part], speller, suggestions_left)
    hits["body"] += structure(body, body_dates, ctx)
    if not subject.strip():
        hits["subject"].append(
            Hit(0, max(1, len(subject_line)), "empty_subject", "The subject is empty.")
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


def _finding(first_line: int, text: str, hit: Hit, starts: list[int] | None) -> Finding:
    offset = max(0, min(hit.offset, len(text)))
    if starts is None:
        line, column, line_end = 0, offset + 1, len(text)
    else:
        index = bisect_right(starts, offset) - 1
        line, column = first_line + index, offset - starts[index] + 1
        end = text.find("\n", offset)
        line_end = len(text) if end == -1 else end
    length = max(1, min(hit.length, line_end - offset))
    message, suggestion = _one_line(hit.message), _one_line(hit.suggestion)
    return Finding(line, column, length, hit.kind, message, suggestion, hit.severity)


def _one_line(text: str) -> str:
    """A message or suggestion on one line, without control characters: it quotes the record's
    names and the email's words, which an import may have filled with anything."""
    if text.isprintable():
        return text
    return " ".join("".join(" " if is_control(c) else c for c in text).split())
