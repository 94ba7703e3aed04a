"""The one list of self-critical words: what it finds, and what it leaves alone."""

from __future__ import annotations

import pytest

from afterword.domain.self_critical import SELF_CRITICAL, is_self_critical, self_critical_words


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I fumbled the question on Kafka", ["fumbled"]),
        ("Blanked on the heap question, and my answer was WEAK.", ["Blanked", "WEAK"]),
        ("I  messed\nup the SQL part", ["messed\nup"]),
        ("I couldn’t explain the cache", ["couldn’t explain"]),
        ("I couldn't answer that one", ["couldn't answer"]),
        ("nervous at first, then nervous again", ["nervous"]),
        ("a poor-quality answer", ["poor"]),
        (
            "struggled; stumbled; forgot; botched; rambled; bombed; choked",
            [
                "struggled",
                "stumbled",
                "forgot",
                "botched",
                "rambled",
                "bombed",
                "choked",
            ],
        ),
        # "failed deploys" names the work, as "failed payments" does: only the answer is found
        ("a bad answer about failed deploys", ["bad answer"]),
        ("I failed the deploy question", ["failed"]),
    ],
)
def test_self_critical_words_are_found_as_written_once_each(text: str, found: list[str]) -> None:
    assert self_critical_words(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "We discussed failover and failure modes of the queue.",
        "A blank canvas for the new team; I won't forget our talk.",
        "The weakness of eventual consistency",
        "capacity planning and postmortems",
    ],
)
def test_ordinary_words_that_look_alike_are_left_alone(text: str) -> None:
    assert self_critical_words(text) == []
    assert not is_self_critical(text)


def test_every_entry_of_the_list_is_found_in_a_sentence() -> None:
    for entry in SELF_CRITICAL:
        assert self_critical_words(f"Then I {entry.upper()}, sadly.") == [entry.upper()]
