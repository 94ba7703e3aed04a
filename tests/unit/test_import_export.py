"""`afterword import` and `export`: all or nothing, one clear line per fault, lossless."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from afterword.demo import write_demo_database
from tests.conftest import NOW, run_afterword
from tests.unit.test_records import sample


def export(db: Path) -> dict[str, Any]:
    result = run_afterword(["--db", str(db), "export"])
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_export_import_export_gives_the_same_json(tmp_path: Path) -> None:
    first_db = tmp_path / "one.json"
    write_demo_database(first_db, NOW)
    exported = run_afterword(["--db", str(first_db), "export", "-o", str(tmp_path / "x.json")])
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "x.json").stat().st_mode & 0o777 == 0o600
    second_db = tmp_path / "two.json"
    imported = run_afterword(["import", str(tmp_path / "x.json"), "--db", str(second_db)])
    assert imported.returncode == 0, imported.stderr
    assert "Imported 25 interviews" in imported.stdout
    again = run_afterword(["--db", str(second_db), "export"]).stdout
    before = (tmp_path / "x.json").read_text(encoding="utf-8")
    strip = lambda text: [line for line in text.splitlines() if '"exported_at"' not in line]  # noqa: E731
    assert strip(again) == strip(before)
    assert len(json.loads(again)["interviews"]) == 25


def test_unknown_keys_survive_import_and_export(tmp_path: Path) -> None:
    record = sample()
    record["mood"] = {"nested": [1, 2]}
    record["follow_ups"][0]["colour"] = "red"
    source = write(
        tmp_path / "in.json",
        {"format": "afterword", "version": 1, "extra": 1, "interviews": [record]},
    )
    db = tmp_path / "db.json"
    assert run_afterword(["--db", str(db), "import", str(source)]).returncode == 0
    out = export(db)["interviews"][0]
    assert out["mood"] == {"nested": [1, 2]}
    assert out["follow_ups"][0]["colour"] == "red"


def test_rev_and_conflicts_survive_import_and_export(tmp_path: Path) -> None:
    record = sample()
    record["rev"] = 12
    conflict = {"path": "status", "theirs": "offer", "at": "2026-11-25T09:00:00"}
    record["conflicts"] = [conflict]
    source = write(
        tmp_path / "in.json", {"format": "afterword", "version": 1, "interviews": [record]}
    )
    db = tmp_path / "db.json"
    assert run_afterword(["--db", str(db), "import", str(source)]).returncode == 0
    out = export(db)["interviews"][0]
    assert out["rev"] == 12
    assert out["conflicts"] == [conflict]


def test_without_follow_ups_the_rules_schedule_them(tmp_path: Path) -> None:
    ruled = sample()
    del ruled["follow_ups"]
    ruled["id"] = "ruled"
    kept = sample()
    kept["id"] = "kept"
    kept["follow_ups"][0]["id"] = "only-one"
    source = write(
        tmp_path / "in.json", {"format": "afterword", "version": 1, "interviews": [ruled, kept]}
    )
    db = tmp_path / "db.json"
    result = run_afterword(["--db", str(db), "import", str(source)])
    assert "1 got follow-ups from the schedule rules" in result.stdout
    by_id = {i["id"]: i for i in export(db)["interviews"]}
    kinds = sorted(f["kind"] for f in by_id["ruled"]["follow_ups"])
    assert kinds == ["ask_recruiter", "check_in", "recruiter_debrief", "thank_you"]
    assert [f["id"] for f in by_id["kept"]["follow_ups"]] == ["only-one"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = write(
        tmp_path / "in.json", {"format": "afterword", "version": 1, "interviews": [sample()]}
    )
    db = tmp_path / "db.json"
    result = run_afterword(["--db", str(db), "import", "--dry-run", str(source)])
    assert result.returncode == 0
    assert "Would import 1 interview " in result.stdout
    assert not db.exists()


def _bad_records() -> list[tuple[str, Any, str]]:
    no_company = sample()
    del no_company["company"]
    wrong_type = sample()
    wrong_type["interviewers"] = "Dana"
    bad_date = sample()
    bad_date["when"] = "yesterday-ish"
    bad_nested_date = sample()
    bad_nested_date["follow_ups"][0]["due"] = "2026-02-30T10:00"
    dup = sample()
    dup_follow_up = sample()
    dup_follow_up["id"] = "other"
    forward_nobody = sample()
    forward_nobody["recruiter"] = {"name": "", "direct_contact": "forward"}
    return [
        ("missing company", [sample(), no_company], "record 2: company: is required"),
        (
            "forward, no name",
            [forward_nobody],
            "record 1 (Acme Robotics): recruiter.name: is required: direct_contact 'forward' "
            "needs the recruiter's name",
        ),
        ("wrong type", [wrong_type], "record 1 (Acme Robotics): interviewers: expected a list"),
        ("bad date", [bad_date], "record 1 (Acme Robotics): when: 'yesterday-ish' is not a date"),
        ("bad nested date", [bad_nested_date], "follow_ups[0].due: '2026-02-30T10:00'"),
        ("duplicate id", [sample(), dup], "record 2 (Acme Robotics): id: 'a1b2c3d4' is used twice"),
        (
            "id with an escape",
            [sample(), {**dup_follow_up, "id": "x\x1b]0;T\x07"}],
            "record 2 (Acme Robotics): id: 'x\\x1b]0;T\\x07' may hold only letters",
        ),
        ("not a record", [sample(), "Acme"], "record 2: expected an object"),
        (
            "year 9999",
            [sample(), {**sample(), "id": "far", "when": "9999-12-31T23:00:00"}],
            "'9999-12-31T23:00:00' is not in the years 1900 to 2999",
        ),
    ]


@pytest.mark.parametrize(("name", "records", "message"), _bad_records(), ids=lambda v: str(v)[:20])
def test_a_bad_record_fails_the_whole_import(
    tmp_path: Path, name: str, records: list[Any], message: str
) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    before = db.read_bytes()
    source = write(
        tmp_path / "in.json", {"format": "afterword", "version": 1, "interviews": records}
    )
    result = run_afterword(["--db", str(db), "import", str(source)])
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "nothing was imported" in lines[0]
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"{not json", "is not valid JSON"),
        (b"\xff\xfe\x00garbage", "is not UTF-8"),
        (b"[]", "is not an Afterword export"),
        (b'{"format": "other", "interviews": []}', 'not "afterword"'),
        (b'{"format": "afterword", "version": 9, "interviews": []}', "newer Afterword"),
        (b'{"format": "afterword", "version": "1", "interviews": []}', "should be 1"),
        (b'{"format": "afterword", "interviews": {}}', "should be a list"),
    ],
)
def test_a_broken_file_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    db = tmp_path / "db.json"
    source = tmp_path / "in.json"
    source.write_bytes(content)
    result = run_afterword(["--db", str(db), "import", str(source)])
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert not db.exists()


def test_an_id_already_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    source = write(
        tmp_path / "in.json", {"format": "afterword", "version": 1, "interviews": [sample()]}
    )
    assert run_afterword(["--db", str(db), "import", str(source)]).returncode == 0
    before = db.read_bytes()
    again = run_afterword(["--db", str(db), "import", str(source)])
    assert again.returncode == 2
    assert "is in the database already" in again.stderr
    assert db.read_bytes() == before


def test_missing_import_file(tmp_path: Path) -> None:
    result = run_afterword(["--db", str(tmp_path / "db.json"), "import", str(tmp_path / "nope")])
    assert result.returncode == 2
    assert "There is no file" in result.stderr


def test_export_without_a_database(tmp_path: Path) -> None:
    result = run_afterword(["--db", str(tmp_path / "none.json"), "export"])
    assert result.returncode == 2
    assert "no database" in result.stderr
