"""The interviewer rows of the debrief form: a name, a title and an address each; rows are
added and removed by the form's keys (ctrl+n, ctrl+r), and there is always at least one."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from afterword.compose.debrief_fields import PERSON_KEYS
from afterword.compose.debrief_form import PersonRow
from afterword.tui.key_names import key_name


class InterviewerRows(Vertical):
    """One row of three `Input`s (classes ``p-name``, ``p-title``, ``p-email``) per person."""

    class Changed(Message):
        """A row was added or removed (typing in a row posts the Input's own Changed)."""

    def __init__(self, people: Iterable[PersonRow], *, id: str | None = None) -> None:
        self._made = 0  # rows made so far: each row's id is new (person-0, person-1…)
        super().__init__(*(self._row(person) for person in people), id=id)

    def _row(self, person: PersonRow) -> Horizontal:
        n = self._made
        self._made += 1
        values = person.values()
        return Horizontal(
            *(
                Input(
                    values[key],
                    placeholder=key,
                    classes=f"p-{key}",
                    compact=True,
                    select_on_focus=False,
                )
                for key in PERSON_KEYS
            ),
            classes="person-row",
            id=f"person-{n}",
        )

    def rows(self) -> list[Horizontal]:
        return list(self.query(".person-row").results(Horizontal))

    def people(self) -> tuple[PersonRow, ...]:
        """The rows as typed."""
        return tuple(
            PersonRow(*(row.query_one(f".p-{key}", Input).value for key in PERSON_KEYS))
            for row in self.rows()
        )

    def row_of(self, widget: Widget | None) -> Horizontal | None:
        """The row ``widget`` (the focused one) is in, if any."""
        if widget is None:
            return None
        return next((row for row in self.rows() if row in widget.ancestors), None)

    async def add(self) -> None:
        """A new empty row at the end, its name focused."""
        row = self._row(PersonRow())
        await self.mount(row)
        row.query_one(".p-name", Input).focus()
        self.post_message(self.Changed())

    async def remove_row_of(self, focused: Widget | None) -> None:
        """Remove the row ``focused`` is in, asking first when something is typed in it."""
        row = self.row_of(focused)
        if row is None:
            go = key_name(self.app, "debrief.go_people", "alt+2")
            key = key_name(self.app, "debrief.remove_person", "ctrl+r")
            self.notify(f"Go to an interviewer's row first ({go}), then {key} removes it.")
            return

        async def remove(confirmed: bool | None = True) -> None:
            if confirmed:
                await self._remove(row)

        name = row.query_one(".p-name", Input).value.strip()
        if any(i.value.strip() for i in row.query(Input)):
            from afterword.tui.screens.dialogs import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog(f"Remove {name or 'this interviewer'} from the debrief?"), remove
            )
        else:
            await remove()

    async def _remove(self, row: Horizontal) -> None:
        """Remove ``row`` (an empty one takes the place of the last) and focus the name of the
        row now in its place."""
        rows = self.rows()
        index = rows.index(row)
        await row.remove()
        rest = [r for r in rows if r is not row]
        if not rest:
            rest = [self._row(PersonRow())]
            await self.mount(rest[0])
        rest[min(index, len(rest) - 1)].query_one(".p-name", Input).focus()
        self.post_message(self.Changed())

    def show_problem(self, n: int, message: str) -> Input:
        """``message`` under the ``n``th row (from 1); returns that row's address field."""
        row = self.rows()[n - 1]
        self.mount(Static(message, classes="form-error", markup=False), after=row)
        return row.query_one(".p-email", Input)
