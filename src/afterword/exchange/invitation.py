"""Calendar invitations in: an interview invite from Google, Outlook or Apple as an interview.

The reading is a heuristic, kept small and tested on real-looking files: the company and role
come from the event's title (``Interview: Backend Engineer – Acme Robotics``, ``Acme Robotics |
Onsite interview for Senior Data Engineer``), with the interviewers' or the organizer's email
domain as a fallback for the company (``acme-robotics.com`` → ``Acme Robotics``). The people
are the attendees, less the user's own addresses, rooms and resources, shared mailboxes
(``talent@``) and an outside recruiter who organised it (a recruiter hint instead).

``read_invitation`` is what the full-screen app calls to prefill a new debrief; it raises only
``InvitationProblem`` (an ``AfterwordError``), whatever the bytes hold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from afterword.domain.model import Interview, Person, Recruiter
from afterword.domain.schedule import DEFAULT, schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.exchange.ics import UID_SUFFIX
from afterword.exchange.json_file import ImportProblem

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
    try:
        with path.open("rb") as file:
            head = file.read(256)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR")


def read_calendar_file(source: Path) -> bytes:
    """The file's bytes, or one sentence saying why they cannot be had."""
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise InvitationProblem(f"There is no file {source}.") from None
    except IsADirectoryError:
        raise InvitationProblem(f"{source} is a folder; give the invitation file.") from None
    except OSError as error:
        raise InvitationProblem(f"Cannot read {source}: {error.strerror or error}.") from None
    return data


def _one_line(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse(data: bytes, source_name: str) -> list[Any]:
    """The VEVENTs of every VCALENDAR in ``data`` (icalendar's components)."""
    from icalendar import Calendar

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
            f"({_one_line(str(error)) or type(error).__name__}); nothing was imported."
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
    company_domain = _company_domain(people, organizer, own)
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
        where=_where(event, description, rooms),
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


# ---------------------------------------------------------------- people


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
        local = self.email.split("@")[0].casefold()
        return local in _SHARED_MAILBOXES or local.startswith(("no-reply", "noreply"))


_SHARED_MAILBOXES = frozenset({
    "talent", "recruiting", "recruitment", "recruiter", "recruiters", "careers", "career",
    "jobs", "hiring", "hr", "people", "interviews", "interview", "scheduling", "calendar",
    "notifications", "ta", "talent-acquisition", "talentacquisition", "info", "hello", "team",
})  # fmt: skip
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
    except Exception:
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


def person_name(common_name: str, email: str = "") -> str:
    """A person's name from a CN: 'Novak, Elena' → 'Elena Novak'; none → from the address.

    A CN that is only the address (as Google writes for guests without a name) counts as none:
    'marcus.okafor@acme-robotics.com' → 'Marcus Okafor'.
    """
    name = " ".join(common_name.split()).strip("\"' ")
    if "@" in name:
        name = ""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if first and last and len(first.split()) <= 3 and len(last.split()) <= 3:
            name = f"{first} {last}"
    if name or "@" not in email:
        return name
    local = email.split("@")[0].split("+")[0]
    words = [w for w in re.split(r"[._\-]+", re.sub(r"\d+", "", local)) if w]
    return " ".join(w.capitalize() for w in words)


# ---------------------------------------------------------------- company, role, stage


# Mail providers, calendar services and applicant-tracking systems: their domain names nobody.
_SERVICE_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "google.com", "outlook.com", "hotmail.com", "live.com",
    "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
    "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de",
    "fastmail.com", "fastmail.fm", "hey.com", "zoho.com", "mail.com", "yandex.com", "qq.com",
    "163.com", "calendly.com", "goodtime.io", "greenhouse.io", "lever.co", "ashbyhq.com",
    "myworkday.com", "workday.com", "smartrecruiters.com", "icims.com", "jobvite.com",
    "teamtailor.com", "workable.com", "bamboohr.com", "zoom.us", "microsoft.com",
    "office365.com", "apple.com",
})  # fmt: skip
_SECOND_LEVEL = frozenset({
    "co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "ne", "or", "gv",
})  # fmt: skip
_SMALL_WORDS = frozenset({
    "and", "of", "the", "for", "de", "la", "at",
})  # fmt: skip


def _domain(email: str) -> str:
    return email.rpartition("@")[2].casefold().strip(".")


def _is_service(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in _SERVICE_DOMAINS)


def _company_domain(people: list[_Address], organizer: _Address | None, own: set[str]) -> str:
    """The domain most attendees write from (not a mail service, not the user's own)."""
    own_domains = {_domain(a) for a in own}
    counts = Counter(
        _domain(p.email)
        for p in people
        if p.email and not _is_service(_domain(p.email)) and _domain(p.email) not in own_domains
    )
    if counts:
        return counts.most_common(1)[0][0]
    if organizer is not None and organizer.email:
        domain = _domain(organizer.email)
        if not _is_service(domain) and domain not in own_domains:
            return domain
    return ""


def company_from_domain(domain: str) -> str:
    """'acme-robotics.com' → 'Acme Robotics'; 'quillstone-labs.co.uk' → 'Quillstone Labs'."""
    labels = [label for label in domain.casefold().split(".") if label]
    if len(labels) < 2:
        return ""
    labels = labels[:-1]
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL and len(domain.rsplit(".", 1)[1]) == 2:
        labels = labels[:-1]
    words = [w for w in re.split(r"[-_]+", labels[-1]) if w]
    return " ".join(w if n and w in _SMALL_WORDS else w.capitalize() for n, w in enumerate(words))


_RECRUITING = re.compile(r"recruit|talent|hire|hiring|staffing|search|agency|headhunt", re.I)


def _recruiter_hint(
    organizer: _Address | None, company_domain: str, own: set[str], description: str
) -> Recruiter | None:
    """The organizer, when it is plainly an outside recruiter: another firm's domain, and that
    firm's name, the organizer's or the description's words say recruiting."""
    if organizer is None or not organizer.email or organizer.email.casefold() in own:
        return None
    domain = _domain(organizer.email)
    if not company_domain or domain == company_domain or _is_service(domain):
        return None
    if domain.endswith("." + company_domain) or company_domain.endswith("." + domain):
        return None  # a subsidiary's or a parent's domain: the same company
    said = f"{domain} {organizer.name} {description[:2000]}"
    if not _RECRUITING.search(said) or organizer.is_shared_mailbox:
        return None
    return Recruiter(
        name=organizer.name,
        agency=company_from_domain(domain),
        email=organizer.email,
    )


# Stage words, most telling first: the first that appears in the title names the stage.
_STAGES: tuple[tuple[str, str], ...] = (
    (r"take[- ]?home", "Take-home review"),
    (r"system design", "System design"),
    (r"hiring manager", "Hiring manager"),
    (r"(?:virtual )?on[- ]?site", "Onsite"),
    (r"final", "Final"),
    (r"panel", "Panel"),
    (r"technical|coding|pair(?:ing| programming)|tech screen", "Technical"),
    (r"recruiter (?:screen|call|chat)", "Recruiter screen"),
    (r"phone|screen(?:ing)?", "Phone screen"),
    (r"behaviou?ral", "Behavioural"),
    (r"culture|values", "Culture"),
    (r"(?:first|1st) round", "First round"),
    (r"(?:second|2nd) round", "Second round"),
    (r"(?:third|3rd) round", "Third round"),
)
_STAGE_WORDS = re.compile(
    r"\b(?:interview(?:s|ing)?|screen(?:ing)?|call|chat|conversation|meeting|round|panel|"
    r"onsite|on-site|take[- ]home|assessment|technical|coding|pairing|system design|final|"
    r"hiring manager|phone|video|virtual|behaviou?ral|culture|values|first|second|third|"
    r"1st|2nd|3rd|tech|recruiter|intro(?:duction|ductory)?|with|and|the|a|an|for|at|of)\b",
    re.I,
)
_INTERVIEW_WORD = re.compile(
    r"\b(?:interview(?:s|ing)?|screen(?:ing)?|call|chat|conversation|meeting|round|panel|"
    r"onsite|on-site|assessment)\b",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:engineers?|developers?|programmer|manager|designer|analyst|scientist|lead|director|"
    r"architect|consultant|intern|internship|administrator|specialist|officer|head|vp|"
    r"president|sre|devops|researcher|writer|advocate|coordinator|associate|tester|qa|"
    r"technician|editor|accountant|product owner|owner|principal|staff|senior|junior)\b",
    re.I,
)
_PREFIX = re.compile(
    r"^(?:(?:updated |new )?invitation(?: updated)?|invite|accepted|tentative|declined|"
    r"updated|fwd?|re|aw|wg|tr)\s*:\s*",
    re.I,
)
_GOOGLE_TAIL = re.compile(
    r"\s+@\s+(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\w+\s+\d.*$", re.I
)  # 'Invitation: … @ Tue Dec 2, 2026 2pm - 3pm (EST) (alex@example.com)', a mail subject
_SPLIT = re.compile(r"\s+[-/]\s+|\s*[|–—·•()\[\]]\s*|:\s+")
_FOR_ROLE = re.compile(
    r"^(?P<head>.*?)\s*\b(?:for|re|regarding|about)\s+(?:the\s+|a\s+|an\s+)?(?P<role>.+?)"
    r"(?:\s+(?:role|position|opening|job|vacancy))?"
    r"(?:\s+(?:at|with|@)\s+(?P<company>.+))?$",
    re.I,
)
_WITH_COMPANY = re.compile(
    r"^(?P<head>.*?)\s*\b(?:with|at|@)\s+(?P<company>.+?)"
    r"(?:\s+(?:for|re)\s+(?:the\s+|a\s+|an\s+)?(?P<role>.+?)"
    r"(?:\s+(?:role|position|opening))?)?$",
    re.I,
)
_ROLE_THEN_INTERVIEW = re.compile(
    r"^(?P<role>.+)\s+(?:interview|screen|call|chat|round)$",
    re.I,
)


def _stage(text: str) -> str:
    folded = text.casefold()
    for pattern, name in _STAGES:
        if re.search(rf"\b(?:{pattern})\b", folded):
            return name
    return ""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def _tidy(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:-–—()[]\"'")


def _is_stage_only(text: str) -> bool:
    """'Onsite interview', 'technical interview', 'Interview': nothing but stage words."""
    return bool(text.strip()) and not _STAGE_WORDS.sub("", text).strip(" ,;:-–—()[]")


def _without_stage_words(text: str) -> str:
    """'Backend Engineer technical' → 'Backend Engineer': stage words trailing a role go."""
    words = text.split()
    while words and _is_stage_only(words[-1]):
        words.pop()
    return " ".join(words)


def _read_part(part: str, names: set[str]) -> tuple[str, str, list[str]] | None:
    """(company, role, what is left) of one part of a title that says 'interview' or the like.

    'Onsite interview for Senior Data Engineer', 'Interview with Tessellate for Staff
    Software Engineer', 'Backend Engineer interview'; None when the part says nothing of that.
    """
    if not part or _is_stage_only(part) or not _INTERVIEW_WORD.search(part):
        return None
    for pattern in (_FOR_ROLE, _WITH_COMPANY, _ROLE_THEN_INTERVIEW):
        found = pattern.match(part)
        if found is None:
            continue
        parts = found.groupdict()
        role = _without_stage_words(_tidy(parts.get("role") or ""))
        company = _tidy(parts.get("company") or "")
        if _squash(company) in names:
            company = ""
        head = _tidy(parts.get("head") or "")
        if head and head != part:
            inner = _read_part(head, names)
            if inner is not None:
                return company or inner[0], role or inner[1], inner[2]
        return company, role, [head] if head else []
    return None


def read_summary(
    summary: str, company_domain: str = "", people: Iterable[str] = ()
) -> tuple[str, str, str]:
    """(company, role, stage) from an event title; the domain names the company if it can't.

    ``people`` are names (folded) that may be in the title, like 'Interview with Dana Okafor',
    which are never taken for the company.
    """
    names = {_squash(p) for p in people if p}
    from_domain = company_from_domain(company_domain) if company_domain else ""
    text = _GOOGLE_TAIL.sub("", " ".join(summary.split()))
    while True:
        shorter = _PREFIX.sub("", text)
        if shorter == text:
            break
        text = shorter
    stage = _stage(text)
    company = role = ""
    loose: list[str] = []
    for part in (_tidy(p) for p in _SPLIT.split(text)):
        found = _read_part(part, names)
        if found is None:
            loose.append(part)
            continue
        named_company, named_role, rest = found
        company = company or named_company
        role = role or named_role
        loose.extend(rest)
    loose = [p for p in loose if p and not _is_stage_only(p) and _squash(p) not in names]
    if not company and from_domain:  # the part that spells the domain is the company
        company = next((p for p in loose if _squash(p) == _squash(from_domain)), "")
    for part in loose:
        if part == company:
            continue
        if _ROLE_WORDS.search(part) and not role:
            role = part
        elif not company:
            company = part
        elif not role:
            role = part
    return company or from_domain, role, stage


# ---------------------------------------------------------------- where, description

_LINK = re.compile(r"https://[^\s<>\"'\])]+", re.I)
_SERVICES: tuple[tuple[str, str, str], ...] = (
    # (host ends with, path matches, name)
    ("zoom.us", r"/(?:j|my|w|s)/", "Zoom"),
    ("zoom.com", r"/(?:j|my|w|s)/", "Zoom"),
    ("meet.google.com", r"/(?:[a-z]+-[a-z]+-[a-z]+|lookup/)", "Google Meet"),
    ("teams.microsoft.com", r"/(?:l/meetup-join|meet)/", "Microsoft Teams"),
    ("teams.live.com", r"/meet/", "Microsoft Teams"),
    ("webex.com", r"/(?:meet|join|[\w.-]+/j\.php)", "Webex"),
    ("whereby.com", r"/.+", "Whereby"),
    ("chime.aws", r"/.+", "Amazon Chime"),
    ("bluejeans.com", r"/\d+", "BlueJeans"),
)
_GENERIC_PLACES = re.compile(
    r"^(?:microsoft teams(?: meeting)?|teams(?: meeting)?|zoom(?: meeting| call)?|"
    r"google meet|hangouts?(?: meet)?|webex|online|virtual|video call|remote|tbd|tba)$",
    re.I,
)


def meeting_link(text: str) -> tuple[str, str] | None:
    """The first video-meeting link in ``text``, with the service's name."""
    for match in _LINK.finditer(text):
        link = match.group(0).rstrip(".,;")
        try:
            parts = urlsplit(link)
        except ValueError:
            continue
        host = (parts.hostname or "").casefold()
        for domain, path, name in _SERVICES:
            if (host == domain or host.endswith("." + domain)) and re.match(path, parts.path):
                return link, name
    return None


def _where(event: Any, description: str, rooms: list[str]) -> str:
    location = _one_line(_text(event.get("LOCATION")), 300)
    sources = [
        _text(event.get(name))
        for name in (
            "X-GOOGLE-CONFERENCE",
            "X-MICROSOFT-SKYPETEAMSMEETINGURL",
            "X-MICROSOFT-ONLINEMEETINGCONFLINK",
            "CONFERENCE",
            "URL",
        )
    ]
    sources += [location, description, _text(event.get("X-ALT-DESC"))]
    link = next((found for found in map(meeting_link, sources) if found is not None), None)
    a_place = location and not _GENERIC_PLACES.match(location) and location.casefold() != "none"
    if a_place and (link is None or link[0] in location or meeting_link(location) is None):
        return location
    if link is not None:
        return f"{link[1]}: {link[0]}"
    if location:
        return location
    return rooms[0] if rooms else ""


_BOILERPLATE = re.compile(r"^\s*(?:-::~[:~]*::-|_{20,})\s*$", re.M)


def clean_description(text: str) -> str:
    """The organiser's words, without the joining instructions Google and Teams append."""
    match = _BOILERPLATE.search(text)
    if match is not None:
        text = text[: match.start()]
    return text.strip()
