"""The demo's letters, as the interviewers would read them, kept as text in tests/unit/letters.

A change of wording shows in review as a change of these files. After changing a template on
purpose, write them again and read the difference:

    AFTERWORD_UPDATE_LETTERS=1 .venv/bin/pytest tests/unit/test_letter_corpus.py

Each letter is checked as the issue asks: 90 to 200 words, signed with the profile's name, no
self-critical word, the four Rs from the record on the interview day, and no proofreading
finding, both on the interview day and a week after the decision date.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from afterword.compose.render import RenderRequest, render
from afterword.compose.spelling import Spelling
from afterword.config import Profile
from afterword.demo import demo_interviews
from afterword.domain.drafting import four_rs
from afterword.domain.letter import decision_day
from afterword.domain.model import Interview
from afterword.domain.proofread import proof_context, proofread
from afterword.domain.self_critical import self_critical_words

NOW = datetime(2026, 11, 25, 9, 0)
PROFILE = Profile(name="Alex Morgan", email="alex@example.com", phone="+44 20 7946 0018")
FOLDER = Path(__file__).parent / "letters"
UPDATE = os.environ.get("AFTERWORD_UPDATE_LETTERS") == "1"


def _debriefed() -> list[Interview]:
    return [i for i in demo_interviews(NOW) if i.when <= NOW and i.debrief.went_well]


INTERVIEWS = _debriefed()


def _days(interview: Interview) -> list[tuple[str, datetime]]:
    decision = decision_day(interview.debrief, interview.when) or (
        interview.when.date() + timedelta(days=7)
    )
    return [
        ("on the interview day", interview.when + timedelta(hours=2)),
        (
            "a week after the decision date",
            datetime.combine(decision + timedelta(days=7), time(9, 0)),
        ),
    ]


def _name(interview: Interview, index: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", interview.company.casefold()).strip("-")
    return f"{index:02d}-{slug}.txt"


@pytest.fixture(scope="module")
def speller() -> Spelling:
    words = {w for i in INTERVIEWS for w in _record_words(i)}
    return Spelling.load(words)


def _record_words(interview: Interview) -> set[str]:
    ctx = proof_context(
        interview,
        addressee="",
        template="thank-you",
        sender=PROFILE.name,
        other_companies=(),
        today=NOW.date(),
    )
    return set(ctx.known_words)


def _words(body: str) -> int:
    return len(re.findall(r"[\w'’-]+", body))


@pytest.mark.parametrize("index", range(len(INTERVIEWS)))
def test_the_demo_thank_yous_read_well_on_the_day_and_after_the_decision(
    index: int, speller: Spelling
) -> None:
    interview = INTERVIEWS[index]
    others = tuple(i.company for i in INTERVIEWS if i.company != interview.company)
    shown: list[str] = []
    problems: list[str] = []
    for when, now in _days(interview):
        for person in interview.interviewers:
            out = render(RenderRequest("thank-you", interview, person.name, PROFILE, now), None)
            shown.append(
                f"===== {person.name}, {when} ({now:%a %d %b %Y %H:%M})\n"
                f"Subject: {out.subject}\n\n{out.body}"
            )
            where = f"{person.name} {when}"
            count = _words(out.body)
            if not 90 <= count <= 200:
                problems.append(f"{where}: {count} words")
            if not out.body.rstrip().endswith(f"Best regards,\n{PROFILE.name}"):
                problems.append(f"{where}: not signed with the profile's name")
            if self_critical_words(out.subject + "\n" + out.body):
                problems.append(f"{where}: {self_critical_words(out.body)}")
            checks = four_rs(interview, out.subject, out.body, PROFILE.name, now.date())
            missing = [c.label for c in checks if c.done is False]
            if (
                when == "on the interview day"
                and decision_day(interview.debrief, interview.when) is None
            ):
                missing = [m for m in missing if m != "Reminder"]  # no date in the demo's record
            if when == "on the interview day" and missing:
                problems.append(f"{where}: four Rs missing {missing}")
            ctx = proof_context(
                interview,
                addressee=person.name,
                template="thank-you",
                sender=PROFILE.name,
                other_companies=others,
                today=now.date(),
            )
            findings = proofread(out.subject, out.body, ctx, speller)
            if findings:
                problems.append(f"{where}: proofreading {[f.message for f in findings]}")
    text = "\n".join(shown)
    path = FOLDER / _name(interview, index)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert not problems, "\n".join(problems)
    assert path.exists(), f"no {path.name}: write the letters with AFTERWORD_UPDATE_LETTERS=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"the letters of {path.name} changed: read the difference, then write them again with "
        "AFTERWORD_UPDATE_LETTERS=1"
    )


def test_no_letter_file_is_left_over_from_an_interview_the_demo_no_longer_has() -> None:
    expected = {_name(i, n) for n, i in enumerate(INTERVIEWS)}
    assert {p.name for p in FOLDER.glob("*.txt")} <= expected


@pytest.mark.parametrize("template", ["ask-recruiter", "via-recruiter", "check-in", "close-out"])
def test_the_other_built_ins_are_short_signed_letters_for_every_demo_interview(
    template: str,
) -> None:
    from afterword.domain.drafting import addressee_for

    problems = []
    for interview in INTERVIEWS:
        person = addressee_for(interview, template)
        for _, now in _days(interview):
            out = render(RenderRequest(template, interview, person, PROFILE, now), None)
            own = out.body.split("\n--- For ")[0]  # the recruiter's part, not the enclosed notes
            where = f"{interview.company} {now:%d %b}"
            # the via-recruiter email is a short note around the thank-yous it encloses
            if template != "via-recruiter" and not 90 <= _words(own) <= 200:
                problems.append(f"{where}: {_words(own)} words")
            if not out.body.rstrip().endswith(PROFILE.name):
                problems.append(f"{where}: not signed")
            if self_critical_words(out.body) or "This is Alex" in out.body:
                problems.append(f"{where}: {self_critical_words(out.body)}")
            if re.search(r":[^\n]*:", own):
                problems.append(f"{where}: stacked colons")
    assert not problems, "\n".join(problems)


def _stems(text: str) -> set[str]:
    return {w[:6].casefold() for w in re.findall(r"[A-Za-z][\w-]{4,}", text)}


def test_each_demo_interviews_email_lines_fit_its_own_debrief() -> None:
    from afterword.domain.letter_topics import topics

    for interview in demo_interviews(NOW):
        d = interview.debrief
        for line, note in ((d.recoup, d.went_poorly), (d.reinforce, d.went_well)):
            if line:
                about = " ".join(topics(note)) or note
                assert _stems(line) & _stems(about), (interview.company, line, note)
