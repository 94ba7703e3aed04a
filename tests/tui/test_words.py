"""Words on screen: no empty fragments where a field is empty, one date style, and dialogs
that say what they act on, with examples still ahead of the clock."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input, Label

from afterword.domain.model import Interview
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import PhraseDialog
from tests.tui.helpers import SIZE, find, loaded, make_app, screen_text, static_text, wait_for


def _bare(interview: Interview) -> None:
    """A round typed in a hurry: no stage, no place, an interviewer without a title."""
    interview.stage = ""
    interview.where = ""
    interview.interviewers[0].title = ""
    interview.debrief.decision_by = date(2026, 12, 4)


async def test_the_detail_screen_leaves_out_what_is_empty(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        harbor = find(app, "Harbor & Pine", "Backend Engineer")
        app.library.update(harbor.id, "Emptied", _bare)
        person = app.library.get(harbor.id).interviewers[0].name
        app.open_interview(harbor.id)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        heading = static_text(app, "#heading")
        assert heading == (
            "Harbor & Pine · Backend Engineer\nSat 28 Nov 2026, 10:00 · status active"
        ), heading
        people = static_text(app, "#people").splitlines()
        assert people[1].startswith(f"  {person} · "), people  # the name alone, then the address
        timeline = static_text(app, "#timeline").splitlines()
        assert timeline[1] == "  Sat 28 Nov 10:00  Interview", timeline
        shown = screen_text(app)
        lines = [line.strip() for line in shown.splitlines()]
        decision = [line for line in lines if line.startswith("Decision")]
        assert decision and "Friday 4 December" in decision[0], shown
        assert "04 Dec" not in shown and "·  ·" not in shown and ", —" not in shown


async def test_the_snooze_dialog_names_what_it_snoozes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        harbor = find(app, "Harbor & Pine", "Backend Engineer")
        app.open_interview(harbor.id)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        chosen = app.screen.selected_follow_up()
        assert chosen is not None
        item = next(f for f in harbor.follow_ups if f.id == chosen[1])
        await pilot.press("z")
        assert isinstance(app.screen, PhraseDialog)
        title = str(app.screen.query_one(".dialog-title", Label).render())
        assert title == f"Snooze '{item.title}' until when?"


LATER = datetime(2027, 3, 1, 8, 30)  # months after the demo's data: any fixed example is past


async def test_date_examples_in_a_dialog_are_ahead_of_the_clock(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.now = lambda: LATER
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.open_interview(find(app, "Harbor & Pine", "Backend Engineer").id)
        await pilot.pause()
        await pilot.press("z")
        assert isinstance(app.screen, PhraseDialog)
        placeholder = app.screen.query_one("#phrase", Input).placeholder
        dates = re.findall(r"\d{4}-\d{2}-\d{2}", placeholder)
        assert dates, placeholder
        for text in dates:
            assert datetime.fromisoformat(text) > LATER, placeholder


async def test_the_decision_placeholder_names_no_day_that_has_passed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    app.now = lambda: LATER
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await pilot.pause()
        field = app.screen.query_one("#f-decision_by", Input)
        assert "fri" in field.placeholder, "the Decision by field shows examples"
        for text in re.findall(r"\d{4}-\d{2}-\d{2}", field.placeholder):
            assert datetime.fromisoformat(text) > LATER, field.placeholder


async def test_a_saved_debrief_counts_its_follow_ups_in_words(tmp_path: Path) -> None:
    from afterword.tui.screens.saved import SavedScreen
    from tests.tui.test_debrief import start_zephyr

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await start_zephyr(pilot, "today 8am")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        count = len(find(app, "Zephyr Works").follow_ups)
        assert count > 1
        title = str(app.screen.query_one(".dialog-title", Label).render())
        assert title == f"Saved Zephyr Works: {count} follow-ups scheduled."
