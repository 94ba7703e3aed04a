"""The key bar: the keys of the screen shown, following focus and screens, and clickable."""

from __future__ import annotations

from pathlib import Path

from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.widgets.key_bar import KeyBar
from tests.tui.helpers import SIZE, loaded, make_app, screen_text, static_text, wait_for


def bar_line(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_the_bar_shows_the_keys_of_the_screen_and_follows_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        line = bar_line(app)
        for shown in ("x Done", "z Snooze", "i Interviews", "n New", "? Help", "q Quit"):
            assert shown in line, line
        assert "t Today" not in line  # the key of the screen already shown is left out
        await pilot.press("i")
        await wait_for(pilot, lambda: "t Today" in bar_line(app))
        line = bar_line(app)
        assert "i Interviews" not in line and "/ Search" in line, line
        # Focus moves into the search field: the bar changes with the bindings.
        await pilot.press("slash")
        await wait_for(pilot, lambda: "Sort" not in bar_line(app))


async def test_a_click_on_a_key_presses_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar_line(app)
        column = line.index("i Interviews") + 3  # on the description, not only the key
        await pilot.click(KeyBar, offset=(column, 0))
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        # A click between keys does nothing: not the key before it nor the one after (on
        # Interviews the first gap lies between "/ Search" and "f Filter").
        line = bar_line(app)
        gap = line.index("  ") + 1
        assert line[:gap].strip().endswith("Search") and line[gap:].lstrip().startswith("f "), line
        screen = app.screen
        focused, state = screen.focused, static_text(app, "#interviews-state")
        await pilot.click(app.screen.query_one(KeyBar), offset=(gap, 0))
        await pilot.pause()
        assert app.screen is screen
        assert screen.focused is focused  # `/` would have gone to the search field
        assert static_text(app, "#interviews-state") == state  # `f` would filter
        assert bar is not app.screen.query_one(KeyBar)  # each screen has its own bar


async def test_a_narrow_bar_keeps_help_and_quit_and_marks_what_it_left_out(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        line = bar_line(app).rstrip()
        assert line.endswith("…  ? Help  q Quit"), line
        assert line.lstrip().startswith("⏎ Do it  x Done  z Snooze"), line
        assert len(line) <= 80
        bar = app.screen.query_one(KeyBar)
        shown, cut = bar.fitting_keys(80)
        assert cut and len(shown) < len(bar.shown_keys())
        everything, cut = bar.fitting_keys(1000)
        assert not cut and everything == bar.shown_keys()
