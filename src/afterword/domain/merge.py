"""The three-way merge of two copies of the interviews, record by record.

Pure functions on the plain dicts of the data format (what ``records.interview_to_dict``
gives), so keys Afterword does not know are merged and kept like the others. ``base`` is the
version both sides last agreed on, ``mine`` the local copy, ``theirs`` the other one.

- Changed on one side only: that side wins.
- Changed on both: field by field, into nested objects (recruiter, debrief, unknown keys);
  ``follow_ups`` and ``drafts`` item by item by ``id``; other lists (interviewers, to, cc) are
  one value. An item added on either side is kept; one removed on one side stays removed when
  the other left it alone, and is kept when the other changed it.
- The same field changed to two different values: ``mine`` stays and a conflict records
  ``theirs`` (the same new value on both sides is no conflict).
- A record deleted on one side and changed on the other is kept.
- A draft sent on either side stays sent: its state, sent_at and message_id come from the side
  that sent it.
- ``rev``: the chosen side's, or max(mine, theirs) + 1 when the result is neither side.
- Conflicts already on the record are kept from both sides (once each); one resolved on one
  side (in the base, gone there) stays resolved.
- No base (a copy without history): an empty one, so every differing field is a conflict.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

Record = dict[str, Any]

# Lists merged item by item, by the items' ids.
ITEM_LISTS: Final = ("follow_ups", "drafts")
# What makes a draft sent; taken together from the side that sent it.
SENT_KEYS: Final = ("state", "sent_at", "message_id")
# Kept out of the field-by-field merge of a record: set once the fields are merged.
_OWN_KEYS: Final = frozenset({"rev", "conflicts"})


class _Missing:
    """A key one side does not have (unlike None, a value)."""

    def __repr__(self) -> str:
        return "MISSING"

    def __deepcopy__(self, memo: dict[int, Any]) -> _Missing:
        return self  # one of it, so that ``is MISSING`` holds for a copy too


MISSING: Final = _Missing()


@dataclass
class Merged:
    """One merged record (None: deleted) and the conflicts this merge found in it."""

    record: Record | None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    kept_though_deleted: bool = False


@dataclass
class MergeSummary:
    """What merging the other copy did to the local one, by interview id."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept_though_deleted: list[str] = field(default_factory=list)
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def conflict_count(self) -> int:
        return sum(len(found) for found in self.conflicts.values())

    def sentence(self) -> str:
        """One line a command can print: "2 added, 1 changed, 0 deleted, ..."."""
        parts = [
            f"{len(self.added)} added",
            f"{len(self.changed)} changed",
            f"{len(self.deleted)} deleted",
            f"{len(self.kept_though_deleted)} kept though deleted on one side",
            f"{self.conflict_count} conflict" + ("" if self.conflict_count == 1 else "s"),
        ]
        return ", ".join(parts)


@dataclass
class MergedRecords:
    records: dict[str, Record]
    summary: MergeSummary


def merge_records(
    base: Mapping[str, Record],
    mine: Mapping[str, Record],
    theirs: Mapping[str, Record],
    at: datetime,
) -> MergedRecords:
    """Merge two id -> record maps; the result keeps mine's order, then theirs' new ones."""
    out: dict[str, Record] = {}
    summary = MergeSummary()
    for ident in [*mine, *(i for i in theirs if i not in mine)]:
        merged = merge_record(base.get(ident), mine.get(ident), theirs.get(ident), at)
        local = mine.get(ident)
        if merged.record is not None:
            out[ident] = merged.record
        if merged.kept_though_deleted:
            summary.kept_though_deleted.append(ident)
        elif local is None and merged.record is not None:
            summary.added.append(ident)
        elif local is not None and merged.record is None:
            summary.deleted.append(ident)
        elif local is not None and merged.record != local:
            summary.changed.append(ident)
        if merged.conflicts:
            summary.conflicts[ident] = merged.conflicts
    return MergedRecords(out, summary)


def merge_record(
    base: Record | None, mine: Record | None, theirs: Record | None, at: datetime
) -> Merged:
    """Merge one record (None: absent on that side). The inputs are left as they were."""
    if mine is None or theirs is None:
        chosen, kept = _one_sided(base, mine, theirs)
        return Merged(copy.deepcopy(chosen), kept_though_deleted=kept)
    if mine == theirs:
        return Merged(copy.deepcopy(mine))
    if base is not None and mine == base:
        return Merged(copy.deepcopy(theirs))
    if base is not None and theirs == base:
        return Merged(copy.deepcopy(mine))
    base = base if base is not None else {}
    found: list[dict[str, Any]] = []
    stamp = at.isoformat()
    merged = _merge_object(base, mine, theirs, "", found, stamp, skip=_OWN_KEYS)
    conflicts = _merge_conflicts(
        base.get("conflicts"), mine.get("conflicts"), theirs.get("conflicts")
    )
    new = [c for c in found if _conflict_key(c) not in {_conflict_key(k) for k in conflicts}]
    conflicts += new
    if conflicts:
        merged["conflicts"] = conflicts
    merged["rev"] = _rev(merged, mine, theirs)
    return Merged(_in_order(merged, mine, theirs), new)


def value_at(record: Mapping[str, Any], path: str) -> Any:
    """The value a conflict's ``path`` names in a record dict (MISSING when it has none)."""
    value: Any = record
    for name, item_id in _steps(path):
        if not isinstance(value, Mapping) or name not in value:
            return MISSING
        value = value[name]
        if item_id is not None:
            if not isinstance(value, list):
                return MISSING
            value = next(
                (i for i in value if isinstance(i, Mapping) and i.get("id") == item_id), MISSING
            )
    return value


_STEP = re.compile(r"^(.*?)(?:\[([^\]]*)\])?$")


def _steps(path: str) -> list[tuple[str, str | None]]:
    steps = []
    for part in path.split("."):
        match = _STEP.match(part)
        assert match is not None  # the pattern matches any text
        steps.append((match.group(1), match.group(2)))
    return steps


# ---------------------------------------------------------------- the rules


def _one_sided(
    base: Record | None, mine: Record | None, theirs: Record | None
) -> tuple[Record | None, bool]:
    """One side has no such record: (the result, whether a deletion was overruled)."""
    other = theirs if mine is None else mine
    if other is None:
        return None, False
    if base is None:
        return other, False  # added on the other side
    if other == base:
        return None, False  # deleted on one side, left alone on the other
    return other, True  # deleted on one side, changed on the other: kept


def _merge_object(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    prefix: str,
    found: list[dict[str, Any]],
    stamp: str,
    skip: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = [
        *mine,
        *(k for k in theirs if k not in mine),
        *(k for k in base if k not in mine and k not in theirs),
    ]
    for key in keys:
        if key in skip:
            continue
        value = _merge_value(
            key,
            base.get(key, MISSING),
            mine.get(key, MISSING),
            theirs.get(key, MISSING),
            f"{prefix}{key}",
            found,
            stamp,
            top=not prefix,
        )
        if value is not MISSING:
            out[key] = value
    return out


def _merge_value(
    key: str,
    b: Any,
    m: Any,
    t: Any,
    path: str,
    found: list[dict[str, Any]],
    stamp: str,
    *,
    top: bool,
) -> Any:
    if m == t:
        return copy.deepcopy(m)
    if m == b:
        return copy.deepcopy(t)
    if t == b:
        return copy.deepcopy(m)
    if top and key in ITEM_LISTS and _by_id(m) is not None and _by_id(t) is not None:
        base_items = _by_id(b) if isinstance(b, list) else {}
        return _merge_items(key, base_items or {}, m, t, path, found, stamp)
    if isinstance(m, dict) and isinstance(t, dict):
        base_object = b if isinstance(b, dict) else {}
        return _merge_object(base_object, m, t, f"{path}.", found, stamp)
    found.append({"path": path, "theirs": None if t is MISSING else copy.deepcopy(t), "at": stamp})
    return copy.deepcopy(m)


def _by_id(items: Any) -> dict[str, dict[str, Any]] | None:
    """The items of a list by id, or None when it is not a list of objects with unique ids."""
    if not isinstance(items, list):
        return None
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or item["id"] in out:
            return None
        out[item["id"]] = item
    return out


def _merge_items(
    key: str,
    base: dict[str, dict[str, Any]],
    mine: list[dict[str, Any]],
    theirs: list[dict[str, Any]],
    path: str,
    found: list[dict[str, Any]],
    stamp: str,
) -> list[dict[str, Any]]:
    """Follow-ups or drafts, item by item: mine's order, then the ones only theirs has."""
    mine_by_id = {item["id"]: item for item in mine}
    theirs_by_id = {item["id"]: item for item in theirs}
    out = []
    for ident in [*mine_by_id, *(i for i in theirs_by_id if i not in mine_by_id)]:
        b, m, t = base.get(ident), mine_by_id.get(ident), theirs_by_id.get(ident)
        if m is None or t is None:
            chosen, _ = _one_sided(b, m, t)
            if chosen is not None:
                out.append(copy.deepcopy(chosen))
            continue
        if key == "drafts":
            m, t = _sent_wins(m, t)
        out.append(
            _merge_value(
                ident, b if b is not None else {}, m, t, f"{path}[{ident}]", found, stamp, top=False
            )
        )
    return out


def _sent_wins(
    mine: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A draft sent on one side only: both sides take that side's state, sent_at and
    message_id, so no merge and no conflict can unsend it."""
    mine_sent, theirs_sent = mine.get("state") == "sent", theirs.get("state") == "sent"
    if mine_sent == theirs_sent:
        return mine, theirs
    sender, other = (mine, theirs) if mine_sent else (theirs, mine)
    other = {**other, **{k: sender[k] for k in SENT_KEYS if k in sender}}
    return (mine, other) if mine_sent else (other, theirs)


def _merge_conflicts(base: Any, mine: Any, theirs: Any) -> list[dict[str, Any]]:
    """Both sides' conflicts once each, but for those the base had and one side resolved."""

    def listed(value: Any) -> list[dict[str, Any]]:
        return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []

    in_base = {_conflict_key(c) for c in listed(base)}
    in_mine = {_conflict_key(c) for c in listed(mine)}
    in_theirs = {_conflict_key(c) for c in listed(theirs)}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for conflict in [*listed(mine), *listed(theirs)]:
        found_key = _conflict_key(conflict)
        resolved = found_key in in_base and not (found_key in in_mine and found_key in in_theirs)
        if found_key in seen or resolved:
            continue
        seen.add(found_key)
        out.append(copy.deepcopy(conflict))
    return out


def _conflict_key(conflict: Mapping[str, Any]) -> str:
    """Two conflicts are the same when they name the same field and the same other value."""
    return json.dumps([conflict.get("path"), conflict.get("theirs")], sort_keys=True, default=str)


def _rev(merged: Record, mine: Record, theirs: Record) -> int:
    def rev(record: Record) -> int:
        value = record.get("rev")
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    def same(record: Record) -> bool:
        return {k: v for k, v in merged.items() if k != "rev"} == {
            k: v for k, v in record.items() if k != "rev"
        }

    like_mine, like_theirs = same(mine), same(theirs)
    if like_mine and like_theirs:
        return max(rev(mine), rev(theirs))
    if like_mine:
        return rev(mine)
    if like_theirs:
        return rev(theirs)
    return max(rev(mine), rev(theirs)) + 1


def _in_order(merged: Record, mine: Record, theirs: Record) -> Record:
    """The keys in the data format's order: mine's, then theirs', then any new (conflicts)."""
    order = [*mine, *(k for k in theirs if k not in mine)]
    out = {k: merged[k] for k in order if k in merged}
    out.update((k, v) for k, v in merged.items() if k not in out)
    return out
