"""Rotating backups of the database, made only from a file that parses.

They live in ``backups/`` beside the database, named ``<stem>-YYYYMMDD-HHMMSS[-reason].json``.
The last ``keep`` are kept; a routine one is made at most once an hour (before the first save of
that hour), and one is always made before an import or a migration. (A restore keeps the file
it replaces aside instead.)
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from afterword.store.atomic import ensure_private_dir, write_atomically

KEEP = 10
MIN_INTERVAL = 3600.0


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


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
        """This database's backups, oldest first."""
        name = re.compile(
            rf"{re.escape(self.db_path.stem)}-\d{{8}}-\d{{6}}(-[a-z-]+)?(-\d+)?\.json"
        )
        try:
            found = [p for p in self.folder.iterdir() if name.fullmatch(p.name) and p.is_file()]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(found, key=lambda p: (p.stat().st_mtime, p.name))

    def newest_good(self) -> Path | None:
        """The newest backup that parses as a database, for error messages and ``restore``."""
        for candidate in reversed(self.all()):
            if is_database_file(candidate):
                return candidate
        return None

    def due(self) -> bool:
        if self._newest_time is None:
            backups = self.all()
            self._newest_time = backups[-1].stat().st_mtime if backups else 0.0
        return self.clock() - self._newest_time >= self.min_interval

    def make(self, payload: bytes, reason: str = "") -> Path:
        """Write ``payload`` (the bytes of a database file that parses) as a new backup."""
        ensure_private_dir(self.folder)
        stamp = datetime.fromtimestamp(self.clock()).strftime("%Y%m%d-%H%M%S")
        suffix = f"-{reason}" if reason else ""
        target = self.folder / f"{self.db_path.stem}-{stamp}{suffix}.json"
        serial = 1
        while target.exists():
            serial += 1
            target = self.folder / f"{self.db_path.stem}-{stamp}{suffix}-{serial}.json"
        write_atomically(target, payload)
        self._newest_time = self.clock()
        self.rotate()
        return target

    def remove_stale_temp_files(self) -> None:
        """Temp files of backups killed mid-write (only the writer holding the lock calls this)."""
        prefix = f".{self.db_path.stem}-"
        try:
            for entry in self.folder.iterdir():
                if entry.name.startswith(prefix) and ".json.tmp-" in entry.name:
                    entry.unlink(missing_ok=True)
        except (FileNotFoundError, NotADirectoryError):
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
