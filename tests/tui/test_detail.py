"""One interview's detail: what it shows, and done, snooze, add, reply and back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from afterword.domain.model import Interview
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import PhraseDialog, TextDialog
from afterword.tui.screens.today import TodayScreen
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    paste,
    row_keys,
    row_text,
    screen_text,
    snapshot,
    static_text,
    table,
    wait_for,
)

FRI_2PM = datetime(2026, 11, 27, 14, 0)


async def open_detail(pilot: Pilot[Any], company: str, role: str = "") -> Interview:
    """Harbor & Pine's Backend Engineer round by default: Fatima Novak has no address."""
    app = await loaded(pilot)
    assert isinstance(app, AfterwordApp)
    interview = find(app, company, role)
    app.open_interview(interview.id)
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    assert app.screen.interview_id == interview.id
    return interview


def follow_up(app: AfterwordApp, interview_id: str, item_id: str) -> Any:
    return next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)


async def test_detail_shows_people_and_follow_ups_and_x_marks_done(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        harbor = await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        heading = static_text(app, "#heading")
        assert "Harbor & Pine · Backend Engineer" in heading
        assert "status active" in heading
        people = static_text(app, "#people")
        assert "Fatima Novak" in people
        # Ben forwards the thank-yous: her address is not needed, and People says so.
        assert harbor.recruiter is not None and harbor.recruiter.direct_contact == "forward"
        assert "via Ben Achterberg" in people.split("Fatima Novak", 1)[1].splitlines()[0]
        assert "address needed" not in people
        assert "Recruiter: Ben Achterberg" in people
        assert app.screen.sub_title == "Harbor & Pine"
        grid = table(app, "#follow-ups")
        by_due = sorted(harbor.follow_ups, key=lambda f: f.due)
        assert row_keys(grid) == [f.id for f in by_due]
        assert row_text(grid, 0)[1] == by_due[0].title
        assert [row_text(grid, n)[2] for n in range(grid.row_count)] == ["open"] * 3
        assert app.focused is grid
        shown = screen_text(app)
        assert "Debrief" in shown and "Timeline" in shown
        # `x` marks the selected follow-up done.
        await pilot.press("j")
        chosen = cursor_key(grid)
        assert follow_up(app, harbor.id, chosen).kind == "thank_you"
        await pilot.press("x")
        assert follow_up(app, harbor.id, chosen).done_at == NOW
        others = [f for f in app.library.get(harbor.id).follow_ups if f.id != chosen]
        assert all(f.is_open for f in others)
        assert row_text(grid, row_keys(grid).index(chosen))[2] == "done 25 Nov 09:00"
        assert any(n.startswith("Done: Thank-you to Fatima Novak") for n in notes(app))
        saved = (await on_disk(app))[harbor.id]
        assert next(f for f in saved.follow_ups if f.id == chosen).done_at == NOW


async def test_z_refuses_what_it_cannot_read_then_snoozes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        harbor = await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        chosen = cursor_key(table(app, "#follow-ups"))
        before = follow_up(app, harbor.id, chosen).due
        untouched = snapshot(app)
        # escape leaves the dialog and changes nothing.
        await pilot.press("z", "escape")
        assert isinstance(app.screen, DetailScreen)
        assert snapshot(app) == untouched
        assert app.library.undo_stack == []
        await pilot.press("z")
        assert isinstance(app.screen, PhraseDialog)
        assert isinstance(app.focused, Input)
        await paste(pilot, "whenever")
        await pilot.press("enter")
        assert isinstance(app.screen, PhraseDialog)  # still open: the phrase can be mended
        assert 'Cannot read "whenever" as a date' in static_text(app, "#meaning")
        assert app.screen.query_one("#meaning").has_class("error")
        # A time in the past is refused the same way.
        await pilot.press("ctrl+u")
        await paste(pilot, "today 8am")
        await pilot.press("enter")
        assert isinstance(app.screen, PhraseDialog)
        assert "is in the past" in static_text(app, "#meaning")
        assert follow_up(app, harbor.id, chosen).due == before
        # A good phrase shows what it means, and enter takes it.
        await pilot.press("ctrl+u", *"fri 2pm")
        assert static_text(app, "#meaning") == "→ Fri 27 Nov 2026, 14:00"
        assert not app.screen.query_one("#meaning").has_class("error")
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        moved = follow_up(app, harbor.id, chosen)
        assert (moved.due, moved.snoozed) == (FRI_2PM, True)
        assert row_text(table(app, "#follow-ups"), 0)[1].endswith("(snoozed)")
        saved = next(f for f in (await on_disk(app))[harbor.id].follow_ups if f.id == chosen)
        assert (saved.due, saved.snoozed) == (FRI_2PM, True)


async def test_a_adds_a_custom_follow_up_through_two_dialogs(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        harbor = await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        await pilot.press("a")
        assert isinstance(app.screen, TextDialog)
        await pilot.press("enter")  # empty: refused at the field
        assert isinstance(app.screen, TextDialog)
        assert "Type what to do first." in static_text(app, "#problem")
        await paste(pilot, "Send the portfolio link")
        await pilot.press("enter")
        assert isinstance(app.screen, PhraseDialog)
        await paste(pilot, "fri 2pm")
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        added = [f for f in app.library.get(harbor.id).follow_ups if f.kind == "custom"]
        assert [(f.title, f.due, f.source, f.is_open) for f in added] == [
            ("Send the portfolio link", FRI_2PM, "user", True)
        ]
        assert added[0].id in row_keys(table(app, "#follow-ups"))
        saved = (await on_disk(app))[harbor.id]
        assert [f.title for f in saved.follow_ups if f.kind == "custom"] == [
            "Send the portfolio link"
        ]
        await pilot.press("u")  # undo takes it away again
        assert [f for f in app.library.get(harbor.id).follow_ups if f.kind == "custom"] == []
        assert added[0].id not in row_keys(table(app, "#follow-ups"))


async def test_r_records_a_reply_and_cancels_open_check_ins(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        harbor = await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        check_ins = {f.id for f in harbor.follow_ups if f.kind == "check_in" and f.is_open}
        assert len(check_ins) == 1
        await pilot.press("r")
        now = app.library.get(harbor.id)
        assert now.replied_at == NOW
        assert {f.id for f in now.follow_ups if f.cancelled} == check_ins
        assert sum(f.is_open for f in now.follow_ups) == 2  # debrief call and thank-you stay
        assert "replied Wed 25 Nov 2026, 09:00" in static_text(app, "#heading")
        assert "Reply recorded for Harbor & Pine; 1 check-in cancelled." in notes(app)
        saved = (await on_disk(app))[harbor.id]
        assert saved.replied_at == NOW
        assert {f.id for f in saved.follow_ups if f.cancelled} == check_ins


async def test_enter_on_today_opens_the_detail_and_escape_goes_back(tmp_path: Path) -> None:
    """A follow-up that is not an email opens its interview (an email opens its draft:
    tests/tui/test_emails.py)."""
    from afterword.domain.schedule import add_custom

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        interview = next(iter(app.library.interviews.values()))
        item = app.library.update(
            interview.id, "Added", lambda i: add_custom(i, "Send the portfolio", NOW)
        )
        await pilot.pause()
        key = f"{interview.id}/{item.id}"
        grid = table(app, "#agenda")
        grid.move_cursor(row=grid.get_row_index(key))
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.interview_id == key.split("/")[0]
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        assert cursor_key(table(app, "#agenda")) == key


async def test_a_done_follow_up_shows_its_whole_time(tmp_path: Path) -> None:
    """Regression: the State column was 14 cells wide and cut 'done 25 Nov 09:00' short."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        await pilot.press("x")
        assert "done 25 Nov 09:00" in screen_text(app)


async def test_closing_the_lead_shows_why_each_follow_up_was_cancelled(tmp_path: Path) -> None:
    from afterword.tui.screens.dialogs import ChoiceDialog

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        harbor = await open_detail(pilot, "Harbor & Pine", "Backend Engineer")
        open_before = [f.id for f in harbor.follow_ups if f.is_open]
        assert open_before
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press(*["down"] * 5, "enter")  # … withdrawn → cold
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        grid = table(app, "#follow-ups")
        for item_id in open_before:
            what, state = row_text(grid, row_keys(grid).index(item_id))[1:3]
            assert what.endswith(" (the lead is cold)") and state == "cancelled", (what, state)
        await pilot.press("u")
        assert all(f.is_open for f in app.library.get(harbor.id).follow_ups if f.id in open_before)
        assert notes(app)[-1] == "Undone: marked Harbor & Pine cold."
