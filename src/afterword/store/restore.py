"""Putting a backup back: the file it replaces is kept aside, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from afterword.errors import AfterwordError
from afterword.store.atomic import write_atomically
from afterword.store.backups import backup_dir, is_database_file
from afterword.store.lock import WriterLock


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


def restore(db_path: Path, name: str, now: datetime) -> Restored:
    """Replace the database with a backup, under the writer lock; keep the old file aside."""
    backup = find_backup(db_path, name)
    if not is_database_file(backup):
        raise RestoreFailed(f"{backup} is not a database that parses; choose another backup.")
    lock = WriterLock(db_path)
    lock.acquire()
    try:
        aside = None
        if db_path.exists():
            state = "replaced" if is_database_file(db_path) else "broken"
            aside = db_path.with_name(f"{db_path.name}.{state}-{now:%Y%m%d-%H%M%S}")
            serial = 1
            while aside.exists():  # a second restore in the same second keeps both
                serial += 1
                aside = db_path.with_name(f"{db_path.name}.{state}-{now:%Y%m%d-%H%M%S}-{serial}")
            write_atomically(aside, db_path.read_bytes())
        write_atomically(db_path, backup.read_bytes())
        return Restored(backup, aside)
    except OSError as error:
        raise RestoreFailed(
            f"Could not restore {backup} over {db_path}: {error.strerror or error}."
        ) from None
    finally:
        lock.release()
