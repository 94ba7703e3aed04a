"""Sending for real: a local SMTP server, a server that hangs up, a sendmail stand-in, a secret.

Each server listens on 127.0.0.1 on a free port and is stopped by its fixture.
"""

from __future__ import annotations

import email
import email.policy
import json
import pickle
import sys
import traceback
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from afterword import paths
from afterword.compose.handoff import eml_name, outbox_dir, write_eml
from afterword.compose.message import build_message, outgoing_for, summary
from afterword.compose.secrets import Secret
from afterword.compose.sending import (
    NOT_SET_UP,
    SendFailed,
    SendmailTransport,
    SmtpTransport,
    deliver,
    read_password,
    transport_for,
)
from afterword.config import MailSettings, Profile
from afterword.domain.model import Draft
from afterword.domain.records import draft_to_dict
from afterword.store.atomic import ensure_private_dir, write_atomically
from tests.conftest import NOW
from tests.smtp_servers import PASSWORD, Server, free_port

ALEX = Profile(name="Alex Morgan", email="alex@example.com")


def a_draft(**changes: Any) -> Draft:
    draft = Draft(
        template="thank-you",
        person="Dana Whitfield",
        to=["Dana Whitfield <dana@acme.example>", "-X@evil.example"],
        cc=['"Ortiz, Sam" <-oQ/tmp@x.example>'],
        subject="Thank you — Dana",
        body="Hi Dana,\n\nThank you for Tuesday.\n.\n..and a dotted line\nAlex\n",
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


def message_for(draft: Draft) -> EmailMessage:
    return build_message(outgoing_for(draft, ALEX, NOW))


@dataclass
class Saver:
    """The app's save: the draft as JSON in the data folder, and every state saved, in order."""

    draft: Draft
    states: list[str] = field(default_factory=list)

    def __call__(self) -> None:
        folder = paths.data_dir()
        ensure_private_dir(folder)
        payload = json.dumps(draft_to_dict(self.draft)).encode("utf-8")
        write_atomically(folder / "afterword.json", payload, durable=False)
        self.states.append(self.draft.state)


def smtp(port: int, **changes: Any) -> SmtpTransport:
    return SmtpTransport(host="127.0.0.1", port=port, security="none", **changes)


# ---------------------------------------------------------------- SMTP


def test_the_message_arrives_as_summarised(smtp_server: Server) -> None:
    draft = a_draft()
    out = outgoing_for(draft, ALEX, NOW)
    saver = Saver(draft)
    deliver(draft, build_message(out), smtp(smtp_server.port), saver, NOW)

    assert (draft.state, draft.sent_at) == ("sent", NOW)
    assert saver.states == ["sending", "sent"]
    [envelope] = smtp_server.handler.received
    assert envelope.mail_from == "alex@example.com"
    assert envelope.rcpt_tos == ["dana@acme.example", "-X@evil.example", "-oQ/tmp@x.example"]
    assert isinstance(envelope.content, bytes)
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    for name, value in summary(out):
        assert str(received[name]) == value, name
    assert received["Message-ID"] == draft.message_id == out.message_id
    assert received.get_content().replace("\r\n", "\n") == draft.body  # dots survive


def test_a_refused_recipient_leaves_it_queued(refusing_rcpt_server: Server) -> None:
    draft = a_draft()
    saver = Saver(draft)
    with pytest.raises(SendFailed) as failed:
        deliver(draft, message_for(draft), smtp(refusing_rcpt_server.port), saver, NOW)
    assert not failed.value.maybe_sent
    assert "refused the address dana@acme.example (550" in str(failed.value)
    assert draft.state == "queued" and draft.message_id
    assert saver.states == ["sending", "queued"]
    assert refusing_rcpt_server.handler.received == []


def test_a_refused_message_leaves_it_queued(refusing_data_server: Server) -> None:
    draft = a_draft()
    with pytest.raises(SendFailed, match=r"refused the email \(554") as failed:
        deliver(draft, message_for(draft), smtp(refusing_data_server.port), Saver(draft), NOW)
    assert not failed.value.maybe_sent
    assert draft.state == "queued"


def test_no_server_means_nothing_was_sent() -> None:
    draft = a_draft()
    with pytest.raises(
        SendFailed, match=r"^Could not connect to the mail server 127\.0\.0\.1:"
    ) as f:
        deliver(draft, message_for(draft), smtp(free_port()), Saver(draft), NOW)
    assert not f.value.maybe_sent
    assert draft.state == "queued"


def test_the_state_is_saved_before_the_transport_runs() -> None:
    draft = a_draft()
    saver = Saver(draft)
    seen: list[list[str]] = []

    class Watching:
        def send(self, message: EmailMessage) -> None:
            seen.append(list(saver.states))

    deliver(draft, message_for(draft), Watching(), saver, NOW)
    assert seen == [["sending"]]
    assert saver.states == ["sending", "sent"]


def test_a_save_that_fails_before_sending_sends_nothing() -> None:
    draft = a_draft()
    sent: list[EmailMessage] = []

    class Counting:
        def send(self, message: EmailMessage) -> None:
            sent.append(message)

    def broken_save() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        deliver(draft, message_for(draft), Counting(), broken_save, NOW)
    assert sent == []
    assert draft.state == "queued"


def test_a_message_with_another_message_id_is_refused() -> None:
    draft = a_draft(message_id="<fixed@example.com>", state="queued")
    other = message_for(a_draft())
    with pytest.raises(SendFailed, match="Message-ID is not the draft's"):
        deliver(draft, other, SendmailTransport(["true"]), Saver(draft), NOW)
    assert draft.state == "queued"


def test_sending_is_not_set_up() -> None:
    with pytest.raises(SendFailed) as failed:
        transport_for(MailSettings())
    assert str(failed.value) == NOT_SET_UP
    assert not failed.value.maybe_sent


def test_transport_for_prefers_sendmail() -> None:
    mail = MailSettings(sendmail_command="msmtp -a work", smtp_host="smtp.example.com")
    assert transport_for(mail) == SendmailTransport(["msmtp", "-a", "work"])
    with pytest.raises(SendFailed, match=r"mail\.sendmail_command"):
        transport_for(MailSettings(sendmail_command="msmtp 'oops"))
    chosen = transport_for(MailSettings(smtp_host="smtp.example.com", smtp_port=465))
    assert chosen == SmtpTransport("smtp.example.com", 465, "starttls", "", None)


def test_no_password_goes_out_in_the_clear_to_another_host() -> None:
    calls: list[str] = []

    class FakeSMTP:
        def login(self, user: str, password: str) -> None:
            calls.append(user)

    transport = SmtpTransport("mail.example.com", 25, "none", "alex", Secret(PASSWORD))
    failure = transport._login(FakeSMTP())  # type: ignore[arg-type]
    assert failure is not None and "in the clear" in str(failure)
    assert calls == []


# ---------------------------------------------------------------- sendmail


def standin(folder: Path, *, exit_code: int = 0, stderr: str = "") -> Path:
    """A sendmail stand-in that records its argv and stdin next to itself."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "fake-sendmail"
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "here = os.path.dirname(os.path.abspath(__file__))\n"
        "json.dump(sys.argv, open(os.path.join(here, 'argv.json'), 'w'))\n"
        "open(os.path.join(here, 'stdin.eml'), 'wb').write(sys.stdin.buffer.read())\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def test_sendmail_gets_the_message_on_stdin_and_no_address_in_argv(tmp_path: Path) -> None:
    script = standin(tmp_path / "bin")
    draft = a_draft()
    out = outgoing_for(draft, ALEX, NOW)
    transport = transport_for(MailSettings(sendmail_command=f"'{script}' -oi"))
    deliver(draft, build_message(out), transport, Saver(draft), NOW)

    argv = json.loads((tmp_path / "bin" / "argv.json").read_text())
    assert argv[1:] == ["-oi", "-t"]
    assert not any("@" in item for item in argv)
    stdin = (tmp_path / "bin" / "stdin.eml").read_bytes()
    assert b"\r\n" not in stdin
    received = email.message_from_bytes(stdin, policy=email.policy.default)
    for name, value in summary(out):
        assert str(received[name]) == value
    assert received["Message-ID"] == draft.message_id
    assert draft.state == "sent"


def test_sendmail_failure_names_the_status_and_its_words(tmp_path: Path) -> None:
    script = standin(tmp_path / "bin", exit_code=1, stderr="msmtp: account default not found\n")
    draft = a_draft()
    with pytest.raises(SendFailed) as failed:
        deliver(draft, message_for(draft), SendmailTransport([str(script)]), Saver(draft), NOW)
    assert str(failed.value) == (
        "fake-sendmail failed with exit status 1: msmtp: account default not found "
        "(check mail.sendmail_command in config.toml)."
    )
    assert not failed.value.maybe_sent
    assert draft.state == "queued"


def test_sendmail_killed_may_have_sent(tmp_path: Path) -> None:
    script = tmp_path / "killed"
    script.write_text("#!/bin/sh\ncat >/dev/null\nkill -9 $$\n", encoding="utf-8")
    script.chmod(0o755)
    draft = a_draft()
    with pytest.raises(SendFailed, match="stopped by signal 9") as failed:
        deliver(draft, message_for(draft), SendmailTransport([str(script)]), Saver(draft), NOW)
    assert failed.value.maybe_sent
    assert draft.state == "unknown"


def test_a_missing_sendmail_command_sent_nothing() -> None:
    draft = a_draft()
    with pytest.raises(SendFailed, match="could not be run") as failed:
        deliver(
            draft, message_for(draft), SendmailTransport(["/nonexistent/msmtp"]), Saver(draft), NOW
        )
    assert not failed.value.maybe_sent
    assert draft.state == "queued"


# ---------------------------------------------------------------- the password


def password_script(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "get-password"
    script.write_text(f"#!/bin/sh\necho '{PASSWORD}'\necho second-line\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_read_password_runs_the_command(tmp_path: Path) -> None:
    script = password_script(tmp_path / "bin")
    secret = read_password(MailSettings(smtp_user="alex", password_command=str(script)))
    assert secret is not None and secret.reveal() == PASSWORD
    assert repr(secret) == str(secret) == f"{secret}" == "<hidden>"
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_a_failing_password_command_is_named(tmp_path: Path) -> None:
    script = tmp_path / "no-password"
    script.write_text(f"#!/bin/sh\necho '{PASSWORD}' >&2\nexit 3\n", encoding="utf-8")
    script.chmod(0o755)
    with pytest.raises(SendFailed) as failed:
        read_password(MailSettings(smtp_user="alex", password_command=str(script)))
    assert "mail.password_command" in str(failed.value) and "exit status 3" in str(failed.value)
    assert PASSWORD not in str(failed.value)
    assert failed.value.__context__ is None and failed.value.__cause__ is None


def test_the_planted_password_appears_nowhere(
    tmp_path: Path, isolated_home: Path, auth_server: Server, auth_refusing_server: Server
) -> None:
    script = password_script(tmp_path / "bin")
    mail = MailSettings(
        smtp_host="127.0.0.1",
        smtp_port=auth_server.port,
        smtp_security="none",
        smtp_user="alex",
        password_command=str(script),
    )
    seen: list[str] = []

    transport = transport_for(mail)
    seen += [repr(transport), str(transport)]
    draft = a_draft()
    message = message_for(draft)
    deliver(draft, message, transport, Saver(draft), NOW)
    assert draft.state == "sent"
    assert auth_server.logins == [(b"alex", True)]
    assert len(auth_server.handler.received) == 1
    eml = write_eml(
        outbox_dir() / eml_name(draft, "Acme Robotics"), message, database=paths.db_path()
    )
    assert eml.is_relative_to(isolated_home)

    failing = transport_for(replace(mail, smtp_port=auth_refusing_server.port))
    assert isinstance(failing, SmtpTransport)
    draft = a_draft()
    failure: SendFailed | None = None
    try:
        deliver(draft, message_for(draft), failing, Saver(draft), NOW)
    except SendFailed as error:
        failure = error
        seen.append(traceback.format_exc())
        shown = traceback.TracebackException.from_exception(error, capture_locals=True)
        seen.append("".join(shown.format()))
    assert failure is not None and not failure.maybe_sent
    assert "refused the login for alex" in str(failure)
    assert auth_refusing_server.logins  # smtplib tries PLAIN, then LOGIN
    assert set(auth_refusing_server.logins) == {(b"alex", False)}
    assert draft.state == "queued"
    assert failure.__context__ is None and failure.__cause__ is None
    seen += [repr(failure), str(failure), repr(failing.password), str(failing.password)]
    assert "transport = SmtpTransport(" in seen[-5] and "password=<hidden>" in seen[-5]

    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert eml in files and any(p.name == "afterword.json" for p in files)
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path
    for text in seen:
        assert PASSWORD not in text
