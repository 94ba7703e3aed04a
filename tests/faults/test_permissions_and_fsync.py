"""Files 0600 and the folders Afterword makes 0700, whatever the umask; every save is
temp file in the same folder → fsync → rename → fsync of the folder, and a failure in any of
those steps leaves the old file."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afterword.store import atomic
from afterword.store.lock import lock_path
from afterword.store.repository import Repository
from afterword.store.storage import SaveFailed
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    backups_of,
    cli_env,
    fresh_interviews,
    make_db,
    run_cli,
    temp_files,
    write_export,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.fault("a permissive umask (022) and loose file modes")
def test_a_new_database_in_a_new_nested_folder_is_private(tmp_path: Path, umask_022: None) -> None:
    os.chmod(tmp_path, 0o755)
    db = tmp_path / "new" / "nested" / DB_NAME
    with Repository.open(db) as repo:
        repo.add_all(fresh_interviews(3))
        repo.add_all(fresh_interviews(1))  # the second save makes a routine backup
        assert repo.storage.backup_now(reason="forced") is not None
        acknowledged = repo.interviews()

    assert mode(tmp_path) == 0o755, "a folder the user gave is not chmodded"
    assert mode(tmp_path / "new") == 0o700
    assert mode(tmp_path / "new" / "nested") == 0o700
    assert mode(db.parent / "backups") == 0o700
    assert mode(db) == 0o600
    assert mode(lock_path(db)) == 0o600
    backups = backups_of(db)
    assert len(backups) == 2
    for backup in backups:
        assert mode(backup) == 0o600, backup
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("a permissive umask (022) and loose file modes")
def test_an_existing_folder_is_left_as_it_is(tmp_path: Path, umask_022: None) -> None:
    os.chmod(tmp_path, 0o751)
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 2)
    assert mode(tmp_path) == 0o751
    assert mode(db) == 0o600
    assert mode(lock_path(db)) == 0o600
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("a permissive umask (022) and loose file modes")
def test_cli_import_into_a_new_folder(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / "data" / "afterword" / DB_NAME
    imported = fresh_interviews(2)
    source = write_export(tmp_path / "in.json", imported)
    result = run_cli(["import", str(source)], cli_env(tmp_path, db))
    assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "data") == 0o700
    assert mode(db.parent) == 0o700
    assert mode(db) == 0o600
    assert mode(lock_path(db)) == 0o600
    assert_nothing_lost(db, imported)


@pytest.mark.fault("a permissive umask (022) and loose file modes")
def test_a_save_makes_a_loose_file_private_again(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 2)
    os.chmod(db, 0o644)
    with Repository.open(db) as repo:
        added = fresh_interviews(1)
        repo.add_all(added)
    assert mode(db) == 0o600
    assert_nothing_lost(db, [*acknowledged, *added])


# -- the order of the durable steps


class Recorder:
    """Stands in for os.fsync / os.replace, noting each call, then does the real thing."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self._fsync = os.fsync
        self._replace = os.replace
        monkeypatch.setattr(os, "fsync", self.fsync)
        monkeypatch.setattr(os, "replace", self.replace)
        self.fail: dict[str, OSError] = {}

    def fsync(self, fd: int) -> None:
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        target = Path(os.readlink(f"/proc/self/fd/{fd}"))
        self.calls.append(("fsync", "dir" if is_dir else "file", target))
        error = self.fail.get("fsync-dir" if is_dir else "fsync-file")
        if error is not None:
            raise error
        self._fsync(fd)

    def replace(self, src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        self.calls.append(("replace", Path(src), Path(dst)))
        error = self.fail.get("replace")
        if error is not None:
            raise error
        self._replace(src, dst)


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")


@pytest.mark.fault("a power cut: the order of fsync and rename")
@needs_proc
def test_one_save_is_fsync_file_then_rename_then_fsync_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / DB_NAME
    make_db(db, 3)
    with Repository.open(db) as repo:
        repo.storage.backup_now()  # so no routine backup is due inside the save
        interview = repo.interviews()[0]
        interview.debrief.notes = "recorded save"
        recorder = Recorder(monkeypatch)
        repo.save(interview)
        acknowledged = repo.interviews()

    calls = recorder.calls
    assert [c[:2] for c in calls] == [("fsync", "file"), ("replace", calls[1][1]), ("fsync", "dir")]
    temp = calls[1][1]
    assert calls[0][2] == temp, "the file synced is the temp file that is then renamed"
    assert temp.parent == db.parent, "the temp file is in the database's own folder"
    assert temp.name.startswith(f".{db.name}.tmp-")
    assert calls[1][2] == db
    assert calls[2][2] == db.parent
    assert not temp.exists()
    assert b"recorded save" in db.read_bytes()
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("a power cut: the order of fsync and rename")
@needs_proc
def test_a_routine_backup_is_written_as_durably_and_before_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)  # one save into a new file: nothing to back up yet
    before = db.read_bytes()
    with Repository.open(db) as repo:
        recorder = Recorder(monkeypatch)
        added = fresh_interviews(1)
        repo.add_all(added)  # the first save of the hour: backup first
    kinds = [c[:2] for c in recorder.calls]
    assert kinds == [
        ("fsync", "file"),
        ("replace", recorder.calls[1][1]),
        ("fsync", "dir"),
        ("fsync", "file"),
        ("replace", recorder.calls[4][1]),
        ("fsync", "dir"),
    ]
    [backup] = backups_of(db)
    assert recorder.calls[1][2] == backup
    assert recorder.calls[2][2] == backup.parent
    assert recorder.calls[4][2] == db
    assert backup.read_bytes() == before
    assert_nothing_lost(db, [*acknowledged, *added])


@pytest.mark.fault("a failing fsync or rename (EIO)")
@pytest.mark.parametrize("step", ["fsync-file", "replace"])
def test_a_failing_fsync_or_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    db = tmp_path / DB_NAME
    interviews = make_db(db, 3)
    with Repository.open(db) as repo:
        repo.storage.backup_now()
        before = db.read_bytes()
        changed = repo.get(interviews[0].id)
        changed.company = "Never Saved Ltd"
        recorder = Recorder(monkeypatch)
        recorder.fail[step] = OSError(errno.EIO, os.strerror(errno.EIO))
        with pytest.raises(SaveFailed) as caught:
            repo.save(changed)
        assert str(db) in str(caught.value)
        assert os.strerror(errno.EIO) in str(caught.value)
        assert db.read_bytes() == before
        assert temp_files(db) == []
        assert repo.get(interviews[0].id).company == interviews[0].company
        # the disk is back: the next save goes through, the dropped change is not in it
        recorder.fail.clear()
        other = repo.get(interviews[1].id)
        other.company = "Saved Later Ltd"
        repo.save(other)
    with Repository.open(db, read_only=True) as reader:
        assert reader.get(interviews[1].id).company == "Saved Later Ltd"
        assert reader.get(interviews[0].id).company == interviews[0].company
    assert_nothing_lost(db, [interviews[0], interviews[2], other])


def test_ensure_private_dir_only_chmods_what_it_creates(tmp_path: Path, umask_022: None) -> None:
    os.chmod(tmp_path, 0o755)
    (tmp_path / "given").mkdir(mode=0o750)
    atomic.ensure_private_dir(tmp_path / "given" / "a" / "b")
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "given") == 0o750
    assert mode(tmp_path / "given" / "a") == 0o700
    assert mode(tmp_path / "given" / "a" / "b") == 0o700


@pytest.mark.fault("a permissive umask (022) and loose file modes")
def test_restore_and_export_files_are_private(tmp_path: Path, umask_022: None) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 2)
    with Repository.open(db) as repo:
        backup = repo.storage.backup_now()
    assert backup is not None
    env = cli_env(tmp_path, db)
    assert run_cli(["restore", str(backup)], env).returncode == 0
    assert mode(db) == 0o600
    kept = [p for p in tmp_path.iterdir() if p.name.startswith(f"{db.name}.replaced-")]
    assert len(kept) == 1 and mode(kept[0]) == 0o600
    out = tmp_path / "export.json"
    assert run_cli(["export", "-o", str(out)], env).returncode == 0
    assert mode(out) == 0o600
    assert_nothing_lost(db, acknowledged)
