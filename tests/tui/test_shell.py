"""The shell: the first screen, switching screens, help, quitting, the first run, undo."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from afterword.domain.model import CLOSED_STATUSES
from afterword.errors import AfterwordError
from afterword.tui.app import YOUNG_OBJECTS, AfterwordApp
from afterword.tui.screens.help import HelpScreen
from afterword.tui.screens.interviews import InterviewsScreen
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.sectioned_table import SECTION
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    loaded,
    make_app,
    notes,
    row_keys,
    row_text,
    screen_text,
    static_text,
    table,
    wait_for,
)


async def test_opens_on_today_and_i_t_switch_screens(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.current_mode == "today"
        keys = row_keys(table(app, "#agenda"))
        assert keys[0] == f"{SECTION}Overdue"
        items = [k for k in keys if not k.startswith(SECTION)]
        assert len(items) >= 10
        assert all("/" in k for k in items)  # interview id / follow-up id
        # The cursor starts on the first item, not on the heading.
        assert cursor_key(table(app, "#agenda")) == keys[1]
        assert row_text(table(app, "#agenda"), 0)[0].startswith("Overdue (")
        assert app.sub_title == "Wed 25 Nov 2026"
        assert "Wed 25 Nov 2026" in screen_text(app).splitlines()[0]
        summary = static_text(app, "#summary")
        assert "overdue" in summary and "active in" in summary
        # `i` shows Interviews, `t` Today again.
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)
        open_ones = [i for i in app.library.interviews.values() if i.status not in CLOSED_STATUSES]
        assert table(app, "#interviews").row_count == len(open_ones) > 10
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("i")
        assert isinstance(app.screen, InterviewsScreen)


async def test_help_lists_the_screens_keys_and_escape_closes_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        grid = table(app, "#keys")
        rows = {tuple(row_text(grid, n)) for n in range(grid.row_count)}
        # keys that do the same share a row: "q, ctrl+q  Quit"
        keys = {(key, what) for keys, what in rows for key in keys.split(", ")}
        for row in [("x", "Done"), ("z", "Snooze"), ("t", "Today"), ("q", "Quit"), ("?", "Help")]:
            assert row in keys
        assert "Keys: Today" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        # On Interviews, help lists that screen's keys.
        await pilot.press("i", "question_mark")
        grid = table(app, "#keys")
        descriptions = {row_text(grid, n)[1] for n in range(grid.row_count)}
        assert {"Search", "Filter", "Sort", "Delete", "Status"} <= descriptions
        assert "Snooze" not in descriptions
        # `q` on the help screen closes it; it does not quit the app.
        await pilot.press("q")
        assert isinstance(app.screen, InterviewsScreen)
        assert app.return_code is None


async def test_q_quits(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.return_code is None
        await pilot.press("q")
        assert app.return_code == 0
    assert not app.is_running
    assert not app.library._writer.is_alive()  # the saver finished and let go


async def test_first_run_shows_the_welcome_panel_and_nothing_to_undo(tmp_path: Path) -> None:
    app = make_app(tmp_path, demo=False)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert table(app, "#agenda").row_count == 0
        empty = static_text(app, "#empty")
        assert "Welcome to Afterword" in empty
        assert "Press n" in empty
        assert app.screen.query_one("#empty").display
        shown = screen_text(app)
        assert "Press n to write the debrief" in shown
        await pilot.press("i")
        assert "No interviews yet" in static_text(app, "#empty")
        assert "Press n" in screen_text(app)
        await pilot.press("u")
        assert notes(app) == ["Nothing to undo."]
        assert app.library.interviews == {}


async def test_quitting_while_a_save_fails_neither_hangs_nor_hides_the_error(
    tmp_path: Path,
) -> None:
    """Regression: the saver reported through call_from_thread while the UI thread joined it
    on quit, which hung for the 60 s join timeout and lost the error."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert app.library.repo is not None

        def full_disk(interview: object, **how: object) -> None:
            time.sleep(0.2)
            raise AfterwordError("Could not save: no space left on the device.")

        app.library.repo.save = full_disk  # type: ignore[method-assign]
        writer = app.library._writer
        join = writer.join
        writer.join = lambda timeout=None: join(timeout=1)  # type: ignore[method-assign]
        await pilot.press("x", "q")
        quit_at = time.monotonic()
    assert time.monotonic() - quit_at < 0.8
    assert not writer.is_alive()
    assert any("no space left" in failure for failure in app.save_failures)  # cli prints them


async def test_help_says_that_enter_opens(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        grid = table(app, "#keys")
        keys = [row_text(grid, n)[0] for n in range(grid.row_count)]
        assert "enter" in keys


async def run_until_it_stops(app: AfterwordApp) -> None:
    """Run ``app`` until it ends by itself (a database it cannot read), for up to 5 s."""
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)


async def test_a_database_that_does_not_parse_stops_the_app_with_one_sentence(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    broken = b'{"interviews": {"1": '
    db.write_bytes(broken)
    app = make_app(tmp_path, demo=False)
    await run_until_it_stops(app)
    assert app.return_code == 2
    assert db.read_bytes() == broken  # never overwritten
    assert not app.library.loaded


async def test_the_garbage_collector_is_back_on_once_the_data_is_read(tmp_path: Path) -> None:
    """`run_app` stops the cycle collector for the start; reading the interviews turns it back
    on, with what was read frozen out of its full passes."""
    threshold = gc.get_threshold()
    gc.disable()
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
            assert gc.get_threshold()[0] == YOUNG_OBJECTS  # young passes off most keys
    finally:
        gc.enable()
        gc.unfreeze()
        gc.set_threshold(*threshold)


async def test_the_garbage_collector_is_back_on_when_the_data_cannot_be_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "db.json").write_bytes(b'{"interviews": {"1": ')
    gc.disable()
    try:
        app = make_app(tmp_path, demo=False)
        await run_until_it_stops(app)
        assert app.return_code == 2
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_run_app_stops_the_collector_before_textual_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is off while the app is built (checked where the app would run)."""
    from textual.app import App

    from afterword import cli

    seen: list[bool] = []

    def run(self: App[object], **options: object) -> None:
        seen.append(gc.isenabled())

    monkeypatch.setattr(App, "run", run)
    monkeypatch.setenv("AFTERWORD_CONFIG", str(tmp_path / "config.toml"))
    try:
        cli.run_app(tmp_path / "db.json")
    finally:
        gc.enable()
    assert seen == [False]


@pytest.mark.parametrize("demo", [True, False])
def test_quitting_the_demo_says_its_changes_are_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], demo: bool
) -> None:
    """One line once the app has given the terminal back: the demo's copy is gone (and
    nothing of the kind after a run on one's own data)."""
    from textual.app import App

    from afterword import cli

    def run(self: App[object], **options: object) -> None:
        assert self.title == ("Afterword (demo)" if demo else "Afterword")

    monkeypatch.setattr(App, "run", run)
    monkeypatch.setenv("AFTERWORD_CONFIG", str(tmp_path / "config.toml"))
    try:
        code = cli.main(["--demo"] if demo else ["--db", str(tmp_path / "db.json")])
    finally:
        gc.enable()
    assert code == 0
    err = capsys.readouterr().err
    if demo:
        gone = "afterword: the demo's changes are gone (it ran on a temporary copy)."
        assert err.splitlines() == [gone]
    else:
        assert "demo" not in err


async def test_notifications_of_textual_itself_keep_their_look_and_show_paths_as_text(
    tmp_path: Path,
) -> None:
    """The app's notifications are plain text; Textual's hint for ctrl+c keeps its bold key,
    and the palette's Screenshot names a folder with brackets as it is."""
    from textual.widgets._toast import Toast

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        (toast,) = app.screen.query(Toast)
        shown = toast.render()
        assert shown.plain == "Do you want to quit?\nPress ctrl+q to quit the app"
        assert any(span.style == "b" for span in shown.spans)
        app.clear_notifications()
        folder = tmp_path / "shots [" / "] [b]"  # …/shots [/] [b]: a closing tag
        folder.mkdir(parents=True)
        app.action_screenshot("screen.svg", str(folder))

        def saved() -> list[str]:
            shown = [t.render().plain for t in app.screen.query(Toast)]
            return [text for text in shown if text.startswith("Saved")]

        await wait_for(pilot, lambda: bool(saved()))
        assert saved() == [f"Saved screenshot to {folder / 'screen.svg'}"]
        assert app.is_running


@pytest.mark.parametrize(
    "name", ["db.sync-conflict-20261125-090000-ABC1234.json", "db (Dana's conflicted copy).json"]
)
async def test_a_sync_conflict_copy_beside_the_database_is_said_at_start(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_bytes(b"{}")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        said = [n for n in notes(app) if "sync conflict" in n]
        assert len(said) == 1, notes(app)
        assert f"is beside it: {name};" in said[0] and "`afterword merge " in said[0]
