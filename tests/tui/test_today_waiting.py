"""Today: the waiting section (rule 8), `g`/`G` over the headings, `p` for the recruiter's
call sheet, and columns that use the terminal's width."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from afterword.demo import write_demo_database
from afterword.domain.model import Interview, Person, Recruiter
from afterword.domain.schedule import schedule_follow_ups
from afterword.store.repository import Repository
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.sectioned_table import SECTION
from tests.conftest import NOW
from tests.tui.helpers import (
    cursor_key,
    loaded,
    make_app,
    notes,
    row_keys,
    row_text,
    screen_text,
    static_text,
    table,
    wait_for,
)


def with_a_waiting_thank_you(tmp_path: Path, company: str = "Dune Freight") -> AfterwordApp:
    """The demo, plus an interview on Sun 22 Nov whose recruiter has not said yet whether the
    thank-you may go straight to the interviewer: it was due Mon 23 Nov, and it waits."""
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    interview = Interview(
        company=company,
        role="Platform Engineer",
        when=datetime(2026, 11, 22, 14, 0),
        interviewers=[Person("Jo Park", email="jo@dune.example")],
        recruiter=Recruiter("Sam Ortiz", agency="TalentBridge", direct_contact="ask"),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    with Repository.open(db) as repo:
        repo.save(interview)
    return make_app(tmp_path)


def key_of(app: AfterwordApp, kind: str, company: str = "Dune Freight") -> str:
    for key in row_keys(table(app, "#agenda")):
        if key.startswith(SECTION):
            continue
        interview_id, _, item_id = key.partition("/")
        interview = app.library.get(interview_id)
        item = next(f for f in interview.follow_ups if f.id == item_id)
        if item.kind == kind and interview.company == company:
            return key
    raise AssertionError(f"no {kind} of {company} on Today")


def heading_above(keys: list[str], key: str) -> str:
    return next(k for k in reversed(keys[: keys.index(key)]) if k.startswith(SECTION))


async def test_a_thank_you_waiting_for_the_recruiter_is_listed_apart(tmp_path: Path) -> None:
    app = with_a_waiting_thank_you(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        keys = row_keys(grid)
        waiting = key_of(app, "thank_you")
        assert heading_above(keys, waiting) == f"{SECTION}Waiting"
        assert keys.index(f"{SECTION}Waiting") > keys.index(f"{SECTION}Next 7 days")
        when, _, what = row_text(grid, keys.index(waiting))
        assert when == "due Mon 23 Nov"  # not '2 days late': it cannot be done yet
        assert "Sam Ortiz's answer" in what
        assert row_text(grid, keys.index(f"{SECTION}Waiting"))[0] == "Waiting (1)"
        # The debrief call and the question to the recruiter are the user's to do: overdue.
        assert heading_above(keys, key_of(app, "recruiter_debrief")) == f"{SECTION}Overdue"
        # The summary counts it apart, not among the overdue.
        overdue = len([k for k in keys[: keys.index(f"{SECTION}Today")] if SECTION not in k])
        summary = static_text(app, "#summary")
        assert summary.startswith(f"{overdue} overdue · ")
        assert " · 1 waiting · " in summary


async def test_once_the_recruiter_answers_the_thank_you_is_due_again(tmp_path: Path) -> None:
    """`a` on the call sheet (they may write directly): the thank-you stops waiting and, due
    two days ago, is overdue."""
    app = with_a_waiting_thank_you(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        grid.move_cursor(row=row_keys(grid).index(key_of(app, "ask_recruiter")))
        await pilot.press("p")
        await wait_for(pilot, lambda: not isinstance(app.screen, TodayScreen))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_for(pilot, lambda: f"{SECTION}Waiting" not in row_keys(table(app, "#agenda")))
        keys = row_keys(table(app, "#agenda"))
        assert heading_above(keys, key_of(app, "thank_you")) == f"{SECTION}Overdue"
        assert "waiting" not in static_text(app, "#summary")


async def test_g_and_G_land_on_items_never_on_a_heading(tmp_path: Path) -> None:
    app = with_a_waiting_thank_you(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        keys = row_keys(grid)
        for first, last in (("g", "G"), ("home", "end")):
            await pilot.press(last)
            assert grid.cursor_row == len(keys) - 1
            assert not cursor_key(grid).startswith(SECTION)
            await pilot.press(first)
            assert grid.cursor_row == 1, first
            assert cursor_key(grid) == keys[1] and not keys[1].startswith(SECTION)


async def test_p_opens_the_call_sheet_of_a_recruiter_item(tmp_path: Path) -> None:
    from afterword.tui.screens.saved import CallSheetScreen

    app = with_a_waiting_thank_you(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        for kind in ("recruiter_debrief", "ask_recruiter"):
            key = key_of(app, kind)
            grid.move_cursor(row=row_keys(grid).index(key))
            await pilot.press("p")
            await wait_for(pilot, lambda: isinstance(app.screen, CallSheetScreen))
            assert isinstance(app.screen, CallSheetScreen)
            assert app.screen.interview_id == key.partition("/")[0]
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        # An item of an interview without a recruiter: a sentence, no sheet.
        alone = next(
            k
            for k in row_keys(grid)
            if not k.startswith(SECTION) and app.library.get(k.partition("/")[0]).recruiter is None
        )
        grid.move_cursor(row=row_keys(grid).index(alone))
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("has no recruiter, so there is no call sheet" in n for n in notes(app))


LONG = "Northwind Health Partnership"  # with its role: 48 characters


async def test_columns_use_the_width_at_120_and_show_a_cut_at_80(tmp_path: Path) -> None:
    app = with_a_waiting_thank_you(tmp_path, LONG)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        widths = [column.width for column in grid.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 120 and grid.max_scroll_x == 0  # no sideways
        assert widths[1] > 35  # the lead is not cut at 35 with room to spare
        shown = screen_text(app)
        # The demo's longest leads are whole, so are the titles beside them.
        assert "Ridgeback Security · Site Reliability Engineer  " in shown
        assert "Thank-you to Henrik Whitfield, via Claire Dubois " in shown
    narrow = tmp_path / "narrow"
    narrow.mkdir()
    app = with_a_waiting_thank_you(narrow, LONG)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        widths = [column.width for column in grid.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 80 - 2  # a scroll bar: the list is long
        assert grid.max_scroll_x == 0
        grid.move_cursor(row=row_keys(grid).index(key_of(app, "recruiter_debrief", LONG)))
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "Northwind Health Pa" in row)
        assert "…" in line
        assert line.rstrip().endswith("…")  # the title is cut too, and says so


async def test_the_calendar_shows_a_waiting_item_as_waiting_not_late(tmp_path: Path) -> None:
    from datetime import date

    from afterword.tui.screens.calendar import CalendarScreen
    from afterword.tui.widgets.month_grid import DayMarks

    interview = Interview(
        company="Dune Freight",
        role="Platform Engineer",
        when=datetime(2026, 11, 22, 14, 0),
        interviewers=[Person("Jo Park", email="jo@dune.example")],
        recruiter=Recruiter("Sam Ortiz", direct_contact="ask"),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    write_demo_database(tmp_path / "db.json", NOW, [interview])
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        screen = app.screen
        assert isinstance(screen, CalendarScreen)
        monday, sunday = date(2026, 11, 23), date(2026, 11, 22)
        assert screen.grid.marks_of(monday) == DayMarks(0, 1, False)  # due, waiting: no '!'
        assert screen.grid.marks_of(sunday) == DayMarks(1, 2, True)  # the call: late
        await pilot.press("h", "h")
        await wait_for(pilot, lambda: screen.shown_day == monday)
        await pilot.pause()
        assert "1 to do (1 waiting)" in static_text(app, "#day-heading")
        assert "late" not in static_text(app, "#day-heading")
        day = table(app, "#calendar-day")
        row = next(n for n, k in enumerate(row_keys(day)) if not k.startswith(SECTION))
        time = day.get_row_at(row)[0]
        assert str(time) == "14:00" and not str(getattr(time, "style", ""))


async def test_the_detail_and_the_interviews_list_say_waiting_not_late(tmp_path: Path) -> None:
    """The same thank-you on the interview's detail ('due Mon 23 Nov', state 'waiting') and,
    once the calls are done, as the interview's next follow-up on Interviews."""
    from afterword.tui.screens.detail import DetailScreen

    interview = Interview(
        company="Dune Freight",
        role="Platform Engineer",
        when=datetime(2026, 11, 22, 14, 0),
        interviewers=[Person("Jo Park", email="jo@dune.example")],
        recruiter=Recruiter("Sam Ortiz", direct_contact="ask"),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    for item in interview.follow_ups:
        if item.kind in ("recruiter_debrief", "ask_recruiter"):
            item.done_at = datetime(2026, 11, 22, 18, 0)
    write_demo_database(tmp_path / "db.json", NOW, [interview])
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        thank_you = next(f for f in interview.follow_ups if f.kind == "thank_you")
        app.open_interview(interview.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        rows = table(app, "#follow-ups")
        due, _, state = row_text(rows, row_keys(rows).index(thank_you.id))
        assert (due, state) == ("due Mon 23 Nov", "waiting")
        await pilot.press("escape")
        await pilot.press("i")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "InterviewsScreen")
        await pilot.pause(0.2)
        shown = screen_text(app)
        line = next(x for x in shown.splitlines() if "Dune Freight" in x)
        assert "due Mon 23 Nov" in line and "late" not in line


async def test_the_summary_says_one_of_each_in_the_singular(tmp_path: Path) -> None:
    """'1 active in 1 lead', '… quiet for 1 day': no '1 days', no '(s)'."""
    from dataclasses import replace

    from afterword.config import load_config
    from afterword.domain.model import FollowUp

    interview = Interview(
        company="Dune Freight",
        role="Platform Engineer",
        when=datetime(2026, 11, 24, 9, 0),
        follow_ups=[FollowUp("custom", datetime(2026, 11, 24, 17, 0), "Send the portfolio")],
    )
    write_demo_database(tmp_path / "db.json", NOW, [interview])
    config, _ = load_config()
    config = replace(config, ui=replace(config.ui, quiet_days=1, min_active_leads=1))
    app = make_app(tmp_path, config=config, problems=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        summary = static_text(app, "#summary")
        assert summary.startswith("1 overdue · 0 today · 0 coming up · 1 active in 1 lead\n")
        assert summary.endswith("Dune Freight quiet for 1 day")
