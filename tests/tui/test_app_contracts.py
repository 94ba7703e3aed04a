"""What the app and its screens agree on (tui/base.py): the hooks with their defaults, the app's
signals heard by every screen, a failed worker said whatever screen ran it; and the words a
restore offer shows and the dictionary is given."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from afterword.domain.model import Interview, Person, Recruiter
from afterword.domain.summary import summarize
from afterword.tui.base import AfterwordModal, AfterwordScreen, AppSignal
from afterword.tui.dictionary import known_words
from afterword.tui.recovery_offers import changed_words
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for


class Heard(AfterwordScreen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("heard")

    def refresh_data(self) -> None:
        self.heard.append("refresh")

    def spelling_ready(self) -> None:
        self.heard.append("spelling")

    def save_unsaved_now(self) -> None:
        self.heard.append("stopping")

    def fail(self) -> None:
        self.run_worker(boom, thread=True, exit_on_error=False, name="boom")


class Dialog(AfterwordModal[None]):
    def compose(self) -> ComposeResult:
        yield Static("dialog")

    def fail(self) -> None:
        self.run_worker(boom, thread=True, exit_on_error=False, name="boom")


def boom() -> None:
    raise LookupError("on purpose")


async def test_the_screen_shown_refreshes_every_screen_hears_spelling_and_stopping(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        under, top = Heard(), Heard()
        await app.push_screen(under)
        await app.push_screen(top)
        app.library_changed_signal.publish("Added Acme")
        assert (under.heard, top.heard) == ([], ["refresh"])  # at once, the shown one alone
        app.spelling_ready_signal.publish(None)
        app.keep_unsaved_text()
        assert under.heard == ["spelling", "stopping"]
        assert top.heard == ["refresh", "spelling", "stopping"]
        # the base screen's hooks do nothing: Today hears them all without a word
        app.switch_mode("interviews")
        await pilot.pause()
        app.library_changed_signal.publish("")
        app.spelling_ready_signal.publish(None)


async def test_a_worker_that_fails_on_a_screen_or_a_dialog_is_said_and_the_app_goes_on(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        screen = Heard()
        await app.push_screen(screen)
        screen.fail()
        said = "The task 'boom' failed unexpectedly (LookupError)"
        await wait_for(pilot, lambda: any(said in n for n in notes(app)))
        dialog = Dialog()
        await app.push_screen(dialog)
        dialog.fail()
        await wait_for(pilot, lambda: sum(said in n for n in notes(app)) == 2)
        assert app.is_running and not app.crashed


async def test_what_a_subscriber_raises_is_raised_by_publish_after_every_one_heard() -> None:
    heard: list[str] = []

    class Listener(Static):
        def __init__(self, name: str, fails: bool) -> None:
            super().__init__(name)
            self.listener, self.fails = name, fails

        def on_mount(self) -> None:
            signal = self.app.signal  # type: ignore[attr-defined]
            signal.subscribe(self, self.hear)

        def hear(self, data: str) -> None:
            heard.append(f"{self.listener}:{data}")
            if self.fails:
                raise LookupError(self.listener)

    class Bare(App[None]):
        def __init__(self) -> None:
            super().__init__()
            self.signal: AppSignal[str] = AppSignal(self, "test")

        def compose(self) -> ComposeResult:
            yield Listener("one", fails=True)
            yield Listener("two", fails=False)

    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        with pytest.raises(LookupError, match="one"):
            app.signal.publish("now")
        assert heard == ["one:now", "two:now"]  # at once, in publish, both of them
        heard.clear()
        for listener in app.query(Listener):
            listener.fails = False
        app.signal.publish("again")  # the error was raised once, not kept for the next time
        assert heard == ["one:again", "two:again"]


def test_an_offer_shows_the_words_typed_from_the_line_where_they_begin() -> None:
    stored = "Dear Dana,\n\nThank you for today.\n"
    typed = "Dear Dana,\n\nThank you for today, and for the tour of the lab.\n"
    assert changed_words(stored, typed) == "…Thank you for today, and for the tour of the lab."
    assert changed_words("", "one two three", count=2) == "one two…"
    assert changed_words("same", "same") == "same"
    assert changed_words("text", "") == ""


def test_the_dictionary_is_given_the_names_companies_roles_and_the_users_name() -> None:
    interview = Interview(
        company="Zorblex Labs",
        role="Platform Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[Person("Ingrid Lund", "CTO", "ingrid@zorblex.example")],
        recruiter=Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example"),
    )
    assert known_words([summarize(interview)], "Alex Morgan") == sorted(
        {"Zorblex", "Labs", "Platform", "Engineer", "Ingrid", "Lund", "Sam", "Ortiz"}
        | {"TalentBridge", "Alex", "Morgan"}
    )
