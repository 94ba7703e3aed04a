"""What every screen of the app shares: typed access to the app that runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from afterword.tui.app import AfterwordApp

R = TypeVar("R")

# tab and shift+tab in a form, as priority bindings: the app moves the focus the moment it reads
# the key, so keys typed right after it (a fast typist, a slow machine, `tmux send-keys`) go to
# the next field. As the focused field's own keys they would move the focus only once that
# field had taken every key before them, and the keys after them would follow into it.
FIELD_WALK: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="form.next"),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous field",
        show=False,
        priority=True,
        id="form.previous",
    ),
]


def afterword_app(app: object) -> AfterwordApp:
    from afterword.tui.app import AfterwordApp  # the app module imports the screens

    assert isinstance(app, AfterwordApp)
    return app


class AfterwordScreen(Screen[R]):
    """A screen of the app, with the app as an ``AfterwordApp``."""

    @property
    def afterword(self) -> AfterwordApp:
        return afterword_app(self.app)


class AfterwordModal(ModalScreen[R]):
    """A dialog of the app, with the app as an ``AfterwordApp``."""

    @property
    def afterword(self) -> AfterwordApp:
        return afterword_app(self.app)
