"""SIGTERM and SIGHUP end the app, with the terminal given back, even when its loop is stuck.

asyncio's own signal handlers run only when the loop gets to them, so a computation that held
the loop (a hostile invitation's time zone, before those were refused) left the app deaf to
SIGTERM: only SIGKILL ended it, with the terminal left in the app's modes. Here Python's own
handler, which runs in the main thread between any two steps of Python code, asks the loop to
stop the usual way (keeping unsaved text, restoring the terminal); if the loop has not begun
to within ``STOP_GRACE`` seconds, or a second signal comes, a watchdog thread restores the
terminal itself and ends the process.

No Textual here: what Textual's driver writes when it stops, and the terminal's modes taken
before the app started (``remember_terminal``), are enough to give the terminal back.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

STOP_GRACE = 3.0  # seconds for the loop to begin stopping before the process is ended
SIGNALS = ("SIGTERM", "SIGHUP")
# What Textual's Linux driver writes when it stops: keyboard protocol, mouse, bracketed paste,
# resize reports and focus events off, line wrap on, the main screen back, the cursor shown.
RESTORE = (
    "\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?2048l"
    "\x1b[?7h\x1b[?1049l\x1b[?25h\x1b[?1004l"
)

_terminal: tuple[int, Any] | None = None  # (fd, termios modes) from before the app started


def remember_terminal() -> None:
    """Keep the terminal's modes as they are now (call before the app takes the terminal)."""
    global _terminal
    stream = sys.__stdin__
    try:
        import termios

        if stream is not None and stream.isatty():
            _terminal = (stream.fileno(), termios.tcgetattr(stream.fileno()))
    except (ImportError, OSError, ValueError):
        _terminal = None


def restore_terminal() -> None:
    """Give the terminal back as ``remember_terminal`` found it (best effort, from any thread)."""
    stream = sys.__stdout__
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if stream is not None and stream.isatty():
            os.write(stream.fileno(), RESTORE.encode())
    if _terminal is not None:
        with contextlib.suppress(ImportError, OSError, ValueError):
            import termios

            termios.tcsetattr(_terminal[0], termios.TCSANOW, _terminal[1])


class StopSignals:
    """Python-level handlers for SIGTERM and SIGHUP with a watchdog (see the module)."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        stop: Callable[[], None],
        *,
        grace: float = STOP_GRACE,
        end: Callable[[int], None] | None = None,
    ) -> None:
        self.loop = loop
        self.stop = stop
        self.grace = grace
        self.end = end or _end_process
        self.begun = threading.Event()  # the loop got to the stop
        self._caught: int | None = None
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        """Catch the signals (main thread only; elsewhere, nothing is changed)."""
        if threading.current_thread() is not threading.main_thread():
            return
        for name in SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, self._on_signal)

    def uninstall(self) -> None:
        for number, previous in self._previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, previous if previous is not None else signal.SIG_DFL)
        self._previous.clear()

    def _on_signal(self, number: int, frame: object) -> None:
        if self._caught is not None:  # asked twice: the user means it
            self.end(number)
            return
        self._caught = number
        with contextlib.suppress(RuntimeError):  # a closed loop: the watchdog ends it
            self.loop.call_soon_threadsafe(self._stop_on_loop)
        threading.Thread(
            target=self._watch, args=(number,), name="afterword-stop-watch", daemon=True
        ).start()

    def _stop_on_loop(self) -> None:
        self.begun.set()
        self.stop()

    def _watch(self, number: int) -> None:
        if not self.begun.wait(self.grace):
            self.end(number)


def _end_process(number: int) -> None:
    """The loop never got to the stop: the terminal back, then the exit the signal asked for."""
    restore_terminal()
    with contextlib.suppress(OSError, ValueError):
        os.write(
            2,
            b"afterword: it was busy and did not stop within seconds, so it was ended; text "
            b"typed in its last second may be missing from the recovery file.\n",
        )
    os._exit(128 + number)
