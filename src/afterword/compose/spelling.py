"""The English dictionary behind the spelling check (pyspellchecker), and the user's own words.

Loading the dictionary takes about a tenth of a second, so callers load it once, in a worker.
A correction one edit away (a letter missing, extra, wrong, or two swapped) takes a millisecond or
two; pyspellchecker's own ``correction`` goes on to two edits when there is none, and that takes a
quarter of a second to two seconds a word. So a correction here is one edit away or none, asked
for only for the words shown, and remembered.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spellchecker import SpellChecker

WORDS_FILE = "words.txt"
# Words of the job hunt and of software work that the English list lacks.
TRADE_WORDS = (
    "onsite",
    "offsite",
    "roadmap",
    "roadmaps",
    "backend",
    "frontend",
    "fullstack",
    "devops",
    "kubernetes",
    "microservices",
    "microservice",
    "api",
    "apis",
    "sql",
    "nosql",
    "postgres",
    "saas",
    "onboarding",
    "offboarding",
    "standup",
    "standups",
    "teammates",
    "teammate",
    "codebase",
    "codebases",
    "refactor",
    "refactoring",
    "refactored",
    "dataset",
    "datasets",
    "workflow",
    "workflows",
    "async",
    "javascript",
    "typescript",
    "python",
    "golang",
    "rust",
    "linux",
    "cloud",
    "serverless",
    "ci",
    "cd",
    "terraform",
    "ansible",
    "docker",
    "observability",
    "sre",
    "oncall",
    "on-call",
    "takehome",
    "take-home",
    "recruiter",
    "recruiters",
    "hiring",
    "startup",
    "startups",
    "fintech",
    "healthtech",
    "edtech",
    "idempotent",
    "idempotency",
    "failover",
)


class Spelling:
    """A ``Speller`` (see ``afterword.domain.proofread``) over pyspellchecker's English list."""

    def __init__(self, checker: SpellChecker) -> None:
        self._checker = checker
        self._suggestions: dict[str, str] = {}

    @classmethod
    def load(cls, extra_words: Iterable[str] = ()) -> Spelling:
        """The English dictionary plus ``extra_words`` (names, companies, the user's list).

        Raises ImportError when pyspellchecker is not installed: the other checks run without.
        """
        from spellchecker import SpellChecker

        spelling = cls(SpellChecker(language="en"))
        spelling.add([*TRADE_WORDS, *extra_words])
        return spelling

    def add(self, words: Iterable[str]) -> None:
        """Accept these words from now on (one reload of the word list for all of them)."""
        new = {w.strip().lower() for w in words if w.strip()}
        new -= self._checker.known(new)
        if new:
            self._checker.word_frequency.load_words(new)
            self._suggestions.clear()  # a new word may be the better correction

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The lower-cased words that are not in the dictionary."""
        return self._checker.unknown(words)

    def suggest(self, word: str) -> str:
        """The most frequent word one edit away, or "" when there is none."""
        key = word.lower()
        if key not in self._suggestions:
            checker = self._checker
            near = sorted(checker.known(checker.edit_distance_1(key)))
            self._suggestions[key] = max(near, key=checker.__getitem__) if near else ""
        return self._suggestions[key]


def user_words(config_dir: Path) -> list[str]:
    """The words of ``words.txt`` in the config folder: one a line, ``#`` starts a comment.

    A missing or unreadable file is no word list (spelling still works without it).
    """
    try:
        text = (config_dir / WORDS_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return _listed(text)


def _listed(text: str) -> list[str]:
    words: list[str] = []
    for line in text.splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def add_user_word(config_dir: Path, word: str) -> Path:
    """Add ``word`` to ``words.txt`` in the config folder (made 0700 if missing), keeping what
    the file holds; a word it lists already (in any case) is not added twice. Returns the
    file. Raises OSError (the folder or the file cannot be written) and ValueError (not one
    word)."""
    from afterword.store.atomic import ensure_private_dir, write_atomically

    word = word.strip()
    if not word or len(word.split()) != 1 or "#" in word:
        raise ValueError(f"{word!r} is not one word")
    ensure_private_dir(config_dir)
    path = Path(os.path.realpath(config_dir / WORDS_FILE))  # a linked list is written through
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not UTF-8 text") from None
    if word.lower() in (w.lower() for w in _listed(text)):
        return path
    if text and not text.endswith("\n"):
        text += "\n"
    write_atomically(path, (text + word + "\n").encode("utf-8"))
    return path
