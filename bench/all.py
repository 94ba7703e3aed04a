"""Every bench in one run, and one table of the budgets: what is measured, the ratio, whether
it holds.

Each bench script prints its budget lines through `_common.verdict` (ending in `ok` or
`OVER BUDGET`); this runs them one after the other (never side by side: they time the same
two cores) and gathers those lines. Exit status 1 when a budget does not hold or a bench
fails. Run: `python bench/all.py` (a few minutes; `--quick` for fewer repetitions).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (script, arguments, arguments with --quick): the budgets of docs/budgets.md
BENCHES: tuple[tuple[str, list[str], list[str]], ...] = (
    ("save.py", [], ["--repeat", "3"]),
    ("today.py", [], ["--repeat", "5"]),
    ("startup.py", ["--repeat", "11"], ["--repeat", "3"]),
    ("keystroke.py", [], ["--repeat", "1"]),
    ("proofread.py", [], []),
    ("calendar.py", [], []),
)
VERDICT = re.compile(r"\s(ok|OVER BUDGET)\s*$")
RATIO = re.compile(r"(\d+(?:\.\d+)?)x\b")


def budget_lines(output: str) -> list[tuple[str, str, str]]:
    """(what, ratio, verdict) of each budget line of a bench: a line that names its budget
    ("budget: … : 1.08x  ok", "…: 1.32x (budget 1.5x)  ok")."""
    found = []
    for line in output.splitlines():
        match = VERDICT.search(line)
        if match is None or "budget" not in line:
            continue
        text = line[: match.start()].strip().removeprefix("budget:").strip()
        what, _, measured = text.rpartition(":")
        ratios = RATIO.findall(measured)
        found.append((what.strip(), f"{float(ratios[0]):.2f}x" if ratios else "?", match.group(1)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a rough look")
    parser.add_argument("--only", default="", help="comma-separated scripts, e.g. today.py")
    args = parser.parse_args()
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    rows: list[tuple[str, str, str, str]] = []
    failed = []
    for script, normal, quick in BENCHES:
        if wanted and script not in wanted:
            continue
        command = [sys.executable, str(HERE / script), *(quick if args.quick else normal)]
        print(f"== {script}", flush=True)
        start = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True)
        print(done.stdout, end="")
        seconds = time.monotonic() - start
        lines = budget_lines(done.stdout)
        if done.returncode not in (0, 1) or not lines:
            failed.append(script)
            print(f"{script} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
            continue
        print(f"({seconds:.0f} s)\n", flush=True)
        rows += [(script, what, ratio, verdict) for what, ratio, verdict in lines]
    width = max((len(what) for _, what, _, _ in rows), default=20)
    print(f"{'bench':<13} {'budget':<{width}} {'ratio':>7}  holds")
    for script, what, ratio, verdict in rows:
        holds = "yes" if verdict == "ok" else "NO"
        print(f"{script:<13} {what:<{width}} {ratio:>7}  {holds}")
    for script in failed:
        print(f"{script:<13} {'(the bench failed)':<{width}} {'-':>7}  NO")
    over = [row for row in rows if row[3] != "ok"]
    print(
        f"\n{len(rows) - len(over)} of {len(rows)} budget lines hold"
        + (f"; {len(failed)} bench(es) failed" if failed else "")
    )
    return 1 if over or failed else 0


if __name__ == "__main__":
    sys.exit(main())
