"""The time zones an invitation carries are checked before dateutil expands their rules."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from icalendar import Calendar

from afterword.exchange.invitation import InvitationProblem, read_invitation
from afterword.exchange.invitation_zones import ZoneRefused, check_time_zones

FIXTURES = Path(__file__).parent.parent / "fixtures" / "invitations"


def zone_ics(*parts: tuple[str, str]) -> bytes:
    """An invitation whose event's time is in Evil/Zone, made of (DTSTART, RRULE) parts."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//y//EN", "BEGIN:VTIMEZONE"]
    lines.append("TZID:Evil/Zone")
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
        "DTSTART;TZID=Evil/Zone:20261202T140000",
        "DTEND;TZID=Evil/Zone:20261202T150000",
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
    )
    invitation = read_invitation(data, "invite.ics")
    assert invitation.company == "Acme Robotics"
