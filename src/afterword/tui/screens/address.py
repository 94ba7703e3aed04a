"""A missing address: the person, a guess from their colleagues' addresses, and a field."""

from __future__ import annotations

from email.utils import parseaddr

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from afterword.compose.message import HeaderRefused, check_address
from afterword.domain.drafting import guess_address
from afterword.domain.model import Interview, Person
from afterword.domain.words import plural
from afterword.tui.key_names import key_name
from afterword.tui.screens.dialogs import enter_line
from afterword.tui.text import styled


class AddressDialog(ModalScreen[str | None]):
    """Type an interviewer's address; `ctrl+n` takes the guess. A wrong address is refused at
    the field with the reason, and the dialog stays open."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="address.cancel"),
        Binding("ctrl+n", "use_guess", "Use the guess", id="address.guess"),
    ]

    def __init__(self, interview: Interview, person: Person, known: list[tuple[str, str]]) -> None:
        """``known``: the (name, address) of the company's interviewers, for a guess."""
        super().__init__(classes="dialog")
        self.interview = interview
        self.person = person
        self.guess = guess_address(person.name, known)

    def compose(self) -> ComposeResult:
        p, i = self.person, self.interview
        with Vertical(classes="dialog-box"):
            yield Label(f"{p.name}'s email address", classes="dialog-title", markup=False)
            about = ", ".join(x for x in (p.title, i.company, i.role) if x)
            yield Static(about, classes="dialog-hint", markup=False)
            yield Input(placeholder="name@company.example", id="address")
            if self.guess is not None:
                g = self.guess
                known = plural(g.evidence, "known address", "known addresses")
                use = key_name(self.app, "address.guess", "ctrl+n")
                yield Static(
                    styled(
                        f"A guess from {known} at {i.company} ({g.pattern}): ",
                        (g.address, "b"),
                        f" — verify it before sending; {use} puts it in the field.",
                    ),
                    id="guess",
                    classes="dialog-hint",
                )
            yield Static("", id="problem", classes="dialog-hint error", markup=False)
            yield enter_line(self.app, "keep it", "address.cancel")

    def action_use_guess(self) -> None:
        if self.guess is None:
            self.notify("No guess: no colleague's address is known.", severity="warning")
            return
        field = self.query_one("#address", Input)
        field.value = self.guess.address
        field.cursor_position = len(field.value)

    @on(Input.Submitted, "#address")
    def confirm(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        problem = self.query_one("#problem", Static)
        if not text:
            problem.update("Type the address first, or escape to leave it for later.")
            return
        try:
            checked = check_address("Address", text)
        except HeaderRefused as error:
            problem.update(str(error))
            return
        self.dismiss(parseaddr(checked)[1])

    def action_cancel(self) -> None:
        self.dismiss(None)
