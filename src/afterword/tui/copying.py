"""Copying off the UI thread: to tmux's buffer and the desktop's clipboard where there are such
(``compose.clipboard``), after the app has copied to the terminal itself (OSC 52)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from textual.app import App

    from afterword.compose.clipboard import Copied


# named as when it was the app's method: a failure is said with the task's name
@work(thread=True, group="clipboard", exit_on_error=False, name="_copy_with_helpers")
def copy_with_helpers(app: App[Any], text: str, said: Callable[[Copied], None] | None) -> None:
    """Copy ``text`` with the helpers, then ``said(where the text went)`` on the UI thread, or,
    without ``said``, a notice when a helper failed."""
    from afterword.compose.clipboard import copy_with_helpers as copy

    copied = copy(text)
    with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nobody to tell
        if said is not None:
            app.call_from_thread(said, copied)
        elif copied.failures:
            app.call_from_thread(
                app.notify, copied.sentence("the text"), severity="warning", timeout=10
            )
