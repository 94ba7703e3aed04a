"""`afterword merge FILE` and `afterword merge-driver BASE OURS THEIRS`: two copies of the
database made one, record by record (``domain.merge``).

``merge`` takes another copy of this database (a sync conflict's copy, another machine's file)
and merges it in: the base is the newest backup of this database that both copies grew from,
when there is one. ``merge-driver`` is git's merge driver for a database kept in git: it reads
the three files git gives it and writes the merge over ours, taking no lock and never touching
the user's own database. Conflicts are kept on the records (``conflicts``), never as markers.

Both change the records only through the repository (``save``, ``add_all``, ``delete``, in one
batch): the driver on a private copy of ours, which then replaces ours atomically.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from afterword import clock
from afterword.commands import note, open_repository, say, warn
from afterword.domain.merge import MISSING, MergedRecords, merge_records, value_at
from afterword.domain.records import interview_from_dict, interview_to_dict
from afterword.errors import AfterwordError
from afterword.store import migrations
from afterword.store.atomic import write_atomically
from afterword.store.backups import Backups
from afterword.store.repository import Repository
from afterword.store.restore import database_problem

Records = dict[str, dict[str, Any]]
VALUE_ROOM = 60  # characters of a value shown in a conflict's line


class MergeRefused(AfterwordError):
    """A copy cannot be merged (not an Afterword database, damaged, unreadable); nothing was
    written."""


@dataclass
class Copy:
    """One side of a merge: its records by id (as the data format writes them) and its _meta."""

    records: Records
    meta: dict[str, Any]

    @property
    def lineage(self) -> str | None:
        lineage = self.meta.get("lineage")
        return lineage if isinstance(lineage, str) and lineage else None

    @property
    def generation(self) -> int:
        value = self.meta.get("generation")
        return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _normal(doc: dict[str, Any]) -> dict[str, Any]:
    """A record as Afterword writes it, so that two copies differ only where their data does."""
    return interview_to_dict(interview_from_dict(doc))


def copy_of(path: Path, nothing: str) -> Copy:
    """The records of the database file ``path``; MergeRefused (one sentence ending in
    ``nothing``) when it is not an Afterword database whose records read."""
    from afterword.files import read_or_refuse

    payload = read_or_refuse(
        path,
        MergeRefused,
        not_a=f"not a database file; {nothing}",
        cap_of="any Afterword database",
        nothing=nothing,
        folder="give the copy of the database to merge",
    )
    return copy_of_bytes(path, payload, nothing)


def copy_of_bytes(path: Path, payload: bytes, nothing: str) -> Copy:
    data = database_problem(payload)
    if isinstance(data, tuple):
        problem, _ = data
        raise MergeRefused(f"{path} {problem}; {nothing}")
    records = {
        str(doc["id"]): _normal(doc)
        for doc in (data.get(migrations.INTERVIEWS) or {}).values()
        if "id" in doc
    }
    return Copy(records, dict(migrations.meta(data)))


def _revs_not_past(base: Records, side: Records) -> bool:
    """True when no record of ``base`` has a higher rev than the same record on ``side`` (revs
    only rise, so such a base cannot be an ancestor of that side)."""

    def rev(record: dict[str, Any]) -> int:
        value = record.get("rev")
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    return all(rev(record) <= rev(side[i]) for i, record in base.items() if i in side)


def choose_base(db: Path, mine: Copy, theirs: Copy) -> tuple[Path | None, Records]:
    """The newest backup of ``db`` both copies can have grown from: of their lineage, of a
    generation no later than either's, no record's rev past either's. (None, {}) when none."""
    lineage = mine.lineage
    if lineage is None or theirs.lineage != lineage:
        return None, {}
    oldest = min(mine.generation, theirs.generation)
    for candidate in reversed(Backups(db).all()):
        try:
            backup = copy_of(candidate, "skipped.")
        except MergeRefused:
            continue
        if (
            backup.lineage == lineage
            and backup.generation <= oldest
            and _revs_not_past(backup.records, mine.records)
            and _revs_not_past(backup.records, theirs.records)
        ):
            return candidate, backup.records
    return None, {}


def apply(
    repo: Repository, mine: Records, merged: MergedRecords, theirs: dict[str, Any] | None = None
) -> None:
    """Make the repository hold the merged records, in one save (which names the other copy's
    saves among those it follows, ``theirs``: its _meta)."""
    if theirs:
        saves = [theirs.get("save"), *(theirs.get("history") or [])]
        repo.storage.merged_from += [s for s in saves if isinstance(s, str)]
    with repo.batch():
        for ident in mine:
            if ident not in merged.records:
                repo.delete(ident)
        new = []
        for ident, record in merged.records.items():
            if ident not in mine:
                new.append(interview_from_dict(record))
            elif record != mine[ident]:
                repo.save(interview_from_dict(record))
        if new:
            repo.add_all(new)


def _value(value: Any) -> str:
    if value is MISSING or value is None:
        text = "(nothing)"
    elif isinstance(value, str):
        text = repr(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= VALUE_ROOM else text[: VALUE_ROOM - 1] + "…"


def summary_lines(merged: MergedRecords) -> list[str]:
    """What the merge did, one line per kind, then each conflict on a line of its own."""
    summary = merged.summary
    line = summary.sentence()
    if summary.conflict_count:
        line += " (yours kept; theirs noted on the record, shown in the app)"
    lines = [line + "."]
    for ident, found in summary.conflicts.items():
        record = merged.records.get(ident, {})
        company = record.get("company") or ident
        for conflict in found:
            ours = value_at(record, str(conflict.get("path")))
            lines.append(
                f"  {company}, {conflict.get('path')}: yours {_value(ours)}, "
                f"theirs {_value(conflict.get('theirs'))}"
            )
    return lines


def _base_line(base: Path | None) -> str:
    if base is None:
        return (
            "Base: none (no backup of this database that both copies grew from), so every "
            "field that differs is a conflict, yours kept."
        )
    return f"Base: the backup {base}."


def cmd_merge(args: argparse.Namespace, db: Path) -> int:
    source = Path(args.file).expanduser()
    dry_run = bool(args.dry_run)
    nothing = "nothing was merged."
    theirs = copy_of(source, nothing)
    with open_repository(db, read_only=dry_run) as repo:
        mine = Copy({i.id: interview_to_dict(i) for i in repo.interviews()}, _meta_of(repo.path))
        base_path, base = choose_base(repo.path, mine, theirs)
        merged = merge_records(base, mine.records, theirs.records, clock.now())
        if dry_run:
            say(f"Merging {source} into {db} would make: {summary_lines(merged)[0]}")
            _say_rest(merged, base_path)
            say("Nothing was written (--dry-run).")
            return 0
        backup = repo.storage.backup_now(reason="before-merge")
        apply(repo, mine.records, merged, theirs.meta)
        with contextlib.suppress(OSError):
            repo.refresh_agenda()
        say(f"Merged {source} into {db}: {summary_lines(merged)[0]}")
        _say_rest(merged, base_path)
        if backup is not None:
            say(f"The database as it was before is backed up in {backup}.")
        say(f"{source} is left as it was: delete it once you are content with the merge.")
        warn(repo.storage.warnings)
    return 0


def _say_rest(merged: MergedRecords, base: Path | None) -> None:
    for line in summary_lines(merged)[1:]:
        say(line)
    say(_base_line(base))


def _meta_of(path: Path) -> dict[str, Any]:
    """This database's _meta (lineage, generation), read from its file; {} when there is none."""
    try:
        payload = path.read_bytes()
    except OSError:
        return {}
    data = database_problem(payload)
    return dict(migrations.meta(data)) if isinstance(data, dict) else {}


def cmd_merge_driver(args: argparse.Namespace, db: Path) -> int:
    """git's merge driver (%O %A %B): 0 merged (over %A), 1 a side could not be read."""
    nothing = "git's merge is left to you; the file is as it was."
    ours_path = Path(args.ours)
    try:
        base_payload = Path(args.base).read_bytes() if args.base else b""
        base = (
            copy_of_bytes(Path(args.base), base_payload, nothing).records
            if base_payload.strip()
            else {}
        )
        ours = copy_of(ours_path, nothing)
        theirs = copy_of(Path(args.theirs), nothing)
    except (MergeRefused, OSError) as error:
        note(str(error) if isinstance(error, MergeRefused) else f"{error}; {nothing}")
        return 1
    merged = merge_records(base, ours.records, theirs.records, clock.now())
    try:
        with tempfile.TemporaryDirectory(prefix="afterword-merge-") as folder:
            work = Path(folder) / "afterword.json"
            shutil.copyfile(ours_path, work)
            with Repository.open(work) as repo:
                mine = {i.id: interview_to_dict(i) for i in repo.interviews()}
                apply(repo, mine, merged, theirs.meta)
            write_atomically(ours_path, work.read_bytes())
    except OSError as error:
        note(f"Could not write the merge over {ours_path} ({error.strerror or error}); {nothing}")
        return 2
    note(f"merged the database: {summary_lines(merged)[0]}")  # git names ours .merge_file_…
    return 0
