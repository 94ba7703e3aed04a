"""What the parts of the emails screen (hand-off, rewriting) use of the screen they are mixed
into: named once here, for the type checker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from afterword.domain.model import Draft, Interview

if TYPE_CHECKING:
    from afterword.domain.drafting import AddressGuess
    from afterword.tui.app import AfterwordApp


class DraftsPart:
    """A part of ``DraftsScreen``: the screen's state and the methods its parts call."""

    interview_id: str
    current: str
    sending: str
    findings: list[Any]
    guesses: dict[str, AddressGuess]

    if TYPE_CHECKING:

        @property
        def afterword(self) -> AfterwordApp: ...
        @property
        def interview(self) -> Interview: ...
        def store(self, label: str = "") -> Draft | None: ...
        def touched(self) -> None: ...
        def _draft(self, draft_id: str | None = None) -> Draft | None: ...
        def _fill_list(self) -> None: ...
        def _note(self, draft: Draft) -> None: ...
        def findings_now(self, draft: Draft) -> list[Any]: ...
        def _show(self, draft_id: str) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
