"""The one way the command line and the app read and change interviews.

Behind it: the interviews table of a ``SafeStorage`` (TinyDB's file layout; each record kept
as its JSON bytes, so a save encodes only the record it changes). A writer holds the
database's lock for as long as the repository is open; a reader takes no lock and never
writes.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from afterword.domain.model import Draft, FollowUp, Interview, new_id
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from afterword.errors import AfterwordError
from afterword.store.encoded import EncodedTable
from afterword.store.lock import WriterLock
from afterword.store.migrations import INTERVIEWS
from afterword.store.storage import SafeStorage


class NotFound(AfterwordError):
    """No record matches the id (or prefix) the user gave, or more than one does."""


class DamagedRecord(AfterwordError):
    """A record in the database file does not follow the format (edited by hand?)."""


class Repository:
    """Interviews stored in one database file."""

    def __init__(self, storage: SafeStorage, lock: WriterLock | None = None) -> None:
        self.storage = storage
        self.lock = lock
        # interview id -> doc id; built when first needed (or by `interviews()`, which reads
        # every record anyway): reading 10,000 records only for their ids is a parse's time
        self._ids: dict[str, int] | None = None
        self._next_doc_id: int | None = None
        # follow-up and draft id -> the interview holding it; built at the first write
        self._item_owners: dict[str, str] | None = None

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Repository:
        """Open ``path``; a writer takes the lock first and is refused if another holds it.

        A symlinked ``path`` is followed once, here: the lock, the file and its neighbours are
        the real file's, so a writer through the link and one through the real path exclude
        each other."""
        path = Path(os.path.realpath(path))
        lock = None
        if not read_only:
            lock = WriterLock(path)
            lock.acquire()
        try:
            return cls(SafeStorage(path, read_only=read_only), lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

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
        only the records' bytes)."""
        ids: dict[str, int] = {}
        owners: dict[str, str] = {}
        out = []
        for doc_id, doc in self._raw().items():
            out.append(self._convert(doc))
            if "id" in doc:
                ids[str(doc.get("id"))] = int(doc_id)
            for item in _items_of(doc):
                owners.setdefault(str(item["id"]), str(doc.get("id")))
        # the index and the owners, read on the way (each record is decoded only once)
        if self._ids is None:
            self._ids = ids
        if self._item_owners is None:
            self._item_owners = owners
        return out

    def ids(self) -> set[str]:
        return set(self._doc_ids)

    def item_ids(self) -> set[str]:
        """The ids of every follow-up and draft in the database."""
        return set(self._owners())

    def get(self, interview_id: str) -> Interview:
        doc_id = self._doc_ids.get(interview_id)
        if doc_id is None:
            raise NotFound(f"No interview has the id {interview_id!r}.")
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

    def save(self, interview: Interview) -> None:
        """Add or replace one interview: one atomic save.

        Replacing a record with a different one raises its ``rev`` by one (past the stored
        one's, should that be higher), on ``interview`` too; saving it unchanged leaves it."""
        doc_id = self._doc_ids.get(interview.id)
        self._own_ids(interview)
        doc = interview_to_dict(interview)
        # One record put in the table, without TinyDB's insert or update: they rebuild the
        # whole table (every record decoded); the storage encodes only this one at the save.
        data, table = self._writable()
        if doc_id is None:
            new_doc_id = self._new_doc_id(table)
            table[str(new_doc_id)] = doc
            self.storage.write(data)
            self._doc_ids[interview.id] = new_doc_id
            self._remember_items(doc)
            return
        stored = table[str(doc_id)]
        if not _same_apart_from_rev(stored, doc):
            stored_rev = stored.get("rev")
            if not isinstance(stored_rev, int) or isinstance(stored_rev, bool):
                stored_rev = 0
            interview.rev = max(interview.rev, stored_rev) + 1
            doc["rev"] = interview.rev
        self._forget_items(stored)
        table[str(doc_id)] = doc
        self._remember_items(doc)
        self.storage.write(data)

    def add_all(self, interviews: Iterable[Interview]) -> int:
        """Add new interviews in one atomic save (all or nothing); returns how many."""
        interviews = list(interviews)
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

    def delete(self, interview_id: str) -> Interview:
        """Remove one interview and return it (so the caller can offer undo)."""
        interview = self.get(interview_id)
        data, table = self._writable()
        doc_id = str(self._doc_ids[interview_id])
        self._forget_items(table[doc_id])
        del table[doc_id]
        self.storage.write(data)
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
