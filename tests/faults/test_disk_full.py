"""A save that fails partway (file size limit: the disk is "full") changes nothing on disk.

The child sets RLIMIT_FSIZE below the size of the next save, so ``os.write`` writes part of the
temp file and then fails with EFBIG, as on a full disk.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from afterword.store.repository import Repository
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    assert_one_line_error,
    backups_of,
    cli_env,
    fresh_interviews,
    make_db,
    run_cli,
    temp_files,
    watchdog,
    write_export,
)

pytestmark = pytest.mark.fault("a full disk (a file-size limit) during a save")

CHILD = textwrap.dedent(
    """
    import json, resource, signal, sys
    from datetime import datetime
    from pathlib import Path
    from afterword.domain.model import Interview, Person
    from afterword.store.repository import Repository
    from afterword.store.storage import SaveFailed

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with EFBIG, do not die
    db, first, second, change = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    repo = Repository.open(db)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    limit = db.stat().st_size + 4096  # room for part of the new file, not all of it
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    big = "a long, long debrief. " * 20000
    if change == "update":
        target = repo.get(first)
        target.debrief.notes = big
    else:
        target = Interview(company="Big Notes Inc", when=datetime(2026, 11, 24, 14), id="new00001")
        target.debrief.notes = big
        target.interviewers = [Person(name="Nora Big", email="nora@big.example")]
    try:
        repo.save(target)
    except SaveFailed as error:
        outcome = {"error": str(error), "path": str(error.path)}
    else:
        outcome = {"error": None}
    outcome["in_memory_notes"] = (
        len(repo.get(first).debrief.notes) if change == "update" else None
    )
    outcome["in_memory_ids"] = sorted(repo.ids())
    print(json.dumps(outcome), flush=True)
    sys.stdin.readline()  # the parent looks at the folder now

    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    other = repo.get(second)
    other.company = "Renamed After The Failure Ltd"
    repo.save(other)  # a later, smaller save of another change
    if change == "insert":
        target.debrief.notes = "short now"
        repo.save(target)  # the failed new interview, saved again: added exactly once
    print("done", flush=True)
    """
)


@pytest.mark.parametrize("change", ["update", "insert"])
def test_a_save_that_fails_partway_changes_nothing_on_disk(tmp_path: Path, change: str) -> None:
    db = tmp_path / DB_NAME
    interviews = make_db(db, 25)
    first, second = interviews[0].id, interviews[1].id
    with Repository.open(db) as repo:
        repo.storage.backup_now()  # no routine backup inside the failing save
    before = db.read_bytes()
    backups_before = backups_of(db)

    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), first, second, change],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with watchdog(proc):
        assert proc.stdin is not None and proc.stdout is not None
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        outcome = json.loads(line)
        # the save raised SaveFailed naming the file
        assert outcome["error"] is not None, "the save should have failed under the size limit"
        assert str(db) in outcome["error"]
        assert outcome["path"] == str(db)
        # on disk: the old file, byte for byte, and no temp file
        assert db.read_bytes() == before
        assert temp_files(db) == []
        assert backups_of(db) == backups_before
        assert all(not p.name.startswith(".") for p in backups_of(db))
        # in memory: the failed change was dropped, the repository still answers
        ids_before = sorted(i.id for i in interviews)
        assert outcome["in_memory_ids"] == ids_before
        if change == "update":
            assert outcome["in_memory_notes"] == len(interviews[0].debrief.notes)

        proc.stdin.write("go\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == "done"

    assert temp_files(db) == []
    with Repository.open(db, read_only=True) as repo:
        assert repo.get(second).company == "Renamed After The Failure Ltd"
        assert repo.get(first).debrief.notes == interviews[0].debrief.notes  # not the big one
        if change == "insert":
            assert len(repo) == 26
            assert repo.get("new00001").debrief.notes == "short now"
            assert [p.email for p in repo.get("new00001").interviewers] == ["nora@big.example"]
        else:
            assert len(repo) == 25
    assert "a long, long debrief" not in db.read_text(encoding="ascii")
    assert_nothing_lost(db, [i.id for i in interviews])


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        # SIGXFSZ is left at its default: `afterword` itself must ignore it
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("what_fails", ["save", "backup"])
def test_cli_import_under_a_file_size_limit(tmp_path: Path, what_fails: str) -> None:
    db = tmp_path / DB_NAME
    acknowledged = make_db(db, 25)
    imported = fresh_interviews(25)
    source = write_export(tmp_path / "big.json", imported)
    before = db.read_bytes()
    size = len(before)
    # "save": the before-import backup (same size as the db) fits, the bigger db does not;
    # "backup": not even the backup fits, so the import must stop before changing anything
    limit = size + 8192 if what_fails == "save" else size // 2
    env = cli_env(tmp_path, db)

    result = run_cli(["import", str(source)], env, preexec_fn=_limit_file_size(limit))

    if what_fails == "save":
        assert_one_line_error(result, str(db), "unchanged")
    else:
        assert_one_line_error(result, str(db.parent / "backups"), "nothing was changed")
    assert db.read_bytes() == before
    assert temp_files(db) == []
    for backup in backups_of(db):
        assert not backup.name.startswith("."), "a temp file was left in the backups folder"
    # and without the limit the same import goes through
    again = run_cli(["import", str(source)], env)
    assert again.returncode == 0, again.stderr
    with Repository.open(db, read_only=True) as repo:
        assert len(repo) == 50
    assert_nothing_lost(db, [*acknowledged, *(i.id for i in imported)])
