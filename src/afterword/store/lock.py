"""One writer at a time: an exclusive ``flock`` on a lock file beside the database.

The lock goes with the process: when the holder exits or is killed (even by SIGKILL) the kernel
releases it, so the next start succeeds at once. The lock file holds the holder's pid so that
a refused second writer can say who has it.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from afterword.errors import AfterwordError
from afterword.store.atomic import FILE_MODE, ensure_private_dir


class DatabaseLocked(AfterwordError):
    """Another Afterword holds the database for writing."""

    def __init__(self, db_path: Path, pid: int | None) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"The database {db_path} is open in another Afterword ({who}); close that one "
            "first (read-only commands such as `afterword today` and `export` still work)."
        )
        self.pid = pid


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    """The exclusive right to write one database file, held until ``release`` or exit."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(os.path.realpath(db_path))  # one lock per real file, however named
        self.path = lock_path(self.db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise DatabaseLocked(self.db_path, pid) from None
        except BaseException:
            os.close(fd)
            raise
        os.fchmod(fd, FILE_MODE)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None
