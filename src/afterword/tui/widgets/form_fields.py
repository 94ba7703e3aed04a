"""The debrief form's fields as widgets, from their spec (compose/debrief_fields.py): the
sections, labels and fields side by side in two-column grids, a line of help under a field;
what they hold read back as a `DebriefForm`, and what stops a save shown under each field.

Each field's widget has the id ``f-<key>``; a date field has its meaning on a line of its own
below (``m-<key>``), with an empty label cell (``s-m-<key>``) so the grid's cells stay paired.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, Static, TextArea

from afterword.compose.debrief_fields import (
    CHOICES,
    RECRUITER,
    SECTIONS,
    TEXT_FIELDS,
    Field,
    Section,
)
from afterword.compose.debrief_form import DebriefForm
from afterword.tui.widgets.blank import Cells, Rows, Scroller, Shelf
from afterword.tui.widgets.interviewer_rows import InterviewerRows
from afterword.tui.widgets.long_text import LongText
from afterword.tui.widgets.pickers import PickOne


def form_sections(form: DebriefForm, keys: Mapping[str, str]) -> ComposeResult:
    """The form's four sections, holding ``form``, in a scroller (``#form``); ``keys`` are
    the keys the closing note names, by binding id (``debrief.save``, ``debrief.back``,
    ``text.editor``, ``debrief.add_person``, ``debrief.remove_person``)."""
    with Scroller(id="form"):
        # Few widgets on the way to each field: on every key Textual redraws each widget
        # whose container overlaps the changed line (see field_blocks). So the form is two
        # halves, each section one container, and Notes (the long one) a block of its own.
        with Rows(classes="form-part"):
            for section in SECTIONS[:3]:
                yield from _section(section, form, keys, leave_out="notes")
        with Rows(classes="form-part"):
            yield from field_blocks(
                tuple(f for f in SECTIONS[2][2] if f.key == "notes"), form.texts
            )
            yield from _section(SECTIONS[3], form, keys)


def _section(
    section: Section, form: DebriefForm, keys: Mapping[str, str], leave_out: str = ""
) -> ComposeResult:
    key, heading, fields = section
    with Rows(classes="form-part"):
        yield Label(heading, id=f"sec-{key}", classes="form-section")
        if key == "people":
            with Cells(classes="form-block"):
                yield Label("Interviewers", classes="form-label")
                yield InterviewerRows(form.interviewers, id="interviewers")
                yield from note(
                    "people-hint",
                    f"{keys['debrief.add_person']} adds someone you met, "
                    f"{keys['debrief.remove_person']} removes the row you are in",
                )
            yield from field_blocks(RECRUITER, form.texts)
        else:
            yield from field_blocks(tuple(f for f in fields if f.key != leave_out), form.texts)
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
                    f"{keys['debrief.save']} saves and schedules the follow-ups · "
                    f"{keys['debrief.back']} leaves · "
                    f"{keys['text.editor']} opens a long field in your editor",
                )


def form_of(form: Widget) -> DebriefForm:
    """What the fields in ``form`` (the scroller `form_sections` made) hold now."""
    texts: dict[str, str] = {}
    for key in TEXT_FIELDS:
        widget = form.query_one(f"#f-{key}")
        if isinstance(widget, RadioSet):
            pressed = widget.pressed_button
            texts[key] = str(pressed.name) if pressed is not None else ""
        elif isinstance(widget, TextArea):
            texts[key] = widget.text
        elif isinstance(widget, Input):
            texts[key] = widget.value
    return DebriefForm(texts, form.query_one(InterviewerRows).people())


def show_problems(form: Widget, found: Mapping[str, str]) -> Widget | None:
    """Each problem (`DebriefForm.problems`) under its field in ``form``, made on demand, those
    of the last time gone; returns the field of the first."""
    form.query(".form-error, .error-spacer").remove()
    first: Widget | None = None
    for key, message in found.items():
        if key.startswith("person-"):
            n = int(key.split("-")[1])
            target: Widget = form.query_one(InterviewerRows).show_problem(n, message)
        elif key in ("when", "decision_by"):
            target = form.query_one(f"#f-{key}")  # its own line already says why, in red
        else:
            target = form.query_one(f"#f-{key}")
            block = target.parent
            assert isinstance(block, Grid)
            problem = Static(message, classes="form-error", markup=False)
            block.mount(Static(classes="form-label error-spacer"), problem, after=target)
        if first is None:
            first = target
    return first


def note(note_id: str, text: str, classes: str = "") -> ComposeResult:
    """A line of help under a field: an empty label cell, then the text in the field's column
    (plain text: it repeats what was typed, e.g. a date phrase it cannot read)."""
    yield Static(classes="form-label", id=f"s-{note_id}")
    yield Static(text, id=note_id, classes=f"form-hint {classes}".strip(), markup=False)


def field_blocks(fields: Iterable[Field], texts: Mapping[str, str]) -> ComposeResult:
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
                yield from _fields(run, texts)
            run = []
        if field is not None:
            with Cells(classes="form-block"):
                yield from _fields([field], texts)


def _fields(fields: list[Field], texts: Mapping[str, str]) -> ComposeResult:
    for field in fields:
        label = Label(field.label, classes="form-label")
        yield Shelf(label) if field.kind == "text" else label
        yield field_widget(field, texts.get(field.key, ""))
        if field.kind == "date":
            yield from note(f"m-{field.key}", "", "form-meaning")


def field_widget(field: Field, value: str) -> Widget:
    """The widget that edits ``field``, holding ``value``."""
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
