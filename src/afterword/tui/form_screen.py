"""What the two forms (the debrief, the emails) share: one autosave lifecycle.

A form keeps what is typed in one slot of the recovery file (tui/autosave.py) until it is
saved. This base screen owns that: the `Autosave` made on mount, the timer that writes the
text a moment after the last key (`_tick`), the write before the app stops
(`save_unsaved_now`), the stop on leaving, and the one way a failed write is said. A form says
what its record is (`record`) and when it holds text not saved yet (`unsaved`), and calls
`autosave_touched` when a key changed it.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from afterword.tui.autosave import TICK, Autosave
from afterword.tui.base import AfterwordScreen

R = TypeVar("R")


class AfterwordForm(AfterwordScreen[R]):
    """A screen the user types into, its text autosaved to the recovery slot ``slot``."""

    FORM: ClassVar[bool] = True  # the app's letter keys type here
    slot: str
    autosave: Autosave | None = None

    def record(self) -> dict[str, object]:
        """What the recovery file keeps of the form now."""
        raise NotImplementedError

    def unsaved(self) -> bool:
        """Does the form hold text not saved yet (kept before the app stops)?"""
        return self.autosave is not None and self.autosave.dirty

    def tick(self) -> None:
        """The form's own work on the autosave's timer (four times a second)."""

    # -- the lifecycle

    def start_autosave(self) -> Autosave:
        """On mount: keep the form in its slot, written by a timer, never on a key."""
        from afterword.store.recovery import Recovery

        self.autosave = Autosave(Recovery(self.afterword.db_path), self.slot, self._autosave_failed)
        self.set_interval(TICK, self._tick)
        return self.autosave

    def _tick(self) -> None:
        if self.autosave is not None and self.autosave.due():
            self.autosave.save_soon(self.record())
        self.tick()

    def autosave_touched(self) -> None:
        """A key changed the form (cheap: the timer writes it)."""
        if self.autosave is not None:
            self.autosave.touched()

    def autosave_soon(self) -> None:
        """Write what is not kept yet without waiting for the timer (a field was left)."""
        if self.autosave is not None and self.autosave.dirty:
            self.autosave.save_soon(self.record())

    def autosave_clear(self) -> None:
        """The text was stored: drop its record and go on autosaving."""
        if self.autosave is not None:
            self.autosave.clear()

    def autosave_forget(self) -> None:
        """The form was saved or given up: drop its record and stop autosaving."""
        if self.autosave is not None:
            self.autosave.forget()
            self.autosave = None

    def save_unsaved_now(self) -> None:
        """Keep what the form holds before the app stops (SIGTERM, SIGHUP, quit)."""
        if self.autosave is not None and self.unsaved():
            self.autosave.save_now(self.record())

    def on_unmount(self) -> None:
        if self.autosave is not None:
            self.autosave.stop()

    def _autosave_failed(self, message: str) -> None:
        """On the autosave thread. The app shows it: the message outlives the form (the
        write may fail as the form is left)."""
        self.app.call_from_thread(self.app.notify, message, severity="error", timeout=15)
