"""Fields changed on another machine: the lists' mark, the detail's line, and the dialog that
keeps yours (`m`) or takes theirs (`t`), one undo step each; the palette finds it."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Static

from afterword.config import load_config
from afterword.demo import demo_interviews, write_demo_database
from afterword.domain.model import Conflict, Interview
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.conflicts import ConflictsScreen
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.help import HelpScreen
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.today import TodayScreen
from tests.conftest import NOW
from tests.tui import helpers
from tests.tui.helpers import (
    SIZE,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    row_text,
    screen_text,
    static_text,
    table,
    wait_for,
)
from tests.tui.test_palette import search

NOTES = "They liked the take-home [b]a lot[/b]"  # brackets: shown as text, never markup
LATER = "2026-12-07T09:00:00"


def harbor(interviews: list[Interview]) -> Interview:
    return next(
        i for i in interviews if i.company == "Harbor & Pine" and i.role == "Backend Engineer"
    )


def with_conflicts(tmp_path: Path, *, status: str = "offer") -> None:
    """The demo database, Harbor & Pine's Backend Engineer round holding three conflicts:
    its status, its notes and its check-in's due time, as a merge with a laptop left them."""
    interviews = demo_interviews(NOW)
    chosen = harbor(interviews)
    check_in = next(f for f in chosen.follow_ups if f.kind == "check_in")
    at = datetime(2026, 11, 24, 18, 30)
    chosen.conflicts = [
        Conflict("status", status, at),
        Conflict("debrief.notes", NOTES, at),
        Conflict(f"follow_ups[{check_in.id}].due", LATER, at),
    ]
    write_demo_database(tmp_path / "db.json", NOW, interviews)


async def open_dialog(pilot: Pilot[Any]) -> tuple[AfterwordApp, Interview]:
    """The detail of Harbor & Pine, then `m`: the dialog on its first conflict."""
    app = await loaded(pilot)
    chosen = find(app, "Harbor & Pine", "Backend Engineer")
    app.open_interview(chosen.id)
    await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
    await pilot.pause()
    await pilot.press("m")
    await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))
    await pilot.pause()
    return app, chosen


async def test_the_lists_and_the_detail_say_a_record_changed_on_another_machine(
    tmp_path: Path,
) -> None:
    with_conflicts(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        chosen = find(app, "Harbor & Pine", "Backend Engineer")
        assert isinstance(app.screen, TodayScreen)
        today = table(app)
        leads = [row_text(today, n)[1] for n in range(today.row_count)]
        marked = [lead for lead in leads if lead.startswith("⇄")]
        assert marked and all(lead == "⇄ Harbor & Pine · Backend Engineer" for lead in marked), (
            leads
        )
        assert "⇄ Harbor & Pine changed on another machine" in static_text(app, "#summary")
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        listed = table(app)
        rows = {str(row.key.value): n for n, row in enumerate(listed.ordered_rows)}
        assert row_text(listed, rows[chosen.id])[0] == "⇄ Harbor & Pine · Backend Engineer"
        others = [row_text(listed, n)[0] for k, n in rows.items() if k != chosen.id]
        assert not any("⇄" in lead for lead in others)
        app.open_interview(chosen.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        assert static_text(app, "#conflicts-line") == (
            "⇄ Changed on another machine: 3 fields differ · m to keep yours or take theirs"
        )
        assert "Changed elsewhere" in screen_text(app)  # its key in the bar


async def test_a_record_without_conflicts_has_no_line_and_m_does_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        chosen = find(app, "Harbor & Pine", "Backend Engineer")
        app.open_interview(chosen.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        assert not app.screen.query_one("#conflicts-line", Static).display
        assert "Changed elsewhere" not in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        found = await search(pilot, "changed", "")  # nor does the palette offer it
        assert not any(hit.startswith("Changed") for hit in found), found
        await pilot.press("escape")
        await pilot.pause()
        app.open_conflicts(chosen.id)  # as the palette would, on a record resolved since
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert notes(app)[-1] == "No field of Harbor & Pine differs from another machine's."


async def test_t_takes_theirs_and_m_keeps_yours_one_undo_step_each(tmp_path: Path) -> None:
    with_conflicts(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, chosen = await open_dialog(pilot)
        check_in = next(f for f in chosen.follow_ups if f.kind == "check_in")
        listed = table(app, "#conflicts")
        assert [row_text(listed, n)[0] for n in range(3)] == [
            "Status",
            "Notes",
            f"Follow-up '{check_in.title}' due",
        ]
        assert row_text(listed, 0)[1:] == ["active", "offer"]
        assert "Harbor & Pine · Backend Engineer (3 fields differ)" in screen_text(app)
        # t: their status, in the library and on disk; the conflict gone
        await pilot.press("t")
        await pilot.pause()
        now = app.library.get(chosen.id)
        assert now.status == "offer"
        assert [c.path for c in now.conflicts] == ["debrief.notes", check_in_path(check_in.id)]
        assert app.library.undo_stack[-1].label == "Took theirs: Status of Harbor & Pine"
        assert static_text(app, "#conflict-said") == "Took theirs: Status."
        # the notes are shown as text, brackets and all
        assert row_text(listed, 0)[2] == NOTES
        assert NOTES in screen_text(app)
        # m: yours kept
        await pilot.press("m")
        await pilot.pause()
        now = app.library.get(chosen.id)
        assert now.debrief.notes == "" and [c.path for c in now.conflicts] == [
            check_in_path(check_in.id)
        ]
        assert app.library.undo_stack[-1].label == "Kept yours: Notes of Harbor & Pine"
        # u takes back one choice: the notes' conflict is there again, the dialog shows it
        await pilot.press("u")
        await pilot.pause()
        assert len(app.library.get(chosen.id).conflicts) == 2
        assert table(app, "#conflicts").row_count == 2
        # j to the check-in, t: its due time is theirs, as a date; the notes' is left
        await pilot.press("j", "t")
        await pilot.pause()
        now = app.library.get(chosen.id)
        due = next(f for f in now.follow_ups if f.id == check_in.id).due
        assert due == datetime(2026, 12, 7, 9, 0)
        assert [c.path for c in now.conflicts] == ["debrief.notes"]
        # the last one: the dialog closes and says so
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        assert notes(app)[-1] == (
            "Kept yours: Notes. No field of Harbor & Pine differs any more "
            "(u takes back one choice at a time)."
        )
        assert not app.screen.query_one("#conflicts-line", Static).display
        saved = (await on_disk(app))[chosen.id]
        assert saved.status == "offer" and saved.conflicts == []
        assert next(f for f in saved.follow_ups if f.id == check_in.id).due == due


def check_in_path(item_id: str) -> str:
    return f"follow_ups[{item_id}].due"


async def test_their_value_that_cannot_be_used_is_said_and_nothing_changes(
    tmp_path: Path,
) -> None:
    with_conflicts(tmp_path, status="archived")  # from a newer Afterword, say
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, chosen = await open_dialog(pilot)
        steps = len(app.library.undo_stack)
        await pilot.press("t")
        await pilot.pause()
        assert app.library.get(chosen.id).status == "active"
        assert len(app.library.get(chosen.id).conflicts) == 3
        assert len(app.library.undo_stack) == steps
        said = static_text(app, "#conflict-said")
        assert said.startswith("Theirs (archived) cannot be used for Status: 'archived' is not")
        assert said.endswith("m keeps yours.")


async def test_help_and_the_bar_list_the_dialogs_keys(tmp_path: Path) -> None:
    with_conflicts(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app, _ = await open_dialog(pilot)
        shown = screen_text(app)
        assert "m Keep yours" in shown and "t Take theirs" in shown
        assert "m: keep yours · t: take theirs · j/k or arrows: move" in shown
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = table(app)
        rows = [row_text(keys, n) for n in range(keys.row_count)]
        assert ["m", "Keep yours"] in rows and ["t", "Take theirs"] in rows
        assert ["esc", "Close"] in rows and ["u", "Undo"] in rows


async def test_the_keymap_moves_the_dialogs_keys(tmp_path: Path) -> None:
    from tests.tui.test_key_names import app_with_keymap

    with_conflicts(tmp_path)
    app = app_with_keymap(tmp_path, '"conflicts.keep" = "y"\n"detail.conflicts" = "M"\n')
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        chosen = find(app, "Harbor & Pine", "Backend Engineer")
        app.open_interview(chosen.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.pause()
        assert "M to keep yours or take theirs" in static_text(app, "#conflicts-line")
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        assert "y: keep yours · t: take theirs" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert len(app.library.get(chosen.id).conflicts) == 2


async def test_the_palette_finds_the_records_changed_elsewhere(tmp_path: Path) -> None:
    with_conflicts(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        found = await search(pilot, "changed on another", "Changed on another machine")
        assert found[0].startswith("Changed on another machine: Harbor & Pine · Backend Engineer")
        assert "3 fields differ: keep yours or take theirs" in found[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))


async def test_the_palette_has_no_such_entry_without_conflicts(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        found = await search(pilot, "changed on another", "")
        assert not any(hit.startswith("Changed on another machine") for hit in found)


HOSTILE = "Kim [2nd round [/] [b] [@click=app.quit] Dropbox [work]/x ["


async def test_names_and_values_like_markup_are_shown_as_they_are(tmp_path: Path) -> None:
    interviews = demo_interviews(NOW)
    chosen = harbor(interviews)
    chosen.company = f"Harbor {HOSTILE}"
    check_in = next(f for f in chosen.follow_ups if f.kind == "check_in")
    check_in.title = f"Check in {HOSTILE}"
    at = datetime(2026, 11, 24, 18, 30)
    chosen.conflicts = [
        Conflict(f"follow_ups[{check_in.id}].title", f"Theirs {HOSTILE}", at),
        Conflict("debrief.tone", f"Tone {HOSTILE}", at),
    ]
    write_demo_database(tmp_path / "db.json", NOW, interviews)
    app = make_app(tmp_path)
    async with app.run_test(size=(250, 50)) as pilot:
        app = await loaded(pilot)
        found = await search(pilot, "changed on another", "Changed on another machine")
        assert found[0].startswith(f"Changed on another machine: Harbor {HOSTILE}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictsScreen))
        await pilot.pause()
        shown = screen_text(app)
        title = app.screen.query_one("#conflicts-title", Label).render()
        assert str(getattr(title, "plain", title)) == (
            f"Changed on another machine: Harbor {HOSTILE} · Backend Engineer (2 fields differ)"
        )
        assert f"Follow-up 'Check in {HOSTILE}'" in shown  # the chosen field, wrapped
        assert f"Yours  Check in {HOSTILE}" in shown
        assert f"Theirs Theirs {HOSTILE}" in shown
        await pilot.press("t")
        await pilot.pause()
        assert app.library.undo_stack[-1].label == (
            f"Took theirs: Follow-up 'Check in {HOSTILE}' title of Harbor {HOSTILE}"
        )
        assert f"Theirs Tone {HOSTILE}" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert notes(app)[-1].startswith("Undone: took theirs: Follow-up")
        assert app.is_running


@pytest.fixture
def in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_of_the_dialog(
    size: tuple[int, int], tmp_path: Path, snap_compare: Any, in_colour: None
) -> None:
    with_conflicts(tmp_path)
    config, _ = load_config()
    config = dataclasses.replace(config, ui=dataclasses.replace(config.ui, theme="afterword-dark"))
    app = helpers.make_app(tmp_path, config=config)

    async def steps(pilot: Pilot[Any]) -> None:
        await open_dialog(pilot)
        await pilot.press("j")
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=size, run_before=steps)
