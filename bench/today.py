"""`afterword today` against taskwarrior's `task next` and against the floor, in one run.

For N = 100, 1,000 and 10,000 interviews: our morning agenda (a fresh derived agenda file, as
after any save), `task next` over N pending due tasks (temporary TASKDATA/TASKRC, confirmation
and hooks off), and the floor `python -c` that only loads the same database JSON.
Budgets (docs/budgets.md): at 10,000 no slower than `task next`; at 100 within 1.5x the floor;
`today --count` (a tmux status line, a shell prompt) at 10,000 within 1.2x the floor.
Run: `python bench/today.py` (installs Debian's taskwarrior if `task` is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from _common import NOW, compile_package, make_database, median_seconds, verdict

ROOT = Path(__file__).resolve().parents[1]


def ensure_taskwarrior() -> str | None:
    if shutil.which("task") is None:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "taskwarrior"], capture_output=True)
    return shutil.which("task")


def task_env(folder: Path, count: int) -> dict[str, str]:
    """A temporary taskwarrior holding ``count`` pending tasks with due dates."""
    data = folder / f"task-{count}"
    data.mkdir()
    rc = folder / f"taskrc-{count}"
    rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\nverbose=nothing\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    tasks = [
        {
            "description": f"Follow up {n}",
            "status": "pending",
            "entry": "20261101T090000Z",
            "due": (NOW + timedelta(hours=n % 400 - 200)).strftime("%Y%m%dT%H%M%SZ"),
            "project": f"afterword.company{n % 50}",
        }
        for n in range(count)
    ]
    source = folder / f"tasks-{count}.json"
    source.write_text("\n".join(json.dumps(t) for t in tasks))
    subprocess.run(["task", "import", str(source)], env=env, capture_output=True, check=True)
    return env


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def timed(command: list[str], env: dict[str, str], repeat: int) -> float:
    return median_seconds(lambda: run(command, env), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    task = ensure_taskwarrior()
    compile_package()
    env = {**os.environ, "AFTERWORD_NOW": NOW.isoformat(), "NO_COLOR": "1"}
    env["AFTERWORD_CONFIG"] = "/nonexistent/afterword-bench.toml"
    afterword = [str(Path(sys.executable).with_name("afterword"))]
    if not Path(afterword[0]).exists():
        afterword = [sys.executable, "-m", "afterword"]
    print(
        f"{'N':>7} {'today ms':>9} {'--count':>8} {'task ms':>8} {'floor ms':>9} "
        f"{'vs task':>8} {'vs floor':>9} {'count/floor':>12}"
    )
    results, counts = {}, {}
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        folder = Path(tmp)
        for count in [int(s) for s in args.sizes.split(",")]:
            db = make_database(count, folder / f"db-{count}.json")
            today = [*afterword, "--db", str(db), "today"]
            run(today, env)  # the first run after a save writes the agenda file
            floor = [sys.executable, "-c", f"import json; json.load(open({str(db)!r}))"]
            ours = timed(today, env, args.repeat)
            count_only = timed([*today, "--count"], env, args.repeat)
            base = timed(floor, env, args.repeat)
            theirs = float("nan")
            if task:
                tenv = task_env(folder, count)
                run(["task", "next"], tenv)
                theirs = timed(["task", "next"], tenv, args.repeat)
            results[count] = (ours, theirs, base)
            counts[count] = count_only / base
            print(
                f"{count:>7} {ours * 1000:>9.1f} {count_only * 1000:>8.1f} {theirs * 1000:>8.1f} "
                f"{base * 1000:>9.1f} {ours / theirs:>8.2f} {ours / base:>9.2f} "
                f"{count_only / base:>12.2f}"
            )
    if 100 in results:
        with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
            config = Path(tmp) / "config.toml"
            config.write_text('[profile]\nname = "Alex Morgan"\n[ui]\ndays = 7\n')
            db = make_database(100, Path(tmp) / "db.json")
            today = [*afterword, "--db", str(db), "today"]
            cenv = {**env, "AFTERWORD_CONFIG": str(config)}
            run(today, cenv)
            floor = [sys.executable, "-c", f"import json; json.load(open({str(db)!r}))"]
            ours, base = timed(today, cenv, args.repeat), timed(floor, cenv, args.repeat)
            counted = timed([*today, "--count"], cenv, args.repeat)
            print(
                f"    100 with a config.toml: today {ours * 1000:.1f} ms, floor "
                f"{base * 1000:.1f} ms, {ours / base:.2f}x the floor; today --count "
                f"{counted * 1000:.1f} ms, {counted / base:.2f}x (it reads no settings)"
            )
    if 10000 in results:
        ours, theirs, _ = results[10000]
        print(
            f"budget: at 10,000 no slower than task next: {ours / theirs:.2f}x  "
            f"{verdict(ours / theirs, 1.0)}"
        )
    if 100 in results:
        ours, _, base = results[100]
        print(
            f"budget: at 100 within 1.5x the floor: {ours / base:.2f}x  {verdict(ours / base, 1.5)}"
        )
    if 10000 in counts:
        ratio = counts[10000]
        print(
            f"budget: today --count at 10,000 within 1.2x python -c loading the same JSON: "
            f"{ratio:.2f}x  {verdict(ratio, 1.2)}"
        )
    if not task:
        print("taskwarrior is not installed and could not be installed: no comparison with it")


if __name__ == "__main__":
    main()
