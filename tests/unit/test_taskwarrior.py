"""`afterword export --format taskwarrior`: the follow-ups, as `task import` takes them.

Open ones are pending tasks; done and cancelled ones are there too, completed or deleted, so a
later import closes what an earlier one left pending.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from afterword.demo import write_demo_database
from afterword.domain.model import FollowUp, Interview
from afterword.domain.schedule import mark_done
from afterword.exchange.taskwarrior import (
    export_tasks,
    project_slug,
    task_time,
    task_uuid,
)
from afterword.store.repository import Repository
from tests.conftest import NOW, run_afterword

TASK = shutil.which("task")
ZONE = "America/New_York"  # not UTC in November: a missed conversion shows


def test_open_is_pending_done_is_completed_and_cancelled_is_deleted_by_stable_uuid() -> None:
    interview = Interview(company="Harbor & Pine", when=datetime(2026, 11, 20, 14, 0))
    done = FollowUp(kind="thank_you", due=datetime(2026, 11, 21, 14), title="Thank-you to Dana")
    done.done_at = datetime(2026, 11, 21, 10)
    cancelled = FollowUp(kind="check_in", due=datetime(2026, 11, 27, 9), cancelled=True)
    due = FollowUp(kind="check_in", due=datetime(2026, 11, 30, 9), title="Check in")
    interview.follow_ups = [done, cancelled, due]
    tasks = export_tasks([interview], NOW, local_zone=ZoneInfo("America/New_York"))
    by_uuid = {t["uuid"]: t for t in tasks}
    assert by_uuid[task_uuid(due.id)] == {
        "uuid": task_uuid(due.id),
        "description": "Check in (Harbor & Pine)",
        "status": "pending",
        "entry": "20261120T190000Z",
        "due": "20261130T140000Z",
        "project": "afterword.harbor-pine",
        "tags": ["afterword", "check_in"],
    }
    assert by_uuid[task_uuid(done.id)] == {
        "uuid": task_uuid(done.id),
        "description": "Thank-you to Dana (Harbor & Pine)",
        "status": "completed",
        "entry": "20261120T190000Z",
        "due": "20261121T190000Z",
        "end": "20261121T150000Z",  # done_at, 10:00 in New York
        "project": "afterword.harbor-pine",
        "tags": ["afterword", "thank_you"],
    }
    closed = by_uuid[task_uuid(cancelled.id)]
    assert closed["status"] == "deleted"
    assert closed["end"] == "20261125T140000Z"  # no time of cancelling is kept: the export's
    assert [t["uuid"] for t in tasks] == [task_uuid(f.id) for f in (done, cancelled, due)]
    assert uuid.UUID(tasks[0]["uuid"]).version == 5
    assert task_uuid(due.id) == task_uuid(due.id) != task_uuid(done.id)


def test_a_task_never_ends_before_it_was_entered() -> None:
    interview = Interview(company="Acme", when=datetime(2026, 11, 20, 14, 0))
    early = FollowUp(kind="find_email", due=datetime(2026, 11, 21, 9))
    early.done_at = datetime(2026, 11, 19, 8)  # found the address before the interview
    interview.follow_ups = [early]
    [task] = export_tasks([interview], NOW, local_zone=ZoneInfo("Europe/London"))
    assert task["status"] == "completed"
    assert task["entry"] == task["end"] == "20261119T080000Z"


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


def _export(db: Path, target: Path, now: str | None = None) -> Path:
    env = {"TZ": ZONE, **({"AFTERWORD_NOW": now} if now else {})}
    result = run_afterword(
        ["--db", str(db), "export", "--format", "taskwarrior", "-o", str(target)], env=env
    )
    assert result.returncode == 0, result.stderr
    assert f"task import {target}" in result.stderr
    tasks = json.loads(target.read_text())
    pending = sum(t["status"] == "pending" for t in tasks)
    assert f"{len(tasks)} follow-ups as tasks ({pending} pending)" in result.stderr
    return target


@pytest.fixture
def task(tmp_path: Path) -> Callable[..., str]:
    """Taskwarrior run on a taskrc and TASKDATA of the test's own."""
    if TASK is None:
        pytest.skip("taskwarrior is not installed (apt-get install taskwarrior)")
    data = tmp_path / "taskdata"
    data.mkdir()
    rc = tmp_path / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nhooks=off\n", encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data), "TZ": ZONE}

    def run(*args: str) -> str:
        assert TASK is not None
        done = subprocess.run(
            [TASK, "rc.hooks=off", "rc.confirmation=off", "rc.verbose=nothing", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def _pending_match_today(task: Callable[..., str], db: Path) -> set[tuple[str, str]]:
    """The pending tasks are exactly `today --json`'s items (every bucket, a long horizon)."""
    pending: list[dict[str, Any]] = json.loads(task("status:pending", "export"))
    today = _today(db)
    expected = {(f"{i['title']} ({i['company']})", _utc(i["due"])) for i in today}
    assert {(t["description"], t["due"]) for t in pending} == expected
    assert len(pending) == len(today)
    assert int(task("status:pending", "count").strip()) == len(today)
    return expected


def _status(task: Callable[..., str], task_id: str) -> dict[str, Any]:
    [found] = json.loads(task(task_id, "export"))
    assert isinstance(found, dict)
    return found


def test_task_import_shows_what_today_shows_and_a_second_import_adds_nothing(
    tmp_path: Path, task: Callable[..., str]
) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    exported = _export(db, tmp_path / "tasks.json")
    task("import", str(exported))
    expected = _pending_match_today(task, db)
    assert expected, "the demo data has open follow-ups"
    pending: list[dict[str, Any]] = json.loads(task("status:pending", "export"))
    assert all(t["project"].startswith("afterword.") and "afterword" in t["tags"] for t in pending)
    closed = [f for i in _stored(db) for f in i.follow_ups if not f.is_open]
    assert closed, "the demo data has done and cancelled follow-ups"
    for item in closed:  # closed in Afterword, closed in Taskwarrior, from the first import on
        want = "completed" if item.done_at is not None else "deleted"
        assert _status(task, task_uuid(item.id))["status"] == want, item
    counted = task("count").strip()
    assert int(counted) == sum(len(i.follow_ups) for i in _stored(db))
    task("import", str(exported))  # again: the same uuids, so nothing is added
    assert task("count").strip() == counted
    assert int(task("status:pending", "count").strip()) == len(expected)


def _stored(db: Path) -> list[Interview]:
    with Repository.open(db, read_only=True) as repo:
        return repo.interviews()


def test_done_and_cancelled_in_afterword_close_the_imported_tasks(
    tmp_path: Path, task: Callable[..., str]
) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    task("import", str(_export(db, tmp_path / "first.json")))
    before = len(_pending_match_today(task, db))
    interviews = _stored(db)
    # a thank-you: marking it done brings no next follow-up, so one pending task less
    interview, item = next(
        (i, f) for i in interviews for f in i.follow_ups if f.is_open and f.kind == "thank_you"
    )
    assert _status(task, task_uuid(item.id))["status"] == "pending"
    done_at = datetime(2026, 11, 25, 10, 15)
    with Repository.open(db) as repo:
        interview = repo.get(interview.id)
        mark_done(interview, item.id, done_at)
        repo.save(interview)
    task("import", str(_export(db, tmp_path / "second.json", now="2026-11-25T10:30")))
    assert int(task("status:pending", "count").strip()) == before - 1
    found = _status(task, task_uuid(item.id))
    assert found["status"] == "completed"
    assert found["end"] == "20261125T151500Z"  # 10:15 in New York
    assert len(_pending_match_today(task, db)) == before - 1

    # cancelled by hand: the task is deleted on the next import
    other, dropped = next(
        (i, f) for i in _stored(db) for f in i.follow_ups if f.is_open and f.kind == "thank_you"
    )
    with Repository.open(db) as repo:
        other = repo.get(other.id)
        next(f for f in other.follow_ups if f.id == dropped.id).cancelled = True
        repo.save(other)
    task("import", str(_export(db, tmp_path / "third.json", now="2026-11-25T11:00")))
    assert int(task("status:pending", "count").strip()) == before - 2
    found = _status(task, task_uuid(dropped.id))
    assert found["status"] == "deleted"
    assert found["end"] == "20261125T160000Z"  # the export's time: 11:00 in New York
    assert _status(task, task_uuid(item.id))["status"] == "completed"
    assert len(_pending_match_today(task, db)) == before - 2
