"""The app open while another writer (the shell, a sync tool) changes the same database: the app
shows the change within a second or two, keeps the cursor, the open form and the undo history,
and its own next save keeps both changes."""

from __future__ import annotations

import asyncio
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword.demo import write_demo_database
from afterword.domain.model import Interview
from afterword.store.repository import Repository
from afterword.tui.screens.dialogs import ConfirmDialog
from tests.tui.helpers import (
    NOW,
    SIZE,
    cursor_key,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    row_keys,
    table,
    wait_for,
)

SHOWN_WITHIN = 2.0  # seconds: the app looks twice a second


async def elsewhere(db: Path, interview_id: str, edit: Any) -> None:
    """What `afterword done`, `snooze` and the like do: open, change one record, save (off the
    event loop: the save waits its turn for the lock)."""

    def run() -> None:
        with Repository.open(db) as repo:
            interview = repo.get(interview_id)
            edit(interview)
            repo.save(interview)

    await asyncio.to_thread(run)


def done_item(interview: Interview, item_id: str) -> None:
    next(f for f in interview.follow_ups if f.id == item_id).done_at = NOW


async def test_a_change_from_the_shell_shows_keeps_the_cursor_and_both_changes_stay(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        items = [k for k in row_keys(grid) if "/" in k]
        shell_key, app_key = items[0], items[2]
        grid.move_cursor(row=row_keys(grid).index(app_key))
        await pilot.pause()
        shell_interview, _, shell_item = shell_key.partition("/")
        company = app.library.get(shell_interview).company

        await elsewhere(app.db_path, shell_interview, lambda i: done_item(i, shell_item))
        await wait_for(pilot, lambda: shell_key not in row_keys(grid), SHOWN_WITHIN)
        assert f"Changed elsewhere: {company}." in notes(app)
        assert cursor_key(grid) == app_key, "the cursor stays on its row"

        await pilot.press("x")  # the app's own change, saved over the shell's
        app_interview, _, app_item = app_key.partition("/")
        saved = await on_disk(app)
        shell_follow_up = next(f for f in saved[shell_interview].follow_ups if f.id == shell_item)
        app_follow_up = next(f for f in saved[app_interview].follow_ups if f.id == app_item)
        assert shell_follow_up.done_at is not None and app_follow_up.done_at is not None
        # and the app holds the revisions the file has
        assert {i: x.rev for i, x in saved.items()} == {
            i: x.rev for i, x in app.library.interviews.items()
        }


async def test_undo_of_a_record_changed_elsewhere_since_asks_first(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        key = next(k for k in row_keys(grid) if "/" in k)
        grid.move_cursor(row=row_keys(grid).index(key))
        await pilot.pause()
        interview_id, _, _ = key.partition("/")
        await pilot.press("x")
        await on_disk(app)
        await elsewhere(app.db_path, interview_id, lambda i: setattr(i, "role", "Lead"))
        await wait_for(pilot, lambda: app.library.get(interview_id).role == "Lead", SHOWN_WITHIN)

        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert "changed elsewhere" in str(app.screen.question)
        await pilot.press("n")  # no: nothing undone
        await pilot.pause()
        assert len(app.library.undo_stack) == 1
        assert app.library.get(interview_id).role == "Lead"

        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.library.undo_stack)
        assert notes(app)[-1].startswith("Undone: marked done")
        saved = (await on_disk(app))[interview_id]
        assert saved.role != "Lead"  # the user said yes: taken back with it


async def test_an_undo_of_an_untouched_record_asks_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        keys = [k for k in row_keys(grid) if "/" in k]
        grid.move_cursor(row=row_keys(grid).index(keys[0]))
        await pilot.pause()
        await pilot.press("x")
        await on_disk(app)
        other = next(
            i for i in app.library.interviews if i not in {k.partition("/")[0] for k in keys[:1]}
        )
        await elsewhere(app.db_path, other, lambda i: setattr(i, "role", "Lead"))
        await wait_for(pilot, lambda: app.library.get(other).role == "Lead", SHOWN_WITHIN)
        await pilot.press("u")
        await wait_for(pilot, lambda: not app.library.undo_stack)
        assert not isinstance(app.screen, ConfirmDialog)
        assert (await on_disk(app))[other].role == "Lead"  # and the other change stays


async def test_a_form_open_while_the_record_changes_elsewhere_keeps_both(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        target = find(app, "Ridgeback Security")
        await app.open_debrief(target.id)
        await pilot.pause()
        assert app.screen.sub_title == "Edit debrief"
        # elsewhere: the status and the role (the form shows the role: both change it)
        await elsewhere(
            app.db_path,
            target.id,
            lambda i: (setattr(i, "status", "offer"), setattr(i, "role", "Their role")),
        )
        await wait_for(pilot, lambda: app.library.get(target.id).status == "offer", SHOWN_WITHIN)
        assert app.screen.sub_title == "Edit debrief", "the form stays open"
        form = app.screen
        role = form.query_one("#f-role")
        role.value = "My role"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        saved = (await on_disk(app))[target.id]
        assert saved.status == "offer", "the change made elsewhere is kept"
        assert saved.role == "My role", "the form's value shows"
        assert [(c.path, c.theirs) for c in saved.conflicts] == [("role", "Their role")]
        assert any("changed elsewhere while you edited" in n for n in notes(app))


async def test_a_delete_of_a_record_changed_elsewhere_keeps_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        target = find(app, "Ridgeback Security")
        app.library.flush()
        # changed elsewhere, and the app deletes it before it has looked
        with Repository.open(app.db_path) as repo:
            interview = repo.get(target.id)
            interview.role = "Changed there"
            repo.save(interview)
        app.library.delete(target.id)
        await wait_for(pilot, lambda: target.id in app.library.interviews, SHOWN_WITHIN)
        assert app.library.get(target.id).role == "Changed there"
        assert target.id in await on_disk(app)


async def test_a_file_of_another_history_put_in_place_loses_neither_side(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        ours = set(app.library.interviews)
        # another database (another lineage: its own history), put where ours is
        other = tmp_path / "other" / "db.json"
        other.parent.mkdir()
        write_demo_database(other, datetime(2026, 10, 1, 9, 0))
        with Repository.open(other) as repo:
            theirs = {i.id for i in repo.interviews()}
        assert not theirs & ours
        staged = app.db_path.with_name("staged.json")
        shutil.copyfile(other, staged)
        staged.replace(app.db_path)

        await wait_for(pilot, lambda: set(app.library.interviews) >= theirs, SHOWN_WITHIN)
        assert set(app.library.interviews) == ours | theirs
        saved = await on_disk(app)
        assert set(saved) == ours | theirs, "ours written back beside theirs"
        meta = json.loads(app.db_path.read_bytes())["_meta"]["1"]
        assert meta["generation"] > 1


async def test_a_restore_and_an_import_from_the_shell_show_in_the_open_app(
    tmp_path: Path,
) -> None:
    from afterword.cli import main
    from afterword.store.backups import Backups
    from afterword.store.restore import restore

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        backup = Backups(app.db_path).make(app.db_path.read_bytes(), "by-hand")
        gone = find(app, "Ridgeback Security")
        app.library.delete(gone.id)  # the app's change, which the restore takes back
        await on_disk(app)
        assert gone.id not in app.library.interviews

        await asyncio.to_thread(restore, app.db_path, str(backup), NOW)
        await wait_for(pilot, lambda: gone.id in app.library.interviews, SHOWN_WITHIN)

        # an import from the shell: the new interviews show too
        other = tmp_path / "other.json"
        write_demo_database(other, datetime(2026, 10, 1, 9, 0))
        exported = tmp_path / "export.json"
        assert (
            await asyncio.to_thread(main, ["--db", str(other), "export", "-o", str(exported)]) == 0
        )
        before = set(app.library.interviews)
        assert (
            await asyncio.to_thread(main, ["--db", str(app.db_path), "import", str(exported)]) == 0
        )
        await wait_for(pilot, lambda: len(app.library.interviews) > len(before), SHOWN_WITHIN)
        assert set(app.library.interviews) == set(await on_disk(app))


async def test_a_failed_save_is_tried_again_before_a_later_change_of_the_record(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """A later change of the same record must not go first: merged over a file without the
    earlier one, it would take the earlier one back."""
    from afterword.store.storage import SaveFailed

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        target = find(app, "Ridgeback Security")
        repo = app.library.repo
        assert repo is not None
        real_save = repo.save
        failing = [True]

        def save(interview: Interview, **how: Any) -> Any:
            if failing[0]:
                raise SaveFailed(repo.path, "no space left on the device")
            return real_save(interview, **how)

        monkeypatch.setattr(repo, "save", save)
        app.library.update(target.id, "role", lambda i: setattr(i, "role", "First"))
        # the failure is counted on the writer thread, then said on the UI thread
        await wait_for(pilot, lambda: any("no space left" in n for n in notes(app)))
        assert app.library.failures == 1
        app.library.update(target.id, "stage", lambda i: setattr(i, "stage", "Second"))
        await pilot.pause(0.3)
        failing[0] = False  # space freed
        await wait_for(pilot, lambda: "Saved the changes that were waiting." in notes(app), 5)
        saved = (await on_disk(app))[target.id]
        assert (saved.role, saved.stage) == ("First", "Second")
        assert (app.library.get(target.id).role, app.library.get(target.id).stage) == (
            "First",
            "Second",
        )
        # said once, not at every try; each change not on disk yet counted (a send checks)
        assert sum("no space left" in n for n in notes(app)) == 1
        assert app.library.failures == 2
