"""Build the app for pilot tests, wait for its data, and read what it shows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from afterword.config import Config, load_config
from afterword.demo import write_demo_database
from afterword.domain.model import Interview
from afterword.domain.records import interview_to_dict
from afterword.store.lock import AppLock
from afterword.store.repository import Repository
from afterword.tui.app import AfterwordApp
from tests.conftest import NOW

SIZE = (120, 40)


def make_app(
    tmp_path: Path,
    *,
    demo: bool = True,
    config: Config | None = None,
    problems: list[str] | None = None,
    ask_profile: bool = False,
) -> AfterwordApp:
    """The app on ``tmp_path/db.json``: the 25 demo interviews, or no file at all (first run).

    It asks for a missing profile only when ``ask_profile`` (most tests run without one and
    are about something else)."""
    db = tmp_path / "db.json"
    if demo and not db.exists():
        write_demo_database(db, NOW)
    if config is None:
        config, found = load_config()
        problems = found if problems is None else problems
    lock = AppLock(db)
    lock.acquire()
    return AfterwordApp(
        db, config, lock=lock, now=lambda: NOW, problems=problems, ask_profile=ask_profile
    )


async def wait_for(pilot: Pilot[Any], ready: Callable[[], bool], seconds: float = 5.0) -> None:
    """Pause until ``ready()`` holds; fail after ``seconds``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not ready():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {ready}")
        await pilot.pause(0.02)


async def loaded(pilot: Pilot[Any]) -> AfterwordApp:
    """Wait until the interviews are read and the first screen shows them."""
    app = pilot.app
    assert isinstance(app, AfterwordApp)
    await wait_for(pilot, lambda: app.library.loaded)
    await pilot.pause()
    await pilot.pause()
    return app


async def on_disk(app: AfterwordApp) -> dict[str, Interview]:
    """Wait until every change is written, then read what the database file holds (by id)."""
    await asyncio.wait_for(asyncio.to_thread(app.library.flush), timeout=10)
    repo = Repository.open(app.db_path, read_only=True)
    try:
        return {i.id: i for i in repo.interviews()}
    finally:
        repo.close()


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste ``text`` into the focused widget, as a terminal's bracketed paste does."""
    focused = pilot.app.focused
    assert focused is not None, "nothing has focus to paste into"
    focused.post_message(events.Paste(text))
    await pilot.pause()


def table(app: AfterwordApp, selector: str = "DataTable") -> DataTable[Any]:
    return app.screen.query_one(selector, DataTable)


def row_keys(grid: DataTable[Any]) -> list[str]:
    return [str(row.key.value) for row in grid.ordered_rows]


def row_text(grid: DataTable[Any], index: int) -> list[str]:
    return [str(getattr(cell, "plain", cell)).strip() for cell in grid.get_row_at(index)]


def cursor_key(grid: DataTable[Any]) -> str:
    return str(grid.coordinate_to_cell_key(grid.cursor_coordinate).row_key.value)


def static_text(app: AfterwordApp, selector: str) -> str:
    """The text a Static shows (markup removed)."""
    widget = app.screen.query_one(selector, Static)
    content = widget.render()
    return str(getattr(content, "plain", content))


def screen_text(app: AfterwordApp) -> str:
    """Everything visible on the current screen, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notes(app: AfterwordApp) -> list[str]:
    """The messages of the notifications raised so far (still shown or not)."""
    return [n.message for n in app._notifications]


def find(app: AfterwordApp, company: str, role: str = "") -> Interview:
    """The one interview of ``company`` (and ``role``) in the app's library."""
    hits = [
        i
        for i in app.library.interviews.values()
        if i.company == company and (not role or i.role == role)
    ]
    assert len(hits) == 1, f"{len(hits)} interviews of {company} {role}"
    return hits[0]


def without_rev(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """What the records say, apart from their revision (raised by every save, an undo's too)."""
    return {key: {k: v for k, v in doc.items() if k != "rev"} for key, doc in records.items()}


def snapshot(app: AfterwordApp) -> dict[str, dict[str, Any]]:
    """The records as the user sees them: without ``rev``, which every save raises (an undo
    too: it is a change of its own)."""
    return without_rev({k: interview_to_dict(i) for k, i in app.library.interviews.items()})
