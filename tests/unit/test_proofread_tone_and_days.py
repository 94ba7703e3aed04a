"""The proofreader's checks of what the user's record brings into the letter: self-criticism
from the debrief, the interviewer's "by Friday" once that Friday has passed, and the debrief's
own words, which are never spelling mistakes. Ordinary polite letters give none of them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.compose.spelling import Spelling
from afterword.domain.model import Debrief, Interview, Person
from afterword.domain.proofread import Finding, ProofContext, proof_context, proofread
from afterword.domain.proofread.text import Text
from afterword.domain.self_critical import SELF_CRITICAL, self_critical_spans, self_critical_words

INTERVIEW = datetime(2026, 12, 1, 14, 0)  # a Tuesday
DAY_AFTER = date(2026, 12, 2)  # Wednesday: the thank-you's day
SATURDAY = date(2026, 12, 5)  # the Friday after the interview has passed


def northwind() -> Interview:
    return Interview(
        company="Norrland Freight",
        role="Platform Engineer",
        when=INTERVIEW,
        interviewers=[Person("Dana Whitfield", "Eng Manager"), Person("Priya Raman")],
        debrief=Debrief(
            focus="event streams and consumer groups",
            went_well="walked through the queue redesign",
            went_poorly="fumbled the question on Kafka partition rebalancing",
            next_steps="they will decide by Friday",
            notes="Priya mentioned idempotent consumers and backpressure",
        ),
    )


def ctx_on(
    today: date, template: str = "thank-you", interview: Interview | None = None
) -> ProofContext:
    return proof_context(
        interview or northwind(),
        addressee="Dana Whitfield",
        template=template,
        sender="Alex Morgan",
        other_companies=["Acme Robotics"],
        today=today,
    )


@pytest.fixture(scope="module")
def speller() -> Spelling:
    return Spelling.load(ctx_on(DAY_AFTER).known_words)


def letter(middle: str) -> str:
    return (
        "Dear Dana,\n\nThank you for your time on Tuesday.\n\n"
        f"{middle}\n\nBest regards,\nAlex Morgan\n"
    )


def found(body: str, ctx: ProofContext, kind: str, speller: Spelling | None = None) -> list[str]:
    """The text each finding of ``kind`` points at."""
    lines = body.split("\n")
    return [
        lines[f.line - 1][f.column - 1 : f.column - 1 + f.length]
        for f in proofread("Thank you", body, ctx, speller)
        if f.kind == kind
    ]


# -- ordinary polite letters: no finding at all ------------------------------------------------

POLITE = [
    # a thank-you the day after, with the decision still ahead
    """\
Dear Dana,

Thank you for taking the time to meet me yesterday about the Platform Engineer role at Norrland \
Freight. I enjoyed our conversation about how the team handles failover between regions, and the \
strengths and weaknesses of each approach to retrying failed payments.

Having walked through the queue redesign with you, I am even more keen on the role. The idea of \
moving the nightly batch to event streams is exactly the work I like.

You mentioned a decision by Friday; I look forward to hearing from you then.

Best regards,
Alex Morgan
""",
    # the same week, naming the date in words, and a technical aside
    """\
Hi Dana,

Many thanks for yesterday's conversation. I keep thinking about your point on weak consistency \
and how the consumers stay idempotent without fail, even when a node fails over.

I look forward to hearing from you by Friday 4 December, and I am happy to send a short write-up \
of the migration I mentioned before then.

Kind regards,
Alex Morgan
""",
    # written a week later: it looks back, and promises no past day
    """\
Dear Dana,

Thank you again for meeting me last Tuesday. I stumbled upon your team's talk on backpressure \
since then, and it made me even more excited about the role.

I look forward to hearing about the next steps whenever the team is ready.

All the best,
Alex Morgan
""",
]


@pytest.mark.parametrize(
    ("body", "today"),
    [
        (POLITE[0], DAY_AFTER),
        (POLITE[0], date(2026, 12, 3)),
        (POLITE[1], DAY_AFTER),
        (POLITE[1], date(2026, 12, 4)),
        (POLITE[2], date(2026, 12, 9)),
    ],
    ids=["day-after", "two-days-after", "dated", "on-the-day", "a-week-later"],
)
def test_ordinary_polite_letters_give_no_finding(body: str, today: date, speller: Spelling) -> None:
    assert self_critical_words(body) == []
    assert proofread("Thank you", body, ctx_on(today), speller) == []


# -- self-criticism ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I fumbled the question on Kafka partition rebalancing.", ["fumbled"]),
        ("Sorry for fumbling that one; I FUMBLE under pressure.", ["fumbling", "FUMBLE"]),
        ("I blanked on the heap question.", ["blanked"]),
        ("My mind went\nblank there.", ["went\nblank"]),
        ("I messed up the estimate.", ["messed up"]),
        ("I know I struggled with the design round.", ["struggled"]),
        ("The team struggled to follow me.", ["struggled"]),  # whoever it was: not in a letter
        ("That was a bad answer, and my weakest.", ["bad answer", "weakest"]),
        ("My answer on SQL was weak.", ["weak"]),
        ("I failed to explain the sharding.", ["failed"]),
        ("I was nervous at the start.", ["nervous"]),
        ("I froze, then botched the proof.", ["froze", "botched"]),
        ("I froze up and rambled.", ["froze up", "rambled"]),  # one stretch, not two
        ("I couldn’t answer; I COULDN'T  ANSWER.", ["couldn’t answer"]),  # once each
    ],
)
def test_self_critical_words_are_found_in_any_form_and_case(text: str, words: list[str]) -> None:
    assert self_critical_words(text) == words


@pytest.mark.parametrize(
    "text",
    [
        "We spoke of strengths and weaknesses.",
        "A small tweak to the failover design.",
        "The service fails over in seconds, and failed payments are retried.",
        "It is fail-safe and it fails fast.",
        "Weak consistency, weak references, weakly typed.",
        "It works every time without fail.",
        "I stumbled upon your blog; the main stumbling block was scale.",
        "Your work on the nervous system models is fascinating.",
        "We froze the schema before the release.",
        "Frozen, blanket, bloomed, strugglers, nervy.",
    ],
)
def test_near_misses_are_not_self_critical(text: str) -> None:
    assert self_critical_words(text) == []


def test_every_entry_of_the_list_is_found_as_written() -> None:
    for phrase in SELF_CRITICAL:
        assert self_critical_words(f"About that: {phrase}.") == [phrase], phrase


def test_the_proofreader_flags_self_criticism_in_any_draft() -> None:
    body = letter(
        "I would like to come back to the question I fumbled: on Kafka partition rebalancing, "
        "I was nervous and my answer was weak."
    )
    assert found(body, ctx_on(DAY_AFTER), "self_critical") == ["fumbled", "nervous", "weak"]
    said = letter("I couldn’t answer the heap one; Dana's weak-consistency question was a treat.")
    assert found(said, ctx_on(DAY_AFTER), "self_critical") == ["couldn’t answer"]
    (first, *_) = [
        f for f in proofread("Thank you", body, ctx_on(DAY_AFTER)) if f.kind == "self_critical"
    ]
    assert first.severity == "warning" and "what you can do" in first.message
    # in the subject too, and in every kind of email
    subject = proofread("Sorry I blanked", letter("Good talk."), ctx_on(DAY_AFTER, "check-in"))
    assert [(f.line, f.kind) for f in subject] == [(0, "self_critical")]


# -- a day that has passed, counted from the interview -----------------------------------------


def test_by_friday_after_that_friday_is_a_finding_read_from_the_interview() -> None:
    body = letter("You mentioned the next steps: they will decide by Friday.")
    assert found(body, ctx_on(SATURDAY), "past_next_step") == ["Friday"]
    (finding,) = [f for f in proofread("Thanks", body, ctx_on(SATURDAY)) if f.kind != "spelling"]
    assert "Friday 4 December" in finding.message and "Tuesday 1 December" in finding.message
    # before it, or on it, the Friday is ahead
    assert found(body, ctx_on(DAY_AFTER), "past_next_step") == []
    assert found(body, ctx_on(date(2026, 12, 4)), "past_next_step") == []


def test_a_dated_friday_that_has_passed_is_one_finding() -> None:
    body = letter("I look forward to hearing by Friday 4 December.")
    assert found(body, ctx_on(SATURDAY), "past_next_step") == ["Friday 4 December"]


@pytest.mark.parametrize(
    ("text", "today", "pointed"),
    [
        ("They hope to decide next week.", date(2026, 12, 12), ["next week"]),
        ("They will get back by the end of next week.", date(2026, 12, 14), ["end of next week"]),
        ("I look forward to hearing from you this week.", SATURDAY, ["this week"]),
        ("The next step is a call on Thursday.", SATURDAY, ["Thursday"]),
        ("I look forward to the call next Monday.", date(2026, 12, 8), ["next Monday"]),
        ("I look forward to hearing by Tuesday.", date(2026, 12, 9), ["Tuesday"]),
    ],
)
def test_weeks_and_weekdays_that_have_passed(text: str, today: date, pointed: list[str]) -> None:
    assert found(letter(text), ctx_on(today), "past_next_step") == pointed


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("They hope to decide next week.", date(2026, 12, 11)),  # its Friday is today
        ("I look forward to the call next Monday.", date(2026, 12, 7)),
        ("Thank you for meeting me on Tuesday; I look forward to hearing from you.", SATURDAY),
        ("I enjoyed our chat on Wednesday about the roadmap.", SATURDAY),  # no next step
        ("Since Monday I have read your blog, and I will share notes.", date(2026, 12, 9)),
        ("I hope last Friday's release went well; I look forward to hearing.", SATURDAY),
    ],
)
def test_days_that_are_ahead_or_looked_back_on(text: str, today: date) -> None:
    assert found(letter(text), ctx_on(today), "past_next_step") == []


def test_a_check_in_looks_back_on_their_friday() -> None:
    body = letter("You said you would decide by Friday; is there any news?")
    assert found(body, ctx_on(SATURDAY, "check-in"), "past_next_step") == []
    assert found(body, ctx_on(SATURDAY, "thank-you"), "past_next_step") == ["Friday"]


# -- the user's own words are never spelling mistakes ------------------------------------------


def test_words_from_the_debrief_are_never_spelling_findings(speller: Spelling) -> None:
    body = letter(
        "On Kafka partition rebalancing, consumers rejoin the group and resume; with "
        "backpressure they stay idempotent."
    )
    assert found(body, ctx_on(DAY_AFTER), "spelling", speller) == []
    plain = northwind()
    plain.debrief = Debrief()
    assert "rebalancing" in found(body, ctx_on(DAY_AFTER, interview=plain), "spelling", speller)


def test_a_name_misspelt_in_the_debrief_is_still_a_name_finding(speller: Spelling) -> None:
    interview = northwind()
    interview.debrief.notes = "Dnaa asked about Kafka"
    interview.debrief.next_steps = ""  # no decision day: the email need not name one
    body = "Dear Dnaa,\n\nThank you for your time.\n\nBest regards,\nAlex Morgan\n"
    findings: list[Finding] = proofread("Thanks", body, ctx_on(DAY_AFTER, interview=interview))
    assert [f.kind for f in findings] == ["name_spelling"]


_PIECES = [*SELF_CRITICAL, "failed payments", "without", "I", "my", "a", "up", "-", "'", "\n"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=12),
    st.sampled_from(" \n-"),
)
def test_the_quick_search_finds_what_each_pattern_finds(pieces: list[str], glue: str) -> None:
    """Words looked up in a set, then found with str.find: the same spans as the pattern of
    each entry run over the whole text (what it stands in for)."""
    from afterword.domain.self_critical import _EACH, _allowed_out

    text = glue.join(pieces)
    every = _allowed_out(text, [m.span() for each in _EACH for m in each.finditer(text)])
    assert self_critical_spans(text) == every
    # and with the words as the proofreader reads them ("couldn't" one word, "weak's" too; an
    # address blanked out)
    read = Text.read(text)
    every = _allowed_out(read.text, [m.span() for each in _EACH for m in each.finditer(read.text)])
    assert self_critical_spans(read.text, read.lower, read.low) == every
