"""The list of an interview's emails on top of the emails screen: whom each is for, its
template, where it stands and what it waits for. Moving in it, or `enter`, posts
``DraftList.DraftChosen``; the screen decides what that does."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from afterword.domain.drafting import waiting_reason
from afterword.domain.model import Interview
from afterword.domain.words import day_time
from afterword.tui.key_names import key_name
from afterword.tui.widgets.record_table import RecordTable

STATE_WORDS = {
    "draft": "draft",
    "queued": "queued",
    "sending": "sending…",
    "sent": "sent",
    "unknown": "sent? unknown",
}
TEMPLATE_WORDS = {  # the templates' names as the list shows them
    "thank-you": "Thank-you",
    "ask-recruiter": "Ask recruiter",
    "via-recruiter": "Via recruiter",
    "check-in": "Check-in",
    "close-out": "Close-out",
}


class DraftList(RecordTable):
    """One row per draft, keyed by the draft's id."""

    class DraftChosen(Message):
        """The user moved to a draft in the list (``enter``: and wants to write in it)."""

        def __init__(self, draft_id: str, *, enter: bool) -> None:
            super().__init__()
            self.draft_id = draft_id
            self.enter = enter

    def fill(self, interview: Interview) -> None:
        rows = []
        # in the list; the note above the body says it in full
        outdated = f"outdated: {key_name(self.app, 'emails.regenerate', 'ctrl+r')}"
        for draft in interview.drafts:
            why = waiting_reason(interview, draft) if not draft.is_sent else ""
            if draft.outdated and draft.state == "draft":
                why = f"{why}; {outdated}" if why else outdated
            at = draft.sent_at
            when = day_time(at) if at else ""
            rows.append(
                (
                    draft.person or (", ".join(draft.to) or "—"),
                    TEMPLATE_WORDS.get(draft.template, draft.template),
                    STATE_WORDS.get(draft.state, draft.state),
                    when or why,
                )
            )
        # Columns afresh, as wide as their cells: auto widths were at times left at the
        # headings' widths when the list was filled twice in a row.
        self.clear(columns=True)
        for n, heading in enumerate(("For", "Email", "State", "Note")):
            width = max([len(heading), *(len(row[n]) for row in rows)])
            self.add_column(heading, width=width)
        for draft, row in zip(interview.drafts, rows, strict=True):
            self.add_row(*map(Text, row), key=draft.id)  # a str cell would be read as markup
        self.styles.height = min(len(interview.drafts), 6) + 1

    def show(self, draft_id: str) -> None:
        """Put the cursor on ``draft_id`` (a move of the screen's, not the user's)."""
        row = self.get_row_index(draft_id)
        if self.cursor_row != row:
            self.move_cursor(row=row)

    @on(DataTable.RowHighlighted)
    def _moved(self, event: DataTable.RowHighlighted) -> None:
        """The user moved in the list (j/k, arrows). Moves the screen makes itself (filling
        the list, showing a draft) happen while the list has no focus, or are told apart by
        the screen."""
        key = event.row_key.value
        if key and self.has_focus:
            self.post_message(self.DraftChosen(str(key), enter=False))

    @on(DataTable.RowSelected)
    def _entered(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        self.post_message(self.DraftChosen(str(key or ""), enter=True))
