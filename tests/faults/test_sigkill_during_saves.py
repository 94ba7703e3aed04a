"""SIGKILL at any moment of a save leaves the old or the new file, never a broken one.

A child process saves one interview over and over (the notes growing and shrinking between 0
and 50,000 characters, interviewers added and removed) and acknowledges each save on stdout
after ``repo.save`` returns. The parent kills it at random moments and checks what is on disk.
"""

from __future__ import annotations

import json
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from afterword.domain.model import Interview, Person
from afterword.domain.records import interview_from_dict
from afterword.store.repository import Repository
from tests.faults.helpers import (
    DB_NAME,
    NOW,
    assert_nothing_lost,
    make_db,
    stored_ids,
    temp_files,
    watchdog,
)

INTERVIEW_ID = "k111ed00"
ROUNDS = 30
OTHERS = 25

# The shape of the interview after save number n; the child and the parent both use it.
SHAPES = textwrap.dedent(
    """
    def notes_for(n):
        size = (n * 7919) % 50001
        return (f"<{n}>" + "the quick brown fox jumps over the lazy dog. " * 1200)[:size]

    def people_for(n):
        return [(f"Person {n}-{k}", f"p{k}.{n}@acme.example") for k in range(n % 6)]
    """
)
shapes: dict[str, Any] = {}
exec(SHAPES, shapes)
notes_for = shapes["notes_for"]
people_for = shapes["people_for"]

CHILD_SAVES = SHAPES + textwrap.dedent(
    """
        import sys
        from pathlib import Path
        from afterword.domain.model import Person
        from afterword.store.repository import Repository

        repo = Repository.open(Path(sys.argv[1]))
        interview = repo.get(sys.argv[2])
        n = interview.extra["n"]
        print("ready", n, flush=True)
        for _ in range(1000):
            n += 1
            interview.extra["n"] = n
            interview.debrief.notes = notes_for(n)
            interview.interviewers = [Person(name=a, email=b) for a, b in people_for(n)]
            repo.save(interview)
            sys.stdout.write(f"ack {n} {len(interview.debrief.notes)}\\n")
            sys.stdout.flush()
        print("finished", flush=True)
        """
)


def _seed(db: Path) -> None:
    make_db(db, OTHERS)
    interview = Interview(company="Kill Test Ltd", when=NOW, id=INTERVIEW_ID, extra={"n": 0})
    with Repository.open(db) as repo:
        repo.save(interview)


def _check_record(doc: dict[str, Any], n: int) -> None:
    """The record is exactly the one written by save number ``n`` (no mix of two saves)."""
    interview = interview_from_dict(doc)
    assert interview.extra["n"] == n
    assert interview.debrief.notes == notes_for(n)
    assert [(p.name, p.email) for p in interview.interviewers] == people_for(n)


def _read_db(db: Path) -> dict[str, Any]:
    data = json.loads(db.read_bytes())  # must parse, whatever the moment of the kill
    assert isinstance(data, dict)
    return data


def _stored(db: Path) -> tuple[int, dict[str, Any]]:
    data = _read_db(db)
    records = [d for d in data["interviews"].values() if d.get("id") == INTERVIEW_ID]
    assert len(records) == 1
    assert len(data["interviews"]) == OTHERS + 1, "the other interviews must all survive"
    return records[0]["n"], records[0]


def _acks(text: str) -> list[int]:
    return [int(line.split()[1]) for line in text.splitlines() if line.startswith("ack ")]


def _start_child(db: Path, script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(db), INTERVIEW_ID],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill(proc: subprocess.Popen[str]) -> tuple[str, str]:
    """SIGKILL the child and return everything it wrote (the acks still in the pipe too).

    Read through the pipes' file objects, not ``communicate``: that reads the raw descriptors,
    and would lose the lines a ``readline`` before it had already pulled into the buffer."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.stdout is not None and proc.stderr is not None
    out, err = proc.stdout.read(), proc.stderr.read()  # dead: both end at once
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()
    return out, err


def _spin(seconds: float) -> None:
    """A short busy wait: finer than sleep, so the kill lands anywhere inside a save."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.slow
@pytest.mark.fault("SIGKILL at random moments of a loop of saves (30 kills)")
def test_random_sigkills_never_lose_an_acknowledged_save(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    _seed(db)
    acknowledged = stored_ids(db)
    rng = random.Random(20261125)
    last_acked = 0
    total_acks = 0
    stale_seen = 0
    for round_no in range(ROUNDS):
        proc = _start_child(db, CHILD_SAVES)
        with watchdog(proc):
            assert proc.stdout is not None
            head = ""
            mode = rng.choice(("acks", "acks", "acks", "time", "startup"))
            if mode == "startup":
                _spin(rng.uniform(0.0, 0.25))  # maybe while it imports, maybe while it opens
            else:
                head = proc.stdout.readline()
                if not head.startswith("ready"):
                    proc.kill()  # it closed stdout or said something else: show its stderr
                    pytest.fail(f"round {round_no}: {head!r} {proc.communicate()[1]}")
                if mode == "acks":
                    for _ in range(rng.randint(0, 25)):
                        line = proc.stdout.readline()
                        head += line
                        if not line.startswith("ack "):
                            break
                    _spin(rng.choice((0.0, rng.uniform(0.0, 0.003))))
                else:
                    _spin(rng.uniform(0.0, 0.05))
            rest, err = _kill(proc)
        assert proc.returncode == -signal.SIGKILL, f"round {round_no}: child ended by itself: {err}"
        acks = _acks(head + rest)
        assert acks == list(range(last_acked + 1, last_acked + 1 + len(acks)))
        if acks:
            last_acked = acks[-1]
            total_acks += len(acks)

        stored, record = _stored(db)
        assert stored in (last_acked, last_acked + 1), (
            f"round {round_no}: file holds save {stored}, last acknowledged {last_acked}"
        )
        _check_record(record, stored)
        stale_seen += bool(temp_files(db))

        with Repository.open(db) as repo:  # a writer: it clears what the killed save left
            assert temp_files(db) == []
            assert repo.get(INTERVIEW_ID).extra["n"] == stored
        last_acked = stored  # the next child carries on from what is on disk

    assert total_acks > ROUNDS, "the children must actually have saved"
    # How often a kill landed inside a save with its temp file open (for the curious: -rP).
    print(f"{total_acks} acknowledged saves; {stale_seen} kills left a temp file behind")
    stored = assert_nothing_lost(db, acknowledged)
    assert stored[INTERVIEW_ID].extra["n"] == last_acked


# -- deterministic kills at the two moments that matter, by handshake

CHILD_BLOCKS_IN = textwrap.dedent(
    """
    import os, stat, sys
    from pathlib import Path
    from afterword.store.repository import Repository

    which = sys.argv[3]  # "file": after the temp file's fsync; "dir": after the rename
    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        if (which == "dir") == is_dir:
            print("blocked", flush=True)
            sys.stdin.readline()  # wait here until killed

    repo = Repository.open(Path(sys.argv[1]))
    repo.storage.backup_now()  # so that no routine backup runs inside the save
    interview = repo.get(sys.argv[2])
    os.fsync = fsync
    interview.extra["n"] = interview.extra["n"] + 1
    interview.debrief.notes = "after the kill " * 1000
    repo.save(interview)
    print("saved", flush=True)
    """
)


@pytest.mark.fault("SIGKILL at each moment of a save")
@pytest.mark.parametrize(
    ("moment", "survivor"),
    [("file", "old"), ("dir", "new")],
    ids=["between-fsync-and-rename", "between-rename-and-folder-fsync"],
)
def test_sigkill_at_a_chosen_moment_of_a_save(tmp_path: Path, moment: str, survivor: str) -> None:
    db = tmp_path / DB_NAME
    _seed(db)
    acknowledged = stored_ids(db)
    old = db.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD_BLOCKS_IN, str(db), INTERVIEW_ID, moment],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with watchdog(proc):
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if line != "blocked\n":
            proc.kill()
            pytest.fail(f"{line!r}: {proc.communicate()[1]}")
        leftovers = temp_files(db)
        if moment == "file":
            # the new version is complete and synced in the temp file, the old one in place
            assert db.read_bytes() == old
            assert len(leftovers) == 1
            assert stat.S_IMODE(leftovers[0].stat().st_mode) == 0o600
            pending = json.loads(leftovers[0].read_bytes())["interviews"].values()
            assert [d["n"] for d in pending if d.get("id") == INTERVIEW_ID] == [1]
        else:
            assert leftovers == []
            assert db.read_bytes() != old
        out, err = _kill(proc)
    assert proc.returncode == -signal.SIGKILL, err
    assert "saved" not in out

    stored, record = _stored(db)
    expected = 0 if survivor == "old" else 1
    assert stored == expected
    assert (db.read_bytes() == old) is (survivor == "old")
    assert interview_from_dict(record).debrief.notes == (
        "" if survivor == "old" else "after the kill " * 1000
    )
    with Repository.open(db) as repo:
        assert temp_files(db) == []
        assert repo.get(INTERVIEW_ID).extra["n"] == expected
        # and the writer carries on normally
        interview = repo.get(INTERVIEW_ID)
        interview.interviewers.append(Person(name="After Kill"))
        repo.save(interview)
    assert _stored(db)[1]["interviewers"][-1]["name"] == "After Kill"
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("SIGKILL at each moment of a save")
def test_a_reader_leaves_a_killed_saves_temp_file_alone(tmp_path: Path) -> None:
    """Only the writer holding the lock clears temp files (a reader must not race a save)."""
    db = tmp_path / DB_NAME
    _seed(db)
    acknowledged = stored_ids(db)
    stale = db.with_name(f".{db.name}.tmp-99999-abcdef")
    stale.write_bytes(b'{"half": ')
    with Repository.open(db, read_only=True) as repo:
        assert INTERVIEW_ID in repo.ids()
    assert stale.exists()
    with Repository.open(db):
        assert not stale.exists()
    assert_nothing_lost(db, acknowledged)


CHILD_BLOCKS_IN_BACKUP = textwrap.dedent(
    """
    import os, stat, sys
    from pathlib import Path
    from afterword.store.repository import Repository

    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            print("blocked", os.readlink(f"/proc/self/fd/{fd}"), flush=True)
            sys.stdin.readline()  # wait here until killed

    repo = Repository.open(Path(sys.argv[1]))
    interview = repo.get(sys.argv[2])
    os.fsync = fsync
    interview.extra["n"] = 1
    repo.save(interview)  # the first save of the hour: the routine backup comes first
    """
)


@pytest.mark.fault("SIGKILL during a routine backup")
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_sigkill_during_a_routine_backup(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    make_db(db, OTHERS)
    with Repository.open(db) as repo:
        repo.save(Interview(company="Kill Test Ltd", when=NOW, id=INTERVIEW_ID, extra={"n": 0}))
    for backup in (db.parent / "backups").iterdir():
        backup.unlink()  # so that a routine backup is due at the child's first save
    old = db.read_bytes()
    acknowledged = stored_ids(db)
    proc = _start_child(db, CHILD_BLOCKS_IN_BACKUP)
    with watchdog(proc):
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("blocked "), line
        synced = Path(line.split(" ", 1)[1].strip())
        assert synced.parent == db.parent / "backups"
        _, err = _kill(proc)
    assert proc.returncode == -signal.SIGKILL, err
    assert db.read_bytes() == old
    with Repository.open(db) as repo:
        assert repo.get(INTERVIEW_ID).extra["n"] == 0
        assert temp_files(db) == []
        leftovers = [p.name for p in (db.parent / "backups").iterdir() if ".tmp-" in p.name]
        assert leftovers == [], "a killed backup's temp file is never cleared"
    assert_nothing_lost(db, acknowledged)
