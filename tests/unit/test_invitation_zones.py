"""The time zones an invitation carries are checked before dateutil expands their rules."""

from __future__ import annotations

import time
from datetime import UTC
from pathlib import Path

import pytest
from icalendar import Calendar

from afterword.exchange.invitation import InvitationProblem, read_invitation
from afterword.exchange.invitation_zones import ZoneRefused, check_time_zones

FIXTURES = Path(__file__).parent.parent / "fixtures" / "invitations"


def zone_ics(*parts: tuple[str, str], name: str = "Evil/Zone") -> bytes:
    """An invitation whose event's time is in the zone ``name``, made of (DTSTART, RRULE)
    parts. (icalendar would keep a zone by name for the process: the tests that read a file
    to the end name theirs apart, so that a bomb left behind cannot hang them.)"""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "BEGIN:VTIMEZONE"]
    lines.append(f"TZID:{name}")
    for n, (start, rule) in enumerate(parts):
        kind = "STANDARD" if n % 2 == 0 else "DAYLIGHT"
        offsets = ("-0400", "-0500") if n % 2 == 0 else ("-0500", "-0400")
        lines += [f"BEGIN:{kind}", f"DTSTART:{start}"]
        lines += [f"RRULE:{rule}"] if rule else []
        lines += [f"TZOFFSETFROM:{offsets[0]}", f"TZOFFSETTO:{offsets[1]}", f"END:{kind}"]
    lines += [
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:abc2@example.com",
        "DTSTAMP:20261125T160000Z",
        f"DTSTART;TZID={name}:20261202T140000",
        f"DTEND;TZID={name}:20261202T150000",
        "SUMMARY:Interview: Backend Engineer – Acme Robotics",
        "ATTENDEE;CN=Dana:mailto:dana@acme-robotics.com",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def refusal(data: bytes) -> str:
    with pytest.raises(ZoneRefused) as refused:
        check_time_zones(Calendar.from_ical(data, multiple=True))
    return str(refused.value)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=SECONDLY", "every second"),
        ("FREQ=MINUTELY;INTERVAL=2", "every minute"),
        ("FREQ=HOURLY", "every hour"),
        ("FREQ=DAILY", "every day"),
        ("FREQ=WEEKLY;COUNT=100000000", "every week"),
        (
            "FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,30",
            "several times a day",
        ),
        (
            "FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=1,2,3",
            "more than 12 times a year",
        ),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR", "more than 12 times a year"),
    ],
)
def test_a_zone_whose_rules_run_too_often_is_refused(rule: str, words: str) -> None:
    data = zone_ics(("19700101T000000", rule), ("19700101T000001", "FREQ=YEARLY;BYMONTH=3"))
    assert words in refusal(data)
    assert "Evil/Zone" in refusal(data)


def test_a_zone_with_too_many_rules_is_refused() -> None:
    parts = [("19700101T020000", f"FREQ=YEARLY;BYMONTH={1 + n % 12}") for n in range(60)]
    assert "more than 50 repeating rules" in refusal(zone_ics(*parts))


def test_a_zone_with_thousands_of_parts_is_refused() -> None:
    parts = [(f"{1970 + n // 300}0101T{n % 24:02d}0000", "") for n in range(2_100)]
    assert "parts" in refusal(zone_ics(*parts))


def test_a_zone_listing_too_many_changes_is_refused() -> None:
    changes = ",".join(f"{1970 + n // 12:04d}{n % 12 + 1:02d}01T020000" for n in range(10_001))
    data = zone_ics(("19700101T000000", ""), ("19700101T000001", ""))
    data = data.replace(
        b"DTSTART:19700101T000001\r\n", f"DTSTART:19700101T000001\r\nRDATE:{changes}\r\n".encode()
    )
    assert "more than 10,000 changes" in refusal(data)


def test_the_bomb_is_refused_in_one_sentence_at_once() -> None:
    data = zone_ics(("19700101T000000", "FREQ=SECONDLY"), ("19700101T000001", "FREQ=SECONDLY"))
    started = time.monotonic()
    with pytest.raises(InvitationProblem) as problem:
        read_invitation(data, "invite.ics")
    assert time.monotonic() - started < 2
    message = str(problem.value)
    assert message.startswith("invite.ics: its time zone Evil/Zone changes every second")
    assert "ask the sender" in message and "\n" not in message


@pytest.mark.parametrize("name", ["google.ics", "outlook.ics", "apple.ics"])
def test_the_zones_of_real_invitations_pass(name: str) -> None:
    check_time_zones(Calendar.from_ical((FIXTURES / name).read_bytes(), multiple=True))


def test_a_yearly_zone_with_history_reads() -> None:
    """Zones as tzurl writes them: eras of yearly rules, each with an end, and single changes."""
    data = zone_ics(
        ("19670430T020000", "FREQ=YEARLY;BYMONTH=4;BYDAY=-1SU;UNTIL=19730429T070000Z"),
        ("19671029T020000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z"),
        ("20070311T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
        ("20071104T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
        ("19740106T020000", ""),
        name="America/Tzurl-History",
    )
    invitation = read_invitation(data, "invite.ics")
    assert invitation.company == "Acme Robotics"


def test_each_file_has_its_own_zone_of_one_name() -> None:
    """Two invitations whose zones share a name (Outlook: "Customized Time Zone") but not
    their offsets: each time is read with its own file's zone."""
    minus_five = zone_ics(("19700101T000000", ""), name="Customized Time Zone")
    plus_one = minus_five.replace(b"TZOFFSETTO:-0500", b"TZOFFSETTO:+0100")
    first = read_invitation(minus_five, "a.ics", local_zone=UTC)
    second = read_invitation(plus_one, "b.ics", local_zone=UTC)
    assert (first.when.hour, second.when.hour) == (19, 13)
