"""Templates: the built-ins render every demo interview; user templates override by name and
every fault of theirs is one sentence naming the template and the line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from afterword.compose import render as render_module
from afterword.compose.context import clause, first_sentence, in_words, names, sentence, spoken_day
from afterword.compose.render import (
    MAX_OUTPUT,
    RenderRequest,
    TemplateProblem,
    built_in_names,
    render,
    template_names,
)
from afterword.config import Profile
from afterword.demo import demo_interviews
from afterword.domain.drafting import BUILT_IN_TEMPLATES, addressee_for
from afterword.domain.model import Debrief, Interview, Person, Recruiter

NOW = datetime(2026, 11, 25, 9, 0)
PROFILE = Profile(name="Alex Morgan", email="alex@example.com", signature="+1 555 0100")


def acme() -> Interview:
    return Interview(
        company="Acme Robotics",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", "Eng Manager", "dana@acme.example"),
            Person("Lee Chen", "Staff Engineer"),
        ],
        recruiter=Recruiter("Sam Ortiz", "TalentBridge", "sam@tb.example"),
        debrief=Debrief(
            tone="warm",
            went_well="The system design round flowed. Then lunch.",
            next_steps="They decide by Friday",
            decision_by=date(2026, 11, 27),
            remember="we both started out writing firmware for weather stations",
            reinforce="I have run exactly this kind of migration, twice, without downtime",
            recoup="on the heap question: a push and a pop are O(log n)",
            notes="PRIVATE-NOTE salary 120k",
        ),
    )


def letter(template: str, interview: Interview, person: str = "", user_dir: Path | None = None):
    person = person or addressee_for(interview, template)
    return render(RenderRequest(template, interview, person, PROFILE, NOW), user_dir)


def test_the_built_ins_are_the_five_of_the_design() -> None:
    assert sorted(built_in_names()) == sorted(BUILT_IN_TEMPLATES)


@pytest.mark.parametrize("template", BUILT_IN_TEMPLATES)
def test_every_built_in_renders_every_demo_interview(template: str) -> None:
    for interview in demo_interviews(NOW):
        people = [p.name for p in interview.interviewers] or [""]
        for person in people:
            out = letter(template, interview, person)
            assert out.subject and "\n" not in out.subject
            assert interview.company in out.subject + out.body
            assert "{{" not in out.body and "{%" not in out.body
            assert out.body.rstrip().endswith(PROFILE.signature)
            assert "\n\n\n" not in out.body


def test_thank_you_has_the_four_rs_in_order() -> None:
    body = letter("thank-you", acme(), "Dana Whitfield").body
    assert body.startswith("Dear Dana,\n")
    order = [
        "Thank you for the conversation yesterday",  # a warm tone opens warmly
        "this kind of migration",  # reinforce
        "On the heap question",  # recoup
        "by Friday 27 November",  # reminder of next steps
        "I am the candidate who also started out writing firmware",  # remember me
        "Best regards,\nAlex Morgan",
    ]
    places = [body.index(part) for part in order]
    assert places == sorted(places)
    assert "PRIVATE-NOTE" not in body
    assert "This is Alex Morgan" not in body  # the name is by the signature, not a phone call


def test_thank_you_leaves_recoup_out_when_empty_and_never_pastes_the_next_steps() -> None:
    interview = acme()
    interview.debrief.recoup = ""
    interview.debrief.decision_by = None
    body = letter("thank-you", interview, "Lee Chen").body
    assert "heap" not in body
    assert "they decide" not in body.casefold()  # the note is never pasted in the third person
    assert "by Friday 27 November" in body  # the one date the next steps name, in words
    assert body.startswith("Dear Lee,")
    interview.debrief.next_steps = ""
    body = letter("thank-you", interview, "Lee Chen").body
    assert "I look forward to hearing about the next steps." in body


def test_ask_recruiter_asks_for_each_address_and_spelling() -> None:
    out = letter("ask-recruiter", acme())
    assert out.body.startswith("Hi Sam,")
    assert "Dana Whitfield and Lee Chen" in out.body
    assert "their email addresses" in out.body and "spelling of each name" in out.body
    assert "still very interested" in out.body
    assert "I especially enjoyed the conversation about the system design round." in out.body


def test_via_recruiter_encloses_a_thank_you_for_each_interviewer() -> None:
    interview = acme()
    interview.recruiter.direct_contact = "forward"  # type: ignore[union-attr]
    body = letter("via-recruiter", interview).body
    assert body.count("--- For ") == 2
    assert "Dear Dana," in body and "Dear Lee," in body
    assert body.startswith("Hi Sam,")


def test_close_out_after_a_rejection_thanks_for_letting_know() -> None:
    interview = acme()
    interview.status = "rejected"
    assert "Thank you for letting me know" in letter("close-out", interview).body
    interview.status = "cold"
    assert "not heard back" in letter("close-out", interview).body


def test_filters() -> None:
    today = date(2026, 11, 25)
    assert in_words(date(2026, 11, 27), today) == "Friday 27 November"
    assert in_words(date(2027, 1, 8), today) == "Friday 8 January 2027"
    assert spoken_day(datetime(2026, 11, 25, 9), today) == "today"
    assert spoken_day(date(2026, 11, 24), today) == "yesterday"
    assert spoken_day(date(2026, 11, 23), today) == "on Monday"
    assert spoken_day(date(2026, 11, 2), today) == "on 2 November"
    assert sentence("we met  twice") == "We met twice."
    assert clause("The round went well.") == "the round went well"
    assert clause("I led it") == "I led it" and clause("OAuth was fine") == "OAuth was fine"
    assert first_sentence("One. Two.\nThree") == "One."
    assert names(["A", "B", "C"]) == "A, B and C"


# ---------------------------------------------------------------- user templates


def user_template(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / f"{name}.j2").write_text(text, encoding="utf-8")
    return tmp_path


def test_a_user_template_overrides_a_built_in_and_adds_to_the_list(tmp_path: Path) -> None:
    user_template(tmp_path, "thank-you", "Subject: Cheers {{ person.first_name }}\n\nShort.\n")
    user_template(tmp_path, "coffee-chat", "Subject: Coffee?\n\nHi {{ person.first_name }}\n")
    assert letter("thank-you", acme(), "Dana Whitfield", tmp_path).subject == "Cheers Dana"
    assert "coffee-chat" in template_names(tmp_path)
    assert letter("coffee-chat", acme(), "Lee Chen", tmp_path).body == "Hi Lee\n"
    # via-recruiter encloses the user's own thank-you
    interview = acme()
    interview.recruiter.direct_contact = "forward"  # type: ignore[union-attr]
    assert letter("via-recruiter", interview, "", tmp_path).body.count("Short.") == 2


HOSTILE = {
    "mro": ("{{ ''.__class__.__mro__ }}", "line 3: the sandbox refused it: access to attribute"),
    "attr-format": (
        '{{ "{0.__class__}"|attr("format")(1) }}',
        "line 3: the sandbox refused it",
    ),
    "missing": ("hello\n{{ salary }}", "line 4: unknown name: 'salary' is undefined"),
    "syntax": ("{% if %}", "line 3: syntax error"),
    "huge": ("{{ 'x' * 1000000000 }}", "line 3: the sandbox refused it: the text would grow"),
    "many": (
        "{% for a in range(100000) %}{{ 'y' * 1000 }}{% endfor %}",
        f"the text grew past {MAX_OUTPUT:,} characters",
    ),
    "doubling": (
        "{% macro d(s, n) %}{{ d(s ~ s, n - 1) if n else s|length }}{% endmacro %}"
        '{{ d("xx", 40) }}',
        "more text than memory allows",
    ),
    "mutate": ("{{ people.append(1) }}", "the sandbox refused it"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_fault_of_a_user_template_is_one_sentence_naming_it(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    body, expected = HOSTILE[name]
    if name == "doubling":  # the memory limit's case: on a loaded machine, not the clock's
        monkeypatch.setattr(render_module, "TIME_LIMIT", 60.0)
    user_template(tmp_path, name, f"Subject: hello\n\n{body}\n")
    with pytest.raises(TemplateProblem) as caught:
        letter(name, acme(), "Dana Whitfield", tmp_path)
    message = str(caught.value)
    assert message.startswith(f"Template {name} ({tmp_path / (name + '.j2')})")
    assert expected in message
    assert "\n" not in message and "Traceback" not in message


def test_a_template_without_its_subject_line_is_refused(tmp_path: Path) -> None:
    user_template(tmp_path, "bare", "Dear {{ person.first_name }}\n")
    with pytest.raises(TemplateProblem, match="line 1: the first line must be 'Subject: …'"):
        letter("bare", acme(), "Dana Whitfield", tmp_path)


def test_an_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(TemplateProblem, match=r"no template called 'thanks'.*thank-you"):
        letter("thanks", acme(), "Dana Whitfield")


def test_a_render_stopped_at_the_limit_leaves_nothing_for_the_collector_to_print(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A template that includes itself, stopped at the output limit a few hundred includes
    deep: closing that chain later, wherever the garbage collector happened to run, ran out of
    stack and printed "Exception ignored in…" with a traceback over the screen."""
    import gc

    from afterword.compose.render import TemplateSource, render_source

    unraisable: list[object] = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)
    source = TemplateSource("loop", "Subject: x\n\n{{ 'y' * 100 }}{% include 'loop' %}", "t", True)
    request = RenderRequest("loop", acme(), "Dana Whitfield", PROFILE, NOW)
    with pytest.raises(TemplateProblem, match=f"grew past {MAX_OUTPUT:,} characters"):
        render_source(source, request, None)

    def deep(levels: int) -> None:  # the collector may run deep in someone else's stack
        if levels:
            deep(levels - 1)
        else:
            gc.collect()

    deep(700)
    assert unraisable == []
