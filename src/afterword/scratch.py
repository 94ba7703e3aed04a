"""Files Afterword hands to another program while it waits: the text for $EDITOR, the email
for the mail client.

They hold private text (a debrief's notes, a whole email), so they live in ``scratch/`` under
the state folder (0700, files 0600), never in $TMPDIR, and each goes once the program returns.
A kill leaves them behind, so each run keeps its files in a folder of its own, locked (flock)
while the run lasts, and every start removes the folders that no running copy holds.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from afterword import paths
from afterword.store.atomic import DIR_MODE, FILE_MODE, ensure_private_dir

FOLDER = "scratch"
_LOCK = ".lock"  # in the scratch folder while one is made or cleared; in each run's folder
_mine: tuple[Path, int] | None = None  # this run's folder and the descriptor holding its lock


def root() -> Path:
    return paths.state_dir() / FOLDER


@contextlib.contextmanager
def _locked(path: Path, *, wait: bool) -> Iterator[int | None]:
    """An exclusive flock on ``path`` (made 0600, never through a link): its descriptor, or
    None when another process holds it and ``wait`` is False."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield None
            return
        yield fd
    finally:
        os.close(fd)


def _private_root() -> Path:
    folder = root()
    ensure_private_dir(folder)
    os.chmod(folder, DIR_MODE)  # a folder made by hand keeps no wider mode
    return folder


def folder() -> Path:
    """This run's private folder (0700), made on first use; OSError when it cannot be."""
    global _mine
    base = root()
    if _mine is not None and _mine[0].parent == base and _mine[0].is_dir():
        return _mine[0]
    _remove_mine()  # gone, or the state folder changed (a test, a new $XDG_STATE_HOME)
    base = _private_root()
    with _locked(base / _LOCK, wait=True):  # not cleared between its making and its lock
        made = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base))  # 0700
        fd = os.open(made / _LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _mine = (made, fd)
    atexit.register(_remove_mine)
    return made


def new_file(prefix: str, suffix: str) -> Path:
    """A new empty file (0600) in this run's folder, for one program to read or edit."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder())
    os.close(handle)
    return Path(name)


def _remove_mine() -> None:
    global _mine
    if _mine is None:
        return
    made, fd = _mine
    _mine = None
    shutil.rmtree(made, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.close(fd)


def clear_left_behind() -> int:
    """Remove what runs that were killed left in the scratch folder; how many folders or files
    went. Never raises: a start is not stopped by a folder it cannot tidy."""
    base = root()
    gone = 0
    with contextlib.suppress(OSError):
        if not base.is_dir() or base.is_symlink():
            return 0
        with _locked(base / _LOCK, wait=True):
            for entry in base.iterdir():
                if entry.name == _LOCK or (_mine is not None and entry == _mine[0]):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_dir() and not entry.is_symlink():
                        if _held(entry):
                            continue
                        shutil.rmtree(entry)
                    else:
                        entry.unlink()
                    gone += 1
    return gone


def _held(run_folder: Path) -> bool:
    """Whether a running copy of Afterword holds ``run_folder``."""
    try:
        with _locked(run_folder / _LOCK, wait=False) as fd:
            return fd is None
    except OSError:
        return False  # no lock file (or not one we can open): nobody holds it
