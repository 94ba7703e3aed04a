"""What an email is checked against (the interview record, the user, the day, the dictionary),
and the tables the checks look things up in, built once per context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Final, Protocol

from afterword.domain.letter import decision_day
from afterword.domain.proofread.text import TOKEN, bare, fold

if TYPE_CHECKING:
    from afterword.domain.model import Interview


THANK_YOU: Final = "thank-you"


class Speller(Protocol):
    """A dictionary: ``afterword.compose.spelling.Spelling`` in the app."""

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-cased words that are not in the dictionary."""
        ...

    def suggest(self, word: str) -> str:
        """The best correction, or "" (may be slow: asked only for words that are reported)."""
        ...


@dataclass(frozen=True)
class ProofContext:
    """What the email is checked against: the interview record, the user, the day."""

    template: str
    company: str
    role: str
    addressee: str
    people: tuple[str, ...]
    other_companies: tuple[str, ...]
    sender: str
    decision_by: date | None
    today: date
    known_words: frozenset[str]
    interview_day: date | None = None  # a weekday alone ("by Friday") is counted from it
    # The user's own words in the debrief ("Kafka partition rebalancing"): what the letter
    # takes from the record is never a spelling finding. A name misspelt there still is a
    # name finding, so these are not ``known_words``.
    debrief_words: frozenset[str] = frozenset()

    @cached_property
    def lookups(self) -> Lookups:
        """The tables the checks need, built once per context (not on every keystroke)."""
        return _build_lookups(self)


@dataclass(frozen=True)
class Lookups:
    """What the checks look things up in, derived from one ``ProofContext``."""

    accepted: frozenset[str]  # lower-case words the spelling and name checks accept as they are
    name_parts: dict[str, tuple[str, str]]  # lower-case part -> (recorded spelling, full name)
    first_names: frozenset[str]  # lower case: "Dan" for "Dana" is a short form, not a typo
    companies_by_first_word: dict[str, tuple[str, ...]]  # folded first \w+ run -> names
    company_words: frozenset[str]
    addressee_parts: frozenset[str]  # folded first, last and full name
    addressee_first: str
    people_by_folded: dict[str, str]  # a person's folded first or full name -> full name
    sender_names: tuple[str, ...]  # folded full and first name


def _words(text: str) -> list[str]:
    return [w.lower() for w in TOKEN.findall(text)]


def _build_lookups(ctx: ProofContext) -> Lookups:
    current = fold(ctx.company)
    accepted: set[str] = set(ctx.known_words)
    for text in (ctx.company, ctx.role, ctx.sender, ctx.addressee, *ctx.people):
        accepted.update(bare(w) for w in _words(text))
    name_parts: dict[str, tuple[str, str]] = {}
    first_names: set[str] = set()
    people_by_folded: dict[str, str] = {}
    for name in dict.fromkeys((*ctx.people, ctx.addressee, ctx.sender)):
        if not name.strip():
            continue
        people_by_folded.setdefault(fold(name), name)
        people_by_folded.setdefault(fold(name.split()[0]), name)
        first_names.add(bare(name.split()[0]).lower())
        for part in TOKEN.findall(name):
            if len(part) >= 3 and not part.isdigit():
                name_parts.setdefault(bare(part).lower(), (part, name))
    by_first: dict[str, list[str]] = {}
    seen = {current}
    for other in ctx.other_companies:
        folded = fold(other)
        if folded in seen or f" {folded} " in f" {current} ":
            continue  # the current company, or a part of its name
        seen.add(folded)
        runs = re.findall(r"\w+", other.lower())
        if runs:
            by_first.setdefault(runs[0], []).append(other)
            accepted.update(bare(w) for w in _words(other))
    addressee_words = [w for w in fold(ctx.addressee).split() if w]
    addressee_parts = frozenset(addressee_words) | (
        {" ".join(addressee_words)} if addressee_words else set()
    )
    sender = fold(ctx.sender)
    return Lookups(
        accepted=frozenset(accepted),
        name_parts=name_parts,
        first_names=frozenset(first_names),
        companies_by_first_word={k: tuple(v) for k, v in by_first.items()},
        company_words=frozenset(current.split()),
        addressee_parts=addressee_parts,
        addressee_first=ctx.addressee.split()[0] if ctx.addressee.split() else "",
        people_by_folded=people_by_folded,
        sender_names=(sender, sender.split()[0]) if sender else (),
    )


def proof_context(
    interview: Interview,
    *,
    addressee: str,
    template: str,
    sender: str,
    other_companies: Iterable[str],
    today: date,
    user_words: Iterable[str] = (),
) -> ProofContext:
    """The context for one email of ``interview``: its people, company, role and dates."""
    people = [p.name for p in interview.interviewers]
    if interview.recruiter is not None:
        people.append(interview.recruiter.name)
    if sender:
        people.append(sender)
    people = [p for p in dict.fromkeys(p.strip() for p in people) if p]
    vocabulary = [interview.company, interview.role, interview.stage, interview.where]
    vocabulary += [p.title for p in interview.interviewers]
    debrief = interview.debrief
    notes = [
        debrief.tone,
        debrief.focus,
        debrief.went_well,
        debrief.went_poorly,
        debrief.next_steps,
        debrief.remember,
        debrief.reinforce,
        debrief.recoup,
        debrief.notes,
    ]
    if interview.recruiter is not None:
        vocabulary.append(interview.recruiter.agency)
    others = tuple(dict.fromkeys(c.strip() for c in other_companies if c.strip()))
    known = {bare(w) for text in (*vocabulary, *people, *others) for w in _words(text)}
    known.update(w.strip().lower() for w in user_words if w.strip())
    own = {bare(w) for text in notes for w in _words(text)} - known
    return ProofContext(
        template=template,
        company=interview.company,
        role=interview.role,
        addressee=addressee.strip(),
        people=tuple(people),
        other_companies=others,
        sender=sender.strip(),
        decision_by=decision_day(debrief, interview.when),  # what the Reminder names
        today=today,
        known_words=frozenset(known),
        interview_day=interview.when.date(),
        debrief_words=frozenset(own),
    )
