"""The app as a process: the signals that stop or pause it, and the errors nobody expected.

- SIGTSTP and SIGCONT: the terminal resumed only after a `ctrl+z` stopped it (``guard_sigcont``).
- SIGTERM and SIGHUP: the unsaved text kept, then the app ends (``catch_stop_signals``; the
  handlers themselves, and their watchdog, are in ``tui/stopping.py``).
- An error that ends the app: what forms hold kept, a crash report without messages or
  variables, the traceback shown once the terminal is back (``end_on_crash``).
- A background task that fails and the app goes on: one sentence (``say_failed_worker``).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerFailed

from afterword.tui.stopping import StopSignals

if TYPE_CHECKING:
    from afterword.tui.app import AfterwordApp

# What each background task does, for the sentence when one fails (by worker group)
WORKER_TASKS = {
    "load": "Reading your interviews",
    "prepare": "Preparing the emails",
    "send": "Sending the email",
    "spelling": "Loading the spelling dictionary",
    "render": "Writing the email from its template",
    "redraft": "Writing the drafts again",
}


def guard_sigcont() -> None:
    """Resume the terminal on SIGCONT only after a SIGTSTP (ctrl+z) stopped it.

    Textual's driver resumes on every SIGCONT. When the terminal closes, the kernel sends
    SIGHUP and SIGCONT: the unasked-for resume then starts a second output thread on the
    dead terminal, and the exit waits forever for it.
    """
    if not hasattr(signal, "SIGCONT") or not hasattr(signal, "SIGTSTP"):
        return
    on_stop, on_continue = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
    if not callable(on_stop) or not callable(on_continue):
        return  # headless, or not Textual's handlers: nothing to guard
    stopped = [False]

    def stop(number: int, frame: object) -> None:
        stopped[0] = True
        on_stop(number, frame)  # type: ignore[arg-type]

    def resume(number: int, frame: object) -> None:
        if stopped[0]:
            stopped[0] = False
            on_continue(number, frame)  # type: ignore[arg-type]

    signal.signal(signal.SIGTSTP, stop)
    signal.signal(signal.SIGCONT, resume)


def catch_stop_signals(app: AfterwordApp) -> StopSignals:
    """SIGTERM, SIGHUP: keep the unsaved text, then exit (the terminal is restored). Python's
    handlers, not the loop's: they are heard even while the loop is stuck. Call on the loop;
    ``uninstall`` the result when the app ends."""

    def stop() -> None:
        app.keep_unsaved_text()
        app.exit()

    stop_signals = StopSignals(asyncio.get_running_loop(), stop)
    stop_signals.install()
    return stop_signals


def end_on_crash(app: AfterwordApp) -> None:
    """An error nobody expected: keep what forms hold, write a crash report, and exit
    (status 1) showing the traceback as the report has it, once the terminal is restored.

    Textual shows a crash's traceback with every frame's local variables; they, and the
    exception's message, may hold a debrief's private notes or a mail password. The
    traceback here has neither (see afterword.crash for the rule).
    """
    from rich.text import Text

    from afterword import crash

    app.bell()
    error = app.fatal_error_cause()
    if isinstance(error, WorkerFailed) and error.error is not None:
        error = error.error  # a worker's own error, with its traceback
    with contextlib.suppress(Exception):  # the crash is being reported already
        app.keep_unsaved_text()  # the last second of typing, too
    if error is not None:
        app.crashed = True
        app.crash_report, app.crash_problem = crash.save(error)
        app.show_at_exit(Text(crash.traceback_text(error).rstrip("\n")))
    app.close_messages_now()


def say_failed_worker(app: AfterwordApp, worker: Worker[Any]) -> None:
    """A background task raised what nobody expected and the app goes on: say what failed
    in one sentence; the details go to a crash report (without messages or variables)."""
    from afterword import crash

    error = worker.error
    if error is None:
        return
    what = WORKER_TASKS.get(worker.group) or f"The task {worker.name!r}"
    path, _ = crash.save(error)
    details = f"; the details are in {path}" if path is not None else ""
    app.notify(
        f"{what} failed unexpectedly ({type(error).__name__}); the app goes on and what "
        f"you typed is kept{details}.",
        severity="error",
        timeout=20,
    )
