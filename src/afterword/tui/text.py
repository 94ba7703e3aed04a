"""Text from the data, the config, paths and servers, shown as text: never read as markup.

A company, a name, a debrief answer, a file path or an SMTP reply can hold square brackets
(``Kim [2nd round``, ``Dropbox [work]/CV.pdf``, ``550 [/] no such user``). Read as Textual
markup they vanish, turn into styles or click actions (``[@click=app.quit]``), or stop the app
with a MarkupError. So the screens never paste data into a markup string: they build a
``Content`` here, the data as literal text with the app's own styles put around it, or use
widgets made with ``markup=False``. The app's notifications are always plain text
(``AfterwordApp.notify``).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.fuzzy import Matcher

Part = str | Content | tuple[str, str]  # literal text, or (literal text, style)


def styled(*parts: Part) -> Content:
    """Literal text and (text, style) pairs side by side, e.g.
    ``styled(("People", "b"), "\\n  ", person.name)``: no part is read as markup."""
    return Content.assemble(*parts)


def joined(lines: Iterable[Content | str], separator: str = "\n") -> Content:
    """Lines (or other pieces) of literal text and Content, one after another."""
    return Content(separator).join(
        Content(line) if isinstance(line, str) else line for line in lines
    )


def markup_escaped(text: str) -> str:
    """``text`` as markup that reads back as exactly ``text``, for the few places Textual takes
    nothing but a markup string (the palette's help line). Textual's own ``escape`` leaves
    ``[/`` and ``[2nd`` as they are, and the first of them is a MarkupError."""
    return text.replace("[", "\\[")


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the letters the palette's query matched in the matcher's style
    (``Matcher.highlight`` would read ``text`` as markup first)."""
    content = Content(text)
    plain = content.plain  # without the control codes Content leaves out
    score, offsets = matcher.fuzzy_search.match(matcher.query, plain)
    if not score:
        return content
    for offset in offsets:
        if not plain[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
