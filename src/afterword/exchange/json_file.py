"""The export/import format: one JSON document (docs/data-format.md), all or nothing.

An import is checked whole before anything is written: a bad record is one sentence naming its
position and field, and the database stays as it was.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.domain.follow_up_rules import DEFAULT
from afterword.domain.model import Draft, FollowUp, Interview, new_id
from afterword.domain.records import (
    RecordError,
    check_id_characters,
    interview_from_dict,
    interview_to_dict,
)
from afterword.domain.schedule import schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.errors import AfterwordError
from afterword.files import read_or_refuse

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
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass
class ImportPlan:
    """What an import would add: the interviews, how many got follow-ups from the rules, and
    the follow-up and draft ids that were taken already (those items got new ones)."""

    interviews: list[Interview]
    scheduled: int
    renamed: list[str] = field(default_factory=list)


def _label(position: int, raw: object) -> str:
    company = raw.get("company") if isinstance(raw, dict) else None
    if isinstance(company, str):  # on one line, without controls or direction overrides
        company = " ".join("".join(c if c.isprintable() else " " for c in company).split())
        if company:
            return f"record {position} ({company[:60]})"
    return f"record {position}"


class NonFinite:
    """Where the file says ``NaN``, ``Infinity`` or a number too big for a float: JSON
    (RFC 8259) has no such values, so the import names the record and key and stops."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def non_finite(value: object, path: str = "") -> tuple[str, NonFinite] | None:
    """The first NaN or infinity in a parsed value, with the path of its key."""
    if isinstance(value, NonFinite):
        return path, value
    if isinstance(value, dict):
        for key, item in value.items():
            found = non_finite(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = non_finite(item, f"{path}[{index}]")
            if found is not None:
                return found
    return None


NOTHING = "nothing was imported."


def _no_memory(source: Path) -> ImportProblem:
    return ImportProblem(f"{source} is too big to read in the memory there is; {NOTHING}")


def read_document(source: Path) -> object:
    """The parsed JSON of an import file; one sentence for a file that cannot be one (too big,
    not UTF-8, not JSON, or holding NaN or an infinity: named by record and key)."""
    data = read_or_refuse(
        source,
        ImportProblem,
        not_a="not a file; give the file to import.",
        cap_of="an import",
        nothing=NOTHING,
        folder="give the file to import",
    )
    try:
        text = data.decode("utf-8-sig")
    except MemoryError:
        raise _no_memory(source) from None
    except UnicodeDecodeError:
        raise ImportProblem(
            f"{source} is not UTF-8 text; save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise ImportProblem(f"{source} is empty; there is nothing to import.")
    strange: list[NonFinite] = []

    def constant(text: str) -> NonFinite:
        strange.append(NonFinite(text))
        return strange[-1]

    def number(text: str) -> float | NonFinite:
        value = float(text)
        return value if math.isfinite(value) else constant(text)

    try:
        document = json.loads(text, parse_constant=constant, parse_float=number)
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
    except MemoryError:
        raise _no_memory(source) from None
    except ValueError:  # a number of more than 4,300 digits (Python's limit)
        raise ImportProblem(
            f"{source} holds a number with too many digits to read; nothing was imported."
        ) from None
    if strange:  # walk the document only when there is something to find
        _refuse_non_finite(source, document, strange[0])
    return document


def _refuse_non_finite(source: Path, document: object, first: NonFinite) -> None:
    """One sentence naming the record and key of the first NaN or infinity in the file."""
    try:
        found = non_finite(document)
    except RecursionError:  # nested nearly as deep as the parser allows
        found = None
    path, value = found if found is not None else ("", first)
    where = "the file"
    records = document.get("interviews") if isinstance(document, dict) else None
    match = re.match(r"interviews\[(\d+)\]\.?", path)
    if match and isinstance(records, list):
        position = int(match.group(1))
        where = _label(position + 1, records[position])
        path = path[match.end() :]
    path = "".join(c if c.isprintable() else "?" for c in path)  # keys from the file
    key = f"{path[:80]}: " if path else ""
    raise ImportProblem(
        f"{source}: {where}: {key}{value.text} is not a number JSON allows (RFC 8259), so "
        "nothing was imported: write a number or text there instead."
    )


def plan_import(
    document: object,
    source: Path,
    existing_ids: set[str],
    existing_item_ids: set[str],
    settings: ScheduleSettings = DEFAULT,
) -> ImportPlan:
    """Check every record; raise ImportProblem at the first fault, naming record and field.
    ``existing_item_ids``: the ids of the database's follow-ups and drafts."""
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
    seen_items = set(existing_item_ids)
    out: list[Interview] = []
    renamed: list[str] = []
    scheduled = 0
    for position, raw in enumerate(records, start=1):
        label = _label(position, raw)
        try:
            interview = interview_from_dict(raw)
            check_id_characters(interview)
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
        if isinstance(raw, dict) and "follow_ups" not in raw:
            interview.follow_ups = schedule_follow_ups(interview, settings)
            scheduled += 1
        # Ids are unique in the database: a follow-up or draft whose id is taken (a copy, or
        # two 8-digit ids alike) gets a new one; the interview it belongs to says which.
        items: list[FollowUp | Draft] = [*interview.follow_ups, *interview.drafts]
        for item in items:
            if item.id in seen_items:
                renamed.append(item.id)
                item.id = new_id(seen_items)
            seen_items.add(item.id)
        out.append(interview)
    return ImportPlan(out, scheduled, renamed)
