"""`afterword today`: the morning agenda, light enough for a shell prompt or a status bar.

The plain forms (`today [--db P] [--date YYYY-MM-DD] [--days N] [--json | --count]`) are read
here by hand and answered from the small derived agenda file, importing nothing heavier than
``json`` and ``datetime`` (no argparse, dataclasses, typing, pathlib or Textual). Anything else
(help, a date phrase, a bad value) goes to the full command line, which explains itself.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime

from afterword import clock, paths
from afterword.defaults import MIN_ACTIVE_LEADS, TODAY_DAYS
from afterword.domain.agenda import (
    Agenda,
    AgendaItem,
    build_agenda,
    short_ids,
    waiting_note,
    waiting_words,
)
from afterword.domain.words import relative_words, shown, shown_json

_STYLES = {
    "overdue": "1;31",
    "today": "1;33",
    "upcoming": "1",
    "waiting": "1;36",
    "dim": "2",
    "late": "31",
}
_OPTIONS = ("--db", "--date", "--days")
WHAT_WIDTH = 34


class Options:
    """What `today` was asked for."""

    def __init__(self) -> None:
        self.db: str | None = None
        self.date: str | None = None
        self.days: int | None = None
        self.json = False
        self.count = False


def read_plain_arguments(argv: list[str]) -> Options | None:
    """The options of a plain `today` call, or None when argparse should handle it."""
    options, seen_today, rest = Options(), False, iter(argv)
    for arg in rest:
        name, _, inline = arg.partition("=")
        if arg == "today" and not seen_today:
            seen_today = True
        elif arg in ("--json", "--count"):
            setattr(options, arg[2:], True)
        elif name in _OPTIONS:
            value = inline if "=" in arg else next(rest, None)
            if not value:
                return None
            setattr(options, name[2:], value)
        else:
            return None
    if not seen_today or (options.json and options.count):
        return None
    if options.date is not None:
        try:
            date.fromisoformat(options.date)
        except ValueError:
            return None  # a phrase: the full path parses it and explains a mistake
    if options.days is not None:
        text = str(options.days)
        if not text.isdigit():
            return None
        options.days = int(text)
    return options


def quick(argv: list[str]) -> int | None:
    """Answer a plain `today` call; None when the full command line must take it."""
    options = read_plain_arguments(argv)
    if options is None:
        return None
    days, min_leads = TODAY_DAYS, MIN_ACTIVE_LEADS
    # --count (a prompt, a status line) needs no setting: overdue and today do not depend on
    # any. Otherwise, with a config file, pay for tomllib and the checks.
    if not options.count and os.path.exists(paths.config_file()):
        from afterword.commands import load_settings

        config = load_settings()
        days, min_leads = config.ui.days, config.ui.min_active_leads
    show(options, paths.db_file(options.db), clock.now(), days, min_leads)
    return 0


def show(options: Options, db: str, now: datetime, days: int, min_leads: int) -> None:
    """Print the agenda as text, JSON or a count line."""
    from afterword.store import agenda as derived

    day = date.fromisoformat(options.date) if options.date else now.date()
    days = days if options.days is None else int(options.days)
    if os.path.exists(db):
        stored = derived.current(db)
        items = derived.items(stored)
        counts = (int(stored["active_interviews"]), int(stored["active_leads"]))
    else:
        items, counts = [], (0, 0)
    agenda = build_agenda(items, day, days)
    if options.json:
        print(
            shown_json(json.dumps(agenda.as_json(), ensure_ascii=False, indent=2, allow_nan=False))
        )
    elif options.count:
        if agenda.overdue or agenda.today:
            print(f"{len(agenda.overdue)} overdue, {len(agenda.today)} today")
    else:
        short = short_ids(item.id for item in items)  # all open ones: `done` looks there
        print(render(agenda, now, counts, min_leads, days, _colour_wanted(), short))
        _say_conflict_copies(db)


def _say_conflict_copies(db: str) -> None:
    """A sync tool's conflict copy beside the database, said on stderr (one listing of the
    folder): the plain agenda only, so --json and --count print what they always did."""
    from afterword.commands import note
    from afterword.store.copies import notices

    for sentence in notices(db):
        note(sentence)


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 0
    except OSError:
        return 0


def _title(item: AgendaItem) -> str:
    title = str(item.title)
    if item.person and item.person not in title:
        title += f" ({item.person})"
    note = waiting_note(item.title, item.waiting_for)
    return f"{title} ({note})" if note else title


def _what(item: AgendaItem) -> str:
    return f"{item.company} · {item.role}" if item.role else str(item.company)


def _cut(text: str, room: int) -> str:
    """``text`` in ``room`` characters, a cut shown with '…'."""
    return text if len(text) <= room else text[: max(room - 1, 0)] + "…"


class Layout:
    """The columns of the lines: the id's, the time's and the lead's widths (each its longest),
    the room left for the title (0: no limit). The lead takes what it needs up to what the
    titles leave it, never less than ``WHAT_WIDTH`` (or its longest) and never so much that a
    short terminal loses the titles; piped, the lead gets up to ``WHAT_WIDTH`` plus half again
    and titles are whole."""

    def __init__(
        self, items: list[AgendaItem], short: dict[str, str], width: int, whens: list[str]
    ) -> None:
        idents = [shown(short.get(i.id, i.id)) for i in items] or [""]
        self.ident = max(len(i) for i in idents)
        self.when = max((len(when) for when in whens), default=0)
        leads = max((len(shown(_what(i))) for i in items), default=0)
        titles = max((len(shown(_title(i))) for i in items), default=0)
        fixed = 2 + self.ident + 2 + self.when + 2
        if not width:
            self.what, self.room = min(leads, WHAT_WIDTH + WHAT_WIDTH // 2), 0
            return
        rest = width - fixed - 2  # the gap between lead and title
        floor = min(leads, WHAT_WIDTH if rest >= WHAT_WIDTH + 30 else (rest * 2) // 5)
        self.what = max(floor, min(leads, rest - titles))
        self.room = max(rest - self.what, 10)


def _when(item: AgendaItem, now: datetime) -> str:
    """'3 days late', 'tomorrow 09:00'; a waiting item is never late: 'due Mon 23 Nov'."""
    return waiting_words(item.due_at, now) if item.waiting_for else relative_words(item.due_at, now)


def _line(item: AgendaItem, when: str, paint: Paint, layout: Layout, style: str, ident: str) -> str:
    when = f"{when:<{layout.when}}"
    what = _cut(shown(_what(item)), layout.what)
    title = shown(_title(item))
    if layout.room:
        title = _cut(title, layout.room)
    ident = f"{shown(ident):<{layout.ident}}"  # an id imported before ids were checked: anything
    line = f"  {paint('dim', ident)}  {paint('late', when) if style == 'overdue' else when}  "
    return line + f"{what:<{layout.what}}  " + title


class Paint:
    """ANSI styles, or plain text when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"\033[{_STYLES[style]}m{text}\033[0m" if self.enabled else text


def render(
    agenda: Agenda,
    now: datetime,
    counts: tuple[int, int],
    min_leads: int,
    days: int,
    colour: bool,
    short: dict[str, str] | None = None,
) -> str:
    """The agenda as text; ``short`` gives each id as shown (its shortest unique prefix).
    Lateness is counted from the day shown (``--date``), at the clock's time of day."""
    paint, width = Paint(colour), _width()
    short = short or {}
    if agenda.day != now.date():
        now = datetime.combine(agenda.day, now.time(), tzinfo=now.tzinfo)
    n_over, n_today, n_next = len(agenda.overdue), len(agenda.today), len(agenda.upcoming)
    n_wait = len(agenda.waiting)
    head = f"{agenda.day:%A} {agenda.day.day} {agenda.day:%B %Y}: {n_over} overdue, "
    head += f"{n_today} due today, {n_next} in the next {_count(days, 'day', bare=True)}"
    lines = [head + (f", {n_wait} waiting" if n_wait else "")]
    sections = (
        ("overdue", "Overdue", agenda.overdue),
        ("today", "Today", agenda.today),
        ("upcoming", f"Next {_count(days, 'day', bare=True)}", agenda.upcoming),
        ("waiting", "Waiting", agenda.waiting),
    )
    shown_items = [i for _, _, items in sections for i in items]
    whens = [_when(i, now) for i in shown_items]
    layout = Layout(shown_items, short, width, whens)
    if not (n_over or n_today or n_next):  # first: what waits is not for today
        lines += ["", "Nothing due: a good morning to apply somewhere new."]
    said = iter(whens)
    for style, name, items in sections:
        if items:
            lines += ["", paint(style, name)]
            lines += [
                _line(i, next(said), paint, layout, style, short.get(i.id, i.id)) for i in items
            ]
    active, leads = counts
    lines += ["", f"{_count(active, 'active interview')} in {_count(leads, 'lead')}."]
    if leads < min_leads:
        lines.append(
            f"Only {_count(leads, 'active lead')}: keep at least {min_leads} applications going, "
            "so that no single answer decides your month."
        )
    return "\n".join(lines)


def _count(number: int, noun: str, *, bare: bool = False) -> str:
    """'1 lead', '2 leads'; ``bare``: 'day' for 1 ('the next day'), else '7 days'."""
    if bare and number == 1:
        return noun
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
