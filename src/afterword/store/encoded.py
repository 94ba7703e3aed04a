"""The interviews table kept as each record's JSON bytes, so that a save encodes only the
records that changed and memory holds the records once (the app keeps its own objects).

``EncodedTable`` maps doc ids to records. A record read from the file, or saved since, is held
as its JSON text (bytes); reading it decodes a fresh dict (changing that dict changes nothing:
put it back with ``table[doc_id] = doc``). A record put in is held as the dict until the next
save encodes it. ``split_database`` reads a database file record by record, without ever
holding the whole parsed file, and keeps each record's own text from the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, MutableMapping
from json.decoder import WHITESPACE, scanstring  # type: ignore[attr-defined]
from typing import Any

from afterword.store.migrations import INTERVIEWS

Row = bytes | dict[str, Any]


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
    return f'"{key}":'.encode("ascii") if key.isdigit() else dumps_compact(key) + b":"


class EncodedTable(MutableMapping[str, dict[str, Any]]):
    """Doc id -> record; records held as their JSON bytes except those changed since a save."""

    def __init__(self, docs: dict[str, dict[str, Any]] | None = None) -> None:
        self._rows: dict[str, Row] = dict(docs or {})
        # per record, values derived from it (e.g. its agenda items), dropped when it changes
        self._memo: dict[str, dict[str, Any]] = {}

    def __getitem__(self, doc_id: str) -> dict[str, Any]:
        row = self._rows[doc_id]
        if isinstance(row, bytes):
            doc: dict[str, Any] = loads_database(row)
            return doc
        return row

    def __setitem__(self, doc_id: str, doc: dict[str, Any]) -> None:
        self._rows[doc_id] = doc
        self._memo.pop(doc_id, None)

    def __delitem__(self, doc_id: str) -> None:
        del self._rows[doc_id]
        self._memo.pop(doc_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._rows

    def __repr__(self) -> str:
        return f"<EncodedTable of {len(self._rows)} records>"

    def set_encoded(self, doc_id: str, text: bytes) -> None:
        """Put in a record as its JSON text (which must be one valid JSON object)."""
        self._rows[doc_id] = text
        self._memo.pop(doc_id, None)

    def encoded(self, doc_id: str) -> bytes | None:
        """The record's JSON text as held, or None when it changed since the last save."""
        row = self._rows[doc_id]
        return row if isinstance(row, bytes) else None

    def carry_memo(self, other: EncodedTable, doc_ids: dict[str, str]) -> None:
        """Take ``other``'s derived values for the records whose bytes are the same here
        (``doc_ids``: this table's doc id -> ``other``'s)."""
        for mine, theirs in doc_ids.items():
            memo = other._memo.get(theirs)
            row = self._rows.get(mine)
            if memo and isinstance(row, bytes) and row == other._rows.get(theirs):
                self._memo[mine] = memo

    def changed(self) -> list[str]:
        """The doc ids of the records put in since the last save (held as dicts)."""
        return [doc_id for doc_id, row in self._rows.items() if not isinstance(row, bytes)]

    def encode_changed(self) -> None:
        """Encode the changed records (and keep only their bytes); TypeError/ValueError if one
        holds what JSON cannot (the records encoded before it stay encoded: same content)."""
        for doc_id, row in self._rows.items():
            if not isinstance(row, bytes):
                self._rows[doc_id] = dumps_compact(row)

    def payload(self) -> bytes:
        """The table as one JSON object, from the kept bytes (call ``encode_changed`` first)."""
        parts = [b"{"]
        for doc_id, row in self._rows.items():
            assert isinstance(row, bytes), "encode_changed() before payload()"
            if len(parts) > 1:
                parts.append(b",")
            parts.append(_key_bytes(doc_id))
            parts.append(row)
        parts.append(b"}")
        return b"".join(parts)

    def derived(self, name: str, make: Callable[[dict[str, Any]], Any]) -> list[Any]:
        """``make(record)`` of every record, in order, remembered per record until it changes
        (so a summary of 10,000 records after a save decodes only the changed one)."""
        out = []
        for doc_id in self._rows:
            memo = self._memo.setdefault(doc_id, {})
            if name not in memo:
                memo[name] = make(self[doc_id])
            out.append(memo[name])
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


def split_database(text: str) -> dict[str, Any] | None:
    """The database in ``text`` with its interviews table as an ``EncodedTable`` (each record's
    text kept from the file when it is ASCII JSON that needs no mending, else re-encoded), or
    None when the file is anything but a JSON object whose interviews are all objects (read it
    with ``loads_database`` then, which says what is wrong)."""
    try:
        return _split(text)
    except (_NotSimple, ValueError, IndexError, RecursionError):
        return None


def _split(text: str) -> dict[str, Any]:
    decoder = _Decoder()
    out: dict[str, Any] = {}

    def read(key: str, i: int) -> int:
        if key == INTERVIEWS and text[i : i + 1] == "{":
            out[key], i = _split_table(text, i, decoder)
        else:
            out[key], i = decoder.raw_decode(text, i)
        return i

    i = _members(text, WHITESPACE.match(text, 0).end(), read)
    if WHITESPACE.match(text, i).end() != len(text):
        raise _NotSimple
    return out


def _split_table(text: str, i: int, decoder: _Decoder) -> tuple[EncodedTable, int]:
    table = EncodedTable()

    def read(doc_id: str, start: int) -> int:
        decoder.odd = False
        doc, end = decoder.raw_decode(text, start)
        if not isinstance(doc, dict):
            raise _NotSimple
        piece = text[start:end]
        if decoder.odd or not piece.isascii():  # mended, or written as ASCII like our saves
            table.set_encoded(doc_id, dumps_compact(doc))
        else:
            table.set_encoded(doc_id, piece.encode("ascii"))
        return end

    return table, _members(text, i, read)


def _members(text: str, i: int, read: Callable[[str, int], int]) -> int:
    """Walk the JSON object that starts at ``text[i]``: ``read(key, start)`` takes each member's
    value where it starts and returns where it ends. Returns an index past the closing brace
    (white space after it may follow: the caller skips it)."""
    ws = WHITESPACE.match
    if text[i : i + 1] != "{":
        raise _NotSimple
    i = ws(text, i + 1).end()
    if text[i : i + 1] == "}":
        return i + 1
    while True:
        if text[i : i + 1] != '"':
            raise _NotSimple
        key, i = scanstring(text, i + 1)
        i = ws(text, i).end()
        if text[i : i + 1] != ":":
            raise _NotSimple
        i = ws(text, read(key, ws(text, i + 1).end())).end()
        mark = text[i : i + 1]
        i = ws(text, i + 1).end()
        if mark == "}":
            return i
        if mark != ",":
            raise _NotSimple
