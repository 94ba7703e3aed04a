"""One write at a time: a writer stuck in the middle of a write holds the others off for a few
seconds, then they are refused naming its pid; readers work; a killed holder releases the lock
with no stale-lock cleanup."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.store import lock
from afterword.store.lock import DatabaseLocked, lock_path
from afterword.store.repository import Repository
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    assert_one_line_error,
    backups_of,
    cli_env,
    exported_ids,
    fresh_interviews,
    make_db,
    run_cli,
    write_export,
    writer_process,
)

pytestmark = pytest.mark.fault("a writer stuck in the middle of a write")


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's writers wait a second, not five (the command line's wait its five)."""
    monkeypatch.setattr(lock, "WAIT", 1.0)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str], set[str]]]:
    """Process A: a writer holding the database."""
    db = tmp_path / DB_NAME
    ids = {i.id for i in make_db(db, 25)}
    with writer_process(db) as proc:
        yield db, proc, ids


def test_a_second_writer_waits_then_is_refused_naming_the_pid(
    holder: tuple[Path, subprocess.Popen[str], set[str]],
) -> None:
    db, proc, ids = holder
    before = db.read_bytes()
    started = time.monotonic()
    with pytest.raises(DatabaseLocked) as caught:
        Repository.open(db)
    waited = time.monotonic() - started
    assert 1.0 <= waited < 3.0, f"refused after {waited:.1f} s, not after the wait"
    assert caught.value.pid == proc.pid
    assert f"pid {proc.pid}" in str(caught.value)
    assert str(db) in str(caught.value) and "stayed busy" in str(caught.value)
    # refusing did not steal or break A's lock: still refused
    with pytest.raises(DatabaseLocked):
        Repository.open(db)
    assert db.read_bytes() == before
    assert_nothing_lost(db, ids)


def test_cli_import_is_refused_and_export_still_works(
    tmp_path: Path, holder: tuple[Path, subprocess.Popen[str], set[str]]
) -> None:
    db, proc, ids = holder
    before = db.read_bytes()
    backups_before = backups_of(db)
    env = cli_env(tmp_path, db)
    source = write_export(tmp_path / "more.json", fresh_interviews(3))

    refused = run_cli(["import", str(source)], env)
    assert_one_line_error(refused, str(proc.pid))
    assert db.read_bytes() == before
    assert backups_of(db) == backups_before, "a refused import must not even back up"

    exported = run_cli(["export"], env)
    assert exported.returncode == 0, exported.stderr
    assert exported_ids(exported.stdout) == ids

    assert proc.poll() is None, "A still runs and holds the database"
    assert_nothing_lost(db, ids)


def test_after_sigkill_of_the_holder_the_next_writer_opens_at_once(
    tmp_path: Path, holder: tuple[Path, subprocess.Popen[str], set[str]]
) -> None:
    db, proc, ids = holder
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # the lock file is still there and still names A: no one cleaned it up
    assert lock_path(db).read_text().strip() == str(proc.pid)

    started = time.monotonic()
    held = lock.WriterLock(db)
    held.acquire()
    try:
        assert time.monotonic() - started < 1.0
        assert lock_path(db).read_text().strip() == str(os.getpid())
        # and now this process is the one that holds the others off, by its own pid
        env = cli_env(tmp_path, db)
        added = fresh_interviews(2)
        source = write_export(tmp_path / "more.json", added)
        refused = run_cli(["import", str(source)], env)
        assert_one_line_error(refused, f"pid {os.getpid()}")
    finally:
        held.release()
    done = run_cli(["import", str(source)], env)
    assert done.returncode == 0, done.stderr
    assert len(exported_ids(run_cli(["export"], env).stdout)) == 27
    assert_nothing_lost(db, [*ids, *added])


def test_a_writer_that_closes_releases_the_lock(
    holder: tuple[Path, subprocess.Popen[str], set[str]],
) -> None:
    db, proc, ids = holder
    assert proc.stdin is not None
    proc.stdin.write("go\n")
    proc.stdin.flush()
    proc.wait(timeout=30)
    assert proc.returncode == 0
    with Repository.open(db) as repo:
        assert repo.ids() == ids
    assert_nothing_lost(db, ids)
