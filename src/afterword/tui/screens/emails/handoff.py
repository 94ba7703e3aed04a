"""Handing a draft off from the emails screen: copy, a .eml file, the mail client, or send.

Every way out first stores the draft, refuses one that waits (the recruiter's answer, an
address), and builds the message through ``compose.message`` (which refuses unsafe headers).
Sending asks first, showing the exact From, To, Cc and Subject, and runs in a worker; a send
that may have happened is never repeated by itself.

``HandOff`` is owned by the screen, which gives it the send worker to start (``send``) and runs
``send_now`` in it; what a send changes in the record is the session's.
"""

from __future__ import annotations

import contextlib
import copy
import os
import subprocess
from collections.abc import Callable
from email.message import EmailMessage
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from afterword import scratch
from afterword.domain.model import Draft
from afterword.domain.words import day_and_time
from afterword.errors import AfterwordError
from afterword.tui.key_names import key_name, keys_said

if TYPE_CHECKING:
    from afterword.compose.clipboard import Copied
    from afterword.compose.draft_session import Ready
    from afterword.compose.sending import Begun
    from afterword.tui.screens.emails.part import EmailsView

# Start sending: the draft (a copy), its message, how it began, the library's failures before.
Send = Callable[[Draft, "EmailMessage[str, str]", "Begun", int], object]


class SendDialog(ModalScreen[bool]):
    """The last look before sending: the headers exactly as they go out. Only `y` sends."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Send", id="send.yes"),
        Binding("n,escape", "answer(False)", "Cancel", id="send.no"),
    ]

    def __init__(
        self, rows: list[tuple[str, str]], warnings: list[str], notes: list[str] | None = None
    ) -> None:
        super().__init__(classes="dialog")
        self.rows = rows
        self.warnings = warnings
        self.notes = notes or []  # said plainly, not as a warning ("No proofreading findings.")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box send-box"):
            yield Label("Send this email?", classes="dialog-title")
            width = max(len(name) for name, _ in self.rows)
            for name, value in self.rows:
                yield Static(f"{name.rjust(width)}: {value}", classes="send-row", markup=False)
            for warning in self.warnings:
                yield Static(warning, classes="dialog-hint error", markup=False)
            for note in self.notes:
                yield Static(note, classes="dialog-hint", markup=False)
            yes = keys_said(self.app, "send.yes", "y")
            no = keys_said(self.app, "send.no", "n,escape")
            yield Static(f"{yes}: send now · {no}: not now", classes="dialog-keys", markup=False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HandOff:
    """The hand-off keys of one emails screen: copy, .eml, mail client, send."""

    def __init__(self, view: EmailsView, send: Send) -> None:
        self.view = view
        self.send = send

    # -- building the message

    def _ready(self, *, for_sending: bool = True) -> Ready | None:
        """The stored draft and its message, or None after saying why it cannot go out yet."""
        from afterword.compose.draft_session import Refusal

        view = self.view
        draft = view.store("Edited a draft")
        if draft is None:
            view.notify("There is no draft here yet.")
            return None
        app = view.afterword
        ready = view.session.ready(draft, app.config.profile, app.now(), for_sending=for_sending)
        if isinstance(ready, Refusal):
            view.say(ready)
            return None
        return ready

    # -- copy, .eml, mail client

    def copy_body(self) -> None:
        draft = self.view.store("Edited a draft")
        if draft is None:
            return
        subject = draft.subject
        app = self.view.afterword

        def said(copied: Copied) -> None:
            app.notify(
                f"{copied.sentence('the body')} Subject: {subject}",
                severity="warning" if copied.failures else "information",
                timeout=10 if copied.failures else 5,
            )

        app.copy_text(draft.body, said)

    def write_eml(self) -> None:
        from afterword.compose.handoff import eml_name, write_eml
        from afterword.store.atomic import ensure_private_dir

        ready = self._ready(for_sending=False)
        if ready is None:
            return
        view = self.view
        draft, message = ready.draft, ready.message
        folder = view.afterword.db_path.parent / "outbox"
        try:
            ensure_private_dir(folder)
            path = write_eml(
                folder / eml_name(draft, view.session.interview.company),
                message,
                database=view.afterword.db_path,
            )
        except OSError as error:
            view.notify(
                f"Could not write the .eml file in {folder} ({error.strerror or error}).",
                severity="error",
            )
            return
        except AfterwordError as error:  # the name is one of the database's own files
            view.notify(str(error), severity="error", markup=False)
            return
        view.notify(f"Wrote {path} (only you can read it).", timeout=10)

    def mail_client(self) -> None:
        from afterword.compose.handoff import client_argv, write_eml

        view = self.view
        app = view.afterword
        command = app.config.mail.client_command
        if not command.strip():
            view.notify(
                'Set mail.client_command in config.toml, e.g. "neomutt -H {file}"; meanwhile '
                f"{key_name(app, 'emails.eml', 'ctrl+l')} writes a .eml file and "
                f"{key_name(app, 'emails.copy', 'ctrl+b')} copies the body.",
                severity="warning",
                timeout=12,
            )
            return
        ready = self._ready()
        if ready is None:
            return
        draft, message = ready.draft, ready.message
        try:  # the whole email: in Afterword's private scratch folder, not in $TMPDIR
            path = scratch.new_file("afterword-", ".eml")
        except OSError as error:
            view.notify(
                f"Could not make a file for the mail client in {scratch.root()} "
                f"({error.strerror or error}).",
                severity="error",
                markup=False,
            )
            return
        try:
            write_eml(path, message, database=app.db_path)
            argv = client_argv(command, path)
            try:
                with app.suspend():
                    code = subprocess.call(argv)
            except FileNotFoundError:
                view.notify(f"Cannot run {argv[0]!r} (mail.client_command).", severity="error")
                return
            except SuspendNotSupported as error:  # a headless app (the tests) has no terminal
                if not app.is_headless:
                    view.notify(f"Cannot hand the terminal over ({error}).", severity="error")
                    return
                code = subprocess.call(argv, stdin=subprocess.DEVNULL)
        except (OSError, ValueError, AfterwordError) as error:
            view.notify(f"{error}", severity="error")
            return
        finally:
            path.unlink(missing_ok=True)
        client = os.path.basename(argv[0])  # "neomutt", not "/usr/bin/neomutt"
        if code != 0:
            view.notify(f"{client} ended with status {code}.", severity="warning")
        from afterword.tui.screens.dialogs import ConfirmDialog

        def answer(sent: bool | None) -> None:
            if sent and not self._being_sent(draft):
                self._mark_sent_by_hand(draft.id)

        app.push_screen(ConfirmDialog(f"Did you send it from {client}?"), answer)

    # -- sending

    def _being_sent(self, draft: Draft) -> bool:
        """True (after saying so) while this draft's email is on its way out."""
        refusal = self.view.session.being_sent(draft)
        if refusal is not None:
            self.view.say(refusal)
        return refusal is not None

    def ask_to_send(self) -> None:
        """Send the draft shown, after the dialog with its headers (or ask what happened to
        one that may have gone out)."""
        from afterword.domain.outbox import is_uncertain

        view = self.view
        draft = view.store("Edited a draft")
        if draft is None or self._being_sent(draft):
            return
        if draft.is_sent:
            when = day_and_time(draft.sent_at) if draft.sent_at else "an earlier day"
            view.notify(f"Already sent on {when}.")
            return
        if is_uncertain(draft):
            self._ask_what_happened(draft)
            return
        ready = self._ready()
        if ready is None:
            return
        from afterword.compose.message import summary

        app = view.afterword
        draft = ready.draft
        key = key_name(app, "emails.findings", "ctrl+f")
        open_count = len(view.findings_now(draft))
        warnings, notes = view.session.send_warnings(ready, open_count, key, app.now())

        def answer(yes: bool | None) -> None:
            if yes:
                self._begin_send(draft.id, ready.message)

        app.push_screen(SendDialog(summary(ready.out), warnings, notes), answer)

    def _begin_send(self, draft_id: str, message: EmailMessage[str, str]) -> None:
        """On the UI thread, before any slow step (the password, the server): the draft
        becomes `sending` in the library and is queued for the disk, so a second ctrl+g, here
        or on another screen, finds it on its way and is refused. Then a worker sends it."""
        from afterword.compose.sending import SendFailed

        view = self.view
        session = view.session
        current = session.draft(draft_id)
        if current is None or self._being_sent(current):
            return
        before = view.afterword.library.failures
        try:
            begun = session.begin_sending(draft_id, message)
        except SendFailed as refused:
            view.notify(str(refused), severity="error", timeout=12, markup=False)
            return
        view.fill_list()
        sending = session.draft(draft_id)
        assert sending is not None
        if session.current == draft_id:
            view.show_note(sending)
        self.send(copy.deepcopy(sending), message, begun, before)

    def _ask_what_happened(self, draft: Draft) -> None:
        from afterword.tui.screens.dialogs import ChoiceDialog

        def chosen(value: str | None) -> None:
            if value is not None and self._being_sent(draft):
                return
            if value == "sent":
                self._mark_sent_by_hand(draft.id)
            elif value == "not-sent":
                self._change_state(draft.id, "not-sent")
                send = key_name(self.view.afterword, "emails.send", "ctrl+g")
                self.view.notify(f"Marked not sent: {send} sends it (with the same Message-ID).")

        self.view.afterword.push_screen(
            ChoiceDialog(
                "It may have been sent already. Check your Sent folder, then:",
                [("sent", "It was sent: mark it sent"), ("not-sent", "It was not: let me send it")],
            ),
            chosen,
        )

    def _mark_sent_by_hand(self, draft_id: str) -> None:
        last = self._change_state(draft_id, "sent-by-hand")
        self.view.notify("Marked sent; its follow-up is done." + self._offer_close_out(last))

    def _change_state(self, draft_id: str, how: Literal["sent-by-hand", "not-sent"]) -> bool:
        """Mark a draft not sent or sent by hand; True when that did the last check-in."""
        view = self.view
        app = view.afterword
        last = view.session.change_state(draft_id, how, app.now(), app.config.schedule)
        view.fill_list()
        view.show_draft(draft_id)
        return last

    def send_now(
        self, draft: Draft, message: EmailMessage[str, str], begun: Begun, failures: int
    ) -> None:
        """Send, on the screen's worker: the `sending` state is on disk before the password
        is read or a server is reached; each later state reaches the disk before the next
        step."""
        from afterword.compose.sending import SendFailed, deliver, transport_for
        from afterword.domain import outbox

        view = self.view
        app = view.afterword
        library = app.library

        def save() -> None:
            before = library.failures
            app.call_from_thread(self._keep_state, copy.deepcopy(draft))
            library.flush()
            if library.failures != before:
                raise SendFailed(
                    "Could not record the email's state on disk, so it was not sent; "
                    "free some space or fix the folder, then send again.",
                    maybe_sent=False,
                )

        try:
            app.call_from_thread(view.notify, f"Sending to {', '.join(draft.to)}…", markup=False)
            try:
                library.flush()  # `sending`, put in the library on the UI thread, on disk
                if library.failures != failures:
                    raise SendFailed(
                        "Could not record the email's state on disk, so it was not sent; "
                        "free some space or fix the folder, then send again.",
                        maybe_sent=False,
                    )
                transport = transport_for(app.config.mail)  # may run the password command
            except SendFailed as failure:
                outbox.record_failure(draft, maybe_sent=False)  # nothing went out
                with contextlib.suppress(SendFailed):
                    save()
                app.call_from_thread(
                    view.notify, str(failure), severity="error", timeout=15, markup=False
                )
                return
            deliver(draft, message, transport, save, app.now(), begun)
        except SendFailed as failure:
            app.call_from_thread(
                view.notify, str(failure), severity="error", timeout=15, markup=False
            )
            return
        except Exception as error:
            if draft.state == "sending":  # failed before a state was recorded: maybe sent
                outbox.record_failure(draft, maybe_sent=True)
                with contextlib.suppress(Exception):
                    save()
            app.call_from_thread(
                view.notify,
                f"Sending failed unexpectedly ({type(error).__name__}); the draft is marked "
                "'sent? unknown': check your Sent folder before sending again.",
                severity="error",
                timeout=15,
            )
            return
        finally:
            library.sending.discard(draft.id)  # a set's discard: safe from this thread
            app.call_from_thread(self._send_ended, draft.id)
        app.call_from_thread(self._sent, draft.id)

    def _send_ended(self, draft_id: str) -> None:
        session = self.view.session
        session.send_ended(draft_id)
        kept = session.draft(draft_id)
        if kept is not None and session.current == draft_id:
            self.view.show_note(kept)

    def _keep_state(self, sending: Draft) -> None:
        session = self.view.session
        session.keep_state(sending)
        self.view.fill_list()
        if session.current == sending.id:
            kept = session.draft(sending.id)
            if kept is not None:
                self.view.show_note(kept)

    def _sent(self, draft_id: str) -> None:
        view = self.view
        app = view.afterword
        last = view.session.sent(draft_id, app.now(), app.config.schedule)
        view.fill_list()
        view.show_draft(draft_id)
        view.notify("Sent; its follow-up is done." + self._offer_close_out(last))

    def _offer_close_out(self, last_check_in: bool) -> str:
        """After the last check-in: the lists below are told which lead `o` closes out, and
        the note says so."""
        if not last_check_in:
            return ""
        from afterword.tui.actions import FollowUpScreen

        app = self.view.afterword
        interview_id = self.view.interview_id
        me: object = self.view
        below = [s for s in app.screen_stack if s is not me]
        for screen in below:
            screen.post_message(FollowUpScreen.CloseOutOffered(interview_id))
        company = app.library.get(interview_id).company
        # the key of the list you go back to (`o` unless [keymap] moved it there)
        back_to = next((s for s in reversed(below) if isinstance(s, FollowUpScreen)), None)
        key = key_name(app, f"{back_to.KEYS}.close_out", "o") if back_to else "o"
        return (
            f" That was the last check-in with {company}: back on the list, press {key} to "
            "close it out."
        )
