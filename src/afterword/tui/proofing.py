"""Proofreading while the user writes, on a thread of its own, never on the keystroke path.

Like the autosave: the screen hands over the newest text (a newer one replaces one still
waiting) and gets the findings back through ``call_from_thread``. No Textual worker per run:
a run costs the UI thread nothing but the hand-over. A run waits a moment before it starts,
so a key typed just then is handled first, and a run whose text is already stale is dropped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")  # what a run gives: the findings, or the error it raised
YIELD = 0.05  # seconds a run waits before it starts: a key typed just then has its frame first


@dataclass(frozen=True)
class ProofRequest(Generic[T]):
    """One text to check: its generation (newer is larger) and what the check needs."""

    generation: int
    run: Callable[[], T]  # does the checking (on the proofreading thread)


class Proofreader(Generic[T]):
    """One thread that runs the newest request and hands its result to ``deliver``."""

    def __init__(self, deliver: Callable[[int, T | Exception], None]) -> None:
        self._deliver = deliver
        self._pending: ProofRequest[T] | None = None
        self._wake = threading.Condition()
        self._stopped = False
        self.latest = 0  # the newest generation handed over (or marked stale)
        self._thread = threading.Thread(target=self._loop, name="afterword-proofread", daemon=True)
        self._thread.start()

    def submit(self, run: Callable[[], T]) -> int:
        """Check this next (dropping one still waiting); returns its generation."""
        with self._wake:
            self.latest += 1
            self._pending = ProofRequest(self.latest, run)
            self._wake.notify()
            return self.latest

    def stale(self) -> None:
        """The text changed: whatever runs now is out of date."""
        with self._wake:
            self.latest += 1
            self._pending = None

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._pending = None
            self._wake.notify()

    def _loop(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._stopped)
                if self._stopped:
                    return
                request, self._pending = self._pending, None
            assert request is not None
            time.sleep(YIELD)
            if request.generation != self.latest or self._stopped:
                continue  # a key came meanwhile: a newer request follows
            result: T | Exception
            try:
                result = request.run()
            except Exception as error:
                result = error
            if request.generation == self.latest and not self._stopped:
                self._deliver(request.generation, result)
