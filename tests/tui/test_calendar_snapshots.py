"""SVG snapshots of the Calendar: a busy month (the demo's November 2026) with today selected,
and a day chosen with its list focused, at 120x40 and 80x24, in the default and the light theme.

Same fixed clock and demo data as test_snapshots.py, but in colour (the grid tells today, late
days and the cursor apart by colour) and with the theme given to the app at its start. Update
with `pytest --snapshot-update` only after looking at the pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.test_snapshots import loaded, make_app

SIZES = [(120, 40), (80, 24)]
THEMES = ["afterword-dark", "afterword-light"]


async def show_calendar(pilot: Pilot[Any]) -> None:
    await pilot.press("c")
    await pilot.pause(0.2)


async def choose_a_day(pilot: Pilot[Any]) -> None:
    """Friday 27 November: interviews and follow-ups; then `enter` to its list."""
    await show_calendar(pilot)
    await pilot.press("l", "l", "enter")
    await pilot.pause(0.2)


CASES = {"calendar": show_calendar, "calendar-day": choose_a_day}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_calendar(
    case: str,
    size: tuple[int, int],
    theme: str,
    tmp_path: Path,
    snap_compare: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR")  # (Textual reads it when the app is made)
    app = make_app(tmp_path, demo=True, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=loaded(CASES[case]))
