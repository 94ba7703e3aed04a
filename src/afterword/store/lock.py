"""One writer at a time: an exclusive ``flock`` on a lock file beside the database.

A writer holds the lock for one write (read the file's stamp, merge what changed, write), not
for as long as it has the database open: the app and the command line take turns. One that
cannot get it within ``WAIT`` seconds is refused, naming the holder. The app also holds an
*app lock* (``<db>.app-lock``) for its life: a second copy of the app on the same database is
refused, since both would keep their unsaved text in the one ``<db>.recovery``.

The lock goes with the process: when the holder exits or is killed (even by SIGKILL) the kernel
releases it, so the next start succeeds at once. The lock file holds the holder's pid so that
a refused second writer can say who has it.

The lock file is opened without following a link, and only a plain file of the user's own with
no other name is written to: a link planted at ``<db>.lock`` (in a shared folder) would otherwise
have its target truncated and overwritten with the pid.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from afterword.errors import AfterwordError
from afterword.store.atomic import FILE_MODE, ensure_private_dir

# How long a writer waits for another one's write to end before it gives up.
WAIT = 5.0
_STEP = 0.02


class DatabaseLocked(AfterwordError):
    """Another Afterword held the database for writing longer than a writer waits."""

    def __init__(self, db_path: Path, pid: int | None, waited: float = WAIT) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"The database {db_path} stayed busy: another Afterword ({who}) has been writing "
            f"it for over {waited:g} seconds, so nothing was changed; try again in a moment "
            f"(if it stays busy, that process is stuck: end it with `kill {pid or 'PID'}`)."
        )
        self.pid = pid


class AppOpen(AfterwordError):
    """The app is open on this database already (a second copy is refused)."""

    def __init__(self, db_path: Path, pid: int | None) -> None:
        who = f"pid {pid}" if pid else "another process"
        super().__init__(
            f"The database {db_path} is open in another Afterword app ({who}); use that one "
            "(the shell's commands, such as `afterword done`, work while it is open)."
        )
        self.pid = pid


class LockRefused(AfterwordError):
    """The lock file cannot be made or is not one Afterword may write; nothing was changed."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def app_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".app-lock")


class WriterLock:
    """The exclusive right to write one database file, held until ``release`` or exit."""

    suffix = ".lock"

    def __init__(self, db_path: Path, *, wait: float | None = None) -> None:
        self.db_path = Path(os.path.realpath(db_path))  # one lock per real file, however named
        self.path = self.db_path.with_name(self.db_path.name + self.suffix)
        self.wait = WAIT if wait is None else wait
        self._fd: int | None = None

    def _busy(self, pid: int | None) -> AfterwordError:
        return DatabaseLocked(self.db_path, pid, self.wait)

    def acquire(self) -> None:
        """Take the lock, waiting up to ``wait`` seconds for its holder to let go."""
        folder = self.path.parent
        try:
            ensure_private_dir(folder)
            fd = os.open(
                self.path,
                os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NOCTTY,
                FILE_MODE,
            )
        except OSError as error:
            raise _refused(self.path, error) from None
        try:
            _check_own_plain_file(fd, self.path)
            _flock_within(fd, self.wait)
        except BlockingIOError:
            pid = _read_pid(fd)
            os.close(fd)
            raise self._busy(pid) from None
        except BaseException:
            os.close(fd)
            raise
        try:  # only now, on the checked descriptor
            os.fchmod(fd, FILE_MODE)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the flock is what excludes; the pid only names the holder to the next one
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class AppLock(WriterLock):
    """Held by the app for its life: one app per database (the shell's writers don't take it)."""

    suffix = ".app-lock"

    def __init__(self, db_path: Path) -> None:
        super().__init__(db_path, wait=0)

    def _busy(self, pid: int | None) -> AfterwordError:
        return AppOpen(self.db_path, pid)


def _flock_within(fd: int, wait: float) -> None:
    """flock ``fd``, trying again until ``wait`` seconds have passed (BlockingIOError then)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(_STEP)


def _refused(path: Path, error: OSError) -> LockRefused:
    """One sentence for a lock file that cannot be opened: what is wrong and the way out."""
    folder = path.parent
    if error.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
        return LockRefused(
            f"The lock file {path} is a symbolic link, which Afterword does not follow; "
            "remove it (it is not Afterword's) and try again."
        )
    if error.errno == errno.ENOTDIR:
        return LockRefused(
            f"Cannot use the folder {folder} for the database: part of that path is a file, "
            "not a folder; choose another place with --db or AFTERWORD_DB (or fix XDG_DATA_HOME)."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return LockRefused(
            f"Cannot write in the folder {folder} ({error.strerror}), so the database cannot "
            "be changed; make the folder writable, or choose another database with --db."
        )
    return LockRefused(
        f"Cannot open the lock file {path} ({error.strerror or error}); check that its folder "
        "can be written, or choose another database with --db."
    )


def _check_own_plain_file(fd: int, path: Path) -> None:
    """Refuse a lock file that is not a plain file of the user's own with this one name."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        problem = "is not a plain file"
    elif info.st_uid != os.geteuid():
        problem = "belongs to another user"
    elif info.st_nlink != 1:
        problem = "has another name too (a hard link)"
    else:
        return
    raise LockRefused(
        f"The lock file {path} {problem}, so Afterword will not write to it; "
        "remove it (it is not Afterword's) and try again."
    )


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None
