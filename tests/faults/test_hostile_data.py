"""Hostile data on the way in: backups that are not this database's, restores that leave a
stale agenda, ids that collide or carry escape sequences, NaN, and import files too big to
read. Each is one clear line (exit 2, nothing written) or is taken in safely.

Most cases run the command line's own ``main()`` in this process (a subprocess costs half a
second); the review's sequences and the ones that need a fresh process (a memory limit) run
``python -m afterword`` as a user would.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from afterword import files
from afterword.__main__ import main
from afterword.domain import model
from afterword.domain.model import FollowUp
from afterword.store.repository import Repository
from tests.faults.helpers import (
    NOW,
    assert_nothing_lost,
    assert_one_line_error,
    cli_env,
    make_db,
    run_cli,
)

# ---------------------------------------------------------------- helpers


def record(ident: str, company: str, *follow_ups: tuple[str, str]) -> dict[str, Any]:
    """An interview with its own follow-ups: (id, due) each."""
    return {
        "id": ident,
        "company": company,
        "when": "2026-11-20T14:00:00",
        "follow_ups": [
            {"id": fid, "kind": "custom", "title": f"Call {company}", "due": due}
            for fid, due in follow_ups
        ],
    }


def export_file(path: Path, *records: dict[str, Any]) -> Path:
    document = {"format": "afterword", "version": 1, "interviews": list(records)}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run_main(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> subprocess.CompletedProcess[str]:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (backups/ too)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def stored_follow_up_ids(db: Path) -> list[str]:
    with Repository.open(db, read_only=True) as repo:
        return [f.id for i in repo.interviews() for f in i.follow_ups]


# ---------------------------------------------------------------- 8: restore, restore again


@pytest.mark.fault("restore, a change, then restore of the kept-aside file (stale agenda)")
def test_restoring_the_kept_aside_file_shows_its_own_agenda(tmp_path: Path) -> None:
    """The review's sequence: the file put back by the second restore has the lineage and
    generation of the agenda written since (by `done`); `today` must still tell the truth."""
    db = tmp_path / "data" / "afterword.json"
    env = cli_env(tmp_path, db)
    one = export_file(
        tmp_path / "one.json",
        record("alpha", "Acme", ("fa1", "2026-11-23T09:00:00"), ("fa2", "2026-11-25T10:00:00")),
    )
    two = export_file(
        tmp_path / "two.json",
        record("beta", "Beta", ("fb1", "2026-11-23T09:00:00"), ("fb2", "2026-11-25T10:00:00")),
    )
    for source in (one, two):
        assert run_cli(["import", str(source)], env).returncode == 0
    before_import = next((db.parent / "backups").glob("*before-import*"))
    assert run_cli(["restore", str(before_import)], env).returncode == 0
    assert run_cli(["done", "fa1"], env).returncode == 0
    assert run_cli(["today", "--count"], env).stdout == "0 overdue, 1 today\n"
    kept_aside = next(db.parent.glob("afterword.json.replaced-*"))
    restored = run_cli(["restore", str(kept_aside)], env)
    assert restored.returncode == 0, restored.stderr
    # Acme and Beta again, nothing done: fa1 and fb1 overdue, fa2 and fb2 today
    assert run_cli(["today", "--count"], env).stdout == "2 overdue, 2 today\n"
    Path(f"{db}.agenda").unlink()
    assert run_cli(["today", "--count"], env).stdout == "2 overdue, 2 today\n"


@pytest.mark.fault("restore, a change, then restore of the kept-aside file (stale agenda)")
def test_a_database_from_before_save_ids_has_its_agenda_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file an older Afterword wrote has no save id, and beside it an agenda of the same
    lineage and generation that no longer fits: never trusted, always rebuilt."""
    db = tmp_path / "data" / "afterword.json"
    export = export_file(tmp_path / "one.json", record("alpha", "Acme", ("fa1", "2026-11-23")))
    assert run_main(["--db", str(db), "import", str(export)], capsys).returncode == 0
    data = json.loads(db.read_bytes())
    meta = data["_meta"]["1"]
    del meta["save"]
    db.write_text(json.dumps(data, separators=(",", ":")))
    stale = {"version": 1, "lineage": meta["lineage"], "generation": meta["generation"]}
    stale |= {"save": "", "active_interviews": 0, "active_leads": 0, "items": []}
    Path(f"{db}.agenda").write_text(json.dumps(stale))
    for version in (1, 2):  # an agenda of either format, stamped as the old file is
        stale["version"] = version
        Path(f"{db}.agenda").write_text(json.dumps(stale))
        shown = run_main(["--db", str(db), "today", "--count"], capsys)
        assert shown.stdout == "1 overdue, 0 today\n"


# ---------------------------------------------------------------- 9: restore takes only ours


def _shopping(db: Path) -> object:
    return {"shopping": {"1": {"milk": 2}}}


def _newer(db: Path) -> object:
    data = json.loads(db.read_bytes())
    data["_meta"]["1"]["schema"] = 99
    return data


def _damaged(db: Path) -> object:
    data = json.loads(db.read_bytes())
    data["interviews"]["2"]["when"] = "soon"
    return data


def _no_meta(db: Path) -> object:
    data = json.loads(db.read_bytes())
    data["_meta"] = {"1": {"generation": 3}}
    return data


NOT_OURS = {
    "an empty object {}": (lambda db: {}, "holds no Afterword data"),
    "a shopping list": (_shopping, "'shopping'"),
    "a newer schema": (_newer, "newer Afterword (schema 99)"),
    "a damaged record": (_damaged, "record 2"),
    "a _meta without a schema": (_no_meta, "no schema version"),
}


@pytest.mark.fault("restore of a file that is not an Afterword database")
@pytest.mark.parametrize("name", list(NOT_OURS))
def test_restore_refuses_what_is_not_an_afterword_database(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 3)
    spoil, word = NOT_OURS[name]
    candidate = tmp_path / "candidate.json"
    candidate.write_text(json.dumps(spoil(db)))
    before = folder_state(db.parent)
    result = run_main(["--db", str(db), "restore", str(candidate)], capsys)
    line = assert_one_line_error(result, str(candidate), word, "nothing was restored")
    assert line.isprintable()
    assert folder_state(db.parent) == before, "restore wrote something"
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("restore of another database's backup")
def test_restore_of_another_databases_backup_asks_for_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 3)
    other = tmp_path / "elsewhere" / "jobs.json"
    theirs = make_db(other, 2)
    with Repository.open(other) as repo:
        backup = repo.storage.backup_now(reason="test")
    assert backup is not None
    lineage = json.loads(backup.read_bytes())["_meta"]["1"]["lineage"]
    before = folder_state(db.parent)
    refused = run_main(["--db", str(db), "restore", str(backup)], capsys)
    assert_one_line_error(refused, "another database", lineage, str(other), "--force")
    assert folder_state(db.parent) == before
    assert_nothing_lost(db, acknowledged)

    forced = run_main(["--db", str(db), "restore", "--force", str(backup)], capsys)
    assert forced.returncode == 0, forced.stderr
    assert_nothing_lost(db, theirs)
    aside = next(db.parent.glob("afterword.json.replaced-*"))
    assert_nothing_lost(aside, acknowledged)


@pytest.mark.fault("restore of another database's backup")
def test_restore_of_a_backup_of_the_same_database_asks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 3)
    with Repository.open(db) as repo:
        backup = repo.storage.backup_now(reason="test")
        repo.delete(acknowledged[0].id)
    result = run_main(["--db", str(db), "restore", str(backup)], capsys)
    assert result.returncode == 0, result.stderr
    assert_nothing_lost(db, acknowledged)


# ---------------------------------------------------------------- 11: ids that collide


@pytest.fixture
def predictable_ids(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids new_id draws, in order (then random ones again)."""
    queue: list[str] = []

    def source() -> str:
        return queue.pop(0) if queue else model.random_id()

    monkeypatch.setattr(model, "id_source", source)
    yield queue


@pytest.mark.fault("two follow-ups with one id (an import, a mint)")
def test_an_import_with_two_follow_ups_sharing_an_id_keeps_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a 32-bit id did at 20,000 interviews, crafted: two interviews' follow-ups (and a
    draft) share one id, and one is taken by the database already."""
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 2)
    taken = stored_follow_up_ids(db)[0]
    first = record("one", "Acme", ("98c62062", "2026-11-26T09:00:00"))
    second = record("two", "Beta", ("98c62062", "2026-11-27T09:00:00"), (taken, "2026-11-28"))
    second["drafts"] = [{"id": "98c62062", "subject": "Thanks"}]
    source = export_file(tmp_path / "e.json", first, second)
    result = run_main(["--db", str(db), "import", str(source)], capsys)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if "already in use" in line]
    assert len(notes) == 1, result.stdout
    assert notes[0].startswith("3 follow-ups or drafts had an id already in use")
    assert f"(98c62062, {taken})" in notes[0]
    with Repository.open(db, read_only=True) as repo:
        one, two = repo.get("one"), repo.get("two")
        every = [x.id for i in repo.interviews() for x in (*i.follow_ups, *i.drafts)]
    assert len(every) == len(set(every)), "ids are unique in the database"
    assert one.follow_ups[0].id == "98c62062"  # the first keeps its id
    assert [f.due.day for f in two.follow_ups] == [27, 28]
    assert two.drafts[0].subject == "Thanks"
    assert len(two.follow_ups[0].id) == 16


@pytest.mark.fault("two follow-ups with one id (an import, a mint)")
def test_a_minted_id_that_is_taken_is_drawn_again(
    tmp_path: Path, predictable_ids: list[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 2)
    with Repository.open(db) as repo:
        first, second = repo.interviews()
        clash = first.follow_ups[0].id
        # the source gives the taken id first: new_id with what is taken draws again
        predictable_ids += [clash, "00000000000000aa"]
        assert model.new_id({clash}) == "00000000000000aa"
        # a follow-up minted without knowing the database: the repository's save catches it
        predictable_ids += [clash, "00000000000000bb"]
        second.follow_ups.append(FollowUp(kind="custom", due=NOW, title="Extra"))
        assert second.follow_ups[-1].id == clash
        repo.save(second)
    with Repository.open(db, read_only=True) as repo:
        again = repo.get(second.id)
        owner = repo.get(first.id)
    assert again.follow_ups[-1].title == "Extra"
    assert again.follow_ups[-1].id == "00000000000000bb"
    assert owner.follow_ups[0].id == clash  # the one that had it keeps it
    ids = stored_follow_up_ids(db)
    assert len(ids) == len(set(ids))


@pytest.mark.fault("two follow-ups with one id (an import, a mint)")
def test_done_takes_the_prefix_today_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """16-digit ids; today prints the shortest unique prefix (8 characters at least), and
    `done` takes it back, also for two ids alike in their first 8 and 11 digits."""
    db = tmp_path / "data" / "afterword.json"
    source = export_file(
        tmp_path / "e.json",
        record("one", "Acme", ("a1b2c3d4e5f60718", "2026-11-24T09:00:00")),
        record("two", "Beta", ("a1b2c3d4e5f6ffff", "2026-11-24T10:00:00")),
        record("three", "Cato", ("a1b2c3d4ffffffff", "2026-11-24T11:00:00")),
        record("four", "Dune", ("77778888aaaabbbb", "2026-11-24T12:00:00")),
    )
    assert run_main(["--db", str(db), "import", str(source)], capsys).returncode == 0
    shown = run_main(["--db", str(db), "today"], capsys).stdout
    printed = [line.split()[0] for line in shown.splitlines() if "late" in line]
    assert printed == ["a1b2c3d4e5f60", "a1b2c3d4e5f6f", "a1b2c3d4f", "77778888"], shown
    for prefix in printed:
        done = run_main(["--db", str(db), "done", prefix], capsys)
        assert done.returncode == 0, done.stderr
    assert run_main(["--db", str(db), "today", "--count"], capsys).stdout == ""


# ---------------------------------------------------------------- 14: too big to import


def _limit_memory() -> None:
    limit = 1024 * 1024 * 1024  # 1 GB: reading the whole file would fail at once
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.fault("an import file larger than the cap")
def test_an_import_over_the_cap_is_refused_without_reading_it(tmp_path: Path) -> None:
    """A sparse 8 GB file: refused from its size, in a process that could not even hold it."""
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 2)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(8 * 1024**3)
    before = folder_state(db.parent)
    start = time.monotonic()
    result = run_cli(["import", str(huge)], cli_env(tmp_path, db), preexec_fn=_limit_memory)
    assert time.monotonic() - start < 20
    assert_one_line_error(result, str(huge), "8.0 GB", "256 MB", "nothing was imported")
    assert folder_state(db.parent) == before
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("an import file larger than the cap")
@pytest.mark.parametrize("name", ["big.json", "big.ics"])
def test_an_import_over_a_lowered_cap_is_refused(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 1)
    monkeypatch.setattr(files, "IMPORT_CAP", 4096)
    big = tmp_path / name
    with big.open("wb") as handle:
        handle.truncate(4097)
    before = folder_state(db.parent)
    result = run_main(["--db", str(db), "import", str(big)], capsys)
    assert_one_line_error(result, str(big), "larger", "4 KB")
    assert folder_state(db.parent) == before


@pytest.mark.fault("an import file larger than the cap")
def test_a_restore_over_the_cap_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """restore reads its file with the import's cap (a backup is a database, and no database
    is 256 MB): a sparse file over a lowered cap is refused from its size."""
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 1)
    monkeypatch.setattr(files, "IMPORT_CAP", 4096)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(4097)
    before = folder_state(db.parent)
    result = run_main(["--db", str(db), "restore", str(big)], capsys)
    assert_one_line_error(result, str(big), "larger", "4 KB", "nothing was restored")
    assert folder_state(db.parent) == before


NEVER_ENDING = {
    "zero.json": "a device",  # a link to /dev/zero: read to the end, it never ends
    "zero.ics": "a device",
    "zero": "a device",  # no suffix: looked into for BEGIN:VCALENDAR first
    "pipe.json": "a pipe",  # nobody writes to it: opening it to read waits for ever
    "pipe": "a pipe",
}


@pytest.mark.fault("an import file that never ends (/dev/zero, a pipe)")
@pytest.mark.parametrize("name", list(NEVER_ENDING))
def test_an_import_of_a_link_to_dev_zero_or_a_pipe_is_refused(tmp_path: Path, name: str) -> None:
    """In a real process with 1 GB of memory and a timeout, so that a regression fails
    instead of eating the machine or hanging the run."""
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 1)
    path = tmp_path / name
    if name.startswith("zero"):
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    before = folder_state(db.parent)
    result = run_cli(["import", str(path)], cli_env(tmp_path, db), preexec_fn=_limit_memory)
    assert_one_line_error(result, str(path), NEVER_ENDING[name], "not a file")
    assert folder_state(db.parent) == before


@pytest.mark.fault("an import file larger than the memory there is")
def test_running_out_of_memory_on_import_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 1)
    source = export_file(tmp_path / "e.json", record("one", "Acme"))

    def no_memory(*args: object, **kwargs: object) -> object:
        raise MemoryError

    for target in ("afterword.files.read_capped", "json.loads"):
        with monkeypatch.context() as patch:
            patch.setattr(target, no_memory)
            result = run_main(["--db", str(db), "import", str(source)], capsys)
        assert_one_line_error(result, str(source), "memory", "nothing was imported")


# ---------------------------------------------------------------- 15: NaN and infinities


NON_FINITE = {
    "NaN in an interview's unknown key": (b'"x_extra": NaN', "record 2 (Beta): x_extra: NaN"),
    "Infinity in a follow-up": (
        b'"follow_ups": [{"kind": "custom", "due": "2026-11-26", "n": -Infinity}]',
        "record 2 (Beta): follow_ups[0].n: -Infinity",
    ),
    "a number too big for a float": (
        b'"x_size": [1, 1e999]',
        "record 2 (Beta): x_size[1]: 1e999",
    ),
}


@pytest.mark.fault("NaN and Infinity in an import")
@pytest.mark.parametrize("name", list(NON_FINITE))
def test_nan_and_infinity_are_refused_naming_the_record_and_key(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 2)
    fragment, words = NON_FINITE[name]
    good = json.dumps(record("one", "Acme")).encode()
    bad = b'{"company": "Beta", "when": "2026-11-20T14:00:00", ' + fragment + b"}"
    source = tmp_path / "nan.json"
    source.write_bytes(b'{"format": "afterword", "interviews": [' + good + b", " + bad + b"]}")
    before = folder_state(db.parent)
    result = run_main(["--db", str(db), "import", str(source)], capsys)
    assert_one_line_error(result, str(source), words, "RFC 8259", "nothing was imported")
    assert folder_state(db.parent) == before
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("NaN and Infinity in an import")
def test_a_database_holding_nan_from_before_is_saved_as_valid_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older Afterword let NaN in: the file still opens, keeps the value as its text, and
    the next save (and the export) is valid JSON."""
    db = tmp_path / "data" / "afterword.json"
    make_db(db, 1)
    data = json.loads(db.read_bytes())
    doc = next(iter(data["interviews"].values()))
    doc["x_extra"] = float("nan")
    doc["x_big"] = [float("inf")]
    db.write_text(json.dumps(data, separators=(",", ":")))
    item = doc["follow_ups"][0]["id"]
    assert run_main(["--db", str(db), "snooze", item, "fri", "2pm"], capsys).returncode == 0

    def strict(text: str) -> object:
        raise AssertionError(f"{text} written")

    saved = json.loads(db.read_bytes(), parse_constant=strict)
    kept = next(iter(saved["interviews"].values()))
    assert (kept["x_extra"], kept["x_big"]) == ("NaN", ["Infinity"])
    exported = run_main(["--db", str(db), "export"], capsys)
    json.loads(exported.stdout, parse_constant=strict)


# ---------------------------------------------------------------- 16: what an id may hold


HOSTILE_IDS = {
    "ESC and BEL": "x\x1b]0;OWNED\x07\x1b[2J",
    "a slash": "a/b",
    "dot dot": "..",
    "a path": "../../etc/passwd",
}
WHERE = {
    "id": lambda r, v: r.update(id=v),
    "follow_ups[0].id": lambda r, v: r["follow_ups"][0].update(id=v),
    "drafts[0].id": lambda r, v: r.update(drafts=[{"id": v}]),
}


@pytest.mark.fault("an imported id with escape sequences, '/' or '..'")
@pytest.mark.parametrize("field", list(WHERE))
@pytest.mark.parametrize("name", list(HOSTILE_IDS))
def test_an_id_with_more_than_letters_digits_dash_and_underscore_is_refused(
    tmp_path: Path, name: str, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 1)
    bad = record("two", "Beta", ("fb1", "2026-11-26T09:00:00"))
    WHERE[field](bad, HOSTILE_IDS[name])
    source = export_file(tmp_path / "ids.json", record("one", "Acme"), bad)
    before = folder_state(db.parent)
    result = run_main(["--db", str(db), "import", str(source)], capsys)
    line = assert_one_line_error(result, f"record 2 (Beta): {field}: ", "letters, digits")
    assert line.isprintable(), repr(line)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert folder_state(db.parent) == before
    assert_nothing_lost(db, acknowledged)


@pytest.mark.fault("an import file that never ends (/dev/zero, a pipe)")
def test_proofread_of_dev_zero_is_refused_and_a_pipe_is_read(tmp_path: Path) -> None:
    """The same cap for `proofread --file`: a device is refused, a pipe (/dev/stdin) read."""
    db = tmp_path / "data" / "afterword.json"
    interview = make_db(db, 1)[0]
    env = cli_env(tmp_path, db)
    zero = run_cli(
        ["proofread", interview.id, "--file", "/dev/zero"], env, preexec_fn=_limit_memory
    )
    assert_one_line_error(zero, "/dev/zero", "a device")
    piped = subprocess.run(
        [sys.executable, "-m", "afterword", "proofread", interview.id, "--file", "/dev/stdin"],
        input="Subject: Thanks\r\n\r\nDear Dana, thank you.\r\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.returncode in (0, 1), piped.stderr
    assert "Traceback" not in piped.stderr
