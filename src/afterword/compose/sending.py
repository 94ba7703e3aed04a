"""Sending: through the user's sendmail-compatible command or an SMTP server, never twice.

The outbox states (``domain.outbox``) are saved before the transport runs, so a crash mid-send
leaves ``sending``, which counts as "maybe sent" and is never retried by itself. Every failure is
one ``SendFailed`` sentence that says whether the email may have gone out (the sentences are
in ``sending_sentences``).

Secrets: the password lives in a ``Secret`` (``secrets``, where it is read; its repr is
``<hidden>``) and is revealed only as an argument to ``smtplib``; every ``SendFailed`` is raised
outside the ``except`` block that caught the original error, so no traceback (even one showing
locals) carries smtplib's frames, the password, the password command's output or the message
body.
"""

from __future__ import annotations

import contextlib
import email.utils
import ipaddress
import shlex
import smtplib
import ssl
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from afterword.compose import sending_sentences as sentences
from afterword.compose.message import HeaderRefused, check_address
from afterword.compose.message_bytes import file_bytes, message_bytes
from afterword.compose.secrets import Secret, password_for, run_in_own_group
from afterword.config import MailSettings
from afterword.domain import outbox
from afterword.domain.model import Draft

SENDMAIL_TIMEOUT = 60.0
SMTP_TIMEOUT = 30.0

NOT_SET_UP = (
    'Sending is not set up: set mail.sendmail_command (e.g. "msmtp -t") or mail.smtp_host in '
    "config.toml; you can still copy the email or write it as a .eml file."
)


class SendFailed(Exception):
    """The email was not handed over; ``maybe_sent`` says whether it may have gone out anyway."""

    def __init__(self, message: str, *, maybe_sent: bool) -> None:
        super().__init__(message)
        self.maybe_sent = maybe_sent

    def __str__(self) -> str:
        return str(self.args[0])


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


# ---------------------------------------------------------------- the password


def read_password(mail: MailSettings) -> Secret | None:
    """The SMTP password: from ``mail.password_command``, else the system keyring, else None."""
    secret, problem = password_for(mail)
    if problem is not None:
        raise SendFailed(problem, maybe_sent=False)
    return secret


# ---------------------------------------------------------------- sendmail


@dataclass(frozen=True)
class SendmailTransport:
    """A sendmail-compatible command (msmtp, sendmail, …): the message on stdin, ``-t``.

    With ``-t`` the command reads the recipients from the headers, so no address is ever put on
    the command line (an address starting with ``-`` can never become an option). ``-i`` is
    added too, so a line holding a single dot does not end the message early.
    """

    argv: list[str]
    timeout: float = SENDMAIL_TIMEOUT

    def command(self) -> list[str]:
        argv = list(self.argv)
        if "-t" not in argv and "--read-recipients" not in argv:
            argv.append("-t")
        if "-i" not in argv and "-oi" not in argv:
            argv.append("-i")
        return argv

    def send(self, message: EmailMessage) -> None:
        problem = self._run(message)
        if problem is not None:
            raise problem

    def _run(self, message: EmailMessage) -> SendFailed | None:
        argv = self.command()
        name = Path(argv[0]).name if argv else "the mail command"
        payload = file_bytes(message)  # local "\n" line ends; sendmail takes an 8bit body
        try:
            result = run_in_own_group(argv, payload, self.timeout)
        except subprocess.TimeoutExpired:
            stopped = f"{name} did not finish within {self.timeout:.0f} seconds and was stopped"
            return SendFailed(sentences.check_sent_folder(stopped), maybe_sent=True)
        except (OSError, ValueError) as error:  # ValueError: a NUL in the command
            return SendFailed(
                sentences.command_not_run(name, error, "mail.sendmail_command"), maybe_sent=False
            )
        if result.returncode < 0:
            stopped = f"{name} was stopped by signal {-result.returncode}"
            return SendFailed(sentences.check_sent_folder(stopped), maybe_sent=True)
        if result.returncode > 0:
            lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
            said = f": {sentences.cut(lines[-1].strip())}" if lines else ""
            return SendFailed(
                f"{name} failed with exit status {result.returncode}{said} "
                "(check mail.sendmail_command in config.toml).",
                maybe_sent=False,
            )
        return None


# ---------------------------------------------------------------- SMTP


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def clear_text_refused(host: str, security: str) -> SendFailed | None:
    """Why nothing may go to ``host`` with ``security``, or None: "none" is for this machine."""
    if security != "none" or _is_loopback(host):
        return None
    return SendFailed(sentences.clear_text(host), maybe_sent=False)


@dataclass(frozen=True)
class SmtpTransport:
    """An SMTP server, spoken to step by step so that each failure says whether it may have sent.

    Before DATA and on a refusal of the message the email surely did not go; a broken
    connection or timeout while or after the message is sent may have delivered it.
    ``security="none"`` is for a server on this machine only: nothing, neither the email nor a
    password, goes in the clear to any other host. The EHLO name is ``ehlo_name``
    ("localhost" unless configured), never the machine's own name.
    """

    host: str
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: Secret | None = None
    timeout: float = SMTP_TIMEOUT
    ehlo_name: str = "localhost"

    def send(self, message: EmailMessage) -> None:
        problem = self._dialogue(message)
        if problem is not None:
            raise problem

    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            return smtplib.SMTP_SSL(
                self.host,
                self.port,
                local_hostname=self.ehlo_name,
                timeout=self.timeout,
                context=ssl.create_default_context(),
            )
        return smtplib.SMTP(
            self.host, self.port, local_hostname=self.ehlo_name, timeout=self.timeout
        )

    def _dialogue(self, message: EmailMessage) -> SendFailed | None:
        """Send ``message``; the failure to raise, or None. Never raises an SMTP or OS error."""
        refused = clear_text_refused(self.host, self.security)
        if refused is not None:
            return refused
        envelope = _envelope(message)
        if isinstance(envelope, SendFailed):
            return envelope
        sender, recipients = envelope
        # Text as written where the server takes 8bit (8BITMIME; RFC 6531 has every SMTPUTF8
        # server offer it too), else a quoted-printable copy for this send: both built now, so
        # that nothing but the dialogue can fail once connected.
        text, seven_bit = message_bytes(message), message_bytes(message, eight_bit=False)
        stage = "connect"
        smtp: smtplib.SMTP | None = None
        try:
            smtp = self._connect()
            stage = "hello"
            smtp.ehlo_or_helo_if_needed()
            if self.security == "starttls":
                stage = "tls"
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo_or_helo_if_needed()
            if self.user:
                stage = "login"
                refused = self._login(smtp)
                if refused is not None:
                    return refused
            stage = "sender"
            payload = text if smtp.has_extn("8bitmime") else seven_bit
            options = ["BODY=8BITMIME"] if _eight_bit(payload) else []
            code, reply = smtp.mail(sender, options)
            if not 200 <= code < 300:
                return self._refused(f"the sender {sender}", code, reply)
            stage = "recipients"
            for address in recipients:
                code, reply = smtp.rcpt(address)
                if not 200 <= code < 300:
                    return self._refused(f"the address {address}", code, reply)
            stage = "data"
            code, reply = smtp.docmd("DATA")
            if code != 354:
                return self._refused("the email", code, reply)
            stage = "message"
            smtp.send(_dot_stuffed(payload))
            code, reply = smtp.getreply()
            if 400 <= code < 600:
                return self._refused("the email", code, reply)
            if not 200 <= code < 300:
                return self._maybe_sent("gave no clear answer after the email")
            stage = "done"
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()  # the server took the email; a rough goodbye changes nothing
            return None
        except smtplib.SMTPNotSupportedError:
            return self._not_before_data(stage, "does not offer what this needs")
        except smtplib.SMTPResponseException as error:
            if stage == "message":
                if 400 <= error.smtp_code < 600:
                    return self._refused("the email", error.smtp_code, b"")
                return self._maybe_sent("broke off after the email")
            return self._not_before_data(stage, f"answered {error.smtp_code}")
        except ssl.SSLCertVerificationError as error:  # before DATA: TLS comes first
            return self._unproven(error)
        except (smtplib.SMTPException, OSError) as error:
            reason = sentences.reason(error)
            if stage == "message":
                return self._maybe_sent(f"broke off while or after sending the email ({reason})")
            return self._not_before_data(stage, reason)
        finally:
            if smtp is not None:
                smtp.password = ""  # smtplib keeps the password it logged in with
                smtp.close()

    def _login(self, smtp: smtplib.SMTP) -> SendFailed | None:
        refused = clear_text_refused(self.host, self.security)  # checked before connecting too
        if refused is not None:
            return refused
        if self.password is None:
            return SendFailed(sentences.no_password(self.user), maybe_sent=False)
        try:
            smtp.login(self.user, self.password.reveal())
        except smtplib.SMTPAuthenticationError as error:
            code = error.smtp_code
        else:
            return None
        return SendFailed(sentences.login_refused(self.host, self.user, code), maybe_sent=False)

    def _refused(self, what: str, code: int, reply: bytes) -> SendFailed:
        return SendFailed(sentences.refused(self.host, what, code, reply), maybe_sent=False)

    def _maybe_sent(self, what: str) -> SendFailed:
        return SendFailed(sentences.check_sent_folder(f"{self.host} {what}"), maybe_sent=True)

    def _unproven(self, error: ssl.SSLCertVerificationError) -> SendFailed:
        return SendFailed(sentences.unproven(self._where(), error), maybe_sent=False)

    def _not_before_data(self, stage: str, reason: str) -> SendFailed:
        return SendFailed(sentences.not_before_data(self._where(), stage, reason), maybe_sent=False)


def _eight_bit(payload: bytes) -> bool:
    return any(b > 0x7F for b in payload)


def _dot_stuffed(payload: bytes) -> bytes:
    """The DATA section: a leading dot doubled on every line, then the end marker."""
    lines = payload.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    stuffed = [b"." + line if line.startswith(b".") else line for line in lines]
    return b"\r\n".join([*stuffed, b".", b""])


def _envelope(message: EmailMessage) -> tuple[str, list[str]] | SendFailed:
    """The envelope sender and recipients, from the headers, each checked again."""
    try:
        senders = _header_addresses(message, "From")
        recipients = _header_addresses(message, "To") + _header_addresses(message, "Cc")
    except HeaderRefused as refused:
        return SendFailed(str(refused), maybe_sent=False)
    if len(senders) != 1 or not recipients:
        return SendFailed(
            "The email needs one From address and at least one To address; check the draft.",
            maybe_sent=False,
        )
    return senders[0], list(dict.fromkeys(recipients))


def _header_addresses(message: EmailMessage, name: str) -> list[str]:
    values = [str(value) for value in message.get_all(name, [])]
    addresses = []
    for _display, address in email.utils.getaddresses(values):
        addresses.append(check_address(name, address))
    return addresses


# ---------------------------------------------------------------- choosing and delivering


def transport_for(mail: MailSettings) -> SendmailTransport | SmtpTransport:
    """The configured way out: ``sendmail_command`` first, else ``smtp_host``; else SendFailed."""
    if mail.sendmail_command.strip():
        try:
            argv = shlex.split(mail.sendmail_command)
        except ValueError:
            argv = []
        if not argv:
            raise SendFailed(
                "mail.sendmail_command in config.toml cannot be read (a quote is not closed?); "
                "fix it.",
                maybe_sent=False,
            )
        return SendmailTransport(argv)
    if mail.smtp_host.strip():
        refused = clear_text_refused(mail.smtp_host.strip(), mail.smtp_security)
        if refused is not None:
            raise refused  # before the password is asked for
        password = read_password(mail) if mail.smtp_user else None
        return SmtpTransport(
            host=mail.smtp_host.strip(),
            port=mail.smtp_port,
            security=mail.smtp_security,
            user=mail.smtp_user,
            password=password,
            ehlo_name=mail.ehlo_name,
        )
    raise SendFailed(NOT_SET_UP, maybe_sent=False)


@dataclass(frozen=True)
class Begun:
    """Proof that this caller moved one draft to ``sending`` (``begin_sending``) and had it
    saved: ``deliver`` then sends it, where a ``sending`` draft without it is refused."""

    draft_id: str
    message_id: str


def begin_sending(draft: Draft, message: EmailMessage) -> Begun:
    """Move ``draft`` to ``sending`` with ``message``'s Message-ID, before any slow step.

    The caller saves the draft and only then reads a password or connects: a second send of
    the same draft, started meanwhile, finds it ``sending`` and is refused (SendFailed, one
    sentence), so one draft never becomes two emails.
    """
    why = outbox.why_not_sendable(draft)
    if why is not None:
        raise SendFailed(why, maybe_sent=False)
    message_id = str(message.get("Message-ID", "")).strip()
    if not message_id or (draft.message_id and draft.message_id != message_id):
        raise SendFailed(
            "The email's Message-ID is not the draft's; build the email again from the draft.",
            maybe_sent=False,
        )
    outbox.queue(draft, message_id)
    outbox.start_sending(draft)
    return Begun(draft.id, message_id)


def deliver(
    draft: Draft,
    message: EmailMessage,
    transport: Transport,
    save: Callable[[], None],
    now: datetime,
    begun: Begun | None = None,
) -> None:
    """Send ``message`` for ``draft`` at most once; ``save`` writes the draft's state to disk.

    ``sending`` reaches the disk before the transport runs: if Afterword dies mid-send the draft
    is found ``sending`` and treated as "maybe sent", never sent again by itself. With
    ``begun`` the caller has already moved the draft to ``sending`` and saved it (the app does,
    before the password is read); without it, that happens here.
    """
    if begun is None:
        begin_sending(draft, message)
        try:
            save()
        except BaseException:
            outbox.record_failure(draft, maybe_sent=False)  # nothing went out; disk has the old
            raise
    elif (
        draft.state != "sending"
        or draft.id != begun.draft_id
        or str(message.get("Message-ID", "")).strip() != begun.message_id
    ):
        raise SendFailed(
            "The email to send is not the one being sent; build the email again from the draft.",
            maybe_sent=False,
        )
    try:
        transport.send(message)
    except SendFailed as failure:
        outbox.record_failure(draft, failure.maybe_sent)
        save()
        raise
    except Exception:
        outbox.record_failure(draft, maybe_sent=True)  # an unexpected error: assume the worst
        save()
        raise
    outbox.record_sent(draft, now)
    save()
