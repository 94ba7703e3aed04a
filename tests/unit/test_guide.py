"""docs/guide.md cannot drift from the code: its config.toml lists every setting with its real
default, and the binding ids it names for [keymap] exist."""

from __future__ import annotations

import re
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from afterword.config import Config, MailSettings, Profile, UISettings, load_config
from afterword.domain.settings import ScheduleSettings

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"
SECTIONS: dict[str, type[Any]] = {
    "profile": Profile,
    "schedule": ScheduleSettings,
    "mail": MailSettings,
    "ui": UISettings,
}


def reference_block(text: str) -> str:
    """The ```toml block right after the `<!-- config-reference -->` marker."""
    found = re.search(r"<!-- config-reference -->\s*```toml\n(.*?)```", text, re.S)
    assert found, "docs/guide.md has no ```toml block after <!-- config-reference -->"
    return found.group(1)


def drift(documented: dict[str, Any]) -> list[str]:
    """What the documented settings get wrong about the code, one line each."""
    wrong = []
    sections = set(SECTIONS) | {"keymap"}
    if set(documented) != sections:
        wrong.append(f"sections {sorted(documented)} should be {sorted(sections)}")
    for section, cls in SECTIONS.items():
        shown = documented.get(section, {})
        for f in fields(cls):
            default = getattr(cls(), f.name)
            if f.name not in shown:
                wrong.append(f"{section}.{f.name} (default {default!r}) is missing")
            elif shown[f.name] != default or type(shown[f.name]) is not type(default):
                wrong.append(f"{section}.{f.name} shows {shown[f.name]!r}, default {default!r}")
        for key in set(shown) - {f.name for f in fields(cls)}:
            wrong.append(f"{section}.{key} is not a setting")
    if documented.get("keymap"):
        wrong.append("[keymap] has no defaults, so the reference shows it empty")
    return wrong


def test_the_guide_lists_every_setting_with_its_default() -> None:
    documented = tomllib.loads(reference_block(GUIDE.read_text(encoding="utf-8")))
    assert drift(documented) == []


def test_the_reference_block_is_a_config_file_without_problems(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(reference_block(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(path=path)


def test_drift_is_caught() -> None:
    good = tomllib.loads(reference_block(GUIDE.read_text(encoding="utf-8")))
    changed = {**good, "schedule": {**good["schedule"], "thank_you_hours": 48}}
    assert drift(changed) == ["schedule.thank_you_hours shows 48, default 24"]
    missing = {**good, "mail": {k: v for k, v in good["mail"].items() if k != "smtp_port"}}
    assert drift(missing) == ["mail.smtp_port (default 587) is missing"]
    typed = {**good, "ui": {**good["ui"], "dayfirst": 0}}
    assert drift(typed) == ["ui.dayfirst shows 0, default False"]


def binding_ids() -> set[str]:
    """Every binding id the app declares (what `[keymap]` takes)."""
    import importlib
    import pkgutil

    from textual.binding import Binding

    import afterword.tui

    ids = set()
    for info in pkgutil.walk_packages(afterword.tui.__path__, "afterword.tui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            for binding in getattr(value, "BINDINGS", None) or []:
                if isinstance(value, type) and isinstance(binding, Binding) and binding.id:
                    ids.add(binding.id)
    return ids


def test_the_keymap_ids_in_the_guide_are_the_apps() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index("The ids (") :].split("\n\n", 2)[1]
    documented = set(re.findall(r"`([a-z_.-]+)`", table))
    declared = binding_ids()
    assert len(declared) > 60
    assert documented - declared == set(), "the guide names ids the app does not have"
    screens = ("today.", "interviews.", "detail.", "calendar.", "debrief.", "emails.", "call.")
    screens += ("text.",)
    undocumented = {i for i in declared - documented if i.startswith(screens)}
    assert undocumented == set(), "docs/guide.md does not list these ids"


def test_the_ids_are_in_one_style() -> None:
    """Snake case, with at most one dot: `screen.what_it_does`."""
    word = r"[a-z]+(_[a-z]+)*"
    odd = {i for i in binding_ids() if not re.fullmatch(rf"{word}(\.{word})?", i)}
    assert odd == set()


def test_the_old_ids_are_named_in_the_guide_and_lead_to_the_apps() -> None:
    """Every id before the ids took one style is in the guide's table of renames, and names
    a binding the app has: a [keymap] written then keeps working."""
    from afterword.config import KEYMAP_ALIASES

    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index("| old id | new id |") :].split("\n\n", 1)[0]
    rows = [row.split("|")[1:3] for row in table.splitlines()[2:]]
    old = {name for olds, _ in rows for name in re.findall(r"`([a-z_.-]+)`", olds)}
    assert old == set(KEYMAP_ALIASES)
    assert set(KEYMAP_ALIASES.values()) - binding_ids() == set()
    assert set(KEYMAP_ALIASES) & binding_ids() == set(), "an old id is still a binding's id"
    for olds, news in rows:
        named = re.findall(r"`([a-z_.-]+)`", news)
        for name in re.findall(r"`([a-z_.-]+)`", olds):
            new = KEYMAP_ALIASES[name]
            assert new in named or f"emails.{name.removeprefix('drafts.')}" == new, name


def command_after(marker: str, text: str) -> str:
    """The first line of the code block after ``marker``, as .ci/run reads it."""
    found = re.search(rf"{re.escape(marker)}\s*```\w*\n(.*?)\n", text)
    assert found, f"README.md has no code block after {marker}"
    return found.group(1)


def test_the_readme_keeps_its_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert command_after("<!-- start-command -->", readme) == (
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/afterword"
    )
    assert command_after("<!-- test-command -->", readme) == (
        "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest -n auto"
    )


def test_every_relative_link_of_the_docs_exists() -> None:
    pages = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (page.parent / target.split("#")[0]).exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []
