"""`n`: the new-interview form, its checks, and the follow-ups it schedules at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input

from afterword.tui.app import AfterwordApp
from afterword.tui.screens.quick_debrief import QuickDebriefScreen
from afterword.tui.screens.today import TodayScreen
from tests.tui.helpers import (
    SIZE,
    find,
    loaded,
    make_app,
    notes,
    on_disk,
    paste,
    row_keys,
    snapshot,
    static_text,
    table,
)

WHO = "Dana Whitfield <dana@acme.example>, Lee Park"


def focused_id(app: AfterwordApp) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_n_opens_the_form_in_company_and_refuses_what_it_cannot_save(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        before = snapshot(app)
        await pilot.press("n")
        assert isinstance(app.screen, QuickDebriefScreen)
        assert focused_id(app) == "company"
        await pilot.press("tab", "tab")  # tab walks the fields in order
        assert focused_id(app) == "when"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuickDebriefScreen)  # not saved, still open
        assert static_text(app, "#company-problem") == "Company is required"
        assert focused_id(app) == "company"
        assert snapshot(app) == before
        # A when it cannot read is refused at that field.
        await paste(pilot, "Zephyr Works")
        await pilot.press("tab", "tab")
        await paste(pilot, "whenever")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, QuickDebriefScreen)
        assert static_text(app, "#company-problem") == ""
        assert 'Cannot read "whenever"' in static_text(app, "#when-meaning")
        assert focused_id(app) == "when"
        assert snapshot(app) == before
        # escape leaves without saving anything.
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        assert snapshot(app) == before


async def test_saving_schedules_the_follow_ups_and_today_shows_them(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await paste(pilot, "Zephyr Works")
        await pilot.press("tab")
        assert focused_id(app) == "role"
        await paste(pilot, "Backend Engineer")
        await pilot.press("tab")
        await paste(pilot, "today 10am")
        assert static_text(app, "#when-meaning") == "→ Wed 25 Nov 2026, 10:00"
        await pilot.press("tab")
        assert focused_id(app) == "who"
        await paste(pilot, WHO)
        assert app.screen.query_one("#who", Input).value == WHO
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TodayScreen)

        new = find(app, "Zephyr Works")
        assert (new.role, new.when, new.status) == (
            "Backend Engineer",
            datetime(2026, 11, 25, 10, 0),
            "active",
        )
        assert [(p.name, p.email) for p in new.interviewers] == [
            ("Dana Whitfield", "dana@acme.example"),
            ("Lee Park", ""),
        ]
        # Rules 1, 3 and 4: a thank-you each (T + 24 h), Lee's address (T + 12 h), and a
        # check-in 5 business days after the interview's date at 09:00 (no decision date).
        plan = sorted((f.kind, f.person, f.due) for f in new.follow_ups)
        assert plan == [
            ("check_in", "Dana Whitfield", datetime(2026, 12, 2, 9, 0)),
            ("find_email", "Lee Park", datetime(2026, 11, 25, 22, 0)),
            ("thank_you", "Dana Whitfield", datetime(2026, 11, 26, 10, 0)),
            ("thank_you", "Lee Park", datetime(2026, 11, 26, 10, 0)),
        ]
        assert all(f.is_open for f in new.follow_ups)
        assert "Saved Zephyr Works: 4 follow-up(s) scheduled." in notes(app)

        shown = row_keys(table(app, "#agenda"))
        for item in new.follow_ups:
            assert f"{new.id}/{item.id}" in shown
        find_email = next(f for f in new.follow_ups if f.kind == "find_email")
        keys_today = shown[shown.index("§Today") : shown.index("§Next 7 days")]
        assert f"{new.id}/{find_email.id}" in keys_today

        saved = (await on_disk(app))[new.id]
        assert sorted((f.kind, f.person, f.due) for f in saved.follow_ups) == plan
        await pilot.press("u")  # undo takes the new interview away again
        assert new.id not in app.library.interviews
        assert new.id not in await on_disk(app)
