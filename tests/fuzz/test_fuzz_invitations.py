"""Fuzzing `afterword import` of invitation files (.ics): hostile text in every property,
broken and odd times, folded and mangled lines, bytes that are not UTF-8.

Success: exit 0, a new interview per new event, each with a company, and the database parses
and holds them; importing the same file again adds nothing. Failure: exit 2, one sentence, and
the database byte for byte as it was. Our own calendar export imported back changes nothing.
"""

from __future__ import annotations

import json
import re

from hypothesis import example, given
from hypothesis import strategies as st

from afterword.store.repository import Repository
from tests.fuzz import hostile
from tests.fuzz.helpers import (
    Run,
    assert_clear_error,
    base_bytes,
    base_interviews,
    fresh_database,
    imported,
    run_cli,
)
from tests.fuzz.profiles import FUZZ, HEAVY
from tests.fuzz.test_fuzz_import import valid_documents

BASE_COUNT = len(base_interviews())
TIMES = (
    "20261202T190000Z", "20261202T190000", "20261202", "20260329T013000", "99991231T235959Z",
    "00010101T000000Z", "00010101T000000", "19000101T000000", "20261302T190000",
    "20261202T250000", "2026-12-02", "garbage", "", "20261202T190000ZZ", "20261202T1900",
)  # fmt: skip
TZIDS = (
    "", ";TZID=Europe/London", ";TZID=America/New_York", ";TZID=Nowhere/Bogus", ";TZID=",
    ';TZID="W. Europe Standard Time"', ";VALUE=DATE", ";VALUE=DATE-TIME",
)  # fmt: skip


def _escape(text: str) -> str:
    return re.sub(r"([\\;,])", r"\\\1", text).replace("\r\n", "\\n").replace("\n", "\\n")


value = st.one_of(hostile.text(), hostile.text().map(_escape), hostile.huge)
cn = st.one_of(hostile.text(6), st.just(""), st.just("Novak, Elena"), st.just('"Okafor, Marcus"'))
address = st.one_of(
    st.sampled_from(
        ["dana@acme-robotics.com", "talent@acme.example", "sam@talentbridge.example",
         "me@example.com", "room-1@resource.calendar.google.com", "", "not-an-address", "@", "a@b"]
    ),
    hostile.text(4),
)  # fmt: skip
uid = st.one_of(st.none(), st.text("abcdef0123456789-", min_size=1, max_size=12), hostile.text(4))


@st.composite
def events(draw: st.DrawFn) -> tuple[list[str], str | None]:
    """One VEVENT's lines, and its UID when it is a plain one."""
    ident = draw(uid)
    lines = ["BEGIN:VEVENT"]
    if ident is not None:
        lines.append(f"UID:{ident}")
    lines.append(f"DTSTART{draw(st.sampled_from(TZIDS))}:{draw(st.sampled_from(TIMES))}")
    if draw(st.booleans()):
        lines.append(f"DTEND{draw(st.sampled_from(TZIDS))}:{draw(st.sampled_from(TIMES))}")
    if draw(st.booleans()):
        lines.append(f"DURATION:{draw(st.sampled_from(['PT1H', 'P1D', '-PT1H', 'PXYZ']))}")
    summary = draw(
        st.one_of(
            value,
            st.sampled_from(
                ["Interview: Backend Engineer – Acme Robotics", "Acme Robotics | Onsite interview "
                 "for Senior Data Engineer", "Interview with Priya Raman", "Call", ""]
            ),
        )
    )  # fmt: skip
    lines.append(f"SUMMARY:{summary}")
    for name in draw(st.lists(st.sampled_from(["LOCATION", "DESCRIPTION", "URL", "STATUS",
                                               "X-GOOGLE-CONFERENCE", "X-ALT-DESC"]),
                              max_size=4)):  # fmt: skip
        lines.append(f"{name}:{draw(value)}")
    if draw(st.booleans()):
        lines.append(f"ORGANIZER;CN={draw(cn)}:mailto:{draw(address)}")
    for _ in range(draw(st.integers(0, 4))):
        params = draw(st.sampled_from(["", ";CUTYPE=ROOM", ";ROLE=NON-PARTICIPANT", ";EMAIL=x@y.z",
                                       ";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT"]))  # fmt: skip
        lines.append(f"ATTENDEE;CN={draw(cn)}{params}:mailto:{draw(address)}")
    if draw(st.integers(0, 9)) == 0:
        lines.append("STATUS:CANCELLED")
    lines.append("END:VEVENT")
    plain = ident if ident is not None and re.fullmatch(r"[a-f0-9-]+", ident) else None
    return lines, plain


@st.composite
def calendars(draw: st.DrawFn) -> tuple[bytes, bool]:
    """(the file's bytes, whether every event has a plain UID of its own)."""
    found = draw(st.lists(events(), min_size=0, max_size=4))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Fuzz//EN"]
    for event_lines, _ in found:
        lines += event_lines
    lines.append("END:VCALENDAR")
    for _ in range(draw(st.integers(0, 2))):  # mangle a line: drop, repeat, or cut it
        at = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["drop", "repeat", "cut", "junk"]))
        if how == "drop":
            del lines[at]
        elif how == "repeat":
            lines.insert(at, lines[at])
        elif how == "cut":
            lines[at] = lines[at][: draw(st.integers(0, max(0, len(lines[at]) - 1)))]
        else:
            lines.insert(at, draw(hostile.text()))
    fold = draw(st.sampled_from([None, 75, 10]))
    if fold:
        lines = ["\r\n ".join(line[i : i + fold] for i in range(0, len(line), fold)) or line
                 for line in lines]  # fmt: skip
    text = draw(st.sampled_from(["\r\n", "\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1", "utf-8-sig"]))
    data = text.encode(encoding, "replace" if encoding != "utf-8" else "surrogatepass")
    uids = [u for _, u in found]
    plain = bool(uids) and all(uids) and len(set(uids)) == len(uids)
    return data, plain


def _interview_count(db: object) -> int:
    with Repository.open(db, read_only=True) as repo:  # type: ignore[arg-type]
        for interview in repo.interviews():
            assert interview.company.strip(), interview
        return len(repo.interviews())


def _new_count(run: Run) -> int:
    if "every event is there already" in run.out:  # nothing new: said in its own words
        return 0
    match = re.search(r"(\d+) new interviews?\b", run.out)
    assert match, f"a successful import names how many interviews are new: {run.out!r}"
    return int(match.group(1))


@FUZZ
@given(calendar=calendars(), dry_run=st.booleans())
def test_an_invitation_imports_or_says_why(calendar: tuple[bytes, bool], dry_run: bool) -> None:
    data, plain_uids = calendar
    with fresh_database() as db:
        source = db.parent.parent / "invite.ics"
        source.write_bytes(data)
        args = ["--db", str(db), "import", str(source), *(["--dry-run"] if dry_run else [])]
        run = run_cli(args)
        assert run.code in (0, 2), run
        if run.code == 2 or dry_run:
            if run.code == 2:
                assert_clear_error(run)
            assert db.read_bytes() == base_bytes(), "a failed import or a dry run wrote"
            return
        new = _new_count(run)
        assert _interview_count(db) == BASE_COUNT + new, run.out
        again = run_cli(["--db", str(db), "import", str(source)])
        assert again.code == 0, again
        if plain_uids:
            assert _new_count(again) == 0, again.out
            assert _interview_count(db) == BASE_COUNT + new


def _utf8(value: object) -> object:
    """``value`` with each lone surrogate as U+FFFD: what a calendar file (UTF-8) can carry."""
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", value)
    if isinstance(value, list):
        return [_utf8(v) for v in value]
    if isinstance(value, dict):
        return {_utf8(k): _utf8(v) for k, v in value.items()}
    return value


def _one(**fields: object) -> dict[str, object]:
    interview = {"company": "Q", "when": "2000-01-01T00:00:00", "id": "00000000", **fields}
    return {"format": "afterword", "version": 1, "interviews": [interview]}


@HEAVY
@given(document=valid_documents().map(_utf8))
@example(document=_one(where="\ufeff\x00"))  # icalendar took a value's leading U+FEFF off
@example(document=_one(where="New: \x00"))  # a value that reads like the import's own words
@example(document=_one(where="\x00\x0b"))  # a control that str.strip() takes for a space
def test_our_own_calendar_export_imports_as_no_change(document: dict[str, object]) -> None:
    with imported(document) as db:
        exported = db.parent.parent / "out.ics"
        run = run_cli(["--db", str(db), "export", "--format", "ics", "-o", str(exported)])
        assert run.code == 0, run
        before = db.read_bytes()
        again = run_cli(["--db", str(db), "import", str(exported)])
        assert again.code == 0, again
        assert again.out.splitlines()[-1].startswith("Nothing to import"), again.out
        lines = again.out.splitlines()  # one line an event (a value may say "New: " itself)
        assert not any(line.startswith(("New: ", "Updated: ")) for line in lines), again.out
        assert db.read_bytes() == before
        assert json.loads(before)  # still a database that parses


@HEAVY
@given(document=valid_documents())
def test_every_export_format_writes_what_reads_back(document: dict[str, object]) -> None:
    """Hostile records export in every format, and each file reads back with its own reader."""
    import csv
    import io

    from icalendar import Calendar

    with imported(document) as db:
        count = BASE_COUNT + len(document["interviews"])  # type: ignore[arg-type]
        for fmt in ("json", "csv", "ics", "taskwarrior"):
            target = db.parent.parent / f"out.{fmt}"
            run = run_cli(["--db", str(db), "export", "--format", fmt, "-o", str(target)])
            assert run.code == 0, run
            data = target.read_bytes()
            if fmt == "json":
                assert len(json.loads(data)["interviews"]) == count
            elif fmt == "csv":
                limit = csv.field_size_limit(10 * hostile.HUGE_SIZE)  # a field may be long
                try:
                    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
                finally:
                    csv.field_size_limit(limit)
                assert len(rows) == count + 1 and len({len(r) for r in rows}) == 1
                assert not any(cell[:1] in ("=", "@") for row in rows for cell in row)
            elif fmt == "ics":
                events = Calendar.from_ical(data).walk("VEVENT")
                assert sum(e["UID"].startswith("interview-") for e in events) == count
            else:
                assert isinstance(json.loads(data), list)
