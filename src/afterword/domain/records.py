"""Turning records into plain JSON-ready dicts and back, with validation that names the field.

The same functions serve the database and the export/import format, so the two can never drift
apart. Keys a record does not know are kept in ``extra`` and written back after the known ones.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from afterword.domain.model import (
    DIRECT_CONTACT,
    DRAFT_STATES,
    FOLLOW_UP_KINDS,
    FOLLOW_UP_SOURCES,
    INTEREST,
    STATUSES,
    YEARS,
    Conflict,
    Debrief,
    Draft,
    FollowUp,
    Interview,
    Person,
    Recruiter,
    new_id,
)

T = TypeVar("T")


class RecordError(ValueError):
    """A record that cannot be read: ``field`` is the path to the value at fault."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def within(self, parent: str) -> RecordError:
        return RecordError(f"{parent}.{self.field}" if self.field else parent, self.problem)


# ---------------------------------------------------------------- to plain dicts


def _iso(value: datetime | date | None) -> str | None:
    return None if value is None else value.isoformat()


def person_to_dict(person: Person) -> dict[str, Any]:
    return {"name": person.name, "title": person.title, "email": person.email, **person.extra}


def recruiter_to_dict(recruiter: Recruiter) -> dict[str, Any]:
    return {
        "name": recruiter.name,
        "agency": recruiter.agency,
        "email": recruiter.email,
        "phone": recruiter.phone,
        "direct_contact": recruiter.direct_contact,
        **recruiter.extra,
    }


def debrief_to_dict(debrief: Debrief) -> dict[str, Any]:
    return {
        "tone": debrief.tone,
        "focus": debrief.focus,
        "went_well": debrief.went_well,
        "went_poorly": debrief.went_poorly,
        "next_steps": debrief.next_steps,
        "decision_by": _iso(debrief.decision_by),
        "still_interested": debrief.still_interested,
        "remember": debrief.remember,
        "reinforce": debrief.reinforce,
        "recoup": debrief.recoup,
        "notes": debrief.notes,
        **debrief.extra,
    }


def follow_up_to_dict(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "id": follow_up.id,
        "kind": follow_up.kind,
        "title": follow_up.title,
        "due": _iso(follow_up.due),
        "done_at": _iso(follow_up.done_at),
        "cancelled": follow_up.cancelled,
        "reason": follow_up.reason,
        "person": follow_up.person,
        "source": follow_up.source,
        "snoozed": follow_up.snoozed,
        **follow_up.extra,
    }


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.id,
        "template": draft.template,
        "person": draft.person,
        "to": list(draft.to),
        "cc": list(draft.cc),
        "subject": draft.subject,
        "body": draft.body,
        "state": draft.state,
        "sent_at": _iso(draft.sent_at),
        "message_id": draft.message_id,
        "edited": draft.edited,
        "outdated": draft.outdated,
        **draft.extra,
    }


def conflict_to_dict(conflict: Conflict) -> dict[str, Any]:
    return {
        "path": conflict.path,
        "theirs": conflict.theirs,
        "at": _iso(conflict.at),
        **conflict.extra,
    }


def interview_to_dict(interview: Interview) -> dict[str, Any]:
    """The interview as the data format writes it (known keys in order, then unknown ones).
    ``conflicts`` is written only when there are some."""
    recruiter = interview.recruiter
    conflicts = [conflict_to_dict(c) for c in interview.conflicts]
    return {
        "id": interview.id,
        "rev": interview.rev,
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage,
        "when": _iso(interview.when),
        "where": interview.where,
        "interviewers": [person_to_dict(p) for p in interview.interviewers],
        "recruiter": None if recruiter is None else recruiter_to_dict(recruiter),
        "debrief": debrief_to_dict(interview.debrief),
        "status": interview.status,
        "replied_at": _iso(interview.replied_at),
        "follow_ups": [follow_up_to_dict(f) for f in interview.follow_ups],
        "drafts": [draft_to_dict(d) for d in interview.drafts],
        **({"conflicts": conflicts} if conflicts else {}),
        **interview.extra,
    }


# ---------------------------------------------------------------- from plain dicts


class _Reader:
    """Takes known keys out of a mapping one by one; what is left over is ``extra``."""

    def __init__(self, raw: object, what: str) -> None:
        if not isinstance(raw, Mapping):
            raise RecordError("", f"expected an object for {what}, got {_kind(raw)}")
        self.rest: dict[str, Any] = dict(raw)

    def extra(self) -> dict[str, Any]:
        """The keys left over, in a dict of their own size: ``rest`` keeps the room of every
        key it started with (a dict never shrinks), 30 MB over 10,000 interviews."""
        return dict(self.rest)

    def take(self, key: str, read: Callable[[str, object], T], default: T) -> T:
        value = self.rest.pop(key, None)
        if value is None:
            return default
        return read(key, value)

    def required(self, key: str, read: Callable[[str, object], T]) -> T:
        value = self.rest.pop(key, None)
        if value is None:
            raise RecordError(key, "is required and missing")
        return read(key, value)

    def nested(self, key: str, read: Callable[[object], T]) -> T | None:
        value = self.rest.pop(key, None)
        if value is None:
            return None
        try:
            return read(value)
        except RecordError as error:
            raise error.within(key) from None

    def items(self, key: str, read: Callable[[object], T]) -> list[T]:
        value = self.rest.pop(key, None)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RecordError(key, f"expected a list, got {_kind(value)}")
        out = []
        for index, item in enumerate(value):
            try:
                out.append(read(item))
            except RecordError as error:
                raise error.within(f"{key}[{index}]") from None
        return out


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number"}
    for cls, name in names.items():
        if isinstance(value, cls):
            return name
    if isinstance(value, float):
        return "a number"
    return type(value).__name__


def _text(key: str, value: object) -> str:
    if not isinstance(value, str):
        raise RecordError(key, f"expected text, got {_kind(value)}")
    return value


def _name(key: str, value: object) -> str:
    text = _text(key, value)
    if not text.strip():
        raise RecordError(key, "is required and empty")
    return text


def _flag(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise RecordError(key, f"expected true or false, got {_kind(value)}")
    return value


def _texts(key: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(key, f"expected a list of text, got {_kind(value)}")
    return list(value)


def _count(key: str, value: object) -> int:
    if isinstance(value, float):
        raise RecordError(key, f"{value!r} is not a whole number")
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(key, f"expected a whole number, got {_kind(value)}")
    if value < 0:
        raise RecordError(key, f"{value} is below 0")
    return value


def _one_of(choices: tuple[str, ...]) -> Callable[[str, object], str]:
    def read(key: str, value: object) -> str:
        text = _text(key, value)
        if text not in choices:
            raise RecordError(key, f"{text!r} is not one of {', '.join(choices)}")
        # the choice itself, not the text read: one string shared by every record
        return choices[choices.index(text)]

    return read


def _datetime(key: str, value: object) -> datetime:
    text = _text(key, value)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise RecordError(
            key, f"{text!r} is not a date and time (ISO 8601, e.g. 2026-11-24T14:00)"
        ) from None
    return _in_years(key, text, moment)


def _date(key: str, value: object) -> date:
    text = _text(key, value)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise RecordError(key, f"{text!r} is not a date (ISO 8601, e.g. 2026-11-27)") from None
    return _in_years(key, text, day)


D = TypeVar("D", date, datetime)


def _in_years(key: str, text: str, day: D) -> D:
    if day.year not in YEARS:
        raise RecordError(key, f"{text!r} is not in the years {YEARS.start} to {YEARS.stop - 1}")
    return day


def _id(key: str, value: object) -> str:
    text = _text(key, value).strip()
    if not text or any(c.isspace() for c in text):
        raise RecordError(key, f"{text!r} is not a usable id (non-empty, no spaces)")
    return text


ID_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-_")


def check_id_characters(interview: Interview) -> None:
    """Ids from outside (an import) hold only ASCII letters, digits, '-' and '_': an id is
    printed on the terminal, typed in the shell and joined into keys, so never an escape
    sequence, a '/' or a '..'. Raises RecordError naming the field."""
    fields = [("id", interview.id)]
    fields += [(f"follow_ups[{n}].id", item.id) for n, item in enumerate(interview.follow_ups)]
    fields += [(f"drafts[{n}].id", draft.id) for n, draft in enumerate(interview.drafts)]
    for field_name, value in fields:
        if not ID_CHARACTERS.issuperset(value):
            shown = repr(value) if len(value) <= 40 else repr(value[:40]) + "…"
            raise RecordError(field_name, f"{shown} may hold only letters, digits, '-' and '_'")


def person_from_dict(raw: object) -> Person:
    r = _Reader(raw, "a person")
    return Person(
        name=r.required("name", _name),
        title=r.take("title", _text, ""),
        email=r.take("email", _text, "").strip(),
        extra=r.extra(),
    )


def recruiter_from_dict(raw: object) -> Recruiter:
    r = _Reader(raw, "the recruiter")
    answer = r.rest.get("direct_contact")
    if answer in ("ask", "forward") and not str(r.rest.get("name") or "").strip():
        # Rule 9: asking them, or their forwarding, needs a person; never read as no recruiter.
        raise RecordError(
            "name",
            f"is required: direct_contact {answer!r} needs the recruiter's name "
            '(for no recruiter, "recruiter": null)',
        )
    return Recruiter(
        name=r.required("name", _name),
        agency=r.take("agency", _text, ""),
        email=r.take("email", _text, "").strip(),
        phone=r.take("phone", _text, ""),
        direct_contact=r.take("direct_contact", _one_of(DIRECT_CONTACT), "ask"),
        extra=r.extra(),
    )


def debrief_from_dict(raw: object) -> Debrief:
    r = _Reader(raw, "the debrief")
    return Debrief(
        tone=r.take("tone", _text, ""),
        focus=r.take("focus", _text, ""),
        went_well=r.take("went_well", _text, ""),
        went_poorly=r.take("went_poorly", _text, ""),
        next_steps=r.take("next_steps", _text, ""),
        decision_by=r.take("decision_by", _date, None),
        still_interested=r.take("still_interested", _one_of(INTEREST), "yes"),
        remember=r.take("remember", _text, ""),
        reinforce=r.take("reinforce", _text, ""),
        recoup=r.take("recoup", _text, ""),
        notes=r.take("notes", _text, ""),
        extra=r.extra(),
    )


def follow_up_from_dict(raw: object) -> FollowUp:
    r = _Reader(raw, "a follow-up")
    return FollowUp(
        id=r.take("id", _id, "") or new_id(),
        kind=r.required("kind", _one_of(FOLLOW_UP_KINDS)),
        title=r.take("title", _text, ""),
        due=r.required("due", _datetime),
        done_at=r.take("done_at", _datetime, None),
        cancelled=r.take("cancelled", _flag, False),
        reason=r.take("reason", _text, ""),
        person=r.take("person", _text, ""),
        source=r.take("source", _one_of(FOLLOW_UP_SOURCES), "rules"),
        snoozed=r.take("snoozed", _flag, False),
        extra=r.extra(),
    )


def draft_from_dict(raw: object) -> Draft:
    r = _Reader(raw, "a draft")
    return Draft(
        id=r.take("id", _id, "") or new_id(),
        template=r.take("template", _text, "thank-you"),
        person=r.take("person", _text, ""),
        to=r.take("to", _texts, []),
        cc=r.take("cc", _texts, []),
        subject=r.take("subject", _text, ""),
        body=r.take("body", _text, ""),
        state=r.take("state", _one_of(DRAFT_STATES), "draft"),
        sent_at=r.take("sent_at", _datetime, None),
        message_id=r.take("message_id", _text, ""),
        edited=r.take("edited", _flag, False),
        outdated=r.take("outdated", _flag, False),
        extra=r.extra(),
    )


def conflict_from_dict(raw: object) -> Conflict:
    r = _Reader(raw, "a conflict")
    path = r.required("path", _name)
    theirs = r.rest.pop("theirs", None)  # any JSON value, null included
    return Conflict(path=path, theirs=theirs, at=r.required("at", _datetime), extra=r.rest)


def interview_from_dict(raw: object) -> Interview:
    """Read one interview; a missing id gets a new one. Raises RecordError naming the field."""
    r = _Reader(raw, "an interview")
    # Read in the order of the format, so the first fault reported is the first in the record.
    ident = r.take("id", _id, "") or new_id()
    rev = r.take("rev", _count, 0)
    company = r.required("company", _name)
    role = r.take("role", _text, "")
    stage = r.take("stage", _text, "")
    when = r.required("when", _datetime)
    where = r.take("where", _text, "")
    interviewers = r.items("interviewers", person_from_dict)
    recruiter = r.nested("recruiter", recruiter_from_dict)
    debrief = r.nested("debrief", debrief_from_dict) or Debrief()
    status = r.take("status", _one_of(STATUSES), "active")
    replied_at = r.take("replied_at", _datetime, None)
    follow_ups = r.items("follow_ups", follow_up_from_dict)
    drafts = r.items("drafts", draft_from_dict)
    conflicts = r.items("conflicts", conflict_from_dict)
    return Interview(
        id=ident,
        company=company,
        role=role,
        stage=stage,
        when=when,
        where=where,
        interviewers=interviewers,
        recruiter=recruiter,
        debrief=debrief,
        status=status,
        replied_at=replied_at,
        follow_ups=follow_ups,
        drafts=drafts,
        rev=rev,
        conflicts=conflicts,
        extra=r.extra(),
    )
