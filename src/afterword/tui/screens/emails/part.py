"""The core of the emails screen that its parts (hand-off, rewriting, proofreading) share: the
session that holds its state, its widgets, and the few view steps every part takes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.widgets import Static

from afterword.compose.draft_session import DraftSession
from afterword.tui.base import AfterwordScreen
from afterword.tui.screens.emails.draft_list import DraftList
from afterword.tui.screens.emails.editor import DraftEditor

if TYPE_CHECKING:
    from textual.message import Message
    from textual.notifications import SeverityLevel

    from afterword.compose.draft_session import Refusal
    from afterword.domain.model import Draft, Interview
    from afterword.domain.proofread import Finding
    from afterword.tui.app import AfterwordApp
    from afterword.tui.widgets.proof_panel import ProofPanel


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

    def fill_list(self) -> None:
        self.query_one(DraftList).fill(self.interview)

    def show_note(self, draft: Draft) -> None:
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
        def show_draft(self, draft_id: str) -> None: ...


class EmailsView(Protocol):
    """The emails screen as its parts see it (``EmailsScreen`` is one)."""

    @property
    def interview_id(self) -> str: ...

    @property
    def afterword(self) -> AfterwordApp: ...

    @property
    def session(self) -> DraftSession:
        """The drafts as edited here, without the view."""
        ...

    @property
    def editor(self) -> DraftEditor:
        """To, Cc, Subject and the body."""
        ...

    @property
    def proof_panel(self) -> ProofPanel:
        """The four Rs and the proofreading findings."""
        ...

    def notify(
        self,
        message: str,
        *,
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    def post_message(self, message: Message) -> bool:
        """Hand a message to the screen (from any thread)."""
        ...

    def say(self, refusal: Refusal) -> None:
        """Say why a draft cannot go out now."""

    def store(self, label: str = "Edited a draft") -> Draft | None:
        """Keep what the fields hold with the interview; the draft shown, as stored."""
        ...

    def touched(self) -> None:
        """A key (or a part) changed the fields."""

    def fill_list(self) -> None:
        """Show the interview's drafts in the list again."""

    def show_note(self, draft: Draft) -> None:
        """Show ``draft``'s note above the body."""

    def show_draft(self, draft_id: str) -> None:
        """Show the draft ``draft_id`` in the fields and proofread it."""
