"""Sample interviews: the demo database (``--demo``) and large databases for the benches.

Deterministic for a given ``now`` and seed, so screenshots and benches repeat.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

from afterword.domain.model import Debrief, Draft, FollowUp, Interview, Person, Recruiter
from afterword.domain.schedule import (
    cancel_earlier_rounds,
    change_status,
    mark_done,
    schedule_follow_ups,
)

COMPANIES = [
    ("Acme Robotics", "acme.example"),
    ("Northwind Health", "northwind.example"),
    ("Bluefin Analytics", "bluefin.example"),
    ("Tessellate", "tessellate.example"),
    ("Harbor & Pine", "harborpine.example"),
    ("Quillstone Labs", "quillstone.example"),
    ("Larkspur Energy", "larkspur.example"),
    ("Meridian Freight", "meridian.example"),
    ("Oakline Bank", "oakline.example"),
    ("Pebble Games", "pebble.example"),
    ("Cobalt Civic", "cobaltcivic.example"),
    ("Juniper Learning", "juniper.example"),
    ("Saltmarsh Media", "saltmarsh.example"),
    ("Vantage Logistics", "vantage.example"),
    ("Foxglove Bio", "foxglove.example"),
    ("Ridgeback Security", "ridgeback.example"),
]
ROLES = [
    "Backend Engineer",
    "Senior Python Developer",
    "Site Reliability Engineer",
    "Data Engineer",
    "Platform Engineer",
    "Engineering Manager",
    "Developer Advocate",
    "Staff Software Engineer",
    "Infrastructure Engineer",
    "Full-Stack Developer",
]
STAGES = ["Phone screen", "Technical", "Take-home review", "Onsite", "Final", "Hiring manager"]
WHERE = ["Video call", "Phone", "Office, 3rd floor", "Video call (Zoom)", "Café near the office"]
FIRST = [
    "Dana",
    "Priya",
    "Marcus",
    "Elena",
    "Tomás",
    "Aisha",
    "Jonas",
    "Mei",
    "Oluwaseun",
    "Grace",
    "Henrik",
    "Lucía",
    "Kwame",
    "Sofia",
    "Ravi",
    "Ingrid",
    "Mateo",
    "Yuki",
    "Noah",
    "Fatima",
]
LAST = [
    "Whitfield",
    "Raman",
    "Okafor",
    "Novak",
    "Herrera",
    "Khan",
    "Lindqvist",
    "Chen",
    "Adeyemi",
    "Park",
    "Sørensen",
    "Morales",
    "Mensah",
    "Rossi",
    "Iyer",
    "Berg",
    "Silva",
    "Tanaka",
]
TITLES = [
    "Engineering Manager",
    "Staff Engineer",
    "Head of Platform",
    "CTO",
    "Senior Engineer",
    "Talent Partner",
    "Product Lead",
    "Director of Engineering",
    "Tech Lead",
]
AGENCIES = [
    ("Sam Ortiz", "TalentBridge", "tb.example"),
    ("Claire Dubois", "Hirewell", "hw.example"),
    ("Ben Achterberg", "Northstar Search", "ns.example"),
]
TONES = [
    "Warm and relaxed",
    "Brisk but friendly",
    "Formal, a panel of three",
    "Conversational; ran over by ten minutes",
    "Tough questions, good rapport",
]
FOCUS = [
    "System design of a queue; on-call stories",
    "Python internals and testing habits",
    "Leading a migration; handling a missed deadline",
    "SQL modelling and data quality",
    "Kubernetes, incident response, cost control",
    "Mentoring and code review culture",
]
WELL = [
    "The design discussion flowed; they liked the idempotency idea.",
    "My story about the payments outage landed well.",
    "Good questions from me about their roadmap; they took notes.",
    "The pairing exercise finished early, with tests.",
]
POORLY = [
    "Froze on the Big-O of the heap question.",
    "Rambled on the conflict question; should have used a concrete example.",
    "Did not know their product line well enough.",
    "Ran out of time before asking about the team's on-call load.",
]
NEXT = [
    "They will decide by Friday and call either way.",
    "Next round would be the onsite; feedback within a week.",
    "Hiring manager to get back by the end of next week.",
    "Recruiter will pass on feedback in a few days.",
]
# The same, for a debrief with no Decision by: a date in the next steps would count as the
# decision date (rule 4), so these name none and the check-in stays at T + 5 business days.
UNDATED = [
    "They will decide soon and call either way.",
    "Next round would be the onsite; feedback to follow.",
    "Hiring manager to get back once the panel has met.",
    "Recruiter will pass on feedback in a few days.",
]
# The email lines of each demo debrief fit its own notes: a Remember-me detail for each focus,
# a Reinforce or Recoup line for some of what went well or not (the others show the letter
# building that R from the debrief itself). Written as sentences of the letter.
REMEMBER = [
    "we both started out writing firmware for weather stations",
    "I maintain a small open-source library for property-based testing",
    "I moved a twelve-year-old billing system to the cloud",
    "I rebuilt the data-quality checks for a city bike scheme",
    "we both cycle to work along the river",
    "I run a weekly code-review club for junior developers",
]
REINFORCE = [
    "Idempotent consumers are how I have kept queues like yours safe to retry, and I would "
    "enjoy bringing that to your pipeline",
    "",
    "",
    "Pairing with you, tests first, felt exactly like the way I most like to work",
]
RECOUP = [
    "One more thought on the heap question: a push and a pop are O(log n), and peeking at "
    "the top is O(1)",
    "To give a concrete example on conflict, when two teams disagreed over an API change I "
    "ran a short design review, and we shipped one version both teams could use",
    "",
    "I did not get to ask about on-call, and I would love to hear how the team shares it",
]
PARAGRAPHS = [
    "Talked through their order pipeline, sharded by tenant; the nightly batch keeps slipping.",
    "I described moving a similar job to an event stream with idempotent consumers.",
    "They pushed on failure modes: retries, poison messages, the dashboard we built.",
    "The manager wants someone who can mentor two juniors; say more about that next time.",
]
PARAGRAPH = " ".join(PARAGRAPHS)


def _person(rng: random.Random, domain: str, with_email: bool) -> Person:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    plain = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace("ø", "o"))
    email = f"{plain.encode('ascii', 'ignore').decode()}@{domain}"
    return Person(
        name=f"{first} {last}", title=rng.choice(TITLES), email=email if with_email else ""
    )


def make_interview(
    rng: random.Random, when: datetime, *, big: bool = False, status: str = "active"
) -> Interview:
    """One realistic interview at ``when`` (``big``: long notes, about 2 KB, for scale tests)."""
    company, domain = rng.choice(COMPANIES)
    count = rng.choice((2, 3)) if big else rng.choice((1, 1, 2, 3))
    people = [_person(rng, domain, rng.random() > 0.2) for _ in range(count)]
    recruiter = None
    if rng.random() < 0.4:
        name, agency, agency_domain = rng.choice(AGENCIES)
        email = f"{name.split()[0].lower()}@{agency_domain}"
        recruiter = Recruiter(
            name=name,
            agency=agency,
            email=email,
            phone="+44 20 7946 0000",
            direct_contact=rng.choice(("ask", "allowed", "forward")),
        )
    notes = "\n\n".join(PARAGRAPHS[:3]) if big else rng.choice(["", PARAGRAPH])
    decision = (
        (when + timedelta(days=rng.choice((2, 3, 5, 7)))).date() if rng.random() < 0.7 else None
    )
    tone, focus = rng.choice(TONES), rng.choice(FOCUS)
    well, poorly = rng.choice(WELL), rng.choice(POORLY)
    debrief = Debrief(
        tone=tone,
        focus=focus,
        went_well=well,
        went_poorly=poorly,
        next_steps=(NEXT if decision else UNDATED)[NEXT.index(rng.choice(NEXT))],
        decision_by=decision,
        still_interested=rng.choice(("yes", "yes", "yes", "unsure")),
        remember=REMEMBER[FOCUS.index(focus)],
        reinforce=REINFORCE[WELL.index(well)],
        recoup=RECOUP[POORLY.index(poorly)],
        notes=notes,
    )
    interview = Interview(
        company=company,
        role=rng.choice(ROLES),
        stage=rng.choice(STAGES),
        when=when,
        where=rng.choice(WHERE),
        interviewers=people,
        recruiter=recruiter,
        debrief=debrief,
    )
    interview.follow_ups = schedule_follow_ups(interview)
    if status != "active":
        change_status(interview, status)
    return interview


def _every_follow_up(interview: Interview) -> Iterator[FollowUp]:
    """The follow-ups, including the ones added while going through them."""
    seen = 0
    while seen < len(interview.follow_ups):
        yield interview.follow_ups[seen]
        seen += 1


def _settle_past(
    interview: Interview, now: datetime, rng: random.Random, drafts: float = 1.0
) -> None:
    """Act on what a diligent user would have done by now (most, not all, of it).

    A month after the interview everything is settled: the follow-ups are done, and the
    check-ins they brought have run their course.
    """
    settled = interview.when < now - timedelta(days=30)
    for item in _every_follow_up(interview):
        if item.is_open and item.due < now - timedelta(hours=rng.choice((2, 20, 30, 60))):
            if item.kind == "check_in" and not settled and rng.random() < 0.5:
                continue
            mark_done(interview, item.id, min(item.due + timedelta(hours=1), now))
            if item.kind == "thank_you" and rng.random() < drafts:
                person = next((p for p in interview.interviewers if p.name == item.person), None)
                interview.drafts.append(
                    Draft(
                        template="thank-you",
                        person=item.person,
                        to=[person.email] if person and person.email else [],
                        subject=f"Thank you — {interview.role} interview",
                        body=f"Dear {item.person.split()[0]},\n\nThank you for your time…",
                        state="sent",
                        sent_at=item.done_at,
                    )
                )


def demo_interviews(now: datetime, seed: int = 7) -> list[Interview]:
    """About 25 interviews over the last three weeks and the next one, in every status."""
    rng = random.Random(seed)
    today = now.date()
    statuses = ["offer", "accepted", "rejected", "withdrawn", "cold"]
    out: list[Interview] = []
    for n in range(25):
        day = today + timedelta(days=rng.randint(-21, 7))
        if n == 0:
            day = today  # one fresh from this morning: the debrief to write now
        status = "active"
        if n % 4 == 3:  # every fourth interview has moved on: each closing status in turn
            status = statuses[(n // 4) % len(statuses)]
            day = min(day, today - timedelta(days=3 + n % 5))
        when = datetime.combine(day, time(rng.choice((9, 10, 11, 14, 15, 16)), rng.choice((0, 30))))
        if n == 0:
            when = min(when, now - timedelta(hours=1))
        interview = make_interview(rng, when, status=status)
        _own_lead_if_closed(interview, out)
        if when > now:  # not happened yet: nothing to debrief
            interview.debrief = Debrief()
            interview.follow_ups = schedule_follow_ups(interview)
        if when < now:
            _settle_past(interview, now, rng)
        out.append(interview)
    # Rule 7: each round was saved after the ones before it, and counted as their reply.
    for interview in sorted(out, key=lambda i: i.when):
        cancel_earlier_rounds(interview, out)
    return out


CLOSED = ("accepted", "rejected", "withdrawn", "cold")


def _own_lead_if_closed(interview: Interview, others: list[Interview]) -> None:
    """A round that would share its lead with a closed one (or close a lead that goes on)
    applies for another role of the company instead: nobody interviews again for a job
    accepted or turned down. Chosen without the generator, so the rest stays as it was."""

    def clash() -> bool:
        return any(
            other.lead_key == interview.lead_key
            and (other.status in CLOSED or interview.status in CLOSED)
            for other in others
        )

    start = ROLES.index(interview.role)
    for step in range(1, len(ROLES)):
        if not clash():
            return
        interview.role = ROLES[(start + step) % len(ROLES)]


def scale_interviews(count: int, now: datetime, seed: int = 11) -> list[Interview]:
    """``count`` big interviews spread over the past two years and the next month."""
    rng = random.Random(seed)
    out = []
    statuses = ["active"] * 6 + ["offer", "accepted", "rejected", "withdrawn", "cold"]
    for _ in range(count):
        day = now.date() - timedelta(days=rng.randint(-30, 730))
        when = datetime.combine(day, time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))))
        interview = make_interview(rng, when, big=True, status=rng.choice(statuses))
        if when < now:
            _settle_past(interview, now, rng, drafts=0.3)
        out.append(interview)
    return out


def write_demo_database(
    path: Path, now: datetime, interviews: list[Interview] | None = None
) -> None:
    """Create ``path`` holding the demo interviews (or the ones given), in one save."""
    from afterword.store.repository import Repository

    with Repository.open(path) as repo:
        repo.add_all(interviews if interviews is not None else demo_interviews(now))
