"""Pickers that take the keys every list of the app takes: `j`/`k` as well as the arrows.

The ids are the lists' own (``widgets/record_table.py``), so a `[keymap]` line moves them in
every list at once.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList, RadioSet


class PickList(OptionList):
    """A short list to pick one from (a status, a template): `j`/`k`, `g`/`G`, arrows, `enter`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="down"),
        Binding("k", "cursor_up", "Up", show=False, id="up"),
        Binding("g", "first", "First", show=False, id="first"),
        Binding("G", "last", "Last", show=False, id="last"),
    ]


class PickOne(RadioSet):
    """Radio buttons in a form (still interested?, direct contact): `j`/`k` as well as the
    arrows move between the choices, `enter` or `space` picks one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "next_button", "Next option", show=False, id="down"),
        Binding("k", "previous_button", "Previous option", show=False, id="up"),
    ]
