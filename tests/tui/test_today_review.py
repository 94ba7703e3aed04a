"""The morning review on Today: reply, status, close-out, a missing address, bad phrases,
the nudges, and every key in the bar."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.widgets import Label

from afterword.domain.model import STATUSES, Interview
from afterword.domain.schedule import reschedule
from afterword.domain.summary import quiet_leads
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.address import AddressDialog
from afterword.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, PhraseDialog
from afterword.tui.screens.today import TodayScreen
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.sectioned_table import SECTION
from tests.conftest import NOW
from tests.tui.helpers import (
    SIZE,
    cursor_key,
    loaded,
    make_app,
    notes,
    on_disk,
    row_keys,
    screen_text,
    snapshot,
    static_text,
    table,
    wait_for,
)


def rows_of(app: AfterwordApp, kind: str) -> list[str]:
    """Agenda row keys whose follow-up is of ``kind``, top to bottom."""
    out = []
    for key in row_keys(table(app, "#agenda")):
        if key.startswith(SECTION):
            continue
        interview_id, _, item_id = key.partition("/")
        item = next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)
        if item.kind == kind:
            out.append(key)
    return out


async def select(app: AfterwordApp, key: str) -> None:
    grid = table(app, "#agenda")
    grid.move_cursor(row=row_keys(grid).index(key))


def open_check_ins(interview: Interview) -> list[str]:
    return [f.id for f in interview.follow_ups if f.kind == "check_in" and f.is_open]


async def test_every_key_of_today_is_in_the_bar_or_in_help(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:  # wide: the bar leaves nothing out
        await loaded(pilot)
        shown = {key for key, _, _, _ in app.screen.query_one(KeyBar).shown_keys()}
        for key in ("enter", "x", "z", "r", "s", "o", "e", "c", "i", "n", "u", "question_mark"):
            assert key in shown, key
        assert "a" not in shown  # rarely used: in help and the palette
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = screen_text(app)
        for key, words in (("a", "Add"), ("o", "Close out"), ("r", "Replied"), ("c", "Calendar")):
            assert re.search(rf"\b{key}\b.*{words}", help_text), (key, help_text)


async def test_a_phrase_not_understood_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = snapshot(app)
        await pilot.press("z", *"next blursday", "enter")
        assert isinstance(app.screen, PhraseDialog)  # still open: the phrase can be mended
        meaning = static_text(app, "#meaning")
        assert "blursday" in meaning.lower() or "not understood" in meaning.lower(), meaning
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        assert snapshot(app) == before
        # A time already past is refused too.
        await pilot.press("z", *"yesterday", "enter")
        assert isinstance(app.screen, PhraseDialog)
        assert "past" in static_text(app, "#meaning")
        await pilot.press("escape")
        assert snapshot(app) == before


async def test_r_records_a_reply_and_cancels_the_check_ins(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        key = rows_of(app, "check_in")[0]
        interview_id = key.split("/")[0]
        assert open_check_ins(app.library.get(interview_id))
        await select(app, key)
        await pilot.press("r")
        interview = app.library.get(interview_id)
        assert interview.replied_at == NOW
        assert open_check_ins(interview) == []
        assert key not in row_keys(table(app, "#agenda"))
        assert any(re.search(r"\d check-ins? cancelled\.", n) for n in notes(app))
        saved = (await on_disk(app))[interview_id]
        assert saved.replied_at == NOW and open_check_ins(saved) == []
        await pilot.press("u")  # and it can be taken back
        assert app.library.get(interview_id).replied_at is None
        assert key in row_keys(table(app, "#agenda"))


async def test_s_changes_the_status_and_a_closed_lead_leaves_the_check_ins(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        key = rows_of(app, "check_in")[0]
        interview_id = key.split("/")[0]
        await select(app, key)
        await pilot.press("s")
        assert isinstance(app.screen, ChoiceDialog)
        await wait_for(pilot, lambda: app.screen.query("OptionList").first().has_focus)
        # The list starts on the current status (active).
        await pilot.press(*["down"] * STATUSES.index("rejected"), "enter")
        interview = app.library.get(interview_id)
        assert interview.status == "rejected"
        assert open_check_ins(interview) == []
        assert key not in row_keys(table(app, "#agenda"))
        assert (await on_disk(app))[interview_id].status == "rejected"


async def test_after_the_last_check_in_o_closes_the_lead_out(tmp_path: Path) -> None:
    from afterword.tui.screens.emails import EmailsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        key = rows_of(app, "check_in")[0]
        interview_id = key.split("/")[0]
        await select(app, key)
        await pilot.press("x")  # the first check-in: the second is scheduled (rule 5)
        second = open_check_ins(app.library.get(interview_id))
        assert len(second) == 1
        assert not any("Press o" in n for n in notes(app))
        await select(app, f"{interview_id}/{second[0]}")
        await pilot.press("x")  # the last one, days ahead: asked first, then the close-out
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert open_check_ins(app.library.get(interview_id)) == []
        assert any("last check-in" in n and "Press o" in n for n in notes(app))
        # The cursor moved on to another lead; `o` still means the one just offered.
        assert not cursor_key(table(app, "#agenda")).startswith(interview_id)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        interview = app.library.get(interview_id)
        assert interview.status == "cold"
        assert any(d.template == "close-out" for d in interview.drafts)
        assert (await on_disk(app))[interview_id].status == "cold"
        # One `u` takes back the close-out and the note drafted for it.
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        await pilot.press("u")
        interview = app.library.get(interview_id)
        assert interview.status == "active"
        assert not any(d.template == "close-out" for d in interview.drafts)
        assert any(n.startswith("Undone: closed out") for n in notes(app)), notes(app)
        on_file = (await on_disk(app))[interview_id]
        assert on_file.status == "active"
        assert not any(d.template == "close-out" for d in on_file.drafts)
        await pilot.press("u")  # the step before it: the check-in marked done
        assert any(n.startswith("Undone: marked done: Check in") for n in notes(app)), notes(app)


async def test_enter_on_a_missing_address_asks_for_it_and_keeps_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # An interviewer at a company with other known addresses loses theirs.
        target = next(
            i
            for i in app.library.interviews.values()
            if i.recruiter is None
            and len(i.interviewers) >= 2
            and all(p.email for p in i.interviewers)
            and i.is_active
        )
        name = target.interviewers[0].name
        colleague = target.interviewers[1].email

        def forget(i: Interview) -> None:
            i.interviewers[0].email = ""
            i.when = NOW.replace(hour=7)  # fresh: its follow-ups show on Today
            reschedule(i, NOW)

        app.library.update(target.id, "Forgot an address", forget)
        await pilot.pause()
        key = next(k for k in rows_of(app, "find_email") if k.startswith(target.id))
        await select(app, key)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AddressDialog))
        dialog = app.screen
        assert isinstance(dialog, AddressDialog)
        assert dialog.guess is not None and dialog.guess.address.endswith(colleague.split("@")[1])
        await pilot.press(*"not an address", "enter")
        assert isinstance(app.screen, AddressDialog)  # refused, at the field
        assert static_text(app, "#problem")
        await pilot.press("ctrl+u", "ctrl+n")  # the guess goes into the field
        await pilot.press("enter")
        assert isinstance(app.screen, TodayScreen)
        interview = app.library.get(target.id)
        person = next(p for p in interview.interviewers if p.name == name)
        assert person.email == dialog.guess.address
        found = next(f for f in interview.follow_ups if f.kind == "find_email")
        assert found.done_at == NOW
        assert key not in row_keys(table(app, "#agenda"))
        saved = (await on_disk(app))[target.id]
        assert saved.interviewers[0].email == dialog.guess.address


async def test_the_summary_nudges_about_few_and_quiet_leads(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        quiet = quiet_leads(app.library.summaries.values(), NOW, app.config.ui.quiet_days)
        assert quiet, "the demo data has a lead quiet for two weeks"
        summary = static_text(app, "#summary")
        company, days = quiet[0]
        assert f"{company} quiet for {days} days" in summary
        # Closing that lead out takes it off the nudge.
        for interview in list(app.library.interviews.values()):
            if interview.company == company:
                app.library.update(interview.id, "cold", lambda i: setattr(i, "status", "cold"))
        await pilot.pause()
        assert f"{company} quiet" not in static_text(app, "#summary")


async def test_an_empty_day_says_so_and_names_the_next_item(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        # Push every open follow-up to next month.
        later = NOW.replace(month=12, day=28)
        for interview in list(app.library.interviews.values()):

            def push(i: Interview) -> None:
                for f in i.follow_ups:
                    if f.is_open:
                        f.due = later
                        f.snoozed = True

            app.library.update(interview.id, "later", push)
        await pilot.pause()
        empty = static_text(app, "#empty")
        assert "Nothing due today" in empty
        assert "Next:" in empty
        assert not table(app, "#agenda").display


async def test_with_nothing_open_anywhere_the_day_says_so_without_a_next_item(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for interview in list(app.library.interviews.values()):

            def close_all(i: Interview) -> None:
                for f in i.follow_ups:
                    if f.is_open:
                        f.cancelled = True

            app.library.update(interview.id, "closed", close_all)
        await pilot.pause()
        assert app.is_running
        empty = static_text(app, "#empty")
        assert "Nothing due today" in empty
        assert "Next:" not in empty


async def test_enter_typed_right_after_j_opens_the_row_j_moved_to(tmp_path: Path) -> None:
    """Keys in one burst (a fast typist, a paste, tmux send-keys): `enter` is a priority
    binding, yet it must act on the row the `j` before it moved to."""
    from textual import events

    from afterword.tui.screens.emails import EmailsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        grid = table(app, "#agenda")
        keys = row_keys(grid)
        # a row, then an email row right below it
        first = next(
            n
            for n in range(1, len(keys) - 1)
            if not keys[n].startswith(SECTION)
            and keys[n + 1] in rows_of(app, "thank_you") + rows_of(app, "check_in")
        )
        grid.move_cursor(row=first)
        await pilot.pause()
        wanted = keys[first + 1].partition("/")[0]
        app.post_message(events.Key("j", "j"))
        app.post_message(events.Key("enter", "\r"))
        await wait_for(pilot, lambda: isinstance(app.screen, EmailsScreen))
        assert app.screen.interview_id == wanted  # type: ignore[attr-defined]
        body = app.screen.query_one("#d-body")
        await wait_for(pilot, lambda: not body.loading)  # settled before the app closes
        await pilot.pause()


async def test_x_on_a_check_in_days_ahead_asks_first_and_u_names_what_it_undid(
    tmp_path: Path,
) -> None:
    """Rule 5: marking a check-in done more than a day early asks; `n` changes nothing."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        ahead = [
            key
            for key in rows_of(app, "check_in")
            if (item_of(app, key).due.date() - NOW.date()).days > 1
        ]
        assert ahead, "the demo has a check-in a few days ahead"
        key = ahead[0]
        item = item_of(app, key)
        await select(app, key)
        before = snapshot(app)
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        question = app.screen.query_one(".dialog-title", Label).render()
        assert str(question).startswith(f"{item.title} ({item.person}, ")
        assert str(question).endswith("Mark it done already?")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert snapshot(app) == before  # nothing changed
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert item_of(app, key).done_at == NOW
        # The next one counts from the day it was due, not from today (rule 5).
        follow = [f for f in app.library.get(key.split("/")[0]).follow_ups if f.is_open]
        nxt = [f for f in follow if f.kind == "check_in"]
        if nxt:
            assert nxt[0].due.date() > item.due.date()
        await pilot.press("u")
        assert notes(app)[-1] == f"Undone: marked done: {item.title} · {item.person}."
        assert snapshot(app) == before


async def test_x_on_a_check_in_due_tomorrow_does_not_ask(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        late = rows_of(app, "check_in")[0]  # overdue: nothing early about it
        await select(app, late)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert item_of(app, late).done_at == NOW


def item_of(app: AfterwordApp, key: str) -> Any:
    interview_id, _, item_id = key.partition("/")
    return next(f for f in app.library.get(interview_id).follow_ups if f.id == item_id)
