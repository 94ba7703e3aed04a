"""The command palette (`ctrl+p`): interviews by company, role or person, and the app's actions.

Textual reads a hit's text and help line as markup: the names in them go in as literal text
(``tui.text``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from afterword.domain.conflicts import differ_words
from afterword.domain.words import joined_parts, short_day
from afterword.tui.key_names import key_name
from afterword.tui.text import highlighted, markup_escaped

if TYPE_CHECKING:
    from afterword.tui.app import AfterwordApp


class InterviewProvider(Provider):
    """Find an interview by company, role, stage or the name of someone you met."""

    async def search(self, query: str) -> Hits:
        app = self.app
        if not hasattr(app, "library") or not app.library.loaded:
            return
        matcher = self.matcher(query)
        for interview in app.library.newest_first():
            people = ", ".join(interview.interviewers)
            text = f"{interview.company} {interview.role} {people}"
            score = matcher.match(text)
            if score > 0:
                lead = joined_parts(interview.company, interview.role)
                label = f"{lead} ({short_day(interview.when)} {interview.when.year})"
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self._open, interview.id),
                    text=label,
                    help=markup_escaped(
                        f"{interview.status}; {people or 'no interviewers recorded'}"
                    ),
                )
            emails = f"Emails: {joined_parts(interview.company, interview.role)}"
            score = matcher.match(f"emails {text}") if query.strip() else 0
            if score > 0:
                yield Hit(
                    score * 0.9,  # the interview itself first
                    highlighted(matcher, emails),
                    partial(self._drafts, interview.id),
                    text=emails,
                    help="the thank-yous and other emails of this interview",
                )

    def _open(self, interview_id: str) -> None:
        app: AfterwordApp = self.app  # type: ignore[assignment]
        app.open_interview(interview_id)

    def _drafts(self, interview_id: str) -> None:
        app: AfterwordApp = self.app  # type: ignore[assignment]
        app.run_worker(app.open_drafts(interview_id))


# A screen's keys offered only while the screen shows them: `m` on an interview whose fields
# no other machine changed would only say so. (The others are offered as before, shown or not.)
WHEN_SHOWN = frozenset({"detail.conflicts"})


class ActionProvider(Provider):
    """The app's own actions by name."""

    ACTIONS = (
        ("Today", "The morning review: overdue, today, coming up", "show_today"),
        ("Interviews", "Every interview, filtered and sorted", "show_interviews"),
        ("Calendar", "The month: interviews and follow-ups by day", "show_calendar"),
        ("New debrief", "Write down the interview while it is fresh", "new_debrief"),
        ("Undo", "Take back the last change", "undo"),
        (
            "Your profile",
            "Your name, email, phone and signature: the emails are signed with them",
            "profile",
        ),
        ("Help", "Every key of this screen", "help"),
    )

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The app's actions, the interviews changed on another machine, then the keys of the
        screen the palette was opened on (on the emails screen: send, copy, .eml, mail app,
        rewrite, template…). A name is text (names from the data too); a help line, markup."""
        found: list[tuple[str, str, Callable[[], object]]] = [
            (name, help_text, partial(self.app.run_action, action))
            for name, help_text, action in self.ACTIONS
        ]
        found += self._changed_elsewhere()
        screen = self.screen
        names = {name for name, _, _ in found}
        for binding in type(screen).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.description in names or binding.key == "escape":
                continue
            if binding.id in WHEN_SHOWN:
                _, action, parameters = parse(binding.action)
                if screen.check_action(action, parameters) is False:
                    continue
            names.add(binding.description)
            keys = binding.key_display or binding.key.split(",")[0]
            if binding.id:  # where [keymap] moved it
                keys = key_name(self.app, binding.id, keys)
            found.append(
                (
                    binding.description,
                    binding.tooltip or f"{keys} on this screen",
                    partial(screen.run_action, binding.action),
                )
            )
        return found

    def _changed_elsewhere(self) -> list[tuple[str, str, Callable[[], object]]]:
        """An interview whose fields were changed on another machine: its conflicts dialog."""
        app: AfterwordApp = self.app  # type: ignore[assignment]
        if not hasattr(app, "library") or not app.library.loaded:
            return []
        return [
            (
                f"Changed on another machine: {joined_parts(interview.company, interview.role)}",
                f"{differ_words(interview.conflicts)}: keep yours or take theirs",
                partial(app.open_conflicts, interview.id),
            )
            for interview in app.library.newest_first()
            if interview.conflicts
        ]

    async def discover(self) -> Hits:
        for name, help_text, run in self._actions():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._actions():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(matcher, name), run, text=name, help=help_text)
