"""The Calendar: a month of interviews and follow-ups, and the selected day's list beside it.

The counts of every day are worked out once per change of the data (one pass over the
interviews); a move of the cursor only lists the one day it lands on, from that index.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.widgets import Header, Static

from afterword.domain.agenda import waiting_note
from afterword.domain.model import FollowUp
from afterword.domain.summary import Summary
from afterword.domain.words import DAY_NAMES, MONTH_NAMES, local_wall_time, plural
from afterword.tui.actions import FollowUpScreen, follow_up_bindings
from afterword.tui.key_names import key_name
from afterword.tui.screens.today import what_to_do
from afterword.tui.text import markup_escaped
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.month_grid import FOLLOW_UP_MARK, INTERVIEW_MARK, DayMarks, MonthGrid
from afterword.tui.widgets.record_table import RecordTable
from afterword.tui.widgets.sectioned_table import SectionedTable

NARROW = 100  # columns: below this the day's list goes under the grid, not beside it
LIST_PAUSE = 0.05  # seconds without a move of the grid before the list shows its day
GRID_WIDTH = 71  # as #calendar-month in app.tcss: 7 cells of 10 and a margin
# What the follow-up keys act on: only with the day's list focused (the grid has its own keys).
LIST_ACTIONS = frozenset(
    {
        "open",
        "done",
        "snooze",
        "reply",
        "status",
        "close_out",
        "drafts",
        "add_follow_up",
        "edit_debrief",
    }
)


def legend(app: object) -> str:
    """Under the grid when there is room (not at 80x24): the marks, and the keys as [keymap]
    has them (markup of our own around each key, escaped)."""

    def key(binding_id: str, default: str) -> str:
        said = key_name(app, binding_id, default)
        return markup_escaped("esc" if said == "escape" else said)

    return (
        "[b $primary]◆[/] interviews   [$secondary]●[/] to do   [b $error]●![/] overdue\n\n"
        f"[b]{key('calendar.day_before', 'h')} {key('calendar.day_after', 'l')}[/] a day  "
        f"[b]{key('calendar.week_after', 'j')} {key('calendar.week_before', 'k')}[/] a week  "
        f"[b]{key('calendar.month_before', '[')} {key('calendar.month_after', ']')}[/] a month  "
        f"[b]{key('calendar.go_to', 'g')}[/] go to\n"
        f"[b]{key('calendar.today', 't')}[/] today's date, then the Today screen  "
        f"[b]{key('calendar.back', 'escape')}[/] back where you were\n"
        f"[b]{key('calendar.choose', 'enter')}[/] the day's list, where Today's keys work  "
        f"[b]{key('calendar.switch', 'tab')}[/] back and forth"
    )


Dated = tuple[datetime, Summary]
DatedItem = tuple[datetime, Summary, FollowUp]


def _by_time(row: Dated | DatedItem) -> tuple[datetime, str]:
    return row[0], row[1].company.casefold()


def lead_of(interview: Summary) -> str:
    return f"{interview.company} · {interview.role}" if interview.role else interview.company


class CalendarScreen(FollowUpScreen):
    """A month at a glance; `enter` or `tab` goes to the day's list, where Today's keys work."""

    KEYS = "calendar"

    AUTO_FOCUS = "MonthGrid"

    BINDINGS: ClassVar[list[BindingType]] = [
        *follow_up_bindings(
            "calendar",
            "Open the draft, call sheet or person; on an interview, the interview",
            show_add=True,
        ),
        Binding(
            "tab",
            "switch_focus",
            "Month or day",
            show=False,  # the usual key between parts; the bar has little room
            id="calendar.switch",
            tooltip="Between the month and the day's list",
        ),
        # The grid's own keys, here too so that they work from the list and the palette finds
        # them (same ids: a keymap moves both).
        Binding(
            "left_square_bracket,pageup",
            "month(-1)",
            "Month before",
            key_display="[",
            show=False,
            id="calendar.month_before",
        ),
        Binding(
            "right_square_bracket,pagedown",
            "month(1)",
            "Month after",
            key_display="]",
            show=False,
            id="calendar.month_after",
        ),
        # On today's date `t` is turned off here and falls through to the app's `t` (the
        # Today screen): the bar says which of the two the next `t` does.
        Binding("t", "today", "Today's date", id="calendar.today"),
        Binding("g", "go_to", "Go to", show=False, id="calendar.go_to"),
        Binding(
            "escape",
            "leave",
            "Back",
            show=False,
            id="calendar.back",
            tooltip="Back to the screen you came from (Today when there was none)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._interviews: dict[date, list[Dated]] = {}
        self._follow_ups: dict[date, list[DatedItem]] = {}
        self._columns_for: tuple[int, bool] = (-1, False)  # what the columns were made for
        self.shown_day: date | None = None  # the day the list shows
        self._on_today = True  # the grid starts on today

    def compose(self) -> ComposeResult:
        app = self.afterword
        yield Header()
        with Container(id="calendar-body"):
            with Vertical(id="calendar-month"):
                yield MonthGrid(app.now, dayfirst=app.config.ui.dayfirst, id="calendar-grid")
                yield Static(legend(self.app), id="calendar-legend")
            with Vertical(id="calendar-side"):
                yield Static("", id="day-heading")
                yield SectionedTable(id="calendar-day")
        yield KeyBar()

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    @property
    def day_list(self) -> SectionedTable:
        return self.query_one("#calendar-day", SectionedTable)

    def on_mount(self) -> None:
        self._list_timer = self.set_interval(LIST_PAUSE, self.catch_up, pause=True)
        self.set_class(self.app.size.width < NARROW, "narrow")
        super().on_mount()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "narrow")
        super().on_resize()

    # -- data

    def refresh_data(self) -> None:
        """Index the interviews and the open follow-ups by local day (one pass), then show
        the counts and the selected day."""
        app = self.afterword
        today = app.now().date()
        interviews: defaultdict[date, list[Dated]] = defaultdict(list)
        follow_ups: defaultdict[date, list[DatedItem]] = defaultdict(list)
        for interview in app.library.summaries.values():
            when = local_wall_time(interview.when)
            interviews[when.date()].append((when, interview))
            for item in interview.open_follow_ups:
                due = local_wall_time(item.due)
                follow_ups[due.date()].append((due, interview, item))
        self._interviews, self._follow_ups = dict(interviews), dict(follow_ups)
        marks = {}
        for day in interviews.keys() | follow_ups.keys():
            items = follow_ups.get(day, ())
            late = day < today and any(i.waiting_for(f) is None for _, i, f in items)
            marks[day] = DayMarks(len(interviews.get(day, ())), len(items), late)
        self.grid.set_marks(marks)
        self._show_day(self.grid.cursor, keep=True)

    @property
    def two_lines(self) -> bool:
        """Beside the grid the list is narrow: each row takes two lines (who, then what)."""
        return not self.has_class("narrow")

    def _columns(self, table: RecordTable) -> None:
        """Time, then who and what: two columns in a wide list, one of two lines beside the
        grid."""
        width = self.size.width - (0 if self.has_class("narrow") else GRID_WIDTH + 1)
        if (width, self.two_lines) == self._columns_for:
            return
        self._columns_for = (width, self.two_lines)
        room = max(24, width - 2 - 2 * 2 - 5)  # a scroll bar, the cells' padding, the time
        table.clear(columns=True)
        table.add_column("Time", width=5)
        if self.two_lines:
            table.add_column("Who · what", width=room)
            return
        lead = (room - 2) * 2 // 5
        table.add_column("Company · role", width=lead)
        table.add_column("What", width=room - 2 - lead)

    def _add(self, table: RecordTable, key: str, time: Text, lead: str, what: str) -> None:
        """A row of an interview or a follow-up: when, who (``lead``), what."""
        who = Text(lead, style="bold" if self.two_lines else "", overflow="ellipsis")
        if self.two_lines:
            both = Text.assemble(who, "\n", what, no_wrap=True, overflow="ellipsis")
            table.add_row(time, both, height=2, key=key)
        else:
            doing = Text(what, overflow="ellipsis", no_wrap=True)
            who.no_wrap = True
            table.add_row(time, who, doing, key=key)

    def _add_heading(self, table: SectionedTable, name: str, text: str, mark: str = "") -> None:
        """A heading row (``Interviews (2)`` under its mark), or a note when there is no mark."""
        app = self.afterword
        colour = "primary" if mark == INTERVIEW_MARK else "secondary"
        cells = [
            Text(f" {mark}", style=f"bold {app.theme_colour(colour)}"),
            Text(text, style=f"bold {app.theme_colour('accent')}" if mark else "italic"),
        ]
        table.add_heading(*cells, *([] if self.two_lines else [Text("")]), name=name)

    def _show_day(self, day: date, *, keep: bool = False) -> None:
        """List one day from the index: its interviews, then its open follow-ups."""
        app = self.afterword
        now = app.now()
        table = self.day_list
        kept, row = (table.current_key, table.cursor_row) if keep else (None, 0)
        self._columns(table)
        table.clear()
        interviews = sorted(self._interviews.get(day, ()), key=_by_time)
        items = sorted(self._follow_ups.get(day, ()), key=_by_time)
        late = app.theme_colour("error")
        if interviews:
            heading = f"Interviews ({len(interviews)})"
            self._add_heading(table, "met", heading, INTERVIEW_MARK)
            for when, interview in interviews:
                what = interview.stage or "Interview"
                if interview.status != "active":
                    what += f" · {interview.status}"
                self._add(table, interview.id, Text(f"{when:%H:%M}"), lead_of(interview), what)
        if items:
            self._add_heading(table, "do", f"To do ({len(items)})", FOLLOW_UP_MARK)
            for due, interview, item in items:
                waits = interview.waiting_for(item)  # rule 8: waiting, never late
                note = waiting_note(item.title, waits)
                self._add(
                    table,
                    f"{interview.id}/{item.id}",
                    Text(f"{due:%H:%M}", style=late if due < now and waits is None else ""),
                    lead_of(interview),
                    what_to_do(item.title, item.person, note),
                )
        if not interviews and not items:
            self._add_heading(table, "", "Nothing on this day.")
        self._heading(day, len(interviews), items, now)
        self.shown_day = day
        if kept is not None:
            table.move_to(kept, row)
        else:  # the first thing to do, else the first interview
            first = len(interviews) + 2 if interviews and items else 1
            table.move_cursor(row=min(first, table.row_count - 1), animate=False)

    def _heading(self, day: date, interviews: int, items: list[DatedItem], now: datetime) -> None:
        """`Fri 27 Nov 2026  2 interviews, 3 to do (1 late)`; in marks when that is too long."""
        words = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
        if day == now.date():
            words += " · today"
        late = sum(due < now and i.waiting_for(f) is None for due, i, f in items)
        waiting = sum(i.waiting_for(f) is not None for _, i, f in items)
        how = ", ".join(
            ([f"{late} late"] if late else []) + ([f"{waiting} waiting"] if waiting else [])
        )
        how = f" ({how})" if how else ""
        parts = [plural(interviews, "interview")] if interviews else []
        if items:
            parts.append(f"{len(items)} to do{how}")
        room = self.day_list.size.width or self.size.width
        if len(words) + 2 + len(", ".join(parts)) > room - 2:
            parts = [f"{INTERVIEW_MARK}{interviews}"] if interviews else []
            parts += [f"{FOLLOW_UP_MARK}{len(items)}{how}"] * bool(items)
        line = Text(words, style="bold")
        line.append("  " + ", ".join(parts) if parts else "")
        self.query_one("#day-heading", Static).update(line, layout=False)

    # -- the grid

    @on(MonthGrid.DayChanged)
    def day_changed(self, event: MonthGrid.DayChanged) -> None:
        """The grid moves at once; the list follows when the keys pause (a held `]` would
        otherwise rebuild it for every month it passes)."""
        self._list_timer.reset()
        on_today = event.day == self.afterword.now().date()
        if on_today != self._on_today:
            self._on_today = on_today
            self.refresh_bindings()  # `t` (back to today) hides on today, shows elsewhere

    def catch_up(self) -> bool:
        """Show the grid's day in the list if it does not yet; True if it did not."""
        self._list_timer.pause()
        if self.shown_day == self.grid.cursor:
            return False
        self._show_day(self.grid.cursor)
        return True

    @on(MonthGrid.DayChosen)
    def day_chosen(self) -> None:
        self.catch_up()
        self.day_list.focus()

    def action_switch_focus(self) -> None:
        if isinstance(self.focused, MonthGrid):
            self.catch_up()
            self.day_list.focus()
        else:
            self.grid.focus()

    def action_month(self, months: int) -> None:
        self.grid.action_month(months)

    def action_today(self) -> None:
        self.grid.action_today()

    def action_go_to(self) -> None:
        self.grid.action_go_to()

    def action_leave(self) -> None:
        """`escape`: back to the screen the Calendar was opened from, else Today."""
        self.afterword.show_previous_mode()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LIST_ACTIONS:
            return not isinstance(self.focused, MonthGrid)  # the grid's enter, keys of its own
        if action == "today":
            return self.grid.cursor != self.afterword.now().date()
        return True

    # -- the list

    def selected_follow_up(self) -> tuple[str, str] | None:
        if self.catch_up():
            return None  # the list was of another day: nothing there was seen to choose
        key = self.day_list.current_key
        if key is None or "/" not in key:
            return None
        interview_id, _, item_id = key.partition("/")
        return interview_id, item_id

    def selected_interview(self) -> str | None:
        if self.catch_up():
            return None
        key = self.day_list.current_record
        if key is None:
            return None
        return key.partition("/")[0]

    async def open_selected(self) -> None:
        """`enter`: do the follow-up (as on Today); on an interview, open it."""
        chosen = self.selected_follow_up()
        if chosen is not None:
            await self.open_item(*chosen)
            return
        interview_id = self.selected_interview()
        if interview_id is not None:
            self.afterword.open_interview(interview_id)
