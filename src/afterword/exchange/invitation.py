"""Calendar invitations in: an interview invite from Google, Outlook or Apple as an interview.

The reading is a heuristic, kept small and tested on real-looking files: the company and role
come from the event's title (``Interview: Backend Engineer – Acme Robotics``, ``Acme Robotics |
Onsite interview for Senior Data Engineer``), with the interviewers' or the organizer's email
domain as a fallback for the company (``acme-robotics.com`` → ``Acme Robotics``). The people
are the attendees, less the user's own addresses, rooms and resources, shared mailboxes
(``talent@``) and an outside recruiter who organised it (a recruiter hint instead).

This module reads the file and its events; what the words in them say (a title, a domain, a
name, a meeting link) is read in ``afterword.exchange.invitation_words``.

``read_invitation`` is what the full-screen app calls to prefill a new debrief; it raises only
``InvitationProblem`` (an ``AfterwordError``), whatever the bytes hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from afterword.domain.follow_up_rules import DEFAULT
from afterword.domain.model import YEARS, Interview, Person, Recruiter
from afterword.domain.schedule import schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.exchange.ics import UID_SUFFIX
from afterword.exchange.invitation_words import (
    choose_place,
    clean_description,
    company_from_domain,
    email_domain,
    is_outside_recruiter,
    is_shared_mailbox,
    most_used_domain,
    person_name,
    read_summary,
)
from afterword.exchange.invitation_zones import ZoneRefused, check_time_zones
from afterword.exchange.json_file import ImportProblem
from afterword.files import read_or_refuse

ALL_DAY_HOUR = 9  # an invitation for a whole day: the interview is taken to start at 09:00
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb")


class InvitationProblem(ImportProblem):
    """The invitation cannot be read or used; nothing of it was written."""


@dataclass
class Invitation:
    """What an interview invitation says, ready to prefill a debrief or become an interview.

    ``when`` and ``end`` are naive local wall time (the data format's convention). ``company``
    may be empty when neither the title nor an address tells it: the form asks for it then.
    """

    company: str
    role: str
    stage: str
    when: datetime
    where: str = ""
    interviewers: list[Person] = field(default_factory=list)
    recruiter: Recruiter | None = None
    organizer: Person | None = None
    end: datetime | None = None
    description: str = ""
    summary: str = ""
    uid: str = ""
    source_name: str = ""

    def to_interview(self, settings: ScheduleSettings = DEFAULT) -> Interview:
        """A new interview with the follow-ups the schedule rules call for.

        The event's UID is kept as ``calendar_uid`` (and its end as ``end``), so importing the
        same invitation again, or a moved one, finds this interview instead of adding another.
        """
        if not self.company.strip():
            raise InvitationProblem(
                f"{self.source_name}: cannot tell the company from the event "
                f"{self.summary[:80]!r}; put it in the event's title (e.g. 'Interview: "
                "Backend Engineer – Acme Robotics') and import again, or add the interview "
                "in the app. Nothing was imported."
            )
        extra: dict[str, Any] = {}
        if self.uid:
            extra["calendar_uid"] = self.uid
        if self.end is not None and self.end > self.when:
            extra["end"] = self.end.isoformat()
        interview = Interview(
            company=self.company.strip(),
            when=self.when,
            role=self.role,
            stage=self.stage,
            where=self.where,
            interviewers=[replace(p, extra=dict(p.extra)) for p in self.interviewers],
            recruiter=None if self.recruiter is None else replace(self.recruiter, extra={}),
            extra=extra,
        )
        interview.follow_ups = schedule_follow_ups(interview, settings)
        return interview


# ---------------------------------------------------------------- reading the file


def looks_like_calendar(path: Path) -> bool:
    """A ``.ics`` name, or a file that starts with BEGIN:VCALENDAR (after a BOM or blanks)."""
    if path.suffix.lower() in CALENDAR_SUFFIXES:
        return True
    if not path.is_file():  # never open a pipe or a device to look: reading says what it is
        return False
    try:
        with path.open("rb") as file:
            head = file.read(256)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def read_calendar_file(source: Path) -> bytes:
    """The file's bytes, or one sentence saying why they cannot be had."""
    return read_or_refuse(
        source,
        InvitationProblem,
        not_a="not a file; give the invitation file.",
        cap_of="an invitation",
        nothing="nothing was imported.",
        folder="give the invitation file",
    )


def _one_line(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _printable(text: str) -> str:
    """A parser's words for a message on the terminal: one line, no controls or direction
    overrides (they may quote the file's bytes)."""
    return _one_line("".join(c if c.isprintable() else " " for c in text))


def _parse(data: bytes, source_name: str) -> list[Any]:
    """The VEVENTs of every VCALENDAR in ``data`` (icalendar's components)."""
    from icalendar import Calendar
    from icalendar.timezone import tzp

    # icalendar keeps the first VTIMEZONE of each TZID for the rest of the process and uses it
    # for every later file: another invitation's zone (Outlook names many "Customized Time
    # Zone"), or one refused below, would set this file's times. A fresh cache for each file.
    tzp.use_zoneinfo()
    if not data.strip():
        raise InvitationProblem(
            f"{source_name} has no event in it: the file is empty; nothing was imported."
        )
    try:
        calendars = Calendar.from_ical(data, multiple=True)
        events = [e for c in calendars for e in c.walk("VEVENT")]
    except Exception as error:  # icalendar raises many kinds for a broken file
        raise InvitationProblem(
            f"{source_name} is not a calendar file Afterword can read "
            f"({_printable(str(error)) or type(error).__name__}); nothing was imported."
        ) from None
    try:
        check_time_zones(calendars)  # before any event's time is converted through them
    except ZoneRefused as refused:
        raise InvitationProblem(
            f"{source_name}: {_printable(str(refused))}, which no real time zone does, so "
            "Afterword will not read it; ask the sender to send the invitation again, or add "
            "the interview by hand. Nothing was imported."
        ) from None
    return events


def read_invitations(
    data: bytes,
    source_name: str,
    own_addresses: Iterable[str] = (),
    *,
    local_zone: tzinfo | None = None,
) -> list[Invitation]:
    """Every interview invitation in ``data``, earliest first.

    Cancelled events, repeats of one UID (a series' exceptions) and Afterword's own follow-up
    events are left out. ``local_zone`` is where the times are wanted (None: this machine's).
    Raises InvitationProblem for a broken file or one with no event.
    """
    own = {a.strip().casefold() for a in own_addresses if a and a.strip()}
    events = _parse(data, source_name)
    if not events:
        raise InvitationProblem(
            f"{source_name} has no event in it: an invitation holds a VEVENT with a start "
            "time; nothing was imported."
        )
    out: list[Invitation] = []
    seen: set[str] = set()
    cancelled = 0
    for position, event in enumerate(events, start=1):
        uid = _text(event.get("UID"))
        if uid.startswith("follow-up-") and uid.endswith(UID_SUFFIX):
            continue  # a follow-up from `afterword export --format ics`, not an invitation
        if _text(event.get("STATUS")).upper() == "CANCELLED":
            cancelled += 1
            continue
        if uid and uid in seen:
            continue
        seen.add(uid)
        out.append(_invitation(event, position, source_name, own, local_zone))
    if not out:
        why = (
            "it only cancels an event"
            if cancelled
            else "only Afterword follow-ups, which are not invitations"
        )
        raise InvitationProblem(
            f"{source_name} has no event in it to import: {why}; nothing was imported."
        )
    return sorted(out, key=lambda i: i.when)


def read_invitation(
    data: bytes,
    source_name: str,
    own_addresses: Iterable[str] = (),
    *,
    local_zone: tzinfo | None = None,
) -> Invitation:
    """The (earliest) interview invitation in ``data``: for prefilling a new debrief."""
    return read_invitations(data, source_name, own_addresses, local_zone=local_zone)[0]


# ---------------------------------------------------------------- one event


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip()


def _local(value: date | datetime, local_zone: tzinfo | None) -> datetime:
    """Naive local wall time: an aware time converted, a floating one as it is."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(ALL_DAY_HOUR))
    if value.tzinfo is None:
        return value
    return value.astimezone(local_zone).replace(tzinfo=None)


def _times(
    event: Any, label: str, source_name: str, local_zone: tzinfo | None
) -> tuple[datetime, datetime | None]:
    try:
        start = event.start
    except Exception:  # missing, or a value that does not parse
        raise InvitationProblem(
            f"{source_name}: {label} has no start time that can be read (DTSTART); "
            "nothing was imported."
        ) from None
    if not isinstance(start, date):
        raise InvitationProblem(
            f"{source_name}: {label} has no start time (DTSTART); nothing was imported."
        )
    try:
        when = _local(start, local_zone)
    except (OverflowError, ValueError, OSError):
        raise InvitationProblem(
            f"{source_name}: {label} starts at a time that cannot be converted ({start}); "
            "nothing was imported."
        ) from None
    if when.year not in YEARS:
        raise InvitationProblem(
            f"{source_name}: {label} starts in the year {when.year}, not between "
            f"{YEARS.start} and {YEARS.stop - 1}; nothing was imported."
        )
    end: datetime | None = None
    try:
        raw_end = event.end
        if isinstance(raw_end, date) and isinstance(start, datetime):
            end = _local(raw_end, local_zone)
    except Exception:  # an unreadable end is no reason to refuse the invitation
        end = None
    return when, end if end is not None and end > when else None


def _invitation(
    event: Any,
    position: int,
    source_name: str,
    own: set[str],
    local_zone: tzinfo | None,
) -> Invitation:
    summary = _one_line(_text(event.get("SUMMARY")), 300)
    label = f"the event {summary[:80]!r}" if summary else f"event {position}"
    when, end = _times(event, label, source_name, local_zone)
    description = _text(event.get("DESCRIPTION"))
    organizer = _address(event.get("ORGANIZER"))
    attendees = [a for a in map(_address, _listed(event.get("ATTENDEE"))) if a is not None]
    people = [a for a in attendees if a.is_person and a.email.casefold() not in own]
    company_domain = most_used_domain(
        (p.email for p in people), "" if organizer is None else organizer.email, own
    )
    recruiter = _recruiter_hint(organizer, company_domain, own, description)
    interviewers: list[Person] = []
    seen: set[str] = set()
    for attendee in people:
        key = attendee.email.casefold() or attendee.name.casefold()
        if key in seen or attendee.is_shared_mailbox:
            continue
        if recruiter is not None and key == recruiter.email.casefold():
            continue
        seen.add(key)
        interviewers.append(Person(name=attendee.name, email=attendee.email))
    names = {p.name.casefold() for p in interviewers}
    if organizer is not None and not organizer.is_shared_mailbox:
        names.add(organizer.name.casefold())  # 'Interview with Priya Raman': not a company
    company, role, stage = read_summary(summary, company_domain, names)
    rooms = [a.name for a in attendees if not a.is_person and a.name]
    return Invitation(
        company=company,
        role=role,
        stage=stage,
        when=when,
        end=end,
        where=_where(event, description, rooms, own=_is_own_export(event)),
        interviewers=interviewers,
        recruiter=recruiter,
        organizer=(
            None if organizer is None else Person(name=organizer.name, email=organizer.email)
        ),
        description=clean_description(description),
        summary=summary,
        uid=_text(event.get("UID")),
        source_name=source_name,
    )


# ---------------------------------------------------------------- the people in an event


@dataclass
class _Address:
    name: str
    email: str
    cutype: str
    role: str

    @property
    def is_person(self) -> bool:
        if self.cutype in ("ROOM", "RESOURCE", "GROUP") or self.role == "NON-PARTICIPANT":
            return False
        return not self.email.casefold().endswith(".calendar.google.com")

    @property
    def is_shared_mailbox(self) -> bool:
        return is_shared_mailbox(self.email)


_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+")


def _listed(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _param(value: object, name: str) -> str:
    params = getattr(value, "params", None)
    if params is None:
        return ""
    try:
        raw = params.get(name)
    except Exception:  # a property's params may be of any shape in a hostile file: none read
        return ""
    if isinstance(raw, list):
        raw = raw[0] if raw else ""
    return str(raw or "").strip().strip('"').strip()


def _address(value: object) -> _Address | None:
    """An ATTENDEE or ORGANIZER: its name and address (``EMAIL=`` wins over a ``urn:``)."""
    if value is None or isinstance(value, list):
        return None
    uri = str(value).strip()
    email = _param(value, "EMAIL")
    if not email and uri.casefold().startswith("mailto:"):
        email = uri[len("mailto:") :].strip()
    if not _EMAIL.fullmatch(email):
        email = ""
    name = person_name(_param(value, "CN"), email)
    if not name and not email:
        return None
    return _Address(
        name=name or email,
        email=email,
        cutype=_param(value, "CUTYPE").upper(),
        role=_param(value, "ROLE").upper(),
    )


def _recruiter_hint(
    organizer: _Address | None, company_domain: str, own: set[str], description: str
) -> Recruiter | None:
    """The organizer, when it is plainly an outside recruiter (not the user, another firm)."""
    if organizer is None or not organizer.email or organizer.email.casefold() in own:
        return None
    if not is_outside_recruiter(organizer.email, organizer.name, company_domain, description):
        return None
    return Recruiter(
        name=organizer.name,
        agency=company_from_domain(email_domain(organizer.email)),
        email=organizer.email,
    )


# ---------------------------------------------------------------- where


_LINK_FIELDS = (
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "CONFERENCE",
    "URL",
)  # where Google, Teams and others put the video link, tried before the text


def _is_own_export(event: Any) -> bool:
    """An interview's event from `afterword export --format ics`."""
    uid = _text(event.get("UID"))
    return uid.startswith("interview-") and uid.endswith(UID_SUFFIX)


def _where(event: Any, description: str, rooms: list[str], *, own: bool = False) -> str:
    """The meeting place; in our own export it is LOCATION alone (the description holds the
    user's debrief, whose links are not the place)."""
    location = _one_line(_text(event.get("LOCATION")), 300)
    if own:
        return location
    sources = [_text(event.get(name)) for name in _LINK_FIELDS]
    sources += [location, description, _text(event.get("X-ALT-DESC"))]
    return choose_place(location, sources, rooms)
