"""The morning review from the shell: `afterword today`, `done` and `snooze`.

`today` reads the small derived agenda file when it is fresh, so it answers without loading the
whole database (and never imports Textual).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from afterword import clock
from afterword.commands import open_repository, warn
from afterword.domain.agenda import Agenda, AgendaItem, build_agenda
from afterword.errors import AfterwordError

_STYLES = {"overdue": "1;31", "today": "1;33", "upcoming": "1", "dim": "2", "late": "31"}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        return f"\033[{_STYLES[style]}m{text}\033[0m" if self.enabled else text


def _colour_wanted() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _settings() -> tuple[Any, list[str]]:
    from afterword.config import load_config

    return load_config()


def _day(text: str | None, now: datetime, dayfirst: bool) -> date:
    if not text:
        return now.date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    from afterword.domain.dates import DateNotUnderstood, parse_when

    try:
        return parse_when(text, now, dayfirst=dayfirst).value.date()
    except DateNotUnderstood as error:
        raise AfterwordError(f"--date: {error}") from None


def _line(item: AgendaItem, now: datetime, paint: _Paint, width: int, late: bool) -> str:
    from afterword.domain.dates import relative_words

    when = relative_words(item.due_at, now)
    what = f"{item.company} · {item.role}" if item.role else item.company
    title = item.title
    if item.person and item.person not in title:
        title += f" ({item.person})"
    when_text = paint("late", f"{when:<16}") if late else f"{when:<16}"
    line = f"  {paint('dim', item.id)}  {when_text}  {what[:34]:<34}  "
    room = width - (2 + len(item.id) + 2 + 16 + 2 + 34 + 2)
    if width and room > 10 and len(title) > room:
        title = title[: room - 1] + "…"
    return line + title


def render(
    agenda: Agenda, now: datetime, counts: tuple[int, int], min_leads: int, days: int, paint: _Paint
) -> str:
    width = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    n_over, n_today, n_next = len(agenda.overdue), len(agenda.today), len(agenda.upcoming)
    head = f"{agenda.day:%A %-d %B %Y}: {n_over} overdue, {n_today} due today, "
    head += f"{n_next} in the next {days} day{'s' if days != 1 else ''}"
    lines = [head]
    sections = (
        ("overdue", "Overdue", agenda.overdue),
        ("today", "Today", agenda.today),
        ("upcoming", f"Next {days} days", agenda.upcoming),
    )
    for style, name, items in sections:
        if items:
            lines += ["", paint(style, name)]
            lines += [_line(i, now, paint, width, style == "overdue") for i in items]
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


def cmd_today(args: argparse.Namespace, db: Path) -> int:
    from afterword.store import agenda as derived

    config, problems = _settings()
    warn(problems)
    now = clock.now()
    day = _day(args.date, now, config.ui.dayfirst)
    days = config.ui.days if args.days is None else args.days
    if days < 0:
        raise AfterwordError("--days must be 0 or more.")
    if db.exists():
        stored = derived.current(db)
        items = derived.items(stored)
        counts = (int(stored["active_interviews"]), int(stored["active_leads"]))
    else:
        items, counts = [], (0, 0)
    agenda = build_agenda(items, day, days)
    if args.json:
        print(json.dumps(agenda.as_json(), ensure_ascii=False, indent=2))
    elif args.count:
        if agenda.overdue or agenda.today:
            print(f"{len(agenda.overdue)} overdue, {len(agenda.today)} today")
    else:
        paint = _Paint(_colour_wanted())
        print(render(agenda, now, counts, config.ui.min_active_leads, days, paint))
    return 0


def _save_and_report(repo: Any, interview: Any, messages: list[str]) -> int:
    repo.save(interview)
    repo.refresh_agenda()
    for message in messages:
        print(message)
    warn(repo.storage.warnings)
    return 0


def cmd_done(args: argparse.Namespace, db: Path) -> int:
    from afterword.domain.schedule import mark_done

    config, problems = _settings()
    warn(problems)
    with open_repository(db, read_only=False) as repo:
        interview, item = repo.find_follow_up(args.id)
        outcome = mark_done(interview, item.id, clock.now(), config.schedule)
        if outcome.suggest_close_out:
            outcome.messages.append(
                f"To close it: mark {interview.company} cold in the app and send the close-out."
            )
        return _save_and_report(repo, interview, outcome.messages)


def cmd_snooze(args: argparse.Namespace, db: Path) -> int:
    from afterword.domain.dates import DateNotUnderstood, parse_when
    from afterword.domain.schedule import snooze

    config, problems = _settings()
    warn(problems)
    now = clock.now()
    phrase = " ".join(args.when)
    try:
        when = parse_when(
            phrase,
            now,
            dayfirst=config.ui.dayfirst,
            default_time=time(config.schedule.check_in_hour),
        )
    except DateNotUnderstood as error:
        raise AfterwordError(str(error)) from None
    if when.is_past(now):
        raise AfterwordError(
            f"{phrase!r} is {when.in_words()}, which is in the past; give a later time."
        )
    with open_repository(db, read_only=False) as repo:
        interview, item = repo.find_follow_up(args.id)
        outcome = snooze(interview, item.id, when.value)
        return _save_and_report(repo, interview, outcome.messages)
