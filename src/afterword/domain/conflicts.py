"""A field two copies changed to two values (``Interview.conflicts``): said in words, and
resolved one at a time, keeping yours or taking theirs.

The merge (``merge.py``) keeps the local value on the record and the other copy's in the
conflict, as plain JSON. Taking theirs writes that JSON at the conflict's path into the
record's plain dict and reads the record back through ``records.py``, so the value gets the
model's type (a date, a list, a recruiter) and is checked as an import's would be; a value that
does not read is refused (``CannotTake``) and the record is left as it was. A path whose
follow-up, draft or recruiter is gone since: taking theirs only drops the conflict, and says so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, Final

from afterword.domain.merge import MISSING, value_at
from afterword.domain.model import Conflict, Interview
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from afterword.domain.words import in_words, short_day

FIELD_NAMES: Final = {
    "company": "Company",
    "role": "Role",
    "stage": "Stage",
    "when": "When",
    "where": "Where",
    "interviewers": "Interviewers",
    "recruiter": "Recruiter",
    "debrief": "Debrief",
    "status": "Status",
    "replied_at": "Replied",
    "follow_ups": "Follow-ups",
    "drafts": "Emails",
}
DEBRIEF_NAMES: Final = {
    "tone": "Tone",
    "focus": "Focus of the questions",
    "went_well": "What went well",
    "went_poorly": "What did not go so well",
    "next_steps": "Next steps",
    "decision_by": "Decision by",
    "still_interested": "Still interested",
    "remember": "Remember me",
    "reinforce": "Reinforce",
    "recoup": "Recoup",
    "notes": "Notes",
}
RECRUITER_NAMES: Final = {
    "name": "Recruiter's name",
    "agency": "Recruiter's agency",
    "email": "Recruiter's email",
    "phone": "Recruiter's phone",
    "direct_contact": "Recruiter: may you write directly",
}
ITEM_FIELD_NAMES: Final = {
    "due": "due",
    "done_at": "done",
    "sent_at": "sent",
    "subject": "subject",
    "body": "text",
    "to": "To",
    "cc": "Cc",
}
# Values that are a date and time, or a day, in the data format: said as one.
MOMENTS: Final = frozenset({"when", "replied_at", "due", "done_at", "sent_at"})
DAYS: Final = frozenset({"decision_by"})


MARK: Final = "⇄"  # beside an interview with fields changed on another machine, in lists


def differ_words(count: int) -> str:
    """'1 field differs', '3 fields differ'."""
    return f"{count} field differs" if count == 1 else f"{count} fields differ"


class CannotTake(ValueError):
    """Their value does not read as the field's (a status this version does not know, a
    company left empty): only yours can be kept."""


@dataclass(frozen=True)
class Resolution:
    """What resolving one conflict did: ``sentence`` for the user; ``changed`` when the field
    took their value (keeping yours, or a field whose item is gone, changes no field)."""

    sentence: str
    changed: bool


def _item_step(path: str) -> tuple[str, str, str] | None:
    """(list, item id, the rest) of ``follow_ups[<id>].due``, or None for another path."""
    head, dot, rest = path.partition(".")
    name, bracket, tail = head.partition("[")
    if not bracket or not tail.endswith("]"):
        return None
    return name, tail[:-1], rest if dot else ""


def _item_name(record: Mapping[str, Any], kind: str, item_id: str) -> str:
    item = value_at(record, f"{kind}[{item_id}]")
    if kind == "follow_ups":
        title = item.get("title") if isinstance(item, Mapping) else None
        return f"Follow-up '{title}'" if title else "A follow-up no longer here"
    if kind == "drafts":
        if not isinstance(item, Mapping):
            return "An email no longer here"
        subject = item.get("subject") or item.get("template") or ""
        return f"Email '{subject}'" if subject else "An email"
    return f"{kind} '{item_id}'"


def field_words(interview: Interview, path: str) -> str:
    """The field a conflict names, as the user knows it: "Status", "Notes", "Recruiter's
    email", "Follow-up 'Check in with Dana' due"."""
    record = interview_to_dict(interview)
    item = _item_step(path)
    if item is not None:
        kind, item_id, rest = item
        named = _item_name(record, kind, item_id)
        said = ITEM_FIELD_NAMES.get(rest, rest.replace("_", " ").replace(".", " › "))
        return f"{named} {said}".strip()
    head, _, rest = path.partition(".")
    if head == "debrief" and rest in DEBRIEF_NAMES:
        return DEBRIEF_NAMES[rest]
    if head == "recruiter" and rest in RECRUITER_NAMES:
        return RECRUITER_NAMES[rest]
    if not rest:
        return FIELD_NAMES.get(head, head)
    return " › ".join([FIELD_NAMES.get(head, head), *rest.split(".")])


def mine(interview: Interview, path: str) -> Any:
    """The record's own value at ``path``, as plain JSON (MISSING where it has none)."""
    return value_at(interview_to_dict(interview), path)


def value_words(path: str, value: Any) -> str:
    """A value of a conflict as text: a date in words, a list of names, "(none)"."""
    last = path.rpartition(".")[2]
    if value is MISSING or value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if not value:
            return "(empty)"
        return _moment_words(last, value) or value
    if isinstance(value, list):
        if not value:
            return "(none)"
        return ", ".join(_listed(item) for item in value)
    if isinstance(value, Mapping):
        if isinstance(value.get("name"), str):
            return _listed(value)
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _moment_words(last: str, text: str) -> str:
    try:
        if last in MOMENTS:
            return in_words(datetime.fromisoformat(text))
        if last in DAYS:
            day = date.fromisoformat(text)
            return f"{short_day(day)} {day.year}"
    except ValueError:
        return ""
    return ""


def _listed(item: Any) -> str:
    """One of a list: a person as "Dana Whitfield (Eng Manager, dana@…)", text as it is."""
    if isinstance(item, Mapping) and isinstance(item.get("name"), str):
        more = [str(item[k]) for k in ("title", "agency", "email") if item.get(k)]
        return f"{item['name']} ({', '.join(more)})" if more else item["name"]
    if isinstance(item, str):
        return item
    return json.dumps(item, ensure_ascii=False)


def resolve_conflict(interview: Interview, conflict: Conflict, *, take_theirs: bool) -> Resolution:
    """Resolve ``conflict`` (one of ``interview.conflicts``, compared by value) in place:
    keep yours (drop it), or take theirs (the field set to its value, then drop it).

    Raises ValueError when the interview has no such conflict, CannotTake (a ValueError too)
    when their value does not read as the field's: the interview is then left as it was."""
    index = next((n for n, c in enumerate(interview.conflicts) if c == conflict), None)
    if index is None:
        raise ValueError(f"{interview.company} has no conflict at {conflict.path}")
    what = field_words(interview, conflict.path)
    if not take_theirs:
        del interview.conflicts[index]
        return Resolution(f"Kept yours: {what}.", changed=False)
    record = interview_to_dict(interview)
    if not _set(record, conflict.path, conflict.theirs):
        del interview.conflicts[index]
        return Resolution(f"{what}: no longer here, so theirs was dropped.", changed=False)
    del record["conflicts"][index]  # the same list, in the same order, as interview.conflicts
    try:
        taken = interview_from_dict(record)
    except RecordError as error:
        shown = value_words(conflict.path, conflict.theirs)
        raise CannotTake(f"Theirs ({shown}) cannot be used for {what}: {error.problem}.") from None
    for name in (f.name for f in fields(Interview)):
        setattr(interview, name, getattr(taken, name))
    return Resolution(f"Took theirs: {what}.", changed=True)


def _set(record: dict[str, Any], path: str, value: Any) -> bool:
    """Set ``path`` in a record dict to ``value``; False when what holds it is gone (the
    follow-up, the draft, the recruiter)."""
    *steps, last = path.split(".")
    holder: Any = record
    for step in steps:
        holder = _step(holder, step)
        if holder is None:
            return False
    name, bracket, tail = last.partition("[")
    if not bracket:
        holder[name] = value
        return True
    items = holder.get(name)
    item_id = tail.removesuffix("]")
    if not isinstance(items, list):
        return False
    for n, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == item_id:
            if value is None:
                del items[n]
            else:
                items[n] = value
            return True
    return False


def _step(holder: Any, step: str) -> dict[str, Any] | None:
    """The object ``step`` ("debrief", "follow_ups[<id>]") names in ``holder``, or None."""
    if not isinstance(holder, dict):
        return None
    name, bracket, tail = step.partition("[")
    found = holder.get(name)
    if bracket:
        item_id = tail.removesuffix("]")
        if not isinstance(found, list):
            return None
        found = next((i for i in found if isinstance(i, dict) and i.get("id") == item_id), None)
    return found if isinstance(found, dict) else None
