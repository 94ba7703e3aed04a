"""Every test runs with its own data, config and state folders and a fixed clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest

# local SMTP servers as fixtures; the table of faults survived at the end of a run
pytest_plugins = ["tests.smtp_servers", "tests.faults.report"]

NOW = datetime(2026, 11, 25, 9, 0)  # a Wednesday

# One interview with names beyond ASCII (Märta Öberg), for the letters handed on from the shell
NORRLAND = {
    "id": "norr0001",
    "company": "Norrland Freight",
    "role": "Backend Engineer",
    "when": "2026-11-24T14:00:00",
    "interviewers": [{"name": "Märta Öberg", "email": "marta@norrland.example"}],
    "debrief": {"remember": "we both started out writing firmware for weather stations"},
}


def write_norrland(path: Path) -> Path:
    """An import file holding NORRLAND, at ``path``."""
    document = {"format": "afterword", "version": 1, "interviews": [NORRLAND]}
    path.write_text(json.dumps(document))
    return path


TERMINAL_DIRS = ("e2e", "faults")  # tmux panes, signals, full disks, timing: one at a time


@pytest.hookimpl(tryfirst=True)  # before xdist's own, which reads the groups into the ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`-n`), the tests that drive a real terminal or inject faults all go
    to one worker, in turn (``--dist loadgroup``): run beside each other, two tmux panes or two
    SIGKILL loops would compete for the same two cores and their waits would time out."""
    for item in items:
        if Path(item.path).parent.name in TERMINAL_DIRS:
            item.add_marker(pytest.mark.xdist_group("terminal"))


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("AFTERWORD_CONFIG", str(home / "config" / "afterword" / "config.toml"))
    monkeypatch.setenv("AFTERWORD_NOW", NOW.isoformat())
    monkeypatch.delenv("AFTERWORD_DB", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    # A copy (ctrl+b) goes to tmux's buffer and the desktop's clipboard when these say there
    # are such: never the ones of whoever runs the tests.
    for name in ("TMUX", "TMUX_PANE", "WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    yield home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "afterword.json"


@pytest.fixture
def stored(db_path: Path) -> Path:
    """``db_path`` holding the demo's interviews."""
    from afterword.demo import demo_interviews
    from afterword.store.repository import Repository

    with Repository.open(db_path) as repo:
        repo.add_all(demo_interviews(NOW))
    return db_path


def open_copies() -> int:
    """How many deleted files this process holds open (the store's private copies of the
    database: each is the database's size on disk while it is held)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").endswith("(deleted)"):
                count += 1
        except OSError:
            continue
    return count


def run_afterword(
    args: Sequence[str], *, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "afterword", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=120,
    )


@pytest.fixture
def cli() -> object:
    return run_afterword
