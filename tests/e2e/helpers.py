"""Drive the real `afterword` in a real terminal: a detached tmux pane on a private server."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

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
SHELL_BEFORE = "e2e: the shell, before afterword"
SHELL_AFTER = "e2e: the shell, after afterword"


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

    def press(self, *keys: str) -> None:
        """Send tmux key names: "i", "/", "Enter", "Escape"."""
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, test: Callable[[str], bool], what: str, timeout: float = 15.0) -> str:
        """Poll the pane until ``test(screen)`` holds; fail showing the screen if it never does."""
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
            time.sleep(0.1)

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


TABLE_ROW = re.compile(r"\d\d \w{3} \d{4} \d\d:\d\d")  # a row of the Interviews table


def interview_rows(screen: str) -> list[str]:
    return [line for line in screen.splitlines() if TABLE_ROW.search(line)]
