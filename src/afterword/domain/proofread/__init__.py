"""Proofreading an email against the interview record, before it is sent.

The mistakes that cost a candidate most are the ones a spell checker cannot see: the wrong
company's name left from the last thank-you, an interviewer's name misspelt, a weekday that does
not fit its date, a decision date already past, a template placeholder left in. These checks run
on every pause in typing, so the text is read once into its words, and most checks are set
operations on those words and ``str.find`` on the text (a regular expression with a lookbehind
tries every position, at a tenth of the speed). Per-context tables are built once
(``ProofContext.lookups``), dates are looked for only near digits, and edit distances are
computed only for the few words that could be a misspelt name. Budget: within 2x the dictionary's
own check of the same words (bench/proofread.py).

Pure: no Textual, TinyDB, Jinja2 or spell-checker import; the dictionary comes in as a
``Speller``.

Where things are: ``proofreader`` runs the checks; ``context`` is what they check against;
``text`` reads a text once; the checks are ``leftovers`` (placeholders, other companies),
``spelling`` (the dictionary, repeated words), ``names``, ``dates``, ``tone`` (self-criticism,
listed in ``afterword.domain.self_critical``) and ``structure`` (greeting, sign-off, the four Rs,
length); ``findings`` is what they report; ``text_file`` reads a file.
"""

from afterword.domain.proofread.context import THANK_YOU, ProofContext, Speller, proof_context
from afterword.domain.proofread.findings import KINDS, SEVERITIES, Finding
from afterword.domain.proofread.proofreader import proofread
from afterword.domain.proofread.spelling import MAX_SUGGESTIONS
from afterword.domain.proofread.text import TOKEN, fold
from afterword.domain.proofread.text_file import body_start_line, parse_text_file

_TOKEN = TOKEN  # how the text is split into words, for bench/proofread.py

__all__ = [
    "KINDS",
    "MAX_SUGGESTIONS",
    "SEVERITIES",
    "THANK_YOU",
    "Finding",
    "ProofContext",
    "Speller",
    "body_start_line",
    "fold",
    "parse_text_file",
    "proof_context",
    "proofread",
]
