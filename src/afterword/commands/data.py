"""One-shot commands on the data: import, export, restore, locate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from afterword import clock, paths
from afterword.commands import load_settings, open_repository, warn
from afterword.errors import AfterwordError


def cmd_import(args: argparse.Namespace, db: Path) -> int:
    from afterword.exchange.json_file import plan_import, read_document

    config = load_settings()
    source = Path(args.file)
    document = read_document(source)
    with open_repository(db, read_only=bool(args.dry_run)) as repo:
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
        warn(repo.storage.warnings)
    return 0


def cmd_export(args: argparse.Namespace, db: Path) -> int:
    from afterword.exchange.json_file import dumps, export_document

    if not db.exists():
        raise AfterwordError(f"There is no database at {db} yet; nothing to export.")
    with open_repository(db, read_only=True) as repo:
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
