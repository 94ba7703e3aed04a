"""The morning review from the shell: `done`, `snooze`, and `today` in its full form.

The plain `today` is answered by ``commands.today`` without argparse; this is the path for
everything else (a date phrase, settings from config.toml, mistakes that need a sentence).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from afterword import clock
from afterword.commands import load_settings, open_repository, say, warn
from afterword.domain.words import shown
from afterword.errors import AfterwordError


def _day(text: str | None, now: datetime, dayfirst: bool) -> str | None:
    """--date as an ISO date: an ISO date as it is, or a phrase such as `tomorrow` resolved."""
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    from afterword.domain.dates import DateNotUnderstood, parse_when

    try:
        return parse_when(text, now, dayfirst=dayfirst).value.date().isoformat()
    except DateNotUnderstood as error:
        raise AfterwordError(f"--date: {error}") from None


def cmd_today(args: argparse.Namespace, db: Path) -> int:
    from afterword.commands.today import Options, show

    config = load_settings()
    now = clock.now()
    options = Options()
    options.date = _day(args.date, now, config.ui.dayfirst)
    options.days = args.days
    options.json, options.count = args.json, args.count
    if args.days is not None and args.days < 0:
        raise AfterwordError("--days must be 0 or more.")
    show(options, str(db), now, config.ui.days, config.ui.min_active_leads)
    return 0


def _save_and_report(repo: Any, interview: Any, messages: list[str]) -> int:
    repo.save(interview)
    repo.refresh_agenda()
    for message in messages:
        say(message)  # they name the interview: text from outside
    warn(repo.storage.warnings)
    return 0


def _early_answer(item: Any, now: datetime, company: str) -> bool:
    """Rule 5: a check-in marked done more than a day early is asked about first; on a terminal
    the answer is y or n, anywhere else (a script, a cron job) the way through is --yes."""
    from afterword.domain.schedule import due_ahead, early_question

    if not sys.stdin.isatty():
        raise AfterwordError(f"{due_ahead(item, now, company)}: add --yes to mark it done already.")
    try:
        answer = input(shown(f"{early_question(item, now, company)} [y/N] "))
    except EOFError:
        answer = ""
    return answer.strip().casefold() in ("y", "yes")


def cmd_done(args: argparse.Namespace, db: Path) -> int:
    from afterword.domain.schedule import done_early, mark_done

    config = load_settings()
    now = clock.now()
    confirmed = args.yes
    while True:  # twice at most: a check-in more than a day early is asked about first
        with open_repository(db, read_only=False) as repo:
            interview, item = repo.find_follow_up(args.id)
            if confirmed or not done_early(item, now):
                outcome = mark_done(interview, item.id, now, config.schedule)
                if outcome.suggest_close_out:
                    outcome.messages.append(
                        f"To close it: mark {interview.company} cold in the app and send the "
                        "close-out."
                    )
                return _save_and_report(repo, interview, outcome.messages)
        # asked with the writer's lock let go: the answer may take a while
        if not _early_answer(item, now, interview.company):
            say("Nothing changed.")
            return 0
        confirmed = True


def cmd_snooze(args: argparse.Namespace, db: Path) -> int:
    from afterword.domain.dates import DateNotUnderstood, parse_when
    from afterword.domain.schedule import snooze

    config = load_settings()
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
