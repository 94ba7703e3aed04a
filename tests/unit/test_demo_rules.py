"""The demo data obey every schedule rule (docs/schedule.md), at the fixed times the tests,
the README and the issue's morning use and on every morning of a month around them: what
`--demo` shows a new user is what the app itself would have made."""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from itertools import pairwise

import pytest

from afterword.demo import demo_interviews
from afterword.domain.follow_up_rules import DEFAULT, add_business_days, wanted_follow_ups
from afterword.domain.model import FollowUp, Interview
from tests.conftest import NOW

CLOSED = ("accepted", "rejected", "withdrawn", "cold")
MADE_AT_ONCE = ("thank_you", "recruiter_debrief", "ask_recruiter", "find_email")  # rules 1-3
# Rule 6: what a closed lead no longer needs
MOOT_WHEN_CLOSED = ("thank_you", "recruiter_debrief", "find_email", "check_in")
MORNINGS = [
    NOW,  # the tests' clock
    datetime(2026, 11, 27, 8, 30),  # the morning of the issue
    *(datetime(2026, 11, 1, 8, 30) + timedelta(days=n) for n in range(0, 45, 3)),
    datetime(2026, 11, 28, 23, 59),  # a Saturday night
]


def rounds_by_lead(interviews: list[Interview]) -> dict[tuple[str, str], list[Interview]]:
    leads: defaultdict[tuple[str, str], list[Interview]] = defaultdict(list)
    for interview in interviews:
        leads[interview.lead_key].append(interview)
    return {key: sorted(rounds, key=lambda i: i.when) for key, rounds in leads.items()}


def made(interview: Interview, kinds: tuple[str, ...]) -> Counter[tuple[str, str, datetime]]:
    return Counter((f.kind, f.person, f.due) for f in interview.follow_ups if f.kind in kinds)


def check_ins(interview: Interview) -> list[FollowUp]:
    return sorted((f for f in interview.follow_ups if f.kind == "check_in"), key=lambda f: f.due)


def what(interview: Interview) -> str:
    when = interview.when
    return f"{interview.company} · {interview.role} ({when:%a} {when.day} {when:%b %H:%M})"


@pytest.mark.parametrize("now", MORNINGS, ids=lambda now: now.isoformat(timespec="minutes"))
def test_the_demo_obeys_every_schedule_rule(now: datetime) -> None:
    interviews = demo_interviews(now)
    assert len(interviews) == 25
    problems: list[str] = []

    def rule(holds: bool, text: str) -> None:
        if not holds:
            problems.append(text)

    ids = [i.id for i in interviews] + [f.id for i in interviews for f in i.follow_ups]
    rule(len(ids) == len(set(ids)), "ids are unique in the database")
    for interview in interviews:
        name = what(interview)
        recruiter = interview.recruiter
        # Rules 1-3: what the rules call for at once, due when they say (a fresh run of the
        # rules on the interview as it stands, as if still active)
        fresh = copy.deepcopy(interview)
        fresh.status, fresh.replied_at = "active", None
        wanted = wanted_follow_ups(fresh, DEFAULT)
        rule(
            made(interview, MADE_AT_ONCE)
            == Counter((f.kind, f.person, f.due) for f in wanted if f.kind in MADE_AT_ONCE),
            f"{name}: rules 1-3 (thank-yous, recruiter, addresses) as the rules make them",
        )
        thanked = sorted(f.person for f in interview.follow_ups if f.kind == "thank_you")
        rule(
            thanked == sorted(p.name for p in interview.interviewers),
            f"{name}: rule 1, one thank-you per interviewer",
        )
        kinds = Counter(f.kind for f in interview.follow_ups)
        rule(
            kinds["recruiter_debrief"] == (recruiter is not None),
            f"{name}: rule 2, one debrief call with a recruiter, none without",
        )
        asking = recruiter is not None and recruiter.direct_contact == "ask"
        rule(kinds["ask_recruiter"] == asking, f"{name}: rule 2, the question while 'ask'")
        if asking:
            assert recruiter is not None
            for item in interview.follow_ups:
                if item.kind == "thank_you" and item.is_open:
                    rule(
                        recruiter.name in item.title,
                        f"{name}: rule 8, a thank-you says whose answer it waits for",
                    )
        # Rule 9: ask or forward only with a recruiter's name
        if recruiter is not None and recruiter.direct_contact in ("ask", "forward"):
            rule(bool(recruiter.name.strip()), f"{name}: rule 9, forwarding needs a name")
        # Rules 4 and 5: the first check-in from the rules, the next from marking one done
        ins = check_ins(interview)
        first = [f for f in wanted if f.kind == "check_in"]
        rule(
            bool(ins) and [(f.due, f.person) for f in first] == [(ins[0].due, ins[0].person)],
            f"{name}: rule 4, the first check-in",
        )
        rule(len(ins) <= DEFAULT.check_in_max, f"{name}: rule 5, at most two check-ins")
        for before, after in pairwise(ins):
            rule(before.done_at is not None, f"{name}: rule 5, a next check-in after a done one")
            if before.done_at is not None:
                start = max(before.done_at.date(), before.due.date())
                day = add_business_days(start, DEFAULT.check_in_repeat_business_days)
                rule(
                    after.due == datetime.combine(day, time(DEFAULT.check_in_hour)),
                    f"{name}: rule 5, the next check-in 5 business days on, at 09:00",
                )
        open_ins = [f for f in ins if f.is_open]
        rule(len(open_ins) <= 1, f"{name}: one check-in open at a time")
        # Rule 6: a reply or a closed lead leaves nothing that no longer makes sense
        if interview.replied_at is not None:
            rule(not open_ins, f"{name}: rule 6, a reply cancels the check-ins")
        if interview.status in CLOSED:
            moot = [f.title for f in interview.open_follow_ups() if f.kind in MOOT_WHEN_CLOSED]
            rule(not moot, f"{name}: rule 6, closed ({interview.status}) yet open: {moot}")
        # Nothing done, sent or debriefed ahead of the clock
        for item in interview.follow_ups:
            rule(
                item.done_at is None or item.done_at <= now,
                f"{name}: {item.title} done in the future",
            )
        for draft in interview.drafts:
            rule(
                draft.sent_at is None or draft.sent_at <= now,
                f"{name}: an email sent in the future",
            )
        if interview.when > now:
            rule(
                not interview.debrief.went_well and not interview.drafts,
                f"{name}: a debrief or an email of an interview still ahead",
            )
        people = {p.name for p in interview.interviewers}
        people |= {recruiter.name} if recruiter is not None else set()
        for item in interview.follow_ups:
            rule(
                not item.person or item.person in people,
                f"{name}: {item.title} is for someone of this interview",
            )
    # Rule 7: the rounds of one application
    for rounds in rounds_by_lead(interviews).values():
        lead = f"{rounds[0].company} · {rounds[0].role}"
        open_ins = [f for r in rounds for f in r.follow_ups if f.kind == "check_in" and f.is_open]
        rule(len(open_ins) <= 1, f"{lead}: rule 7, {len(open_ins)} check-ins open in one lead")
        for earlier in rounds[:-1]:
            rule(
                not any(f.kind == "check_in" and f.is_open for f in earlier.follow_ups),
                f"{lead}: rule 7, a later round cancels the check-ins of {what(earlier)}",
            )
            rule(
                earlier.status not in CLOSED,
                f"{lead}: a round after the lead was closed ({earlier.status})",
            )
    assert not problems, "\n".join(problems)


def test_the_demo_has_rounds_of_one_lead_and_every_status() -> None:
    """What the rules above are about is in the demo to be seen: a lead of two rounds, and
    every status."""
    interviews = demo_interviews(NOW)
    assert any(len(rounds) > 1 for rounds in rounds_by_lead(interviews).values())
    assert {i.status for i in interviews} == {"active", "offer", *CLOSED}
