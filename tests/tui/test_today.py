"""Today: done, snooze and undo on the morning list."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.domain.model import FollowUp
from afterword.domain.records import interview_to_dict
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import PhraseDialog
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.sectioned_table import SECTION
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    loaded,
    make_app,
    notes,
    on_disk,
    row_keys,
    snapshot,
    static_text,
    table,
    wait_for,
    without_rev,
)


def agenda(app: AfterwordApp) -> list[str]:
    return row_keys(table(app, "#agenda"))


def item(app: AfterwordApp, key: str) -> FollowUp:
    interview_id, _, item_id = key.partition("/")
    return next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)


def done_count(state: dict[str, dict[str, Any]]) -> int:
    return sum(f["done_at"] is not None for i in state.values() for f in i["follow_ups"])


def section_of(keys: list[str], key: str) -> str:
    """The heading above ``key``."""
    return next(k for k in reversed(keys[: keys.index(key)]) if k.startswith(SECTION))


async def test_x_marks_done_and_the_item_leaves_today(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # On a heading there is nothing to mark done.
        before = snapshot(app)
        table(app, "#agenda").move_cursor(row=0)
        await pilot.pause()
        assert cursor_key(table(app, "#agenda")).startswith(SECTION)
        await pilot.press("x")
        assert "Nothing selected to mark done." in notes(app)
        assert snapshot(app) == before
        await pilot.press("j", "j")  # the second overdue item
        key = cursor_key(table(app, "#agenda"))
        assert item(app, key).kind == "check_in"  # the demo's late items are check-ins
        overdue = static_text(app, "#summary").split(" overdue")[0]
        await pilot.press("x")
        assert item(app, key).done_at == NOW
        assert key not in agenda(app)
        assert static_text(app, "#summary").startswith(f"{int(overdue) - 1} overdue")
        # The cursor stays on an item (never on a heading), so x can go on.
        assert not cursor_key(table(app, "#agenda")).startswith(SECTION)
        # A check-in done with no reply brings the next one (rule 5), shown on Today.
        assert any("Next check-in: Wed 2 Dec 2026, 09:00." in n for n in notes(app))
        interview_id, _, item_id = key.partition("/")
        saved = (await on_disk(app))[interview_id]
        assert next(f for f in saved.follow_ups if f.id == item_id).done_at == NOW
        fresh = [f for f in saved.follow_ups if f.kind == "check_in" and f.is_open]
        assert [f.due for f in fresh] == [datetime(2026, 12, 2, 9, 0)]
        assert f"{interview_id}/{fresh[0].id}" in agenda(app)


async def test_z_snoozes_to_a_later_section(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        key = cursor_key(table(app, "#agenda"))
        assert section_of(agenda(app), key) == f"{SECTION}Overdue"
        below = agenda(app)[agenda(app).index(key) + 1]
        await pilot.press("z")
        assert isinstance(app.screen, PhraseDialog)
        await pilot.press(*"fri 2pm", "enter")
        assert isinstance(app.screen, TodayScreen)
        moved = item(app, key)
        assert (moved.due, moved.snoozed) == (datetime(2026, 11, 27, 14, 0), True)
        assert section_of(agenda(app), key) == f"{SECTION}Next 7 days"
        # The review goes on down the list: the cursor is on the item that took its place.
        assert cursor_key(table(app, "#agenda")) == below
        interview_id, _, item_id = key.partition("/")
        saved = (await on_disk(app))[interview_id]
        assert next(f for f in saved.follow_ups if f.id == item_id).due == moved.due


async def test_ten_changes_then_ten_undos_restore_everything(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        original = snapshot(app)
        revs = {k: i.rev for k, i in app.library.interviews.items()}
        rows = agenda(app)
        done_before = done_count(original)
        await pilot.press(*"x" * 10)  # ten done, each the first item of the moment
        assert len(app.library.undo_stack) == 10
        changed = snapshot(app)
        assert done_count(changed) == done_before + 10
        assert agenda(app) != rows
        await pilot.press(*"u" * 10)
        assert snapshot(app) == original
        assert agenda(app) == rows
        assert app.library.undo_stack == []
        assert notes(app)[-1].startswith("Undone: marked done: "), notes(app)[-1]
        await pilot.press("u")
        assert notes(app)[-1] == "Nothing to undo."
        saved = {k: interview_to_dict(i) for k, i in (await on_disk(app)).items()}
        # on disk as it was, each record changed and changed back two revisions on
        assert without_rev(saved) == original
        assert sum(doc["rev"] - revs[k] for k, doc in saved.items()) == 20
        # and the app knows the revisions the file has
        assert {k: i.rev for k, i in app.library.interviews.items()} == {
            k: doc["rev"] for k, doc in saved.items()
        }


async def test_t_and_i_show_their_top_screen_from_a_detail(tmp_path: Path) -> None:
    """Regression: switch_mode() to the current mode is a no-op, so `t` on a detail opened
    from Today (or after `i`) left the user on that detail."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        first = cursor_key(table(app, "#agenda")).split("/")[0]
        app.open_interview(first)  # (enter on Today opens a draft for an email follow-up)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        app.open_interview(first)
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("i", "enter")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)


async def test_after_x_the_cursor_stays_where_it_was(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        await pilot.press("j", "j")
        row = grid.cursor_row
        below = row_keys(grid)[row + 1]
        await pilot.press("x")
        await pilot.pause(0.2)
        assert grid.cursor_row == row
        assert cursor_key(grid) == below


async def test_enter_on_a_recruiter_debrief_call_opens_its_call_sheet(tmp_path: Path) -> None:
    from afterword.tui.screens.call_sheet import CallSheetScreen
    from afterword.tui.screens.emails import EmailsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        agenda = table(app, "#agenda")
        keys = row_keys(agenda)
        calls = [
            k
            for k in keys
            if "/" in k
            and any(
                f.id == k.split("/")[1] and f.kind == "recruiter_debrief"
                for f in app.library.get(k.split("/")[0]).follow_ups
            )
        ]
        assert calls, "the demo data has a recruiter's debrief call on Today"
        agenda.move_cursor(row=keys.index(calls[0]))
        await pilot.press("enter")
        assert isinstance(app.screen, CallSheetScreen)
        assert app.screen.interview_id == calls[0].split("/")[0]
        await pilot.press("escape")
        # A thank-you opens its draft.
        other = next(
            k
            for k in keys
            if "/" in k
            and any(
                f.id == k.split("/")[1] and f.kind == "thank_you"
                for f in app.library.get(k.split("/")[0]).follow_ups
            )
        )
        agenda.move_cursor(row=keys.index(other))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
