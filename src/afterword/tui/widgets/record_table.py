"""A DataTable of records: row cursor, vim keys, and rows that carry their record's key."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class RecordTable(DataTable[object]):
    """Virtual list of records (one row each): `j`/`k`, `g`/`G`, arrows, page keys, `enter`."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "scroll_top", "First", show=False, id="first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="last"),
    ]

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def action_scroll_top(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor (None on an empty table)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return str(key) if key is not None else None
