"""Launch to first frame: the app with 100 and 10,000 interviews against a bare Textual app.

Each case runs in a fresh `python -c DRIVER` subprocess, so interpreter start-up and every import
count, as they do for a user. The driver runs the app headless at 120x40:

- bare: an `App` whose only widget is one `Static`;
- afterword: `afterword.__main__.main(["--db", PATH])`, the code path of the `afterword` console
  script (config, writer lock, `AfterwordApp(...)`), with `App.run` made headless.

First frame: the first call of `App._display` that would write to the terminal, i.e. a
compositor update of the current screen outside a batch (for Afterword: its Today screen, saying
"Loading…" while the data is not read yet). Headless, Textual computes that update and skips only
turning it into escape sequences, equally for every case. The driver asks the app to exit there.
"Data shown" (a separate run on each database) is the first such frame after the data loaded in
its worker (`Library.loaded`) and the app refreshed the screen with it.

Clock: the parent reads CLOCK_MONOTONIC just before it starts the child and passes the value in
the environment; the child reads the same clock (system-wide on Linux, so the two readings
compare) at the frame. The time thus covers fork and exec, the interpreter, imports, the app's
start and the first frame: what a user waits for. `python -c pass` is shown for reference.

Memory: the peak resident memory of the child, read at the first frame and again when `App.run`
has returned: `VmHWM` of /proc/self/status where there is one, else `ru_maxrss`. (On Linux
`ru_maxrss` keeps the parent's peak across fork and exec, so a parent that once held 10,000
interviews would show in every child; VmHWM belongs to the child's own address space. The
databases are written by `bench/make_db.py` in a subprocess, which keeps this parent small too.)
A thread worker is waited for at exit, so the peak at exit of a 10,000 run includes the loaded
data even when the app was told to exit at its first frame.

Cases are interleaved (one of each per round, after one warm-up round) and each figure is the
median of ``--repeat`` rounds. Budgets (DESIGN.md, "Budgets"): with 10,000 interviews the first
frame within 1.4x the bare app's and within 1.1x the app's own with 100; the peak memory with
10,000 interviews and the data shown within 2.5x the bare app's (the other memory ratios are
shown for reference).

The package's bytecode is written first, as installing the wheel does (an editable install
compiles nothing, and with PYTHONDONTWRITEBYTECODE every launch would compile from source).
Run: `python bench/startup.py` (`--repeat 3` for a quick look).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import NOW, compile_package, verdict

FRAME_VS_BARE = 1.4
FRAME_VS_100 = 1.1
MEMORY_VS_BARE = 2.5  # peak memory with 10,000 interviews shown
T0_VARIABLE = "AFTERWORD_BENCH_T0"
HERE = Path(__file__).resolve().parent

# Runs in the child as `python -c DRIVER KIND WAIT [DB]`: KIND bare|afterword, WAIT frame|data.
# Prints one line "BENCH {json}": seconds from launch to the first frame ("frame") and to the
# data shown ("data"), and the peak RSS in KiB at those moments and at exit.
DRIVER = """
import os, resource, sys, time
from textual.app import App

kind, wait = sys.argv[1], sys.argv[2]
t0 = float(os.environ["@T0@"])
result = {}

def peak_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

def mark(name):
    result[name] = time.clock_gettime(time.CLOCK_MONOTONIC) - t0
    result["rss_" + name] = peak_kib()

shown = App._display

def display(self, screen, renderable):
    shown(self, screen, renderable)
    if renderable is None or self._batch_count or screen is not self.screen:
        return
    if "frame" not in result:
        mark("frame")
        if wait == "frame":
            self.exit()
    elif wait == "data" and result.get("data_ready") and "data" not in result:
        mark("data")
        self.exit()

App._display = display
run = App.run

def headless_run(self, **options):
    return run(self, **{**options, "headless": True, "size": (120, 40)})

App.run = headless_run

if kind == "bare":
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("Hello")

    Bare().run()
    code = 0
else:
    from afterword.__main__ import main
    from afterword.tui.app import AfterwordApp

    changed = AfterwordApp._changed

    def on_changed(self, label):
        changed(self, label)
        if self.library.loaded:
            result["data_ready"] = 1

    AfterwordApp._changed = on_changed
    code = main(["--db", sys.argv[3]])
result["rss_exit"] = peak_kib()
result["code"] = code
print("BENCH " + __import__("json").dumps(result))
""".replace("@T0@", T0_VARIABLE)

BARE = "bare Textual app, one Static"
SMALL = "afterword, 100 interviews"
BIG = "afterword, 10,000 interviews"
SMALL_DATA = "afterword, 100, until data shown"
BIG_DATA = "afterword, 10,000, until data shown"

Report = dict[str, float]


def child_env(folder: Path) -> dict[str, str]:
    """The user's environment with private config, data and state folders and a fixed clock."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "AFTERWORD"))}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(folder / name.lower())
    env["AFTERWORD_CONFIG"] = str(folder / "xdg_config_home" / "afterword" / "config.toml")
    env["AFTERWORD_NOW"] = NOW.isoformat(timespec="minutes")
    return env


def launch(name: str, command: list[str], env: dict[str, str]) -> tuple[float, Report]:
    """Run ``command``: its wall time and the driver's report (empty for other commands)."""
    env = dict(env)
    start = time.clock_gettime(time.CLOCK_MONOTONIC)
    env[T0_VARIABLE] = repr(start)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    wall = time.clock_gettime(time.CLOCK_MONOTONIC) - start
    report: Report = {}
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            report = json.loads(line[len("BENCH ") :])
    if done.returncode != 0 or (DRIVER in command and not report.get("frame")):
        raise SystemExit(
            f"{name}: the child failed (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}{done.stderr[-2000:]}"
        )
    if done.stderr.strip():
        print(f"  {name}: the child wrote to stderr: {done.stderr.strip()[-500:]}")
    return wall, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    compile_package()
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        folder = Path(tmp)
        env = child_env(folder)
        print("writing the databases (10,000 interviews take a few seconds)…", flush=True)
        dbs = {}
        for n in (100, 10000):
            dbs[n] = str(folder / f"db-{n}.json")
            subprocess.run([python, str(HERE / "make_db.py"), str(n), dbs[n]], check=True)
        cases: dict[str, list[str]] = {
            "python -c pass": [python, "-c", "pass"],
            BARE: [python, "-c", DRIVER, "bare", "frame"],
            SMALL: [python, "-c", DRIVER, "afterword", "frame", dbs[100]],
            BIG: [python, "-c", DRIVER, "afterword", "frame", dbs[10000]],
            SMALL_DATA: [python, "-c", DRIVER, "afterword", "data", dbs[100]],
            BIG_DATA: [python, "-c", DRIVER, "afterword", "data", dbs[10000]],
        }
        runs: dict[str, list[tuple[float, Report]]] = {name: [] for name in cases}
        for round_ in range(args.repeat + 1):  # round 0 warms the caches and writes the config
            print(f"round {round_}/{args.repeat}{' (warm-up)' if not round_ else ''}", flush=True)
            for name, command in cases.items():
                measured = launch(name, command, env)
                if round_:
                    runs[name].append(measured)

    def median(name: str, key: str = "") -> float:
        """The median of one figure of a case; ``key`` "" is the process's wall time."""
        values = [report[key] if key else wall for wall, report in runs[name]]
        return statistics.median(values) if values else math.nan

    def cell(name: str, key: str, width: int) -> str:
        """A median in ms (times) or MiB (``rss_*``, reported in KiB), "-" if not measured."""
        if key and key not in runs[name][0][1]:
            return "-".rjust(width)
        if key.startswith("rss_"):
            return f"{median(name, key) / 1024:>{width}.1f}"
        return f"{median(name, key) * 1000:>{width}.0f}"

    print()
    print(f"From the launch of a fresh process, headless 120x40; medians of {args.repeat} runs.")
    print("first frame, data shown: ms from launch (see the docstring for what counts);")
    print("RSS frame, RSS exit: peak resident memory in MiB at the first frame and at exit;")
    print("wall: ms for the whole process, its exit included.")
    head = ("first frame", "data shown", "RSS frame", "RSS exit", "wall")
    print(f"{'case':<36} {head[0]:>11} {head[1]:>10} {head[2]:>9} {head[3]:>8} {head[4]:>6}")
    for name in cases:
        print(
            f"{name:<36} {cell(name, 'frame', 11)} {cell(name, 'data', 10)} "
            f"{cell(name, 'rss_frame', 9)} {cell(name, 'rss_exit', 8)} {cell(name, '', 6)}"
        )
    bare, small, big = (median(name, "frame") for name in (BARE, SMALL, BIG))
    print()
    print("ratios:")
    print(f"  100 interviews, first frame vs the bare app: {small / bare:.2f}x (no budget)")

    def by_round(ours: str, theirs: str) -> str:
        """Each round's ratio of the two (their launches a second apart), and the median."""
        each = [
            a[1]["frame"] / b[1]["frame"] for a, b in zip(runs[ours], runs[theirs], strict=True)
        ]
        return f"round by round {statistics.median(each):.2f}x, {min(each):.2f}-{max(each):.2f}"

    for label, ratio, budget, pair in (
        ("10,000 interviews, first frame vs the bare app", big / bare, FRAME_VS_BARE, (BIG, BARE)),
        (
            "10,000 interviews, first frame vs 100 interviews",
            big / small,
            FRAME_VS_100,
            (BIG, SMALL),
        ),
    ):
        print(
            f"  {label}: {ratio:.2f}x ({by_round(*pair)}; budget {budget}x)  "
            f"{verdict(ratio, budget)}"
        )
    bare_rss = median(BARE, "rss_exit")
    for label, name, key in (
        ("10,000, peak RSS up to the first frame vs the bare app", BIG, "rss_frame"),
        ("10,000, peak RSS at exit vs the bare app", BIG, "rss_exit"),
    ):
        print(f"  {label}: {median(name, key) / bare_rss:.2f}x (no budget)")
    memory = median(BIG_DATA, "rss_exit") / bare_rss
    print(
        f"  10,000, peak RSS with the data shown vs the bare app: {memory:.2f}x "
        f"(budget {MEMORY_VS_BARE}x)  {verdict(memory, MEMORY_VS_BARE)}"
    )
    shown, small_shown = median(BIG_DATA, "data"), median(SMALL_DATA, "data")
    print(f"  10,000, data shown vs its first frame: {shown / big:.2f}x (no budget)")
    print(f"  10,000 vs 100, data shown: {shown / small_shown:.2f}x (no budget)")


if __name__ == "__main__":
    main()
