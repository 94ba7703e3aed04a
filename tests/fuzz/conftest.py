"""Registers the fuzzers' settings profiles (``profiles.py``: ``AFTERWORD_FUZZ=ci|thorough``).

The profiles are applied per test (``@FUZZ``), never loaded as the default, so the rest of the
suite keeps its own hypothesis settings.
"""

from __future__ import annotations

import tests.fuzz.profiles  # noqa: F401  (registers the profiles; a bad name stops the run)
