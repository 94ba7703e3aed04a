"""What a person does to a follow-up, the same from Today and from an interview's detail."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from afterword.domain.model import STATUSES
from afterword.domain.schedule import add_custom, change_status, mark_done, snooze
from afterword.tui.base import AfterwordScreen

if TYPE_CHECKING:
    pass


class FollowUpActions(AfterwordScreen[None]):
    """Mark done, snooze and add follow-ups; subclasses say which follow-up is selected."""

    def selected_follow_up(self) -> tuple[str, str] | None:
        """(interview id, follow-up id) under the cursor, or None."""
        raise NotImplementedError

    def refresh_data(self) -> None:
        """Show the library as it is now."""
        raise NotImplementedError

    def _refresh_when_loaded(self) -> None:
        if self.afterword.library.loaded:
            self.refresh_data()

    def on_mount(self) -> None:
        self._refresh_when_loaded()

    def on_resize(self) -> None:
        self._refresh_when_loaded()

    def on_screen_resume(self) -> None:
        """Back from a detail or another mode: show what changed meanwhile."""
        self._refresh_when_loaded()

    def action_status(self) -> None:
        interview_id = self.selected_interview()
        if interview_id is None:
            return
        from afterword.tui.screens.dialogs import ChoiceDialog

        app = self.afterword
        current = app.library.get(interview_id)

        def chosen(status: str | None) -> None:
            if status and status != current.status:
                outcome = app.library.update(
                    interview_id, f"Status {status}", lambda i: change_status(i, status)
                )
                self.notify(" ".join(outcome.messages))

        choices = [(s, s) for s in STATUSES]
        app.push_screen(
            ChoiceDialog(f"Status of {current.company}", choices, current.status), chosen
        )

    async def action_edit_debrief(self) -> None:
        interview_id = self.selected_interview()
        if interview_id is not None:
            await self.afterword.open_debrief(interview_id)

    async def action_drafts(self) -> None:
        """`e`: the interview's emails."""
        interview_id = self.selected_interview()
        if interview_id is not None:
            await self.afterword.open_drafts(interview_id)

    def selected_interview(self) -> str | None:
        chosen = self.selected_follow_up()
        return chosen[0] if chosen else None

    def action_done(self) -> None:
        chosen = self.selected_follow_up()
        if chosen is None:
            self.notify("Nothing selected to mark done.", severity="warning")
            return
        interview_id, item_id = chosen
        app = self.afterword
        outcome = app.library.update(
            interview_id,
            "Marked done",
            lambda i: mark_done(i, item_id, app.now(), app.config.schedule),
        )
        self.notify(" ".join(outcome.messages), timeout=6)

    def action_snooze(self) -> None:
        chosen = self.selected_follow_up()
        if chosen is None:
            self.notify("Nothing selected to snooze.", severity="warning")
            return
        from afterword.tui.screens.dialogs import PhraseDialog

        interview_id, item_id = chosen
        app = self.afterword

        def snoozed(when: datetime | None) -> None:
            if when is not None:
                outcome = app.library.update(
                    interview_id, "Snoozed", lambda i: snooze(i, item_id, when)
                )
                self.notify(" ".join(outcome.messages))

        app.push_screen(
            PhraseDialog(
                "Snooze until when?",
                app.now(),
                dayfirst=app.config.ui.dayfirst,
                default_time=time(app.config.schedule.check_in_hour),
            ),
            snoozed,
        )

    def action_add_follow_up(self) -> None:
        interview_id = self.selected_interview()
        if interview_id is None:
            self.notify("Choose an interview first.", severity="warning")
            return
        from afterword.tui.screens.dialogs import PhraseDialog, TextDialog

        app = self.afterword

        def with_title(title: str | None) -> None:
            if title is None:
                return

            def with_due(when: datetime | None) -> None:
                if when is not None:
                    app.library.update(
                        interview_id, "Added a follow-up", lambda i: add_custom(i, title, when)
                    )
                    self.notify(f"Added: {title}")

            app.push_screen(PhraseDialog("Due when?", app.now()), with_due)

        app.push_screen(TextDialog("What is there to do?", "Send the portfolio link"), with_title)
