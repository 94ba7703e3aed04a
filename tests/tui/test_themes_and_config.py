"""Themes (ours and the user's), config problems shown at start, the saved theme, the keymap."""

from __future__ import annotations

import tomllib
from pathlib import Path

from afterword import paths
from afterword.config import load_config, write_default_config
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.today import TodayScreen
from afterword.tui.themes import DEFAULT_THEME, builtin_theme_dir, read_theme
from tests.tui.helpers import SIZE, loaded, make_app, notes, row_keys, table, wait_for

OURS = {"afterword-dark", "afterword-light", "afterword-high-contrast"}


def user_theme(name: str, text: str) -> Path:
    folder = paths.config_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_config(text: str) -> Path:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def saved_ui(path: Path) -> dict[str, object]:
    ui: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8")).get("ui", {})
    return ui


BROKEN = {
    "broken.toml": ('primary = "#112233\n', "is not valid TOML"),
    "odd.toml": ('name = "odd"\nprimary = "notacolour"\n', "has a bad value"),
    "stray.toml": ('primary = "#112233"\nshade = "dark"\n', "unknown keys: shade"),
}


def test_our_themes_pass_the_colour_check_the_app_leaves_out_for_them() -> None:
    found = {path.stem: read_theme(path) for path in builtin_theme_dir().glob("*.toml")}
    assert set(found) == OURS
    for theme in found.values():
        assert theme.to_color_system().generate()


async def test_broken_user_themes_are_named_and_the_app_starts(tmp_path: Path) -> None:
    for name, (text, _) in BROKEN.items():
        user_theme(name, text)
    user_theme("mine.toml", 'primary = "#FF8800"\ndark = true\n')  # a good one is kept
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.theme == "afterword-dark"
        assert set(app.available_themes) >= {*OURS, "mine"}
        assert not {"broken", "odd", "stray"} & set(app.available_themes)
        for name, (_, fault) in BROKEN.items():
            path = paths.config_dir() / "themes" / name
            warnings = [n for n in app._notifications if str(path) in n.message]
            assert len(warnings) == 1, name
            assert warnings[0].severity == "warning"
            assert fault in warnings[0].message
        assert len(notes(app)) == len(BROKEN)


async def test_bad_config_values_are_named_and_their_defaults_used(tmp_path: Path) -> None:
    path = write_config('[ui]\ndays = "x"\ntheme = "nope"\n')
    config, problems = load_config()
    app = make_app(tmp_path, config=config, problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        days = [n for n in notes(app) if "ui.days" in n]
        assert len(days) == 1
        assert "should be a whole number" in days[0] and "using the default 7" in days[0]
        assert app.config.ui.days == 7
        assert "§Next 7 days" in row_keys(table(app, "#agenda"))
        # An unknown theme falls back to ours, with a notice naming the file.
        assert app.theme == "afterword-dark"
        theme = [n for n in notes(app) if "'nope'" in n]
        assert len(theme) == 1 and "using afterword-dark" in theme[0]
        assert str(path) in theme[0]


async def test_the_fallback_theme_does_not_overwrite_the_users_choice(tmp_path: Path) -> None:
    """Regression: the fallback set at start reached _remember_theme and was written over it."""
    user_theme("mine.toml", 'primary = "#11223"\n')  # a typo: the theme cannot be used today
    path = write_config('[ui]\ntheme = "mine"\n')
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.theme == "afterword-dark"
        await pilot.pause()
    # Once the theme file is mended, the next start should use it again.
    assert saved_ui(path) == {"theme": "mine"}


async def test_starts_in_our_dark_theme_and_a_change_is_saved_under_ui(tmp_path: Path) -> None:
    path = paths.config_path()
    assert write_default_config(path)  # as `afterword` does at start
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # Our three themes are registered, and the app starts in the dark one.
        assert set(app.available_themes) >= OURS
        assert app.theme == DEFAULT_THEME == "afterword-dark"
        assert app.current_theme.primary == "#7AA2F7"
        assert notes(app) == []
        app.theme = "afterword-light"
        await wait_for(pilot, lambda: saved_ui(path).get("theme") == "afterword-light")
        assert notes(app) == []
    text = path.read_text(encoding="utf-8")
    assert text.count("[ui]") == 1
    assert "# dayfirst = false" in text  # the rest of the file is kept
    assert load_config() == (load_config()[0], [])
    assert load_config()[0].ui.theme == "afterword-light"


async def test_going_back_to_the_first_theme_is_saved_too(tmp_path: Path) -> None:
    """Regression: a change back to the theme read at start was never saved."""
    path = paths.config_path()
    write_default_config(path)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "afterword-light"
        await wait_for(pilot, lambda: saved_ui(path).get("theme") == "afterword-light")
        app.theme = "afterword-dark"
        await pilot.pause()
    assert saved_ui(path).get("theme") == "afterword-dark"


async def test_saving_the_theme_keeps_a_commented_ui_header_valid(tmp_path: Path) -> None:
    """Regression: '[ui]  # comment' was not found and a second [ui] broke the file."""
    path = write_config('[profile]\nname = "Alex Morgan"\n\n[ui]  # how it looks\ndays = 5\n')
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "afterword-light"
        await wait_for(pilot, lambda: "afterword-light" in path.read_text(encoding="utf-8"))
    config, problems = load_config()
    assert problems == []
    assert (config.ui.theme, config.ui.days, config.profile.name) == (
        "afterword-light",
        5,
        "Alex Morgan",
    )


async def test_the_theme_is_saved_when_there_is_no_config_folder_yet(tmp_path: Path) -> None:
    """Regression: save_setting did not create the config folder."""
    path = paths.config_path()
    assert not path.parent.exists()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "afterword-light"
        await pilot.pause()
        assert notes(app) == []
    assert saved_ui(path) == {"theme": "afterword-light"}


async def test_keymap_moves_quit_to_ctrl_q(tmp_path: Path) -> None:
    write_config('[keymap]\nquit = "ctrl+q"\ninterviews = "I"\n')
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert notes(app) == []
        await pilot.press("i")  # the old key does nothing now
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("I")
        assert isinstance(app.screen, InterviewsScreen)
        await pilot.press("q")
        assert app.return_code is None and isinstance(app.screen, InterviewsScreen)
        await pilot.press("ctrl+q")
        assert app.return_code == 0
