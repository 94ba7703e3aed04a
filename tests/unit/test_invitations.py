"""Interview invitations (.ics) from Google, Outlook and Apple become interviews."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.demo import write_demo_database
from afterword.errors import AfterwordError
from afterword.exchange.invitation import (
    Invitation,
    InvitationProblem,
    looks_like_calendar,
    read_invitation,
    read_invitations,
)
from afterword.exchange.invitation_words import (
    clean_description,
    company_from_domain,
    meeting_link,
    person_name,
    read_summary,
)
from tests.conftest import NOW, run_afterword

FIXTURES = Path(__file__).parent.parent / "fixtures" / "invitations"
LONDON = ZoneInfo("Europe/London")
ME = "alex@example.com"


@dataclass
class Expected:
    company: str
    role: str
    stage: str
    when: datetime  # in London
    where: str
    interviewers: list[tuple[str, str]]
    recruiter: str = ""


EXPECTED = {
    "google.ics": Expected(
        "Acme Robotics",
        "Backend Engineer",
        "",
        datetime(2026, 12, 2, 19, 0),  # 14:00 in New York
        "Google Meet: https://meet.google.com/xqe-hmzp-kwd",
        [
            ("Priya Raman", "priya.raman@acme-robotics.com"),
            ("Dana Whitfield", "dana.whitfield@acme-robotics.com"),
            ("Marcus Okafor", "marcus.okafor@acme-robotics.com"),  # CN was the address
        ],
    ),
    "outlook.ics": Expected(
        "Northwind Health",
        "Senior Data Engineer",
        "Onsite",
        datetime(2026, 12, 8, 18, 0),  # 10:00 "Pacific Standard Time"
        "SEA-Conf Room Rainier (10); 400 Pine St, Seattle",
        [
            ("Elena Novak", "elena.novak@northwindhealth.com"),  # CN "Novak, Elena"
            ("Tomás Herrera", "tomas.herrera@northwindhealth.com"),
        ],
    ),
    "apple.ics": Expected(
        "Quillstone Labs",  # from the interviewers' domain quillstone-labs.co.uk
        "Staff Software Engineer",
        "Technical",
        datetime(2026, 12, 3, 11, 30),
        "Zoom: https://quillstone.zoom.us/j/83712345678?pwd=Zk9vR2x3cWpN",
        [
            ("Ingrid Berg", "ingrid.berg@quillstone-labs.co.uk"),
            ("Kwame Mensah", "kwame.mensah@quillstone-labs.co.uk"),  # no CN at all
        ],
        recruiter="Claire Dubois",  # the organizer, from a recruiting agency's domain
    ),
}


def read_fixture(name: str, zone: ZoneInfo = LONDON) -> Invitation:
    return read_invitation((FIXTURES / name).read_bytes(), name, [ME], local_zone=zone)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_invitation_finds_company_role_time_place_and_people(name: str) -> None:
    expected = EXPECTED[name]
    invitation = read_fixture(name)
    assert invitation.company == expected.company
    assert invitation.role == expected.role
    assert invitation.stage == expected.stage
    assert invitation.when == expected.when
    assert invitation.when.tzinfo is None
    assert invitation.where == expected.where
    assert [(p.name, p.email) for p in invitation.interviewers] == expected.interviewers
    assert (invitation.recruiter.name if invitation.recruiter else "") == expected.recruiter
    assert invitation.end is not None and invitation.end > invitation.when


def test_the_user_and_the_rooms_are_never_interviewers() -> None:
    for name in EXPECTED:
        people = read_fixture(name).interviewers
        addresses = {p.email.casefold() for p in people}
        assert ME not in addresses, name  # Google wrote it as Alex@Example.com
        assert not any("room" in p.name.casefold() or "resource" in p.email for p in people)
    data = (FIXTURES / "google.ics").read_bytes()
    without_profile = read_invitation(data, "google.ics", [], local_zone=LONDON)
    assert "Alex Morgan" in [p.name for p in without_profile.interviewers]


def test_times_are_converted_to_the_local_zone() -> None:
    tokyo = read_fixture("google.ics", ZoneInfo("Asia/Tokyo"))
    assert tokyo.when == datetime(2026, 12, 3, 4, 0)
    assert read_fixture("outlook.ics", ZoneInfo("America/Los_Angeles")).when == datetime(
        2026, 12, 8, 10, 0
    )


def test_the_description_leaves_out_the_joining_instructions() -> None:
    google = read_fixture("google.ics").description
    assert google.startswith("Hi Alex,") and google.endswith("Priya")
    assert "Join with Google Meet" not in google
    assert "Microsoft Teams" not in read_fixture("outlook.ics").description


def test_an_invitation_becomes_an_interview_with_follow_ups_from_the_rules() -> None:
    interview = read_fixture("apple.ics").to_interview()
    kinds = sorted(f.kind for f in interview.follow_ups)
    assert kinds == [
        "ask_recruiter",
        "check_in",
        "recruiter_debrief",
        "thank_you",
        "thank_you",
    ]
    assert interview.recruiter is not None and interview.recruiter.agency == "Hirewell"
    assert interview.extra["calendar_uid"] == "8E1F5A3C-2B7D-4C9A-9F61-3D2E7B4A1C05"
    assert interview.extra["end"] == "2026-12-03T12:30:00"


def _config(email: str) -> None:
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[profile]\nname = "Alex Morgan"\nemail = "{email}"\n', encoding="utf-8")


def _exported(db: Path) -> list[dict[str, Any]]:
    result = run_afterword(["--db", str(db), "export"])
    assert result.returncode == 0, result.stderr
    interviews: list[dict[str, Any]] = json.loads(result.stdout)["interviews"]
    return interviews


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_afterword_import_makes_the_interview(name: str, tmp_path: Path) -> None:
    _config(ME)
    db = tmp_path / "db.json"
    result = run_afterword(
        ["--db", str(db), "import", str(FIXTURES / name)], env={"TZ": "Europe/London"}
    )
    assert result.returncode == 0, result.stderr
    assert "Imported 1 new interview, " in result.stdout
    [interview] = _exported(db)
    expected = EXPECTED[name]
    assert interview["company"] == expected.company
    assert interview["role"] == expected.role
    assert interview["stage"] == expected.stage
    assert interview["when"] == expected.when.isoformat()
    assert interview["where"] == expected.where
    people = [(p["name"], p["email"]) for p in interview["interviewers"]]
    assert people == expected.interviewers
    thanks = sorted(f["person"] for f in interview["follow_ups"] if f["kind"] == "thank_you")
    assert thanks == sorted(n for n, _ in expected.interviewers)
    assert any(f["kind"] == "check_in" for f in interview["follow_ups"])


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    before = db.read_bytes()
    result = run_afterword(["--db", str(db), "import", "--dry-run", str(FIXTURES / "google.ics")])
    assert result.returncode == 0, result.stderr
    assert "Would import: Acme Robotics · Backend Engineer" in result.stdout
    assert "nothing was written" in result.stdout
    assert db.read_bytes() == before


def test_importing_again_adds_nothing_and_a_moved_invitation_moves_it(tmp_path: Path) -> None:
    _config(ME)
    db = tmp_path / "db.json"
    source = FIXTURES / "google.ics"
    env = {"TZ": "Europe/London"}
    assert run_afterword(["--db", str(db), "import", str(source)], env=env).returncode == 0
    again = run_afterword(["--db", str(db), "import", str(source)], env=env)
    assert again.returncode == 0, again.stderr
    assert "every event is there already" in again.stdout
    assert len(_exported(db)) == 1
    moved = tmp_path / "moved.ics"
    moved.write_bytes(source.read_bytes().replace(b"20261202T140000", b"20261204T100000"))
    result = run_afterword(["--db", str(db), "import", str(moved)], env=env)
    assert result.returncode == 0, result.stderr
    assert "Updated: Acme Robotics" in result.stdout
    [interview] = _exported(db)
    assert interview["when"] == "2026-12-04T15:00:00"
    thanks = [f["due"] for f in interview["follow_ups"] if f["kind"] == "thank_you"]
    assert thanks == ["2026-12-05T15:00:00"] * 3


def test_our_own_calendar_export_imports_as_no_change(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    env = {"TZ": "America/Chicago"}
    ics = tmp_path / "out.ics"
    exported = run_afterword(
        ["--db", str(db), "export", "--format", "ics", "-o", str(ics)], env=env
    )
    assert exported.returncode == 0, exported.stderr
    before = db.read_bytes()
    result = run_afterword(["--db", str(db), "import", str(ics)], env=env)
    assert result.returncode == 0, result.stderr
    assert "every event is there already" in result.stdout
    assert db.read_bytes() == before


def test_a_calendar_without_the_ics_suffix_is_still_read(tmp_path: Path) -> None:
    source = tmp_path / "invite.txt"
    source.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "apple.ics").read_bytes())
    assert looks_like_calendar(source)
    assert not looks_like_calendar(tmp_path / "backup.json")
    result = run_afterword(["--db", str(tmp_path / "db.json"), "import", "--dry-run", str(source)])
    assert result.returncode == 0, result.stderr
    assert "Would import: Quillstone Labs" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "invite.ics has no event in it: the file is empty"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "invite.ics has no event in it"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n", "no event"),
        (b"this is not a calendar\n", "invite.ics is not a calendar file Afterword can read"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "invite.ics has no event in it"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Interview: Acme\r\n"
            b"DTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "the event 'Interview: Acme' has no start time that can be read (DTSTART)",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Chat\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n",
            "has no start time",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Interview\r\n"
            b"DTSTART:20261202T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "cannot tell the company from the event 'Interview'",
        ),
        (
            b"BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:1\r\nSTATUS:CANCELLED\r\n"
            b"SUMMARY:Interview: Acme\r\nDTSTART:20261202T140000Z\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n",
            "it only cancels an event",
        ),
    ],
)
def test_a_broken_invitation_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    before = db.read_bytes()
    source = tmp_path / "invite.ics"
    source.write_bytes(content)
    result = run_afterword(["--db", str(db), "import", str(source)])
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "nothing was imported" in lines[0].casefold()
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_a_missing_invitation_is_one_line(tmp_path: Path) -> None:
    result = run_afterword(["--db", str(tmp_path / "db.json"), "import", "nowhere/invite.ics"])
    assert result.returncode == 2
    assert result.stderr.strip() == "afterword: There is no file nowhere/invite.ics."


@pytest.mark.parametrize(
    ("summary", "domain", "expected"),
    [
        (
            "Interview: Backend Engineer – Acme Robotics",
            "",
            ("Acme Robotics", "Backend Engineer", ""),
        ),
        (
            "Acme Robotics | Onsite interview for Senior Data Engineer",
            "",
            ("Acme Robotics", "Senior Data Engineer", "Onsite"),
        ),
        (
            "Interview with Tessellate for Staff Software Engineer",
            "",
            ("Tessellate", "Staff Software Engineer", ""),
        ),
        (
            "Technical interview - Platform Engineer - Bluefin Analytics",
            "",
            ("Bluefin Analytics", "Platform Engineer", "Technical"),
        ),
        ("Interview for Data Engineer at Pebble Games", "", ("Pebble Games", "Data Engineer", "")),
        (
            "Invitation: Backend Engineer interview @ Tue Dec 2, 2026 2pm - 3pm (EST) (a@b.com)",
            "acme-robotics.com",
            ("Acme Robotics", "Backend Engineer", ""),
        ),
        (
            "Hiring manager chat (Full-Stack Developer)",
            "oakline.example",
            ("Oakline", "Full-Stack Developer", "Hiring manager"),
        ),
        ("Phone screen with Dana Whitfield", "", ("", "", "Phone screen")),
        (
            "Platform Team | Acme Robotics",
            "acme-robotics.com",
            ("Acme Robotics", "Platform Team", ""),
        ),
        (
            "Senior Python Developer / Oakline Bank / Final round",
            "",
            ("Oakline Bank", "Senior Python Developer", "Final"),
        ),
    ],
)
def test_company_role_and_stage_from_the_title(
    summary: str, domain: str, expected: tuple[str, str, str]
) -> None:
    assert read_summary(summary, domain, ["dana whitfield"]) == expected


@pytest.mark.parametrize(
    ("domain", "company"),
    [
        ("acme-robotics.com", "Acme Robotics"),
        ("quillstone-labs.co.uk", "Quillstone Labs"),
        ("mail.harbor-and-pine.com", "Harbor and Pine"),
        ("tessellate.io", "Tessellate"),
        ("localhost", ""),
    ],
)
def test_company_from_domain(domain: str, company: str) -> None:
    assert company_from_domain(domain) == company


@pytest.mark.parametrize(
    ("cn", "email", "name"),
    [
        ("Dana Whitfield", "dana@acme.example", "Dana Whitfield"),
        ("Novak, Elena", "", "Elena Novak"),
        ('"Herrera, Tomás"', "", "Tomás Herrera"),
        ("", "marcus.okafor@acme.example", "Marcus Okafor"),
        ("marcus.okafor@acme.example", "marcus.okafor@acme.example", "Marcus Okafor"),
        ("", "jo_ann-lee+jobs2@x.example", "Jo Ann Lee"),
    ],
)
def test_person_name(cn: str, email: str, name: str) -> None:
    assert person_name(cn, email) == name


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Join: https://acme.zoom.us/j/123456?pwd=x.",
         ("https://acme.zoom.us/j/123456?pwd=x", "Zoom")),
        ("https://zoom.us/download then https://meet.google.com/abc-defg-hij",
         ("https://meet.google.com/abc-defg-hij", "Google Meet")),
        ("<https://teams.microsoft.com/l/meetup-join/19%3a/0?c=1>",
         ("https://teams.microsoft.com/l/meetup-join/19%3a/0?c=1", "Microsoft Teams")),
        ("Learn more https://support.google.com/a/users/answer/9282720", None),
        ("", None),
    ],
)  # fmt: skip
def test_meeting_links(text: str, found: tuple[str, str] | None) -> None:
    assert meeting_link(text) == found


def test_an_all_day_invitation_starts_at_nine() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d\r\nSUMMARY:Acme Robotics onsite day\r\n"
        b"DTSTART;VALUE=DATE:20261210\r\nLOCATION:Zoom\r\n"
        b"DESCRIPTION:Link: https://acme.zoom.us/my/hiring\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    invitation = read_invitation(data, "day.ics", local_zone=LONDON)
    assert invitation.when == datetime(2026, 12, 10, 9, 0)
    assert invitation.where == "Zoom: https://acme.zoom.us/my/hiring"
    assert invitation.stage == "Onsite"


def test_several_events_come_out_earliest_first() -> None:
    apple, google = (FIXTURES / "apple.ics").read_bytes(), (FIXTURES / "google.ics").read_bytes()
    found = read_invitations(google + apple, "both.ics", [ME], local_zone=LONDON)
    assert [i.company for i in found] == ["Acme Robotics", "Quillstone Labs"]


def test_an_invitation_without_a_company_cannot_become_an_interview() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Phone screen\r\n"
        b"DTSTART:20261202T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    invitation = read_invitation(data, "x.ics", local_zone=LONDON)
    assert invitation.company == "" and invitation.stage == "Phone screen"
    with pytest.raises(InvitationProblem, match="cannot tell the company"):
        invitation.to_interview()


def test_an_event_in_a_far_year_is_refused_in_one_sentence() -> None:
    """The schedule counts business days and weeks from the start: year 9999 would run off the
    end of the calendar, so such an event is refused, not imported."""
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\n"
        b"DTSTART:99991231T235959Z\r\nSUMMARY:Interview at Acme\r\n"
        b"ORGANIZER;CN=Dana:mailto:dana@acme-robotics.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with pytest.raises(InvitationProblem, match="starts in the year 9999, not between 1900"):
        read_invitations(data, "far.ics")


# ---------------------------------------------------------------- never anything but our error

SAMPLES = [(FIXTURES / name).read_bytes() for name in sorted(EXPECTED)]
JUNK = [
    b"DTSTART:", b"DTSTART;TZID=Nowhere/Zone:", b"ATTENDEE;CN=", b"ORGANIZER:", b"END:VEVENT",
    b"BEGIN:VEVENT", b"BEGIN:VALARM", b"SUMMARY:", b"DTEND:", b"DURATION:", b"URL:",
    b";CUTYPE=ROOM", b"\r\n ", b"\r\n", b"DTSTART:99991231T235959Z", b"DTSTART:00010101T000000",
]  # fmt: skip


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "swap", "truncate", "line"]))
        if action == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif action == "swap" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "truncate":
            del data[at:]
        else:
            junk = draw(st.sampled_from(JUNK))
            data[at:at] = junk + draw(st.text(max_size=20)).encode("utf-8", "replace")
    return bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.one_of(mangled(), st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_read_invitation_raises_nothing_but_afterword_error(data: bytes) -> None:
    try:
        invitation = read_invitation(data, "mangled.ics", [ME], local_zone=LONDON)
    except AfterwordError as error:
        assert "\n" not in str(error)
        return
    assert invitation.when.tzinfo is None
    try:
        interview = invitation.to_interview()
    except AfterwordError:
        return
    assert interview.company.strip()


def _cut_line_by_line(text: str) -> str:
    """The description up to the first line that is only a joining-instructions marker."""
    import re

    offset = 0
    for line in text.split("\n"):
        if re.fullmatch(r"-::~[:~]*::-|_{20,}", line.strip()):
            return text[:offset].strip()
        offset += len(line) + 1
    return text.strip()


_DESCRIPTION_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "",
                " ",
                "\r",
                "\t",
                "\xa0",
                "-::~:~::~:~::-",
                "  -::~::- \r",
                "_" * 25,
                "_" * 19,
                "\u2028",
                "\x0b",
                "Hello",
                "Join with Google Meet",
                "x " + "_" * 30,
            ]
        ),
        st.text(max_size=8),
    ).map(lambda line: line.replace("\n", "")),
    max_size=12,
).map("\n".join)


@given(text=_DESCRIPTION_LINES)
def test_a_description_ends_before_the_first_line_of_joining_instructions(text: str) -> None:
    assert clean_description(text) == _cut_line_by_line(text)


@pytest.mark.parametrize("blank", ["\\n", " \\n\\t", "\\r\\n", "\\n\\xa0"])
def test_a_description_of_a_million_blank_lines_is_read_at_once(blank: str) -> None:
    """Each line start used to scan the blank lines after it again: minutes for 100,000 lines,
    hours for a million (now a fraction of a second). A regular expression holds the
    interpreter until it is done, so the guard against a hang is a child process."""
    import subprocess
    import sys

    code = (
        "from afterword.exchange.invitation_words import clean_description\n"
        f"text = 'Hello' + '{blank}' * 1_000_000 + 'Join'  # no marker: each line start is tried\n"
        "print(clean_description(text) == text.strip())\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("clean_description did not finish within a minute")
    assert done.stdout == "True\n", done.stderr
