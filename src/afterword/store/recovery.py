"""Text being typed and not saved yet: kept in ``<database>.recovery`` until it is saved.

The forms write what they hold here about a second after the last key, when a field is left,
and when the app is told to stop (SIGTERM, SIGHUP, quit). At the next start the app offers each
record back (Restore / Discard); a record is removed only after the form was saved or the user
discarded it. Each form has a *slot* ("debrief", later one per draft), so two forms never
overwrite each other's text.

The file is written like the database (temp file, fsync, replace, folder fsync, 0600). It is
never the only copy of anything saved, and a broken one is moved aside, not thrown away.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from afterword.store.atomic import NotDurable, ensure_private_dir, write_atomically

FORMAT = "afterword-recovery"
VERSION = 1

Record = dict[str, Any]


def recovery_path(db_path: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(db_path)}.recovery")


class RecoveryFailed(OSError):
    """The text could not be written to the recovery file (it is still in the form)."""


class Recovery:
    """The unsaved form records of one database, by slot."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.path = recovery_path(db_path)
        self._lock = threading.Lock()  # autosaves run on worker threads
        self.problems: list[str] = []

    def records(self) -> dict[str, Record]:
        """Every slot's record; a file that cannot be read is moved aside and named."""
        with self._lock:
            return self._read()

    def get(self, slot: str) -> Record | None:
        return self.records().get(slot)

    def put(self, slot: str, record: Record) -> None:
        """Keep ``record`` for ``slot`` (durably); raises RecoveryFailed with the reason.
        ``saved_at`` defaults to the wall clock."""
        with self._lock:
            records = self._read()
            records[slot] = {"saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"), **record}
            self._write(records)

    def drop(self, slot: str) -> None:
        """Forget ``slot`` (after a successful save, or when the user discards it)."""
        with self._lock:
            records = self._read()
            if records.pop(slot, None) is None:
                return
            if records:
                self._write(records)
            else:
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as error:
                    raise RecoveryFailed(error.errno, error.strerror) from None

    def set_aside(self, slot: str) -> Path:
        """Move ``slot``'s record out of the file into a text file of its own beside it (0600),
        so that it is not offered again and its text is not lost; returns that file."""
        with self._lock:
            records = self._read()
            record = records.pop(slot)
            safe = "".join(ch if ch.isalnum() else "-" for ch in slot)
            aside = self.path.with_name(
                f"{self.path.name}.{safe}-{time.strftime('%Y%m%d-%H%M%S')}.json"
            )
            payload = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
            try:
                ensure_private_dir(self.path.parent)
                write_atomically(aside, payload.encode("utf-8", "surrogatepass"))
            except NotDurable:
                pass
            except OSError as error:
                raise RecoveryFailed(error.errno, error.strerror or str(error)) from None
            if records:
                self._write(records)
            else:
                self.path.unlink(missing_ok=True)
            return aside

    def _read(self) -> dict[str, Record]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            self.problems.append(f"Could not read {self.path}: {error.strerror}.")
            return {}
        try:
            document = json.loads(raw)
            if document.get("format") != FORMAT or not isinstance(document.get("slots"), dict):
                raise ValueError("not a recovery file")
            return {
                str(slot): record
                for slot, record in document["slots"].items()
                if isinstance(record, dict)
            }
        except (ValueError, AttributeError, UnicodeDecodeError):
            aside = self.path.with_name(f"{self.path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                os.replace(self.path, aside)
            except OSError:
                aside = self.path
            self.problems.append(
                f"The unsaved-text file {self.path} could not be read; it is kept as {aside}."
            )
            return {}

    def _write(self, records: dict[str, Record]) -> None:
        payload = json.dumps(
            {"format": FORMAT, "version": VERSION, "slots": records},
            ensure_ascii=False,
            indent=1,
            allow_nan=False,  # valid JSON (RFC 8259) only: the form holds text, never a float
        ).encode()
        try:
            ensure_private_dir(self.path.parent)
            write_atomically(self.path, payload)
        except NotDurable:
            pass  # in place; only a power cut could undo it, and the form still holds the text
        except OSError as error:
            raise RecoveryFailed(error.errno, error.strerror or str(error)) from None


_DRAFT_TEXTS = ("interview_id", "draft_id", "company", "person", "template", "subject", "body")
_PERSON_KEYS = ("name", "title", "email")


def record_problem(record: Record) -> str | None:
    """Why ``record`` cannot go back into its form, or None: what the forms write, checked
    like an import's records, since the file may be hand-edited or from another version
    (``"company": 123``, ``"interviewers": [1]``)."""
    if record.get("kind") == "draft":
        for key in _DRAFT_TEXTS:
            if not isinstance(record.get(key, ""), str):
                return f"{key} is not text"
        for key in ("to", "cc"):
            entries = record.get(key, [])
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                return f"{key} is not a list of addresses"
        return None
    values = record.get("values")
    if not isinstance(values, dict):
        return "it holds no form values"
    if not isinstance(record.get("interview_id"), str | None):
        return "interview_id is not text"
    for key, value in values.items():
        if key == "interviewers":
            if not isinstance(value, list):
                return "interviewers is not a list"
            for n, person in enumerate(value, 1):
                if not isinstance(person, dict) or not all(
                    isinstance(person.get(k, ""), str) for k in _PERSON_KEYS
                ):
                    return f"interviewer {n} is not a name, title and email"
        elif not isinstance(value, str | None):
            return f"{key} is not text"
    return None
