"""Handing a draft off from the emails screen: copy, a .eml file, the mail client, or send.

Every way out first stores the draft, refuses one that waits (the recruiter's answer, an
address), and builds the message through ``compose.message`` (which refuses unsafe headers).
Sending asks first, showing the exact From, To, Cc and Subject, and runs in a worker; a send
that may have happened is never repeated by itself.
"""

from __future__ import annotations

import contextlib
import copy
import os
import subprocess
from email.message import EmailMessage
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from afterword import scratch
from afterword.domain.model import Draft, Interview
from afterword.domain.words import day_and_time
from afterword.errors import AfterwordError
from afterword.tui.screens.emails.part import EmailsPart

if TYPE_CHECKING:
    from afterword.compose.clipboard import Copied
    from afterword.compose.draft_session import Ready
    from afterword.compose.sending import Begun


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
            yield Static("y: send now · n or escape: not now", classes="dialog-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HandOff(EmailsPart):
    """The hand-off keys of the emails screen (mixed into ``EmailsScreen``)."""

    # -- building the message

    def _ready(self, *, for_sending: bool = True) -> Ready | None:
        """The stored draft and its message, or None after saying why it cannot go out yet."""
        from afterword.compose.draft_session import Refusal

        draft = self.store("Edited a draft")
        if draft is None:
            self.notify("There is no draft here yet.")
            return None
        app = self.afterword
        ready = self.session.ready(draft, app.config.profile, app.now(), for_sending=for_sending)
        if isinstance(ready, Refusal):
            self.say(ready)
            return None
        return ready

    # -- copy, .eml, mail client

    def action_copy_body(self) -> None:
        draft = self.store("Edited a draft")
        if draft is None:
            return
        subject = draft.subject

        def said(copied: Copied) -> None:
            self.afterword.notify(
                f"{copied.sentence('the body')} Subject: {subject}",
                severity="warning" if copied.failures else "information",
                timeout=10 if copied.failures else 5,
            )

        self.afterword.copy_text(draft.body, said)

    def action_write_eml(self) -> None:
        from afterword.compose.handoff import eml_name, write_eml
        from afterword.store.atomic import ensure_private_dir

        ready = self._ready(for_sending=False)
        if ready is None:
            return
        draft, message = ready.draft, ready.message
        folder = self.afterword.db_path.parent / "outbox"
        try:
            ensure_private_dir(folder)
            path = write_eml(
                folder / eml_name(draft, self.interview.company),
                message,
                database=self.afterword.db_path,
            )
        except OSError as error:
            self.notify(
                f"Could not write the .eml file in {folder} ({error.strerror or error}).",
                severity="error",
            )
            return
        except AfterwordError as error:  # the name is one of the database's own files
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Wrote {path} (only you can read it).", timeout=10)

    def action_mail_client(self) -> None:
        from afterword.compose.handoff import client_argv, write_eml

        command = self.afterword.config.mail.client_command
        if not command.strip():
            self.notify(
                'Set mail.client_command in config.toml, e.g. "neomutt -H {file}"; meanwhile '
                "ctrl+l writes a .eml file and ctrl+b copies the body.",
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
            self.notify(
                f"Could not make a file for the mail client in {scratch.root()} "
                f"({error.strerror or error}).",
                severity="error",
                markup=False,
            )
            return
        try:
            write_eml(path, message, database=self.afterword.db_path)
            argv = client_argv(command, path)
            try:
                with self.afterword.suspend():
                    code = subprocess.call(argv)
            except FileNotFoundError:
                self.notify(f"Cannot run {argv[0]!r} (mail.client_command).", severity="error")
                return
            except Exception as error:  # SuspendNotSupported in a headless app
                if not self.afterword.is_headless:
                    self.notify(f"Cannot hand the terminal over ({error}).", severity="error")
                    return
                code = subprocess.call(argv, stdin=subprocess.DEVNULL)
        except (OSError, ValueError, AfterwordError) as error:
            self.notify(f"{error}", severity="error")
            return
        finally:
            path.unlink(missing_ok=True)
        client = os.path.basename(argv[0])  # "neomutt", not "/usr/bin/neomutt"
        if code != 0:
            self.notify(f"{client} ended with status {code}.", severity="warning")
        from afterword.tui.screens.dialogs import ConfirmDialog

        def answer(sent: bool | None) -> None:
            if sent and not self._being_sent(draft):
                self._mark_sent_by_hand(draft.id)

        self.afterword.push_screen(ConfirmDialog(f"Did you send it from {client}?"), answer)

    # -- sending

    def _being_sent(self, draft: Draft) -> bool:
        """True (after saying so) while this draft's email is on its way out."""
        refusal = self.session.being_sent(draft)
        if refusal is not None:
            self.say(refusal)
        return refusal is not None

    def action_send(self) -> None:
        from afterword.domain.outbox import is_uncertain

        draft = self.store("Edited a draft")
        if draft is None or self._being_sent(draft):
            return
        if draft.is_sent:
            when = day_and_time(draft.sent_at) if draft.sent_at else "an earlier day"
            self.notify(f"Already sent on {when}.")
            return
        if is_uncertain(draft):
            self._ask_what_happened(draft)
            return
        ready = self._ready()
        if ready is None:
            return
        from afterword.compose.message import summary

        draft = ready.draft
        key = self.afterword.config.keymap.get("emails.findings", "ctrl+f").split(",")[0]
        open_count = len(self.findings_now(draft))
        warnings, notes = self.session.send_warnings(ready, open_count, key, self.afterword.now())

        def answer(yes: bool | None) -> None:
            if yes:
                self._begin_send(draft.id, ready.message)

        self.afterword.push_screen(SendDialog(summary(ready.out), warnings, notes), answer)

    def _begin_send(self, draft_id: str, message: EmailMessage[str, str]) -> None:
        """On the UI thread, before any slow step (the password, the server): the draft
        becomes `sending` in the library and is queued for the disk, so a second ctrl+g, here
        or on another screen, finds it on its way and is refused. Then a worker sends it."""
        from afterword.compose.sending import SendFailed, begin_sending

        library = self.afterword.library
        current = self._draft(draft_id)
        if current is None or self._being_sent(current):
            return
        before = library.failures

        def apply(working: Interview) -> Begun:
            return begin_sending(next(d for d in working.drafts if d.id == draft_id), message)

        try:
            begun = library.update(self.interview_id, "Sending an email", apply)
        except SendFailed as refused:
            self.notify(str(refused), severity="error", timeout=12, markup=False)
            return
        library.sending.add(draft_id)
        self.session.sending = draft_id
        self._fill_list()
        sending = self._draft(draft_id)
        assert sending is not None
        if self.session.current == draft_id:
            self._note(sending)
        self._send(copy.deepcopy(sending), message, begun, before)

    def _ask_what_happened(self, draft: Draft) -> None:
        from afterword.tui.screens.dialogs import ChoiceDialog

        def chosen(value: str | None) -> None:
            if value is not None and self._being_sent(draft):
                return
            if value == "sent":
                self._mark_sent_by_hand(draft.id)
            elif value == "not-sent":
                self._change_state(draft.id, "not-sent")
                self.notify("Marked not sent: ctrl+g sends it (with the same Message-ID).")

        self.afterword.push_screen(
            ChoiceDialog(
                "It may have been sent already. Check your Sent folder, then:",
                [("sent", "It was sent: mark it sent"), ("not-sent", "It was not: let me send it")],
            ),
            chosen,
        )

    def _mark_sent_by_hand(self, draft_id: str) -> None:
        last = self._change_state(draft_id, "sent-by-hand")
        self.notify("Marked sent; its follow-up is done." + self._offer_close_out(last))

    def _change_state(self, draft_id: str, how: str) -> bool:
        """Mark a draft not sent or sent by hand; True when that did the last check-in."""
        from afterword.domain import outbox

        now = self.afterword.now()
        settings = self.afterword.config.schedule

        def apply(working: Interview) -> bool:
            draft = next(d for d in working.drafts if d.id == draft_id)
            if how == "not-sent":
                outbox.mark_not_sent(draft)
                return False
            outbox.mark_sent_by_hand(draft, now)
            return outbox.complete_follow_ups(working, draft, now, settings)

        last = self.afterword.library.update(self.interview_id, "Changed a draft's state", apply)
        self._fill_list()
        self._show(draft_id)
        return last

    @work(thread=True, group="send", exit_on_error=False)
    def _send(
        self, draft: Draft, message: EmailMessage[str, str], begun: Begun, failures: int
    ) -> None:
        """Send on a worker: the `sending` state is on disk before the password is read or a
        server is reached; each later state reaches the disk before the next step."""
        from afterword.compose.sending import SendFailed, deliver, transport_for
        from afterword.domain import outbox

        app = self.afterword
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
            app.call_from_thread(self.notify, f"Sending to {', '.join(draft.to)}…", markup=False)
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
                    self.notify, str(failure), severity="error", timeout=15, markup=False
                )
                return
            deliver(draft, message, transport, save, app.now(), begun)
        except SendFailed as failure:
            app.call_from_thread(
                self.notify, str(failure), severity="error", timeout=15, markup=False
            )
            return
        except Exception as error:
            if draft.state == "sending":  # failed before a state was recorded: maybe sent
                outbox.record_failure(draft, maybe_sent=True)
                with contextlib.suppress(Exception):
                    save()
            app.call_from_thread(
                self.notify,
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
        if self.session.sending == draft_id:
            self.session.sending = ""
        kept = self._draft(draft_id)
        if kept is not None and self.session.current == draft_id:
            self._note(kept)

    def _keep_state(self, sending: Draft) -> None:
        def apply(working: Interview) -> None:
            for d in working.drafts:
                if d.id == sending.id:
                    d.state, d.message_id, d.sent_at = (
                        sending.state,
                        sending.message_id,
                        sending.sent_at,
                    )

        self.afterword.library.update(self.interview_id, "Sent an email", apply)
        self._fill_list()
        if self.session.current == sending.id:
            kept = self._draft(sending.id)
            if kept is not None:
                self._note(kept)

    def _sent(self, draft_id: str) -> None:
        from afterword.domain import outbox

        now = self.afterword.now()
        settings = self.afterword.config.schedule

        def apply(working: Interview) -> bool:
            draft = next(d for d in working.drafts if d.id == draft_id)
            return outbox.complete_follow_ups(working, draft, now, settings)

        last = self.afterword.library.update(self.interview_id, "Sent an email", apply)
        self._fill_list()
        self._show(draft_id)
        self.notify("Sent; its follow-up is done." + self._offer_close_out(last))

    def _offer_close_out(self, last_check_in: bool) -> str:
        """After the last check-in: the lists below are told which lead `o` closes out, and
        the note says so."""
        if not last_check_in:
            return ""
        from afterword.tui.actions import FollowUpScreen

        for screen in self.afterword.screen_stack:
            if screen is not self:
                screen.post_message(FollowUpScreen.CloseOutOffered(self.interview_id))
        company = self.afterword.library.get(self.interview_id).company
        return (
            f" That was the last check-in with {company}: back on the list, press o to close "
            "it out."
        )
