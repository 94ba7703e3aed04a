"""The one-shot commands of the command line (never Textual)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # keep typing and pathlib off the light path of `afterword today`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from afterword.config import Config
    from afterword.store.repository import Repository


def open_repository(db: Path, *, read_only: bool) -> Repository:
    from afterword.store.repository import Repository

    return Repository.open(db, read_only=read_only)


def load_settings() -> Config:
    """config.toml, with each problem in it said on stderr (the defaults stand in)."""
    from afterword.config import load_config

    config, problems = load_config()
    warn(problems)
    return config


def warn(problems: Sequence[str]) -> None:
    for problem in problems:
        print(f"afterword: {problem}", file=sys.stderr)
