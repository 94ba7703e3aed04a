"""A Summary says of an interview what the record itself says: the lists, counts and the
calendar read summaries, the detail and the forms read records, and the two must agree."""

from __future__ import annotations

import pytest

from afterword.demo import demo_interviews
from afterword.domain.agenda import open_items
from afterword.domain.follow_up_rules import waiting_for
from afterword.domain.model import Interview
from afterword.domain.records import interview_to_dict
from afterword.domain.schedule import last_heard
from afterword.domain.summary import summarize
from tests.conftest import NOW


@pytest.mark.parametrize("interview", demo_interviews(NOW), ids=lambda i: i.company)
def test_a_summary_agrees_with_its_record(interview: Interview) -> None:
    s = summarize(interview)
    assert (s.id, s.company, s.role, s.stage, s.status, s.when) == (
        interview.id,
        interview.company,
        interview.role,
        interview.stage,
        interview.status,
        interview.when,
    )
    assert s.lead_key == interview.lead_key and s.is_active == interview.is_active
    assert list(s.open_follow_ups) == interview.open_follow_ups()
    assert [s.waiting_for(f) for f in s.open_follow_ups] == [
        waiting_for(interview, f) for f in interview.open_follow_ups()
    ]
    assert list(s.items) == open_items([interview_to_dict(interview)])
    assert s.heard == last_heard(interview)
    assert s.owes_thank_you == any(
        f.kind == "thank_you" and f.is_open for f in interview.follow_ups
    )
    assert s.has_drafts == any(d.state == "draft" for d in interview.drafts)
    assert s.interviewers == tuple(p.name for p in interview.interviewers)
    assert s.conflicts == len(interview.conflicts)
    opened = interview.open_follow_ups()
    first = min(opened, key=lambda f: f.due.replace(tzinfo=None)) if opened else None
    assert s.next_follow_up() == first


def test_the_demo_has_what_the_summary_test_needs() -> None:
    interviews = demo_interviews(NOW)
    summaries = [summarize(i) for i in interviews]
    assert any(s.owes_thank_you for s in summaries)
    assert any(not s.open_follow_ups for s in summaries)
