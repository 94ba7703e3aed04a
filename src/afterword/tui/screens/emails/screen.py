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
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from afterword.compose.draft_session import DraftValues
from afterword.domain.drafting import (
    addressee_for,
)
from afterword.domain.model import Draft, Interview, new_id
from afterword.tui.base import FIELD_WALK
from afterword.tui.form_screen import AfterwordForm
from afterword.tui.proofing import Proofreader
from afterword.tui.screens.emails.draft_list import DraftList
from afterword.tui.screens.emails.editor import DraftEditor
from afterword.tui.screens.emails.handoff import HandOff
from afterword.tui.screens.emails.proofreading import PROOF_QUIET, Proofreading, Results
from afterword.tui.screens.emails.rewriting import Rewriting
from afterword.tui.widgets.blank import Columns, Rows, Shelf, TitleBar
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.long_text import LongText
from afterword.tui.widgets.proof_panel import ProofPanel

if TYPE_CHECKING:
    from afterword.compose.drafts import Prepared
    from afterword.domain.proofread import Finding, ProofContext

SLOT = "draft"


class EmailsScreen(Rewriting, HandOff, Proofreading, AfterwordForm[None]):
    """The emails of one interview (``template``/``person`` choose the one shown first)."""

    BLANK = True  # a plain background, drawn at once on every key (see widgets/blank.py)

    AUTO_FOCUS = "#d-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_WALK,
        Binding(
            "ctrl+n",
            "use_guess",
            "Use guess",
            id="emails.use_guess",
            tooltip="Put the guessed address in To (verify it)",
        ),
        Binding(
            "ctrl+s", "save", "Save", id="emails.save", tooltip="Keep the draft with the interview"
        ),
        Binding("escape", "leave", "Back", id="emails.back"),
        Binding(
            "ctrl+g",
            "send",
            "Send",
            id="emails.send",
            tooltip="Send it, after showing From, To, Cc and Subject",
        ),
        Binding(
            "ctrl+o",
            "mail_client",
            "Mail",
            id="emails.mail_client",
            tooltip="Open it in your mail client (mail.client_command)",
        ),
        Binding(
            "ctrl+b",
            "copy_body",
            "Copy",
            id="emails.copy",
            tooltip="Copy the body to the clipboard",
        ),
        Binding(
            "ctrl+l",
            "write_eml",
            ".eml",
            id="emails.eml",
            tooltip="Write it as a .eml file in outbox/",
        ),
        Binding("ctrl+down", "next_draft(1)", "Next", id="emails.next", tooltip="The next draft"),
        Binding("ctrl+up", "next_draft(-1)", "Previous", show=False, id="emails.previous"),
        Binding(
            "ctrl+r",
            "regenerate",
            "Rewrite",
            id="emails.regenerate",
            tooltip="Write it again from its template",
        ),
        Binding(
            "ctrl+t",
            "pick_template",
            "Template",
            id="emails.template",
            tooltip="Write it from another template",
        ),
        Binding(
            "ctrl+f",
            "findings",
            "Findings",
            id="emails.findings",
            tooltip="Go to the proofreading findings",
        ),
        Binding("ctrl+e", "edit_externally", "Editor", show=False, id="text.editor"),
    ]

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
        self._proof_due: float | None = None
        self._results: Results | None = None
        self._proof_ctx: ProofContext | None = None
        self._others: tuple[str, ...] = ()

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
    def current(self) -> str:
        """The id of the draft shown."""
        return self.session.current

    @property
    def findings(self) -> list[Finding]:
        """The proofreading findings the panel shows."""
        return self.session.findings

    def on_mount(self) -> None:
        interview = self.interview
        self.sub_title = f"Emails · {interview.company}"
        self.start_autosave()
        self.proofreader = Proofreader(self._delivered)
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
        self.proofreader.stop()  # and the form's on_unmount stops the autosave

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

    def _prepared(self, outcome: Prepared) -> None:
        self.session.guesses = outcome.guesses
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
        return self.session.first_draft(*self.want)

    def _apply_restored(self, record: dict[str, object]) -> str | None:
        """Put the unsaved text of last time back into its draft (a new one if it is gone)."""
        shown = self.session.restore(record)
        self._fill_list()
        self.autosave_clear()
        return shown

    # -- the list

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
        self.session.current = draft.id
        self.query_one(DraftList).show(draft.id)
        self.editor.load(draft)
        self._note(draft)
        self._filling = False
        self.session.dirty = False
        self._proof_ctx = None
        self._proof_due = None
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
            self._show(key)
        if event.enter:
            self.editor.body.focus()

    def action_next_draft(self, step: int) -> None:
        drafts = self.interview.drafts
        ids = [d.id for d in drafts]
        if not ids:
            return
        here = ids.index(self.session.current) if self.session.current in ids else 0
        self.store("Edited a draft")
        self._show(ids[(here + step) % len(ids)])

    # -- typing

    def touched(self) -> None:
        """A key changed the draft (cheap: the timer does the rest)."""
        if self._filling:
            return
        # Loading a draft into the fields posts Changed too (handled after the load): only a
        # real difference from the stored draft counts as typing.
        if not self.session.dirty and not self.session.differs(self.values()):
            return
        import time

        self.session.dirty = True
        self._proof_due = time.monotonic() + PROOF_QUIET
        self.proofreader.stale()
        self.autosave_touched()

    @on(DraftEditor.Edited)
    def _typed_line(self) -> None:
        self.touched()

    def tick(self) -> None:
        """After the autosave, on its timer: show findings delivered, proofread when due."""
        import time

        if self._results is not None:
            results, self._results = self._results, None
            self._show_findings(*results)
        if self._proof_due is not None and time.monotonic() >= self._proof_due:
            self._proof_due = None
            self._proofread_now()

    def values(self) -> DraftValues:
        return self.editor.values()

    def record(self) -> dict[str, object]:
        return self.session.record(self.values(), self.afterword.now())

    def unsaved(self) -> bool:
        """Typed since the draft was last stored with the interview."""
        return self.session.dirty

    # -- storing

    def store(self, label: str = "Edited a draft") -> Draft | None:
        """Keep what the fields hold with the interview (saved on the writer thread)."""
        if not self.session.needs_storing():
            return self._draft()
        self.session.store(self.values(), label)
        self.autosave_clear()
        self._fill_list()
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
            self._fill_list()
            if self._draft() is not None:
                self._show(self.session.current)

    def now(self) -> datetime:
        return self.afterword.now()
