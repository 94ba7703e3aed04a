"""`afterword export --format taskwarrior`: the open follow-ups, as `task import` takes them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from afterword.demo import write_demo_database
from afterword.domain.model import FollowUp, Interview
from afterword.exchange.taskwarrior import (
    export_tasks,
    project_slug,
    task_time,
    task_uuid,
)
from tests.conftest import NOW, run_afterword

TASK = shutil.which("task")
ZONE = "America/New_York"  # not UTC in November: a missed conversion shows


def test_each_open_follow_up_is_a_pending_task_with_a_stable_uuid() -> None:
    interview = Interview(company="Harbor & Pine", when=datetime(2026, 11, 20, 14, 0))
    done = FollowUp(kind="thank_you", due=datetime(2026, 11, 21, 14), title="Thank-you to Dana")
    done.done_at = datetime(2026, 11, 21, 10)
    cancelled = FollowUp(kind="check_in", due=datetime(2026, 11, 27, 9), cancelled=True)
    due = FollowUp(kind="check_in", due=datetime(2026, 11, 30, 9), title="Check in")
    interview.follow_ups = [done, cancelled, due]
    [task] = export_tasks([interview], NOW, local_zone=ZoneInfo("America/New_York"))
    assert task == {
        "uuid": task_uuid(due.id),
        "description": "Check in (Harbor & Pine)",
        "status": "pending",
        "entry": "20261120T190000Z",
        "due": "20261130T140000Z",
        "project": "afterword.harbor-pine",
        "tags": ["afterword", "check_in"],
    }
    assert uuid.UUID(task["uuid"]).version == 5
    assert task_uuid(due.id) == task_uuid(due.id) != task_uuid(done.id)


def test_times_are_utc_in_taskwarriors_form() -> None:
    assert task_time(datetime(2026, 7, 1, 9, 30), ZoneInfo("Europe/London")) == "20260701T083000Z"
    aware = datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert task_time(aware, ZoneInfo("Europe/London")) == "20260701T003000Z"
    assert project_slug("  Acme Robotics, Inc. ") == "acme-robotics-inc"


def _utc(local: str) -> str:
    """A due time from `today --json` (local wall time) as Taskwarrior writes it."""
    moment = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
    return f"{moment:%Y%m%dT%H%M%S}Z"


def _today(db: Path) -> list[dict[str, str]]:
    result = run_afterword(["--db", str(db), "today", "--json", "--days", "400"], env={"TZ": ZONE})
    assert result.returncode == 0, result.stderr
    agenda = json.loads(result.stdout)
    items: list[dict[str, str]] = agenda["overdue"] + agenda["today"] + agenda["upcoming"]
    return items


@pytest.mark.skipif(
    TASK is None, reason="taskwarrior is not installed (apt-get install taskwarrior)"
)
def test_task_import_shows_what_today_shows_and_a_second_import_adds_nothing(
    tmp_path: Path,
) -> None:
    assert TASK is not None
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    exported = tmp_path / "tasks.json"
    result = run_afterword(
        ["--db", str(db), "export", "--format", "taskwarrior", "-o", str(exported)],
        env={"TZ": ZONE},
    )
    assert result.returncode == 0, result.stderr
    assert f"task import {exported}" in result.stderr
    data = tmp_path / "taskdata"
    data.mkdir()
    rc = tmp_path / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data), "TZ": ZONE}

    def task(*args: str) -> str:
        done = subprocess.run(
            [TASK, "rc.hooks=off", "rc.confirmation=off", "rc.verbose=nothing", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    task("import", str(exported))
    pending: list[dict[str, Any]] = json.loads(task("status:pending", "export"))
    expected = {
        (
            f"{i['title']} ({i['company']})",
            _utc(i["due"]),
        )
        for i in _today(db)
    }
    assert expected, "the demo data has open follow-ups"
    assert {(t["description"], t["due"]) for t in pending} == expected
    assert len(pending) == len(_today(db))
    assert all(t["project"].startswith("afterword.") and "afterword" in t["tags"] for t in pending)
    counted = task("count").strip()
    task("import", str(exported))  # again: the same uuids, so nothing is added
    assert task("count").strip() == counted
    assert int(task("status:pending", "count").strip()) == len(expected)
