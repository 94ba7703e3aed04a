"""The app's Library beside other writers and other tools, without the app: the test is the UI
thread (it hears the writer thread's news). Each case is a way an acknowledged change, or
another writer's, could be lost, or the app's view could part from the file for good."""

from __future__ import annotations

import errno
import json
import queue
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import afterword.store.storage as storage_module
from afterword.config import Config
from afterword.demo import write_demo_database
from afterword.domain.model import Interview
from afterword.store.repository import Repository
from afterword.store.restore import restore
from afterword.tui.library import Library, News
from tests.conftest import open_copies

NOW = datetime(2026, 11, 27, 10, 0)

pytestmark = pytest.mark.fault("the app's store beside other writers and tools")


class UI:
    """The UI thread of an app: a Library, and what it heard and was told."""

    def __init__(self, db: Path) -> None:
        self.news: queue.Queue[News] = queue.Queue()
        self.errors: list[str] = []
        self.said: list[str] = []
        self.lib = Library(Config(), lambda: NOW, lambda _: None, self.errors.append, self.news.put)
        self.lib.attach(Repository.open(db, now=lambda: NOW))
        self.lib.load()

    def pump(self, seconds: float = 1.2) -> list[str]:
        """Be the UI thread for a while; what it would show."""
        end = time.monotonic() + seconds
        said: list[str] = []
        while time.monotonic() < end:
            try:
                news = self.news.get(timeout=0.05)
            except queue.Empty:
                continue
            sentence = self.lib.hear(news)
            said += [sentence] if sentence else []
            said += news.warnings + news.notes
        self.said += said
        return said

    @property
    def ids(self) -> list[str]:
        return list(self.lib.interviews)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    write_demo_database(path, NOW)
    return path


@pytest.fixture
def ui(db: Path) -> Iterator[UI]:
    made = UI(db)
    try:
        yield made
    finally:
        made.lib.close()


def shell(db: Path, ident: str, edit: Callable[[Interview], Any]) -> None:
    with Repository.open(db, now=lambda: NOW) as repo:
        interview = repo.get(ident)
        edit(interview)
        repo.save(interview)


def on_disk(db: Path) -> dict[str, Interview]:
    with Repository.open(db, read_only=True) as repo:
        return {i.id: i for i in repo.interviews()}


def disk_full(monkeypatch: pytest.MonkeyPatch, db: Path, times: int = -1) -> list[int]:
    """Saves of ``db`` fail as on a full disk, ``times`` times (-1: until the list returned
    is set to [0]): each save's write from its copy, then its write without one."""
    from afterword.store.atomic import FromFile

    real = storage_module.write_atomically
    left = [times]

    def write(path: Path, payload: Any, **how: Any) -> int | None:
        if left[0] and path == db:
            if not isinstance(payload, FromFile):  # the save's last try
                left[0] -= 1
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, payload, **how)

    monkeypatch.setattr(storage_module, "write_atomically", write)
    return left


def test_a_record_another_writer_made_unreadable_does_not_stop_the_saves(db: Path, ui: UI) -> None:
    first, second = ui.ids[:2]
    with Repository.open(db) as other, other.batch():  # a newer Afterword's status
        data, table = other._writable()
        doc_id = str(other._doc_ids[first])
        doc = table[doc_id]
        doc["status"] = "archived"
        table[doc_id] = doc
        other.storage.write(data)
    said = ui.pump(1.5)
    assert any("cannot read" in s for s in said), said
    ui.lib.update(second, "Edited", lambda i: setattr(i, "role", "CHANGED IN APP"))
    ui.pump(1.0)
    records = json.loads(db.read_text())["interviews"].values()
    assert next(r for r in records if r["id"] == second)["role"] == "CHANGED IN APP"
    assert ui.lib._writer.is_alive()


def test_a_hand_edit_that_keeps_meta_is_taken_in_and_kept(db: Path, ui: UI) -> None:
    first, second = ui.ids[:2]
    company = ui.lib.interviews[first].company
    text = db.read_text()
    db.write_text(text.replace(f'"company":"{company}"', '"company":"HAND EDITED"', 1))
    ui.pump(1.5)
    assert ui.lib.interviews[first].company == "HAND EDITED"
    ui.lib.update(second, "Edited", lambda i: setattr(i, "role", "app edit"))
    ui.pump(1.0)
    disk = on_disk(db)
    assert (disk[first].company, disk[second].role) == ("HAND EDITED", "app edit")


def test_a_same_size_edit_in_place_with_its_times_put_back_is_seen(db: Path, ui: UI) -> None:
    import os

    info, raw = os.stat(db), db.read_bytes()
    new = raw.replace(b'"where":"Phone"', b'"where":"PHONE"', 1)
    assert len(new) == len(raw) and new != raw
    with open(db, "r+b") as file:
        file.write(new)
    os.utime(db, ns=(info.st_atime_ns, info.st_mtime_ns))
    ui.pump(1.5)
    ui.lib.update(ui.ids[1], "Edited", lambda i: setattr(i, "role", "app edit"))
    ui.pump(1.0)
    assert b'"where":"PHONE"' in db.read_bytes()


def test_a_file_a_newer_afterword_wrote_is_never_written_over(db: Path, ui: UI) -> None:
    data = json.loads(db.read_text())
    head = data["_meta"]["1"]
    head.update(schema=head["schema"] + 1, save="ab" * 8, generation=head["generation"] + 1)
    first = next(iter(data["interviews"]))
    data["interviews"][first]["company"] = "CHANGED BY A NEWER AFTERWORD"
    db.write_text(json.dumps(data, separators=(",", ":")))
    ui.pump(1.5)
    ui.lib.update(ui.ids[1], "Edited", lambda i: setattr(i, "role", "app edit"))
    ui.pump(1.0)
    assert "CHANGED BY A NEWER AFTERWORD" in db.read_text()
    assert any("newer Afterword" in e for e in ui.errors), ui.errors
    assert not list(db.parent.glob("*.broken-*"))


def test_a_broken_file_and_a_failed_save_lose_no_record(
    db: Path, ui: UI, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full(monkeypatch, db, times=1)
    count = len(ui.ids)
    broken = b'{"_meta": {"1": {"schema": 1}}, "interviews": {"1": {'
    db.write_bytes(broken)  # a tool broke it
    ui.lib.put(Interview(company="Brand New Co", when=NOW), "Added")
    end = time.monotonic() + 10  # a second to settle, the failed save, its retry 2 s later
    while db.read_bytes() == broken and time.monotonic() < end:
        ui.pump(0.5)
    disk = on_disk(db)
    assert len(disk) == count + 1
    kept = list(db.parent.glob("db.json.broken-*"))
    assert kept and all(k.read_bytes() == broken for k in kept)


def test_records_kept_from_another_history_are_written_even_by_a_refused_delete(
    db: Path, ui: UI
) -> None:
    data = json.loads(db.read_text())
    data["_meta"]["1"].update(lineage="cd" * 8, save="ef" * 8)
    kept = dict(list(data["interviews"].items())[:10])
    first = next(iter(kept))
    kept[first]["role"] = "changed on the laptop"
    data["interviews"] = kept
    db.write_text(json.dumps(data, separators=(",", ":")))
    count = len(ui.ids)
    ui.lib.delete(ui.ids[0])  # lands before the look: refused (it differs there)
    ui.pump(1.5)
    assert len(on_disk(db)) == count
    shell(db, ui.ids[1], lambda i: setattr(i, "stage", "shell"))
    ui.pump(1.5)
    assert len(on_disk(db)) == count and len(ui.lib.interviews) == count


def test_a_database_without_a_lineage_takes_the_shells_change(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    data = json.loads(db.read_text())
    del data["_meta"]["1"]["lineage"], data["_meta"]["1"]["save"]
    db.write_text(json.dumps(data, separators=(",", ":")))
    ui = UI(db)
    try:
        first = ui.ids[0]
        shell(db, first, lambda i: setattr(i, "where", "SET FROM THE SHELL"))
        ui.pump(1.5)
        assert ui.lib.interviews[first].where == "SET FROM THE SHELL"
    finally:
        ui.lib.close()
    got = on_disk(db)[first]
    assert (got.where, got.conflicts) == ("SET FROM THE SHELL", [])


def test_undo_of_a_delete_refused_there_keeps_the_change_made_there(db: Path, ui: UI) -> None:
    first = ui.ids[0]
    shell(db, first, lambda i: setattr(i, "where", "SET BY THE SHELL"))
    ui.lib.delete(first)  # before the app looked: refused, the record kept
    ui.lib.undo()
    ui.pump(1.5)
    assert on_disk(db)[first].where == "SET BY THE SHELL"
    assert ui.lib.interviews[first].where == "SET BY THE SHELL"


def test_a_change_waiting_behind_a_failed_save_counts_as_failed(
    db: Path, ui: UI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a send checks before it goes on: its `sending` state is on disk."""
    left = disk_full(monkeypatch, db)
    first, second = ui.ids[:2]
    ui.lib.update(first, "Edited", lambda i: setattr(i, "where", "fails"))
    ui.lib.flush()
    before = ui.lib.failures
    ui.lib.update(second, "Sending", lambda i: setattr(i, "where", "state: sending"))
    ui.lib.flush()
    assert ui.lib.failures > before
    assert on_disk(db)[second].where != "state: sending"
    left[0] = 0  # space freed
    ui.pump(3.0)
    assert on_disk(db)[second].where == "state: sending"


def test_restore_force_of_another_database_while_the_app_is_open_wins(db: Path, ui: UI) -> None:
    data = json.loads(db.read_text())
    data["_meta"]["1"]["lineage"] = "ab" * 8
    first = next(iter(data["interviews"]))
    data["interviews"][first]["where"] = "AS IN THE BACKUP"
    data["interviews"] = dict(list(data["interviews"].items())[:5])
    backup = db.parent / "other-backup.json"
    backup.write_text(json.dumps(data))
    restore(db, str(backup), NOW, force=True)
    ui.pump(1.5)
    disk = on_disk(db)
    assert len(disk) == 5 and len(ui.lib.interviews) == 5
    assert [i.where for i in disk.values()].count("AS IN THE BACKUP") == 1


# -- the repository alone (a second review's cases)


def test_a_writer_51_saves_behind_takes_the_later_file_as_later(db: Path) -> None:
    """The file's history names the last 50 saves: one further behind cannot be told from a
    branch by the history, and is taken as later by its generation (not reverted)."""
    app = Repository.open(db, now=lambda: NOW)
    try:
        ids = [i.id for i in app.interviews()]
        mine = app.get(ids[0])
        mine.where = "app"
        app.save(mine)
        with Repository.open(db, now=lambda: NOW) as other:
            theirs = other.get(ids[1])
            theirs.where = "OTHER CHANGED"
            other.save(theirs)
            other.delete(ids[2])
            for n in range(49):
                again = other.get(ids[4])
                again.debrief.notes = f"n{n}"
                other.save(again)
        app.refresh()
    finally:
        app.close()
    disk = on_disk(db)
    assert (disk[ids[1]].where, disk[ids[1]].conflicts) == ("OTHER CHANGED", [])
    assert ids[2] not in disk, "a delete made there came back"


def test_a_write_back_that_failed_is_written_at_the_next_look(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    branch = db.with_name("branch.json")
    shutil.copy(db, branch)
    with Repository.open(branch, now=lambda: NOW) as elsewhere:
        for n in range(2):
            record = elsewhere.interviews()[1]
            record.where = f"branch {n}"
            elsewhere.save(record)
    app = Repository.open(db, now=lambda: NOW)
    try:
        app.save(Interview(company="NEW IN THE APP", when=NOW))  # acknowledged
        staged = db.with_name("staged.json")
        shutil.copy(branch, staged)
        os.replace(staged, db)  # the branch, put in place
        disk_full(monkeypatch, db, times=1)
        with pytest.raises(storage_module.SaveFailed):
            app.refresh()
        assert any(i.company == "NEW IN THE APP" for i in app.interviews())
        app.refresh()  # the next look writes it back
    finally:
        app.close()
    assert any(i.company == "NEW IN THE APP" for i in on_disk(db).values())


def test_a_record_deleted_there_and_saved_unchanged_here_leaves_the_app_too(
    db: Path, ui: UI
) -> None:
    import copy

    first = ui.ids[0]
    ui.pump(0.6)
    with Repository.open(db, now=lambda: NOW) as other:
        other.delete(first)
    ui.lib.put(copy.deepcopy(ui.lib.interviews[first]), "Saved")  # before the app looked
    ui.pump(1.5)
    assert first not in ui.lib.interviews
    assert first not in on_disk(db)


def test_a_save_that_fails_for_good_does_not_hold_up_the_next(
    db: Path, ui: UI, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = ui.ids[:2]
    repo = ui.lib.repo
    assert repo is not None
    real = repo.save

    def save(interview: Interview, **how: Any) -> Any:
        if interview.id == first:
            raise ValueError("a value nobody expected")
        return real(interview, **how)

    monkeypatch.setattr(repo, "save", save)
    ui.lib.update(first, "Edited", lambda i: setattr(i, "role", "never saved"))
    ui.lib.update(second, "Edited", lambda i: setattr(i, "role", "saved"))
    ui.pump(0.6)  # well before a retry (2 s)
    assert on_disk(db)[second].role == "saved"
    assert len(ui.errors) == 1 and "ValueError" in ui.errors[0]


# -- the records on disk, the summaries in memory


def test_a_saved_record_goes_back_to_the_file_and_its_summary_follows(db: Path, ui: UI) -> None:
    first = ui.ids[0]
    assert not ui.lib.interviews.held(first)  # read from the file's copy, not kept as objects
    ui.lib.update(first, "Renamed", lambda i: setattr(i, "company", "Renamed Ltd"))
    assert ui.lib.interviews.held(first)  # on its way: the object is what is shown
    assert ui.lib.summaries[first].company == "Renamed Ltd"
    ui.pump(1.0)
    assert not ui.lib.interviews.held(first)  # saved: read from the file again
    assert ui.lib.interviews[first].company == "Renamed Ltd"
    assert ui.lib.summaries[first].company == "Renamed Ltd"
    shell(db, first, lambda i: setattr(i, "role", "From the shell"))
    ui.pump(1.5)
    assert ui.lib.summaries[first].role == "From the shell"
    assert not any(ui.lib.interviews.held(i) for i in ui.ids)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_app_lets_go_of_each_older_copy_of_the_file(db: Path, ui: UI) -> None:
    ui.pump(0.2)
    start = open_copies()
    for n, ident in enumerate(ui.ids[:6]):
        ui.lib.update(ident, "Edited", lambda i, n=n: setattr(i, "stage", f"Round {n}"))
        ui.pump(0.4)
    shell(db, ui.ids[7], lambda i: setattr(i, "stage", "shell"))
    ui.pump(1.5)
    # one copy held (the file as last read or saved), not one per save: 26 MB each at 10,000
    assert open_copies() <= start


def test_a_record_changed_elsewhere_into_what_cannot_be_read_stays_shown_after_our_saves(
    db: Path, ui: UI
) -> None:
    import os

    x, y = ui.ids[:2]
    shown = ui.lib.get(x).company
    data = json.loads(db.read_text())
    for doc in data["interviews"].values():
        if doc["id"] == x:
            doc["follow_ups"] = "not a list"
    edited = db.with_name("edit.tmp")
    edited.write_text(json.dumps(data))
    os.replace(edited, db)  # as an editor saves
    said = ui.pump(1.5)
    assert any("cannot read" in s for s in said), said
    ui.lib.update(y, "Edited", lambda i: setattr(i, "role", "app edit"))
    ui.pump(1.2)
    ui.lib.interviews._recent.clear()  # as if sixteen others were opened since
    assert ui.lib.get(x).company == shown  # shown as it was, read from where it was
    assert ui.lib.summaries[x].company == shown


def test_a_delete_that_fails_while_holding_more_than_the_file_keeps_the_writer_going(
    db: Path, ui: UI, monkeypatch: pytest.MonkeyPatch
) -> None:
    x, y = ui.ids[:2]
    assert ui.lib.repo is not None
    ui.lib.repo.storage.holds_unsaved = True  # as after merging a file of another history
    left = disk_full(monkeypatch, db, times=-1)
    ui.lib.delete(x)
    ui.pump(1.0)
    assert ui.lib._writer.is_alive()
    left[0] = 0  # space again
    ui.lib.update(y, "Edited", lambda i: setattr(i, "role", "after the full disk"))
    ui.pump(4.5)  # the waiting delete is tried again, then the edit
    disk = on_disk(db)
    assert x not in disk and disk[y].role == "after the full disk"
