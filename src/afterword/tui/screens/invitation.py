"""A new debrief from a calendar invitation (`ctrl+o` on a fresh form): the file's event fills
company, role, stage, when, where, the interviewers and the recruiter (where nothing is typed
yet: `DebriefForm.merge_invitation` in compose/debrief_form.py)."""

from __future__ import annotations

import stat
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

if TYPE_CHECKING:
    from afterword.exchange.invitation import Invitation


def newest_invitation(folders: Iterable[Path]) -> Path | None:
    """The newest ``.ics`` in the usual download folders: the likely one to fill from.

    Only a regular file is offered (a link is followed to one): a FIFO or a device named
    ``*.ics`` never is, and a broken link or a file gone meanwhile skips that file alone.
    """
    found: list[tuple[float, Path]] = []
    for folder in folders:
        try:
            paths = list(folder.glob("*.ics"))
        except OSError:
            continue
        for path in paths:
            try:
                info = path.stat()  # the link's target: a dangling link raises, alone
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, path))
    return max(found)[1] if found else None


def read_from(path: Path, own_addresses: Iterable[str]) -> Invitation:
    """The invitation in ``path``; raises AfterwordError (one sentence) when the file cannot
    be read or holds no event. Slow for a hostile file: the app calls it on a worker."""
    from afterword.exchange.invitation import read_calendar_file, read_invitation

    return read_invitation(read_calendar_file(path), path.name, own_addresses)


class InvitationRead(Message):
    """A worker read the invitation file ``path``: the invitation, or why not (one sentence)."""

    def __init__(self, path: Path, invitation: Invitation | None, problem: str = "") -> None:
        super().__init__()
        self.path = path
        self.invitation = invitation
        self.problem = problem


def read_or_why(path: Path, own_addresses: list[str]) -> InvitationRead:
    """The invitation in ``path``, or why not; never raises. For a worker: slow for a
    hostile file, which the reader refuses."""
    from afterword.errors import AfterwordError

    try:
        return InvitationRead(path, read_from(path, own_addresses))
    except AfterwordError as error:
        return InvitationRead(path, None, str(error))
    except MemoryError:
        return InvitationRead(
            path, None, f"{path.name} is too big to read as an invitation; nothing was filled."
        )


def filled_note(read: InvitationRead) -> str:
    """What the form says once it is filled from ``read``."""
    from afterword.compose.debrief_form import MAX_INTERVIEWER_ROWS, left_out

    more = left_out(read.invitation) if read.invitation is not None else 0
    rest = (
        f" It names {MAX_INTERVIEWER_ROWS + more:,} people: the first {MAX_INTERVIEWER_ROWS} "
        f"are in the form, {more:,} left out."
        if more
        else ""
    )
    return f"Filled from {read.path.name}: check the names and the time.{rest}"


class InvitationDialog(ModalScreen[Path | None]):
    """Which invitation file: the newest in Downloads is offered; `~` is understood."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="invitation.cancel")]

    def __init__(self, now: datetime, suggestion: Path | None) -> None:
        super().__init__(classes="dialog")
        self.now = now
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("Fill the debrief from an invitation file", classes="dialog-title")
            yield Input(
                str(self.suggestion) if self.suggestion else "",
                placeholder="~/Downloads/invite.ics",
                id="invitation-path",
            )
            yield Static(
                "The .ics file a calendar invitation came with (Google, Outlook, Apple).",
                classes="dialog-hint",
            )
            yield Static("", id="problem", classes="dialog-hint error", markup=False)
            # here, not at the top: the debrief screen imports this module as it loads
            from afterword.tui.screens.dialogs import enter_line

            yield enter_line(self.app, "fill the form", "invitation.cancel")

    @on(Input.Submitted, "#invitation-path")
    def confirm(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        problem = self.query_one("#problem", Static)
        if not text:
            problem.update("Type the file's path first.")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            what = "no file" if not path.exists() else "no regular file (a folder, pipe, device)"
            problem.update(f"There is {what} at {path}; check the path.")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def download_folders() -> list[Path]:
    home = Path.home()
    return [home / "Downloads", home / "downloads", home]
