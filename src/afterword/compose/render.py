"""Templates: the built-in ones in the package, the user's own in the config folder.

A template is ``NAME.j2``: a first line ``Subject: …``, a blank line, the body; Jinja2, plain
text, no autoescape. Everything renders in Jinja2's ``ImmutableSandboxedEnvironment`` with
``StrictUndefined``. The user's templates also run in a child process with limits on time and
memory (``render_child``), so one that loops for ever or builds a huge string is stopped and the
app stays responsive. Every fault is one ``TemplateProblem`` naming the template and the line.
"""

from __future__ import annotations

import contextlib
import json
import operator
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import (
    FunctionLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from afterword.compose.context import build_context
from afterword.compose.isolated import helper_environment, python_command
from afterword.config import Profile
from afterword.domain.model import Interview
from afterword.errors import AfterwordError

MAX_OUTPUT = 100_000  # characters of rendered text
TIME_LIMIT = 3.0  # seconds of a user template's child process (wall clock)
MEMORY_LIMIT = 768 * 1024 * 1024  # bytes of address space for that child
SUFFIX = ".j2"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class TemplateProblem(AfterwordError):
    """A template that cannot be used, said in one sentence naming it and the line."""


@dataclass(frozen=True)
class TemplateSource:
    name: str
    text: str
    origin: str  # where it came from, for messages: "built-in" or the file's path
    user: bool


@dataclass(frozen=True)
class Letter:
    """A rendered template: the subject line and the body."""

    subject: str
    body: str


@dataclass
class RenderRequest:
    """Everything a template may draw on (docs/templates.md lists the names it sees)."""

    template: str
    interview: Interview
    person: str  # whom it is for: an interviewer's or the recruiter's name
    profile: Profile
    now: datetime
    notes: list[dict[str, str]] = field(default_factory=list)  # via-recruiter: enclosed notes


# ---------------------------------------------------------------- finding templates


def _built_in_folder() -> Any:
    return resources.files("afterword.compose") / "templates"


def built_in_names() -> list[str]:
    return sorted(
        entry.name[: -len(SUFFIX)]
        for entry in _built_in_folder().iterdir()
        if entry.name.endswith(SUFFIX) and not entry.name.startswith("_")
    )


def _user_files(user_dir: Path | None) -> dict[str, Path]:
    if user_dir is None:
        return {}
    try:
        entries = list(user_dir.iterdir())
    except OSError:
        return {}
    return {
        p.name[: -len(SUFFIX)]: p
        for p in entries
        if p.name.endswith(SUFFIX) and _NAME.match(p.name[: -len(SUFFIX)]) and p.is_file()
    }


def template_names(user_dir: Path | None) -> list[str]:
    """Every template the user can pick: the built-ins, then their own additions."""
    builtin = built_in_names()
    return builtin + sorted(set(_user_files(user_dir)) - set(builtin))


def find_template(name: str, user_dir: Path | None) -> TemplateSource:
    """The user's ``NAME.j2`` when there is one, else the built-in one."""
    user = _user_files(user_dir).get(name)
    if user is not None:
        try:
            text = user.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateProblem(
                f"Template {name} ({user}) cannot be read ({error}); fix or remove the file."
            ) from None
        return TemplateSource(name, text, str(user), user=True)
    entry = _built_in_folder() / f"{name}{SUFFIX}"
    if not _NAME.match(name) or not entry.is_file():
        known = ", ".join(template_names(user_dir))
        raise TemplateProblem(f"There is no template called {name!r}; the templates are: {known}.")
    return TemplateSource(name, entry.read_text(encoding="utf-8"), "built-in", user=False)


# ---------------------------------------------------------------- the sandbox


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, which also refuses to multiply text into a huge string."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > MAX_OUTPUT:
                    raise SecurityError(f"the text would grow past {MAX_OUTPUT:,} characters")
            return operator.mul(left, right)
        if operator_name == "**":
            if isinstance(right, int) and isinstance(left, int) and abs(right) > 64:
                raise SecurityError("the number would be too large")
            return operator.pow(left, right)
        return super().call_binop(context, operator_name, left, right)


def _environment(lookup: Callable[[str], TemplateSource | None]) -> _Sandbox:
    def load(name: str) -> tuple[str, str, Callable[[], bool]] | None:
        source = lookup(name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name)
        if source is None:
            return None
        return source.text, _filename(source), lambda: True

    env = _Sandbox(
        loader=FunctionLoader(load),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _filename(source: TemplateSource) -> str:
    return source.origin if source.user else f"<built-in {source.name}{SUFFIX}>"


def _describe(source: TemplateSource) -> str:
    return f"Template {source.name} ({source.origin})" if source.user else f"Template {source.name}"


def _line_of(source: TemplateSource, tb: TracebackType | None) -> int | None:
    """The template line a rendering error happened on (Jinja2 rewrites the traceback)."""
    line = None
    filename = _filename(source)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _problem(source: TemplateSource, error: BaseException) -> TemplateProblem:
    where = _describe(source)
    if isinstance(error, TemplateSyntaxError):
        return TemplateProblem(f"{where}, line {error.lineno}: syntax error: {error.message}.")
    line = _line_of(source, error.__traceback__)
    at = f", line {line}" if line else ""
    if isinstance(error, UndefinedError):
        what = f"unknown name: {error.message}"
        tail = " (docs/templates.md lists the names a template can use)."
    elif isinstance(error, SecurityError):
        what, tail = f"the sandbox refused it: {error}", "."
    elif isinstance(error, MemoryError):
        what, tail = "it built more text than memory allows and was stopped", "."
    elif isinstance(error, RecursionError):
        what, tail = "it calls itself without end and was stopped", "."
    else:
        what, tail = f"{type(error).__name__}: {error}", "."
    return TemplateProblem(f"{where}{at}: {what.rstrip('.')}{tail}")


def _collect(chunks: Iterator[str], source: TemplateSource) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateProblem(
                f"{_describe(source)}: the text grew past {MAX_OUTPUT:,} characters and was "
                "stopped; look for a loop that repeats too often."
            )
        out.append(chunk)
    return "".join(out)


def _split(source: TemplateSource, text: str) -> Letter:
    first, _, rest = text.partition("\n")
    if not first.startswith("Subject:"):
        raise TemplateProblem(
            f"{_describe(source)}, line 1: the first line must be 'Subject: …', then a blank "
            "line, then the body."
        )
    body = re.sub(r"[ \t]+\n", "\n", rest.lstrip("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip("\n")
    return Letter(first[len("Subject:") :].strip(), body + "\n" if body else "")


def _check_source(source: TemplateSource) -> None:
    if not source.text.startswith("Subject:"):
        raise TemplateProblem(
            f"{_describe(source)}, line 1: the first line must be 'Subject: …', then a blank "
            "line, then the body."
        )


def _close(chunks: Iterator[str]) -> None:
    """Close a render stopped at the output limit. It still holds every include it was inside,
    one generator in the next; closing them takes about twice the stack that running them did.
    Left to the garbage collector, which may get to it anywhere, running out of stack prints a
    traceback ("Exception ignored in…") over the screen; here the limit is raised for the
    moment (the chain is no deeper than the limit it ran under) and anything raised is
    dropped."""
    close = getattr(chunks, "close", None)
    if close is None:
        return
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit * 3)
    try:
        with contextlib.suppress(Exception):
            close()
    finally:
        sys.setrecursionlimit(limit)


def render_source(source: TemplateSource, request: RenderRequest, user_dir: Path | None) -> Letter:
    """Render in this process, in the sandbox, with the output limit; ``{% include %}`` finds
    the other templates by name."""
    _check_source(source)

    def lookup(name: str) -> TemplateSource | None:
        if name == source.name:
            return source
        try:
            return find_template(name, user_dir)
        except TemplateProblem:
            return None

    env = _environment(lookup)
    context = build_context(request, filters_into=env.filters)
    chunks: Iterator[str] | None = None
    try:
        template = env.get_template(source.name)
        chunks = template.generate(context)
        text = _collect(chunks, source)
    except TemplateProblem:
        raise
    except TemplateNotFound as error:
        raise TemplateProblem(
            f"{_describe(source)}: it includes {error.name!r}, which is not a template."
        ) from None
    except (Exception, RecursionError, MemoryError) as error:
        raise _problem(source, error) from None
    finally:
        if chunks is not None:
            _close(chunks)
    return _split(source, text)


def render_here(request: RenderRequest, user_dir: Path | None) -> Letter:
    """Render ``request`` in this process (the child process calls this for user templates)."""
    if request.template == "via-recruiter" and not request.notes:
        request.notes = _notes(request, user_dir)
    source = find_template(request.template, user_dir)
    return render_source(source, request, user_dir)


def _notes(request: RenderRequest, user_dir: Path | None) -> list[dict[str, str]]:
    """The thank-you for each interviewer, enclosed in the via-recruiter email."""
    notes = []
    for person in request.interview.interviewers:
        letter = render_here(
            RenderRequest(
                "thank-you", request.interview, person.name, request.profile, request.now
            ),
            user_dir,
        )
        notes.append({"person": person.name, "subject": letter.subject, "body": letter.body})
    return notes


def uses_user_template(name: str, user_dir: Path | None) -> bool:
    files = _user_files(user_dir)
    return name in files or (name == "via-recruiter" and "thank-you" in files)


def render(request: RenderRequest, user_dir: Path | None) -> Letter:
    """Render a template: built-ins here, the user's own in a child process with limits."""
    if uses_user_template(request.template, user_dir):
        return _render_in_child(request, user_dir)
    return render_here(request, user_dir)


# ---------------------------------------------------------------- the child process


def request_to_json(request: RenderRequest, user_dir: Path | None) -> str:
    from afterword.domain.records import interview_to_dict

    return json.dumps(
        {
            "template": request.template,
            "interview": interview_to_dict(request.interview),
            "person": request.person,
            "profile": asdict(request.profile),
            "now": request.now.isoformat(),
            "notes": request.notes,
            "user_dir": str(user_dir) if user_dir else None,
        }
    )


def request_from_json(text: str) -> tuple[RenderRequest, Path | None]:
    from afterword.domain.records import interview_from_dict

    raw = json.loads(text)
    request = RenderRequest(
        template=raw["template"],
        interview=interview_from_dict(raw["interview"]),
        person=raw["person"],
        profile=Profile(**raw["profile"]),
        now=datetime.fromisoformat(raw["now"]),
        notes=raw["notes"],
    )
    return request, Path(raw["user_dir"]) if raw["user_dir"] else None


def _render_in_child(request: RenderRequest, user_dir: Path | None) -> Letter:
    name = request.template
    origin = _user_files(user_dir).get(name) or _user_files(user_dir).get("thank-you")
    where = f"Template {name} ({origin})"
    # Isolated, in the templates' own folder: nothing of the current folder is imported.
    env = helper_environment(AFTERWORD_RENDER_MEMORY=str(MEMORY_LIMIT))
    try:
        done = subprocess.run(
            python_command("afterword.compose.render_child"),
            input=request_to_json(request, user_dir),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIME_LIMIT,
            env=env,
            cwd=user_dir,
        )
    except subprocess.TimeoutExpired:
        raise TemplateProblem(
            f"{where}: it took more than {TIME_LIMIT:g} seconds and was stopped; look for a "
            "loop that never ends."
        ) from None
    except OSError as error:
        raise TemplateProblem(f"{where}: could not start rendering ({error}).") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "problem" in answer:
        raise TemplateProblem(str(answer["problem"]))
    if isinstance(answer, dict) and "subject" in answer:
        return Letter(str(answer["subject"]), str(answer["body"]))
    if done.returncode < 0:
        raise TemplateProblem(
            f"{where}: it used too much time or memory and was stopped; look for a loop "
            "that never ends or text that grows without limit."
        )
    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
    raise TemplateProblem(f"{where}: rendering failed ({last}).")
