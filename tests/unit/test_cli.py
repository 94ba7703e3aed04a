"""The command line's contract: --db anywhere, AFTERWORD_DB, help, locate, one-line errors."""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterword import cli
from afterword.cli import build_parser
from afterword.demo import write_demo_database
from tests.conftest import NOW, run_afterword


def test_plain_afterword_without_an_app_prints_help() -> None:
    result = run_afterword(["--help"])
    assert result.returncode == 0
    assert "usage: afterword" in result.stdout
    assert "example" in result.stdout


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _examples(help_text: str) -> list[str]:
    """The invocations of the help's closing "examples:" section (nothing may follow it)."""
    _, found, tail = help_text.rpartition("\nexamples:\n")
    assert found, f"no examples section at the end of:\n{help_text}"
    lines = tail.rstrip("\n").split("\n")
    assert lines and all(line.startswith("  afterword") for line in lines), (
        f"the help does not end with its examples:\n{tail}"
    )
    return [re.split(r"\s{2,}", line.strip())[0] for line in lines]


def _argv(invocation: str) -> list[str]:
    """The arguments of one example, without the program and what it is piped to."""
    words = shlex.split(invocation.split(" | ")[0])
    assert words[0] == "afterword", invocation
    return words[1:]


def test_the_help_and_every_command_end_with_examples_that_parse() -> None:
    commands = list(_subparsers())
    assert {"today", "done", "snooze", "import", "export", "draft", "proofread"} <= set(commands)
    for command in [None, *commands]:
        args = ["--help"] if command is None else [command, "--help"]
        result = run_afterword(args)  # the real program: `today` has a fast path of its own
        assert result.returncode == 0, result.stderr
        examples = _examples(result.stdout)
        for invocation in examples:
            parsed = build_parser().parse_args(_argv(invocation))  # exits on a bad option
            if command is not None:
                assert parsed.command == command, f"{invocation!r} is not `afterword {command}`"
    top = [_argv(line) for line in _examples(run_afterword(["--help"]).stdout)]
    assert {"today", "import", "export", "draft"} <= {argv[0] for argv in top if argv}


def test_each_command_has_its_own_example_ids() -> None:
    """The help does not show one id doing everything: `done`, `snooze`, `draft` and
    `proofread` each use their own, the same in the main help and in their own."""
    main = [_argv(line) for line in _examples(run_afterword(["--help"]).stdout)]
    ids: dict[str, set[str]] = {}
    for command in ("done", "snooze", "draft", "proofread"):
        own = [_argv(line) for line in _examples(_subparsers()[command].format_help())]
        for argv in [*own, *(a for a in main if a and a[0] == command)]:
            parsed = build_parser().parse_args(argv)
            ids.setdefault(command, set()).add(parsed.id)
    for command, mine in ids.items():
        for other, theirs in ids.items():
            if other != command:
                assert not mine & theirs, (command, other, mine & theirs)


def test_the_read_only_examples_run(tmp_path: Path) -> None:
    """`today`, `export` and `locate` examples work as printed, on the sample data."""
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    ran = 0
    for command in ("today", "export", "locate"):
        for invocation in _examples(_subparsers()[command].format_help()):
            argv = _argv(invocation)
            result = subprocess.run(
                [sys.executable, "-m", "afterword", "--db", str(db), *argv],
                capture_output=True,
                text=True,
                cwd=tmp_path,
                timeout=120,
            )
            assert result.returncode == 0, f"{invocation}: {result.stderr}"
            assert result.stdout or "-o" in argv, invocation
            ran += 1
    assert ran >= 8
    assert (tmp_path / "interviews.csv").read_text(encoding="utf-8").startswith("id,company,")


def test_an_example_that_does_not_parse_is_caught() -> None:
    """The checks above fail for a help whose examples are wrong or are not last."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(_argv("afterword today --weeks 2"))
    with pytest.raises(AssertionError):
        _examples("usage: afterword today\n\nexamples:\n  afterword today  x\nmore text\n")
    with pytest.raises(AssertionError):
        _examples("usage: afterword locate\n")


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


@pytest.mark.parametrize(
    ("argv", "plain"),
    [
        ([], (None, False)),
        (["--db", "x.json"], ("x.json", False)),
        (["--db=x.json", "--demo"], ("x.json", True)),
        (["--demo"], (None, True)),
        (["--db"], None),  # argparse says what is missing
        (["--db", "--demo"], None),
        (["--db="], None),
        (["--de"], None),  # an abbreviation: argparse's to expand
        (["--demo", "--demo"], None),
        (["--db", "a", "--db", "b"], None),
        (["today"], None),
        (["--db", "x", "today"], None),
        (["--version"], None),
    ],
)
def test_only_a_plain_start_of_the_app_skips_the_parser(
    argv: list[str], plain: tuple[str | None, bool] | None
) -> None:
    assert cli.app_only(argv) == plain


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["--db", "--demo", "--de", "today", "-h", "--db=", "x", "-"]),
            st.text(max_size=6).map(lambda t: "--db=" + t),
            st.text(max_size=6),
        ),
        max_size=4,
    )
)
def test_a_plain_start_means_what_the_parser_would_make_of_it(argv: list[str]) -> None:
    plain = cli.app_only(argv)
    if plain is None:
        return
    args = cli.build_parser().parse_args(argv)
    assert (args.db, args.demo, args.command) == (*plain, None)
