"""The wheel carries the package, the theme files and the console script."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_holds_themes_and_entry_point(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("afterword-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    themes = sorted(n for n in names if n.startswith("afterword/themes/"))
    shipped = sorted(p.name for p in (ROOT / "themes").iterdir() if p.is_file())
    assert shipped, "the top-level themes/ folder is empty"
    assert [Path(n).name for n in themes] == shipped
    assert "afterword/__main__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "afterword = afterword.__main__:main" in text
