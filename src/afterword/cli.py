"""The command line: argparse and the one-shot commands. Never imports Textual.

Errors reach stderr as one line and exit with status 2; never a traceback for bad input. The
line's control characters are shown as escapes (``commands.note``): an error may quote a
name or a company from an import.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from afterword import __version__, clock, paths
from afterword.commands import note
from afterword.domain.words import shown
from afterword.errors import AfterwordError

Example = tuple[str, str]  # (an invocation, what it does): the help's "examples:" section

EXAMPLES: list[Example] = [
    ("afterword", "open the app on Today"),
    ("afterword --demo", "try it on a temporary database of sample interviews"),
    ("afterword today", "what is overdue, due today and coming up"),
    ("afterword done 3fa2", "mark the follow-up whose id starts with 3fa2 done"),
    ('afterword snooze 71b9 "mon 9am"', "move the follow-up 71b9 to Monday 09:00"),
    ("afterword import invite.ics", "an interview from a calendar invitation"),
    ("afterword export -o backup.json", "write the whole database as JSON"),
    ("afterword export --format ics", "interviews and follow-ups for your calendar"),
    ("afterword draft 8c1e", "the email the follow-up 8c1e calls for, on stdout"),
    ("afterword proofread 5d07", "check the drafts of that follow-up's interview"),
    ("afterword merge laptop.json", "merge another copy of the database in"),
    ("afterword locate", "show where the config, data and templates live"),
]


def examples_text(examples: Sequence[Example]) -> str:
    """The help's closing section: one invocation a line, what it does beside it."""
    width = max(len(invocation) for invocation, _ in examples) + 2
    lines = [f"  {invocation:<{width}}{what}".rstrip() for invocation, what in examples]
    return "examples:\n" + "\n".join(lines) + "\n"


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the database file (default: $AFTERWORD_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="afterword",
        description="Debrief, thank-you emails and follow-ups after a job interview. "
        "Without a command: the full-screen app.",
        epilog=examples_text(EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(parser, None)
    parser.add_argument(
        "--demo", action="store_true", help="use a temporary database filled with sample data"
    )
    parser.add_argument("--version", action="version", version=f"afterword {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, *examples: Example) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=examples_text(examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _db_option(p, argparse.SUPPRESS)
        return p

    p = command(
        "today",
        "the morning agenda: overdue, due today, coming up",
        ("afterword today", "overdue, due today and the next 7 days ([ui] days)"),
        ("afterword today --days 3", "only three days ahead"),
        ("afterword today --date fri", "the agenda as it will stand on Friday"),
        ("afterword today --count", "'2 overdue, 3 today' for a status line (nothing if clear)"),
        ("afterword today --json", "the same for scripts"),
    )
    p.add_argument(
        "--date", metavar="D", help="the day to show (default: today): 2026-12-01, fri, +3d"
    )
    p.add_argument("--days", metavar="N", type=int, help="how many days ahead (default 7)")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON for scripts")
    shape.add_argument(
        "--count", action="store_true", help="one short line for a status bar or prompt"
    )

    p = command(
        "done",
        "mark a follow-up done (a check-in done with no reply schedules the next one)",
        ("afterword done 3fa2", "the follow-up whose id starts with 3fa2 (afterword today)"),
        ("afterword done 3fa2 --yes", "a check-in more than a day early, without asking"),
    )
    p.add_argument("id", metavar="ID", help="the follow-up's id (any unique prefix)")
    p.add_argument(
        "--yes",
        action="store_true",
        help="do not ask before marking a check-in done more than a day early "
        "(without a terminal to ask on, needed for that)",
    )

    p = command(
        "snooze",
        "move a follow-up to a later time",
        ('afterword snooze 71b9 "mon 9am"', "the follow-up 71b9 (afterword today) to Monday 09:00"),
        ("afterword snooze 71b9 +3d", "three days from now"),
    )
    p.add_argument("id", metavar="ID", help="the follow-up's id (any unique prefix)")
    p.add_argument(
        "when",
        metavar="WHEN",
        nargs="+",
        help="a date phrase: tomorrow, fri 2pm, +3d, in 2 weeks, end of month, or a day and time "
        "as YYYY-MM-DD HH:MM",
    )

    p = command(
        "import",
        "add interviews from an export file, or from a calendar invitation (.ics)",
        ("afterword import ~/Downloads/invite.ics --dry-run", "what the invitation would add"),
        ("afterword import ~/Downloads/invite.ics", "add it (again: moves a moved interview)"),
        ("afterword import backup.json", "the interviews of an `afterword export`"),
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help="an Afterword JSON export, or an interview invitation from Google, Outlook or "
        "Apple Calendar (.ics): a moved invitation updates the interview it made",
    )
    p.add_argument("--dry-run", action="store_true", help="check the file and write nothing")

    p = command(
        "export",
        "write the whole database: JSON, a calendar, a spreadsheet or Taskwarrior tasks",
        ("afterword export -o backup.json", "everything, as JSON (import takes it back)"),
        ("afterword export --format ics -o aw.ics", "then: khal import --batch -a CALENDAR aw.ics"),
        ("afterword export --format ics --todos", "with the follow-ups as to-dos"),
        ("afterword export --format ics --attendees", "with the interviewers as attendees"),
        ("afterword export --format taskwarrior | task import", "the follow-ups as tasks"),
        ("afterword export --format csv -o interviews.csv", "one row per interview"),
    )
    p.add_argument(
        "--format",
        choices=["json", "ics", "csv", "taskwarrior"],
        default="json",
        help="json: everything, for import; ics: interviews and follow-ups as calendar events "
        "(done or cancelled ones called off, so a later import closes them); csv: one row per "
        "interview; taskwarrior: follow-ups for `task import` (pending, completed or deleted)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of to stdout")
    p.add_argument(
        "--todos",
        action="store_true",
        help="with --format ics: the follow-ups as to-dos (VTODO, with DUE) instead of events",
    )
    p.add_argument(
        "--attendees",
        action="store_true",
        help="with --format ics: the interviewers with an address as ATTENDEEs too (a calendar "
        "app may then offer to email them when you edit the event); by default they are only "
        "named in the description",
    )

    p = command(
        "restore",
        "put a backup of this database back (the file it replaces is kept aside)",
        ("afterword restore afterword.json.20261125-090000.json", "a file in backups/"),
    )
    p.add_argument(
        "backup", metavar="BACKUP", help="a backup file, or its name in the backups folder"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="put back a backup of another database (another lineage) all the same",
    )

    p = command(
        "draft",
        "write an interview's email from its template and print it as an RFC 5322 message",
        ("afterword draft 8c1e", "the follow-up 8c1e's email, on stdout"),
        ("afterword draft 8c1e | msmtp -t", "the same, sent with msmtp"),
        ("afterword draft a40f --to Dana", "interview a40f's thank-you to Dana"),
        ("afterword draft a40f --template check-in --eml check-in.eml", "kept as a file too"),
    )
    p.add_argument(
        "id",
        metavar="ID",
        help="a follow-up's id as `afterword today` prints it, or an interview's (any unique "
        "prefix)",
    )
    p.add_argument(
        "--template",
        metavar="NAME",
        help="thank-you, ask-recruiter, via-recruiter, check-in, close-out or one of yours "
        "(default: what the interview needs next)",
    )
    p.add_argument("--to", metavar="PERSON", help="whom it is for: an interviewer's name or part")
    p.add_argument("--eml", metavar="FILE", help="also write the message to this file (0600)")

    p = command(
        "proofread",
        "check an interview's drafts, or a text file, against its record "
        "(exit 0 clean, 1 with findings, 2 error)",
        ("afterword proofread 5d07", "every draft of the follow-up 5d07's interview"),
        ("afterword proofread c3e2 --draft 2", "only interview c3e2's second draft"),
        ("afterword proofread c3e2 --file thanks.txt", "a text written elsewhere"),
    )
    p.add_argument(
        "id",
        metavar="ID",
        help="a follow-up's id as `afterword today` prints it (its interview's drafts), or an "
        "interview's (any unique prefix)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--draft",
        metavar="N",
        help="only this draft: its number in the list, or 4 or more characters of its id",
    )
    which.add_argument(
        "--file",
        metavar="F",
        help="a text file: an optional first line 'Subject: …', a blank line, the body",
    )

    p = command(
        "merge",
        "merge another copy of this database in (a sync conflict's copy, another machine's), "
        "record by record; conflicts are kept on the records, yours kept",
        ("afterword merge afterword.sync-conflict-*.json", "a copy Syncthing kept aside"),
        ("afterword merge ~/laptop/afterword.json --dry-run", "what it would do; nothing written"),
    )
    p.add_argument("file", metavar="FILE", help="the other copy of the database")
    p.add_argument("--dry-run", action="store_true", help="say what it would do; write nothing")

    p = command(
        "merge-driver",
        "git's merge driver for a database kept in git: merges THEIRS into OURS "
        "(exit 0 merged, 1 a side unreadable)",
        ("afterword merge-driver %O %A %B", "as git runs it, once set up (docs/sync.md)"),
    )
    p.description = (
        f"{p.description}\n\nSet up in the repository holding the database:\n"
        '  git config merge.afterword.driver "afterword merge-driver %O %A %B"\n'
        "  echo 'afterword.json merge=afterword' >> .gitattributes"
    )
    p.add_argument("base", metavar="BASE", help="the common ancestor (git's %%O)")
    p.add_argument("ours", metavar="OURS", help="ours (git's %%A): the merge is written here")
    p.add_argument("theirs", metavar="THEIRS", help="theirs (git's %%B)")

    command(
        "locate",
        "print the config, data and template paths",
        ("afterword locate", "config.toml, the database, backups, templates"),
    )
    return parser


# command name -> (module, function): imported only when run, so `today` stays light
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("afterword.commands.agenda", "cmd_today"),
    "done": ("afterword.commands.agenda", "cmd_done"),
    "snooze": ("afterword.commands.agenda", "cmd_snooze"),
    "import": ("afterword.commands.data", "cmd_import"),
    "export": ("afterword.commands.data", "cmd_export"),
    "restore": ("afterword.commands.data", "cmd_restore"),
    "locate": ("afterword.commands.data", "cmd_locate"),
    "merge": ("afterword.commands.merge", "cmd_merge"),
    "merge-driver": ("afterword.commands.merge", "cmd_merge_driver"),
    "draft": ("afterword.commands.mail", "cmd_draft"),
    "proofread": ("afterword.commands.proofread", "cmd_proofread"),
}


def run_command(name: str, args: argparse.Namespace, db: Path) -> int:
    module, function = COMMANDS[name]
    command: Callable[[argparse.Namespace, Path], int] = getattr(
        importlib.import_module(module), function
    )
    return command(args, db)


def _demo_db() -> Path:
    """A fresh temporary database of sample interviews, removed when the process exits."""
    import atexit
    import shutil
    import tempfile

    from afterword.demo import write_demo_database

    folder = Path(os.path.realpath(tempfile.mkdtemp(prefix="afterword-demo-")))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / paths.DB_NAME
    write_demo_database(path, clock.now())
    return path


DEMO_GONE = "the demo's changes are gone (it ran on a temporary copy)."  # one line at 80


def run_app(db: Path, *, demo: bool = False) -> int:
    """The full-screen app (see ``_run_app``). ``demo``: ``db`` is the demo's temporary copy,
    removed at exit: the title bar says so, and a last line once the terminal is back."""
    try:
        return _run_app(db, demo)
    finally:
        if demo:
            note(DEMO_GONE)


def _run_app(db: Path, demo: bool) -> int:
    """The full-screen app; Textual is imported only here.

    An error nobody expected ends it with status 1: the terminal restored, the traceback shown
    without messages or variables, a crash report written (afterword.crash) and its path said.
    """
    from afterword import crash
    from afterword.config import load_config, write_default_config
    from afterword.store.lock import AppLock

    # No cycle collection until the interviews are read (the app turns it back on then, see
    # AfterwordApp.load_data): its full passes over the objects of Textual and of the data as
    # they pile up would otherwise cost a sixth of the start and a quarter of the load.
    gc.disable()
    write_default_config(paths.config_path())
    config, problems = load_config()
    lock = AppLock(db)
    lock.acquire()  # a second copy of the app is refused here, before the screen is taken over
    try:
        from afterword.tui.app import AfterwordApp
        from afterword.tui.stopping import remember_terminal

        app = AfterwordApp(db, config, lock=lock, now=clock.now, problems=problems, demo=demo)
        remember_terminal()  # so a stop signal can give the terminal back even mid-freeze
        app.run()
    except AfterwordError:
        raise
    except Exception as error:  # outside the app's own loop: reported the same way
        return crash.report(error)
    finally:
        lock.release()
    for failure in app.save_failures:  # shown in the app too; repeated where it stays visible
        note(failure)
    if app.crashed:
        print(shown(crash.sentence(app.crash_report, app.crash_problem)), file=sys.stderr)
        return app.return_code or 1
    return app.return_code or (2 if app.save_failures else 0)


def app_only(argv: Sequence[str]) -> tuple[str | None, bool] | None:
    """(the --db value, --demo) when the arguments only start the app (none, ``--db PATH``,
    ``--db=PATH``, ``--demo``), so that the app starts without building the parser of every
    command (a few milliseconds of argparse); None for anything else, left to the parser."""
    db: str | None = None
    demo = False
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo" and not demo:
            demo = True
        elif arg == "--db" and db is None and rest and rest[0] and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and db is None and len(arg) > len("--db="):
            db = arg[len("--db=") :]
        else:
            return None
    return db, demo


def main(argv: Sequence[str] | None = None) -> int:
    plain = app_only(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv) if plain is None else None
    try:
        if args is None:
            assert plain is not None
            db_option, demo = plain
            return run_app(_demo_db() if demo else paths.db_path(db_option), demo=demo)
        db = _demo_db() if args.demo else paths.db_path(args.db)
        if args.command is None:
            return run_app(db, demo=args.demo)
        return run_command(args.command, args, db)
    except AfterwordError as error:
        note(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        note("interrupted.")
        return 130
    except BrokenPipeError:
        # the reader went away (`afterword export | head`): not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
