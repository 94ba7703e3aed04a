"""Calendar files out: interviews and follow-ups as iCalendar (RFC 5545) events or to-dos.

Every item's UID comes from its stored id, so a calendar that imports the next export updates
its entries instead of doubling them. A follow-up done or cancelled in Afterword is written too,
closed, with a higher ``SEQUENCE``: a done event titled "Done: …" (a record of what happened),
a cancelled one ``STATUS:CANCELLED``, a to-do ``COMPLETED`` or ``CANCELLED``; so the calendar
that holds the open one from an earlier export brings it up to date.

Naive times are local wall time (the data format): they are written in the local zone, by name
and with its VTIMEZONE, when the zone is known, else as floating times. A time that carries a
named zone keeps it; a bare offset becomes UTC (a calendar cannot name a zone from an offset
alone). The private notes never leave the database.

The interviewers are named in each interview's DESCRIPTION, not listed as ``ATTENDEE``s unless
asked (``attendees=True``, ``--attendees``): a calendar app offers to email an event's attendees
when it is edited or moved, and an interviewer must never get a calendar update from the
candidate.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Component, Event, Todo, vCalAddress

from afterword.domain.model import FollowUp, Interview
from afterword.domain.words import joined_parts

PRODID = "-//Afterword//Afterword interviews and follow-ups//EN"
UID_SUFFIX = "@afterword"
INTERVIEW_LENGTH = timedelta(hours=1)
DAY = timedelta(days=1)
FOLLOW_UP_MINUTES = {"thank_you": 30, "check_in": 30, "recruiter_debrief": 30}
FOLLOW_UP_DEFAULT_MINUTES = 15
# A closed follow-up's entry is a later version of the open one: calendars keep the higher one.
DONE_PREFIX = "Done: "
OPEN_SEQUENCE = 0
CLOSED_SEQUENCE = 1
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def interview_uid(interview_id: str) -> str:
    return f"interview-{interview_id}{UID_SUFFIX}"


def follow_up_uid(follow_up_id: str) -> str:
    return f"follow-up-{follow_up_id}{UID_SUFFIX}"


def system_zone() -> ZoneInfo | None:
    """The machine's zone by its IANA name ($TZ, else where /etc/localtime points), or None.

    Only a named zone can be written with a VTIMEZONE; without one the export uses floating
    times, which every calendar shows at the same wall time.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            name = os.readlink("/etc/localtime")
        except OSError:
            try:
                with open("/etc/timezone", encoding="utf-8") as file:
                    name = file.read().strip()
            except OSError:
                return None
    if "zoneinfo/" in name:
        name = name.rsplit("zoneinfo/", 1)[1].removeprefix("posix/").removeprefix("right/")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def to_utc(value: datetime, local_zone: tzinfo | None) -> datetime:
    """``value`` in UTC; a naive value is wall time in ``local_zone`` (None: the system's)."""
    if value.tzinfo is None and local_zone is not None:
        value = value.replace(tzinfo=local_zone)
    return value.astimezone(UTC)


def calendar_time(value: datetime, local_zone: tzinfo | None) -> datetime:
    """The value as the file writes it: named zone kept, bare offset in UTC, naive localised."""
    if value.tzinfo is None:
        if local_zone is None:
            return value  # floating: the same wall time in every zone
        if isinstance(local_zone, ZoneInfo):
            return value.replace(tzinfo=local_zone)
        return to_utc(value, local_zone)
    if isinstance(value.tzinfo, ZoneInfo):
        return value
    return value.astimezone(UTC)


def _day(value: date) -> str:
    return f"{_DAYS[value.weekday()]} {value.day} {_MONTHS[value.month - 1]} {value.year}"


def _moment(value: datetime) -> str:
    zone = f" {value.tzname()}" if value.tzinfo is not None and value.tzname() else ""
    return f"{_day(value)}, {value:%H:%M}{zone}"


def interview_heading(interview: Interview) -> str:
    """'Acme Robotics · Backend Engineer (Onsite)'."""
    text = interview.company
    if interview.role:
        text += f" · {interview.role}"
    if interview.stage:
        text += f" ({interview.stage})"
    return text


def interview_summary(interview: Interview) -> str:
    return f"Interview: {interview_heading(interview)}"


def interview_description(interview: Interview) -> str:
    """Who was there and the debrief's outline; never the private notes."""
    lines: list[str] = []
    if interview.interviewers:
        people = [
            f"{p.name} ({p.title.strip()})" if p.title.strip() else p.name
            for p in interview.interviewers
        ]
        lines.append("With: " + ", ".join(people))
    recruiter = interview.recruiter
    if recruiter is not None and (recruiter.name.strip() or recruiter.agency.strip()):
        lines.append("Recruiter: " + joined_parts(recruiter.name, recruiter.agency, sep=", "))
    if interview.status != "active":
        lines.append(f"Status: {interview.status}")
    debrief = interview.debrief
    for label, text in (
        ("Tone", debrief.tone),
        ("Focus", debrief.focus),
        ("Went well", debrief.went_well),
        ("Went poorly", debrief.went_poorly),
        ("Next steps", debrief.next_steps),
    ):
        if text.strip():
            lines.append(f"{label}: {text.strip()}")
    if debrief.decision_by is not None:
        lines.append(f"Decision by: {_day(debrief.decision_by)}")
    lines.append(f"Afterword id: {interview.id}")
    return "\n".join(lines)


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def follow_up_summary(interview: Interview, item: FollowUp, *, done: bool = False) -> str:
    """'Thank-you to Dana Whitfield · Acme Robotics' ('Done: …' for a done event)."""
    title = f"{item.title or _kind_label(item.kind)} · {interview.company}"
    return f"{DONE_PREFIX}{title}" if done else title


def follow_up_description(interview: Interview, item: FollowUp) -> str:
    lines = [f"After the interview {interview_heading(interview)}, {_moment(interview.when)}."]
    if item.person:
        lines.append(f"For: {item.person}")
    if item.done_at is not None:
        lines.append(f"Done in Afterword: {_moment(item.done_at)}.")
    elif item.cancelled:
        lines.append("Cancelled in Afterword.")
    else:
        lines.append(f"Mark it done: afterword done {item.id}")
    return "\n".join(lines)


def interview_end(interview: Interview) -> datetime:
    """The known end (``end``, kept from an invitation), else one hour after the start."""
    raw = interview.extra.get("end")
    if isinstance(raw, str):
        try:
            end = datetime.fromisoformat(raw)
        except ValueError:
            end = None
        same_kind = end is not None and (end.tzinfo is None) == (interview.when.tzinfo is None)
        if same_kind and end is not None and interview.when < end <= interview.when + DAY:
            return end
    return interview.when + INTERVIEW_LENGTH


_SURROGATE = re.compile("[\ud800-\udfff]")
# RFC 5545 3.3.11: a TEXT value holds no control character but HTAB; its line breaks are
# written as \n. A CR, a CRLF and a NEL (U+0085) are line breaks and stay so; every other
# control (NUL, ESC, BEL, DEL, the C1 controls) becomes U+FFFD, which every reader takes.
_LINE_BREAK = re.compile("\r\n?|\x85")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _bom_is_eaten() -> bool:
    """Whether icalendar drops a value's leading U+FEFF as it writes it (it decodes each value
    as UTF-8 with a signature; every version from 7.0 does)."""
    from icalendar.parser import Contentline, Parameters

    return str(Contentline.from_parts("X", Parameters(), "\ufeff")) == "X:"


_BOM_EATEN = _bom_is_eaten()


def calendar_text(text: str) -> str:
    """``text`` as a calendar value may hold it: line breaks as LF (icalendar writes each as
    \\n), a lone surrogate (which JSON may carry in) and every other control character as
    U+FFFD."""
    text = _LINE_BREAK.sub("\n", text)
    return _CONTROL.sub("\ufffd", _SURROGATE.sub("\ufffd", text))


def _plain(text: str) -> str:
    """A value as `calendar_text` has it. A leading U+FEFF (a zero-width no-break space,
    pasted in with a file's first line) gets one more in front, for icalendar to take off, so
    the value arrives as it is stored."""
    text = calendar_text(text)
    return "\ufeff" + text if _BOM_EATEN and text.startswith("\ufeff") else text


def _usable_address(email: str) -> bool:
    """An address an ATTENDEE can carry: one line of printable text with an @ in it."""
    return "@" in email and all(c.isprintable() and not c.isspace() for c in email)


def _attendee(name: str, email: str) -> vCalAddress:
    return vCalAddress.new(email, cn=name, cutype="INDIVIDUAL", role="REQ-PARTICIPANT", rsvp=False)


def _interview_event(
    interview: Interview, stamp: datetime, local_zone: tzinfo | None, *, attendees: bool = False
) -> Event:
    event = Event()
    event.add("uid", _plain(interview_uid(interview.id)))
    event.add("dtstamp", stamp)
    event.add("dtstart", calendar_time(interview.when, local_zone))
    event.add("dtend", calendar_time(interview_end(interview), local_zone))
    event.add("summary", _plain(interview_summary(interview)))
    # Control characters become U+FFFD before the ends are trimmed, as a re-import compares
    # places: stripped first, a trailing vertical tab went and its neighbour stayed.
    where = calendar_text(interview.where).strip()
    if where:
        event.add("location", _plain(where))
    event.add("description", _plain(interview_description(interview)))
    event.add("categories", ["Afterword", "Interview"])
    if not attendees:  # everyone is named in DESCRIPTION: a calendar emails its attendees
        return event
    for person in interview.interviewers:
        if _usable_address(person.email):
            event.add("attendee", _attendee(_plain(person.name), person.email))
    return event


def _follow_up_item(
    interview: Interview,
    item: FollowUp,
    stamp: datetime,
    local_zone: tzinfo | None,
    *,
    todo: bool,
) -> Component:
    """An open follow-up as a live event or to-do; a closed one as the same UID, closed."""
    component: Component = Todo() if todo else Event()
    component.add("uid", _plain(follow_up_uid(item.id)))
    component.add("dtstamp", stamp)
    component.add("sequence", OPEN_SEQUENCE if item.is_open else CLOSED_SEQUENCE)
    due = calendar_time(item.due, local_zone)
    if todo:
        component.add("due", due)
        if item.done_at is not None:
            component.add("status", "COMPLETED")
            component.add("completed", to_utc(item.done_at, local_zone))  # always UTC (5545)
            component.add("percent-complete", 100)
        else:
            component.add("status", "CANCELLED" if item.cancelled else "NEEDS-ACTION")
    else:
        minutes = FOLLOW_UP_MINUTES.get(item.kind, FOLLOW_UP_DEFAULT_MINUTES)
        component.add("dtstart", due)
        component.add("dtend", due + timedelta(minutes=minutes))
        component.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
        if item.cancelled and item.done_at is None:
            component.add("status", "CANCELLED")
    done_event = not todo and item.done_at is not None  # a to-do says it with its STATUS
    component.add("summary", _plain(follow_up_summary(interview, item, done=done_event)))
    component.add("description", _plain(follow_up_description(interview, item)))
    component.add("categories", ["Afterword", "Follow-up"])
    return component


def open_follow_ups(interviews: Iterable[Interview]) -> list[tuple[Interview, FollowUp]]:
    """Every open follow-up (not done, not cancelled) with its interview, as `today` lists them."""
    return [(i, f) for i in interviews for f in i.follow_ups if f.is_open]


def all_follow_ups(interviews: Iterable[Interview]) -> list[tuple[Interview, FollowUp]]:
    """Every follow-up, open or closed, with its interview: what the calendar exports hold."""
    return [(i, f) for i in interviews for f in i.follow_ups]


def export_calendar(
    interviews: Iterable[Interview],
    now: datetime,
    *,
    todos: bool = False,
    local_zone: tzinfo | None = None,
    attendees: bool = False,
) -> bytes:
    """The interviews as events and their follow-ups as events (or to-dos), one file.

    Open follow-ups are live items; done and cancelled ones are there too, closed, under the
    same UID. ``now`` (naive local time, like every stored time) becomes each item's DTSTAMP.
    The interviewers with an address become ``ATTENDEE``s only with ``attendees``.
    """
    interviews = list(interviews)
    stamp = to_utc(now, local_zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Afterword")
    days: list[date] = []
    for interview in interviews:
        calendar.add_component(_interview_event(interview, stamp, local_zone, attendees=attendees))
        days.append(interview.when.date())
    for interview, item in all_follow_ups(interviews):
        calendar.add_component(_follow_up_item(interview, item, stamp, local_zone, todo=todos))
        days.append(item.due.date())
    if days:  # a VTIMEZONE for each named zone in use, covering the dates written
        first = min(days) - timedelta(days=366)
        last = max(days) + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return serialise(calendar)


FOLD_OCTETS = 74
"""The octets of a physical line before a fold (RFC 5545 3.1: at most 75 with the break's
space; a continuation line's leading space is not counted, as icalendar does)."""


def fold(line: str) -> bytes:
    """One content line folded (RFC 5545 3.1): pieces of at most ``FOLD_OCTETS`` octets of
    UTF-8, never splitting a character, joined by CRLF and a space. A piece that would end with
    a backslash or caret hands it on to the next (as icalendar does since 7.3: some readers do not
    rejoin an escape split by a fold).

    The same bytes as icalendar 7.3's folding, in time per piece rather than per character:
    a field of 100,000 characters folds in a millisecond instead of a tenth of a second.
    """
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return data
    pieces: list[bytes] = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        cut = start + FOLD_OCTETS
        while data[cut] & 0xC0 == 0x80:  # inside a character: fold before it
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:  # keep an escape with what it escapes
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def serialise(calendar: Component) -> bytes:
    """``calendar.to_ical()``, with the lines folded by ``fold``."""
    return b"".join(fold(line) + b"\r\n" for line in calendar.content_lines() if line)
