"""An email kept as a text file: an optional ``Subject:`` line, a blank line, then the body."""

from __future__ import annotations

import re


def parse_text_file(text: str) -> tuple[str, str]:
    """(subject, body) of a text file: an optional first line ``Subject: …``, a blank line,
    then the body. Without that first line the subject is "" and all of it is the body."""
    subject, body, _ = _split_text_file(text)
    return subject, body


def body_start_line(text: str) -> int:
    """The file's line number (1-based) where ``parse_text_file``'s body starts."""
    return _split_text_file(text)[2]


_SUBJECT_LINE = re.compile(r"Subject:[^\S\n]?(?P<subject>[^\n]*)\n?", re.IGNORECASE)


def _split_text_file(text: str) -> tuple[str, str, int]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    match = _SUBJECT_LINE.match(text)
    if match is None:
        return "", text, 1
    rest, start = text[match.end() :], 2
    first, newline, after = rest.partition("\n")
    if not first.strip() and (newline or not after):
        rest, start = after, 3
    return match["subject"].strip(), rest, start
