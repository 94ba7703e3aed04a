"""Nothing from the data reaches the terminal as a control sequence.

Interviews come from outside: a recruiter's calendar invitation, an import file, a paste. A
company name holding ``ESC [ 2 J`` or ``ESC ] 0 ; … BEL`` would, drawn as it is, clear the
screen or retitle the window, and a direction override would reorder the line. Textual writes
the text of what it draws as it is, so this filter, applied to every line the app draws (after
Textual's own filters), takes those characters out: the ones that take no room (escape, bell,
direction marks) are dropped, any that take room become U+FFFD, so every line keeps its width.
The data itself keeps them; the one-shot commands show them as escapes (`words.shown`).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from afterword.domain.words import is_control


def _cleaned(text: str) -> str:
    return "".join("\ufffd" * cell_len(ch) if is_control(ch) else ch for ch in text)


class DropControls(LineFilter):
    """Takes control characters, line separators and direction marks out of drawn lines."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.text.isprintable() for segment in segments):
            return segments  # nearly every line: nothing to do
        cleaned = []
        for segment in segments:
            text = segment.text
            if segment.control is None and not text.isprintable():
                segment = Segment(_cleaned(text), segment.style)
            cleaned.append(segment)
        return cleaned
