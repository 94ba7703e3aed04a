"""The command palette (`ctrl+p`): interviews by company, role or person, and the app's actions."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

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
            people = ", ".join(p.name for p in interview.interviewers)
            text = f"{interview.company} {interview.role} {people}"
            score = matcher.match(text)
            if score > 0:
                label = f"{interview.company} · {interview.role} ({interview.when:%d %b %Y})"
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._open, interview.id),
                    help=f"{interview.status}; {people or 'no interviewers recorded'}",
                )

    def _open(self, interview_id: str) -> None:
        app: AfterwordApp = self.app  # type: ignore[assignment]
        app.open_interview(interview_id)


class ActionProvider(Provider):
    """The app's own actions by name."""

    ACTIONS = (
        ("Today", "The morning review: overdue, today, coming up", "show_today"),
        ("Interviews", "Every interview, filtered and sorted", "show_interviews"),
        ("New debrief", "Write down the interview while it is fresh", "new_debrief"),
        ("Undo", "Take back the last change", "undo"),
        ("Help", "Every key of this screen", "help"),
    )

    async def discover(self) -> Hits:
        for name, help_text, action in self.ACTIONS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self.ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
