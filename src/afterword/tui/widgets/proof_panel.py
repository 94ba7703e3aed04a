"""The side panel of the emails screen: the four Rs as a checklist and the proofreading findings.

It only shows; the screen proofreads (in a worker) and acts on what the user picks: `enter` on a
finding posts ``GoTo``, `a` posts ``Apply`` (the first fix there is, when none is picked), `w`
posts ``AddWord`` (the word of a spelling finding, for the user's word list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from afterword.tui.text import joined, styled

if TYPE_CHECKING:
    from collections.abc import Callable

    from afterword.domain.drafting import Check
    from afterword.domain.proofread import Finding

MARKS = {True: ("✓", "green"), False: ("✗", "red"), None: ("–", "dim")}


class FindingsList(OptionList):
    """The findings: `enter` goes to one, `a` puts its suggestion in, `w` adds a spelling
    finding's word to the word list; `j`/`k` move."""

    # `?` lists these keys under this name from anywhere, with the key of the binding that
    # goes to them: "In the findings (ctrl+f)"
    HELP_GROUP = ("In the findings", "emails.findings")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a",
            "apply",
            "Apply fix",
            id="emails.apply_finding",
            tooltip="Put in the suggestion of this finding (of the first one with a fix, "
            "when none is picked)",
        ),
        Binding(
            "w",
            "add_word",
            "Add word",
            id="emails.add_word",
            tooltip="Add the word of this spelling finding to your word list (words.txt)",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="emails.findings_down"),
        Binding("k", "cursor_up", "Up", show=False, id="emails.findings_up"),
    ]

    def _panel(self) -> ProofPanel | None:
        panel = self.parent
        return panel if isinstance(panel, ProofPanel) else None

    def _picked(self) -> Finding | None:
        panel = self._panel()
        if panel is None or self.highlighted is None:
            return None
        return panel.finding_at(self.highlighted)

    def action_apply(self) -> None:
        panel = self._panel()
        if panel is None:
            return
        finding = self._picked() or panel.first(lambda f: f.replaceable) or panel.first()
        if finding is None:
            self.notify("No findings: nothing to fix.")
        else:
            self.post_message(ProofPanel.Apply(finding))

    def action_add_word(self) -> None:
        panel = self._panel()
        if panel is None:
            return
        finding = self._picked() or panel.first(lambda f: f.kind == "spelling") or panel.first()
        if finding is None:
            self.notify("No findings: no word to add.")
        else:
            self.post_message(ProofPanel.AddWord(finding))


class ProofPanel(Vertical):
    """The four Rs and the findings of the draft being written."""

    class GoTo(Message):
        """The user chose a finding: put the cursor there."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class Apply(Message):
        """The user asked for a finding's suggestion to be put in."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class AddWord(Message):
        """The user asked for a spelling finding's word to go in their word list."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []
        self._shown_checks: Content | None = None
        self._shown_title = ""
        self._spelling_shown = False
        self._filled = False

    def compose(self) -> ComposeResult:
        yield Label("Four Rs", classes="side-title")
        yield Static("", id="four-rs")
        yield Label("Proofreading", classes="side-title", id="proof-title")
        yield FindingsList(id="findings")

    def finding_at(self, index: int) -> Finding | None:
        return self.findings[index] if 0 <= index < len(self.findings) else None

    def first(self, fits: Callable[[Finding], bool] = lambda _: True) -> Finding | None:
        """The first finding that ``fits``, or None."""
        return next((f for f in self.findings if fits(f)), None)

    def show_checks(self, checks: list[Check] | None) -> None:
        """The checklist; None for an email that is not a thank-you."""
        if checks is None:
            text = styled(("for thank-yous", "i"))
        else:
            text = joined(
                styled(
                    MARKS[c.done],
                    f" {c.label}",
                    *(("\n  ", (c.hint, "dim")) if c.done is False else ()),
                )
                for c in checks
            )
        if text != self._shown_checks:  # an update lays the screen out again: only on change
            self._shown_checks = text
            self.query_one("#four-rs", Static).update(text)

    def show_findings(self, found: list[Finding], *, spelling: bool) -> None:
        if found == self.findings and spelling == self._spelling_shown and self._filled:
            return  # the same findings again (most pauses in typing): nothing to redraw
        self.findings, self._spelling_shown, self._filled = found, spelling, True
        options: list[Option] = []
        for n, finding in enumerate(found):
            where = "subject" if finding.line == 0 else f"{finding.line}:{finding.column}"
            prompt = styled((where, "b"), f" {finding.message}")
            if finding.suggestion:
                prompt = styled(prompt, " ", (f"→ {finding.suggestion}", "b"))
            options.append(Option(prompt, id=str(n)))
        self.query_one(FindingsList).set_options(
            options or [Option("No findings.", id="none", disabled=True)]
        )
        loading = "" if spelling else " (spelling: loading)"
        title = f"Proofreading: {len(found)}{loading}"
        if title != self._shown_title:  # a label's update lays the whole screen out again
            self._shown_title = title
            self.query_one("#proof-title", Label).update(title)

    def focus_findings(self) -> None:
        self.query_one(FindingsList).focus()

    @on(OptionList.OptionSelected, "#findings")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and event.option.id.isdigit():
            finding = self.finding_at(int(event.option.id))
            if finding is not None:
                self.post_message(self.GoTo(finding))
