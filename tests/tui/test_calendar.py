"""The Calendar: every key of the grid and of the day's list, month and year boundaries, summer
time changes, the marks as drawn, and a change shown at once."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable

from afterword.demo import write_demo_database
from afterword.domain.model import FollowUp, Interview
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.calendar import CalendarScreen
from afterword.tui.screens.dialogs import ChoiceDialog, PhraseDialog, TextDialog
from afterword.tui.screens.help import HelpScreen
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.month_grid import DayMarks, MonthGrid
from afterword.tui.widgets.record_table import RecordTable
from afterword.tui.widgets.sectioned_table import SECTION
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    loaded,
    make_app,
    notes,
    on_disk,
    row_keys,
    static_text,
    wait_for,
)

TODAY = NOW.date()  # Wednesday 25 November 2026
NARROW = (80, 24)


async def open_calendar(pilot: Pilot[Any]) -> tuple[AfterwordApp, CalendarScreen, MonthGrid]:
    app = await loaded(pilot)
    await pilot.press("c")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CalendarScreen)
    return app, screen, screen.grid


async def settled(pilot: Pilot[Any], screen: CalendarScreen) -> None:
    """Until the day's list shows the grid's day (it follows once the grid is still)."""
    await wait_for(pilot, lambda: screen.shown_day == screen.grid.cursor)
    await pilot.pause()


def grid_lines(grid: MonthGrid) -> list[str]:
    """The grid as drawn now, one string a line."""
    grid.refresh()
    return [strip.text for strip in grid.render_lines(Region(0, 0, *grid.size))]


def cell(grid: MonthGrid, day: date) -> list[str]:
    """The text of ``day``'s cell as drawn (its lines, without the gap after it)."""
    spots = [
        (x, y) for y in range(grid.size.height) for x in range(grid.size.width)
        if grid.day_at(x, y) == day
    ]  # fmt: skip
    assert spots, f"{day} is not drawn"
    lines = grid_lines(grid)
    xs, ys = {x for x, _ in spots}, sorted({y for _, y in spots})
    return [lines[y][min(xs) : max(xs) + 1].strip() for y in ys]


def style_at(grid: MonthGrid, day: date, text: str) -> Style:
    """The style ``text`` is drawn in, in ``day``'s cell."""
    spots = [
        (x, y) for y in range(grid.size.height) for x in range(grid.size.width)
        if grid.day_at(x, y) == day
    ]  # fmt: skip
    y = spots[0][1]
    grid.refresh()
    strip = grid.render_lines(Region(0, 0, *grid.size))[y]
    start = strip.text.index(text, min(x for x, _ in spots))
    x = 0
    for segment in strip:
        if x <= start < x + len(segment.text):
            assert segment.style is not None
            return segment.style
        x += len(segment.text)
    raise AssertionError(f"{text!r} not in {strip.text!r}")


def list_keys(screen: CalendarScreen) -> list[str]:
    return row_keys(screen.day_list)


def follow_up_rows(app: AfterwordApp, screen: CalendarScreen, kind: str = "") -> list[str]:
    """Keys of the list's follow-up rows (of ``kind``)."""
    out = []
    for key in list_keys(screen):
        if "/" not in key:
            continue
        interview_id, _, item_id = key.partition("/")
        item = next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)
        if not kind or item.kind == kind:
            out.append(key)
    return out


def item_of(app: AfterwordApp, key: str) -> FollowUp:
    interview_id, _, item_id = key.partition("/")
    return next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)


async def into_list(pilot: Pilot[Any], screen: CalendarScreen, key: str) -> None:
    """`enter` on the grid, then the list's cursor on ``key``."""
    await pilot.press("enter")
    assert isinstance(screen.focused, RecordTable)
    screen.day_list.move_cursor(row=list_keys(screen).index(key))
    await pilot.pause()


def demo_marks(app: AfterwordApp, day: date) -> DayMarks:
    """What the grid should show for ``day``, counted here straight from the library."""
    interviews = sum(i.when.date() == day for i in app.library.interviews.values())
    items = sum(
        f.due.date() == day for i in app.library.interviews.values() for f in i.open_follow_ups()
    )
    return DayMarks(interviews, items, bool(items) and day < TODAY)


# -- the grid's keys


async def test_c_opens_the_calendar_on_today_with_its_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        assert grid.cursor == TODAY and app.focused is grid
        await settled(pilot, screen)
        assert screen.shown_day == TODAY
        assert "Wed 25 Nov 2026 · today" in static_text(app, "#day-heading")
        lines = grid_lines(grid)
        assert "November 2026" in lines[0] and lines[1].split()[:2] == ["Mon", "Tue"]
        expected = demo_marks(app, TODAY)
        assert grid.marks_of(TODAY) == expected
        for day in (TODAY - timedelta(days=5), TODAY + timedelta(days=2), date(2026, 11, 13)):
            assert grid.marks_of(day) == demo_marks(app, day), day


async def test_day_and_week_keys_and_arrows(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _, screen, grid = await open_calendar(pilot)
        moves = [("l", 1), ("right", 1), ("h", -1), ("left", -1), ("j", 7), ("down", 7)]
        moves += [("k", -7), ("up", -7)]
        day = TODAY
        for key, days in moves:
            await pilot.press(key)
            day += timedelta(days=days)
            assert grid.cursor == day, key
        await settled(pilot, screen)
        assert screen.shown_day == day


async def test_months_clamp_the_day_and_cross_the_year(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _, screen, grid = await open_calendar(pilot)
        grid.cursor = date(2026, 12, 31)
        await pilot.press("l")  # the last day of the year, then the first of the next
        assert grid.cursor == date(2027, 1, 1)
        assert "January 2027" in grid_lines(grid)[0]
        await pilot.press("h")
        assert grid.cursor == date(2026, 12, 31)
        assert "December 2026" in grid_lines(grid)[0]
        await pilot.press("j")  # a week on, across the new year
        assert grid.cursor == date(2027, 1, 7)
        await pilot.press("k")
        assert grid.cursor == date(2026, 12, 31)
        await pilot.press("h", "h", "h", "h", "h", "h", "h")  # back into November's last week
        assert grid.cursor == date(2026, 12, 24)
        await pilot.press("right_square_bracket")  # 24 Dec -> 24 Jan
        assert grid.cursor == date(2027, 1, 24)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert grid.cursor == date(2026, 11, 24)
        grid.cursor = date(2027, 1, 31)
        await pilot.press("right_square_bracket")  # 31 Jan -> 28 Feb (2027 is no leap year)
        assert grid.cursor == date(2027, 2, 28)
        assert "February 2027" in grid_lines(grid)[0]
        await pilot.press("pagedown")
        assert grid.cursor == date(2027, 3, 28)
        await pilot.press("pageup", "pageup", "pageup")
        assert grid.cursor == date(2026, 12, 28)
        grid.cursor = date(2028, 1, 31)
        await pilot.press("right_square_bracket")  # a leap year
        assert grid.cursor == date(2028, 2, 29)
        await settled(pilot, screen)
        assert screen.shown_day == date(2028, 2, 29)


async def test_t_goes_back_to_today_and_again_to_the_today_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        await pilot.press("right_square_bracket", "l")
        assert grid.cursor == date(2026, 12, 26)
        await pilot.press("t")
        assert grid.cursor == TODAY and isinstance(app.screen, CalendarScreen)
        await pilot.press("t")  # already on today: the app's `t`
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("c")
        assert app.screen is screen and grid.cursor == TODAY


async def test_g_goes_to_a_day_in_words_and_refuses_nonsense(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, PhraseDialog)
        await pilot.press(*"next blursday", "enter")
        assert isinstance(app.screen, PhraseDialog)  # stays open: the phrase can be mended
        assert "error" in app.screen.query_one("#meaning").classes
        await pilot.press("escape")
        assert app.screen is screen and grid.cursor == TODAY
        await pilot.press("g", *"2026-10-01", "enter")  # a past day is fine here
        assert app.screen is screen and grid.cursor == date(2026, 10, 1)
        assert "October 2026" in grid_lines(grid)[0]
        await pilot.press("g", *"yesterday", "enter")
        assert grid.cursor == TODAY - timedelta(days=1)
        # A due time still refuses the past (the dialog's old behaviour is kept).
        dialog = PhraseDialog("Due when?", NOW)
        assert dialog._resolve("yesterday")[0] is None


async def test_enter_and_tab_move_between_the_grid_and_the_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        await pilot.press("l", "l", "enter")  # Friday 27: enter shows its list at once
        assert app.focused is screen.day_list and screen.shown_day == date(2026, 11, 27)
        await pilot.press("tab")
        assert app.focused is grid
        await pilot.press("tab")
        assert app.focused is screen.day_list
        await pilot.press("tab")
        assert app.focused is grid


async def test_a_click_selects_a_day(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _, _screen, grid = await open_calendar(pilot)
        target = date(2026, 11, 12)
        x, y = next(
            (x, y) for y in range(grid.size.height) for x in range(grid.size.width)
            if grid.day_at(x, y) == target
        )  # fmt: skip
        await pilot.click(MonthGrid, offset=(x, y))
        assert grid.cursor == target
        await pilot.click(MonthGrid, offset=(0, 0))  # the title: no day
        assert grid.cursor == target


# -- the marks


def made_up_interviews() -> list[Interview]:
    """Two interviews on Friday 27 November with one open follow-up (and one done, not
    shown); one with a follow-up left open since the 20th (overdue)."""
    return [
        Interview(
            "Acme Robotics",
            datetime(2026, 11, 27, 10, 0),
            role="Backend Engineer",
            stage="Onsite",
            follow_ups=[
                FollowUp("custom", datetime(2026, 11, 27, 15, 0), "Send the portfolio link"),
                FollowUp("custom", datetime(2026, 11, 27, 16, 0), "Old", done_at=NOW),
            ],
        ),
        Interview("Bluefin", datetime(2026, 11, 27, 14, 0), stage="Phone screen"),
        Interview(
            "Cobalt",
            datetime(2026, 11, 10, 9, 0),
            follow_ups=[FollowUp("custom", datetime(2026, 11, 20, 9, 0), "Check in", person="Kai")],
        ),
    ]


@pytest.mark.parametrize("size", [SIZE, NARROW], ids=["120x40", "80x24"])
async def test_the_marks_drawn_for_known_days(
    tmp_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")  # colours as the theme gives them, to compare
    write_demo_database(tmp_path / "db.json", NOW, made_up_interviews())
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        app, screen, grid = await open_calendar(pilot)
        friday, late = date(2026, 11, 27), date(2026, 11, 20)
        assert grid.marks_of(friday) == DayMarks(2, 1, False)
        assert grid.marks_of(late) == DayMarks(0, 1, True)
        assert grid.marks_of(date(2026, 11, 10)) == DayMarks(1, 0, False)
        assert " ".join(cell(grid, friday)) == "27 ◆2 ●1"
        assert " ".join(cell(grid, late)) == "20 ●1!"
        assert " ".join(cell(grid, TODAY)).startswith("25")
        # Today stands out (the cursor is elsewhere), late marks are in the error colour.
        await pilot.press("l")
        component = grid.get_component_rich_style
        assert style_at(grid, TODAY, "25").bgcolor == component("month-grid--today").bgcolor
        assert style_at(grid, late, "●1!").color == component("month-grid--overdue").color
        assert style_at(grid, friday, "●1").color == component("month-grid--follow-up").color
        assert style_at(grid, TODAY + timedelta(days=1), "26").bgcolor == (
            component("month-grid--cursor").bgcolor
        )
        await pilot.press("h")
        await pilot.press("l", "l", "enter")
        keys = list_keys(screen)
        assert keys[0] == f"{SECTION}met" and keys[3] == f"{SECTION}do" and len(keys) == 5
        first = " | ".join(str(cell) for cell in screen.day_list.get_row_at(1))
        assert "10:00" in first and "Acme Robotics · Backend Engineer" in first
        assert "Onsite" in first
        item = " | ".join(str(cell) for cell in screen.day_list.get_row_at(4))
        assert "15:00" in item and "Send the portfolio link" in item
        heading = static_text(app, "#day-heading")
        assert "Fri 27 Nov 2026" in heading and "2 interviews, 1 to do" in heading


async def test_g_and_G_in_the_days_list_land_on_rows_never_on_a_heading(tmp_path: Path) -> None:
    write_demo_database(tmp_path / "db.json", NOW, made_up_interviews())
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        _app, screen, _grid = await open_calendar(pilot)
        await pilot.press("l", "l", "enter")  # Friday: two interviews, then one to do
        await settled(pilot, screen)
        keys = list_keys(screen)
        assert keys[0] == f"{SECTION}met" and keys[3] == f"{SECTION}do"
        for first, last in (("g", "G"), ("home", "end")):
            await pilot.press(last)
            assert screen.day_list.cursor_row == 4
            await pilot.press(first)
            assert screen.day_list.cursor_row == 1  # the first interview, not its heading


async def test_done_updates_the_grid_and_the_list_at_once(tmp_path: Path) -> None:
    write_demo_database(tmp_path / "db.json", NOW, made_up_interviews())
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        friday = date(2026, 11, 27)
        await pilot.press("l", "l", "enter")
        key = follow_up_rows(app, screen)[0]
        assert screen.day_list.current_key == key  # the list starts on the first thing to do
        await pilot.press("x")
        assert item_of(app, key).done_at == NOW
        assert grid.marks_of(friday) == DayMarks(2, 0, False)
        assert " ".join(cell(grid, friday)) == "27 ◆2"
        assert key not in list_keys(screen) and f"{SECTION}do" not in list_keys(screen)
        assert "2 interviews" in static_text(app, "#day-heading")
        await pilot.press("u")  # undone: both again
        assert grid.marks_of(friday) == DayMarks(2, 1, False)
        assert key in list_keys(screen)
        # A change made elsewhere shows at once too (the app calls refresh_data).
        interview_id = key.partition("/")[0]
        app.library.update(interview_id, "moved", lambda i: setattr(i, "when", NOW))
        assert grid.marks_of(friday) == DayMarks(1, 1, False)
        assert grid.marks_of(TODAY).interviews == 1


# -- the list's keys


async def test_z_snoozes_and_the_item_moves_to_its_new_day(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        await settled(pilot, screen)
        key = follow_up_rows(app, screen)[0]
        before = grid.marks_of(TODAY).follow_ups
        later = grid.marks_of(date(2026, 11, 27)).follow_ups
        await into_list(pilot, screen, key)
        await pilot.press("z")
        assert isinstance(app.screen, PhraseDialog)
        await pilot.press(*"fri 2pm", "enter")
        assert app.screen is screen
        assert item_of(app, key).due == datetime(2026, 11, 27, 14, 0)
        assert key not in list_keys(screen)
        assert grid.marks_of(TODAY).follow_ups == before - 1
        assert grid.marks_of(date(2026, 11, 27)).follow_ups == later + 1


async def test_r_s_and_a_act_on_the_selected_row(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, grid = await open_calendar(pilot)
        await settled(pilot, screen)
        key = follow_up_rows(app, screen, "check_in")[0]
        interview_id = key.partition("/")[0]
        await into_list(pilot, screen, key)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.press("a")
        assert isinstance(app.screen, TextDialog)
        await pilot.press(*"Send the slides", "enter")
        assert isinstance(app.screen, PhraseDialog)
        await pilot.press(*"tomorrow 10am", "enter")
        added = [
            f for f in app.library.get(interview_id).follow_ups if f.title == "Send the slides"
        ]
        assert [f.due for f in added] == [datetime(2026, 11, 26, 10, 0)]
        assert grid.marks_of(TODAY + timedelta(days=1)) == demo_marks(
            app, TODAY + timedelta(days=1)
        )
        screen.day_list.move_cursor(row=list_keys(screen).index(key))
        await pilot.press("r")
        assert app.library.get(interview_id).replied_at == NOW
        assert item_of(app, key).cancelled
        assert key not in list_keys(screen)
        assert grid.marks_of(TODAY) == demo_marks(app, TODAY)
        assert any("cancelled" in n for n in notes(app))
        saved = (await on_disk(app))[interview_id]
        assert saved.replied_at == NOW


async def test_e_enter_and_o_open_what_the_row_is_for(tmp_path: Path) -> None:
    from afterword.tui.screens.emails import EmailsScreen
    from afterword.tui.screens.saved import CallSheetScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, _grid = await open_calendar(pilot)
        await settled(pilot, screen)
        key = follow_up_rows(app, screen, "check_in")[0]
        interview_id = key.partition("/")[0]
        await into_list(pilot, screen, key)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("enter")  # a check-in: its email
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        assert app.screen.interview_id == interview_id  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # A recruiter's debrief call on Friday 27 opens its call sheet.
        await pilot.press("tab", "l", "l", "enter")
        call = follow_up_rows(app, screen, "recruiter_debrief")[0]
        screen.day_list.move_cursor(row=list_keys(screen).index(call))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CallSheetScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        # On an interview's row: enter opens it; o closes the lead out.
        from afterword.tui.screens.detail import DetailScreen

        row = next(k for k in list_keys(screen) if "/" not in k and not k.startswith(SECTION))
        screen.day_list.move_cursor(row=list_keys(screen).index(row))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        screen.day_list.move_cursor(row=list_keys(screen).index(row))
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        assert app.library.get(row).status == "cold"


async def test_enter_typed_right_after_j_in_the_list_opens_the_row_j_moved_to(
    tmp_path: Path,
) -> None:
    """Keys in one burst: `enter` (a priority binding) acts on the row the `j` before it
    moved to, not on the row the cursor was on when the burst began."""
    from textual import events

    from afterword.tui.screens.detail import DetailScreen
    from afterword.tui.screens.emails import EmailsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, _grid = await open_calendar(pilot)
        await settled(pilot, screen)
        keys = list_keys(screen)
        # a row with another interview's row below it (an interview opens its detail, an
        # email its draft)
        start = next(
            n
            for n in range(len(keys) - 1)
            if not keys[n].startswith(SECTION)
            and not keys[n + 1].startswith(SECTION)
            and keys[n].partition("/")[0] != keys[n + 1].partition("/")[0]
        )
        await into_list(pilot, screen, keys[start])
        below = keys[start + 1]
        app.post_message(events.Key("j", "j"))
        app.post_message(events.Key("enter", "\r"))
        await wait_for(pilot, lambda: app.screen is not screen)
        opened = app.screen
        assert isinstance(opened, DetailScreen | EmailsScreen)
        assert opened.interview_id == below.partition("/")[0]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.pause()


async def test_the_list_keys_do_nothing_on_the_grid_and_the_bar_says_which_work(
    tmp_path: Path,
) -> None:
    from afterword.tui.widgets.key_bar import KeyBar

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, _grid = await open_calendar(pilot)
        await settled(pilot, screen)
        before = {
            k: (i.status, len(i.open_follow_ups())) for k, i in app.library.interviews.items()
        }
        await pilot.press("x", "r")
        after = {k: (i.status, len(i.open_follow_ups())) for k, i in app.library.interviews.items()}
        assert after == before
        shown = {key for key, _, _, _ in screen.query_one(KeyBar).shown_keys()}
        assert {"left_square_bracket", "right_square_bracket", "g", "enter"} <= shown
        assert "x" not in shown
        await pilot.press("enter")
        shown = {key for key, _, _, _ in screen.query_one(KeyBar).shown_keys()}
        assert {"enter", "x", "z", "r", "s", "o", "e", "a"} <= shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one(DataTable)
        rows = {str(keys.get_row_at(n)[1]) for n in range(keys.row_count)}
        for description in ("Month after", "Month before", "Go to", "Done", "Snooze", "Replied"):
            assert description in rows, description


# -- summer time


@contextmanager
def zone(name: str) -> Iterator[None]:
    """The process's local time zone set to ``name`` (and put back)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def around(day: date, due_utc: list[datetime]) -> list[Interview]:
    """One interview on ``day`` (a change of summer time) with follow-ups due at the given
    UTC times, and one naive (local wall time) at 09:00 the day after."""
    after = datetime.combine(day + timedelta(days=1), datetime.min.time()).replace(hour=9)
    items = [FollowUp("custom", when, f"at {when:%H:%M} UTC") for when in due_utc]
    items.append(FollowUp("custom", after, "naive 09:00"))
    return [
        Interview(
            "Acme", datetime.combine(day, datetime.min.time()).replace(hour=11), follow_ups=items
        )
    ]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


# The zone, the Sunday of the change, follow-ups due (in UTC) and the local day of each: the
# second of each pair is on another day in summer time than in winter time.
CHANGES = [
    ("Europe/London", date(2026, 10, 25), [utc(2026, 10, 26, 9), utc(2026, 10, 25, 23, 30)],
     [date(2026, 10, 26), date(2026, 10, 25)]),
    ("Europe/London", date(2027, 3, 28), [utc(2027, 3, 29, 8), utc(2027, 3, 28, 23, 30)],
     [date(2027, 3, 29), date(2027, 3, 29)]),
    ("America/New_York", date(2026, 11, 1), [utc(2026, 11, 2, 14), utc(2026, 11, 2, 4, 30)],
     [date(2026, 11, 2), date(2026, 11, 1)]),
    ("America/New_York", date(2027, 3, 14), [utc(2027, 3, 15, 13), utc(2027, 3, 15, 4, 30)],
     [date(2027, 3, 15), date(2027, 3, 15)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "day", "due", "local_days"), CHANGES, ids=[f"{c[0]}-{c[1]}" for c in CHANGES]
)
async def test_a_summer_time_change_puts_everything_on_its_day(
    tmp_path: Path, name: str, day: date, due: list[datetime], local_days: list[date]
) -> None:
    with zone(name):
        write_demo_database(tmp_path / "db.json", NOW, around(day, due))
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            app, screen, grid = await open_calendar(pilot)
            grid.cursor = day
            await settled(pilot, screen)
            # The day of the change is a Sunday, drawn under "Sun"; the next day is Monday.
            assert day.weekday() == 6
            spots = [
                x for y in range(grid.size.height) for x in range(grid.size.width)
                if grid.day_at(x, y) == day
            ]  # fmt: skip
            assert min(spots) <= grid_lines(grid)[1].index("Sun") <= max(spots)
            await pilot.press("l")
            assert grid.cursor == day + timedelta(days=1)
            assert cell(grid, grid.cursor)[0].startswith(str(grid.cursor.day))
            expected: dict[date, int] = {}
            for local_day in [*local_days, day + timedelta(days=1)]:
                expected[local_day] = expected.get(local_day, 0) + 1
            for local_day, count in expected.items():
                assert grid.marks_of(local_day).follow_ups == count, local_day
            await settled(pilot, screen)
            times = [
                str(screen.day_list.get_row_at(n)[0]) for n in range(screen.day_list.row_count)
            ]
            assert "09:00" in times  # the naive one, and the first UTC one, at 09:00 local


async def test_x_on_a_check_in_two_days_ahead_asks_first(tmp_path: Path) -> None:
    """Rule 5 on the Calendar too: more than a day early, `x` asks; `n` keeps it open."""
    from afterword.tui.screens.dialogs import ConfirmDialog

    interviews = made_up_interviews()
    interviews[0].follow_ups.insert(
        0, FollowUp("check_in", datetime(2026, 11, 27, 9, 0), "Check in about the decision")
    )
    write_demo_database(tmp_path / "db.json", NOW, interviews)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, screen, _grid = await open_calendar(pilot)
        await pilot.press("l", "l", "enter")  # Friday 27: two days after today
        key = follow_up_rows(app, screen)[0]
        assert item_of(app, key).kind == "check_in"
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await pilot.pause()
        assert item_of(app, key).is_open
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await pilot.pause()
        assert item_of(app, key).done_at == NOW
