"""The database's own files, on which no output the user names may land.

`export -o`, `draft --eml` and the app's `.eml` writer write where the user says. Aimed at the
database (a slip of the tab key) they would replace it with an email or an export, and after a
first import there is no backup of it yet: total loss. So a target is refused when it is the
database, its lock, agenda or unsaved-text file, a file it keeps aside or a temp file of a save,
or anything in its backups folder: by the real path (links and ``..`` followed, so a relative
path or a link to the database is caught before the file exists) and, when the target exists,
by identity (``samefile``, so a hard link is caught too).
"""

from __future__ import annotations

import os
from pathlib import Path

from afterword.errors import AfterwordError
from afterword.store.backups import backup_dir

# names beside the database: suffix -> what it is, for the sentence
_BESIDE = {
    ".lock": "the database's lock file",
    ".app-lock": "the lock file of the app open on the database",
    ".agenda": "the database's agenda file",
    ".recovery": "the database's file of unsaved text",
}
_KEPT_ASIDE = (".replaced-", ".broken-", ".recovery.")  # .recovery.: broken, set-aside records


class OutputRefused(AfterwordError):
    """The output file the user named is the database or one of its own files."""


def what_it_is(target: Path, db: Path) -> str | None:
    """What ``target`` is to the database ``db`` (``"the database itself"``, ``"the database's
    lock file"``…), or None when it is none of its files and may be written."""
    db = Path(os.path.realpath(db))
    real = Path(os.path.realpath(target))
    found = _by_name(real, db)
    if found is not None:
        return found
    try:
        mine = os.stat(target)
    except OSError:
        return None  # not there yet: its real path said all there is to say
    for path, what in _own_files(db):
        try:
            theirs = os.stat(path)
        except OSError:
            continue
        if (theirs.st_dev, theirs.st_ino) == (mine.st_dev, mine.st_ino):
            return what
    return None


def refuse_own_file(target: Path, db: Path, *, option: str | None = None) -> None:
    """Raise ``OutputRefused`` (one sentence) when ``target`` is one of the database's files;
    ``option`` names where the target came from (``"-o"``, ``"--eml"``)."""
    what = what_it_is(target, db)
    if what is None:
        return
    given = f" ({option})" if option else ""
    raise OutputRefused(
        f"Not writing {target}{given}: it is {what} ({_where(what, Path(os.path.realpath(db)))}); "
        "choose another file name."
    )


def _where(what: str, db: Path) -> str:
    if what == "the database itself":
        return str(db)
    if "backup" in what:
        return f"{backup_dir(db)}"
    return f"beside {db}"


def _by_name(real: Path, db: Path) -> str | None:
    backups = backup_dir(db)
    if real == backups or backups in real.parents:
        return "a backup of the database" if real != backups else "the database's backups folder"
    if real.parent != db.parent:
        return None
    name = real.name
    if name == db.name:
        return "the database itself"
    if name.startswith(db.name):
        rest = name[len(db.name) :]
        if rest in _BESIDE:
            return _BESIDE[rest]
        if rest.startswith(_KEPT_ASIDE):
            return "a copy of the database kept aside"
    if name.startswith(f".{db.name}."):
        return "a file of a save in progress"
    return None


def _own_files(db: Path) -> list[tuple[Path, str]]:
    """The database's files that exist, to be compared by identity with an existing target."""
    files = [(db, "the database itself")]
    files += [(db.with_name(db.name + suffix), what) for suffix, what in _BESIDE.items()]
    try:
        with os.scandir(db.parent) as entries:
            files += [
                (Path(entry.path), "a copy of the database kept aside")
                for entry in entries
                if entry.name.startswith(db.name)
                and entry.name[len(db.name) :].startswith(_KEPT_ASIDE)
            ]
    except OSError:
        pass
    try:
        with os.scandir(backup_dir(db)) as entries:
            files += [(Path(entry.path), "a backup of the database") for entry in entries]
    except OSError:
        pass
    return files
