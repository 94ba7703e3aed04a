"""`afterword import` of a file with every kind of bad record: each is one clear line on stderr,
exit status 2, and the database folder is byte for byte as it was (no half import, no backup,
no temp file). (`--dry-run` reads the file through the same checks and writes nothing at all.)

In each JSON file a good record comes first and the bad one after it, so that writing record by
record would show. The good record carries a huge company name with a NUL in it and unknown
fields: neither is an error on its own (unknown keys are kept on round trip), and the message
naming a record stays one short line all the same.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from afterword.__main__ import main
from afterword.exchange.json_file import export_document
from tests.faults.helpers import (
    NOW,
    assert_nothing_lost,
    assert_one_line_error,
    cli_env,
    fresh_interviews,
    make_db,
    run_cli,
)

pytestmark = pytest.mark.fault("an import file with every kind of bad record")

HUGE = "Huge\x00Corp " + "x" * 2_000_000


def document(bad: Callable[[dict[str, Any]], object]) -> bytes:
    """An export of two new interviews; ``bad`` spoils the second (or returns what replaces
    the whole record)."""
    records = export_document(fresh_interviews(2), NOW)["interviews"]
    first, second = records
    first["company"] = HUGE
    first["debrief"]["notes"] = "y" * 1_000_000
    first["zz_unknown_field"] = {"kept": [1, 2, 3]}
    changed = bad(second)
    records[1] = second if changed is None else changed
    doc = {"format": "afterword", "version": 1, "exported_at": NOW.isoformat()}
    return json.dumps({**doc, "interviews": records}).encode("utf-8")


def setting(key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def spoil(record: dict[str, Any]) -> None:
        record[key] = value

    return spoil


def removing(key: str) -> Callable[[dict[str, Any]], None]:
    def spoil(record: dict[str, Any]) -> None:
        del record[key]

    return spoil


def inside(part: str, key: str, value: object) -> Callable[[dict[str, Any]], None]:
    def spoil(record: dict[str, Any]) -> None:
        target = record[part][0] if isinstance(record[part], list) else record[part]
        target[key] = value

    return spoil


# name -> (how the second record is spoilt, a word the message must hold)
JSON_CASES: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "missing company": (removing("company"), "company"),
    "missing when": (removing("when"), "when"),
    "interviewers not a list": (setting("interviewers", "Dana"), "interviewers"),
    "company a number": (setting("company", 42), "company"),
    "status unknown": (setting("status", "maybe"), "status"),
    "when not a date": (setting("when", "2026-13-45T25:00"), "when"),
    "when a number": (setting("when", 20261124), "when"),
    "decision_by not a date": (inside("debrief", "decision_by", "next week"), "decision_by"),
    "follow-up due not a date": (inside("follow_ups", "due", "soon"), "due"),
    "draft state unknown": (inside("drafts", "state", "lost"), "state"),
    "record not an object": (lambda record: ["not", "a", "record"], "record 2"),
    "a NUL in a date": (setting("when", "2026-11-24\x00T14:00"), "when"),
    "an id that is not text": (setting("id", ["a"]), "id"),
}


def other_files(first: dict[str, Any]) -> dict[str, tuple[str, bytes, str]]:
    """Files bad as a whole (not per record)."""
    good = json.dumps({"format": "afterword", "version": 1, "interviews": [first]})
    dup = json.dumps({"format": "afterword", "version": 1, "interviews": [first, first]})
    return {
        "not JSON": ("export.json", good.encode()[:-40], "not valid JSON"),
        "a NUL byte in the file": (
            "export.json",
            good.encode().replace(b": ", b":\x00", 1),
            "JSON",
        ),
        "not UTF-8": ("export.json", "Café".encode("latin-1"), "UTF-8"),
        "empty": ("export.json", b"", "empty"),
        "top level a list": ("export.json", json.dumps([first]).encode(), "not an Afterword"),
        "top level a string": ("export.json", b'"afterword"', "not an Afterword"),
        "no interviews list": ("export.json", b'{"format": "afterword", "version": 1}', "list"),
        "another format": (
            "export.json",
            good.replace('"afterword"', '"other"').encode(),
            "format",
        ),
        "a newer version": (
            "export.json",
            good.replace('"version": 1', '"version": 99').encode(),
            "newer",
        ),
        "duplicate ids": ("export.json", dup.encode(), "twice"),
        "nested too deeply": ("export.json", b"[" * 100_000 + b"]" * 100_000, "deeply"),
        "a broken .ics (no event)": (
            "invite.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
            "event",
        ),
        "a broken .ics (bad start, cut off)": (
            "invite.ics",
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nSUMMARY:Interview at Acme\r\n",
            "invite.ics",
        ),
        "a broken .ics (binary)": ("invite.ics", bytes(range(256)) * 8, "invite.ics"),
        "a CSV file (there is no CSV import)": (
            "interviews.csv",
            b'company,role\nAcme,"unterminated\n',
            "interviews.csv",
        ),
    }


def folder_state(db: Path) -> dict[str, bytes]:
    """Every file of the database's folder (backups too), with its bytes; the lock file's
    content is the pid of its last holder."""
    return {
        str(p.relative_to(db.parent)): b"" if p.suffix == ".lock" else p.read_bytes()
        for p in sorted(db.parent.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Every bad file, written once: name -> (path, a word its message must hold)."""
    folder = tmp_path_factory.mktemp("imports")
    made: dict[str, tuple[Path, str]] = {}
    for number, (name, (spoil, word)) in enumerate(JSON_CASES.items()):
        path = folder / f"json-{number}.json"
        path.write_bytes(document(spoil))
        made[name] = (path, word)
    first = export_document(fresh_interviews(1), NOW)["interviews"][0]
    for number, (name, (file_name, data, word)) in enumerate(other_files(first).items()):
        path = folder / f"other-{number}-{file_name}"
        path.write_bytes(data)
        made[name] = (path, word)
    return made


ICS = "a broken .ics invitation"


def marks(name: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.fault(ICS)] if ".ics" in name else []


NAMES = [
    pytest.param(name, marks=marks(name)) for name in [*JSON_CASES, *other_files({"company": "x"})]
]


@pytest.mark.parametrize("name", NAMES)
def test_a_bad_import_is_one_line_exit_2_and_changes_nothing(
    tmp_path: Path,
    cases: dict[str, tuple[Path, str]],
    name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command line's own main(), in this process (a subprocess each would cost half a
    second apiece); the last test runs one of them as a real process."""
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 3)
    before = folder_state(db)
    source, word = cases[name]
    capsys.readouterr()
    code = main(["import", str(source), "--db", str(db)])
    out, err = capsys.readouterr()
    line = assert_one_line_error(subprocess.CompletedProcess([], code, out, err), word)
    assert line.isprintable() and len(line) < 600, repr(line[:600])
    assert "xxxxxxxxxx" not in line  # the huge text is never echoed whole
    assert out == "", out
    assert folder_state(db) == before, "the database folder changed"
    assert_nothing_lost(db, acknowledged)


def test_the_good_record_alone_imports_with_its_huge_text_and_unknown_fields(
    tmp_path: Path, cases: dict[str, tuple[Path, str]]
) -> None:
    """The control: what every bad file's first record holds is fine on its own."""
    db = tmp_path / "data" / "afterword.json"
    acknowledged = make_db(db, 3)
    source = tmp_path / "good.json"
    whole = json.loads(document(lambda record: None))
    whole["interviews"] = whole["interviews"][:1]
    source.write_text(json.dumps(whole), encoding="utf-8")
    done = run_cli(["import", str(source)], cli_env(tmp_path, db))
    assert done.returncode == 0, done.stderr
    stored = assert_nothing_lost(db, acknowledged)
    # and one bad file, in a real process: the same line, exit status 2
    bad, word = cases["interviewers not a list"]
    before = folder_state(db)
    assert_one_line_error(run_cli(["import", str(bad)], cli_env(tmp_path, db)), word)
    assert folder_state(db) == before
    imported = stored[whole["interviews"][0]["id"]]
    assert imported.company == HUGE
    assert imported.extra["zz_unknown_field"] == {"kept": [1, 2, 3]}
