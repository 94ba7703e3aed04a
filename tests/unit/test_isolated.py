"""Helper Python processes run isolated, yet find what the app itself found."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from afterword.compose.isolated import helper_environment, python_command

PARENT = """
import subprocess, sys
from afterword.compose.isolated import helper_environment, python_command
done = subprocess.run(python_command("probe"), env=helper_environment(), capture_output=True,
                      text=True, cwd=sys.argv[1])
print(done.stdout, end="")
print(done.stderr, end="", file=sys.stderr)
"""

PROBE = """
import json, os, sys
print(json.__file__)
print(sys.flags.isolated, os.environ.get("SECRET_OF_THE_PARENT", "-"))
"""


def test_the_helper_finds_the_apps_folders_but_not_the_current_ones(tmp_path: Path) -> None:
    """``probe`` is only on the parent's PYTHONPATH (as an install in the user site or a
    checkout would be); the current folder holds a json.py that must not be imported."""
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "probe.py").write_text(PROBE, encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "json.py").write_text("raise SystemExit('json.py from the current folder')\n")
    env = dict(os.environ, PYTHONPATH=str(extra), SECRET_OF_THE_PARENT="s3cret")
    done = subprocess.run(
        [sys.executable, "-P", "-c", PARENT, str(here)],
        env=env,
        cwd=here,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    json_file, flags = done.stdout.splitlines()
    assert Path(json_file).parent != here
    assert flags == "1 -"  # isolated, and the parent's environment stays with the parent


def test_the_command_never_names_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), ".", *sys.path])
    argv = python_command("afterword.compose.render_child")
    assert argv[:2] == [sys.executable, "-I"]
    assert str(tmp_path) not in argv and "" not in argv and "." not in argv


def test_the_environment_holds_only_the_locale_path_and_what_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("PYTHONPATH", "/tmp/elsewhere")
    monkeypatch.setenv("AFTERWORD_DB", "/tmp/aw.json")
    env = helper_environment(AFTERWORD_RENDER_MEMORY="1")
    assert env["LANG"] == "C.UTF-8" and env["AFTERWORD_RENDER_MEMORY"] == "1"
    assert "PYTHONPATH" not in env and "AFTERWORD_DB" not in env
