"""[keymap] in the app: the ids before they took one style still move their bindings, and
ctrl+e has one id, so moving it moves it in the debrief (any field) and in an email's body."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import TextArea

from afterword import paths
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.dialogs import ConfirmDialog
from afterword.tui.screens.emails import EmailsScreen, SendDialog
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for
from tests.tui.test_emails import acme, body, open_acme

PROFILE = '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n'


def app_with_keymap(tmp_path: Path, keymap: str) -> AfterwordApp:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{PROFILE}[keymap]\n{keymap}", encoding="utf-8")
    return make_app(tmp_path)


def bound(screen: Screen[Any], key: str) -> str | None:
    """The action ``key`` runs on ``screen`` now, or None."""
    active = screen.active_bindings.get(key)
    return active.binding.action if active else None


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$EDITOR adds a line to the file it is given."""
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "added by the editor\\n" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)


async def open_debrief(pilot: Pilot[Any], app: AfterwordApp) -> DebriefScreen:
    await loaded(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


async def leave_debrief(pilot: Pilot[Any], app: AfterwordApp) -> None:
    """escape, and discard what was typed."""
    await pilot.press("escape")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
    await pilot.press("y")
    await wait_for(pilot, lambda: not isinstance(app.screen, (DebriefScreen, ConfirmDialog)))


async def test_old_ids_move_the_same_bindings_as_the_new_ones(tmp_path: Path) -> None:
    app = app_with_keymap(tmp_path, '"drafts.send" = "f5"\n"debrief.add-person" = "f2"\n')
    assert app.config.keymap == {"emails.send": "f5", "debrief.add_person": "f2"}
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_debrief(pilot, app)
        assert notes(app) == []
        assert (bound(screen, "f2"), bound(screen, "ctrl+n")) == ("add_person", None)
        rows = len(screen.query(".person-row"))
        await pilot.press("f2")
        await wait_for(pilot, lambda: len(screen.query(".person-row")) == rows + 1)
        await leave_debrief(pilot, app)
        drafts = await open_acme(pilot, acme(None), person="Dana Whitfield")
        assert (bound(drafts, "f5"), bound(drafts, "ctrl+g")) == ("send", None)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
        await pilot.press("n")


async def test_the_new_id_wins_over_an_old_one_for_the_same_binding(tmp_path: Path) -> None:
    app = app_with_keymap(tmp_path, '"drafts.send" = "f5"\n"emails.send" = "f8"\n')
    async with app.run_test(size=SIZE) as pilot:
        drafts = await open_acme(pilot, acme(None), person="Dana Whitfield")
        assert (bound(drafts, "f8"), bound(drafts, "f5"), bound(drafts, "ctrl+g")) == (
            "send",
            None,
            None,
        )
        assert any('"drafts.send"' in note and "ignored" in note for note in notes(app))


async def test_ctrl_e_opens_the_editor_in_the_body_and_in_the_debrief(
    tmp_path: Path, editor: None
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_debrief(pilot, app)
        notes_field = form.query_one("#f-notes", TextArea)
        notes_field.focus()
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "added by the editor" in notes_field.text)
        form.set_focus(None)  # the form's own ctrl+e, for a field that has none
        await pilot.pause()
        assert bound(form, "ctrl+e") == "edit_externally"
        await leave_debrief(pilot, app)
        drafts = await open_acme(pilot, acme(None), person="Dana Whitfield")
        area = body(drafts)
        area.focus()
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "added by the editor" in area.text)


@pytest.mark.parametrize("name", ["text.editor", "drafts.editor", "debrief.editor"])
async def test_one_id_moves_ctrl_e_everywhere_it_works(
    tmp_path: Path, editor: None, name: str
) -> None:
    """Before, moving `drafts.editor` left ctrl+e live in the body (the body's own binding had
    the id `debrief.editor`): now each of the three names moves every ctrl+e."""
    app = app_with_keymap(tmp_path, f'"{name}" = "f4"\n')
    assert app.config.keymap == {"text.editor": "f4"}
    async with app.run_test(size=SIZE) as pilot:
        form = await open_debrief(pilot, app)
        form.set_focus(None)
        await pilot.pause()
        assert (bound(form, "f4"), bound(form, "ctrl+e")) == ("edit_externally", None)
        notes_field = form.query_one("#f-notes", TextArea)
        notes_field.focus()
        await pilot.pause()
        assert bound(form, "f4") == "screen.edit_externally"
        assert bound(form, "ctrl+e") != "screen.edit_externally"
        await pilot.press("f4")
        await wait_for(pilot, lambda: "added by the editor" in notes_field.text)
        await leave_debrief(pilot, app)
        drafts = await open_acme(pilot, acme(None), person="Dana Whitfield")
        area = body(drafts)
        area.focus()
        await pilot.pause()
        before = area.text
        await pilot.press("ctrl+e")
        await pilot.pause(0.3)
        assert area.text == before  # ctrl+e is the line's end again, as in any TextArea
        await pilot.press("f4")
        await wait_for(pilot, lambda: "added by the editor" in area.text)
        assert isinstance(app.screen, EmailsScreen)
