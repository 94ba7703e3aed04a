"""`n`, then `ctrl+o`: a new debrief filled from a calendar invitation file."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from afterword.config import load_config
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.dialogs import ConfirmDialog
from afterword.tui.screens.invitation import InvitationDialog, newest_invitation
from afterword.tui.screens.saved import SavedScreen
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for

FIXTURES = Path(__file__).parents[1] / "fixtures" / "invitations"


def app_for(tmp_path: Path) -> AfterwordApp:
    config, _ = load_config()
    profile = dataclasses.replace(config.profile, name="Alex Morgan", email="alex@example.com")
    return make_app(tmp_path, config=dataclasses.replace(config, profile=profile))


async def give_path(pilot: Pilot[Any], path: Path) -> None:
    """Put a path in the dialog's field (typed key by key, a long temporary path takes
    seconds) and press enter."""
    pilot.app.screen.query_one("#invitation-path", Input).value = str(path)
    await pilot.press("enter")


def field(app: AfterwordApp, key: str) -> str:
    return app.screen.query_one(f"#f-{key}", Input).value


def people(app: AfterwordApp) -> list[tuple[str, str]]:
    return [
        (row.query_one(".p-name", Input).value, row.query_one(".p-email", Input).value)
        for row in app.screen.query(".person-row")
    ]


async def test_ctrl_o_fills_a_new_debrief_from_an_invitation(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press(*"Northwind")  # typed first: kept over the invitation's company
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, InvitationDialog))
        await give_path(pilot, FIXTURES / "outlook.ics")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.pause()
        assert field(app, "company") == "Northwind"
        assert field(app, "role") == "Senior Data Engineer"
        assert field(app, "stage") == "Onsite"
        assert field(app, "where").startswith("SEA-Conf Room Rainier")
        names = people(app)
        assert ("Elena Novak", "elena.novak@northwindhealth.com") in names
        assert all(email != "alex@example.com" for _, email in names)  # the user is left out
        assert any("Filled from outlook.ics" in n for n in notes(app))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # 8 Dec: ahead
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        saved = [i for i in app.library.interviews.values() if i.company == "Northwind"]
        assert len(saved) == 1
        assert saved[0].role == "Senior Data Engineer"
        assert any(f.kind == "thank_you" for f in saved[0].follow_ups)


async def test_a_broken_invitation_says_why_and_keeps_the_form(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n", *"Acme")
        form = app.screen
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, InvitationDialog))
        await give_path(pilot, tmp_path / "missing.ics")
        assert isinstance(app.screen, InvitationDialog)  # no such file: said at the field
        assert "There is no file" in str(app.screen.query_one("#problem").render())
        await give_path(pilot, broken)
        await wait_for(pilot, lambda: app.screen is form)
        said = lambda: any("broken.ics" in n and "no event" in n for n in notes(app))  # noqa: E731
        await wait_for(pilot, said)  # read on a worker: said a moment later
        assert field(app, "company") == "Acme"


async def test_ctrl_o_is_only_for_a_new_interview(tmp_path: Path) -> None:
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        first = next(iter(app.library.interviews))
        await app.open_debrief(first)
        await pilot.press("ctrl+o")
        assert not isinstance(app.screen, InvitationDialog)


def test_the_newest_invitation_in_downloads_is_offered(tmp_path: Path) -> None:
    import os

    old, new = tmp_path / "old.ics", tmp_path / "new.ics"
    old.write_text("x")
    new.write_text("x")
    os.utime(old, (1_000_000, 1_000_000))
    assert newest_invitation([tmp_path, tmp_path / "missing"]) == new
    assert newest_invitation([tmp_path / "missing"]) is None
