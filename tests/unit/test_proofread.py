"""Proofreading against the record: each check fires on its mistake and stays quiet on a near
miss, a clean thank-you gives nothing, and no text makes it fail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.compose.spelling import Spelling, add_user_word, user_words
from afterword.domain.model import Debrief, Interview, Person, Recruiter
from afterword.domain.proofread import (
    KINDS,
    MAX_SUGGESTIONS,
    Finding,
    ProofContext,
    Speller,
    body_start_line,
    parse_text_file,
    proof_context,
    proofread,
)

TODAY = date(2026, 11, 25)  # a Wednesday
DECISION = date(2026, 11, 27)  # the Friday

SUBJECT = "Thank you, Dana: Backend Engineer at Acme Robotics"
CLEAN = """\
Dear Dana,

Thank you for meeting me yesterday about the Backend Engineer role at Acme Robotics. It was a \
real pleasure to talk with you, and I particularly enjoyed our conversation about the order \
pipeline and how the team shards it by tenant.

Having learned more about the role, I am confident it fits my experience: I have run exactly \
this kind of migration, twice, without downtime.

I would also like to come back to one of my answers: on the heap question, a push and a pop are \
O(log n), and peeking is O(1).

You mentioned a decision by Friday 27 November; I look forward to hearing from you then.

Best regards,
Alex Morgan
"""


def make_interview() -> Interview:
    return Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", title="Eng Manager", email="dana@acme.example"),
            Person("Priya Raman", title="Staff Engineer"),
        ],
        recruiter=Recruiter("Sam Ortiz", agency="TalentBridge"),
        debrief=Debrief(decision_by=DECISION),
    )


def context(
    template: str = "thank-you",
    addressee: str = "Dana Whitfield",
    sender: str = "Alex Morgan",
    others: Iterable[str] = ("Northwind Health", "Acme", "Globex", "Notion"),
    user: Iterable[str] = (),
    decision: date | None = DECISION,
) -> ProofContext:
    interview = make_interview()
    interview.debrief.decision_by = decision
    return proof_context(
        interview,
        addressee=addressee,
        template=template,
        sender=sender,
        other_companies=others,
        today=TODAY,
        user_words=user,
    )


CTX = context()


@pytest.fixture(scope="module")
def speller() -> Spelling:
    return Spelling.load(CTX.known_words)


def letter(middle: str, *, greeting: str = "Dear Dana,", signoff: str = "Best,\nAlex") -> str:
    """A thank-you that passes every check but what ``middle`` brings."""
    return (
        f"{greeting}\n\nThank you for your time yesterday.\n\n{middle}\n\n"
        f"I look forward to hearing about the next steps.\n\n{signoff}\n"
    )


def kinds(body: str, ctx: ProofContext = CTX, speller: Speller | None = None) -> list[str]:
    return [f.kind for f in proofread(SUBJECT, body, ctx, speller)]


def only(kind: str, body: str, ctx: ProofContext = CTX, speller: Speller | None = None) -> Finding:
    found = [f for f in proofread(SUBJECT, body, ctx, speller) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


def at(body: str, finding: Finding) -> str:
    """The text a finding highlights."""
    line = body.split("\n")[finding.line - 1]
    return line[finding.column - 1 : finding.column - 1 + finding.length]


# -- a clean email ---------------------------------------------------------------------------


def test_a_clean_realistic_thank_you_gives_no_finding(speller: Spelling) -> None:
    assert proofread(SUBJECT, CLEAN, CTX, speller) == []
    assert proofread(SUBJECT, CLEAN, CTX) == []


def test_the_built_in_letter_helper_is_clean(speller: Spelling) -> None:
    assert proofread(SUBJECT, letter("We spoke about the plans."), CTX, speller) == []


def test_every_kind_is_known_and_findings_are_sorted(speller: Spelling) -> None:
    body = "Hi Priya,\n\nThe the {{ x }} at Globex was great.\n"
    findings = proofread("", body, CTX, speller)
    assert {f.kind for f in findings} <= set(KINDS)
    assert findings == sorted(findings, key=lambda f: (f.line, f.column))
    assert all(f.severity in ("error", "warning") and f.length >= 1 for f in findings)
    assert all(f.message.endswith(".") for f in findings)


# -- placeholder -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "left",
    [
        "{{ person.first_name }}",
        "[[company]]",
        "<name>",
        "<Interviewer Name>",
        "TODO",
        "XXX",
        "{% if debrief.remember %}",
        "[Company Name]",
        "}}",
    ],
)
def test_placeholders_left_in(left: str) -> None:
    body = letter(f"We spoke about {left} and more.")
    finding = only("placeholder", body)
    assert at(body, finding) == left


@pytest.mark.parametrize(
    "text",
    [
        "Write to <dana@acme.example> any time.",
        "My todo list is short.",
        "It is 5 < 6 > 4.",
        "See <https://acme.example/jobs>.",
        "A 100% match.",
        "Sizes XXXL and TODOS.",
    ],
)
def test_near_misses_are_not_placeholders(text: str) -> None:
    assert "placeholder" not in kinds(letter(text))


# -- other_company ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written", ["Northwind Health", "northwind  health", "Northwind\nHealth", "GLOBEX", "Globex"]
)
def test_another_company_named(written: str) -> None:
    body = letter(f"I would love to join {written}'s platform team.")
    finding = only("other_company", body)
    assert finding.suggestion == "Acme Robotics"
    assert "another company" in finding.message
    assert at(body, finding) == written.split("\n")[0]


def test_another_company_in_the_subject_is_line_zero() -> None:
    (finding,) = [f for f in proofread("Thanks from Globex", CLEAN, CTX) if f.line == 0]
    assert (finding.kind, finding.column, finding.length) == ("other_company", 13, 6)


@pytest.mark.parametrize(
    "text",
    [
        "I would love to join Acme Robotics.",
        "The Northwinds are cold.",
        "It is a notion I like.",
        "The acme of design.",
    ],
)
def test_near_misses_of_other_companies(text: str, speller: Spelling) -> None:
    assert "other_company" not in kinds(letter(text), speller=speller)


def test_a_company_that_is_part_of_the_current_one_never_fires() -> None:
    ctx = context(others=["Acme", "Robotics", "acme  robotics"])
    assert kinds(letter("Acme Robotics and Acme's robots, at Acme."), ctx) == []


# -- name_spelling ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Dnaa", "Dana"),
        ("Whitfeld", "Whitfield"),
        ("Whitfiled", "Whitfield"),
        ("Pryia", "Priya"),
        ("Raaman", "Raman"),
        ("Ortis", "Ortiz"),
    ],
)
def test_a_misspelt_name(written: str, right: str, speller: Spelling) -> None:
    body = letter(f"I enjoyed meeting {written} and the team.")
    for checker in (None, speller):
        finding = only("name_spelling", body, speller=checker)
        assert finding.suggestion == right
        assert at(body, finding) == written
        assert "is not how" in finding.message and right in finding.message


def test_a_dictionary_word_written_as_a_name_mid_sentence(speller: Spelling) -> None:
    body = letter("I spoke with Dane about the plans.")
    assert only("name_spelling", body, speller=speller).suggestion == "Dana"


def test_a_misspelt_name_is_not_also_a_spelling_mistake(speller: Spelling) -> None:
    assert kinds(letter("Please thank Whitfeld's team."), speller=speller) == ["name_spelling"]


@pytest.mark.parametrize(
    "text",
    [
        "The data team was kind.",
        "Data matters to me.",
        "Dana Whitfield's team was kind.",
        "Great questions, Grace.",
        "Same for me: the rest was fine.",
        "We spoke of Dan Brown.",
        "The dance of deploys.",
        "Dane is a word.",
    ],
)
def test_near_misses_of_names(text: str, speller: Spelling) -> None:
    assert "name_spelling" not in kinds(letter(text), speller=speller)
    assert "name_spelling" not in kinds(letter(text.replace("Dane", "Dare")))


# -- wrong_greeting and missing_greeting -----------------------------------------------------


@pytest.mark.parametrize(
    ("greeting", "names"),
    [
        ("Hi Priya,", "Priya Raman"),
        ("Dear Priya Raman,", "Priya Raman"),
        ("Hello Bob,", "“Bob”"),
        ("Dear Ms Raman,", "“Ms Raman”"),
    ],
)
def test_the_greeting_names_someone_else(greeting: str, names: str) -> None:
    body = letter("Good talk.", greeting=greeting)
    finding = only("wrong_greeting", body)
    assert finding.suggestion == "Dana"
    assert names in finding.message and "Dana Whitfield" in finding.message
    assert at(body, finding) == greeting.split(" ", 1)[1].rstrip(",")


@pytest.mark.parametrize(
    "greeting",
    [
        "Dear Dana,",
        "Dear Dana Whitfield,",
        "Hello Dana Whitfield",
        "Dear Ms Whitfield,",
        "Hi Dana and Priya,",
        "Hi team,",
        "Hello there,",
        "Dear all,",
        "Good morning Dana!",
        "Hi Acme team,",
        "dear dana,",
        "Dear Dána,",
    ],
)
def test_greetings_that_fit(greeting: str) -> None:
    found = kinds(letter("Good talk.", greeting=greeting))
    assert "wrong_greeting" not in found and "missing_greeting" not in found


def test_a_misspelt_name_in_the_greeting_is_a_spelling_not_a_wrong_person() -> None:
    assert kinds(letter("Good talk.", greeting="Dear Dnaa,")) == ["name_spelling"]


def test_no_greeting() -> None:
    body = "Thank you for your time yesterday.\n\nI look forward to the next steps.\n\nBest,\nAlex"
    finding = only("missing_greeting", body)
    assert (finding.line, finding.column, finding.suggestion) == (1, 1, "Dear Dana,")


def test_an_empty_body_is_one_finding() -> None:
    for body in ("", "\n  \n"):
        (finding,) = proofread(SUBJECT, body, CTX)
        assert (finding.kind, finding.line, finding.message) == (
            "missing_greeting",
            1,
            "The email is empty.",
        )


def test_no_greeting_and_no_addressee() -> None:
    finding = only(
        "missing_greeting", "Thanks for your time.\n\nBest,\nAlex", context(addressee="")
    )
    assert finding.suggestion == "" and "Dear, Hi or Hello" in finding.message


def test_a_greeting_that_names_no_one() -> None:
    finding = only("missing_greeting", letter("Good talk.", greeting="Hi,"))
    assert finding.suggestion == "Hi Dana,"


def test_greeting_checks_need_an_addressee() -> None:
    ctx = context(addressee="")
    assert kinds(letter("Good talk.", greeting="Hi Priya,"), ctx) == []
    assert kinds(letter("Good talk.", greeting="Hi,"), ctx) == []


# -- repeated_word ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "highlight"),
    [
        ("I enjoyed the the talk.", "the the"),
        ("It was The the best.", "The the"),
        ("We spoke about the\nthe plans.", "the"),
        ("I don't don't know.", "don't don't"),
    ],
)
def test_a_word_written_twice(text: str, highlight: str) -> None:
    body = letter(text)
    finding = only("repeated_word", body)
    assert at(body, finding) == highlight


@pytest.mark.parametrize(
    "text",
    [
        "I had had enough.",
        "I said that that was fine.",
        "Rooms 10 10 and 11.",
        "It was the. The end.",
        "We bathe the dog.",
        "the\n\nthe",
        "the theme",
        "Sales, sales, sales.",
    ],
)
def test_near_misses_of_repeated_words(text: str) -> None:
    assert "repeated_word" not in kinds(letter(text))


# -- weekday_mismatch ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "weekday", "right"),
    [
        ("Friday 26 November 2026", "Friday", "Thursday"),
        ("Friday, 26 November", "Friday", "Thursday"),
        ("Fri 26 Nov", "Fri", "Thu"),
        ("Friday, November 26", "Friday", "Thursday"),
        ("Friday 26/11", "Friday", "Thursday"),
        ("Mon. 1st of December", "Mon", "Tue"),
        ("Tuesday, the 2nd of December", "Tuesday", "Wednesday"),
        ("Sunday 2026-11-28", "Sunday", "Saturday"),
        ("Thurs, Dec 4th, 2026", "Thurs", "Fri"),
    ],
)
def test_a_weekday_that_does_not_fit_its_date(written: str, weekday: str, right: str) -> None:
    body = letter(f"We could speak on {written} at ten.")
    finding = only("weekday_mismatch", body)
    assert at(body, finding) == weekday
    assert finding.suggestion == right
    assert f"is a {right[:3]}" in finding.message and f"not a {weekday[:3]}" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Thursday 26 November 2026",
        "Friday 27 November",
        "Fri, Nov 27",
        "Friday 3/4",
        "Mon. 30th of November",
        "Tuesday, the 1st of December",
        "Sunday 2026-11-29",
        "Friday may 26 work",
        "Friday 31 February",
        "Friday 26 November 2027 at ten.",
    ],
)
def test_near_misses_of_weekdays(text: str) -> None:
    assert "weekday_mismatch" not in kinds(letter(f"Shall we say {text}?")), text


def test_a_date_without_a_year_is_the_nearest_one() -> None:
    late = context()
    body = letter("Could we talk on Friday 8 January?")  # 8 January 2027 is a Friday
    assert "weekday_mismatch" not in kinds(body, late)


# -- past_next_step --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I look forward to hearing from you by 20 November.",
        "You mentioned a decision by Friday 20 November 2026.",
        "I will be free until 2026-11-01.",
        "The next step is a call on 23 November.",
    ],
)
def test_a_next_step_dated_in_the_past(text: str) -> None:
    body = letter(text)
    finding = only("past_next_step", body)
    assert "has passed already" in finding.message
    assert at(body, finding)[-1].isdigit() or at(body, finding).endswith("November")


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for meeting me on 24 November.",
        "I look forward to hearing from you by 30 November.",
        "I was impressed by the team on 24 November.",
        "We will talk on Friday.",
        "I look forward to hearing from you by 20/11.",
    ],
)
def test_near_misses_of_past_next_steps(text: str) -> None:
    assert "past_next_step" not in kinds(letter(text))


# -- missing_part (the four Rs) --------------------------------------------------------------


def test_a_thank_you_without_thanks() -> None:
    body = CLEAN.replace("Thank you for meeting me", "I met you")
    finding = only("missing_part", body)
    assert "thank" in finding.message
    assert finding.line == 3


@pytest.mark.parametrize("thanks", ["I appreciate your time", "I am grateful for your time"])
def test_other_ways_of_thanking(thanks: str) -> None:
    body = CLEAN.replace("Thank you for meeting me", thanks)
    assert "missing_part" not in kinds(body)


def test_a_thank_you_that_forgets_the_next_step() -> None:
    body = CLEAN.replace(
        "You mentioned a decision by Friday 27 November; I look forward to hearing from you then.",
        "Have a good week.",
    )
    finding = only("missing_part", body)
    assert "27 November 2026" in finding.message
    assert body.split("\n")[finding.line - 1] == "Have a good week."


@pytest.mark.parametrize(
    "reminder",
    [
        "You said you would decide by Friday.",
        "You hoped to decide on 27 November.",
        "You hoped to decide on 2026-11-27.",
        "I look forward to the next steps.",
        "I hope to hear back soon.",
        "You will decide on 27/11.",
    ],
)
def test_reminders_of_the_next_step(reminder: str) -> None:
    body = CLEAN.replace(
        "You mentioned a decision by Friday 27 November; I look forward to hearing from you then.",
        reminder,
    )
    assert "missing_part" not in kinds(body)


def test_the_four_rs_are_for_thank_yous_only() -> None:
    body = "Dear Dana,\n\nJust checking in on the role.\n\nBest,\nAlex"
    assert kinds(body, context(template="check-in")) == []
    assert kinds(body, context(decision=None)) == ["missing_part"]


# -- empty_subject and missing_signoff -------------------------------------------------------


def test_an_empty_subject() -> None:
    (finding,) = proofread("  ", CLEAN, CTX)
    assert (finding.kind, finding.line, finding.column) == ("empty_subject", 0, 1)
    assert proofread("Thanks", CLEAN, CTX) == []


def test_no_signoff() -> None:
    body = CLEAN.replace("Best regards,\nAlex Morgan\n", "")
    finding = only("missing_signoff", body)
    assert finding.suggestion == "Best regards, Alex Morgan"


def test_a_signoff_without_the_senders_name() -> None:
    body = CLEAN.replace("Alex Morgan\n", "")
    finding = only("missing_signoff", body)
    assert finding.suggestion == "Alex Morgan"
    assert at(body, finding) == "Best regards,"


@pytest.mark.parametrize(
    "signoff",
    [
        "Best,\nAlex",
        "Kind regards, Alex",
        "Thanks again,\nAlex Morgan\n+44 20 7946 0000\nalex@example.com",
        "Many thanks,\n\nAlex",
        "Cheers!\nAlex",
        "Warm regards,\nALEX MORGAN",
        "All the best,\nAlex",
    ],
)
def test_signoffs_that_fit(signoff: str) -> None:
    assert "missing_signoff" not in kinds(letter("Good talk.", signoff=signoff))


def test_a_closing_sentence_is_not_a_signoff() -> None:
    body = letter("Good talk.", signoff="Thank you again for your time.")
    assert "missing_signoff" in kinds(body)


def test_a_letter_unsigned_is_a_finding_even_when_no_name_is_set() -> None:
    ctx = context(sender="")
    body = letter("Good talk.", signoff="Best regards,")
    finding = only("missing_signoff", body, ctx)
    assert at(body, finding) == "Best regards,"
    assert "[profile] name in config.toml" in finding.message
    assert finding.suggestion == ""
    # a phone number or an address under it is not a name
    for signature in ("+44 20 7946 0000", "alex@example.com"):
        assert "missing_signoff" in kinds(letter("Good talk.", signoff=f"Best,\n{signature}"), ctx)


@pytest.mark.parametrize(
    "signoff", ["Best,\nAlex", "Kind regards, Alex Morgan", "Best,\n\nalex\n+44 20 7946 0000"]
)
def test_a_name_typed_under_the_signoff_is_enough_when_none_is_set(signoff: str) -> None:
    assert kinds(letter("Good talk.", signoff=signoff), context(sender="")) == []


# -- spelling --------------------------------------------------------------------------------


def test_a_spelling_mistake_with_its_correction(speller: Spelling) -> None:
    body = letter("I recieved your note. Recieved, and read.")
    found = [f for f in proofread(SUBJECT, body, CTX, speller) if f.kind == "spelling"]
    assert [f.suggestion for f in found] == ["received", "Received"]
    assert all(f.severity == "warning" for f in found)
    assert [at(body, f) for f in found] == ["recieved", "Recieved"]


@pytest.mark.parametrize(
    "text",
    [
        "We use Kubernetes.",
        "NASA and the BBC.",
        "Mail dana@acme.example or see https://acme.example/recieved.",
        "Code abc123 and snake_case.",
        "Whitfield's team.",
        "I don’t know.",
        "TalentBridge called.",
    ],
)
def test_near_misses_of_spelling(text: str, speller: Spelling) -> None:
    ctx = context(user=["Kubernetes"])
    assert "spelling" not in kinds(letter(text), ctx, speller)


def test_no_speller_no_spelling() -> None:
    assert "spelling" not in kinds(letter("I recieved it."))


class CountingSpeller:
    """Knows every word but those starting with "zq"; counts the corrections asked of it."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def unknown(self, words: Iterable[str]) -> set[str]:
        return {w.lower() for w in words if w.lower().startswith("zq")}

    def suggest(self, word: str) -> str:
        self.asked.append(word)
        return word + "x"


def test_corrections_are_asked_for_at_most_ten_words() -> None:
    counting = CountingSpeller()
    words = " ".join(f"zq{chr(97 + n)}wor" for n in range(15))
    found = [f for f in proofread(SUBJECT, letter(words), CTX, counting) if f.kind == "spelling"]
    assert len(counting.asked) == MAX_SUGGESTIONS
    assert len(found) == 15
    assert [f.suggestion != "" for f in found] == [True] * 10 + [False] * 5


# -- too_long --------------------------------------------------------------------------------


def test_a_long_thank_you() -> None:
    filler = " ".join(["We talked about the plans."] * 50)  # 250 words
    finding = only("too_long", letter(filler))
    assert finding.severity == "warning"
    assert "words" in finding.message


def test_near_misses_of_long() -> None:
    filler = " ".join(["We talked about the plans."] * 44)
    assert "too_long" not in kinds(letter(filler))
    long = " ".join(["We talked about the plans."] * 60)
    assert "too_long" not in kinds(letter(long), context(template="check-in"))


# -- text files and the context --------------------------------------------------------------


def test_parse_text_file() -> None:
    assert parse_text_file("Subject: Thanks\n\nDear Dana,\nBye") == ("Thanks", "Dear Dana,\nBye")
    assert parse_text_file("\ufeffsubject:Thanks\r\n\r\nHi") == ("Thanks", "Hi")
    assert parse_text_file("Subject: Thanks\nHi") == ("Thanks", "Hi")
    assert parse_text_file("Dear Dana,\n\nBye") == ("", "Dear Dana,\n\nBye")
    assert parse_text_file("") == ("", "")
    assert body_start_line("Subject: Thanks\n\nDear Dana,") == 3
    assert body_start_line("Dear Dana,") == 1


def test_the_context_holds_the_record() -> None:
    ctx = context(user=["Kubernetes", "  "])
    assert ctx.people == ("Dana Whitfield", "Priya Raman", "Sam Ortiz", "Alex Morgan")
    assert {"whitfield", "acme", "robotics", "talentbridge", "globex", "kubernetes"} <= (
        ctx.known_words
    )
    assert ctx.decision_by == DECISION and ctx.today == TODAY
    assert ctx.other_companies == ("Northwind Health", "Acme", "Globex", "Notion")


def test_the_context_is_read_once(speller: Spelling) -> None:
    ctx = context()
    proofread(SUBJECT, CLEAN, ctx, speller)
    assert ctx.lookups is ctx.lookups


# -- the dictionary --------------------------------------------------------------------------


def test_spelling_knows_the_extra_words(speller: Spelling) -> None:
    assert speller.unknown(["whitfield", "received", "recieved"]) == {"recieved"}
    speller.add(["Recieved"])
    assert speller.unknown(["recieved"]) == set()


class FakeChecker:
    """Knows "tea" (often) and "ten" (less); counts the searches for corrections."""

    def __init__(self) -> None:
        self.searches = 0
        self.counts = {"tea": 9, "ten": 3}

    def edit_distance_1(self, word: str) -> set[str]:
        self.searches += 1
        return {"tea", "ten"} if word == "teh" else {word + "x"}

    def known(self, words: Iterable[str]) -> set[str]:
        return {w for w in words if w in self.counts}

    def __getitem__(self, word: str) -> int:
        return self.counts[word]


def test_suggestions_are_remembered_and_none_is_empty() -> None:
    checker = FakeChecker()
    spelling = Spelling(checker)  # type: ignore[arg-type]
    assert spelling.suggest("zzz") == "" and spelling.suggest("ZZZ") == ""
    assert spelling.suggest("Teh") == "tea" and spelling.suggest("teh") == "tea"
    assert checker.searches == 2


def test_suggestions_are_one_edit_away_and_quick(speller: Spelling) -> None:
    assert speller.suggest("recieved") == "received"
    assert speller.suggest("oportunity") == "opportunity"
    assert speller.suggest("qzxkjvwp") == ""  # two edits away from anything: not searched


def test_user_words(tmp_path: Path) -> None:
    assert user_words(tmp_path) == []
    (tmp_path / "words.txt").write_text("# mine\nKubernetes\n\n  Zoom  # the app\nA B\n")
    assert user_words(tmp_path) == ["Kubernetes", "Zoom", "A", "B"]
    (tmp_path / "words.txt").write_bytes(b"\xff\xfe\xfa")
    assert user_words(tmp_path) == []
    (tmp_path / "words.txt").unlink()
    (tmp_path / "words.txt").mkdir()
    assert user_words(tmp_path) == []


def test_a_word_is_added_to_the_word_list_once_keeping_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "afterword"
    path = add_user_word(folder, "rebalancing")
    assert path == folder / "words.txt" and user_words(folder) == ["rebalancing"]
    assert folder.stat().st_mode & 0o777 == 0o700 and path.stat().st_mode & 0o777 == 0o600
    path.write_text("# mine\nKubernetes  # the tool", encoding="utf-8")
    add_user_word(folder, "Kafka")
    add_user_word(folder, "kubernetes")  # listed already, in another case
    assert path.read_text(encoding="utf-8") == "# mine\nKubernetes  # the tool\nKafka\n"
    for wrong in ("two words", "", "a#b"):
        with pytest.raises(ValueError):
            add_user_word(folder, wrong)


# -- any text at all -------------------------------------------------------------------------

ODD_TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(list("\n\n\n  ,.'’-/{}[]<>%@:İ\u200f\u202e\x00\t\r🙂")),
        st.sampled_from(
            [
                "Dear Dana,",
                "Friday 26 November",
                "the the",
                "Globex",
                "Dnaa",
                "Best,",
                "2026-11-",
                "{{",
                "<name>",
                "Thanks",
                "by 20 Nov",
                "Hi Priya",
                "Whitfeld's",
                "26/11/26",
                "the\nthe",
                "Dane",
                "Acme Robotics",
                "İ",
                "x" * 300,
            ]
        ),
    ),
    max_size=120,
).map("".join)


def inside(text: str, finding: Finding) -> bool:
    if finding.line == 0:
        line = text.replace("\n", " ")
    else:
        lines = text.split("\n")
        if not 1 <= finding.line <= len(lines):
            return False
        line = lines[finding.line - 1]
    return 1 <= finding.column <= len(line) + 1 and finding.length >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=ODD_TEXT, body=ODD_TEXT)
def test_any_text_is_proofread_without_failing(speller: Spelling, subject: str, body: str) -> None:
    for checker in (None, CountingSpeller(), speller):
        for ctx in (CTX, context(template="check-in", addressee="", sender="")):
            for finding in proofread(subject, body, ctx, checker):
                assert finding.kind in KINDS
                assert inside(subject if finding.line == 0 else body, finding), finding


def test_long_lines_and_many_digits_stay_fast() -> None:
    body = "Dear Dana,\n" + ("1234567890/" * 5000) + "x" * 50000 + " the the " * 2000
    findings = proofread(SUBJECT, body, CTX)
    assert any(f.kind == "repeated_word" for f in findings)


def test_a_name_with_control_characters_is_quoted_on_one_line() -> None:
    """A record's names come from imports too: what a finding quotes of them stays one line of
    printable text (no NUL, no line break, no direction override)."""
    odd = context(addressee="Lee\x00\nChen\u202e")
    found = proofread("Thanks", letter("It was good to meet you."), odd)
    greeting = [f for f in found if f.kind == "wrong_greeting"]
    assert greeting, found
    for finding in found:
        for text in (finding.message, finding.suggestion):
            assert not any(c in text for c in "\x00\n\r\u202e"), finding
