"""A crash report: what Afterword writes when it dies of an error it did not expect.

What a report (and the traceback shown in the terminal) keeps, and what it leaves out:

- kept: each exception's type, and where it happened: file, line number, function, and for a
  Python file its source line (code, never data);
- left out: every exception's message and notes, and every local variable.

Why only the type: a message is built from data at run time. A ``KeyError`` carries the key, a
``ValueError`` or a ``JSONDecodeError`` quotes the text it choked on, a ``UnicodeDecodeError``
holds the bytes, and the app's own f-strings name what they work on. Replacing the private text
the app holds (notes, emails, the mail password) can never be shown to be complete: a word of a
note, a truncated or escaped repr, or text typed into a field and not saved anywhere yet would
slip through. Dropping the message is complete by construction, and the type with its file,
line and source line is nearly always enough to find the fault. Source lines of other files (a
user template rendered by Jinja2 appears in tracebacks as its own ``.j2`` file) are left out too.

Nothing here imports Textual: the command line uses it as well.
"""

from __future__ import annotations

import contextlib
import os
import platform
import sys
import traceback
from datetime import datetime

from afterword import __version__, paths

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

HIDDEN = "‹message hidden›"
PREFIX = "crash-"
KEEP = 10  # the newest reports kept in the state folder
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _type_name(error: BaseException) -> str:
    kind = type(error)
    module = getattr(kind, "__module__", "")
    name = getattr(kind, "__qualname__", kind.__name__)
    return name if module in ("builtins", "__main__", "") else f"{module}.{name}"


def _has_message(error: BaseException) -> bool:
    try:
        return bool(str(error))
    except Exception:  # a broken __str__ is no reason to fail the report
        return True


def _one(error: BaseException, indent: str) -> list[str]:
    """One exception as Python prints it, without its message, notes or locals."""
    lines: list[str] = []
    if error.__traceback__ is not None:
        lines.append("Traceback (most recent call last):\n")
        for frame in traceback.extract_tb(error.__traceback__):  # no locals captured
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n')
            if frame.filename.endswith(".py") and frame.line:
                lines.append(f"    {frame.line.strip()}\n")
    name = _type_name(error)
    lines.append(f"{name}: {HIDDEN}\n" if _has_message(error) else f"{name}\n")
    if isinstance(error, BaseExceptionGroup):
        for number, inner in enumerate(error.exceptions, 1):
            lines.append(f"+-- {number} of {len(error.exceptions)}:\n")
            lines.extend(f"|   {line}" for line in traceback_lines(inner))
    return [f"{indent}{line}" for line in lines]


def traceback_lines(error: BaseException) -> list[str]:
    """The traceback of ``error`` and of what caused it, oldest first, as in Python's own."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, _CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, _CONTEXT
        else:
            current = None
    lines: list[str] = []
    for index in range(len(chain) - 1, -1, -1):
        exception, how = chain[index]
        lines.extend(_one(exception, ""))
        if index:
            lines.append(how)
    return lines


def traceback_text(error: BaseException) -> str:
    return "".join(traceback_lines(error))


def report_text(error: BaseException, when: datetime) -> str:
    head = (
        "Afterword crashed: an error it did not expect. A bug report with this file and a line "
        "on what you were doing helps to fix it.\n"
        f"afterword {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, {when:%Y-%m-%d %H:%M:%S}\n"
        "Exception messages and variables are left out: they may hold private text.\n\n"
    )
    return head + traceback_text(error)


def folder() -> Path:
    """Where crash reports go: the user state folder."""
    return paths.state_dir()


def write_report(error: BaseException, where: Path | None = None) -> Path:
    """Write the report of ``error`` (0600, in a 0700 folder); the oldest beyond KEEP go."""
    from afterword.store.atomic import ensure_private_dir, write_atomically

    directory = where if where is not None else folder()
    ensure_private_dir(directory)
    when = datetime.now()
    path = directory / f"{PREFIX}{when:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    number = 1
    while path.exists():
        number += 1
        path = directory / f"{PREFIX}{when:%Y%m%d-%H%M%S}-{os.getpid()}-{number}.txt"
    write_atomically(path, report_text(error, when).encode("utf-8"))
    reports = sorted(
        (p for p in directory.glob(f"{PREFIX}*.txt") if p.is_file()),
        key=lambda p: p.stat().st_mtime,
    )
    for old in reports[:-KEEP]:
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return path


def save(error: BaseException, where: Path | None = None) -> tuple[Path | None, str]:
    """Write the report; (its path, "") or (None, why it could not be written)."""
    try:
        return write_report(error, where), ""
    except OSError as problem:
        return None, problem.strerror or type(problem).__name__


def sentence(path: Path | None, problem: str = "") -> str:
    """The one line printed under the traceback."""
    if path is not None:
        return f"afterword crashed; the report is in {path}."
    return f"afterword crashed; the report could not be written ({problem or 'unknown reason'})."


def report(error: BaseException) -> int:
    """For an error outside the app's own loop: print the traceback and the sentence to
    stderr, write the report; the exit status of a crash."""
    from afterword.domain.words import shown, shown_lines

    path, problem = save(error)
    print(shown_lines(traceback_text(error)), end="", file=sys.stderr)  # paths from outside
    print(shown(sentence(path, problem)), file=sys.stderr)
    return 1
