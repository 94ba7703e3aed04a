"""The emails screen: the route's drafts, live proofreading, the hand-off keys, sending to a
real local SMTP server, and nothing typed lost."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, TextArea

from afterword import paths
from afterword.config import Config, MailSettings, Profile
from afterword.domain.model import Debrief, Interview, Person, Recruiter
from afterword.domain.schedule import schedule_follow_ups
from afterword.store.recovery import recovery_path
from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, RestoreDialog
from afterword.tui.screens.emails import EmailsScreen, SendDialog
from tests.smtp_servers import DroppingServer, Server
from tests.tui.helpers import (
    SIZE,
    loaded,
    make_app,
    notes,
    on_disk,
    row_text,
    screen_text,
    wait_for,
)

ALEX = Profile(name="Alex Morgan", email="alex@example.com")


def settings(**mail: Any) -> Config:
    return Config(profile=ALEX, mail=MailSettings(**mail))


def acme(direct_contact: str | None = "ask", lee_email: str = "lee.chen@acme.example") -> Interview:
    interview = Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", "Eng Manager", "dana.whitfield@acme.example"),
            Person("Lee Chen", "Staff Engineer", lee_email),
        ],
        recruiter=None
        if direct_contact is None
        else Recruiter(
            "Sam Ortiz", "TalentBridge", "sam@tb.example", direct_contact=direct_contact
        ),
        debrief=Debrief(
            tone="warm",
            went_well="The design round flowed.",
            decision_by=date(2026, 11, 27),
            remember="we both started out writing firmware for weather stations",
            reinforce="I have run exactly this kind of migration twice",
        ),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    return interview


async def open_acme(pilot: Pilot[Any], interview: Interview, **want: str) -> EmailsScreen:
    """Open the emails of ``interview`` and wait until the screen shows them."""
    app = await loaded(pilot)
    app.library.put(interview, "Added Acme")
    await app.open_drafts(interview.id, **want)
    screen = app.screen
    assert isinstance(screen, EmailsScreen)
    await wait_for(pilot, lambda: bool(screen.current), seconds=10)
    # ... and drawn: the list's rows and the note come on the next refreshes.
    subject = screen.query_one("#d-subject", Input)
    await wait_for(pilot, lambda: bool(subject.value) and subject.value[:30] in screen_text(app))
    await wait_for(pilot, lambda: len(screen_text(app).split(" For ")) > 1)
    await pilot.pause(0.1)
    return screen


def body(screen: EmailsScreen) -> TextArea:
    return screen.query_one("#d-body", TextArea)


def shown(screen: EmailsScreen) -> tuple[str, str]:
    draft = screen._draft()
    assert draft is not None
    return draft.template, draft.person


async def test_ask_offers_the_recruiter_email_first_and_holds_the_thank_yous(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme("ask"))
        drafts = app.library.get(screen.interview_id).drafts
        assert [(d.template, d.person) for d in drafts] == [
            ("ask-recruiter", "Sam Ortiz"),
            ("thank-you", "Dana Whitfield"),
            ("thank-you", "Lee Chen"),
        ]
        assert shown(screen) == ("ask-recruiter", "Sam Ortiz")
        assert screen.query_one("#d-to", Input).value == "Sam Ortiz <sam@tb.example>"
        # The list draws its rows on the next refresh after it is filled.
        await wait_for(pilot, lambda: screen_text(app).count("waiting for Sam Ortiz's answer") == 2)
        await pilot.press("ctrl+down")
        assert shown(screen) == ("thank-you", "Dana Whitfield")
        assert "Record the answer on the call sheet" in screen_text(app)
        await pilot.press("ctrl+g")
        assert "Not yet: waiting for Sam Ortiz's answer." in notes(app)
        assert not isinstance(app.screen, SendDialog)


async def test_allowed_puts_the_recruiter_in_cc_and_forward_makes_one_email(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme("allowed"))
        assert shown(screen) == ("thank-you", "Dana Whitfield")
        assert screen.query_one("#d-cc", Input).value == "Sam Ortiz <sam@tb.example>"
        await pilot.press("escape")
        forwarded = acme("forward")
        screen = await open_acme(pilot, forwarded)
        drafts = app.library.get(forwarded.id).drafts
        assert [(d.template, d.person) for d in drafts] == [("via-recruiter", "Sam Ortiz")]
        assert "--- For Dana Whitfield ---" in body(screen).text
        assert "--- For Lee Chen ---" in body(screen).text


async def test_a_missing_address_is_held_and_the_guess_is_one_key_away(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None, lee_email=""), person="Lee Chen")
        assert shown(screen) == ("thank-you", "Lee Chen")
        text = screen_text(app)
        assert "Address needed for Lee Chen. Perhaps lee.chen@acme.example" in text
        assert "verify it" in text
        await pilot.press("ctrl+g")
        assert "Not yet: address needed." in notes(app)
        await pilot.press("ctrl+n")
        assert screen.query_one("#d-to", Input).value == "Lee Chen <lee.chen@acme.example>"
        await pilot.press("ctrl+s")
        lee = next(d for d in app.library.get(screen.interview_id).drafts if d.person == "Lee Chen")
        assert lee.to == ["Lee Chen <lee.chen@acme.example>"]


async def send_to_dana(
    pilot: Pilot[Any], ends: str
) -> tuple[EmailsScreen, Interview, dict[str, str]]:
    """Open Dana's thank-you, ctrl+g, read the dialog's headers, y, wait for state ``ends``."""
    app = pilot.app
    interview = acme(None)
    screen = await open_acme(pilot, interview, person="Dana Whitfield")
    await pilot.press("ctrl+g")
    await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
    dialog = app.screen
    assert isinstance(dialog, SendDialog)
    rows = dict(dialog.rows)
    await pilot.press("y")
    library = screen.afterword.library
    await wait_for(pilot, lambda: library.get(interview.id).drafts[0].state == ends, seconds=10)
    return screen, interview, rows


async def test_sending_shows_the_exact_headers_then_sends_once_and_closes_the_follow_up(
    tmp_path: Path, smtp_server: Server
) -> None:
    config = settings(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_security="none")
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen, interview, rows = await send_to_dana(pilot, "sent")
        assert rows == {
            "From": "Alex Morgan <alex@example.com>",
            "To": "Dana Whitfield <dana.whitfield@acme.example>",
            "Subject": "Thank you, Dana: Backend Engineer at Acme Robotics",
        }
        draft_id = screen.current
        assert len(smtp_server.handler.received) == 1
        received = smtp_server.handler.received[0]
        import email
        import email.policy

        message = email.message_from_bytes(received.content, policy=email.policy.default)
        for name, value in rows.items():
            assert str(message[name]) == value
        stored = (await on_disk(app))[interview.id]
        draft = next(d for d in stored.drafts if d.id == draft_id)
        assert draft.state == "sent" and draft.message_id == str(message["Message-ID"])
        thank_you = next(
            f for f in stored.follow_ups if f.kind == "thank_you" and f.person == "Dana Whitfield"
        )
        assert thank_you.done_at is not None
        assert "Sent; its follow-up is done." in notes(app)
        await pilot.press("ctrl+g")  # again: nothing goes out
        assert not isinstance(app.screen, SendDialog)
        assert len(smtp_server.handler.received) == 1
        assert body(screen).read_only
        # A sent email keeps only the keys that still do something for it.
        for action in ("regenerate", "save", "mail_client", "edit_externally", "use_guess"):
            assert screen.check_action(action, ()) is False, action
        assert screen.check_action("send", ()) and screen.check_action("pick_template", ())


async def test_a_connection_lost_after_data_is_never_sent_again_by_itself(
    tmp_path: Path, dropping_server: DroppingServer
) -> None:
    config = settings(smtp_host="127.0.0.1", smtp_port=dropping_server.port, smtp_security="none")
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen, interview, _ = await send_to_dana(pilot, "unknown")
        assert dropping_server.connections == 1
        assert "may have been sent" in screen_text(app)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("escape")
        assert dropping_server.connections == 1  # pressing send again sent nothing
        stored = (await on_disk(app))[interview.id]
        assert stored.drafts[0].state == "unknown"
        assert screen.current == stored.drafts[0].id


async def test_findings_show_live_and_enter_moves_the_cursor_there(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        area = body(screen)
        area.focus()
        area.move_cursor((0, 0))
        await pilot.press("delete", "delete", "delete", "delete")  # "Dear " stays
        for key in "Dnaa":
            await pilot.press(key)
        assert area.text.startswith("Dnaa Dana,") or area.text.startswith("Dnaa ")
        await wait_for(
            pilot, lambda: any(f.kind == "name_spelling" for f in screen.findings), seconds=10
        )
        finding = next(f for f in screen.findings if f.kind == "name_spelling")
        options = screen.query_one("#findings", OptionList)
        await pilot.press("ctrl+f")
        assert app.focused is options
        options.highlighted = screen.findings.index(finding)
        await pilot.press("enter")
        assert app.focused is area
        assert area.selection.start == (finding.line - 1, finding.column - 1)


async def test_rewrite_asks_before_dropping_edits(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        original = body(screen).text
        body(screen).focus()
        await pilot.press("end", "!", "!")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        assert body(screen).text != original
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: body(screen).text == original, seconds=10)


async def test_an_endless_user_template_is_stopped_and_the_app_keeps_working(
    tmp_path: Path,
) -> None:
    folder = paths.templates_dir()
    folder.mkdir(parents=True)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    (folder / "forever.j2").write_text(f"Subject: x\n\n{loop}\n", encoding="utf-8")
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        await pick(pilot, "forever")
        # While it renders, the app answers keys.
        await pilot.press("ctrl+down")
        assert shown(screen) == ("thank-you", "Lee Chen")
        # 3 s of rendering, then the child is stopped; a busy CI machine may take a while to
        # start the child at all.
        await wait_for(pilot, lambda: any("forever" in n for n in notes(app)), seconds=30)
        # The wall-clock limit says so; on a loaded machine the child's CPU limit may stop it
        # first, which says "too much time or memory": stopped either way, and named.
        message = next(n for n in notes(app) if "forever" in n)
        assert "took more than 3 seconds" in message or "was stopped" in message, message
        assert message.startswith(f"Template forever ({folder / 'forever.j2'})")


async def test_typed_text_survives_and_is_offered_back(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    path = recovery_path(tmp_path / "db.json")
    async with app.run_test(size=SIZE) as pilot:
        interview = acme(None)
        screen = await open_acme(pilot, interview, person="Dana Whitfield")
        body(screen).focus()
        body(screen).move_cursor(body(screen).document.end)
        for key in "PS: see you soon":
            await pilot.press("space" if key == " " else key)
        await wait_for(pilot, lambda: path.exists(), seconds=4)
        await pilot.press("ctrl+q")
    slots = json.loads(path.read_text())["slots"]
    (record,) = slots.values()
    assert record["kind"] == "draft" and record["body"].endswith("PS: see you soon")
    assert record["person"] == "Dana Whitfield"

    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, RestoreDialog))
        assert "An email to Dana Whitfield (Acme Robotics)" in screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        await pilot.pause()
        assert shown(screen) == ("thank-you", "Dana Whitfield")
        assert body(screen).text.endswith("PS: see you soon")
        await pilot.press("escape")
        stored = (await on_disk(app))[interview.id]
        dana = next(d for d in stored.drafts if d.person == "Dana Whitfield")
        assert dana.body.endswith("PS: see you soon") and dana.edited
    assert not path.exists()


async def test_enter_on_a_thank_you_follow_up_opens_its_draft(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        app = await loaded(pilot)
        interview = acme(None)
        app.library.put(interview, "Added Acme")
        await pilot.pause()
        from tests.tui.helpers import table

        grid = table(app)
        lee = next(
            f for f in interview.follow_ups if f.kind == "thank_you" and f.person == "Lee Chen"
        )
        row = grid.get_row_index(f"{interview.id}/{lee.id}")
        grid.move_cursor(row=row)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        assert shown(screen) == ("thank-you", "Lee Chen")


async def test_the_palette_finds_the_emails_and_the_drafting_keys(tmp_path: Path) -> None:
    from tests.tui.test_palette import search

    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        found = await search(pilot, "emails acme", "Emails: Acme Robotics · Data Engineer")
        assert found
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        for name in ("Send", "Copy", ".eml", "Mail", "Rewrite", "Template", "Findings"):
            await search(pilot, name, name)
            await pilot.press("escape")
        await search(pilot, ".eml", ".eml")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(n.startswith("Wrote ") for n in notes(app)))
        written = next(n for n in notes(app) if n.startswith("Wrote "))
        path = Path(written.removeprefix("Wrote ").split(" (")[0])
        assert path.stat().st_mode & 0o777 == 0o600
        assert "To: dana.iyer@acme.example" in path.read_text()


async def test_moves_the_screen_makes_in_the_list_never_switch_the_draft(tmp_path: Path) -> None:
    """Regression: after a send the list was filled again, and the cursor moves this made
    arrived later as if the user had moved, switching the draft under the fields."""
    from textual.widgets import DataTable

    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None, lee_email=""), person="Lee Chen")
        body(screen).focus()
        table = screen.query_one("#draft-list", DataTable)
        table.move_cursor(row=0)  # Dana's row, moved by the program while typing in the body
        await pilot.pause(0.2)
        assert shown(screen) == ("thank-you", "Lee Chen")
        await pilot.press("ctrl+n")
        assert screen.query_one("#d-to", Input).value == "Lee Chen <lee.chen@acme.example>"
        # The user moving in the list does switch.
        table.focus()
        await pilot.press("j", "k")
        await pilot.pause(0.2)
        assert shown(screen) == ("thank-you", "Dana Whitfield")


async def test_a_crash_shows_no_local_variables_so_no_secret(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """Textual prints a crash's traceback with every frame's local variables; a password or a
    private note held in one must not reach the terminal (or a pasted bug report)."""
    import pytest
    from rich.console import Console

    from afterword.compose.secrets import Secret

    def crash(self: EmailsScreen) -> None:
        # Built at run time, so the traceback's source lines cannot show them: only locals could.
        password = Secret("".join(["pl4", "nted-S3cret"]))
        plain = "-".join(["pl4" + "nted", "in", "a", "local"])
        raise RuntimeError(f"copy failed ({len(plain)}, {password!r})")

    monkeypatch.setattr(EmailsScreen, "action_copy_body", crash)
    from afterword.tui.app import AfterwordApp

    printed: list[object] = []
    original = AfterwordApp._print_error_renderables

    def keep(self: AfterwordApp) -> None:
        printed.extend(self._exit_renderables)
        original(self)

    monkeypatch.setattr(AfterwordApp, "_print_error_renderables", keep)
    app = make_app(tmp_path, config=settings())
    with pytest.raises(RuntimeError, match="copy failed"):
        async with app.run_test(size=SIZE) as pilot:
            await open_acme(pilot, acme(None), person="Dana Whitfield")
            await pilot.press("ctrl+b")
            await pilot.pause()
    console = Console(record=True, width=120, file=__import__("io").StringIO())
    for renderable in printed:
        console.print(renderable)
    shown_text = console.export_text()
    assert "RuntimeError" in shown_text and "copy failed" in shown_text
    assert "pl4nted" not in shown_text
    assert "locals" not in shown_text.lower()


async def test_a_applies_the_suggestion_of_a_finding(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        area = body(screen)
        area.load_text(area.text.replace("Dear Dana,", "Dear Dnaa,").replace("a real", "a a real"))
        screen.touched()
        await wait_for(pilot, lambda: len(screen.findings) >= 2, seconds=10)
        kinds = [f.kind for f in screen.findings]
        assert kinds[:2] == ["name_spelling", "repeated_word"], kinds
        await pilot.press("ctrl+f")
        options = screen.query_one("#findings", OptionList)
        options.highlighted = 0
        await pilot.press("a")
        assert area.text.startswith("Dear Dana,")
        await wait_for(pilot, lambda: [f.kind for f in screen.findings] == ["repeated_word"])
        options.highlighted = 0
        await pilot.press("a")
        assert "a a real" not in area.text and "a real pleasure" in area.text
        await wait_for(pilot, lambda: not screen.findings)


async def test_the_mail_client_gets_the_email_and_copy_takes_the_body(tmp_path: Path) -> None:
    import stat

    seen = tmp_path / "seen.eml"
    client = tmp_path / "client.sh"
    client.write_text(f'#!/bin/sh\ncp "$2" {seen}\n', encoding="utf-8")
    client.chmod(client.stat().st_mode | stat.S_IXUSR)
    config = settings(client_command=f"{client} -H {{file}}")
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        interview = acme(None)
        screen = await open_acme(pilot, interview, person="Dana Whitfield")
        await pilot.press("ctrl+b")
        assert app.clipboard == body(screen).text
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        text = seen.read_text(encoding="utf-8")
        assert "To: Dana Whitfield <dana.whitfield@acme.example>" in text
        assert "Subject: Thank you, Dana: Backend Engineer at Acme Robotics" in text
        await pilot.press("y")  # sent from the client
        stored = (await on_disk(app))[interview.id]
        dana = next(d for d in stored.drafts if d.person == "Dana Whitfield")
        assert dana.state == "sent"
        thank_you = next(
            f for f in stored.follow_ups if f.kind == "thank_you" and f.person == "Dana Whitfield"
        )
        assert thank_you.done_at is not None


async def test_enter_on_a_check_in_writes_the_check_in(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        app = await loaded(pilot)
        interview = acme("allowed")
        app.library.put(interview, "Added Acme")
        await pilot.pause()
        check_in = next(f for f in interview.follow_ups if f.kind == "check_in")
        from tests.tui.helpers import table

        grid = table(app)
        grid.move_cursor(row=grid.get_row_index(f"{interview.id}/{check_in.id}"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        screen = app.screen
        assert isinstance(screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(screen.current), seconds=10)
        assert shown(screen) == ("check-in", "Sam Ortiz")
        assert body(screen).text.startswith("Dear Sam,")
        assert "decision by Friday 27 November" in body(screen).text


async def pick(pilot: Pilot[Any], template: str) -> None:
    app = pilot.app
    await pilot.press("ctrl+t")
    await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog))
    options = app.screen.query_one(OptionList)
    options.highlighted = next(
        n for n in range(options.option_count) if options.get_option_at_index(n).id == template
    )
    await pilot.press("enter")


async def test_a_template_on_a_sent_email_writes_a_new_one_and_follows_its_recipient(
    tmp_path: Path,
) -> None:
    from afterword.domain.model import Draft

    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        interview = acme("allowed")
        interview.drafts.append(
            Draft(
                template="thank-you",
                person="Dana Whitfield",
                to=["Dana Whitfield <dana.whitfield@acme.example>"],
                subject="Thank you",
                body="Dear Dana,\n",
                state="sent",
                sent_at=datetime(2026, 11, 24, 18, 0),
            )
        )
        screen = await open_acme(pilot, interview, person="Lee Chen")
        await pilot.press("ctrl+up")
        assert shown(screen) == ("thank-you", "Dana Whitfield")
        await pick(pilot, "close-out")
        await wait_for(pilot, lambda: shown(screen) == ("close-out", "Dana Whitfield"), seconds=10)
        drafts = app.library.get(interview.id).drafts
        assert [(d.template, d.state) for d in drafts].count(("thank-you", "sent")) == 1
        assert body(screen).text.startswith("Dear Dana,") and "not heard back" in body(screen).text
        # On a draft not sent, another template rewrites it, addressed as that template wants.
        await pick(pilot, "ask-recruiter")
        await wait_for(pilot, lambda: shown(screen) == ("ask-recruiter", "Sam Ortiz"), seconds=10)
        assert screen.query_one("#d-to", Input).value == "Sam Ortiz <sam@tb.example>"
        assert len(app.library.get(interview.id).drafts) == len(drafts)


async def test_sending_the_last_check_in_offers_the_close_out(
    tmp_path: Path, smtp_server: Server
) -> None:
    """Rule 5 after a send as after `x`: the last check-in done, the note says so and `o` back
    on Today closes that lead out."""
    from afterword.domain.model import FollowUp
    from afterword.tui.screens.today import TodayScreen

    config = settings(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_security="none")
    app = make_app(tmp_path, config=config)
    done = datetime(2026, 11, 20, 9)
    async with app.run_test(size=SIZE) as pilot:
        interview = acme(None)
        interview.follow_ups = [
            FollowUp("check_in", datetime(2026, 11, 20, 9), "Check in", done_at=done),
            FollowUp("check_in", datetime(2026, 11, 25, 9), "Check in (second)"),
        ]
        screen = await open_acme(pilot, interview, template="check-in")
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: any("last check-in" in n for n in notes(app)), seconds=10)
        (note,) = [n for n in notes(app) if "last check-in" in n]
        assert "Acme Robotics" in note and "press o" in note
        stored = app.library.get(interview.id)
        assert [f.kind for f in stored.follow_ups if f.is_open] == []  # no third check-in
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert app.screen.close_out_for == interview.id  # type: ignore[attr-defined]
        await pilot.press("o")
        await wait_for(pilot, lambda: app.library.get(interview.id).status == "cold")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        assert screen is not app.screen
        await pilot.pause()


async def findings_of(pilot: Pilot[Any], screen: EmailsScreen, text: str) -> list[str]:
    """Put ``text`` in the body and wait for its findings, the dictionary's too (by kind)."""
    app = screen.afterword
    await wait_for(pilot, lambda: app.spelling is not None, seconds=10)
    body(screen).load_text(text)
    screen.touched()
    await wait_for(
        pilot, lambda: screen.proofreading.due is None and screen.proofreading.results is None
    )
    await wait_for(pilot, lambda: any(f.kind == "spelling" for f in screen.findings), seconds=10)
    return [f.kind for f in screen.findings]


async def test_w_puts_a_spelling_findings_word_in_the_word_list_and_checks_again(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        text = body(screen).text.replace(
            "Best regards,", "We spoke of zorbleflux and of quindlewort.\n\nBest regards,"
        )
        await findings_of(pilot, screen, text)
        words = paths.user_folder() / "words.txt"
        spelt = [f for f in screen.findings if f.kind == "spelling"]
        assert len(spelt) == 2 and not words.exists()
        await pilot.press("ctrl+f")
        options = screen.query_one("#findings", OptionList)
        options.highlighted = screen.findings.index(spelt[1])  # the one picked goes in
        await pilot.press("w")
        assert words.read_text(encoding="utf-8") == "quindlewort\n"
        assert "Added quindlewort to your word list" in notes(app)[-1]
        await wait_for(pilot, lambda: sum(f.kind == "spelling" for f in screen.findings) == 1)
        assert options.highlighted is None
        await pilot.press("w")  # none picked: the first spelling finding's word
        assert words.read_text(encoding="utf-8") == "quindlewort\nzorbleflux\n"
        await wait_for(pilot, lambda: not any(f.kind == "spelling" for f in screen.findings))
        assert app.spelling is not None and not app.spelling.unknown(["zorbleflux"])


async def test_w_on_a_finding_that_is_not_spelling_adds_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        text = (
            body(screen)
            .text.replace("Dear Dana,", "Dear Dnaa,")
            .replace("Best regards,", "We spoke of zorbleflux.\n\nBest regards,")
        )
        await findings_of(pilot, screen, text)
        assert screen.findings[0].kind == "name_spelling"
        await pilot.press("ctrl+f")
        screen.query_one("#findings", OptionList).highlighted = 0
        await pilot.press("w")
        assert "Only the word of a spelling finding" in notes(app)[-1]
        assert not (paths.user_folder() / "words.txt").exists()


async def test_a_with_no_finding_picked_applies_the_first_fix(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        area = body(screen)
        area.load_text(area.text.replace("Dear Dana,", "Dear Dnaa,").replace("a real", "a a real"))
        screen.touched()
        await wait_for(pilot, lambda: len(screen.findings) >= 2, seconds=10)
        await pilot.press("ctrl+f")
        options = screen.query_one("#findings", OptionList)
        assert options.highlighted is None
        await pilot.press("a")
        assert area.text.startswith("Dear Dana,")
        await wait_for(pilot, lambda: [f.kind for f in screen.findings] == ["repeated_word"])
        await pilot.press("a")
        assert "a a real" not in area.text
        await wait_for(pilot, lambda: not screen.findings)
        await pilot.press("a", "w")  # nothing left: it says so
        assert notes(app)[-2:] == ["No findings: nothing to fix.", "No findings: no word to add."]


async def test_the_findings_keys_are_in_the_key_bar_and_in_help(tmp_path: Path) -> None:
    from afterword.tui.screens.help import HelpScreen
    from afterword.tui.widgets.key_bar import KeyBar

    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        await pilot.press("ctrl+f")
        await pilot.pause()
        shown = {(key, words) for key, _, words, _ in screen.query_one(KeyBar).shown_keys()}
        assert {("a", "Apply fix"), ("w", "Add word")} <= shown
        assert "w Add word" in screen_text(app)
        screen.query_one("#draft-list").focus()  # from elsewhere too, `?` names them
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = app.screen.query_one("#keys", DataTable)
        rows = [row_text(keys, n) for n in range(keys.row_count)]
        group = rows.index(["In the findings (ctrl+f)", ""])
        assert rows[group + 1 : group + 3] == [["a", "Apply fix"], ["w", "Add word"]]


async def test_help_names_the_findings_keys_as_the_keymap_moved_them(tmp_path: Path) -> None:
    from afterword.tui.screens.help import HelpScreen

    keymap = {"emails.findings": "f6", "emails.add_word": "ctrl+w"}
    app = make_app(tmp_path, config=Config(profile=ALEX, keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        screen.query_one("#draft-list").focus()
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = app.screen.query_one("#keys", DataTable)
        rows = [row_text(keys, n) for n in range(keys.row_count)]
        group = rows.index(["In the findings (f6)", ""])
        assert rows[group + 1 : group + 3] == [["a", "Apply fix"], ["ctrl+w", "Add word"]]


async def test_the_send_dialog_says_how_many_findings_are_still_open(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        await wait_for(pilot, lambda: app.spelling is not None, seconds=10)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
        dialog = app.screen
        assert isinstance(dialog, SendDialog)
        assert (dialog.warnings, dialog.notes) == ([], ["No proofreading findings."])
        await pilot.press("n")
        area = body(screen)
        area.focus()
        # typed just now: the dialog counts the text as it is, not the panel a pause behind
        area.load_text(area.text.replace("Dear Dana,", "Dear Dnaa,").replace("a real", "a a real"))
        screen.touched()
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
        dialog = app.screen
        assert isinstance(dialog, SendDialog)
        assert dialog.warnings == ["2 proofreading findings still open (ctrl+f shows them)."]
        assert "2 proofreading findings still open (ctrl+f shows them)." in screen_text(app)
        await pilot.press("n")


async def test_an_unsigned_draft_is_a_finding_shown_as_text(tmp_path: Path) -> None:
    """No name in the profile: the draft ends at its sign-off with nothing under it, and the
    panel says so, with "[profile]" as written (never read as markup)."""
    app = make_app(tmp_path, config=Config(profile=Profile(name="", email="alex@example.com")))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        assert body(screen).text.rstrip().endswith("Best regards,")
        await wait_for(pilot, lambda: any(f.kind == "missing_signoff" for f in screen.findings))
        options = screen.query_one("#findings", OptionList)
        await wait_for(pilot, lambda: options.get_option_at_index(0).id == "0")
        shown = options.get_option_at_index(0).prompt
        assert "([profile] name in config.toml fills it)." in getattr(shown, "plain", shown)
        assert "([profile] name in" in screen_text(app)


async def test_the_four_rs_panel_shows_a_generic_r_as_missing_with_what_would_fill_it(
    tmp_path: Path,
) -> None:
    from textual.widgets import Static

    interview = acme(None)
    interview.debrief.went_well = ""
    interview.debrief.reinforce = ""
    interview.debrief.went_poorly = "fumbled the question on Kafka partition rebalancing"
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, interview, person="Dana Whitfield")
        assert "Kafka partition rebalancing" in body(screen).text  # the recoup, from the debrief
        assert "fumbled" not in body(screen).text
        panel = screen.query_one("#four-rs", Static)
        hint = "nothing from your debrief yet; fill 'What went well' or the Reinforce line"
        await wait_for(pilot, lambda: hint in str(panel.render()), seconds=10)
        shown = str(panel.render())
        assert "✗ Reinforce" in shown and "✓ Recoup" in shown and "✓ Reminder" in shown
