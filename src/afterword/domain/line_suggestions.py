"""STAND-IN for ``afterword.domain.letter.suggested_lines`` (the letter's topic rules and its
list of self-critical words), with the same signature and a few rules of its own. Once that
module is merged, ``tui/screens/debrief.py`` imports ``suggested_lines`` from it instead, and this
file and ``tests/unit/test_line_suggestions.py`` go.
"""

from __future__ import annotations

import re

from afterword.domain.model import Debrief

# The topic of a note: what follows "on", "about", "through"… up to the end of its clause
# ("fumbled the question on Kafka partition rebalancing" -> "Kafka partition rebalancing").
_TOPIC = re.compile(r"\b(?:on|about|through|around|over)\s+(?P<topic>[^.;,!?\n]+)", re.I)
_SELF_CRITICAL = re.compile(
    r"\b(?:fumbl|blank|mess(?:ed)? up|struggl|bad|weak|fail|nervous|poor|awful|terribl)", re.I
)


def _topic(note: str) -> str:
    found = _TOPIC.search(note or "")
    topic = " ".join(found.group("topic").split()) if found else ""
    return "" if not topic or _SELF_CRITICAL.search(topic) else topic


def suggested_lines(debrief: Debrief) -> tuple[str, str, str]:
    """What the debrief form may propose for the three email lines (remember, reinforce,
    recoup), each '' when the debrief says nothing a rule can read. Never self-critical."""
    remember = " ".join(debrief.remember.split())
    well = _topic(debrief.went_well) or _topic(debrief.focus)
    poorly = _topic(debrief.went_poorly)
    return (
        "" if _SELF_CRITICAL.search(remember) else remember,
        f"I especially enjoyed talking about {well}." if well else "",
        f"Since we spoke I have given more thought to {poorly}, and I would welcome the "
        "chance to show what I can bring to it."
        if poorly
        else "",
    )
