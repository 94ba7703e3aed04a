"""The built-in templates and the proofreader agree: what the templates write from a realistic
record gives no finding (a proofreader that cries wolf at its own emails gets ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

import afterword.compose
from afterword.compose.drafts import write_draft
from afterword.compose.spelling import Spelling
from afterword.config import Config, Profile
from afterword.demo import demo_interviews
from afterword.domain.drafting import BUILT_IN_TEMPLATES
from afterword.domain.model import Interview
from afterword.domain.proofread import proof_context, proofread
from tests.conftest import NOW

ALEX = Config(profile=Profile("Alex Morgan", "alex@example.com", signature="+44 20 7946 0018"))


@pytest.fixture(scope="module")
def interviews() -> list[Interview]:
    return demo_interviews(NOW)


@pytest.fixture(scope="module")
def speller(interviews: list[Interview]) -> Spelling:
    words = {"Alex", "Morgan"}
    for i in interviews:
        words.update(i.company.split() + i.role.split())
        for person in i.interviewers:
            words.update(person.name.split())
        if i.recruiter is not None:
            words.update(i.recruiter.name.split() + i.recruiter.agency.split())
    return Spelling.load(sorted(words))


# The thank-you and via-recruiter templates of before the letter's rewrite paste the debrief's
# next steps as written ("You mentioned the next steps: they will decide by Friday"), which the
# proofreader reads from the interview's day: for the older demo interviews that Friday has
# passed. Templates that say the decision date in words, or no date once it has passed, pass.
_TEMPLATES = Path(afterword.compose.__file__).parent / "templates"
_PASTES_NEXT_STEPS = pytest.mark.xfail(
    "You mentioned the next steps: {{ debrief.next_steps"
    in (_TEMPLATES / "thank-you.j2").read_text(encoding="utf-8"),
    strict=True,
    reason="the template pastes a next step whose day has passed",
)


@pytest.mark.parametrize(
    "template",
    [
        pytest.param(t, marks=_PASTES_NEXT_STEPS) if t in ("thank-you", "via-recruiter") else t
        for t in BUILT_IN_TEMPLATES
    ],
)
def test_every_built_in_email_of_the_demo_proofreads_clean(
    template: str, interviews: list[Interview], speller: Spelling
) -> None:
    companies = {i.company for i in interviews}
    for interview in interviews:
        people = [p.name for p in interview.interviewers] if template == "thank-you" else [""]
        for person in people:
            draft = write_draft(interview, template, person, ALEX, NOW, None)
            context = proof_context(
                interview,
                addressee=draft.person,
                template=template,
                sender="Alex Morgan",
                other_companies=sorted(companies - {interview.company}),
                today=NOW.date(),
            )
            found = proofread(draft.subject, draft.body, context, speller)
            assert not found, (interview.company, draft.person, [f.message for f in found])
