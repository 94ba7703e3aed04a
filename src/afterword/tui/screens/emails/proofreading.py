"""Proofreading on the emails screen: the text is checked on the proofreading thread a pause
after the last key, the findings and the four Rs go to the panel at the next tick, and the
panel's keys put a suggestion in, add a word to the user's word list or go to a finding.

``Proofreading`` is owned by the screen (made on mount, when the proofreading thread starts);
the screen's handlers of ``ProofDone`` and of the panel's messages hand them here."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual.message import Message

from afterword.domain.drafting import Check, four_rs
from afterword.tui.proofing import Proofreader

if TYPE_CHECKING:
    from afterword.domain.model import Draft
    from afterword.domain.proofread import Finding, ProofContext
    from afterword.tui.screens.emails.part import EmailsView

Results = tuple[list["Finding"], list[Check] | None]  # the findings, the four Rs (a thank-you)
PROOF_QUIET = 0.4  # seconds after the last key before the text is proofread again


class ProofDone(Message):
    """The proofreading thread's result: the findings and checks, or the error it met."""

    def __init__(self, generation: int, result: object) -> None:
        super().__init__()
        self.generation = generation
        self.result = result


class Proofreading:
    """The proofreading of one emails screen: when to check, what was found, the panel."""

    def __init__(self, view: EmailsView, others: tuple[str, ...]) -> None:
        self.view = view
        self.others = others  # the other companies (a thank-you naming one is a finding)
        self.due: float | None = None  # when the text is to be checked again (a key came)
        self.results: Results | None = None  # to show at the next tick
        self.context: ProofContext | None = None  # made again when the draft or words change
        self.proofreader = Proofreader(self._delivered)

    def stop(self) -> None:
        self.proofreader.stop()

    # -- when

    def typed(self) -> None:
        """A key changed the text: check it a pause after the last key."""
        self.due = time.monotonic() + PROOF_QUIET
        self.proofreader.stale()

    def shown(self) -> None:
        """Another draft is shown (or the profile changed): its own context, nothing due."""
        self.context = None
        self.due = None

    def tick(self) -> None:
        """On the screen's timer: show findings delivered, proofread when due."""
        if self.results is not None:
            results, self.results = self.results, None
            self._show_findings(*results)
        if self.due is not None and time.monotonic() >= self.due:
            self.due = None
            self.check()

    # -- checking

    def _context(self, draft: Draft) -> ProofContext:
        from afterword import paths
        from afterword.compose.spelling import user_words
        from afterword.domain.proofread import proof_context

        app = self.view.afterword
        if self.context is None:
            self.context = proof_context(
                self.view.session.interview,
                addressee=draft.person,
                template=draft.template,
                sender=app.config.profile.name,
                other_companies=self.others,
                today=app.now().date(),
                user_words=user_words(paths.user_folder()),
            )
        return self.context

    def check(self) -> None:
        """Proofread the fields now (on the proofreading thread)."""
        draft = self.view.session.draft()
        if draft is None:
            return
        values = self.view.editor.values()
        context = self._context(draft)
        template, subject, body = draft.template, values["subject"], values["body"]
        self.proofreader.submit(lambda: self._check(template, subject, body, context))

    def _check(self, template: str, subject: str, body: str, context: ProofContext) -> Results:
        """The findings and the four Rs (run on the proofreading thread)."""
        from afterword.domain.proofread import proofread

        app = self.view.afterword
        found = proofread(subject, body, context, app.spelling)
        checks = None
        if template == "thank-you":
            checks = four_rs(
                self.view.session.interview,
                subject,
                body,
                app.config.profile.name,
                app.now().date(),
            )
        return found, checks

    def findings_now(self, draft: Draft) -> list[Finding]:
        """The findings of ``draft`` as stored now (the panel's may be a pause in typing
        behind): what the send dialog counts. A few milliseconds, so checked here at once."""
        from afterword.domain.proofread import proofread

        try:
            return proofread(
                draft.subject, draft.body, self._context(draft), self.view.afterword.spelling
            )
        except Exception:  # the panel's last findings, rather than no dialog at all
            return list(self.view.session.findings)

    def _delivered(self, generation: int, result: Results | Exception) -> None:
        """On the proofreading thread: hand the result to the UI (never waiting for it)."""
        self.view.post_message(ProofDone(generation, result))

    def done(self, message: ProofDone) -> None:
        """Results are shown at the next tick, not now: a key already on its way would
        otherwise wait behind the panel's redraw (and make the results stale anyway)."""
        if isinstance(message.result, Exception):
            self.view.notify(
                f"Proofreading failed ({type(message.result).__name__}); the email is as you "
                "wrote it.",
                severity="warning",
            )
            return
        if message.generation == self.proofreader.latest:
            self.results = cast("Results", message.result)  # what _check returned

    def _show_findings(self, found: list[Finding], checks: list[Check] | None) -> None:
        if self.due is not None:
            return  # a key came since: these are stale, and the next proofreading is due
        self.view.session.findings = found
        panel = self.view.proof_panel
        panel.show_checks(checks)
        panel.show_findings(found, spelling=self.view.afterword.spelling is not None)

    # -- the panel's keys

    def apply(self, finding: Finding) -> None:
        """Put a finding's suggestion in place of what it points at."""
        if not finding.replaceable:
            self.view.notify("Nothing to put in for this one: enter goes to it.")
            return
        if not self.view.editor.put_in(finding):
            return
        self.view.touched()
        self.due = None
        self.check()

    def add_word(self, finding: Finding) -> None:
        """Put a spelling finding's word in the user's word list (words.txt), then check
        again: the word is accepted from now on, in every email."""
        from afterword import paths
        from afterword.compose.spelling import add_user_word

        view = self.view
        if finding.kind != "spelling":
            view.notify(
                "Only the word of a spelling finding (“… is not in the dictionary”) goes in "
                "your word list."
            )
            return
        word = view.editor.written(finding)
        if not word:
            view.notify("The text has changed since: the findings are being checked again.")
            self.check()
            return
        try:
            path = add_user_word(paths.user_folder(), word)
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            view.notify(f"Could not add {word} to your word list ({reason}).", severity="error")
            return
        if view.afterword.spelling is not None:
            view.afterword.spelling.add([word])
        self.context = None  # it reads the word list again
        self.due = None
        self.check()
        view.notify(f"Added {word} to your word list ({path}).")
