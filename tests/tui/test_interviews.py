"""Interviews: moving, searching, filtering, sorting, opening, status, delete and undo."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from afterword.domain.model import CLOSED_STATUSES
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.detail import DetailScreen
from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from afterword.tui.screens.interviews import InterviewsScreen, haystack, next_follow_up
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    paste,
    row_keys,
    static_text,
    table,
)


def shown(app: AfterwordApp) -> list[str]:
    return row_keys(table(app, "#interviews"))


def active(app: AfterwordApp) -> list[str]:
    """The interviews the default filter shows: every status but the closed ones."""
    return [k for k, i in app.library.interviews.items() if i.status not in CLOSED_STATUSES]


def matching(app: AfterwordApp, text: str) -> set[str]:
    return {k for k in active(app) if text in haystack(app.library.get(k))}


def companies(app: AfterwordApp) -> list[str]:
    return [app.library.get(key).company for key in shown(app)]


async def open_interviews(pilot: Pilot[Any]) -> AfterwordApp:
    app = await loaded(pilot)
    await pilot.press("i")
    assert isinstance(app.screen, InterviewsScreen)
    return app


async def test_j_k_g_G_move_the_cursor_and_enter_opens_the_row(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        grid = table(app, "#interviews")
        assert grid.cursor_row == 0
        await pilot.press("j", "j", "j")
        assert grid.cursor_row == 3
        await pilot.press("k")
        assert grid.cursor_row == 2
        await pilot.press("G")
        assert grid.cursor_row == grid.row_count - 1 == 20
        await pilot.press("g")
        assert grid.cursor_row == 0
        await pilot.press("down", "j")
        assert grid.cursor_row == 2
        # enter opens the row under the cursor; escape comes back to it.
        chosen = cursor_key(grid)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.interview_id == chosen
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert cursor_key(table(app, "#interviews")) == chosen


async def test_slash_filters_by_company_or_person_and_escape_clears(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        every = len(active(app))
        assert len(shown(app)) == every > 10
        await pilot.press("slash")
        assert app.focused is not None and app.focused.id == "search"
        await pilot.press("a", "c")
        assert set(shown(app)) == matching(app, "ac")
        assert len(matching(app, "acme")) < len(shown(app)) < every
        await pilot.press("m", "e")
        acme = matching(app, "acme")
        assert set(shown(app)) == acme
        assert {app.library.get(k).company for k in acme} == {"Acme Robotics"}
        assert f"{len(acme)} shown" in static_text(app, "#interviews-state")
        await pilot.press("escape")
        assert len(shown(app)) == every
        assert not app.screen.query_one("#search").display
        assert app.focused is table(app, "#interviews")
        assert app.screen.query_one("#search").value == ""  # type: ignore[attr-defined]
        # A person's name finds the interview where the user met them.
        await pilot.press("slash")
        await paste(pilot, "lindqvist")
        assert companies(app) == ["Pebble Games"]
        pebble = find(app, "Pebble Games")
        assert "Marcus Lindqvist" in [p.name for p in pebble.interviewers]
        # enter leaves the search (the filter stays) and a second enter opens the interview.
        await pilot.press("enter")
        assert app.focused is table(app, "#interviews")
        assert shown(app) == [pebble.id]
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.interview_id == pebble.id


async def test_f_cycles_the_filter_and_o_the_sort(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        assert sorted(shown(app)) == sorted(active(app))
        assert "offer" in {app.library.get(k).status for k in shown(app)}  # offers are open
        await pilot.press("f")
        assert len(shown(app)) == len(app.library.interviews) == 25
        assert "all" in static_text(app, "#interviews-state")
        await pilot.press("f")
        statuses = [app.library.get(k).status for k in shown(app)]
        assert set(statuses) == set(CLOSED_STATUSES)  # the demo has one of each
        assert len(statuses) == 25 - len(active(app))
        await pilot.press("f")
        assert sorted(shown(app)) == sorted(active(app))
        # `o`: newest first, by company, by the next follow-up, then newest first again.
        newest = sorted(active(app), key=lambda k: app.library.get(k).when, reverse=True)
        assert shown(app) == newest
        await pilot.press("o")
        assert "by company" in static_text(app, "#interviews-state")
        assert companies(app) == sorted(companies(app), key=str.casefold)
        assert companies(app)[0] == "Acme Robotics"
        assert shown(app) != newest
        await pilot.press("o")
        assert "by next follow-up" in static_text(app, "#interviews-state")

        def due(key: str) -> datetime:
            item = next_follow_up(app.library.get(key))
            return item.due if item else datetime.max

        dues = [due(k) for k in shown(app)]
        assert dues == sorted(dues)
        assert dues[0] < NOW  # the most overdue first
        assert dues[-1] == datetime.max  # nothing left to do: at the end
        await pilot.press("o")
        assert shown(app) == newest


async def test_status_rejected_closes_the_lead_and_one_u_brings_it_all_back(
    tmp_path: Path,
) -> None:
    """Schedule rule 6: closing a lead cancels the open follow-ups of all its rounds that no
    longer make sense, each with its reason; one `u` restores every round."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        rounds = [
            i
            for i in app.library.interviews.values()
            if (i.company, i.role) == ("Larkspur Energy", "Infrastructure Engineer")
        ]
        later = max(rounds, key=lambda i: i.when)  # the later round is closed
        assert len(rounds) == 2 and later.open_follow_ups()
        before = {i.id: copy.deepcopy(i) for i in rounds}
        open_ids = {f.id for i in rounds for f in i.follow_ups if f.is_open}
        await pilot.press("slash")
        await paste(pilot, "larkspur")
        await pilot.press("enter")
        await pilot.pause()
        table(app, "#interviews").move_cursor(row=shown(app).index(later.id))
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("down", "down", "down", "enter")  # active → offer → accepted → rejected
        assert isinstance(app.screen, InterviewsScreen)
        for interview_id in before:
            now = app.library.get(interview_id)
            assert now.status == "rejected"
            for item in now.follow_ups:
                if item.id in open_ids:
                    assert item.cancelled and item.reason == "the lead is rejected", item
        said = (
            "Larkspur Energy is now rejected, with its 1 other round. "
            f"Cancelled {len(open_ids)} open follow-ups: the lead is rejected."
        )
        assert notes(app)[-1] == said
        assert not set(shown(app)) & set(before)  # no longer active: the filter hides them
        saved = (await on_disk(app))[later.id]
        assert saved.status == "rejected"
        assert {f.id for f in saved.follow_ups if f.cancelled} >= open_ids & {
            f.id for f in later.follow_ups
        }
        assert {f.reason for f in saved.follow_ups if f.cancelled} == {"the lead is rejected"}
        await pilot.press("u")  # one step back: every round, every follow-up
        # as they were, but for the revision (the undo is a save of its own)
        assert {i: replace(app.library.get(i), rev=before[i].rev) for i in before} == before
        assert notes(app)[-1] == "Undone: marked Larkspur Energy rejected."
        stored = (await on_disk(app))[later.id]  # as it was, two revisions on (change, undo)
        assert dataclasses.replace(stored, rev=0) == dataclasses.replace(before[later.id], rev=0)
        assert stored.rev == before[later.id].rev + 2


async def test_D_asks_then_deletes_and_u_undoes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        await pilot.press("j")
        victim = app.library.get(cursor_key(table(app, "#interviews")))
        # `n` says no: nothing happens.
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDialog)
        assert victim.company in app.screen.question
        await pilot.press("n")
        assert victim.id in app.library.interviews and victim.id in shown(app)
        # `y` says yes.
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert isinstance(app.screen, InterviewsScreen)
        assert victim.id not in app.library.interviews
        assert victim.id not in shown(app)
        assert f"Deleted {victim.company}. Press u to undo." in notes(app)
        assert victim.id not in await on_disk(app)
        await pilot.press("u")
        assert app.library.get(victim.id) == victim
        assert victim.id in shown(app)
        assert (await on_disk(app))[victim.id] == victim


async def test_a_status_change_in_the_detail_shows_back_in_the_list(tmp_path: Path) -> None:
    """Regression: the list had no on_screen_resume and stayed stale after a detail."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        first = cursor_key(table(app, "#interviews"))
        await pilot.press("enter", "s", "down", "down", "down", "enter")
        assert app.library.get(first).status == "rejected"
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewsScreen)
        assert first not in shown(app)


async def test_enter_never_confirms_a_delete(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await pilot.pause(0.2)
        count = len(app.library.interviews)
        await pilot.press("D")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert len(app.library.interviews) == count
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, InterviewsScreen)


async def test_slash_finds_a_word_of_the_notes_read_off_the_ui_thread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewsScreen) and not screen._hay  # nothing read yet
        noted = next(i for i in app.library.interviews.values() if len(i.debrief.notes.split()) > 3)
        word = max(noted.debrief.notes.split(), key=len).strip(".,;:!?()").casefold()
        await pilot.press("slash")
        await paste(pilot, word)
        for _ in range(40):  # the notes are read in a worker; the list follows
            if noted.id in shown(app):
                break
            await pilot.pause(0.05)
        assert set(shown(app)) == matching(app, word) and noted.id in shown(app)
        assert len(screen._hay) == len(app.library.summaries)  # every one read once


async def test_letters_typed_right_after_slash_go_to_the_search(tmp_path: Path) -> None:
    from textual import events

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app = await open_interviews(pilot)
        for key, char in [("slash", "/"), ("n", "n"), ("o", "o"), ("slash", "/"), ("x", "x")]:
            app.post_message(events.Key(key, char))  # all at once, as a fast typist's burst
        await pilot.pause(0.3)
        assert isinstance(app.screen, InterviewsScreen)  # `n` did not open a new debrief
        assert app.screen.query_one("#search", Input).value == "no/x"
