"""The stand-in for the letter's suggested email lines (goes when domain/letter.py is merged)."""

from __future__ import annotations

from afterword.domain.line_suggestions import suggested_lines
from afterword.domain.model import Debrief


def test_the_topics_of_the_notes_become_lines_and_the_self_criticism_never_does() -> None:
    remember, reinforce, recoup = suggested_lines(
        Debrief(
            went_well="walked through the queue redesign",
            went_poorly="fumbled the question on Kafka partition rebalancing",
        )
    )
    assert remember == ""
    assert reinforce == "I especially enjoyed talking about the queue redesign."
    assert "Kafka partition rebalancing" in recoup and "fumbl" not in recoup
    assert suggested_lines(Debrief(went_poorly="I was nervous and weak")) == ("", "", "")
    _, _, recoup = suggested_lines(Debrief(went_poorly="a weak answer on caching"))
    assert recoup.startswith("Since we spoke I have given more thought to caching,")
