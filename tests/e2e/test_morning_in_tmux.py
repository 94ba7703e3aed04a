"""The morning review in the real app, in a real terminal (tmux): mark done, snooze, draft the
check-in, record a reply and undo it; then the shell's `afterword today` and `export` agree.

The installed `afterword` runs in a detached 120x40 pane with a fixed clock on a copy of the
demo database. Keys go one step at a time; each step waits until the screen shows its effect.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    NOW_TEXT,
    SHELL_AFTER,
    Run,
    assert_no_traceback,
    demo_database,
    starting,
)

pytestmark = [
    *NEEDS_TMUX_AND_APP,
    pytest.mark.slow,
]

ENV = {"AFTERWORD_NOW": NOW_TEXT}


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Run]:
    env = {**ENV, "AFTERWORD_CONFIG": os.environ["AFTERWORD_CONFIG"]}
    with starting(tmp_path, env, Run) as make:
        yield make(demo_database(tmp_path))


def shell(db: Path, *args: str) -> str:
    env = {**os.environ, **ENV}
    done = subprocess.run(
        [str(AFTERWORD), "--db", str(db), *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def follow_ups(db: Path) -> dict[str, dict[str, Any]]:
    exported = json.loads(shell(db, "export"))
    return {f["id"]: f for i in exported["interviews"] for f in i["follow_ups"]}


def test_a_morning_review_done_snoozed_drafted_replied_and_undone(run: Run) -> None:
    db = run.db
    before = json.loads(shell(db, "today", "--json"))
    first, second = before["overdue"][0], before["overdue"][1]
    late = len(before["overdue"])  # as `today` counts them, so the app's heading
    run.wait_for_text(f"Overdue ({late})")
    # x on the first overdue item: it leaves, the count drops.
    run.press("x")
    # the notification comes in a frame of its own, after the list's
    run.wait_for(
        lambda s: f"Overdue ({late - 1})" in s and "Done: " in s, "the count drop and its notice"
    )
    # z on the next one, with a phrase the dialog cannot read, then one it can.
    run.press("z")
    run.wait_for_text(f"Snooze '{second['title']}' until when?")  # it names what it snoozes
    run.type("next blursday")
    run.wait_for_text("Cannot read")
    run.press("C-u")
    # the next phrase is typed once ctrl+u has emptied the field: on a loaded machine a run
    # ended without "mon 10am" on screen, and a wait here says which of the two steps was lost
    run.wait_for(lambda s: "next blursday" not in s, "the phrase cleared")
    run.type("mon 10am")
    run.wait_for_text("Mon 30 Nov 2026, 10:00")
    run.press("Enter")
    run.wait_for_text(f"Overdue ({late - 2})")
    # enter on a check-in opens its draft, and (no profile yet) asks who is writing: escape
    # leaves that for later, and escape comes back.
    run.press("Enter")
    asked = "Your name or email address is not set yet"  # the dialog's own sentence
    run.wait_for_text(asked)
    run.press("Escape")
    run.wait_for(lambda s: "Subject" in s and asked not in s, "the draft alone")
    run.press("Escape")
    screen = run.wait_for_text(f"Overdue ({late - 2})")
    # r: they replied; u takes it back.
    run.press("r")
    run.wait_for_text("Reply recorded")
    run.press("u")
    screen = run.wait_for_text("Undone: recorded a reply from")
    assert_no_traceback(screen)
    run.press("q")
    run.wait_for_text(SHELL_AFTER)
    assert run.exit_status() == "EXIT=0"
    saved = follow_ups(db)
    assert saved[first["id"]]["done_at"] == NOW_TEXT + ":00"
    assert saved[second["id"]]["due"] == "2026-11-30T10:00:00"
    after = json.loads(shell(db, "today", "--json"))
    assert len(after["overdue"]) == late - 2
    due_today = len(before["today"])
    assert shell(db, "today", "--count").strip() == f"{late - 2} overdue, {due_today} today"
