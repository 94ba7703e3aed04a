"""Shared helpers of the bench scripts: timing, medians, and making databases."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# `python bench/x.py` puts this folder first on the path, where calendar.py would stand in for
# the standard library's `calendar` (which dateutil and the app import): it goes last instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]
_shadow = sys.modules.get("calendar")
if _shadow is not None and str(getattr(_shadow, "__file__", "")).startswith(str(HERE)):
    del sys.modules["calendar"]  # imported by mistake before this module ran: forget it
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

NOW = datetime(2026, 11, 25, 9, 0)


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``action``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def make_database(count: int, path: Path) -> Path:
    """Write a database of ``count`` realistic interviews (about 2 KB each) to ``path``."""
    from afterword.demo import scale_interviews, write_demo_database

    write_demo_database(path, NOW, scale_interviews(count, NOW))
    return path


def compile_package() -> None:
    """Write the package's bytecode, as installing a wheel does.

    An editable install compiles nothing, and with PYTHONDONTWRITEBYTECODE set every launch would
    compile every module from source: a cost that a user's installed copy never pays.
    """
    import compileall

    import afterword

    compileall.compile_dir(Path(afterword.__file__).parent, quiet=1)


def verdict(ratio: float, budget: float) -> str:
    return "ok" if ratio <= budget else "OVER BUDGET"


async def interviews_read(app: Any, pilot: Any, seconds: float) -> None:
    """Until the app has read its interviews (fails the bench after ``seconds``)."""
    deadline = time.monotonic() + seconds
    while not app.library.loaded:
        if time.monotonic() > deadline:
            raise SystemExit(f"the app did not read its interviews within {seconds:g} s")
        await pilot.pause(0.02)
    await pilot.pause()
