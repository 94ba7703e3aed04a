"""The hand-off reads as text: a message for a person or a mail client (``draft``'s stdout,
``--eml``, the mail client's file) is UTF-8 with ``Content-Transfer-Encoding: 8bit`` (``7bit``
when ASCII) and its lines as written, never quoted-printable soft breaks ("Norrla=" / "nd
Freight"); only what goes to an SMTP server without 8BITMIME is encoded, for that send."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from afterword.compose.handoff import write_eml
from afterword.compose.message import build_message, outgoing_for
from afterword.compose.message_bytes import (
    LINE_LIMIT,
    file_bytes,
    message_bytes,
    readable_bytes,
    transfer_encoding,
)
from afterword.compose.sending import SendmailTransport, SmtpTransport, deliver
from afterword.config import Profile
from afterword.domain.model import Draft
from tests.conftest import NOW, write_norrland
from tests.smtp_servers import Server
from tests.terminal import in_terminal

ZOE = Profile(name="Zoë Ångström", email="zoe@example.com")
# One paragraph typed as one line, longer than the 78 characters after which Python's own
# choice would have made the whole body quoted-printable.
PARAGRAPH = (
    "Thank you for meeting me today about the Backend Engineer role at Norrland Freight. I "
    "particularly enjoyed our conversation about the parcel-tracking queue, and Märta's "
    "question on how we would rebalance its partitions without stopping the trucks."
)
BODY = f"Dear Märta,\n\n{PARAGRAPH}\n\nBest regards,\nZoë Ångström\n"


def a_draft(body: str = BODY) -> Draft:
    return Draft(
        template="thank-you",
        person="Märta Öberg",
        to=["Märta Öberg <marta@norrland.example>"],
        subject="Thank you, Märta",
        body=body,
    )


def message_for(body: str = BODY) -> EmailMessage:
    return build_message(outgoing_for(a_draft(body), ZOE, NOW))


def split(data: bytes, line_end: bytes = b"\n") -> tuple[list[bytes], bytes]:
    """The header lines and the body's bytes, exactly as written."""
    head, _, body = data.partition(line_end * 2)
    return head.split(line_end), body


def assert_text_as_written(data: bytes, body: str, line_end: bytes = b"\n") -> None:
    head, written = split(data, line_end)
    expected = "7bit" if body.isascii() else "8bit"
    assert f"Content-Transfer-Encoding: {expected}".encode() in head, head
    assert written == body.replace("\n", line_end.decode()).encode("utf-8")  # lines as written
    assert b"=" + line_end not in written  # no quoted-printable soft break
    assert b"=C3" not in written


# ---------------------------------------------------------------- the bytes


def test_a_message_for_a_person_is_utf8_text_with_its_lines_as_written() -> None:
    data = file_bytes(message_for())
    assert_text_as_written(data, BODY)
    assert "Zoë Ångström\n".encode() in data and PARAGRAPH.encode() in data
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed.get_content() == BODY
    assert str(parsed["From"]) == "Zoë Ångström <zoe@example.com>"
    assert str(parsed["Subject"]) == "Thank you, Märta"


def test_an_ascii_body_is_7bit_and_its_long_lines_stay_whole() -> None:
    body = "Dear Dana,\n\n" + "All of this is one paragraph, as typed. " * 8 + "\n"
    data = file_bytes(message_for(body))
    assert_text_as_written(data, body)
    assert all(b < 0x80 for b in split(data)[1])


def test_a_server_with_8bitmime_gets_the_text_with_crlf_and_one_without_gets_ascii() -> None:
    message = message_for()
    assert_text_as_written(message_bytes(message), BODY, b"\r\n")
    seven = message_bytes(message, eight_bit=False)
    assert all(b < 0x80 for b in seven)
    assert b"Content-Transfer-Encoding: quoted-printable" in seven
    parsed = email.message_from_bytes(seven, policy=email.policy.default)
    assert parsed.get_content().replace("\r\n", "\n") == BODY
    assert_text_as_written(file_bytes(message), BODY)  # the draft's own message is unchanged


@pytest.mark.parametrize(
    ("line", "encoding"),
    [
        ("é" * (LINE_LIMIT // 2), "8bit"),  # 998 octets: the longest line a message may hold
        ("é" * (LINE_LIMIT // 2) + "x", "quoted-printable"),  # 999 octets
        ("x" * LINE_LIMIT, "7bit"),
        ("x" * (LINE_LIMIT + 1), "quoted-printable"),
        ("a NUL \0 here", "quoted-printable"),  # 8bit text may not hold one (RFC 2045 2.8)
        ("the \x1b]0;pwned\x07 pipeline", "quoted-printable"),  # `cat` of the file: no ESC
        ("a tab\there", "7bit"),
    ],
    ids=["998-octets", "999-octets", "998-ascii", "999-ascii", "nul", "escape", "tab"],
)
def test_only_a_line_over_998_octets_or_a_control_makes_the_body_quoted_printable(
    line: str, encoding: str
) -> None:
    """RFC 5322 allows 998 octets a line. A longer one (a long paragraph pasted as one line) is
    carried quoted-printable, which every mail program decodes to the text as written; no line
    of the message is longer, and no line of the letter is broken. So is a control character
    (an import can bring one): shown with `cat`, the file must not act on the terminal."""
    body = f"Dear Dana,\n\n{line}\n\nAlex\n"
    assert transfer_encoding(body) == encoding
    for data, end in (
        (file_bytes(message_for(body)), b"\n"),
        (message_bytes(message_for(body)), b"\r\n"),
    ):
        assert f"Content-Transfer-Encoding: {encoding}".encode() in split(data, end)[0]
        assert max(len(row) for row in data.split(end)) <= LINE_LIMIT
        parsed = email.message_from_bytes(data, policy=email.policy.default)
        assert parsed.get_content().replace("\r\n", "\n") == body


def test_a_person_on_a_terminal_reads_the_headers_as_text_too() -> None:
    """The file keeps RFC 2047 headers (every mail program and server takes them); the same
    message read on a terminal shows them as a mail program would."""
    message = message_for()
    assert b"=?utf-8?" in file_bytes(message)
    readable = readable_bytes(message).decode("utf-8")
    assert "=?utf-8?" not in readable
    for line in (
        "From: Zoë Ångström <zoe@example.com>",
        "To: Märta Öberg <marta@norrland.example>",
        "Subject: Thank you, Märta",
    ):
        assert line in readable.splitlines()
    assert readable.endswith("\n\n" + BODY)


def test_a_quoted_printable_body_reads_as_its_text_on_a_terminal() -> None:
    long_line = "Märta " * 200  # 1,400 octets
    body = f"Dear Märta,\n\n{long_line}\n"
    message = message_for(body)
    assert transfer_encoding(body) == "quoted-printable"
    assert readable_bytes(message).decode("utf-8").endswith("\n\n" + body)
    assert b"Content-Transfer-Encoding: quoted-printable" in file_bytes(message)  # unchanged


# ---------------------------------------------------------------- the ways out


def test_the_eml_file_is_text(tmp_path: Path) -> None:
    path = write_eml(tmp_path / "marta.eml", message_for(), database=tmp_path / "aw.json")
    assert_text_as_written(path.read_bytes(), BODY)


def test_sendmail_gets_the_text(tmp_path: Path) -> None:
    kept = tmp_path / "stdin.eml"
    script = tmp_path / "sendmail"
    script.write_text(f"#!/bin/sh\ncat > '{kept}'\n", encoding="utf-8")
    script.chmod(0o755)
    draft = a_draft()
    message = build_message(outgoing_for(draft, ZOE, NOW))
    deliver(draft, message, SendmailTransport([str(script)]), lambda: None, NOW)
    assert_text_as_written(kept.read_bytes(), BODY)


def smtp(port: int) -> SmtpTransport:
    return SmtpTransport(host="127.0.0.1", port=port, security="none")


def test_a_server_offering_8bitmime_receives_the_text_as_written(smtp_server: Server) -> None:
    draft = a_draft()
    deliver(
        draft,
        build_message(outgoing_for(draft, ZOE, NOW)),
        smtp(smtp_server.port),
        lambda: None,
        NOW,
    )
    [envelope] = smtp_server.handler.received
    assert "BODY=8BITMIME" in envelope.mail_options
    assert isinstance(envelope.content, bytes)
    assert_text_as_written(envelope.content, BODY, b"\r\n")
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert received.get_content().replace("\r\n", "\n") == BODY


def test_a_server_without_8bitmime_receives_ascii_that_decodes_to_the_same_body(
    seven_bit_server: Server,
) -> None:
    draft = a_draft()
    message = build_message(outgoing_for(draft, ZOE, NOW))
    deliver(draft, message, smtp(seven_bit_server.port), lambda: None, NOW)
    [envelope] = seven_bit_server.handler.received
    assert "BODY=8BITMIME" not in envelope.mail_options
    assert isinstance(envelope.content, bytes)
    assert all(b < 0x80 for b in envelope.content)
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert received.get_content().replace("\r\n", "\n") == BODY
    assert str(received["From"]) == "Zoë Ångström <zoe@example.com>"
    assert received["Message-ID"] == draft.message_id
    assert_text_as_written(file_bytes(message), BODY)  # for that send only


# ---------------------------------------------------------------- afterword draft


@pytest.fixture
def norrland(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A database with one interview at Norrland Freight, and a config signing as Zoë."""
    source = write_norrland(tmp_path / "records.json")
    config = tmp_path / "config.toml"
    config.write_text('[profile]\nname = "Zoë Ångström"\nemail = "zoe@example.com"\n')
    env = {**os.environ, "AFTERWORD_CONFIG": str(config), "PYTHONIOENCODING": "utf-8"}
    db = tmp_path / "db.json"
    imported = subprocess.run(
        [sys.executable, "-m", "afterword", "--db", str(db), "import", str(source)],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    return db, env


def test_draft_prints_text_and_writes_the_same_eml(
    norrland: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    db, env = norrland
    eml = tmp_path / "marta.eml"
    args = ["--db", str(db), "draft", "norr0001", "--to", "Märta", "--eml", str(eml)]
    done = subprocess.run(
        [sys.executable, "-m", "afterword", *args], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    printed = done.stdout
    parsed = email.message_from_bytes(printed, policy=email.policy.default)
    body = parsed.get_content()
    assert_text_as_written(printed, body)
    assert "Zoë Ångström" in body  # the signature, as written
    assert "Norrland Freight" in body
    assert max(len(line) for line in body.splitlines()) > 78  # a paragraph is one line
    assert eml.read_bytes() == printed


def test_draft_on_a_terminal_shows_the_headers_as_text(
    norrland: tuple[Path, dict[str, str]],
) -> None:
    db, env = norrland
    screen = in_terminal(["--db", str(db), "draft", "norr0001"], env, stderr_too=False)
    assert screen.code == 0
    shown = screen.text.replace("\r\n", "\n")
    assert "To: Märta Öberg <marta@norrland.example>\n" in shown
    assert "From: Zoë Ångström <zoe@example.com>\n" in shown
    assert "=?utf-8?" not in shown and "=\n" not in shown
    assert shown.rstrip().endswith("Zoë Ångström")
