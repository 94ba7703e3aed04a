"""Handing an email to the user's own mail client: a ``.eml`` file, and the command to open it.

The file is written atomically and 0600 (it holds a private email). The client command is split
into an argv and run without a shell; the file's path is one argv item wherever ``{file}`` is,
so no name or address in the email can ever reach a command line.
"""

from __future__ import annotations

import errno
import re
import shlex
import unicodedata
from email.message import EmailMessage
from pathlib import Path

from afterword import paths
from afterword.compose.message_bytes import file_bytes
from afterword.domain.model import Draft
from afterword.store.atomic import ensure_private_dir, write_atomically
from afterword.store.own_files import refuse_own_file

OUTBOX_FOLDER = "outbox"
_NAME_LIMIT = 100
_ID_LENGTH = 16  # of the draft's id, at the end of its .eml file's name


class NoSuchFolder(FileNotFoundError):
    """The folder for a ``.eml`` file the user named does not exist; ``str()`` says so."""

    def __str__(self) -> str:
        return str(self.strerror)


def outbox_dir() -> Path:
    """Afterword's own folder for ``.eml`` files handed to the mail client."""
    return paths.data_dir() / OUTBOX_FOLDER


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def write_eml(
    path: Path, message: EmailMessage, *, database: Path, option: str | None = None
) -> Path:
    """Write ``message`` to ``path`` (0600, atomic) and return the absolute path.

    Folders inside Afterword's data folder are created (0700); the folder of a path the user
    chose must exist already (``NoSuchFolder``, one sentence), so a typo makes no new folders.
    A path that is ``database`` or one of its own files is refused (``OutputRefused``, one
    sentence; ``option`` names where the path came from).
    """
    refuse_own_file(path.expanduser(), database, option=option)
    path = path.expanduser().absolute()
    folder = path.parent
    if _is_within(folder, paths.data_dir()):
        ensure_private_dir(folder)
    elif not folder.is_dir():
        raise NoSuchFolder(
            errno.ENOENT,
            f"The folder {folder} does not exist; create it or choose another place for the "
            ".eml file.",
        )
    write_atomically(path, file_bytes(message))
    return path


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def eml_name(draft: Draft, company: str) -> str:
    """A file name that says what the email is, and whose it is:
    ``acme-robotics-dana-whitfield-thank-you-1a2b3c4d.eml``.

    The draft's id ends the name, so two drafts never share a file (a long company cut to the
    same start, a company or a name with no Latin letters, two rounds with one interviewer);
    the same draft written again replaces its own older file.
    """
    parts = [_slug(part) for part in (company, draft.person, draft.template)]
    stem = "-".join(part for part in parts if part) or "draft"
    tag = _slug(draft.id)[:_ID_LENGTH]
    if not tag:
        return stem[:_NAME_LIMIT].rstrip("-") + ".eml"
    return stem[: _NAME_LIMIT - len(tag) - 1].rstrip("-") + f"-{tag}.eml"


def client_argv(command: str, file: Path) -> list[str]:
    """The mail client's argv: ``{file}`` replaced by the path (one item), else the path appended.

    ValueError (one sentence naming ``mail.client_command``) when the command is empty or its
    quotes do not close.
    """
    try:
        argv = shlex.split(command)
    except ValueError:
        raise ValueError(
            "mail.client_command in config.toml cannot be read (a quote is not closed); fix it."
        ) from None
    if not argv:
        raise ValueError(
            'mail.client_command is not set: add one such as "neomutt -H {file}" under [mail] '
            "in config.toml."
        )
    target = str(file.absolute())
    if not any("{file}" in item for item in argv):
        return [*argv, target]
    return [item.replace("{file}", target) for item in argv]
