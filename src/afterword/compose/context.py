"""What a template sees: the names of its context and its filters (docs/templates.md).

Plain dicts and dates, built fresh for each rendering, so a template can read the record but
never reach the objects behind it. The private notes of the debrief are left out on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from afterword.domain.letter import decision_day, letter_lines
from afterword.domain.letter_topics import focus_topics, listed, said_to_them, topics
from afterword.domain.model import Interview, Person
from afterword.domain.words import long_day

if TYPE_CHECKING:
    from afterword.compose.render import RenderRequest

DEBRIEF_FIELDS = (
    "tone",
    "focus",
    "went_well",
    "went_poorly",
    "next_steps",
    "decision_by",
    "still_interested",
    "remember",
    "reinforce",
    "recoup",
)


def first_name(name: object) -> str:
    words = str(name or "").split()
    return words[0] if words else ""


def in_words(value: date | datetime | None, today: date) -> str:
    """'Friday 27 November', with the year when it is not this year's."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return long_day(day, today)


def spoken_day(value: date | datetime | None, today: date) -> str:
    """How one says when something happened or will: 'today', 'yesterday', 'on Tuesday',
    'on 24 November', 'tomorrow'."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta == 1:
        return "tomorrow"
    if -6 <= delta <= 6:
        return f"on {day:%A}"
    year = f" {day.year}" if day.year != today.year else ""
    return f"on {day.day} {day:%B}{year}"


def sentence(text: object) -> str:
    """The user's words as a sentence: capitalised, ending in a full stop unless it has one."""
    words = " ".join(str(text or "").split())
    if not words:
        return ""
    words = words[0].upper() + words[1:]
    return words if words[-1] in ".!?" else words + "."


def clause(text: object) -> str:
    """The user's words inside a sentence: no final full stop, a lower-case first letter unless
    the first word is a name or 'I'."""
    words = " ".join(str(text or "").split()).rstrip(".")
    if not words:
        return ""
    first = words.split()[0]
    if first == "I" or first.startswith("I'") or (first[1:] and not first[1:].islower()):
        return words
    return words[0].lower() + words[1:]


def first_sentence(text: object) -> str:
    """The first sentence or line of a longer text."""
    words = str(text or "").strip().splitlines()
    line = words[0] if words else ""
    for stop in (". ", "! ", "? "):
        head, found, _ = line.partition(stop)
        if found:
            line = head + stop.strip()
    return line.strip()


def names(people: Iterable[Any]) -> str:
    """'Dana', 'Dana and Lee', 'Dana, Lee and Kim' (full names from people, or strings)."""
    items = [p["name"] if isinstance(p, dict) else str(p) for p in people]
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _person(person: Person) -> dict[str, str]:
    return {
        "name": person.name,
        "first_name": person.first_name,
        "title": person.title,
        "email": person.email,
    }


def _addressee(interview: Interview, name: str) -> dict[str, str]:
    from afterword.domain.drafting import person_named

    found = person_named(interview, name) if name else None
    if found is None:
        return {"name": name, "first_name": first_name(name), "title": "", "email": ""}
    return _person(found)


def _next_check_in(interview: Interview) -> datetime | None:
    due = [f.due for f in interview.follow_ups if f.kind == "check_in" and f.is_open]
    return min(due) if due else None


def _letter(interview: Interview, today: date) -> dict[str, Any]:
    """The four Rs as sentences from the record (domain/letter.py): what the built-ins say."""
    d = interview.debrief
    lines = letter_lines(d, interview.role, today, interview.when)
    return {
        "remember": lines.remember.text,
        "reinforce": lines.reinforce.text,
        "recoup": lines.recoup.text,
        "reminder": lines.reminder.text,
        "tone": lines.tone,
        "decision_ahead": lines.decision_ahead,
        "went_well": listed(topics(d.went_well)),
        "went_poorly": listed(topics(d.went_poorly)),
        "focus": listed(focus_topics(d.focus)),
    }


def build_context(
    request: RenderRequest, filters_into: MutableMapping[str, Any] | None = None
) -> dict[str, Any]:
    """The context of docs/templates.md; with ``filters_into``, also registers the filters."""
    interview, profile, now = request.interview, request.profile, request.now
    today = now.date()
    r = interview.recruiter
    debrief = {name: getattr(interview.debrief, name) for name in DEBRIEF_FIELDS}
    check_ins_done = sum(
        1 for f in interview.follow_ups if f.kind == "check_in" and f.done_at is not None
    )
    context: dict[str, Any] = {
        "profile": {
            "name": profile.name,
            "first_name": first_name(profile.name),
            "email": profile.email,
            "phone": profile.phone,
            "signature": profile.signature,
        },
        "interview": {
            "company": interview.company,
            "role": interview.role,
            "stage": interview.stage,
            "when": interview.when,
            "where": interview.where,
            "status": interview.status,
        },
        "person": _addressee(interview, request.person),
        "people": [_person(p) for p in interview.interviewers],
        "recruiter": None
        if r is None
        else {
            "name": r.name,
            "first_name": first_name(r.name),
            "agency": r.agency,
            "email": r.email,
            "phone": r.phone,
            "direct_contact": r.direct_contact,
        },
        "debrief": debrief,
        "dates": {
            "today": today,
            "now": now,
            "interview": interview.when,
            "decision_by": decision_day(interview.debrief, interview.when),
            "check_in": _next_check_in(interview),
        },
        "check_ins_done": check_ins_done,
        "notes": list(request.notes),
        "letter": _letter(interview, today),
    }
    if filters_into is not None:

        def words_for(value: date | datetime | None) -> str:
            return in_words(value, today)

        def day_for(value: date | datetime | None) -> str:
            return spoken_day(value, today)

        filters_into.update(
            {
                "in_words": words_for,
                "spoken_day": day_for,
                "first_name": first_name,
                "sentence": sentence,
                "clause": clause,
                "first_sentence": first_sentence,
                "names": names,
                "said_to_them": said_to_them,
            }
        )
    return context
