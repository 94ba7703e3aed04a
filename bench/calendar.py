"""Key to frame of a month change on the Calendar (10,000 interviews) against a DataTable's cursor.

Both apps run headless at 120x40, side by side in this process (`App.run_test`):

- calendar: the real app (`AfterwordApp` on a database of 10,000 interviews written by
  `make_database`, as `bench/make_db.py` writes it; the config from `load_config()` with private
  XDG folders), its interviews read (`Library.loaded`), `c` (the Calendar, which indexes the
  interviews by day once), the grid focused, its cursor put 24 months back (the busiest part of
  the data: about 13 interviews a day), then `]`: each key moves the grid a month on;
- datatable: a stock `App` whose only widget is a `DataTable` (row cursor) of 10,000 rows of
  four short cells, focused, then `down`.

Each round presses 24 keys in each app, 4 to one and then 4 to the other, so that a busy moment
of the machine falls on both alike; the first round is a warm-up and is dropped.

One key: from just before the key event is posted to the app (`app.post_message(events.Key)`,
built as Textual's pilot builds it) to the first `App._display` after it with a frame for the
current screen outside a batch (see bench/keystroke.py) that shows what the key did: the grid's
new month; the DataTable's new cursor row. Not the wall time of `pilot.press`. Each key is
posted once the app has drawn nothing for 0.1 s, so it meets an idle app (a key that met the
end of the last one's work would time both).

The day's list beside the grid follows once the grid has been still for 0.05 s (so that a held
`]` does not rebuild it for every month it passes); the time from the key to the frame that
shows the new day's list is printed too, with no budget.

Budget (issue #8, docs/budgets.md): the month change within 1.5x the DataTable cursor move, at
the median. Exits 1 when over. Run: `python bench/calendar.py` (`--repeat 2` for a quick look).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file's name is the standard library's `calendar` (which Textual and dateutil import): the
# bench folder goes to the end of the path, so that `import calendar` finds the real one.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import timedelta  # noqa: E402
from typing import Any  # noqa: E402

from _common import NOW, compile_package, interviews_read, make_database, verdict  # noqa: E402

BUDGET = 1.5
SIZE = (120, 40)
COUNT = 10_000
KEYS = 24  # per case per round (24 months: about the span of the data)
BLOCK = 4  # keys to one app, then to the other
FRAME_TIMEOUT = 5.0
QUIET = 0.1  # seconds without a frame before a key: what the last key started is all done
CALENDAR = "Calendar, ] (a month on)"
DATATABLE = "stock DataTable, down"
WITH_LIST = "Calendar, ], until the day's list follows (no budget)"


class Probe:
    """The frames after a key: `App._display` notes the first frame where each test holds."""

    def __init__(self) -> None:
        self.app: Any = None
        self.tests: list[Callable[[], bool]] = []
        self.frames: list[float] = []  # one time per test, 0.0 until its frame
        self.last_frame = 0.0  # of any frame of the app
        self.done: asyncio.Event | None = None


PROBE = Probe()


def watch_frames() -> None:
    from textual.app import App

    shown = App._display

    def display(self: App[Any], screen: Any, renderable: Any) -> None:
        shown(self, screen, renderable)
        probe = PROBE
        if self is not probe.app or renderable is None or self._batch_count:
            return
        now = probe.last_frame = time.perf_counter()
        if not probe.tests or screen is not self.screen:
            return
        for index, test in enumerate(probe.tests):
            if not probe.frames[index] and test():
                probe.frames[index] = now
        if all(probe.frames):
            probe.tests = []
            assert probe.done is not None
            probe.done.set()

    App._display = display  # type: ignore[method-assign]


def key_event(key: str) -> Any:
    from textual import events

    return events.Key(key, {"right_square_bracket": "]"}.get(key))


async def press_keys(
    app: Any, key: str, count: int, expect: Callable[[], list[Callable[[], bool]]]
) -> list[list[float]]:
    """For each of ``count`` presses of ``key``: seconds from posting it to the first frame
    that passes each test of ``expect()`` (asked before the key: what the key should do)."""
    probe = PROBE
    probe.app = app
    probe.done = done = asyncio.Event()
    times = []
    for _ in range(count):
        while (wait := probe.last_frame + QUIET - time.perf_counter()) > 0:
            await asyncio.sleep(wait)  # until the app has drawn nothing for a while: idle
        done.clear()
        tests = expect()
        probe.frames = [0.0] * len(tests)
        start = time.perf_counter()
        probe.tests = tests
        app.post_message(key_event(key))
        try:
            await asyncio.wait_for(done.wait(), FRAME_TIMEOUT)
        except TimeoutError:
            raise SystemExit(f"no frame {FRAME_TIMEOUT} s after {key!r}") from None
        times.append([frame - start for frame in probe.frames])
    probe.tests = []
    probe.app = None
    return times


async def settle(pilot: Any, seconds: float = 0.6) -> None:
    for _ in range(3):
        await pilot.pause()
    await asyncio.sleep(seconds)
    await pilot.pause()


async def open_calendar(app: Any, pilot: Any) -> tuple[Any, Any]:
    """`c` once the interviews are read: the Calendar screen and its grid, focused."""
    from afterword.tui.screens.calendar import CalendarScreen
    from afterword.tui.widgets.month_grid import MonthGrid

    await interviews_read(app, pilot, 60)
    await pilot.press("c")
    screen = app.screen
    if not isinstance(screen, CalendarScreen):
        raise SystemExit(f"`c` showed {screen!r}, not the Calendar")
    grid = screen.query_one(MonthGrid)
    grid.focus()
    return screen, grid


def stock_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class Stock(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Company", "Role", "When", "Status")
            table.add_rows(
                (f"Company {n}", f"Role {n % 37}", f"2026-11-{n % 28 + 1:02d}", "active")
                for n in range(COUNT)
            )
            table.focus()

    return Stock()


async def measure(db: Path, rounds: int) -> list[dict[str, list[float]]]:
    """Both apps run side by side; each round moves the Calendar 24 months on and the
    DataTable 24 rows down, BLOCK keys of one then BLOCK of the other (so that a busy moment
    of the machine falls on both alike)."""
    from textual.widgets import DataTable

    from afterword.config import load_config
    from afterword.store.lock import AppLock
    from afterword.tui.app import AfterwordApp
    from afterword.tui.widgets.month_grid import add_months

    config, _problems = load_config()
    lock = AppLock(db)
    lock.acquire()
    app, stock = AfterwordApp(db, config, lock=lock, now=lambda: NOW), stock_app()
    results = []
    try:
        async with app.run_test(size=SIZE) as pilot, stock.run_test(size=SIZE) as stock_pilot:
            screen, grid = await open_calendar(app, pilot)
            table = stock.query_one(DataTable)

            def next_month() -> list[Callable[[], bool]]:
                wanted = add_months(grid.cursor, 1)
                return [
                    lambda: grid.cursor == wanted,
                    lambda: grid.cursor == wanted and screen.shown_day == wanted,
                ]

            def next_row() -> list[Callable[[], bool]]:
                wanted = table.cursor_row + 1
                return [lambda: table.cursor_row == wanted]

            for _ in range(rounds + 1):
                grid.cursor = add_months(NOW.date(), -KEYS)
                table.move_cursor(row=0)
                await settle(pilot)
                await settle(stock_pilot)
                if screen.shown_day != grid.cursor:
                    raise SystemExit("the day's list does not show the grid's day")
                week = [grid.marks_of(grid.cursor + timedelta(days=d)) for d in range(7)]
                if sum(marks.interviews for marks in week) < 7:
                    raise SystemExit("the bench's months are not busy: under 7 interviews a week")
                got: dict[str, list[float]] = {CALENDAR: [], DATATABLE: [], WITH_LIST: []}
                for _ in range(KEYS // BLOCK):
                    for frames in await press_keys(app, "right_square_bracket", BLOCK, next_month):
                        got[CALENDAR].append(frames[0])
                        got[WITH_LIST].append(frames[1])
                    for frames in await press_keys(stock, "down", BLOCK, next_row):
                        got[DATATABLE].append(frames[0])
                if grid.cursor != NOW.date() or table.cursor_row != KEYS:
                    raise SystemExit(
                        f"the keys did not all arrive: {grid.cursor}, row {table.cursor_row}"
                    )
                results.append(got)
    finally:
        lock.release()
    return results


def private_folders(folder: Path) -> None:
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    os.environ["AFTERWORD_CONFIG"] = str(folder / "xdg_config_home" / "afterword" / "config.toml")
    os.environ.pop("AFTERWORD_DB", None)


async def run(args: argparse.Namespace, db: Path) -> int:
    times: dict[str, list[float]] = {CALENDAR: [], DATATABLE: [], WITH_LIST: []}
    for round_, got in enumerate(await measure(db, args.repeat)):  # round 0 warms up
        medians = "  ".join(f"{statistics.median(v) * 1000:6.2f}" for v in got.values())
        ratio = statistics.median(got[CALENDAR]) / statistics.median(got[DATATABLE])
        print(
            f"round {round_}/{args.repeat}: ms {medians}  ratio {ratio:.2f}"
            f"{'  (warm-up, dropped)' if not round_ else ''}",
            flush=True,
        )
        if round_:
            for name, values in got.items():
                times[name] += values
    print()
    print(f"Key to frame in ms, headless {SIZE[0]}x{SIZE[1]}, {len(times[CALENDAR])} keys a case.")
    print(f"{'case':<52} {'median':>7} {'p90':>7}")
    for name, values in times.items():
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"{name:<52} {statistics.median(values) * 1000:>7.2f} {p90 * 1000:>7.2f}")
    ratio = statistics.median(times[CALENDAR]) / statistics.median(times[DATATABLE])
    print()
    print(
        f"month change vs DataTable cursor move, median key-to-frame: {ratio:.2f}x "
        f"(budget {BUDGET}x)  {verdict(ratio, BUDGET)}"
    )
    return 0 if ratio <= BUDGET else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    compile_package()
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        folder = Path(tmp)
        private_folders(folder)
        print(f"writing {COUNT:,} interviews…", flush=True)
        db = make_database(COUNT, folder / "afterword.json")
        watch_frames()
        code = asyncio.run(run(args, db))
    sys.exit(code)


if __name__ == "__main__":
    main()
