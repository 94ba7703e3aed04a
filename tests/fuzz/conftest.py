"""Registers the fuzzers' settings profiles (``profiles.py``: ``AFTERWORD_FUZZ=ci|thorough``).

The profiles are applied per test (``@FUZZ``), never loaded as the default, so the rest of the
suite keeps its own hypothesis settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.fuzz.profiles  # noqa: F401  (registers the profiles; a bad name stops the run)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A fuzzer fails on an exception Python could only print ("Exception ignored in…", e.g.
    from a generator closed by the garbage collector): in the app that lands on the screen."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(
                pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
            )
