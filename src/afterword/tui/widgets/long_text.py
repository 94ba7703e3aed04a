"""A multi-line field of a form (the debrief's long fields, a draft's body)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea

from afterword.tui import textual_private
from afterword.tui.base import AfterwordScreen


class LongText(TextArea):
    """A multi-line field: soft wrap, tab leaves it, ctrl+e opens it in $EDITOR."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+e", "screen.edit_externally", "Editor", id="text.editor"),
        Binding("ctrl+home", "text_start", "Start", show=False, id="text.start"),
        Binding("ctrl+end", "text_end", "End", show=False, id="text.end"),
    ]

    _styled_for: tuple[object, ...] | None = None

    def on_mount(self) -> None:
        # Nothing here asks where the cursor is as it moves: without this TextArea would post
        # a message on every key that climbs every container up to the app.
        self.disable_messages(TextArea.SelectionChanged)

    def action_text_start(self) -> None:
        """ctrl+home: the start of the text (TextArea has no key for it)."""
        self.move_cursor((0, 0))

    def action_text_end(self) -> None:
        """ctrl+end: the end of the text."""
        self.move_cursor(self.document.end)

    def notify_style_update(self) -> None:
        self._styled_for = None  # its rules changed: restyle on the next frame
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        """TextArea recomputes its theme's styles from the CSS on every frame, a cost that
        grows with the depth of the field in the form (each style walks the ancestors). Here
        they are recomputed only when something they come from changed: the field's own
        rules, its pseudo-classes (focus, hover…), its TextArea theme or the app's theme."""
        theme = textual_private.text_area_theme(self)
        styled_for = (id(theme), self.pseudo_classes, self.app.theme)
        if theme and styled_for != self._styled_for:
            theme.apply_css(self)
            self._styled_for = styled_for
        return textual_private.render_lines_after_text_area(self, crop)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        """Tell the form (its screen's ``touched``) here rather than let the message climb
        five containers to it: a keystroke in a long field costs no more than in a stock
        TextArea (bench/keystroke.py)."""
        event.stop()
        screen = self.screen
        if isinstance(screen, AfterwordScreen):
            screen.touched()
