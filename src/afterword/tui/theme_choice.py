"""The app's theme: ours and the user's registered, the one config.toml names set before
anything is drawn (ours when it cannot be used, said in a notice), and the one the user then
picks (the palette's Change theme) saved under ``[ui]`` in config.toml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

from afterword import paths
from afterword.config import save_setting
from afterword.tui.themes import DEFAULT_THEME, load_themes, theme_name_problem

if TYPE_CHECKING:
    from afterword.config import Config


class ThemeChoice:
    """The theme of ``app`` as ``config`` names it, and the user's choice saved."""

    def __init__(self, app: App[Any], config: Config) -> None:
        self.app = app
        self.config = config
        self.saved = config.ui.theme  # what config.toml says now
        self.settled = False  # the theme set at start is not the user's choice

    def choose(self) -> list[str]:
        """Register ours and the user's themes and pick one, before anything is drawn; what
        went wrong, as notices."""
        themes, problems = load_themes(paths.themes_dir())
        for theme in themes:
            self.app.register_theme(theme)
        wanted = self.config.ui.theme
        if wanted not in self.app.available_themes:
            problems.append(
                f"There is no theme {wanted!r} (ui.theme in {self.config.path}); "
                f"using {DEFAULT_THEME}."
            )
            wanted = DEFAULT_THEME
        # Set without watchers: Textual applies the theme once when the app starts, instead of
        # applying its default theme and then restyling everything for this one.
        self.app.set_reactive(App.theme, wanted)
        return problems

    def listen(self) -> None:
        """Save the themes picked from now on (call when the app is mounted)."""
        self.app.theme_changed_signal.subscribe(self.app, self.remember)
        self.app.call_after_refresh(setattr, self, "settled", True)

    def remember(self, theme: object) -> None:
        name = getattr(theme, "name", "")
        if not self.settled or not name or name == self.saved:
            return
        if self.config.path is not None:
            problem = theme_name_problem(name) or save_setting(
                self.config.path, "ui", "theme", name
            )
            if problem:
                self.app.notify(problem, severity="warning", markup=False)
            else:
                self.saved = name

    def colour(self, name: str) -> str:
        """A colour of the current theme (for table cells, which take Rich styles)."""
        value = getattr(self.app.current_theme, name, None)
        return str(value) if value else ""
