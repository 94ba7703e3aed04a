"""Rotating backups: the last 10, a routine one at most once an hour, one always before an
import and a migration, only ever from a file that parses; a backups folder that cannot be
written costs a routine save nothing but a warning, and stops an import."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterword.domain.model import Interview
from afterword.store.backups import Backups, is_database_file
from afterword.store.lock import WriterLock
from afterword.store.repository import Repository
from afterword.store.storage import BackupFailed, SafeStorage
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    assert_one_line_error,
    backups_of,
    cli_env,
    fresh_interviews,
    make_db,
    run_cli,
    write_export,
)

pytestmark = pytest.mark.fault("a backup kept before every risky change")

HOUR = 3600.0
KEEP = 10  # the number the design promises (not imported: a change there must fail here)


class FakeClock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def open_with_clock(db: Path, clock: FakeClock) -> Repository:
    """A writer whose backups run on ``clock``."""
    return Repository(SafeStorage(db, backups=Backups(db, clock=clock)), WriterLock(db))


@pytest.fixture
def clock() -> FakeClock:
    # later than any real file time, so that backups made by make_db's real clock are "old"
    return FakeClock(4_000_000_000.0)


@pytest.fixture
def repo(tmp_path: Path, clock: FakeClock) -> Iterator[Repository]:
    db = tmp_path / DB_NAME
    make_db(db, 3)
    repository = open_with_clock(db, clock)
    try:
        yield repository
    finally:
        repository.close()


def _touch_one(repo: Repository, text: str) -> None:
    interview = repo.interviews()[0]
    interview.debrief.notes = text
    repo.save(interview)


def test_a_routine_backup_at_most_once_an_hour(repo: Repository, clock: FakeClock) -> None:
    db = repo.path
    expected_contents: list[bytes] = []
    for minute in range(0, 181, 10):  # three hours of saves, every ten minutes
        before = db.read_bytes()
        count = len(backups_of(db))
        _touch_one(repo, f"minute {minute}")
        made = len(backups_of(db)) - count
        assert made == (1 if minute % 60 == 0 else 0), f"minute {minute}: {made} backups"
        if made:
            expected_contents.append(before)
        clock.advance(10 * 60)
    # each routine backup holds the file as it was before the first save of its hour
    assert [b.read_bytes() for b in backups_of(db)] == expected_contents
    assert repo.storage.warnings == []
    assert_nothing_lost(db, repo.interviews())


def test_rotation_keeps_the_last_ten(repo: Repository, clock: FakeClock) -> None:
    db = repo.path
    contents: list[bytes] = []
    for n in range(KEEP + 5):
        contents.append(db.read_bytes())
        _touch_one(repo, f"save {n}")
        clock.advance(HOUR)
        assert len(backups_of(db)) == min(n + 1, KEEP)
    kept = [b.read_bytes() for b in sorted(backups_of(db), key=lambda p: p.name)]
    assert kept == contents[-KEEP:], "the ten newest are kept, the oldest go"
    assert_nothing_lost(db, repo.interviews())


def test_rotation_counts_every_kind_of_backup(repo: Repository, clock: FakeClock) -> None:
    db = repo.path
    for n in range(KEEP + 3):
        repo.storage.backup_now(reason="before-import")
        clock.advance(1)
        assert len(backups_of(db)) == min(n + 1, KEEP)
    assert all(is_database_file(b) for b in backups_of(db))
    assert_nothing_lost(db, repo.interviews())


def test_cli_import_always_backs_up_first(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    acknowledged: list[Interview] = make_db(db, 3)
    env = cli_env(tmp_path, db)
    for n in range(3):  # three imports in a row: three backups, however close together
        before = db.read_bytes()
        imported = fresh_interviews(1)
        source = write_export(tmp_path / f"in{n}.json", imported)
        result = run_cli(["import", str(source)], env)
        assert result.returncode == 0, result.stderr
        acknowledged += imported
        made = [b for b in backups_of(db) if b.name.endswith(".json") and "before-import" in b.name]
        assert len(made) == n + 1
        newest = max(made, key=lambda p: (p.stat().st_mtime, p.name))
        assert newest.read_bytes() == before
        assert str(newest) in result.stdout
    assert_nothing_lost(db, acknowledged)


def test_a_dry_run_import_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)
    before = db.read_bytes()
    env = cli_env(tmp_path, db)
    source = write_export(tmp_path / "in.json", fresh_interviews(2))
    result = run_cli(["import", "--dry-run", str(source)], env)
    assert result.returncode == 0, result.stderr
    assert db.read_bytes() == before
    assert backups_of(db) == []
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("a database from an older or a newer Afterword")
def test_a_migration_always_backs_up_first(tmp_path: Path, clock: FakeClock) -> None:
    db = tmp_path / DB_NAME
    make_db(db, 1)
    with open_with_clock(db, clock) as repo:
        repo.storage.backup_now()  # a fresh backup: no routine one would be due
    v0 = json.dumps({"interviews": {"1": {"company": "Acme", "date": "2026-11-20T10:00:00"}}})
    db.write_text(v0)
    with open_with_clock(db, clock) as repo:
        assert repo.storage.migrated_from == 0
    made = [b for b in backups_of(db) if b.name.endswith("-before-migration.json")]
    assert len(made) == 1
    assert made[0].read_text() == v0
    assert [i.company for i in assert_nothing_lost(db).values()] == ["Acme"]


@pytest.mark.fault("a database that does not parse")
def test_no_backup_is_made_of_a_file_that_does_not_parse(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    make_db(db, 3)
    broken = b'{"interviews": {"1": {"company": "Acme"'
    db.write_bytes(broken)
    env = cli_env(tmp_path, db)
    source = write_export(tmp_path / "in.json", fresh_interviews(1))
    assert_one_line_error(run_cli(["import", str(source)], env), str(db))
    assert backups_of(db) == []
    assert_nothing_lost(db, broken=broken)


@pytest.mark.fault("a database broken behind the writer's back")
def test_a_routine_backup_skips_a_file_broken_behind_the_writers_back(
    repo: Repository, clock: FakeClock
) -> None:
    db = repo.path
    _touch_one(repo, "first")  # routine backup of a good file
    db.write_bytes(b'{"interviews": {"1": ')  # edited by hand while the app runs
    clock.advance(2 * HOUR)
    _touch_one(repo, "second")  # a routine backup is due now
    assert json.loads(db.read_bytes())  # the save itself wrote a good file
    for backup in backups_of(db):
        assert is_database_file(backup), f"{backup.name} does not parse"
    assert_nothing_lost(db, repo.interviews())


# -- a backups folder that cannot be written


def _block_backups_folder(db: Path, way: str) -> Path:
    folder = db.parent / "backups"
    if way == "file-in-the-way":
        folder.write_text("not a folder\n")
    else:
        folder.mkdir(exist_ok=True)
        folder.chmod(0o500)
    return folder


def _chmod_stops_writes() -> bool:
    """False for root (or CAP_DAC_OVERRIDE), which writes into a 0500 folder all the same."""
    probe = Path(tempfile.mkdtemp())
    try:
        probe.chmod(0o500)
        try:
            (probe / "x").touch()
        except PermissionError:
            return True
        return False
    finally:
        probe.chmod(0o700)
        shutil.rmtree(probe)


WAYS = [
    "file-in-the-way",
    pytest.param(
        "read-only-folder",
        marks=pytest.mark.skipif(
            not _chmod_stops_writes(), reason="root writes into a 0500 folder anyway"
        ),
    ),
]


@pytest.mark.fault("an unwritable backups folder")
@pytest.mark.parametrize("way", WAYS)
def test_an_unwritable_backups_folder_only_warns_on_a_routine_save(
    tmp_path: Path, clock: FakeClock, way: str
) -> None:
    db = tmp_path / DB_NAME
    interviews = make_db(db, 3)
    folder = _block_backups_folder(db, way)
    try:
        with open_with_clock(db, clock) as repo:
            _touch_one(repo, "saved without a backup")
            clock.advance(2 * HOUR)
            _touch_one(repo, "saved again")
            warnings = repo.storage.warnings
        assert len(warnings) == 1, warnings  # said once, not at every save
        assert str(folder) in warnings[0]
        with Repository.open(db, read_only=True) as reader:
            assert reader.get(interviews[0].id).debrief.notes == "saved again"
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    assert_nothing_lost(db, [i.id for i in interviews])


@pytest.mark.fault("an unwritable backups folder")
@pytest.mark.parametrize("way", WAYS)
def test_an_unwritable_backups_folder_stops_an_import(tmp_path: Path, way: str) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)
    before = db.read_bytes()
    folder = _block_backups_folder(db, way)
    try:
        source = write_export(tmp_path / "in.json", fresh_interviews(2))
        result = run_cli(["import", str(source)], cli_env(tmp_path, db))
        assert_one_line_error(result, str(folder))
        assert db.read_bytes() == before
    finally:
        if folder.is_dir():
            folder.chmod(0o700)
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("an unwritable backups folder")
def test_an_unwritable_backups_folder_stops_a_migration(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    v0 = b'{"interviews": {"1": {"company": "Acme", "date": "2026-11-20T10:00:00"}}}'
    db.write_bytes(v0)
    folder = _block_backups_folder(db, "file-in-the-way")
    with pytest.raises(BackupFailed) as caught:
        Repository.open(db)
    assert str(folder) in str(caught.value)
    assert db.read_bytes() == v0
    with Repository.open(db, read_only=True) as reader:  # reading it still works
        assert [i.company for i in reader.interviews()] == ["Acme"]
    assert [i.company for i in assert_nothing_lost(db).values()] == ["Acme"]


def test_backups_of_another_database_in_the_same_folder_are_not_rotated_away(
    tmp_path: Path, clock: FakeClock
) -> None:
    main = tmp_path / DB_NAME  # afterword.json
    other = tmp_path / "afterword-2025.json"
    make_db(other, 1)
    with Repository.open(other) as repo:
        other_backup = repo.storage.backup_now(reason="old")
    assert other_backup is not None
    acknowledged = make_db(main, 1)
    with open_with_clock(main, clock) as repo:
        for _ in range(KEEP + 1):
            repo.storage.backup_now()
            clock.advance(1)
        assert other_backup not in repo.storage.backups.all()
    assert other_backup.exists(), "a backup of the other database was deleted"
    assert_nothing_lost(main, acknowledged)
