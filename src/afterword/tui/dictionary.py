"""The spelling dictionary the drafts are checked with: loaded once, in a worker (about a tenth
of a second), with every name, company and role of the database and the user's own words added
to it; then ``app.spelling`` is set and the screens hear ``spelling_ready_signal``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work

from afterword import paths

if TYPE_CHECKING:
    from afterword.compose.spelling import Spelling
    from afterword.domain.summary import Summary
    from afterword.tui.app import AfterwordApp


def known_words(summaries: Iterable[Summary], name: str) -> list[str]:
    """The words of the names, companies, roles and agencies of the interviews and of the
    user's ``name``: spelled right whatever the dictionary says."""
    words: set[str] = set()
    for summary in summaries:
        words.update(summary.company.split())
        words.update(summary.role.split())
        for person in summary.interviewers:
            words.update(person.split())
        words.update(summary.recruiter.split())
        words.update(summary.agency.split())
    words.update(name.split())
    return sorted(words)


@work(thread=True, exclusive=True, group="spelling", exit_on_error=False)
def load_dictionary(app: AfterwordApp, words: list[str]) -> None:
    """The dictionary with ``words`` and the user's own, then ``app.spelling`` set."""
    from afterword.compose.spelling import Spelling, user_words

    try:
        spelling = Spelling.load([*words, *user_words(paths.user_folder())])
    except ImportError:
        app.call_from_thread(
            app.notify, "The spelling check is off: pyspellchecker is not installed."
        )
        return
    app.call_from_thread(_loaded, app, spelling)


def _loaded(app: AfterwordApp, spelling: Spelling) -> None:
    app.spelling = spelling
    app.spelling_ready_signal.publish(None)
