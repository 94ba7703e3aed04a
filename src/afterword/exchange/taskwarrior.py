"""The open follow-ups as Taskwarrior tasks: a JSON array that `task import` reads.

Each task's ``uuid`` is derived from the follow-up's id (uuid5 in a fixed namespace), so
importing the next export updates the tasks instead of adding them again. Only core attributes
(no UDAs), so a stock ``.taskrc`` takes it as it is.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from afterword.domain.model import FollowUp, Interview
from afterword.exchange.ics import open_follow_ups, to_utc

# Fixed for good: changing it would make every task a new one on the next import.
NAMESPACE = uuid.UUID("3d7f3a2e-6b1c-5e8a-9c4d-2f0b7a61e5c9")
PROJECT = "afterword"
TAG = "afterword"


def task_uuid(follow_up_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"follow-up:{follow_up_id}"))


def task_time(value: datetime, local_zone: tzinfo | None = None) -> str:
    """Taskwarrior's date form, in UTC: 20261125T140000Z (a naive value is local time)."""
    return to_utc(value, local_zone).strftime("%Y%m%dT%H%M%SZ")


def project_slug(company: str) -> str:
    """'Harbor & Pine' → 'harbor-pine': a project name without spaces or dots."""
    return re.sub(r"[^a-z0-9]+", "-", company.casefold()).strip("-")


def task_description(interview: Interview, item: FollowUp) -> str:
    title = item.title or item.kind.replace("_", " ").capitalize()
    return f"{title} ({interview.company})"


def _task(
    interview: Interview, item: FollowUp, now: datetime, local_zone: tzinfo | None
) -> dict[str, Any]:
    slug = project_slug(interview.company)
    # entry: when the rules made it, near enough; never later than the export (stable when past)
    made = min((interview.when, item.due), key=lambda v: to_utc(v, local_zone))
    if to_utc(made, local_zone) > to_utc(now, local_zone):
        made = now
    return {
        "uuid": task_uuid(item.id),
        "description": task_description(interview, item),
        "status": "pending",
        "entry": task_time(made, local_zone),
        "due": task_time(item.due, local_zone),
        "project": f"{PROJECT}.{slug}" if slug else PROJECT,
        "tags": [TAG, item.kind],
    }


def export_tasks(
    interviews: Iterable[Interview], now: datetime, *, local_zone: tzinfo | None = None
) -> list[dict[str, Any]]:
    """One task per open follow-up (not done, not cancelled), in due order."""
    tasks = [_task(i, f, now, local_zone) for i, f in open_follow_ups(interviews)]
    return sorted(tasks, key=lambda t: (t["due"], t["description"]))


def dumps(tasks: list[dict[str, Any]]) -> str:
    return json.dumps(tasks, indent=2, ensure_ascii=False) + "\n"
