"""Copies of the database a sync tool left beside it after a conflict, found cheaply.

Syncthing keeps the losing side of a conflict as ``<stem>.sync-conflict-<date>-<time>-<device>
<suffix>``; Dropbox as ``<stem> (<someone>'s conflicted copy <date>)<suffix>``. One listing of
the database's folder finds them; `afterword today` and the app say so, and `afterword merge`
merges one in. Light on purpose (``os`` alone): `afterword today` imports this.
"""

from __future__ import annotations

import os

_SHELL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./-_")


def _split(name: str) -> tuple[str, str]:
    """(stem, suffix) as pathlib splits a name: ``afterword.json`` -> (afterword, .json)."""
    dot = name.rfind(".")
    return (name, "") if dot <= 0 else (name[:dot], name[dot:])


def is_conflict_copy(name: str, db_name: str) -> bool:
    """True when ``name`` is Syncthing's or Dropbox's copy of ``db_name`` from a conflict."""
    stem, suffix = _split(db_name)
    if not name.endswith(suffix) or name == db_name:
        return False
    middle = name[: len(name) - len(suffix)] if suffix else name
    if middle.startswith(f"{stem}.sync-conflict-"):
        return True
    return middle.startswith(f"{stem} (") and middle.endswith(")") and "conflicted copy" in middle


def conflict_copies(db_path: str | os.PathLike[str]) -> list[str]:
    """The paths of the conflict copies beside the database, by name; [] when the folder
    cannot be listed."""
    folder, db_name = os.path.split(os.fspath(db_path))
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return []
    return [os.path.join(folder, n) for n in sorted(names) if is_conflict_copy(n, db_name)]


def _quoted(path: str) -> str:
    """The path as a shell takes it (shlex.quote's rule, without importing shlex)."""
    if path and all(c in _SHELL_SAFE for c in path):
        return path
    return "'" + path.replace("'", "'\"'\"'") + "'"


def notices(db_path: str | os.PathLike[str]) -> list[str]:
    """One sentence for each conflict copy beside the database."""
    return [
        f"A copy of your database from a sync conflict is beside it: {os.path.basename(path)}; "
        f"`afterword merge {_quoted(path)}` merges it."
        for path in conflict_copies(db_path)
    ]
