"""Stop signals are heard even while the app's loop is stuck (afterword.tui.stopping)."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time

from afterword.tui.stopping import StopSignals


def run_with_signals(busy_for: float, grace: float = 0.4) -> tuple[list[str], list[int]]:
    """Run a loop that is busy in Python code for ``busy_for`` s; SIGTERM arrives 0.1 s in."""
    stopped: list[str] = []
    ended: list[int] = []

    async def main() -> None:
        signals = StopSignals(
            asyncio.get_running_loop(),
            lambda: stopped.append("stop"),
            grace=grace,
            end=ended.append,
        )
        signals.install()
        try:
            threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGTERM)).start()
            until = time.monotonic() + busy_for
            while time.monotonic() < until:  # the loop is held, as by a runaway computation
                pass
            await asyncio.sleep(grace + 0.3)  # the loop is free again
        finally:
            signals.uninstall()

    before = signal.getsignal(signal.SIGTERM)
    asyncio.run(main())
    assert signal.getsignal(signal.SIGTERM) == before  # put back as it was
    return stopped, ended


def test_a_free_loop_stops_the_usual_way_and_the_watchdog_stays_quiet() -> None:
    stopped, ended = run_with_signals(busy_for=0)
    assert stopped == ["stop"] and ended == []


def test_a_stuck_loop_is_ended_by_the_watchdog() -> None:
    stopped, ended = run_with_signals(busy_for=1.2)
    assert ended == [signal.SIGTERM]
    assert stopped == ["stop"]  # and once free, the loop stops the usual way too
