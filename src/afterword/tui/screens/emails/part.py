"""The core of the emails screen that its parts (hand-off, rewriting, proofreading) share: the
session that holds its state, its widgets, and the few view steps every part takes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from afterword.compose.draft_session import DraftSession
from afterword.tui.base import AfterwordScreen
from afterword.tui.screens.emails.draft_list import DraftList
from afterword.tui.screens.emails.editor import DraftEditor

if TYPE_CHECKING:
    from afterword.compose.draft_session import Refusal
    from afterword.domain.model import Draft, Interview
    from afterword.domain.proofread import Finding


class EmailsPart(AfterwordScreen[None]):
    """The base of ``EmailsScreen`` and of its parts: the screen's session and widgets."""

    interview_id: str
    _session: DraftSession | None = None

    @property
    def session(self) -> DraftSession:
        """The drafts as edited here, without the view (made on first use: the app's library
        is known once the screen is in the app)."""
        if self._session is None:
            self._session = DraftSession(self.interview_id, self.afterword.library)
        return self._session

    @property
    def interview(self) -> Interview:
        return self.session.interview

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

    def _draft(self, draft_id: str | None = None) -> Draft | None:
        return self.session.draft(draft_id)

    def _fill_list(self) -> None:
        self.query_one(DraftList).fill(self.interview)

    def _note(self, draft: Draft) -> None:
        note = self.session.note(draft, self.afterword.now(), self.afterword.config.profile)
        self.query_one("#draft-note", Static).update(note)
        self.query_one("#draft-note", Static).display = bool(note)

    def say(self, refusal: Refusal) -> None:
        """Say why a draft cannot go out now."""
        self.notify(
            refusal.text,
            severity=refusal.severity,
            timeout=refusal.timeout,
            markup=refusal.markup,
        )

    if TYPE_CHECKING:  # the screen's own (screen.py, proofreading.py)

        def store(self, label: str = "") -> Draft | None: ...
        def touched(self) -> None: ...
        def findings_now(self, draft: Draft) -> list[Finding]: ...
        def _show(self, draft_id: str) -> None: ...
