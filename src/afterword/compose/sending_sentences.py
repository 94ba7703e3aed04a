"""What a failed send tells the user: one sentence for each way it can fail.

Each sentence names the thing, says whether the email may have gone out (so that nobody sends
it twice, or gives up on one that never left) and the way out: the setting in config.toml to
check, or the Sent folder to look in. ``sending`` raises them as ``SendFailed``. A server's own
words are cut short and never include what it was sent.
"""

from __future__ import annotations

import smtplib
import ssl

# What was being done at each stage of the SMTP dialogue before DATA, and what to check.
_STAGES = {
    "connect": ("Could not connect to", "mail.smtp_host and mail.smtp_port"),
    "hello": ("Could not greet", "mail.smtp_host and mail.smtp_port"),
    "tls": ("Could not start a secure connection with", "mail.smtp_security"),
    "login": ("Could not log in to", "mail.smtp_user and mail.password_command"),
}
_OTHER_STAGE = ("Could not send through", "the addresses")


def cut(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_sent_folder(what_happened: str) -> str:
    """The email may have gone: ``what_happened`` ("msmtp was stopped by signal 9"), then what
    to do before sending it again."""
    return (
        f"{what_happened}, so the email may have been sent: check your Sent folder before "
        "sending again."
    )


def command_not_run(name: str, error: OSError | ValueError, setting: str) -> str:
    """A command of the user's (``setting``) could not be started (ValueError: a NUL in it)."""
    why = error.strerror if isinstance(error, OSError) else None
    return f"{name} could not be run ({why or 'error'}); check {setting} in config.toml."


# ---------------------------------------------------------------- SMTP


def clear_text(host: str) -> str:
    return (
        f'mail.smtp_security is "none", which is only for a mail server on this machine, so '
        f"nothing was sent to {host} in the clear: use starttls or tls in config.toml."
    )


def no_password(user: str) -> str:
    return (
        f"There is no password for {user}: set mail.password_command in config.toml "
        "(or store it in the system keyring)."
    )


def login_refused(host: str, user: str, code: int) -> str:
    """The server's words are left out: some echo what they were sent."""
    return (
        f"{host} refused the login for {user} ({code}); "
        "check mail.smtp_user and mail.password_command in config.toml."
    )


def refused(host: str, what: str, code: int, reply: bytes) -> str:
    """The server refused ``what`` ("the address sam@example.com"): nothing went out."""
    said = reply.decode("utf-8", "replace").splitlines()[0].strip() if reply else ""
    said = f" {cut(said, 120)}" if said else ""
    return (
        f"{host} refused {what} ({code}{said}); nothing was sent, so you can fix it and send again."
    )


def unproven(where: str, error: ssl.SSLCertVerificationError) -> str:
    why = cut(str(error.verify_message or error.reason or "certificate refused"), 120)
    return (
        f"The mail server {where} could not prove its identity ({why}), so nothing "
        "was sent: check that mail.smtp_host is exactly the server name your mail provider "
        "gives."
    )


def not_before_data(where: str, stage: str, reason: str) -> str:
    """A failure at ``stage``, before the message was sent: it surely did not go."""
    doing, setting = _STAGES.get(stage, _OTHER_STAGE)
    return (
        f"{doing} the mail server {where} ({reason}); nothing was sent: check "
        f"{setting} in config.toml, or try again later."
    )


def reason(error: BaseException) -> str:
    """Why a connection failed, in a few words."""
    if isinstance(error, TimeoutError):
        return "it did not answer in time"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "the connection was closed"
    if isinstance(error, OSError) and error.strerror:
        return cut(error.strerror, 120)
    return cut(str(error) or type(error).__name__, 120)
