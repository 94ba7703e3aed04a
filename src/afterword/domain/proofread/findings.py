"""What the proofreader reports: a finding by line and column, and a hit by offset before that."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

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
    "self_critical",
)
SEVERITIES: Final = ("error", "warning")


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

    @property
    def replaceable(self) -> bool:
        """Whether the suggestion can take the place of what the finding points at (a word or
        a name; not a whole line, nor something missing)."""
        return bool(self.suggestion) and not self.kind.startswith("missing") and self.length <= 40


@dataclass(frozen=True)
class Hit:
    """A finding by offset in one text, before lines and columns are known."""

    offset: int
    length: int
    kind: str
    message: str
    suggestion: str = ""
    severity: str = "error"
