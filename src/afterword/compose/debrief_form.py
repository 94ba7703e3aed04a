"""The debrief form as a model, without Textual: its fields, what is typed in them, what the
dates mean, what stops a save, and the interview the form describes.

The screen (``tui/screens/debrief.py``) shows a `DebriefForm` and reads one back from its
widgets; the recovery file keeps its `values()`; the restore offer says its `summary()`; an
invitation file fills it through `merge_invitation()`. Addresses are checked as Send checks
them (``compose/message.py``), so the form never saves one that a letter could not go to.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from afterword.compose.debrief_fields import CHOICES, EMAIL_LINES, PERSON_KEYS, TEXT_FIELDS
from afterword.compose.message import HeaderRefused, check_address
from afterword.domain.date_phrases import find_date_phrase
from afterword.domain.dates import DateNotUnderstood, parse_when
from afterword.domain.letter import suggested_lines
from afterword.domain.model import Debrief, Interview, Person, Recruiter
from afterword.domain.schedule import reschedule, schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.domain.words import by_words, in_words, plural, wall_delta

if TYPE_CHECKING:
    from afterword.exchange.invitation import Invitation

WHEN_FORMAT = "%Y-%m-%d %H:%M"
WHEN_DEFAULT = time(9, 0)  # an interview's day typed without a time ("tue") is at 09:00
MAX_INTERVIEWER_ROWS = 50  # a form row each: 10,000 attendees took minutes and gigabytes

FormValues = dict[str, str | list[dict[str, str]]]  # as the recovery file keeps them


@dataclass(frozen=True)
class PersonRow:
    """One interviewer row as typed."""

    name: str = ""
    title: str = ""
    email: str = ""

    def values(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "email": self.email}

    @classmethod
    def of(cls, values: object) -> PersonRow:
        """A row from its plain values (a key missing or not text: empty)."""
        got: Mapping[object, object] = {}
        if isinstance(values, Mapping):
            got = cast("Mapping[object, object]", values)  # what the recovery file held
        name, title, email = (got.get(key, "") for key in PERSON_KEYS)
        return cls(*(v if isinstance(v, str) else "" for v in (name, title, email)))


@dataclass(frozen=True)
class Reading:
    """What a date field means: its value and a line saying so, or no value and why not (no
    value and no line: the field is empty)."""

    value: datetime | None
    meaning: str = ""

    @property
    def refused(self) -> bool:
        return self.value is None and bool(self.meaning)


@dataclass(frozen=True)
class DebriefForm:
    """What the debrief form holds, as typed: a text per field (`TEXT_FIELDS`; a choice is the
    chosen value, or '' for none) and the interviewer rows (at least one)."""

    texts: Mapping[str, str] = field(default_factory=dict)
    interviewers: tuple[PersonRow, ...] = (PersonRow(),)

    # -- to and from plain values and the model

    @classmethod
    def blank(cls, now: datetime) -> DebriefForm:
        """A new debrief: When is now, still interested, no recruiter (so no answer chosen:
        once there is a name, saving without one means `ask`)."""
        texts = dict.fromkeys(TEXT_FIELDS, "")
        texts.update(when=now.strftime(WHEN_FORMAT), still_interested="yes", direct_contact="")
        return cls(texts)

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> DebriefForm:
        """A form from plain values (the recovery file's): a key missing or empty is an empty
        field, a choice that is not one of the field's is none chosen."""
        texts: dict[str, str] = {}
        for key in TEXT_FIELDS:
            value = values.get(key)
            text = value if isinstance(value, str) else ""
            if key in CHOICES and text not in dict(CHOICES[key]):
                text = ""
            texts[key] = text
        rows = values.get("interviewers")
        people = tuple(PersonRow.of(row) for row in rows) if isinstance(rows, list) else ()
        return cls(texts, people or (PersonRow(),))

    @classmethod
    def from_interview(cls, interview: Interview) -> DebriefForm:
        """The form of a saved interview."""
        d, r = interview.debrief, interview.recruiter
        texts = {
            "company": interview.company,
            "role": interview.role,
            "stage": interview.stage,
            "when": interview.when.strftime(WHEN_FORMAT),
            "where": interview.where,
            "tone": d.tone,
            "focus": d.focus,
            "went_well": d.went_well,
            "went_poorly": d.went_poorly,
            "next_steps": d.next_steps,
            "decision_by": d.decision_by.isoformat() if d.decision_by else "",
            "still_interested": d.still_interested,
            "notes": d.notes,
            "remember": d.remember,
            "reinforce": d.reinforce,
            "recoup": d.recoup,
            "r_name": r.name if r else "",
            "r_agency": r.agency if r else "",
            "r_email": r.email if r else "",
            "r_phone": r.phone if r else "",
            "direct_contact": r.direct_contact if r else "",
        }
        people = tuple(PersonRow(p.name, p.title, p.email) for p in interview.interviewers)
        return cls(texts, people or (PersonRow(),))

    def values(self) -> FormValues:
        """Everything the form holds, as plain text (what the recovery file keeps)."""
        values: FormValues = {key: self.text(key) for key in TEXT_FIELDS}
        values["interviewers"] = [row.values() for row in self.interviewers]
        return values

    def text(self, key: str) -> str:
        return self.texts.get(key, "")

    def replace(self, **texts: str) -> DebriefForm:
        """This form with some fields typed anew."""
        return DebriefForm({**self.texts, **texts}, self.interviewers)

    def restored(self, typed_at: datetime | None, dayfirst: bool) -> DebriefForm:
        """This form as it comes back from the recovery file or an invitation.

        ``typed_at``: when the text was typed; a When phrase in it ('yesterday 4pm') is
        pinned to the time it meant then, not read again from the day it comes back (a
        phrase it cannot read stays as typed, for the form to say why). Text kept by an older
        version held `ask` with no recruiter (its blank default): that is no answer, so that
        restoring it does not stop the save at a field never touched."""
        form = self
        if typed_at is not None:
            text = self.text("when").strip()
            if not text or text.casefold() == "now":
                form = form.replace(when=typed_at.strftime(WHEN_FORMAT))
            else:
                try:
                    found = parse_when(
                        text, typed_at, dayfirst=dayfirst, default_time=WHEN_DEFAULT, past=True
                    )
                except DateNotUnderstood:
                    pass
                else:
                    form = form.replace(when=found.value.strftime(WHEN_FORMAT))
        if form.text("direct_contact") == "ask" and not form.text("r_name").strip():
            form = form.replace(direct_contact="")
        return form

    def summary(self) -> str:
        """The debrief in a line, for the offer to restore it: its company and first words."""
        company = self.text("company").strip() or "(no company yet)"
        words = " ".join(
            self.text(key) for key in ("tone", "went_well", "went_poorly", "next_steps", "notes")
        ).split()
        return f"A debrief of {company}" + (f": {' '.join(words[:12])}…" if words else "")

    def merge_invitation(self, invitation: Invitation, initial: DebriefForm) -> DebriefForm:
        """This form with the invitation's values put in where nothing was typed yet: a field
        still empty or as the form started (``initial``: When starts at now) takes the
        invitation's value; the rows take its people (the first `MAX_INTERVIEWER_ROWS`) while
        none is typed; the recruiter fields take its recruiter while no name is typed."""
        texts = dict(self.texts)

        def fill(key: str, value: str) -> None:
            typed = self.text(key)
            if value and (not typed or typed == initial.text(key)):
                texts[key] = value

        fill("company", invitation.company)
        fill("role", invitation.role)
        fill("stage", invitation.stage)
        fill("when", invitation.when.strftime(WHEN_FORMAT))
        fill("where", invitation.where)
        rows = self.interviewers
        people = tuple(
            PersonRow(p.name, p.title, p.email)
            for p in invitation.interviewers[:MAX_INTERVIEWER_ROWS]
        )
        if people and not any(row != PersonRow() for row in rows):
            rows = people
        recruiter = invitation.recruiter
        if recruiter is not None and not self.text("r_name"):
            texts.update(
                r_name=recruiter.name,
                r_agency=recruiter.agency,
                r_email=recruiter.email,
                r_phone=recruiter.phone,
                direct_contact=recruiter.direct_contact,
            )
        return DebriefForm(texts, rows)

    # -- what the dates mean

    def when(self, now: datetime, dayfirst: bool) -> Reading:
        """When is a time that happened: 'tue 2pm' is the latest Tuesday, a day alone is at
        09:00 (said in the line), and a time still ahead is said so (saving asks first)."""
        text = self.text("when").strip()
        if not text or text.casefold() == "now":
            return Reading(now, f"→ now, {in_words(now)}")
        try:
            found = parse_when(text, now, dayfirst=dayfirst, default_time=WHEN_DEFAULT, past=True)
        except DateNotUnderstood as error:
            return Reading(None, str(error))
        meaning = f"→ {found.in_words()}"
        if not found.has_time:
            meaning += f" (no time given: {WHEN_DEFAULT:%H:%M})"
        if ahead(found.value, now):
            meaning += " · still ahead: saving asks first"
        return Reading(found.value, meaning)

    def ahead_to_confirm(
        self, base: Interview | None, now: datetime, dayfirst: bool
    ) -> datetime | None:
        """When, if it is still ahead and saving asks first ("still ahead: save it for
        then?"); never for a saved interview (``base``) whose When was left as it was."""
        when = self.when(now, dayfirst).value
        if when is None or not ahead(when, now):
            return None
        if base is not None and self.text("when") == DebriefForm.from_interview(base).text("when"):
            return None
        return when

    def said_at(self, now: datetime, dayfirst: bool) -> datetime:
        """T, the interview's time as When reads now (the clock's while When cannot be read):
        what the next steps and Decision by are read from ("by Friday" after a Tuesday)."""
        when = self.when(now, dayfirst).value
        return when if when is not None else now

    def decision_by(self, now: datetime, dayfirst: bool) -> Reading:
        """Decision by is what they said at the interview: read from When, like the next
        steps."""
        text = self.text("decision_by").strip()
        if not text:
            return Reading(None)
        try:
            found = parse_when(text, self.said_at(now, dayfirst), dayfirst=dayfirst)
        except DateNotUnderstood as error:
            return Reading(None, str(error))
        value = found.value
        return Reading(value, f"→ {value:%A} {value.day} {value:%B %Y}")

    def decision_offer(self, now: datetime, dayfirst: bool) -> tuple[str, str] | None:
        """The date the next steps name ("by Friday") while Decision by is empty: as Decision
        by takes it, and a sentence saying where it comes from. Read from When, the time it
        was said, never from the day it is typed."""
        if self.text("decision_by").strip():
            return None
        found = find_date_phrase(
            self.text("next_steps"), self.said_at(now, dayfirst), dayfirst=dayfirst
        )
        if found is None:
            return None
        day = found.date.value
        return (
            day.date().isoformat(),
            f'"{found.phrase}" in the next steps: {day:%A} {day.day} {day:%B}?',
        )

    def proposed_lines(self) -> dict[str, str]:
        """The email lines still empty that the debrief suggests (from what went well, what
        did not, the focus), by key."""
        debrief = Debrief(
            focus=self.text("focus"),
            went_well=self.text("went_well"),
            went_poorly=self.text("went_poorly"),
            remember=self.text("remember"),
        )
        return {
            key: line
            for key, line in zip(EMAIL_LINES, suggested_lines(debrief), strict=True)
            if line and not self.text(key).strip()
        }

    # -- saving

    def problems(self, now: datetime, dayfirst: bool) -> dict[str, str]:
        """What stops a save, one sentence each, by field (`person-N` for the Nth row)."""
        found: dict[str, str] = {}
        if not self.text("company").strip():
            found["company"] = "Company is required"
        for key, label, reading in (
            ("when", "When", self.when(now, dayfirst)),
            ("decision_by", "Decision by", self.decision_by(now, dayfirst)),
        ):
            if reading.refused:
                found[key] = f"{label}: {reading.meaning}"
        for n, person in enumerate(self.interviewers, 1):
            email = person.email.strip()
            if email and not person.name.strip():
                found[f"person-{n}"] = f"Interviewer {n}: a name is needed with the address"
            elif email and not is_address(email):
                found[f"person-{n}"] = f"Interviewer {n}: {email!r} is not an email address"
        r_name = self.text("r_name").strip()
        if not r_name and any(self.text(k).strip() for k in ("r_agency", "r_email", "r_phone")):
            found["r_name"] = "Recruiter: a name is needed with the agency, email or phone"
        needs_name = {
            "forward": "Forwarding needs the recruiter's name",
            "ask": "Asking the recruiter needs their name",
        }.get(self.text("direct_contact"))
        if needs_name and not r_name and "r_name" not in found:
            # never saved as "no recruiter": that would lose the choice without a word
            found["r_name"] = needs_name
        email = self.text("r_email").strip()
        if email and not is_address(email):
            found["r_email"] = f"Recruiter email: {email!r} is not an email address"
        return found

    def to_interview(self, base: Interview | None, now: datetime, dayfirst: bool) -> Interview:
        """The interview the form describes (``base``: the saved one being edited, whose
        follow-ups, drafts and unknown keys are kept). Only for a form without `problems`."""
        when = self.when(now, dayfirst).value
        decision = self.decision_by(now, dayfirst).value
        assert when is not None
        interview = copy.deepcopy(base) if base is not None else Interview(company="", when=when)
        interview.company = self.text("company").strip()
        interview.role = self.text("role").strip()
        interview.stage = self.text("stage").strip()
        interview.where = self.text("where").strip()
        interview.when = when.replace(second=0, microsecond=0)
        interview.interviewers = _people(self.interviewers, base.interviewers if base else [])
        if self.text("r_name").strip():
            recruiter = interview.recruiter or Recruiter(name="")
            recruiter.name = self.text("r_name").strip()
            recruiter.agency = self.text("r_agency").strip()
            recruiter.email = self.text("r_email").strip()
            recruiter.phone = self.text("r_phone").strip()
            recruiter.direct_contact = self.text("direct_contact") or "ask"
            interview.recruiter = recruiter
        else:
            interview.recruiter = None
        debrief = interview.debrief if base is not None else Debrief()
        for key in ("tone", "focus", "went_well", "went_poorly", "next_steps", "notes"):
            setattr(debrief, key, self.text(key).strip())
        for key in EMAIL_LINES:
            setattr(debrief, key, self.text(key).strip())
        debrief.decision_by = decision.date() if decision is not None else None
        debrief.still_interested = self.text("still_interested") or "yes"
        interview.debrief = debrief
        return interview


@dataclass(frozen=True)
class Saved:
    """What saving the form does: the interview as it is saved, the heading and lines that
    say what happened to its follow-ups, and whether its letters are to be written again."""

    interview: Interview
    heading: str
    lines: list[str]
    redraft: bool = False


def saved(
    form: DebriefForm,
    base: Interview | None,
    now: datetime,
    dayfirst: bool,
    settings: ScheduleSettings,
) -> Saved:
    """A new interview with its follow-ups scheduled, or the saved one (``base``) edited, its
    follow-ups moved, and its letters written again when what they say changed."""
    interview = form.to_interview(base, now, dayfirst)
    if base is None:
        interview.follow_ups = schedule_follow_ups(interview, settings)
        lines = [f"{f.title} by {by_words(f.due, now)}" for f in interview.follow_ups]
        heading = f"Saved {interview.company}: {plural(len(lines), 'follow-up')} scheduled."
        return Saved(interview, heading, lines)
    lines = reschedule(interview, now, settings)
    heading = f"Saved {interview.company}." + (
        " The follow-ups moved as below." if lines else " No follow-up moved."
    )
    # what the letters are written from
    redraft = DebriefForm.from_interview(interview) != DebriefForm.from_interview(base)
    return Saved(interview, heading, lines, redraft)


def _people(rows: Iterable[PersonRow], saved: Iterable[Person]) -> list[Person]:
    """The named rows as people; one saved under the same name keeps what the form does not
    show (its unknown keys)."""
    old = {p.name: p for p in saved}
    people = []
    for row in rows:
        name = row.name.strip()
        if not name:
            continue
        person = copy.deepcopy(old.get(name)) or Person(name=name)
        person.title, person.email = row.title.strip(), row.email.strip()
        people.append(person)
    return people


def is_address(text: str) -> bool:
    """Whether ``text`` is one plain address that Send takes (``name@example.com``: no name,
    no second address), by the check Send itself makes."""
    try:
        return "<" not in check_address("Email", text)  # a bare address holds no "<"
    except HeaderRefused:
        return False


def left_out(invitation: Invitation) -> int:
    """How many of the invitation's people do not get a row in the form."""
    return max(0, len(invitation.interviewers) - MAX_INTERVIEWER_ROWS)


def typed_at(record: Mapping[str, object]) -> datetime | None:
    """When a recovery record was written (None when it does not say clearly)."""
    try:
        return datetime.fromisoformat(str(record.get("saved_at")))
    except ValueError:
        return None


def ahead(when: datetime, now: datetime) -> bool:
    """Whether ``when`` is later than ``now`` (wall clocks when one has no zone)."""
    return wall_delta(now, when) < timedelta(0)
