"""The scratch folder for files handed to other programs: private, per run, tidied."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from afterword import paths, scratch


def test_a_file_is_0600_in_a_0700_folder_of_this_run() -> None:
    path = scratch.new_file("afterword-draft-", ".txt")
    assert path.parent.parent == paths.state_dir() / "scratch"
    assert path.name.startswith("afterword-draft-") and path.suffix == ".txt"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert scratch.new_file("x-", ".eml").parent == path.parent  # one folder per run
    assert scratch.clear_left_behind() == 0 and path.exists()  # its own folder is kept


def test_clearing_removes_stray_files_and_links_without_following_them(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    root = scratch.root()
    root.mkdir(parents=True)
    (root / "stray.eml").write_text("an old email", encoding="utf-8")
    (root / "link").symlink_to(tmp_path)
    (root / "old-run").mkdir()
    (root / "old-run" / "notes.txt").write_text("notes", encoding="utf-8")
    os.symlink(precious, root / "old-run" / "to-precious")
    assert scratch.clear_left_behind() == 3
    assert sorted(p.name for p in root.iterdir()) == [".lock"]
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_clearing_never_raises_when_the_state_folder_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "state-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    assert scratch.clear_left_behind() == 0
