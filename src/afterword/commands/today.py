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
from afterword.domain.agenda import Agenda, AgendaItem, build_agenda, short_ids
from afterword.domain.words import relative_words, shown, shown_json

_STYLES = {"overdue": "1;31", "today": "1;33", "upcoming": "1", "dim": "2", "late": "31"}
_OPTIONS = ("--db", "--date", "--days")
WHEN_WIDTH = 20  # the longest relative_words, 'Tue 5 Jan 2027 09:00'
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


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _width() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 0
    except OSError:
        return 0


def _line(item: AgendaItem, now: datetime, paint: Paint, width: int, late: bool, ident: str) -> str:
    when = f"{relative_words(item.due_at, now):<{WHEN_WIDTH}}"
    what = shown(f"{item.company} · {item.role}" if item.role else str(item.company))
    title = str(item.title)
    if item.person and item.person not in title:
        title += f" ({item.person})"
    title = shown(title)
    ident = shown(ident)  # an id imported before ids were checked may hold anything
    line = f"  {paint('dim', ident)}  {paint('late', when) if late else when}  "
    line += f"{what[:WHAT_WIDTH]:<{WHAT_WIDTH}}  "
    room = width - (2 + len(ident) + 2 + WHEN_WIDTH + 2 + WHAT_WIDTH + 2)
    if width and room > 10 and len(title) > room:
        title = title[: room - 1] + "…"
    return line + title


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
    """The agenda as text; ``short`` gives each id as shown (its shortest unique prefix)."""
    paint, width = Paint(colour), _width()
    short = short or {}
    n_over, n_today, n_next = len(agenda.overdue), len(agenda.today), len(agenda.upcoming)
    plural = "s" if days != 1 else ""
    lines = [
        f"{agenda.day:%A} {agenda.day.day} {agenda.day:%B %Y}: {n_over} overdue, "
        f"{n_today} due today, {n_next} in the next {days} day{plural}"
    ]
    sections = (
        ("overdue", "Overdue", agenda.overdue),
        ("today", "Today", agenda.today),
        ("upcoming", f"Next {days} day{plural}", agenda.upcoming),
    )
    for style, name, items in sections:
        if items:
            lines += ["", paint(style, name)]
            lines += [
                _line(i, now, paint, width, style == "overdue", short.get(i.id, i.id))
                for i in items
            ]
    if not (n_over or n_today or n_next):
        lines += ["", "Nothing due: a good morning to apply somewhere new."]
    active, leads = counts
    lines += ["", f"{active} active interview{'s' if active != 1 else ''} in {leads} lead(s)."]
    if leads < min_leads:
        lines.append(
            f"Only {leads} active lead(s): keep at least {min_leads} applications going, "
            "so that no single answer decides your month."
        )
    return "\n".join(lines)
