"""`afterword export --format ics`: every interview and follow-up, stable UIDs, zones kept.

Done and cancelled follow-ups are exported too, closed under the same UID, so a calendar that
imported an earlier export stops showing them as live.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from icalendar.parser import Contentline

from afterword.demo import write_demo_database
from afterword.domain.model import Debrief, FollowUp, Interview, Person, Recruiter
from afterword.domain.schedule import mark_done
from afterword.exchange.ics import (
    FOLD_OCTETS,
    calendar_text,
    calendar_time,
    export_calendar,
    fold,
    follow_up_uid,
    interview_uid,
    system_zone,
)
from afterword.store.repository import Repository
from tests.conftest import NOW, run_afterword

ZONE = "America/New_York"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    return db


def stored(db: Path) -> list[Interview]:
    with Repository.open(db, read_only=True) as repo:
        return repo.interviews()


def export_ics(db: Path, *args: str, zone: str = ZONE, now: str | None = None) -> bytes:
    env = {"TZ": zone, **({"AFTERWORD_NOW": now} if now else {})}
    target = db.with_suffix(".ics")
    result = run_afterword(
        ["--db", str(db), "export", "--format", "ics", "-o", str(target), *args], env=env
    )
    assert result.returncode == 0, result.stderr
    assert f"to {target}" in result.stderr
    interviews = stored(db)
    closed = sum(not f.is_open for i in interviews for f in i.follow_ups)
    total = sum(len(i.follow_ups) for i in interviews)
    assert f"and {total} " in result.stderr and f"({total - closed} open)" in result.stderr
    return target.read_bytes()


def components(data: bytes, name: str) -> dict[str, Any]:
    calendar = Calendar.from_ical(data)
    return {str(c["UID"]): c for c in calendar.walk(name)}


def test_every_interview_and_follow_up_is_there_at_its_start(demo_db: Path) -> None:
    interviews = stored(demo_db)
    events = components(export_ics(demo_db), "VEVENT")
    open_items = [f for i in interviews for f in i.follow_ups if f.is_open]
    closed = [f for i in interviews for f in i.follow_ups if not f.is_open]
    assert open_items and closed, "the demo data should have both"
    assert any(f.done_at for f in closed) and any(f.cancelled for f in closed)
    expected = {interview_uid(i.id): i.when for i in interviews}
    expected |= {follow_up_uid(f.id): f.due for f in open_items + closed}
    assert set(events) == set(expected)
    for uid, start in expected.items():
        written = events[uid].start
        assert written.tzinfo == ZoneInfo(ZONE), uid  # naive local time, written in the local zone
        assert written.replace(tzinfo=None) == start, uid
    for item in open_items:
        event = events[follow_up_uid(item.id)]
        assert "STATUS" not in event and event["SEQUENCE"] == 0
        assert f"afterword done {item.id}" in str(event["DESCRIPTION"])
    for item in closed:  # done or cancelled: the same UID, a later version
        event = events[follow_up_uid(item.id)]
        assert event["SEQUENCE"] == 1
        assert "afterword done" not in str(event["DESCRIPTION"])
        if item.done_at is not None:  # what happened, kept: "Done: …", not called off
            assert "STATUS" not in event and str(event["SUMMARY"]).startswith("Done: ")
        else:
            assert str(event["STATUS"]) == "CANCELLED"
            assert not str(event["SUMMARY"]).startswith("Done: ")
    for interview in interviews:  # interviews are as they were
        event = events[interview_uid(interview.id)]
        assert "STATUS" not in event and "SEQUENCE" not in event


def test_the_summary_and_description_of_an_interview(demo_db: Path) -> None:
    interviews = stored(demo_db)
    events = components(export_ics(demo_db), "VEVENT")
    interview = next(i for i in interviews if i.role and i.stage and i.debrief.notes)
    event = events[interview_uid(interview.id)]
    summary = str(event["SUMMARY"])
    assert summary == f"Interview: {interview.company} · {interview.role} ({interview.stage})"
    assert str(event["LOCATION"]) == interview.where
    assert event.end - event.start == timedelta(hours=1)
    description = str(event["DESCRIPTION"])
    assert f"Tone: {interview.debrief.tone}" in description
    assert f"Next steps: {interview.debrief.next_steps}" in description


def test_the_interviewers_are_named_in_the_description_and_never_attendees(
    demo_db: Path,
) -> None:
    """A calendar app offers to email an event's attendees when it is edited: an interviewer
    must never get a calendar update from the candidate, so none is an ATTENDEE by default."""
    interviews = stored(demo_db)
    assert any(p.email for i in interviews for p in i.interviewers)
    data = export_ics(demo_db)
    events = components(data, "VEVENT")
    assert b"ATTENDEE" not in data and b"ORGANIZER" not in data
    assert all("ATTENDEE" not in event for event in events.values())
    for interview in interviews:
        description = str(events[interview_uid(interview.id)]["DESCRIPTION"])
        for person in interview.interviewers:
            assert person.name in description


def test_attendees_only_when_asked(demo_db: Path) -> None:
    interviews = stored(demo_db)
    events = components(export_ics(demo_db, "--attendees"), "VEVENT")
    interview = next(i for i in interviews if sum(bool(p.email) for p in i.interviewers) > 1)
    event = events[interview_uid(interview.id)]
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    with_mail = [p for p in interview.interviewers if p.email]
    assert sorted(str(a) for a in attendees) == sorted(f"mailto:{p.email}" for p in with_mail)
    assert sorted(a.params["CN"] for a in attendees) == sorted(p.name for p in with_mail)


def test_the_private_notes_never_leave_the_database(demo_db: Path) -> None:
    data = export_ics(demo_db)
    text = Calendar.from_ical(data).to_ical().decode()
    unfolded = "".join(str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(data).walk())
    notes = {i.debrief.notes for i in stored(demo_db) if i.debrief.notes}
    assert notes
    for note in notes:
        for sentence in note.split(". "):
            assert sentence[:40] not in unfolded
            assert sentence[:40] not in text


def test_a_second_export_keeps_every_uid(demo_db: Path) -> None:
    first = export_ics(demo_db, now="2026-11-25T09:00")
    second = export_ics(demo_db, now="2026-11-26T10:30")
    one, two = components(first, "VEVENT"), components(second, "VEVENT")
    assert set(one) == set(two)
    assert len(one) == len(set(one))  # no UID twice in a file
    stamps = {e["DTSTAMP"].dt for e in two.values()}
    assert stamps == {datetime(2026, 11, 26, 15, 30, tzinfo=UTC)}  # 10:30 in New York


def test_todos_are_vtodos_with_a_due_time_completed_when_done(demo_db: Path) -> None:
    interviews = stored(demo_db)
    data = export_ics(demo_db, "--todos")
    todos = components(data, "VTODO")
    events = components(data, "VEVENT")
    items = {follow_up_uid(f.id): f for i in interviews for f in i.follow_ups}
    assert set(todos) == set(items)
    assert set(events) == {interview_uid(i.id) for i in interviews}
    seen = set()
    for uid, item in items.items():
        todo = todos[uid]
        assert todo["DUE"].dt.replace(tzinfo=None) == item.due
        if item.done_at is not None:
            assert str(todo["STATUS"]) == "COMPLETED"
            completed = todo["COMPLETED"].dt
            assert completed.utcoffset() == timedelta(0)  # RFC 5545: COMPLETED is in UTC
            assert f"COMPLETED:{completed:%Y%m%dT%H%M%S}Z\r\n".encode() in data
            assert completed == item.done_at.replace(tzinfo=ZoneInfo(ZONE))
            assert todo["PERCENT-COMPLETE"] == 100 and todo["SEQUENCE"] == 1
            seen.add("done")
        elif item.cancelled:
            assert str(todo["STATUS"]) == "CANCELLED" and "COMPLETED" not in todo
            assert todo["SEQUENCE"] == 1
            seen.add("cancelled")
        else:
            assert str(todo["STATUS"]) == "NEEDS-ACTION" and "COMPLETED" not in todo
            assert todo["SEQUENCE"] == 0
            seen.add("open")
    assert seen == {"done", "cancelled", "open"}


def test_a_follow_up_closed_since_keeps_its_uid_and_is_called_off() -> None:
    interview = _interview(datetime(2026, 12, 1, 10), datetime(2026, 12, 2, 10))
    [item] = interview.follow_ups
    zone = ZoneInfo("Europe/London")
    uid = follow_up_uid(item.id)
    before_event = components(export_calendar([interview], NOW, local_zone=zone), "VEVENT")[uid]
    before_todo = components(
        export_calendar([interview], NOW, todos=True, local_zone=zone), "VTODO"
    )[uid]
    assert before_event["SEQUENCE"] == 0 and "STATUS" not in before_event
    assert str(before_todo["STATUS"]) == "NEEDS-ACTION"
    item.done_at = datetime(2026, 12, 2, 9, 45)
    event = components(export_calendar([interview], NOW, local_zone=zone), "VEVENT")[uid]
    assert "STATUS" not in event
    assert event["SEQUENCE"] > before_event["SEQUENCE"]
    assert event.start == before_event.start
    assert str(event["SUMMARY"]) == f"Done: {before_event['SUMMARY']}"
    assert "Done in Afterword: Wed 2 Dec 2026, 09:45." in str(event["DESCRIPTION"])
    data = export_calendar([interview], NOW, todos=True, local_zone=zone)
    todo = components(data, "VTODO")[uid]
    assert str(todo["STATUS"]) == "COMPLETED"
    assert b"COMPLETED:20261202T094500Z\r\n" in data  # London is on UTC in December
    item.done_at, item.cancelled = None, True
    todo = components(export_calendar([interview], NOW, todos=True, local_zone=zone), "VTODO")[uid]
    assert str(todo["STATUS"]) == "CANCELLED" and "COMPLETED" not in todo
    event = components(export_calendar([interview], NOW, local_zone=zone), "VEVENT")[uid]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1
    assert str(event["SUMMARY"]) == str(before_event["SUMMARY"])
    assert "Cancelled in Afterword." in str(event["DESCRIPTION"])


def _interview(when: datetime, due: datetime, **extra: object) -> Interview:
    interview = Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=when,
        interviewers=[Person("Dana Whitfield", email="dana@acme.example"), Person("Sam Lee")],
        debrief=Debrief(tone="warm", notes="SECRET: salary expectations"),
        extra=dict(extra),
    )
    interview.follow_ups = [FollowUp(kind="thank_you", due=due, title="Thank-you to Dana")]
    return interview


def test_zoned_times_keep_their_zone() -> None:
    tokyo = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    offset = datetime(2026, 12, 2, 15, 0, tzinfo=timezone(timedelta(hours=2)))
    interview = _interview(tokyo, offset)
    data = export_calendar([interview], NOW, local_zone=ZoneInfo("Europe/London"))
    events = components(data, "VEVENT")
    start = events[interview_uid(interview.id)].start
    assert start == tokyo and start.tzinfo == ZoneInfo("Asia/Tokyo")
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo" in data
    due = events[follow_up_uid(interview.follow_ups[0].id)].start
    assert due == offset  # the same moment; a bare offset has no name, so it is written in UTC
    assert due.utcoffset() == timedelta(0)


def test_without_a_known_local_zone_naive_times_float() -> None:
    interview = _interview(datetime(2026, 12, 1, 10), datetime(2026, 12, 2, 10))
    data = export_calendar([interview], NOW, local_zone=None)
    event = components(data, "VEVENT")[interview_uid(interview.id)]
    assert event.start == datetime(2026, 12, 1, 10)
    assert b"DTSTART:20261201T100000\r\n" in data
    assert b"VTIMEZONE" not in data
    assert calendar_time(datetime(2026, 1, 1), None).tzinfo is None


def test_an_invitations_end_is_kept_and_attendees_need_an_address() -> None:
    interview = _interview(
        datetime(2026, 12, 1, 10), datetime(2026, 12, 2, 10), end="2026-12-01T11:30:00"
    )
    data = export_calendar([interview], NOW, local_zone=ZoneInfo("Europe/London"), attendees=True)
    event = components(data, "VEVENT")[interview_uid(interview.id)]
    assert event.end.replace(tzinfo=None) == datetime(2026, 12, 1, 11, 30)
    attendee = event["ATTENDEE"]
    assert str(attendee) == "mailto:dana@acme.example"  # Sam has no address: named in DESCRIPTION
    assert "Sam Lee" in str(event["DESCRIPTION"])
    assert b"SECRET" not in data
    calendar = Calendar.from_ical(data)
    assert str(calendar["PRODID"]).startswith("-//Afterword//")
    assert str(calendar["VERSION"]) == "2.0"


def test_the_system_zone_comes_from_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    assert system_zone() == ZoneInfo("Europe/Berlin")
    monkeypatch.setenv("TZ", ":/usr/share/zoneinfo/Asia/Tokyo")
    assert system_zone() == ZoneInfo("Asia/Tokyo")
    monkeypatch.setenv("TZ", "Not/AZone")
    assert system_zone() is None


KHAL = shutil.which("khal")


@pytest.fixture
def khal(tmp_path: Path) -> Callable[..., str]:
    """khal on a config, calendar folder and database of the test's own, in ZONE."""
    if KHAL is None:
        pytest.skip("khal is not installed (apt-get install khal)")
    home = tmp_path / "khal"
    (home / "calendar").mkdir(parents=True)
    config = home / "config"
    config.write_text(
        f"""[calendars]
[[afterword]]
path = {home / "calendar"}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {ZONE}
default_timezone = {ZONE}
[default]
default_calendar = afterword
[sqlite]
path = {home / "khal.db"}
""",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "TZ": ZONE,
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
    }

    def run(*args: str) -> str:
        assert KHAL is not None
        result = subprocess.run(
            [KHAL, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    return run


def _calendar_files(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in (tmp_path / "khal" / "calendar").iterdir())


def _khal_lines(khal: Callable[..., str], interviews: list[Interview]) -> list[str]:
    """`khal list` from the day before the first item to the day after the last: one line an
    event, 'CANCELLED ' before the start of one called off (khal's own {cancelled} field)."""
    first = min(i.when for i in interviews).date() - timedelta(days=1)
    last = max(f.due for i in interviews for f in i.follow_ups).date() + timedelta(days=1)
    listed = khal(
        "list", "--format", "{cancelled}{start} {title}", first.isoformat(), last.isoformat()
    )
    return listed.splitlines()


def _line(interview: Interview, item: FollowUp, prefix: str = "") -> str:
    return f"{item.due:%Y-%m-%d %H:%M} {prefix}{item.title} · {interview.company}"


def test_khal_imports_the_export_and_lists_the_companies(
    demo_db: Path, tmp_path: Path, khal: Callable[..., str]
) -> None:
    data = export_ics(demo_db, zone=ZONE)  # khal shows it in its own zone, set alike
    source = tmp_path / "afterword.ics"
    source.write_bytes(data)
    khal("import", "--batch", str(source))
    interviews = stored(demo_db)
    lines = _khal_lines(khal, interviews)
    for interview in interviews:
        assert f"{interview.when:%Y-%m-%d %H:%M} Interview: {interview.company}" in "\n".join(lines)
    for interview in interviews:
        for item in interview.follow_ups:
            live, cancelled = _line(interview, item), f"CANCELLED {_line(interview, item)}"
            done = _line(interview, item, "Done: ")
            if item.is_open:
                assert live in lines, live
            elif item.done_at is not None:  # a done follow-up is there, as what happened
                assert done in lines and live not in lines, done
            else:  # a cancelled one is there, called off
                assert cancelled in lines and live not in lines, cancelled
    files = _calendar_files(tmp_path)
    assert len(files) == len(interviews) + sum(len(i.follow_ups) for i in interviews)
    khal("import", "--batch", str(source))  # again: the same UIDs replace, nothing doubles
    assert _calendar_files(tmp_path) == files


def test_a_follow_up_done_since_shows_as_done_in_khal(
    demo_db: Path, tmp_path: Path, khal: Callable[..., str]
) -> None:
    first = tmp_path / "first.ics"
    first.write_bytes(export_ics(demo_db, now="2026-11-25T09:00"))
    khal("import", "--batch", str(first))
    interviews = stored(demo_db)
    interview, item = next(
        (i, f) for i in interviews for f in i.follow_ups if f.is_open and f.kind == "thank_you"
    )
    line = _line(interview, item)
    assert line in _khal_lines(khal, interviews)
    assert f"CANCELLED {line}" not in _khal_lines(khal, interviews)
    files = _calendar_files(tmp_path)
    with Repository.open(demo_db) as repo:  # as `afterword done` and the app do it
        saved = repo.get(interview.id)
        mark_done(saved, item.id, datetime(2026, 11, 25, 10, 0))
        repo.save(saved)
    second = tmp_path / "second.ics"
    second.write_bytes(export_ics(demo_db, now="2026-11-25T10:30"))
    event = components(second.read_bytes(), "VEVENT")[follow_up_uid(item.id)]
    assert "STATUS" not in event and event["SEQUENCE"] == 1
    khal("import", "--batch", str(second))
    lines = _khal_lines(khal, interviews)
    assert _line(interview, item, "Done: ") in lines  # the same entry, now saying it is done
    assert line not in lines  # and no longer listed as still to do
    assert _calendar_files(tmp_path) == files  # the same entry, replaced


def test_export_option_mistakes_are_one_line(demo_db: Path) -> None:
    unknown = run_afterword(["--db", str(demo_db), "export", "--format", "xml"])
    assert unknown.returncode == 2
    assert "invalid choice: 'xml'" in unknown.stderr  # argparse's own words
    for fmt in ("json", "csv", "taskwarrior"):
        todos = run_afterword(["--db", str(demo_db), "export", "--format", fmt, "--todos"])
        assert todos.returncode == 2
        assert todos.stderr.strip() == (
            f"afterword: --todos is for --format ics (follow-ups as calendar to-dos), not {fmt}; "
            "add --format ics or leave --todos out."
        )
        assert not todos.stdout
        asked = run_afterword(["--db", str(demo_db), "export", "--format", fmt, "--attendees"])
        assert asked.returncode == 2
        assert asked.stderr.strip() == (
            f"afterword: --attendees is for --format ics (the interviewers as event attendees), "
            f"not {fmt}; add --format ics or leave --attendees out."
        )
        assert not asked.stdout


def test_the_calendar_commands_never_import_textual(demo_db: Path, tmp_path: Path) -> None:
    invite = Path(__file__).parent.parent / "fixtures" / "invitations" / "google.ics"
    code = (
        "import io, contextlib, sys\n"
        "from afterword.cli import main\n"
        "quiet = contextlib.redirect_stdout(io.StringIO())\n"
        "with quiet, contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['--db', {str(demo_db)!r}, 'export', '--format', 'ics'])\n"
        f"    main(['--db', {str(demo_db)!r}, 'export', '--format', 'csv'])\n"
        f"    main(['--db', {str(demo_db)!r}, 'export', '--format', 'taskwarrior'])\n"
        f"    main(['--db', {str(demo_db)!r}, 'import', '--dry-run', {str(invite)!r}])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert {"icalendar", "afterword.exchange.invitation", "afterword.exchange.csv_file"} <= loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def _fold_by_character(line: str) -> bytes:
    """RFC 5545 folding one character at a time, as a reference: a piece takes characters while
    it stays within ``FOLD_OCTETS`` octets; a piece that would end with an escape's backslash
    (or a caret) hands it on to the next."""
    pieces: list[str] = []
    piece = ""
    for char in line:
        if piece and len((piece + char).encode()) > FOLD_OCTETS:
            if len(piece) > 1 and piece[-1] in "\\^":
                pieces.append(piece[:-1])
                piece = piece[-1]
            else:
                pieces.append(piece)
                piece = ""
        piece += char
    pieces.append(piece)
    return "\r\n ".join(pieces).encode()


# text that folds in every way: wide characters, escapes at any place, long and short lines
_PIECE = st.lists(
    st.one_of(
        st.sampled_from(["\\", "\\,", "^", "a", "é", "€", "😀", "\\n", " ", ";", ":"]),
        st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    ),
    min_size=1,
    max_size=30,
).map("".join)
_LINE = st.one_of(  # short lines, and long ones made of a piece repeated after any lead-in
    _PIECE,
    st.builds(
        lambda lead, piece, times: "x" * lead + piece * times,
        st.integers(0, 80),
        _PIECE,
        st.integers(1, 60),
    ),
)


@given(line=_LINE)
def test_a_folded_line_is_the_line_in_pieces_a_reader_rejoins(line: str) -> None:
    folded = fold(line)
    assert folded == _fold_by_character(line)
    physical = folded.split(b"\r\n")
    assert b"".join(p.removeprefix(b" ") if i else p for i, p in enumerate(physical)) == (
        line.encode()
    )
    for index, piece in enumerate(physical):
        assert len(piece) <= FOLD_OCTETS + (1 if index else 0)  # 75 octets with the space
        piece.decode()  # never a character cut in two (the reference says where escapes go)


@given(line=_LINE.map(lambda t: t.replace("\\", "/").replace("^", "~")))
def test_folding_is_what_icalendar_writes(line: str) -> None:
    """Without escapes (whose folding icalendar changed in 7.3), the same bytes as icalendar's."""
    assert fold(line) == Contentline(line).to_ical()


def test_a_huge_field_exports_folded_and_reads_back() -> None:
    note = ("Überlegung \\ 😀 ^ ; , " * 8_000)[:100_000]
    interview = Interview(
        id="huge0001",
        company="Acme " + note,
        when=datetime(2026, 11, 24, 14, 0),
        debrief=Debrief(next_steps=note),
    )
    data = export_calendar([interview], NOW)
    assert max(len(line) for line in data.split(b"\r\n")) <= FOLD_OCTETS + 1
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert event["SUMMARY"].startswith("Interview: Acme Überlegung \\ 😀 ^ ; , ")
    assert note in str(event["SUMMARY"])


@given(st.text())
def test_a_calendar_value_holds_no_control_character_but_tab_and_line_breaks(text: str) -> None:
    """RFC 5545 3.3.11: no CTL in a TEXT value but HTAB; a line break is written as \\n."""
    out = calendar_text(text)
    assert not any((ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F for ch in out)
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n") + text.count("\x85")
    assert out.count("\n") == breaks  # CR, CRLF and NEL are line breaks, and stay so
    plain = all(ch in "\t\n" or 0x20 <= ord(ch) < 0x7F or ord(ch) > 0x9F for ch in text)
    if plain and not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        assert out == text


def test_an_interview_with_empty_fields_has_no_empty_fragments() -> None:
    """No role, stage or place, a title of spaces, a recruiter known by the agency alone."""
    interview = _interview(datetime(2026, 12, 1, 10), datetime(2026, 12, 2, 10))
    interview.role = ""
    interview.interviewers[0].title = "  "
    interview.recruiter = Recruiter(name="", agency="TalentBridge")
    data = export_calendar([interview], NOW, local_zone=ZoneInfo("Europe/London"))
    event = components(data, "VEVENT")[interview_uid(interview.id)]
    assert str(event["SUMMARY"]) == "Interview: Acme Robotics"
    assert "LOCATION" not in event
    lines = str(event["DESCRIPTION"]).splitlines()
    assert lines[:2] == ["With: Dana Whitfield, Sam Lee", "Recruiter: TalentBridge"], lines
    item = components(data, "VEVENT")[follow_up_uid(interview.follow_ups[0].id)]
    assert str(item["DESCRIPTION"]).startswith("After the interview Acme Robotics, Tue 1 Dec 2026")
