"""The day they said they would decide, and where the app read it.

One answer for every place that needs it (rule 4's first check-in, the letter's Reminder, the
interview's detail, the proofreading): the *Decision by* field, else the one date the next
steps name, read from the interview's time as it was said ("by Friday" after a Tuesday
interview is that week's Friday, however many days later it is typed or read).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from afterword.domain.date_phrases import find_date_phrase
from afterword.domain.model import Debrief

FIELD = "decision_by"
NEXT_STEPS = "next_steps"


@dataclass(frozen=True)
class DecisionDay:
    """The decision day, ``source`` (FIELD or NEXT_STEPS) and, from the next steps, the words
    that name it ("Friday")."""

    day: date
    source: str
    phrase: str = ""

    @property
    def from_next_steps(self) -> bool:
        return self.source == NEXT_STEPS


def decision_day(debrief: Debrief, when: datetime | None) -> DecisionDay | None:
    """*Decision by*, else the one date the next steps name relative to ``when`` (T); None
    when there is neither, or when the next steps name two dates (which one is the decision
    is not for a rule to guess)."""
    if debrief.decision_by is not None:
        return DecisionDay(debrief.decision_by, FIELD)
    text = debrief.next_steps or ""
    if when is None or not text.strip():
        return None
    found = find_date_phrase(text, when)
    if found is None:
        return None
    if find_date_phrase(text[found.start + len(found.phrase) :], when) is not None:
        return None
    return DecisionDay(found.date.value.date(), NEXT_STEPS, found.phrase)
