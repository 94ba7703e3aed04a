"""What a part of the emails screen (the hand-off, the rewriting, the proofreading) asks of the
screen that owns it: the session and the editor, the app, and the few view steps every part
takes. A part is a plain object holding this view; the screen keeps the keys, the message
handlers and the workers, and hands each to its part."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.message import Message
    from textual.notifications import SeverityLevel

    from afterword.compose.draft_session import DraftSession, Refusal
    from afterword.domain.model import Draft
    from afterword.domain.proofread import Finding
    from afterword.tui.app import AfterwordApp
    from afterword.tui.screens.emails.editor import DraftEditor
    from afterword.tui.widgets.proof_panel import ProofPanel


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

    def findings_now(self, draft: Draft) -> list[Finding]:
        """The proofreading findings of ``draft`` as stored now."""
        ...
