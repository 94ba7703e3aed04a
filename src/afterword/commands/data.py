"""One-shot commands on the data: import, export, restore, locate."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from afterword import clock, paths
from afterword.commands import load_settings, open_repository, say, warn
from afterword.domain.words import day_time, plural
from afterword.errors import AfterwordError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from afterword.config import Config
    from afterword.domain.model import Interview
    from afterword.exchange.invitation import Invitation


def cmd_import(args: argparse.Namespace, db: Path) -> int:
    from afterword.exchange.invitation import looks_like_calendar
    from afterword.exchange.json_file import plan_import, read_document

    config = load_settings()
    source = Path(args.file)
    if looks_like_calendar(source):
        return _import_invitations(source, db, config, dry_run=bool(args.dry_run))
    document = read_document(source)
    with open_repository(db, read_only=bool(args.dry_run)) as repo:
        try:
            plan = plan_import(document, source, repo.ids(), repo.item_ids(), config.schedule)
        except MemoryError:
            raise AfterwordError(
                f"{source} is too big to import in the memory there is; nothing was imported."
            ) from None
        count = len(plan.interviews)
        ruled = (
            f" ({plan.scheduled} got follow-ups from the schedule rules)" if plan.scheduled else ""
        )
        if args.dry_run:
            say(f"Would import {plural(count, 'interview')}{ruled} into {db}; nothing was written.")
            if plan.renamed:
                say(_renamed_line(plan.renamed, "would get"))
            return 0
        backup = repo.storage.backup_now(reason="before-import")
        repo.add_all(plan.interviews)
        say(f"Imported {plural(count, 'interview')}{ruled} into {db}.")
        if plan.renamed:
            say(_renamed_line(plan.renamed, "got"))
        if backup is not None:
            say(f"The database as it was before is backed up in {backup}.")
        warn(repo.storage.warnings)
    return 0


def _renamed_line(renamed: list[str], verb: str) -> str:
    """One line for the follow-ups and drafts whose ids were taken (ids are unique)."""
    distinct = list(dict.fromkeys(renamed))
    shown_ids = ", ".join(distinct[:3]) + (", …" if len(distinct) > 3 else "")
    many = len(renamed) > 1
    what = plural(len(renamed), "follow-up or draft", "follow-ups or drafts")
    return (
        f"{what} had an id already in use ({shown_ids}), so "
        f"{'they' if many else 'it'} {verb} {'new ones' if many else 'a new one'}."
    )


def _invitation_line(invitation: Invitation) -> str:
    """'Acme Robotics · Backend Engineer, Wed 2 Dec 2026, 19:00, Zoom: …, with Dana, Marcus'."""
    from afterword.domain.words import in_words

    parts = [invitation.company or "(company unknown)"]
    if invitation.role:
        parts[0] += f" · {invitation.role}"
    if invitation.stage:
        parts[0] += f" ({invitation.stage})"
    parts.append(in_words(invitation.when))
    if invitation.where:
        parts.append(invitation.where)
    if invitation.interviewers:
        parts.append("with " + ", ".join(p.name for p in invitation.interviewers))
    if invitation.recruiter is not None:
        parts.append(f"arranged by {invitation.recruiter.name} (recruiter)")
    return ", ".join(parts)


def _calendar_matches(interviews: list[Interview]) -> dict[str, Interview]:
    """Stored interviews by the calendar UID they answer to (an invitation's, or our export's)."""
    from afterword.exchange.ics import interview_uid

    found: dict[str, Interview] = {}
    for interview in interviews:
        found[interview_uid(interview.id)] = interview
        uid = interview.extra.get("calendar_uid")
        if isinstance(uid, str) and uid:
            found[uid] = interview
    return found


def _import_invitations(source: Path, db: Path, config: Config, *, dry_run: bool) -> int:
    """An invitation .ics: a new interview per event, or a moved one brought up to date."""
    from afterword.domain.schedule import reschedule
    from afterword.exchange.invitation import read_calendar_file, read_invitations

    own = [config.profile.email] if config.profile.email.strip() else []
    invitations = read_invitations(read_calendar_file(source), str(source), own)
    now = clock.now()
    with open_repository(db, read_only=dry_run) as repo:
        known = _calendar_matches(repo.interviews())
        new: list[Interview] = []
        moved: list[tuple[Interview, list[str]]] = []
        for invitation in invitations:
            line = _invitation_line(invitation)
            existing = known.get(invitation.uid)
            if existing is None:
                new.append(invitation.to_interview(config.schedule))
                say(("Would import: " if dry_run else "New: ") + line)
                continue
            changes = _bring_up_to_date(existing, invitation)
            if not changes:
                say(f"Already there, unchanged: {line}")
                continue
            changes += reschedule(existing, now, config.schedule)
            moved.append((existing, changes))
            say(("Would update: " if dry_run else "Updated: ") + line)
            for change in changes:
                say(f"  {change}")
        counts = f"{plural(len(new), 'new interview')}, {len(moved)} updated"
        if dry_run:
            say(f"Would import {counts} into {db}; nothing was written.")
            return 0
        if not new and not moved:
            say(f"Nothing to import into {db}: every event is there already.")
            return 0
        backup = repo.storage.backup_now(reason="before-import")
        with repo.batch():  # one turn, one save: all of it or nothing
            for interview, _ in moved:
                repo.save(interview)
            if new:
                repo.add_all(new)
        say(f"Imported {counts} into {db}; follow-ups come from the schedule rules.")
        if backup is not None:
            say(f"The database as it was before is backed up in {backup}.")
        warn(repo.storage.warnings)
    if not own and any(i.interviewers for i in invitations):
        warn(
            [
                "profile.email is not set in config.toml, so your own address cannot be told "
                "from the interviewers'; check the names above (afterword locate shows the file)."
            ]
        )
    return 0


def _spaced(text: str) -> str:
    """A place as a calendar keeps it: on one line, runs of spaces as one, with no control
    characters (our own export writes each as U+FFFD)."""
    from afterword.exchange.ics import calendar_text

    return " ".join(calendar_text(text).split())


def _bring_up_to_date(interview: Interview, invitation: Invitation) -> list[str]:
    """A moved invitation moves the interview: time, end and place; the rest is the user's."""
    changes: list[str] = []
    if interview.when != invitation.when:
        before, after = interview.when, invitation.when
        changes.append(f"Time: {day_time(before)} → {day_time(after)}")
        interview.when = invitation.when
    if invitation.where and _spaced(invitation.where) != _spaced(interview.where):
        changes.append(f"Where: {invitation.where}")
        interview.where = invitation.where
    if invitation.end is not None and changes:
        interview.extra["end"] = invitation.end.isoformat()
    return changes


def _export_payload(
    fmt: str, interviews: list[Interview], now: datetime, todos: bool, attendees: bool = False
) -> tuple[bytes, str]:
    """The file's bytes and what it holds, in words."""
    if fmt == "ics":
        from afterword.exchange.ics import (
            all_follow_ups,
            export_calendar,
            open_follow_ups,
            system_zone,
        )

        items, still = len(all_follow_ups(interviews)), len(open_follow_ups(interviews))
        data = export_calendar(
            interviews, now, todos=todos, local_zone=system_zone(), attendees=attendees
        )
        kind = plural(items, "to-do" if todos else "follow-up event")
        return data, f"{plural(len(interviews), 'interview')} and {kind} ({still} open)"
    if fmt == "taskwarrior":
        from afterword.exchange import taskwarrior

        tasks = taskwarrior.export_tasks(interviews, now)
        pending = sum(task["status"] == "pending" for task in tasks)
        what = f"{plural(len(tasks), 'follow-up')} as tasks ({pending} pending)"
        return taskwarrior.dumps(tasks).encode("utf-8", "replace"), what  # lone surrogates
    if fmt == "csv":
        from afterword.exchange.csv_file import export_csv

        data = export_csv(interviews).encode("utf-8", "replace")  # lone surrogates: '?'
        return data, plural(len(interviews), "interview")
    from afterword.exchange.json_file import dumps, export_document

    text = dumps(export_document(interviews, now))
    return text.encode("utf-8"), plural(len(interviews), "interview")


def _write_stdout(payload: bytes, fmt: str) -> None:
    """Bytes as they are (an .ics keeps its CRLF line ends), or text where there is no buffer.
    On a terminal, the control characters of the data are shown, as `draft` shows them (JSON's
    as ``\\u`` escapes: still the same JSON); piped or redirected, the file is as built."""
    if sys.stdout.isatty():
        from afterword.domain.words import shown_json, shown_lines

        text = payload.decode("utf-8", "replace")
        view = shown_json if fmt in ("json", "taskwarrior") else shown_lines
        payload = view(text).encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(payload.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(payload)
    buffer.flush()


def cmd_export(args: argparse.Namespace, db: Path) -> int:
    fmt = getattr(args, "format", "json") or "json"
    todos = bool(getattr(args, "todos", False))
    attendees = bool(getattr(args, "attendees", False))
    if todos and fmt != "ics":
        raise AfterwordError(
            f"--todos is for --format ics (follow-ups as calendar to-dos), not {fmt}; "
            "add --format ics or leave --todos out."
        )
    if attendees and fmt != "ics":
        raise AfterwordError(
            f"--attendees is for --format ics (the interviewers as event attendees), not {fmt}; "
            "add --format ics or leave --attendees out."
        )
    if not db.exists():
        raise AfterwordError(f"There is no database at {db} yet; nothing to export.")
    if args.output:
        from afterword.store.own_files import refuse_own_file

        refuse_own_file(Path(args.output), db, option="-o")
    with open_repository(db, read_only=True) as repo:
        interviews = repo.interviews()
    try:
        payload, what = _export_payload(fmt, interviews, clock.now(), todos, attendees)
    except ValueError as error:  # NaN or an infinity: JSON (RFC 8259) has none
        if "JSON compliant" not in str(error):
            raise
        raise AfterwordError(
            f"The database holds a value that cannot be exported as JSON ({error}); "
            "nothing was exported."
        ) from None
    if args.output:
        from afterword.store.atomic import write_atomically

        target = Path(args.output)
        try:
            write_atomically(target, payload)
        except OSError as error:
            raise AfterwordError(f"Cannot write {target}: {error.strerror or error}.") from None
        hint = f"; load them with: task import {target}" if fmt == "taskwarrior" else ""
        print(f"Exported {what} to {target}{hint}.", file=sys.stderr)
    else:
        _write_stdout(payload, fmt)
    return 0


def cmd_restore(args: argparse.Namespace, db: Path) -> int:
    from afterword.store.restore import restore

    done = restore(db, args.backup, clock.now(), force=bool(getattr(args, "force", False)))
    say(f"Restored {db} from {done.backup}.")
    if done.kept_aside is not None:
        say(f"The file it replaced is kept as {done.kept_aside}.")
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
    demo = getattr(args, "demo", False)
    given = None if demo else Path(paths.db_given(getattr(args, "db", None)))
    for name, path in rows:
        note = "" if path.exists() else "  (not there yet)"
        if name == "database" and given is not None and given != db:
            note += f"  (the real file behind the link {given})"
        say(f"{name:<10} {path}{note}")
    return 0
