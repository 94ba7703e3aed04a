"""The words of an invitation: what a title, an address or a description says.

Small heuristics, each kept apart from the calendar file so it can be read and tested alone:
the company, role and stage from an event's title (``Interview: Backend Engineer – Acme
Robotics``, ``Acme Robotics | Onsite interview for Senior Data Engineer``); a company from an
email domain (``acme-robotics.com`` → ``Acme Robotics``); a person's name from a CN or an
address (``Novak, Elena`` → ``Elena Novak``); shared mailboxes, mail services and recruiting
firms told from their words; the video-meeting link in a description, and the organiser's words
without the joining instructions. ``afterword.exchange.invitation`` reads the file and the
events and asks these.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

# ---------------------------------------------------------------- people

_SHARED_MAILBOXES = frozenset({
    "talent", "recruiting", "recruitment", "recruiter", "recruiters", "careers", "career",
    "jobs", "hiring", "hr", "people", "interviews", "interview", "scheduling", "calendar",
    "notifications", "ta", "talent-acquisition", "talentacquisition", "info", "hello", "team",
})  # fmt: skip


def is_shared_mailbox(email: str) -> bool:
    """'talent@acme.example', 'no-reply@…': an address that is a team's, not a person's."""
    local = email.split("@")[0].casefold()
    return local in _SHARED_MAILBOXES or local.startswith(("no-reply", "noreply"))


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


# ---------------------------------------------------------------- domains

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


def email_domain(email: str) -> str:
    """'dana@Acme-Robotics.com' → 'acme-robotics.com'."""
    return email.rpartition("@")[2].casefold().strip(".")


def is_service_domain(domain: str) -> bool:
    """A mail provider's, a calendar service's or an applicant-tracking system's domain."""
    return any(domain == d or domain.endswith("." + d) for d in _SERVICE_DOMAINS)


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


def most_used_domain(emails: Iterable[str], organizer_email: str, own: Iterable[str]) -> str:
    """The domain most of ``emails`` write from (not a mail service, not one of the user's own
    addresses' domains), else the organizer's; '' when none is left."""
    own_domains = {email_domain(a) for a in own}
    domains = (email_domain(e) for e in emails if e)
    counts = Counter(d for d in domains if not is_service_domain(d) and d not in own_domains)
    if counts:
        return counts.most_common(1)[0][0]
    if organizer_email:
        domain = email_domain(organizer_email)
        if not is_service_domain(domain) and domain not in own_domains:
            return domain
    return ""


def is_outside_recruiter(email: str, name: str, company_domain: str, description: str) -> bool:
    """An organizer plainly from an outside recruiter: another firm's domain (not a mail
    service, not the company's parent or subsidiary), and that firm's name, the organizer's or
    the description's words say recruiting; never a shared mailbox."""
    domain = email_domain(email)
    if not company_domain or domain == company_domain or is_service_domain(domain):
        return False
    if domain.endswith("." + company_domain) or company_domain.endswith("." + domain):
        return False  # a subsidiary's or a parent's domain: the same company
    said = f"{domain} {name} {description[:2000]}"
    return _RECRUITING.search(said) is not None and not is_shared_mailbox(email)


# ---------------------------------------------------------------- company, role, stage

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


def choose_place(location: str, link_sources: Iterable[str], rooms: Sequence[str]) -> str:
    """Where the interview is: LOCATION when it names a place (not 'Zoom', 'Online', 'TBD')
    and holds no meeting link but the one found first; else the first video link in
    ``link_sources`` ('Zoom: https://…'); else LOCATION as it is; else the first room."""
    link = next((found for found in map(meeting_link, link_sources) if found is not None), None)
    a_place = location and not _GENERIC_PLACES.match(location) and location.casefold() != "none"
    if a_place and (link is None or link[0] in location or meeting_link(location) is None):
        return location
    if link is not None:
        return f"{link[1]}: {link[0]}"
    if location:
        return location
    return rooms[0] if rooms else ""


# A line of only the marker; the blanks around it stay on its line ([^\S\n], not \s: \s would
# run on over the line breaks at every line start, and a description of blank lines took minutes)
_BOILERPLATE = re.compile(r"^[^\S\n]*(?:-::~[:~]*::-|_{20,})[^\S\n]*$", re.M)


def clean_description(text: str) -> str:
    """The organiser's words, without the joining instructions Google and Teams append."""
    match = _BOILERPLATE.search(text)
    if match is not None:
        text = text[: match.start()]
    return text.strip()
