"""Fuzzing the proofreader (``afterword.domain.proofread``) with hostile text and records.

``proofread`` returns findings and nothing else: each of a known kind and severity, a message of
one line, and a place inside the text (line 0 the subject, then the body's lines; a column and
length within that line). A spelling finding marks the very word its message quotes. A text file
splits into a subject and a body that is the file's tail from ``body_start_line``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from afterword.compose.spelling import Spelling
from afterword.domain.model import Interview
from afterword.domain.proofread import (
    KINDS,
    SEVERITIES,
    THANK_YOU,
    Finding,
    body_start_line,
    parse_text_file,
    proof_context,
    proofread,
)
from afterword.domain.proofread.text import quote
from afterword.domain.records import interview_from_dict
from tests.fuzz import hostile
from tests.fuzz.helpers import assert_clear_error, run_cli
from tests.fuzz.profiles import CHILD, FUZZ
from tests.fuzz.test_fuzz_import import interview as raw_interview

TODAY = date(2026, 11, 25)
_SPELLER: list[Spelling] = []


def speller() -> Spelling:
    """One dictionary for every example (loading it takes a tenth of a second)."""
    if not _SPELLER:
        _SPELLER.append(Spelling.load())
    return _SPELLER[0]


LETTER = (
    "Dear Dana,\n\nThank you for meeting me on Wednesday 25 November about the Backend Engineer "
    "role at Acme Robotics. I enjoyed our conversation.\n\nBest regards,\nAlex Morgan\n"
)
WORDS = ("Dear", "Dana", "Dane", "Whitfeld", "Acme", "Globex", "teh", "the the", "Friday",
         "Thursday 27 November", "27 November", "Monday, 30 November 2026", "[Company]",
         "{{ person.first_name }}", "XX", "Best regards,", "Hi Sam,", "recieve", "İstanbul",
         "\n", "\n\n", " ", ". ", "Robotics", "Backend", "Engineer")  # fmt: skip
texts = st.one_of(
    hostile.text(20),
    hostile.huge,
    st.lists(st.one_of(st.sampled_from(WORDS), hostile.text(2)), max_size=30).map(" ".join),
    st.tuples(st.just(LETTER), hostile.text(6), st.integers(0, len(LETTER))).map(
        lambda p: p[0][: p[2]] + p[1] + p[0][p[2] :]
    ),
)
interviews = raw_interview.map(interview_from_dict)


def _check_findings(subject: str, body: str, findings: list[Finding]) -> None:
    lines = [subject.replace("\n", " "), *body.split("\n")]
    keys = [(f.line, f.column, f.kind) for f in findings]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    for f in findings:
        assert f.kind in KINDS and f.severity in SEVERITIES, f
        assert f.message.strip() and "\n" not in f.message, f
        assert "\n" not in f.suggestion, f
        assert 0 <= f.line < len(lines), (f, len(lines))
        line = lines[f.line]
        assert f.column >= 1 and f.length >= 1, f
        assert f.column - 1 <= len(line), (f, len(line))
        at_end = f.kind.startswith("missing") and f.column - 1 == len(line)
        if line and not at_end:  # what is missing is marked where it goes: the end of a line
            assert f.column - 1 + f.length <= len(line), (f, len(line))
        marked = line[f.column - 1 : f.column - 1 + f.length]
        if f.kind == "spelling":
            assert f.message.startswith(quote(marked)), (f, marked)
        if f.kind in ("repeated_word", "name_spelling", "placeholder", "other_company"):
            assert marked.strip(), (f, marked)


def _context(interview: Interview, addressee: str, others: list[str]) -> object:
    return proof_context(
        interview,
        addressee=addressee,
        template=THANK_YOU,
        sender="Alex Morgan",
        other_companies=others,
        today=TODAY,
    )


@FUZZ
@given(
    subject=texts,
    body=texts,
    interview=interviews,
    addressee=st.one_of(hostile.text(3), st.just("Dana Whitfield")),
    others=st.lists(st.one_of(hostile.text(3), st.just("Globex")), max_size=3),
    with_dictionary=st.booleans(),
)
def test_findings_point_inside_the_text(
    subject: str,
    body: str,
    interview: Interview,
    addressee: str,
    others: list[str],
    with_dictionary: bool,
) -> None:
    ctx = _context(interview, addressee, others)
    findings = proofread(subject, body, ctx, speller() if with_dictionary else None)  # type: ignore[arg-type]
    _check_findings(subject, body, findings)


@FUZZ
@given(text=st.one_of(texts, texts.map("Subject: {}".format), texts.map("\ufeff{}".format)))
def test_a_text_file_splits_into_subject_and_body(text: str) -> None:
    subject, body = parse_text_file(text)
    plain = text.removeprefix("\ufeff").replace("\r\n", "\n")
    start = body_start_line(text)
    assert start in (1, 2, 3)
    assert "\n".join(plain.split("\n")[start - 1 :]) == body
    assert "\n" not in subject and subject == subject.strip()
    if start == 1:
        assert subject == ""


@CHILD
@given(text=st.one_of(texts, texts.map(lambda t: f"Subject: {t}\n\n{t}")))
def test_the_proofread_command_reads_any_file(text: str) -> None:
    """`afterword proofread ID --file F`: exit 0 clean, 1 with findings, 2 with one sentence."""
    folder = Path(tempfile.mkdtemp(prefix="afterword-fuzz-"))
    try:
        from tests.fuzz.helpers import base_bytes

        db = folder / "afterword.json"
        db.write_bytes(base_bytes())
        letter = folder / "letter.txt"
        letter.write_bytes(text.encode("utf-8", "surrogatepass"))
        run = run_cli(["--db", str(db), "proofread", "base0001", "--file", str(letter)])
        assert run.code in (0, 1, 2), run
        if run.code == 2:
            assert_clear_error(run)
        else:
            assert run.out.splitlines()[0].startswith(str(letter))
            assert (run.code == 0) == ("  clean" in run.out.splitlines())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_checks_see_the_mistakes_they_are_for() -> None:
    """The fuzzers' properties hold for real findings too (not only for none)."""
    interview = interview_from_dict(
        {
            "company": "Acme Robotics",
            "when": datetime(2026, 11, 24, 14).isoformat(),
            "interviewers": [{"name": "Dana Whitfield"}],
        }
    )
    body = LETTER.replace("Dana,", "Dane,").replace("the Backend", "the the Backend")
    body = body.replace("conversation", "conversaton") + "See you at Globex.\n"
    ctx = _context(interview, "Dana Whitfield", ["Globex"])
    findings = proofread("Thank you", body, ctx, speller())  # type: ignore[arg-type]
    kinds = {f.kind for f in findings}
    assert {"name_spelling", "repeated_word", "spelling", "other_company"} <= kinds
    _check_findings("Thank you", body, findings)
