"""A config file with every value wrong: every key of every section (read from the settings'
own dataclasses, so a key added later is covered too) given a value of the wrong type, plus
values out of range, unknown keys, an unknown section and bad key bindings.

`afterword today` and the app both start, say one sentence per bad key naming it, use the
defaults, and crash nowhere.
"""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from afterword.config import _SECTIONS, Config
from tests.faults.helpers import NOW, assert_nothing_lost, make_db
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for

pytestmark = pytest.mark.fault("a config file with every value wrong")


def wrong(default: object) -> str:
    """A TOML value of the wrong type for a key whose default is ``default``."""
    if isinstance(default, bool):
        return '"yes"'
    if isinstance(default, int):
        return '"many"'
    if isinstance(default, str):
        return "12345"
    return "[[1]]"


def bad_keys() -> list[str]:
    """Every key of every section, as "section.key"."""
    return [f"{s}.{f.name}" for s, cls in _SECTIONS.items() for f in fields(cls)]


def write_bad_config() -> tuple[Path, list[str]]:
    """config.toml (where AFTERWORD_CONFIG points) with every value wrong; the names that a
    sentence must name, one each."""
    lines: list[str] = []
    for section, cls in _SECTIONS.items():
        lines.append(f"[{section}]")
        base = cls()
        lines += [f"{f.name} = {wrong(getattr(base, f.name))}" for f in fields(cls)]
        lines.append("not_a_setting = 1")
        lines.append("")
    lines += ["[keymap]", "quit = 5", 'help = ""', "", "[nonsense]", "x = 1", ""]
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    named = [*bad_keys(), *(f"{s}.not_a_setting" for s in _SECTIONS)]
    return path, [*named, "keymap.quit", "keymap.help", "[nonsense]"]


def assert_one_sentence_each(sentences: list[str], named: list[str]) -> None:
    for name in named:
        hits = [s for s in sentences if f"{name} in " in s or s.startswith(f"{name} in ")]
        assert len(hits) == 1, f"{name}: {hits}"
    assert len(sentences) == len(named), "\n".join(sentences)
    for sentence in sentences:
        assert "\n" not in sentence and "Traceback" not in sentence, sentence


def test_today_starts_on_the_defaults_with_one_sentence_per_bad_key(
    tmp_path: Path, cli: Any
) -> None:
    db = tmp_path / "db.json"
    acknowledged = make_db(db, 10)
    before = db.read_bytes()
    _, named = write_bad_config()
    for args in (["today"], ["today", "--json"]):
        done = cli([*args, "--db", str(db)])
        assert done.returncode == 0, done.stderr
        lines = done.stderr.splitlines()
        assert all(line.startswith("afterword: ") for line in lines), done.stderr
        assert_one_sentence_each([line.removeprefix("afterword: ") for line in lines], named)
    agenda = json.loads(done.stdout)
    assert agenda["date"] == NOW.date().isoformat() and agenda["overdue"], agenda
    assert len({item["due"][:10] for item in agenda["upcoming"]}) >= 1  # the default 7 days
    assert db.read_bytes() == before
    assert_nothing_lost(db, acknowledged)


async def test_the_app_starts_on_the_defaults_and_names_every_bad_key(tmp_path: Path) -> None:
    _, named = write_bad_config()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await wait_for(pilot, lambda: len(notes(app)) >= len(named))
        assert_one_sentence_each(notes(app), named)
        defaults = Config()
        for section in _SECTIONS:
            assert getattr(app.config, section) == getattr(defaults, section), section
        assert app.config.keymap == {}
        assert app.theme == defaults.ui.theme
        acknowledged = list(app.library.interviews.values())
        assert acknowledged
        for key in ("i", "c", "t", "question_mark", "escape"):  # every top screen draws
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running and not app.crashed
    assert_nothing_lost(app.db_path, acknowledged)
