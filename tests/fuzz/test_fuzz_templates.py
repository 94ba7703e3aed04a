"""Fuzzing the templates: hostile template source and hostile record values, rendered in the
sandbox (``afterword.compose.render``), then the headers the rendered text would go into.

A rendering gives a ``Letter`` (a one-line subject, a body ending in a newline or empty, within
the size limit) or a ``TemplateProblem`` of one sentence naming the template; nothing else. The
subject goes into an email only when it holds no line break, plainly or encoded, and then the
bytes sent carry exactly that subject and no header but the ones Afterword writes.

In this process (10,000 examples in the thorough profile) the source holds no loop or filter
meant to exhaust time or memory: those run where user templates really run, in the child process
with its limits, for a twentieth of the examples (each one starts a Python process).
"""

from __future__ import annotations

import email
import email.policy
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from afterword.compose.message import (
    HeaderRefused,
    build_message,
    outgoing_for,
)
from afterword.compose.message_bytes import message_bytes
from afterword.compose.render import (
    MAX_OUTPUT,
    Letter,
    RenderRequest,
    TemplateProblem,
    TemplateSource,
    built_in_names,
    render,
    render_here,
    render_source,
)
from afterword.config import Profile
from afterword.domain.model import Draft, Interview
from afterword.domain.records import interview_from_dict
from tests.fuzz import hostile
from tests.fuzz.helpers import assert_one_sentence
from tests.fuzz.profiles import CHILD, FUZZ
from tests.fuzz.test_fuzz_import import interview as raw_interview

NOW = datetime(2026, 11, 25, 9, 0)
PIECES = (
    "{{ interview.company }}", "{{ interview.role }}", "{{ person.first_name }}",
    "{{ person.name | upper }}", "{{ profile.name }}", "{{ profile.signature }}",
    "{{ debrief.remember | clause }}", "{{ debrief.tone | sentence }}",
    "{{ debrief.next_steps | first_sentence | clause }}", "{{ people | names }}",
    "{{ interview.when | spoken_day }}", "{{ dates.decision_by | in_words }}",
    "{{ dates.check_in | spoken_day }}", "{{ interview.when | in_words }}",
    "{{ recruiter.name if recruiter else '' }}", "{{ recruiter.first_name }}", "{{ notes }}",
    "{{ check_ins_done }}", "{% if debrief.tone %}", "{% elif person.name %}", "{% else %}",
    "{% endif %}", "{% for p in people %}", "{% endfor %}", "{{ p.name }}", "{{ loop.index }}",
    "{{ x }}", "{{ interview.nope }}", "{{ interview.company.nope }}", "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ interview.__class__ }}",
    "{{ self }}", "{{ cycler.__init__.__globals__ }}", "{{ lipsum.__globals__ }}",
    "{{ joiner.__init__ }}", "{{ range.__self__ }}", "{{ config }}", "{{ request }}",
    "{% set x = people.append(1) %}", "{{ people.pop() }}", "{{ dates.now.replace(year=1) }}",
    "{{ '{0.__class__}'.format(1) }}", "{{ '%s' % interview }}", "{{ 'a' * 100001 }}",
    "{{ 'ab' * 60000 }}", "{{ [1] * 100001 }}", "{{ 100001 * 'a' }}", "{{ 9 ** 99 }}",
    "{{ 2 ** 64 }}", "{{ 1 / 0 }}", "{{ 1 // 0 }}", "{{ range(100001) }}",
    "{{ range(99999) | join }}", "{{ interview.company * 3 }}", "{{ interview.company ~ 1 }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{% include 'thank-you' %}",
    "{% include 'fuzz' %}", "{% include 'nope' %}", "{% extends 'check-in' %}",
    "{% import 'thank-you' as t %}", "{% raw %}", "{% endraw %}", "{#", "#}", "{{", "}}",
    "{%", "%}", "{{ }}", "{% %}", "{% if %}", "{{ 'open }}", "{% for %}",
    "{% block b %}{% endblock %}", "{{ caller() }}", "{% filter upper %}", "{% endfilter %}",
    "{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{{ ns.a }}", "{{ dates.today - dates.today }}",
    "{{ dates.now + 1 }}", "{{ '\\n' }}", "{{ '\\r\\nBcc: x@y.example' }}",
    "{{ interview.when.strftime('%Y') }}", "{{ people | map(attribute='name') | join(', ') }}",
    "{{ 'x' | center(80) }}", "{{ interview.company | wordwrap(5) }}",
    "{{ interview.role | truncate(3) }}", "{{ 'x' | indent(4) }}", "{{ '%d' | format(1) }}",
    "{{ interview.company | replace('', 'y') }}", "{{ 18446744073709551616 | string }}",
    "{{ (1).__add__(1) }}", "{{ interview.when.__class__.now() }}", "{% do x %}",
    "{{ debrief | dictsort }}", "{{ interview | tojson }}", "{{ interview.when | int }}",
)  # fmt: skip
BOMBS = (
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 'x' | center(999999999) }}", "{{ 'x' | indent(999999999, true) }}",
    "{{ '%999999999d' % 1 }}", "{% for i in range(99999) %}{{ range(99999) | join }}{% endfor %}",
    "{{ interview.company | replace('', 'y' * 99999) }}", "{{ lipsum(99999, true, 999, 9999) }}",
)  # fmt: skip

body = st.lists(st.one_of(st.sampled_from(PIECES), hostile.text(4)), max_size=10).map("".join)
subject = st.lists(st.one_of(st.sampled_from(PIECES[:20]), hostile.text(3)), max_size=4).map(
    "".join
)
sources = st.one_of(
    st.tuples(subject, body).map(lambda p: f"Subject: {p[0]}\n\n{p[1]}"),
    body,  # no Subject line: refused as such
)
interviews = raw_interview.map(interview_from_dict)
profiles = st.builds(
    Profile, name=hostile.text(4), email=st.just("alex@example.com"), signature=hostile.field(4)
)
people = st.one_of(hostile.text(4), st.just("Dana Whitfield"))


def _check_letter(letter: Letter) -> None:
    assert "\n" not in letter.subject
    assert letter.subject == letter.subject.strip()
    assert letter.body == "" or letter.body.endswith("\n")
    assert len(letter.subject) + len(letter.body) <= MAX_OUTPUT


def _check_problem(problem: TemplateProblem, name: str) -> None:
    message = str(problem)
    # via-recruiter encloses the thank-you notes: a fault in one names the thank-you template
    named = (name, "thank-you") if name == "via-recruiter" else (name,)
    assert message.startswith(tuple(f"Template {n}" for n in named)), message
    assert_one_sentence(message)


def _render(source: str, request: RenderRequest) -> Letter | None:
    try:
        letter = render_source(TemplateSource("fuzz", source, "/fuzz/fuzz.j2", True), request, None)
    except TemplateProblem as problem:
        _check_problem(problem, "fuzz")
        return None
    _check_letter(letter)
    return letter


@FUZZ
@given(source=sources, interview=interviews, profile=profiles, person=people)
def test_a_hostile_template_renders_or_says_why(
    source: str, interview: Interview, profile: Profile, person: str
) -> None:
    request = RenderRequest("fuzz", interview, person, profile, NOW)
    letter = _render(source, request)
    if letter is not None and not source.startswith("Subject:"):
        raise AssertionError("a template without a Subject line rendered")


@FUZZ
@given(
    name=st.sampled_from(built_in_names()),
    interview=interviews,
    profile=profiles,
    person=people,
)
def test_a_built_in_template_renders_hostile_values(
    name: str, interview: Interview, profile: Profile, person: str
) -> None:
    request = RenderRequest(name, interview, person, profile, NOW)
    try:
        letter = render_here(request, None)
    except TemplateProblem as problem:
        _check_problem(problem, name)
        assert "past" in str(problem)  # only the size limit stops a built-in template
        return
    _check_letter(letter)
    company = interview.company.rstrip()
    if name == "thank-you" and "\n" not in interview.role + interview.company and company:
        assert letter.subject.endswith(company), (letter.subject, company)


SUBJECTS = st.one_of(
    subject,
    st.sampled_from(["Thanks\r\nBcc: x@y.example", "Hi\rthere", "a\x85b", "a\u2028b",
                     "=?utf-8?q?a=0Ab?=", "=?utf-8?b?QQpCY2M6IHhAeS5leGFtcGxl?=", "a%0Ab",
                     "a\\nb", "\x00", "\u202eevil", "Thanks 🙂"]),
)  # fmt: skip
ADDRESSES = st.one_of(
    hostile.text(3),
    st.sampled_from(["dana@acme.example", "Dana <dana@acme.example>", "a@b.example\r\nBcc: c@d",
                     "-x@y.example", "\u202edana@acme.example", "dana@acme.example, e@f.example",
                     '"Dana, W" <dana@acme.example>', "dana@[127.0.0.1]"]),
)  # fmt: skip


@FUZZ
@given(
    source=sources,
    interview=interviews,
    profile=profiles,
    extra_subject=SUBJECTS,
    to=st.lists(ADDRESSES, min_size=1, max_size=2),
)
def test_rendered_headers_with_line_breaks_are_refused(
    source: str, interview: Interview, profile: Profile, extra_subject: str, to: list[str]
) -> None:
    """What a template renders becomes a draft; its headers go out exactly, or not at all."""
    request = RenderRequest("fuzz", interview, "Dana Whitfield", profile, NOW)
    letter = _render(source, request) or Letter("", "")
    draft = Draft(subject=letter.subject + extra_subject, body=letter.body, to=to)
    try:
        out = outgoing_for(draft, profile, NOW)
    except HeaderRefused as refused:
        message = str(refused)
        assert_one_sentence(message)
        return
    for value in (out.subject, out.sender, *out.to):
        assert not any(c in value for c in "\r\n\x85\u2028\u2029\x00")
    sent = email.message_from_bytes(message_bytes(build_message(out)), policy=email.policy.default)
    # A long subject is folded; folded right after "Subject:", Python's parser keeps the space
    # that began the next line (mail readers drop it): the same subject, give or take it.
    assert sent["Subject"].lstrip() == out.subject.lstrip()
    expected = {"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding"}  # fmt: skip
    assert set(sent.keys()) == expected
    assert len(sent.get_all("To") or []) == 1


@CHILD
@given(
    source=st.one_of(sources, st.sampled_from(BOMBS).map(lambda b: f"Subject: x\n\n{b}")),
    interview=interviews,
    profile=profiles,
)
def test_a_user_template_in_the_child_process_renders_or_says_why(
    source: str, interview: Interview, profile: Profile
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="afterword-fuzz-"))
    try:
        (folder / "thank-you.j2").write_text(source, encoding="utf-8", errors="surrogatepass")
        request = RenderRequest("thank-you", interview, "Dana Whitfield", profile, NOW)
        try:
            letter = render(request, folder)
        except TemplateProblem as problem:
            _check_problem(problem, "thank-you")
        else:
            _check_letter(letter)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
