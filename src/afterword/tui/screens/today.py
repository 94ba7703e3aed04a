"""Today: what is overdue, what is due today, what is coming up (the app opens here)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Header, Static

from afterword.domain.agenda import (
    Agenda,
    AgendaItem,
    build_agenda,
    waiting_note,
    waiting_words,
)
from afterword.domain.conflicts import MARK
from afterword.domain.summary import Summary, active_leads, quiet_leads
from afterword.domain.words import local_wall_time, relative_words
from afterword.tui.actions import FollowUpScreen, follow_up_bindings
from afterword.tui.key_names import key_name
from afterword.tui.text import markup_escaped
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.record_table import RecordTable
from afterword.tui.widgets.sectioned_table import SectionedTable

WHEN = 16
LEAD = 24  # the company · role column takes at least this (its longest, if shorter)
WHAT = 30  # ... and leaves the what-to-do column at least this


def what_to_do(title: str, person: str, note: str = "") -> str:
    """The title, then whom it is for and, for a waiting item, what it waits for (``note``),
    each unless the title says it already."""
    text = title if not person or person in title else f"{title} · {person}"
    return f"{text} · {note}" if note else text


def due_words(due: datetime, now: datetime, waiting: bool) -> str:
    """A follow-up's due time in a list: 'due Mon 23 Nov' for one that waits for someone else
    (rule 8: never '2 days late'), else as `relative_words` says it."""
    return waiting_words(local_wall_time(due), now) if waiting else relative_words(due, now)


def lead_words(item: AgendaItem) -> str:
    return f"{item.company} · {item.role}" if item.role else item.company


class TodayScreen(FollowUpScreen):
    """The morning review: one list, in three parts."""

    KEYS = "today"

    AUTO_FOCUS = "RecordTable"

    BINDINGS = [
        *follow_up_bindings(
            "today",
            "Open the draft, call sheet or person",
            show_add=False,  # `a` is in help
        ),
        Binding(
            "p",
            "call_sheet",
            "Recruiter call",
            id="today.call",
            show=False,  # in help: it fits only the items of an interview with a recruiter
            tooltip="The call sheet of the recruiter of the item under the cursor",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="summary", classes="summary")
        yield SectionedTable(id="agenda")
        yield Static("", id="empty", classes="empty-state")
        yield KeyBar()

    def _columns(self, table: RecordTable, items: list[AgendaItem], rows: int) -> None:
        """When, lead and what to do, in the width there is: the lead takes what its longest
        needs, as long as what to do keeps its longest (or ``WHAT``), never less than
        ``LEAD``; what to do takes the rest. A cut shows '…'."""
        height = table.size.height  # 0 before the first layout: then room for a scroll bar
        bar = 0 if height and rows + 1 <= height else 2  # the rows and the column headers
        room = self.size.width - WHEN - 3 * 2 - bar  # the cells' padding
        longest = max((len(lead_words(i)) for i in items), default=LEAD)
        titles = max((len(self._what(i)) for i in items), default=WHAT)
        lead = max(min(longest, LEAD), min(longest, room - max(min(titles, room // 2), WHAT)))
        what = max(20, room - lead)
        table.clear(columns=True)
        table.add_column("When", width=WHEN)
        table.add_column("Company · role", width=lead)
        table.add_column("What to do", width=what)

    @staticmethod
    def _what(item: AgendaItem) -> str:
        return what_to_do(item.title, item.person, waiting_note(item.title, item.waiting_for))

    _move_on = False  # the next refresh keeps the cursor's row, not its item (see moving_on)

    def moving_on(self) -> None:
        self._move_on = True

    def refresh_data(self) -> None:
        app = self.afterword
        now = app.now()
        interviews = list(app.library.summaries.values())
        items = [item for s in interviews for item in s.items]
        agenda = build_agenda(items, now.date(), app.config.ui.days)
        table = self.query_one(SectionedTable)
        keep, row = table.current_key, table.cursor_row
        moved_on, self._move_on = self._move_on, False
        days = app.config.ui.days
        sections = (
            ("Overdue", agenda.overdue),
            ("Today", agenda.today),
            (f"Next {days} days" if days != 1 else "Next day", agenda.upcoming),
            ("Waiting", agenda.waiting),  # rule 8: blocked on someone else, never late
        )
        shown = [i for _, rows in sections for i in rows]
        # changed on another machine: marked in the lead's column (the detail says which fields)
        differ = {i.id for i in interviews if i.conflicts}
        warn = app.theme_colour("warning")
        self._columns(table, shown, len(shown) + sum(1 for _, rows in sections if rows))
        for name, rows in sections:
            if not rows:
                continue
            heading = Text(f"{name} ({len(rows)})", style=f"bold {app.theme_colour('accent')}")
            table.add_heading(heading, "", "", name=name)
            for item in rows:
                if item.waiting_for:
                    when = Text(waiting_words(item.due_at, now))
                else:
                    late = app.theme_colour("error") if item.due_at < now else ""
                    when = Text(relative_words(item.due_at, now), style=late)
                lead = Text(lead_words(item), overflow="ellipsis", no_wrap=True)
                if item.interview_id in differ:
                    lead = Text.assemble(
                        (f"{MARK} ", warn), lead, overflow="ellipsis", no_wrap=True
                    )
                table.add_row(
                    when,
                    lead,
                    Text(self._what(item), overflow="ellipsis", no_wrap=True),
                    key=f"{item.interview_id}/{item.id}",
                )
        self.query_one("#summary", Static).update(self._summary(agenda, interviews))
        empty = self.query_one("#empty", Static)
        empty.display = table.row_count == 0
        table.display = table.row_count > 0
        if table.row_count == 0:
            empty.update(self._empty_text(interviews))
        elif keep is not None:
            table.move_to("" if moved_on else keep, row)
        else:
            self._move_to_first_item(table)

    def _summary(self, agenda: Agenda, interviews: list[Summary]) -> Text:
        """Counts, active leads, and a nudge: too few leads going, or one gone quiet."""
        app = self.afterword
        active = [i for i in interviews if i.is_active]
        leads = active_leads(interviews)
        counts = f"{len(agenda.overdue)} overdue · {len(agenda.today)} today · "
        counts += f"{len(agenda.upcoming)} coming up · "
        if agenda.waiting:
            counts += f"{len(agenda.waiting)} waiting · "
        counts += f"{len(active)} active in {leads} lead"
        line = Text(counts + ("" if leads == 1 else "s"))
        nudges = []
        wanted = app.config.ui.min_active_leads
        if leads < wanted:
            nudges.append(f"keep at least {wanted} leads going")
        quiet = quiet_leads(active, app.now(), app.config.ui.quiet_days)
        if quiet:
            company, days = quiet[0]
            more = f" (+{len(quiet) - 1} more)" if len(quiet) > 1 else ""
            nudges.append(f"{company} quiet for {days} day{'' if days == 1 else 's'}{more}")
        differ = [i for i in interviews if i.conflicts]
        if differ:
            more = f" (+{len(differ) - 1} more)" if len(differ) > 1 else ""
            nudges.append(f"{MARK} {differ[0].company} changed on another machine{more}")
        if nudges:
            line.append("\n" + "; ".join(nudges), style=app.theme_colour("warning"))
        return line

    def _empty_text(self, interviews: list[Summary]) -> str | Content:
        """The welcome (markup of our own), or what is next (a title from the data: text)."""
        if not interviews:
            new, listed, help_key = (
                markup_escaped(key_name(self.app, binding_id, default))
                for binding_id, default in (("new", "n"), ("interviews", "i"), ("help", "?"))
            )
            return (
                f"[b]Welcome to Afterword.[/b]\n\nJust out of an interview? Press [b]{new}[/b] "
                f"to write the debrief while it is fresh.\nPress [b]{listed}[/b] for your "
                f"interviews, [b]{help_key}[/b] for every key, [b]ctrl+p[/b] to find anything."
            )
        text = "Nothing due today: a good morning to apply somewhere new."
        later = sorted((f for i in interviews for f in i.open_follow_ups), key=lambda f: f.due)
        if not later:  # every follow-up done or cancelled
            return Content(text)
        when = relative_words(later[0].due, self.afterword.now())
        return Content(f"{text}\nNext: {later[0].title}, {when}.")

    def _move_to_first_item(self, table: RecordTable) -> None:
        if table.row_count > 1:
            table.move_cursor(row=1)

    def selected_follow_up(self) -> tuple[str, str] | None:
        key = self.query_one(SectionedTable).current_record
        if key is None:
            return None
        interview_id, _, item_id = key.partition("/")
        return interview_id, item_id

    def action_call_sheet(self) -> None:
        """`p`: the recruiter's call sheet, for a debrief call, the question to the recruiter
        or any item of an interview a recruiter arranged (as `p` on its detail)."""
        chosen = self.selected_follow_up()
        if chosen is None:
            self.notify("Choose a follow-up first.", severity="warning")
            return
        interview = self.afterword.library.interviews.get(chosen[0])
        if interview is None:
            return
        if interview.recruiter is None:
            self.notify(
                f"{interview.company} has no recruiter, so there is no call sheet.",
                severity="warning",
            )
            return
        from afterword.tui.screens.call_sheet import CallSheetScreen

        self.app.push_screen(CallSheetScreen(interview.id))

    @on(RecordTable.RowSelected)
    async def _row_chosen(self) -> None:  # a click
        await self.open_selected()
