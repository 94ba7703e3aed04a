"""Drive the real `afterword` in a real terminal: a detached tmux pane on a private server."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import pytest

from afterword.demo import write_demo_database
from tests.conftest import NOW

TMUX = shutil.which("tmux")
AFTERWORD = Path(sys.executable).with_name("afterword")
# the variables that decide where Afterword keeps its files and what time it is
PASSED = (
    "HOME",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
    "AFTERWORD_CONFIG",
    "AFTERWORD_NOW",
)
# Kept from the tmux server and so from the panes. Importing GNU readline (pytest does) puts
# COLUMNS=80 and LINES=24 into the C-level environment, unseen by os.environ but inherited by a
# subprocess started without env=; Textual (shutil.get_terminal_size) prefers them to the real
# size of the pane. The other prefixes belong to this test process only.
NOT_PASSED = ("COLUMNS", "LINES", "TEXTUAL", "PYTEST", "TMUX")
# Every end-to-end test needs tmux and the installed console script; without, it says so.
NEEDS_TMUX_AND_APP = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)"),
    pytest.mark.skipif(
        not AFTERWORD.exists(), reason=f"the console script {AFTERWORD} is not installed"
    ),
]
SHELL_BEFORE = "e2e: the shell, before afterword"
SHELL_AFTER = "e2e: the shell, after afterword"
NOW_TEXT = NOW.isoformat(timespec="minutes")
WIDTH, HEIGHT = 120, 40  # the pane of a Run
WAIT = 10.0  # seconds: the longest any single step of a Run may take


class Tmux:
    """One tmux server of its own (``-L``, no config file) holding one session."""

    def __init__(self, folder: Path, width: int, height: int) -> None:
        self.folder = folder
        self.width = width
        self.height = height
        self.socket = f"afterword-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.session = f"aw{uuid.uuid4().hex[:8]}"
        self.status_file = folder / "status.txt"
        folder_of_sockets = os.environ.get("TMUX_TMPDIR") or "/tmp"
        self.socket_path = Path(folder_of_sockets, f"tmux-{os.getuid()}", self.socket)

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED)}
        done = subprocess.run(
            [TMUX, "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            timeout=20,
            env=env,  # the new server's environment, which its panes inherit
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done

    def start(self, command: str, env: Mapping[str, str] | None = None) -> None:
        """Run the shell ``command`` in a new detached session of the given size."""
        values = {name: os.environ[name] for name in PASSED if name in os.environ}
        values.update(env or {})
        options = [item for name, value in values.items() for item in ("-e", f"{name}={value}")]
        self.tmux(
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            *options,
            command,
        )

    def start_afterword(self, *args: str, env: Mapping[str, str] | None = None) -> None:
        """Run ``afterword ARGS`` from a shell that prints a line before it, writes its exit
        status to ``status_file`` after it, prints another line, and stays."""
        script = self.folder / "run.sh"
        command = shlex.join([str(AFTERWORD), *args])
        script.write_text(
            f"echo {shlex.quote(SHELL_BEFORE)}\n"
            f"{command}\n"
            f'echo "EXIT=$?" > {shlex.quote(str(self.status_file))}\n'
            f"echo {shlex.quote(SHELL_AFTER)}\n"
            "exec sleep 600\n"
        )
        self.start(f"sh {shlex.quote(str(script))}", env)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def lines(self) -> list[str]:
        return self.screen().splitlines()

    def display(self, template: str) -> str:
        return self.tmux("display-message", "-p", "-t", self.session, template).stdout.strip()

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is (column, line; from 0): Textual keeps it at the
        cursor of the focused text field, hidden."""
        x, y = self.display("#{cursor_x} #{cursor_y}").split()
        return int(x), int(y)

    def press(self, *keys: str) -> None:
        """Send tmux key names: "i", "/", "Enter", "Escape"."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(
        self, test: Callable[[str], bool], what: str, timeout: float = 15.0, poll: float = 0.1
    ) -> str:
        """Poll the pane every ``poll`` s until ``test(screen)`` holds; fail showing the screen
        if it never does."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                size = self.display("#{pane_width}x#{pane_height}")
                raise AssertionError(
                    f"waited {timeout:.0f} s for {what}; the screen ({size}):\n{screen}"
                )
            time.sleep(poll)

    def wait_for_text(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_for(lambda screen: text in screen, repr(text), timeout)

    def exit_status(self, timeout: float = 15.0) -> str:
        """What the wrapper wrote after afterword exited, e.g. "EXIT=0"."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status_file.exists():
                text = self.status_file.read_text().strip()
                if text:
                    return text
            time.sleep(0.1)
        raise AssertionError(f"afterword did not exit within {timeout:.0f} s:\n{self.screen()}")

    def close(self) -> None:
        """Kill this server (and so the app, by SIGHUP) and remove its socket file."""
        self.tmux("kill-server", check=False)
        self.socket_path.unlink(missing_ok=True)


class Run:
    """One run of ``afterword --db DB`` in a pane of its own, with ``env`` added to its
    environment, from a shell that writes the app's pid first and its exit status after it
    (``exit_status()``), then stays."""

    def __init__(self, tmux: Tmux, db: Path, env: Mapping[str, str]) -> None:
        self.tmux = tmux
        self.db = db
        self.pid_file = tmux.folder / "pid.txt"
        app = shlex.join([str(AFTERWORD), "--db", str(db)])
        # sh -c … exec: the pid written is the app's own (the pane's pid is the wrapper's)
        inner = f"echo $$ > {shlex.quote(str(self.pid_file))}; exec {app}"
        script = tmux.folder / "run.sh"
        script.write_text(
            f"echo {shlex.quote(SHELL_BEFORE)}\n"
            f"sh -c {shlex.quote(inner)}\n"
            f'echo "EXIT=$?" > {shlex.quote(str(tmux.status_file))}\n'
            f"echo {shlex.quote(SHELL_AFTER)}\n"
            "exec sleep 600\n"
        )
        tmux.start(f"sh {shlex.quote(str(script))}", env)
        self.pid = self._read_pid()

    def _read_pid(self) -> int:
        deadline = time.monotonic() + WAIT
        while not (self.pid_file.exists() and self.pid_file.read_text().strip()):
            assert time.monotonic() < deadline, f"no pid written:\n{self.tmux.screen()}"
            time.sleep(0.05)
        return int(self.pid_file.read_text())

    def alive(self) -> bool:
        """Is this test's afterword still running (not a zombie, not a reused pid)?"""
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            command = Path(f"/proc/{self.pid}/cmdline").read_bytes()
        except (FileNotFoundError, ProcessLookupError):
            return False
        return state not in ("Z", "X") and str(self.db).encode() in command

    def ended(self, timeout: float = WAIT) -> bool:
        """Wait up to ``timeout`` s for the process to end; has it?"""
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def signal(self, number: int) -> None:
        assert self.alive(), f"pid {self.pid} is not this test's afterword"
        os.kill(self.pid, number)

    def finish(self) -> None:
        """At teardown: stop an app still running while its terminal is there (SIGTERM, a clean
        exit), close the pane, and kill what still runs: no test leaves a process behind."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            self.ended(3.0)
        self.tmux.close()
        if not self.ended(3.0):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.ended(3.0)

    def press(self, *keys: str) -> None:
        self.tmux.press(*keys)

    def type(self, text: str) -> None:
        self.tmux.type(text)

    def screen(self) -> str:
        return self.tmux.screen()

    def wait_for(self, test: Callable[[str], bool], what: str) -> str:
        return self.tmux.wait_for(test, what, WAIT)

    def wait_for_text(self, text: str) -> str:
        return self.tmux.wait_for_text(text, WAIT)

    def exit_status(self) -> str:
        return self.tmux.exit_status(WAIT)


R = TypeVar("R", bound=Run)


@contextlib.contextmanager
def starting(
    tmp_path: Path,
    env: Mapping[str, str],
    kind: type[R],
    size: tuple[int, int] = (WIDTH, HEIGHT),
) -> Iterator[Callable[..., R]]:
    """For a ``start`` fixture: ``start(db, env=None)`` runs afterword on ``db`` (a ``kind``
    of Run, with ``env`` and then the call's ``env`` added to its environment) in a new pane
    of ``size`` (columns, lines; WIDTH x HEIGHT unless told) on a tmux server of its own;
    every app is ended and every server killed on leaving."""
    runs: list[R] = []

    def make(db: Path, more: Mapping[str, str] | None = None) -> R:
        folder = tmp_path / f"pane{len(runs)}"
        folder.mkdir()
        tmux = Tmux(folder, *size)
        try:
            runs.append(kind(tmux, db, {**env, **(more or {})}))
        except BaseException:
            tmux.close()
            raise
        return runs[-1]

    try:
        yield make
    finally:
        for run in runs:
            run.finish()


def demo_database(tmp_path: Path) -> Path:
    """A database of the demo interviews (a Today screen with something on it)."""
    path = tmp_path / "data" / "afterword.json"
    write_demo_database(path, NOW)
    return path


def assert_no_traceback(screen: str) -> None:
    assert "Traceback" not in screen, screen


TABLE_ROW = re.compile(r"\d\d \w{3} \d{4} \d\d:\d\d")  # a row of the Interviews table


def interview_rows(screen: str) -> list[str]:
    return [line for line in screen.splitlines() if TABLE_ROW.search(line)]


def dialog_lines(screen: str) -> list[str]:
    """The lines inside a dialog box (between its side borders, "█"), stripped."""
    inside = []
    for line in screen.splitlines():
        if line.count("█") >= 2:
            text = line[line.index("█") + 1 : line.rindex("█")].strip("▀▄ ")
            if text:
                inside.append(text)
    return inside


def dialog_text(screen: str) -> str:
    """What a dialog says, its wrapped lines joined and its spaces made single."""
    return " ".join(" ".join(dialog_lines(screen)).split())


SIDE = "▏"  # the left edge of the emails screen's side panel (Four Rs, Proofreading)
TOAST = "▌"  # the left edge of a notification


def main_part(line: str) -> str:
    """A line of the emails screen without the side panel and any notification."""
    return line.split(SIDE, 1)[0].split(TOAST, 1)[0].rstrip()


def head_field(screen: str, label: str) -> str | None:
    """What the To, Cc or Subject field of the emails screen shows (None: not shown)."""
    for line in screen.splitlines()[1:]:
        shown = re.fullmatch(rf"\s*{label}(?: (.*))?", main_part(line))
        if shown:
            return (shown.group(1) or "").strip()
    return None
