"""Small modal dialogs: a date phrase, a choice, a yes/no question, a line of text.

Their titles, choices and answers carry names and what was typed: shown as plain text
(``markup=False``), never read as markup."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from afterword.domain.dates import DateNotUnderstood, parse_when
from afterword.tui.key_names import key_name, keys_said
from afterword.tui.widgets.pickers import PickList


def phrase_examples(now: datetime) -> str:
    """The phrases a date field takes, with a date still ahead of ``now`` (a fixed example
    date would lie in the past one day and be refused)."""
    ahead = now + timedelta(days=10)
    return f"tomorrow 10am, fri 2pm, +3d, {ahead:%Y-%m-%d} 09:00"


def enter_line(app: object, doing: str, cancel_id: str) -> Static:
    """The line of keys of a dialog whose field takes enter (to ``doing``) and whose binding
    ``cancel_id`` (escape, unless [keymap] moved it) cancels."""
    cancel = keys_said(app, cancel_id, "escape")
    return Static(f"enter to {doing} · {cancel} to cancel", classes="dialog-keys", markup=False)


class PhraseDialog(ModalScreen[datetime | None]):
    """Ask for a date phrase; shows what it means as you type and refuses what it cannot read."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self,
        title: str,
        now: datetime,
        *,
        dayfirst: bool = False,
        default_time: time = time(9),
        allow_past: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.now = now
        self.dayfirst = dayfirst
        self.default_time = default_time
        self.allow_past = allow_past  # a day to look at (the Calendar), not a due time

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder=phrase_examples(self.now), id="phrase")
            yield Static("", id="meaning", classes="dialog-hint", markup=False)
            yield enter_line(self.app, "confirm", "cancel")

    def _resolve(self, text: str) -> tuple[datetime | None, str]:
        try:
            when = parse_when(
                text, self.now, dayfirst=self.dayfirst, default_time=self.default_time
            )
        except DateNotUnderstood as error:
            return None, str(error)
        if when.is_past(self.now) and not self.allow_past:
            return None, f"{when.in_words()} is in the past; give a later time."
        return when.value, f"→ {when.in_words()}"

    @on(Input.Changed, "#phrase")
    def show_meaning(self, event: Input.Changed) -> None:
        meaning = self.query_one("#meaning", Static)
        if not event.value.strip():
            meaning.update("")
            return
        value, text = self._resolve(event.value)
        meaning.set_class(value is None, "error")
        meaning.update(text)

    @on(Input.Submitted, "#phrase")
    def confirm(self, event: Input.Submitted) -> None:
        value, text = self._resolve(event.value)
        if value is None:
            meaning = self.query_one("#meaning", Static)
            meaning.add_class("error")
            meaning.update(text)
            return  # stay open: the phrase can be mended
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one of a few values (a status, a template): `j`/`k` or the arrows, `enter`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield PickList(*[Option(text, id=value) for value, text in self.choices], markup=False)
            down, up = key_name(self.app, "down", "j"), key_name(self.app, "up", "k")
            cancel = keys_said(self.app, "cancel", "escape")
            yield Static(
                f"{down}/{up} or arrows · enter to choose · {cancel} to cancel",
                classes="dialog-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(PickList)
        for index, (value, _) in enumerate(self.choices):
            if value == self.current:
                options.highlighted = index

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question: only `y` says yes (not enter: it guards deletes); `n` or escape no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="dialog")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yes, no = keys_said(self.app, "yes", "y"), keys_said(self.app, "no", "n,escape")
            yield Static(f"{yes}: yes · {no}: no", classes="dialog-keys", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextDialog(ModalScreen[str | None]):
    """One line of text (a custom follow-up's title); empty text is refused at the field."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(placeholder=self.placeholder, id="text")
            yield Static("", id="problem", classes="dialog-hint error", markup=False)
            yield enter_line(self.app, "confirm", "cancel")

    @on(Input.Submitted, "#text")
    def confirm(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#problem", Static).update("Type what to do first.")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class RestoreDialog(ModalScreen[bool | None]):
    """Unsaved text from last time: Restore (True) or Discard (False); escape decides later."""

    BINDINGS = [
        Binding("r", "answer(True)", "Restore", id="restore"),
        Binding("d", "answer(False)", "Discard", id="discard"),
        Binding("escape", "answer(None)", "Later", id="later"),
    ]

    def __init__(self, what: str, saved_at: str) -> None:
        super().__init__(classes="dialog")
        self.what = what
        self.saved_at = saved_at

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Unsaved text from last time", classes="dialog-title")
            yield Static(self.what, id="unsaved-what", markup=False)
            yield Static(f"kept {self.saved_at}", classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore", id="restore", variant="primary")
                yield Button("Discard", id="discard", variant="error")
            restore, discard, later = (
                keys_said(self.app, binding_id, default)
                for binding_id, default in (("restore", "r"), ("discard", "d"), ("later", "escape"))
            )
            yield Static(
                f"{restore}: restore it into the form · {discard}: discard it · "
                f"{later}: ask again next time",
                classes="dialog-keys",
                markup=False,
            )

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "restore")

    def action_answer(self, answer: bool | None) -> None:
        self.dismiss(answer)
