"""Keys as a terminal user expects them: `?` complete on every screen and scrolling, `j`/`k` in
every list and picker, `escape` and `t` on the Calendar, the drafts' body, the demo's title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen

from afterword.tui.app import AfterwordApp
from afterword.tui.screens.calendar import CalendarScreen
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from afterword.tui.screens.emails import EmailsScreen
from afterword.tui.screens.help import HelpScreen, key_label
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.saved import CallSheetScreen
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.month_grid import MonthGrid
from afterword.tui.widgets.pickers import PickList, PickOne
from afterword.tui.widgets.record_table import RecordTable
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    loaded,
    make_app,
    row_keys,
    row_text,
    screen_text,
    table,
    wait_for,
)


def active_keys(screen: Screen[Any]) -> set[tuple[str, str]]:
    """(key, what it does) of every key that works on ``screen`` now: its active bindings,
    Textual's own (focus, copy) and the widgets' unnamed built-in keys left out."""
    app = screen.app
    keys = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system or (not binding.id and active.node is not app):
            continue
        description = binding.description or binding.action.replace("_", " ")
        keys.add((key_label(binding.key_display or key), description))
    return keys


async def help_keys(pilot: Pilot[Any], app: AfterwordApp) -> set[tuple[str, str]]:
    """Open `?` over the screen shown (as the `?` key does), read its rows, close it."""
    below = app.screen
    await app.run_action("app.help")  # as `?` does (in a form `?` is a letter)
    await wait_for(
        pilot, lambda: isinstance(app.screen, HelpScreen) and bool(app.screen.query("#keys"))
    )
    await pilot.pause()
    grid = table(app, "#keys")
    rows = {tuple(row_text(grid, n)) for n in range(grid.row_count)}
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is below)
    # Keys doing the same share a row ("q, ctrl+q  Quit"); descriptions start with a capital.
    return {
        (key, what.casefold())
        for keys, what in rows
        if what  # group headings have no action
        for key in keys.split(", ")
    }


async def assert_help_complete(pilot: Pilot[Any], app: AfterwordApp, name: str) -> None:
    expected = {(key, what.casefold()) for key, what in active_keys(app.screen)}
    listed = await help_keys(pilot, app)
    missing = expected - listed
    assert not missing, f"{name}: help leaves out {sorted(missing)}"


async def test_help_lists_every_key_that_works_on_every_screen(tmp_path: Path) -> None:
    """Walk every screen and dialog; on each, `?` lists each key its bindings make work."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, TodayScreen)
        await assert_help_complete(pilot, app, "Today")
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await assert_help_complete(pilot, app, "the status picker")
        await pilot.press("escape")
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        await pilot.pause()
        await assert_help_complete(pilot, app, "Interviews")
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await assert_help_complete(pilot, app, "the delete question")
        await pilot.press("n")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await assert_help_complete(pilot, app, "an interview")
        await pilot.press("escape")
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.pause()
        await assert_help_complete(pilot, app, "the Calendar's month")
        await pilot.press("l")  # off today: `t` goes back to today's date
        await assert_help_complete(pilot, app, "the Calendar's month, off today")
        await pilot.press("t", "enter")
        await pilot.pause(0.2)
        await assert_help_complete(pilot, app, "the Calendar's day")
        recruited = next(i for i in app.library.interviews.values() if i.recruiter is not None)
        app.push_screen(CallSheetScreen(recruited.id))
        await wait_for(pilot, lambda: isinstance(app.screen, CallSheetScreen))
        await assert_help_complete(pilot, app, "a call sheet")
        await pilot.press("escape")
        await app.open_debrief(recruited.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await assert_help_complete(pilot, app, "the debrief form")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, DebriefScreen))
        await app.open_drafts(recruited.id)
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        await assert_help_complete(pilot, app, "the emails")


async def test_help_on_today_lists_new_and_debrief_and_d_opens_the_debrief(
    tmp_path: Path,
) -> None:
    """`n` (the app's, turned off under a dialog) and `d` were missing from Today's help."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        listed = await help_keys(pilot, app)
        assert ("n", "new") in listed
        assert ("d", "debrief") in listed
        assert ("t", "today") in listed  # a fixed key, off on Today itself
        chosen = app.screen.selected_follow_up()  # type: ignore[attr-defined]
        assert chosen is not None
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert app.screen.interview_id == chosen[0]  # type: ignore[attr-defined]


async def test_help_scrolls_to_its_last_line_at_80_by_24(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        grid = table(app, "#keys")
        last = " ".join(row_text(grid, grid.row_count - 1))
        note = "ctrl+p finds actions"
        assert note in screen_text(app)  # the note under the list is never cut
        assert grid.row_count > grid.size.height  # it does not fit: it must scroll
        assert last.split()[-1] not in screen_text(app).split("\n")[-8]
        await pilot.press("G")
        await pilot.pause()
        shown = screen_text(app)
        key, what = row_text(grid, grid.row_count - 1)
        assert any(key in line and what in line for line in shown.splitlines()), shown
        assert note in shown


async def test_the_status_picker_takes_j_and_k(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        interview_id = app.screen.selected_interview()  # type: ignore[attr-defined]
        assert app.library.get(interview_id).status == "active"
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        options = app.screen.query_one(PickList)
        start = options.highlighted
        assert start is not None
        await pilot.press("j", "j", "k")
        assert options.highlighted == start + 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ChoiceDialog))
        assert app.library.get(interview_id).status != "active"


async def test_the_debriefs_choices_take_j_and_k(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        interview = next(iter(app.library.interviews.values()))
        await app.open_debrief(interview.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        choices = app.screen.query(PickOne).first()
        choices.focus()
        await pilot.pause()
        before = choices._selected  # the highlighted button
        await pilot.press("j")
        after_j = choices._selected
        await pilot.press("k")
        assert after_j != before
        assert choices._selected == before


async def test_escape_leaves_the_calendar_for_the_screen_it_came_from(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("i", "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        await pilot.press("t", "c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.press("enter")  # in the day's list too
        await pilot.pause(0.2)
        assert isinstance(app.focused, RecordTable)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))


async def test_t_on_the_calendar_says_on_the_bar_what_it_does(tmp_path: Path) -> None:
    """Off today `t` goes to today's date, and the bar says so; on today it says Today, and
    `t` goes to the Today screen."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.pause()
        grid = app.screen.query_one(MonthGrid)
        bar = app.screen.query_one(KeyBar)

        def t_says() -> str:
            keys, _ = bar.fitting_keys(bar.size.width)
            return next(what for key, _, what, _ in keys if key == "t")

        assert t_says() == "Today"
        await pilot.press("l", "l")
        await pilot.pause()
        assert t_says() == "Today's date"
        await pilot.press("t")
        await pilot.pause()
        assert grid.cursor == NOW.date()
        assert t_says() == "Today"
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))


async def test_the_emails_open_with_the_cursor_in_the_body_of_the_chosen_draft(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        today = table(app)
        text = row_text(today, today.cursor_row)[2]  # the first item: a check-in
        assert text.startswith("Check in"), text
        person = text.split(" · ")[-1]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        await pilot.pause()
        assert app.focused is screen.query_one("#d-body")
        draft = screen._draft()
        assert draft is not None and (draft.template, draft.person) == ("check-in", person)
        # `enter` on another draft of the list: that one, the cursor in its body again
        drafts = screen.query_one("#draft-list", RecordTable)
        drafts.focus()
        other = next(k for k in row_keys(drafts) if k != screen.current)
        drafts.move_cursor(row=drafts.get_row_index(other))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == other == cursor_key(drafts)
        assert app.focused is screen.query_one("#d-body")


async def test_the_demo_says_so_in_the_title_bar(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    demo = AfterwordApp(app.db_path, app.config, lock=app.lock, now=app.now, demo=True)
    async with demo.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "Afterword (demo)" in screen_text(demo).splitlines()[0]
        await demo.open_drafts(next(iter(demo.library.interviews)))
        await pilot.pause(0.2)
        assert "Afterword (demo)" in screen_text(demo).splitlines()[0]
    assert "demo" not in AfterwordApp.TITLE
