"""The recovery file: slots, durability, a broken file kept aside, and the autosave thread."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from afterword.store.own_files import what_it_is
from afterword.store.recovery import Recovery, RecoveryFailed, record_problem, recovery_path
from afterword.tui import autosave as autosave_module
from afterword.tui.autosave import Autosave


def test_slots_are_kept_apart_and_dropped_one_by_one(tmp_path: Path) -> None:
    recovery = Recovery(tmp_path / "db.json")
    assert recovery.records() == {}
    recovery.put("debrief", {"values": {"company": "Zephyr"}})
    recovery.put("draft:1", {"values": {"body": "Dear Dana"}})
    record = recovery.get("debrief")
    assert record is not None and record["values"] == {"company": "Zephyr"}
    assert stat.S_IMODE(os.stat(recovery.path).st_mode) == 0o600
    recovery.drop("debrief")
    assert set(recovery.records()) == {"draft:1"}
    recovery.drop("draft:1")
    assert not recovery.path.exists()  # nothing left: no file
    recovery.drop("draft:1")  # dropping twice is fine


@pytest.mark.parametrize("content", [b"{not json", b'{"format": "other"}', b"[]", b"\xff\xfe"])
def test_a_broken_file_is_kept_aside_and_named(tmp_path: Path, content: bytes) -> None:
    path = recovery_path(tmp_path / "db.json")
    path.write_bytes(content)
    recovery = Recovery(tmp_path / "db.json")
    assert recovery.records() == {}
    assert len(recovery.problems) == 1 and "could not be read" in recovery.problems[0]
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("db.json.recovery.broken-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    recovery.put("debrief", {"values": {}})  # and a new one can be written
    assert json.loads(path.read_text())["slots"]["debrief"]["values"] == {}


def test_a_write_that_fails_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    recovery = Recovery(blocker / "db.json")
    with pytest.raises(RecoveryFailed):
        recovery.put("debrief", {"values": {}})
    assert blocker.read_text() == "a file where the folder should be"


def test_autosave_waits_for_a_pause_but_not_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [100.0]
    monkeypatch.setattr(autosave_module.time, "monotonic", lambda: clock[0])
    saver = Autosave(Recovery(tmp_path / "db.json"), "debrief")
    try:
        assert not saver.due()
        saver.touched()
        clock[0] += 0.5
        assert not saver.due()  # still typing
        saver.touched()
        clock[0] += 0.5  # 1.0 s after the first key: written even while typing goes on
        assert saver.due()
        saver.save_soon({"values": {"notes": "a"}})
        assert not saver.due() and not saver.dirty
        saver.touched()
        clock[0] += 0.85  # quiet for 0.8 s and more
        assert saver.due()
        saver.save_soon({"values": {"notes": "ab"}})
        saver.flush()
        record = Recovery(tmp_path / "db.json").get("debrief")
        assert record is not None and record["values"] == {"notes": "ab"}
    finally:
        saver.stop()


def test_autosave_reports_a_failure_once(tmp_path: Path) -> None:
    seen: list[str] = []
    recovery = Recovery(tmp_path / "db.json")

    def fail(slot: str, record: dict[str, object]) -> None:
        raise RecoveryFailed(28, "No space left on device")

    recovery.put = fail  # type: ignore[method-assign]
    saver = Autosave(recovery, "debrief", seen.append)
    try:
        saver.save_soon({"values": {}})
        saver.flush()
        saver.save_soon({"values": {}})
        saver.flush()
        assert not saver.save_now({"values": {}})
    finally:
        saver.stop()
    assert len(seen) == 1
    assert "No space left on device" in seen[0] and "ctrl+s" in seen[0]


def test_forget_removes_the_record(tmp_path: Path) -> None:
    recovery = Recovery(tmp_path / "db.json")
    saver = Autosave(recovery, "debrief")
    saver.save_soon({"values": {"company": "Zephyr"}})
    saver.flush()
    assert recovery.path.exists()
    saver.forget()
    assert not recovery.path.exists()


def test_a_record_is_checked_as_the_forms_write_it() -> None:
    """A hand-edited or older record cannot crash the form it goes back into."""
    good = {"kind": "debrief", "interview_id": None, "values": {"company": "Acme", "notes": None}}
    assert record_problem(good) is None
    assert record_problem({**good, "values": {"interviewers": [{"name": "Dana"}]}}) is None
    assert record_problem({**good, "values": {"company": 123}}) == "company is not text"
    bad_people = {**good, "values": {"interviewers": [1, {"name": None}]}}
    assert record_problem(bad_people) == "interviewer 1 is not a name, title and email"
    assert record_problem({**good, "values": [1]}) == "it holds no form values"
    assert record_problem({**good, "interview_id": 7}) == "interview_id is not text"
    draft = {"kind": "draft", "interview_id": "i1", "to": ["a@b.example"], "body": "Dear Dana"}
    assert record_problem(draft) is None
    assert record_problem({**draft, "to": "a@b.example"}) == "to is not a list of addresses"
    assert record_problem({**draft, "body": ["Dear"]}) == "body is not text"


def test_a_record_set_aside_is_kept_as_text_beside_the_file_and_leaves_the_slots(
    tmp_path: Path,
) -> None:
    recovery = Recovery(tmp_path / "db.json")
    recovery.put("debrief:1", {"values": {"company": 123}})
    recovery.put("debrief:2", {"values": {"company": "Acme"}})
    aside = recovery.set_aside("debrief:1")
    assert aside.parent == tmp_path and aside.name.startswith("db.json.recovery.debrief-1-")
    assert json.loads(aside.read_text(encoding="utf-8"))["values"] == {"company": 123}
    assert stat.S_IMODE(os.stat(aside).st_mode) == 0o600
    assert set(recovery.records()) == {"debrief:2"}
    assert what_it_is(aside, tmp_path / "db.json") is not None  # no export may land on it
    recovery.set_aside("debrief:2")
    assert not recovery.path.exists()
