"""The README's pictures (docs/images/*.svg) are what docs/screenshots.py draws today.

The script runs as a user would run it, into a temporary folder, and each picture is compared
byte for byte with the checked-in one.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "screenshots.py"
IMAGES = ROOT / "docs" / "images"
NAMES = ("today", "debrief", "drafting")
REGENERATE = (
    "regenerate them with `.venv/bin/python docs/screenshots.py`, look at them "
    "(`rsvg-convert -w 1400 docs/images/today.svg -o /tmp/today.png`) and commit them"
)


def test_the_readme_shows_each_picture() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"](docs/images/{name}.svg)" in readme, f"README.md does not show {name}.svg"
        assert (IMAGES / f"{name}.svg").is_file(), (
            f"docs/images/{name}.svg is missing; {REGENERATE}"
        )


def test_the_pictures_are_current_and_repeatable(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,  # the script finds the repository by itself
    )
    assert result.returncode == 0, result.stderr
    stale = []
    for name in NAMES:
        fresh = (tmp_path / f"{name}.svg").read_text(encoding="utf-8")
        assert "<svg" in fresh
        assert not re.search(r"terminal-\d", fresh), "a hashed class name was left in"
        assert f"terminal-{name}" in fresh
        kept = IMAGES / f"{name}.svg"
        if not kept.is_file() or kept.read_text(encoding="utf-8") != fresh:
            stale.append(f"docs/images/{name}.svg")
    assert not stale, f"{', '.join(stale)} no longer match the app; {REGENERATE}"
