"""Text that looks like Textual markup, everywhere the app shows text.

Square brackets are ordinary in names and paths (``Kim [2nd round``, ``Dropbox [work]/CV``);
read as markup they were eaten, became styles or a click action (``[@click=app.quit]``), or
stopped the app with a MarkupError (a ``[/]`` in a name, a config value, an SMTP reply). Here
they fill every text field of an interview, the profile and a config value; the app is walked
through every screen, dialog and notification, and must show each of them as it is.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._toast import Toast

from afterword.store.recovery import Recovery, recovery_path
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import RestoreDialog
from afterword.tui.screens.emails import EmailsScreen
from afterword.tui.screens.help import HelpScreen
from afterword.tui.screens.person import AddressDialog
from afterword.tui.widgets.record_table import RecordTable
from tests.faults.helpers import cli_env, run_cli
from tests.smtp_servers import free_port
from tests.tui.helpers import loaded, make_app, notes, screen_text, wait_for

# Every kind of bracket that went wrong: a tag that closes nothing, one that opens a style,
# a click action, a bracket before a digit, a "tag" in a path, and a bracket at the end.
HOSTILE = "Kim [2nd round [/] [b] [@click=app.quit] Dropbox [work]/x ["
REFUSAL = "550 5.1.1 [/] no such [b]user[/b] here [@click=app.quit]"
BIG = (250, 80)  # every field on one line


def hostile(field: str) -> str:
    return f"{field} {HOSTILE}"


def interview_document() -> dict[str, Any]:
    debrief = {
        key: hostile(key)
        for key in (
            "tone",
            "focus",
            "went_well",
            "went_poorly",
            "next_steps",
            "remember",
            "reinforce",
            "recoup",
            "notes",
        )
    }
    person = hostile("Dana")
    return {
        "format": "afterword",
        "version": 1,
        "interviews": [
            {
                "company": hostile("Acme"),
                "role": hostile("Engineer"),
                "stage": hostile("Onsite"),
                "when": "2026-11-25T08:00:00",
                "where": hostile("Room"),
                "interviewers": [
                    {"name": person, "title": hostile("Lead"), "email": "dana@acme.example"},
                    {"name": hostile("Lee"), "title": hostile("Designer"), "email": ""},
                ],
                "recruiter": {
                    "name": hostile("Sam"),
                    "agency": hostile("Agency"),
                    "email": "sam@agency.example",
                    "phone": "",
                    "direct_contact": "allowed",
                },
                "debrief": {**debrief, "decision_by": None, "still_interested": "yes"},
                "status": "active",
                "follow_ups": [
                    {
                        "kind": "custom",
                        "title": hostile("Call"),
                        "due": "2026-11-25T10:00:00",
                        "done_at": None,
                        "cancelled": False,
                        "reason": "",
                        "person": "",
                    },
                    {
                        "kind": "find_email",
                        "title": hostile("Find"),
                        "due": "2026-11-25T12:00:00",
                        "done_at": None,
                        "cancelled": False,
                        "reason": "",
                        "person": hostile("Lee"),
                    },
                    {
                        "kind": "recruiter_debrief",
                        "title": hostile("Debrief"),
                        "due": "2026-11-25T11:00:00",
                        "done_at": None,
                        "cancelled": False,
                        "reason": "",
                        "person": "",
                    },
                ],
                "drafts": [
                    {
                        "template": "thank-you",
                        "person": person,
                        "to": ["dana@acme.example"],
                        "cc": [],
                        "subject": hostile("Thanks"),
                        "body": f"Dear Dana,\n\n{hostile('Body')}\n",
                        "state": "draft",
                        "sent_at": None,
                        "edited": True,
                    }
                ],
            }
        ],
    }


def toasts(app: AfterwordApp) -> list[str]:
    """What the notifications on the screen show, as drawn (not as asked for)."""
    return [toast.render().plain for toast in app.screen.query(Toast)]


async def shows(pilot: Pilot[Any], *texts: str) -> None:
    """Each of ``texts`` is on the screen, character for character (one pause to draw)."""
    await pilot.pause()
    drawn = screen_text(pilot.app)  # type: ignore[arg-type]
    for text in texts:
        assert text in drawn, f"{text!r} is not shown as it is:\n{drawn}"


def drawn(app: AfterwordApp, selector: str) -> list[str]:
    """The text of each widget ``selector`` finds, as it draws it (a dialog wraps long lines)."""
    return [str(getattr(w.render(), "plain", "")) for w in app.screen.query(selector)]


async def notified(pilot: Pilot[Any], text: str) -> None:
    app = pilot.app
    assert isinstance(app, AfterwordApp)
    try:
        await wait_for(pilot, lambda: any(text in shown for shown in toasts(app)))
    except AssertionError:
        raise AssertionError(f"{text!r} is not in the notifications shown: {toasts(app)}") from None
    app.clear_notifications()


@pytest.mark.fault("square brackets in every field, the config and an SMTP reply")
async def test_text_like_markup_is_shown_as_it_is_everywhere(tmp_path: Path) -> None:
    data = tmp_path / "hostile.json"
    data.write_text(json.dumps(interview_document()), encoding="utf-8")
    db = tmp_path / "db.json"
    imported = run_cli(["import", str(data)], cli_env(tmp_path, db))
    assert imported.returncode == 0, imported.stderr

    class Refusing:
        async def handle_RCPT(self, *args: Any) -> str:
            return REFUSAL

    smtp = Controller(Refusing(), hostname="127.0.0.1", port=free_port())  # type: ignore[no-untyped-call]
    config = Path(os.environ["AFTERWORD_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        "[profile]\n"
        'name = "Alex Morgan"\n'
        'email = "alex@example.com"\n'
        f"signature = {json.dumps(hostile('Signature'))}\n"
        "[ui]\n"
        'days = "[/]"\n'
        "[mail]\n"
        "cc_recruiter = false\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {smtp.port}\n"
        'smtp_security = "none"\n',
        encoding="utf-8",
    )
    app = make_app(tmp_path, demo=False)
    smtp.start()  # type: ignore[no-untyped-call]
    try:
        async with app.run_test(size=BIG, notifications=True) as pilot:
            await loaded(pilot)
            # the config's bad value, named in a notification
            await notified(pilot, "(found '[/]')")
            # Today: the lead and the follow-ups
            await shows(pilot, hostile("Acme")[:30], hostile("Call")[:40])

            (interview,) = app.library.interviews.values()
            find = next(f for f in interview.follow_ups if f.kind == "find_email")
            agenda = app.screen.query_one(RecordTable)
            agenda.move_cursor(row=agenda.get_row_index(f"{interview.id}/{find.id}"))
            await pilot.press("enter")  # the missing address: the person, a guess
            await wait_for(pilot, lambda: isinstance(app.screen, AddressDialog))
            assert drawn(app, ".dialog-title") == [f"{hostile('Lee')}'s email address"]
            hint = f"{hostile('Designer')}, {hostile('Acme')}, {hostile('Engineer')}"
            assert hint in drawn(app, ".dialog-hint")
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("i")  # Interviews
            await shows(pilot, hostile("Acme")[:28])
            await pilot.press("c")  # Calendar: the interview and its follow-ups today
            await shows(pilot, hostile("Acme")[:28], hostile("Onsite")[:20])

            await pilot.press("i", "enter")  # the detail
            assert isinstance(app.screen, DetailScreen)
            await shows(
                pilot,
                f"{hostile('Acme')} · {hostile('Engineer')}   {hostile('Onsite')}",
                f"· {hostile('Room')} · status active",
                f"  {hostile('Dana')}, {hostile('Lead')} · dana@acme.example",
                f"  Recruiter: {hostile('Sam')} ({hostile('Agency')}) · sam@agency.example",
                *(hostile(key) for key in ("tone", "focus", "went_well", "next_steps", "notes")),
                *(hostile(key) for key in ("went_poorly", "remember", "reinforce", "recoup")),
                hostile("Call"),
                hostile("Thanks"),
                f"Interview ({hostile('Onsite')}) at {hostile('Room')}",
            )
            await pilot.press("x")  # the custom follow-up done
            await notified(pilot, hostile("Call"))
            await pilot.press("u")
            await notified(pilot, f"Undone: marked done: {hostile('Call')}.")

            await pilot.press("z")  # snooze: a phrase the dialog cannot read
            await pilot.press(*"[/]")
            await shows(pilot, "[/]")  # and it names the item, its brackets as they are
            assert drawn(app, ".dialog-title") == [f"Snooze '{hostile('Call')}' until when?"]
            await pilot.press("escape")

            await pilot.press("a")  # add a follow-up titled with brackets
            await pilot.pause()
            app.screen.query_one(Input).value = "Kim [2nd round [/]"
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one(Input).value = "tomorrow 10am"
            await pilot.press("enter")
            await notified(pilot, "Added: Kim [2nd round [/]")

            await pilot.press("s")  # status: the dialog names the company
            await pilot.pause()
            assert drawn(app, ".dialog-title") == [f"Status of {hostile('Acme')}"]
            await pilot.press("escape")

            await pilot.press("p")  # the recruiter call sheet
            await pilot.pause()
            assert drawn(app, ".dialog-title") == [
                f"Call sheet: {hostile('Acme')} · {hostile('Engineer')}"
            ]
            lines = drawn(app, ".call-line")
            assert f"Call  {hostile('Sam')} ({hostile('Agency')})" in lines
            assert f"How it went  {hostile('tone')}" in lines
            assert f"Concerns  {hostile('went_poorly')}" in lines
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("u")
            await notified(pilot, f"Undone: recruiter call for {hostile('Acme')}.")

            await pilot.press("d")  # the debrief form holds them as typed; saved again
            await pilot.pause()
            await shows(pilot, hostile("Acme")[:20])
            await pilot.press("ctrl+s")
            await pilot.pause()
            (saved,) = drawn(app, ".dialog-title")
            assert saved.startswith(f"Saved {hostile('Acme')}. ")
            await pilot.press("enter")  # back to the interview
            await pilot.pause()

            await pilot.press("question_mark")  # help
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")

            await pilot.press("e")  # the emails screen
            await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
            await wait_for(pilot, lambda: app.screen.query_one("#d-subject", Input).value != "")
            await shows(pilot, hostile("Dana")[:30], hostile("Thanks")[:30], hostile("Body"))
            await pilot.press("ctrl+b")
            await notified(pilot, f"Subject: {hostile('Thanks')}")
            assert app.clipboard == f"Dear Dana,\n\n{hostile('Body')}\n"

            await pilot.press("ctrl+g")  # send: the server refuses with brackets
            await pilot.pause()
            await pilot.press("y")
            await notified(pilot, REFUSAL)

            await pilot.press("ctrl+p")  # the palette finds the company
            await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
            await pilot.press(*"acme")
            palette = app.screen

            def hits() -> list[str]:
                found = palette.query_one(CommandList)
                return [
                    str(getattr(found.get_option_at_index(n).prompt, "plain", ""))
                    for n in range(found.option_count)
                ]

            await wait_for(pilot, lambda: any(hostile("Acme") in hit for hit in hits()))
            hit = next(hit for hit in hits() if hostile("Acme") in hit)
            assert f"{hostile('Acme')} · {hostile('Engineer')}" in hit
            assert f"active; {hostile('Dana')}" in hit
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running  # no click action ran, nothing crashed
        assert app.return_code in (None, 0)
        assert not app.crashed
    finally:
        smtp.stop()  # type: ignore[no-untyped-call]


@pytest.mark.fault("a lone surrogate and escape sequences in a draft copied with ctrl+b")
async def test_ctrl_b_copies_what_the_email_carries_without_invisible_controls(
    tmp_path: Path,
) -> None:
    """Half a surrogate pair (an import can carry one) made the copy's UTF-8 encoding fail and
    the app die; ESC sequences went to the clipboard as they were, to act on the terminal the
    body is pasted into."""
    document = interview_document()
    record = document["interviews"][0]
    record["recruiter"], record["follow_ups"] = None, []
    body = "Dear Dana,\n\nhalf a pair: \ud800\nA\x1b]52;c;SU5K\x07B\x1b[201~C\x9b31mD\x1b[2J\tE\n"
    record["drafts"][0]["body"] = body
    data = tmp_path / "surrogate.json"
    data.write_text(json.dumps(document), encoding="utf-8")
    db = tmp_path / "db.json"
    imported = run_cli(["import", str(data)], cli_env(tmp_path, db))
    assert imported.returncode == 0, imported.stderr
    app = make_app(tmp_path, demo=False)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await loaded(pilot)
        (interview_id,) = app.library.interviews
        await app.open_drafts(interview_id)
        await wait_for(pilot, lambda: app.screen.query_one("#d-subject", Input).value != "")
        await pilot.press("ctrl+b")
        await notified(pilot, "Copied the body through the terminal only")
        assert app.clipboard == "Dear Dana,\n\nhalf a pair: \ufffd\nA]52;c;SU5KB[201~C31mD[2J\tE\n"
        assert app.is_running
    assert not app.crashed


@pytest.mark.fault("a hand-edited recovery record of the wrong types")
async def test_a_recovery_record_of_wrong_types_is_kept_as_text_and_not_offered_again(
    tmp_path: Path,
) -> None:
    """A `.recovery` slot with ``"company": 123`` and ``"interviewers": [1, {"name": null}]``
    (a hand edit, another version) crashed *Restore* at every start. It is moved to a file of
    its own to copy from, the user is told where, and it is not offered again."""
    debrief = {
        "kind": "debrief",
        "interview_id": None,
        "saved_at": "2026-11-25T08:30:00",
        "values": {
            "company": 123,
            "went_well": "the system design part",
            "interviewers": [1, {"name": None}],
        },
    }
    draft = {
        "kind": "draft",
        "interview_id": "nowhere",
        "draft_id": "d1",
        "to": "dana@acme.example",
        "subject": "Thanks",
        "body": "Dear Dana, thank you",
    }
    db = tmp_path / "db.json"
    recovery = recovery_path(db)
    recovery.write_text(
        json.dumps(
            {
                "format": "afterword-recovery",
                "version": 1,
                "slots": {"debrief:1": debrief, "draft:nowhere:1": draft},
            }
        ),
        encoding="utf-8",
    )
    app = make_app(tmp_path, demo=False)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.pause()
        if isinstance(app.screen, RestoreDialog):
            await pilot.press("r")  # what a user does with a restore offer
            await pilot.pause()
        await wait_for(pilot, lambda: len(notes(app)) >= 2)
        assert app.is_running and not isinstance(app.screen, RestoreDialog)
        told = " ".join(notes(app))
    assert not app.crashed
    kept = sorted(tmp_path.glob(f"{recovery.name}.*.json"))
    assert len(kept) == 2, kept
    assert [json.loads(path.read_text(encoding="utf-8")) for path in kept] == [debrief, draft]
    for path in kept:
        assert str(path) in told
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "company is not text" in told and "to is not a list of addresses" in told
    assert Recovery(db).records() == {}  # not offered again

    again = make_app(tmp_path, demo=False)
    async with again.run_test(size=BIG, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.pause()
        assert not isinstance(again.screen, RestoreDialog)
        assert notes(again) == []
