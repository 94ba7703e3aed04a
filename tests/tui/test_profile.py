"""Who is writing: the profile asked for the first time it matters, saved in config.toml with
its comments, used at once; `P` and the palette's "Your profile"; and drafts that follow a
changed debrief or profile (not edited: written again; edited: marked), one `u` undoing it."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from afterword.config import DEFAULT_FILE, Config, Profile, load_config
from afterword.domain.model import Debrief, Interview, Person
from afterword.domain.schedule import schedule_follow_ups
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.emails import EmailsScreen
from afterword.tui.screens.profile import ProfileDialog
from afterword.tui.screens.saved import SavedScreen
from afterword.tui.screens.today import TodayScreen
from tests.tui.helpers import SIZE, loaded, make_app, notes, paste, screen_text, wait_for

MINE = "# my own note: keep it\n"


def config_file(text: str = MINE + DEFAULT_FILE) -> Path:
    """config.toml where the app reads it (AFTERWORD_CONFIG), with the user's own comment."""
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def acme() -> Interview:
    interview = Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", "Eng Manager", "dana.whitfield@acme.example"),
            Person("Lee Chen", "Staff Engineer", "lee.chen@acme.example"),
        ],
        debrief=Debrief(
            tone="warm",
            went_well="The design round flowed.",
            decision_by=date(2026, 11, 27),
            reinforce="I have run exactly this kind of migration twice",
        ),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    return interview


async def save_a_debrief(pilot: Pilot[Any], company: str) -> None:
    app = pilot.app
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    await pilot.pause()
    await paste(pilot, company)
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: any(isinstance(s, SavedScreen) for s in app.screen_stack))
    await pilot.pause()


async def fill_profile(pilot: Pilot[Any], name: str, email: str, phone: str = "") -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, ProfileDialog)
    assert dialog.focused is dialog.query_one("#p-name", Input)
    await paste(pilot, name)
    await pilot.press("tab")
    await paste(pilot, email)
    await pilot.press("tab")
    await paste(pilot, phone)
    await pilot.press("tab")
    assert dialog.focused is dialog.query_one("#p-signature", TextArea)
    # typed: a paste posted straight to a TextArea bubbles up to the screen and comes back
    words = {" ": "space", ".": "full_stop", "\n": "enter"}
    await pilot.press(*(words.get(c, c) for c in "Backend engineer\nalexmorgan.example"))


async def open_drafts(pilot: Pilot[Any], interview_id: str) -> EmailsScreen:
    app = pilot.app
    assert isinstance(app, AfterwordApp)
    await app.open_drafts(interview_id)
    screen = next(s for s in app.screen_stack if isinstance(s, EmailsScreen))
    await wait_for(pilot, lambda: bool(screen.current), seconds=10)
    await pilot.pause(0.1)
    return screen


async def test_the_first_debrief_saved_asks_who_is_writing_and_saves_it_keeping_comments(
    tmp_path: Path,
) -> None:
    path = config_file()
    app = make_app(tmp_path, ask_profile=True)
    assert app.config.path == path
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await save_a_debrief(pilot, "Zephyr Works")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        await fill_profile(pilot, "Alex Morgan", "alex@example.com", "+1 555 0100")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        # Saved: every comment of the file kept, the values read back as typed.
        text = path.read_text(encoding="utf-8")
        for line in (MINE + DEFAULT_FILE).splitlines():
            assert line in text
        saved, problems = load_config(path)
        assert problems == []
        assert saved.profile == Profile(
            "Alex Morgan", "alex@example.com", "+1 555 0100", "Backend engineer\nalexmorgan.example"
        )
        assert app.config.profile == saved.profile and app.library.config.profile == saved.profile
        assert f"Saved your profile in {path}." in notes(app)
        # Used at once, without a restart: a draft written now is signed.
        await pilot.press("escape")
        interview = acme()
        app.library.put(interview, "Added Acme")
        screen = await open_drafts(pilot, interview.id)
        draft = screen._draft()
        assert draft is not None
        assert draft.body.rstrip().endswith("Alex Morgan\nBackend engineer\nalexmorgan.example")
        assert not any(isinstance(s, ProfileDialog) for s in app.screen_stack)  # not asked again


async def test_escape_leaves_it_for_later_and_it_is_asked_the_next_time_it_matters(
    tmp_path: Path,
) -> None:
    config_file()
    app = make_app(tmp_path, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await save_a_debrief(pilot, "Zephyr Works")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        await pilot.press("escape")
        assert isinstance(app.screen, SavedScreen)
        assert any("Your emails stay unsigned for now" in n for n in notes(app))
        # Keys in between never bring it back...
        await pilot.press("escape", "j", "k", "i", "t")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        # ... the next time it matters does: the emails of an interview.
        interview = acme()
        app.library.put(interview, "Added Acme")
        await app.open_drafts(interview.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        body = screen.query_one("#d-body", TextArea)
        body.focus()
        await pilot.press("end", "H", "i")
        await pilot.pause(0.5)
        assert isinstance(app.screen, EmailsScreen)
        # The note says how, [profile] shown as it is written.
        note = str(screen.query_one("#draft-note", Static).render())
        assert "ctrl+p, Your profile, sets them (saved under [profile] in config.toml)" in note
        assert "[profile]" in screen_text(app)
        # So does the refusal to send without an address (a notification: plain text).
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: any("add email under [profile]" in n for n in notes(app)))
        refusal = next(n for n in app._notifications if "[profile]" in n.message)
        assert not refusal.markup


async def test_a_bad_address_is_one_sentence_at_its_field_and_nothing_is_saved(
    tmp_path: Path,
) -> None:
    path = config_file()
    app = make_app(tmp_path, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("P")
        dialog = app.screen
        assert isinstance(dialog, ProfileDialog)
        await paste(pilot, "Alex Morgan")
        await pilot.press("tab")
        await paste(pilot, "alex at example")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        problem = dialog.query_one("#e-email", Static)
        assert problem.display
        assert str(problem.render()).startswith("Email: “alex at example” has a space")
        assert dialog.focused is dialog.query_one("#p-email", Input)
        assert path.read_text(encoding="utf-8") == MINE + DEFAULT_FILE
        await pilot.press("ctrl+u")
        await paste(pilot, "alex@example.com")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert load_config(path)[0].profile.email == "alex@example.com"


async def test_the_palette_offers_your_profile_any_time(tmp_path: Path) -> None:
    config_file('[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n')
    app = make_app(tmp_path, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"your profile")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
        assert app.screen.query_one("#p-name", Input).value == "Alex Morgan"
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


async def test_a_new_profile_signs_the_drafts_not_edited_and_marks_the_edited_ones(
    tmp_path: Path,
) -> None:
    config_file()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        interview = acme()
        app.library.put(interview, "Added Acme")
        screen = await open_drafts(pilot, interview.id)
        dana, lee = app.library.get(interview.id).drafts
        assert "Alex Morgan" not in dana.body

        def edit(working: Interview) -> None:
            working.drafts[1].body += "\nMy own line."
            working.drafts[1].edited = True

        app.library.update(interview.id, "Edited a draft", edit)
        app.set_profile(Profile("Alex Morgan", "alex@example.com"))
        await wait_for(pilot, lambda: "Alex Morgan" in app.library.get(interview.id).drafts[0].body)
        dana, lee = app.library.get(interview.id).drafts
        assert lee.body.endswith("My own line.") and lee.outdated
        assert app.library.undo_stack[-1].label == "Wrote the drafts again for your profile"
        await wait_for(pilot, lambda: "Alex Morgan" in screen.query_one("#d-body", TextArea).text)


async def test_a_changed_debrief_rewrites_drafts_not_edited_marks_edited_ones_one_u_undoes(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, config=Config(profile=Profile("Alex Morgan", "alex@example.com")))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        interview = acme()
        app.library.put(interview, "Added Acme")
        await open_drafts(pilot, interview.id)
        await pilot.press("escape")

        def edit(working: Interview) -> None:
            working.drafts[1].body += "\nMy own line."
            working.drafts[1].edited = True

        app.library.update(interview.id, "Edited a draft", edit)
        before = app.library.get(interview.id)
        # The Reinforce line changes in the debrief form.
        await app.open_debrief(interview.id)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DebriefScreen)
        form.query_one("#f-reinforce", Input).value = "I led the queue redesign end to end"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        await wait_for(
            pilot, lambda: app.library.get(interview.id).drafts[0].body != before.drafts[0].body
        )
        dana, lee = app.library.get(interview.id).drafts
        assert "I led the queue redesign end to end" in dana.body and not dana.outdated
        assert lee.body == before.drafts[1].body and lee.outdated
        assert any("Wrote 1 draft again for the new debrief" in n for n in notes(app))
        # The emails screen says so, in the list and above the body.
        await pilot.press("escape")
        screen = await open_drafts(pilot, interview.id)
        screen.show_draft(lee.id)
        await pilot.pause(0.2)
        shown = screen_text(app)
        assert "outdated: ctrl+r" in shown
        assert "written before the debrief or your profile changed: ctrl+r" in shown
        await pilot.press("escape")
        # One u takes back the debrief and the drafts together.
        await pilot.press("u")
        after = app.library.get(interview.id)
        assert after.debrief.reinforce == "I have run exactly this kind of migration twice"
        assert [(d.body, d.outdated) for d in after.drafts] == [
            (d.body, d.outdated) for d in before.drafts
        ]


async def test_help_lists_the_profile_key_and_p_opens_it_from_the_top_screens(
    tmp_path: Path,
) -> None:
    from textual.widgets import DataTable

    from afterword.tui.screens.help import HelpScreen

    config_file('[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n')
    app = make_app(tmp_path, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for top in ("t", "i", "c"):
            await pilot.press(top)
            await pilot.pause()
            await pilot.press("question_mark")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            table = app.screen.query_one(DataTable)
            rows = [
                tuple(str(cell).strip() for cell in table.get_row_at(n))
                for n in range(table.row_count)
            ]
            assert ("P", "Your profile") in rows
            await pilot.press("escape")
            await pilot.press("P")
            await wait_for(pilot, lambda: isinstance(app.screen, ProfileDialog))
            await pilot.press("escape")
            await pilot.pause()
