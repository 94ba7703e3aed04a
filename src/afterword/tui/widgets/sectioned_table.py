"""A list of records in sections: heading rows ("Overdue (2)", "To do (3)") above their records.

Today's list and the Calendar's day list are built so. A heading's row key starts with
``SECTION``; `g`/`G` (and `home`/`end`) go to the first and last record, past the headings, and
``move_to`` puts the cursor back after the rows are built again, never on a heading when there
is a record to stand on.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets.data_table import RowDoesNotExist

from afterword.tui.widgets.record_table import RecordTable

SECTION = "§"  # row keys of section headings start with this


class SectionedTable(RecordTable):
    """A RecordTable whose heading rows the cursor keys step past. (The columns fit the
    width: `home` and `end` have nothing to scroll sideways.)"""

    def add_heading(self, *cells: Text | str, name: str = "") -> None:
        """A heading row, keyed ``SECTION`` + ``name``."""
        self.add_row(*cells, key=f"{SECTION}{name}")

    def is_heading(self, row: int) -> bool:
        return str(self.ordered_rows[row].key.value).startswith(SECTION)

    @property
    def current_record(self) -> str | None:
        """The key of the record under the cursor: None on a heading or an empty table."""
        key = self.current_key
        return None if key is None or key.startswith(SECTION) else key

    def action_scroll_top(self) -> None:
        row = next((n for n in range(self.row_count) if not self.is_heading(n)), None)
        if row is not None:
            self.move_cursor(row=row)

    def action_scroll_bottom(self) -> None:
        rows = range(self.row_count - 1, -1, -1)
        row = next((n for n in rows if not self.is_heading(n)), None)
        if row is not None:
            self.move_cursor(row=row)

    def action_scroll_home(self) -> None:
        self.action_scroll_top()

    def action_scroll_end(self) -> None:
        self.action_scroll_bottom()

    def move_to(self, key: str, row: int) -> None:
        """Back to the row of ``key``; if it went away (done), or ``key`` is empty (the
        review moved on), to the row that took its place at ``row``, stepping off a heading
        (down if there is room), so that the review goes on down the list."""
        try:
            if key:
                self.move_cursor(row=self.get_row_index(key))
                return
        except RowDoesNotExist:
            pass
        row = min(row, self.row_count - 1)
        if row >= 0 and self.is_heading(row):
            row = row + 1 if row + 1 < self.row_count else row - 1
        self.move_cursor(row=max(row, 0))
