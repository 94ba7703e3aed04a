"""Many writers on one database at once, some killed: nothing acknowledged is lost.

Two, three and five writer processes share one database of 30 interviews. Each is a small
driver that makes random changes, some through the real command line (`afterword done`,
`afterword snooze`, `afterword import`) and the others through a ``Repository`` it keeps open
for its life, or, for one of them, through the app's ``Library`` (its writer thread, its
look at the file twice a second, its app lock): their copies go stale, so a save may have
to take in the others'. The changes: a field of its own name on any interview, the shared
``debrief.notes`` of two interviews (every writer writes there: conflicts), new interviews.
Each driver prints one line per change, and a change is *acknowledged* only once the save
or the command returned. The parent kills some drivers with SIGKILL (their command-line
children too) at random moments and starts others in their place, then checks the file.

And a file replaced behind an open writer (another database, or a later copy of this one):
the writer's next save keeps both sides. And a writer that starts while an import or a merge
writes its backup does not break that command.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from afterword.commands.data import cmd_import
from afterword.commands.merge import cmd_merge
from afterword.domain.model import Interview
from afterword.domain.records import interview_to_dict
from afterword.exchange.json_file import dumps, export_document
from afterword.store import lock
from afterword.store.backups import is_database_file
from afterword.store.lock import DatabaseLocked
from afterword.store.repository import Repository
from tests.faults.helpers import (
    DB_NAME,
    NOW,
    assert_nothing_lost,
    backups_of,
    cli_env,
    fresh_interviews,
    run_cli,
)

pytestmark = pytest.mark.fault("many writers at once (app, CLI, Repository), some SIGKILLed")

INTERVIEWS = 30
SHARED = 2  # interviews whose debrief.notes every writer changes
STEPS = 24  # changes per writer
KEY = "writer_"  # the writers' own fields: extra keys KEY + name

# One writer: random changes, a line of JSON per change tried and per change acknowledged.
# It changes records through a Repository it keeps open (holding copies of some, saved later
# with them as the base), or, as the app does, through the app's Library (its writer thread
# saves with the base, and looks at the file twice a second; what it hears is taken in
# between two changes, as the UI thread would).
DRIVER = r"""
import copy, json, queue, random, subprocess, sys, time
from datetime import datetime
from pathlib import Path
from afterword.domain.model import Interview
from afterword.exchange.json_file import dumps, export_document
from afterword.store.repository import Repository

job = json.loads(Path(sys.argv[1]).read_text())
name, db, rng = job["name"], Path(job["db"]), random.Random(job["seed"])
now = datetime.fromisoformat(job["now"])
key = job["key"] + name


def say(**line):
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def cli(*args):
    done = subprocess.run([sys.executable, "-m", "afterword", *args],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        say(fail=list(args), stderr=done.stderr[-2000:])
    return done.returncode == 0


class ByRepository:
    def __init__(self):
        self.repo = Repository.open(db, now=lambda: now)
        self.held = {}  # id -> (a copy held since an earlier save, the base of its change)
        for ident in job["shared"]:  # open at the start, as a form stays open
            interview = self.repo.get(ident)
            self.held[ident] = (interview, copy.deepcopy(interview))

    def between(self):
        if rng.random() < 0.2:
            for ident in self.repo.refresh():
                self.held.pop(ident, None)

    def change(self, ident, edit):
        # on a copy held since an earlier save (stale if another writer changed it since),
        # or on the one the repository has; returns (the value edit replaced, merged)
        if ident in self.held and rng.random() < 0.7:
            interview, base = self.held.pop(ident)
        else:
            interview, base = self.repo.get(ident), None
        before = edit(interview)
        time.sleep(rng.uniform(0, 0.05))  # the user types: the others may save meanwhile
        saved = self.repo.save(interview, base=base)
        self.held[ident] = (saved.interview, copy.deepcopy(saved.interview))
        return before, saved.merged

    def add(self, new):
        self.repo.save(new)
        return True

    def close(self):
        self.repo.close()


class ByApp:
    def __init__(self):
        from afterword.config import Config
        from afterword.store.lock import AppLock
        from afterword.tui.library import Library

        AppLock(db).acquire()  # one app per database, as the app takes it
        self.heard, self.errors = queue.Queue(), []
        self.library = Library(Config(), lambda: now, lambda label: None,
                               self.errors.append, self.heard.put)
        self.library.attach(Repository.open(db, now=lambda: now))
        self.library.load()

    def between(self):
        if rng.random() < 0.5:  # the UI thread is not always free to listen
            while not self.heard.empty():
                self.library.hear(self.heard.get())

    def _saved(self):
        errors = len(self.errors)
        self.library.flush()
        if len(self.errors) > errors:
            say(fail=["app"], stderr=self.errors[-1])
            return False
        return True

    def change(self, ident, edit):
        box = []
        self.library.update(ident, "change", lambda interview: box.append(edit(interview)))
        time.sleep(rng.uniform(0, 0.05))
        return (box[0], False) if self._saved() else (None, None)

    def add(self, new):
        self.library.put(new, "new")
        return self._saved()

    def close(self):
        self.library.close()


writer = ByApp() if job["app"] else ByRepository()
mine = list(job["follow_ups"])  # each: [id, "done" or a due to snooze to]
added = 0
for step in range(job["steps"]):
    actions = ["field", "field", "shared", "shared", "add"] + ["cli"] * (2 if mine else 0)
    action = rng.choice(actions)
    writer.between()
    if action == "cli":
        fid, what = mine.pop()
        say(tried=what, fid=fid)
        if what == "done":
            ok = cli("done", fid, "--yes")
        else:
            ok = cli("snooze", fid, what)
        if ok:
            say(ack=what, fid=fid)
    elif action == "field":
        ident = rng.choice(job["ids"])

        def edit(interview):
            interview.extra[key] = step

        _, merged = writer.change(ident, edit)
        if merged is not None:
            say(ack="field", iid=ident, key=key, value=step, merged=merged)
    elif action == "shared":
        ident, value = rng.choice(job["shared"]), f"{name}:{step}"

        def edit(interview):
            before = interview.debrief.notes
            interview.debrief.notes = value
            say(tried="shared", iid=ident, base=before, value=value)
            return before

        before, merged = writer.change(ident, edit)
        if merged is not None:
            say(ack="shared", iid=ident, base=before, value=value, merged=merged)
    else:
        added += 1
        new = Interview(company=f"{name} new {added}", when=now, role="Engineer")
        say(tried="add", iid=new.id)
        if rng.random() < 0.5:
            ok = writer.add(new)
        else:
            source = Path(job["folder"]) / f"{name}-{added}.json"
            source.write_text(dumps(export_document([new], now)), encoding="utf-8")
            ok = cli("import", str(source))
        if ok:
            say(ack="add", iid=new.id)
writer.close()
say(finished=name)
"""


@dataclass
class Writer:
    """One driver process and what it said."""

    name: str
    proc: subprocess.Popen[bytes]
    out: Path
    killed: bool = False
    lines: list[dict[str, Any]] = field(default_factory=list)

    def read(self) -> None:
        text = self.out.read_text(encoding="utf-8")
        # a line cut short by the kill is not a line
        self.lines = [
            json.loads(line) for line in text.splitlines(keepends=True) if line[-1:] == "\n"
        ]


def _start(job: dict[str, Any], folder: Path, env: dict[str, str]) -> Writer:
    name = job["name"]
    job_file = folder / f"{name}.job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    out = folder / f"{name}.out"
    with open(out, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(job_file)],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # its own group: a kill takes its CLI child too
        )
    return Writer(name, proc, out)


def _kill(writer: Writer) -> None:
    if writer.proc.poll() is None:
        os.killpg(writer.proc.pid, signal.SIGKILL)
        writer.proc.wait(timeout=30)  # gone, and its app lock with it
        writer.killed = True


@pytest.fixture
def writers() -> Iterator[list[Writer]]:
    """The drivers started by a test, none left running after it."""
    started: list[Writer] = []
    yield started
    for writer in started:
        if writer.proc.poll() is None:
            os.killpg(writer.proc.pid, signal.SIGKILL)
        writer.proc.communicate(timeout=30)


def _raw_check(db: Path) -> dict[str, Any]:
    """The file is one JSON document with no key twice, no interview id and no follow-up or
    draft id twice; returns it."""

    def no_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"a key twice in one object of {db}: {keys}"
        return dict(pairs)

    document: dict[str, Any] = json.loads(db.read_bytes(), object_pairs_hook=no_twice)
    records = list(document["interviews"].values())
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "an interview id twice"
    items = [i["id"] for r in records for i in [*r.get("follow_ups", []), *r.get("drafts", [])]]
    assert len(items) == len(set(items)), "a follow-up or draft id twice"
    return document


@pytest.mark.slow
@pytest.mark.parametrize(("count", "seed"), [(2, 2202), (3, 2203), (5, 2205)])
def test_many_writers_with_kills_lose_nothing_acknowledged(
    tmp_path: Path, writers: list[Writer], count: int, seed: int
) -> None:
    rng = random.Random(seed)
    db = tmp_path / DB_NAME
    interviews = fresh_interviews(25) + fresh_interviews(INTERVIEWS - 25)
    with Repository.open(db, now=lambda: NOW) as repo:
        repo.add_all(interviews)
    ids = [i.id for i in interviews]
    shared = rng.sample(ids, SHARED)
    follow_ups = [f.id for i in interviews for f in i.follow_ups if f.is_open]
    rng.shuffle(follow_ups)
    # each open follow-up belongs to one writer (a first one, or the one started after a
    # kill): done, or snoozed to a day of its own
    owners = 2 * count
    jobs: list[list[list[str]]] = [[] for _ in range(owners)]
    for n, fid in enumerate(follow_ups):
        what = "done" if rng.random() < 0.5 else f"2026-12-{10 + n % 18:02d} 10:30"
        jobs[n % owners].append([fid, what])
    env = cli_env(tmp_path, db)
    folder = tmp_path / "writers"
    folder.mkdir()

    def start(slot: int, generation: int) -> Writer:
        job = {
            "name": f"w{slot}g{generation}",
            "db": str(db),
            "seed": rng.randrange(1 << 30),
            "now": NOW.isoformat(),
            "key": KEY,
            "ids": ids,
            "shared": shared,
            "follow_ups": jobs[slot + generation * count],
            "steps": STEPS,
            "folder": str(folder),
            "app": slot == 0,  # one app per database, and it writes too
        }
        writer = _start(job, folder, env)
        writers.append(writer)
        return writer

    started = time.monotonic()
    first = [start(slot, 0) for slot in range(count)]
    # kill about half of them at random moments; start another in the place of most
    doomed = rng.sample(range(count), max(1, count // 2))
    moments = sorted((rng.uniform(0.2, 1.0), slot) for slot in doomed)
    for k, (moment, slot) in enumerate(moments):
        time.sleep(max(0.0, started + moment - time.monotonic()))
        _kill(first[slot])
        if k == 0 or rng.random() < 0.6:
            start(slot, 1)
    for writer in writers:
        try:
            _, err = writer.proc.communicate(timeout=max(1.0, started + 25 - time.monotonic()))
        except subprocess.TimeoutExpired:
            _kill(writer)
            pytest.fail(f"{writer.name} did not finish within 25 s")
        writer.read()
        if not writer.killed:
            assert writer.proc.returncode == 0, f"{writer.name}: {err.decode()[-3000:]}"
            assert writer.lines[-1] == {"finished": writer.name}
    assert any(w.killed for w in writers), "no writer was killed while it ran: kill earlier"

    lines = [line for w in writers for line in w.lines]
    failed = [line for line in lines if "fail" in line]
    assert not failed, f"a command failed: {failed}"
    acks = [line for line in lines if "ack" in line]

    raw = _raw_check(db)
    stored = assert_nothing_lost(db, ids)
    for backup in backups_of(db):  # the imports' backups, made while others wrote
        assert is_database_file(backup), f"{backup} does not parse"
    # no record lost, none made up: the 30, every acknowledged new one, perhaps some tried
    tried_adds = {line["iid"] for line in lines if line.get("tried") == "add"}
    acked_adds = {line["iid"] for line in acks if line["ack"] == "add"}
    assert acked_adds <= set(stored), "an acknowledged new interview is missing"
    assert set(stored) <= set(ids) | tried_adds, "an interview no writer added"
    assert len(raw["interviews"]) == len(stored)

    items = {f.id: f for i in stored.values() for f in i.follow_ups}
    for line in acks:
        if line["ack"] == "done":
            assert items[line["fid"]].done_at is not None, f"done {line['fid']} is not done"
        elif line["ack"] not in ("field", "shared", "add"):  # a snooze: its day
            item = items[line["fid"]]
            assert item.snoozed and item.is_open, f"snoozed {line['fid']}: {item}"
            assert item.due == datetime.fromisoformat(line["ack"]), f"{item.due} {line}"

    # each writer's own field: its last acknowledged value at least (one later save may have
    # reached the disk unacknowledged, just before the kill)
    last: dict[tuple[str, str], int] = {}
    for line in acks:
        if line["ack"] == "field":
            last[line["iid"], line["key"]] = line["value"]
    for (ident, key), value in last.items():
        assert stored[ident].extra.get(key, -1) >= value, (
            f"{key}={value} on {ident} was acknowledged; the file has "
            f"{stored[ident].extra.get(key)}"
        )

    # the shared field: every acknowledged value is still there (the value, or a conflict
    # holding it), unless a writer that had read it wrote over it
    seen = {line["base"] for line in acks if line["ack"] == "shared"}
    for writer in writers:  # a killed writer's last try may have reached the disk
        tries = [line for line in writer.lines if line.get("tried") == "shared"]
        if writer.killed and tries:
            seen.add(tries[-1]["base"])
    conflicts = 0
    for line in acks:
        if line["ack"] != "shared":
            continue
        record = stored[line["iid"]]
        kept = {c.theirs for c in record.conflicts if c.path == "debrief.notes"}
        conflicts += len(kept)
        assert line["value"] in {record.debrief.notes, *kept} | seen, (
            f"{line['value']!r} (acknowledged) is gone from {line['iid']}: notes "
            f"{record.debrief.notes!r}, conflicts {kept}"
        )
    # `afterword today` answers from the derived agenda file, which the writers rewrite after
    # their saves, in any order (a Repository's saves never do): it says what the database
    # says, as rebuilt from it. One more such save first: the earliest open item done.
    with Repository.open(db, now=lambda: NOW) as last:
        interview, item = min(
            ((i, f) for i in last.interviews() for f in i.follow_ups if f.is_open),
            key=lambda pair: pair[1].due,
        )
        next(f for f in interview.follow_ups if f.id == item.id).done_at = NOW
        last.save(interview)
    today = run_cli(["today", "--json"], env)
    assert today.returncode == 0, today.stderr
    Path(f"{db}.agenda").unlink(missing_ok=True)
    rebuilt = run_cli(["today", "--json"], env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert item.id not in rebuilt.stdout
    assert today.stdout == rebuilt.stdout, "today answered from a stale agenda"
    # the run tested what it set out to: saves on a stale copy, and a conflict kept
    assert any(line.get("merged") for line in acks), "no save had to merge"
    assert conflicts, "no two writers changed a shared field at once"
    assert time.monotonic() - started < 25


# ------------------------------------------------------------------ a file replaced behind us


def _company(n: int, tag: str) -> Interview:
    return Interview(company=f"{tag} {n}", when=NOW, role="Engineer")


@pytest.mark.fault("a database file replaced behind an open writer")
@pytest.mark.parametrize("polled", [False, True], ids=["next save", "poll, then save"])
def test_another_database_moved_into_place_keeps_both_sides(tmp_path: Path, polled: bool) -> None:
    """The writer notices at its next save, or first at a poll (``refresh``, as the app does
    twice a second), which writes the two sides back at once."""
    db = tmp_path / DB_NAME
    ours = fresh_interviews(6)
    repo = Repository.open(db, now=lambda: NOW)
    try:
        repo.add_all(ours)
        # another database (another lineage): its own records and one of ours, changed
        other = tmp_path / "elsewhere" / DB_NAME
        other.parent.mkdir()
        theirs = [_company(n, "Elsewhere") for n in range(4)]
        shared = repo.get(ours[0].id)
        shared.debrief.notes = "their notes"
        with Repository.open(other, now=lambda: NOW) as elsewhere:
            elsewhere.add_all([*theirs, shared])
        assert _lineage(other) != _lineage(db)
        os.replace(other, db)
        if polled:
            changed = repo.refresh()
            assert {*(i.id for i in theirs), shared.id} <= set(changed)
            on_disk = assert_nothing_lost(db, [*(i.id for i in ours), *(i.id for i in theirs)])
            assert len(on_disk) == len(ours) + len(theirs)
            assert repo.refresh() == {}

        # our next save: a change of ours, on a record they changed too
        mine = repo.get(ours[0].id)
        mine.debrief.notes = "my notes"
        mine.stage = "Onsite"
        repo.save(mine)
        added = _company(0, "Ours, later")
        repo.save(added)
    finally:
        repo.close()

    stored = assert_nothing_lost(db, [*(i.id for i in ours), *(i.id for i in theirs), added.id])
    for interview in theirs:
        assert interview_to_dict(stored[interview.id]) == interview_to_dict(interview)
    both = stored[ours[0].id]
    assert both.debrief.notes == "my notes" and both.stage == "Onsite"
    assert [(c.path, c.theirs) for c in both.conflicts] == [("debrief.notes", "their notes")]
    _raw_check(db)
    assert len(stored) == len(ours) + len(theirs) + 1


@pytest.mark.fault("a database file replaced behind an open writer")
def test_a_later_copy_moved_into_place_keeps_its_changes_and_ours(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    ours = fresh_interviews(6)
    repo = Repository.open(db, now=lambda: NOW)
    try:
        repo.add_all(ours)
        # a copy of the file, changed and saved by another Repository (same lineage, later)
        copy = tmp_path / "copy" / DB_NAME
        copy.parent.mkdir()
        shutil.copy2(db, copy)
        theirs = [_company(n, "Copy") for n in range(3)]
        with Repository.open(copy, now=lambda: NOW) as other:
            other.add_all(theirs)
            changed = other.get(ours[1].id)
            changed.status = "offer"
            other.save(changed)
            both = other.get(ours[2].id)
            both.where = "Their office"
            other.save(both)
        assert _lineage(copy) == _lineage(db)
        os.replace(copy, db)

        mine = repo.get(ours[2].id)  # as we had it: their change is not in it
        assert mine.where != "Their office"
        mine.debrief.notes = "mine"
        repo.save(mine)
        added = _company(0, "Ours, later")
        repo.save(added)
        assert set(repo.take_outside()) == {ours[1].id, ours[2].id, *(i.id for i in theirs)}
    finally:
        repo.close()

    stored = assert_nothing_lost(db, [*(i.id for i in ours), *(i.id for i in theirs), added.id])
    for interview in theirs:
        assert interview_to_dict(stored[interview.id]) == interview_to_dict(interview)
    assert stored[ours[1].id].status == "offer"
    assert stored[ours[2].id].where == "Their office"
    assert stored[ours[2].id].debrief.notes == "mine"
    assert not any(i.conflicts for i in stored.values())
    _raw_check(db)
    assert len(stored) == len(ours) + len(theirs) + 1


@pytest.mark.fault("a database file replaced behind an open writer")
@pytest.mark.parametrize("saved", ["a change", "a new interview"])
def test_a_copy_branched_before_our_last_save_keeps_that_save(tmp_path: Path, saved: str) -> None:
    """A copy taken before this writer's last save (a laptop's, through a sync tool), saved
    there more often since, so its generation is higher, moved into place: what this writer
    saved after the copy was taken, and acknowledged, must stay (a change as the value, or
    at least as a conflict), beside the copy's own changes."""
    db = tmp_path / DB_NAME
    ours = fresh_interviews(3)
    new = _company(0, "Added here after the copy was taken")
    repo = Repository.open(db, now=lambda: NOW)
    try:
        repo.add_all(ours)
        laptop = tmp_path / "laptop" / DB_NAME
        laptop.parent.mkdir()
        shutil.copy2(db, laptop)  # the copy branches off here
        if saved == "a change":
            mine = repo.get(ours[0].id)
            mine.debrief.notes = "saved here after the copy was taken"
            repo.save(mine)  # acknowledged
        else:
            repo.save(new)  # acknowledged
        with Repository.open(laptop, now=lambda: NOW) as other:  # two saves there
            added = _company(0, "Laptop")
            other.save(added)
            changed = other.get(ours[1].id)
            changed.stage = "Onsite"
            other.save(changed)
        assert _lineage(laptop) == _lineage(db)
        os.replace(laptop, db)
        later = repo.get(ours[2].id)
        later.where = "saved here after the copy came back"
        repo.save(later)
    finally:
        repo.close()

    stored = assert_nothing_lost(db, [*(i.id for i in ours), added.id])
    # the copy's change too: without the version both last agreed on (a branch is merged
    # without a base), as the value or as a conflict beside this writer's
    copied = stored[ours[1].id]
    assert "Onsite" in {copied.stage, *(c.theirs for c in copied.conflicts)}
    assert stored[ours[2].id].where == "saved here after the copy came back"
    if saved == "a change":
        record = stored[ours[0].id]
        kept = {record.debrief.notes, *(c.theirs for c in record.conflicts)}
        assert "saved here after the copy was taken" in kept, "an acknowledged save was dropped"
    else:
        assert new.id in stored, "an acknowledged new interview was dropped"


@pytest.mark.fault("a database file replaced behind two open writers")
def test_another_database_behind_two_writers_keeps_the_first_ones_later_changes(
    tmp_path: Path,
) -> None:
    """Another database moved into place while two writers have the file open (the app and a
    long `afterword` command, or two apps on two machines through a sync tool). The first to
    save takes it in (both sides kept), then changes a record; the second, which never
    changed that record, saves something else: the first one's change must stay the value
    (changed on one side only, that side wins), not become a conflict."""
    db = tmp_path / DB_NAME
    ours = fresh_interviews(3)
    with Repository.open(db, now=lambda: NOW) as repo:
        repo.add_all(ours)
    first = Repository.open(db, now=lambda: NOW)
    second = Repository.open(db, now=lambda: NOW)
    try:
        other = tmp_path / "elsewhere" / DB_NAME
        other.parent.mkdir()
        theirs = [_company(n, "Elsewhere") for n in range(2)]
        with Repository.open(other, now=lambda: NOW) as elsewhere:
            elsewhere.add_all(theirs)
        os.replace(other, db)

        changed = first.get(ours[0].id)
        changed.stage = "Onsite"
        first.save(changed)  # takes in the other database, then saves this
        changed = first.get(ours[0].id)
        changed.debrief.notes = "after the move"
        first.save(changed)
        added = _company(0, "Second's")
        second.save(added)  # the second writer's first turn since the move
    finally:
        first.close()
        second.close()

    stored = assert_nothing_lost(db, [*(i.id for i in [*ours, *theirs]), added.id])
    assert len(stored) == len(ours) + len(theirs) + 1
    record = stored[ours[0].id]
    assert (record.stage, record.debrief.notes) == ("Onsite", "after the move"), (
        f"the first writer's changes lost their place: {record.conflicts}"
    )
    assert not record.conflicts


def _lineage(db: Path) -> str:
    return str(json.loads(db.read_bytes())["_meta"]["1"]["lineage"])


# ------------------------------------------------------------------ the command's backup


@pytest.mark.fault("a writer starting while an import or a merge writes its backup")
@pytest.mark.parametrize("command", ["import", "merge"])
def test_a_writer_starting_while_a_command_backs_up_does_not_break_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`afterword import` and `afterword merge` back the file up, then change it. Another
    writer that opens the database in between (it cleans up temp files that killed saves
    left) must not break them.

    The other writer is started from inside the backup's write, just before its temp file
    is renamed into place; if the backup is written under the writer lock, it cannot start
    then (it would wait), which is as good."""
    db = tmp_path / DB_NAME
    with Repository.open(db, now=lambda: NOW) as repo:
        repo.add_all(fresh_interviews(5))
        ids = repo.ids()
    added = [_company(n, "Imported") for n in range(2)]
    source = tmp_path / "more.json"
    if command == "import":
        source.write_text(dumps(export_document(added, NOW)), encoding="utf-8")
    else:  # a copy from another machine, two interviews ahead
        copy = tmp_path / "laptop" / DB_NAME
        copy.parent.mkdir()
        shutil.copy2(db, copy)
        with Repository.open(copy, now=lambda: NOW) as laptop:
            laptop.add_all(added)
        source = copy
    backups = tmp_path / "backups"
    real_fsync = os.fsync
    others: list[Repository | None] = []
    monkeypatch.setattr(lock, "WAIT", 0.2)

    def fsync_then_another_writer_starts(fd: int) -> None:
        real_fsync(fd)
        written = Path(os.readlink(f"/proc/self/fd/{fd}"))
        if not others and written.parent == backups:  # the backup's temp file
            try:
                others.append(Repository.open(db))  # another writer starts: open, read
            except DatabaseLocked:
                others.append(None)  # the command holds the lock while it backs up

    monkeypatch.setattr(os, "fsync", fsync_then_another_writer_starts)
    monkeypatch.setenv("AFTERWORD_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    args = argparse.Namespace(file=str(source), dry_run=False)
    try:
        assert (cmd_import if command == "import" else cmd_merge)(args, db) == 0
    finally:
        for other in others:
            if other is not None:
                other.close()
    assert others, "no other writer tried to start during the backup"
    assert_nothing_lost(db, [*ids, *(i.id for i in added)])
    assert any(f"before-{command}" in p.name for p in backups.iterdir())
