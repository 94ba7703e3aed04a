"""Proofreading on the emails screen: the text is checked on the proofreading thread a pause
after the last key, the findings and the four Rs go to the panel at the next tick, and the
panel's keys put a suggestion in, add a word to the user's word list or go to a finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.message import Message

from afterword.domain.drafting import Check, four_rs
from afterword.tui.screens.emails.part import EmailsPart
from afterword.tui.widgets.proof_panel import ProofPanel

if TYPE_CHECKING:
    from afterword.domain.model import Draft
    from afterword.domain.proofread import Finding, ProofContext
    from afterword.tui.proofing import Proofreader

Results = tuple[list["Finding"], list[Check] | None]  # the findings, the four Rs (a thank-you)
PROOF_QUIET = 0.4  # seconds after the last key before the text is proofread again


class ProofDone(Message):
    """The proofreading thread's result: the findings and checks, or the error it met."""

    def __init__(self, generation: int, result: object) -> None:
        super().__init__()
        self.generation = generation
        self.result = result


class Proofreading(EmailsPart):
    """The proofreading of the emails screen (a part of ``EmailsScreen``, which sets these up
    when it is built and mounted)."""

    proofreader: Proofreader
    _proof_due: float | None  # when the text is to be checked again (a key came)
    _results: Results | None  # to show at the next tick
    _proof_ctx: ProofContext | None
    _others: tuple[str, ...]  # the other companies (a thank-you naming one is a finding)

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
        values = self.editor.values()
        context = self._proof_context(draft)
        template, subject, body = draft.template, values["subject"], values["body"]
        self.proofreader.submit(lambda: self._check(template, subject, body, context))

    def _check(self, template: str, subject: str, body: str, context: ProofContext) -> Results:
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
            return list(self.session.findings)

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
            self._results = cast("Results", message.result)  # what _check returned

    def _show_findings(self, found: list[Finding], checks: list[Check] | None) -> None:
        if self._proof_due is not None:
            return  # a key came since: these are stale, and the next proofreading is due
        self.session.findings = found
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
        if not self.editor.put_in(finding):
            return
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
        word = self.editor.written(finding)
        if not word:
            self.notify("The text has changed since: the findings are being checked again.")
            self._proofread_now()
            return
        try:
            path = add_user_word(paths.user_folder(), word)
        except (OSError, ValueError) as error:
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.notify(f"Could not add {word} to your word list ({reason}).", severity="error")
            return
        if self.afterword.spelling is not None:
            self.afterword.spelling.add([word])
        self._proof_ctx = None  # it reads the word list again
        self._proof_due = None
        self._proofread_now()
        self.notify(f"Added {word} to your word list ({path}).")

    def action_findings(self) -> None:
        self.query_one(ProofPanel).focus_findings()

    @on(ProofPanel.GoTo)
    def _go_to_finding(self, event: ProofPanel.GoTo) -> None:
        self.editor.go_to(event.finding)
