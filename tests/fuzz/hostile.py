"""Hostile input for the fuzzers: control characters, bidi overrides, NUL, lone surrogates,
line breaks of every kind, emoji, case-changing letters, template and header tricks, 100,000
characters of one thing, huge numbers and deep nesting."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st

SPECIALS = (
    "\x00", "\x01", "\x07", "\x1b[2J", "\x1b]0;x\x07", "\x7f", "\x85", "\x9b",
    "\u202e", "\u202d", "\u202a", "\u200e", "\u200f", "\u2066", "\u2067", "\u2069", "\u061c",
    "\u200b", "\u2060", "\ufeff", "\ufffe", "\uffff",
    "\r\n", "\r", "\n", "\n\n\n", "\t", "\v", "\f", "\u2028", "\u2029", " ", "\u00a0",
    "👩\u200d👩\u200d👧", "🙂", "🏳️\u200d🌈", "e\u0301", "\u0301", "İ", "ı", "ß", "ﬃ", "Σ", "ǅ",
    "ﷺ", "\U0001d400", "𝔸", "١٢٣", "٣", "²", "½",
    "{{", "}}", "{%", "%}", "{#", "#}", "{{ x }}", "[name]", "<Company>", "XX", "TODO",
    "Subject:", "Bcc: x@y.example", "=?utf-8?q?a=0Ab?=", "=?utf-8?b?Cg==?=", "%0a", "%0D",
    "\\n", "\\r", "@", "a@b.example", "http://x.example/a b", "www.", "'", "’", '"', ",",
    "Dana", "dana", "Whitfield", "Acme", "Acme Robotics", "the the", "Friday", "Fri",
    "27 November", "2026-11-27", "tomorrow", "next week", "by Monday", "in 3 days",
    "99999999999999999999", "-1", "0", "1e999", "NaN",
)  # fmt: skip

_SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
_ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF)


def text(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Short hostile text: random characters and special pieces run together."""
    piece = st.one_of(
        st.sampled_from(SPECIALS),
        st.text(_ANY_CHAR, max_size=6),
        _SURROGATE,
        st.text("abcdefghij ", min_size=1, max_size=8),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def encodable(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The same text without lone surrogates (what a UTF-8 file or an argument can hold)."""
    return strategy.map(lambda s: s.encode("utf-8", "replace").decode("utf-8"))


HUGE_SIZE = 100_000
huge = st.sampled_from(
    ["a", "Dana ", "the ", "\u202e", "9", " ", "\n", "👩\u200d👩\u200d👧", "{{", "x\r\n", "İ"]
).map(lambda unit: (unit * HUGE_SIZE)[:HUGE_SIZE])
"""100,000 characters of one thing."""


def field(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """A record's text field: mostly short hostile text, sometimes 100,000 characters."""
    short = text(max_pieces)
    return st.one_of(*[short] * 7, huge)


def nonblank(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text that is not blank (a required name): hostile text with a letter at the end."""
    return strategy.map(lambda s: s + "Q")


moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
"""Naive local date-times of plausible years."""


def near(now: datetime, days: int = 400) -> st.SearchStrategy[datetime]:
    return st.integers(-days * 24 * 60, days * 24 * 60).map(lambda m: now + timedelta(minutes=m))


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**300), max_value=10**300),
    st.floats(allow_nan=True, allow_infinity=True),
    text(),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text(3), inner, max_size=3),
    max_leaves=8,
)
"""Any JSON value (NaN and infinities too, as Python's json writes them)."""
finite_json_values = st.recursive(
    st.one_of(
        json_scalars.filter(lambda v: not isinstance(v, float)),
        st.floats(allow_nan=False, allow_infinity=False),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text(3), inner, max_size=3),
    max_leaves=8,
)
"""Any value JSON (RFC 8259) has: no NaN or infinities, which an import refuses."""

RAW_JSON = (
    "9" * 5000, "-" + "9" * 4400, "1e999", "-1e999", "1" + "0" * 400 + ".5", "NaN", "Infinity",
    "-0", "0.0", "[" * 50_000 + "]" * 50_000, '{"a":' * 5000 + "1" + "}" * 5000,
    "[" * 900 + "]" * 900, '"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"\\u202e"', "[]",
    "{}", '""', "true", "null", '"' + "x" * HUGE_SIZE + '"',
)  # fmt: skip
"""JSON text that Python's json module reads only with trouble, or not at all."""
