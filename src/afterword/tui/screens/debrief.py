"""The debrief form (`n`, and `d` on an interview): everything worth writing down right after.

Four sections in the words of the advice: the interview, the people, the debrief, and the
lines for the thank-you email. `tab` walks the fields in that order; alt+1…alt+4 jump to a
section; ctrl+e opens a long field in $EDITOR; ctrl+s saves and schedules the follow-ups.
What is typed is kept in the recovery file about a second after the last key, when a field is
left, and when the app is told to stop, until it is saved.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea
from textual.worker import get_current_worker

from afterword.domain.dates import DateNotUnderstood, find_date_phrase, parse_when
from afterword.domain.letter import suggested_lines
from afterword.domain.model import (
    DIRECT_CONTACT,
    INTEREST,
    Debrief,
    Interview,
    Person,
    Recruiter,
    new_id,
)
from afterword.domain.schedule import reschedule, schedule_follow_ups
from afterword.domain.words import in_words, plural, wall_delta
from afterword.tui.autosave import TICK, Autosave
from afterword.tui.base import FIELD_WALK, AfterwordScreen
from afterword.tui.invitation import InvitationRead
from afterword.tui.widgets.blank import Cells, Rows, Scroller, Shelf, TitleBar
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.long_text import LongText
from afterword.tui.widgets.pickers import PickOne

if TYPE_CHECKING:
    pass

SLOT = "debrief"  # recovery slots of debrief forms are "debrief:<id of the form>"
WHEN_FORMAT = "%Y-%m-%d %H:%M"
WHEN_DEFAULT = time(9, 0)  # an interview's day typed without a time ("tue") is at 09:00


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # line | text | date | choice
    hint: str = ""


SECTIONS: tuple[tuple[str, str, tuple[Field, ...]], ...] = (
    (
        "interview",
        "The interview",
        (
            Field("company", "Company", "line", "required, e.g. Acme Robotics"),
            Field("role", "Role", "line", "Backend Engineer"),
            Field("stage", "Stage", "line", "Phone screen, Onsite, Final…"),
            Field("when", "When", "date", "now, today 2pm, tue 10:30, 2026-11-24 14:00"),
            Field("where", "Where", "line", "Video call, their office…"),
        ),
    ),
    ("people", "People", ()),  # interviewer rows and the recruiter: built in compose
    (
        "debrief",
        "Debrief",
        (
            Field("tone", "Tone", "line", "warm, rushed, formal, chatty…"),
            Field("focus", "Question focus", "text", "system design, culture, salary…"),
            Field("went_well", "What went well", "text"),
            Field("went_poorly", "What did not", "text"),
            Field("next_steps", "Next steps", "text", "as they said them: 'we decide by Friday'"),
            Field(
                "decision_by", "Decision by", "date", "fri, +2w, end of month (empty: not given)"
            ),
            Field("still_interested", "Still interested", "choice"),
            Field("notes", "Notes", "text", "private: never in an email"),
        ),
    ),
    (
        "email",
        "For the thank-you email",
        (
            Field("remember", "Remember me", "line", "a detail they will remember you by"),
            Field("reinforce", "Reinforce", "line", "the strength that matches the role"),
            Field("recoup", "Recoup", "line", "the answer to redeem, and what you'd say now"),
        ),
    ),
)
RECRUITER: tuple[Field, ...] = (
    Field("r_name", "Recruiter", "line", "name (empty: no recruiter)"),
    Field("r_agency", "Agency", "line"),
    Field("r_email", "Email", "line"),
    Field("r_phone", "Phone", "line"),
    Field("direct_contact", "Write directly?", "choice"),
)
CHOICES = {
    "still_interested": [(v, v) for v in INTEREST],
    "direct_contact": list(
        zip(DIRECT_CONTACT, ("not asked yet", "allowed", "they forward it"), strict=True)
    ),
}
# Leaving one of these fields proposes the email lines again (never on a key: see left_field)
SUGGESTED_FROM = frozenset(
    f"f-{key}" for key in ("focus", "went_well", "went_poorly", "remember", "reinforce", "recoup")
)
TEXT_FIELDS = [f.key for _, _, fields in SECTIONS for f in fields] + [f.key for f in RECRUITER]


def note(note_id: str, text: str, classes: str = "") -> ComposeResult:
    """A line of help under a field: an empty label cell, then the text in the field's column
    (plain text: it repeats what was typed, e.g. a date phrase it cannot read)."""
    yield Static(classes="form-label", id=f"s-{note_id}")
    yield Static(text, id=note_id, classes=f"form-hint {classes}".strip(), markup=False)


def blank_values(now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {key: "" for key in TEXT_FIELDS}
    values.update(
        when=now.strftime(WHEN_FORMAT),
        still_interested="yes",
        direct_contact="",  # no recruiter, no answer: chosen once there is a name (else `ask`)
        interviewers=[{"name": "", "title": "", "email": ""}],
    )
    return values


def values_of(interview: Interview) -> dict[str, Any]:
    """The form's values for a saved interview."""
    d, r = interview.debrief, interview.recruiter
    return {
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage,
        "when": interview.when.strftime(WHEN_FORMAT),
        "where": interview.where,
        "interviewers": [
            {"name": p.name, "title": p.title, "email": p.email} for p in interview.interviewers
        ]
        or [{"name": "", "title": "", "email": ""}],
        "r_name": r.name if r else "",
        "r_agency": r.agency if r else "",
        "r_email": r.email if r else "",
        "r_phone": r.phone if r else "",
        "direct_contact": r.direct_contact if r else "",
        "tone": d.tone,
        "focus": d.focus,
        "went_well": d.went_well,
        "went_poorly": d.went_poorly,
        "next_steps": d.next_steps,
        "decision_by": d.decision_by.isoformat() if d.decision_by else "",
        "still_interested": d.still_interested,
        "notes": d.notes,
        "remember": d.remember,
        "reinforce": d.reinforce,
        "recoup": d.recoup,
    }


def pinned_when(values: dict[str, Any], typed_at: datetime, dayfirst: bool) -> dict[str, Any]:
    """``values`` with When as the time its words meant when typed at ``typed_at`` (a
    phrase it cannot read stays as typed, for the form to say why)."""
    text = str(values.get("when") or "").strip()
    if not text or text.casefold() == "now":
        return {**values, "when": typed_at.strftime(WHEN_FORMAT)}
    try:
        found = parse_when(text, typed_at, dayfirst=dayfirst, default_time=WHEN_DEFAULT, past=True)
    except DateNotUnderstood:
        return values
    return {**values, "when": found.value.strftime(WHEN_FORMAT)}


def typed_at(record: dict[str, Any]) -> datetime | None:
    """When a recovery record was written (None when it does not say clearly)."""
    try:
        return datetime.fromisoformat(str(record.get("saved_at")))
    except ValueError:
        return None


def by_words(due: datetime, now: datetime) -> str:
    """'today 17:00', 'tomorrow 14:00', 'Wed 2 Dec 09:00'."""
    days = (due.date() - now.date()).days
    if days == 0:
        return f"today {due:%H:%M}"
    if days == 1:
        return f"tomorrow {due:%H:%M}"
    return f"{due:%a} {due.day} {due:%b %H:%M}"


def since_words(when: datetime, now: datetime) -> str:
    """How long after the interview this is being written."""
    minutes = int((now.replace(tzinfo=None) - when.replace(tzinfo=None)).total_seconds() // 60)
    if minutes < 0:
        return "The interview is still ahead; write what you expect, and come back after it."
    if minutes < 5:
        return "Written right after the interview: while it is fresh."
    if minutes < 60:
        return f"Written {minutes} min after the interview: while it is fresh."
    if minutes < 48 * 60:
        return f"Written {minutes // 60} h after the interview."
    return f"Written {minutes // (24 * 60)} days after the interview: write what you still recall."


class DebriefScreen(AfterwordScreen[None]):
    """The debrief of a new interview, or of a saved one (``interview_id``)."""

    BLANK = True  # a plain background, drawn at once on every key (see widgets/blank.py)

    AUTO_FOCUS = "#f-company"
    FORM = True  # the app's letter keys type here
    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_WALK,
        Binding("ctrl+s", "save", "Save", id="debrief.save"),
        Binding("escape", "leave", "Back", id="debrief.back"),
        # ctrl+arrows reach the app through every terminal and tmux; alt+digits not always.
        Binding("ctrl+down", "next_section(1)", "Next part", id="debrief.next-section"),
        Binding("ctrl+up", "next_section(-1)", "Previous part", id="debrief.previous-section"),
        Binding(
            "alt+1", "section('interview')", "Interview", show=False, id="debrief.go-interview"
        ),
        Binding("alt+2", "section('people')", "People", show=False, id="debrief.go-people"),
        Binding("alt+3", "section('debrief')", "Debrief", show=False, id="debrief.go-debrief"),
        Binding("alt+4", "section('email')", "Email", show=False, id="debrief.go-email"),
        Binding("ctrl+n", "add_person", "+Person", id="debrief.add-person"),
        Binding("ctrl+r", "remove_person", "-Person", id="debrief.remove-person"),
        Binding("ctrl+e", "edit_externally", "Editor", show=False, id="debrief.editor-any"),
        Binding("ctrl+t", "take_proposal", "Take date", show=False, id="debrief.take-date"),
        Binding(
            "ctrl+l",
            "take_lines",
            "Take lines",
            show=False,
            id="debrief.take-lines",
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
        values: dict[str, Any] | None = None,
        *,
        restored: bool = False,
        slot: str = "",
        typed_at: datetime | None = None,
    ) -> None:
        """``typed_at``: when restored text was typed; a When phrase in it ('yesterday 4pm')
        is pinned to the time it meant then, not read again from the day it comes back."""
        super().__init__()
        self.typed_at = typed_at
        self.slot = slot or f"{SLOT}:{new_id()}"
        self.interview_id = interview_id
        self.initial = values
        self.restored = restored
        self._rows = 0
        self._ticker: Timer | None = None
        self.autosave: Autosave | None = None
        self._filling = True
        self._proposed = ""
        self._proposed_lines: dict[str, str] = {}  # email line -> what the debrief suggests

    # -- building

    def _start_values(self) -> dict[str, Any]:
        if self.initial is None:
            app = self.afterword
            if self.interview_id is not None:
                self.initial = values_of(app.library.get(self.interview_id))
            else:
                self.initial = blank_values(app.now())
        else:
            if self.typed_at is not None:
                dayfirst = self.afterword.config.ui.dayfirst
                self.initial = pinned_when(self.initial, self.typed_at, dayfirst)
                self.typed_at = None
            if self.initial.get("direct_contact") == "ask" and not str(
                self.initial.get("r_name") or ""
            ).strip():
                # Text kept by an older version held "ask" with no recruiter (its blank
                # default): no answer, so that restoring it does not stop the save at a field
                # never touched.
                self.initial = {**self.initial, "direct_contact": ""}
        return self.initial

    def compose(self) -> ComposeResult:
        values = self._start_values()
        yield TitleBar()
        with Scroller(id="form"):
            # Few widgets on the way to each field: on every key Textual redraws each widget
            # whose container overlaps the changed line (see _blocks). So the form is two
            # halves, each section one container, and Notes (the long one) a block of its own.
            with Rows(classes="form-part"):
                for section in SECTIONS[:3]:
                    yield from self._section(section, values, leave_out="notes")
            with Rows(classes="form-part"):
                yield from self._blocks(
                    tuple(f for f in SECTIONS[2][2] if f.key == "notes"), values
                )
                yield from self._section(SECTIONS[3], values)
        yield Shelf(KeyBar(), classes="bottom")

    def _section(
        self,
        section: tuple[str, str, tuple[Field, ...]],
        values: dict[str, Any],
        leave_out: str = "",
    ) -> ComposeResult:
        key, heading, fields = section
        with Rows(classes="form-part"):
            yield Label(heading, id=f"sec-{key}", classes="form-section")
            if key == "people":
                with Cells(classes="form-block"):
                    yield Label("Interviewers", classes="form-label")
                    yield Vertical(
                        *(self._person_row(p) for p in values.get("interviewers") or [{}]),
                        id="interviewers",
                    )
                    yield from note(
                        "people-hint",
                        "ctrl+n adds someone you met, ctrl+r removes the row you are in",
                    )
                yield from self._blocks(RECRUITER, values)
            else:
                yield from self._blocks(tuple(f for f in fields if f.key != leave_out), values)
            if key == "interview":
                with Cells(classes="form-block"):
                    yield from note("written", "")
            if key == "email":
                with Cells(classes="form-block"):
                    # hidden until the debrief suggests a line (no pixel moves before that)
                    cell = Static(classes="form-label", id="s-m-lines")
                    lines = Static("", id="m-lines", classes="form-hint form-meaning", markup=False)
                    cell.display = lines.display = False
                    yield cell
                    yield lines
                with Cells(classes="form-block"):
                    yield from note(
                        "form-end",
                        "ctrl+s saves and schedules the follow-ups · escape leaves · "
                        "ctrl+e opens a long field in your editor",
                    )

    def _blocks(self, fields: tuple[Field, ...], values: dict[str, Any]) -> ComposeResult:
        """Labels and fields side by side, in two-column grids: one grid per long field and
        one per run of short ones. Textual redraws, on every key, each widget whose container
        overlaps the changed line; with the whole form in one grid a key in Notes redrew all
        of it. (Few widgets, too: a row container per field took most of a second to open.)"""
        run: list[Field] = []
        for field in (*fields, None):
            if field is not None and field.kind != "text":
                run.append(field)
                continue
            if run:
                with Cells(classes="form-block"):
                    yield from self._fields(run, values)
                run = []
            if field is not None:
                with Cells(classes="form-block"):
                    yield from self._fields([field], values)

    def _fields(self, fields: list[Field], values: dict[str, Any]) -> ComposeResult:
        for field in fields:
            label = Label(field.label, classes="form-label")
            yield Shelf(label) if field.kind == "text" else label
            yield self._widget(field, str(values.get(field.key) or ""))
            if field.kind == "date":
                yield from note(f"m-{field.key}", "", "form-meaning")

    def _widget(self, field: Field, value: str) -> Widget:
        widget_id = f"f-{field.key}"
        if field.kind == "text":
            area = LongText(
                value,
                id=widget_id,
                soft_wrap=True,
                compact=True,
                tab_behavior="focus",
                placeholder=field.hint,
            )
            area.move_cursor(area.document.end)
            return area
        if field.kind == "choice":
            return PickOne(
                *(
                    RadioButton(label, value=choice == value, name=choice)
                    for choice, label in CHOICES[field.key]
                ),
                id=widget_id,
                compact=True,
            )
        # Typing into a field reached by tab adds to it; only When's default (the time the
        # form opened) is selected, to be typed over.
        return Input(
            value,
            placeholder=field.hint,
            id=widget_id,
            compact=True,
            select_on_focus=field.key == "when",
        )

    def _person_row(self, person: dict[str, str]) -> Horizontal:
        n = self._rows
        self._rows += 1
        return Horizontal(
            *(
                Input(
                    person.get(key, ""),
                    placeholder=key,
                    classes=f"p-{key}",
                    compact=True,
                    select_on_focus=False,
                )
                for key in ("name", "title", "email")
            ),
            classes="person-row",
            id=f"person-{n}",
        )

    def on_mount(self) -> None:
        app = self.afterword
        self.sub_title = "New interview" if self.interview_id is None else "Edit debrief"
        self.initial = copy.deepcopy(self.initial)
        # The fields post Changed as they mount with their values: not typing.
        self.call_after_refresh(setattr, self, "_filling", False)
        self.call_after_refresh(self._show_dates)
        self.call_after_refresh(self._propose_lines)
        from afterword.store.recovery import Recovery

        self.autosave = Autosave(Recovery(app.db_path), self.slot, self._autosave_failed)
        self._ticker = self.set_interval(TICK, self._tick)
        if self.restored:
            self.autosave.touched()  # the restored text is unsaved until ctrl+s

    def on_unmount(self) -> None:
        if self.autosave is not None:
            self.autosave.stop()

    # -- values

    def values(self) -> dict[str, Any]:
        """Everything the form holds, as plain text (what the recovery file keeps)."""
        values: dict[str, Any] = {}
        for key in TEXT_FIELDS:
            widget = self.query_one(f"#f-{key}")
            if isinstance(widget, RadioSet):
                pressed = widget.pressed_button
                values[key] = pressed.name if pressed is not None else ""
            elif isinstance(widget, TextArea):
                values[key] = widget.text
            elif isinstance(widget, Input):
                values[key] = widget.value
        values["interviewers"] = [
            {
                "name": row.query_one(".p-name", Input).value,
                "title": row.query_one(".p-title", Input).value,
                "email": row.query_one(".p-email", Input).value,
            }
            for row in self.query(".person-row")
        ]
        return values

    def record(self) -> dict[str, Any]:
        return {
            "kind": "debrief",
            "interview_id": self.interview_id,
            "saved_at": self.afterword.now().isoformat(timespec="seconds"),
            "values": self.values(),
        }

    # -- dates

    def _resolve(self, key: str) -> tuple[datetime | None, str]:
        """The value of a date field and what it means, or None and why not.

        When is a time that happened: 'tue 2pm' is the latest Tuesday, a day alone is at
        09:00 (said in the note), and a time still ahead is said so (saving asks first).
        Decision by is what they said at the interview: read from When, like the next steps."""
        app = self.afterword
        text = self.query_one(f"#f-{key}", Input).value.strip()
        now = app.now()
        dayfirst = app.config.ui.dayfirst
        if key == "decision_by":
            if not text:
                return None, ""
            try:
                found = parse_when(text, self._said_at(), dayfirst=dayfirst)
            except DateNotUnderstood as error:
                return None, str(error)
            return found.value, f"→ {found.value:%A} {found.value.day} {found.value:%B %Y}"
        if not text or text.casefold() == "now":
            return now, f"→ now, {in_words(now)}"
        try:
            found = parse_when(text, now, dayfirst=dayfirst, default_time=WHEN_DEFAULT, past=True)
        except DateNotUnderstood as error:
            return None, str(error)
        meaning = f"→ {found.in_words()}"
        if not found.has_time:
            meaning += f" (no time given: {WHEN_DEFAULT:%H:%M})"
        if _ahead(found.value, now):
            meaning += " · still ahead: saving asks first"
        return found.value, meaning

    def _said_at(self) -> datetime:
        """T, the interview's time as When reads now (the clock's while When cannot be read):
        what the next steps and Decision by are read from ("by Friday" after a Tuesday)."""
        when, _ = self._resolve("when")
        return when if when is not None else self.afterword.now()

    def _show_dates(self) -> None:
        for key in ("when", "decision_by"):
            value, text = self._resolve(key)
            meaning = self.query_one(f"#m-{key}", Static)
            meaning.set_class(value is None and bool(text), "error")
            meaning.update(text)
            self._show_note(meaning, bool(text))
        when, _ = self._resolve("when")
        if when is not None:
            self.query_one("#written", Static).update(since_words(when, self.afterword.now()))

    def _show_note(self, widget: Static, shown: bool) -> None:
        """Show or hide a note with its empty label cell (the grid's cells stay paired)."""
        widget.display = shown
        self.query_one(f"#s-{widget.id}").display = shown

    def _propose_decision(self) -> None:
        """When the next steps name a date ("by Friday") and Decision by is empty, offer it:
        read from When, the time it was said, never from the day it is typed."""
        field = self.query_one("#f-decision_by", Input)
        if field.value.strip():
            return
        found = find_date_phrase(
            self.query_one("#f-next_steps", TextArea).text,
            self._said_at(),
            dayfirst=self.afterword.config.ui.dayfirst,
        )
        meaning = self.query_one("#m-decision_by", Static)
        if found is None:
            self._proposed = ""
            meaning.update("")
            self._show_note(meaning, False)
            return
        self._show_note(meaning, True)
        self._proposed = found.date.value.date().isoformat()
        meaning.remove_class("error")
        meaning.update(
            f'"{found.phrase}" in the next steps: {found.date.value:%A} {found.date.value.day} '
            f"{found.date.value:%B}? ctrl+t takes it"
        )

    def _propose_lines(self) -> None:
        """Propose the email lines left empty from what the debrief says (what went well, what
        did not, the focus), so the Recoup is seen before the letter; ctrl+l takes them."""
        values = self.values()
        debrief = Debrief(
            focus=values["focus"],
            went_well=values["went_well"],
            went_poorly=values["went_poorly"],
            remember=values["remember"],
        )
        keys = ("remember", "reinforce", "recoup")
        self._proposed_lines = {
            key: line
            for key, line in zip(keys, suggested_lines(debrief), strict=True)
            if line and not values[key].strip()
        }
        shown = self.query_one("#m-lines", Static)
        labels = {f.key: f.label for f in SECTIONS[3][2]}
        words = "\n".join(f"{labels[k]}: “{line}”" for k, line in self._proposed_lines.items())
        them = "them" if len(self._proposed_lines) > 1 else "it"
        shown.update(
            f"From your debrief (ctrl+l puts {them} in, to edit there):\n{words}" if words else ""
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

    # -- typing and autosave

    def touched(self) -> None:
        """Something was typed: autosave soon (never here, on the keystroke path)."""
        if not self._filling and self.autosave is not None:
            self.autosave.touched()

    @on(Input.Changed)
    @on(RadioSet.Changed)
    def changed(self, event: Input.Changed | RadioSet.Changed) -> None:
        self.touched()
        widget = getattr(event, "input", None)
        if widget is not None and widget.id in ("f-when", "f-decision_by"):
            self._show_dates()
            if not self._filling and self.query_one("#f-next_steps", TextArea).text.strip():
                self._propose_decision()  # a new When moves the date the next steps name

    def _tick(self) -> None:
        if self.autosave is not None and self.autosave.due():
            self.autosave.save_soon(self.record())

    @on(events.DescendantBlur)
    def left_field(self, event: events.DescendantBlur) -> None:
        left = getattr(event.widget, "id", "")
        if left == "f-next_steps":
            self._propose_decision()
        if left in SUGGESTED_FROM:
            self._propose_lines()
        if self.autosave is not None and self.autosave.dirty:
            self.autosave.save_soon(self.record())

    def save_unsaved_now(self) -> None:
        """Keep what the form holds, before the app stops (SIGTERM, SIGHUP, quit)."""
        if self.autosave is not None and (self.autosave.dirty or self.restored):
            self.autosave.save_now(self.record())

    def _autosave_failed(self, message: str) -> None:
        self.app.call_from_thread(self.app.notify, message, severity="error", timeout=15)

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
        row = self._person_row({})
        await self.query_one("#interviewers", Vertical).mount(row)
        row.query_one(".p-name", Input).focus()
        if self.autosave is not None:
            self.autosave.touched()

    async def action_remove_person(self) -> None:
        focused = self.focused
        row = next(
            (a for a in (focused.ancestors if focused else []) if "person-row" in a.classes), None
        )
        if not isinstance(row, Horizontal):
            self.notify("Go to an interviewer's row first (alt+2), then ctrl+r removes it.")
            return
        rows = list(self.query(".person-row"))

        async def remove(confirmed: bool | None = True) -> None:
            if not confirmed:
                return
            index = rows.index(row)
            await row.remove()
            rest = [r for r in rows if r is not row]
            if not rest:
                rest = [self._person_row({})]
                await self.query_one("#interviewers", Vertical).mount(rest[0])
            rest[min(index, len(rest) - 1)].query_one(".p-name", Input).focus()
            if self.autosave is not None:
                self.autosave.touched()

        name = row.query_one(".p-name", Input).value.strip()
        if any(i.value.strip() for i in row.query(Input)):
            from afterword.tui.screens.dialogs import ConfirmDialog

            self.app.push_screen(
                ConfirmDialog(f"Remove {name or 'this interviewer'} from the debrief?"), remove
            )
        else:
            await remove()

    def action_take_proposal(self) -> None:
        if self._proposed:
            self.query_one("#f-decision_by", Input).value = self._proposed

    def action_edit_externally(self) -> None:
        area = self.focused
        if not isinstance(area, TextArea):
            self.notify("ctrl+e opens a long field (focus, what went well, notes…) in $EDITOR.")
            return
        from afterword.tui.editor import edit_in_editor

        edited = edit_in_editor(self.app, area.text, (area.id or "field").removeprefix("f-"))
        if edited is not None and edited != area.text:
            area.load_text(edited)
            area.move_cursor(area.document.end)
            if self.autosave is not None:
                self.autosave.touched()
                self.autosave.save_soon(self.record())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "from_invitation":
            return self.interview_id is None  # a new interview only
        return True

    def action_from_invitation(self) -> None:
        """`ctrl+o`: fill what the form still lacks from an invitation file (.ics)."""
        from afterword.tui.invitation import InvitationDialog, download_folders, newest_invitation

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
        from afterword.errors import AfterwordError
        from afterword.tui.invitation import read_from

        try:
            read = InvitationRead(path, read_from(path, own_addresses))
        except AfterwordError as error:
            read = InvitationRead(path, None, str(error))
        except MemoryError:
            read = InvitationRead(
                path, None, f"{path.name} is too big to read as an invitation; nothing was filled."
            )
        if not get_current_worker().is_cancelled:
            self.post_message(read)

    @on(InvitationRead)
    def _fill_from_invitation(self, read: InvitationRead) -> None:
        from afterword.tui.invitation import MAX_INTERVIEWER_ROWS, left_out, merged_values

        if read.invitation is None:
            self.notify(read.problem, severity="error", timeout=10, markup=False)
            return
        values = merged_values(read.invitation, self.values(), self.initial or {})
        filled = DebriefScreen(None, values, restored=True, slot=self.slot)
        self.app.switch_screen(filled)
        first = "company" if not values.get("company") else "tone"
        filled.call_after_refresh(lambda: filled.query_one(f"#f-{first}").focus())
        more = left_out(read.invitation)
        rest = (
            f" It names {MAX_INTERVIEWER_ROWS + more:,} people: the first {MAX_INTERVIEWER_ROWS} "
            f"are in the form, {more:,} left out."
            if more
            else ""
        )
        self.notify(
            f"Filled from {read.path.name}: check the names and the time.{rest}",
            timeout=15 if more else 5,
            markup=False,
        )

    def action_leave(self) -> None:
        if not (self.autosave and (self.autosave.dirty or self.restored)) and (
            self.values() == self.initial
        ):
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
        if self.autosave is not None:
            self.autosave.forget()
            self.autosave = None
        self.dismiss(None)

    # -- saving

    def problems(self) -> dict[str, str]:
        values = self.values()
        found: dict[str, str] = {}
        if not values["company"].strip():
            found["company"] = "Company is required"
        for key, label in (("when", "When"), ("decision_by", "Decision by")):
            value, text = self._resolve(key)
            if value is None and text:
                found[key] = f"{label}: {text}"
        for n, person in enumerate(values["interviewers"], 1):
            email = person["email"].strip()
            if email and not person["name"].strip():
                found[f"person-{n}"] = f"Interviewer {n}: a name is needed with the address"
            elif email and ("@" not in email or " " in email):
                found[f"person-{n}"] = f"Interviewer {n}: {email!r} is not an email address"
        if not values["r_name"].strip() and any(
            values[k].strip() for k in ("r_agency", "r_email", "r_phone")
        ):
            found["r_name"] = "Recruiter: a name is needed with the agency, email or phone"
        needs_name = {
            "forward": "Forwarding needs the recruiter's name",
            "ask": "Asking the recruiter needs their name",
        }.get(values["direct_contact"])
        if needs_name and not values["r_name"].strip() and "r_name" not in found:
            # never saved as "no recruiter": that would lose the choice without a word
            found["r_name"] = needs_name
        email = values["r_email"].strip()
        if email and ("@" not in email or " " in email):
            found["r_email"] = f"Recruiter email: {email!r} is not an email address"
        return found

    def _show_problems(self, found: dict[str, str]) -> None:
        """Each problem under its field (made on demand), focus on the first."""
        self.query(".form-error, .error-spacer").remove()
        first: Widget | None = None
        rows = list(self.query(".person-row"))
        for key, message in found.items():
            problem = Static(message, classes="form-error", markup=False)
            if key.startswith("person-"):
                row = rows[int(key.split("-")[1]) - 1]
                self.query_one("#interviewers", Vertical).mount(problem, after=row)
                target: Widget = row.query_one(".p-email", Input)
            elif key in ("when", "decision_by"):
                target = self.query_one(f"#f-{key}")  # its own line already says why, in red
            else:
                target = self.query_one(f"#f-{key}")
                after = target
                block = after.parent
                assert isinstance(block, Grid)
                block.mount(Static(classes="form-label error-spacer"), problem, after=after)
            if first is None:
                first = target
        if first is not None:
            first.focus()
            self.query_one("#form", VerticalScroll).scroll_to_widget(first, animate=False)

    def interview(self, base: Interview | None) -> Interview:
        """The interview the form describes (``base``: the saved one being edited)."""
        values = self.values()
        when, _ = self._resolve("when")
        decision, _ = self._resolve("decision_by")
        assert when is not None
        interview = copy.deepcopy(base) if base is not None else Interview(company="", when=when)
        interview.company = values["company"].strip()
        interview.role = values["role"].strip()
        interview.stage = values["stage"].strip()
        interview.where = values["where"].strip()
        interview.when = when.replace(second=0, microsecond=0)
        old_people = {p.name: p for p in (base.interviewers if base else [])}
        people = []
        for row in values["interviewers"]:
            name = row["name"].strip()
            if not name:
                continue
            person = copy.deepcopy(old_people.get(name)) or Person(name=name)
            person.title, person.email = row["title"].strip(), row["email"].strip()
            people.append(person)
        interview.interviewers = people
        if values["r_name"].strip():
            recruiter = interview.recruiter or Recruiter(name="")
            recruiter.name = values["r_name"].strip()
            recruiter.agency = values["r_agency"].strip()
            recruiter.email = values["r_email"].strip()
            recruiter.phone = values["r_phone"].strip()
            recruiter.direct_contact = values["direct_contact"] or "ask"
            interview.recruiter = recruiter
        else:
            interview.recruiter = None
        debrief = interview.debrief if base is not None else Debrief()
        for key in ("tone", "focus", "went_well", "went_poorly", "next_steps", "notes"):
            setattr(debrief, key, values[key].strip())
        for key in ("remember", "reinforce", "recoup"):
            setattr(debrief, key, values[key].strip())
        debrief.decision_by = decision.date() if isinstance(decision, datetime) else None
        debrief.still_interested = values["still_interested"] or "yes"
        interview.debrief = debrief
        return interview

    def action_save(self) -> None:
        found = self.problems()
        self._show_problems(found)
        if found:
            self.notify(next(iter(found.values())), severity="error")
            return
        app = self.afterword
        when, _ = self._resolve("when")
        saved = app.library.get(self.interview_id) if self.interview_id is not None else None
        kept = saved is not None and self.values()["when"] == values_of(saved)["when"]
        if when is not None and not kept and _ahead(when, app.now()):
            self._ask_before_saving_ahead(when)
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
        now = app.now()
        settings = app.config.schedule
        if self.interview_id is None:
            interview = self.interview(None)
            interview.follow_ups = schedule_follow_ups(interview, settings)
            lines = [f"{f.title} by {by_words(f.due, now)}" for f in interview.follow_ups]
            app.library.put(interview, f"Added {interview.company}")
            heading = f"Saved {interview.company}: {plural(len(lines), 'follow-up')} scheduled."
        else:
            base = app.library.get(self.interview_id)
            interview = self.interview(base)
            lines = reschedule(interview, now, settings)
            label = f"Edited {interview.company}"
            app.library.put(interview, label)
            heading = f"Saved {interview.company}." + (
                " The follow-ups moved as below." if lines else " No follow-up moved."
            )
            if values_of(interview) != values_of(base):  # what the letters are written from
                app.redraft(
                    [interview.id],
                    "Wrote the drafts again for the new debrief",
                    why="the new debrief",
                    join=label,
                )
        if self.autosave is not None:
            self.autosave.forget()
            self.autosave = None
        from afterword.tui.screens.saved import SavedScreen

        self.app.switch_screen(SavedScreen(interview.id, heading, lines))
        app.ask_profile_if_missing()


def _ahead(when: datetime, now: datetime) -> bool:
    """Whether ``when`` is later than ``now`` (wall clocks when one has no zone)."""
    return wall_delta(now, when) < timedelta(0)
