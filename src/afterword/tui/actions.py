"""What a person does to a follow-up, the same from Today and from an interview's detail."""

from __future__ import annotations

from datetime import datetime, time
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.message import Message

from afterword.domain.model import STATUSES, FollowUp, Interview
from afterword.domain.schedule import (
    add_custom,
    change_lead_status,
    done_early,
    early_question,
    mark_done,
    record_reply,
    snooze,
)
from afterword.tui.base import AfterwordScreen
from afterword.tui.key_names import key_name


def named(item: FollowUp) -> str:
    """A follow-up as Today lists it, for undo to say what it takes back: its title, and
    its person when the title does not name them ("Check in about the decision · Sam")."""
    if item.person and item.person not in item.title:
        return f"{item.title} · {item.person}"
    return item.title


def follow_up_bindings(screen: str, open_tip: str, *, show_add: bool) -> list[BindingType]:
    """The keys of a list of follow-ups (Today, the Calendar's day), their ids under
    ``screen`` (so a keymap can move them on one screen and not the other)."""
    return [
        Binding(
            "enter",
            "open",
            "Do it",
            id=f"{screen}.open",
            priority=True,  # over the table's own (hidden) enter, so the bar shows it
            tooltip=open_tip,
        ),
        Binding("x", "done", "Done", id=f"{screen}.done"),
        Binding("z", "snooze", "Snooze", id=f"{screen}.snooze"),
        Binding(
            "r",
            "reply",
            "Replied",
            id=f"{screen}.reply",
            tooltip="They answered: cancel the check-ins",
        ),
        Binding("s", "status", "Status", id=f"{screen}.status"),
        Binding(
            "o",
            "close_out",
            "Close out",
            id=f"{screen}.close_out",
            tooltip="Mark the lead cold and write the close-out note",
        ),
        Binding("e", "drafts", "Emails", id=f"{screen}.emails"),
        Binding("a", "add_follow_up", "Add", id=f"{screen}.add", show=show_add),
        Binding(
            "d",
            "edit_debrief",
            "Debrief",
            id=f"{screen}.debrief",
            show=False,  # the bar has little room; `?` lists it
            tooltip="The debrief of this item's interview, to read or mend",
        ),
    ]


class FollowUpScreen(AfterwordScreen[None]):
    """What a person does to a follow-up (done, snooze, reply, status, close-out, open it),
    the same on Today, the Calendar and a detail; subclasses say which one is selected."""

    KEYS: ClassVar[str]  # the first part of the screen's binding ids ("today" in today.done)
    close_out_for: str | None = None  # the interview whose last check-in was just marked done

    class CloseOutOffered(Message):
        """The last check-in of ``interview_id`` was just done elsewhere (an email sent from
        its drafts): `o` back on this list closes that lead out. Posted to each screen of the
        stack by the one where it happened; a list takes it for itself."""

        bubble = False

        def __init__(self, interview_id: str) -> None:
            super().__init__()
            self.interview_id = interview_id

    @on(CloseOutOffered)
    def _close_out_offered(self, message: CloseOutOffered) -> None:
        self.close_out_for = message.interview_id

    def moving_on(self) -> None:
        """The change about to be made sends the item under the cursor elsewhere (a snooze).
        A list that keeps its cursor on the same item (Today) keeps it in place instead, on
        the item that takes its place."""

    def selected_follow_up(self) -> tuple[str, str] | None:
        """(interview id, follow-up id) under the cursor, or None."""
        raise NotImplementedError

    class OpenSelected(Message):
        """`enter`, sent along the way the keys typed before it went (see ``action_open``)."""

    def action_open(self) -> None:
        """`enter`: do the item under the cursor (see ``open_selected``).

        `enter` is a priority binding (so that the bar shows it over the table's own): the app
        runs it at once, ahead of the keys typed just before it (`j j enter` in one go), which
        still go from the focused list up to the app, where their bindings move the cursor. So
        this only sends a message the same way; the item is read after those keys have moved it.
        """
        (self.focused or self).post_message(self.OpenSelected())

    @on(OpenSelected)
    def _open_after_keys(self, message: OpenSelected) -> None:
        message.stop()
        self.app.call_later(self.open_selected)  # the app's queue: after the keys' bindings

    async def open_selected(self) -> None:
        """Do the follow-up under the cursor: its draft, the call sheet, the person."""
        chosen = self.selected_follow_up()
        if chosen is not None:
            await self.open_item(*chosen)

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
                outcome = app.library.update_lead(
                    interview_id,
                    f"Marked {current.company} {status}",
                    lambda rounds: change_lead_status(rounds, status),
                )
                self.notify(" ".join(outcome.messages), markup=False)

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
        interview = app.library.interviews.get(interview_id)
        item = (
            next((f for f in interview.follow_ups if f.id == item_id), None) if interview else None
        )
        if item is None:
            return
        if done_early(item, app.now()):
            from afterword.tui.screens.dialogs import ConfirmDialog

            company = interview.company if interview else ""

            def answered(yes: bool | None) -> None:
                if yes:
                    self._mark_done(interview_id, item)

            app.push_screen(ConfirmDialog(early_question(item, app.now(), company)), answered)
            return
        self._mark_done(interview_id, item)

    def _mark_done(self, interview_id: str, item: FollowUp) -> None:
        app = self.afterword
        outcome = app.library.update(
            interview_id,
            f"Marked done: {named(item)}",
            lambda i: mark_done(i, item.id, app.now(), app.config.schedule),
        )
        if outcome.suggest_close_out:
            self.close_out_for = interview_id
            self.refresh_bindings()
            key = key_name(self.app, f"{self.KEYS}.close_out", "o")
            outcome.messages.append(f"Press {key} to close it out.")
        self.notify(" ".join(outcome.messages), timeout=8)

    def action_snooze(self) -> None:
        chosen = self.selected_follow_up()
        if chosen is None:
            self.notify("Nothing selected to snooze.", severity="warning")
            return
        from afterword.tui.screens.dialogs import PhraseDialog

        interview_id, item_id = chosen
        app = self.afterword
        item = next((f for f in app.library.get(interview_id).follow_ups if f.id == item_id), None)
        what = f"Snooze '{item.title}'" if item is not None and item.title.strip() else "Snooze"
        title = named(item) if item else "a follow-up"

        def snoozed(when: datetime | None) -> None:
            if when is not None:
                self.moving_on()
                outcome = app.library.update(
                    interview_id, f"Snoozed: {title}", lambda i: snooze(i, item_id, when)
                )
                self.notify(" ".join(outcome.messages))

        app.push_screen(
            PhraseDialog(
                f"{what} until when?",
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
        self._add_follow_up(interview_id)

    @work(exclusive=True, group="add-follow-up")
    async def _add_follow_up(self, interview_id: str) -> None:
        """`a`: what there is to do, then when it is due; either dialog cancelled adds nothing."""
        from afterword.tui.screens.dialogs import PhraseDialog, TextDialog

        app = self.afterword
        title = await app.push_screen_wait(
            TextDialog("What is there to do?", "Send the portfolio link")
        )
        if title is None:
            return
        when = await app.push_screen_wait(PhraseDialog("Due when?", app.now()))
        if when is not None:
            app.library.update(
                interview_id, f"Added: {title}", lambda i: add_custom(i, title, when)
            )
            self.notify(f"Added: {title}")

    def action_reply(self) -> None:
        """`r`: they answered; the open check-ins go (rule 6)."""
        interview_id = self.selected_interview()
        if interview_id is None:
            self.notify("Choose an interview first.", severity="warning")
            return
        app = self.afterword
        company = app.library.get(interview_id).company
        outcome = app.library.update(
            interview_id, f"Recorded a reply from {company}", lambda i: record_reply(i, app.now())
        )
        self.notify(" ".join(outcome.messages))

    async def action_close_out(self) -> None:
        """`o`: mark the lead cold and write the close-out note, after the last check-in
        (the one just marked done) or for the interview under the cursor."""
        interview_id = self.close_out_for or self.selected_interview()
        app = self.afterword
        if interview_id is None or interview_id not in app.library.interviews:
            self.notify("Choose an interview to close out first.", severity="warning")
            return
        self.close_out_for = None
        interview = app.library.get(interview_id)
        label = ""
        if interview.status == "active":
            label = f"Closed out {interview.company}"
            outcome = app.library.update_lead(
                interview_id, label, lambda rounds: change_lead_status(rounds, "cold")
            )
            self.notify(" ".join(outcome.messages), markup=False)
        await app.open_drafts(interview_id, "close-out", "", undo_with=label)  # one `u` for both

    async def open_item(self, interview_id: str, item_id: str) -> None:
        """`enter` on a follow-up: do it. An email opens its draft, a recruiter's debrief call
        its call sheet, a missing address the person; anything else the interview."""
        app = self.afterword
        interview = app.library.interviews.get(interview_id)
        if interview is None:
            return
        item = next((f for f in interview.follow_ups if f.id == item_id), None)
        kind = item.kind if item else ""
        if kind == "recruiter_debrief" and interview.recruiter is not None:
            from afterword.tui.screens.call_sheet import CallSheetScreen

            self.app.push_screen(CallSheetScreen(interview_id))
            return
        if kind == "find_email" and item is not None:
            self.find_address(interview, item)
            return
        from afterword.domain.drafting import email_for  # the drafting rules: not at start

        email = email_for(interview, kind, item.person if item else "")
        if email is not None:
            await app.open_drafts(interview_id, *email)
            return
        app.open_interview(interview_id)

    def find_address(self, interview: Interview, item: FollowUp) -> None:
        """The person whose address is missing: type it (a guess from colleagues is offered);
        keeping it completes the follow-up and lets the thank-you go straight to them."""
        from afterword.domain.schedule import record_address
        from afterword.tui.screens.address import AddressDialog

        app = self.afterword
        person = next((p for p in interview.interviewers if p.name == item.person), None)
        if person is None:
            app.open_interview(interview.id)
            return

        def typed(address: str | None) -> None:
            if not address:
                return
            outcome = app.library.update(
                interview.id,
                f"Address of {person.name}",
                lambda i: record_address(i, person.name, address, app.now(), app.config.schedule),
            )
            self.notify(outcome)

        app.push_screen(
            AddressDialog(interview, person, app.library.colleagues(interview.company)), typed
        )
