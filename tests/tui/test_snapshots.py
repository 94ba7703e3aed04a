"""SVG snapshots of the key screens at 120x40 and 80x24, in the dark and high-contrast themes.

A fixed clock and the seeded demo data make them repeat. Update with `pytest --snapshot-update`
only after looking at the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from afterword.config import load_config
from afterword.demo import write_demo_database
from afterword.store.lock import WriterLock
from afterword.tui.app import AfterwordApp
from tests.conftest import NOW

SIZES = [(120, 40), (80, 24)]
THEMES = ["afterword-dark", "afterword-high-contrast"]


def make_app(tmp_path: Path, *, demo: bool, theme: str) -> AfterwordApp:
    """The app with ``theme`` chosen from its start, as `ui.theme` in config.toml does."""
    db = tmp_path / "db.json"
    if demo:
        write_demo_database(db, NOW)
    lock = WriterLock(db)
    lock.acquire()
    config, _ = load_config()
    config = dataclasses.replace(config, ui=dataclasses.replace(config.ui, theme=theme))
    # The pictures are of the screens; the question for a missing profile has its own tests.
    return AfterwordApp(db, config, lock=lock, now=lambda: NOW, ask_profile=False)


@pytest.fixture(autouse=True)
def in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures in the theme's colours (the tests' NO_COLOR would make them grey; Textual
    reads it when the app is made)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


def loaded(then: Callable[[Pilot[Any]], Any] | None = None) -> Callable[[Pilot[Any]], Any]:
    async def wait(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, AfterwordApp)
        for _ in range(200):
            if app.library.loaded:
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        if then is not None:
            await then(pilot)
        from textual.widgets import Input, TextArea

        for field in app.screen.query("Input, TextArea"):
            if isinstance(field, Input | TextArea):
                field.cursor_blink = False  # a blinking cursor would make the picture flaky
        await pilot.pause(0.1)

    return wait


async def open_first_interview(pilot: Pilot[Any]) -> None:
    await pilot.press("i")
    await pilot.pause(0.1)
    await pilot.press("enter")
    await pilot.pause(0.2)


async def show_help(pilot: Pilot[Any]) -> None:
    await pilot.press("i")
    await pilot.pause(0.1)
    await pilot.press("question_mark")
    await pilot.pause(0.2)


async def show_interviews(pilot: Pilot[Any]) -> None:
    await pilot.press("i")
    await pilot.pause(0.2)


async def new_debrief(pilot: Pilot[Any]) -> None:
    await pilot.press("n")
    await pilot.pause(0.3)


FILLED = {
    "company": "Acme Robotics", "role": "Backend Engineer", "stage": "Onsite",
    "when": "today 8am", "where": "Video call",
    "r_name": "Sam Ortiz", "r_agency": "TalentBridge", "r_email": "sam@tb.example",
    "tone": "warm, a little rushed at the end",
    "focus": "system design of a job queue; one culture question",
    "went_well": "the retry design; Dana liked the idempotency keys",
    "went_poorly": "froze on the SQL window-function question",
    "next_steps": "They will decide by Friday; Sam calls me",
    "decision_by": "fri", "notes": "ask about the on-call rota",
    "remember": "I built the retry queue at Shopwise",
    "reinforce": "five years of Python queues", "recoup": "ROW_NUMBER over a partition",
}  # fmt: skip
PEOPLE = [
    ("Dana Whitfield", "Eng Manager", "dana@acme.example"),
    ("Lee Park", "Staff Engineer", ""),
]


async def filled_debrief(pilot: Pilot[Any], **changes: str) -> None:
    """A new debrief with every field filled (``FILLED``, with ``changes``) and two people."""
    from textual.widgets import Input, TextArea

    await new_debrief(pilot)
    screen = pilot.app.screen
    for key, value in {**FILLED, **changes}.items():
        widget = screen.query_one(f"#f-{key}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, Input):
            widget.value = value
    await pilot.press("alt+2")
    for n, person in enumerate(PEOPLE):
        if n:
            await pilot.press("ctrl+n")
        row = list(screen.query(".person-row"))[n]
        for cls, value in zip((".p-name", ".p-title", ".p-email"), person, strict=True):
            row.query_one(cls, Input).value = value
    await pilot.press("alt+1")
    await pilot.pause(0.3)


async def saved_debrief(pilot: Pilot[Any]) -> None:
    await filled_debrief(pilot)
    await pilot.press("ctrl+s")
    await pilot.pause(0.3)


async def drafting_with_slips(
    pilot: Pilot[Any], chosen: Callable[[Any], bool], *, must_change: bool = False
) -> None:
    """The emails screen of the interview ``chosen`` picks, its thank-you with findings: a
    misspelt greeting, a doubled and a misspelt word (``must_change``: refuse a thank-you
    that lacks the words to misspell)."""
    from dataclasses import replace

    from textual.widgets import Input

    from afterword.config import Profile
    from afterword.tui.screens.emails import EmailsScreen

    app = pilot.app
    assert isinstance(app, AfterwordApp)
    app.config = replace(app.config, profile=Profile("Alex Morgan", "alex@example.com"))
    interview = next(i for i in app.library.interviews.values() if chosen(i))
    await app.open_drafts(interview.id)
    screen = app.screen
    assert isinstance(screen, EmailsScreen)
    for _ in range(500):
        if screen.current and app.spelling is not None:
            break
        await pilot.pause(0.02)
    for field in screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False  # before focus: a blink caught "off" would stay off
    area = screen.query_one("#d-body", TextArea)
    text = area.text.replace("Dear Elena", "Dear Elna").replace(
        "a real pleasure", "a real real plesure"
    )
    if must_change and text == area.text:
        raise SystemExit("the thank-you no longer says 'Dear Elena' or 'a real pleasure'")
    area.load_text(text)
    screen._proofread_now()
    for _ in range(500):
        if len(screen.findings) >= 3:
            break
        await pilot.pause(0.02)
    area.focus()
    await pilot.pause(0.2)


async def drafting(pilot: Pilot[Any]) -> None:
    """The emails screen with findings: a misspelt greeting, a doubled and a misspelt word."""
    await drafting_with_slips(pilot, lambda i: i.company == "Ridgeback Security")


async def nothing_due(pilot: Pilot[Any]) -> None:
    """Today on a quiet morning: every open follow-up moved to late December."""
    app = pilot.app
    assert isinstance(app, AfterwordApp)
    later = NOW.replace(month=12, day=28)

    def push(interview: Any) -> None:
        for item in interview.follow_ups:
            if item.is_open:
                item.due, item.snoozed = later, True

    for interview_id in list(app.library.interviews):
        app.library.update(interview_id, "later", push)
    await pilot.pause(0.2)


CASES = {
    "first-run": (False, None),
    "today": (True, None),
    "today-nothing-due": (True, nothing_due),
    "interviews": (True, show_interviews),
    "detail": (True, open_first_interview),
    "help": (True, show_help),
    "debrief-empty": (True, new_debrief),
    "debrief-filled": (True, filled_debrief),
    "debrief-saved": (True, saved_debrief),
    "drafting": (True, drafting),
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_screen(
    case: str, size: tuple[int, int], theme: str, tmp_path: Path, snap_compare: Any
) -> None:
    demo, steps = CASES[case]
    app = make_app(tmp_path, demo=demo, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=loaded(steps))
