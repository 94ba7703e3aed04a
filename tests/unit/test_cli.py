"""The command line's contract: --db anywhere, AFTERWORD_DB, help, locate, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from afterword.demo import write_demo_database
from tests.conftest import NOW, run_afterword


def test_plain_afterword_without_an_app_prints_help() -> None:
    result = run_afterword(["--help"])
    assert result.returncode == 0
    assert "usage: afterword" in result.stdout
    assert "example" in result.stdout


def test_each_command_has_an_example_in_its_help() -> None:
    for command in ("import", "export", "restore", "locate"):
        result = run_afterword([command, "--help"])
        assert result.returncode == 0
        assert "example:" in result.stdout
        assert f"afterword {command}" in result.stdout


def test_db_before_or_after_the_command_and_from_the_environment(tmp_path: Path) -> None:
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    write_demo_database(one, NOW)
    before = run_afterword(["--db", str(one), "export"])
    after = run_afterword(["export", "--db", str(one)])
    from_env = run_afterword(["export"], env={"AFTERWORD_DB": str(one)})
    flag_wins = run_afterword(["export", "--db", str(one)], env={"AFTERWORD_DB": str(two)})
    for result in (before, after, from_env, flag_wins):
        assert result.returncode == 0, result.stderr
        assert len(json.loads(result.stdout)["interviews"]) == 25


def test_locate_names_every_path(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    result = run_afterword(["--db", str(db), "locate"])
    assert result.returncode == 0
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert set(lines) == {"config", "database", "backups", "templates", "state"}
    assert lines["database"].startswith(str(db))
    assert lines["backups"].startswith(str(tmp_path / "backups"))


def test_default_database_is_in_the_user_data_folder(isolated_home: Path) -> None:
    result = run_afterword(["locate"])
    database = next(line for line in result.stdout.splitlines() if line.startswith("database"))
    assert str(isolated_home / "data" / "afterword" / "afterword.json") in database


def test_demo_gives_a_fresh_database_each_time() -> None:
    first = json.loads(run_afterword(["--demo", "export"]).stdout)
    assert len(first["interviews"]) == 25
    statuses = {i["status"] for i in first["interviews"]}
    assert statuses == {"active", "offer", "accepted", "rejected", "withdrawn", "cold"}
    assert any(i["recruiter"] for i in first["interviews"])
    assert any(i["recruiter"] is None for i in first["interviews"])


def test_a_bad_fixed_clock_is_one_line() -> None:
    result = run_afterword(["--demo", "export"], env={"AFTERWORD_NOW": "teatime"})
    assert result.returncode == 2
    assert "AFTERWORD_NOW" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_command_is_an_argparse_error() -> None:
    result = run_afterword(["frobnicate"])
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
