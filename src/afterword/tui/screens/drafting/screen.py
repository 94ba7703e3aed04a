"""The drafting screen: an interview's emails, one per interviewer, with live proofreading.

The list of drafts on top; To, Cc, Subject and the body below; on the right the four Rs as a
checklist and the proofreading findings (`enter` on one moves the cursor there). What is typed
is kept by the autosave of the debrief (the recovery file) until it is stored with the
interview: on ctrl+s, on moving to another draft, on leaving, and before any hand-off.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.text_area import Selection
from textual.worker import Worker, WorkerState, get_current_worker

from afterword.compose.message import split_addresses
from afterword.domain.drafting import (
    AddressGuess,
    Check,
    addressee_for,
    four_rs,
    still_ahead,
    waiting_reason,
)
from afterword.domain.model import Draft, Interview, new_id
from afterword.domain.words import day_and_time
from afterword.tui.autosave import TICK, Autosave
from afterword.tui.base import FIELD_WALK, AfterwordScreen
from afterword.tui.proofing import Proofreader
from afterword.tui.screens.drafting.handoff import HandOff
from afterword.tui.screens.drafting.rewriting import TEMPLATE_WORDS, Rewriting
from afterword.tui.widgets.blank import Cells, Columns, Rows, Shelf, TitleBar
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.long_text import LongText
from afterword.tui.widgets.proof_panel import ProofPanel
from afterword.tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from afterword.domain.proofread import Finding, ProofContext

SLOT = "draft"
OUTDATED_NOTE = "outdated: ctrl+r"  # in the list; the note above the body says it in full
PROOF_QUIET = 0.4  # seconds after the last key before the text is proofread again
STATE_WORDS = {
    "draft": "draft",
    "queued": "queued",
    "sending": "sending…",
    "sent": "sent",
    "unknown": "sent? unknown",
}


class ProofDone(Message):
    """The proofreading thread's result: the findings and checks, or the error it met."""

    def __init__(self, generation: int, result: object) -> None:
        super().__init__()
        self.generation = generation
        self.result = result


class DraftsScreen(Rewriting, HandOff, AfterwordScreen[None]):
    """The emails of one interview (``template``/``person`` choose the one shown first)."""

    BLANK = True  # a plain background, drawn at once on every key (see widgets/blank.py)

    FORM = True
    AUTO_FOCUS = "#d-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_WALK,
        Binding(
            "ctrl+n",
            "use_guess",
            "Use guess",
            id="drafts.use-guess",
            tooltip="Put the guessed address in To (verify it)",
        ),
        Binding(
            "ctrl+s", "save", "Save", id="drafts.save", tooltip="Keep the draft with the interview"
        ),
        Binding("escape", "leave", "Back", id="drafts.back"),
        Binding(
            "ctrl+g",
            "send",
            "Send",
            id="drafts.send",
            tooltip="Send it, after showing From, To, Cc and Subject",
        ),
        Binding(
            "ctrl+o",
            "mail_client",
            "Mail",
            id="drafts.mail-client",
            tooltip="Open it in your mail client (mail.client_command)",
        ),
        Binding(
            "ctrl+b",
            "copy_body",
            "Copy",
            id="drafts.copy",
            tooltip="Copy the body to the clipboard",
        ),
        Binding(
            "ctrl+l",
            "write_eml",
            ".eml",
            id="drafts.eml",
            tooltip="Write it as a .eml file in outbox/",
        ),
        Binding("ctrl+down", "next_draft(1)", "Next", id="drafts.next", tooltip="The next draft"),
        Binding("ctrl+up", "next_draft(-1)", "Previous", show=False, id="drafts.previous"),
        Binding(
            "ctrl+r",
            "regenerate",
            "Rewrite",
            id="drafts.regenerate",
            tooltip="Write it again from its template",
        ),
        Binding(
            "ctrl+t",
            "pick_template",
            "Template",
            id="drafts.template",
            tooltip="Write it from another template",
        ),
        Binding(
            "ctrl+f",
            "findings",
            "Findings",
            id="drafts.findings",
            tooltip="Go to the proofreading findings",
        ),
        Binding("ctrl+e", "edit_externally", "Editor", show=False, id="drafts.editor"),
    ]

    def __init__(
        self,
        interview_id: str,
        *,
        template: str = "",
        person: str = "",
        restored: dict[str, Any] | None = None,
        slot: str = "",
        undo_with: str = "",
    ) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.want = (template, person)
        self.undo_with = undo_with  # the change (by label) that the drafts written at once join
        self.restored = restored
        self.slot = slot or f"{SLOT}:{interview_id}:{new_id()}"
        self.current: str = ""  # id of the draft shown
        self.sending = ""  # id of the draft a send worker is sending now
        self.guesses: dict[str, AddressGuess] = {}
        self.findings: list[Finding] = []
        self.autosave: Autosave | None = None
        self._ticker: Timer | None = None
        self._filling = True
        self._dirty = False  # typed since the draft was last stored with the interview
        self._proof_due: float | None = None
        self._results: tuple[list[Finding], list[Check] | None] | None = None
        self._proof_ctx: ProofContext | None = None
        self._others: tuple[str, ...] = ()

    # -- building

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # What sits beside the body is on shelves (widgets/blank.py): a key in the body leaves
        # the list, the headers and the proofreading panel alone.
        with Columns(id="drafting"):
            with Rows(id="draft-main"):
                with Shelf(id="draft-top"):
                    yield RecordTable(id="draft-list")
                    yield Static("", id="draft-note", markup=False)
                    with Cells(id="draft-head"):
                        yield Label("To", classes="draft-label")
                        yield Input(id="d-to", compact=True, select_on_focus=False)
                        yield Label("Cc", classes="draft-label")
                        yield Input(id="d-cc", compact=True, select_on_focus=False)
                        yield Label("Subject", classes="draft-label")
                        yield Input(id="d-subject", compact=True, select_on_focus=False)
                yield LongText(
                    "", id="d-body", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
                )
            with Shelf(id="draft-aside"):
                yield ProofPanel(id="draft-side")
        yield Shelf(KeyBar(), classes="bottom")

    @property
    def interview(self) -> Interview:
        return self.afterword.library.get(self.interview_id)

    def on_mount(self) -> None:
        interview = self.interview
        self.sub_title = f"Emails · {interview.company}"
        from afterword.store.recovery import Recovery

        self.autosave = Autosave(Recovery(self.afterword.db_path), self.slot, self._autosave_failed)
        self.proofreader = Proofreader(self._delivered)
        self._ticker = self.set_interval(TICK, self._tick)
        self._others = tuple(
            sorted(
                {i.company for i in self.afterword.library.interviews.values()}
                - {interview.company}
            )
        )
        self.query_one("#d-body", LongText).loading = True
        self._prepare(copy.deepcopy(interview))
        self.afterword.load_spelling()
        self.afterword.profile_changed_signal.subscribe(self, self._profile_changed)
        self.afterword.ask_profile_if_missing()

    def _profile_changed(self, _profile: object) -> None:
        """The profile was set (the drafts not edited are being written again meanwhile):
        the note and the checks use the new name at once."""
        self._proof_ctx = None
        draft = self._draft()
        if draft is not None:
            self._note(draft)
            self._proofread_now()

    def on_unmount(self) -> None:
        self.proofreader.stop()
        if self.autosave is not None:
            self.autosave.stop()

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare(self, working: Interview) -> None:
        """Render the route's drafts (a user template runs in a child process: not here on
        the UI thread), then hand them to the UI."""
        from afterword.compose.drafts import find_draft, prepare_drafts, write_draft
        from afterword.compose.render import TemplateProblem

        app = self.afterword
        now = app.now()
        user_dir = app.templates_dir
        others = list(app.library.interviews.values())
        outcome = prepare_drafts(working, app.config, now, user_dir, others)
        template, person = self.want
        who = (person or addressee_for(working, template)) if template else ""
        if template and find_draft(working, template, who) is None:
            try:
                draft = write_draft(working, template, who, app.config, now, user_dir)
                working.drafts.append(draft)
                outcome.created.append(draft)
            except TemplateProblem as problem:
                outcome.problems.append(str(problem))
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._prepared, outcome)

    def _prepared(self, outcome: Any) -> None:
        self.guesses = outcome.guesses
        for problem in outcome.problems:
            self.notify(problem, severity="error", timeout=15)
        if outcome.changed:
            created, rerouted = outcome.created, {d.id: d for d in outcome.rerouted}

            def add(interview: Interview) -> None:
                for draft in interview.drafts:
                    if draft.id in rerouted:
                        draft.to, draft.cc = rerouted[draft.id].to, rerouted[draft.id].cc
                known = {d.id for d in interview.drafts}
                interview.drafts.extend(d for d in created if d.id not in known)

            library = self.afterword.library
            library.update(self.interview_id, "Drafted the emails", add)
            if self.undo_with:
                library.join_last(self.undo_with)
        self.undo_with = ""
        self._show_drafts()

    @on(Worker.StateChanged)
    def _prepare_failed(self, event: Worker.StateChanged) -> None:
        """Preparing failed with an error nobody expected (the app says so): the drafts the
        interview has already are shown, to be written and sent by hand."""
        if event.worker.group == "prepare" and event.state == WorkerState.ERROR:
            self._show_drafts()

    def _show_drafts(self) -> None:
        self.query_one("#d-body", LongText).loading = False
        self._fill_list()
        first = self._first_draft()
        if self.restored is not None:
            first = self._apply_restored(self.restored) or first
        if first is not None:
            self._show(first)
        else:
            self._show_nothing()

    def _first_draft(self) -> str | None:
        drafts = self.interview.drafts
        template, person = self.want
        from afterword.domain.words import fold_name

        if template or person:
            for draft in reversed(drafts):
                fits = (not template or draft.template == template) and (
                    not person or fold_name(draft.person) == fold_name(person)
                )
                if fits and not draft.is_sent:
                    return draft.id
        for draft in drafts:
            if not draft.is_sent and not waiting_reason(self.interview, draft):
                return draft.id
        return drafts[0].id if drafts else None

    def _apply_restored(self, record: dict[str, Any]) -> str | None:
        """Put the unsaved text of last time back into its draft (a new one if it is gone)."""
        draft_id = str(record.get("draft_id", ""))
        texts = {k: record.get(k) for k in ("to", "cc", "subject", "body")}

        def apply(working: Interview) -> str:
            draft = next((d for d in working.drafts if d.id == draft_id), None)
            if draft is None or draft.is_sent:
                draft = Draft(
                    template=str(record.get("template") or "thank-you"),
                    person=str(record.get("person") or ""),
                )
                working.drafts.append(draft)
            draft.to = [str(v) for v in texts["to"] or []]
            draft.cc = [str(v) for v in texts["cc"] or []]
            draft.subject = str(texts["subject"] or "")
            draft.body = str(texts["body"] or "")
            draft.edited = True
            return draft.id

        shown = self.afterword.library.update(self.interview_id, "Restored a draft", apply)
        self._fill_list()
        self.autosave_clear()
        return shown

    # -- the list

    def _fill_list(self) -> None:
        table = self.query_one("#draft-list", RecordTable)
        interview = self.interview
        rows = []
        for draft in interview.drafts:
            why = waiting_reason(interview, draft) if not draft.is_sent else ""
            if draft.outdated and draft.state == "draft":
                why = f"{why}; {OUTDATED_NOTE}" if why else OUTDATED_NOTE
            at = draft.sent_at
            when = f"{at:%a} {at.day} {at:%b %H:%M}" if at else ""
            rows.append(
                (
                    draft.person or (", ".join(draft.to) or "—"),
                    TEMPLATE_WORDS.get(draft.template, draft.template),
                    STATE_WORDS.get(draft.state, draft.state),
                    when or why,
                )
            )
        # Columns afresh, as wide as their cells: auto widths were at times left at the
        # headings' widths when the list was filled twice in a row.
        table.clear(columns=True)
        for n, heading in enumerate(("For", "Email", "State", "Note")):
            width = max([len(heading), *(len(row[n]) for row in rows)])
            table.add_column(heading, width=width)
        for draft, row in zip(interview.drafts, rows, strict=True):
            table.add_row(*map(Text, row), key=draft.id)  # a str cell would be read as markup
        table.styles.height = min(len(interview.drafts), 6) + 1

    def _draft(self, draft_id: str | None = None) -> Draft | None:
        wanted = draft_id or self.current
        return next((d for d in self.interview.drafts if d.id == wanted), None)

    def _show_nothing(self) -> None:
        self.query_one("#draft-note", Static).update(
            "No emails to write: the interview has no interviewers yet. Add them in the "
            "debrief (d on the interview), or pick a template with ctrl+t."
        )

    def _show(self, draft_id: str) -> None:
        draft = self._draft(draft_id)
        if draft is None:
            return
        self._filling = True
        self.current = draft.id
        table = self.query_one("#draft-list", RecordTable)
        row = table.get_row_index(draft.id)
        if table.cursor_row != row:
            table.move_cursor(row=row)
        sent = draft.is_sent
        for key, value in (
            ("to", ", ".join(draft.to)),
            ("cc", ", ".join(draft.cc)),
            ("subject", draft.subject),
        ):
            field = self.query_one(f"#d-{key}", Input)
            field.value = value
            field.disabled = sent
        body = self.query_one("#d-body", LongText)
        body.load_text(draft.body)
        body.read_only = sent
        self._note(draft)
        self._filling = False
        self._dirty = False
        self._proof_ctx = None
        self._proof_due = None
        self.refresh_bindings()
        self._proofread_now()

    def _note(self, draft: Draft) -> None:
        interview = self.interview
        parts: list[str] = []
        if draft.state == "sent" and draft.sent_at:
            parts.append(f"Sent {day_and_time(draft.sent_at)}.")
        elif draft.state == "sending" and draft.id in self.afterword.library.sending:
            parts.append("Sending…")
        elif draft.state in ("unknown", "sending"):
            parts.append(
                "It may have been sent already: the connection broke while sending. Check "
                "your Sent folder; ctrl+g lets you mark it sent or not sent."
            )
        else:
            why = waiting_reason(interview, draft)
            if why == "address needed":
                guess = self.guesses.get(draft.person)
                parts.append(f"Address needed for {draft.person}.")
                if guess is not None:
                    parts.append(f"Perhaps {guess.in_words()}; ctrl+n puts it in To.")
            elif why:
                parts.append(why[0].upper() + why[1:] + ".")
                if interview.recruiter is not None and interview.recruiter.direct_contact == "ask":
                    parts.append("Record the answer on the call sheet (p on the interview).")
        if draft.outdated and draft.state == "draft":
            parts.append(
                "Edited by you, and written before the debrief or your profile changed: ctrl+r "
                "rewrites it from the record (it asks first: your edits would be lost)."
            )
        if not draft.is_sent:
            if draft.template == "thank-you" and still_ahead(interview, self.afterword.now()):
                when = f"{interview.when:%a} {interview.when.day} {interview.when:%b %H:%M}"
                parts.append(f"The interview is still ahead ({when}): send the thank-you after it.")
            profile = self.afterword.config.profile
            if not (profile.name.strip() and profile.email.strip()):
                parts.append(
                    "Your name or address is not set: ctrl+p, Your profile, sets them "
                    "(saved under [profile] in config.toml)."
                )
        note = " ".join(parts)
        self.query_one("#draft-note", Static).update(note)
        self.query_one("#draft-note", Static).display = bool(note)

    @on(DataTable.RowHighlighted, "#draft-list")
    def _row(self, event: DataTable.RowHighlighted) -> None:
        """The user moved in the list (j/k, arrows): show that draft. Moves the screen makes
        itself (filling the list, showing a draft) arrive here later and are not the user's."""
        key = event.row_key.value
        if not event.data_table.has_focus:
            return
        if key and key != self.current and not self._filling:
            self.store("Edited a draft")
            self._show(key)

    @on(DataTable.RowSelected, "#draft-list")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        """`enter` on a draft in the list: that draft, with the cursor in its body."""
        key = event.row_key.value
        if key and key != self.current:
            self.store("Edited a draft")
            self._show(key)
        self.query_one("#d-body", LongText).focus()

    def action_next_draft(self, step: int) -> None:
        drafts = self.interview.drafts
        ids = [d.id for d in drafts]
        if not ids:
            return
        here = ids.index(self.current) if self.current in ids else 0
        self.store("Edited a draft")
        self._show(ids[(here + step) % len(ids)])

    # -- typing

    def touched(self) -> None:
        """A key changed the draft (cheap: the timer does the rest)."""
        if self._filling:
            return
        if not self._dirty:
            # Loading a draft into the fields posts Changed too (handled after the load): only a
            # real difference from the stored draft counts as typing.
            draft = self._draft()
            if draft is None or self._holds(draft):
                return
        import time

        self._dirty = True
        self._proof_due = time.monotonic() + PROOF_QUIET
        self.proofreader.stale()
        if self.autosave is not None:
            self.autosave.touched()

    def _holds(self, draft: Draft) -> bool:
        """Do the fields hold exactly the stored draft?"""
        values = self.values()
        return (values["to"], values["cc"], values["subject"], values["body"]) == (
            draft.to,
            draft.cc,
            draft.subject,
            draft.body,
        )

    @on(Input.Changed)
    def _typed_line(self, event: Input.Changed) -> None:
        self.touched()

    def _tick(self) -> None:
        import time

        if self.autosave is not None and self.autosave.due():
            self.autosave.save_soon(self.record())
        if self._results is not None:
            results, self._results = self._results, None
            self._show_findings(*results)
        if self._proof_due is not None and time.monotonic() >= self._proof_due:
            self._proof_due = None
            self._proofread_now()

    def values(self) -> dict[str, Any]:
        return {
            "to": split_addresses(self.query_one("#d-to", Input).value),
            "cc": split_addresses(self.query_one("#d-cc", Input).value),
            "subject": self.query_one("#d-subject", Input).value,
            "body": self.query_one("#d-body", LongText).text,
        }

    def record(self) -> dict[str, Any]:
        draft = self._draft()
        return {
            "kind": "draft",
            "interview_id": self.interview_id,
            "draft_id": self.current,
            "company": self.interview.company,
            "person": draft.person if draft else "",
            "template": draft.template if draft else "",
            "saved_at": self.afterword.now().isoformat(timespec="seconds"),
            **self.values(),
        }

    def save_unsaved_now(self) -> None:
        """The app is stopping (quit, SIGTERM, SIGHUP): keep the text typed since the last
        store in the recovery file."""
        if self._dirty and self.autosave is not None:
            self.autosave.save_now(self.record())

    def autosave_clear(self) -> None:
        if self.autosave is not None:
            self.autosave.clear()

    def _autosave_failed(self, message: str) -> None:
        self.app.call_from_thread(self.notify, message, severity="error", timeout=15)

    # -- storing

    def store(self, label: str = "Edited a draft") -> Draft | None:
        """Keep what the fields hold with the interview (saved on the writer thread)."""
        draft = self._draft()
        if draft is None:
            return None
        if not self._dirty or draft.is_sent:
            return draft
        values = self.values()
        draft_id = self.current

        def apply(working: Interview) -> None:
            for d in working.drafts:
                if d.id == draft_id:
                    text_changed = (values["subject"], values["body"]) != (d.subject, d.body)
                    d.to, d.cc = values["to"], values["cc"]
                    d.subject, d.body = values["subject"], values["body"]
                    d.edited = d.edited or text_changed

        self.afterword.library.update(self.interview_id, label, apply)
        self._dirty = False
        self.autosave_clear()
        self._fill_list()
        return self._draft()

    def action_save(self) -> None:
        was = self._dirty
        self.store("Edited a draft")
        self.notify("Draft saved." if was else "Nothing new to save.")

    def action_leave(self) -> None:
        self.store("Edited a draft")
        if self.autosave is not None:
            self.autosave.forget()
        self.dismiss(None)

    def refresh_data(self) -> None:
        """Something else changed the interview (undo, a save elsewhere): show it again."""
        if self.interview_id not in self.afterword.library.interviews:
            self.dismiss(None)
            return
        if not self._dirty:
            self._fill_list()
            if self._draft() is not None:
                self._show(self.current)

    # -- proofreading

    def _proof_context(self, draft: Draft) -> ProofContext:
        from afterword import paths
        from afterword.compose.spelling import user_words
        from afterword.domain.proofread import proof_context

        app = self.afterword
        if self._proof_ctx is None:
            self._proof_ctx = proof_context(
                self.interview,
                addressee=draft.person,
                template=draft.template,
                sender=app.config.profile.name,
                other_companies=self._others,
                today=app.now().date(),
                user_words=user_words(paths.user_folder()),
            )
        return self._proof_ctx

    def _proofread_now(self) -> None:
        draft = self._draft()
        if draft is None:
            return
        values = self.values()
        context = self._proof_context(draft)
        template, subject, body = draft.template, values["subject"], values["body"]
        self.proofreader.submit(lambda: self._check(template, subject, body, context))

    def _check(
        self, template: str, subject: str, body: str, context: ProofContext
    ) -> tuple[list[Finding], list[Check] | None]:
        """The findings and the four Rs (run on the proofreading thread)."""
        from afterword.domain.proofread import proofread

        app = self.afterword
        found = proofread(subject, body, context, app.spelling)
        checks = None
        if template == "thank-you":
            checks = four_rs(
                self.interview, subject, body, app.config.profile.name, app.now().date()
            )
        return found, checks

    def findings_now(self, draft: Draft) -> list[Finding]:
        """The findings of ``draft`` as stored now (the panel's may be a pause in typing
        behind): what the send dialog counts. A few milliseconds, so checked here at once."""
        from afterword.domain.proofread import proofread

        try:
            return proofread(
                draft.subject, draft.body, self._proof_context(draft), self.afterword.spelling
            )
        except Exception:  # the panel's last findings, rather than no dialog at all
            return list(self.findings)

    def _delivered(self, generation: int, result: object) -> None:
        """On the proofreading thread: hand the result to the UI (never waiting for it)."""
        self.post_message(ProofDone(generation, result))

    @on(ProofDone)
    def _proofread_done(self, message: ProofDone) -> None:
        """Results are shown at the next tick, not now: a key already on its way would
        otherwise wait behind the panel's redraw (and make the results stale anyway)."""
        if isinstance(message.result, Exception):
            self.notify(
                f"Proofreading failed ({type(message.result).__name__}); the email is as you "
                "wrote it.",
                severity="warning",
            )
            return
        if message.generation == self.proofreader.latest:
            self._results = message.result  # type: ignore[assignment]

    def _show_findings(self, found: list[Finding], checks: list[Check] | None) -> None:
        if self._proof_due is not None:
            return  # a key came since: these are stale, and the next proofreading is due
        self.findings = found
        panel = self.query_one(ProofPanel)
        panel.show_checks(checks)
        panel.show_findings(found, spelling=self.afterword.spelling is not None)

    def spelling_ready(self) -> None:
        """The app loaded the dictionary: check again with spelling."""
        self._proofread_now()

    @on(ProofPanel.Apply)
    def _apply_finding(self, event: ProofPanel.Apply) -> None:
        """Put a finding's suggestion in place of what it points at."""
        finding = event.finding
        if not finding.replaceable:
            self.notify("Nothing to put in for this one: enter goes to it.")
            return
        start = finding.column - 1
        if finding.line == 0:
            subject = self.query_one("#d-subject", Input)
            text = subject.value
            subject.value = text[:start] + finding.suggestion + text[start + finding.length :]
        else:
            body = self.query_one("#d-body", LongText)
            if body.read_only:
                return
            row = finding.line - 1
            body.replace(finding.suggestion, (row, start), (row, start + finding.length))
        self.touched()
        self._proof_due = None
        self._proofread_now()

    @on(ProofPanel.AddWord)
    def _add_word(self, event: ProofPanel.AddWord) -> None:
        """Put a spelling finding's word in the user's word list (words.txt), then check
        again: the word is accepted from now on, in every email."""
        from afterword import paths
        from afterword.compose.spelling import add_user_word

        finding = event.finding
        if finding.kind != "spelling":
            self.notify(
                "Only the word of a spelling finding (“… is not in the dictionary”) goes in "
                "your word list."
            )
            return
        word = self._written(finding)
        if not word:
            self.notify("The text has changed since: the findings are being checked again.")
            self._proofread_now()
            return
        try:
            path = add_user_word(paths.user_folder(), word)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.notify(f"Could not add {word} to your word list ({reason}).", severity="error")
            return
        if self.afterword.spelling is not None:
            self.afterword.spelling.add([word])
        self._proof_ctx = None  # it reads the word list again
        self._proof_due = None
        self._proofread_now()
        self.notify(f"Added {word} to your word list ({path}).")

    def _written(self, finding: Finding) -> str:
        """The word a spelling finding points at, as the fields hold it now ("" when the
        text has changed since and it is no longer a word there)."""
        line: str
        if finding.line == 0:
            line = self.query_one("#d-subject", Input).value
        else:
            lines = self.query_one("#d-body", LongText).text.split("\n")
            line = lines[finding.line - 1] if finding.line <= len(lines) else ""
        start = finding.column - 1
        word: str = line[start : start + finding.length]
        before, after = line[start - 1 : start] if start else "", line[start + len(word) :][:1]
        letters = word.replace("'", "").replace("’", "")
        if not letters.isalpha() or before.isalnum() or after.isalnum():
            return ""
        return word

    def action_findings(self) -> None:
        self.query_one(ProofPanel).focus_findings()

    @on(ProofPanel.GoTo)
    def _go_to_finding(self, event: ProofPanel.GoTo) -> None:
        finding = event.finding
        if finding.line == 0:
            subject = self.query_one("#d-subject", Input)
            subject.focus()
            subject.cursor_position = max(finding.column - 1, 0)
            return
        body = self.query_one("#d-body", LongText)
        start = (finding.line - 1, finding.column - 1)
        body.focus()
        if finding.length <= 40:  # a word or a name: selected, so typing replaces it
            end = (finding.line - 1, finding.column - 1 + finding.length)
            body.selection = Selection(start, end)
        else:  # a whole line (a missing greeting): just the cursor
            body.move_cursor(start)
        body.scroll_cursor_visible()

    def now(self) -> datetime:
        return self.afterword.now()
