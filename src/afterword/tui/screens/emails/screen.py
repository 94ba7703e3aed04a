"""The emails screen: an interview's emails, one per interviewer, with live proofreading.

The list of drafts on top; To, Cc, Subject and the body below; on the right the four Rs as a
checklist and the proofreading findings (`enter` on one moves the cursor there). What is typed
is kept by the autosave of the debrief (the recovery file) until it is stored with the
interview: on ctrl+s, on moving to another draft, on leaving, and before any hand-off.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from afterword.compose.draft_session import DraftSession, DraftValues
from afterword.domain.model import Draft, Interview, new_id
from afterword.tui.form_screen import AfterwordForm
from afterword.tui.key_names import key_name
from afterword.tui.screens.emails.draft_list import DraftList
from afterword.tui.screens.emails.editor import DraftEditor
from afterword.tui.screens.emails.handoff import HandOff
from afterword.tui.screens.emails.keys import EMAILS_KEYS
from afterword.tui.screens.emails.proofreading import ProofDone, Proofreading
from afterword.tui.screens.emails.rewriting import Rewriting
from afterword.tui.widgets.blank import Columns, Rows, Shelf, TitleBar
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.long_text import LongText
from afterword.tui.widgets.proof_panel import ProofPanel

if TYPE_CHECKING:
    from email.message import EmailMessage

    from afterword.compose.draft_session import Refusal
    from afterword.compose.drafts import Prepared
    from afterword.compose.sending import Begun
    from afterword.domain.proofread import Finding

SLOT = "draft"


class EmailsScreen(AfterwordForm[None]):
    """The emails of one interview (``template``/``person`` choose the one shown first)."""

    BLANK = True  # a plain background, drawn at once on every key (see widgets/blank.py)

    AUTO_FOCUS = "#d-body"
    SAVE_ID = "emails.save"
    BINDINGS: ClassVar[list[BindingType]] = EMAILS_KEYS

    def __init__(
        self,
        interview_id: str,
        *,
        template: str = "",
        person: str = "",
        restored: dict[str, object] | None = None,
        slot: str = "",
        undo_with: str = "",
    ) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.want = (template, person)
        self.undo_with = undo_with  # the change (by label) that the drafts written at once join
        self.restored = restored
        self.slot = slot or f"{SLOT}:{interview_id}:{new_id()}"
        self._filling = True
        self._session: DraftSession | None = None
        self.proofreading: Proofreading  # made on mount (its thread starts then)
        self.rewriting = Rewriting(self, self._render_again)
        self.handoff = HandOff(self, self._send)

    # -- building

    def compose(self) -> ComposeResult:
        yield TitleBar()
        # What sits beside the body is on shelves (widgets/blank.py): a key in the body leaves
        # the list, the headers and the proofreading panel alone.
        with Columns(id="emails"):
            with Rows(id="draft-main"):
                body = LongText(
                    "", id="d-body", soft_wrap=True, tab_behavior="focus", show_line_numbers=False
                )
                with Shelf(id="draft-top"):
                    yield DraftList(id="draft-list")
                    yield Static("", id="draft-note", markup=False)
                    yield DraftEditor(body, id="draft-head")
                yield body
            with Shelf(id="draft-aside"):
                yield ProofPanel(id="draft-side")
        yield Shelf(KeyBar(), classes="bottom")

    @property
    def session(self) -> DraftSession:
        """The drafts as edited here, without the view (made on first use: the app's library
        is known once the screen is in the app)."""
        if self._session is None:
            self._session = DraftSession(
                self.interview_id, self.afterword.library, self.afterword.config.keymap
            )
        return self._session

    @property
    def interview(self) -> Interview:
        return self.session.interview

    @property
    def editor(self) -> DraftEditor:
        return self.query_one(DraftEditor)

    @property
    def current(self) -> str:
        """The id of the draft shown."""
        return self.session.current

    @property
    def findings(self) -> list[Finding]:
        """The proofreading findings the panel shows."""
        return self.session.findings

    @property
    def proof_panel(self) -> ProofPanel:
        return self.query_one(ProofPanel)

    def on_mount(self) -> None:
        interview = self.interview
        self.sub_title = f"Emails · {interview.company}"
        self.start_autosave()
        others = {s.company for s in self.afterword.library.summaries.values()}
        self.proofreading = Proofreading(self, tuple(sorted(others - {interview.company})))
        self.query_one("#d-body", LongText).loading = True
        self._prepare(
            copy.deepcopy(interview), self.afterword.library.colleagues(interview.company)
        )
        self.afterword.load_spelling()
        self.afterword.profile_changed_signal.subscribe(self, self._profile_changed)
        self.afterword.ask_profile_if_missing()

    def _profile_changed(self, _profile: object) -> None:
        """The profile was set (the drafts not edited are being written again meanwhile):
        the note and the checks use the new name at once."""
        self.proofreading.context = None
        draft = self._draft()
        if draft is not None:
            self.show_note(draft)
            self._proofread_now()

    def on_unmount(self) -> None:
        self.proofreading.stop()  # and the form's on_unmount stops the autosave

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare(self, working: Interview, known: list[tuple[str, str]]) -> None:
        """Render the route's drafts (a user template runs in a child process: not here on
        the UI thread), then hand them to the UI."""
        outcome = self.rewriting.prepare(working, *self.want, known)
        if not get_current_worker().is_cancelled:
            self.afterword.call_from_thread(self._prepared, outcome)

    def _prepared(self, outcome: Prepared) -> None:
        self.session.guesses = outcome.guesses
        for problem in outcome.problems:
            self.notify(problem, severity="error", timeout=15)
        if outcome.changed:
            self.session.drafted(outcome)
            if self.undo_with:
                self.afterword.library.join_last(self.undo_with)
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
        self.fill_list()
        first = self._first_draft()
        if self.restored is not None:
            first = self._apply_restored(self.restored) or first
        if first is not None:
            self.show_draft(first)
        else:
            self._show_nothing()

    def _first_draft(self) -> str | None:
        return self.session.first_draft(*self.want)

    def _apply_restored(self, record: dict[str, object]) -> str | None:
        """Put the unsaved text of last time back into its draft (a new one if it is gone)."""
        shown = self.session.restore(record)
        self.fill_list()
        self.autosave_clear()
        return shown

    # -- the list and the note

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
            refusal.text, severity=refusal.severity, timeout=refusal.timeout, markup=refusal.markup
        )

    def _show_nothing(self) -> None:
        self.query_one("#draft-note", Static).update(
            "No emails to write: the interview has no interviewers yet. Add them in the "
            f"debrief ({key_name(self.app, 'detail.debrief', 'd')} on the interview), or pick a "
            f"template with {key_name(self.app, 'emails.template', 'ctrl+t')}."
        )

    def show_draft(self, draft_id: str) -> None:
        draft = self._draft(draft_id)
        if draft is None:
            return
        self._filling = True
        self.session.current = draft.id
        self.query_one(DraftList).show(draft.id)
        self.editor.load(draft)
        self.show_note(draft)
        self._filling = False
        self.session.dirty = False
        self.proofreading.shown()
        self.refresh_bindings()
        self._proofread_now()

    @on(DraftList.DraftChosen)
    def _chosen(self, event: DraftList.DraftChosen) -> None:
        """The user moved in the list (j/k, arrows) or pressed `enter` there: show that draft
        (`enter`: with the cursor in its body). Moves the screen makes itself (filling the
        list, showing a draft) arrive here later and are not the user's."""
        key = event.draft_id
        if key and key != self.session.current and (event.enter or not self._filling):
            self.store("Edited a draft")
            self.show_draft(key)
        if event.enter:
            self.editor.body.focus()

    def action_next_draft(self, step: int) -> None:
        drafts = self.interview.drafts
        ids = [d.id for d in drafts]
        if not ids:
            return
        here = ids.index(self.session.current) if self.session.current in ids else 0
        self.store("Edited a draft")
        self.show_draft(ids[(here + step) % len(ids)])

    # -- typing

    def touched(self) -> None:
        """A key changed the draft (cheap: the timer does the rest)."""
        if self._filling:
            return
        # Loading a draft into the fields posts Changed too (handled after the load): only a
        # real difference from the stored draft counts as typing.
        if not self.session.dirty and not self.session.differs(self.values()):
            return
        self.session.dirty = True
        self.proofreading.typed()
        self.autosave_touched()

    @on(DraftEditor.Edited)
    def _typed_line(self) -> None:
        self.touched()

    def tick(self) -> None:
        """After the autosave, on its timer: show findings delivered, proofread when due."""
        self.proofreading.tick()

    # -- proofreading (``proofreading.py``)

    def _proofread_now(self) -> None:
        self.proofreading.check()

    def spelling_ready(self) -> None:
        """The app loaded the dictionary: check again with spelling."""
        self.proofreading.check()

    def findings_now(self, draft: Draft) -> list[Finding]:
        return self.proofreading.findings_now(draft)

    @on(ProofDone)
    def _proofread_done(self, message: ProofDone) -> None:
        self.proofreading.done(message)

    @on(ProofPanel.Apply)
    def _apply_finding(self, event: ProofPanel.Apply) -> None:
        self.proofreading.apply(event.finding)

    @on(ProofPanel.AddWord)
    def _add_word(self, event: ProofPanel.AddWord) -> None:
        self.proofreading.add_word(event.finding)

    @on(ProofPanel.GoTo)
    def _go_to_finding(self, event: ProofPanel.GoTo) -> None:
        self.editor.go_to(event.finding)

    def action_findings(self) -> None:
        self.proof_panel.focus_findings()

    # -- rewriting (``rewriting.py``)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The guess key shows only where there is a guess to use; a sent email shows only
        the keys that still do something for it."""
        return self.session.offers(action)

    def action_edit_externally(self) -> None:
        self.rewriting.edit_externally()

    def action_use_guess(self) -> None:
        self.rewriting.use_guess()

    def action_regenerate(self) -> None:
        self.rewriting.regenerate()

    def action_pick_template(self) -> None:
        """Write this draft from another template; on a sent one, a new email from it (a
        check-in, a close-out…) to the same person."""
        self._pick_template(self.store())

    @work(exclusive=True, group="pick-template")
    async def _pick_template(self, draft: Draft | None) -> None:
        await self.rewriting.pick_template(draft)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def _render_again(self, working: Interview, draft_id: str, template: str, new: bool) -> None:
        self.rewriting.render_again(working, draft_id, template, new)

    # -- the hand-off (``handoff.py``)

    def action_copy_body(self) -> None:
        self.handoff.copy_body()

    def action_write_eml(self) -> None:
        self.handoff.write_eml()

    def action_mail_client(self) -> None:
        self.handoff.mail_client()

    def action_send(self) -> None:
        self.handoff.ask_to_send()

    @work(thread=True, group="send", exit_on_error=False)
    def _send(
        self, draft: Draft, message: EmailMessage[str, str], begun: Begun, failures: int
    ) -> None:
        self.handoff.send_now(draft, message, begun, failures)

    # -- storing

    def values(self) -> DraftValues:
        return self.editor.values()

    def record(self) -> dict[str, object]:
        return self.session.record(self.values(), self.afterword.now())

    def unsaved(self) -> bool:
        """Typed since the draft was last stored with the interview."""
        return self.session.dirty

    def store(self, label: str = "Edited a draft") -> Draft | None:
        """Keep what the fields hold with the interview (saved on the writer thread)."""
        if not self.session.needs_storing():
            return self._draft()
        self.session.store(self.values(), label)
        self.autosave_clear()
        self.fill_list()
        return self._draft()

    def action_save(self) -> None:
        was = self.session.dirty
        self.store("Edited a draft")
        self.notify("Draft saved." if was else "Nothing new to save.")

    def action_leave(self) -> None:
        self.store("Edited a draft")
        self.autosave_forget()
        self.dismiss(None)

    def refresh_data(self) -> None:
        """Something else changed the interview (undo, a save elsewhere): show it again."""
        if self.interview_id not in self.afterword.library.interviews:
            self.dismiss(None)
            return
        if not self.session.dirty:
            self.fill_list()
            if self._draft() is not None:
                self.show_draft(self.session.current)

    def now(self) -> datetime:
        return self.afterword.now()
