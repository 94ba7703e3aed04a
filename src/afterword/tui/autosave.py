"""Autosave of a form's text to the recovery file, never on the keystroke path.

A keystroke only notes the time (`touched`). A timer four times a second asks `due()`: the text
is written about a second after the last key, and at the latest a second after the first key
not yet saved (so continuous typing is saved too: a kill loses at most about the last second).
The write itself runs on one thread; only the newest text waits for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from afterword.store.recovery import Recovery, RecoveryFailed

QUIET = 0.8  # seconds after the last key
LATEST = 0.9  # seconds after the first unsaved key
TICK = 0.25


class Autosave:
    """Keeps one slot of the recovery file in step with a form."""

    def __init__(
        self,
        recovery: Recovery,
        slot: str,
        on_error: Callable[[str], None] | None = None,
        save_key: str = "ctrl+s",
    ) -> None:
        self.recovery = recovery
        self.save_key = save_key  # the form's save key, for the sentence of a failed write
        self.slot = slot
        self.on_error = on_error
        self._first: float | None = None  # first key not saved yet
        self._last = 0.0
        self._pending: dict[str, object] | None = None
        self._wake = threading.Condition()
        self._busy = False
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="afterword-autosave", daemon=True)
        self._thread.start()
        self.failed = ""

    # -- on the UI thread

    def touched(self) -> None:
        """A key changed the form (cheap: two clock reads)."""
        now = time.monotonic()
        self._last = now
        if self._first is None:
            self._first = now

    @property
    def dirty(self) -> bool:
        return self._first is not None

    def due(self) -> bool:
        """Is it time to write? (called by the form's timer)."""
        if self._first is None:
            return False
        now = time.monotonic()
        return now - self._last >= QUIET or now - self._first >= LATEST

    def save_soon(self, record: dict[str, object]) -> None:
        """Write ``record`` on the autosave thread (a newer one replaces one still waiting)."""
        self._first = None
        with self._wake:
            self._pending = record
            self._wake.notify()

    def save_now(self, record: dict[str, object]) -> bool:
        """Write ``record`` before returning (quitting, SIGTERM, SIGHUP); False if it failed."""
        self._first = None
        with self._wake:
            self._pending = None
        try:
            self.recovery.put(self.slot, record)
        except RecoveryFailed as error:
            self._report(error)
            return False
        return True

    def forget(self) -> None:
        """The form was saved or discarded: drop its recovery record, stop the thread."""
        self._first = None
        self.stop()
        try:
            self.recovery.drop(self.slot)
        except RecoveryFailed as error:
            self._report(error)

    def clear(self) -> None:
        """The text was stored with the interview: drop the record, keep autosaving."""
        self._first = None
        with self._wake:
            self._pending = None
            self._wake.wait_for(lambda: not self._busy, timeout=10)
        try:
            self.recovery.drop(self.slot)
        except RecoveryFailed as error:
            self._report(error)

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._pending = None
            self._wake.notify()
        self._thread.join(timeout=10)

    def flush(self) -> None:
        """Wait until the record handed over last is written (tests)."""
        with self._wake:
            self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout=10)

    # -- on the autosave thread

    def _run(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._stopped)
                if self._stopped:
                    self._wake.notify_all()
                    return
                record, self._pending = self._pending, None
                self._busy = True
            try:
                assert record is not None
                self.recovery.put(self.slot, record)
                self.failed = ""
            except RecoveryFailed as error:
                self._report(error)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def _report(self, error: RecoveryFailed) -> None:
        message = (
            f"Could not keep the unsaved text in {self.recovery.path} ({error.strerror}); "
            f"save with {self.save_key} as soon as you can."
        )
        if message != self.failed and self.on_error is not None:
            self.on_error(message)
        self.failed = message
