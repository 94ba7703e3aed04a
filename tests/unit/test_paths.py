"""Our XDG folders are the ones platformdirs gives, so the two can never drift apart."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import PlatformDirs

from afterword import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG rules are for Linux")
@pytest.mark.parametrize("xdg", ["set", "unset", "blank", "relative"])
def test_folders_match_platformdirs(
    xdg: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        if xdg == "set":
            monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
        elif xdg == "blank":
            monkeypatch.setenv(variable, "  ")
        elif xdg == "relative":  # ignored, as the XDG rules say: not one folder per cwd
            monkeypatch.setenv(variable, variable.lower())
        else:
            monkeypatch.delenv(variable, raising=False)
    if xdg == "relative":
        # The XDG rules say a relative value is ignored. Recent platformdirs does so too;
        # 4.2, the lowest we allow, used it as it was, so the rule itself is checked here.
        ours = paths.data_dir(), paths.config_dir(), paths.state_dir()
        home = tmp_path / "home"
        assert ours == tuple(
            home / part / "afterword" for part in (".local/share", ".config", ".local/state")
        )
        return
    theirs = PlatformDirs("afterword", appauthor=False)
    assert paths.data_dir() == Path(theirs.user_data_dir)
    assert paths.config_dir() == Path(theirs.user_config_dir)
    assert paths.state_dir() == Path(theirs.user_state_dir)


def test_chosen_paths_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AFTERWORD_DB", str(tmp_path / "env.json"))
    assert paths.db_path() == tmp_path / "env.json"
    assert paths.db_path(str(tmp_path / "flag.json")) == tmp_path / "flag.json"
    monkeypatch.setenv("AFTERWORD_CONFIG", "~/x.toml")
    assert paths.config_path() == Path.home() / "x.toml"


def test_a_symlinked_database_is_the_real_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = tmp_path / "real" / "aw.json"
    real.parent.mkdir()
    (tmp_path / "link").symlink_to(real.parent)
    given = tmp_path / "link" / "aw.json"
    assert paths.db_path(str(given)) == real  # followed even before the file exists
    assert paths.db_given(str(given)) == str(given)
    monkeypatch.chdir(tmp_path / "link")
    assert paths.db_path("aw.json") == real
