"""One save of one changed interview, against the floor, at N = 100, 1,000 and 10,000.

The floor is what no safe save can beat: `json.dumps` of the same data, write, fsync and
`os.replace`. Budgets (docs/budgets.md): a save within 1.2x the floor at every N, and within
0.5x at 10,000 (the storage encodes only the changed record and copies the others' bytes).
Run: `python bench/save.py` (add `--repeat 15` for steadier numbers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from _common import make_database, verdict

BUDGET = 1.2
BUDGETS = {10_000: 0.5}  # N -> a tighter budget at that size


def budget_for(count: int) -> float:
    return BUDGETS.get(count, BUDGET)


def floor_save(data: Mapping[str, object], path: Path) -> None:
    payload = json.dumps(data).encode()
    tmp = path.with_name(path.name + ".floor-tmp")
    with open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def measure(count: int, folder: Path, repeat: int) -> tuple[float, float]:
    from afterword.store.repository import Repository

    db = make_database(count, folder / f"db-{count}.json")
    floor_path = folder / f"floor-{count}.json"
    with Repository.open(db) as repo:
        interview = repo.interviews()[count // 2]
        interview.debrief.notes += " warm-up"
        repo.save(interview)  # the first save of the hour also writes a backup
        ours, floor = [], []
        for n in range(repeat):
            interview.debrief.notes = interview.debrief.notes[:200] + f" change {n}" * (n % 3)
            start = time.perf_counter()
            repo.save(interview)
            ours.append(time.perf_counter() - start)
            # the same data as plain dicts (the storage keeps its records as bytes)
            data = {name: dict(table) for name, table in repo.storage.read().items()}
            start = time.perf_counter()
            floor_save(data, floor_path)
            floor.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: list[tuple[int, float]] = []
    print(f"{'N':>7} {'save ms':>9} {'floor ms':>9} {'ratio':>6} {'budget':>6}")
    with tempfile.TemporaryDirectory(prefix="afterword-bench-") as tmp:
        for count in sizes:
            ours, floor = measure(count, Path(tmp), args.repeat)
            ratio = ours / floor
            results.append((count, ratio))
            print(
                f"{count:>7} {ours * 1000:>9.1f} {floor * 1000:>9.1f} {ratio:>6.2f} "
                f"{budget_for(count):>5}x  {verdict(ratio, budget_for(count))}"
            )
    for count, ratio in results:
        print(
            f"budget: one save of {count:,} interviews within {budget_for(count)}x the floor: "
            f"{ratio:.2f}x  {verdict(ratio, budget_for(count))}"
        )


if __name__ == "__main__":
    main()
