"""A month at a glance: one widget drawing its own lines (the Line API, as DataTable does).

A month change costs one repaint of this widget and no layout: 42 widgets (one a day) took
9x as long from key to frame. The grid shows what it is given (counts by day); it reads no
interviews itself.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from afterword.domain.words import DAY_NAMES, MONTH_NAMES

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Lines of a cell: the day and its marks, then a gap. A month change repaints every line of
# every week; with a second line a cell (the day, then the marks) it took 1.5x a DataTable's
# cursor move, the whole budget (bench/calendar.py); with one, 1.3x.
MAX_CELL_HEIGHT = 2
INTERVIEW_MARK, FOLLOW_UP_MARK, LATE_MARK = "◆", "●", "!"


class _Frame(NamedTuple):
    """The geometry and the month of one repaint."""

    width: int
    height: int
    left: int  # margin
    cell_width: int  # with the gap column
    cell_height: int  # the day's line and a gap line, or only the day's line
    weeks: int
    start: date  # the Monday of the first week


class DayMarks(NamedTuple):
    """What a day holds: interviews, open follow-ups, and whether some are overdue."""

    interviews: int = 0
    follow_ups: int = 0
    overdue: bool = False


NO_MARKS = DayMarks()
STYLE_NAMES = (
    "title", "weekday", "day", "muted", "outside", "today", "cursor", "interview", "follow-up",
    "overdue",
)  # fmt: skip


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped: 31 Jan + 1 is 28 or 29 Feb."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def first_shown(year: int, month: int) -> date:
    """The Monday on or before the first of the month: the grid's top left cell."""
    first = date(year, month, 1)
    return first - timedelta(days=first.weekday())


def weeks_in(year: int, month: int) -> int:
    """Rows the month needs (4 to 6), Monday first."""
    return (date(year, month, 1).weekday() + monthrange(year, month)[1] + 6) // 7


class _DayMessage(Message):
    def __init__(self, grid: MonthGrid, day: date) -> None:
        super().__init__()
        self.grid = grid
        self.day = day

    @property
    def control(self) -> MonthGrid:
        return self.grid


class MonthGrid(Widget, can_focus=True):
    """One month, Monday first: the title, the weekdays, then a cell per day with its marks
    (◆ interviews, ● follow-ups, ! overdue); today stands out, the cursor is the selected day."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,left", "move(-1)", "Day before", show=False, id="calendar.day_before"),
        Binding("l,right", "move(1)", "Day after", show=False, id="calendar.day_after"),
        Binding("k,up", "move(-7)", "Week before", show=False, id="calendar.week_before"),
        Binding("j,down", "move(7)", "Week after", show=False, id="calendar.week_after"),
        Binding("left_square_bracket,pageup", "month(-1)", "Month before", key_display="[",
                id="calendar.month_before"),
        Binding("right_square_bracket,pagedown", "month(1)", "Month after", key_display="]",
                id="calendar.month_after"),
        Binding("t", "today", "Today's date", id="calendar.today",
                tooltip="Once on today, t shows the Today screen"),
        # On today's date the same key, in the same place on the bar, says what it does there
        Binding("t", "app.show_today", "Today", id="today", tooltip="The Today screen"),
        Binding("g", "go_to", "Go to", id="calendar.go_to", tooltip="Go to a date you type"),
        Binding("enter", "choose", "Day's list", id="calendar.choose"),
    ]  # fmt: skip
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"month-grid--{name}" for name in STYLE_NAMES}
    DEFAULT_CSS = """
    MonthGrid {
        width: 1fr;
        height: auto;  /* as tall as its cells need (see get_content_height) */
        background: $background;
        color: $foreground;
        & > .month-grid--title { color: $accent; text-style: bold; }
        & > .month-grid--weekday { color: $text-muted; text-style: bold; }
        & > .month-grid--day { background: $surface; color: $foreground; }
        & > .month-grid--muted { background: $surface; color: $text-muted; }
        & > .month-grid--outside { background: $surface 40%; color: $text-disabled; }
        & > .month-grid--today { background: $accent 25%; color: $foreground; text-style: bold; }
        /* the marks: their colour is drawn on the cell's own background */
        & > .month-grid--interview { color: $primary; text-style: bold; }
        & > .month-grid--follow-up { color: $secondary; }
        & > .month-grid--overdue { color: $error; text-style: bold; }
        & > .month-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: bold;
        }
        &:focus > .month-grid--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[date] = reactive(date(2000, 1, 1), repaint=False)  # see watch_cursor

    class DayChanged(_DayMessage):
        """The cursor moved to another day."""

    class DayChosen(_DayMessage):
        """`enter` on a day: its list is wanted."""

    def __init__(
        self,
        now: Callable[[], datetime],
        *,
        dayfirst: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.now = now
        self.dayfirst = dayfirst
        self._marks: Mapping[date, DayMarks] = {}
        self._styles: dict[str, Style] = {}  # see _load_styles
        self._frame: _Frame | None = None  # of the repaint under way
        self._marks_on: dict[tuple[str, str], Style] = {}
        self._today = now().date()
        self.set_reactive(MonthGrid.cursor, self._today)

    # -- data and cursor

    @property
    def today(self) -> date:
        return self.now().date()

    def set_marks(self, marks: Mapping[date, DayMarks]) -> None:
        """Show these counts (days not in ``marks`` hold nothing); only this widget repaints."""
        self._marks = marks
        self.refresh()

    def marks_of(self, day: date) -> DayMarks:
        return self._marks.get(day, NO_MARKS)

    def watch_cursor(self, old: date, new: date) -> None:
        """Repaint only the lines that change (the gaps never do): within a month, the weeks
        of the old and the new day; for another month, the title and every week."""
        width, height = self.size
        _, _, cell_height = self._layout(width, height)
        start = first_shown(new.year, new.month)
        weeks = {(old - start).days // 7, (new - start).days // 7}
        other_month = (old.year, old.month) != (new.year, new.month)
        self.refresh(
            *([Region(0, 0, width, 1)] if other_month else []),
            *(
                Region(0, 2 + w * cell_height, width, 1)
                for w in range(6)
                if w in weeks or other_month
            ),
        )
        self.post_message(self.DayChanged(self, new))

    def action_move(self, days: int) -> None:
        try:
            self.cursor += timedelta(days=days)
        except OverflowError:
            self.app.bell()

    def action_month(self, months: int) -> None:
        self.cursor = add_months(self.cursor, months)

    def action_today(self) -> None:
        self.cursor = self.today

    def action_choose(self) -> None:
        self.post_message(self.DayChosen(self, self.cursor))

    def action_go_to(self) -> None:
        """Ask for a day in words ("fri", "2026-10-25", "1 march"); past days are welcome."""
        from afterword.tui.screens.dialogs import PhraseDialog

        def chosen(when: datetime | None) -> None:
            if when is not None:
                self.cursor = when.date()

        dialog = PhraseDialog(
            "Go to which day?", self.now(), dayfirst=self.dayfirst, allow_past=True
        )
        self.app.push_screen(dialog, chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # On today already: `t` shows the Today screen (the binding after it).
        return not (action == "today" and self.cursor == self.today)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        day = None if offset is None else self.day_at(offset.x, offset.y)
        if day is not None:
            self.cursor = day

    # -- geometry

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The title, the weekdays and six weeks of the tallest cells that fit: the same for
        every month (a month change needs no layout)."""
        return 2 + 6 * max(1, min(MAX_CELL_HEIGHT, (container.height - 2) // 6))

    def _layout(self, width: int, height: int) -> tuple[int, int, int]:
        """(left margin, cell width, cell height) for a size."""
        cell_width = max(width // 7, 3)
        cell_height = max(1, min(MAX_CELL_HEIGHT, (height - 2) // 6))
        return max(0, (width - 7 * cell_width) // 2), cell_width, cell_height

    def day_at(self, x: int, y: int) -> date | None:
        """The day drawn at (x, y) of the widget, if any (the gaps between cells are none)."""
        left, cell_width, cell_height = self._layout(*self.size)
        column, inside = divmod(x - left, cell_width)
        week, line = divmod(y - 2, cell_height)
        shown = self.cursor
        if y < 2 or not 0 <= column < 7 or inside == cell_width - 1:
            return None
        if week >= weeks_in(shown.year, shown.month):
            return None
        if line:  # the gap below a week
            return None
        return first_shown(shown.year, shown.month) + timedelta(days=week * 7 + column)

    # -- drawing

    def _load_styles(self) -> dict[str, Style]:
        """The component styles, kept until the styles change (a theme, focus)."""
        if not self._styles:
            get = self.get_component_rich_style
            self._styles = {name: get(f"month-grid--{name}") for name in STYLE_NAMES}
            self._styles["base"] = self.rich_style
            self._marks_on = {}
        return self._styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self.refresh()

    def _mark(self, cell: str, kind: str) -> Style:
        """A mark's colour (and boldness) on the background of the cell style ``cell``."""
        key = (cell, kind)
        if key not in self._marks_on:
            mark = self._styles[kind]
            self._marks_on[key] = self._styles[cell] + Style(color=mark.color, bold=mark.bold)
        return self._marks_on[key]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = None  # worked out again for this repaint, once
        return super().render_lines(crop)

    def _prepare(self) -> _Frame:
        """What every line of a repaint needs: the clock read once, the geometry, the month."""
        width, height = self.size
        left, cell_width, cell_height = self._layout(width, height)
        shown = self.cursor
        self._today = self.today
        return _Frame(
            width,
            height,
            left,
            cell_width,
            cell_height,
            weeks_in(shown.year, shown.month),
            first_shown(shown.year, shown.month),
        )

    def render_line(self, y: int) -> Strip:
        styles = self._load_styles()
        frame = self._frame = self._frame or self._prepare()
        base = styles["base"]
        week, line = divmod(y - 2, frame.cell_height)
        if y == 0:
            pieces = self._title(7 * frame.cell_width - 1)
        elif y == 1:
            pieces = []
            for name in DAY_NAMES:
                pieces += [(f" {name}".ljust(frame.cell_width - 1), styles["weekday"]), (" ", base)]
        elif week < frame.weeks and not line:
            start = frame.start + timedelta(days=week * 7)
            pieces = self._week_line(start, frame.cell_width - 1)
        else:
            return Strip.blank(frame.width, base)
        segments = [Segment(" " * frame.left, base)]
        text, style = pieces[0]
        for next_text, next_style in pieces[1:]:  # neighbours of one style: one segment
            if next_style is style:
                text += next_text
            else:
                segments.append(Segment(text, style))
                text, style = next_text, next_style
        segments.append(Segment(text, style))
        used = frame.left + sum(len(text) for text, _ in pieces)  # (marks are one cell wide)
        if used < frame.width:
            segments.append(Segment(" " * (frame.width - used), base))
        elif used > frame.width:
            return Strip(segments).crop(0, frame.width)
        return Strip(segments, frame.width)

    def _week_line(self, start: date, inner: int) -> list[tuple[str, Style]]:
        """A week's seven cells, `` 25 ◆2 ●3!``, each ``inner`` wide and a gap."""
        styles, marks_by_day = self._styles, self._marks
        shown, today = self.cursor, self._today
        base = styles["base"]
        pieces: list[tuple[str, Style]] = []
        for column in range(7):
            day = start + timedelta(days=column)
            if day == shown:
                kind = "cursor"
            elif day.month != shown.month:
                kind = "outside"
            elif day == today:
                kind = "today"
            elif day < today or column >= 5:
                kind = "muted"
            else:
                kind = "day"
            style = styles[kind]
            cell = [(f"{day.day:>3}", style)]
            marks = marks_by_day.get(day)
            if marks is not None:
                cell += self._marks_pieces(day, marks, kind)
            if sum(len(text) for text, _ in cell) > inner:  # big counts: no spaces between
                cell = [piece for piece in cell if piece[0] != " "]
            pieces += _fit(cell, inner, style)
            pieces.append((" ", base))
        return pieces

    def _title(self, width: int) -> list[tuple[str, Style]]:
        shown = self.cursor
        title = f"{MONTHS[shown.month - 1]} {shown.year}"
        style, muted = self._styles["title"], self._styles["weekday"]
        before = f" ‹ {MONTH_NAMES[add_months(shown, -1).month - 1]} ["
        after = f"] {MONTH_NAMES[add_months(shown, 1).month - 1]} › "
        if width < len(title) + 2 * len(after) + 2:
            return [(title.center(width), style)]
        middle = width - len(before) - len(after)
        return [(before, muted), (title.center(middle), style), (after, muted)]

    def _marks_pieces(self, day: date, marks: DayMarks, kind: str) -> list[tuple[str, Style]]:
        """`` ◆2 ●3!``: interviews, follow-ups to do, `!` when some are overdue."""
        style = self._styles[kind]
        plain = kind in ("cursor", "outside")  # all in the cell's own style
        pieces: list[tuple[str, Style]] = []
        if marks.interviews:
            dim = plain or day < self._today
            mark = style if dim else self._mark(kind, "interview")
            pieces += [(" ", style), (f"{INTERVIEW_MARK}{marks.interviews}", mark)]
        if marks.follow_ups:
            late = LATE_MARK if marks.overdue else ""
            mark = style if plain else self._mark(kind, "overdue" if late else "follow-up")
            pieces += [(" ", style), (f"{FOLLOW_UP_MARK}{marks.follow_ups}{late}", mark)]
        return pieces


def _fit(pieces: list[tuple[str, Style]], width: int, fill: Style) -> list[tuple[str, Style]]:
    """``pieces`` padded (in ``fill``) to exactly ``width`` cells; a piece that does not fit
    whole is left out (a count cut short would be wrong)."""
    out: list[tuple[str, Style]] = []
    left = width
    for text, style in pieces:
        if len(text) <= left:
            out.append((text, style))
            left -= len(text)
        else:
            if out and out[-1][0] == " ":  # no space before nothing
                out.pop()
                left += 1
            break
    if left > 0:
        out.append((" " * left, fill))
    return out
