"""Reading a file the user hands us (an import, an invitation) with a cap on its size.

A file over the cap is refused from its size alone, before a byte is read: a 1 GB file once
took 2 GB of memory to be called "not valid JSON at line 1". Only regular files are read (a
device such as /dev/zero never ends, a pipe or a socket can block); a file that grows while
being read is cut at the cap plus one byte, and refused too.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MB = 1024 * 1024
# An export of 20,000 interviews is 75 MB, an invitation a few KB: generous for both. Tests
# lower it through this attribute (it is read at each call).
IMPORT_CAP = 256 * MB
TEXT_CAP = MB  # a letter to proofread: 200 words is about 1.5 KB


class TooLarge(Exception):
    """The file is bigger than the cap; ``size`` is None when only a read could tell."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(size, limit)
        self.size = size
        self.limit = limit


class NotAFile(Exception):
    """The path names a device, a pipe or a socket, not a file."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def size_words(size: int) -> str:
    """'256 MB', '1.5 GB', '300 bytes'."""
    if size < MB:
        return f"{size} bytes" if size < 1024 else f"{size // 1024} KB"
    if size < 1024 * MB:
        return f"{size // MB} MB"
    return f"{size / (1024 * MB):.1f} GB"


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None  # a folder: open() says IsADirectoryError, which callers know
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_capped(path: Path | str, limit: int | None = None, *, pipes: bool = False) -> bytes:
    """The bytes of the file at ``path`` (links followed), at most ``limit`` of them
    (``IMPORT_CAP`` by default). Raises TooLarge, NotAFile, or OSError as ``open`` does.
    ``pipes``: read a pipe too (``--file /dev/stdin``), up to the cap."""
    limit = IMPORT_CAP if limit is None else limit
    kind = _kind(os.stat(path).st_mode)
    if kind is not None and not (pipes and kind == "a pipe"):
        raise NotAFile(kind)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise TooLarge(size, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(None, limit)
    return data


def read_or_refuse(
    path: Path,
    refuse: Callable[[str], Exception],
    *,
    not_a: str,
    cap_of: str,
    nothing: str,
    folder: str = "",
    next_step: str = "",
) -> bytes:
    """``read_capped`` for a file the user named, each way it can fail said in one sentence
    made into ``refuse``'s exception: "X is a device, " + ``not_a`` ('not a file; give the file
    to import.'); "X is larger (8.0 GB) than " + ``cap_of`` ('an import') + " may be (256 MB); "
    + ``nothing`` ('nothing was imported.', its stop replaced by ``next_step`` when given);
    the memory running out ends in ``nothing`` too. ``folder`` ('give the file to import'):
    a missing file and a folder get sentences of their own, else the system's words."""
    try:
        return read_capped(path)
    except NotAFile as error:
        raise refuse(f"{path} is {error.kind}, {not_a}") from None
    except TooLarge as error:
        size = f" ({size_words(error.size)})" if error.size is not None else ""
        end = nothing.removesuffix(".") + next_step if next_step else nothing
        raise refuse(
            f"{path} is larger{size} than {cap_of} may be ({size_words(error.limit)}); {end}"
        ) from None
    except MemoryError:
        raise refuse(f"{path} is too big to read in the memory there is; {nothing}") from None
    except OSError as error:
        if folder and isinstance(error, FileNotFoundError):
            raise refuse(f"There is no file {path}.") from None
        if folder and isinstance(error, IsADirectoryError):
            raise refuse(f"{path} is a folder; {folder}.") from None
        raise refuse(f"Cannot read {path}: {error.strerror or error}.") from None
