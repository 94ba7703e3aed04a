"""Writing a file so that a crash, a full disk or a kill leaves either the old or the new file.

Temp file in the same folder (so ``os.replace`` is atomic), flush, fsync, ``os.replace``, then
fsync the folder so the rename itself is durable. Files are 0600 and folders we create 0700,
whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def temp_prefix(path: Path) -> str:
    """The name prefix of the temp files made while saving ``path`` (stale ones are removed)."""
    return f".{path.name}.tmp-"


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) 0700; a folder that exists already is left alone."""
    if directory.is_dir():
        return
    missing = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``payload`` atomically and durably; on error the old file stays.

    ``durable=False`` skips the fsyncs, for derived files that a crash only makes stale.
    """
    tmp = path.with_name(f"{temp_prefix(path)}{os.getpid()}-{os.urandom(3).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    try:
        fsync_dir(path.parent)
    except OSError as error:
        raise NotDurable(error.errno, error.strerror) from error


class NotDurable(OSError):
    """The new file is in place, but the folder could not be synced: a power cut may undo it."""


def is_stale(entry: os.DirEntry[str] | Path) -> bool:
    """A temp file of a save whose process is gone (its name carries the writer's pid after
    the prefix): one of a live process may be another writer's save or backup under way."""
    name = entry.name
    digits = name.rsplit(".tmp-", 1)[-1].split("-", 1)[0]
    if not digits.isdigit():
        return True
    pid = int(digits)
    if pid == os.getpid():
        return False  # ours: another thread's save under way (a failed one removes its own)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def remove_stale_temp_files(path: Path) -> int:
    """Remove temp files left by a killed save (see ``is_stale``)."""
    removed = 0
    prefix = temp_prefix(path)
    try:
        entries = list(os.scandir(path.parent))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.name.startswith(prefix) and is_stale(entry):
            try:
                os.unlink(entry.path)
                removed += 1
            except FileNotFoundError:
                pass
    return removed


def aside_path(path: Path, state: str, now: datetime) -> Path:
    """A free name beside ``path`` for a file kept aside: ``<name>.<state>-<when>[-n]``."""
    aside = path.with_name(f"{path.name}.{state}-{now:%Y%m%d-%H%M%S}")
    serial = 1
    while aside.exists():  # a second one in the same second keeps both
        serial += 1
        aside = path.with_name(f"{path.name}.{state}-{now:%Y%m%d-%H%M%S}-{serial}")
    return aside
