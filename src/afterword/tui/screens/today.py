"""Today: what is overdue, what is due today, what is coming up (the app opens here)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import Header, Static
from textual.widgets.data_table import RowDoesNotExist

from afterword.domain.agenda import build_agenda, open_items
from afterword.domain.model import Interview
from afterword.domain.records import interview_to_dict
from afterword.domain.words import relative_words
from afterword.tui.actions import FollowUpActions
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.record_table import RecordTable

SECTION = "§"  # row keys of section headings start with this
WHEN = 16


def what_to_do(title: str, person: str) -> str:
    return title if not person or person in title else f"{title} · {person}"


def email_for(interview: Interview, kind: str, person: str) -> tuple[str, str] | None:
    """The draft a follow-up stands for, as (template, person): a thank-you (or the
    via-recruiter email when the recruiter forwards), a check-in, the question to the
    recruiter, a missing address (shown on the thank-you it is for)."""
    recruiter = interview.recruiter
    if kind in ("thank_you", "find_email"):
        if recruiter is not None and recruiter.direct_contact == "forward":
            return "via-recruiter", recruiter.name
        return "thank-you", person
    if kind == "check_in":
        return "check-in", ""
    if kind == "ask_recruiter" and recruiter is not None:
        return "ask-recruiter", recruiter.name
    return None


class TodayScreen(FollowUpActions):
    """The morning review: one list, in three parts."""

    AUTO_FOCUS = "RecordTable"

    BINDINGS = [
        Binding("enter", "open", "Open", id="today.open"),
        Binding("e", "drafts", "Emails", id="today.emails"),
        Binding("x", "done", "Done", id="today.done"),
        Binding("z", "snooze", "Snooze", id="today.snooze"),
        Binding("a", "add_follow_up", "Add", id="today.add"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="summary", classes="summary")
        yield RecordTable(id="agenda")
        yield Static("", id="empty", classes="empty-state")
        yield KeyBar()

    def _columns(self, table: RecordTable) -> None:
        """When, lead and what to do; the last takes what the terminal has left."""
        lead = 34 if self.size.width >= 110 else 24
        what = max(20, self.size.width - WHEN - lead - 8)
        table.clear(columns=True)
        table.add_column("When", width=WHEN)
        table.add_column("Company · role", width=lead)
        table.add_column("What to do", width=what)

    def refresh_data(self) -> None:
        app = self.afterword
        now = app.now()
        interviews = list(app.library.interviews.values())
        items = open_items(interview_to_dict(i) for i in interviews if i.open_follow_ups())
        agenda = build_agenda(items, now.date(), app.config.ui.days)
        table = self.query_one(RecordTable)
        keep, row = table.current_key, table.cursor_row
        self._columns(table)
        sections = (
            ("Overdue", agenda.overdue),
            ("Today", agenda.today),
            (f"Next {app.config.ui.days} days", agenda.upcoming),
        )
        for name, rows in sections:
            if not rows:
                continue
            heading = Text(f"{name} ({len(rows)})", style=f"bold {app.theme_colour('accent')}")
            table.add_row(heading, "", "", key=f"{SECTION}{name}")
            for item in rows:
                when = relative_words(item.due_at, now)
                late = app.theme_colour("error") if item.due_at < now else ""
                table.add_row(
                    Text(when, style=late),
                    Text(
                        f"{item.company} · {item.role}" if item.role else item.company,
                        overflow="ellipsis",
                        no_wrap=True,
                    ),
                    Text(what_to_do(item.title, item.person), overflow="ellipsis", no_wrap=True),
                    key=f"{item.interview_id}/{item.id}",
                )
        active = [i for i in interviews if i.is_active]
        leads = len({i.lead_key for i in active})
        counts = f"{len(agenda.overdue)} overdue · {len(agenda.today)} today · "
        counts += f"{len(agenda.upcoming)} coming up · {len(active)} active in {leads} lead(s)"
        if leads < app.config.ui.min_active_leads:
            counts += f"  —  keep at least {app.config.ui.min_active_leads} leads going"
        self.query_one("#summary", Static).update(counts)
        empty = self.query_one("#empty", Static)
        empty.display = table.row_count == 0
        table.display = table.row_count > 0
        if table.row_count == 0:
            empty.update(self._empty_text(interviews))
        elif keep is not None:
            self._move_to(table, keep, row)
        else:
            self._move_to_first_item(table)

    def _empty_text(self, interviews: list[Interview]) -> str:
        if not interviews:
            return (
                "[b]Welcome to Afterword.[/b]\n\nJust out of an interview? Press [b]n[/b] to "
                "write the debrief while it is fresh.\nPress [b]i[/b] for your interviews, "
                "[b]?[/b] for every key, [b]ctrl+p[/b] to find anything."
            )
        later = sorted((f for i in interviews for f in i.open_follow_ups()), key=lambda f: f.due)
        nxt = f"\nNext: {later[0].title}, {relative_words(later[0].due, self.afterword.now())}."
        return "Nothing due today: a good morning to apply somewhere new." + (nxt if later else "")

    def _move_to(self, table: RecordTable, key: str, row: int) -> None:
        """Back to the same item; if it went away (done), to the one that took its place."""
        try:
            table.move_cursor(row=table.get_row_index(key))
            return
        except RowDoesNotExist:
            pass
        row = min(row, table.row_count - 1)
        if self._is_heading(table, row):  # step off a heading, down if there is room
            row = row + 1 if row + 1 < table.row_count else row - 1
        table.move_cursor(row=max(row, 0))

    @staticmethod
    def _is_heading(table: RecordTable, row: int) -> bool:
        key = table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value
        return str(key).startswith(SECTION)

    def _move_to_first_item(self, table: RecordTable) -> None:
        if table.row_count > 1:
            table.move_cursor(row=1)

    def selected_follow_up(self) -> tuple[str, str] | None:
        key = self.query_one(RecordTable).current_key
        if key is None or key.startswith(SECTION):
            return None
        interview_id, _, item_id = key.partition("/")
        return interview_id, item_id

    @on(RecordTable.RowSelected)
    def action_open(self) -> None:
        """The interview; for a recruiter's debrief call, straight to its call sheet."""
        chosen = self.selected_follow_up()
        if chosen is None:
            return
        interview_id, item_id = chosen
        interview = self.afterword.library.interviews.get(interview_id)
        if interview is None:
            return
        item = next((f for f in interview.follow_ups if f.id == item_id), None)
        kind = item.kind if item else ""
        if kind == "recruiter_debrief" and interview.recruiter is not None:
            from afterword.tui.screens.saved import CallSheetScreen

            self.app.push_screen(CallSheetScreen(interview_id))
            return
        email = email_for(interview, kind, item.person if item else "")
        if email is not None:
            self.run_worker(self.afterword.open_drafts(interview_id, *email))
            return
        self.afterword.open_interview(interview_id)
