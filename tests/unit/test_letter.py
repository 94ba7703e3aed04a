"""The letter from the record: the four Rs as sentences, the Reminder on the day it is read,
the checklist that ticks only what came from the record, and no self-criticism, ever."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.compose.render import RenderRequest, render
from afterword.config import Profile
from afterword.domain.drafting import BUILT_IN_TEMPLATES, addressee_for, four_rs
from afterword.domain.letter import remember_phrase, reminder_part, suggested_lines
from afterword.domain.model import Debrief, Interview, Person, Recruiter
from afterword.domain.self_critical import SELF_CRITICAL, self_critical_words

PROFILE = Profile(name="Alex Morgan", email="alex@example.com")
INTERVIEW_DAY = datetime(2026, 12, 1, 17, 0)


def norrland(**debrief: object) -> Interview:
    fields: dict[str, object] = {
        "tone": "Warm and relaxed",
        "focus": "Distributed systems; on-call",
        "went_well": "walked through the queue redesign",
        "went_poorly": "fumbled the question on Kafka partition rebalancing",
        "next_steps": "They will decide by Friday",
        "decision_by": date(2026, 12, 4),
    }
    fields.update(debrief)
    return Interview(
        company="Norrland Freight",
        role="Backend Engineer",
        when=datetime(2026, 12, 1, 14, 0),
        interviewers=[Person("Dana Whitfield", "Engineering Manager", "dana@norrland.example")],
        debrief=Debrief(**fields),  # type: ignore[arg-type]
    )


def body(interview: Interview, now: datetime = INTERVIEW_DAY, template: str = "thank-you") -> str:
    person = addressee_for(interview, template)
    out = render(RenderRequest(template, interview, person, PROFILE, now), None)
    return out.subject + "\n" + out.body


def test_the_debrief_flows_into_the_letter_when_the_email_lines_are_empty() -> None:
    text = body(norrland())
    assert "the queue redesign" in text  # reinforce, from what went well
    assert "Kafka partition rebalancing" in text  # recoup, as a capability
    assert "fumbled" not in text.casefold()
    assert "even more sure that it is the right next step" not in text  # no generic fallback
    checks = {
        c.label: c.done for c in four_rs(norrland(), "", text, "Alex Morgan", INTERVIEW_DAY.date())
    }
    assert checks["Reinforce"] and checks["Recoup"] and checks["Reminder"]


def test_a_generic_fallback_shows_as_missing_with_what_would_fill_it() -> None:
    empty = norrland(
        went_well="", went_poorly="I was nervous", focus="", decision_by=None, next_steps=""
    )
    text = body(empty)
    checks = {c.label: c for c in four_rs(empty, "", text, "Alex Morgan", INTERVIEW_DAY.date())}
    assert checks["Reinforce"].done is False
    assert checks["Reinforce"].hint == (
        "nothing from your debrief yet; fill 'What went well' or the Reinforce line"
    )
    assert checks["Recoup"].done is False and "fill the Recoup line" in checks["Recoup"].hint
    assert checks["Reminder"].done is False and "Decision by" in checks["Reminder"].hint
    assert checks["Remember me"].done is False and "Remember-me" in checks["Remember me"].hint


def test_the_reminder_fits_the_day_the_letter_is_written() -> None:
    before = body(norrland(), datetime(2026, 12, 1, 17, 0))
    assert "by Friday 4 December" in before
    after = body(norrland(), datetime(2026, 12, 5, 9, 0))  # Saturday, the day after
    assert "Friday" not in after and "4 December" not in after
    assert "I look forward to hearing about your decision" in after
    for text in (before, after):
        assert "they will decide" not in text.casefold()  # the note, never pasted
    passed = four_rs(norrland(), "", after, "Alex Morgan", date(2026, 12, 5))
    assert {c.label: c.done for c in passed}["Reminder"] is True


def test_reminder_sentences() -> None:
    d = Debrief(decision_by=date(2026, 12, 4))
    assert reminder_part(d, date(2026, 12, 1)).text.startswith(
        "I understand you hope to decide by Friday 4 December"
    )
    assert "today" in reminder_part(d, date(2026, 12, 4)).text
    assert reminder_part(d, date(2026, 12, 11)).source == "passed"
    assert reminder_part(Debrief(), date(2026, 12, 1)).source == ""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "we both started out writing firmware for weather stations",
            "the candidate who also started out writing firmware for weather stations",
        ),
        (
            "the backend engineer who rebuilt the parcel-tracking queue",
            "the backend engineer who rebuilt the parcel-tracking queue",
        ),
        (
            "I rebuilt the parcel-tracking queue",
            "the candidate who rebuilt the parcel-tracking queue",
        ),
        ("I run a weekly code-review club", "the candidate who runs a weekly code-review club"),
        ("I'm a keen sailor", "the candidate who is a keen sailor"),
        ("we are both from Leeds", "the candidate who is also from Leeds"),
        ("I fumbled everything", ""),
        ("", ""),
    ],
)
def test_remember_me_is_the_candidate_who(line: str, expected: str) -> None:
    assert remember_phrase(line) == expected


def test_remember_me_is_a_reminder_by_the_signature_not_a_self_introduction() -> None:
    text = body(norrland(remember="I rebuilt the parcel-tracking queue"))
    assert "This is Alex Morgan" not in text
    assert "I am the candidate who rebuilt the parcel-tracking queue." in text
    assert text.rstrip().endswith("Best regards,\nAlex Morgan")


def test_suggested_lines_come_from_the_debrief() -> None:
    remember, reinforce, recoup = suggested_lines(norrland(remember="I sail").debrief)
    assert remember == "I sail"
    assert "the queue redesign" in reinforce
    assert "Kafka partition rebalancing" in recoup and "fumbled" not in recoup
    assert suggested_lines(Debrief()) == ("", "", "")


HOSTILE = st.lists(
    st.sampled_from(
        [
            *SELF_CRITICAL,
            "the",
            "heap",
            "question",
            "on",
            "I",
            "my answer to",
            "Kafka",
            "was",
            "weak",
            ";",
            ".",
        ]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)
def test_no_built_in_letter_repeats_the_users_self_criticism(
    well: str, poorly: str, focus: str, remember: str, reinforce: str, recoup: str, tone: str
) -> None:
    interview = norrland(
        went_well=well,
        went_poorly=poorly,
        focus=focus,
        remember=remember,
        reinforce=reinforce,
        recoup=recoup,
        tone=tone,
        next_steps=poorly,
    )
    interview.recruiter = Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example")
    for template in BUILT_IN_TEMPLATES:
        text = body(interview, template=template)
        assert self_critical_words(text) == [], template


def test_an_email_line_typed_as_a_phrase_is_framed_as_a_sentence() -> None:
    """'five years of queue work' in the Reinforce line is a phrase, not a paragraph of its own:
    the letter frames it; a line typed as a sentence goes in as written."""
    phrases = body(norrland(reinforce="five years of queue work", recoup="indexing the join"))
    assert "I am confident that five years of queue work is just what this role calls for." in (
        " ".join(phrases.split())
    )
    assert "I would also welcome the chance to say more about indexing the join." in (
        " ".join(phrases.split())
    )
    assert "\nFive years of queue work.\n" not in phrases
    sentences = body(
        norrland(reinforce="I have run queues for five years", recoup="I would index it")
    )
    assert "I have run queues for five years." in sentences
    assert "I would index it." in sentences


def test_with_no_decision_date_the_one_date_of_the_next_steps_is_the_reminder() -> None:
    """'They will decide by Friday' after a Tuesday interview is that week's Friday, read from
    the interview's time even when the letter is written days later; two dates are no date."""
    said = norrland(decision_by=None, next_steps="They will decide by Friday")
    text = " ".join(body(said, datetime(2026, 12, 3, 9, 0)).split())
    assert "by Friday 4 December" in text
    checks = {c.label: c.done for c in four_rs(said, "", text, "Alex Morgan", date(2026, 12, 3))}
    assert checks["Reminder"]
    later = " ".join(body(said, datetime(2026, 12, 9, 9, 0)).split())
    assert "Friday 4 December" not in later and "whenever it is ready" in later
    two = norrland(decision_by=None, next_steps="a call by Friday, an offer by next Wednesday")
    assert "I look forward to hearing about the next steps." in body(two)
