"""The debrief form's dates read as they were said: When is a time that happened ('tue 2pm'
typed on a Saturday is that week's Tuesday, a day alone is at 09:00, a time still ahead asks
before saving), and the next steps and Decision by are read from When, not from the day typed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from afterword.config import load_config
from afterword.store.lock import AppLock
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import ConfirmDialog, RestoreDialog
from afterword.tui.screens.saved import SavedScreen
from tests.tui.helpers import SIZE, find, loaded, paste, screen_text, static_text, wait_for

SAT = datetime(2026, 12, 5, 11, 0)  # typed on Saturday 5 December, 11:00


def app_on_saturday(tmp_path: Path, now: datetime = SAT) -> AfterwordApp:
    """The app on an empty database, its clock on Saturday 5 December 2026 (or ``now``)."""
    config, problems = load_config()
    db = tmp_path / "db.json"
    lock = AppLock(db)
    lock.acquire()
    return AfterwordApp(
        db, config, lock=lock, now=lambda: now, problems=problems, ask_profile=False
    )


async def new_form(pilot: Pilot[Any], company: str = "Zephyr Works") -> DebriefScreen:
    app = await loaded(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    await pilot.pause()
    await paste(pilot, company)
    screen = app.screen
    assert isinstance(screen, DebriefScreen)
    return screen


async def type_into(pilot: Pilot[Any], form: DebriefScreen, key: str, text: str) -> None:
    """Focus a field, empty it and paste ``text``, as a user would with ctrl+u."""
    form.query_one(f"#f-{key}").focus()
    await pilot.pause()
    if key != "next_steps":
        await pilot.press("ctrl+u")
    await paste(pilot, text)
    await pilot.pause()


async def test_when_reads_a_time_that_happened_and_a_day_alone_is_at_nine(
    tmp_path: Path,
) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        for typed, meaning in (
            ("tue 2pm", "→ Tue 1 Dec 2026, 14:00"),
            ("last tue 2pm", "→ Tue 1 Dec 2026, 14:00"),
            ("yesterday 4pm", "→ Fri 4 Dec 2026, 16:00"),
            ("tue", "→ Tue 1 Dec 2026, 09:00 (no time given: 09:00)"),
            ("2026-12-01", "→ Tue 1 Dec 2026, 09:00 (no time given: 09:00)"),
        ):
            await type_into(pilot, form, "when", typed)
            assert static_text(app, "#m-when") == meaning, typed
        await pilot.press("ctrl+s")  # in the past: saved at once, no question
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").when == datetime(2026, 12, 1, 9, 0)


async def test_the_decision_by_offer_is_read_from_when_and_follows_it(tmp_path: Path) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await type_into(pilot, form, "when", "tue 2pm")
        await type_into(pilot, form, "next_steps", "They will decide by Friday")
        form.query_one("#f-decision_by").focus()  # leaving the next steps offers the date
        await pilot.pause()
        offer = static_text(app, "#m-decision_by")
        assert '"Friday" in the next steps: Friday 4 December?' in offer  # not the 11th
        # A When changed afterwards moves the offer with it.
        await type_into(pilot, form, "when", "2026-11-24 10:00")
        assert "Friday 27 November?" in static_text(app, "#m-decision_by")
        await type_into(pilot, form, "when", "tue 2pm")
        assert "Friday 4 December?" in static_text(app, "#m-decision_by")
        form.query_one("#f-decision_by").focus()
        await pilot.press("ctrl+t")
        assert form.query_one("#f-decision_by", Input).value == "2026-12-04"
        # Typed in Decision by, a day is read from When as well: what they said then.
        await type_into(pilot, form, "decision_by", "fri")
        assert static_text(app, "#m-decision_by") == "→ Friday 4 December 2026"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").debrief.decision_by == date(2026, 12, 4)


async def test_the_detail_says_a_decision_day_came_from_the_next_steps(tmp_path: Path) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await type_into(pilot, form, "when", "mon 10am")  # Monday 30 November
        await type_into(pilot, form, "next_steps", "They will decide by Friday")
        await pilot.press("ctrl+s")  # Decision by left empty: the offer is not taken
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        saved = find(app, "Zephyr Works")
        assert saved.debrief.decision_by is None
        # Rule 4 counts Friday 4 December (+ 2 business days), not T + 5 business days.
        check_in = next(f for f in saved.follow_ups if f.kind == "check_in")
        assert check_in.due == datetime(2026, 12, 8, 9, 0)
        app.open_interview(saved.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        line = next(ln for ln in screen_text(app).splitlines() if "Decision expected" in ln)
        assert line.split() == [
            "Decision", "expected", "by", "Friday", "4", "December",
            "(from", "the", "next", "steps:", '"Friday")',
        ]  # fmt: skip


async def test_a_when_still_ahead_asks_before_saving(tmp_path: Path) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await type_into(pilot, form, "when", "tomorrow 10am")
        meaning = static_text(app, "#m-when")
        assert meaning == "→ Sun 6 Dec 2026, 10:00 · still ahead: saving asks first"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = str(app.screen.query_one(".dialog-title").render())
        assert question == "When is Sun 6 Dec 2026, 10:00: still ahead. Save it for then?"
        await pilot.press("n")  # no: back to When, nothing saved
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert app.focused is form.query_one("#f-when")
        assert not app.library.interviews
        await pilot.press("ctrl+s", "y")  # yes: saved for then
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").when == datetime(2026, 12, 6, 10, 0)


async def test_restored_text_keeps_the_when_it_meant_the_day_it_was_typed(tmp_path: Path) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await type_into(pilot, form, "when", "yesterday 4pm")  # Friday 4 December
        await pilot.press("ctrl+q")  # quitting keeps the unsaved text
    wednesday = datetime(2026, 12, 9, 8, 0)
    app = app_on_saturday(tmp_path, wednesday)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DebriefScreen)
        assert form.query_one("#f-when", Input).value == "2026-12-04 16:00"  # not Tuesday 8th
        assert static_text(app, "#m-when") == "→ Fri 4 Dec 2026, 16:00"


async def test_a_restored_when_still_ahead_asks_as_well(tmp_path: Path) -> None:
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await new_form(pilot)
        await type_into(pilot, form, "when", "tomorrow 10am")
        await pilot.press("ctrl+q")
    app = app_on_saturday(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").when == datetime(2026, 12, 6, 10, 0)
