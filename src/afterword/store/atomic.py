"""Writing a file so that a crash, a full disk or a kill leaves either the old or the new file.

Temp file in the same folder (so ``os.replace`` is atomic), flush, fsync, ``os.replace``, then
fsync the folder so the rename itself is durable. Files are 0600 and folders we create 0700,
whatever the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable
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


class FromFile:
    """A payload that is the first ``length`` bytes of an open file: copied by the kernel."""

    def __init__(self, fd: int, length: int) -> None:
        self.fd = fd
        self.length = length


def write_atomically(
    path: Path,
    payload: bytes | bytearray | memoryview | Iterable[bytes] | FromFile,
    *,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``payload`` (bytes; pieces of them, written as they come; or a
    file's bytes) atomically and durably; on error the old file stays.

    ``durable=False`` skips the fsyncs, for derived files that a crash only makes stale.
    """
    tmp = path.with_name(f"{temp_prefix(path)}{os.getpid()}-{os.urandom(3).hex()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            if isinstance(payload, (bytes, bytearray, memoryview)):
                _write_all(fd, payload)
            elif isinstance(payload, FromFile):
                copy_file(payload.fd, fd, payload.length)
            else:
                write_pieces(fd, payload)
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


_BUFFER = 1 << 20


def write_pieces(fd: int, pieces: Iterable[bytes]) -> None:
    """Write ``pieces`` to ``fd`` a megabyte at a time."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        if len(buffer) >= _BUFFER:
            _write_all(fd, buffer)
            del buffer[:]
    _write_all(fd, buffer)


def copy_file(source: int, target: int, length: int) -> None:
    """Copy the first ``length`` bytes of ``source`` to ``target`` (where it is), in the
    kernel where it can."""
    offset = 0
    while offset < length:
        size = min(length - offset, 1 << 24)
        try:
            copied = os.copy_file_range(source, target, size, offset_src=offset)
        except (AttributeError, OSError):  # not on this system, or not between these files
            copied = -1
        if copied <= 0:
            data = os.pread(source, min(length - offset, _BUFFER), offset)
            if not data:
                raise OSError(errno.EIO, "the file being copied ended early")
            _write_all(target, data)
            copied = len(data)
        offset += copied


def _write_all(fd: int, payload: bytes | bytearray | memoryview) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


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
