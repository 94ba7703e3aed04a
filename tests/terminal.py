"""Run the real command line with a pseudo-terminal as its output, as in a user's shell.

``isatty`` is then true in the child, so what a command does only on a terminal (colour,
control characters shown as escapes, headers as text) can be seen.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass
class Screen:
    """What a command wrote to the terminal, and its exit status."""

    code: int
    output: bytes

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


def in_terminal(
    args: list[str], env: dict[str, str], *, stderr_too: bool = True, seconds: float = 60.0
) -> Screen:
    """Run ``python -m afterword ARGS`` with stdout (and stderr, with ``stderr_too``) on a
    pseudo-terminal; stderr otherwise goes nowhere."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword", *args],
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal if stderr_too else subprocess.DEVNULL,
        env=env,
        close_fds=True,
    )
    os.close(terminal)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            proc.kill()
            raise AssertionError(f"{args} did not finish within {seconds} s")
        return Screen(proc.wait(timeout=30), b"".join(chunks))
    finally:
        os.close(controller)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
