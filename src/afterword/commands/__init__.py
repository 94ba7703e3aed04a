"""The one-shot commands of the command line (never Textual).

Every sentence they print passes through `say` (stdout) or `note` (stderr): a sentence may
name an interview, a person or a file, text from outside, so its control characters are shown
as escapes (``words.shown``), on a terminal or not. A file written to stdout (a draft, an
export) is shown that way only on a terminal; piped, it goes out as it was built.
"""

from __future__ import annotations

import sys

from afterword.domain.words import shown

TYPE_CHECKING = False  # keep typing and pathlib off the light path of `afterword today`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from afterword.config import Config
    from afterword.store.repository import Repository


def open_repository(db: Path, *, read_only: bool) -> Repository:
    from afterword import clock
    from afterword.store.repository import Repository

    return Repository.open(db, read_only=read_only, now=clock.now)


def load_settings() -> Config:
    """config.toml, with each problem in it said on stderr (the defaults stand in)."""
    from afterword.config import load_config

    config, problems = load_config()
    warn(problems)
    return config


def say(sentence: str) -> None:
    """One line on stdout, its control characters shown."""
    print(shown(sentence))


def note(sentence: str) -> None:
    """One line on stderr, 'afterword: …', its control characters shown whether or not stderr
    is a terminal: a log read later with `less -R` or `tail -f` would play them just the same,
    and a line break in a name must not split the one line."""
    print(f"afterword: {shown(sentence)}", file=sys.stderr)


def warn(problems: Sequence[str]) -> None:
    for problem in problems:
        note(problem)
