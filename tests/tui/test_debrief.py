"""The debrief form: keyboard-only filling, tab order, dates, checks, saving, editing, the call
sheet, $EDITOR, and the recovery file that keeps unsaved text."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, RadioSet, TextArea

from afterword.domain.schedule import snooze
from afterword.store.recovery import recovery_path
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.call_sheet import CallSheetScreen
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import ConfirmDialog, RestoreDialog
from afterword.tui.screens.saved import SavedScreen
from afterword.tui.screens.today import TodayScreen
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    paste,
    screen_text,
    snapshot,
    static_text,
    wait_for,
)

# Tab order of a new form with one interviewer row (DESIGN: tab walks the fields in order).
ORDER = [
    "f-company", "f-role", "f-stage", "f-when", "f-where",
    "p-name", "p-title", "p-email",
    "f-r_name", "f-r_agency", "f-r_email", "f-r_phone", "f-direct_contact",
    "f-tone", "f-focus", "f-went_well", "f-went_poorly", "f-next_steps", "f-decision_by",
    "f-still_interested", "f-notes", "f-remember", "f-reinforce", "f-recoup",
]  # fmt: skip


def where(app: AfterwordApp) -> str:
    """The id of the focused field (interviewer inputs by their class)."""
    focused = app.focused
    assert focused is not None
    if focused.id:
        return focused.id
    return next(c for c in focused.classes if c.startswith("p-"))


def form(app: AfterwordApp) -> DebriefScreen:
    assert isinstance(app.screen, DebriefScreen), app.screen
    return app.screen


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type ``text`` key by key (spaces and punctuation by their key names)."""
    names = {
        " ": "space", "@": "at", ".": "full_stop", ",": "comma", "-": "minus",
        "'": "apostrophe", ":": "colon", ";": "semicolon",
    }  # fmt: skip
    await pilot.press(*(names.get(c, c) for c in text))


def only_record(path: Path) -> dict[str, Any]:
    """The one record of the recovery file (each form has a slot "debrief:<id>")."""
    slots = json.loads(path.read_text())["slots"]
    assert len(slots) == 1 and next(iter(slots)).startswith("debrief:"), slots
    record: dict[str, Any] = next(iter(slots.values()))
    return record


async def open_form(pilot: Pilot[Any]) -> AfterwordApp:
    app = await loaded(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    await pilot.pause()
    return app


async def start_zephyr(pilot: Pilot[Any], when: str) -> AfterwordApp:
    """A new form with Zephyr Works at ``when`` and Dana Whitfield, the cursor on her name."""
    app = await open_form(pilot)
    await paste(pilot, "Zephyr Works")
    await pilot.press("tab", "tab", "tab", "ctrl+u")
    await paste(pilot, when)
    await pilot.press("alt+2")
    await paste(pilot, "Dana Whitfield")
    return app


async def test_n_opens_in_company_and_tab_walks_every_field_in_order(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        seen = [where(app)]
        for _ in ORDER[1:]:
            await pilot.press("tab")
            seen.append(where(app))
        assert seen == ORDER
        await pilot.press("shift+tab", "shift+tab")
        assert where(app) == "f-remember"
        # alt+N jumps to a section's first field.
        for key, first in (("alt+2", "p-name"), ("alt+3", "f-tone"), ("alt+1", "f-company")):
            await pilot.press(key)
            assert where(app) == first
        await pilot.press("alt+4")
        assert where(app) == "f-remember"
        # ctrl+down / ctrl+up: the next and the previous part, from wherever the cursor is.
        await pilot.press("alt+1", "tab", "tab")
        for key, first in (
            ("ctrl+down", "p-name"),
            ("ctrl+down", "f-tone"),
            ("ctrl+down", "f-remember"),
            ("ctrl+down", "f-remember"),  # the last part stays
            ("ctrl+up", "f-tone"),
            ("ctrl+up", "p-name"),
            ("ctrl+up", "f-company"),
            ("ctrl+up", "f-company"),
        ):
            await pilot.press(key)
            assert where(app) == first, key


async def test_every_field_filled_by_keyboard_is_saved(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        await type_text(pilot, "Zephyr Works")
        await pilot.press("tab")
        await type_text(pilot, "Data Engineer")
        await pilot.press("tab")
        await type_text(pilot, "Onsite")
        await pilot.press("tab", "ctrl+u")  # When holds the opening time: clear it
        await type_text(pilot, "today 8am")
        assert static_text(app, "#m-when") == "→ Wed 25 Nov 2026, 08:00"
        await pilot.press("tab")
        await type_text(pilot, "Video call")
        await pilot.press("tab")
        for text in ("Dana Whitfield", "Eng Manager", "dana@zephyr.example"):
            await type_text(pilot, text)
            await pilot.press("tab")
        for text in ("Sam Ortiz", "TalentBridge", "sam@tb.example", "555 0100"):
            await type_text(pilot, text)
            await pilot.press("tab")
        assert where(app) == "f-direct_contact"
        await pilot.press("right", "enter")  # ask / [allowed] / forward
        await pilot.press("tab")
        for text in ("warm", "pipelines; one culture question", "the backfill story"):
            await type_text(pilot, text)
            await pilot.press("tab")
        await type_text(pilot, "froze on window functions")
        await pilot.press("enter")  # a second line in a long field
        await type_text(pilot, "rushed the close")
        await pilot.press("tab")
        await type_text(pilot, "They decide by Friday")
        await pilot.press("tab")
        assert where(app) == "f-decision_by"
        # The next steps name a date: it is proposed, and ctrl+t takes it.
        assert '"Friday" in the next steps: Friday 27 November' in static_text(
            app, "#m-decision_by"
        )
        await pilot.press("ctrl+t")
        assert form(app).query_one("#f-decision_by", Input).value == "2026-11-27"
        await pilot.press("tab")
        assert where(app) == "f-still_interested"
        await pilot.press("right", "right", "enter")  # yes / no / [unsure]
        await pilot.press("tab")
        await type_text(pilot, "ask about on-call")
        await pilot.press("tab")
        for text in ("the Kafka talk", "five years of pipelines", "I would use ROW_NUMBER"):
            await type_text(pilot, text)
            await pilot.press("tab")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))

        saved = (await on_disk(app))[find(app, "Zephyr Works").id]
        assert (saved.role, saved.stage, saved.where) == ("Data Engineer", "Onsite", "Video call")
        assert saved.when == datetime(2026, 11, 25, 8, 0)
        assert [(p.name, p.title, p.email) for p in saved.interviewers] == [
            ("Dana Whitfield", "Eng Manager", "dana@zephyr.example")
        ]
        assert saved.recruiter is not None
        r = saved.recruiter
        assert (r.name, r.agency, r.email, r.phone, r.direct_contact) == (
            "Sam Ortiz", "TalentBridge", "sam@tb.example", "555 0100", "allowed",
        )  # fmt: skip
        d = saved.debrief
        assert (d.tone, d.focus, d.went_well) == (
            "warm", "pipelines; one culture question", "the backfill story",
        )  # fmt: skip
        assert d.went_poorly == "froze on window functions\nrushed the close"
        assert d.next_steps == "They decide by Friday"
        assert d.decision_by == date(2026, 11, 27)
        assert d.still_interested == "unsure"
        assert d.notes == "ask about on-call"
        assert (d.remember, d.reinforce, d.recoup) == (
            "the Kafka talk", "five years of pipelines", "I would use ROW_NUMBER",
        )  # fmt: skip
        # The recovery record is gone once the debrief is saved.
        assert not recovery_path(app.db_path).exists()


async def test_a_phrase_it_cannot_read_and_a_missing_company_block_the_save(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        before = snapshot(app)
        await pilot.press("tab", "tab", "tab", "ctrl+u")
        await paste(pilot, "whenever")
        assert 'Cannot read "whenever"' in static_text(app, "#m-when")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DebriefScreen)  # still open, nothing saved
        errors = [str(e.render()) for e in form(app).query(".form-error")]
        assert errors == ["Company is required"]
        # The date's own line says why, in red (not said twice).
        assert 'Cannot read "whenever"' in static_text(app, "#m-when")
        assert form(app).query_one("#m-when").has_class("error")
        assert where(app) == "f-company"  # focus goes to the first problem
        assert snapshot(app) == before
        # Mend the company only: the date still blocks, focus goes there.
        await paste(pilot, "Zephyr Works")
        await pilot.press("ctrl+s")
        assert where(app) == "f-when"
        assert not list(form(app).query(".form-error"))
        assert notes(app)[-1].startswith('When: Cannot read "whenever"')
        assert snapshot(app) == before
        # An address without a name, and one that is not an address.
        await pilot.press("ctrl+u")
        await paste(pilot, "today 9am")
        await pilot.press("alt+2", "tab", "tab")
        await paste(pilot, "dana@zephyr.example")
        await pilot.press("alt+2")
        for _ in range(3):
            await pilot.press("tab")
        await pilot.press("tab", "tab")
        await paste(pilot, "not an address")
        await pilot.press("ctrl+s")
        errors = [str(e.render()) for e in form(app).query(".form-error")]
        assert errors == [
            "Interviewer 1: a name is needed with the address",
            "Recruiter: a name is needed with the agency, email or phone",
            "Recruiter email: 'not an address' is not an email address",
        ]
        assert snapshot(app) == before
        assert form(app).values()["company"] == "Zephyr Works"  # nothing typed is lost


async def test_saving_with_a_recruiter_schedules_the_rules_follow_ups(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await start_zephyr(pilot, "today 10am")
        await pilot.press("ctrl+n")  # a second interviewer, without an address
        await paste(pilot, "Lee Park")
        await pilot.press("tab", "tab", "tab")
        assert where(app) == "f-r_name"
        await paste(pilot, "Sam Ortiz")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # 10am: ahead
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        new = find(app, "Zephyr Works")
        plan = sorted((f.kind, f.person, f.due) for f in new.follow_ups)
        t = datetime(2026, 11, 25, 10, 0)
        # Rules 1-4: while direct_contact is `ask`, no find_email (the recruiter is asked).
        assert plan == [
            ("ask_recruiter", "Sam Ortiz", datetime(2026, 11, 25, 13, 0)),
            ("check_in", "Sam Ortiz", datetime(2026, 12, 2, 9, 0)),
            ("recruiter_debrief", "Sam Ortiz", datetime(2026, 11, 25, 13, 0)),
            ("thank_you", "Dana Whitfield", datetime(2026, 11, 26, 10, 0)),
            ("thank_you", "Lee Park", datetime(2026, 11, 26, 10, 0)),
        ]
        assert t == new.when
        shown = static_text(app, "#scheduled")
        assert "• Debrief call with Sam Ortiz: still interested? by today 13:00" in shown
        assert "Thank-you to Dana Whitfield (wait for Sam Ortiz's answer) by tomorrow 10:00" in (
            shown
        )
        # The call sheet: built from the debrief; `a` records "you may write directly".
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, CallSheetScreen))
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        new = find(app, "Zephyr Works")
        assert new.recruiter is not None and new.recruiter.direct_contact == "allowed"
        state = {(f.kind, f.person): (f.done_at is not None, f.cancelled) for f in new.follow_ups}
        assert state[("recruiter_debrief", "Sam Ortiz")] == (True, False)
        assert state[("ask_recruiter", "Sam Ortiz")] == (True, False)
        # Now the user may write directly: Lee Park's address must be found (rule 3), by
        # the next morning (T + 12 h is 22:00, at night).
        finding = [f for f in new.follow_ups if f.kind == "find_email"]
        assert [(f.person, f.due) for f in finding] == [
            ("Dana Whitfield", datetime(2026, 11, 26, 9)),
            ("Lee Park", datetime(2026, 11, 26, 9)),
        ]
        titles = [f.title for f in new.follow_ups if f.kind == "thank_you"]
        assert titles == ["Thank-you to Dana Whitfield", "Thank-you to Lee Park"]
        assert any("You may write to the interviewers directly" in n for n in notes(app))


async def test_forwarding_without_the_recruiters_name_is_refused_at_the_field(
    tmp_path: Path,
) -> None:
    """Rule 9: `they forward it` with no recruiter is not saved as "no recruiter"."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await start_zephyr(pilot, "today 8am")
        await pilot.press(*["tab"] * 7)
        assert where(app) == "f-direct_contact"
        assert form(app).values()["direct_contact"] == ""  # no recruiter: no answer chosen
        await pilot.press("right", "right", "enter")  # ask / allowed / [forward]
        assert form(app).values()["direct_contact"] == "forward"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DebriefScreen)  # still open, nothing saved
        errors = [str(e.render()) for e in form(app).query(".form-error")]
        assert errors == ["Forwarding needs the recruiter's name"]
        assert where(app) == "f-r_name"  # where to mend it
        assert not [i for i in app.library.interviews.values() if i.company == "Zephyr Works"]
        await paste(pilot, "Maya Brooks")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        saved = (await on_disk(app))[find(app, "Zephyr Works").id]
        assert saved.recruiter is not None
        assert (saved.recruiter.name, saved.recruiter.direct_contact) == ("Maya Brooks", "forward")


async def test_forward_answer_routes_the_thank_yous_through_the_recruiter(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await loaded(pilot)
        asking = next(
            i
            for i in app.library.interviews.values()
            if i.recruiter and i.recruiter.direct_contact == "ask" and i.interviewers
        )
        app.open_interview(asking.id)
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, CallSheetScreen))
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        now = app.library.get(asking.id)
        assert now.recruiter is not None and now.recruiter.direct_contact == "forward"
        debrief_calls = [f for f in now.follow_ups if f.kind == "recruiter_debrief"]
        assert debrief_calls and all(not f.is_open for f in debrief_calls)


async def test_editing_when_moves_only_the_open_rule_made_follow_ups(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await start_zephyr(pilot, "today 8am")
        await pilot.press("tab", "tab")
        await paste(pilot, "dana@zephyr.example")
        await pilot.press("ctrl+n")
        await paste(pilot, "Lee Park")
        await pilot.press("tab", "tab")
        await paste(pilot, "lee@zephyr.example")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        await pilot.press("escape")
        new = find(app, "Zephyr Works")
        thanks = {f.person: f for f in new.follow_ups if f.kind == "thank_you"}
        check_in = next(f for f in new.follow_ups if f.kind == "check_in")
        # Dana's thank-you is done, Lee's snoozed, and a custom follow-up is added.
        app.library.update(
            new.id, "setup", lambda i: setattr(i.follow_ups[0], "done_at", datetime(2026, 11, 25))
        )
        assert app.library.get(new.id).follow_ups[0].id == thanks["Dana Whitfield"].id
        app.library.update(
            new.id,
            "setup",
            lambda i: snooze(i, thanks["Lee Park"].id, datetime(2026, 11, 27, 9, 0)),
        )
        before = {f.id: f.due for f in app.library.get(new.id).follow_ups}

        await app.open_debrief(new.id)
        await pilot.pause()
        assert app.screen.sub_title == "Edit debrief"
        assert "Edit debrief" in screen_text(app).splitlines()[0]
        assert form(app).query_one("#f-company", Input).value == "Zephyr Works"
        await pilot.press("tab", "tab", "tab", "ctrl+u")
        await paste(pilot, "tomorrow 8am")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # still ahead
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        after = {f.id: f for f in app.library.get(new.id).follow_ups}
        assert after[thanks["Dana Whitfield"].id].due == before[thanks["Dana Whitfield"].id]
        assert after[thanks["Lee Park"].id].due == datetime(2026, 11, 27, 9, 0)  # snoozed
        assert after[check_in.id].due == datetime(2026, 12, 3, 9, 0)  # moved a day
        shown = static_text(app, "#scheduled")
        assert "Moved: Check in about the decision, now due Thu 3 Dec 09:00" in shown
        assert "Thank-you" not in shown


async def test_editor_on_ctrl_e_gives_the_field_its_text_back(
    tmp_path: Path, monkeypatch: Any
) -> None:
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\nprintf "added by the editor\\n" >> "$1"\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(script))
    monkeypatch.delenv("VISUAL", raising=False)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        area = form(app).query_one("#f-notes", TextArea)
        area.focus()
        await pilot.pause()
        await type_text(pilot, "first line")
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "added by the editor" in area.text)
        assert area.text == "first line\nadded by the editor"
        # On a one-line field ctrl+e is the line's end, as in any Input: no editor.
        form(app).query_one("#f-company", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+e")
        assert form(app).query_one("#f-company", Input).value == ""


async def test_typed_text_is_kept_in_the_recovery_file_and_offered_back(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    path = recovery_path(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        await type_text(pilot, "Zephyr Works")
        await pilot.press("alt+3")
        await type_text(pilot, "warm and curious")
        await wait_for(pilot, lambda: path.exists(), seconds=4)  # about a second later
        record = only_record(path)
        await wait_for(
            pilot,
            lambda: only_record(path)["values"]["tone"] == "warm and curious",
            seconds=4,
        )
        assert record["values"]["company"] == "Zephyr Works"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        # Quitting keeps it (ctrl+q: the form takes `q` as a letter).
        await pilot.press("q")
        assert isinstance(app.screen, DebriefScreen)
        assert form(app).query_one("#f-tone", Input).value == "warm and curiousq"
        await pilot.press("ctrl+q")  # within the second: quitting writes it
    assert only_record(path)["values"]["tone"] == ("warm and curiousq")

    # The next start offers it back; Restore fills the form.
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        assert "A debrief of Zephyr Works: warm and curiousq" in static_text(app, "#unsaved-what")
        await pilot.press("escape")  # later: kept
        assert path.exists()
        assert isinstance(app.screen, TodayScreen)
        # A new debrief meanwhile keeps its own text apart (regression: it overwrote it).
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await type_text(pilot, "Other Co")
        await pilot.press("ctrl+q")
    slots = json.loads(path.read_text())["slots"]
    assert sorted(r["values"]["company"] for r in slots.values()) == ["Other Co", "Zephyr Works"]
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # Offered oldest first, one after the other: Zephyr Works is restored, Other Co dropped.
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        assert "Zephyr Works" in static_text(app, "#unsaved-what")
        assert "kept Wed 25 Nov 2026, 09:00" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        assert "Other Co" in static_text(app, "#unsaved-what")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.pause()
        assert form(app).query_one("#f-company", Input).value == "Zephyr Works"
        assert form(app).query_one("#f-tone", Input).value == "warm and curiousq"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").debrief.tone == "warm and curiousq"
        await wait_for(pilot, lambda: not path.exists())  # as the form closes


async def test_discard_drops_the_unsaved_text(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    path = recovery_path(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        await type_text(pilot, "Zephyr Works")
        await pilot.press("ctrl+q")
    assert path.exists()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        await pilot.press("d")
        await wait_for(pilot, lambda: not path.exists())
        assert "Discarded the unsaved debrief." in notes(app)


async def test_escape_asks_before_dropping_typed_text(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        await pilot.press("escape")  # nothing typed: leaves at once
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await type_text(pilot, "Zephyr")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        assert form(app).query_one("#f-company", Input).value == "Zephyr"
        await pilot.press("escape")
        await pilot.press("y")
        assert isinstance(app.screen, TodayScreen)
        assert not recovery_path(app.db_path).exists()


async def test_letters_on_a_choice_do_not_leave_the_form(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        form(app).query_one("#f-still_interested", RadioSet).focus()
        await pilot.press("t", "i", "n", "u", "q")
        assert isinstance(app.screen, DebriefScreen)
        assert app.is_running


async def test_interviewer_rows_are_added_and_removed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        await pilot.press("alt+2")
        await paste(pilot, "Dana Whitfield")
        await pilot.press("ctrl+n")
        await paste(pilot, "Lee Park")
        await pilot.press("ctrl+n")
        assert [p["name"] for p in form(app).values()["interviewers"]] == [
            "Dana Whitfield", "Lee Park", "",
        ]  # fmt: skip
        await pilot.press("ctrl+r")  # an empty row goes at once
        assert [p["name"] for p in form(app).values()["interviewers"]] == [
            "Dana Whitfield", "Lee Park",
        ]  # fmt: skip
        assert form(app).focused is not None
        await pilot.press("ctrl+r")  # a filled row asks first
        assert isinstance(app.screen, ConfirmDialog)
        assert "Lee Park" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert [p["name"] for p in form(app).values()["interviewers"]] == ["Dana Whitfield"]


async def test_long_fields_restyle_when_focus_or_theme_changes(tmp_path: Path) -> None:
    """A long field keeps its computed styles between frames (bench/keystroke.py), but not
    past a change of focus or theme."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_form(pilot)
        area = form(app).query_one("#f-notes", TextArea)
        area.focus()
        await pilot.pause()
        await pilot.pause()
        theme = area._theme
        assert theme is not None
        dark = theme.base_style
        assert area._styled_for is not None and "focus" in area._styled_for[1]
        form(app).query_one("#f-company", Input).focus()
        await pilot.pause()
        await pilot.pause()
        assert area._styled_for is not None and "focus" not in area._styled_for[1]
        app.theme = "afterword-light"
        await pilot.pause()
        await pilot.pause()
        assert area._styled_for is not None and area._styled_for[2] == "afterword-light"
        assert theme.base_style != dark  # the light theme's colours, not the dark one's


async def test_a_recruiter_added_later_who_forwards_cancels_finding_the_address(
    tmp_path: Path,
) -> None:
    """Never "done" for an address nobody found: cancelled, saying why; the check-in moves
    to the recruiter and People says "via"."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await start_zephyr(pilot, "today 8am")  # Dana Whitfield, no address
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        await pilot.press("escape")
        new = find(app, "Zephyr Works")
        (finding,) = [f for f in new.follow_ups if f.kind == "find_email"]
        (check_in,) = [f for f in new.follow_ups if f.kind == "check_in"]
        assert check_in.person == "Dana Whitfield"

        await app.open_debrief(new.id)
        await pilot.pause()
        await pilot.press("alt+2", "tab", "tab", "tab")
        assert where(app) == "f-r_name"
        await paste(pilot, "Maya Brooks")
        await pilot.press("tab", "tab", "tab", "tab")
        assert where(app) == "f-direct_contact"
        await pilot.press("right", "right", "enter")  # ask / allowed / [forward]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        shown = static_text(app, "#scheduled")
        assert (
            "Cancelled: Find Dana Whitfield's email address (Maya Brooks forwards the thank-yous)"
            in shown
        )
        assert "Now through Maya Brooks: Check in about the decision" in shown
        saved = (await on_disk(app))[new.id]
        found = next(f for f in saved.follow_ups if f.id == finding.id)
        assert found.cancelled and found.done_at is None
        assert found.reason == "Maya Brooks forwards the thank-yous"
        assert next(f for f in saved.follow_ups if f.id == check_in.id).person == "Maya Brooks"
        await pilot.press("enter")  # the interview: People says how the thank-you goes
        await wait_for(pilot, lambda: isinstance(app.screen, DetailScreen))
        people = static_text(app, "#people")
        assert "Dana Whitfield" in people and "via Maya Brooks" in people
        assert "address needed" not in people


async def test_text_kept_by_an_older_version_without_a_recruiter_saves(tmp_path: Path) -> None:
    """Older recovery files hold `ask` (then the blank form's default) with no recruiter:
    restored, they are not stopped by rule 9 at a field the user never touched."""
    from afterword.compose.debrief_form import DebriefForm

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        values = DebriefForm.blank(NOW).replace(company="Zephyr Works", direct_contact="ask")
        await app.push_screen(DebriefScreen(None, values, restored=True))
        await pilot.pause()
        assert form(app).values()["direct_contact"] == ""
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedScreen))
        assert find(app, "Zephyr Works").recruiter is None
