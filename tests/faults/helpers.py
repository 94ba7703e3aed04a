"""Shared helpers for the fault-injection tests: a real database, the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.demo import demo_interviews
from afterword.domain.model import Interview
from afterword.domain.records import interview_to_dict
from afterword.exchange.json_file import dumps, export_document
from afterword.store.repository import Repository

NOW = datetime(2026, 11, 25, 9, 0)
DB_NAME = "afterword.json"


def cli_env(tmp_path: Path, db: Path, **extra: str) -> dict[str, str]:
    """The environment of a CLI run: this database, no config file, a fixed clock."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AFTERWORD_")}
    env.update(
        AFTERWORD_DB=str(db),
        AFTERWORD_CONFIG=str(tmp_path / "no-config" / "config.toml"),
        AFTERWORD_NOW=NOW.isoformat(),
        PYTHONDONTWRITEBYTECODE="1",  # no .pyc writes under a small RLIMIT_FSIZE
        NO_COLOR="1",
    )
    env.update(extra)
    return env


def run_cli(
    args: Sequence[str],
    env: dict[str, str],
    *,
    preexec_fn: Callable[[], None] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m afterword ARGS`` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "afterword", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=preexec_fn,
        cwd=cwd,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """Exit status 2 and exactly one line on stderr, without a traceback, naming ``needles``."""
    detail = f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.returncode == 2, detail
    assert "Traceback" not in result.stderr, detail
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, detail
    line = lines[0]
    assert line.startswith("afterword: "), detail
    for needle in needles:
        assert needle in line, f"{needle!r} not in {line!r}"
    return line


def fresh_interviews(n: int = 25) -> list[Interview]:
    """``n`` sample interviews with new random ids (each call gives new ids)."""
    return demo_interviews(NOW)[:n]


def make_db(path: Path, n: int = 25) -> list[Interview]:
    """Write ``n`` sample interviews to a database at ``path`` through a writer."""
    interviews = fresh_interviews(n)
    with Repository.open(path) as repo:
        repo.add_all(interviews)
    return interviews


def write_export(path: Path, interviews: Sequence[Interview]) -> Path:
    """An Afterword export file holding ``interviews``, as `afterword export` writes it."""
    path.write_text(dumps(export_document(interviews, NOW)), encoding="utf-8")
    return path


def temp_files(db: Path) -> list[Path]:
    """Temp files of a save of ``db`` still lying in its folder."""
    prefix = f".{db.name}.tmp-"
    return sorted(p for p in db.parent.iterdir() if p.name.startswith(prefix))


def backups_of(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file())


def assert_nothing_lost(
    db: Path,
    acknowledged: Iterable[Interview | str] = (),
    *,
    broken: bytes | None = None,
) -> dict[str, Interview]:
    """The check every fault test ends with: nothing acknowledged is lost, and the database
    file parses. Returns what the file holds, by id.

    ``acknowledged``: what the user was told is kept: interviews (each must be there exactly
    as it was acknowledged) or ids (each must be there). The file is read as a reader does:
    no lock taken, nothing written.

    ``broken``: the bytes of a database that did not parse before the fault. It must still
    hold exactly those (a file that does not parse is never overwritten), and then the newest
    backup that parses must hold what was acknowledged.
    """
    wanted = list(acknowledged)
    source = db
    if broken is not None:
        assert db.read_bytes() == broken, f"{db} did not parse and was changed all the same"
        if not wanted:
            return {}
        source = next((b for b in reversed(backups_of(db)) if _parses(b)), db)
        assert source != db, f"no backup of {db} parses: {backups_of(db)}"
    if not source.exists() and not wanted:
        return {}
    assert source.exists(), f"{source} is gone; it held {len(wanted)} acknowledged interview(s)"
    with Repository.open(source, read_only=True) as repo:  # raises if the file does not parse
        stored = {interview.id: interview for interview in repo.interviews()}
    json.loads(source.read_bytes())  # and it is one whole JSON document
    for item in wanted:
        if isinstance(item, str):
            assert item in stored, f"the acknowledged interview {item} is not in {source}"
            continue
        assert item.id in stored, f"{item.company} ({item.id}) was acknowledged, not in {source}"
        assert interview_to_dict(stored[item.id]) == interview_to_dict(item), (
            f"{item.company} ({item.id}) in {source} is not what was acknowledged"
        )
    return stored


def _parses(path: Path) -> bool:
    try:
        with Repository.open(path, read_only=True):
            return True
    except Exception:
        return False


def stored_ids(db: Path) -> set[str]:
    """The interview ids in the file, read without a lock and without writing."""
    with Repository.open(db, read_only=True) as repo:
        return repo.ids()


def exported_ids(stdout: str) -> set[str]:
    document: dict[str, Any] = json.loads(stdout)
    return {record["id"] for record in document["interviews"]}


@contextmanager
def watchdog(proc: subprocess.Popen[str], seconds: float = 60.0) -> Iterator[None]:
    """Kill ``proc`` if the block hangs (a child that never answers), and then fail."""
    fired = threading.Event()

    def bite() -> None:
        fired.set()
        proc.kill()

    timer = threading.Timer(seconds, bite)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
    assert not fired.is_set(), f"the child did not answer within {seconds} s and was killed"


HOLDER = """
import os, sys
from pathlib import Path
from afterword.store.lock import WriterLock

lock = WriterLock(Path(sys.argv[1]))
lock.acquire()  # a writer stuck in the middle of a write
print("ready", os.getpid(), flush=True)
sys.stdin.readline()  # hold the lock until killed (or told to go)
lock.release()
"""


@contextmanager
def writer_process(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``db``'s writer lock (a write that does not end), until the
    block ends (then killed)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with watchdog(proc):
            assert proc.stdout is not None
            line = proc.stdout.readline()  # the handshake: it holds the lock from here on
        if line != f"ready {proc.pid}\n":
            proc.kill()
            raise AssertionError(f"{line!r}: {proc.communicate()[1]}")
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)
