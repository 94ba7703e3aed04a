"""The user's own tone slipping into the letter: self-criticism ("I fumbled", "my weak answer")
belongs in the private debrief, never in what the interviewer reads."""

from __future__ import annotations

from afterword.domain.proofread.findings import Hit
from afterword.domain.proofread.text import Text, quote
from afterword.domain.self_critical import self_critical_spans


def self_criticism(read: Text) -> list[Hit]:
    return [
        Hit(
            start,
            end - start,
            "self_critical",
            f"{quote(read.text[start:end])} dwells on what went wrong: the letter should say "
            "what you can do (leave it out, or say what you know of it).",
            severity="warning",
        )
        for start, end in self_critical_spans(read.text, read.lower, read.low)
    ]
