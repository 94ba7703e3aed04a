"""The command palette (ctrl+p): interviews by company or person, and the app's actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import OptionList

from afterword.domain.words import short_day
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.today import TodayScreen
from tests.tui.helpers import SIZE, find, loaded, make_app, paste, wait_for


def hits(app: AfterwordApp) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def search(pilot: Pilot[Any], text: str, first: str, *, pasted: bool = False) -> list[str]:
    """Open the palette, type (or paste) ``text``, and wait for a top hit starting ``first``."""
    app = pilot.app
    assert isinstance(app, AfterwordApp)
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    if pasted:
        await paste(pilot, text)
    else:
        await pilot.press(*text)
    await wait_for(pilot, lambda: bool(hits(app)) and hits(app)[0].startswith(first))
    await pilot.pause(0.1)  # the other providers' hits come in too
    return hits(app)


async def test_palette_finds_an_interview_by_person_or_company_and_opens_it(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        pebble = find(app, "Pebble Games")
        # Someone the user met finds the interview (the help line names the people).
        found = await search(pilot, "lindqvist", "Pebble Games", pasted=True)
        assert "Marcus Lindqvist" in found[0]
        assert all("Pebble Games" in hit for hit in found if "·" in hit)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        # So does the company's name; enter opens its detail.
        found = await search(pilot, "pebble", "Pebble Games · Site Reliability Engineer")
        assert f"({short_day(pebble.when)} {pebble.when.year})" in found[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        assert app.screen.interview_id == pebble.id  # type: ignore[attr-defined]


async def test_palette_runs_an_action_by_name(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, TodayScreen)
        found = await search(pilot, "Interviews", "Interviews", pasted=True)
        assert "Every interview, filtered and sorted" in found[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        assert app.current_mode == "interviews"
