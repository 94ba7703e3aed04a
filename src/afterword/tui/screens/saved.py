"""After a debrief is saved: what was scheduled, and the recruiter call sheet.

The call sheet is what to say when phoning the recruitment consultant right after the
interview: how it went in the user's own words, the concerns, whether they are still
interested, and (while `direct_contact` is `ask`) the question whether the user may write to
the interviewers directly. Recording the answer reroutes the thank-yous and marks the call done.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from afterword.domain.model import Interview
from afterword.domain.schedule import mark_done, record_direct_contact
from afterword.domain.words import joined_parts
from afterword.tui.base import AfterwordModal
from afterword.tui.text import styled

INTEREST_WORDS = {
    "yes": "I am still very interested in the role.",
    "no": "I am no longer interested; please withdraw me politely.",
    "unsure": "I am still weighing it up; I have a question or two first.",
}


def call_sheet(interview: Interview) -> list[tuple[str, str]]:
    """(heading, text) lines for the call to the recruiter, built from the debrief."""
    d, r = interview.debrief, interview.recruiter
    people = ", ".join(p.name for p in interview.interviewers) or "the interviewers"
    lines = [
        ("Call", f"{r.name if r else 'the recruiter'}"
         + (f" ({r.agency})" if r and r.agency else "")
         + (f" · {r.phone}" if r and r.phone else "")),
        ("How it went", d.tone or "(say in a word how it felt)"),
        ("Went well", d.went_well or "-"),
        ("Concerns", d.went_poorly or "none to raise"),
        ("Next steps", d.next_steps or "ask what happens next and by when"),
        ("Still interested", INTEREST_WORDS.get(d.still_interested, d.still_interested)),
    ]  # fmt: skip
    if r is not None and r.direct_contact == "ask":
        lines.append(
            (
                "Ask",
                f"May I write to {people} directly to say thank you? If so, which address, "
                "and how exactly is each name spelt?",
            )
        )
    return lines


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
            keys = "enter: open the interview · escape: close"
            if interview.recruiter is not None:
                keys = "p: the recruiter call sheet · " + keys
            yield Static(keys, classes="dialog-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "call_sheet":
            return self.afterword.library.get(self.interview_id).recruiter is not None
        return True

    def action_open(self) -> None:
        self.dismiss(None)
        self.afterword.open_interview(self.interview_id)

    def action_call_sheet(self) -> None:
        self.dismiss(None)
        self.app.push_screen(CallSheetScreen(self.interview_id))

    def action_close(self) -> None:
        self.dismiss(None)


class CallSheetScreen(AfterwordModal[None]):
    """What to say on the call to the recruiter, and their answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "answer('allowed')", "May write directly", id="call.allowed"),
        Binding("f", "answer('forward')", "They forward it", id="call.forward"),
        Binding("x", "answer('')", "Call done, no answer", id="call.done"),
        Binding("escape", "close", "Close", id="call.close"),
    ]

    def __init__(self, interview_id: str) -> None:
        super().__init__(classes="dialog")
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        interview = self.afterword.library.get(self.interview_id)
        with Vertical(classes="dialog-box call-box"):
            yield Label(
                f"Call sheet: {joined_parts(interview.company, interview.role)}",
                classes="dialog-title",
                markup=False,
            )
            with VerticalScroll(classes="call-lines"):
                for heading, text in call_sheet(interview):
                    yield Static(styled((heading, "b"), f"  {text}"), classes="call-line")
            asking = interview.recruiter is not None and interview.recruiter.direct_contact == "ask"
            keys = (
                "a: you may write directly · f: they forward your thank-yous · "
                "x: call done, no answer yet · escape: later"
                if asking
                else "x: call done · escape: later"
            )
            yield Static(keys, classes="dialog-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters and parameters[0]:
            recruiter = self.afterword.library.get(self.interview_id).recruiter
            return recruiter is not None and recruiter.direct_contact == "ask"
        return True

    def action_answer(self, answer: str) -> None:
        app = self.afterword
        now = app.now()

        def record(interview: Interview) -> list[str]:
            said = []
            if answer:
                said += record_direct_contact(interview, answer, now, app.config.schedule)
            for item in interview.follow_ups:
                if item.kind == "recruiter_debrief" and item.is_open:
                    said += mark_done(interview, item.id, now, app.config.schedule).messages
            return said

        company = app.library.get(self.interview_id).company
        said = app.library.update(self.interview_id, f"Recruiter call for {company}", record)
        routing = {
            "allowed": "You may write to the interviewers directly; the thank-yous go to them.",
            "forward": "The recruiter forwards your thank-yous; one email to them holds them.",
        }.get(answer, "")
        self.dismiss(None)
        lines = [
            routing,
            *(line if line.endswith((".", "?", "!")) else f"{line}." for line in said),
        ]
        self.app.notify("\n".join(filter(None, lines)) or "Call recorded.")

    def action_close(self) -> None:
        self.dismiss(None)
