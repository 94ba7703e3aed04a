"""Rotating backups of the database, made only from a file that parses.

They live in ``backups/`` beside the database, named after the database's whole file name:
``<name>.YYYYMMDD-HHMMSS[-reason].json`` (``jobs.json.20261125-090000.json``), so that two
databases in one folder (``jobs.json``, ``jobs.db``) never share backups or rotation. The last
``keep`` are kept; a routine one is made at most once an hour (before the first save of that
hour), and one is always made before an import or a migration. (A restore keeps the file it
replaces aside instead.) Backups named the old way, after the stem (``jobs-YYYYMMDD-…``), still
count when they hold the same lineage as the database. The newest good backup that error
messages name is one of this database's history (its lineage), when the file says which.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from afterword.store.atomic import FromFile, ensure_private_dir, is_stale, write_atomically

KEEP = 10
MIN_INTERVAL = 3600.0
_STAMP = r"\d{8}-\d{6}(-[a-z-]+)?(-\d+)?\.json"
_HEAD = re.compile(rb'^\{"_meta":\{"1":(\{[^{}]*\})')


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def lineage_of(path: Path) -> str | None:
    """The lineage in a database file's first bytes (``_meta`` comes first), or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)  # _meta, with its history of save ids (about 1.3 KB)
    except OSError:
        return None
    match = _HEAD.match(head)
    if match is None:
        return None
    try:
        lineage = json.loads(match.group(1)).get("lineage")
    except ValueError:
        return None
    return lineage if isinstance(lineage, str) else None


@dataclass
class Backups:
    """The backups of one database file."""

    db_path: Path
    keep: int = KEEP
    min_interval: float = MIN_INTERVAL
    clock: Callable[[], float] = time.time
    _newest_time: float | None = field(default=None, init=False, repr=False)

    @property
    def folder(self) -> Path:
        return backup_dir(self.db_path)

    def all(self) -> list[Path]:
        """This database's backups, oldest first: those named after it, and those named the
        old way (after its stem, shared with any database of that stem) of its lineage."""
        own = re.compile(rf"{re.escape(self.db_path.name)}\.{_STAMP}")
        old = re.compile(rf"{re.escape(self.db_path.stem)}-{_STAMP}")
        lineage = lineage_of(self.db_path)

        def mine(path: Path) -> bool:
            if own.fullmatch(path.name):
                return True
            return bool(lineage and old.fullmatch(path.name) and lineage_of(path) == lineage)

        try:
            found = [path for path in self.folder.iterdir() if mine(path)]
            return sorted(
                (p for p in found if p.is_file()), key=lambda p: (p.stat().st_mtime, p.name)
            )
        except OSError:  # no folder, not a folder, not readable, or changed while listed
            return []

    def newest_good(self) -> Path | None:
        """The newest backup that parses as a database, for error messages and ``restore``;
        of the database's own lineage when its first bytes still say which."""
        lineage = lineage_of(self.db_path)
        for candidate in reversed(self.all()):
            if lineage and lineage_of(candidate) not in (lineage, None):
                continue  # named after this file, but of another history (a file put in its place)
            if is_database_file(candidate):
                return candidate
        return None

    def due(self) -> bool:
        if self._newest_time is None:
            backups = self.all()
            self._newest_time = backups[-1].stat().st_mtime if backups else 0.0
        return self.clock() - self._newest_time >= self.min_interval

    def make(self, payload: bytes | FromFile, reason: str = "") -> Path:
        """Write ``payload`` (the bytes of a database file that parses, or such a file) as a
        new backup."""
        ensure_private_dir(self.folder)
        stamp = datetime.fromtimestamp(self.clock()).strftime("%Y%m%d-%H%M%S")
        suffix = f"-{reason}" if reason else ""
        target = self.folder / f"{self.db_path.name}.{stamp}{suffix}.json"
        serial = 1
        while target.exists():
            serial += 1
            target = self.folder / f"{self.db_path.name}.{stamp}{suffix}-{serial}.json"
        write_atomically(target, payload)
        self._newest_time = self.clock()
        self.rotate()
        return target

    def remove_stale_temp_files(self) -> None:
        """Temp files of this database's backups killed mid-write (``atomic.is_stale``: not
        one of a live process; another database's are left alone)."""
        temp = re.compile(rf"\.{re.escape(self.db_path.name)}\.{_STAMP}\.tmp-.*")
        try:
            for entry in self.folder.iterdir():
                if temp.fullmatch(entry.name) and is_stale(entry):
                    entry.unlink(missing_ok=True)
        except OSError:
            pass

    def rotate(self) -> None:
        backups = self.all()
        for old in backups[: max(0, len(backups) - self.keep)]:
            old.unlink(missing_ok=True)


def is_database_file(path: Path) -> bool:
    """True when ``path`` holds a JSON object whose tables are objects (what TinyDB writes)."""
    try:
        return is_database_bytes(path.read_bytes())
    except OSError:
        return False


def is_database_bytes(payload: bytes) -> bool:
    try:
        data = json.loads(payload)
    except ValueError:
        return False
    return shape_problem(data) is None


def shape_problem(data: object) -> str | None:
    """Why parsed JSON is not a database, or None when it is one."""
    if not isinstance(data, dict):
        return (
            "it holds a JSON " + type(data).__name__.replace("dict", "object") + ", not an object"
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"its table {name!r} is not an object"
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                return f"record {doc_id} of table {name!r} is not an object"
    return None
