"""Escape sequences in the data never reach the terminal from a one-shot command.

A crafted import can put ESC and BEL into a follow-up's id, a person's name or a company:
`today`, the error sentences of `draft` and `proofread`, and `export` on a terminal show them
as visible escapes (``\\x1b``), whether the output is a terminal (a pseudo-terminal here, so
that ``isatty`` is true) or a pipe. The calendar export carries no control character in any
value at all (RFC 5545), and still reads back.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from afterword.domain.model import Debrief, Draft, FollowUp, Interview, Person
from afterword.store.repository import Repository
from tests.faults.helpers import NOW, assert_one_line_error, cli_env, make_db, run_cli
from tests.terminal import in_terminal

ESC_ID = "x\x1b]0;OWNED\x07\x1b[2J"  # the review's follow-up id: retitles and clears
NAME = "Mal\x1b[2Jlory"
COMPANY = "Evil\x1b]0;TITLE\x07Co"
TONE = "T\u2028X\x85Y\x00Z\x1b[2J"  # the review's debrief tone, for the calendar export
C1 = "Csi\x9b2J"  # U+009B starts a sequence on a terminal that reads C1 controls
HALF = "Half \ud800 a pair"  # a lone surrogate: printed as it is, a UnicodeEncodeError


def assert_no_controls(data: bytes, *, allowed: str = "\r\n") -> None:
    """No C0 control character but those ``allowed``, no DEL and no C1 control character."""
    text = data.decode("utf-8", "replace")
    bad = {c for c in text if 0x7F <= ord(c) <= 0x9F or (ord(c) < 0x20 and c not in allowed)}
    assert not bad, f"raw control characters {sorted(bad)!r} in {text!r}"


def hostile_interview() -> Interview:
    """An interview whose names, company and debrief hold escape sequences."""
    when = NOW - timedelta(days=1)
    return Interview(
        company=COMPANY,
        when=when,
        role="Backend\x1b[31m Engineer",
        where="Room\x00 4",
        interviewers=[Person(name=NAME)],  # no address: draft says "address needed"
        debrief=Debrief(tone=TONE, next_steps="Call\x07 back"),
        follow_ups=[
            FollowUp(kind="custom", due=NOW + timedelta(days=1), title="Call", id=ESC_ID),
            FollowUp(kind="custom", due=NOW + timedelta(days=2), title=f"Ping {C1}"),
            FollowUp(kind="custom", due=NOW + timedelta(days=3), title=HALF),
        ],
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[Path, Interview]:
    """A database of sample interviews and the hostile one, put in through the Repository
    (as an older import, from before ids were restricted, would have left it)."""
    db = tmp_path / "data" / "afterword.json"
    db.parent.mkdir()
    make_db(db, 3)
    interview = hostile_interview()
    with Repository.open(db) as repo:
        repo.add_all([interview])
        repo.refresh_agenda()
    return db, interview


IN_SENTENCES = pytest.mark.fault("escape sequences in an id, a name, a company")
IN_CALENDAR = pytest.mark.fault("NUL, ESC and NEL in a calendar export's values")
ON_TERMINAL = pytest.mark.fault("escape sequences in an export to a terminal")


@IN_SENTENCES
def test_today_on_a_terminal_shows_an_escape_in_a_follow_up_id(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, _ = hostile_db
    env = cli_env(tmp_path, db)
    screen = in_terminal(["today"], env)
    assert screen.code == 0, screen.text
    assert_no_controls(screen.output)
    assert "x\\x1b]0;OWNED\\x07\\x1b[2J" in screen.text  # the id, visible
    assert "Csi\\x9b2J" in screen.text
    assert "Half \\ud800 a pair" in screen.text
    piped = run_cli(["today"], env)  # `afterword today | cat -v` of the review
    assert piped.returncode == 0, piped.stderr
    assert_no_controls(piped.stdout.encode(), allowed="\n")
    assert "x\\x1b]0;OWNED\\x07\\x1b[2J" in piped.stdout


@IN_SENTENCES
def test_today_json_writes_control_characters_as_escapes_and_is_the_same_json(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, _ = hostile_db
    env = cli_env(tmp_path, db)
    screen = in_terminal(["today", "--json"], env)
    assert screen.code == 0, screen.text
    assert_no_controls(screen.output)
    piped = run_cli(["today", "--json"], env)
    assert piped.returncode == 0, piped.stderr
    assert_no_controls(piped.stdout.encode(), allowed="\n")
    items = json.loads(piped.stdout)["upcoming"]
    assert {item["id"] for item in items} >= {ESC_ID}
    assert any(item["title"] == f"Ping {C1}" for item in items)  # the text as it is stored
    assert any(item["title"] == HALF for item in items)


@IN_SENTENCES
def test_draft_error_sentences_show_an_escape_in_a_name(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, interview = hostile_db
    env = cli_env(tmp_path, db)
    screen = in_terminal(["draft", interview.id, "--to", "zed"], env)
    assert screen.code == 2, screen.text
    assert_no_controls(screen.output)
    assert "the people are: Mal\\x1b[2Jlory." in screen.text
    # a log file (stderr not a terminal) gets the same visible escapes, on one line
    line = assert_one_line_error(run_cli(["draft", interview.id, "--to", "zed"], env), "zed")
    assert_no_controls(line.encode(), allowed="")
    assert "No one in the Evil\\x1b]0;TITLE\\x07Co interview" in line


@IN_SENTENCES
def test_draft_address_needed_shows_an_escape_in_a_name(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, interview = hostile_db
    env = cli_env(tmp_path, db)
    config = Path(env["AFTERWORD_CONFIG"])
    config.parent.mkdir()
    config.write_text('[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n')
    screen = in_terminal(["draft", interview.id, "--template", "thank-you"], env)
    assert screen.code == 2, screen.text  # the subject names her: no header holds an ESC
    assert "holds a control character (\\x1b)" in screen.text
    assert_no_controls(screen.output)
    assert "thank-you to Mal\\x1b[2Jlory: address needed" in screen.text
    piped = run_cli(["draft", interview.id, "--template", "thank-you"], env)
    assert piped.returncode == 2, piped.stderr
    assert_no_controls(piped.stderr.encode(), allowed="\n")
    assert "thank-you to Mal\\x1b[2Jlory: address needed" in piped.stderr


@IN_SENTENCES
def test_proofread_error_sentence_shows_an_escape_in_a_company(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, interview = hostile_db
    env = cli_env(tmp_path, db)
    screen = in_terminal(["proofread", interview.id], env)
    assert screen.code == 2, screen.text
    assert_no_controls(screen.output)
    assert "(Evil\\x1b]0;TITLE\\x07Co) has no drafts yet" in screen.text
    line = assert_one_line_error(run_cli(["proofread", interview.id], env), "has no drafts")
    assert_no_controls(line.encode(), allowed="")


@IN_SENTENCES
def test_proofread_findings_hold_no_escape_from_a_draft(
    tmp_path: Path, hostile_db: tuple[Path, Interview]
) -> None:
    db, interview = hostile_db
    with Repository.open(db) as repo:
        stored = repo.get(interview.id)
        body = f"Hi {NAME},\n\nThank you\x1b]0;X\x07 for the time.\n\nBest,\nAlex"
        stored.drafts.append(Draft(template="thank-you", person=NAME, subject="Thanks", body=body))
        repo.save(stored)
    screen = in_terminal(["proofread", interview.id], cli_env(tmp_path, db))
    assert screen.code in (0, 1), screen.text
    assert_no_controls(screen.output)


def _ics_values(data: bytes) -> list[str]:
    """Every property value of an .ics file, its folded lines joined (RFC 5545 3.1)."""
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    return [line.decode("utf-8") for line in unfolded.split(b"\r\n") if line]


@IN_CALENDAR
@pytest.mark.parametrize("todos", [False, True], ids=["events", "todos"])
def test_calendar_export_holds_no_control_character_in_any_value(
    tmp_path: Path, hostile_db: tuple[Path, Interview], todos: bool
) -> None:
    from icalendar import Calendar

    db, interview = hostile_db
    env = cli_env(tmp_path, db)
    target = tmp_path / "aw.ics"
    args = ["export", "--format", "ics", "-o", str(target)] + (["--todos"] if todos else [])
    result = run_cli(args, env)
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    for line in _ics_values(data):
        assert_no_controls(line.encode("utf-8"), allowed="\t")
    assert "\u2028" in data.decode("utf-8")  # a line separator is text, not a control
    calendar = Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    event = events[f"interview-{interview.id}@afterword"]
    description = str(event["DESCRIPTION"])
    assert "Tone: T\u2028X\nY\ufffdZ\ufffd[2J" in description  # NEL a line break, NUL and ESC �
    assert str(event["LOCATION"]) == "Room\ufffd 4"
    assert (
        str(event["SUMMARY"])
        == "Interview: Evil\ufffd]0;TITLE\ufffdCo · Backend\ufffd[31m Engineer"
    )
    # and our own export imported back is still no change (the place too)
    again = run_cli(["import", str(target), "--dry-run"], env)
    assert again.returncode == 0, again.stderr
    assert "Already there, unchanged: Evil" in again.stdout, again.stdout
    assert "Would update" not in again.stdout, again.stdout


@ON_TERMINAL
@pytest.mark.parametrize("fmt", ["ics", "csv", "json", "taskwarrior"])
def test_export_to_a_terminal_shows_control_characters(
    tmp_path: Path, hostile_db: tuple[Path, Interview], fmt: str
) -> None:
    db, _ = hostile_db
    env = cli_env(tmp_path, db)
    screen = in_terminal(["export", "--format", fmt], env)
    assert screen.code == 0, screen.text
    assert_no_controls(screen.output)
    if fmt == "csv":
        assert "Evil\\x1b]0;TITLE\\x07Co" in screen.text
    if fmt in ("json", "taskwarrior"):  # still the same JSON, its escapes valid
        document = json.loads(screen.text.replace("\r\n", "\n"))
        assert C1 in json.dumps(document, ensure_ascii=False)
    piped = run_cli(["export", "--format", fmt], env)  # piped, the file is as built
    assert piped.returncode == 0, piped.stderr
    if fmt == "csv":  # the spreadsheet gets the company as it is stored
        assert COMPANY in piped.stdout
    if fmt == "json":
        assert C1 in piped.stdout
