"""Theme files: TOML with the fields of ``textual.theme.Theme``, ours and the user's own.

Ours ship in the package (``themes/`` at the top of the source tree); a user's go in
``themes/`` in the config folder. A broken file is skipped with a notice naming it and the
fault; the app falls back to the default theme.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from textual.theme import Theme

import afterword

DEFAULT_THEME = "afterword-dark"
_FIELDS = {
    "name", "primary", "secondary", "warning", "error", "success", "accent", "foreground",
    "background", "surface", "panel", "boost", "dark", "luminosity_spread", "text_alpha",
    "variables",
}  # fmt: skip
# A theme's name is written to config.toml when picked: nothing but these, whatever the file says.
_NAME = re.compile(r"[A-Za-z0-9 _.-]+")


def _shown(name: object) -> str:
    """A name as a quoted one-line text, cut short: a hostile one can be long."""
    text = repr(name)
    return text if len(text) <= 60 else text[:59] + "…"


def theme_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a theme's name (a sentence), or None when it can."""
    if _NAME.fullmatch(name):
        return None
    return (
        f"The theme {_shown(name)} was not saved in config.toml: a theme name may hold only "
        "letters, digits, spaces, -, _ and . (rename it in its file)."
    )


def builtin_theme_dir() -> Path:
    """Inside the wheel: afterword/themes; in a source checkout: the top-level themes/."""
    package = Path(afterword.__file__).parent
    shipped = package / "themes"
    return shipped if shipped.is_dir() else package.parents[1] / "themes"


def read_theme(path: Path, *, check_colours: bool = True) -> Theme:
    """One theme file; ValueError with a sentence naming the file and the fault.

    ``check_colours`` builds the theme's colour system once to find a bad colour before it is
    on screen (a few milliseconds a theme); ours are checked by the tests instead, so that the
    app's start does not pay for it."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"Cannot read the theme {path} ({error}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"The theme {path} is not valid TOML ({error}).") from None
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise ValueError(f"The theme {path} has unknown keys: {', '.join(unknown)}.")
    if not isinstance(raw.get("primary"), str):
        raise ValueError(f'The theme {path} needs a primary colour, e.g. primary = "#7AA2F7".')
    raw.setdefault("name", path.stem)
    name = raw["name"]
    if not isinstance(name, str) or theme_name_problem(name):
        raise ValueError(
            f"The theme {path} is named {_shown(name)}; a theme name may hold only letters, "
            "digits, spaces, -, _ and . (rename it in the file)."
        )
    try:
        theme = Theme(**raw)
        if check_colours:
            theme.to_color_system().generate()  # bad colours fail here, not later on screen
    except Exception as error:  # Textual raises assorted errors for bad colours
        raise ValueError(f"The theme {path} has a bad value ({error}).") from None
    return theme


def load_themes(user_dir: Path) -> tuple[list[Theme], list[str]]:
    """Our themes and the user's, with one sentence per file that could not be used."""
    themes, problems = [], []
    ours = builtin_theme_dir()
    for folder in (ours, user_dir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                themes.append(read_theme(path, check_colours=folder != ours))
            except ValueError as error:
                problems.append(f"{error} Using the default theme instead.")
    return themes, problems
