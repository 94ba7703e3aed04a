"""Who is writing: the profile asked for the first time it matters, changed with `P` or the
palette, saved in config.toml and used at once; and the drafts that follow a changed debrief or
profile (those not edited written again, edited ones marked), as one change `u` takes back.

Mixed into ``AfterwordApp``; rendering runs in a worker (a user template runs in a child
process)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from afterword.config import Config, Profile, save_settings
from afterword.domain.model import Interview
from afterword.domain.words import plural
from afterword.tui.key_names import key_name

if TYPE_CHECKING:
    from textual.app import App
    from textual.signal import Signal

    from afterword.compose.drafts import Refreshed
    from afterword.tui.library import Library

    _Base = App[None]
else:
    _Base = object


def profile_missing(profile: Profile) -> bool:
    """Is the name or the address the emails need not set?"""
    return not (profile.name.strip() and profile.email.strip())


class YourProfile(_Base):
    """The profile and the drafts that follow it (mixed into ``AfterwordApp``)."""

    config: Config
    library: Library
    now: Callable[[], datetime]
    ask_profile: bool  # False: never ask by itself (tests of other things; `P` still works)
    profile_changed_signal: Signal[Profile]

    # -- asking

    def ask_profile_if_missing(self) -> None:
        """The first time the profile matters (a debrief saved, the emails opened): ask for it
        while the name or address is missing. `escape` leaves it for the next such time."""
        if self.ask_profile and profile_missing(self.config.profile):
            self._open_profile(asked=True)

    def action_profile(self) -> None:
        """`P`, or "Your profile" in the palette: see and change it, at any time."""
        self._open_profile(asked=False)

    def _open_profile(self, *, asked: bool) -> None:
        from afterword.tui.screens.profile import ProfileDialog

        if any(isinstance(screen, ProfileDialog) for screen in self.screen_stack):
            return
        where = str(self.config.path) if self.config.path is not None else ""
        dialog = ProfileDialog(self.config.profile, asked=asked, where=where)
        self.push_screen(dialog, self._profile_given)

    def _profile_given(self, profile: Profile | None) -> None:
        if profile is None:
            if profile_missing(self.config.profile):
                key = key_name(self, "profile", "P")
                self.notify(
                    f"Your emails stay unsigned for now; {key} or ctrl+p (Your profile) adds "
                    "your name and address."
                )
            return
        self.set_profile(profile)

    def set_profile(self, profile: Profile) -> None:
        """Save the profile in config.toml and use it at once: the app's settings, every open
        screen (``profile_changed_signal``), and the drafts not sent (written again)."""
        old = self.config.profile
        path = self.config.path
        problem = save_settings(path, "profile", asdict(profile)) if path is not None else None
        self.config = replace(self.config, profile=profile)
        self.library.config = self.config
        self.profile_changed_signal.publish(profile)
        if problem:
            self.notify(f"{problem} It is used until Afterword closes.", severity="warning")
        elif path is not None:
            self.notify(f"Saved your profile in {path}.")
        if profile != old:
            ids = [s.id for s in self.library.summaries.values() if s.has_drafts]
            self.redraft(ids, "Wrote the drafts again for your profile", why="your profile")

    # -- drafts that follow a change

    def redraft(self, interview_ids: list[str], label: str, *, why: str, join: str = "") -> None:
        """After the debrief or the profile changed: write again the unsent drafts of these
        interviews that the user did not edit, and mark those they edited, as one change
        (``join``: the change it is part of, for one `u`)."""
        copies = [
            copy.deepcopy(self.library.interviews[i])
            for i in interview_ids
            if i in self.library.summaries and self.library.summaries[i].has_drafts
        ]
        if copies:
            self._redraft(copies, self.config, label, why, join)

    @work(thread=True, group="redraft", exit_on_error=False)
    def _redraft(
        self, copies: list[Interview], config: Config, label: str, why: str, join: str
    ) -> None:
        from afterword import paths
        from afterword.compose.drafts import refresh_drafts

        now, user_dir = self.now(), paths.templates_dir()
        results = [refresh_drafts(working, config, now, user_dir) for working in copies]
        self.call_from_thread(self._redrafted, results, label, why, join)

    def _redrafted(self, results: list[Refreshed], label: str, why: str, join: str) -> None:
        for result in results:
            for problem in result.problems:
                self.notify(problem, severity="error", timeout=15)
        edits: dict[str, Callable[[Interview], bool]] = {
            r.interview_id: r.apply_to for r in results if r.changed
        }
        if not self.library.update_many(label, edits):
            return
        if join:
            self.library.join_last(join)
        rewritten = sum(len(r.rewritten) for r in results)
        marked = sum(len(r.marked) for r in results)
        parts = []
        if rewritten:
            parts.append(f"Wrote {plural(rewritten, 'draft')} again for {why}")
        if marked:
            edited = plural(marked, "draft you edited is", "drafts you edited are")
            again = key_name(self, "emails.regenerate", "ctrl+r")
            parts.append(f"{edited} marked: {again} on one writes it again")
        self.notify("; ".join(parts) + f". {key_name(self, 'undo', 'u')} undoes it.")
