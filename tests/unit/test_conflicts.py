"""A conflict kept by the merge, said in words and resolved: keep yours or take theirs, for
each kind of path; then a property over records merged from random changes on two sides."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.domain.conflicts import (
    CannotTake,
    field_words,
    mine,
    resolve_conflict,
    value_words,
)
from afterword.domain.merge import MISSING, merge_record, value_at
from afterword.domain.model import (
    Conflict,
    Debrief,
    Draft,
    FollowUp,
    Interview,
    Person,
    Recruiter,
)
from afterword.domain.records import interview_from_dict, interview_to_dict
from tests.conftest import NOW
from tests.unit.test_merge import AT, triples


def harbor(*conflicts: Conflict) -> Interview:
    return Interview(
        id="h1",
        company="Harbor & Pine",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[Person("Dana Whitfield", "Eng Manager", "dana@harbor.example")],
        recruiter=Recruiter("Ben Achterberg", "Northlight", "ben@northlight.example"),
        debrief=Debrief(notes="whiteboard", decision_by=date(2026, 11, 27)),
        follow_ups=[
            FollowUp("check_in", datetime(2026, 11, 30, 9, 0), title="Check in with Dana", id="f1")
        ],
        drafts=[Draft(person="Dana Whitfield", subject="Thank you, Dana", body="Thanks", id="d1")],
        conflicts=list(conflicts),
    )


def conflict(path: str, theirs: Any) -> Conflict:
    return Conflict(path=path, theirs=theirs, at=NOW)


def reads_back(interview: Interview) -> None:
    assert interview_from_dict(interview_to_dict(interview)) == interview


@pytest.mark.parametrize(
    ("path", "theirs", "words", "taken"),
    [
        ("status", "offer", "Status", lambda i: i.status == "offer"),
        ("debrief.notes", "take-home", "Notes", lambda i: i.debrief.notes == "take-home"),
        (
            "recruiter.email",
            "ben@other.example",
            "Recruiter's email",
            lambda i: i.recruiter.email == "ben@other.example",
        ),
        (
            "follow_ups[f1].due",
            "2026-12-02T10:30:00",
            "Follow-up 'Check in with Dana' due",
            lambda i: i.follow_ups[0].due == datetime(2026, 12, 2, 10, 30),
        ),
        (
            "drafts[d1].body",
            "Many thanks",
            "Email 'Thank you, Dana' text",
            lambda i: i.drafts[0].body == "Many thanks",
        ),
        (
            "debrief.decision_by",
            "2026-12-04",
            "Decision by",
            lambda i: i.debrief.decision_by == date(2026, 12, 4),
        ),
        (
            "interviewers",
            [{"name": "Dana Whitfield"}, {"name": "Lee Park", "title": "Staff Engineer"}],
            "Interviewers",
            lambda i: [p.name for p in i.interviewers] == ["Dana Whitfield", "Lee Park"],
        ),
        ("drafts[d1].to", ["dana@harbor.example"], "Email 'Thank you, Dana' To", None),
        ("recruiter", None, "Recruiter", lambda i: i.recruiter is None),
        ("replied_at", None, "Replied", lambda i: i.replied_at is None),
        ("mood", "sunny", "mood", lambda i: i.extra == {"mood": "sunny"}),
    ],
)
def test_each_kind_of_path_is_named_taken_and_kept(
    path: str, theirs: Any, words: str, taken: Any
) -> None:
    other = conflict("status", "rejected")
    found = conflict(path, theirs)
    before = harbor(found, other)
    assert field_words(before, path) == words
    # keep yours: the field is as it was, the conflict gone, the other one still there
    kept = copy.deepcopy(before)
    outcome = resolve_conflict(kept, found, take_theirs=False)
    assert outcome.sentence == f"Kept yours: {words}." and not outcome.changed
    assert kept.conflicts == [other]
    assert interview_to_dict(kept) == {**interview_to_dict(before), "conflicts": [
        interview_to_dict(before)["conflicts"][1]
    ]}  # fmt: skip
    reads_back(kept)
    # take theirs: the field holds their value in the model's type, the conflict gone
    took = copy.deepcopy(before)
    outcome = resolve_conflict(took, found, take_theirs=True)
    assert outcome.sentence == f"Took theirs: {words}." and outcome.changed
    assert took.conflicts == [other]
    if taken is not None:
        assert taken(took)
    assert value_at(interview_to_dict(took), path) == theirs or path == "interviewers"
    reads_back(took)


def test_the_same_value_twice_resolves_one_at_a_time() -> None:
    twice = conflict("status", "offer")
    interview = harbor(twice, copy.deepcopy(twice))
    resolve_conflict(interview, twice, take_theirs=True)
    assert interview.status == "offer" and interview.conflicts == [twice]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("follow_ups[gone].due", "A follow-up no longer here due"),
        ("drafts[gone].subject", "An email no longer here subject"),
    ],
)
def test_taking_theirs_for_an_item_that_is_gone_drops_the_conflict_and_says_so(
    path: str, words: str
) -> None:
    found = conflict(path, "2026-12-02T10:30:00")
    interview = harbor(found)
    before = interview_to_dict(interview)
    outcome = resolve_conflict(interview, found, take_theirs=True)
    assert outcome.sentence == f"{words}: no longer here, so theirs was dropped."
    assert not outcome.changed
    assert interview.conflicts == []
    del before["conflicts"]
    assert interview_to_dict(interview) == before


def test_a_recruiter_gone_since_is_gone_too() -> None:
    found = conflict("recruiter.email", "ben@other.example")
    interview = harbor(found)
    interview.recruiter = None
    outcome = resolve_conflict(interview, found, take_theirs=True)
    assert "no longer here" in outcome.sentence
    assert interview.recruiter is None and interview.conflicts == []


@pytest.mark.parametrize(
    ("path", "theirs", "problem"),
    [
        ("status", "archived", "'archived' is not one of"),
        ("company", None, "is required"),
        ("follow_ups[f1].due", "next week", "is not a date and time"),
    ],
)
def test_their_value_that_does_not_read_is_refused_and_nothing_changes(
    path: str, theirs: Any, problem: str
) -> None:
    found = conflict(path, theirs)
    interview = harbor(found)
    before = copy.deepcopy(interview)
    with pytest.raises(CannotTake, match=problem):
        resolve_conflict(interview, found, take_theirs=True)
    assert interview == before
    resolve_conflict(interview, found, take_theirs=False)  # yours can always be kept
    assert interview.conflicts == []


def test_a_conflict_not_on_the_record_is_an_error() -> None:
    with pytest.raises(ValueError, match="no conflict at status"):
        resolve_conflict(harbor(), conflict("status", "offer"), take_theirs=False)


def test_values_in_words() -> None:
    interview = harbor()
    assert value_words("follow_ups[f1].due", mine(interview, "follow_ups[f1].due")) == (
        "Mon 30 Nov 2026, 09:00"
    )
    assert value_words("debrief.decision_by", "2026-11-27") == "Fri 27 Nov 2026"
    assert value_words("debrief.decision_by", "soon") == "soon"
    assert value_words("replied_at", None) == "(none)"
    assert value_words("follow_ups[x].due", MISSING) == "(none)"
    assert value_words("debrief.notes", "") == "(empty)"
    assert value_words("follow_ups[f1].snoozed", True) == "yes"
    assert (
        value_words("drafts[d1].to", ["a@x.example", "b@x.example"]) == "a@x.example, b@x.example"
    )
    assert value_words("interviewers", interview_to_dict(interview)["interviewers"]) == (
        "Dana Whitfield (Eng Manager, dana@harbor.example)"
    )
    assert value_words("recruiter", {"name": "Ben", "agency": "Northlight"}) == "Ben (Northlight)"
    assert value_words("mood", {"n": 1}) == '{"n": 1}'
    assert value_words("debrief.notes", "[b]bold[/b]") == "[b]bold[/b]"  # text, as it is


def test_other_fields_in_words() -> None:
    interview = harbor()
    assert field_words(interview, "when") == "When"
    assert field_words(interview, "debrief.still_interested") == "Still interested"
    assert field_words(interview, "debrief.mood") == "Debrief › mood"
    assert (
        field_words(interview, "follow_ups[f1].snoozed") == "Follow-up 'Check in with Dana' snoozed"
    )


@settings(max_examples=200, deadline=None)
@given(triples(), st.booleans(), st.data())
def test_after_resolving_every_conflict_either_way_none_is_left_and_the_record_reads_back(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]], with_base: bool, data: Any
) -> None:
    base, ours, theirs = records
    merged = merge_record(base if with_base else None, ours, theirs, AT).record
    assert merged is not None
    interview = interview_from_dict(merged)
    count = len(interview.conflicts)
    choices = data.draw(st.lists(st.booleans(), min_size=count, max_size=count))
    for n, take in enumerate(choices):
        found = interview.conflicts[0]
        trial = copy.deepcopy(interview)
        try:
            outcome = resolve_conflict(trial, found, take_theirs=take)
        except CannotTake:
            assert take
            outcome = resolve_conflict(trial, found, take_theirs=False)
        assert len(trial.conflicts) == count - n - 1
        if take and outcome.changed:  # their value now stands at the path
            assert value_at(interview_to_dict(trial), found.path) == found.theirs
        interview = trial
    assert interview.conflicts == []
    assert "conflicts" not in interview_to_dict(interview)
    reads_back(interview)


def test_a_whole_item_is_taken_or_removed() -> None:
    interview = harbor()
    item = interview_to_dict(interview)["follow_ups"][0]
    replaced = conflict("follow_ups[f1]", {**item, "title": "Call Dana"})
    removed = conflict("follow_ups[f1]", None)
    interview.conflicts = [replaced, removed]
    assert field_words(interview, "follow_ups[f1]") == "Follow-up 'Check in with Dana'"
    resolve_conflict(interview, replaced, take_theirs=True)
    assert [f.title for f in interview.follow_ups] == ["Call Dana"]
    resolve_conflict(interview, removed, take_theirs=True)
    assert interview.follow_ups == [] and interview.conflicts == []
