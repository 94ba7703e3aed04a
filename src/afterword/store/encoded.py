"""The interviews table kept where its records' JSON text is, on disk: a save encodes only
the records that changed, and memory holds no copy of the records at all.

``EncodedTable`` maps doc ids to records. A record read from the file, or saved since, is held
as a ``Slice``: where its text is in a ``Backing``, an unnamed private copy of the file as it
was read or saved (the storage makes it: a tool that writes the database in place cannot
change it); reading it decodes a fresh dict (changing that dict changes nothing: put it back
with ``table[doc_id] = doc``). A record put in is held as the dict until the next save encodes
it; one that had to be mended when read (or a file read the plain way) is held as its bytes.
``split_file`` reads a database file record by record, a megabyte at a time, without ever
holding the file or the parsed records; ``split_database`` does the same with a text in
memory. Each slice keeps its text's CRC-32: one whose text is not there any more raises
``RecordMoved``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import zlib
from collections.abc import Callable, Iterator, MutableMapping
from json.decoder import WHITESPACE, scanstring  # type: ignore[attr-defined]
from typing import Any

from afterword.store.migrations import INTERVIEWS

CHUNK = 1 << 20  # how much of a file is read, or written, at a time


class RecordMoved(OSError):
    """A record's text cannot be read back from where it was kept (the private copy could
    not be read, or something changed it)."""


class Backing:
    """One version of the database file, held open for its records to be read by offset
    (``os.pread``: from any thread, no shared position). Closed when no longer held."""

    __slots__ = ("__weakref__", "_fd")

    def __init__(self, fd: int) -> None:
        self._fd = fd

    @property
    def fd(self) -> int:
        return self._fd

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self._fd, length, offset)
        while len(data) < length:  # a short read (rare): the rest
            more = os.pread(self._fd, length - len(data), offset + len(data))
            if not more:
                break
            data += more
        return data

    def close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self) -> None:
        with contextlib.suppress(OSError):
            self.close()


class Slice:
    """Where one record's JSON text is in a ``Backing``, and the text's length and CRC-32."""

    __slots__ = ("backing", "crc", "length", "offset")

    def __init__(self, backing: Backing, offset: int, length: int, crc: int) -> None:
        self.backing = backing
        self.offset = offset
        self.length = length
        self.crc = crc

    def read(self) -> bytes:
        """The record's text; RecordMoved when it cannot be read back as it was."""
        try:
            data = self.backing.read(self.offset, self.length)
        except OSError as error:
            raise RecordMoved(error.errno, error.strerror) from None
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise RecordMoved("a record's text kept in the private copy changed")
        return data


Row = bytes | dict[str, Any] | Slice


def fingerprint(text: bytes | Slice) -> tuple[int, int]:
    """The length and CRC-32 of a record's text (held, or where it is), without reading it
    from where it is: texts with different fingerprints differ."""
    if isinstance(text, Slice):
        return text.length, text.crc
    return len(text), zlib.crc32(text)


def _finite_or_text(text: str) -> float | str:
    number = float(text)
    return number if math.isfinite(number) else text


def loads_database(raw: bytes | str) -> Any:
    """A database file's JSON. ``NaN``, ``Infinity`` and numbers too big for a float (which an
    older Afterword let in through unknown keys) are kept as their text, so that the next save
    writes valid JSON (RFC 8259) and loses nothing."""
    return json.loads(raw, parse_constant=str, parse_float=_finite_or_text)


def dumps_compact(value: Any) -> bytes:
    """Compact ASCII JSON, as a save writes it (raises TypeError/ValueError on what JSON cannot
    hold). The values come from JSON and from records of plain values: no cycles to look for."""
    return json.dumps(value, separators=(",", ":"), check_circular=False, allow_nan=False).encode(
        "ascii"
    )


def _key_bytes(key: str) -> bytes:
    plain = key.isascii() and key.isdigit()  # "²" is a digit too, not an ASCII one
    return f'"{key}":'.encode("ascii") if plain else dumps_compact(key) + b":"


class EncodedTable(MutableMapping[str, dict[str, Any]]):
    """Doc id -> record; records held as their JSON bytes except those changed since a save."""

    def __init__(self, docs: dict[str, dict[str, Any]] | None = None) -> None:
        self._rows: dict[str, Row] = dict(docs or {})
        # values derived from each record (e.g. its agenda items), by name then doc id,
        # dropped when the record changes
        self._memo: dict[str, dict[str, Any]] = {}

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        row = self._rows[doc_id]
        if isinstance(row, Slice):
            row = row.read()
        if isinstance(row, bytes):
            doc: dict[str, Any] = loads_database(row)
            return doc
        return row

    def __setitem__(self, doc_id: str, doc: dict[str, Any]) -> None:
        self._rows[doc_id] = doc
        self._forget(doc_id)

    def __delitem__(self, doc_id: str) -> None:
        del self._rows[doc_id]
        self._forget(doc_id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._rows

    def __repr__(self) -> str:
        return f"<EncodedTable of {len(self._rows)} records>"

    def set_encoded(self, doc_id: str, text: bytes | Slice) -> None:
        """Put in a record as its JSON text, or where it is (one valid JSON object)."""
        self._rows[doc_id] = text
        self._forget(doc_id)

    def encoded(self, doc_id: str) -> bytes | None:
        """The record's JSON text as saved or read, or None when it changed since the last
        save; RecordMoved when it cannot be read back."""
        row = self._rows[doc_id]
        if isinstance(row, Slice):
            return row.read()
        return row if isinstance(row, bytes) else None

    def locator(self, doc_id: str) -> bytes | Slice | None:
        """Where the record's text is (a Slice), or the text itself; None when changed since
        the last save (or not here). A Slice can be read from any thread while it is held."""
        row = self._rows.get(doc_id)
        return None if row is None or isinstance(row, dict) else row

    def fingerprint(self, doc_id: str) -> tuple[int, int] | None:
        """The length and CRC-32 of the record's text (None when changed since the save):
        records with different fingerprints differ, without reading either."""
        row = self._rows[doc_id]
        return None if isinstance(row, dict) else fingerprint(row)

    def same_text(self, doc_id: str, other: EncodedTable, other_id: str) -> bool:
        """Whether the record here and ``other``'s hold the same text (False when one cannot
        be read, or changed since the last save)."""
        mine, theirs = self.fingerprint(doc_id), other.fingerprint(other_id)
        if mine is None or mine != theirs:
            return False
        try:
            return self.encoded(doc_id) == other.encoded(other_id)
        except RecordMoved:
            return False

    def _forget(self, doc_id: str) -> None:
        for values in self._memo.values():
            values.pop(doc_id, None)

    def carry_memo(self, other: EncodedTable, doc_ids: dict[str, str]) -> None:
        """Take ``other``'s derived values for the records whose bytes are the same here
        (``doc_ids``: this table's doc id -> ``other``'s)."""
        for mine, theirs in doc_ids.items():
            known = [(n, v[theirs]) for n, v in other._memo.items() if theirs in v]
            if not known or mine not in self._rows or theirs not in other._rows:
                continue
            if self.same_text(mine, other, theirs):
                for name, value in known:
                    self._memo.setdefault(name, {})[mine] = value

    def reorder(self, doc_ids: list[str]) -> None:
        """Hold the records in the order of ``doc_ids`` (any others after them)."""
        rows = {k: self._rows[k] for k in doc_ids if k in self._rows}
        rows.update(self._rows)
        self._rows = rows

    def changed(self) -> list[str]:
        """The doc ids of the records put in since the last save (held as dicts)."""
        return [doc_id for doc_id, row in self._rows.items() if isinstance(row, dict)]

    def encode_changed(self) -> None:
        """Encode the changed records (and keep only their bytes); TypeError/ValueError if one
        holds what JSON cannot (the records encoded before it stay encoded: same content)."""
        for doc_id, row in self._rows.items():
            if isinstance(row, dict):
                self._rows[doc_id] = dumps_compact(row)

    def chunks(self, start: int, placed: dict[str, tuple[int, int, int]]) -> Iterator[bytes]:
        """The table as one JSON object, piece by piece, the records' texts as they are held
        (call ``encode_changed`` first); ``start``: where in the file it begins. Fills
        ``placed`` with where each record's text lands: doc id -> (offset, length, crc)."""
        at = start + 1
        yield b"{"
        first = True
        for doc_id, row in self._rows.items():
            assert not isinstance(row, dict), "encode_changed() before chunks()"
            key = _key_bytes(doc_id) if first else b"," + _key_bytes(doc_id)
            first = False
            yield key
            at += len(key)
            if isinstance(row, Slice):
                text, crc = row.read(), row.crc
            else:
                text, crc = row, zlib.crc32(row)
            placed[doc_id] = (at, len(text), crc)
            yield text
            at += len(text)
        yield b"}"

    def repoint(self, backing: Backing, placed: dict[str, tuple[int, int, int]]) -> None:
        """The table was written to ``backing`` as ``placed`` says: hold its records there
        (the bytes held until now are let go; what was derived from them stays)."""
        for doc_id, (offset, length, crc) in placed.items():
            if doc_id in self._rows:
                self._rows[doc_id] = Slice(backing, offset, length, crc)

    def derived(self, name: str, make: Callable[[dict[str, Any]], Any]) -> list[Any]:
        """``make(record)`` of every record, in order, remembered per record until it changes
        (so a summary of 10,000 records after a save decodes only the changed one)."""
        out = []
        memo = self._memo.setdefault(name, {})
        for doc_id in self._rows:
            if doc_id not in memo:
                memo[doc_id] = make(self[doc_id])
            out.append(memo[doc_id])
        return out


class _Decoder(json.JSONDecoder):
    """``loads_database``'s decoding, noting whether a value had to be kept as text."""

    def __init__(self) -> None:
        super().__init__(parse_constant=self._constant, parse_float=self._float)
        self.odd = False

    def _constant(self, text: str) -> str:
        self.odd = True
        return text

    def _float(self, text: str) -> float | str:
        number = float(text)
        if math.isfinite(number):
            return number
        self.odd = True
        return text


class _NotSimple(Exception):
    """The file is not laid out as the quick reader expects: read it the plain way."""


class _Window:
    """The part of a file being read: text from ``base`` on, grown a chunk at a time. Our
    saves are ASCII, so a character's index is its byte's offset; a file with anything else
    is read the plain way (``_NotSimple``). Without a ``backing``, the whole ``text`` given
    (in memory already: nothing more to read, nothing dropped)."""

    def __init__(self, backing: Backing | None, size: int, text: str = "") -> None:
        self.backing = backing
        self.size = size
        self.text = text
        self.base = 0  # the file offset of text[0]
        self.read_to = size if backing is None else 0  # the file offset read up to
        self.crc = 0  # of every byte read so far
        self.more()

    def more(self) -> bool:
        """Read the next chunk onto the end; False at the end of the file."""
        if self.backing is None or self.read_to >= self.size:
            return False
        data = self.backing.read(self.read_to, min(CHUNK, self.size - self.read_to))
        if not data:
            raise _NotSimple  # shorter than it was: changing under us
        if not data.isascii():
            raise _NotSimple
        self.read_to += len(data)
        self.crc = zlib.crc32(data, self.crc)
        self.text += data.decode("ascii")
        return True

    def drop(self, i: int) -> int:
        """Forget the text before ``i`` (read already); returns the index ``i`` becomes."""
        if self.backing is not None and i > CHUNK:
            self.text = self.text[i:]
            self.base += i
            return 0
        return i

    def char(self, i: int) -> str:
        while i >= len(self.text) and self.more():
            pass
        return self.text[i : i + 1]

    def skip_ws(self, i: int) -> int:
        while True:
            i = WHITESPACE.match(self.text, i).end()
            if i < len(self.text) or not self.more():
                return i

    def attempt(self, step: Callable[[str], tuple[Any, int]]) -> tuple[Any, int]:
        """``step(text)``, read again with more of the file while it fails or ends at the
        window's end (a value cut short by the chunk)."""
        while True:
            try:
                value, end = step(self.text)
            except (ValueError, IndexError):
                if self.more():
                    continue
                raise
            if end >= len(self.text) and self.more():
                continue
            return value, end


def _scan_from(at: int) -> Callable[[str], tuple[str, int]]:
    return lambda text: scanstring(text, at)


def split_database(text: str) -> dict[str, Any] | None:
    """The database in ``text`` with its interviews table as an ``EncodedTable`` (each record's
    text kept from the file when it is ASCII JSON that needs no mending, else re-encoded), or
    None when the file is anything but a JSON object whose interviews are all objects (read it
    with ``loads_database`` then, which says what is wrong)."""
    try:
        return _split(_Window(None, len(text), text))
    except (_NotSimple, ValueError, IndexError, RecursionError):
        return None


def split_file(backing: Backing, size: int) -> tuple[dict[str, Any] | None, int]:
    """The database in ``backing`` (``size`` bytes) as ``split_database`` gives it, its
    records held where they are in the file (``Slice``); and the CRC-32 of its bytes. None
    (and 0) when it is not laid out as our saves are: read it the plain way."""
    try:
        window = _Window(backing, size)
        return _split(window), window.crc
    except (_NotSimple, ValueError, IndexError, RecursionError):
        return None, 0


def _split(window: _Window) -> dict[str, Any]:
    """Walk the database in ``window``: each table decoded, except the interviews, kept record
    by record (a ``Slice`` of the window's backing, else the record's own text)."""
    decoder = _Decoder()
    out: dict[str, Any] = {}

    def members(i: int, read: Callable[[str, int], int]) -> int:
        """Walk the JSON object at ``i``: ``read(key, start)`` takes each member's value where
        it starts and returns where it ends. Returns an index past the closing brace."""
        if window.char(i) != "{":
            raise _NotSimple
        i = window.skip_ws(i + 1)
        if window.char(i) == "}":
            return i + 1
        while True:
            if window.char(i) != '"':
                raise _NotSimple
            key, i = window.attempt(_scan_from(i + 1))
            i = window.skip_ws(i)
            if window.char(i) != ":":
                raise _NotSimple
            i = window.skip_ws(read(key, window.skip_ws(i + 1)))
            mark = window.char(i)
            i = window.skip_ws(i + 1)
            if mark == "}":
                return i
            if mark != ",":
                raise _NotSimple

    table = EncodedTable()  # the interviews table being read (a later one replaces it)

    def record(doc_id: str, start: int) -> int:
        start = window.drop(start)
        decoder.odd = False
        doc, end = window.attempt(lambda text: decoder.raw_decode(text, start))
        if not isinstance(doc, dict):
            raise _NotSimple
        piece = window.text[start:end]
        if decoder.odd or not piece.isascii():  # mended, or written as ASCII like our saves
            table.set_encoded(doc_id, dumps_compact(doc))
        elif window.backing is None:
            table.set_encoded(doc_id, piece.encode("ascii"))
        else:
            crc = zlib.crc32(piece.encode("ascii"))
            table.set_encoded(doc_id, Slice(window.backing, window.base + start, end - start, crc))
        return end

    def top(key: str, i: int) -> int:
        nonlocal table
        if key == INTERVIEWS and window.char(i) == "{":
            table = out[key] = EncodedTable()  # a key given twice: the last one, as JSON
            return members(i, record)
        start = window.drop(i)
        out[key], end = window.attempt(lambda text: decoder.raw_decode(text, start))
        return int(end)

    i = members(window.skip_ws(0), top)
    if window.skip_ws(i) != len(window.text) or window.read_to != window.size:
        raise _NotSimple
    return out
