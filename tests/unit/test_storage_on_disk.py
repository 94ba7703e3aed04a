"""The records stay on disk: the storage reads the file a chunk at a time into a private copy
and keeps where each record is, never the file's bytes nor its records; a save streams the
file and the records are then read from the new copy. Nothing of this shows in the folder,
and a tool that writes the database in place cannot change what is held."""

from __future__ import annotations

import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.store import encoded
from afterword.store.encoded import Backing, EncodedTable, RecordMoved, Slice, split_file
from afterword.store.repository import Repository
from afterword.store.storage import SafeStorage
from tests.conftest import open_copies
from tests.unit.test_storage_encoded import NOT_OUR_LAYOUT


def table_of(repo: Repository) -> EncodedTable:
    table = repo.storage.read()["interviews"]
    assert isinstance(table, EncodedTable)
    return table


def rows(table: EncodedTable) -> list[Any]:
    return [table._rows[k] for k in table]


def backing_of(text: bytes) -> Backing:
    with tempfile.TemporaryFile() as file:
        file.write(text)
        file.flush()
        return Backing(os.dup(file.fileno()))


def plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(v) if isinstance(v, EncodedTable) else v for k, v in data.items()}


# -- reading a chunk at a time


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize(
    "text",
    [
        '{"interviews": {"1": {"id": "a", "n": [1, 2.5, null]}, "2": {"id": "b"}}, "x": {}}',
        '  {"interviews" : { } , "_meta":{"1":{"schema":1}} }\n',
        '{"_meta": {"1": {"schema": 1, "save": "ab"}}, "interviews": {"12": {"s": "a\\"b\\\\"}}}',
        '{"interviews": {"1": {"n": 1e999, "m": -Infinity, "k": 123456789}}}',
        '{"interviews": {"1": {"a": 1}}, "interviews": {"2": {"b": 2}}}',  # the last one
        "{}",
    ],
)
def test_the_file_reader_agrees_with_json_whatever_the_chunk(
    text: str, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoded, "CHUNK", chunk)
    raw = text.encode("ascii")
    data, crc = split_file(backing_of(raw), len(raw))
    assert data is not None
    assert plain(data) == encoded.loads_database(text)
    assert crc == zlib.crc32(raw)
    table = data.get("interviews")
    if isinstance(table, EncodedTable):
        for doc_id in table:
            if isinstance(table._rows[doc_id], Slice):  # kept as the file's own text
                assert json.loads(table.encoded(doc_id) or b"") == table[doc_id]


@pytest.mark.parametrize(
    "text",
    [*NOT_OUR_LAYOUT, '{"interviews": {"1": {"company": "Zürich"}}}'],  # not ASCII: plain way
)
def test_the_file_reader_leaves_the_rest_to_json(text: str) -> None:
    raw = text.encode("utf-8")
    assert split_file(backing_of(raw), len(raw)) == (None, 0)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    records=st.lists(
        st.dictionaries(
            st.text(st.characters(max_codepoint=126), max_size=6),
            st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.none()),
            max_size=4,
        ),
        max_size=12,
    ),
    chunk=st.integers(min_value=1, max_value=40),
    spaced=st.booleans(),
)
def test_any_database_reads_the_same_in_any_chunks(
    records: list[dict[str, Any]], chunk: int, spaced: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encoded, "CHUNK", chunk)
    data = {"_meta": {"1": {"schema": 1}}, "interviews": {str(i): r for i, r in enumerate(records)}}
    text = json.dumps(data, indent=1 if spaced else None)  # ASCII: non-ASCII escaped
    raw = text.encode("ascii")
    split, crc = split_file(backing_of(raw), len(raw))
    assert split is not None and plain(split) == data and crc == zlib.crc32(raw)


# -- nothing held but where the records are


def test_no_record_is_held_in_memory_after_a_read_or_a_save(stored: Path) -> None:
    with Repository.open(stored) as repo:
        assert all(isinstance(row, Slice) for row in rows(table_of(repo)))
        interview = repo.interviews()[3]
        interview.company = "Changed Ltd"
        repo.save(interview)
        assert all(isinstance(row, Slice) for row in rows(table_of(repo)))
        assert repo.get(interview.id).company == "Changed Ltd"
    with Repository.open(stored, read_only=True) as repo:
        assert repo.get(interview.id).company == "Changed Ltd"


def test_the_private_copies_never_show_in_the_folder(stored: Path) -> None:
    before = sorted(os.listdir(stored.parent))
    with Repository.open(stored) as repo:
        for interview in repo.interviews()[:3]:
            interview.role = "Changed"
            repo.save(interview)
        during = sorted(os.listdir(stored.parent))
    new = [n for n in during if n not in before]
    assert not [n for n in new if n != "backups" and not n.endswith((".lock", ".agenda"))], new


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_each_save_lets_the_copy_before_it_go(stored: Path) -> None:
    with Repository.open(stored) as repo:
        start = open_copies()
        for n in range(8):
            interview = repo.interviews()[n]
            interview.role = f"Changed {n}"
            repo.save(interview)
        assert open_copies() <= start  # one copy held at a time, not one per save


def test_a_tool_writing_the_file_in_place_cannot_change_what_is_held(stored: Path) -> None:
    with Repository.open(stored) as repo:
        before = {i.id: i.company for i in repo.interviews()}
        with open(stored, "r+b") as file:  # in place: same inode, other bytes
            file.write(b"X" * 4096)
        table = table_of(repo)
        assert {repo._convert(table[k]).id: repo._convert(table[k]).company for k in table} == (
            before
        )


def test_a_slice_whose_text_changed_says_so() -> None:
    raw = b'{"a": 1}'
    backing = backing_of(raw)
    piece = Slice(backing, 0, len(raw), zlib.crc32(raw))
    assert piece.read() == raw
    os.pwrite(backing.fd, b'{"a": 2}', 0)
    with pytest.raises(RecordMoved):
        piece.read()


def test_without_a_private_copy_the_records_are_held_in_memory(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    with Repository.open(stored) as repo:
        assert all(isinstance(row, bytes) for row in rows(table_of(repo)))
        interview = repo.interviews()[0]
        interview.company = "Saved anyway"
        repo.save(interview)
    with Repository.open(stored, read_only=True) as repo:
        assert repo.get(interview.id).company == "Saved anyway"


def test_the_saved_file_is_what_a_whole_encode_would_write(stored: Path) -> None:
    with Repository.open(stored) as repo:
        interview = repo.interviews()[1]
        interview.stage = "Onsite"
        repo.save(interview)
        storage = repo.storage
        assert stored.read_bytes() == b"".join(storage._chunks(storage._pieces(), {}))
    assert SafeStorage(stored, read_only=True).read()["interviews"]


def test_the_hourly_backup_of_our_own_file_is_copied_not_parsed(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import afterword.store.storage as storage_module

    def parse(payload: bytes) -> bool:
        raise AssertionError("the file we wrote was read whole and parsed for a backup")

    monkeypatch.setattr(storage_module, "is_database_bytes", parse)
    with Repository.open(stored) as repo:
        repo.storage.backups._newest_time = 0.0  # one is due
        before = stored.read_bytes()
        interview = repo.interviews()[0]
        interview.role = "Backed up first"
        repo.save(interview)
        made = repo.storage.backups.all()
        assert made and made[-1].read_bytes() == before


def test_a_private_copy_that_does_not_fit_on_the_disk_saves_directly(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import afterword.store.storage as storage_module

    def full(fd: int, pieces: Any) -> None:
        next(iter(pieces))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module, "write_pieces", full)
    with Repository.open(stored) as repo:
        start = open_copies()
        interview = repo.interviews()[2]
        interview.company = "Saved without a copy"
        repo.save(interview)
        assert open_copies() <= start  # the copy that did not fit is let go
        assert repo.get(interview.id).company == "Saved without a copy"
    with Repository.open(stored, read_only=True) as repo:
        assert repo.get(interview.id).company == "Saved without a copy"


def test_a_file_that_no_longer_reads_is_still_seen_as_changed(stored: Path) -> None:
    storage = SafeStorage(stored)
    data = json.loads(stored.read_text())
    data["_meta"]["1"]["schema"] += 1  # a newer Afterword's
    stored.write_text(json.dumps(data))
    with pytest.raises(Exception, match="newer Afterword"):
        storage._load()  # as a reload that raced with the file being replaced
    assert storage.changed_on_disk()  # the next save looks at it (and refuses it)


def test_a_refused_file_holds_no_copy_of_it_open(stored: Path) -> None:
    import gc

    with Repository.open(stored) as repo:
        data = json.loads(stored.read_text())
        data["_meta"]["1"].update(schema=data["_meta"]["1"]["schema"] + 1, save="ab" * 8)
        stored.write_text(json.dumps(data))
        gc.collect()
        start = open_copies()
        for _ in range(3):
            with pytest.raises(Exception, match="newer Afterword"):
                repo.refresh()
        gc.collect()
        assert open_copies() <= start


def test_a_save_with_room_for_the_copy_but_not_the_file_is_written_directly(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import afterword.store.storage as storage_module
    from afterword.store.atomic import FromFile

    real = storage_module.write_atomically

    def tight(path: Path, payload: Any, **how: Any) -> None:
        if isinstance(payload, FromFile):  # the copy fitted; the file beside it does not
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload, **how)

    monkeypatch.setattr(storage_module, "write_atomically", tight)
    with Repository.open(stored) as repo:
        interview = repo.interviews()[4]
        interview.company = "Saved in the room left"
        repo.save(interview)
        assert repo.get(interview.id).company == "Saved in the room left"
        assert not repo.storage.changed_on_disk()
    with Repository.open(stored, read_only=True) as repo:
        assert repo.get(interview.id).company == "Saved in the room left"


def test_a_failed_save_reads_the_file_again_from_the_copy_it_has(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import afterword.store.storage as storage_module

    with Repository.open(stored) as repo:
        made = []
        real_copy = storage_module._private_copy
        monkeypatch.setattr(
            storage_module,
            "_private_copy",
            lambda *a: made.append(1) or real_copy(*a),  # type: ignore[func-returns-value]
        )

        def full(path: Path, payload: Any, **how: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(storage_module, "write_atomically", full)
        before = repo.get(repo.interviews()[0].id).company
        for _ in range(3):
            interview = repo.interviews()[0]
            interview.company = "Never saved"
            with pytest.raises(Exception, match="No space left"):
                repo.save(interview)
        assert made == []  # no new copy of an unchanged file (26 MB each at 10,000)
        assert repo.get(interview.id).company == before


def test_a_reader_of_a_moment_reads_the_file_itself(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import afterword.store.storage as storage_module

    def refuse(*args: object) -> None:
        raise AssertionError("a read-only reader made a private copy")

    monkeypatch.setattr(storage_module, "_private_copy", refuse)
    with Repository.open(stored, read_only=True) as repo:
        assert len(repo.interviews()) == 25
        assert all(isinstance(row, Slice) for row in rows(table_of(repo)))


def test_a_key_of_digits_beyond_ascii_is_saved_as_any_other(stored: Path) -> None:
    data = json.loads(stored.read_text())
    data["interviews"]["\u0661"] = data["interviews"].pop(next(iter(data["interviews"])))
    stored.write_text(json.dumps(data))
    storage = SafeStorage(stored)
    storage.write(storage.read())  # the key is written as JSON, not taken for a doc number
    assert "\u0661" in json.loads(stored.read_text())["interviews"]


def test_a_delete_that_fails_keeps_the_record_in_its_place(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import afterword.store.storage as storage_module

    def full(path: Path, payload: Any, **how: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Repository.open(stored) as repo:
        repo.storage.holds_unsaved = True  # nothing goes back to the file after the failure
        order = [i.id for i in repo.interviews()]
        monkeypatch.setattr(storage_module, "write_atomically", full)
        with pytest.raises(Exception, match="No space left"):
            repo.delete(order[3])
        assert [i.id for i in repo.interviews()] == order
