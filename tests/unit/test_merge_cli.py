"""`afterword merge FILE` and `afterword merge-driver`: another copy of the database merged in,
record by record; the driver run by a real `git merge`."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from afterword.cli import main
from afterword.domain.model import Interview
from afterword.store import lock as lock_module
from afterword.store.backups import Backups
from afterword.store.lock import WriterLock
from afterword.store.repository import Repository
from tests.conftest import run_afterword

WHEN = datetime(2026, 11, 24, 14, 0)
DRIVER = "merge-driver %O %A %B"


def interviews() -> list[Interview]:
    return [
        Interview(company="Acme Robotics", when=WHEN, role="Backend", stage="Onsite", id="i1"),
        Interview(company="Globex", when=WHEN, role="SRE", stage="Phone", id="i2"),
    ]


def make_db(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with Repository.open(path) as repo:
        repo.add_all(interviews())
    return path


def change(path: Path, ident: str, **fields: str) -> None:
    with Repository.open(path) as repo:
        interview = repo.get(ident)
        for name, value in fields.items():
            setattr(interview, name, value)
        repo.save(interview)


def read(path: Path) -> dict[str, Interview]:
    with Repository.open(path, read_only=True) as repo:
        return {i.id: i for i in repo.interviews()}


def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    """The database, and a copy of it (Syncthing-named, beside it) made on another machine
    from the same state: both then change on their own."""
    db = make_db(tmp_path / "data" / "afterword.json")
    elsewhere = tmp_path / "laptop" / "afterword.json"
    elsewhere.parent.mkdir()
    shutil.copyfile(db, elsewhere)
    return db, elsewhere


def put_beside(db: Path, other: Path) -> Path:
    copy = db.with_name("afterword.sync-conflict-20261125-090000-ABC1234.json")
    shutil.copyfile(other, copy)
    return copy


def test_changes_to_different_records_are_both_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, theirs = two_copies(tmp_path)
    change(db, "i1", stage="Final")  # the routine backup holds the common state
    change(theirs, "i2", status="offer")
    copy = put_beside(db, theirs)
    assert main(["--db", str(db), "merge", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "0 added, 1 changed, 0 deleted" in out and "0 conflicts" in out
    assert "Base: the backup" in out
    merged = read(db)
    assert (merged["i1"].stage, merged["i2"].status) == ("Final", "offer")
    assert merged["i1"].conflicts == [] and merged["i2"].conflicts == []


def test_the_same_field_changed_on_both_is_a_conflict_kept_and_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, theirs = two_copies(tmp_path)
    change(db, "i1", stage="Final")
    change(theirs, "i1", stage="Offer call")
    assert main(["--db", str(db), "merge", str(put_beside(db, theirs))]) == 0
    out = capsys.readouterr().out
    assert "1 conflict (yours kept" in out
    assert "Acme Robotics, stage: yours 'Final', theirs 'Offer call'" in out
    merged = read(db)["i1"]
    assert merged.stage == "Final"
    assert [(c.path, c.theirs) for c in merged.conflicts] == [("stage", "Offer call")]


def test_without_a_common_backup_there_is_no_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, theirs = two_copies(tmp_path)
    change(theirs, "i2", status="offer")
    shutil.rmtree(db.parent / "backups", ignore_errors=True)
    assert main(["--db", str(db), "merge", str(put_beside(db, theirs))]) == 0
    out = capsys.readouterr().out
    assert "Base: none" in out
    merged = read(db)["i2"]
    assert merged.status == "active"  # ours kept, theirs a conflict
    assert [(c.path, c.theirs) for c in merged.conflicts] == [("status", "offer")]


def test_a_copy_with_a_new_record_adds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, theirs = two_copies(tmp_path)
    change(db, "i1", stage="Final")
    with Repository.open(theirs) as repo:
        repo.save(Interview(company="Initech", when=WHEN, id="i3"))
    assert main(["--db", str(db), "merge", str(put_beside(db, theirs))]) == 0
    assert "1 added" in capsys.readouterr().out
    assert list(read(db)) == ["i1", "i2", "i3"]


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, theirs = two_copies(tmp_path)
    change(db, "i1", stage="Final")
    change(theirs, "i1", stage="Offer call")
    before, backups = db.read_bytes(), Backups(db).all()
    assert main(["--db", str(db), "merge", "--dry-run", str(put_beside(db, theirs))]) == 0
    out = capsys.readouterr().out
    assert "would make: 0 added, 1 changed" in out and "yours 'Final'" in out
    assert "Nothing was written" in out
    assert db.read_bytes() == before and Backups(db).all() == backups


def test_a_backup_is_made_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, theirs = two_copies(tmp_path)
    change(db, "i1", stage="Final")
    change(theirs, "i2", status="offer")
    before = db.read_bytes()
    assert main(["--db", str(db), "merge", str(put_beside(db, theirs))]) == 0
    made = [p for p in Backups(db).all() if "before-merge" in p.name]
    assert len(made) == 1 and made[0].read_bytes() == before
    out = capsys.readouterr().out
    assert str(made[0]) in out and "left as it was: delete it" in out


@pytest.mark.parametrize(
    "content", [b"just some notes\n", b'{"orders": {"1": {"id": "x"}}}', b"[1, 2]"]
)
def test_a_file_that_is_not_an_afterword_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    db = make_db(tmp_path / "data" / "afterword.json")
    before = db.read_bytes()
    other = tmp_path / "other.json"
    other.write_bytes(content)
    assert main(["--db", str(db), "merge", str(other)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "nothing was merged" in lines[0], captured.err
    assert captured.out == ""
    assert db.read_bytes() == before and not Backups(db).all()


def test_a_damaged_record_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, theirs = two_copies(tmp_path)
    theirs.write_bytes(theirs.read_bytes().replace(b'"company":"Globex"', b'"company":7'))
    before = db.read_bytes()
    assert main(["--db", str(db), "merge", str(theirs)]) == 2
    assert "is damaged" in capsys.readouterr().err
    assert db.read_bytes() == before


@pytest.mark.fault("another writer stuck in a save during afterword merge")
def test_merge_is_refused_while_another_writer_holds_the_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lock_module, "WAIT", 0.5)  # the wait, then the refusal
    db, theirs = two_copies(tmp_path)
    change(theirs, "i2", status="offer")
    before = db.read_bytes()
    lock = WriterLock(db)
    lock.acquire()
    try:
        assert main(["--db", str(db), "merge", str(theirs)]) == 2
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "afterword" in err
    assert db.read_bytes() == before


# ---------------------------------------------------------------- git's merge driver


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, timeout=120, check=False
    )


def git_repo(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    repo.mkdir()
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "t@example.org"),
        ("config", "user.name", "T"),
        ("config", "merge.afterword.driver", f"{sys.executable} -m afterword {DRIVER}"),
    ):
        assert git(repo, *args).returncode == 0
    (repo / ".gitattributes").write_text("afterword.json merge=afterword\n", encoding="utf-8")
    db = make_db(repo / "afterword.json")
    commit(repo, "start")
    return repo, db


def commit(repo: Path, message: str) -> None:
    assert git(repo, "add", ".gitattributes", "afterword.json").returncode == 0
    assert git(repo, "commit", "-q", "-m", message).returncode == 0


def test_the_driver_merges_a_real_git_merge_of_two_branches(tmp_path: Path) -> None:
    repo, db = git_repo(tmp_path)
    assert git(repo, "checkout", "-q", "-b", "laptop").returncode == 0
    change(db, "i2", status="offer")
    change(db, "i1", role="Platform")
    commit(repo, "laptop")
    assert git(repo, "checkout", "-q", "main").returncode == 0
    change(db, "i1", stage="Final")
    change(db, "i1", role="Backend II")
    commit(repo, "desktop")
    merged = git(repo, "merge", "--no-edit", "laptop")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = db.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    records = read(db)
    assert (records["i1"].stage, records["i2"].status) == ("Final", "offer")
    assert records["i1"].role == "Backend II"  # ours kept
    assert [(c.path, c.theirs) for c in records["i1"].conflicts] == [("role", "Platform")]
    assert git(repo, "status", "--porcelain", "afterword.json").stdout == ""


def test_the_driver_leaves_ours_alone_when_a_side_cannot_be_read(tmp_path: Path) -> None:
    db = make_db(tmp_path / "ours.json")
    theirs = tmp_path / "theirs.json"
    theirs.write_text("not json", encoding="utf-8")
    before = db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "afterword", "merge-driver", str(db), str(db), str(theirs)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "not valid JSON" in result.stderr
    assert db.read_bytes() == before


def test_the_driver_takes_an_empty_base_as_none(tmp_path: Path) -> None:
    ours = make_db(tmp_path / "ours.json")
    theirs = tmp_path / "theirs.json"
    shutil.copyfile(ours, theirs)
    change(theirs, "i2", status="offer")
    base = tmp_path / "base"
    base.write_bytes(b"")
    assert main(["merge-driver", str(base), str(ours), str(theirs)]) == 0
    records = read(ours)
    assert records["i2"].status == "active"
    assert [(c.path, c.theirs) for c in records["i2"].conflicts] == [("status", "offer")]


# ---------------------------------------------------------------- conflict copies noticed

SYNCTHING = "afterword.sync-conflict-20261125-090000-ABC1234.json"
DROPBOX = "afterword (Dana's conflicted copy 2026-11-25).json"


@pytest.mark.parametrize("name", [SYNCTHING, DROPBOX])
def test_today_says_a_conflict_copy_is_beside_the_database(tmp_path: Path, name: str) -> None:
    db = make_db(tmp_path / "afterword.json")
    shutil.copyfile(db, tmp_path / name)
    (tmp_path / "afterword.sync-conflict-notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "other (conflicted copy).json").write_text("x", encoding="utf-8")
    plain = run_afterword(["--db", str(db), "today"])
    assert plain.returncode == 0
    lines = plain.stderr.strip().splitlines()
    assert len(lines) == 1, plain.stderr
    assert f"is beside it: {name};" in lines[0]
    merge_args = shlex.split(lines[0].split("`")[1])
    assert merge_args == ["afterword", "merge", str(tmp_path / name)]
    for shape in ("--json", "--count"):
        result = run_afterword(["--db", str(db), "today", shape])
        assert result.returncode == 0 and result.stderr == ""


def test_today_says_nothing_without_a_conflict_copy(tmp_path: Path) -> None:
    db = make_db(tmp_path / "afterword.json")
    shutil.copyfile(db, tmp_path / "afterword.json.bak")
    assert run_afterword(["--db", str(db), "today"]).stderr == ""


@pytest.mark.fault("a failed write (ENOSPC) as the merge driver replaces ours")
def test_the_driver_leaves_ours_alone_when_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from afterword.commands import merge

    ours = make_db(tmp_path / "ours.json")
    theirs = tmp_path / "theirs.json"
    shutil.copyfile(ours, theirs)
    change(theirs, "i2", status="offer")
    before = ours.read_bytes()

    def full(path: Path, payload: bytes, *, durable: bool = True) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(merge, "write_atomically", full)
    assert main(["merge-driver", str(ours), str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0], err
    assert ours.read_bytes() == before
