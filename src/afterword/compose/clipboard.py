"""Copying text where a paste will find it: tmux's buffer and the desktop's clipboard.

The app writes every copy to the terminal as OSC 52 (Textual's ``copy_to_clipboard``); inside
tmux that reaches the system clipboard only with tmux's ``set-clipboard on``, which is not its
default. So the text also goes, on its stdin (never on a command line), to:

- tmux's buffer when ``$TMUX`` is set: ``tmux load-buffer -w -`` (``-w``, tmux 3.2 and later,
  also hands it to the terminal's clipboard through tmux), else ``tmux load-buffer -``;
- ``wl-copy`` on Wayland (``$WAYLAND_DISPLAY``), else ``xclip`` or ``xsel`` on X
  (``$DISPLAY``), when installed.

``copy_with_helpers`` never raises: a helper that is missing, fails or hangs (each gets
``HELPER_TIMEOUT`` seconds) is a phrase in ``Copied.failures``. Run it off the UI thread.
No Textual here: the app calls it from its ``copy_to_clipboard``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from afterword.domain.words import shown

HELPER_TIMEOUT = 3.0
TMUX_BUFFER = "tmux's buffer (prefix ])"
TERMINAL = "the terminal's clipboard"
_SAID = 160  # characters of a helper's complaint kept for the notice
_ONE_AT_A_TIME = threading.Lock()  # two quick copies: the second lands last


@dataclass
class Copied:
    """Where one copy went (besides the OSC 52 written to the terminal), and what failed."""

    places: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # False inside tmux when no command handed the text on to the terminal (tmux before 3.2):
    # the OSC 52 then reaches the terminal only with tmux's set-clipboard on.
    terminal: bool = True

    def sentence(self, what: str) -> str:
        """``Copied the body: to tmux's buffer (prefix ]) and the terminal's clipboard.``"""
        if not self.places:
            said = f"Copied {what} through the terminal only (OSC 52; " + (
                "tmux passes it on only with set-clipboard on)"
                if not self.terminal
                else "a terminal without it copies nothing)"
            )
        elif self.terminal:
            said = f"Copied {what}: to {_listed([*self.places, TERMINAL])}"
        else:
            said = (
                f"Copied {what}: to {_listed(self.places)}; {TERMINAL} gets it only with "
                "tmux's set-clipboard on"
            )
        if self.failures:
            said += "; " + "; ".join(self.failures)
        return said + "."


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _run(
    name: str, argv: list[str], data: bytes, env: Mapping[str, str], timeout: float
) -> str | None:
    """Run one helper with ``data`` on its stdin; None when it worked, else what went wrong
    (a phrase naming it as ``name``)."""
    with tempfile.TemporaryFile() as complaints:
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,
                # wl-copy and xclip leave a process behind to serve the selection: their
                # output goes to a file, not a pipe, so waiting for them ends when they do.
                stdout=subprocess.DEVNULL,
                stderr=complaints,
                start_new_session=True,  # no terminal: it cannot read keys meant for the app
                env=dict(env),  # tmux finds its server through $TMUX
            )
        except (OSError, ValueError) as error:
            why = error.strerror if isinstance(error, OSError) else None
            return f"{name} could not be run ({why or 'error'})"
        try:
            process.communicate(data, timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.kill()
            process.wait()
            return f"{name} did not answer within {timeout:g} seconds"
        except OSError as error:  # it closed its stdin early
            process.wait()
            return f"{name} did not take the text ({error.strerror or 'error'})"
        if process.returncode == 0:
            return None
        complaints.seek(0)
        lines = complaints.read(4096).decode("utf-8", "replace").strip().splitlines()
        said = shown(lines[-1].strip()) if lines else ""
        said = said if len(said) <= _SAID else said[: _SAID - 1] + "…"
        status = (
            f"signal {-process.returncode}"
            if process.returncode < 0
            else f"exit status {process.returncode}"
        )
        return f"{name} failed ({status}{': ' + said if said else ''})"


def _found(name: str, env: Mapping[str, str]) -> str | None:
    return shutil.which(name, path=env.get("PATH", os.defpath))


# (the variable that says the desktop is there, the command, its arguments, the place)
_DESKTOP: tuple[tuple[str, str, list[str], str], ...] = (
    ("WAYLAND_DISPLAY", "wl-copy", [], "the Wayland clipboard (wl-copy)"),
    ("DISPLAY", "xclip", ["-selection", "clipboard"], "the X clipboard (xclip)"),
    ("DISPLAY", "xsel", ["--clipboard", "--input"], "the X clipboard (xsel)"),
)


def _desktop(env: Mapping[str, str]) -> tuple[str, list[str], str] | None:
    """The desktop clipboard's command (its name, its argv) and its place in the notice."""
    for variable, name, args, place in _DESKTOP:
        found = _found(name, env) if env.get(variable) else None
        if found:
            return name, [found, *args], place
    return None


def copy_with_helpers(
    text: str, env: Mapping[str, str] | None = None, timeout: float = HELPER_TIMEOUT
) -> Copied:
    """Put ``text`` in tmux's buffer (inside tmux) and the desktop's clipboard (when there is
    a helper for it); never raises."""
    with _ONE_AT_A_TIME:
        return _copy(text.encode("utf-8", "replace"), os.environ if env is None else env, timeout)


def _copy(data: bytes, env: Mapping[str, str], timeout: float) -> Copied:
    copied = Copied()
    if env.get("TMUX"):
        tmux = _found("tmux", env)
        if tmux is None:
            copied.failures.append("tmux's buffer was left alone ($TMUX is set, but no tmux)")
        elif _run("tmux load-buffer", [tmux, "load-buffer", "-w", "-"], data, env, timeout) is None:
            copied.places.append(TMUX_BUFFER)
        else:  # tmux before 3.2 has no -w
            problem = _run("tmux load-buffer", [tmux, "load-buffer", "-"], data, env, timeout)
            if problem is None:
                copied.places.append(TMUX_BUFFER)
            else:
                copied.failures.append(problem)
            copied.terminal = False
    desktop = _desktop(env)
    if desktop is not None:
        name, argv, place = desktop
        problem = _run(name, argv, data, env, timeout)
        if problem is None:
            copied.places.append(place)
        else:
            copied.failures.append(problem)
    return copied
