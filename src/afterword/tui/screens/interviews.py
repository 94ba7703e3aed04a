"""Interviews: every interview in a virtual table, filtered as you type, sorted on one key."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from afterword.domain.conflicts import MARK
from afterword.domain.model import CLOSED_STATUSES, FollowUp, Interview
from afterword.domain.summary import Summary, due_first
from afterword.domain.words import day_month, joined_parts
from afterword.tui.actions import FollowUpScreen
from afterword.tui.key_names import key_name
from afterword.tui.records import Where, decode
from afterword.tui.screens.dialogs import ConfirmDialog
from afterword.tui.screens.today import due_words
from afterword.tui.text import markup_escaped
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.record_table import RecordTable

FILTERS = ("active", "all", "closed")
SORTS = ("date", "company", "next follow-up")
CHUNK = 500  # rows added per step, so a large table never holds up a frame for long


def next_follow_up(interview: Interview) -> FollowUp | None:
    return due_first(interview.open_follow_ups())


def _found(words: list[str], hay: str | None) -> bool:
    return hay is not None and all(w in hay for w in words)


def haystack(interview: Interview) -> str:
    """What `/` searches: company, role, people, notes."""
    people = [p.name for p in interview.interviewers]
    if interview.recruiter:
        people.append(interview.recruiter.name)
    d = interview.debrief
    parts = [interview.company, interview.role, interview.stage, *people, d.notes, d.focus]
    return " ".join(parts).casefold()


class InterviewsScreen(FollowUpScreen):
    """All interviews, newest first."""

    KEYS = "interviews"

    AUTO_FOCUS = "RecordTable"

    BINDINGS = [
        # priority: taken before the keys typed right after it are sent on to the list
        Binding("slash", "search", "Search", id="interviews.search", priority=True),
        Binding("f", "cycle_filter", "Filter", id="interviews.filter"),
        Binding("o", "cycle_sort", "Sort", id="interviews.sort"),
        Binding("s", "status", "Status", id="interviews.status"),
        Binding("d", "edit_debrief", "Debrief", id="interviews.debrief"),
        Binding("e", "drafts", "Emails", id="interviews.emails"),
        Binding("enter", "open", "Open", show=False, id="interviews.open"),
        Binding("D", "delete", "Delete", id="interviews.delete"),
        Binding("escape", "clear_search", "Clear search", show=False, id="interviews.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_filter = "active"
        self.sort = "date"
        self.query_text = ""
        self._shown: list[Summary] = []
        # what `/` searches of each interview, made from the whole record at the first search
        # (the notes are not in the summaries), and again for a record whose summary changed
        self._hay: dict[str, tuple[Summary, str]] = {}
        self._reading = False  # the worker reads them
        self._filling = 0  # a newer refresh stops the steps of an older one

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="interviews-bar", classes="bar"):
            search = Input(placeholder="search company, role, people, notes", id="search")
            search.display = False
            yield search
            yield Static("", id="interviews-state", classes="bar-state")
        yield RecordTable(id="interviews")
        yield Static("", id="empty", classes="empty-state")
        yield KeyBar()

    @property
    def wide(self) -> bool:
        return self.size.width >= 110

    def _columns(self, table: RecordTable) -> None:
        """Company and role, when, status, the next follow-up; wide terminals show more.

        Narrow: the next follow-up's due time leads its title in one column.
        """
        table.clear(columns=True)
        width = self.size.width
        if self.wide:
            fixed = [("Company · role", 30), ("When", 17), ("Status", 9)]
            if width >= 150:
                fixed.insert(2, ("Stage", 14))
            tail = [("Due", 14), ("✉", 1)]
        else:
            fixed, tail = [("Company · role", 22), ("When", 9), ("Status", 9)], [("✉", 1)]
        used = sum(w + 2 for _, w in fixed + tail) + 2
        for label, size in fixed:
            table.add_column(label, width=size)
        table.add_column("Next follow-up", width=max(10, width - used - 2))
        for label, size in tail:
            table.add_column(label, width=size)

    # -- what is shown

    def _haystack(self, summary: Summary) -> str | None:
        """What `/` searches of one interview; None while the worker has yet to read it."""
        known = self._hay.get(summary.id)
        if known is None and self._reading:
            return None  # the list is shown again when the worker is done
        if known is None or known[0] is not summary:
            known = (summary, haystack(self.afterword.library.get(summary.id)))
            self._hay[summary.id] = known
        return known[1]

    def matching(self) -> list[Summary]:
        interviews = list(self.afterword.library.summaries.values())
        if self.status_filter == "active":
            interviews = [i for i in interviews if i.status not in CLOSED_STATUSES]
        elif self.status_filter == "closed":
            interviews = [i for i in interviews if i.status in CLOSED_STATUSES]
        words = self.query_text.casefold().split()
        if words:
            interviews = [i for i in interviews if _found(words, self._haystack(i))]
        if self.sort == "company":
            interviews.sort(key=lambda i: (i.company.casefold(), i.role.casefold()))
        elif self.sort == "next follow-up":
            far = datetime.max

            def due(i: Summary) -> datetime:
                item = i.next_follow_up()
                return item.due.replace(tzinfo=None) if item else far

            interviews.sort(key=due)
        else:
            interviews.sort(key=lambda i: i.when.replace(tzinfo=None), reverse=True)
        return interviews

    def refresh_data(self) -> None:
        table = self.query_one(RecordTable)
        keep = table.current_key
        self._columns(table)
        self._shown = self.matching()
        state = f"{len(self._shown)} shown · {self.status_filter} · by {self.sort}"
        self.query_one("#interviews-state", Static).update(state)
        empty = self.query_one("#empty", Static)
        empty.display = not self._shown
        table.display = bool(self._shown)
        if not self._shown:
            empty.update(self._empty_text())
        self._filling += 1
        self._fill(0, keep, self._filling)

    def _empty_text(self) -> str:
        if not self.afterword.library.interviews:
            new = markup_escaped(key_name(self.app, "new", "n"))
            return (
                f"[b]No interviews yet.[/b]\n\nPress [b]{new}[/b] right after an interview to "
                "write the debrief, or import an export with `afterword import FILE`."
            )
        if self.query_text:
            clear = markup_escaped(key_name(self.app, "interviews.clear", "escape"))
            return f"Nothing matches the search. [b]{clear}[/b] clears it."
        cycle = markup_escaped(key_name(self.app, "interviews.filter", "f"))
        return f"No {self.status_filter} interviews. [b]{cycle}[/b] shows the others."

    def _fill(self, start: int, keep: str | None, filling: int) -> None:
        """Add the rows in steps; the first step lands before the next frame."""
        if filling != self._filling:
            return  # the table was rebuilt since this step was planned
        table = self.query_one(RecordTable)
        now = self.afterword.now()
        warn = self.afterword.theme_colour("warning")
        wide, with_stage = self.wide, self.size.width >= 150
        rows = []
        for interview in self._shown[start : start + CHUNK]:
            item = interview.next_follow_up()
            lead = interview.company
            if interview.role:
                lead += f" · {interview.role}"
            due = due_words(item.due, now, interview.waiting_for(item) is not None) if item else ""
            title = item.title if item else ""
            lead_cell = Text(lead)
            if interview.conflicts:  # changed on another machine: the detail says which fields
                lead_cell = Text.assemble((f"{MARK} ", warn), lead)
            if wide:
                cells = [lead_cell, Text(f"{day_month(interview.when)} {interview.when:%Y %H:%M}")]
                if with_stage:
                    cells.append(Text(interview.stage))
                cells += [Text(interview.status), Text(title), Text(due)]
            else:
                cells = [lead_cell, Text(f"{day_month(interview.when)} {interview.when:%y}")]
                cells.append(Text(interview.status))
                cells.append(Text(f"{due} · {title}" if item else ""))
            cells.append(Text("✉", style=warn) if interview.owes_thank_you else Text(""))
            rows.append(cells)
        keys = [i.id for i in self._shown[start : start + CHUNK]]
        for key, row in zip(keys, rows, strict=True):
            table.add_row(*row, key=key)
        if keep is not None and keep in keys:
            table.move_cursor(row=table.get_row_index(keep))
        if start + CHUNK < len(self._shown):
            self.call_after_refresh(self._fill, start + CHUNK, keep, filling)

    # -- keys

    def selected_interview(self) -> str | None:
        return self.query_one(RecordTable).current_key

    def selected_follow_up(self) -> tuple[str, str] | None:
        interview_id = self.selected_interview()
        if interview_id is None:
            return None
        item = next_follow_up(self.afterword.library.get(interview_id))
        return (interview_id, item.id) if item else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and self.focused is self.query_one("#search", Input):
            return False  # typed in the search: a slash, as any letter
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        # focused now, not after the next frame: the letters typed right after `/` (already
        # on their way, or while the notes are read) belong to the search, never to the list
        self.set_focus(search)
        self.call_after_refresh(search.focus)
        records = self.afterword.library.interviews
        wanted = [
            (summary, where)
            for summary in records.summaries.values()
            if self._hay.get(summary.id, (None,))[0] is not summary
            and (where := records.where(summary.id)) is not None
        ]
        if wanted:
            self._reading = True
            self._read_haystacks(wanted)

    @work(thread=True, exclusive=True, group="haystacks", exit_on_error=False)
    def _read_haystacks(self, wanted: list[tuple[Summary, Where]]) -> None:
        """What `/` searches of each record, read from the file's copy while the first
        letters are typed (10,000 records: about half a second); a record not read yet when
        the search needs it is read then."""
        worker = get_current_worker()
        try:
            for summary, where in wanted:
                if worker.is_cancelled:
                    return  # a newer search's worker, or the screen gone
                try:
                    text = haystack(decode(where))
                except Exception:  # read again on the UI thread, which says what is wrong
                    continue
                self._hay[summary.id] = (summary, text)
        finally:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._haystacks_read)

    def _haystacks_read(self) -> None:
        self._reading = False
        if self.query_text:
            self.refresh_data()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_data()

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        if self._shown:  # with nothing found, stay in the search to mend it
            self.query_one(RecordTable).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.display or self.query_text:
            search.value = ""
            search.display = False
            self.query_text = ""
            # the notes read for it are let go (read again at the next `/`)
            self.workers.cancel_group(self, "haystacks")
            self._reading = False
            self._hay.clear()
            self.refresh_data()
            self.query_one(RecordTable).focus()

    def action_cycle_filter(self) -> None:
        self.status_filter = FILTERS[(FILTERS.index(self.status_filter) + 1) % len(FILTERS)]
        self.refresh_data()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refresh_data()

    @on(RecordTable.RowSelected)
    def action_open(self) -> None:
        interview_id = self.selected_interview()
        if interview_id is not None:
            self.afterword.open_interview(interview_id)

    @work
    async def action_delete(self) -> None:
        interview_id = self.selected_interview()
        if interview_id is None:
            return
        interview = self.afterword.library.get(interview_id)
        about = joined_parts(interview.role, day_month(interview.when), sep=", ")
        question = f"Delete {interview.company} ({about})?"
        if await self.app.push_screen_wait(ConfirmDialog(question)):
            self.afterword.library.delete(interview_id)
            undo = key_name(self.app, "undo", "u")
            self.notify(f"Deleted {interview.company}. Press {undo} to undo.")
