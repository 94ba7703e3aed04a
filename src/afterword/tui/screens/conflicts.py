"""Changed on another machine: the fields of one interview that two copies changed to two
values, one by one, each kept as yours (`m`) or taken as theirs (`t`).

Each choice is one change of the library (one `u` takes it back); the dialog shows the
interview as it is after every change (an undo, a save from the shell), and closes when no
field differs any more. Names, values and paths come from the data: shown as text only.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from afterword.domain.conflicts import (
    CannotTake,
    differ_words,
    field_words,
    mine,
    resolve_conflict,
    value_words,
)
from afterword.domain.model import Conflict, Interview
from afterword.domain.words import in_words, joined_parts
from afterword.tui.base import AfterwordModal
from afterword.tui.key_names import key_name, keys_said
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.record_table import RecordTable


def one_line(text: str) -> str:
    """The first line of a value, with '…' when there is more, for a cell of the list."""
    first, newline, _ = text.partition("\n")
    return f"{first} …" if newline else first


class ConflictsScreen(AfterwordModal[None]):
    """The conflicts of one interview: a list, the one chosen in full, and the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "keep", "Keep yours", id="conflicts.keep"),
        Binding("t", "take", "Take theirs", id="conflicts.take"),
        Binding("escape", "close", "Close", id="conflicts.close"),
        # the app's keys do not reach a dialog: these two are its own, under the app's ids
        Binding("u", "app.undo", "Undo", id="undo"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, interview_id: str) -> None:
        super().__init__(classes="dialog")
        self.interview_id = interview_id
        self.said = ""  # what the last choice did, under the list
        self._choosing = False  # a choice being made: shown once it is

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box conflicts-box"):
            yield Label("", id="conflicts-title", classes="dialog-title", markup=False)
            yield RecordTable(id="conflicts")
            with VerticalScroll(id="conflict-chosen"):
                yield Static("", id="conflict-values")
            yield Static("", id="conflict-said", classes="dialog-hint", markup=False)
            keep, take, close = (
                keys_said(self.app, binding_id, default)
                for binding_id, default in (
                    ("conflicts.keep", "m"),
                    ("conflicts.take", "t"),
                    ("conflicts.close", "escape"),
                )
            )
            down, up = key_name(self.app, "down", "j"), key_name(self.app, "up", "k")
            yield Static(
                f"{keep}: keep yours · {take}: take theirs · {down}/{up} or arrows: "
                f"move · {close}: close",
                classes="dialog-keys",
                markup=False,
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.afterword.library_changed_signal.subscribe(self, self._library_changed)
        table = self.query_one(RecordTable)
        # the box's width (90, or 95% of a narrow terminal) less its border and padding, the
        # cells' padding and room for a scroll bar
        room = min(90, self.size.width * 95 // 100) - 6 - 3 * 2 - 2
        field = min(28, room // 3)
        table.add_column("Field", width=field)
        table.add_column("Yours", width=(room - field) // 2)
        table.add_column("Theirs", width=(room - field) // 2)
        self.show()
        table.focus()

    def _library_changed(self, label: str) -> None:
        if self.app.screen is self and not self._choosing:
            self.show()

    def interview(self) -> Interview | None:
        return self.afterword.library.interviews.get(self.interview_id)

    def show(self) -> None:
        """The interview's conflicts as they are now; closes when there are none left."""
        interview = self.interview()
        if interview is None or not interview.conflicts:
            self.dismiss(None)
            if interview is not None and self.said:
                undo = key_name(self.app, "undo", "u")
                self.afterword.notify(
                    f"{self.said} No field of {interview.company} differs any more "
                    f"({undo} takes back one choice at a time)."
                )
            return
        count = len(interview.conflicts)
        lead = joined_parts(interview.company, interview.role)
        self.query_one("#conflicts-title", Label).update(
            f"Changed on another machine: {lead} ({differ_words(count)})"
        )
        table = self.query_one(RecordTable)
        row = min(table.cursor_row, count - 1) if table.row_count else 0
        table.clear()
        for n, conflict in enumerate(interview.conflicts):
            table.add_row(
                Text(field_words(interview, conflict.path), no_wrap=True, overflow="ellipsis"),
                Text(one_line(self._mine(interview, conflict)), no_wrap=True, overflow="ellipsis"),
                Text(one_line(value_words(conflict.path, conflict.theirs)), no_wrap=True,
                     overflow="ellipsis"),
                key=str(n),
            )  # fmt: skip
        table.move_cursor(row=row)
        self._show_chosen()
        self._say()

    def _say(self, *, refused: bool = False) -> None:
        """What the last choice did, under the list (no line before the first)."""
        said = self.query_one("#conflict-said", Static)
        said.display = bool(self.said)
        said.set_class(refused, "error")
        said.update(self.said)

    @staticmethod
    def _mine(interview: Interview, conflict: Conflict) -> str:
        return value_words(conflict.path, mine(interview, conflict.path))

    def on_data_table_row_highlighted(self) -> None:
        self._show_chosen()

    def chosen(self) -> Conflict | None:
        interview = self.interview()
        table = self.query_one(RecordTable)
        if interview is None or not table.row_count:
            return None
        row = table.cursor_row
        return interview.conflicts[row] if 0 <= row < len(interview.conflicts) else None

    def _show_chosen(self) -> None:
        """The chosen field's two values in full: a long note wraps under its own column."""
        interview, conflict = self.interview(), self.chosen()
        values = self.query_one("#conflict-values", Static)
        if interview is None or conflict is None:
            values.update("")
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row("Yours", Text(self._mine(interview, conflict)))
        grid.add_row("Theirs", Text(value_words(conflict.path, conflict.theirs)))
        grid.add_row("", Text(f"found at the merge of {in_words(conflict.at)}", style="dim"))
        title = Text(field_words(interview, conflict.path), style="bold")
        values.update(Group(title, grid))

    def action_keep(self) -> None:
        self._resolve(take_theirs=False)

    def action_take(self) -> None:
        self._resolve(take_theirs=True)

    def _resolve(self, *, take_theirs: bool) -> None:
        interview, conflict = self.interview(), self.chosen()
        if interview is None or conflict is None:
            return
        what = field_words(interview, conflict.path)
        done = "Took theirs" if take_theirs else "Kept yours"
        label = f"{done}: {what} of {interview.company}"
        self._choosing = True
        try:
            outcome = self.afterword.library.update(
                self.interview_id,
                label,
                lambda working: resolve_conflict(working, conflict, take_theirs=take_theirs),
            )
        except CannotTake as error:  # nothing changed: only yours can be kept
            keep = key_name(self.app, "conflicts.keep", "m")
            self.said = f"{error} {keep} keeps yours."
            self._say(refused=True)
            return
        finally:
            self._choosing = False
        self.said = outcome.sentence
        self.show()

    def action_close(self) -> None:
        self.dismiss(None)
