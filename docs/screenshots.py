"""Make the README's pictures: Today, the debrief and the emails screen, as SVG.

    .venv/bin/python docs/screenshots.py            # writes docs/images/*.svg
    .venv/bin/python docs/screenshots.py --out DIR  # somewhere else (the test compares them)

The app runs headless at a fixed size, with the fixed clock and the sample data of the snapshot
tests (tests/tui/test_snapshots.py), in a private config and data folder, so your own settings
never show. Rich names the SVG's CSS classes after a hash of the picture (`terminal-1234567`);
they are renamed after the picture (`terminal-today`), so the same app gives the same bytes.
Needs the test extras (`pip install -e '.[test]'`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
SIZE = (120, 36)
THEME = "afterword-dark"
TITLE = "afterword"

if str(ROOT) not in sys.path:  # run as a script: the snapshot tests' helpers live in tests/
    sys.path.insert(0, str(ROOT))


@contextmanager
def private_folders() -> Iterator[Path]:
    """Config, data and state in a temporary folder; colour on; the clock fixed."""
    from tests.conftest import NOW

    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "HOME",
             "AFTERWORD_CONFIG", "AFTERWORD_DB", "AFTERWORD_NOW", "NO_COLOR")  # fmt: skip
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="afterword-screens-") as folder:
        home = Path(folder)
        try:
            for name in names[:4]:
                os.environ[name] = str(home / name.lower())
            os.environ["HOME"] = str(home)
            os.environ["AFTERWORD_CONFIG"] = str(home / "config.toml")  # none: the defaults
            os.environ["AFTERWORD_NOW"] = NOW.isoformat()
            os.environ.pop("AFTERWORD_DB", None)
            os.environ.pop("NO_COLOR", None)  # Textual would draw the pictures in grey
            yield home
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


async def _debrief(pilot: Any) -> None:
    """A new debrief, typed in right after an interview this morning."""
    from tests.tui.test_snapshots import filled_debrief

    await filled_debrief(pilot, when="today 8am")


async def _drafting(pilot: Any) -> None:
    """The thank-you for this morning's interview, with three slips the proofreading finds."""
    from tests.tui.test_snapshots import drafting_with_slips

    await drafting_with_slips(
        pilot,
        lambda i: i.company == "Northwind Health" and i.role == "Full-Stack Developer",
        must_change=True,
    )


async def _today(pilot: Any) -> None:
    """Today as the app opens on it."""


SCREENS: dict[str, Callable[[Any], Awaitable[None]]] = {
    "today": _today,
    "debrief": _debrief,
    "drafting": _drafting,
}


def normalise(svg: str, name: str) -> str:
    """The picture with Rich's hashed class names (`terminal-1234567…`) named after it."""
    return re.sub(r"terminal-\d+", f"terminal-{name}", svg)


async def shoot(name: str, folder: Path) -> str:
    """One picture, as SVG text."""
    from tests.tui.test_snapshots import loaded, make_app

    app = make_app(folder, demo=True, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(SCREENS[name])(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        svg = app.export_screenshot(title=TITLE, simplify=True)
    app.lock.release()
    return normalise(svg, name)


def make_screenshots(out: Path) -> list[Path]:
    """Write every picture into ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with private_folders() as home:
        for name in SCREENS:
            folder = home / name
            folder.mkdir()
            svg = asyncio.run(shoot(name, folder))
            path = out / f"{name}.svg"
            path.write_text(svg, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help=f"default: {IMAGES}")
    args = parser.parse_args(argv)
    for path in make_screenshots(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
