"""The storage keeps each record as its JSON bytes: a save encodes only what changed, and the
file stays what TinyDB and every reader of it expect."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from afterword.demo import demo_interviews
from afterword.domain.records import interview_to_dict
from afterword.store import agenda, encoded
from afterword.store.encoded import EncodedTable, split_database
from afterword.store.repository import Repository
from afterword.store.storage import SafeStorage
from tests.conftest import NOW


def strict_loads(payload: bytes) -> Any:
    def refuse(text: str) -> None:
        raise ValueError(f"not JSON: {text}")

    return json.loads(payload, parse_constant=refuse)


def table_of(repo: Repository) -> EncodedTable:
    table = repo.storage.read()["interviews"]
    assert isinstance(table, EncodedTable)
    return table


def test_one_save_encodes_only_the_changed_record(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded_docs: list[object] = []
    real = encoded.dumps_compact

    def counting(value: Any) -> bytes:
        if isinstance(value, dict) and "company" in value:
            encoded_docs.append(value["id"])
        return real(value)

    with Repository.open(stored) as repo:
        interview = repo.interviews()[7]
        interview.debrief.notes = "Only this one changed."
        monkeypatch.setattr(encoded, "dumps_compact", counting)
        repo.save(interview)
    assert encoded_docs == [interview.id]
    with Repository.open(stored, read_only=True) as repo:
        assert repo.get(interview.id).debrief.notes == "Only this one changed."
        assert len(repo) == 25


def test_records_are_held_as_bytes_not_parsed(stored: Path) -> None:
    with Repository.open(stored) as repo:
        assert table_of(repo).changed() == []
        interview = repo.interviews()[0]
        interview.company = "Changed Ltd"
        repo.save(interview)
        assert table_of(repo).changed() == []  # encoded by the save, its dict dropped


def test_the_file_is_the_same_data_as_a_whole_encode(stored: Path) -> None:
    with Repository.open(stored) as repo:
        interview = repo.interviews()[3]
        interview.debrief.notes = "é and “quotes” and a\nnew line"
        repo.save(interview)
        expected = {name: dict(table) for name, table in repo.storage.read().items()}
    payload = stored.read_bytes()
    assert payload.isascii()
    assert strict_loads(payload) == expected
    assert payload == json.dumps(expected, separators=(",", ":")).encode("ascii")
    assert payload.startswith(b'{"_meta":{"1":{')  # `today` reads the stamp from there


def test_tinydb_reads_the_file(stored: Path) -> None:
    with Repository.open(stored) as repo:
        interview = repo.interviews()[2]
        interview.role = "Staff engineer"
        repo.save(interview)
        records = [interview_to_dict(i) for i in repo.interviews()]
    with TinyDB(stored, storage=JSONStorage, access_mode="r") as db:
        assert [dict(doc) for doc in db.table("interviews").all()] == records


def test_a_record_in_another_layout_keeps_its_text_until_it_changes(db_path: Path) -> None:
    docs = [interview_to_dict(i) for i in demo_interviews(NOW)[:3]]
    db_path.parent.mkdir(parents=True)
    db_path.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema": 1, "generation": 4}},
                "interviews": {str(n + 1): doc for n, doc in enumerate(docs)},
            },
            indent=1,
        )
    )
    spaced = json.dumps(docs[0], indent=1).replace("\n", "\n  ")
    assert spaced.encode() in db_path.read_bytes()
    with Repository.open(db_path) as repo:
        interview = repo.get(docs[1]["id"])
        interview.company = "Renamed"
        repo.save(interview)
    payload = db_path.read_bytes()
    assert spaced.encode() in payload  # not re-encoded: same keys, same values, its layout
    data = strict_loads(payload)
    assert data["interviews"]["1"] == docs[0]
    assert data["interviews"]["2"]["company"] == "Renamed"
    assert data["_meta"]["1"]["generation"] == 5


@pytest.mark.parametrize("ascii_file", [True, False])
def test_nan_and_non_ascii_records_are_mended_at_the_next_save(
    db_path: Path, ascii_file: bool
) -> None:
    docs = [interview_to_dict(i) for i in demo_interviews(NOW)[:3]]
    docs[0]["extra"] = float("nan")
    docs[1]["company"] = "Zürich AG"
    db_path.parent.mkdir(parents=True)
    text = json.dumps(
        {"_meta": {"1": {"schema": 1}}, "interviews": {str(n): d for n, d in enumerate(docs)}},
        ensure_ascii=ascii_file,
    )
    db_path.write_bytes(text.encode("utf-8"))
    with Repository.open(db_path) as repo:
        interview = repo.get(docs[2]["id"])
        interview.role = "Other"
        repo.save(interview)
    payload = db_path.read_bytes()
    assert payload.isascii()
    data = strict_loads(payload)
    assert data["interviews"]["0"]["extra"] == "NaN"
    assert data["interviews"]["1"]["company"] == "Zürich AG"


@pytest.mark.parametrize(
    "text",
    [
        '{"interviews": {"1": {"id": "a"}, "1": {"id": "b"}}, "x": {}}',
        '  {"interviews" : { } , "_meta":{"1":{"schema":1}} }\n',
        '{"interviews": {"1": {"n": 1e999, "m": -Infinity}}}',
        '{"interviews": {"1": {"id": "\\u00e9\\ud83d\\ude00"}}}',
        "{}",
    ],
)
def test_the_quick_reader_agrees_with_json(text: str) -> None:
    split = split_database(text)
    assert split is not None
    plain = {k: dict(v) if isinstance(v, EncodedTable) else v for k, v in split.items()}
    assert plain == encoded.loads_database(text)


# not laid out as our saves: each reader leaves them to json, which says what is wrong
NOT_OUR_LAYOUT = [
    '{"interviews": {"1": [1]}}',
    '{"interviews": {"1": {}}',
    '{"interviews": {"1": {}}} x',
    "[]",
    '{"interviews": {"1": {"a": 1,}}}',
]


@pytest.mark.parametrize("text", NOT_OUR_LAYOUT)
def test_the_quick_reader_leaves_the_rest_to_json(text: str) -> None:
    assert split_database(text) is None


def test_the_agenda_after_a_save_decodes_only_the_changed_record(
    stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(stored) as repo:
        data = repo.storage.read()
        agenda.derive(data)
        interview = next(i for i in repo.interviews() if i.follow_ups)
        interview.follow_ups[0].title = "A new title"
        repo.save(interview)
        decoded: list[bytes] = []
        real = encoded.loads_database

        def counting(raw: bytes | str) -> Any:
            decoded.append(raw if isinstance(raw, bytes) else raw.encode())
            return real(raw)

        monkeypatch.setattr(encoded, "loads_database", counting)
        memo = agenda.derive(data)
        assert len(decoded) == 1
        monkeypatch.undo()
        plain = {name: dict(table) for name, table in data.items()}
        assert memo == agenda.derive(plain)
        assert "A new title" in json.dumps(memo)


def test_a_value_json_cannot_hold_fails_the_save_and_changes_nothing(stored: Path) -> None:
    before = stored.read_bytes()
    storage = SafeStorage(stored)
    data = storage.read()
    table = data["interviews"]
    doc = table["1"]
    doc["bad"] = object()
    table["1"] = doc
    with pytest.raises(Exception, match="cannot be written as JSON"):
        storage.write(data)
    assert stored.read_bytes() == before
    assert "bad" not in storage.read()["interviews"]["1"]  # back to what is on disk
