"""What the parts of the emails screen (hand-off, rewriting) use of the screen they make up:
a screen whose state is a ``DraftSession``, and the few view methods it offers them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterword.tui.base import AfterwordScreen

if TYPE_CHECKING:
    from afterword.compose.draft_session import DraftSession, Refusal
    from afterword.domain.model import Draft, Interview
    from afterword.domain.proofread import Finding
    from afterword.tui.screens.drafting.editor import DraftEditor


class DraftsPart(AfterwordScreen[None]):
    """A part of ``DraftsScreen``: the screen's session and the methods its parts call."""

    interview_id: str

    def say(self, refusal: Refusal) -> None:
        """Say why a draft cannot go out now."""
        self.notify(
            refusal.text,
            severity=refusal.severity,
            timeout=refusal.timeout,
            markup=refusal.markup,
        )

    if TYPE_CHECKING:

        @property
        def session(self) -> DraftSession: ...
        @property
        def interview(self) -> Interview: ...
        @property
        def editor(self) -> DraftEditor: ...
        def store(self, label: str = "") -> Draft | None: ...
        def touched(self) -> None: ...
        def _draft(self, draft_id: str | None = None) -> Draft | None: ...
        def _fill_list(self) -> None: ...
        def _note(self, draft: Draft) -> None: ...
        def findings_now(self, draft: Draft) -> list[Finding]: ...
        def _show(self, draft_id: str) -> None: ...
