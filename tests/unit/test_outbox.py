"""The outbox states: every move, the ones refused, and which follow-ups a sent draft completes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from afterword.domain.model import Draft, FollowUp, Interview, Person, Recruiter
from afterword.domain.outbox import (
    OutboxError,
    follow_ups_done_by,
    is_uncertain,
    mark_not_sent,
    mark_sent_by_hand,
    queue,
    record_failure,
    record_sent,
    start_sending,
    why_not_sendable,
)
from afterword.domain.schedule import mark_done, schedule_follow_ups
from tests.conftest import NOW

T = datetime(2026, 11, 24, 14, 0)


def in_state(state: str, message_id: str = "") -> Draft:
    return Draft(to=["dana@acme.example"], state=state, message_id=message_id)


def test_draft_and_queued_may_be_sent() -> None:
    assert why_not_sendable(in_state("draft")) is None
    assert why_not_sendable(in_state("queued")) is None


@pytest.mark.parametrize("state", ["sending", "unknown"])
def test_maybe_sent_is_never_sendable(state: str) -> None:
    draft = in_state(state, "<a@x.example>")
    assert why_not_sendable(draft) == (
        "It may have been sent already (the connection broke while sending): check your Sent "
        "folder, then mark it sent or not sent."
    )
    assert is_uncertain(draft)
    with pytest.raises(OutboxError, match="may have been sent"):
        queue(draft, "<b@x.example>")
    with pytest.raises(OutboxError, match="may have been sent"):
        start_sending(draft)
    assert draft.state == state and draft.message_id == "<a@x.example>"


def test_sent_says_when() -> None:
    draft = in_state("sent")
    draft.sent_at = NOW
    assert why_not_sendable(draft) == (
        "It was sent on Wed 25 Nov 2026, 09:00; write a new draft to send another email."
    )
    with pytest.raises(OutboxError, match=r"^Cannot queue it: it was sent on"):
        queue(draft, "<b@x.example>")
    with pytest.raises(OutboxError):
        mark_sent_by_hand(draft, NOW)


def test_an_unknown_state_is_not_sendable() -> None:
    assert "not one Afterword knows" in (why_not_sendable(in_state("lost")) or "")


def test_queue_fixes_the_message_id() -> None:
    draft = in_state("draft")
    queue(draft, "<first@x.example>")
    assert (draft.state, draft.message_id) == ("queued", "<first@x.example>")
    queue(draft, "<second@x.example>")
    assert draft.message_id == "<first@x.example>"


def test_the_happy_path() -> None:
    draft = in_state("draft")
    queue(draft, "<m@x.example>")
    start_sending(draft)
    assert draft.state == "sending" and is_uncertain(draft)
    record_sent(draft, NOW)
    assert (draft.state, draft.sent_at, draft.message_id) == ("sent", NOW, "<m@x.example>")


def test_sending_needs_queueing_first() -> None:
    with pytest.raises(OutboxError, match="queue it first"):
        start_sending(in_state("draft"))


def test_a_failure_that_sent_nothing_goes_back_to_queued() -> None:
    draft = in_state("sending", "<m@x.example>")
    record_failure(draft, maybe_sent=False)
    assert (draft.state, draft.message_id) == ("queued", "<m@x.example>")


def test_a_failure_that_may_have_sent_is_unknown() -> None:
    draft = in_state("sending", "<m@x.example>")
    record_failure(draft, maybe_sent=True)
    assert draft.state == "unknown"


@pytest.mark.parametrize("state", ["draft", "queued", "sent", "unknown"])
def test_results_are_recorded_only_while_sending(state: str) -> None:
    with pytest.raises(OutboxError):
        record_sent(in_state(state), NOW)
    with pytest.raises(OutboxError):
        record_failure(in_state(state), maybe_sent=False)


@pytest.mark.parametrize("state", ["draft", "queued", "sending", "unknown"])
def test_mark_sent_by_hand(state: str) -> None:
    draft = in_state(state)
    mark_sent_by_hand(draft, NOW)
    assert (draft.state, draft.sent_at) == ("sent", NOW)


@pytest.mark.parametrize("state", ["sending", "unknown"])
def test_mark_not_sent_is_the_users_decision(state: str) -> None:
    draft = in_state(state, "<m@x.example>")
    mark_not_sent(draft)
    assert (draft.state, draft.message_id) == ("queued", "<m@x.example>")
    assert why_not_sendable(draft) is None


@pytest.mark.parametrize("state", ["draft", "queued", "sent"])
def test_mark_not_sent_only_when_in_doubt(state: str) -> None:
    with pytest.raises(OutboxError, match="Cannot mark it not sent"):
        mark_not_sent(in_state(state))


# ---------------------------------------------------------------- follow-ups a sent draft does


def an_interview(recruiter: Recruiter | None = None) -> Interview:
    item = Interview(
        company="Acme Robotics",
        when=T,
        interviewers=[
            Person("Dana Whitfield", email="dana@acme.example"),
            Person("Ravi Iyer", email="ravi@acme.example"),
        ],
        recruiter=recruiter,
    )
    item.follow_ups = schedule_follow_ups(item)
    return item


def sent(template: str, person: str = "") -> Draft:
    return Draft(template=template, person=person, state="sent", sent_at=NOW)


def kinds(items: list[FollowUp]) -> list[tuple[str, str]]:
    return [(f.kind, f.person) for f in items]


def test_a_thank_you_completes_that_persons_thank_you() -> None:
    item = an_interview()
    done = follow_ups_done_by(item, sent("thank-you", "dana  whitfield"))
    assert kinds(done) == [("thank_you", "Dana Whitfield")]
    mark_done(item, done[0].id, NOW)
    assert follow_ups_done_by(item, sent("thank-you", "Dana Whitfield")) == []
    assert follow_ups_done_by(item, sent("thank-you", "")) == []


def test_via_recruiter_completes_every_open_thank_you() -> None:
    item = an_interview(Recruiter("Sam Ortiz", direct_contact="forward"))
    done = follow_ups_done_by(item, sent("via-recruiter", "Sam Ortiz"))
    assert sorted(kinds(done)) == [("thank_you", "Dana Whitfield"), ("thank_you", "Ravi Iyer")]


def test_ask_recruiter_completes_the_question() -> None:
    item = an_interview(Recruiter("Sam Ortiz"))
    done = follow_ups_done_by(item, sent("ask-recruiter", "Sam Ortiz"))
    assert kinds(done) == [("ask_recruiter", "Sam Ortiz")]


def test_check_in_completes_the_earliest_open_check_in() -> None:
    item = an_interview()
    first = next(f for f in item.follow_ups if f.kind == "check_in")
    later = FollowUp(kind="check_in", due=first.due + timedelta(days=7), person="Dana Whitfield")
    item.follow_ups.insert(0, later)
    assert follow_ups_done_by(item, sent("check-in")) == [first]
    first.done_at = NOW
    assert follow_ups_done_by(item, sent("check-in")) == [later]


@pytest.mark.parametrize("template", ["close-out", "my-own"])
def test_other_templates_complete_nothing(template: str) -> None:
    assert follow_ups_done_by(an_interview(), sent(template, "Dana Whitfield")) == []


def test_an_unsent_draft_completes_nothing() -> None:
    draft = sent("thank-you", "Dana Whitfield")
    draft.state = "unknown"
    assert follow_ups_done_by(an_interview(), draft) == []


def test_a_thank_you_to_a_found_address_also_completes_the_search_and_keeps_it() -> None:
    from afterword.domain.outbox import learn_address

    item = an_interview()
    item.interviewers[1].email = ""
    item.follow_ups = schedule_follow_ups(item)
    draft = sent("thank-you", "Ravi Iyer")
    draft.to = ["Ravi Iyer <ravi.iyer@acme.example>"]
    assert sorted(kinds(follow_ups_done_by(item, draft))) == [
        ("find_email", "Ravi Iyer"),
        ("thank_you", "Ravi Iyer"),
    ]
    assert learn_address(item, draft) == "ravi.iyer@acme.example"
    assert item.interviewers[1].email == "ravi.iyer@acme.example"
    # An address on record is never replaced, and an unsent draft teaches nothing.
    draft.to = ["Other <other@acme.example>"]
    assert learn_address(item, draft) == ""
    assert item.interviewers[1].email == "ravi.iyer@acme.example"
    item.interviewers[0].email = ""
    unsent = Draft(template="thank-you", person="Dana Whitfield", to=["dana@acme.example"])
    assert learn_address(item, unsent) == ""


def test_completing_after_a_send_marks_the_follow_ups_done_and_learns_the_address() -> None:
    from afterword.domain.outbox import complete_follow_ups
    from afterword.domain.settings import ScheduleSettings

    item = an_interview()
    item.interviewers[1].email = ""
    item.follow_ups = schedule_follow_ups(item)
    draft = sent("thank-you", "Ravi Iyer")
    draft.to = ["Ravi Iyer <ravi.iyer@acme.example>"]
    assert complete_follow_ups(item, draft, NOW, ScheduleSettings()) is False
    assert follow_ups_done_by(item, draft) == []
    assert item.interviewers[1].email == "ravi.iyer@acme.example"
