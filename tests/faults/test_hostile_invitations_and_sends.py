"""Hostile invitations and impatient sends: a time-zone bomb, 10,000 attendees, a broken link
in Downloads, two .eml files with one name, and ctrl+g pressed twice while the password is read.

Each test injects exactly the input of the review (`reviews/security-2026-12-mail.md`, tries
12b, 22, 23, 25 and 26) into the real command line or the real app.
"""

from __future__ import annotations

import os
import resource
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import Input

from afterword.tui import invitation as tui_invitation
from afterword.tui.invitation import InvitationDialog, newest_invitation
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.emails import SendDialog
from afterword.tui.stopping import STOP_GRACE
from tests.e2e.helpers import NEEDS_TMUX_AND_APP, NOW_TEXT, Run, demo_database, starting
from tests.faults.helpers import assert_one_line_error, cli_env
from tests.faults.test_debrief_recovery import assert_terminal_restored
from tests.smtp_servers import PASSWORD, Server
from tests.tui.helpers import SIZE, loaded, make_app, notes, on_disk, wait_for
from tests.tui.test_emails import acme, open_acme, settings, shown
from tests.tui.test_invitation_prefill import app_for, field, people

# The reproducer of the review, byte for byte (631 bytes): both rules repeat every second.
TZ_BOMB = (
    "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//x//y//EN",
            "BEGIN:VTIMEZONE",
            "TZID:Evil/Zone",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "RRULE:FREQ=SECONDLY",
            "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0500",
            "TZNAME:EST",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:19700101T000001",
            "RRULE:FREQ=SECONDLY;INTERVAL=2",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
            "TZNAME:EDT",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:abc2@example.com",
            "DTSTAMP:20261125T160000Z",
            "DTSTART;TZID=Evil/Zone:20261202T140000",
            "DTEND;TZID=Evil/Zone:20261202T150000",
            "SUMMARY:Interview: Backend Engineer – Acme Robotics",
            "ATTENDEE;CN=Dana:mailto:dana@acme-robotics.com",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    + "\r\n"
).encode()


def _a_gigabyte_at_most() -> None:  # the bomb grows ~15 MB/s: never let it take the machine
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail (TimeoutError in the main thread) instead of hanging when the app's loop is stuck
    in Python code: a frozen app must not freeze the test run."""

    def expired(number: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: stuck")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def shows(app: Any, key: str) -> str:
    """The form field's value; "" while the filled form is still being put up."""
    try:
        return field(app, key)
    except NoMatches:
        return ""


def downloads() -> Path:
    folder = Path.home() / "Downloads"  # HOME is a fresh folder of each test (conftest)
    folder.mkdir(exist_ok=True)
    return folder


async def ctrl_o(pilot: Pilot[Any], path: Path | None = None) -> InvitationDialog:
    """`n`, then ctrl+o: the dialog, with ``path`` put in (else what it offers), and enter."""
    app = pilot.app
    await loaded(pilot)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, InvitationDialog))
    dialog = app.screen
    assert isinstance(dialog, InvitationDialog)
    if path is not None:
        dialog.query_one("#invitation-path", Input).value = str(path)
    await pilot.press("enter")
    return dialog


# ---------------------------------------------------------------- the time-zone bomb


@pytest.mark.fault("an invitation whose time zone repeats every second (CLI import)")
def test_the_time_zone_bomb_is_refused_by_import_in_one_line(tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(TZ_BOMB)
    db = tmp_path / "afterword.json"
    env = cli_env(tmp_path, db)
    for args in (["import", str(invite), "--dry-run"], ["import", str(invite)]):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "afterword", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=20,
            preexec_fn=_a_gigabyte_at_most,
        )
        assert time.monotonic() - started < 10
        line = assert_one_line_error(result, "invite.ics", "every second", "ask the sender")
        assert "Nothing was imported" in line
    assert not db.exists()


@pytest.mark.fault("an invitation whose time zone repeats every second (the app's ctrl+o)")
async def test_the_time_zone_bomb_through_ctrl_o_is_refused_and_the_form_stays(
    tmp_path: Path,
) -> None:
    (downloads() / "interview-invite.ics").write_bytes(TZ_BOMB)
    app = app_for(tmp_path)
    with deadline(30):
        async with app.run_test(size=SIZE) as pilot:
            dialog = await ctrl_o(pilot)  # the newest in Downloads is offered: the bomb
            assert dialog.suggestion == downloads() / "interview-invite.ics"
            await wait_for(
                pilot, lambda: any("changes every second" in n for n in notes(app)), seconds=10
            )
            assert isinstance(app.screen, DebriefScreen)
            await pilot.press(*"Acme")  # the form answers keys
            assert field(app, "company") == "Acme"


@pytest.mark.fault("a slow invitation file while the app waits (ctrl+o)")
async def test_an_invitation_is_read_off_the_ui_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a file costs to read, the form takes keys meanwhile and fills when it is done."""
    reading, release, done = threading.Event(), threading.Event(), threading.Event()
    real = tui_invitation.read_from

    def slow_read(path: Path, own: Any) -> Any:
        reading.set()
        try:
            release.wait(5)
            return real(path, own)
        finally:
            done.set()

    monkeypatch.setattr(tui_invitation, "read_from", slow_read)
    fixture = Path(__file__).parents[1] / "fixtures" / "invitations" / "google.ics"
    app = app_for(tmp_path)
    with deadline(30):
        async with app.run_test(size=SIZE) as pilot:
            await ctrl_o(pilot, fixture)
            await wait_for(pilot, reading.is_set)
            await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
            app.screen.query_one("#f-tone").focus()
            await pilot.press(*"warm")  # typed while the file is still being read
            answered = field(app, "tone") == "warm" and not done.is_set()
            release.set()
            await wait_for(pilot, lambda: shows(app, "company") == "Acme Robotics")
            assert answered


def attendees_ics(count: int) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//x//y//EN",
        "BEGIN:VEVENT",
        "UID:many@example.com",
        "DTSTAMP:20261125T160000Z",
        "DTSTART:20261202T140000Z",
        "SUMMARY:Interview: Backend Engineer – Acme Robotics",
    ]
    lines += [f"ATTENDEE;CN=Person {n}:mailto:person{n}@acme-robotics.com" for n in range(count)]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


@pytest.mark.fault("an invitation with 10,000 attendees (ctrl+o)")
async def test_ten_thousand_attendees_fill_fifty_rows_and_say_how_many_were_left_out(
    tmp_path: Path,
) -> None:
    invite = tmp_path / "all-hands.ics"
    invite.write_bytes(attendees_ics(10_000))
    app = app_for(tmp_path)
    with deadline(60):
        async with app.run_test(size=SIZE) as pilot:
            await ctrl_o(pilot, invite)
            await wait_for(pilot, lambda: shows(app, "company") == "Acme Robotics", seconds=20)
            rows = people(app)
            assert len(rows) == 50
            assert rows[0] == ("Person 0", "person0@acme-robotics.com")
            assert any("10,000 people" in n and "9,950 left out" in n for n in notes(app))


@pytest.mark.fault("a broken .ics link, a FIFO and a device in Downloads")
def test_a_broken_link_in_downloads_hides_nothing_and_no_fifo_is_offered() -> None:
    folder = downloads()
    real = folder / "real-invite.ics"
    real.write_bytes(attendees_ics(1))
    os.utime(real, (1_000_000, 1_000_000))  # older than all the hostile ones
    (folder / "dangling.ics").symlink_to(folder / "gone.ics")
    (folder / "loop.ics").symlink_to(folder / "loop.ics")
    os.mkfifo(folder / "fifo.ics")
    (folder / "zero.ics").symlink_to("/dev/zero")
    (folder / "folder.ics").mkdir()
    assert newest_invitation([folder]) == real


# ---------------------------------------------------------------- SIGTERM to a frozen app

FREEZE = """
from afterword.tui.screens import debrief

def frozen(self):  # ctrl+o holds the loop, in Python code, as the time-zone bomb did
    while True:
        pass

debrief.DebriefScreen.action_from_invitation = frozen
"""


@pytest.mark.fault("SIGTERM to the app while its loop is frozen")
@pytest.mark.slow
@NEEDS_TMUX_AND_APP[0]
@NEEDS_TMUX_AND_APP[1]
def test_sigterm_ends_a_frozen_app_with_the_terminal_restored(tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(FREEZE)
    db = demo_database(tmp_path)
    with starting(tmp_path, {"AFTERWORD_NOW": NOW_TEXT, "PYTHONPATH": str(hook)}, Run) as start:
        run = start(db)
        run.wait_for_text("Overdue")
        run.press("n")
        run.wait_for_text("New interview")
        run.press("C-o")
        time.sleep(1.0)
        assert run.alive()
        run.signal(signal.SIGTERM)
        assert run.ended(STOP_GRACE + 4), "SIGTERM did not end the frozen app"
        assert run.exit_status() == f"EXIT={128 + signal.SIGTERM}"
        assert_terminal_restored(run)


@pytest.mark.fault("an invitation whose time zone repeats every second (read again later)")
def test_a_refused_zone_does_not_stay_behind_for_the_next_invitation() -> None:
    """icalendar keeps the first zone of each TZID for the whole process: in the app, the bomb
    refused once would set the times of the next invitation naming Evil/Zone, and hang it."""
    from afterword.exchange.invitation import InvitationProblem, read_invitation

    with pytest.raises(InvitationProblem, match="every second"):
        read_invitation(TZ_BOMB, "bomb.ics")
    fixed = TZ_BOMB.replace(b"RRULE:FREQ=SECONDLY;INTERVAL=2\r\n", b"").replace(
        b"RRULE:FREQ=SECONDLY\r\n", b""
    )
    with deadline(15):
        started = time.monotonic()
        invitation = read_invitation(fixed, "invite.ics", local_zone=UTC)
    assert time.monotonic() - started < 2
    assert invitation.when == datetime(2026, 12, 2, 18, 0)  # 14:00 at -04:00 (EDT)


@pytest.mark.fault("an invitation that is /dev/zero or a FIFO (CLI import)")
def test_import_of_a_device_or_a_fifo_named_ics_is_one_line(tmp_path: Path) -> None:
    zero, fifo = tmp_path / "zero.ics", tmp_path / "fifo.ics"
    zero.symlink_to("/dev/zero")
    os.mkfifo(fifo)
    env = cli_env(tmp_path, tmp_path / "afterword.json")
    for hostile in (zero, fifo):
        result = subprocess.run(
            [sys.executable, "-m", "afterword", "import", str(hostile), "--dry-run"],
            env=env,
            capture_output=True,
            text=True,
            timeout=20,
            preexec_fn=_a_gigabyte_at_most,
        )
        assert_one_line_error(result, hostile.name, "not a file")


# ---------------------------------------------------------------- two sends of one draft


async def _send_twice(pilot: Pilot[Any]) -> str:
    """ctrl+g, y; then at once ctrl+g again, and y if a second dialog comes. The draft's id."""
    app = pilot.app
    screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
    draft_id = screen.current
    for _ in range(2):
        await pilot.press("ctrl+g")
        await pilot.pause(0.3)
        if isinstance(app.screen, SendDialog):
            await pilot.press("y")
            await pilot.pause(0.3)
    return draft_id


@pytest.mark.fault("ctrl+g → y twice while a slow password command runs")
async def test_two_sends_of_one_draft_while_the_password_is_read_deliver_one_email(
    tmp_path: Path, auth_server: Server
) -> None:
    slow = f"import time; time.sleep(1.5); print({PASSWORD!r})"
    config = settings(
        smtp_host="127.0.0.1",
        smtp_port=auth_server.port,
        smtp_security="none",
        smtp_user="alex",
        password_command=shlex.join([sys.executable, "-c", slow]),
    )
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        draft_id = await _send_twice(pilot)
        library = app.library  # type: ignore[attr-defined]

        def state() -> str:
            return str(
                next(
                    d for i in library.interviews.values() for d in i.drafts if d.id == draft_id
                ).state
            )

        await wait_for(pilot, lambda: state() == "sent", seconds=20)
        await pilot.pause(2.5)  # a second send, had one started, would have delivered by now
        delivered = [e.content.decode(errors="replace") for e in auth_server.handler.received]
        assert len(delivered) == 1, delivered
        assert any("is being sent now" in note for note in notes(app)), notes(app)
        stored = await on_disk(app)
        draft = next(d for i in stored.values() for d in i.drafts if d.id == draft_id)
        assert draft.state == "sent"


@pytest.mark.fault("u pressed after a send, then ctrl+g again")
async def test_undo_after_a_send_does_not_make_the_email_sendable_again(
    tmp_path: Path, smtp_server: Server
) -> None:
    config = settings(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_security="none")
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, acme(None), person="Dana Whitfield")
        draft_id, library = screen.current, app.library

        def draft() -> Any:
            drafts = (d for i in library.interviews.values() for d in i.drafts)
            return next(d for d in drafts if d.id == draft_id)

        before_send = len(library.undo_stack)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, SendDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: draft().state == "sent" and not library.sending, seconds=10)
        sent = (draft().message_id, draft().sent_at)
        for _ in range(len(library.undo_stack) - before_send):  # every change of the send
            app.action_undo()
        await pilot.pause()
        assert (draft().state, draft().message_id, draft().sent_at) == ("sent", *sent)
        await pilot.press("ctrl+g")
        await pilot.pause(0.3)
        if isinstance(app.screen, SendDialog):  # it was sendable again: send it, to count
            await pilot.press("y")
            await pilot.pause(1.0)
        assert len(smtp_server.handler.received) == 1
        stored = await on_disk(app)
        assert next(d for i in stored.values() for d in i.drafts if d.id == draft_id).is_sent


# ---------------------------------------------------------------- two drafts, one .eml name


@pytest.mark.fault("two drafts whose .eml names would be the same (a 5,000-character company)")
async def test_two_drafts_with_a_long_company_get_two_eml_files(tmp_path: Path) -> None:
    interview = acme(None)
    interview.company = "Acme Robotics " + "x" * 5_000
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, interview, person="Dana Whitfield")
        outbox = app.db_path.parent / "outbox"  # type: ignore[attr-defined]
        written: dict[str, str] = {}
        for person in ("Dana Whitfield", "Lee Chen"):
            for _ in range(5):  # to this person's thank-you
                if shown(screen)[1] == person:
                    break
                await pilot.press("ctrl+down")
                await pilot.pause(0.1)
            assert shown(screen)[1] == person
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: len(list(outbox.glob("*.eml"))) == len(written) + 1)
            new = {p.name for p in outbox.glob("*.eml")} - set(written)
            written[new.pop()] = person
        assert len(written) == 2
        for name, person in written.items():
            assert f"To: {person}" in (outbox / name).read_text()


@pytest.mark.fault("two drafts whose .eml names would be the same (non-Latin companies)")
def test_drafts_for_companies_in_other_scripts_get_their_own_eml_files(tmp_path: Path) -> None:
    from afterword.compose.handoff import eml_name, write_eml
    from tests.unit.test_sending import a_draft, message_for

    written = []
    for company in ("株式会社テスト", "Тест ООО", "株式会社テスト"):  # the last: another round
        draft = a_draft(person="--version")
        database = tmp_path / "afterword.json"
        path = write_eml(tmp_path / eml_name(draft, company), message_for(draft), database=database)
        written.append((path, draft.subject))
    assert len({path for path, _ in written}) == 3
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == sorted(p.name for p, _ in written)
