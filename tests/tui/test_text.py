"""tui/text.py: text from the data goes into widgets as text, whatever brackets it holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from afterword.tui.text import highlighted, joined, markup_escaped, styled

BRACKETY = st.text(alphabet=st.sampled_from("[]/\\@=$#bi1 ax\n"), max_size=30)


@given(BRACKETY)
def test_escaped_markup_reads_back_as_the_text(text: str) -> None:
    assert Content.from_markup(markup_escaped(text)).plain == Content(text).plain


def test_textuals_own_escape_is_not_enough() -> None:
    """Why markup_escaped exists: Textual's escape leaves "[/" as it is."""
    assert escape("Dana [/x") == "Dana [/x"
    assert Content.from_markup(markup_escaped("Dana [/x")).plain == "Dana [/x"


def test_styled_parts_keep_their_text_and_get_the_style() -> None:
    shown = styled(("People", "b"), "\n  Kim [2nd round, ", ("[i]address needed[/i]", "i"))
    assert shown.plain == "People\n  Kim [2nd round, [i]address needed[/i]"
    assert [(s.start, s.end, s.style) for s in shown.spans] == [(0, 6, "b"), (25, 46, "i")]
    assert joined(["a [/]", styled(("[b]", "b"))]).plain == "a [/]\n[b]"


@given(BRACKETY, st.text(alphabet="abx[", min_size=1, max_size=3))
def test_the_palette_highlights_the_text_as_it_is(text: str, query: str) -> None:
    matcher = Matcher(query)
    shown = highlighted(matcher, text)
    assert shown.plain == Content(text).plain
    if matcher.match(Content(text).plain) > 0:
        assert shown.spans  # the matched letters are marked
