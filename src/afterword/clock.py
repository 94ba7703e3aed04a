"""The one place that reads the wall clock; everything else is handed ``now``.

``AFTERWORD_NOW`` (an ISO 8601 date and time) fixes the clock for tests and demonstrations.
"""

from __future__ import annotations

import os
from datetime import datetime

from afterword.errors import AfterwordError


def now() -> datetime:
    """The current local time (naive), or the time that ``AFTERWORD_NOW`` names."""
    fixed = os.environ.get("AFTERWORD_NOW")
    if fixed:
        try:
            return datetime.fromisoformat(fixed).replace(microsecond=0)
        except ValueError:
            raise AfterwordError(
                f"AFTERWORD_NOW={fixed!r} is not a date and time; use ISO 8601 such as "
                "2026-11-25T09:00, or unset it."
            ) from None
    return datetime.now().replace(microsecond=0)
