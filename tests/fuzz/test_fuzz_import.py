"""Fuzzing `afterword import`: JSON documents (valid, mutated, broken) and invitation files.

Every run ends in one of two ways. Success: exit 0, and the database parses and holds what it
held plus every imported record. Failure: exit 2, one sentence on stderr, and the database file
byte for byte as it was (nothing of a failed import is written). A dry run never writes.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from afterword.domain.model import (
    DIRECT_CONTACT,
    DRAFT_STATES,
    FOLLOW_UP_KINDS,
    INTEREST,
    STATUSES,
)
from afterword.domain.records import interview_to_dict
from afterword.domain.words import plural
from afterword.exchange.json_file import dumps
from afterword.store.repository import Repository
from tests.fuzz import hostile
from tests.fuzz.helpers import (
    Run,
    assert_clear_error,
    base_bytes,
    base_interviews,
    fresh_database,
    imported,
    run_cli,
)
from tests.fuzz.profiles import FUZZ, HEAVY

NOW = datetime(2026, 11, 25, 9, 0)
BASE_IDS = {i.id for i in base_interviews()}
MARK = "\x01raw-json\x01"

iso = hostile.moments.map(datetime.isoformat)
ids = st.text("0123456789abcdef", min_size=8, max_size=8)
person = st.fixed_dictionaries(
    {"name": hostile.nonblank(hostile.field())},
    optional={
        "title": hostile.text(),
        "email": hostile.text(),
        "pronouns": hostile.finite_json_values,
    },
)
recruiter = st.fixed_dictionaries(
    {"name": hostile.nonblank(hostile.text())},
    optional={
        "agency": hostile.text(),
        "email": hostile.text(),
        "phone": hostile.text(),
        "direct_contact": st.sampled_from(DIRECT_CONTACT),
    },
)
debrief = st.fixed_dictionaries(
    {},
    optional={
        **{
            key: hostile.field()
            for key in ("tone", "focus", "went_well", "went_poorly", "next_steps", "notes")
        },
        "decision_by": hostile.moments.map(lambda d: d.date().isoformat()),
        "still_interested": st.sampled_from(INTEREST),
        "remember": hostile.text(),
    },
)
follow_up = st.fixed_dictionaries(
    {"kind": st.sampled_from(FOLLOW_UP_KINDS), "due": iso},
    optional={
        "title": hostile.text(),
        "done_at": st.one_of(st.none(), iso),
        "cancelled": st.booleans(),
        "person": hostile.text(),
    },
)
draft = st.fixed_dictionaries(
    {},
    optional={
        "template": hostile.text(),
        "to": st.lists(hostile.text(), max_size=2),
        "subject": hostile.text(),
        "body": hostile.field(),
        "state": st.sampled_from(DRAFT_STATES),
        "sent_at": st.one_of(st.none(), iso),
    },
)
interview = st.fixed_dictionaries(
    {"company": hostile.nonblank(hostile.field()), "when": iso},
    optional={
        "role": hostile.field(),
        "stage": hostile.text(),
        "where": hostile.text(),
        "interviewers": st.lists(person, max_size=3),
        "recruiter": st.one_of(st.none(), recruiter),
        "debrief": debrief,
        "status": st.sampled_from(STATUSES),
        "follow_ups": st.lists(follow_up, max_size=3),
        "drafts": st.lists(draft, max_size=2),
        "x-unknown": hostile.finite_json_values,
    },
)


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Documents of the data format, any text in the fields, unique ids where given."""
    records = draw(st.lists(interview, max_size=4))
    given_ids = draw(st.lists(ids, min_size=len(records), max_size=len(records), unique=True))
    for record, ident in zip(records, given_ids, strict=True):
        if ident[0] in "01234567" and ident not in BASE_IDS:
            record["id"] = ident
    stamp = NOW.isoformat()
    return {"format": "afterword", "version": 1, "exported_at": stamp, "interviews": records}


def _paths(value: object, here: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path to a value inside a JSON document (the root is ``()``)."""
    found = [here]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*here, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*here, index))
    return found


def _any_json(document: object) -> str:
    """JSON text as ``dumps`` writes it (UTF-8, lone surrogates escaped), but NaN and infinities
    written as Python's json does: an import must refuse them."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    """A valid document with one to three values replaced, removed, or made raw JSON text."""
    document: Any = draw(valid_documents())
    raws: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(document)))
        how = draw(st.sampled_from(["value", "delete", "raw"]))
        replacement: object = draw(hostile.json_values) if how == "value" else MARK
        if how == "raw":
            raws.append(draw(st.sampled_from(hostile.RAW_JSON)))
        if not path:
            document = replacement
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if how == "delete":
            del parent[path[-1]]
        else:
            parent[path[-1]] = replacement
    text = _any_json(document)
    for raw in raws:
        text = text.replace(json.dumps(MARK), raw, 1)
    return text


broken_texts = st.one_of(
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    st.sampled_from(hostile.RAW_JSON),
    st.sampled_from(['{"interviews": ', '{"interviews": []', "\ufeff", "", " \n"]).flatmap(
        lambda head: hostile.text().map(lambda tail: head + tail)
    ),
)


def _import(text: str | bytes, *, dry_run: bool, name: str = "import.json") -> tuple[Run, bool]:
    """Import ``text`` into a fresh copy of the base database; (the run, database unchanged)."""
    with fresh_database() as db:
        source = db.parent.parent / name
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        source.write_bytes(data)
        run = run_cli(["--db", str(db), "import", str(source), *(["--dry-run"] if dry_run else [])])
        unchanged = db.read_bytes() == base_bytes()
        if run.code == 0 and not dry_run:
            _check_holds(db, text, run)
    return run, unchanged


def _check_holds(db: Any, text: str | bytes, run: Run) -> None:
    """After an import: the file parses and holds the base records and every imported one."""
    with Repository.open(db, read_only=True) as repo:
        stored = {i.id: i for i in repo.interviews()}
    assert set(stored) >= BASE_IDS
    for original in base_interviews():
        assert interview_to_dict(stored[original.id]) == interview_to_dict(original)
    if isinstance(text, str) and run.out.startswith("Imported "):
        records = json.loads(text)["interviews"]
        assert len(stored) == len(BASE_IDS) + len(records), run.out
        for raw in records:
            ident = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(ident, str) and ident.strip():
                assert stored[ident.strip()].company == raw["company"]


def _check(run: Run, unchanged: bool, dry_run: bool) -> None:
    assert run.code in (0, 2), run
    if run.code == 2:
        assert_clear_error(run)
        assert unchanged, "a failed import changed the database"
    if dry_run:
        assert unchanged, "a dry run changed the database"


@FUZZ
@given(document=valid_documents(), dry_run=st.booleans())
def test_a_valid_document_imports_whole(document: dict[str, Any], dry_run: bool) -> None:
    """Any text in the fields of a well-formed document: it imports, every record of it."""
    run, unchanged = _import(dumps(document), dry_run=dry_run)
    assert run.code == 0, run
    count = len(document["interviews"])
    expected = "Would import" if dry_run else "Imported"
    assert run.out.startswith(f"{expected} {plural(count, 'interview')}"), run.out
    _check(run, unchanged, dry_run)


@FUZZ
@given(text=mutated_texts(), dry_run=st.booleans())
def test_a_mutated_document_imports_or_says_why(text: str, dry_run: bool) -> None:
    run, unchanged = _import(text, dry_run=dry_run)
    _check(run, unchanged, dry_run)


@FUZZ
@given(text=broken_texts, dry_run=st.booleans())
def test_a_broken_file_is_refused_in_one_sentence(text: str, dry_run: bool) -> None:
    run, unchanged = _import(text, dry_run=dry_run)
    _check(run, unchanged, dry_run)


@HEAVY
@given(document=valid_documents())
def test_export_then_import_round_trips(document: dict[str, Any]) -> None:
    """What an import stored, exported and imported into an empty database, is the same."""
    with imported(document) as db:
        exported = db.parent.parent / "out.json"
        run = run_cli(["--db", str(db), "export", "-o", str(exported)])
        assert run.code == 0, run
        empty = db.parent / "empty.json"
        assert run_cli(["--db", str(empty), "import", str(exported)]).code == 0
        with (
            Repository.open(db, read_only=True) as first,
            Repository.open(empty, read_only=True) as second,
        ):
            before = sorted((interview_to_dict(i) for i in first.interviews()), key=str)
            after = sorted((interview_to_dict(i) for i in second.interviews()), key=str)
    assert len(before) == len(BASE_IDS) + len(document["interviews"])
    # compared as JSON text, as the files are
    assert json.dumps(after, sort_keys=True) == json.dumps(before, sort_keys=True)
