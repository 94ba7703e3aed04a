"""Where Afterword keeps its files: the database, the config file, user templates, state.

On Linux and the BSDs the folders follow the XDG rules directly (the same answer platformdirs
gives, checked by a test), so that `afterword today` need not import platformdirs or pathlib;
elsewhere platformdirs decides. The ``*_file`` functions return strings for that light path.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

APP = "afterword"
DB_NAME = "afterword.json"
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "state": ("XDG_STATE_HOME", ".local/state"),
}


def _home() -> str:
    """``HOME``, or the passwd entry's home when it is unset or relative (as platformdirs does)."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    import pwd

    return pwd.getpwuid(os.getuid()).pw_dir


def _folder(kind: str) -> str:
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):  # the XDG rule: a relative value (or none) is ignored
            base = os.path.join(_home(), default)
        return os.path.join(base, APP)
    from platformdirs import PlatformDirs

    folders = PlatformDirs(APP, appauthor=False)
    return str(getattr(folders, f"user_{kind}_dir"))


def _chosen(value: str) -> str:
    return os.path.abspath(os.path.expanduser(value))


def db_given(option: str | None = None) -> str:
    """The database as the user named it: ``--db`` first, then ``AFTERWORD_DB``, then the user
    data folder (absolute, but links not followed: see ``db_file``)."""
    chosen = option or os.environ.get("AFTERWORD_DB")
    return _chosen(chosen) if chosen else os.path.join(_folder("data"), DB_NAME)


def db_file(option: str | None = None) -> str:
    """The real database file, links followed once here: a save writes through a symlinked
    database (the link stays a link), and its lock, backups and derived files sit beside the
    real file, so a writer through the link and one through the real path exclude each other."""
    return os.path.realpath(db_given(option))


def config_file() -> str:
    """``AFTERWORD_CONFIG`` names another config file; the default is in the user config folder."""
    chosen = os.environ.get("AFTERWORD_CONFIG")
    return _chosen(chosen) if chosen else os.path.join(_folder("config"), "config.toml")


def _path(text: str) -> Path:
    from pathlib import Path

    return Path(text)


def data_dir() -> Path:
    return _path(_folder("data"))


def config_dir() -> Path:
    return _path(_folder("config"))


def state_dir() -> Path:
    return _path(_folder("state"))


def db_path(option: str | None = None) -> Path:
    return _path(db_file(option))


def config_path() -> Path:
    return _path(config_file())


def user_folder() -> Path:
    """The folder of the config file in use (``AFTERWORD_CONFIG``'s, if set): the user's
    templates, themes and word list live beside it."""
    return config_path().parent


def templates_dir() -> Path:
    return user_folder() / "templates"


def themes_dir() -> Path:
    return user_folder() / "themes"
