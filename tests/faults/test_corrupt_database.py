"""A database file that does not parse is never overwritten; the way back is `afterword restore`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from afterword.store.repository import Repository
from afterword.store.storage import DatabaseUnreadable
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
    temp_files,
    write_export,
    writer_process,
)

pytestmark = pytest.mark.fault("a database that does not parse")

CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda good: b"",
    "truncated": lambda good: good[: len(good) // 2],
    "json-list": lambda good: b"[]",
    "json-string": lambda good: b'"afterword"',
    "table-not-object": lambda good: (
        b'{"_meta": {"1": {"schema": 1, "generation": 4}}, "interviews": [1, 2, 3]}'
    ),
    "nul-filled": lambda good: b"\0" * len(good),
}


def _corrupt(db: Path, how: str) -> bytes:
    broken = CORRUPTIONS[how](db.read_bytes())
    db.write_bytes(broken)
    return broken


def _aside_files(db: Path) -> list[Path]:
    """Files kept aside by a restore (``<db>.broken-*``, ``<db>.replaced-*``)."""
    return sorted(
        p
        for p in db.parent.iterdir()
        if p.name.startswith((f"{db.name}.broken-", f"{db.name}.replaced-"))
    )


@pytest.mark.parametrize("with_backup", [False, True], ids=["no-backup", "backup"])
@pytest.mark.parametrize("how", list(CORRUPTIONS))
def test_a_broken_file_is_refused_and_left_untouched(
    tmp_path: Path, how: str, with_backup: bool
) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 5)
    backup = None
    if with_backup:
        with Repository.open(db) as repo:
            backup = repo.storage.backup_now()
        assert backup is not None
    broken = _corrupt(db, how)
    backups_before = backups_of(db)

    for read_only in (False, True):
        with pytest.raises(DatabaseUnreadable) as caught:
            Repository.open(db, read_only=read_only)
        message = str(caught.value)
        assert str(db) in message
        assert "\n" not in message
        if backup is not None:
            assert str(backup) in message
            assert f"afterword restore {backup}" in message
            assert caught.value.backup == backup
        else:
            assert "no backup" in message
            assert caught.value.backup is None
        assert db.read_bytes() == broken

    env = cli_env(tmp_path, db)
    source = write_export(tmp_path / "more.json", fresh_interviews(2))
    needles = [str(db)] + ([str(backup), "afterword restore"] if backup else [])
    assert_one_line_error(run_cli(["import", str(source)], env), *needles)
    assert db.read_bytes() == broken, "an import must never overwrite a broken file"
    assert backups_of(db) == backups_before, "no backup is made of a file that does not parse"
    assert_one_line_error(run_cli(["export"], env), *needles)
    assert db.read_bytes() == broken
    assert temp_files(db) == []
    assert _aside_files(db) == []
    assert_nothing_lost(db, acknowledged if with_backup else (), broken=broken)


@pytest.mark.parametrize("by", ["path", "name"])
@pytest.mark.parametrize("how", list(CORRUPTIONS))
def test_restore_puts_the_backup_back_and_keeps_the_broken_file(
    tmp_path: Path, how: str, by: str
) -> None:
    db = tmp_path / DB_NAME
    original_ids = {i.id for i in make_db(db, 4)}
    env = cli_env(tmp_path, db)
    # `afterword import` on an existing database always backs it up first
    imported = run_cli(["import", str(write_export(tmp_path / "x.json", fresh_interviews(2)))], env)
    assert imported.returncode == 0, imported.stderr
    [backup] = [p for p in backups_of(db) if p.name.endswith("-before-import.json")]
    assert str(backup) in imported.stdout
    broken = _corrupt(db, how)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    argument = str(backup) if by == "path" else backup.name
    restored = run_cli(["restore", argument], env, cwd=elsewhere)

    assert restored.returncode == 0, restored.stderr
    assert "Traceback" not in restored.stderr
    # the backup's records, as the next save of the database (an app open on it takes it in)
    now, then = json.loads(db.read_bytes()), json.loads(backup.read_bytes())
    assert now["interviews"] == then["interviews"]
    assert now["_meta"]["1"]["lineage"] == then["_meta"]["1"]["lineage"]
    assert now["_meta"]["1"]["generation"] > then["_meta"]["1"]["generation"]
    assert now["_meta"]["1"]["save"] != then["_meta"]["1"]["save"]
    kept = _aside_files(db)
    assert len(kept) == 1 and kept[0].name.startswith(f"{db.name}.broken-"), kept
    assert kept[0].read_bytes() == broken
    assert str(kept[0]) in restored.stdout
    assert backup.exists(), "the backup itself stays"

    exported = run_cli(["export"], env)
    assert exported.returncode == 0, exported.stderr
    assert exported_ids(exported.stdout) == original_ids
    with Repository.open(db) as repo:  # and a writer can carry on
        assert repo.ids() == original_ids
    assert_nothing_lost(db, original_ids)


def test_the_message_names_the_newest_backup_that_parses(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)
    with Repository.open(db) as repo:
        good = repo.storage.backup_now(reason="good")
    assert good is not None
    newer_but_broken = good.with_name(f"{db.name}.20991231-235959.json")
    newer_but_broken.write_bytes(b'{"interviews": {"1": ')
    os.utime(good, (1_000_000_000, 1_000_000_000))  # make the broken one clearly newer
    broken = _corrupt(db, "truncated")

    with pytest.raises(DatabaseUnreadable) as caught:
        Repository.open(db)
    assert caught.value.backup == good
    assert str(good) in str(caught.value)
    assert str(newer_but_broken) not in str(caught.value)
    assert_nothing_lost(db, acknowledged, broken=broken)


def test_restore_refuses_a_backup_that_does_not_parse(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)
    before = db.read_bytes()
    folder = db.parent / "backups"
    folder.mkdir()
    bad = folder / f"{db.stem}-20261101-120000.json"
    bad.write_bytes(b'{"interviews": [')
    env = cli_env(tmp_path, db)

    for argument in (str(bad), bad.name):
        assert_one_line_error(run_cli(["restore", argument], env, cwd=folder.parent), str(bad))
        assert db.read_bytes() == before
        assert _aside_files(db) == [], "nothing is kept aside when nothing was replaced"
    assert_nothing_lost(db, acknowledged)


def test_restore_of_a_backup_that_is_not_there(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 3)
    before = db.read_bytes()
    env = cli_env(tmp_path, db)
    assert_one_line_error(run_cli(["restore", "no-such-backup.json"], env), "no-such-backup.json")
    assert db.read_bytes() == before
    assert_nothing_lost(db, acknowledged)


def test_restore_is_refused_while_a_writer_holds_the_database(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    make_db(db, 3)
    with Repository.open(db) as repo:
        backup = repo.storage.backup_now()
    assert backup is not None
    with Repository.open(db) as repo:
        repo.add_all(fresh_interviews(1))
        acknowledged = repo.interviews()
    before = db.read_bytes()
    env = cli_env(tmp_path, db)
    with writer_process(db) as holder:
        refused = run_cli(["restore", str(backup)], env)
        assert_one_line_error(refused, f"pid {holder.pid}")
        assert db.read_bytes() == before
        assert _aside_files(db) == []
    assert_nothing_lost(db, acknowledged)


def test_two_restores_in_the_same_second_keep_both_replaced_files(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    make_db(db, 1)
    with Repository.open(db) as repo:
        first = repo.storage.backup_now(reason="one")
        repo.add_all(fresh_interviews(1))
        second = repo.storage.backup_now(reason="two")
        repo.add_all(fresh_interviews(1))
    assert first is not None and second is not None
    current = db.read_bytes()  # three interviews: in no backup, only here
    env = cli_env(tmp_path, db)  # AFTERWORD_NOW: both restores happen "in the same second"

    assert run_cli(["restore", str(first)], env).returncode == 0
    assert run_cli(["restore", str(second)], env).returncode == 0

    kept = [p.read_bytes() for p in _aside_files(db)]
    assert current in kept, "the database as it was before the first restore is gone"
    with Repository.open(second, read_only=True) as repo:
        restored = repo.interviews()
    assert_nothing_lost(db, restored)  # the second backup, whole
