"""The debrief or the profile changed: drafts not edited are written again, edited ones marked,
and what went out (or is on its way) stays as it went."""

from __future__ import annotations

import copy
from datetime import date, datetime

from afterword.compose.drafts import prepare_drafts, refresh_drafts
from afterword.config import Config, Profile
from afterword.domain.drafting import after_change
from afterword.domain.model import Debrief, Draft, Interview, Person
from afterword.domain.records import draft_from_dict, draft_to_dict

NOW = datetime(2026, 11, 25, 9, 0)


def interview() -> Interview:
    return Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", "Eng Manager", "dana@acme.example"),
            Person("Lee Chen", "Staff Engineer", "lee@acme.example"),
        ],
        debrief=Debrief(decision_by=date(2026, 11, 27)),
    )


def drafted(profile: Profile) -> Interview:
    i = interview()
    prepare_drafts(i, Config(profile=profile), NOW, None)
    assert len(i.drafts) == 2
    return i


def test_the_rule_rewrites_drafts_not_edited_and_marks_edited_ones() -> None:
    i = interview()
    states = [("draft", False), ("draft", True), ("sent", False), ("queued", False)]
    states += [("unknown", True), ("sending", False)]
    i.drafts = [Draft(state=state, edited=edited) for state, edited in states]
    plan = after_change(i)
    assert plan.rewrite == (i.drafts[0].id,)
    assert plan.mark == (i.drafts[1].id,)


def test_a_new_profile_signs_the_drafts_not_edited_and_marks_the_edited_one() -> None:
    i = drafted(Profile())
    untouched, edited = i.drafts
    assert "Alex Morgan" not in untouched.body
    edited.body += "\nA line of my own."
    edited.edited = True
    working = copy.deepcopy(i)
    signed = Config(profile=Profile("Alex Morgan", "alex@example.com"))
    outcome = refresh_drafts(working, signed, NOW, None)
    assert outcome.problems == []
    assert list(outcome.rewritten) == [untouched.id]
    assert outcome.marked == [edited.id]
    assert outcome.apply_to(i)
    assert "Alex Morgan" in i.drafts[0].body and not i.drafts[0].outdated
    assert i.drafts[1].body.endswith("A line of my own.")  # never overwritten
    assert i.drafts[1].outdated and i.drafts[1].edited


def test_a_draft_that_moved_on_meanwhile_is_left_alone() -> None:
    i = drafted(Profile())
    working = copy.deepcopy(i)
    outcome = refresh_drafts(
        working, Config(profile=Profile("Alex Morgan", "a@b.example")), NOW, None
    )
    i.drafts[0].body = "Typed while it was being written."
    i.drafts[0].edited = True
    i.drafts[1].state = "sent"
    assert not outcome.apply_to(i)
    assert i.drafts[0].body == "Typed while it was being written." and not i.drafts[0].outdated


def test_writing_a_draft_again_clears_its_mark() -> None:
    from afterword.compose.drafts import regenerate

    i = drafted(Profile("Alex Morgan", "alex@example.com"))
    draft = i.drafts[0]
    draft.edited = draft.outdated = True
    regenerate(i, draft, Config(), NOW, None)
    assert not draft.outdated and not draft.edited


def test_the_mark_is_kept_in_the_database() -> None:
    draft = Draft(edited=True, outdated=True)
    assert draft_to_dict(draft)["outdated"] is True
    assert draft_from_dict(draft_to_dict(draft)).outdated
    assert not draft_from_dict({"template": "thank-you"}).outdated
