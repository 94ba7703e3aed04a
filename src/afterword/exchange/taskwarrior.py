"""The follow-ups as Taskwarrior tasks: a JSON array that `task import` reads.

Each task's ``uuid`` is derived from the follow-up's id (uuid5 in a fixed namespace), so
importing the next export updates the tasks instead of adding them again. An open follow-up is
a ``pending`` task; a done one ``completed`` (``end`` = when it was done) and a cancelled one
``deleted`` (``end`` = its due time, or the export's while that is ahead), so a task imported
from an earlier export is closed by the next import instead of staying pending for ever. Only
core attributes (no UDAs), so a stock ``.taskrc`` takes it as it is.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from afterword.domain.model import FollowUp, Interview
from afterword.exchange.ics import all_follow_ups, to_utc

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
    status, end = _state(item, now, local_zone)
    if end is not None and to_utc(end, local_zone) < to_utc(made, local_zone):
        made = end  # a task never ends before it was entered
    task: dict[str, Any] = {
        "uuid": task_uuid(item.id),
        "description": task_description(interview, item),
        "status": status,
        "entry": task_time(made, local_zone),
        "due": task_time(item.due, local_zone),
        "project": f"{PROJECT}.{slug}" if slug else PROJECT,
        "tags": [TAG, item.kind],
    }
    if end is not None:
        task["end"] = task_time(end, local_zone)
    return task


def _state(item: FollowUp, now: datetime, local_zone: tzinfo | None) -> tuple[str, datetime | None]:
    """Taskwarrior's status and end: done → completed when done; cancelled → deleted."""
    if item.done_at is not None:
        return "completed", item.done_at
    if item.cancelled:
        # Afterword keeps no time of cancelling: the due time stands in (the export's while
        # that is ahead), the same from one export to the next, so a re-import changes nothing.
        return "deleted", min((item.due, now), key=lambda v: to_utc(v, local_zone))
    return "pending", None


def export_tasks(
    interviews: Iterable[Interview], now: datetime, *, local_zone: tzinfo | None = None
) -> list[dict[str, Any]]:
    """One task per follow-up, in due order: pending when open, else completed or deleted."""
    tasks = [_task(i, f, now, local_zone) for i, f in all_follow_ups(interviews)]
    return sorted(tasks, key=lambda t: (t["due"], t["description"]))


def dumps(tasks: list[dict[str, Any]]) -> str:
    return json.dumps(tasks, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
