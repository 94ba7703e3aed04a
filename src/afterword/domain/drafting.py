"""Which emails an interview calls for, to whom, and what stops one from going out yet.

The recruiter's answer decides the route (DESIGN.md, rule 2): while it is ``ask`` the
``ask-recruiter`` email comes first and the thank-yous wait; ``allowed`` sends each thank-you to
its interviewer (the recruiter in Cc when the user wants); ``forward`` makes one ``via-recruiter``
email that carries them all. Pure: the words come from templates in ``compose``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from afterword.domain.model import Draft, Interview, Person
from afterword.domain.words import fold_name, wall_delta

BUILT_IN_TEMPLATES = ("thank-you", "ask-recruiter", "via-recruiter", "check-in", "close-out")
# Templates written to the recruiter rather than to an interviewer.
TO_RECRUITER = frozenset({"ask-recruiter", "via-recruiter"})


@dataclass(frozen=True)
class PlannedDraft:
    """One email the interview calls for: which template, for whom, to which addresses."""

    template: str
    person: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()


def _address(name: str, email: str) -> tuple[str, ...]:
    return (f"{name} <{email}>",) if email and name else ((email,) if email else ())


def plan_drafts(interview: Interview, *, cc_recruiter: bool = True) -> list[PlannedDraft]:
    """The emails of the route the recruiter's answer sets, recruiter emails first."""
    recruiter = interview.recruiter
    r_to = _address(recruiter.name, recruiter.email) if recruiter else ()
    if recruiter is not None and recruiter.direct_contact == "forward":
        return [PlannedDraft("via-recruiter", recruiter.name, r_to)]
    planned: list[PlannedDraft] = []
    if recruiter is not None and recruiter.direct_contact == "ask":
        planned.append(PlannedDraft("ask-recruiter", recruiter.name, r_to))
    cc = (
        r_to
        if recruiter is not None and recruiter.direct_contact == "allowed" and cc_recruiter
        else ()
    )
    for person in interview.interviewers:
        planned.append(
            PlannedDraft("thank-you", person.name, _address(person.name, person.email), cc)
        )
    return planned


def addressee_for(interview: Interview, template: str, person: str = "") -> str:
    """Whom a template writes to when the user did not say: the recruiter for their templates
    and for check-ins (they arranged it), else the named or first interviewer."""
    recruiter = interview.recruiter
    if recruiter is not None and (
        template in TO_RECRUITER or (not person and template in {"check-in", "close-out"})
    ):
        return recruiter.name
    if person:
        return person
    return interview.interviewers[0].name if interview.interviewers else ""


def email_for(interview: Interview, kind: str, person: str) -> tuple[str, str] | None:
    """The draft a follow-up stands for, as (template, person): a thank-you (or the
    via-recruiter email when the recruiter forwards), a check-in, the question to the
    recruiter."""
    recruiter = interview.recruiter
    if kind == "thank_you":
        if recruiter is not None and recruiter.direct_contact == "forward":
            return "via-recruiter", recruiter.name
        return "thank-you", person
    if kind == "check_in":
        return "check-in", ""
    if kind == "ask_recruiter" and recruiter is not None:
        return "ask-recruiter", recruiter.name
    return None


def person_named(interview: Interview, name: str) -> Person | None:
    """The interviewer or recruiter of that name (folded), as a Person."""
    wanted = fold_name(name)
    for person in interview.interviewers:
        if fold_name(person.name) == wanted:
            return person
    recruiter = interview.recruiter
    if recruiter is not None and fold_name(recruiter.name) == wanted:
        return Person(recruiter.name, title=recruiter.agency, email=recruiter.email)
    return None


def find_person(interview: Interview, text: str) -> Person | None:
    """A person of the interview from any unique part of the name (`--to Dana`)."""
    exact = person_named(interview, text)
    if exact is not None:
        return exact
    wanted = fold_name(text)
    people = list(interview.interviewers)
    if interview.recruiter is not None:
        r = interview.recruiter
        people.append(Person(r.name, title=r.agency, email=r.email))
    hits = [p for p in people if wanted and wanted in fold_name(p.name)]
    return hits[0] if len(hits) == 1 else None


def still_ahead(interview: Interview, now: datetime) -> bool:
    """Has the interview not happened yet (a thank-you would thank them in advance)?"""
    return wall_delta(interview.when, now) > timedelta(0)


def waiting_reason(interview: Interview, draft: Draft) -> str:
    """Why the draft must not be handed off yet ("" when it may): the recruiter's answer, or an
    address still to find."""
    recruiter = interview.recruiter
    if draft.template == "thank-you" and recruiter is not None:
        if recruiter.direct_contact == "ask":
            return f"waiting for {recruiter.name}'s answer"
        if recruiter.direct_contact == "forward":
            return f"{recruiter.name} forwards it: send the via-recruiter email"
    if not draft.to:
        return "address needed"
    return ""


def update_route(interview: Interview, draft: Draft, planned: PlannedDraft) -> bool:
    """Give an unsent draft the addresses the route now calls for, where the user left them
    empty; True when anything changed. Addresses the user typed are never replaced."""
    if draft.state == "sent":
        return False
    changed = False
    if not draft.to and planned.to:
        draft.to = list(planned.to)
        changed = True
    if not draft.cc and planned.cc:
        draft.cc = list(planned.cc)
        changed = True
    return changed


@dataclass(frozen=True)
class AfterChange:
    """What a change of the debrief or the profile does to an interview's drafts: those the
    user did not edit are written again; those they edited are marked, never overwritten."""

    rewrite: tuple[str, ...]  # ids of drafts to write again from their template
    mark: tuple[str, ...]  # ids of edited drafts to mark "written before the change"


def after_change(interview: Interview) -> AfterChange:
    """Apply the rule to the drafts still being written: a draft sent, queued, being sent or
    perhaps sent stays as it went out."""
    rewrite: list[str] = []
    mark: list[str] = []
    for draft in interview.drafts:
        if draft.state != "draft":
            continue
        (mark if draft.edited else rewrite).append(draft.id)
    return AfterChange(tuple(rewrite), tuple(mark))


# ---------------------------------------------------------------- a guess at a missing address

_PATTERNS = (
    "first.last",
    "first_last",
    "first-last",
    "firstlast",
    "flast",
    "f.last",
    "firstl",
    "first",
    "last.first",
    "last",
)


def _ascii_part(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _name_parts(name: str) -> tuple[str, str] | None:
    words = [_ascii_part(w) for w in name.split()]
    words = [w for w in words if w]
    if len(words) < 2:
        return None
    return words[0], words[-1]


def _apply(pattern: str, first: str, last: str) -> str:
    return {
        "first.last": f"{first}.{last}",
        "first_last": f"{first}_{last}",
        "first-last": f"{first}-{last}",
        "firstlast": f"{first}{last}",
        "flast": f"{first[0]}{last}",
        "f.last": f"{first[0]}.{last}",
        "firstl": f"{first}{last[0]}",
        "first": first,
        "last.first": f"{last}.{first}",
        "last": last,
    }[pattern]


@dataclass(frozen=True)
class AddressGuess:
    """A likely address, from the way other known addresses at the company are made."""

    address: str
    pattern: str
    evidence: int  # how many known addresses follow the pattern

    def in_words(self) -> str:
        known = "address" if self.evidence == 1 else "addresses"
        return f"{self.address} (a guess from {self.evidence} known {known} there: verify it)"


def guess_address(name: str, known: Iterable[tuple[str, str]]) -> AddressGuess | None:
    """Guess ``name``'s address from (name, address) pairs of colleagues at the same company.

    The most common local-part pattern and domain win; None when nothing known fits a pattern.
    """
    parts = _name_parts(name)
    if parts is None:
        return None
    patterns: Counter[str] = Counter()
    domains: Counter[str] = Counter()
    for other_name, address in known:
        local, _, domain = address.strip().lower().rpartition("@")
        other = _name_parts(other_name)
        if not local or "." not in domain or other is None:
            continue
        for pattern in _PATTERNS:
            if _apply(pattern, *other) == local:
                patterns[pattern] += 1
                domains[domain] += 1
                break
    if not patterns:
        return None
    pattern, evidence = patterns.most_common(1)[0]
    domain = domains.most_common(1)[0][0]
    return AddressGuess(f"{_apply(pattern, *parts)}@{domain}", pattern, evidence)


def colleagues(interviews: Iterable[Interview], company: str) -> list[tuple[str, str]]:
    """(name, address) of every interviewer with an address at ``company`` (folded)."""
    return known_addresses(
        ((i.company, [(p.name, p.email) for p in i.interviewers]) for i in interviews), company
    )


def known_addresses(
    people: Iterable[tuple[str, Iterable[tuple[str, str]]]], company: str
) -> list[tuple[str, str]]:
    """``colleagues`` from (company, [(name, address), …]) of each interview."""
    wanted = fold_name(company)
    seen: dict[str, tuple[str, str]] = {}
    for where, pairs in people:
        if fold_name(where) != wanted:
            continue
        for name, email in pairs:
            if email:
                seen[email.lower()] = (name, email)
    return list(seen.values())


# ---------------------------------------------------------------- the four Rs, as a checklist

_WORD = re.compile(r"[^\W\d_]{4,}")
_THANKS = re.compile(r"\b(thank|thanks|grateful|appreciate)", re.IGNORECASE)


@dataclass(frozen=True)
class Check:
    """One line of the four-R checklist: its name, whether the text has it, and what it wants."""

    label: str
    done: bool | None  # None: nothing to check (no recoup noted)
    hint: str


def _echoes(sentence: str, text: str) -> bool:
    """Does ``text`` carry at least half of the telling words of the user's ``sentence``?"""
    words = {w.casefold() for w in _WORD.findall(sentence)}
    if not words:
        return True
    have = {w.casefold() for w in _WORD.findall(text)}
    return len(words & have) * 2 >= len(words)


def four_rs(
    interview: Interview, subject: str, body: str, sender: str, today: date | None = None
) -> list[Check]:
    """The advice's four Rs (and the thanks they hang on) as found in a thank-you's text.

    An R counts only when the letter says something specific from the record for it (the
    email line, else the topic read from the debrief, else the decision date): a general
    sentence shows as missing, with what would fill it.
    """
    from afterword.domain.letter import letter_lines

    text = f"{subject}\n{body}"
    d = interview.debrief
    folded = text.casefold()
    lines = letter_lines(d, interview.role, today or interview.when.date(), interview.when)
    name_there = bool(sender) and sender.casefold() in folded
    checks = [Check("Thanks", bool(_THANKS.search(text)), "say thank you for their time")]
    remember = lines.remember.evidence
    if not name_there:
        hint = "sign with your name"
        if remember:
            hint += " and the detail they will remember you by"
    else:
        hint = "nothing they will remember you by yet; fill the Remember-me line"
    checks.append(
        Check("Remember me", name_there and bool(remember) and _echoes(remember, text), hint)
    )
    reinforce = lines.reinforce.evidence
    checks.append(
        Check(
            "Reinforce",
            bool(reinforce) and _echoes(reinforce, text),
            "nothing from your debrief yet; fill 'What went well' or the Reinforce line"
            if not reinforce
            else "the strength that matches the role, from your debrief",
        )
    )
    recoup = lines.recoup.evidence
    if recoup:
        checks.append(Check("Recoup", _echoes(recoup, text), "the answer you redeem"))
    elif d.went_poorly.strip():
        checks.append(
            Check(
                "Recoup",
                False,
                "no topic found in 'What did not go well'; fill the Recoup line",
            )
        )
    else:
        checks.append(Check("Recoup", None, "nothing to recoup noted"))
    reminder = lines.reminder
    if reminder.source == "date":
        hint = f"the decision date, {reminder.evidence}"
        done = reminder.evidence.casefold() in folded
    elif reminder.source == "passed":
        hint = "the decision you are waiting for (its date has passed)"
        done = "decision" in folded
    else:
        hint = "no decision date in your debrief yet; fill 'Decision by'"
        done = False
    checks.append(Check("Reminder", done, hint))
    return checks
