"""Containers that draw nothing of their own: no border, no content, only their background.

On every key in a long field Textual asks each widget whose container overlaps the changed
lines for its lines, the field's containers and their other children included. A container
marked ``BLANK`` (Textual's switch for exactly this) answers with blank lines of its
background at once, instead of going through the styles it does not use. The forms where
people type (the debrief, the emails screen) are built of these, so that a key costs about
what it costs in a TextArea alone (bench/keystroke.py).

Only for containers without a border or a border title: those would not be drawn.
"""

from __future__ import annotations

from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Header


class Rows(Vertical):
    """A `Vertical` that draws only its background."""

    BLANK = True


class Columns(Horizontal):
    """A `Horizontal` that draws only its background."""

    BLANK = True


class Cells(Grid):
    """A `Grid` that draws only its background."""

    BLANK = True


class Scroller(VerticalScroll):
    """A `VerticalScroll` that draws only its background (its scroll bars are widgets of
    their own, drawn as before)."""

    BLANK = True


class Shelf(Rows):
    """A blank container for something beside a long field (its label, the key bar at the
    bottom of the screen): what is in it is clipped to the shelf, which does not overlap the
    field, so a key in the field leaves it alone (only the shelf's blank lines are drawn)."""

    DEFAULT_CSS = """
    Shelf {
        height: auto;
    }
    Shelf.bottom {  /* the key bar's (docked itself, it gives the shelf no height) */
        dock: bottom;
        height: 1;
    }
    """


class TitleBar(Header):
    """Textual's `Header` (its icon, title and clock are widgets of their own), drawing only
    its background: it sits beside every line of the screens where people type."""

    BLANK = True
