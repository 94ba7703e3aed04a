"""An exception nobody expected inside a background worker: the app stays up, says what failed
in one sentence (the exception's type, never its message), and nothing typed is lost.

The function each worker calls is replaced by one that raises, with planted text in its message:
the draft-preparation worker (its error reaches the app's handler of failed workers) and the
send worker (the transport raises in the middle of a send).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from afterword.compose import sending
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.emails import EmailsScreen
from tests.faults.helpers import assert_nothing_lost
from tests.tui.helpers import SIZE, loaded, make_app, notes, on_disk, paste, wait_for
from tests.tui.test_emails import acme, open_acme, settings

PLANTED = "".join(["Pangolin", "-pr1vate-", "words"])
TYPED = "PS: the quorum reads question kept me thinking"


def boom(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError(f"unexpected: {PLANTED}")


def failure_notes(app: Any) -> list[str]:
    return [n for n in notes(app) if "failed unexpectedly" in n]


def assert_one_sentence(note: str, *needles: str) -> None:
    assert PLANTED not in note, note  # the type is named, the message is not shown
    assert "\n" not in note and note.count(". ") == 0 and note.endswith("."), note
    for needle in needles:
        assert needle in note, note


@pytest.mark.fault("an exception inside the draft-preparation worker")
async def test_a_failing_worker_is_named_and_the_app_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("afterword.compose.drafts.prepare_drafts", boom)
    app = make_app(tmp_path, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        acknowledged = dict(app.library.interviews)
        interview = acme(None)
        app.library.put(interview, "Added Acme")
        await app.open_drafts(interview.id)
        assert isinstance(app.screen, EmailsScreen)
        await wait_for(pilot, lambda: bool(failure_notes(app)), seconds=15)
        (note,) = failure_notes(app)
        assert_one_sentence(note, "Preparing the emails", "RuntimeError")
        assert app.is_running and not app.crashed
        # the screen stops waiting: no body left "loading" for ever
        body = app.screen.query_one("#d-body", TextArea)
        await wait_for(pilot, lambda: not body.loading)

        # the app goes on: back to Today, a new debrief typed and saved
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, EmailsScreen))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await paste(pilot, "Zephyr Works")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, DebriefScreen), seconds=10)
        stored = await on_disk(app)
        assert "Zephyr Works" in {i.company for i in stored.values()}
        assert interview.id in stored
    assert app.return_code in (0, None)
    assert_nothing_lost(app.db_path, [*acknowledged, interview.id])


@pytest.mark.fault("an exception inside the send worker")
async def test_a_send_that_raises_keeps_the_typed_text_and_is_never_resent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sending.SmtpTransport, "send", boom)
    config = settings(smtp_host="127.0.0.1", smtp_port=9, smtp_security="none")
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        interview = acme(None)
        screen = await open_acme(pilot, interview, person="Dana Whitfield")
        area = screen.query_one("#d-body", TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await paste(pilot, TYPED)
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SendDialog")
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(failure_notes(app)), seconds=15)
        (note,) = failure_notes(app)
        assert_one_sentence(note, "RuntimeError")
        assert app.is_running and not app.crashed
        assert TYPED in area.text  # still in the editor
        stored = (await on_disk(app))[interview.id]
        (draft,) = [d for d in stored.drafts if d.person == "Dana Whitfield"]
        assert TYPED in draft.body  # and on disk
        assert draft.state == "unknown"  # it may have gone out: never sent again by itself
        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ChoiceDialog")
        await pilot.press("escape")
    assert_nothing_lost(app.db_path, [stored])
