"""The wording helpers: counts said with the right plural, dates in one style, parts joined
without empty fragments."""

from __future__ import annotations

import pytest

from afterword.domain.words import plural


@pytest.mark.parametrize(
    ("count", "words"),
    [(0, "0 follow-ups"), (1, "1 follow-up"), (2, "2 follow-ups"), (11, "11 follow-ups")],
)
def test_a_count_takes_the_plural_it_needs(count: int, words: str) -> None:
    assert plural(count, "follow-up") == words


def test_an_irregular_plural_is_given_with_the_word() -> None:
    assert plural(1, "known address", "known addresses") == "1 known address"
    assert plural(3, "known address", "known addresses") == "3 known addresses"
