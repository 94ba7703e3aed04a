"""Running the command line in this process against a fresh copy of a small database."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from afterword import cli
from afterword.domain.model import Debrief, FollowUp, Interview, Person, Recruiter
from afterword.domain.records import interview_from_dict, interview_to_dict
from afterword.domain.schedule import schedule_follow_ups

BASE_WHEN = datetime(2026, 11, 24, 14, 0)


def base_interviews() -> list[Interview]:
    """Two interviews that are in the database before every import (fresh copies)."""
    if not _BASE:
        _BASE.extend(_make_base())
    return [interview_from_dict(interview_to_dict(i)) for i in _BASE]


_BASE: list[Interview] = []


def _make_base() -> list[Interview]:
    first = Interview(
        id="base0001",
        company="Acme Robotics",
        role="Backend Engineer",
        when=BASE_WHEN,
        interviewers=[Person("Dana Whitfield", "Eng Manager", "dana@acme.example")],
        recruiter=Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example"),
        debrief=Debrief(next_steps="decision by Friday"),
    )
    first.follow_ups = schedule_follow_ups(first)
    second = Interview(id="base0002", company="Globex", when=BASE_WHEN.replace(day=20))
    second.follow_ups = [FollowUp("custom", BASE_WHEN, "Call back", id="fu000002", source="user")]
    return [first, second]


_BASE_BYTES: list[bytes] = []


def base_bytes() -> bytes:
    """The database file holding ``base_interviews``, made once."""
    if not _BASE_BYTES:
        from afterword.store.repository import Repository

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "afterword.json"
            with Repository.open(path) as repo:
                repo.add_all(base_interviews())
            _BASE_BYTES.append(path.read_bytes())
    return _BASE_BYTES[0]


@contextlib.contextmanager
def fresh_database() -> Iterator[Path]:
    """A private folder holding a copy of the base database; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="afterword-fuzz-"))
    try:
        (folder / "data").mkdir(mode=0o700)
        db = folder / "data" / "afterword.json"
        db.write_bytes(base_bytes())
        db.chmod(0o600)
        yield db
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# the marks that change the direction of the text after them
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@contextlib.contextmanager
def imported(document: dict[str, Any]) -> Iterator[Path]:
    """A fresh copy of the base database with ``document`` imported into it (which must work);
    the file imported lies beside the data folder as ``in.json``."""
    from afterword.exchange.json_file import dumps

    with fresh_database() as db:
        source = db.parent.parent / "in.json"
        source.write_text(dumps(document), encoding="utf-8")
        assert run_cli(["--db", str(db), "import", str(source)]).code == 0
        yield db


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(args: Sequence[str]) -> Run:
    """``afterword ARGS`` in this process: exit code, stdout, stderr (any other exception
    escapes, which is what the fuzzers look for)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


def assert_one_sentence(message: str) -> None:
    """A message for the user: one line that ends like a sentence, with no control character,
    line break or direction mark. Other invisible format characters are harmless on a terminal
    (a zero-width joiner holds an emoji together; an unassigned code point may show as a box)."""
    assert message.strip(), "an empty message"
    assert "Traceback" not in message
    bad = [c for c in message if unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in BIDI]
    assert not bad, f"not one line without controls or direction marks: {message!r}"
    assert message.rstrip()[-1] in ".)?!", f"does not end a sentence: {message!r}"


def assert_clear_error(run: Run) -> None:
    """Exit 2 with one line on stderr: ``afterword: <one sentence>``."""
    assert run.code == 2, run
    assert run.err.startswith("afterword: ") and run.err.count("\n") == 1, run.err
    assert_one_sentence(run.err.removeprefix("afterword: ").removesuffix("\n"))
