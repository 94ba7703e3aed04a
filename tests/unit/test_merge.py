"""The three-way merge of two copies of a record: each rule by example, then properties over
records built from the model and changed at random on each side."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.domain.merge import MISSING, SENT_KEYS, merge_record, merge_records, value_at
from afterword.domain.model import Debrief, Draft, FollowUp, Interview, Person, Recruiter
from afterword.domain.records import interview_from_dict, interview_to_dict, recruiter_to_dict
from tests.conftest import NOW

AT = NOW + timedelta(days=1)
STAMP = AT.isoformat()


def base_record(*, recruiter: bool = True, follow_ups: int = 2, drafts: int = 1) -> dict[str, Any]:
    interview = Interview(
        id="i1",
        company="Acme Robotics",
        role="Backend Engineer",
        stage="Onsite",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[Person("Dana Whitfield", "Eng Manager", "dana@acme.example")],
        recruiter=Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example") if recruiter else None,
        debrief=Debrief(notes="whiteboard", tone="warm"),
        follow_ups=[
            FollowUp("thank_you", datetime(2026, 11, 25, 14, 0) + timedelta(days=n), id=f"f{n}")
            for n in range(follow_ups)
        ],
        drafts=[
            Draft(person="Dana Whitfield", to=["dana@acme.example"], body="Thanks", id=f"d{n}")
            for n in range(drafts)
        ],
        rev=3,
    )
    return interview_to_dict(interview)


def changed(record: dict[str, Any], **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(record)
    out.update(fields)
    out["rev"] = record["rev"] + 1
    return out


def item(record: dict[str, Any], key: str, ident: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in record[key] if i["id"] == ident)
    return found


def paths(found: list[dict[str, Any]]) -> list[str]:
    return [c["path"] for c in found]


# ---------------------------------------------------------------- each rule


def test_a_change_on_one_side_wins() -> None:
    base = base_record()
    theirs = changed(base, status="offer")
    assert merge_record(base, base, theirs, AT).record == theirs
    mine = changed(base, status="rejected")
    assert merge_record(base, mine, base, AT).record == mine


def test_changes_to_different_fields_are_both_kept_with_a_new_rev() -> None:
    base = base_record()
    mine = changed(base, status="offer")
    theirs = changed(base, stage="Final")
    theirs["rev"] = 9
    merged = merge_record(base, mine, theirs, AT)
    assert merged.conflicts == []
    assert merged.record is not None
    assert (merged.record["status"], merged.record["stage"]) == ("offer", "Final")
    assert merged.record["rev"] == 10
    assert "conflicts" not in merged.record


def test_the_same_field_changed_to_two_values_keeps_mine_and_a_conflict() -> None:
    base = base_record()
    mine, theirs = changed(base, status="offer"), changed(base, status="rejected")
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["status"] == "offer"
    conflict = {"path": "status", "theirs": "rejected", "at": STAMP}
    assert merged.conflicts == [conflict]
    assert merged.record["conflicts"] == [conflict]
    assert merged.record["rev"] == 5
    # and the record reads back, the conflict with it
    assert interview_from_dict(merged.record).conflicts[0].theirs == "rejected"


def test_the_same_field_changed_to_the_same_value_is_no_conflict() -> None:
    base = base_record()
    mine = changed(base, status="offer", stage="Final")
    theirs = changed(base, status="offer", role="Staff Engineer")
    merged = merge_record(base, mine, theirs, AT)
    assert merged.conflicts == []
    assert merged.record is not None
    assert merged.record["status"] == "offer"
    assert merged.record["role"] == "Staff Engineer"


def test_objects_are_merged_field_by_field() -> None:
    base = base_record()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["debrief"]["notes"] = "mine"
    mine["debrief"]["tone"] = "cool"
    mine["recruiter"]["email"] = "sam@new.example"
    theirs["debrief"]["notes"] = "theirs"
    theirs["debrief"]["focus"] = "systems"
    theirs["recruiter"]["phone"] = "555"
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    debrief, recruiter = merged.record["debrief"], merged.record["recruiter"]
    assert (debrief["notes"], debrief["tone"], debrief["focus"]) == ("mine", "cool", "systems")
    assert (recruiter["email"], recruiter["phone"]) == ("sam@new.example", "555")
    assert merged.conflicts == [{"path": "debrief.notes", "theirs": "theirs", "at": STAMP}]


def test_unknown_keys_are_merged_and_kept() -> None:
    base = base_record()
    base["debrief"]["weather"] = "rain"
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["mood"] = "hopeful"
    mine["debrief"]["weather"] = "sun"
    theirs["colour"] = {"name": "red"}
    theirs["debrief"]["weather"] = "snow"
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["mood"] == "hopeful"
    assert merged.record["colour"] == {"name": "red"}
    assert merged.record["debrief"]["weather"] == "sun"
    assert paths(merged.conflicts) == ["debrief.weather"]


def test_a_key_removed_on_one_side_and_left_alone_on_the_other_is_removed() -> None:
    base = {**base_record(), "mood": "hopeful"}
    base["debrief"]["weather"] = "rain"
    mine = changed(base, status="offer")
    theirs = changed(base, stage="Final")
    del theirs["mood"]
    del mine["debrief"]["weather"]
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert "mood" not in merged.record
    assert "weather" not in merged.record["debrief"]
    assert merged.conflicts == []


def test_a_recruiter_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    base = base_record()
    mine = copy.deepcopy(base)
    mine["recruiter"]["email"] = "sam@new.example"
    theirs = changed(base, recruiter=None)
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["recruiter"]["email"] == "sam@new.example"
    assert merged.conflicts == [{"path": "recruiter", "theirs": None, "at": STAMP}]


def test_other_lists_are_one_value() -> None:
    base = base_record()
    ana = {"name": "Ana Ruiz", "title": "", "email": ""}
    bo = {"name": "Bo Lind", "title": "", "email": ""}
    mine = changed(base, interviewers=[*base["interviewers"], ana])
    theirs = changed(base, interviewers=[*base["interviewers"], bo])
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["interviewers"] == mine["interviewers"]
    assert merged.conflicts == [
        {"path": "interviewers", "theirs": theirs["interviewers"], "at": STAMP}
    ]
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["drafts"][0]["cc"] = ["a@x.example"]
    theirs["drafts"][0]["cc"] = ["b@x.example"]
    merged = merge_record(base, mine, theirs, AT)
    assert paths(merged.conflicts) == ["drafts[d0].cc"]


def test_follow_ups_are_merged_item_by_item() -> None:
    base = base_record(follow_ups=4)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    new_mine = {**base["follow_ups"][0], "id": "mine-new", "title": "Mine"}
    new_theirs = {**base["follow_ups"][0], "id": "theirs-new", "title": "Theirs"}
    mine["follow_ups"].append(new_mine)
    theirs["follow_ups"].append(new_theirs)
    # f0: removed by mine, left alone by theirs -> removed
    mine["follow_ups"] = [f for f in mine["follow_ups"] if f["id"] != "f0"]
    # f1: removed by mine, changed by theirs -> kept, theirs
    mine["follow_ups"] = [f for f in mine["follow_ups"] if f["id"] != "f1"]
    item(theirs, "follow_ups", "f1")["done_at"] = "2026-11-26T10:00:00"
    # f2: different fields on each side -> both
    item(mine, "follow_ups", "f2")["title"] = "Call"
    item(theirs, "follow_ups", "f2")["snoozed"] = True
    # f3: the same field on both -> mine, and a conflict
    item(mine, "follow_ups", "f3")["due"] = "2026-12-01T09:00:00"
    item(theirs, "follow_ups", "f3")["due"] = "2026-12-02T09:00:00"
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    by_id = {f["id"]: f for f in merged.record["follow_ups"]}
    assert set(by_id) == {"f1", "f2", "f3", "mine-new", "theirs-new"}
    assert by_id["f1"] == item(theirs, "follow_ups", "f1")
    assert (by_id["f2"]["title"], by_id["f2"]["snoozed"]) == ("Call", True)
    assert by_id["f3"]["due"] == "2026-12-01T09:00:00"
    assert merged.conflicts == [
        {"path": "follow_ups[f3].due", "theirs": "2026-12-02T09:00:00", "at": STAMP}
    ]
    assert [f["id"] for f in merged.record["follow_ups"]][-1] == "theirs-new"


def test_drafts_are_merged_item_by_item() -> None:
    base = base_record(drafts=3)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    item(mine, "drafts", "d0")["body"] = "Thanks again"
    item(theirs, "drafts", "d0")["subject"] = "Thank you"
    theirs["drafts"] = [d for d in theirs["drafts"] if d["id"] != "d1"]
    mine["drafts"] = [d for d in mine["drafts"] if d["id"] != "d2"]
    item(theirs, "drafts", "d2")["body"] = "Kept"
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    by_id = {d["id"]: d for d in merged.record["drafts"]}
    assert set(by_id) == {"d0", "d2"}
    assert (by_id["d0"]["body"], by_id["d0"]["subject"]) == ("Thanks again", "Thank you")
    assert by_id["d2"]["body"] == "Kept"
    assert merged.conflicts == []


def _sent(draft: dict[str, Any], when: str, message_id: str) -> None:
    draft.update(state="sent", sent_at=when, message_id=message_id)


def test_a_draft_sent_on_either_side_stays_sent() -> None:
    base = base_record()
    for sender in ("mine", "theirs"):
        mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
        sending, editing = (mine, theirs) if sender == "mine" else (theirs, mine)
        _sent(item(sending, "drafts", "d0"), "2026-11-25T10:00:00", "<a@afterword>")
        # the other side edited it and queued it again with its own message id
        item(editing, "drafts", "d0").update(
            body="Edited", state="queued", message_id="<b@afterword>"
        )
        merged = merge_record(base, mine, theirs, AT)
        assert merged.record is not None
        draft = item(merged.record, "drafts", "d0")
        assert (draft["state"], draft["sent_at"], draft["message_id"]) == (
            "sent",
            "2026-11-25T10:00:00",
            "<a@afterword>",
        ), sender
        assert draft["body"] == "Edited"
        assert merged.conflicts == [], sender


def test_a_sent_draft_deleted_on_the_other_side_is_kept() -> None:
    base = base_record()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    _sent(item(theirs, "drafts", "d0"), "2026-11-25T10:00:00", "<a@afterword>")
    mine["drafts"] = []
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["drafts"] == theirs["drafts"]


def test_rev_is_the_chosen_sides_or_one_past_both() -> None:
    base = base_record()
    mine = changed(base, status="offer")
    mine["rev"] = 7
    theirs = changed(base, status="offer")
    theirs["rev"] = 5
    merged = merge_record(base, mine, theirs, AT).record
    assert merged is not None and merged["rev"] == 7  # the same content: the higher rev
    theirs = changed(base, stage="Final")
    theirs["rev"] = 5
    merged = merge_record(base, mine, theirs, AT).record
    assert merged is not None and merged["rev"] == 8
    # theirs' change was already in mine: the result is mine, and keeps its rev
    mine_too = {**mine, "stage": "Final"}
    merged = merge_record(base, mine_too, theirs, AT).record
    assert merged is not None and merged == mine_too


def test_conflicts_on_either_side_are_kept_once() -> None:
    base = base_record()
    old = {"path": "role", "theirs": "Staff", "at": "2026-11-20T09:00:00"}
    same_later = {"path": "role", "theirs": "Staff", "at": "2026-11-21T09:00:00"}
    other = {"path": "stage", "theirs": "Final", "at": "2026-11-20T09:00:00"}
    mine = changed(base, status="offer", conflicts=[old])
    theirs = changed(base, status="rejected", conflicts=[same_later, other])
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert merged.record["conflicts"] == [
        old,
        other,
        {"path": "status", "theirs": "rejected", "at": STAMP},
    ]
    # a conflict found again is not new
    again = merge_record(merged.record, merged.record, changed(base, status="rejected"), AT)
    assert again.conflicts == []


def test_a_conflict_resolved_on_one_side_stays_resolved() -> None:
    conflict = {"path": "status", "theirs": "rejected", "at": STAMP}
    base = changed(base_record(), conflicts=[conflict])
    mine = changed(base, conflicts=[])  # the user chose
    del mine["conflicts"]
    theirs = changed(base, stage="Final")
    merged = merge_record(base, mine, theirs, AT)
    assert merged.record is not None
    assert "conflicts" not in merged.record
    assert merged.record["stage"] == "Final"


def test_a_record_deleted_on_one_side() -> None:
    base = base_record()
    theirs = changed(base, status="offer")
    kept = merge_record(base, None, theirs, AT)
    assert (kept.record, kept.kept_though_deleted) == (theirs, True)
    mine = changed(base, status="offer")
    kept = merge_record(base, mine, None, AT)
    assert (kept.record, kept.kept_though_deleted) == (mine, True)
    assert merge_record(base, None, base, AT).record is None
    assert merge_record(base, base, None, AT).record is None
    assert merge_record(base, None, None, AT).record is None
    assert merge_record(None, None, theirs, AT).record == theirs


def test_without_a_base_every_difference_is_a_conflict_and_mine_stays() -> None:
    base = base_record()
    mine = changed(base, status="offer")
    theirs = changed(base, status="rejected", stage="Final")
    item(theirs, "follow_ups", "f0")["title"] = "Theirs"
    theirs["follow_ups"].append({**theirs["follow_ups"][1], "id": "t-new"})
    merged = merge_record(None, mine, theirs, AT)
    assert merged.record is not None
    assert sorted(paths(merged.conflicts)) == ["follow_ups[f0].title", "stage", "status"]
    assert (merged.record["status"], merged.record["stage"]) == ("offer", "Onsite")
    assert [f["id"] for f in merged.record["follow_ups"]] == ["f0", "f1", "t-new"]


def test_the_inputs_are_left_as_they_were() -> None:
    base = base_record()
    mine = changed(base, status="offer")
    item(mine, "follow_ups", "f0")["title"] = "Mine"
    theirs = changed(base, status="rejected")
    item(theirs, "follow_ups", "f0")["title"] = "Theirs"
    before = copy.deepcopy((base, mine, theirs))
    merged = merge_record(base, mine, theirs, AT)
    assert (base, mine, theirs) == before
    assert merged.record is not None
    merged.record["debrief"]["notes"] = "changed after"
    assert mine["debrief"]["notes"] == base["debrief"]["notes"]


def test_merge_records_says_what_it_did() -> None:
    base = {i: {**base_record(), "id": i} for i in ("a", "b", "c", "d", "e")}
    mine = copy.deepcopy(base)
    theirs = copy.deepcopy(base)
    theirs["a"]["status"] = "offer"  # changed
    del theirs["b"]  # deleted
    del mine["c"]  # deleted here, changed there: kept
    theirs["c"]["status"] = "cold"
    mine["d"]["status"] = "offer"  # a conflict
    theirs["d"]["status"] = "rejected"
    theirs["f"] = {**base_record(), "id": "f"}  # added
    result = merge_records(base, mine, theirs, AT)
    assert list(result.records) == ["a", "d", "e", "c", "f"]
    summary = result.summary
    assert (summary.added, summary.changed, summary.deleted) == (["f"], ["a", "d"], ["b"])
    assert summary.kept_though_deleted == ["c"]
    assert {i: paths(found) for i, found in summary.conflicts.items()} == {"d": ["status"]}
    assert summary.sentence() == (
        "1 added, 2 changed, 1 deleted, 1 kept though deleted on one side, 1 conflict"
    )


def test_value_at_follows_a_conflicts_path() -> None:
    record = base_record()
    assert value_at(record, "status") == "active"
    assert value_at(record, "debrief.notes") == "whiteboard"
    assert value_at(record, "follow_ups[f1].due") == "2026-11-26T14:00:00"
    assert value_at(record, "follow_ups[nope].due") is MISSING
    assert value_at(record, "recruiter.fee") is MISSING


# ---------------------------------------------------------------- properties

TEXTS = st.sampled_from(["", "a", "b", "Acme"])
DUE = st.sampled_from(["2026-12-01T09:00:00", "2026-12-02T09:00:00"])
WHEN = st.one_of(DUE, st.none())


@st.composite
def bases(draw: st.DrawFn) -> dict[str, Any]:
    record = base_record(
        recruiter=draw(st.booleans()),
        follow_ups=draw(st.integers(0, 3)),
        drafts=draw(st.integers(0, 2)),
    )
    record["rev"] = draw(st.integers(0, 5))
    return record


@st.composite
def edited(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with a few random edits, as two people on two machines might make them."""
    record = copy.deepcopy(base)
    edits = draw(st.integers(0, 8))
    for _ in range(edits):
        kind = draw(
            st.sampled_from(
                [
                    "top",
                    "status",
                    "debrief",
                    "decision",
                    "recruiter",
                    "no recruiter",
                    "interviewers",
                    "extra",
                    "add item",
                    "remove item",
                    "change item",
                    "send",
                    "queue",
                ]
            )
        )
        if kind == "top":
            record[draw(st.sampled_from(["role", "stage", "where"]))] = draw(TEXTS)
        elif kind == "status":
            record["status"] = draw(st.sampled_from(["active", "offer", "rejected"]))
        elif kind == "debrief":
            record["debrief"][draw(st.sampled_from(["notes", "tone", "focus"]))] = draw(TEXTS)
        elif kind == "decision":
            record["debrief"]["decision_by"] = draw(st.sampled_from(["2026-12-01", None]))
        elif kind == "recruiter":
            if record["recruiter"] is None:
                record["recruiter"] = recruiter_to_dict(
                    Recruiter(draw(st.sampled_from(["Sam", "Kim"])))
                )
            record["recruiter"][draw(st.sampled_from(["email", "phone"]))] = draw(TEXTS)
        elif kind == "no recruiter":
            record["recruiter"] = None
        elif kind == "interviewers":
            names = draw(st.lists(st.sampled_from(["Dana", "Ana", "Bo"]), max_size=2))
            record["interviewers"] = [{"name": n, "title": "", "email": ""} for n in names]
        elif kind == "extra":
            target = record if draw(st.booleans()) else record["debrief"]
            target[draw(st.sampled_from(["mood", "weather"]))] = draw(
                st.one_of(TEXTS, st.just({"n": 1}))
            )
        elif kind == "add item":
            key = draw(st.sampled_from(["follow_ups", "drafts"]))
            ident = draw(st.sampled_from(["n1", "n2"]))
            if all(i["id"] != ident for i in record[key]):
                made = (
                    FollowUp("custom", NOW, title=draw(TEXTS), id=ident)
                    if key == "follow_ups"
                    else Draft(body=draw(TEXTS), id=ident)
                )
                record[key].append(interview_to_dict(_holding(made))[key][0])
        elif kind in ("remove item", "change item", "send", "queue"):
            key = (
                "drafts"
                if kind in ("send", "queue")
                else draw(st.sampled_from(["follow_ups", "drafts"]))
            )
            if not record[key]:
                continue
            index = draw(st.integers(0, len(record[key]) - 1))
            if kind == "remove item":
                del record[key][index]
            elif kind == "queue":
                if record[key][index]["state"] != "sent":
                    record[key][index].update(state="queued", message_id="<q>")
            elif kind == "send":
                _sent(
                    record[key][index], draw(WHEN) or STAMP, draw(st.sampled_from(["<1>", "<2>"]))
                )
            elif key == "follow_ups":
                field = draw(st.sampled_from(["title", "due", "done_at", "snoozed"]))
                value = {"title": TEXTS, "snoozed": st.booleans(), "due": DUE}.get(field, WHEN)
                record[key][index][field] = draw(value)
            else:
                field = draw(st.sampled_from(["body", "subject", "to"]))
                value = draw(TEXTS)
                record[key][index][field] = [value] if field == "to" else value
    if record != base:
        record["rev"] = base["rev"] + 1
    return record


def _holding(made: FollowUp | Draft) -> Interview:
    if isinstance(made, FollowUp):
        return Interview(company="x", when=NOW, follow_ups=[made])
    return Interview(company="x", when=NOW, drafts=[made])


@st.composite
def triples(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    base = draw(bases())
    return base, draw(edited(base)), draw(edited(base))


def flat(value: Any, prefix: str = "") -> dict[str, Any]:
    """Every field's value by its path, as conflicts name them (items by id)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            if not prefix and key in ("rev", "conflicts"):
                continue
            path = f"{prefix}.{key}" if prefix else key
            if not prefix and key in ("follow_ups", "drafts"):
                for entry in inner:
                    out.update(flat(entry, f"{key}[{entry['id']}]"))
            else:
                out.update(flat(inner, path))
        return out or {prefix: value}
    return {prefix: value}


def merged_of(base: Any, mine: Any, theirs: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    result = merge_record(base, mine, theirs, AT)
    assert result.record is not None
    return result.record, result.conflicts


@settings(max_examples=150, deadline=None)
@given(triples())
def test_merging_a_record_with_itself_changes_nothing(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, mine, _ = records
    assert merged_of(mine, mine, mine) == (mine, [])
    assert merged_of(base, mine, mine) == (mine, [])


@settings(max_examples=150, deadline=None)
@given(triples())
def test_a_change_on_one_side_only_wins(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, mine, theirs = records
    assert merged_of(base, base, theirs) == (theirs, [])
    assert merged_of(base, mine, base) == (mine, [])


@settings(max_examples=300, deadline=None)
@given(triples())
def test_merge_is_symmetric_up_to_which_value_stays(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, mine, theirs = records
    ours, our_conflicts = merged_of(base, mine, theirs)
    others, their_conflicts = merged_of(base, theirs, mine)
    assert sorted(paths(our_conflicts)) == sorted(paths(their_conflicts))
    for conflict in our_conflicts:
        assert _or_none(value_at(others, conflict["path"])) == conflict["theirs"]
    for conflict in their_conflicts:
        assert _or_none(value_at(ours, conflict["path"])) == conflict["theirs"]
    # and away from the conflicts, the two results are the same (up to the items' order)
    conflicting = set(paths(our_conflicts))

    def apart(record: dict[str, Any]) -> dict[str, Any]:
        return {
            path: value
            for path, value in flat(record).items()
            if not any(path == c or path.startswith((f"{c}.", f"{c}[")) for c in conflicting)
        }

    assert apart(ours) == apart(others)


def _or_none(value: Any) -> Any:
    return None if value is MISSING else value


@settings(max_examples=300, deadline=None)
@given(triples())
def test_nothing_changed_on_either_side_is_dropped(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, mine, theirs = records
    merged, conflicts = merged_of(base, mine, theirs)
    kept = flat(merged)
    held: dict[str, list[Any]] = {}
    for conflict in conflicts:
        for path, value in flat(conflict["theirs"], conflict["path"]).items():
            held.setdefault(path, []).append(value)
    before = flat(base)
    # where a draft is sent, an unsent side's state and message id give way (never a conflict)
    sent = {f"drafts[{d['id']}].{key}" for d in merged["drafts"] for key in SENT_KEYS}
    for side in (mine, theirs):
        side_flat = flat(side)
        for path, value in side_flat.items():
            state = path.split(".")[0] + ".state"
            if path in sent and kept[state] == "sent" and side_flat[state] != "sent":
                continue
            if before.get(path, MISSING) != value:
                assert kept.get(path, MISSING) == value or value in held.get(path, []), path
    assert merged["rev"] >= max(mine["rev"], theirs["rev"])


@settings(max_examples=100, deadline=None)
@given(triples())
def test_a_merged_record_reads_back(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    merged, _ = merged_of(*records)
    assert interview_to_dict(interview_from_dict(merged)) == merged


@settings(max_examples=200, deadline=None)
@given(triples())
def test_a_draft_sent_on_either_side_is_sent_in_the_merge(
    records: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    merged, conflicts = merged_of(*records)
    for side in records[1:]:
        for draft in side["drafts"]:
            if draft["state"] == "sent":
                assert item(merged, "drafts", draft["id"])["state"] == "sent"
                # and no conflict that could unsend it (two drafts neither side sent, one
                # queued and one not, may differ in state: that is a conflict like any other)
                assert not [
                    c
                    for c in conflicts
                    if c["path"].startswith(f"drafts[{draft['id']}]")
                    and c["path"].endswith(".state")
                ]
