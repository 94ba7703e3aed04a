"""The one way the command line and the app read and change interviews.

Behind it: the interviews table of a ``SafeStorage`` (TinyDB's file layout; each record kept
as its JSON bytes, so a save encodes only the record it changes). Many writers may have the
file open at once (the app, the command line); each change is one *turn*: take the lock, and
when another writer saved since this one read the file (its stamp differs), take in that
file, record by record, then merge this change into it three ways (``domain.merge``: the base
is the record as this writer had it before the change) and write. A reader takes no lock and
never writes.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from afterword.domain.merge import merge_record
from afterword.domain.model import Draft, FollowUp, Interview, new_id
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from afterword.errors import AfterwordError
from afterword.store import migrations
from afterword.store.encoded import EncodedTable, RecordMoved, Slice
from afterword.store.lock import WriterLock
from afterword.store.migrations import INTERVIEWS
from afterword.store.storage import DatabaseUnreadable, SafeStorage

Doc = dict[str, Any]
SETTLE_SECONDS = 1.0  # how long a file that does not read is given before it is set aside


class NotFound(AfterwordError):
    """No record matches the id (or prefix) the user gave, or more than one does."""


class DamagedRecord(AfterwordError):
    """A record in the database file does not follow the format (edited by hand?)."""


@dataclass
class Saved:
    """What one save wrote: the interview as it is now in the file (merged with another
    writer's change when ``merged``) and the conflicts the merge found."""

    interview: Interview
    merged: bool = False
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False  # not saved: another writer deleted it, and this one changed nothing


class Repository:
    """Interviews stored in one database file."""

    def __init__(
        self,
        storage: SafeStorage,
        lock: WriterLock | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.storage = storage
        self.lock = lock
        self.now = now or _now
        self._turns = 0  # how deep in `_turn` (the lock is taken by the outermost)
        # interview id -> the record as this writer had it before the last sync took in
        # another writer's (None: it had none): the base of a change made before the sync
        self._replaced: dict[str, Doc | None] = {}
        # a caller that passes every change's base (the app) needs none of them kept
        self.remember_bases = True
        # interview id -> the record as another writer left it (None: deleted), since the
        # last `take_outside`: what the app shows as changed elsewhere
        self.outside: dict[str, Doc | None] = {}
        # the stat of a file not taken in (a newer Afterword's) and why: not read again
        self._refused: tuple[tuple[int, ...] | None, DatabaseUnreadable] | None = None
        # interview id -> doc id; built when first needed (or by `interviews()`, which reads
        # every record anyway): reading 10,000 records only for their ids is a parse's time
        self._ids: dict[str, int] | None = None
        self._next_doc_id: int | None = None
        # follow-up and draft id -> the interview holding it; built at the first write
        self._item_owners: dict[str, str] | None = None

    @classmethod
    def open(
        cls, path: Path, *, read_only: bool = False, now: Callable[[], datetime] | None = None
    ) -> Repository:
        """Open ``path`` (a writer takes the lock while it reads, in case it migrates the file).

        A symlinked ``path`` is followed once, here: the lock, the file and its neighbours are
        the real file's, so a writer through the link and one through the real path exclude
        each other."""
        path = Path(os.path.realpath(path))
        if read_only:
            return cls(SafeStorage(path, read_only=True), now=now)
        lock = WriterLock(path)
        with lock:  # reading may migrate an older file, which writes it
            storage = SafeStorage(path)
        return cls(storage, lock, now)

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.storage.path

    def _raw(self) -> Mapping[str, dict[str, Any]]:
        table: Mapping[str, dict[str, Any]] = self.storage.read().get(INTERVIEWS, {})
        return table

    def _writable(self) -> tuple[dict[str, Any], EncodedTable]:
        """The storage's data and its interviews table (made if the file has none yet)."""
        data = self.storage.read()
        table = data.get(INTERVIEWS)
        if not isinstance(table, EncodedTable):
            table = data[INTERVIEWS] = EncodedTable(table or {})
        return data, table

    @property
    def _doc_ids(self) -> dict[str, int]:
        if self._ids is None:
            self._ids = {
                str(doc.get("id")): int(doc_id)
                for doc_id, doc in self._raw().items()
                if "id" in doc
            }
        return self._ids

    def _new_doc_id(self, table: Mapping[str, object]) -> int:
        """The next doc id, as TinyDB numbers them: one more than the highest ever used here."""
        if self._next_doc_id is None:
            self._next_doc_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
        doc_id = self._next_doc_id
        self._next_doc_id += 1
        return doc_id

    def _convert(self, doc: dict[str, Any]) -> Interview:
        try:
            return interview_from_dict(doc)
        except RecordError as error:
            name = doc.get("company") or doc.get("id") or "?"
            raise DamagedRecord(
                f"The interview {name!r} in {self.path} is damaged ({error}); "
                "restore a backup with `afterword restore` or mend the file by hand."
            ) from None

    # -- reading

    def __len__(self) -> int:
        return len(self._raw())

    def interviews(self) -> list[Interview]:
        """Every interview, in the order they were added (fresh objects: the storage keeps
        only where the records' text is)."""
        return [interview for interview, _ in self.walk()]

    def walk(self) -> Iterator[tuple[Interview, bytes | Slice | None]]:
        """Every interview in the order they were added, one at a time, with where its text
        is (``EncodedTable.locator``): for a reader that keeps only a little of each."""
        ids: dict[str, int] = {}
        owners: dict[str, str] = {}
        table = self._raw()
        for doc_id, doc in table.items():
            where = table.locator(doc_id) if isinstance(table, EncodedTable) else None
            yield self._convert(doc), where
            if "id" in doc:
                ids[str(doc.get("id"))] = int(doc_id)
            for item in _items_of(doc):
                owners.setdefault(str(item["id"]), str(doc.get("id")))
        self._replaced.clear()  # each read as it is now: the base of a change made on it
        # the index and the owners, read on the way (each record is decoded only once)
        if self._ids is None:
            self._ids = ids
        if self._item_owners is None:
            self._item_owners = owners

    def locators(self) -> dict[str, bytes | Slice | None]:
        """Interview id -> where its text is as this writer last read or saved it (a Slice:
        readable from any thread for as long as it is held), or None for one changed since
        and not saved yet."""
        table = self._raw()
        if not isinstance(table, EncodedTable):
            return dict.fromkeys(self._doc_ids)
        return {ident: table.locator(str(doc_id)) for ident, doc_id in self._doc_ids.items()}

    def ids(self) -> set[str]:
        return set(self._doc_ids)

    def item_ids(self) -> set[str]:
        """The ids of every follow-up and draft in the database."""
        return set(self._owners())

    def get(self, interview_id: str) -> Interview:
        doc_id = self._doc_ids.get(interview_id)
        if doc_id is None:
            raise NotFound(f"No interview has the id {interview_id!r}.")
        self._replaced.pop(interview_id, None)  # read as it is now: the base of a change
        return self._convert(self._raw()[str(doc_id)])

    def find(self, prefix: str) -> Interview:
        """The interview whose id starts with ``prefix`` (it must be the only one)."""
        return self.get(_unique(prefix, self._doc_ids, "interview"))

    def find_either(self, prefix: str) -> tuple[Interview, FollowUp | None]:
        """The interview whose id starts with ``prefix``, else the follow-up's (with its
        interview): `draft` and `proofread` take either id. An interview comes first."""
        if any(i.startswith(prefix.strip()) for i in self._doc_ids) or not prefix.strip():
            return self.find(prefix), None
        try:
            return self.find_follow_up(prefix)
        except NotFound as error:
            if "matches" in str(error):
                raise
            raise NotFound(
                f"No interview or follow-up has an id starting with {prefix.strip()!r}."
            ) from None

    def find_follow_up(self, prefix: str) -> tuple[Interview, FollowUp]:
        """The follow-up whose id starts with ``prefix``, with its interview.

        Open follow-ups come first: a prefix that fits one open item and some done ones means
        the open one. Only when no open item fits are the done and cancelled ones searched.
        """
        owners: dict[str, str] = {}
        open_ids: set[str] = set()
        for doc in self._raw().values():
            for item in doc.get("follow_ups") or ():
                if isinstance(item, dict) and str(item.get("id", "")).startswith(prefix):
                    owners[str(item["id"])] = str(doc.get("id"))
                    if item.get("done_at") is None and not item.get("cancelled"):
                        open_ids.add(str(item["id"]))
        follow_up_id = _unique(prefix, open_ids or owners, "follow-up")
        interview = self.get(owners[follow_up_id])
        return interview, next(f for f in interview.follow_ups if f.id == follow_up_id)

    # -- writing

    def refresh_agenda(self) -> None:
        """Rewrite the small derived file that `afterword today` reads (off the save path)."""
        from afterword.store import agenda

        agenda.write(self.path, agenda.derive(self.storage.read()))

    # -- turns: one writer at a time, each on the file as it is now

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """Hold the lock (the outermost turn takes it) and the file as it is now: another
        writer's save since this one read it is taken in first. Records a sync kept that the
        file lacks are written at the end of the turn if its own change did not write them."""
        outermost = self._turns == 0
        if outermost:
            if self.lock is None:
                raise RuntimeError("a change to a database opened read-only")
            self.lock.acquire()
        self._turns += 1
        try:
            if outermost:
                self._sync()
            yield
            if outermost and self.storage.holds_unsaved:  # the turn's own change wrote nothing
                self.storage.write(self.storage.read())
        except RecordMoved:
            if outermost:  # what is held could not be read back: the file, read again
                self.storage.reread()
                self._ids = self._item_owners = None
                self._next_doc_id = None
            raise
        finally:
            self._turns -= 1
            if outermost:
                self.lock.release()  # type: ignore[union-attr]

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes in one turn and one save; an error inside drops them all."""
        with self._turn(), self.storage.batch():
            yield

    def refresh(self) -> dict[str, Doc | None]:
        """Take in another writer's save, if there was one since this one read or wrote the
        file; returns what it changed (as ``take_outside``)."""
        if self.storage.holds_unsaved or self.storage.changed_on_disk():  # (a failed write-back)
            saves = self.storage.saves
            with self._turn():
                pass  # the turn takes the file in, and writes back what it lacked
            if self.storage.saves != saves:
                with contextlib.suppress(OSError):
                    self.refresh_agenda()
        return self.take_outside()

    def take_outside(self) -> dict[str, Doc | None]:
        """Interview id -> the record as another writer left it (None: deleted), for each
        record another writer changed since the last call."""
        outside, self.outside = self.outside, {}
        return outside

    def _sync(self) -> None:
        """Under the lock: when the file on disk is not the one this writer last read or
        wrote, take it in. A later save (``_follows``) wins where this writer made no change
        since (its changes come after, merged by the caller); a copy branched off before, or
        a file of another history, is merged with this one record by record without a base,
        so neither side is lost (and ``storage.holds_unsaved`` until it is written)."""
        storage = self.storage
        if not storage.changed_on_disk():
            return
        if self._refused is not None and self._refused[0] == storage.disk_stat():
            raise self._refused[1]  # the same file as last time: not read again
        try:
            stat, theirs = self._read_theirs()
        except DatabaseUnreadable as error:
            if error.kind != "content":  # a newer Afterword's, or not readable now: no write
                # kept without its frames (they hold the copy of the file being read)
                self._refused = (storage.disk_stat(), error.with_traceback(None))
                raise
            # broken behind our back (edited by hand?): kept under another name, and the
            # copy this writer holds (the last good file and its changes) written in its place
            aside = storage.set_aside_broken(self.now())
            if aside is not None:
                storage.warnings.append(
                    f"{error.path} was changed by something else and no longer reads; it is "
                    f"kept as {aside}, and the database as this Afterword had it is written "
                    "in its place."
                )
            storage.holds_unsaved = True
            return
        self._refused = None
        mine = storage.read()
        ours_meta = migrations.meta(mine)
        later = _follows(ours_meta, migrations.meta(theirs), storage.stamp)
        if not later and storage.stamp is not None:  # the next save follows both histories
            storage.merged_from += [*_history(ours_meta), storage.stamp]
        mine_table = mine.get(INTERVIEWS)
        mine_table = mine_table if isinstance(mine_table, EncodedTable) else EncodedTable()
        table = theirs.get(INTERVIEWS)
        if not isinstance(table, EncodedTable):
            table = theirs[INTERVIEWS] = EncodedTable(table or {})
        # a record whose text this writer holds too is the same record: not decoded
        ident_of = {str(doc_id): ident for ident, doc_id in self._doc_ids.items()}
        same: dict[tuple[int, int], str] = {}  # the text's length and CRC-32 -> our doc id
        for doc_id in mine_table:
            mark = mine_table.fingerprint(doc_id)
            if mark is not None and doc_id in ident_of:
                same[mark] = doc_id
        ids: dict[str, int] = {}
        changed: dict[str, Doc] = {}
        for doc_id in table:
            mark = table.fingerprint(doc_id)
            mine_id = same.get(mark) if mark is not None else None
            if mine_id is not None and mine_table.same_text(mine_id, table, doc_id):
                ident = ident_of[mine_id]
            else:
                doc = table[doc_id]
                ident = str(doc.get("id"))
                changed[ident] = doc
            ids[ident] = int(doc_id)
        gone = [ident for ident in self._doc_ids if ident not in ids]
        now = self.now()
        for ident, doc in changed.items():
            before = self._record(ident)
            if before is not None:
                self._forget_items(before)
            self._remember_items(doc)
            if before is not None and not later:  # no base: both kept, differences conflicts
                merged = merge_record(None, before, doc, now).record
                if merged is not None and merged != doc:
                    table[str(ids[ident])] = merged
                    storage.holds_unsaved = True
                    doc = merged
            self._note_replaced(ident, before)
            if doc != before:
                self.outside[ident] = doc
        next_id = max((int(k) for k in table if k.isdigit()), default=0) + 1
        for ident in gone:
            before = self._record(ident)
            if later:
                self._note_replaced(ident, before)
                self.outside[ident] = None
                if before is not None:
                    self._forget_items(before)
            elif before is not None:  # not in a file of another history: kept
                table[str(next_id)] = before
                ids[ident] = next_id
                next_id += 1
                storage.holds_unsaved = True
        # what was derived from a record (its agenda items) holds for the same bytes
        table.carry_memo(
            mine_table, {str(ids[i]): str(d) for i, d in self._doc_ids.items() if i in ids}
        )
        storage.adopt(stat, theirs)
        self._ids = ids  # the owners of follow-ups and drafts were kept in step above
        self._next_doc_id = None

    def _read_theirs(self) -> tuple[tuple[int, ...] | None, dict[str, Any]]:
        """The file on disk, read; one that does not read is read again a second later (a
        tool that writes in place may be half-way), and only then given up on."""
        try:
            return self.storage.read_disk()
        except DatabaseUnreadable as error:
            if error.kind != "content":
                raise
        time.sleep(SETTLE_SECONDS)
        return self.storage.read_disk()

    def _note_replaced(self, ident: str, before: Doc | None) -> None:
        """Keep the record as this writer had it, before another's save replaced it: the base
        of a change made on the copy read before (until this writer reads or saves it)."""
        if self.remember_bases and ident not in self._replaced:
            self._replaced[ident] = before

    def _record(self, ident: str) -> Doc | None:
        """The record of ``ident`` as this writer holds it now (None: none)."""
        doc_id = self._doc_ids.get(ident)
        return None if doc_id is None else self._raw()[str(doc_id)]

    def _base(self, ident: str, base: Interview | None) -> Doc | None:
        """The version a change of ``ident`` was made on: the caller's ``base``, else the
        record as this writer had it before a sync this turn, else as it has it now."""
        if base is not None:
            return interview_to_dict(base)
        if ident in self._replaced:
            return self._replaced[ident]
        return self._record(ident)

    # -- writing

    def save(
        self, interview: Interview, *, base: Interview | None = None, undelete: bool = False
    ) -> Saved:
        """Add or replace one interview: one turn, one atomic save.

        ``base`` is the version the change was made on (the app's copy before it); without
        it, the record as this repository read it. When another writer changed the record
        since, the two changes are merged (``domain.merge``); the interview saved, as it is
        now in the file, is returned. ``undelete``: the undo of a delete, put back if it is
        gone (merged with ``base`` if another writer kept it, changed). Replacing a record
        with a different one raises its ``rev`` past the stored one's, on ``interview`` too;
        saving it unchanged leaves it."""
        with self._turn():
            return self._save(interview, base, undelete)

    def _save(self, interview: Interview, base: Interview | None, undelete: bool) -> Saved:
        base_doc = self._base(interview.id, base)
        doc_id = self._doc_ids.get(interview.id)
        self._own_ids(interview)
        doc = interview_to_dict(interview)
        # One record put in the table, without TinyDB's insert or update: they rebuild the
        # whole table (every record decoded); the storage encodes only this one at the save.
        data, table = self._writable()
        stored = None if doc_id is None else table[str(doc_id)]
        saved = Saved(interview)
        self._replaced.pop(interview.id, None)
        if undelete and stored is None:
            base_doc = None  # put back as it was: nothing there to merge with
        if base_doc is not None and (stored is None or not _same_apart_from_rev(stored, base_doc)):
            # another writer changed (or deleted) it since this change's base: merge
            merged = merge_record(base_doc, doc, stored, self.now())
            if merged.record is None:  # deleted there, and not changed here: stays deleted
                return Saved(interview, deleted=True)
            if merged.record != doc:
                doc = merged.record
                saved = Saved(self._convert(doc), merged=True, conflicts=merged.conflicts)
        if stored is not None and not _same_apart_from_rev(stored, doc):
            # past both (a merge set max + 1 already: past the stored one is enough then)
            rev = _rev_of(doc) if saved.merged else max(_rev_of(doc), _rev_of(stored)) + 1
            doc["rev"] = max(rev, _rev_of(stored) + 1)
        saved.interview.rev = interview.rev = _rev_of(doc)
        if doc_id is None:
            new_doc_id = self._new_doc_id(table)
            table[str(new_doc_id)] = doc
            self.storage.write(data)
            self._doc_ids[interview.id] = new_doc_id
            self._remember_items(doc)
            return saved
        assert stored is not None
        self._forget_items(stored)
        table[str(doc_id)] = doc
        self._remember_items(doc)
        self.storage.write(data)
        return saved

    def add_all(self, interviews: Iterable[Interview]) -> int:
        """Add new interviews in one atomic save (all or nothing); returns how many."""
        with self._turn():
            return self._add_all(list(interviews))

    def _add_all(self, interviews: list[Interview]) -> int:
        clash = [i.id for i in interviews if i.id in self._doc_ids]
        if clash:
            raise NotFound(f"The id {clash[0]!r} is in the database already.")
        docs = []
        for interview in interviews:
            self._own_ids(interview)
            docs.append(interview_to_dict(interview))
            self._remember_items(docs[-1])
        data, table = self._writable()
        new_ids = [self._new_doc_id(table) for _ in docs]
        for doc, doc_id in zip(docs, new_ids, strict=True):
            table[str(doc_id)] = doc
        self.storage.write(data)
        for doc, doc_id in zip(docs, new_ids, strict=True):
            self._doc_ids[doc["id"]] = doc_id
        return len(docs)

    def delete(self, interview_id: str, *, base: Interview | None = None) -> Interview | None:
        """Remove one interview and return it (so the caller can offer undo); None when it is
        not removed: another writer deleted it, or changed it since ``base`` (the version
        the caller saw; without it, the one this repository read), so it is kept."""
        with self._turn():
            if interview_id not in self._doc_ids:
                return None
            base_doc = self._base(interview_id, base)
            interview = self.get(interview_id)
            data, table = self._writable()
            doc_id = str(self._doc_ids[interview_id])
            self._replaced.pop(interview_id, None)
            if base_doc is not None and not _same_apart_from_rev(table[doc_id], base_doc):
                return None
            doc, order = table[doc_id], list(table)
            self._forget_items(doc)
            del table[doc_id]
            try:
                self.storage.write(data)
            except BaseException:
                # not deleted: where the storage kept what it held (it holds more than the
                # file), the record goes back in, in its place, so that what it holds stays whole
                _, now = self._writable()
                if doc_id not in now:
                    now[doc_id] = doc
                    now.reorder(order)
                self._remember_items(doc)
                raise
            del self._doc_ids[interview_id]
            return interview

    # -- ids are unique in the database

    def _owners(self) -> dict[str, str]:
        """Follow-up and draft ids -> the id of the interview holding them (the first one, in
        a file from before ids were checked)."""
        if self._item_owners is None:
            owners: dict[str, str] = {}
            for doc in self._raw().values():
                for item in _items_of(doc):
                    owners.setdefault(str(item["id"]), str(doc.get("id")))
            self._item_owners = owners
        return self._item_owners

    def _own_ids(self, interview: Interview) -> None:
        """Give each follow-up and draft of ``interview`` whose id another interview holds (or
        an item before it in this one) a new id. Ids are minted at random (64 bits) wherever
        a record is made; this is the check, at the one door every record comes in by."""
        owners = self._owners()
        seen: set[str] = set()
        items: list[FollowUp | Draft] = [*interview.follow_ups, *interview.drafts]
        for item in items:
            owner = owners.get(item.id)
            if item.id in seen or (owner is not None and owner != interview.id):
                item.id = new_id(_Taken(owners, seen))
            seen.add(item.id)

    def _remember_items(self, doc: dict[str, Any]) -> None:
        if self._item_owners is not None:
            for item in _items_of(doc):
                self._item_owners.setdefault(str(item["id"]), str(doc.get("id")))

    def _forget_items(self, doc: dict[str, Any]) -> None:
        if self._item_owners is not None:
            for item in _items_of(doc):
                if self._item_owners.get(str(item["id"])) == str(doc.get("id")):
                    del self._item_owners[str(item["id"])]


def _follows(ours: Mapping[str, Any], theirs: Mapping[str, Any], stamp: str | None) -> bool:
    """Whether the file of ``theirs`` (its _meta) was saved after the save ``stamp`` this
    writer last read or wrote (``ours``): then its changes are later than ours, and a record
    it changed or deleted where this writer changed nothing is taken as it is there.

    Yes when it names that save among those it follows (a later save, by whoever, or a
    restore), or is that save edited in place by another tool (its _meta as it was). No when
    it is a copy branched off before that save: same lineage and a later generation, but its
    history, long enough to hold our save, does not. A file without a history (an older
    Afterword's) is later when it is of our lineage (or ours has none) and generation."""
    history = theirs.get("history")
    named = history if isinstance(history, list) else None
    if theirs.get("history_at") != theirs.get("generation"):
        named = None  # written by an Afterword that kept no history: it may be stale
    if stamp is not None and (
        stamp in (theirs.get("save"), theirs.get("parent")) or stamp in (named or ())
    ):
        return True
    if ours.get("lineage") not in (None, theirs.get("lineage")):
        return False
    gap = _generation(theirs) - _generation(ours)
    if gap <= 0:
        return False
    # a history too short to reach back to our save cannot tell: the generation does
    return named is None or stamp is None or len(named) < gap


def _history(meta: Mapping[str, Any]) -> list[str]:
    kept = meta.get("history")
    return [h for h in kept if isinstance(h, str)] if isinstance(kept, list) else []


def _generation(meta: Mapping[str, Any]) -> int:
    value = meta.get("generation", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _now() -> datetime:
    """When a merge found a conflict, for a caller that gave no clock (local, naive)."""
    return datetime.now().replace(microsecond=0)


def _rev_of(doc: Mapping[str, Any]) -> int:
    rev = doc.get("rev")
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else 0


class _Taken:
    """Ids in either of two collections (without copying the big one)."""

    def __init__(self, *parts: Container[str]) -> None:
        self.parts = parts

    def __contains__(self, candidate: object) -> bool:
        return any(candidate in part for part in self.parts)


def _same_apart_from_rev(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return {**one, "rev": None} == {**other, "rev": None}


def _items_of(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for key in ("follow_ups", "drafts"):
        for item in doc.get(key) or ():
            if isinstance(item, dict) and "id" in item:
                yield item


def _unique(prefix: str, ids: Iterable[str], what: str) -> str:
    prefix = prefix.strip()
    if not prefix:
        raise NotFound(f"Give the {what}'s id (or the first few characters of it).")
    matches = sorted(i for i in ids if i.startswith(prefix))
    if not matches:
        raise NotFound(f"No {what} has an id starting with {prefix!r}.")
    if len(matches) > 1 and prefix not in matches:
        shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
        raise NotFound(f"{prefix!r} matches {len(matches)} {what}s ({shown}); type more of the id.")
    return prefix if prefix in matches else matches[0]
