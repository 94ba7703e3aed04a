"""What every screen of the app shares: typed access to the app that runs it, the hooks the app
calls (declared here with defaults, so the type checker sees the contract), the app's signals
heard, and a failed worker told to the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

    from afterword.tui.app import AfterwordApp

R = TypeVar("R")
T = TypeVar("T")

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


def forward_failure(app: App[Any], event: Worker.StateChanged) -> None:
    """A worker that ended in an error nobody expected and that does not end the app
    (``exit_on_error=False``): told to the app's ``worker_failed``. Its StateChanged goes to
    the node that ran it alone, so each screen, each dialog and the app forward their own."""
    worker = event.worker
    if event.state == WorkerState.ERROR and not worker.exit_on_error:
        afterword_app(app).worker_failed(worker)


class AppSignal(Signal[T]):
    """A Signal of the app to the screens, whose callbacks run at once, in ``publish``. What
    one raises is raised by ``publish`` once every subscriber has heard (a plain Signal logs
    and drops it): an error nobody expected still ends the app with a crash report, as when
    the app called each screen itself."""

    def __init__(self, owner: DOMNode, name: str) -> None:
        super().__init__(owner, name)
        self._raised: list[Exception] = []  # by the callbacks of the publish under way

    def subscribe(
        self, node: DOMNode, callback: Callable[[T], object], immediate: bool = True
    ) -> None:
        def heard(data: T) -> None:
            try:
                callback(data)
            except Exception as error:  # raised by publish
                self._raised.append(error)

        super().subscribe(node, heard, immediate=True)

    def publish(self, data: T) -> None:
        outer, self._raised = self._raised, []  # a hook may publish in turn
        try:
            super().publish(data)
            raised = self._raised
        finally:
            self._raised = outer
        if raised:
            raise raised[0]


class AfterwordScreen(Screen[R]):
    """A screen of the app, with the app as an ``AfterwordApp``, and the hooks the app calls
    (each does nothing here)."""

    FORM: ClassVar[bool] = False  # a form: the app's single-letter keys type here

    @property
    def afterword(self) -> AfterwordApp:
        return afterword_app(self.app)

    def refresh_data(self) -> None:
        """The library changed while this screen is shown: show it as it is now."""

    def spelling_ready(self) -> None:
        """The app loaded the spelling dictionary (``afterword.spelling``)."""

    def save_unsaved_now(self) -> None:
        """The app is stopping (quit, SIGTERM, SIGHUP, a crash): keep what the form holds and
        has not saved in the recovery file, now."""

    def touched(self) -> None:
        """A key changed the text of one of the screen's long fields (``LongText``)."""

    @on(events.Mount)
    def _hear_the_app(self) -> None:
        app = self.afterword
        app.library_changed_signal.subscribe(self, self._library_changed)
        app.spelling_ready_signal.subscribe(self, lambda _: self.spelling_ready())
        app.stopping_signal.subscribe(self, lambda _: self.save_unsaved_now())

    def _library_changed(self, label: str) -> None:
        if self.app.screen is self:  # the screens under it refresh when shown again
            self.refresh_data()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        forward_failure(self.app, event)


class AfterwordModal(ModalScreen[R]):
    """A dialog of the app, with the app as an ``AfterwordApp``."""

    @property
    def afterword(self) -> AfterwordApp:
        return afterword_app(self.app)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        forward_failure(self.app, event)
