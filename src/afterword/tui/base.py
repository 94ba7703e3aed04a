"""What every screen of the app shares: typed access to the app that runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from afterword.tui.app import AfterwordApp

R = TypeVar("R")


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
