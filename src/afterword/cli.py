"""The command line: argparse and the one-shot commands. Never imports Textual.

Errors reach stderr as one line and exit with status 2; never a traceback for bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from afterword import __version__, clock, paths
from afterword.errors import AfterwordError

EXAMPLES = """\
examples:
  afterword                          open the app on Today
  afterword --demo                   try it on a temporary database of sample interviews
  afterword import backup.json       add the interviews of an export file
  afterword export -o backup.json    write the whole database as JSON
  afterword locate                   show where the config, data and templates live
"""


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
        description="Debrief, thank-you emails and follow-ups after a job interview.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _db_option(parser, None)
    parser.add_argument(
        "--demo", action="store_true", help="use a temporary database filled with sample data"
    )
    parser.add_argument("--version", action="version", version=f"afterword {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _db_option(p, argparse.SUPPRESS)
        return p

    p = command("import", "add interviews from an export file", "afterword import backup.json")
    p.add_argument("file", metavar="FILE", help="an Afterword JSON export")
    p.add_argument("--dry-run", action="store_true", help="check the file and write nothing")

    p = command("export", "write the whole database", "afterword export -o backup.json")
    p.add_argument("--format", choices=["json"], default="json", help="the file format")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of to stdout")

    p = command(
        "restore",
        "put a backup back (the file it replaces is kept aside)",
        "afterword restore afterword-20261125-090000.json",
    )
    p.add_argument(
        "backup", metavar="BACKUP", help="a backup file, or its name in the backups folder"
    )

    command("locate", "print the config, data and template paths", "afterword locate")
    return parser


# ---------------------------------------------------------------- commands


def _open(db: Path, *, read_only: bool):  # type: ignore[no-untyped-def]
    from afterword.store.repository import Repository

    return Repository.open(db, read_only=read_only)


def cmd_import(args: argparse.Namespace, db: Path) -> int:
    from afterword.config import load_config
    from afterword.exchange.json_file import plan_import, read_document

    config, problems = load_config()
    _warn(problems)
    source = Path(args.file)
    document = read_document(source)
    with _open(db, read_only=bool(args.dry_run)) as repo:
        follow_up_ids = {f.id for i in repo.interviews() for f in i.follow_ups}
        plan = plan_import(document, source, repo.ids(), follow_up_ids, config.schedule)
        count = len(plan.interviews)
        ruled = (
            f" ({plan.scheduled} got follow-ups from the schedule rules)" if plan.scheduled else ""
        )
        if args.dry_run:
            print(f"Would import {count} interview(s){ruled} into {db}; nothing was written.")
            return 0
        backup = repo.storage.backup_now(reason="before-import")
        repo.add_all(plan.interviews)
        print(f"Imported {count} interview(s){ruled} into {db}.")
        if backup is not None:
            print(f"The database as it was before is backed up in {backup}.")
        _warn(repo.storage.warnings)
    return 0


def cmd_export(args: argparse.Namespace, db: Path) -> int:
    from afterword.exchange.json_file import dumps, export_document

    if not db.exists():
        raise AfterwordError(f"There is no database at {db} yet; nothing to export.")
    with _open(db, read_only=True) as repo:
        text = dumps(export_document(repo.interviews(), clock.now()))
    if args.output:
        from afterword.store.atomic import write_atomically

        target = Path(args.output)
        try:
            write_atomically(target, text.encode("utf-8"))
        except OSError as error:
            raise AfterwordError(f"Cannot write {target}: {error.strerror or error}.") from None
        print(f"Exported {len(repo)} interview(s) to {target}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_restore(args: argparse.Namespace, db: Path) -> int:
    from afterword.store.restore import restore

    done = restore(db, args.backup, clock.now())
    print(f"Restored {db} from {done.backup}.")
    if done.kept_aside is not None:
        print(f"The file it replaced is kept as {done.kept_aside}.")
    return 0


def cmd_locate(args: argparse.Namespace, db: Path) -> int:
    from afterword.store.backups import backup_dir

    rows = [
        ("config", paths.config_path()),
        ("database", db),
        ("backups", backup_dir(db)),
        ("templates", paths.templates_dir()),
        ("state", paths.state_dir()),
    ]
    for name, path in rows:
        note = "" if path.exists() else "  (not there yet)"
        print(f"{name:<10} {path}{note}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "import": cmd_import,
    "export": cmd_export,
    "restore": cmd_restore,
    "locate": cmd_locate,
}


def _warn(problems: Sequence[str]) -> None:
    for problem in problems:
        print(f"afterword: {problem}", file=sys.stderr)


def _demo_db() -> Path:
    """A fresh temporary database of sample interviews, removed when the process exits."""
    import atexit
    import shutil
    import tempfile

    from afterword.demo import write_demo_database

    folder = Path(tempfile.mkdtemp(prefix="afterword-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / paths.DB_NAME
    write_demo_database(path, clock.now())
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        db = _demo_db() if args.demo else paths.db_path(args.db)
        if args.command is None:
            parser.print_help()
            return 0
        return COMMANDS[args.command](args, db)
    except AfterwordError as error:
        print(f"afterword: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("afterword: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`afterword export | head`): not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
