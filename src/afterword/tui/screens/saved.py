"""After a debrief is saved: what was scheduled, and the keys to the interview and the call."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, Static

from afterword.tui.base import AfterwordModal
from afterword.tui.key_names import keys_said


class SavedScreen(AfterwordModal[None]):
    """What the save scheduled or moved; from here the call sheet or the interview."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open interview", id="saved.open"),
        Binding("p", "call_sheet", "Recruiter call", id="saved.call"),
        Binding("escape", "close", "Close", id="saved.close"),
    ]

    def __init__(self, interview_id: str, heading: str, lines: list[str]) -> None:
        super().__init__(classes="dialog")
        self.interview_id = interview_id
        self.heading = heading
        self.lines = lines

    def compose(self) -> ComposeResult:
        interview = self.afterword.library.get(self.interview_id)
        with Vertical(classes="dialog-box saved-box"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            body = "\n".join(f"• {line}" for line in self.lines) or "Nothing to schedule."
            yield Static(body, id="scheduled", markup=False)
            keys = (
                f"{keys_said(self.app, 'saved.open', 'enter')}: open the interview · "
                f"{keys_said(self.app, 'saved.close', 'escape')}: close"
            )
            if interview.recruiter is not None:
                call = keys_said(self.app, "saved.call", "p")
                keys = f"{call}: the recruiter call sheet · {keys}"
            yield Static(keys, classes="dialog-keys", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "call_sheet":
            return self.afterword.library.get(self.interview_id).recruiter is not None
        return True

    def action_open(self) -> None:
        self.dismiss(None)
        self.afterword.open_interview(self.interview_id)

    def action_call_sheet(self) -> None:
        self.dismiss(None)
        from afterword.tui.screens.call_sheet import CallSheetScreen

        self.app.push_screen(CallSheetScreen(self.interview_id))

    def action_close(self) -> None:
        self.dismiss(None)
