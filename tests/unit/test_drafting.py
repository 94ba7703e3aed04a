"""Routing: which emails an interview calls for, to whom, and what holds one back; the guess
at a missing address; the four-R checklist."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from afterword.compose.drafts import prepare_drafts
from afterword.config import Config, MailSettings, Profile
from afterword.domain.drafting import (
    email_for,
    four_rs,
    guess_address,
    plan_drafts,
    waiting_reason,
)
from afterword.domain.model import Debrief, Draft, Interview, Person, Recruiter

NOW = datetime(2026, 11, 25, 9, 0)


def interview(direct_contact: str | None = "ask", lee_email: str = "") -> Interview:
    return Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", "Eng Manager", "dana.whitfield@acme.example"),
            Person("Lee Chen", "Staff Engineer", lee_email),
        ],
        recruiter=None
        if direct_contact is None
        else Recruiter(
            "Sam Ortiz", "TalentBridge", "sam@tb.example", direct_contact=direct_contact
        ),
        debrief=Debrief(decision_by=date(2026, 11, 27), remember="we both built weather stations"),
    )


def config(cc_recruiter: bool = True) -> Config:
    return Config(
        profile=Profile(name="Alex Morgan", email="alex@example.com"),
        mail=MailSettings(cc_recruiter=cc_recruiter),
    )


def test_ask_offers_the_question_to_the_recruiter_first_and_the_thank_yous_wait() -> None:
    plan = plan_drafts(interview("ask"))
    assert [(p.template, p.person) for p in plan] == [
        ("ask-recruiter", "Sam Ortiz"),
        ("thank-you", "Dana Whitfield"),
        ("thank-you", "Lee Chen"),
    ]
    assert plan[0].to == ("Sam Ortiz <sam@tb.example>",)
    i = interview("ask")
    prepare_drafts(i, config(), NOW, None)
    reasons = [waiting_reason(i, d) for d in i.drafts]
    assert reasons == ["", "waiting for Sam Ortiz's answer", "waiting for Sam Ortiz's answer"]


def test_each_follow_up_that_is_an_email_names_its_template_and_person() -> None:
    asked = interview("ask")
    assert email_for(asked, "thank_you", "Lee Chen") == ("thank-you", "Lee Chen")
    assert email_for(asked, "check_in", "Lee Chen") == ("check-in", "")
    assert email_for(asked, "ask_recruiter", "") == ("ask-recruiter", "Sam Ortiz")
    assert email_for(asked, "find_email", "Lee Chen") is None
    assert email_for(asked, "custom", "") is None
    # the recruiter forwards: the thank-you goes through them
    forwards = interview("forward")
    assert email_for(forwards, "thank_you", "Lee Chen") == ("via-recruiter", "Sam Ortiz")
    # nobody to ask without a recruiter
    assert email_for(interview(None), "ask_recruiter", "") is None
    assert email_for(interview(None), "thank_you", "Dana Whitfield") == (
        "thank-you",
        "Dana Whitfield",
    )


def test_an_interview_finds_its_draft_by_id() -> None:
    i = interview("allowed")
    prepare_drafts(i, config(), NOW, None)
    assert len(i.drafts) == 2
    for draft in i.drafts:
        assert i.draft(draft.id) is draft
    assert i.draft("no-such-id") is None
    assert interview("allowed").draft(i.drafts[0].id) is None


@pytest.mark.parametrize("cc", [True, False])
def test_allowed_writes_to_each_interviewer_with_the_recruiter_in_cc_as_set(cc: bool) -> None:
    plan = plan_drafts(interview("allowed", lee_email="lee@acme.example"), cc_recruiter=cc)
    assert [(p.template, p.to) for p in plan] == [
        ("thank-you", ("Dana Whitfield <dana.whitfield@acme.example>",)),
        ("thank-you", ("Lee Chen <lee@acme.example>",)),
    ]
    assert all(p.cc == (("Sam Ortiz <sam@tb.example>",) if cc else ()) for p in plan)


def test_forward_makes_one_email_to_the_recruiter_carrying_every_thank_you() -> None:
    i = interview("forward")
    outcome = prepare_drafts(i, config(), NOW, None)
    assert [(d.template, d.person, d.to) for d in i.drafts] == [
        ("via-recruiter", "Sam Ortiz", ["Sam Ortiz <sam@tb.example>"])
    ]
    assert outcome.created == i.drafts
    assert "Dear Dana," in i.drafts[0].body and "Dear Lee," in i.drafts[0].body


def test_without_a_recruiter_each_interviewer_gets_a_thank_you_and_no_cc() -> None:
    plan = plan_drafts(interview(None))
    assert [(p.template, p.person, p.cc) for p in plan] == [
        ("thank-you", "Dana Whitfield", ()),
        ("thank-you", "Lee Chen", ()),
    ]


def test_a_missing_address_makes_the_draft_but_holds_it_and_suggests_one() -> None:
    i = interview(None)
    outcome = prepare_drafts(i, config(), NOW, None)
    lee = next(d for d in i.drafts if d.person == "Lee Chen")
    assert lee.to == [] and lee.body.startswith("Dear Lee,")
    assert waiting_reason(i, lee) == "address needed"
    guess = outcome.guesses["Lee Chen"]
    assert guess.address == "lee.chen@acme.example"
    assert "a guess" in guess.in_words() and "verify" in guess.in_words()


def test_preparing_again_adds_nothing_and_a_recorded_answer_reroutes() -> None:
    i = interview("ask", lee_email="lee@acme.example")
    prepare_drafts(i, config(), NOW, None)
    again = prepare_drafts(i, config(), NOW, None)
    assert not again.changed and len(i.drafts) == 3
    i.recruiter.direct_contact = "allowed"  # type: ignore[union-attr]
    rerouted = prepare_drafts(i, config(), NOW, None)
    assert {d.person for d in rerouted.rerouted} == {"Dana Whitfield", "Lee Chen"}
    dana = next(d for d in i.drafts if d.person == "Dana Whitfield")
    assert dana.cc == ["Sam Ortiz <sam@tb.example>"] and waiting_reason(i, dana) == ""


def test_an_address_the_user_typed_is_never_replaced() -> None:
    i = interview(None)
    prepare_drafts(i, config(), NOW, None)
    lee = next(d for d in i.drafts if d.person == "Lee Chen")
    lee.to = ["Lee <lee.c@acme.example>"]
    i.interviewers[1].email = "lee.chen@acme.example"
    prepare_drafts(i, config(), NOW, None)
    assert lee.to == ["Lee <lee.c@acme.example>"]


@pytest.mark.parametrize(
    ("known", "expected"),
    [
        ([("Dana Whitfield", "dana.whitfield@acme.example")], "lee.chen@acme.example"),
        ([("Dana Whitfield", "dwhitfield@acme.example")], "lchen@acme.example"),
        ([("Dana Whitfield", "dana@acme.example")], "lee@acme.example"),
        (
            [
                ("Dana Whitfield", "dana.whitfield@acme.example"),
                ("Kim Park", "kpark@acme.example"),
                ("Ola Berg", "oberg@acme.example"),
            ],
            "lchen@acme.example",
        ),
        ([("Tomás Núñez", "tomas.nunez@acme.example")], "lee.chen@acme.example"),
    ],
)
def test_the_guess_follows_the_most_common_pattern(
    known: list[tuple[str, str]], expected: str
) -> None:
    guess = guess_address("Lee Chen", known)
    assert guess is not None and guess.address == expected


def test_no_guess_without_a_pattern_to_follow() -> None:
    assert guess_address("Lee Chen", []) is None
    assert guess_address("Lee Chen", [("Dana Whitfield", "hiring@acme.example")]) is None
    assert guess_address("Cher", [("Dana Whitfield", "dana.whitfield@acme.example")]) is None


def test_the_four_rs_checklist_reads_the_text() -> None:
    i = interview(None)
    i.debrief.reinforce = "I ran this migration twice"
    i.debrief.recoup = ""
    body = (
        "Dear Dana,\n\nThank you for meeting me. This is Alex Morgan; we both built weather "
        "stations.\nI ran this migration twice.\nI look forward to hearing from you by "
        "Friday 27 November.\n\nBest regards,\nAlex Morgan\n"
    )
    checks = {c.label: c.done for c in four_rs(i, "Thank you", body, "Alex Morgan")}
    assert checks == {
        "Thanks": True,
        "Remember me": True,
        "Reinforce": True,
        "Recoup": None,
        "Reminder": True,
    }
    bare = {c.label: c.done for c in four_rs(i, "Hi", "Dear Dana,\nSee you.\n", "Alex Morgan")}
    assert bare == {
        "Thanks": False,
        "Remember me": False,
        "Reinforce": False,
        "Recoup": None,
        "Reminder": False,
    }


def test_the_route_never_touches_a_sent_draft() -> None:
    i = interview("ask")
    sent = Draft(template="thank-you", person="Dana Whitfield", state="sent")
    assert waiting_reason(i, sent) == "waiting for Sam Ortiz's answer"  # the reason stays
    # ... but the route never touches it:
    from afterword.domain.drafting import PlannedDraft, update_route

    assert not update_route(i, sent, PlannedDraft("thank-you", "Dana Whitfield", ("x@y.example",)))
