"""Hostile files around Afterword's config and the processes it starts.

- A downloaded theme whose name holds a quote and a line break tries to write settings (a
  `[mail] sendmail_command`) into config.toml when it is picked; a config.toml holding U+2028,
  U+0085 and an escaped form feed in a string must come through a theme change untouched.
- A `json.py` and a `jinja2/` in the folder where `afterword draft` runs: the child that renders
  user templates must not import them (it runs isolated, `python -I`).
"""

from __future__ import annotations

import difflib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from textual.theme import Theme

from afterword import paths
from afterword.config import DEFAULT_FILE, load_config, save_setting
from tests.faults.helpers import cli_env, make_db
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for

# ---------------------------------------------------------------- a theme that writes config.toml

INJECTED = '"\n[mail]\nsendmail_command = "sh -c \'touch PWNED; cat >/dev/null\'"\n#'
HOSTILE_NAME = "solarized-pro" + INJECTED
PROFILE_ONLY = '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n'


def _config(text: str) -> Path:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _hostile_theme_file() -> Path:
    folder = paths.config_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "solarized-pro.toml"
    escaped = HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path.write_text(f'name = "{escaped}"\nprimary = "#268BD2"\n', encoding="utf-8")
    return path


def _assert_no_setting_added(path: Path, before: dict[str, object]) -> None:
    after = tomllib.loads(path.read_text(encoding="utf-8"))  # raises if it no longer parses
    config, problems = load_config(path)
    assert config.mail.sendmail_command == ""
    assert problems == []
    assert {k: v for k, v in after.items() if k != "ui"} == {
        k: v for k, v in before.items() if k != "ui"
    }
    assert "sendmail_command" not in after.get("mail", {})


def _lines_lost(old: str, new: str) -> list[str]:
    """The lines of ``old`` not in ``new`` as they were (by "\n" alone, as TOML counts)."""
    diff = difflib.ndiff(old.split("\n"), new.split("\n"))
    return [line for line in diff if line.startswith("- ")]


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
@pytest.mark.parametrize("start", [PROFILE_ONLY, DEFAULT_FILE], ids=["profile-only", "default"])
async def test_a_theme_named_to_inject_settings_is_refused_with_one_sentence(
    tmp_path: Path, start: str
) -> None:
    path = _config(start)
    before = tomllib.loads(start)
    theme_file = _hostile_theme_file()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        offered = [name for name in app.available_themes if name.startswith("solarized-pro")]
        for name in offered:  # what the palette's "Change theme" does with the user's pick
            app.theme = name
            await pilot.pause()
        assert offered == [], "a theme with a hostile name was offered"
        said = [n for n in notes(app) if str(theme_file) in n]
        assert len(said) == 1 and "letters, digits" in said[0], notes(app)
        assert "\n" not in said[0].split(str(theme_file), 1)[1]  # the name shown escaped
    _assert_no_setting_added(path, before)


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
async def test_a_registered_theme_with_a_hostile_name_is_not_saved(tmp_path: Path) -> None:
    """The second wall: a theme that got registered some other way is still not written."""
    path = _config(PROFILE_ONLY)
    before = tomllib.loads(PROFILE_ONLY)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.register_theme(Theme(name=HOSTILE_NAME, primary="#268BD2"))
        app.theme = HOSTILE_NAME
        await wait_for(pilot, lambda: any("was not saved" in n for n in notes(app)))
    assert path.read_text(encoding="utf-8") == PROFILE_ONLY
    _assert_no_setting_added(path, before)


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
@pytest.mark.parametrize(
    "start", [PROFILE_ONLY, DEFAULT_FILE, ""], ids=["profile-only", "default", "no-file"]
)
def test_save_setting_writes_any_text_as_one_quoted_value(start: str) -> None:
    """The bottom wall: whatever the value, it becomes one TOML string and nothing else."""
    path = _config(start) if start else paths.config_path()
    before = tomllib.loads(start)
    nasty = HOSTILE_NAME + "\\ \t\x1b\x7f\u2028\u0085 ]]] ''' \"\"\""
    assert save_setting(path, "ui", "theme", nasty) is None
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after["ui"]["theme"] == nasty
    _assert_no_setting_added(path, before)
    assert _lines_lost(start, path.read_text(encoding="utf-8")) == []


# A signature pasted from a web page: line and paragraph separators, NEL, an escaped form feed
# (a raw one is not valid TOML), with comments and an order of the user's own.
PASTED = (
    "# my settings\n"
    "[ui]  # how it looks\n"
    "days = 5            # a short week\n"
    'theme = "afterword-dark"  # the one I like\n'
    "\n"
    "[profile]\n"
    'name = "Alex Morgan"\n'
    'signature = "Alex\u2028Engineer\u2029Acme\u0085Ltd\\fpage two"  # from the web\n'
    'email = "alex@example.com"\n'
)


@pytest.mark.fault("config.toml with U+2028, U+0085 and a form feed in a string, on a theme change")
async def test_a_theme_change_keeps_every_other_byte_of_config_toml(tmp_path: Path) -> None:
    path = _config(PASTED)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "afterword-light"
        await wait_for(pilot, lambda: "afterword-light" in path.read_text(encoding="utf-8"))
        assert notes(app) == []
    written = path.read_bytes()
    assert written == PASTED.replace(
        'theme = "afterword-dark"', 'theme = "afterword-light"'
    ).encode("utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config.profile.signature == "Alex\u2028Engineer\u2029Acme\u0085Ltd\x0cpage two"
    assert (config.ui.theme, config.ui.days, config.profile.email) == (
        "afterword-light",
        5,
        "alex@example.com",
    )


@pytest.mark.fault("config.toml with U+2028, U+0085 and a form feed in a string, on a theme change")
def test_a_new_key_goes_into_its_table_and_keeps_the_rest(tmp_path: Path) -> None:
    text = PASTED.replace('theme = "afterword-dark"  # the one I like\n', "").replace("\n", "\r\n")
    path = _config(text)
    assert save_setting(path, "ui", "theme", "nord") is None
    written = path.read_bytes().decode("utf-8")
    assert written == text.replace(
        "days = 5            # a short week\r\n",
        'days = 5            # a short week\r\ntheme = "nord"\r\n',
    )


# ---------------------------------------------------------------- code in the current folder

PLANT = "open({marker!r}, 'w').write('code from the current folder ran')\n"


def _planted_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A folder holding a json.py and a jinja2/ that leave a marker when imported."""
    folder = tmp_path / "Downloads"
    (folder / "jinja2").mkdir(parents=True)
    markers = [tmp_path / "json-ran", tmp_path / "jinja2-ran"]
    (folder / "json.py").write_text(PLANT.format(marker=str(markers[0])), encoding="utf-8")
    (folder / "jinja2" / "__init__.py").write_text(
        PLANT.format(marker=str(markers[1])), encoding="utf-8"
    )
    return folder, markers


@pytest.mark.fault("a json.py and a jinja2/ in the folder where afterword draft runs")
def test_the_template_child_imports_nothing_from_the_current_folder(tmp_path: Path) -> None:
    db = tmp_path / "afterword.json"
    interview = make_db(db, 1)[0]
    env = cli_env(tmp_path, db)
    templates = Path(env["AFTERWORD_CONFIG"]).parent / "templates"
    templates.mkdir(parents=True)
    Path(env["AFTERWORD_CONFIG"]).write_text(PROFILE_ONLY, encoding="utf-8")
    (templates / "coffee.j2").write_text(
        "Subject: Coffee?\n\nHi {{ person.first_name }},\n", encoding="utf-8"
    )
    folder, markers = _planted_folder(tmp_path)
    # As the `afterword` script starts: its own folder first on sys.path, not the current one
    # (`-P`); `python -m afterword` would import the planted json.py in the parent itself.
    done = subprocess.run(
        [sys.executable, "-P", "-m", "afterword", "draft", interview.id, "--template", "coffee"],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [m.name for m in markers if m.exists()] == []
    assert done.returncode == 0, done.stderr
    assert "Subject: Coffee?" in done.stdout
