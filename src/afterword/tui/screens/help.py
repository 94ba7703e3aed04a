"""`?`: every key of the screen underneath, with what it does, in a list that scrolls."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from afterword.tui import textual_private
from afterword.tui.base import afterword_app
from afterword.tui.key_names import key_name
from afterword.tui.widgets.record_table import RecordTable

KEY_NAMES = {"question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter"}


def key_label(key: str) -> str:
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def screen_keys(screen: Screen[object]) -> dict[str, list[tuple[str, str]]]:
    """The keys of ``screen`` by group ("This screen", "Everywhere", "Lists", a part's own),
    as (key, what it does). Read while ``screen`` is the one shown: the app's keys ask
    ``check_action`` about the screen in front (a dialog hides the app's `n`), so read from
    under the help they would lose the keys that the help itself turns off."""
    app = screen.app
    groups: dict[str, list[tuple[str, str]]] = {"This screen": [], "Everywhere": [], "Lists": []}
    seen: set[tuple[str, str]] = set()
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if binding.system or (not binding.id and node is not app):
            continue  # Textual's own focus and copy keys: standard, and noise here
        if node is screen:
            group = "This screen"
        elif node is app:
            group = "Everywhere"
        elif binding.id:  # our own list keys; the widgets' built-in ones are in the note
            group = "Lists"
        else:
            continue
        description = binding.description or binding.action.replace("_", " ")
        row = (key_label(binding.key_display or key), description)
        if row not in seen:
            seen.add(row)
            groups[group].append(row)
    # The app's key of the screen being shown (`t` on Today) is off there, yet one of the
    # fixed keys: listed all the same.
    afterword = afterword_app(app)
    keymap = afterword.config.keymap
    for fixed in afterword.BINDINGS:
        if not isinstance(fixed, Binding) or not fixed.id:
            continue
        if afterword.is_shown_screen_key(fixed.action):
            keys = fixed.key_display or keymap.get(fixed.id, fixed.key)
            row = (key_label(keys), fixed.description)
            if row not in seen:
                seen.add(row)
                groups["Everywhere"].append(row)
    # The screen's own keys that a focused list shadows (enter: Open) are still its keys.
    for key, bindings in textual_private.own_bindings(screen).items():
        for binding in bindings:
            row = (key_label(binding.key_display or key), binding.description)
            if binding.id and binding.description and row not in seen:
                seen.add(row)
                groups["This screen"].append(row)
    # A part of the screen whose keys work only while it has focus (the findings' `a` and
    # `w`) names its keys under a group of its own, with the key that goes there, so they
    # are found from anywhere: HELP_GROUP = (name, id of the binding that focuses it).
    for widget in screen.query("*"):
        name, goes_there = getattr(widget, "HELP_GROUP", ("", ""))
        if not name or widget.has_focus:
            continue  # focused: its keys are listed above already
        keys = keymap.get(goes_there) or next(
            (b.key for b in screen.BINDINGS if isinstance(b, Binding) and b.id == goes_there),
            "",
        )
        group = f"{name} ({key_label(keys)})" if keys else name
        for entry in widget.BINDINGS:
            if not isinstance(entry, Binding) or not entry.id or not entry.show:
                continue
            row = (key_label(keymap.get(entry.id, entry.key)), entry.description)
            if row not in seen:
                seen.add(row)
                groups.setdefault(group, []).append(row)
    return {group: _merged(rows) for group, rows in groups.items() if rows}


def _merged(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One row per action: keys that do the same ("q" and Textual's "ctrl+q", both Quit) share
    a row, "q, ctrl+q"; every description starts with a capital, as the key bar's do."""
    keys_of: dict[str, list[str]] = {}
    said: dict[str, str] = {}
    for keys, description in rows:
        name = description[:1].upper() + description[1:]
        folded = name.casefold()
        said.setdefault(folded, name)
        if keys not in keys_of.setdefault(folded, []):
            keys_of[folded].append(keys)
    return [(", ".join(sorted(keys_of[folded], key=len)), said[folded]) for folded in keys_of]


class HelpScreen(ModalScreen[None]):
    """A table of the active bindings of ``screen`` (the app's included), read when the help
    is made (before it is shown); it scrolls when the keys do not fit."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__(classes="dialog")
        self.below = screen
        self.groups = screen_keys(screen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(
                f"Keys: {self.below.__class__.__name__.removesuffix('Screen')}",
                classes="dialog-title",
            )
            yield RecordTable(id="keys")
            down, up, first, last = (
                key_name(self.app, binding_id, default)
                for binding_id, default in (
                    ("down", "j"),
                    ("up", "k"),
                    ("first", "g"),
                    ("last", "G"),
                )
            )
            yield Static(
                f"Lists also take {down}/{up}, {first}/{last}, arrows and page keys. "
                "ctrl+p finds actions and interviews by name.",
                classes="dialog-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.add_columns("Key", "Action")
        for group, rows in self.groups.items():
            table.add_row(Text(group, style="bold italic"), Text(""))
            for key_text, description in rows:
                table.add_row(Text(f"  {key_text}", style="bold"), Text(description))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
