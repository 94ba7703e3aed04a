"""Putting a backup back: the file it replaces is kept aside, never deleted.

Only an Afterword database is put back: a known schema in ``_meta`` (or none at all, the
layout from before it was recorded), nothing but Afterword's tables, and every record read by
the same reader as an import. A backup of another database (another lineage) needs ``force``.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.domain.records import RecordError, interview_from_dict
from afterword.errors import AfterwordError
from afterword.store import agenda, migrations
from afterword.store.atomic import aside_path, write_atomically
from afterword.store.backups import backup_dir, is_database_file, shape_problem
from afterword.store.lock import WriterLock
from afterword.store.storage import loads_database

TABLES = frozenset({migrations.META_TABLE, migrations.INTERVIEWS})
ORIGIN_LOOKS = 200  # files looked at for the database a foreign backup came from


class RestoreFailed(AfterwordError):
    """The backup cannot be put back; the database is as it was."""


@dataclass
class Restored:
    backup: Path
    kept_aside: Path | None


def find_backup(db_path: Path, name: str) -> Path:
    """A path to a backup, or the name of one in the database's backups folder."""
    given = Path(name).expanduser()
    for candidate in (given, backup_dir(db_path) / name):
        if candidate.is_file():
            return candidate
    raise RestoreFailed(
        f"There is no backup {name!r}; `afterword locate` shows the backups folder "
        f"({backup_dir(db_path)})."
    )


def _company(doc: object) -> str:
    company = doc.get("company") if isinstance(doc, dict) else None
    if not isinstance(company, str):
        return ""
    company = " ".join("".join(c if c.isprintable() else " " for c in company).split())
    return f" ({company[:60]})" if company else ""


ANOTHER = "choose another backup"


def database_problem(payload: bytes) -> tuple[str, str] | dict[str, Any]:
    """What ``payload`` is, if it is not an Afterword database whose records read, and the way
    out, as (predicate, advice); else its data, brought to the current schema."""
    try:
        data = loads_database(payload)
    except (ValueError, RecursionError):
        return "is not valid JSON", ANOTHER
    problem = shape_problem(data)
    if problem is None and isinstance(data, dict):
        strangers = sorted(set(data) - TABLES)
        if strangers:
            problem = f"it holds a table {strangers[0]!r}, which Afterword never writes"
        elif migrations.META_TABLE not in data and migrations.INTERVIEWS not in data:
            problem = "it holds no Afterword data"
        elif migrations.META_TABLE in data:
            schema = migrations.meta(data).get("schema")
            if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
                problem = "its _meta table has no schema version"
    if problem is not None:
        return f"is not an Afterword database: {problem}", ANOTHER
    assert isinstance(data, dict)
    try:
        data = migrations.migrate(data)
    except migrations.FutureSchema as future:
        return (
            f"was written by a newer Afterword (schema {future.version})",
            "update Afterword to put it back",
        )
    for doc_id, doc in (data.get(migrations.INTERVIEWS) or {}).items():
        try:
            interview_from_dict(doc)
        except RecordError as error:
            where = f", {error.field}:" if error.field else ":"
            return f"is damaged: record {doc_id}{_company(doc)}{where} {error.problem}", ANOTHER
    return data


def _as_next_save(data: dict[str, Any], db_path: Path) -> bytes:
    """The backup's data as the next save of the database: a generation past the file it
    replaces and a save id of its own, so that an app open on the database takes it in as a
    later save (the records as the backup has them), not as a copy to merge."""
    from afterword.store.encoded import dumps_compact
    from afterword.store.storage import history_after, new_token

    generation = migrations.generation(data)
    history: list[str] = []
    parent = None
    with contextlib.suppress(OSError, ValueError, TypeError):
        current = loads_database(db_path.read_bytes())
        if isinstance(current, dict):
            generation = max(generation, migrations.generation(current))
            now = migrations.meta(current)
            parent = now.get("save") if isinstance(now.get("save"), str) else None
            history = history_after(now, parent)  # it follows the file it replaces
    head = dict(migrations.meta(data))
    head.update(generation=generation + 1, history=history, parent=parent, save=new_token())
    out = {migrations.META_TABLE: {migrations.META_DOC: head}}
    out.update((k, v) for k, v in data.items() if k != migrations.META_TABLE)
    return dumps_compact(out)


def _lineage(data: dict[str, Any]) -> str | None:
    lineage = migrations.meta(data).get("lineage")
    return lineage if isinstance(lineage, str) and lineage else None


def _origin(backup: Path, lineage: str, db_path: Path) -> Path | None:
    """The database file a backup of ``lineage`` came from, if it is near the backup."""
    folders = [backup.parent]
    if backup.parent.name == "backups":
        folders.insert(0, backup.parent.parent)
    looked = 0
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if looked >= ORIGIN_LOOKS:
                return None
            path = Path(entry.path)
            if path in (backup, db_path) or not entry.is_file() or entry.name.startswith("."):
                continue
            looked += 1
            stamp = agenda.read_stamp(path)
            if stamp is not None and stamp[0] == lineage:
                return path
    return None


def _check_lineage(db_path: Path, backup: Path, data: dict[str, Any]) -> None:
    theirs = _lineage(data)
    stamp = agenda.read_stamp(db_path)
    ours = stamp[0] if stamp is not None else None
    if theirs is None or ours is None or theirs == ours:
        return
    origin = _origin(backup, theirs, db_path)
    source = f", from {origin}" if origin is not None else ""
    raise RestoreFailed(
        f"{backup} is a backup of another database (lineage {theirs}{source}), not of "
        f"{db_path} (lineage {ours}); nothing was restored: add --force to put it back "
        "all the same."
    )


def _read(backup: Path) -> bytes:
    """The backup's bytes, read with the import's cap: a link to a device, a pipe or a file
    of gigabytes is refused before it is read, like an import."""
    from afterword.files import read_or_refuse

    return read_or_refuse(
        backup,
        RestoreFailed,
        not_a="not a backup file; nothing was restored.",
        cap_of="any Afterword database",
        nothing="nothing was restored.",
        next_step=": choose another backup.",
    )


def restore(db_path: Path, name: str, now: datetime, *, force: bool = False) -> Restored:
    """Replace the database with a backup, under the writer lock; keep the old file aside."""
    backup = find_backup(db_path, name)
    payload = _read(backup)
    data = database_problem(payload)
    if isinstance(data, tuple):
        problem, advice = data
        raise RestoreFailed(f"{backup} {problem}; nothing was restored: {advice}.")
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        if not force:
            _check_lineage(db_path, backup, data)
        aside = None
        if db_path.exists():
            state = "replaced" if is_database_file(db_path) else "broken"
            aside = aside_path(db_path, state, now)  # a second restore in a second keeps both
            write_atomically(aside, db_path.read_bytes())
        # The derived agenda described the replaced file: gone first, then made from the backup.
        agenda.discard(db_path)
        write_atomically(db_path, _as_next_save(data, db_path))
        with contextlib.suppress(OSError):
            agenda.write(db_path, agenda.derive(data))
        return Restored(backup, aside)
    except OSError as error:
        raise RestoreFailed(
            f"Could not restore {backup} over {db_path}: {error.strerror or error}."
        ) from None
    finally:
        lock.release()
