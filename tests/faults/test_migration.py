"""A version-0 file is migrated by a writer (after a backup of the original bytes), read as it is
by a reader, and a file from a newer Afterword is refused and left alone."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from afterword.domain.model import Person
from afterword.store.lock import lock_path
from afterword.store.repository import Repository
from afterword.store.storage import DatabaseUnreadable
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    assert_one_line_error,
    backups_of,
    cli_env,
    fresh_interviews,
    run_cli,
    temp_files,
    write_export,
)

pytestmark = pytest.mark.fault("a database from an older or a newer Afterword")

V0: dict[str, Any] = {
    "interviews": {
        "1": {
            "id": "a1",
            "company": "Acme",
            "role": "Backend Engineer",
            "date": "2026-11-20T10:00:00",
            "where": "Video call",
            "interviewers": ["Dana Whitfield <dana@acme.example>", "Sam Lee"],
            "recruiter": "Pat Kim",
            "debrief": {"notes": "They liked the queue design."},
            "status": "active",
            "colour": "teal",
        },
        "2": {
            "id": "b2",
            "company": "Bluefin",
            "date": "2026-11-21T15:30:00",
            "interviewers": [],
            "recruiter": "",
        },
    }
}


@pytest.fixture
def v0_db(tmp_path: Path) -> tuple[Path, bytes]:
    db = tmp_path / DB_NAME
    raw = json.dumps(V0, indent=1).encode()
    db.write_bytes(raw)
    return db, raw


def test_a_writer_migrates_a_version_0_file(v0_db: tuple[Path, bytes]) -> None:
    db, original = v0_db
    with Repository.open(db) as repo:
        assert repo.storage.migrated_from == 0
        acme = repo.get("a1")
        assert acme.when == datetime(2026, 11, 20, 10, 0)
        assert acme.interviewers == [
            Person(name="Dana Whitfield", email="dana@acme.example"),
            Person(name="Sam Lee"),
        ]
        assert acme.recruiter is not None
        assert (acme.recruiter.name, acme.recruiter.direct_contact) == ("Pat Kim", "ask")
        assert acme.debrief.notes == "They liked the queue design."
        assert acme.extra == {"colour": "teal"}, "an unknown key survives the migration"
        bluefin = repo.get("b2")
        assert bluefin.recruiter is None
        assert bluefin.when == datetime(2026, 11, 21, 15, 30)

    raw = db.read_bytes()
    assert raw.startswith(b'{"_meta":'), "the _meta table is the first thing in the file"
    data = json.loads(raw)
    assert next(iter(data)) == "_meta"
    assert data["_meta"]["1"]["schema"] == 1
    doc = data["interviews"]["1"]
    assert "date" not in doc
    assert list(doc)[:5] == ["id", "company", "role", "when", "where"], (
        "`when` stands where `date` stood"
    )
    assert doc["interviewers"] == [
        {"name": "Dana Whitfield", "title": "", "email": "dana@acme.example"},
        {"name": "Sam Lee", "title": "", "email": ""},
    ]
    assert doc["recruiter"] == {"name": "Pat Kim", "direct_contact": "ask"}

    [backup] = backups_of(db)
    assert backup.name.endswith("-before-migration.json")
    assert backup.read_bytes() == original

    # a second writer finds schema 1: nothing to migrate, no second backup
    with Repository.open(db) as repo:
        assert repo.storage.migrated_from is None
        assert repo.get("a1").company == "Acme"
    assert backups_of(db) == [backup]
    assert temp_files(db) == []
    assert_nothing_lost(db, ["a1", "b2"])


def test_a_reader_reads_a_version_0_file_without_writing(
    tmp_path: Path, v0_db: tuple[Path, bytes]
) -> None:
    db, original = v0_db
    with Repository.open(db, read_only=True) as repo:
        assert repo.storage.migrated_from == 0
        assert repo.get("a1").interviewers[0].email == "dana@acme.example"

    result = run_cli(["export"], cli_env(tmp_path, db))
    assert result.returncode == 0, result.stderr
    exported = {r["id"]: r for r in json.loads(result.stdout)["interviews"]}
    assert set(exported) == {"a1", "b2"}
    assert exported["a1"]["when"] == "2026-11-20T10:00:00"
    assert exported["a1"]["interviewers"][0]["email"] == "dana@acme.example"
    assert exported["a1"]["recruiter"]["name"] == "Pat Kim"

    assert db.read_bytes() == original
    assert backups_of(db) == []
    assert not lock_path(db).exists(), "a reader takes no lock"
    assert temp_files(db) == []
    assert_nothing_lost(db, ["a1", "b2"])


def test_cli_import_into_a_version_0_file_migrates_then_imports(
    tmp_path: Path, v0_db: tuple[Path, bytes]
) -> None:
    db, original = v0_db
    imported = fresh_interviews(2)
    source = write_export(tmp_path / "in.json", imported)
    result = run_cli(["import", str(source)], cli_env(tmp_path, db))
    assert result.returncode == 0, result.stderr
    names = [b.name for b in backups_of(db)]
    migration = [b for b in backups_of(db) if b.name.endswith("-before-migration.json")]
    assert len(migration) == 1, names
    assert migration[0].read_bytes() == original
    assert any(n.endswith("-before-import.json") for n in names), names
    with Repository.open(db, read_only=True) as repo:
        assert repo.storage.migrated_from is None
        assert len(repo) == 4
    assert_nothing_lost(db, ["a1", "b2", *imported])


FUTURE = {"_meta": {"1": {"schema": 99, "generation": 7}}, "interviews": {}}


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_a_file_from_a_newer_afterword_is_refused(tmp_path: Path, read_only: bool) -> None:
    db = tmp_path / DB_NAME
    raw = json.dumps(FUTURE).encode()
    db.write_bytes(raw)
    with pytest.raises(DatabaseUnreadable) as caught:
        Repository.open(db, read_only=read_only)
    message = str(caught.value)
    assert "written by a newer Afterword" in message
    assert str(db) in message
    assert db.read_bytes() == raw
    assert backups_of(db) == []
    assert_nothing_lost(db, broken=raw)  # unreadable here: left exactly as it was


def test_cli_refuses_a_file_from_a_newer_afterword(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    raw = json.dumps(FUTURE).encode()
    db.write_bytes(raw)
    env = cli_env(tmp_path, db)
    source = write_export(tmp_path / "in.json", fresh_interviews(1))
    assert_one_line_error(run_cli(["import", str(source)], env), "newer Afterword", str(db))
    assert_one_line_error(run_cli(["export"], env), "newer Afterword", str(db))
    assert db.read_bytes() == raw
    assert backups_of(db) == []
    assert temp_files(db) == []
    assert_nothing_lost(db, broken=raw)
