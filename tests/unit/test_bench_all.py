"""bench/all.py reads every bench's budget lines, whatever their wording."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / "bench" / "all.py"
spec = importlib.util.spec_from_file_location("bench_all", SCRIPT)
assert spec is not None and spec.loader is not None
bench_all = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_all)

OUTPUT = """\
      N  today ms  --count
  10000      89.7     80.9
budget: at 100 within 1.5x the floor: 1.13x  ok
budget: today --count at 10,000 within 1.2x python -c loading the same JSON: 0.13x  ok
    100      8.7       7.2   1.21  OVER BUDGET
  10,000 interviews, first frame vs the bare app: 1.44x (budget 1.4x)  OVER BUDGET
month change vs DataTable cursor move, median key-to-frame: 1.32x (budget 1.5x)  ok
a line that only says ok
"""


def test_every_budget_line_and_only_those() -> None:
    assert bench_all.budget_lines(OUTPUT) == [
        ("at 100 within 1.5x the floor", "1.13x", "ok"),
        ("today --count at 10,000 within 1.2x python -c loading the same JSON", "0.13x", "ok"),
        ("10,000 interviews, first frame vs the bare app", "1.44x", "OVER BUDGET"),
        ("month change vs DataTable cursor move, median key-to-frame", "1.32x", "ok"),
    ]
