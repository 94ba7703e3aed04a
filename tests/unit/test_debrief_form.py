"""The debrief form's model, without Textual: values in and out, what the dates mean, what
stops a save, the interview it describes, an invitation put in, the restore offer's line."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from afterword.compose.debrief_fields import TEXT_FIELDS
from afterword.compose.debrief_form import (
    MAX_INTERVIEWER_ROWS,
    DebriefForm,
    PersonRow,
    is_address,
    left_out,
    saved,
    typed_at,
)
from afterword.compose.message import HeaderRefused, check_address
from afterword.domain.model import Debrief, Interview, Person, Recruiter
from afterword.domain.schedule import schedule_follow_ups
from afterword.domain.settings import ScheduleSettings
from afterword.domain.words import by_words, since_words
from afterword.exchange.invitation import Invitation

NOW = datetime(2026, 11, 25, 9, 0)  # a Wednesday
T = datetime(2026, 11, 24, 14, 0)  # the Tuesday before, in the afternoon
SETTINGS = ScheduleSettings()


def zephyr(**texts: str) -> DebriefForm:
    """A new debrief of an interview on Tuesday afternoon, with one interviewer."""
    form = DebriefForm.blank(NOW).replace(company="Zephyr Works", when="2026-11-24 14:00")
    return DebriefForm(form.replace(**texts).texts, (PersonRow("Dana Whitfield"),))


def saved_interview() -> Interview:
    interview = Interview(
        company="Acme",
        role="Backend Engineer",
        when=T,
        interviewers=[Person("Dana Whitfield", "Eng Manager", "dana@acme.example", {"x": 1})],
        recruiter=Recruiter(
            "Sam Ortiz", "TalentBridge", "sam@tb.example", direct_contact="allowed"
        ),
        debrief=Debrief(tone="warm", went_well="the system design", decision_by=date(2026, 11, 27)),
    )
    interview.follow_ups = schedule_follow_ups(interview, SETTINGS)
    return interview


# ---------------------------------------------------------------- values in and out


def test_a_blank_form_starts_now_interested_with_one_empty_row_and_no_recruiter_answer() -> None:
    values = DebriefForm.blank(NOW).values()
    assert list(values) == [*TEXT_FIELDS, "interviewers"]
    assert values["when"] == "2026-11-25 09:00"
    assert values["still_interested"] == "yes"
    assert values["direct_contact"] == ""
    assert values["interviewers"] == [{"name": "", "title": "", "email": ""}]
    assert values["company"] == values["notes"] == ""


def test_plain_values_come_back_as_the_same_form() -> None:
    form = DebriefForm.from_interview(saved_interview())
    assert DebriefForm.from_values(form.values()) == form


def test_plain_values_missing_empty_or_odd_become_empty_fields() -> None:
    """What the recovery file holds may come from another version: a key missing or None is
    an empty field, a choice that is none of the field's is none chosen, no rows is one."""
    form = DebriefForm.from_values(
        {"company": "Acme", "role": None, "still_interested": "maybe", "interviewers": []}
    )
    assert form.text("company") == "Acme"
    assert form.text("role") == form.text("tone") == form.text("still_interested") == ""
    assert form.interviewers == (PersonRow(),)
    rows = DebriefForm.from_values({"interviewers": [{"name": "Dana"}, {"email": "x@y.example"}]})
    assert rows.interviewers == (PersonRow("Dana"), PersonRow(email="x@y.example"))


def test_a_saved_interview_round_trips_and_keeps_what_the_form_does_not_show() -> None:
    base = saved_interview()
    form = DebriefForm.from_interview(base)
    assert form.text("decision_by") == "2026-11-27"
    assert form.text("direct_contact") == "allowed"
    again = form.to_interview(base, NOW, dayfirst=False)
    assert again == base
    assert again.interviewers[0] is not base.interviewers[0]  # a copy: undo keeps the old one


# ---------------------------------------------------------------- dates


def test_when_reads_as_a_time_that_happened_and_says_a_missing_time() -> None:
    reading = DebriefForm.blank(NOW).replace(when="tue").when(NOW, dayfirst=False)
    assert reading.value == datetime(2026, 11, 24, 9, 0)
    assert reading.meaning == "→ Tue 24 Nov 2026, 09:00 (no time given: 09:00)"
    assert DebriefForm.blank(NOW).replace(when="").when(NOW, False).meaning.startswith("→ now")
    refused = DebriefForm.blank(NOW).replace(when="whenever").when(NOW, False)
    assert refused.value is None and refused.refused
    assert refused.meaning.startswith('Cannot read "whenever"')


def test_a_when_still_ahead_is_said_and_asked_about_but_not_when_left_as_saved() -> None:
    form = zephyr(when="today 10am")
    assert form.when(NOW, False).meaning.endswith("· still ahead: saving asks first")
    assert form.ahead_to_confirm(None, NOW, False) == datetime(2026, 11, 25, 10, 0)
    assert zephyr().ahead_to_confirm(None, NOW, False) is None
    later = Interview(company="Zephyr Works", when=datetime(2026, 12, 8, 10, 0))
    assert DebriefForm.from_interview(later).ahead_to_confirm(later, NOW, False) is None


def test_decision_by_and_the_next_steps_are_read_from_when_not_from_today() -> None:
    """'by Friday' said on Tuesday 24 is Friday 27, wherever the week is when it is typed."""
    form = zephyr(decision_by="fri")
    assert form.decision_by(NOW, False).value == datetime(2026, 11, 27, 0, 0)
    assert form.decision_by(NOW, False).meaning == "→ Friday 27 November 2026"
    assert zephyr().decision_by(NOW, False).value is None
    offer = zephyr(next_steps="They decide by Friday.").decision_offer(NOW, False)
    assert offer == ("2026-11-27", '"Friday" in the next steps: Friday 27 November?')
    assert zephyr(next_steps="by Friday", decision_by="mon").decision_offer(NOW, False) is None


def test_restored_text_pins_when_to_the_time_it_was_typed() -> None:
    typed = datetime(2026, 11, 20, 18, 0)
    form = DebriefForm.blank(NOW).replace(when="yesterday 4pm").restored(typed, dayfirst=False)
    assert form.text("when") == "2026-11-19 16:00"
    assert DebriefForm.blank(NOW).replace(when="now").restored(typed, False).text("when") == (
        "2026-11-20 18:00"
    )
    unreadable = DebriefForm.blank(NOW).replace(when="whenever")
    assert unreadable.restored(typed, False) == unreadable


def test_restored_text_of_an_older_version_asks_nothing_without_a_recruiter() -> None:
    old = DebriefForm.blank(NOW).replace(direct_contact="ask")
    assert old.restored(None, False).text("direct_contact") == ""
    named = old.replace(r_name="Sam Ortiz")
    assert named.restored(None, False).text("direct_contact") == "ask"


def test_a_recovery_records_time_or_none() -> None:
    assert typed_at({"saved_at": "2026-11-20T18:00:00"}) == datetime(2026, 11, 20, 18, 0)
    assert typed_at({"saved_at": "yesterday"}) is None
    assert typed_at({}) is None


# ---------------------------------------------------------------- what stops a save


def test_a_debrief_without_problems_has_none() -> None:
    assert zephyr().problems(NOW, False) == {}


def test_each_problem_is_one_sentence_under_its_field() -> None:
    form = DebriefForm(
        DebriefForm.blank(NOW).replace(when="whenever", r_agency="TalentBridge").texts,
        (PersonRow("Dana Whitfield"), PersonRow(email="lee@zephyr.example")),
    )
    found = form.problems(NOW, False)
    assert list(found) == ["company", "when", "person-2", "r_name"]
    assert found["company"] == "Company is required"
    assert found["when"].startswith('When: Cannot read "whenever"')
    assert found["person-2"] == "Interviewer 2: a name is needed with the address"
    assert found["r_name"] == "Recruiter: a name is needed with the agency, email or phone"


@pytest.mark.parametrize(
    ("answer", "sentence"),
    [
        ("ask", "Asking the recruiter needs their name"),
        ("forward", "Forwarding needs the recruiter's name"),
    ],
)
def test_an_answer_about_the_recruiter_needs_their_name(answer: str, sentence: str) -> None:
    assert zephyr(direct_contact=answer).problems(NOW, False) == {"r_name": sentence}


# Addresses the form let through before, which Send refused once the letter was written.
SEND_REFUSES = [
    "dana@acme",  # no full domain
    "dana..whitfield@acme.example",  # an empty part before the @
    "dána@acme.example",  # not a plain ASCII address
    "dana@acme.example,",  # a comma after it
    "dana@acme@zephyr.example",  # two @
    "(dana)@acme.example",
]
SEND_TAKES = ["dana@acme.example", "dana.whitfield+jobs@acme-robotics.example", "D@x.co"]


@pytest.mark.parametrize("address", SEND_REFUSES)
def test_the_form_refuses_an_address_that_send_would_refuse(address: str) -> None:
    with pytest.raises(HeaderRefused):
        check_address("To", address)
    form = DebriefForm(
        zephyr(r_name="Sam Ortiz", r_email=address).texts,
        (PersonRow("Dana Whitfield", email=address),),
    )
    assert form.problems(NOW, False) == {
        "person-1": f"Interviewer 1: {address!r} is not an email address",
        "r_email": f"Recruiter email: {address!r} is not an email address",
    }


@pytest.mark.parametrize("address", SEND_TAKES)
def test_the_form_takes_an_address_that_send_takes(address: str) -> None:
    assert check_address("To", f"Dana Whitfield <{address}>")
    form = DebriefForm(
        zephyr(r_name="Sam Ortiz", r_email=address).texts,
        (PersonRow("Dana Whitfield", email=address),),
    )
    assert form.problems(NOW, False) == {}


def test_an_address_field_holds_one_bare_address_not_a_name() -> None:
    """The letter writes 'Name <address>' from the row: a name in the address field would
    arrive as 'Dana <Dana <dana@…>>'."""
    assert is_address("dana@acme.example")
    assert not is_address("Dana <dana@acme.example>")
    assert not is_address("dana@acme.example, lee@acme.example")
    assert not is_address("not an address")


# ---------------------------------------------------------------- the interview it describes


def test_a_new_interview_from_the_form_with_the_rules_follow_ups() -> None:
    form = zephyr(
        role=" Data Engineer ", decision_by="fri", r_name="Sam Ortiz", notes="  private  "
    )
    done = saved(form, None, NOW, False, SETTINGS)
    interview = done.interview
    assert (interview.company, interview.role, interview.when) == (
        "Zephyr Works",
        "Data Engineer",
        T,
    )
    assert [p.name for p in interview.interviewers] == ["Dana Whitfield"]
    assert interview.recruiter is not None and interview.recruiter.direct_contact == "ask"
    assert interview.debrief.decision_by == date(2026, 11, 27)
    assert interview.debrief.notes == "private"
    assert interview.follow_ups and not done.redraft
    assert done.lines == [f"{f.title} by {by_words(f.due, NOW)}" for f in interview.follow_ups]
    assert done.heading == f"Saved Zephyr Works: {len(done.lines)} follow-ups scheduled."


def test_an_edit_writes_the_letters_again_only_when_what_they_say_changed() -> None:
    base = saved_interview()
    same = saved(DebriefForm.from_interview(base), base, NOW, False, SETTINGS)
    assert not same.redraft and same.heading == "Saved Acme. No follow-up moved."
    changed = DebriefForm.from_interview(base).replace(went_well="the pairing session")
    assert saved(changed, base, NOW, False, SETTINGS).redraft
    no_recruiter = DebriefForm.from_interview(base).replace(r_name="  ")
    assert saved(no_recruiter, base, NOW, False, SETTINGS).interview.recruiter is None


def test_the_email_lines_proposed_fill_only_the_empty_ones() -> None:
    proposed = zephyr(went_well="The system design discussion went well").proposed_lines()
    assert set(proposed) == {"reinforce"}
    assert (
        zephyr(
            went_well="The system design discussion went well", reinforce="mine"
        ).proposed_lines()
        == {}
    )


# ---------------------------------------------------------------- invitation and restore offer


def invitation(people: int = 2) -> Invitation:
    return Invitation(
        company="Northwind",
        role="Senior Data Engineer",
        stage="Onsite",
        when=datetime(2026, 12, 8, 10, 0),
        where="Room Rainier",
        interviewers=[
            Person(f"Person {n}", email=f"p{n}@northwind.example") for n in range(people)
        ],
        recruiter=Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example"),
    )


def test_an_invitation_fills_what_is_not_typed_yet() -> None:
    start = DebriefForm.blank(NOW)
    typed = start.replace(company="Northwind Health")
    filled = typed.merge_invitation(invitation(), start)
    assert filled.text("company") == "Northwind Health"  # typed: kept
    assert filled.text("when") == "2026-12-08 10:00"  # as the form started: replaced
    assert filled.text("role") == "Senior Data Engineer"
    assert [row.name for row in filled.interviewers] == ["Person 0", "Person 1"]
    assert (filled.text("r_name"), filled.text("direct_contact")) == ("Sam Ortiz", "ask")


def test_an_invitation_leaves_typed_people_and_recruiter_alone() -> None:
    start = DebriefForm.blank(NOW)
    typed = DebriefForm(start.replace(r_name="Maya Brooks").texts, (PersonRow(title="CTO"),))
    filled = typed.merge_invitation(invitation(), start)
    assert filled.interviewers == (PersonRow(title="CTO"),)
    assert (filled.text("r_name"), filled.text("r_agency")) == ("Maya Brooks", "")


def test_an_invitation_of_thousands_fills_the_first_rows_and_counts_the_rest() -> None:
    big = invitation(MAX_INTERVIEWER_ROWS + 7)
    filled = DebriefForm.blank(NOW).merge_invitation(big, DebriefForm.blank(NOW))
    assert len(filled.interviewers) == MAX_INTERVIEWER_ROWS
    assert left_out(big) == 7 and left_out(invitation()) == 0


def test_the_restore_offer_names_the_company_and_the_first_words() -> None:
    words = " ".join(f"w{n}" for n in range(20))
    assert zephyr(tone="warm", went_well=words).summary() == (
        "A debrief of Zephyr Works: warm " + " ".join(f"w{n}" for n in range(11)) + "…"
    )
    assert DebriefForm.blank(NOW).summary() == "A debrief of (no company yet)"


# ---------------------------------------------------------------- words


def test_when_a_follow_up_is_due_and_how_late_a_debrief_is_written() -> None:
    assert by_words(datetime(2026, 11, 25, 17, 0), NOW) == "today 17:00"
    assert by_words(datetime(2026, 11, 26, 14, 0), NOW) == "tomorrow 14:00"
    assert by_words(datetime(2026, 12, 2, 9, 0), NOW) == "Wed 2 Dec 09:00"
    assert since_words(datetime(2026, 11, 25, 8, 58), NOW).startswith("Written right after")
    assert since_words(datetime(2026, 11, 25, 8, 30), NOW).startswith("Written 30 min")
    assert since_words(T, NOW) == "Written 19 h after the interview."
    assert since_words(datetime(2026, 11, 25, 10, 0), NOW).startswith("The interview is still")
