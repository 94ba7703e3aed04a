"""Every use of Textual's private names, in one place.

Each one is here because no public API does the same (the reason is beside it). Textual may
change any of them in a release without notice: `textual<9` in pyproject.toml keeps a new major
version out until it is adopted on purpose, and `tests/tui/test_textual_private.py` checks each
name so that a change fails there, naming the attribute and this module.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.geometry import Region
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.widgets import TextArea
    from textual.widgets.text_area import TextAreaTheme


# -- styles


def running_app() -> App[Any]:
    """The app being run, from where no widget or screen can be asked (a mode's screen
    factory, called before the screen exists)."""
    from textual._context import active_app

    return active_app.get()


def styled_as_app_now(screen: Screen[Any], app: App[Any]) -> None:
    """Tell Textual that ``screen`` already has the app's current CSS (its variables set just
    now), so that it is not styled a second time when first shown."""
    screen._css_update_count = app._css_update_count


# -- text fields


# Where Textual defines its text fields: looked up in ``sys.modules`` so that asking does not
# import them (TextArea is a heavy module the first frame does not need).
TEXT_FIELD_MODULES = (
    ("textual.widgets._input", "Input"),
    ("textual.widgets._text_area", "TextArea"),
)


def loaded_text_fields() -> tuple[type, ...]:
    """The classes of Textual's text fields whose modules are imported already."""
    return tuple(
        getattr(sys.modules[module], name)
        for module, name in TEXT_FIELD_MODULES
        if module in sys.modules
    )


def text_area_theme(area: TextArea) -> TextAreaTheme | None:
    """The TextArea theme ``area`` draws with (Textual keeps it as ``_theme``)."""
    return area._theme


def render_lines_after_text_area(area: TextArea, crop: Region) -> list[Strip]:
    """What ``TextArea.render_lines`` calls once it has applied its theme's CSS: for a subclass
    that applies that CSS only when something it comes from changed (``LongText``)."""
    from textual.widgets import TextArea

    return super(TextArea, area).render_lines(crop)


# -- keys


def own_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """The keys ``node`` itself binds, by key, with the app's keymap applied (as Textual does
    on a copy when it reads the keys): also those a focused widget shadows (``active_bindings``
    leaves those out)."""
    bindings = node._bindings.copy()
    bindings.apply_keymap(node.app._keymap)
    return bindings.key_to_bindings


# -- failures


class FatalErrorHook(App[None]):
    """An app that handles an error nobody expected in ``fatal_error`` (a name of ours),
    instead of Textual's default, which shows a traceback with every frame's variables."""

    def _fatal_error(self) -> None:
        self.fatal_error()

    def fatal_error(self) -> None:
        """Textual's default: override it. ``fatal_error_cause``, ``show_at_exit`` and
        ``close_messages_now`` do what Textual's own does."""
        super()._fatal_error()

    def fatal_error_cause(self) -> BaseException | None:
        """The error that ends the app: the one being handled, or the one Textual kept."""
        return sys.exc_info()[1] or self._exception

    def show_at_exit(self, renderable: RenderableType) -> None:
        """Print ``renderable`` once the app has stopped and the terminal is restored."""
        self._exit_renderables.append(renderable)

    def close_messages_now(self) -> None:
        """Stop the app's message loop, without waiting (the app then exits)."""
        self._close_messages_no_wait()
