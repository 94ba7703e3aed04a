"""Each private name of Textual that the app uses (tui/textual_private.py) is still there and
still does what the app relies on: a new Textual fails here, naming the attribute."""

from __future__ import annotations

import importlib
import inspect

import textual
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Input, TextArea

from afterword.tui import textual_private


def gone(name: str) -> str:
    return (
        f"Textual {textual.__version__} no longer has {name} (or it changed): "
        "see tui/textual_private.py"
    )


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea("text", id="area")


def test_the_active_app_context_variable() -> None:
    try:
        from textual._context import active_app
    except ImportError as error:
        raise AssertionError(gone("textual._context.active_app")) from error
    app = Bare()
    token = active_app.set(app)
    try:
        assert textual_private.running_app() is app, gone("textual._context.active_app")
    finally:
        active_app.reset(token)


async def test_the_css_update_count_of_app_and_screen() -> None:
    app = Bare()
    assert isinstance(getattr(app, "_css_update_count", None), int), gone("App._css_update_count")
    async with app.run_test():
        screen = Screen[None]()
        assert isinstance(getattr(screen, "_css_update_count", None), int), gone(
            "Screen._css_update_count"
        )
        textual_private.styled_as_app_now(screen, app)
        assert screen._css_update_count == app._css_update_count
    # Textual restyles a screen whose count differs from the app's: the count is what says so.
    source = inspect.getsource(App)
    assert "screen._css_update_count != self._css_update_count" in source, gone(
        "the check of Screen._css_update_count against App._css_update_count"
    )


def test_the_modules_of_the_text_fields() -> None:
    for module, name in textual_private.TEXT_FIELD_MODULES:
        try:
            found = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as error:
            raise AssertionError(gone(f"{module}.{name}")) from error
        assert found in (Input, TextArea), gone(f"{module}.{name}")
    assert set(textual_private.loaded_text_fields()) == {Input, TextArea}


async def test_the_theme_of_a_text_area_and_what_its_render_lines_does() -> None:
    async with Bare().run_test() as pilot:
        area = pilot.app.query_one("#area", TextArea)
        assert hasattr(area, "_theme"), gone("TextArea._theme")
        assert textual_private.text_area_theme(area) is area._theme
        assert textual_private.text_area_theme(area) is not None, gone("TextArea._theme")
        lines = textual_private.render_lines_after_text_area(area, Region(0, 0, 20, 3))
        assert "text" in "".join(line.text for line in lines)
    # LongText applies the theme's CSS itself and skips TextArea.render_lines: that must do
    # nothing else.
    said = " ".join(inspect.getsource(TextArea.render_lines).split())
    assert said == (
        "def render_lines(self, crop: Region) -> list[Strip]: theme = self._theme "
        "if theme: theme.apply_css(self) return super().render_lines(crop)"
    ), gone("TextArea.render_lines as: apply the theme's CSS, then Widget's render_lines")


async def test_the_bindings_map_of_a_node() -> None:
    class Keys(App[None]):
        BINDINGS = [Binding("x", "bell", "Ring", id="ring")]

    async with Keys().run_test() as pilot:
        assert hasattr(pilot.app, "_bindings"), gone("DOMNode._bindings")
        assert hasattr(pilot.app._bindings, "key_to_bindings"), gone("BindingsMap.key_to_bindings")
        keys = textual_private.own_bindings(pilot.app)
        assert [b.id for b in keys["x"]] == ["ring"], gone("BindingsMap.key_to_bindings")
        assert isinstance(getattr(pilot.app, "_keymap", None), dict), gone("App._keymap")
        pilot.app.set_keymap({"ring": "y"})
        keys = textual_private.own_bindings(pilot.app)
        assert "x" not in keys and [b.id for b in keys["y"]] == ["ring"], gone(
            "BindingsMap.apply_keymap"
        )


def test_what_the_fatal_error_hook_uses() -> None:
    assert callable(getattr(App, "_fatal_error", None)), gone("App._fatal_error")
    assert callable(getattr(App, "_close_messages_no_wait", None)), gone(
        "App._close_messages_no_wait"
    )
    app = App[None]()
    assert isinstance(getattr(app, "_exit_renderables", None), list), gone("App._exit_renderables")
    assert hasattr(app, "_exception"), gone("App._exception")
    # Textual calls _fatal_error when an error nobody handled ends the app.
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception), gone(
        "App._fatal_error as what App._handle_exception calls"
    )


async def test_an_error_nobody_expected_reaches_fatal_error() -> None:
    reported: list[BaseException | None] = []

    class Crashing(textual_private.FatalErrorHook):
        def on_mount(self) -> None:
            raise ValueError("on purpose")

        def fatal_error(self) -> None:
            reported.append(self.fatal_error_cause())
            self.show_at_exit("said at exit")
            self.close_messages_now()

    app = Crashing()
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
    except ValueError:
        pass
    assert len(reported) == 1, gone("App._fatal_error as called on an error nobody handled")
    assert isinstance(reported[0], ValueError), gone("App._exception")
