"""Local SMTP servers for the tests: one that keeps what it gets (aiosmtpd), one that offers no
8BITMIME, ones that refuse, and one that hangs up after DATA. Each listens on 127.0.0.1 on a
free port and stops with its fixture."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

PASSWORD = "pl4nted-S3cret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# ---------------------------------------------------------------- servers


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps what it receives; it can refuse RCPT or DATA."""

    refuse_rcpt: bool = False
    refuse_data: bool = False
    received: list[Envelope] = field(default_factory=list)

    async def handle_RCPT(
        self, server: SMTPServer, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self.refuse_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        if self.refuse_data:
            return "554 5.7.1 Message rejected"
        self.received.append(envelope)
        return "250 OK: queued"


@dataclass
class SevenBitRecorder(Recorder):
    """A server of the old kind: its EHLO offers no 8BITMIME (nor SMTPUTF8)."""

    async def handle_EHLO(
        self,
        server: SMTPServer,
        session: Session,
        envelope: Envelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        session.host_name = hostname
        kept = [
            line for line in responses if not line[4:].upper().startswith(("8BITMIME", "SMTPUTF8"))
        ]
        return [
            *(line[:3] + "-" + line[4:] for line in kept[:-1]),
            kept[-1][:3] + " " + kept[-1][4:],
        ]


@dataclass
class Server:
    handler: Recorder
    port: int
    logins: list[tuple[bytes, bool]]


def _serve(handler: Recorder, accept_login: bool | None = None) -> Iterator[Server]:
    logins: list[tuple[bytes, bool]] = []
    options: dict[str, Any] = {}
    if accept_login is not None:

        def authenticator(
            server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any
        ) -> AuthResult:
            ok = (
                accept_login
                and isinstance(data, LoginPassword)
                and data.login == b"alex"
                and data.password == PASSWORD.encode()
            )
            logins.append((data.login if isinstance(data, LoginPassword) else b"", bool(ok)))
            return AuthResult(success=bool(ok), handled=False)

        options = {"authenticator": authenticator, "auth_require_tls": False}
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield Server(handler, port, logins)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    yield from _serve(Recorder())


@pytest.fixture
def seven_bit_server() -> Iterator[Server]:
    yield from _serve(SevenBitRecorder())


@pytest.fixture
def refusing_rcpt_server() -> Iterator[Server]:
    yield from _serve(Recorder(refuse_rcpt=True))


@pytest.fixture
def refusing_data_server() -> Iterator[Server]:
    yield from _serve(Recorder(refuse_data=True))


@pytest.fixture
def auth_server() -> Iterator[Server]:
    yield from _serve(Recorder(), accept_login=True)


@pytest.fixture
def auth_refusing_server() -> Iterator[Server]:
    yield from _serve(Recorder(), accept_login=False)


class DroppingServer:
    """Speaks SMTP up to DATA, reads the whole message, then hangs up without a reply."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = int(self.listener.getsockname()[1])
        self.connections = 0
        self.messages: list[bytes] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.stopping = False
        self.thread.start()

    def _run(self) -> None:
        while not self.stopping:
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(5)
                self._talk(conn)

    def _talk(self, conn: socket.socket) -> None:
        stream = conn.makefile("rb")
        conn.sendall(b"220 dropper ESMTP\r\n")
        for line in stream:
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                conn.sendall(b"250 dropper\r\n")
            elif verb in (b"MAIL", b"RCPT"):
                conn.sendall(b"250 OK\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                body = b""
                for data_line in stream:
                    if data_line == b".\r\n":
                        break
                    body += data_line
                self.messages.append(body)
                return  # hang up: no reply to the message
            else:
                conn.sendall(b"221 bye\r\n")
                return

    def stop(self) -> None:
        self.stopping = True
        self.listener.close()
        self.thread.join(timeout=5)


@pytest.fixture
def dropping_server() -> Iterator[DroppingServer]:
    server = DroppingServer()
    try:
        yield server
    finally:
        server.stop()
