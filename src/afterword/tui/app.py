"""The full-screen app: the shell around the screens, the data, themes, keys and the palette."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.message import Message
from textual.screen import ModalScreen
from textual.signal import Signal
from textual.worker import Worker

from afterword import paths
from afterword.config import Config, Profile
from afterword.domain.words import in_words
from afterword.errors import AfterwordError
from afterword.store.copies import notices as conflict_copy_notices
from afterword.store.lock import AppLock
from afterword.tui import dictionary, process, textual_private
from afterword.tui.base import AfterwordScreen, AppSignal, forward_failure
from afterword.tui.control_chars import DropControls
from afterword.tui.copying import copy_with_helpers
from afterword.tui.library import Library, News
from afterword.tui.recovery_offers import offer_recovery
from afterword.tui.screens.today import TodayScreen
from afterword.tui.theme_choice import ThemeChoice
from afterword.tui.your_profile import YourProfile

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from afterword.compose.clipboard import Copied
    from afterword.compose.spelling import Spelling
    from afterword.tui.stopping import StopSignals


def _interview_provider() -> type[Provider]:
    from afterword.tui.providers import InterviewProvider  # the palette loads when first opened

    return InterviewProvider


def _action_provider() -> type[Provider]:
    from afterword.tui.providers import ActionProvider

    return ActionProvider


def _today_screen() -> Screen[None]:
    """The first screen, styled once with the theme's variables. Textual would otherwise style
    it with the variables it started with, then parse all the CSS again for the screen of a
    mode it has not shown yet (about a tenth of the first frame)."""
    app = textual_private.running_app()
    app.stylesheet.set_variables(app.get_css_variables())
    screen = TodayScreen()
    textual_private.styled_as_app_now(screen, app)
    return screen


def _interviews_screen() -> Screen[None]:
    from afterword.tui.screens.interviews import InterviewsScreen  # built when first shown

    return InterviewsScreen()


def _calendar_screen() -> Screen[None]:
    from afterword.tui.screens.calendar import CalendarScreen  # built when first shown

    return CalendarScreen()


def takes_text(widget: object) -> bool:
    """Is ``widget`` a text field? Asked without importing TextArea (a heavy module that the
    first frame does not need): when it is not imported, no TextArea exists."""
    kinds = textual_private.loaded_text_fields()
    return bool(kinds) and isinstance(widget, kinds)


FORM_BLOCKS = frozenset(
    {"show_today", "show_interviews", "show_calendar", "new_debrief", "undo", "quit_key"}
)


YOUNG_OBJECTS = 10_000  # new objects between the garbage collector's young passes (see load_data)
DROP_CONTROLS = DropControls()  # one instance: strips cache their filtered copies per filter


class SaveFailedMessage(Message):
    """A save on the writer thread failed; posted (thread-safe, never blocking) to the app."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class NewsMessage(Message):
    """What the writer thread saved or saw another writer save; posted like a failure."""

    def __init__(self, news: News) -> None:
        super().__init__()
        self.news = news


class AfterwordApp(YourProfile, textual_private.FatalErrorHook):
    """Afterword: debrief, thank-you emails and follow-ups after a job interview."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "Afterword"
    COMMANDS = App.COMMANDS | {_interview_provider, _action_provider}
    DEFAULT_MODE = "today"  # the first screen is built at once, not switched to from a blank one
    MODES: ClassVar[dict[str, str | Callable[[], object]]] = {  # type: ignore[assignment]
        "today": _today_screen,
        "interviews": _interviews_screen,
        "calendar": _calendar_screen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        # the bar drops keys from the end when narrow: the most used first
        Binding(
            "n",
            "new_debrief",
            "New",
            priority=True,  # read before the next key: see _open_form
            tooltip="A new interview: write the debrief while it is fresh",
            id="new",
        ),
        Binding("t", "show_today", "Today", id="today"),
        Binding("i", "show_interviews", "Interviews", id="interviews"),
        Binding("c", "show_calendar", "Calendar", id="calendar"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding(
            "P",
            "profile",
            "Your profile",
            show=False,
            tooltip="Your name, email, phone and signature: the emails are signed with them",
            id="profile",
        ),
        Binding("q", "quit_key", "Quit", id="quit"),
    ]

    def __init__(
        self,
        db_path: Path,
        config: Config,
        *,
        lock: AppLock,
        now: Callable[[], datetime],
        problems: list[str] | None = None,
        ask_profile: bool = True,
        demo: bool = False,
    ) -> None:
        super().__init__()
        if demo:  # a temporary copy (`--demo`): said in the title bar on every screen
            self.title = f"{self.TITLE} (demo)"
        self.came_from = self.DEFAULT_MODE  # the top screen shown before this one
        self.db_path = db_path
        self.config = config
        self.now = now
        self.lock = lock
        self.problems = list(problems or [])
        self.library = Library(config, now, self._changed, self._save_failed, self._news)
        self.ask_profile = ask_profile
        self.profile_changed_signal: Signal[Profile] = Signal(self, "profile-changed")
        # What the screens hear (tui/base.py): the library changed (with what changed, as undo
        # names it), the dictionary is loaded, the app is stopping (keep the unsaved text)
        self.library_changed_signal: AppSignal[str] = AppSignal(self, "library-changed")
        self.spelling_ready_signal: AppSignal[None] = AppSignal(self, "spelling-ready")
        self.stopping_signal: AppSignal[None] = AppSignal(self, "stopping")
        self.save_failures: list[str] = []
        self.spelling: Spelling | None = None  # the dictionary, loaded in a worker when needed
        self._spelling_asked = False
        self.crashed = False  # died of an error nobody expected (see fatal_error)
        self.crash_report: Path | None = None
        self.crash_problem = ""  # why the crash report could not be written
        self._stop_signals: StopSignals | None = None
        self.theme_choice = ThemeChoice(self, config)
        self.problems += self.theme_choice.choose()
        self.problems += conflict_copy_notices(db_path)  # a sync tool's copy beside it

    # -- what the app shows and copies

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A notification, always as plain text (``markup`` is ignored): messages carry names,
        paths, config values and server replies, and square brackets in them are text
        (screens' ``notify`` pass ``markup=True`` by default)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """`ctrl+c` outside a field: Textual's hint how to quit, its key in bold (markup of
        our own around the key's name, escaped: a keymap can name any key)."""
        from afterword.tui.text import markup_escaped

        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                hint = f"Press [b]{markup_escaped(key)}[/b] to quit the app"
                super().notify(hint, title="Do you want to quit?", markup=True)
                return

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        """The palette's Screenshot: Textual's own note reads the file's path as markup."""
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(f"Saved screenshot to {event.path}" if event.path else "Saved screenshot")

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy (`ctrl+b`, a selection) as the email would carry it, without invisible
        control characters (see ``compose.message.pasteable``): to the terminal (OSC 52) and,
        off the UI thread, to tmux's buffer and the desktop's clipboard where there are such
        (``compose.clipboard``). A helper that fails is said in a notice."""
        self.copy_text(text)

    def copy_text(self, text: str, said: Callable[[Copied], None] | None = None) -> None:
        """``copy_to_clipboard``, then ``said(where the text went)`` on the UI thread (instead
        of the notice of a failed helper)."""
        from afterword.compose.message import pasteable

        text = pasteable(text)
        super().copy_to_clipboard(text)
        copy_with_helpers(self, text, said)

    # -- start and stop

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then `DropControls`: no text from the data acts on the terminal."""
        return [*super().get_line_filters(), DROP_CONTROLS]

    def on_mount(self) -> None:
        self.theme_choice.listen()
        self.call_after_refresh(self._clear_scratch)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self.sub_title = in_words(self.now()).rsplit(",", 1)[0]
        process.guard_sigcont()
        self._stop_signals = process.catch_stop_signals(self)
        for problem in self.problems:
            self.notify(problem, severity="warning", timeout=12)
        self.call_after_refresh(self.load_data)  # the first frame first, then the data

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_data(self) -> None:
        # TinyDB and the storage are imported here, after the first frame
        from afterword.store.repository import Repository

        try:
            repo = Repository.open(self.db_path, now=self.now)
            self.library.attach(repo)
            self.library.load()
        except AfterwordError as error:
            self.call_from_thread(self.exit, None, 2, str(error))
            return
        finally:
            # Tens of thousands of objects that live as long as the app: out of the garbage
            # collector's reach, so its full passes (half a second at 10,000) stop landing
            # on keystrokes; and the collector back on (`run_app` stops it until here).
            gc.freeze()
            # A young-generation pass every 700 new objects (Python's default) fell on nearly
            # every key (drawing a line makes hundreds); every 10,000, on about one key in six.
            gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
            gc.enable()
        self.call_from_thread(self._changed, "")
        self.call_from_thread(offer_recovery, self)
        for warning in repo.storage.warnings:
            self.call_from_thread(self.notify, warning, severity="warning", timeout=12)

    def on_unmount(self) -> None:
        if self._stop_signals is not None:
            self._stop_signals.uninstall()
        self.library.close()
        self.lock.release()  # the saves are done: another app may open the database

    def fatal_error(self) -> None:
        """An error nobody expected: see ``process.end_on_crash``."""
        process.end_on_crash(self)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """A background task failed and the app goes on: see ``process.say_failed_worker``."""
        process.say_failed_worker(self, worker)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        forward_failure(self, event)  # the app's own workers (screens forward theirs)

    # -- emails

    @property
    def templates_dir(self) -> Path:
        return paths.templates_dir()

    def load_spelling(self) -> None:
        """Load the dictionary once, in a worker (see ``tui/dictionary.py``)."""
        if not self._spelling_asked:
            self._spelling_asked = True
            summaries = self.library.summaries.values()
            words = dictionary.known_words(summaries, self.config.profile.name)
            dictionary.load_dictionary(self, words)

    async def open_drafts(
        self, interview_id: str, template: str = "", person: str = "", *, undo_with: str = ""
    ) -> None:
        """The emails screen of an interview (`e`; `enter` on a follow-up that is an email).
        ``undo_with``: the change the drafts it writes at once belong to, for undo."""
        from afterword.tui.screens.emails import EmailsScreen

        if interview_id not in self.library.interviews:
            return
        screen = EmailsScreen(interview_id, template=template, person=person, undo_with=undo_with)
        await self.push_screen(screen)

    # -- unsaved text

    def keep_unsaved_text(self) -> None:
        """Write what open forms hold to the recovery file, now (before the app stops)."""
        self.stopping_signal.publish(None)

    async def action_quit(self) -> None:
        self.keep_unsaved_text()
        self.exit()

    async def action_quit_key(self) -> None:
        """`q` (a form takes it as a letter; ctrl+q quits from anywhere)."""
        await self.action_quit()

    def _changed(self, label: str) -> None:
        self.library_changed_signal.publish(label)  # the screen shown refreshes at once

    def _save_failed(self, message: str) -> None:
        # Called on the writer thread; post_message never waits for the UI (which may be
        # waiting for this thread while quitting). Failures are also kept for the exit.
        self.save_failures.append(message)
        self.post_message(SaveFailedMessage(message))

    def _news(self, news: News) -> None:
        self.post_message(NewsMessage(news))  # from the writer thread, like a failure

    @on(SaveFailedMessage)
    def show_save_failure(self, message: SaveFailedMessage) -> None:
        self.notify(message.text, severity="error", timeout=15)

    @on(NewsMessage)
    def hear_news(self, message: NewsMessage) -> None:
        said = self.library.hear(message.news)
        if said is not None:
            self.notify(said, markup=False, timeout=8)
        for warning in message.news.warnings:
            self.notify(warning, severity="warning", timeout=15, markup=False)
        for note in message.news.notes:
            self.notify(note, markup=False)

    def open_interview(self, interview_id: str) -> None:
        from afterword.tui.screens.detail import DetailScreen  # not needed for the first frame

        self.push_screen(DetailScreen(interview_id))

    def open_conflicts(self, interview_id: str) -> None:
        """The fields of an interview changed on another machine, to keep or take one by one."""
        from afterword.tui.screens.conflicts import ConflictsScreen

        interview = self.library.interviews.get(interview_id)
        if interview is None:
            return
        if not interview.conflicts:
            self.notify(f"No field of {interview.company} differs from another machine's.")
            return
        self.push_screen(ConflictsScreen(interview_id))

    def theme_colour(self, name: str) -> str:
        """A colour of the current theme (for table cells, which take Rich styles)."""
        return self.theme_choice.colour(name)

    def _clear_scratch(self) -> None:
        """Remove the files for $EDITOR and the mail client that a killed run left behind."""
        from afterword import scratch

        scratch.clear_left_behind()

    # -- actions

    def _show_mode(self, mode: str) -> None:
        """A top screen itself, from anywhere (not a detail left open over it)."""
        if self.current_mode != mode:
            self.came_from = self.current_mode
            self.switch_mode(mode)
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def show_previous_mode(self) -> None:
        """Back to the top screen shown before this one (`escape` on the Calendar); Today
        when there was none."""
        back = self.came_from if self.came_from != self.current_mode else self.DEFAULT_MODE
        self._show_mode(back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the top screen being shown (the footer has little room); a form
        keeps the app's single-letter keys for typing (ctrl+q still quits, keeping the text)."""
        if isinstance(self.screen, AfterwordScreen) and self.screen.FORM and action in FORM_BLOCKS:
            return False
        if action == "new_debrief" and (
            takes_text(self.focused) or isinstance(self.screen, ModalScreen)
        ):
            return False  # a priority key: a letter in a field, a dialog's own `n` (no)
        return not self.is_shown_screen_key(action)

    def is_shown_screen_key(self, action: str) -> bool:
        """Is ``action`` the key of the top screen being shown (`t` on Today)? Turned off
        there, but still one of the fixed keys that `?` lists."""
        shown = {
            "show_today": "today",
            "show_interviews": "interviews",
            "show_calendar": "calendar",
        }.get(action)
        return shown == self.current_mode and len(self.screen_stack) == 1

    def action_show_today(self) -> None:
        self._show_mode("today")

    def action_show_interviews(self) -> None:
        self._show_mode("interviews")

    def action_show_calendar(self) -> None:
        self._show_mode("calendar")

    async def action_new_debrief(self) -> None:
        if not self.library.loaded:
            self.notify("Still reading your interviews; try again in a moment.")
            return
        from afterword.tui.screens.debrief import DebriefScreen

        await self._open_form(DebriefScreen())

    async def open_debrief(self, interview_id: str) -> None:
        """`d`: the debrief form of a saved interview."""
        from afterword.tui.screens.debrief import DebriefScreen

        await self._open_form(DebriefScreen(interview_id))

    async def _open_form(self, screen: Screen[None]) -> None:
        """Show a form with its first field focused before the next key is read, so that what
        is typed at once after `n` lands in Company, not in the screen underneath (`n` is a
        priority binding: handled in the app's own queue, which waits here)."""
        await self.push_screen(screen)
        first = screen.query(screen.AUTO_FOCUS or "Input").first()
        screen.set_focus(first)

    def action_help(self) -> None:
        from afterword.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    @work(exclusive=True, group="undo")
    async def action_undo(self) -> None:
        if self.library.sending:  # the last change may be the one that marked it `sending`
            self.notify("An email is being sent; undo is back once it is done.")
            return
        overwrites = self.library.undo_overwrites()
        if overwrites:
            from afterword.tui.screens.dialogs import ConfirmDialog

            names = list(dict.fromkeys(overwrites))
            was = "was" if len(names) == 1 else "were"
            question = (
                f"{' and '.join(names)} {was} changed elsewhere (from the shell or another "
                "machine) after "
                "your change. Undo anyway? That later change is taken back too."
            )
            if not await self.push_screen_wait(ConfirmDialog(question)):
                return
        undone = self.library.undo()
        # "Undone: marked done: Check in with Ingrid Lund." names what came back
        said = f"Undone: {undone[:1].lower()}{undone[1:]}." if undone else "Nothing to undo."
        self.notify(said, markup=False)
