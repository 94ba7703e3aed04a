"""The debrief form (`n`, and `d` on an interview): everything worth writing down right after.

Four sections in the words of the advice: the interview, the people, the debrief, and the
lines for the thank-you email. `tab` walks the fields in that order; alt+1…alt+4 jump to a
section; ctrl+e opens a long field in $EDITOR; ctrl+s saves and schedules the follow-ups.
What is typed is kept in the recovery file about a second after the last key, when a field is
left, and when the app is told to stop, until it is saved.

This is the view: what the fields are, what they mean and what stops a save is the
`DebriefForm` (compose/debrief_form.py); the screen shows one and reads one back.
"""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, RadioSet, Static, TextArea
from textual.worker import get_current_worker

from afterword.compose.debrief_fields import SECTIONS
from afterword.compose.debrief_form import MAX_INTERVIEWER_ROWS, DebriefForm, FormValues, saved
from afterword.domain.model import Interview, new_id
from afterword.domain.words import in_words, since_words
from afterword.tui.base import FIELD_WALK
from afterword.tui.form_screen import AfterwordForm
from afterword.tui.key_names import key_name
from afterword.tui.screens.invitation import InvitationRead
from afterword.tui.widgets.blank import Shelf, TitleBar
from afterword.tui.widgets.form_fields import form_of, form_sections, show_problems
from afterword.tui.widgets.interviewer_rows import InterviewerRows
from afterword.tui.widgets.key_bar import KeyBar

SLOT = "debrief"  # recovery slots of debrief forms are "debrief:<id of the form>"
# Leaving one of these fields proposes the email lines again (never on a key: see left_field)
SUGGESTED_FROM = frozenset(
    f"f-{key}" for key in ("focus", "went_well", "went_poorly", "remember", "reinforce", "recoup")
)


class DebriefScreen(AfterwordForm[None]):
    """The debrief of a new interview, or of a saved one (``interview_id``)."""

    BLANK = True  # a plain background, drawn at once on every key (see widgets/blank.py)

    AUTO_FOCUS = "#f-company"
    SAVE_ID = "debrief.save"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_WALK,
        Binding("ctrl+s", "save", "Save", id="debrief.save"),
        Binding("escape", "leave", "Back", id="debrief.back"),
        # ctrl+arrows reach the app through every terminal and tmux; alt+digits not always.
        Binding("ctrl+down", "next_section(1)", "Next part", id="debrief.next_section"),
        Binding("ctrl+up", "next_section(-1)", "Previous part", id="debrief.previous_section"),
        Binding(
            "alt+1", "section('interview')", "Interview", show=False, id="debrief.go_interview"
        ),
        Binding("alt+2", "section('people')", "People", show=False, id="debrief.go_people"),
        Binding("alt+3", "section('debrief')", "Debrief", show=False, id="debrief.go_debrief"),
        Binding("alt+4", "section('email')", "Email", show=False, id="debrief.go_email"),
        Binding("ctrl+n", "add_person", "+Person", id="debrief.add_person"),
        Binding("ctrl+r", "remove_person", "-Person", id="debrief.remove_person"),
        Binding("ctrl+e", "edit_externally", "Editor", show=False, id="text.editor"),
        Binding("ctrl+t", "take_proposal", "Take date", show=False, id="debrief.take_date"),
        Binding(
            "ctrl+l",
            "take_lines",
            "Take lines",
            show=False,
            id="debrief.take_lines",
            tooltip="Put the email lines proposed from the debrief in the empty ones",
        ),
        Binding(
            "ctrl+o",
            "from_invitation",
            "From invite",
            id="debrief.invitation",
            tooltip="Fill company, role, when, where and people from a calendar invitation",
        ),
    ]

    def __init__(
        self,
        interview_id: str | None = None,
        form: DebriefForm | None = None,
        *,
        restored: bool = False,
        slot: str = "",
        typed_at: datetime | None = None,
    ) -> None:
        """``form``: what to show instead of the saved interview or a blank form (text kept
        from last time, or filled from an invitation). ``typed_at``: when restored text was
        typed; a When phrase in it ('yesterday 4pm') is pinned to the time it meant then, not
        read again from the day it comes back."""
        super().__init__()
        self.typed_at = typed_at
        self.slot = slot or f"{SLOT}:{new_id()}"
        self.interview_id = interview_id
        self.initial = form
        self.restored = restored
        self._filling = True
        self._proposed = ""
        self._proposed_lines: dict[str, str] = {}  # email line -> what the debrief suggests
        self.opened: Interview | None = None  # the saved interview as the form began from it

    # -- building

    def _start_form(self) -> DebriefForm:
        app = self.afterword
        if self.interview_id is not None and self.opened is None:
            # the record as the form began from it: what the save merges with a change made
            # elsewhere (the shell, another machine) while the form was open
            self.opened = copy.deepcopy(app.library.get(self.interview_id))
        if self.initial is None:
            if self.interview_id is not None:
                self.initial = DebriefForm.from_interview(app.library.get(self.interview_id))
            else:
                self.initial = DebriefForm.blank(app.now())
        else:
            self.initial = self.initial.restored(self.typed_at, app.config.ui.dayfirst)
            self.typed_at = None
        return self.initial

    def compose(self) -> ComposeResult:
        yield TitleBar()
        keys = {
            binding_id: key_name(self.app, binding_id, default)
            for binding_id, default in (
                ("debrief.save", "ctrl+s"),
                ("debrief.back", "escape"),
                ("text.editor", "ctrl+e"),
                ("debrief.add_person", "ctrl+n"),
                ("debrief.remove_person", "ctrl+r"),
            )
        }
        yield from form_sections(self._start_form(), keys)
        yield Shelf(KeyBar(), classes="bottom")

    def on_mount(self) -> None:
        self.sub_title = "New interview" if self.interview_id is None else "Edit debrief"
        # The fields post Changed as they mount with their values: not typing.
        self.call_after_refresh(self._typing_from_now)
        self.call_after_refresh(self._show_dates)
        self.call_after_refresh(self._propose_lines)
        autosave = self.start_autosave()
        if self.restored:
            autosave.touched()  # the restored text is unsaved until ctrl+s

    def _typing_from_now(self) -> None:
        self._filling = False

    # -- values

    def form(self) -> DebriefForm:
        """What the fields hold now."""
        return form_of(self.query_one("#form", VerticalScroll))

    def values(self) -> FormValues:
        """Everything the form holds, as plain text (what the recovery file keeps)."""
        return self.form().values()

    def record(self) -> dict[str, object]:
        return {
            "kind": "debrief",
            "interview_id": self.interview_id,
            "saved_at": self.afterword.now().isoformat(timespec="seconds"),
            "values": self.values(),
        }

    # -- dates and proposals

    def _show_dates(self) -> None:
        form, now, dayfirst = self.form(), self.afterword.now(), self.afterword.config.ui.dayfirst
        for key, reading in (
            ("when", form.when(now, dayfirst)),
            ("decision_by", form.decision_by(now, dayfirst)),
        ):
            meaning = self.query_one(f"#m-{key}", Static)
            meaning.set_class(reading.refused, "error")
            meaning.update(reading.meaning)
            self._show_note(meaning, bool(reading.meaning))
        when = form.when(now, dayfirst).value
        if when is not None:
            self.query_one("#written", Static).update(since_words(when, now))

    def _show_note(self, widget: Static, shown: bool) -> None:
        """Show or hide a note with its empty label cell (the grid's cells stay paired)."""
        widget.display = shown
        self.query_one(f"#s-{widget.id}").display = shown

    def _propose_decision(self) -> None:
        """When the next steps name a date ("by Friday") and Decision by is empty, offer it."""
        form, app = self.form(), self.afterword
        if form.text("decision_by").strip():
            return
        offer = form.decision_offer(app.now(), app.config.ui.dayfirst)
        meaning = self.query_one("#m-decision_by", Static)
        self._proposed, words = offer or ("", "")
        self._show_note(meaning, offer is not None)
        if offer is not None:
            meaning.remove_class("error")
        take = key_name(self.app, "debrief.take_date", "ctrl+t")
        meaning.update(f"{words} {take} takes it" if offer else "")

    def _propose_lines(self) -> None:
        """Propose the email lines left empty from what the debrief says (what went well, what
        did not, the focus), so the Recoup is seen before the letter; ctrl+l takes them."""
        self._proposed_lines = self.form().proposed_lines()
        shown = self.query_one("#m-lines", Static)
        labels = {f.key: f.label for f in SECTIONS[3][2]}
        words = "\n".join(f"{labels[k]}: “{line}”" for k, line in self._proposed_lines.items())
        them = "them" if len(self._proposed_lines) > 1 else "it"
        take = key_name(self.app, "debrief.take_lines", "ctrl+l")
        shown.update(
            f"From your debrief ({take} puts {them} in, to edit there):\n{words}" if words else ""
        )
        self._show_note(shown, bool(words))

    def action_take_lines(self) -> None:
        """ctrl+l: the proposed email lines into the empty ones, the first of them focused."""
        if not self._proposed_lines:
            self.notify("Nothing to propose yet: fill What went well or What did not first.")
            return
        first = None
        for key, line in self._proposed_lines.items():
            field = self.query_one(f"#f-{key}", Input)
            if not field.value.strip():
                field.value = line
                first = first or field
        self._propose_lines()
        if first is not None:
            first.focus()
            first.cursor_position = len(first.value)

    def action_take_proposal(self) -> None:
        if self._proposed:
            self.query_one("#f-decision_by", Input).value = self._proposed

    # -- typing and autosave

    def touched(self) -> None:
        """Something was typed: autosave soon (never here, on the keystroke path)."""
        if not self._filling:
            self.autosave_touched()

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def changed(self, event: Input.Changed | RadioSet.Changed) -> None:
        self.touched()
        widget = event.input if isinstance(event, Input.Changed) else None
        if widget is not None and widget.id in ("f-when", "f-decision_by"):
            self._show_dates()
            if not self._filling and self.query_one("#f-next_steps", TextArea).text.strip():
                self._propose_decision()  # a new When moves the date the next steps name

    @on(events.DescendantBlur)
    def left_field(self, event: events.DescendantBlur) -> None:
        left = event.widget.id or ""
        if left == "f-next_steps":
            self._propose_decision()
        if left in SUGGESTED_FROM:
            self._propose_lines()
        self.autosave_soon()

    def unsaved(self) -> bool:
        """Typed since the last save, or text restored or filled in and not saved yet."""
        return self.autosave is not None and (self.autosave.dirty or self.restored)

    # -- keys

    def action_next_section(self, step: int) -> None:
        """The first field of the next (1) or previous (-1) section from the focused one."""
        order = [key for key, _, _ in SECTIONS]
        focused = self.focused
        current = 0
        if focused is not None:
            for n, key in enumerate(order):
                if self.query_one(f"#sec-{key}").region.y <= focused.region.y:
                    current = n
        self.action_section(order[max(0, min(len(order) - 1, current + step))])

    def action_section(self, key: str) -> None:
        heading = self.query_one(f"#sec-{key}")
        self.query_one("#form", VerticalScroll).scroll_to_widget(heading, top=True, animate=False)
        first = {"interview": "#f-company", "people": ".p-name", "debrief": "#f-tone"}
        self.query(first.get(key, "#f-remember")).first().focus(scroll_visible=False)

    async def action_add_person(self) -> None:
        await self.query_one(InterviewerRows).add()

    async def action_remove_person(self) -> None:
        await self.query_one(InterviewerRows).remove_row_of(self.focused)

    @on(InterviewerRows.Changed)
    def _rows_changed(self) -> None:
        self.autosave_touched()

    def action_edit_externally(self) -> None:
        area = self.focused
        if not isinstance(area, TextArea):
            key = key_name(self.app, "text.editor", "ctrl+e")
            self.notify(f"{key} opens a long field (focus, what went well, notes…) in $EDITOR.")
            return
        from afterword.tui.editor import edit_in_editor

        edited = edit_in_editor(self.app, area.text, (area.id or "field").removeprefix("f-"))
        if edited is not None and edited != area.text:
            area.load_text(edited)
            area.move_cursor(area.document.end)
            self.autosave_touched()
            self.autosave_soon()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "from_invitation":
            return self.interview_id is None  # a new interview only
        return True

    def action_from_invitation(self) -> None:
        """`ctrl+o`: fill what the form still lacks from an invitation file (.ics)."""
        from afterword.tui.screens.invitation import (
            InvitationDialog,
            download_folders,
            newest_invitation,
        )

        app = self.afterword

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Reading {path.name}…", markup=False)
                self._read_invitation(path, [app.config.profile.email])

        suggestion = newest_invitation(download_folders())
        app.push_screen(InvitationDialog(app.now(), suggestion), chosen)

    @work(thread=True, exclusive=True, group="invitation", exit_on_error=False)
    def _read_invitation(self, path: Path, own_addresses: list[str]) -> None:
        """Off the UI thread: a hostile file is refused by the reader, and a slow one leaves
        the app answering keys (and stop signals) meanwhile."""
        from afterword.tui.screens.invitation import read_or_why

        read = read_or_why(path, own_addresses)
        if not get_current_worker().is_cancelled:
            self.post_message(read)

    @on(InvitationRead)
    def _fill_from_invitation(self, read: InvitationRead) -> None:
        from afterword.tui.screens.invitation import filled_note

        if read.invitation is None:
            self.notify(read.problem, severity="error", timeout=10, markup=False)
            return
        form = self.form().merge_invitation(read.invitation, self.initial or self.form())
        filled = DebriefScreen(None, form, restored=True, slot=self.slot)
        self.app.switch_screen(filled)
        first = "company" if not form.text("company") else "tone"
        filled.call_after_refresh(lambda: filled.query_one(f"#f-{first}").focus())
        many = len(read.invitation.interviewers) > MAX_INTERVIEWER_ROWS
        self.notify(filled_note(read), timeout=15 if many else 5, markup=False)

    def action_leave(self) -> None:
        if not self.unsaved() and self.form() == self.initial:
            self._close()
            return
        from afterword.tui.screens.dialogs import ConfirmDialog

        def answer(discard: bool | None) -> None:
            if discard:
                self._close()

        self.app.push_screen(
            ConfirmDialog("Leave without saving? What you typed here is discarded."), answer
        )

    def _close(self) -> None:
        self.autosave_forget()
        self.dismiss(None)

    # -- saving

    def action_save(self) -> None:
        app = self.afterword
        form, now, dayfirst = self.form(), app.now(), app.config.ui.dayfirst
        found = form.problems(now, dayfirst)
        scroller = self.query_one("#form", VerticalScroll)
        first = show_problems(scroller, found)  # each under its field
        if first is not None:
            first.focus()
            scroller.scroll_to_widget(first, animate=False)
        if found:
            self.notify(next(iter(found.values())), severity="error")
            return
        base = app.library.get(self.interview_id) if self.interview_id is not None else None
        ahead = form.ahead_to_confirm(base, now, dayfirst)
        if ahead is not None:
            self._ask_before_saving_ahead(ahead)
            return
        self._save()

    def _ask_before_saving_ahead(self, when: datetime) -> None:
        """When typed as a time still ahead: say so and let `y` save, `n` go back to When."""
        from afterword.tui.screens.dialogs import ConfirmDialog

        def answer(save: bool | None) -> None:
            if save:
                self._save()
            else:
                self.query_one("#f-when", Input).focus()

        self.app.push_screen(
            ConfirmDialog(f"When is {in_words(when)}: still ahead. Save it for then?"),
            answer,
        )

    def _save(self) -> None:
        app = self.afterword
        base = app.library.get(self.interview_id) if self.interview_id is not None else None
        start = self.opened or base  # the form's edit is of what it began from
        done = saved(self.form(), start, app.now(), app.config.ui.dayfirst, app.config.schedule)
        company = done.interview.company
        label = f"Added {company}" if base is None else f"Edited {company}"
        both = app.library.put(done.interview, label, base=self.opened)
        if both:
            fields = "1 field" if both == 1 else f"{both} fields"
            self.notify(
                f"{company} was changed elsewhere while you edited it; both changes are kept, "
                f"but {fields} changed on both sides: yours shows, theirs is kept with it "
                "(marked ⇄: its page lets you choose).",
                severity="warning",
                markup=False,
            )
        if done.redraft:
            app.redraft(
                [done.interview.id],
                "Wrote the drafts again for the new debrief",
                why="the new debrief",
                join=label,
            )
        self.autosave_forget()
        from afterword.tui.screens.saved import SavedScreen

        self.app.switch_screen(SavedScreen(done.interview.id, done.heading, done.lines))
        app.ask_profile_if_missing()
