"""Schema versions of the database file and the steps between them.

The version lives in the ``_meta`` table, which is always the first key of the file so that a
reader can learn the version and the generation from the file's first bytes. Version 0 is the
layout from before the version was recorded: no ``_meta``, ``date`` instead of ``when``,
interviewers as ``"Name <email>"`` strings and the recruiter as a bare name.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing stays out of the light path of `afterword today`
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Data = dict[str, Any]

SCHEMA_VERSION = 1
META_TABLE = "_meta"
META_DOC = "1"
INTERVIEWS = "interviews"


class FutureSchema(Exception):
    """The file was written by a newer Afterword."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def meta(data: Data) -> dict[str, Any]:
    table = data.get(META_TABLE) or {}
    doc = table.get(META_DOC)
    return doc if isinstance(doc, dict) else {}


def schema_version(data: Data) -> int:
    version = meta(data).get("schema", 0)
    return version if isinstance(version, int) else 0


def generation(data: Data) -> int:
    value = meta(data).get("generation", 0)
    return value if isinstance(value, int) else 0


def with_meta(data: Data, *, schema: int, gen: int) -> Data:
    """The same tables with ``_meta`` first (a new dict; the tables themselves are shared)."""
    head = dict(meta(data))
    head.update(schema=schema, generation=gen)
    out: Data = {META_TABLE: {META_DOC: head}}
    out.update((k, v) for k, v in data.items() if k != META_TABLE)
    return out


def needs_migration(data: Data) -> bool:
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise FutureSchema(version)
    return version < SCHEMA_VERSION


def migrate(data: Data) -> Data:
    """Bring ``data`` to SCHEMA_VERSION, one step at a time."""
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise FutureSchema(version)
    while version < SCHEMA_VERSION:
        data = STEPS[version](data)
        version += 1
        data = with_meta(data, schema=version, gen=generation(data))
    return data


_ADDRESS = re.compile(r"^\s*(?P<name>[^<]*?)\s*<(?P<email>[^>]*)>\s*$")


def _person_from_v0(value: object) -> object:
    if not isinstance(value, str):
        return value  # already an object (or something the validator will name)
    match = _ADDRESS.match(value)
    if match:
        return {"name": match["name"], "title": "", "email": match["email"].strip()}
    return {"name": value.strip(), "title": "", "email": ""}


def _v0_to_v1(data: Data) -> Data:
    table = data.get(INTERVIEWS) or {}
    converted: dict[str, Any] = {}
    for doc_id, doc in table.items():
        doc = dict(doc)
        if "when" not in doc and "date" in doc:
            # keep the key order: put `when` where `date` stood
            doc = {("when" if k == "date" else k): v for k, v in doc.items()}
        people = doc.get("interviewers")
        if isinstance(people, list):
            doc["interviewers"] = [_person_from_v0(p) for p in people]
        recruiter = doc.get("recruiter")
        if isinstance(recruiter, str):
            doc["recruiter"] = (
                {"name": recruiter.strip(), "direct_contact": "ask"} if recruiter.strip() else None
            )
        converted[doc_id] = doc
    out = dict(data)
    out[INTERVIEWS] = converted
    return out


STEPS: dict[int, Callable[[Data], Data]] = {0: _v0_to_v1}
