"""`n`: capture a new interview at once (company, role, when, people) and schedule its follow-ups.

The full debrief form with every field of the advice extends this screen.
"""

from __future__ import annotations

from datetime import datetime, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from afterword.domain.dates import DateNotUnderstood, parse_when
from afterword.domain.model import Interview, Person
from afterword.domain.schedule import schedule_follow_ups


class QuickDebriefScreen(ModalScreen[None]):
    """Company, role, when and who: enough for the follow-ups to start at once."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="debrief.save"),
        Binding("escape", "cancel", "Cancel", id="debrief.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box debrief-box"):
            yield Label("New interview", classes="dialog-title")
            yield Input(placeholder="Company (required)", id="company")
            yield Static("", id="company-problem", classes="dialog-hint error")
            yield Input(placeholder="Role", id="role")
            yield Input(placeholder="When: now, today 2pm, tue 10:30…", id="when")
            yield Static("", id="when-meaning", classes="dialog-hint")
            yield Input(placeholder="Whom you met: Dana Whitfield <dana@acme.example>, …", id="who")
            yield Static("ctrl+s to save · escape to cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#company", Input).focus()

    def _when(self) -> tuple[datetime | None, str]:
        app = self.app
        now: datetime = app.now()  # type: ignore[attr-defined]
        text = self.query_one("#when", Input).value.strip()
        if not text or text.casefold() == "now":
            return now, f"→ now, {now:%a %d %b %H:%M}"
        try:
            when = parse_when(text, now, default_time=time(now.hour, now.minute))
        except DateNotUnderstood as error:
            return None, str(error)
        return when.value, f"→ {when.in_words()}"

    @on(Input.Changed, "#when")
    def show_when(self) -> None:
        value, text = self._when()
        meaning = self.query_one("#when-meaning", Static)
        meaning.set_class(value is None, "error")
        meaning.update(text)

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        if event.input.id == "who":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        company = self.query_one("#company", Input).value.strip()
        problem = self.query_one("#company-problem", Static)
        if not company:
            problem.update("Company is required")
            self.query_one("#company", Input).focus()
            return
        problem.update("")
        when, text = self._when()
        if when is None:
            self.query_one("#when-meaning", Static).update(text)
            self.query_one("#when", Input).focus()
            return
        interview = Interview(
            company=company,
            role=self.query_one("#role", Input).value.strip(),
            when=when,
            interviewers=people(self.query_one("#who", Input).value),
        )
        settings = self.app.config.schedule  # type: ignore[attr-defined]
        interview.follow_ups = schedule_follow_ups(interview, settings)
        self.app.library.put(interview, f"Added {company}")  # type: ignore[attr-defined]
        count = len(interview.follow_ups)
        self.dismiss(None)
        self.app.notify(f"Saved {company}: {count} follow-up(s) scheduled.")

    def action_cancel(self) -> None:
        self.dismiss(None)


def people(text: str) -> list[Person]:
    """'Dana Whitfield <dana@acme.example>, Lee Park' → two people, addresses split out."""
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, _, rest = part.partition("<")
        out.append(Person(name=name.strip() or part, email=rest.rstrip(">").strip()))
    return out
