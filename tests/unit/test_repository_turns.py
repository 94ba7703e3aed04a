"""Two writers on one file, taking turns in random order: a property test of the Repository.

Two ``Repository`` objects are open on one database (as the app and a shell command are).
Each makes random changes: adds an interview, changes a field of its own (``extra``), changes
the field both change (``debrief.notes``), deletes an interview, changes two in one batch
(one turn, one save), refreshes; or the file is put back as it was (copied over itself).
A change or a delete is made on the record as the writer has it, or on a copy it held since
an earlier turn, passed as ``base=`` (as the app does with an open form). A model beside
them says what the file must hold:

- after a writer's turn its copy is the file as it is now (it took in the other's save);
- every record either writer wrote is in the file, unless one deleted it that had seen its
  latest version (a delete of a record the other changed since keeps it; a change of a
  record the other deleted brings it back);
- a writer's own field holds what it wrote last; the other's, what the other wrote;
- the shared field holds the last value written; a value written over by a writer that had
  not seen it is kept as a conflict on the record (never dropped);
- ``refresh()`` returns exactly the records the other writer changed since the last one, and
  after no change (or a file copied back as it was) nothing;
- merging a copy of the file with itself changes nothing.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.domain.merge import merge_records
from afterword.domain.model import Interview
from afterword.domain.records import interview_from_dict, interview_to_dict
from afterword.store.repository import Repository
from tests.conftest import NOW

Doc = dict[str, Any]
ACTIONS = ("add", "field", "notes", "delete", "refresh", "copy back", "hold", "batch")


def _key(writer: int) -> str:
    return f"writer_{writer}"


def _on_disk(db: Path) -> dict[str, Doc]:
    """The file's records by id, read as a reader reads (no lock, nothing written)."""
    with Repository.open(db, read_only=True) as reader:
        return {i.id: interview_to_dict(i) for i in reader.interviews()}


def _held(repo: Repository) -> dict[str, Doc]:
    return {i.id: interview_to_dict(i) for i in repo.interviews()}


def _notes(doc: Doc) -> str:
    return str(doc["debrief"].get("notes", ""))


def _kept_notes(doc: Doc) -> set[str]:
    return {c["theirs"] for c in doc.get("conflicts", []) if c["path"] == "debrief.notes"}


@dataclass
class Model:
    """What the two writers have seen and what the file must hold."""

    db: Path
    repos: list[Repository]
    disk: dict[str, Doc]
    views: list[dict[str, Doc]] = field(default_factory=list)
    # per writer: the records the other changed since its last refresh() (what it must return)
    pending: list[set[str]] = field(default_factory=lambda: [set(), set()])
    written_notes: dict[str, set[str]] = field(default_factory=dict)  # acknowledged values
    seen_notes: dict[str, set[str]] = field(default_factory=dict)  # written over knowingly
    held: list[dict[str, Doc]] = field(default_factory=lambda: [{}, {}])  # copies kept open
    counter: int = 0

    def turn_taken(self, writer: int, before: dict[str, Doc]) -> None:
        """After writer's turn: it took in what the other changed; its copy is the file."""
        view = self.views[writer]
        self.pending[writer] |= {i for i in {*view, *before} if view.get(i) != before.get(i)}
        self.disk = _on_disk(self.db)
        assert _held(self.repos[writer]) == self.disk, "a writer's copy is not the file"
        self.views[writer] = self.disk


def _run(steps: list[tuple[int, str, int]], folder: Path) -> dict[str, Doc]:
    """Run ``steps`` on a new database in ``folder``, checking the model at each; returns
    what the file holds at the end."""
    db = folder / "afterword.json"
    with Repository.open(db, now=lambda: NOW) as first:
        first.add_all(Interview(company=f"Seed {n}", when=NOW) for n in range(4))
    repos = [Repository.open(db, now=lambda: NOW) for _ in range(2)]
    try:
        disk = _on_disk(db)
        model = Model(db, repos, disk, [dict(disk), dict(disk)])
        for writer, action, pick in steps:
            _step(model, writer, action, pick)
            # the record set: nothing lost, nothing made up (checked in _step); and always:
            for ident, values in model.written_notes.items():
                if ident not in model.disk:
                    continue
                doc = model.disk[ident]
                there = {_notes(doc), *_kept_notes(doc), *model.seen_notes.get(ident, set())}
                assert values <= there, f"notes {values - there} of {ident} were dropped"
        # a merge of the file with itself changes nothing, with or without a base
        for base in (model.disk, {}):
            merged = merge_records(base, model.disk, model.disk, NOW)
            assert merged.records == model.disk
            summary = merged.summary
            assert not (summary.added or summary.changed or summary.deleted)
            assert not (summary.kept_though_deleted or summary.conflicts)
        return model.disk
    finally:
        for repo in repos:
            repo.close()


def _step(model: Model, writer: int, action: str, pick: int) -> None:
    repo, view, before = model.repos[writer], model.views[writer], model.disk
    other = 1 - writer
    model.counter += 1
    ids = sorted(view, key=lambda i: str(view[i]["company"]))  # the ids are random
    if action in ("field", "notes", "delete", "hold", "batch") and not ids:
        action = "add"
    if action == "add":
        new = Interview(company=f"Added by {writer} ({model.counter})", when=NOW)
        if pick % 2:
            repo.save(new)
        else:
            assert repo.add_all([new]) == 1
        model.turn_taken(writer, before)
        assert set(model.disk) == {*before, new.id}
        return
    if action == "batch":  # two records changed in one turn, one save (as a merge does)
        pair = [ids[pick % len(ids)], ids[(pick // len(ids) + 1 + pick) % len(ids)]]
        # inside the turn the writer reads the file as it is now: the other's delete is seen
        pair = [ident for ident in dict.fromkeys(pair) if ident in before]
        with repo.batch():
            for ident in pair:
                interview = repo.get(ident)
                interview.extra[_key(writer)] = model.counter
                repo.save(interview)
        model.turn_taken(writer, before)
        assert set(model.disk) == set(before) | set(pair)
        for ident in pair:
            saved, source = model.disk[ident], before[ident]
            assert saved[_key(writer)] == model.counter
            assert saved.get(_key(other)) == source.get(_key(other))
            assert _notes(saved) == _notes(source)
        return
    if action == "refresh":
        changed = repo.refresh()
        model.turn_taken(writer, before)
        assert set(changed) == model.pending[writer], "refresh() did not say what changed"
        model.pending[writer] = set()
        assert repo.refresh() == {}, "refresh() after no change"
        return
    if action == "copy back":  # the file replaced by a copy of itself (a sync tool, a restore)
        twin = model.db.with_name("copy.json")
        shutil.copy2(model.db, twin)
        os.replace(twin, model.db)
        assert repo.refresh().keys() == model.pending[writer] | {
            i for i in {*view, *before} if view.get(i) != before.get(i)
        }
        model.turn_taken(writer, before)
        model.pending[writer] = set()
        assert model.disk == before, "a file copied back as it was changed"
        assert repo.refresh() == {}
        return
    held = model.held[writer]
    if action == "hold":  # the app keeps a copy open (a form): its base when it saves later
        ident = ids[pick % len(ids)]
        held[ident] = view[ident]
        return
    # a record this writer has (or held: perhaps one deleted since)
    ids = sorted({*view, *held}, key=lambda i: str({**held, **view}[i]["company"]))
    ident = ids[pick % len(ids)]
    if ident in held and (ident not in view or pick % 2 == 0):
        # the change made on the copy held, saved with it as its base (as the app does)
        mine = held.pop(ident)
        interview, base = interview_from_dict(copy.deepcopy(mine)), interview_from_dict(mine)
    else:
        mine, base = view[ident], None
        interview = repo.get(ident)
        assert interview_to_dict(interview) == mine, "get() is not the writer's copy"
    if action == "delete":
        deleted = repo.delete(ident, base=base)
        model.turn_taken(writer, before)
        latest = before.get(ident)
        if latest is not None and _apart_from_rev(latest) == _apart_from_rev(mine):
            # it had seen the latest version: gone
            assert deleted is not None and interview_to_dict(deleted) == latest
            assert set(model.disk) == set(before) - {ident}
            model.written_notes.pop(ident, None)
            model.seen_notes.pop(ident, None)
        else:  # changed or deleted by the other since: kept as the other left it
            assert deleted is None
            assert model.disk == before
        return
    value: Any
    if action == "field":
        value = model.counter
        interview.extra[_key(writer)] = value
    else:
        value = f"{writer}:{model.counter}"
        interview.debrief.notes = value
        model.seen_notes.setdefault(ident, set()).add(_notes(mine))
        model.written_notes.setdefault(ident, set()).add(value)
    repo.save(interview, base=base)
    model.turn_taken(writer, before)
    assert set(model.disk) == {*before, ident}, "a change lost or made up a record"
    saved, theirs = model.disk[ident], before.get(ident)
    if theirs is not None:
        assert saved["rev"] > theirs["rev"], "a changed record kept its rev"
    # the writer's own change is in; each field it did not change is as the file had it (or,
    # brought back after a delete, as the writer had it)
    source = theirs if theirs is not None else mine
    for key in (_key(writer), _key(other)):
        expected = value if action == "field" and key == _key(writer) else source.get(key)
        assert saved.get(key) == expected, f"{key}: {saved.get(key)} not {expected}"
    if action == "field":
        assert _notes(saved) == _notes(source)
        return
    assert _notes(saved) == value
    if theirs is not None and _notes(theirs) not in (_notes(mine), value):
        # both changed the notes: ours stays, theirs is a conflict on the record
        assert _notes(theirs) in _kept_notes(saved), f"their notes dropped: {saved}"


def _apart_from_rev(doc: Doc) -> Doc:
    return {k: v for k, v in doc.items() if k != "rev"}


STEPS = st.lists(
    st.tuples(st.integers(0, 1), st.sampled_from(ACTIONS), st.integers(0, 1000)),
    min_size=1,
    max_size=24,
)


@settings(max_examples=150, deadline=None)
@given(STEPS)
def test_two_writers_taking_turns_lose_nothing(steps: list[tuple[int, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run(steps, Path(folder))


def test_a_delete_of_a_record_the_other_changed_keeps_it_and_a_change_brings_it_back() -> None:
    """The two rules the property leans on, spelled out once."""
    with tempfile.TemporaryDirectory() as folder:
        disk = _run(
            [
                (0, "field", 0),  # A changes the first record
                (1, "delete", 0),  # B, not having seen that, deletes it: kept
                (1, "delete", 0),  # B has seen it now (its turn took it in): gone
                (0, "notes", 0),  # A, not having seen the delete, changes it: back
                (1, "refresh", 0),
            ],
            Path(folder),
        )
    back = [doc for doc in disk.values() if _notes(doc) == "0:4"]
    assert len(disk) == 4 and len(back) == 1
    assert back[0][_key(0)] == 1


def test_a_save_that_changes_nothing_does_not_bring_back_a_record_the_other_deleted() -> None:
    """Deleted on one side and left alone on the other: deleted. A save of the record as it
    was (a form saved without an edit) is no change, so the other writer's delete stands."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "afterword.json"
        with Repository.open(db, now=lambda: NOW) as first:
            first.add_all(Interview(company=f"Seed {n}", when=NOW) for n in range(2))
        one = Repository.open(db, now=lambda: NOW)
        other = Repository.open(db, now=lambda: NOW)
        try:
            ident = sorted(one.ids())[0]
            unchanged = one.get(ident)
            assert other.delete(ident) is not None
            one.save(unchanged)
        finally:
            one.close()
            other.close()
        assert ident not in _on_disk(db)
