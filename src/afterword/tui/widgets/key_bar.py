"""The key bar at the bottom of every screen: one widget drawing one line.

Textual's `Footer` builds a widget per key and rebuilds them all whenever the bindings change
(every focus change); on the first frame that alone cost about as much as the rest of the app's
start. This bar draws the same keys (the screen's active bindings that are shown, one per action,
disabled ones dimmed) as one line of text, and a click on a key presses it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widget import Widget

LAST = ("question_mark", "q")  # help and quit: always shown, at the right of the keys
ELLIPSIS = "…"  # where keys were left out for want of room


class KeyBar(Widget):
    """The keys of the current screen, e.g. ``t Today  i Interviews  n New``."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each enabled key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: object) -> None:
        self.refresh()

    def shown_keys(self) -> list[tuple[str, str, str, bool]]:
        """(key, key as shown, description, enabled) of each shown binding, one per action."""
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(
                (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            )
        return keys

    def fitting_keys(self, width: int) -> tuple[list[tuple[str, str, str, bool]], bool]:
        """The keys that fit in ``width`` columns, and whether some were left out. Help and
        quit always stay, at the end (help lists the rest); the others are dropped from the
        end of the screen's list, which puts its most used keys first."""
        keys = self.shown_keys()

        def size(entries: list[tuple[str, str, str, bool]], cut: bool) -> int:
            used = 1 + sum(len(shown) + (len(d) + 1 if d else 0) + 2 for _, shown, d, _ in entries)
            return used + (len(ELLIPSIS) + 2 if cut else 0)

        if size(keys, False) <= width:
            return keys, False
        tail = [k for k in keys if k[0] in LAST]
        head = [k for k in keys if k[0] not in LAST]
        while head and size(head + tail, True) > width:
            head.pop()
        return head + tail, True

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        self._spans = []
        keys, cut = self.fitting_keys(self.size.width)
        for key, shown, description, enabled in keys:
            if cut and key in LAST and ELLIPSIS not in line.plain:
                line.append(ELLIPSIS + "  ", text_style)
            start = len(line)
            line.append(shown, key_style)
            if description:
                line.append(f" {description}", text_style)
            if not enabled:
                line.stylize("dim", start)
            else:
                self._spans.append((start, len(line), key))
            line.append("  ")
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
