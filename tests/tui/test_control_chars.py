"""Text from the data never reaches the terminal as a control sequence (tui/control_chars.py)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from afterword.demo import write_demo_database
from afterword.domain.words import is_control
from afterword.tui.control_chars import DropControls
from tests.conftest import NOW
from tests.tui.helpers import SIZE, loaded, make_app

HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07\u202eCorp\x9b31m\u2028"


def _drawn(app: object) -> list[str]:
    """The text of every line the screen draws, as it would go to the terminal."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_a_company_with_escape_sequences_is_drawn_without_them(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    data = json.loads(db.read_text(encoding="utf-8"))
    for record in data["interviews"].values():
        record["company"] = HOSTILE
    db.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for key in ("t", "i"):  # Today, then the Interviews
            await pilot.press(key)
            await pilot.pause()
            lines = _drawn(app)
            assert any("Evil[2J]0;pwnedCorp" in line for line in lines), lines
            for line in lines:
                assert not any(is_control(ch) for ch in line), repr(line)
                assert cell_len(line) == SIZE[0], repr(line)  # nothing moved along the line


@given(st.lists(st.text(max_size=12), max_size=5))
def test_the_filter_keeps_each_line_as_wide_as_it_was(texts: list[str]) -> None:
    segments = [Segment(text, Style(bold=n % 2 == 0)) for n, text in enumerate(texts)]
    out = DropControls().apply(segments, Color(0, 0, 0))
    assert not any(is_control(ch) for segment in out for ch in segment.text)
    assert sum(cell_len(s.text) for s in out) == sum(cell_len(s.text) for s in segments)
    assert [s.style for s in out] == [s.style for s in segments]
    if not any(is_control(ch) for text in texts for ch in text):
        assert [s.text for s in out] == texts
