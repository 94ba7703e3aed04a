"""Records to plain dicts and back: nothing lost, and every fault names its field."""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest

from afterword.demo import demo_interviews
from afterword.domain.records import RecordError, interview_from_dict, interview_to_dict
from tests.conftest import NOW


def sample() -> dict[str, Any]:
    return {
        "id": "a1b2c3d4",
        "company": "Acme Robotics",
        "role": "Backend Engineer",
        "stage": "Onsite",
        "when": "2026-11-24T14:00:00",
        "where": "Video call",
        "interviewers": [
            {"name": "Dana Whitfield", "title": "Eng Manager", "email": "dana@acme.example"}
        ],
        "recruiter": {
            "name": "Sam Ortiz",
            "agency": "TalentBridge",
            "email": "sam@tb.example",
            "phone": "",
            "direct_contact": "ask",
        },
        "debrief": {"decision_by": "2026-11-27", "still_interested": "yes", "notes": "x"},
        "status": "active",
        "follow_ups": [
            {
                "id": "f1",
                "kind": "thank_you",
                "title": "Thank Dana",
                "due": "2026-11-25T14:00:00",
                "done_at": None,
                "cancelled": False,
                "person": "Dana Whitfield",
            }
        ],
        "drafts": [{"id": "d1", "template": "thank-you", "to": ["dana@acme.example"]}],
    }


def test_demo_interviews_survive_a_round_trip() -> None:
    for interview in demo_interviews(NOW):
        once = interview_to_dict(interview)
        assert interview_to_dict(interview_from_dict(once)) == once


def test_unknown_keys_are_kept_at_every_level() -> None:
    raw = sample()
    raw["mood"] = "hopeful"
    raw["interviewers"][0]["linkedin"] = "in/dana"
    raw["recruiter"]["fee"] = {"percent": 15}
    raw["debrief"]["weather"] = "rain"
    raw["follow_ups"][0]["colour"] = "red"
    raw["drafts"][0]["x-mailer"] = "mutt"
    out = interview_to_dict(interview_from_dict(copy.deepcopy(raw)))
    assert out["mood"] == "hopeful"
    assert out["interviewers"][0]["linkedin"] == "in/dana"
    assert out["recruiter"]["fee"] == {"percent": 15}
    assert out["debrief"]["weather"] == "rain"
    assert out["follow_ups"][0]["colour"] == "red"
    assert out["drafts"][0]["x-mailer"] == "mutt"


def test_missing_optional_parts_get_defaults() -> None:
    interview = interview_from_dict({"company": "Acme", "when": "2026-11-24T14:00"})
    assert interview.id and len(interview.id) == 16
    assert interview.recruiter is None
    assert interview.status == "active"
    assert interview.debrief.still_interested == "yes"
    assert interview.follow_ups == []


def test_a_zone_the_user_gave_is_kept() -> None:
    raw = sample()
    raw["when"] = "2026-11-24T14:00:00+01:00"
    assert interview_to_dict(interview_from_dict(raw))["when"] == "2026-11-24T14:00:00+01:00"


def _set(raw: dict[str, Any], path: str, value: object) -> None:
    keys: list[Any] = [int(k) if k.isdigit() else k for k in path.split(".")]
    target: Any = raw
    for key in keys[:-1]:
        target = target[key]
    if value is KeyError:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "field", "words"),
    [
        ("company", KeyError, "company", "required"),
        ("company", "   ", "company", "required"),
        ("company", 42, "company", "expected text"),
        ("when", KeyError, "when", "required"),
        ("when", "next tuesday", "when", "not a date and time"),
        ("when", "2026-13-01T10:00", "when", "not a date and time"),
        ("status", "ghosted", "status", "not one of"),
        ("interviewers", {"name": "x"}, "interviewers", "expected a list"),
        ("interviewers.0", "Dana", "interviewers[0]", "expected an object"),
        ("interviewers.0.name", KeyError, "interviewers[0].name", "required"),
        ("interviewers.0.email", ["a"], "interviewers[0].email", "expected text"),
        ("recruiter.direct_contact", "maybe", "recruiter.direct_contact", "not one of"),
        ("recruiter", "Sam", "recruiter", "expected an object"),
        ("recruiter.name", "", "recruiter.name", "'ask' needs the recruiter's name"),
        ("recruiter.name", KeyError, "recruiter.name", "'ask' needs the recruiter's name"),
        ("debrief.decision_by", "Friday", "debrief.decision_by", "not a date"),
        ("debrief.still_interested", True, "debrief.still_interested", "expected text"),
        ("follow_ups.0.kind", "lunch", "follow_ups[0].kind", "not one of"),
        ("follow_ups.0.due", KeyError, "follow_ups[0].due", "required"),
        ("follow_ups.0.cancelled", "no", "follow_ups[0].cancelled", "true or false"),
        ("follow_ups.0.id", "has space", "follow_ups[0].id", "usable id"),
        ("drafts.0.to", "dana@acme.example", "drafts[0].to", "list of text"),
        ("drafts.0.state", "lost", "drafts[0].state", "not one of"),
        ("id", 7, "id", "expected text"),
        ("rev", "3", "rev", "expected a whole number"),
        ("rev", True, "rev", "expected a whole number"),
        ("rev", 1.5, "rev", "not a whole number"),
        ("rev", -1, "rev", "below 0"),
        ("conflicts", {"path": "status"}, "conflicts", "expected a list"),
        ("conflicts", [{"theirs": 1, "at": "2026-11-25T09:00"}], "conflicts[0].path", "required"),
        ("conflicts", [{"path": "status", "at": "noon"}], "conflicts[0].at", "not a date"),
    ],
)
def test_each_fault_names_its_field(path: str, value: object, field: str, words: str) -> None:
    raw = sample()
    _set(raw, path, value)
    with pytest.raises(RecordError) as caught:
        interview_from_dict(raw)
    assert caught.value.field == field
    assert words in caught.value.problem


def test_forward_without_the_recruiters_name_is_refused_not_read_as_no_recruiter() -> None:
    raw = sample()
    raw["recruiter"] = {"name": " ", "direct_contact": "forward"}
    with pytest.raises(RecordError) as caught:
        interview_from_dict(raw)
    assert str(caught.value) == (
        "recruiter.name: is required: direct_contact 'forward' needs the recruiter's name "
        '(for no recruiter, "recruiter": null)'
    )


def test_a_cancelled_follow_up_keeps_its_reason_and_old_files_read_as_none() -> None:
    raw = sample()
    raw["follow_ups"][0].update(cancelled=True, reason="the lead is cold")
    interview = interview_from_dict(raw)
    assert interview.follow_ups[0].reason == "the lead is cold"
    assert interview_to_dict(interview)["follow_ups"][0]["reason"] == "the lead is cold"
    del raw["follow_ups"][0]["reason"]
    assert interview_from_dict(raw).follow_ups[0].reason == ""
    raw["follow_ups"][0]["reason"] = 3
    with pytest.raises(RecordError, match="expected text"):
        interview_from_dict(raw)


def test_a_record_that_is_not_an_object() -> None:
    with pytest.raises(RecordError, match="expected an object"):
        interview_from_dict(["Acme"])


def test_rev_and_conflicts_survive_a_round_trip() -> None:
    raw = sample()
    raw["rev"] = 7
    raw["conflicts"] = [
        {"path": "debrief.notes", "theirs": "their notes", "at": "2026-11-25T09:00:00"},
        {"path": "recruiter", "theirs": None, "at": "2026-11-25T09:00:00", "seen": True},
    ]
    interview = interview_from_dict(copy.deepcopy(raw))
    assert interview.rev == 7
    assert [(c.path, c.theirs) for c in interview.conflicts] == [
        ("debrief.notes", "their notes"),
        ("recruiter", None),
    ]
    out = interview_to_dict(interview)
    assert list(out)[:2] == ["id", "rev"]
    assert out["conflicts"] == raw["conflicts"]
    assert interview_to_dict(interview_from_dict(out)) == out


def test_a_record_without_rev_reads_0_and_without_conflicts_writes_none() -> None:
    interview = interview_from_dict(sample())
    assert interview.rev == 0
    assert interview.conflicts == []
    out = interview_to_dict(interview)
    assert out["rev"] == 0
    assert "conflicts" not in out


def test_what_is_left_over_is_kept_in_a_dict_of_its_own_size() -> None:
    # An object read from the file keeps its unknown keys; with none, its `extra` must not keep
    # the room of every key the stored record had (30 MB over 10,000 interviews).
    doc = interview_to_dict(next(i for i in demo_interviews(NOW) if i.drafts and i.follow_ups))
    doc["debrief"]["future_key"] = [1, 2]
    interview = interview_from_dict(doc)
    parts: list[Any] = [interview, *interview.interviewers, *interview.follow_ups]
    parts += [*interview.drafts, interview.recruiter]
    assert interview.debrief.extra == {"future_key": [1, 2]}
    assert interview.follow_ups and interview.drafts
    for part in parts:
        if part is not None:
            assert part.extra == {}
            assert sys.getsizeof(part.extra) == sys.getsizeof({})


def test_a_value_from_a_fixed_list_is_the_list_s_own_string() -> None:
    # 10,000 interviews read from a file share one "active", one "thank_you"... (about 7 MB)
    from afterword.domain.model import FOLLOW_UP_KINDS, STATUSES

    doc = interview_to_dict(next(i for i in demo_interviews(NOW) if i.follow_ups))
    doc["status"] = "".join(["act", "ive"])  # equal to "active", another object
    interview = interview_from_dict(doc)
    assert interview.status is STATUSES[STATUSES.index("active")]
    kind = interview.follow_ups[0].kind
    assert kind is FOLLOW_UP_KINDS[FOLLOW_UP_KINDS.index(kind)]
