"""A small derived file of just the open follow-ups, so `afterword today` starts fast.

``<db>.agenda`` beside the database holds the open follow-ups (with what a waiting one waits
for) and the active counts, stamped with the database's lineage, generation and save id (a
fresh random one at every save, so a file put back by `restore` never passes for another save
with the same generation). It is never the only copy of anything: when the stamp does not match
the database's first bytes (or the file is missing or broken, or of another version, or the
database, written by an older Afterword, has no save id), the agenda is rebuilt from the
database. It is written atomically but not fsynced: losing it costs a rebuild.
"""

from __future__ import annotations

import json
import os
import re
import sys

from afterword.domain.agenda import AgendaItem, active_counts, open_items
from afterword.domain.words import fold_name
from afterword.store import migrations

# Light on purpose (no pathlib or typing at run time): `afterword today` imports this.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

AGENDA_VERSION = 3  # 2: stamped with the save id too; 3: what a waiting item waits for
_HEADER = re.compile(rb'^\{"_meta":\{"1":\{[^{}]*\}\}')


def agenda_path(db_path: str | os.PathLike[str]) -> str:
    return os.fspath(db_path) + ".agenda"


Stamp = tuple[str, int, str]


def read_meta(db_path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The database's ``_meta`` record from the file's first bytes, or None if not there."""
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(4096)  # _meta, with its history of save ids (about 1.3 KB)
    except OSError:
        return None
    match = _HEADER.match(head)
    if match is None:
        return None
    try:
        meta = json.loads(match.group(0) + b"}")["_meta"]["1"]
    except (ValueError, KeyError, TypeError):
        return None
    return meta if isinstance(meta, dict) else None


def read_stamp(db_path: str | os.PathLike[str]) -> tuple[str, int] | None:
    """(lineage, generation) from the database file's first bytes, or None if not there."""
    meta = read_meta(db_path)
    if meta is None:
        return None
    lineage, generation = meta.get("lineage"), meta.get("generation")
    if isinstance(lineage, str) and isinstance(generation, int):
        return lineage, generation
    return None


def _save_stamp(db_path: str | os.PathLike[str]) -> Stamp | None:
    """(lineage, generation, save id) of the file as it is now; None without a save id (a
    file written by an older Afterword: its agenda is always rebuilt)."""
    meta = read_meta(db_path) or {}
    lineage, generation, save = meta.get("lineage"), meta.get("generation"), meta.get("save")
    if isinstance(lineage, str) and isinstance(generation, int) and isinstance(save, str):
        return lineage, generation, save
    return None


def stamp_of(data: dict[str, Any]) -> Stamp:
    head = migrations.meta(data)
    save = head.get("save")
    return (
        str(head.get("lineage", "")),
        migrations.generation(data),
        save if isinstance(save, str) else "",
    )


def derive(data: dict[str, Any]) -> dict[str, Any]:
    """The agenda file's content for the database ``data`` (as the storage holds it)."""
    table = data.get(migrations.INTERVIEWS) or {}
    derived = getattr(table, "derived", None)  # an EncodedTable: remembered per record
    if derived is not None:
        parts = derived("agenda", _part)
        found = [item for _, items in parts for item in items]
        active = [lead for lead, _ in parts if lead is not None]
        interviews, leads = len(active), len(set(active))
    else:
        docs = list(table.values())
        found = open_items(docs)
        interviews, leads = active_counts(docs)
    lineage, generation, save = stamp_of(data)
    return {
        "version": AGENDA_VERSION,
        "lineage": lineage,
        "generation": generation,
        "save": save,
        "active_interviews": interviews,
        "active_leads": leads,
        "items": [item.as_dict() for item in found],
    }


_NOTHING: tuple[None, tuple[AgendaItem, ...]] = (None, ())


def _part(doc: dict[str, Any]) -> tuple[tuple[str, str] | None, tuple[AgendaItem, ...]]:
    """What the agenda needs of one record (kept per record, so the agenda after a save
    decodes only the changed record): its lead when it is active (as ``active_counts``
    counts it; the names shared between records), and its open items. Small: 10,000 are
    kept."""
    items = tuple(open_items([doc]))
    lead = None
    if active_counts([doc])[0]:
        lead = (
            sys.intern(fold_name(str(doc.get("company", "")))),
            sys.intern(fold_name(str(doc.get("role", "")))),
        )
    return _NOTHING if lead is None and not items else (lead, items)


def write(db_path: str | os.PathLike[str], agenda: dict[str, Any]) -> None:
    """Best effort: a failure only means the next reader rebuilds it."""
    import contextlib  # writers and rebuilds only, never the light read path
    from pathlib import Path

    from afterword.store.atomic import write_atomically

    try:
        payload = json.dumps(agenda, separators=(",", ":"), allow_nan=False).encode("ascii")
    except ValueError:  # cannot happen (text and whole numbers only); rebuilt at the next read
        return
    with contextlib.suppress(OSError):
        write_atomically(Path(agenda_path(db_path)), payload, durable=False)


def load_fresh(db_path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The agenda file if it matches the database as it is now, else None."""
    try:
        with open(agenda_path(db_path), "rb") as handle:
            agenda = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(agenda, dict) or agenda.get("version") != AGENDA_VERSION:
        return None
    stamp = _save_stamp(db_path)
    if stamp is None or stamp != (
        agenda.get("lineage"),
        agenda.get("generation"),
        agenda.get("save"),
    ):
        return None
    if not isinstance(agenda.get("items"), list):
        return None
    return agenda


def discard(db_path: str | os.PathLike[str]) -> None:
    """Remove the agenda file (best effort): the next reader rebuilds it."""
    import contextlib

    with contextlib.suppress(OSError):
        os.unlink(agenda_path(db_path))


def current(db_path: str | os.PathLike[str]) -> dict[str, Any]:
    """The agenda of the database at ``db_path``: the derived file, or rebuilt (and rewritten)."""
    agenda = load_fresh(db_path)
    if agenda is not None:
        return agenda
    from pathlib import Path

    from afterword.store.storage import SafeStorage

    storage = SafeStorage(Path(db_path), read_only=True)
    agenda = derive(storage.read())
    if storage.exists and agenda["lineage"]:
        write(db_path, agenda)
    return agenda


def items(agenda: dict[str, Any]) -> list[AgendaItem]:
    return [AgendaItem.from_dict(raw) for raw in agenda["items"] if isinstance(raw, dict)]
