"""The SMTP password: a ``Secret`` that never shows itself, and where it comes from.

``mail.password_command`` (an argv, no shell) else the system keyring, each given
``PASSWORD_TIMEOUT``. Both answer with the password or the one sentence that says why there is
none; nothing here raises, so the command's output stays in these frames (``sending`` raises
``SendFailed`` with the sentence). ``run_in_own_group`` runs the user's commands: the password
command here, the sendmail command in ``sending``.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shlex
import signal
import subprocess
import threading
from typing import Any, NoReturn

from afterword.config import MailSettings

PASSWORD_TIMEOUT = 30.0


class Secret:
    """A password that shows as ``<hidden>`` in reprs, f-strings, logs and tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<hidden>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "<hidden>"

    def __reduce__(self) -> NoReturn:
        raise TypeError("A Secret cannot be pickled or copied.")


def password_for(mail: MailSettings) -> tuple[Secret | None, str | None]:
    """The SMTP password from ``mail.password_command``, else the system keyring, else None;
    or the sentence that says why it could not be read."""
    if mail.password_command.strip():
        return _run_password_command(mail.password_command)
    return _keyring_password(mail.smtp_user)


def run_in_own_group(
    argv: list[str], stdin: bytes | None, timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """Run a command (no shell) in a session of its own; on timeout its whole process group is
    killed, not just the command (``pass`` starting ``gpg``, ``sh -c 'sleep 200'``), and
    ``subprocess.TimeoutExpired`` is raised. Without ``stdin`` it reads from /dev/null."""
    with subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.kill()
            process.wait()  # not communicate(): a stray grandchild may hold the pipes open
            raise
        return subprocess.CompletedProcess(argv, process.returncode, out, err)


def _first_line(text: str) -> str:
    """The first line, as a shell reads it: up to the first \\n, without a trailing \\r."""
    return text.split("\n", 1)[0].removesuffix("\r")


def _run_password_command(command: str) -> tuple[Secret | None, str | None]:
    """Run the command (an argv, no shell); never raises, so its output stays in this frame."""
    name = "mail.password_command in config.toml"
    try:
        argv = shlex.split(command)
    except ValueError:
        return None, f"{name} cannot be read (a quote is not closed); fix it."
    try:
        result = run_in_own_group(argv, None, PASSWORD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, f"{name} gave no password within {PASSWORD_TIMEOUT:.0f} seconds; check it."
    except (OSError, ValueError) as error:
        why = error.strerror if isinstance(error, OSError) else None
        return None, f"{name} could not be run ({why or 'error'}); check it."
    if result.returncode != 0:
        return None, (
            f"{name} failed with exit status {result.returncode}; run it in a shell to see why."
        )
    line = _first_line(result.stdout.decode("utf-8", "replace"))
    if not line:
        return None, f"{name} printed no password on its first line; check it."
    return Secret(line), None


def _keyring_password(user: str) -> tuple[Secret | None, str | None]:
    """The keyring's password for ``user`` (its first line, as with password_command).

    A keyring can wait for ever (an unlock prompt nobody answers): it gets the same time as
    password_command, in a thread of its own that is left behind if it does not answer."""
    if not user:
        return None, None
    answer: list[object] = []

    def ask() -> None:
        try:
            keyring: Any = importlib.import_module("keyring")
        except ImportError:
            answer.append(None)
            return
        try:
            answer.append(keyring.get_password("afterword", user))
        except Exception as error:  # any keyring backend failure
            answer.append(error)

    asking = threading.Thread(target=ask, name="afterword-keyring", daemon=True)
    asking.start()
    asking.join(PASSWORD_TIMEOUT)
    if not answer:
        return None, (
            f"The system keyring gave no password for {user} within {PASSWORD_TIMEOUT:.0f} "
            "seconds; unlock it, or set mail.password_command in config.toml instead."
        )
    value = answer[0]
    if isinstance(value, Exception):
        return None, (
            f"The system keyring did not give the password for {user}; "
            "set mail.password_command in config.toml instead."
        )
    line = _first_line(value) if isinstance(value, str) else ""
    return (Secret(line) if line else None), None
