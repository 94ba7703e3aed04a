"""The fields of the emails screen: To, Cc and Subject in a grid on the shelf above, and the
body below it. The body is not in the grid: a key in it must redraw the body alone (see
widgets/blank.py), so the editor is given the body and speaks for both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Label
from textual.widgets.text_area import Selection

from afterword.compose.message import split_addresses
from afterword.tui.widgets.blank import Cells

if TYPE_CHECKING:
    from afterword.compose.draft_session import DraftValues
    from afterword.domain.model import Draft
    from afterword.domain.proofread import Finding
    from afterword.tui.widgets.long_text import LongText


class DraftEditor(Cells):
    """To, Cc, Subject and (beside them) the body of one draft. A change in To, Cc or
    Subject posts ``DraftEditor.Edited``; the body tells its screen itself (``LongText``)."""

    class Edited(Message):
        """The user changed To, Cc or Subject."""

    def __init__(self, body: LongText, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.body = body

    def compose(self) -> ComposeResult:
        for key, label in (("to", "To"), ("cc", "Cc"), ("subject", "Subject")):
            yield Label(label, classes="draft-label")
            yield Input(id=f"d-{key}", compact=True, select_on_focus=False)

    def field(self, key: str) -> Input:
        """The To (``to``), Cc (``cc``) or Subject (``subject``) field."""
        return self.query_one(f"#d-{key}", Input)

    def load(self, draft: Draft) -> None:
        """Show ``draft``; a sent one can be read, not changed."""
        sent = draft.is_sent
        for key, value in (
            ("to", ", ".join(draft.to)),
            ("cc", ", ".join(draft.cc)),
            ("subject", draft.subject),
        ):
            field = self.field(key)
            field.value = value
            field.disabled = sent
        self.body.load_text(draft.body)
        self.body.read_only = sent

    def values(self) -> DraftValues:
        return {
            "to": split_addresses(self.field("to").value),
            "cc": split_addresses(self.field("cc").value),
            "subject": self.field("subject").value,
            "body": self.body.text,
        }

    @on(Input.Changed)
    def _typed_line(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Edited())

    # -- what the proofreading findings point at

    def put_in(self, finding: Finding) -> bool:
        """Put a finding's suggestion in place of what it points at (False on a sent body)."""
        start = finding.column - 1
        if finding.line == 0:
            subject = self.field("subject")
            text = subject.value
            subject.value = text[:start] + finding.suggestion + text[start + finding.length :]
            return True
        if self.body.read_only:
            return False
        row = finding.line - 1
        self.body.replace(finding.suggestion, (row, start), (row, start + finding.length))
        return True

    def written(self, finding: Finding) -> str:
        """The word a spelling finding points at, as the fields hold it now ("" when the
        text has changed since and it is no longer a word there)."""
        line: str
        if finding.line == 0:
            line = self.field("subject").value
        else:
            lines = self.body.text.split("\n")
            line = lines[finding.line - 1] if finding.line <= len(lines) else ""
        start = finding.column - 1
        word: str = line[start : start + finding.length]
        before, after = line[start - 1 : start] if start else "", line[start + len(word) :][:1]
        letters = word.replace("'", "").replace("’", "")
        if not letters.isalpha() or before.isalnum() or after.isalnum():
            return ""
        return word

    def go_to(self, finding: Finding) -> None:
        """Put the cursor where a finding points (a word or a name selected, so typing
        replaces it)."""
        if finding.line == 0:
            subject = self.field("subject")
            subject.focus()
            subject.cursor_position = max(finding.column - 1, 0)
            return
        body = self.body
        start = (finding.line - 1, finding.column - 1)
        body.focus()
        if finding.length <= 40:  # a word or a name: selected, so typing replaces it
            end = (finding.line - 1, finding.column - 1 + finding.length)
            body.selection = Selection(start, end)
        else:  # a whole line (a missing greeting): just the cursor
            body.move_cursor(start)
        body.scroll_cursor_visible()
