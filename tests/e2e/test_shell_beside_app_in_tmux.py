"""The app open in a tmux pane all day while the shell acts on the same database: `afterword
done` works while the app is open, the app shows the change within two seconds, and the app's
own next save keeps both changes.

The installed `afterword` runs in a detached 120x40 pane with a fixed clock on a copy of the
demo database; the shell's commands run beside it as a user would type them.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    NOW_TEXT,
    Run,
    assert_no_traceback,
    demo_database,
    starting,
)

pytestmark = [*NEEDS_TMUX_AND_APP]

ENV = {"AFTERWORD_NOW": NOW_TEXT}
SHOWN_WITHIN = 2.0  # seconds


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    env = {**ENV, "AFTERWORD_CONFIG": os.environ["AFTERWORD_CONFIG"]}
    with starting(tmp_path, env, Run) as make:
        yield make(demo_database(tmp_path))


def shell(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(AFTERWORD), "--db", str(db), *args],
        env={**os.environ, **ENV},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_done_from_the_shell_shows_in_the_open_app_and_both_changes_stay(run: Run) -> None:
    db = run.db
    before = json.loads(shell(db, "today", "--json").stdout)
    overdue = before["overdue"]
    late = len(overdue)
    run.wait_for_text(f"Overdue ({late})")
    first, second = overdue[0], overdue[1]

    # the shell marks the first overdue item done while the app is open: not refused
    done = shell(db, "done", first["id"])
    assert done.returncode == 0, done.stderr
    assert "Done: " in done.stdout
    started = time.monotonic()
    screen = run.wait_for(
        lambda s: f"Overdue ({late - 1})" in s and "Changed elsewhere" in s,
        "the app showing the shell's change",
    )
    assert time.monotonic() - started < SHOWN_WITHIN + 0.5, "shown within two seconds"
    assert_no_traceback(screen)

    # the app's own change: x on the (new) first overdue item, which is the second one
    run.press("x")
    run.wait_for(lambda s: f"Overdue ({late - 2})" in s, "the app's own done")
    time.sleep(0.5)  # its save, on the writer thread
    after = json.loads(shell(db, "today", "--json").stdout)
    open_ids = {i["id"] for part in after.values() if isinstance(part, list) for i in part}
    assert first["id"] not in open_ids and second["id"] not in open_ids, "both are done on disk"
    assert len(after["overdue"]) == late - 2
