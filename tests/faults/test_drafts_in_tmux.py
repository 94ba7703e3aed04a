"""Emails in the real app, in a real terminal (tmux): unsaved text of a draft survives the app
being killed, and a thank-you goes out for real to a local SMTP server.

Each test runs the installed `afterword` in a detached 120x40 tmux pane with a fixed clock and a
config file holding a profile and the local aiosmtpd server (`smtp_server`, security "none"),
on a copy of the demo database. It opens the emails of the Ridgeback Security interview (one
interviewer with an address, no recruiter: its thank-you may go out at once) from the Interviews
list (`i`, `/`, `e`), types or sends, reads the screen with capture-pane, and checks the result
with `afterword export` and what the server received.

Keys go in one step at a time and each step waits until the screen shows it: a burst of keys
can be routed before Textual has moved the focus or shown the next screen.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from afterword.store.recovery import Recovery, recovery_path
from afterword.tui.autosave import LATEST, QUIET
from tests.conftest import NOW
from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    NOW_TEXT,
    SHELL_AFTER,
    WAIT,
    Run,
    assert_no_traceback,
    demo_database,
    dialog_lines,
    dialog_text,
    head_field,
    interview_rows,
    main_part,
    starting,
)
from tests.faults.helpers import assert_nothing_lost, stored_ids
from tests.smtp_servers import Server

pytestmark = [
    *NEEDS_TMUX_AND_APP,
    pytest.mark.slow,
]

TODAY = "Overdue"  # the first heading of the Today screen of the demo data
DIALOG = "Unsaved text from last time"
SEND_DIALOG = "Send this email?"

COMPANY = "Ridgeback Security"  # one active interview in the demo data, its thank-you owed
PERSON = "Elena Rossi"
NAME, ADDRESS = "Alex Morgan", "alex@example.org"  # the profile
# app keys elsewhere (q, n, i, t, u, d, r, e, y) must reach the body as text
LINE = "PS: your question on quorum reads kept me thinking, try it yourself"
TAIL = " and thank you"  # typed just before a catchable signal


# -- the pane and the app in it


Start = Callable[[Path], Run]


@pytest.fixture
def config(smtp_server: Server) -> Path:
    """config.toml (where AFTERWORD_CONFIG points): the profile and the local SMTP server."""
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[profile]\n"
        f'name = "{NAME}"\n'
        f'email = "{ADDRESS}"\n'
        "\n[mail]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {smtp_server.port}\n"
        'smtp_security = "none"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def start(tmp_path: Path, config: Path) -> Iterator[Start]:
    """``start(db)``: afterword on ``db`` in a new pane on a tmux server of its own; every app
    is ended and every server killed at teardown."""
    env = {"AFTERWORD_NOW": NOW_TEXT, "AFTERWORD_CONFIG": os.environ["AFTERWORD_CONFIG"]}
    with starting(tmp_path, env, Run) as make:
        yield make


# what each test's database held before the app ran: none of it may be lost
ACKNOWLEDGED: dict[Path, set[str]] = {}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = demo_database(tmp_path)
    ACKNOWLEDGED[path] = stored_ids(path)
    return path


# -- reading the screen


def last_line(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def body_lines(screen: str) -> list[str]:
    """The non-blank lines of the body as shown (below the Subject field, above the keys)."""
    lines = screen.splitlines()
    for index, line in enumerate(lines):
        if re.fullmatch(r"\s*Subject(?: .*)?", main_part(line)):
            return [text.strip() for text in map(main_part, lines[index + 1 : -1]) if text.strip()]
    return []


def shows_body(screen: str, body: str) -> bool:
    """Does the body field show ``body``, word for word (the field wraps long lines)?"""
    return " ".join(body_lines(screen)).split() == body.split()


def draft_row(screen: str) -> str:
    """The first (here the only) row of the drafts list, under its "For Email State" header.
    (Not found by the person's name: now and then the list's columns are cut to the width of
    their headings, "Ele  Thank  draft", and stay so until the list is filled again.)"""
    lines = [main_part(line) for line in screen.splitlines()]
    for index, line in enumerate(lines[:-1]):
        if line.split()[:3] == ["For", "Email", "State"]:
            return lines[index + 1].strip()
    return ""


def send_rows(screen: str) -> dict[str, str]:
    """The header rows of the send dialog ("From: …", "To: …") by name."""
    rows = {}
    for text in dialog_lines(screen):
        name, found, value = text.partition(": ")
        if found and name in ("From", "To", "Cc", "Subject"):
            rows[name] = value.strip()
    return rows


# -- the data outside the app


def export(db: Path) -> dict[str, Any]:
    """``afterword --db DB export`` (a read-only command: it works while the app runs): the
    Ridgeback Security interview."""
    done = subprocess.run(
        [str(AFTERWORD), "--db", str(db), "export"],
        capture_output=True,
        text=True,
        timeout=WAIT,
        env={**os.environ, "AFTERWORD_NOW": NOW_TEXT},
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    (interview,) = [i for i in document["interviews"] if i["company"] == COMPANY]
    return dict(interview)


def thank_you_draft(interview: dict[str, Any]) -> dict[str, Any] | None:
    drafts = [d for d in interview["drafts"] if d["template"] == "thank-you"]
    assert len(drafts) <= 1, drafts
    return dict(drafts[0]) if drafts else None


def stored_body(interview: dict[str, Any]) -> str:
    draft = thank_you_draft(interview)
    assert draft is not None, interview["drafts"]
    return str(draft["body"])


def wait_for_export(db: Path, test: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """Export until ``test(interview)`` holds (the app saves on a writer thread)."""
    deadline = time.monotonic() + WAIT
    while True:
        interview = export(db)
        if test(interview):
            return interview
        assert time.monotonic() < deadline, f"the export never showed {what}:\n{interview}"
        time.sleep(0.1)


def draft_records(db: Path) -> dict[str, dict[str, Any]]:
    """The unsaved email texts in the recovery file, by slot."""
    if not recovery_path(db).exists():
        return {}
    records = Recovery(db).records()
    return {slot: record for slot, record in records.items() if record.get("kind") == "draft"}


def wait_for_recovery(run: Run, body: str) -> float:
    """Until the recovery file holds ``body`` for the draft; the seconds it took."""
    began = time.monotonic()
    while True:
        bodies = [record.get("body") for record in draft_records(run.db).values()]
        if bodies == [body]:
            return time.monotonic() - began
        if time.monotonic() - began > WAIT:
            raise AssertionError(
                f"never autosaved; the recovery file: {bodies}; the screen:\n{run.screen()}"
            )
        time.sleep(0.05)


# -- the steps the tests share


def open_emails(run: Run) -> str:
    """From the start: the Interviews list, search COMPANY, `e`: its emails screen, loaded."""
    run.wait_for_text(TODAY)
    run.press("i")
    run.wait_for(lambda s: len(interview_rows(s)) > 3, "the Interviews table")
    run.press("/")
    run.wait_for(lambda s: "Sort" not in last_line(s), "the search field (its short footer)")
    run.type(COMPANY)
    run.wait_for(
        lambda s: [COMPANY in row for row in interview_rows(s)] == [True],
        f"only the {COMPANY} row",
    )
    run.press("Enter")  # leaves the search: the table has the focus
    run.wait_for(lambda s: "Sort" in last_line(s), "the table's footer again")
    run.press("e")
    screen = run.wait_for(
        lambda s: (
            f"Emails · {COMPANY}" in s.splitlines()[0]
            and bool(head_field(s, "To"))
            and len(body_lines(s)) > 3
        ),
        "the emails screen with its draft",
    )
    assert_no_traceback(screen)
    return screen


def type_at_the_end(run: Run, body: str) -> None:
    """Move to the end of the body (ctrl+end; the cursor starts at its beginning) and type
    LINE; wait until it shows."""
    run.press("C-End")
    time.sleep(0.1)
    run.type(LINE)
    run.wait_for(lambda s: shows_body(s, body + LINE), "the line at the end of the body")


def offered_back(start: Start, db: Path, body: str) -> Run:
    """Start again: the dialog offers the email's unsaved text, naming whom it is for."""
    run = start(db)
    screen = run.wait_for_text(DIALOG)
    assert "Restore" in screen and "Discard" in screen, screen
    # The offer shows what was typed (the line where the text first differs), not the
    # template's opening; the line was typed at the end.
    typed = body.rsplit("\n", 1)[-1].split()
    words = "…" + " ".join(typed[:12]) + ("…" if len(typed) > 12 else "")
    offer = dialog_text(screen)
    assert f"An email to {PERSON} ({COMPANY}): {words}" in offer, offer
    assert_no_traceback(screen)
    return run


def quit_app(run: Run) -> None:
    run.press("q")
    assert run.exit_status() == "EXIT=0"


# -- the tests


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(signal.SIGKILL, marks=pytest.mark.fault("SIGKILL while editing a draft")),
        pytest.param(signal.SIGTERM, marks=pytest.mark.fault("SIGTERM while editing a draft")),
        pytest.param(signal.SIGHUP, marks=pytest.mark.fault("SIGHUP while editing a draft")),
    ],
    ids=["SIGKILL", "SIGTERM", "SIGHUP"],
)
def test_text_typed_into_a_draft_survives_the_app_being_killed(
    start: Start, db: Path, smtp_server: Server, stop: signal.Signals
) -> None:
    run = start(db)
    open_emails(run)
    # opening the screen wrote the draft from the template into the database
    stored = wait_for_export(db, lambda i: thank_you_draft(i) is not None, "the draft")
    draft = thank_you_draft(stored)
    assert draft is not None and draft["person"] == PERSON and draft["state"] == "draft", draft
    original = draft["body"]
    assert LINE not in original and not draft_records(db)

    type_at_the_end(run, original)
    typed = original + LINE
    seconds = wait_for_recovery(run, typed)  # the autosave, about a second after the last key
    assert seconds < QUIET + LATEST + 2.0, f"autosaved {seconds:.1f} s after the line showed"
    time.sleep(0.3)  # a little more than the autosave's delay in all
    if stop == signal.SIGKILL:
        run.signal(stop)
        assert run.exit_status() == "EXIT=137"  # 128 + 9: killed, nothing of it ran
    else:  # a signal the app hears: what was typed just before it is kept too
        run.type(TAIL)
        sent = time.monotonic()
        typed += TAIL
        run.wait_for(lambda s: shows_body(s, typed), "the words just before the signal")
        held = [r["body"] for r in draft_records(db).values()]
        run.signal(stop)
        # the autosave keeps them QUIET s after the last key at the earliest: before that,
        # only the app's own handler of the signal can have written them
        if time.monotonic() - sent < QUIET:
            assert held == [original + LINE], "autosaved already"
        assert run.exit_status() == "EXIT=0"  # a clean exit, not death by the signal
    run.tmux.wait_for_text(SHELL_AFTER, WAIT)

    # the typing is in the recovery file only: the database has the draft as it was
    assert [r["body"] for r in draft_records(db).values()] == [typed]
    assert stored_body(export(db)) == original

    again = offered_back(start, db, typed)
    again.press("r")
    screen = again.wait_for(
        lambda s: DIALOG not in s and f"Emails · {COMPANY}" in s.splitlines()[0],
        "the emails screen",
    )
    screen = again.wait_for(lambda s: shows_body(s, typed), "the restored text in the body")
    shown = body_lines(screen)
    assert shown[-1].endswith(typed[len(original) :].strip()), shown
    assert head_field(screen, "To") == ", ".join(draft["to"]), screen
    assert head_field(screen, "Subject") == draft["subject"], screen
    assert_no_traceback(screen)
    # restored into its draft, which is stored with the interview at once
    wait_for_export(db, lambda i: stored_body(i) == typed, "the restored body")

    again.press("Escape")  # leaves the screen: back to Today
    again.wait_for(lambda s: TODAY in s and "Emails ·" not in s, "the Today screen")
    interview = export(db)
    assert len(interview["drafts"]) == 1, interview["drafts"]  # the same draft, not a new one
    after = thank_you_draft(interview)
    assert after is not None and after["id"] == draft["id"], after
    assert after["body"] == typed and after["state"] == "draft", after
    assert (after["to"], after["subject"]) == (draft["to"], draft["subject"]), after
    assert not draft_records(db)  # nothing left to offer
    quit_app(again)
    assert not draft_records(db)
    assert smtp_server.handler.received == []  # nothing was sent
    assert_nothing_lost(db, ACKNOWLEDGED[db])


@pytest.mark.fault("SIGKILL while editing a draft")
def test_discarded_draft_text_is_gone_and_not_offered_again(
    start: Start, db: Path, smtp_server: Server
) -> None:
    run = start(db)
    open_emails(run)
    stored = wait_for_export(db, lambda i: thank_you_draft(i) is not None, "the draft")
    original = stored_body(stored)
    type_at_the_end(run, original)
    wait_for_recovery(run, original + LINE)
    time.sleep(0.3)
    run.signal(signal.SIGKILL)
    assert run.exit_status() == "EXIT=137"

    again = offered_back(start, db, original + LINE)
    again.press("d")
    deadline = time.monotonic() + WAIT
    while draft_records(db):
        assert time.monotonic() < deadline, "the discarded text stayed in the recovery file"
        time.sleep(0.05)
    screen = again.wait_for(lambda s: DIALOG not in s and TODAY in s, "the dialog gone")
    assert_no_traceback(screen)
    quit_app(again)
    assert not draft_records(db)
    assert stored_body(export(db)) == original

    third = start(db)
    third.wait_for_text(TODAY)
    # the offer would come right after the data is shown: look for it a while
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        screen = third.screen()
        assert DIALOG not in screen, screen
        time.sleep(0.1)
    # and the draft is as the template wrote it
    screen = open_emails(third)
    third.wait_for(lambda s: shows_body(s, original), "the draft without the line")
    third.press("Escape")  # back where it was opened from
    third.wait_for(lambda s: "Emails ·" not in s and bool(interview_rows(s)), "the Interviews")
    quit_app(third)
    assert not draft_records(db)
    assert smtp_server.handler.received == []
    assert_nothing_lost(db, ACKNOWLEDGED[db])


def test_a_thank_you_is_sent_for_real_and_only_once(
    start: Start, db: Path, smtp_server: Server
) -> None:
    before = export(db)
    (person,) = [p for p in before["interviewers"] if p["name"] == PERSON]
    to = f"{PERSON} <{person['email']}>"
    (owed,) = [f for f in before["follow_ups"] if f["kind"] == "thank_you"]
    assert owed["person"] == PERSON and owed["done_at"] is None, owed

    run = start(db)
    screen = open_emails(run)
    assert head_field(screen, "To") == to, screen
    assert head_field(screen, "Cc") == "", screen
    subject = head_field(screen, "Subject")
    assert subject, screen
    assert draft_row(screen).split()[-1] == "draft", screen

    run.press("C-g")
    screen = run.wait_for_text(SEND_DIALOG)
    # the headers exactly as they go out
    assert send_rows(screen) == {"From": f"{NAME} <{ADDRESS}>", "To": to, "Subject": subject}
    assert smtp_server.handler.received == []  # asking sends nothing
    run.press("y")

    deadline = time.monotonic() + WAIT
    while not smtp_server.handler.received:
        assert time.monotonic() < deadline, f"the server received nothing:\n{run.screen()}"
        time.sleep(0.05)
    screen = run.wait_for(
        lambda s: SEND_DIALOG not in s and " sent " in f" {draft_row(s)} ",
        "the draft marked sent in the list",
    )
    assert_no_traceback(screen)
    (envelope,) = smtp_server.handler.received
    assert envelope.mail_from == ADDRESS
    assert envelope.rcpt_tos == [person["email"]]
    assert envelope.original_content is not None
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert str(message["From"]) == f"{NAME} <{ADDRESS}>"
    assert str(message["To"]) == to
    assert str(message["Subject"]) == subject
    assert message["Cc"] is None
    message_id = str(message["Message-ID"])
    assert message_id.startswith("<") and message_id.endswith(">"), message_id

    sent_at = NOW.isoformat()
    interview = wait_for_export(
        db,
        lambda i: (
            (thank_you_draft(i) or {}).get("state") == "sent"
            and all(f["done_at"] for f in i["follow_ups"] if f["kind"] == "thank_you")
        ),
        "the draft sent and its follow-up done",
    )
    draft = thank_you_draft(interview)
    assert draft is not None
    assert draft["state"] == "sent" and draft["message_id"] == message_id, draft
    assert draft["sent_at"] == sent_at and draft["to"] == [to] and draft["subject"] == subject
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().split() == draft["body"].split()
    (done,) = [f for f in interview["follow_ups"] if f["kind"] == "thank_you"]
    assert done["id"] == owed["id"] and done["person"] == PERSON, done
    assert done["done_at"] == sent_at and not done["cancelled"], done

    # ctrl+g again: it says when it went, and sends nothing
    run.press("C-g")
    screen = run.wait_for_text("Already sent on")
    assert SEND_DIALOG not in screen, screen
    time.sleep(1.0)  # a send would be a worker: give it time to show up at the server
    assert len(smtp_server.handler.received) == 1
    assert SEND_DIALOG not in run.screen()
    assert thank_you_draft(export(db)) == draft  # and the draft is as it was

    run.press("Escape")
    run.wait_for(lambda s: "Emails ·" not in s and bool(interview_rows(s)), "the Interviews")
    quit_app(run)
    assert len(smtp_server.handler.received) == 1
