"""Where Afterword keeps its files: the database, the config file, user templates, state."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP = "afterword"
DB_NAME = "afterword.json"


def _dirs() -> PlatformDirs:
    from platformdirs import PlatformDirs

    return PlatformDirs(APP, appauthor=False)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def state_dir() -> Path:
    return Path(_dirs().user_state_dir)


def db_path(option: str | None = None) -> Path:
    """``--db`` first, then ``AFTERWORD_DB``, then the platform's user data folder."""
    chosen = option or os.environ.get("AFTERWORD_DB")
    if chosen:
        return Path(chosen).expanduser().absolute()
    return data_dir() / DB_NAME


def config_path() -> Path:
    """``AFTERWORD_CONFIG`` names another config file; the default is in the user config folder."""
    chosen = os.environ.get("AFTERWORD_CONFIG")
    if chosen:
        return Path(chosen).expanduser().absolute()
    return config_dir() / "config.toml"


def templates_dir() -> Path:
    return config_path().parent / "templates"
