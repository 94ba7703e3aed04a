"""Edit a text in the user's own editor ($VISUAL, then $EDITOR), with the app suspended."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from afterword import scratch

if TYPE_CHECKING:
    from textual.app import App


def editor_command() -> list[str]:
    """The editor to run, as argv: $VISUAL, then $EDITOR, then vi."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return ["vi"]


def edit_in_editor(app: App[object], text: str, name: str) -> str | None:
    """``text`` as the user left it in their editor, or None (and a notice saying why).

    The text goes to a private file (0600) named after the field, in Afterword's own scratch
    folder (``afterword.scratch``), not in $TMPDIR; the terminal is handed to the editor
    through ``App.suspend`` and given back afterwards. A headless app has no terminal to hand
    over, so the editor simply runs.
    """
    try:
        command = editor_command()
    except ValueError as error:
        app.notify(
            f"Cannot read the editor command in $VISUAL/$EDITOR ({error}).", severity="error"
        )
        return None
    try:
        path = scratch.new_file(f"afterword-{name}-", ".txt")
    except OSError as error:
        app.notify(
            f"Could not make a file for the editor in {scratch.root()} "
            f"({error.strerror or error}).",
            severity="error",
            markup=False,
        )
        return None
    try:
        with open(path, "w", encoding="utf-8") as file:
            file.write(text if text.endswith("\n") or not text else text + "\n")
        try:
            with app.suspend():
                code = subprocess.call([*command, path])
        except SuspendNotSupported:
            if not app.is_headless:
                app.notify("This terminal cannot hand over to an editor.", severity="error")
                return None
            code = subprocess.call([*command, path], stdin=subprocess.DEVNULL)
        if code != 0:
            app.notify(
                f"The editor ({command[0]}) exited with status {code}; the field is unchanged.",
                severity="warning",
            )
            return None
        with open(path, encoding="utf-8", errors="replace") as file:
            edited = file.read()
    except FileNotFoundError:
        app.notify(
            f"There is no editor {command[0]!r}; set $EDITOR to the one you use.",
            severity="error",
        )
        return None
    except OSError as error:
        app.notify(f"Could not edit in {command[0]}: {error.strerror}.", severity="error")
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    # A file ends with a newline (editors add one); the field keeps its own ending.
    return edited[:-1] if edited.endswith("\n") and not text.endswith("\n") else edited
