"""Making an interview's drafts: the route's emails rendered from their templates.

Called when the emails screen opens and by ``afterword draft``. Rendering a user template
starts a child process, so the app calls this from a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from afterword.compose.render import RenderRequest, TemplateProblem, render
from afterword.config import Config
from afterword.domain.drafting import (
    AddressGuess,
    PlannedDraft,
    addressee_for,
    after_change,
    colleagues,
    guess_address,
    person_named,
    plan_drafts,
    update_route,
)
from afterword.domain.model import Draft, Interview
from afterword.domain.words import fold_name


@dataclass
class Prepared:
    """What preparing the drafts did: new drafts, drafts whose addresses the route changed,
    templates that failed (one sentence each) and guesses at missing addresses by name."""

    created: list[Draft] = field(default_factory=list)
    rerouted: list[Draft] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    guesses: dict[str, AddressGuess] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.rerouted)


def _same(draft: Draft, template: str, person: str) -> bool:
    return draft.template == template and fold_name(draft.person) == fold_name(person)


def find_draft(interview: Interview, template: str, person: str) -> Draft | None:
    """The newest unsent draft of that template for that person."""
    for draft in reversed(interview.drafts):
        if _same(draft, template, person) and not draft.is_sent:
            return draft
    return None


def addresses_for(
    interview: Interview, template: str, person: str, cc_recruiter: bool
) -> PlannedDraft:
    """The To and Cc a draft of any template gets for ``person`` on the current route."""
    for planned in plan_drafts(interview, cc_recruiter=cc_recruiter):
        if planned.template == template and fold_name(planned.person) == fold_name(person):
            return planned
    for planned in plan_drafts(interview, cc_recruiter=cc_recruiter):
        if fold_name(planned.person) == fold_name(person):
            return PlannedDraft(template, person, planned.to, planned.cc)
    found = person_named(interview, person)
    to = (f"{found.name} <{found.email}>",) if found and found.email else ()
    return PlannedDraft(template, person, to)


def write_draft(
    interview: Interview,
    template: str,
    person: str,
    config: Config,
    now: datetime,
    user_dir: Path | None,
) -> Draft:
    """A new draft rendered from ``template`` for ``person``; raises TemplateProblem."""
    person = person or addressee_for(interview, template)
    planned = addresses_for(interview, template, person, config.mail.cc_recruiter)
    letter = render(RenderRequest(template, interview, person, config.profile, now), user_dir)
    return Draft(
        template=template,
        person=person,
        to=list(planned.to),
        cc=list(planned.cc),
        subject=letter.subject,
        body=letter.body,
    )


def regenerate(
    interview: Interview, draft: Draft, config: Config, now: datetime, user_dir: Path | None
) -> None:
    """Write the draft's subject and body again from its template (the caller asked first)."""
    letter = render(
        RenderRequest(draft.template, interview, draft.person, config.profile, now), user_dir
    )
    draft.subject, draft.body, draft.edited = letter.subject, letter.body, False
    draft.outdated = False


@dataclass
class Refreshed:
    """What the debrief or profile changing did to one interview's drafts (worked out on a
    copy, off the UI thread): the new text of each draft written again, by id, with the text
    it replaces; the drafts marked; templates that failed."""

    interview_id: str
    rewritten: dict[str, tuple[tuple[str, str], tuple[str, str]]] = field(default_factory=dict)
    marked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.rewritten or self.marked)

    def apply_to(self, interview: Interview) -> bool:
        """Put the result into ``interview`` (the library's copy), leaving alone any draft that
        moved on meanwhile (edited, sent, its text changed); True when anything changed."""
        changed = False
        for draft in interview.drafts:
            if draft.state != "draft":
                continue
            if draft.id in self.rewritten and not draft.edited:
                old, new = self.rewritten[draft.id]
                if (draft.subject, draft.body) == old:
                    draft.subject, draft.body = new
                    draft.outdated = False
                    changed = True
            elif draft.id in self.marked and draft.edited and not draft.outdated:
                draft.outdated = True
                changed = True
        return changed


def refresh_drafts(
    interview: Interview, config: Config, now: datetime, user_dir: Path | None
) -> Refreshed:
    """The debrief or the profile changed: write again every unsent draft the user did not
    edit, and mark the ones they edited (``after_change``). Works on ``interview`` (a copy)."""
    plan = after_change(interview)
    outcome = Refreshed(interview.id)
    for draft in interview.drafts:
        if draft.id in plan.rewrite:
            old = (draft.subject, draft.body)
            try:
                regenerate(interview, draft, config, now, user_dir)
            except TemplateProblem as problem:
                outcome.problems.append(str(problem))
                continue
            if (draft.subject, draft.body) != old:
                outcome.rewritten[draft.id] = (old, (draft.subject, draft.body))
        elif draft.id in plan.mark and not draft.outdated:
            draft.outdated = True
            outcome.marked.append(draft.id)
    return outcome


def prepare_drafts(
    interview: Interview,
    config: Config,
    now: datetime,
    user_dir: Path | None,
    known: list[tuple[str, str]] | None = None,
) -> Prepared:
    """Add the drafts the route calls for that do not exist yet, and give existing unsent ones
    the addresses the route now calls for. ``known``: the (name, address) of the company's
    interviewers in every interview (``drafting.colleagues``), for address guesses."""
    outcome = Prepared()
    for planned in plan_drafts(interview, cc_recruiter=config.mail.cc_recruiter):
        existing = next(
            (d for d in interview.drafts if _same(d, planned.template, planned.person)), None
        )
        if existing is not None:
            if update_route(interview, existing, planned):
                outcome.rerouted.append(existing)
            continue
        try:
            draft = write_draft(interview, planned.template, planned.person, config, now, user_dir)
        except TemplateProblem as problem:
            outcome.problems.append(str(problem))
            continue
        interview.drafts.append(draft)
        outcome.created.append(draft)
    if known is None:
        known = colleagues([interview], interview.company)
    for person in interview.interviewers:
        if not person.email:
            guess = guess_address(person.name, known)
            if guess is not None:
                outcome.guesses[person.name] = guess
    return outcome
