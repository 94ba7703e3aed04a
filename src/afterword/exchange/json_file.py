"""The export/import format: one JSON document (docs/data-format.md), all or nothing.

An import is checked whole before anything is written: a bad record is one sentence naming its
position and field, and the database stays as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.domain.model import Interview
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from afterword.domain.schedule import DEFAULT, schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.errors import AfterwordError

FORMAT = "afterword"
VERSION = 1


class ImportProblem(AfterwordError):
    """The import file cannot be used; nothing of it was written."""


def export_document(interviews: Iterable[Interview], now: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "interviews": [interview_to_dict(i) for i in interviews],
    }


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(document: dict[str, Any]) -> str:
    """The document as JSON text that encodes as UTF-8: a lone surrogate (which JSON may hold,
    as ``\\ud800``) stays an escape, so the file reads back to the same text."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass
class ImportPlan:
    """What an import would add: the interviews, and how many got follow-ups from the rules."""

    interviews: list[Interview]
    scheduled: int


def _label(position: int, raw: object) -> str:
    company = raw.get("company") if isinstance(raw, dict) else None
    if isinstance(company, str):  # on one line, without controls or direction overrides
        company = " ".join("".join(c if c.isprintable() else " " for c in company).split())
        if company:
            return f"record {position} ({company[:60]})"
    return f"record {position}"


def read_document(source: Path) -> object:
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportProblem(f"There is no file {source}.") from None
    except IsADirectoryError:
        raise ImportProblem(f"{source} is a folder; give the file to import.") from None
    except OSError as error:
        raise ImportProblem(f"Cannot read {source}: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise ImportProblem(
            f"{source} is not UTF-8 text; save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise ImportProblem(f"{source} is empty; there is nothing to import.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(
            f"{source} is not valid JSON ({error.msg} at line {error.lineno}, "
            f"column {error.colno}); nothing was imported."
        ) from None
    except RecursionError:
        raise ImportProblem(
            f"{source} nests lists or objects too deeply to be an Afterword export; "
            "nothing was imported."
        ) from None
    except ValueError:  # a number of more than 4,300 digits (Python's limit)
        raise ImportProblem(
            f"{source} holds a number with too many digits to read; nothing was imported."
        ) from None


def plan_import(
    document: object,
    source: Path,
    existing_ids: set[str],
    existing_follow_up_ids: set[str],
    settings: ScheduleSettings = DEFAULT,
) -> ImportPlan:
    """Check every record; raise ImportProblem at the first fault, naming record and field."""
    if not isinstance(document, dict) or "interviews" not in document:
        raise ImportProblem(
            f"{source} is not an Afterword export: expected an object with "
            '"format": "afterword" and a list "interviews"; nothing was imported.'
        )
    fmt = document.get("format", FORMAT)
    if fmt != FORMAT:
        raise ImportProblem(f'{source} says "format": {fmt!r}, not "afterword"; nothing imported.')
    version = document.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(
            f'{source}: "version" should be 1, found {version!r}; nothing imported.'
        )
    if version > VERSION:
        raise ImportProblem(
            f"{source} was written by a newer Afterword (format version {version}); "
            "update Afterword to import it. Nothing was imported."
        )
    records = document["interviews"]
    if not isinstance(records, list):
        raise ImportProblem(f'{source}: "interviews" should be a list; nothing was imported.')
    seen_ids = set(existing_ids)
    seen_items = set(existing_follow_up_ids)
    out: list[Interview] = []
    scheduled = 0
    for position, raw in enumerate(records, start=1):
        label = _label(position, raw)
        try:
            interview = interview_from_dict(raw)
        except RecordError as error:
            where = f"{error.field}: " if error.field else ""
            raise ImportProblem(
                f"{source}: {label}: {where}{error.problem}; nothing was imported."
            ) from None
        if interview.id in seen_ids:
            already = "in the database already" if interview.id in existing_ids else "used twice"
            raise ImportProblem(
                f"{source}: {label}: id: {interview.id!r} is {already}; nothing was imported."
            )
        seen_ids.add(interview.id)
        for index, item in enumerate(interview.follow_ups):
            if item.id in seen_items:
                raise ImportProblem(
                    f"{source}: {label}: follow_ups[{index}].id: {item.id!r} is used twice; "
                    "nothing was imported."
                )
            seen_items.add(item.id)
        if isinstance(raw, dict) and "follow_ups" not in raw:
            interview.follow_ups = schedule_follow_ups(interview, settings)
            seen_items.update(f.id for f in interview.follow_ups)
            scheduled += 1
        out.append(interview)
    return ImportPlan(out, scheduled)
