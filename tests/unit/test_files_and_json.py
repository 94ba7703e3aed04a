"""Reading files we are handed (a size cap), and writing JSON that is JSON (no NaN)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from afterword import files
from afterword.domain.agenda import short_ids
from afterword.domain.model import Interview
from afterword.exchange import taskwarrior
from afterword.exchange.json_file import dumps
from afterword.store import agenda
from afterword.store.recovery import Recovery
from afterword.store.repository import Repository
from afterword.store.storage import SaveFailed, loads_database
from tests.conftest import NOW

# ---------------------------------------------------------------- read_capped


def test_a_file_within_the_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 100)
    assert files.read_capped(path, 100) == b"x" * 100


def test_a_file_over_the_cap_is_refused_from_its_size(tmp_path: Path) -> None:
    """The size comes from stat (a read stops at the cap and could not know it)."""
    path = tmp_path / "a.json"
    with path.open("wb") as handle:
        handle.truncate(101)
    with pytest.raises(files.TooLarge) as caught:
        files.read_capped(path, 100)
    assert (caught.value.size, caught.value.limit) == (101, 100)


def test_the_cap_defaults_to_the_module_attribute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert files.IMPORT_CAP == 256 * 1024 * 1024
    monkeypatch.setattr(files, "IMPORT_CAP", 10)
    path = tmp_path / "a.json"
    path.write_bytes(b"x" * 11)
    with pytest.raises(files.TooLarge):
        files.read_capped(path)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_a_device_is_not_a_file(tmp_path: Path, target: str) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(target)
    with pytest.raises(files.NotAFile, match="a device"):
        files.read_capped(link, 100)


def test_a_pipe_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)  # opening it would wait for a writer
    with pytest.raises(files.NotAFile, match="a pipe"):
        files.read_capped(pipe, 100)


def test_sizes_in_words() -> None:
    assert files.size_words(256 * 1024 * 1024) == "256 MB"
    assert files.size_words(8 * 1024**3) == "8.0 GB"
    assert files.size_words(4096) == "4 KB"
    assert files.size_words(12) == "12 bytes"


# ---------------------------------------------------------------- no NaN written


def with_nan() -> Interview:
    interview = Interview(company="Acme", when=NOW)
    interview.extra["x_extra"] = float("nan")
    return interview


def test_the_export_writers_refuse_nan() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        dumps({"interviews": [{"x": float("nan")}]})
    with pytest.raises(ValueError, match="JSON compliant"):
        taskwarrior.dumps([{"x": float("inf")}])


def test_the_database_refuses_to_save_nan_and_keeps_the_file(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with Repository.open(db) as repo:
        repo.save(Interview(company="Good", when=NOW))
        before = db.read_bytes()
        with pytest.raises(SaveFailed, match="cannot be written as JSON"):
            repo.save(with_nan())
    assert db.read_bytes() == before


def test_the_agenda_is_not_written_with_nan(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    agenda.write(db, {"version": 2, "items": [], "x": float("nan")})
    assert not Path(agenda.agenda_path(db)).exists()


def test_the_recovery_file_refuses_nan(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        Recovery(tmp_path / "db.json").put("slot", {"x": float("nan")})


def test_the_database_reader_keeps_nan_from_before_as_text() -> None:
    data = loads_database(b'{"a": NaN, "b": [Infinity, -Infinity, 1e999, 1.5]}')
    assert data == {"a": "NaN", "b": ["Infinity", "-Infinity", "1e999", 1.5]}
    json.dumps(data, allow_nan=False)


# ---------------------------------------------------------------- ids as today shows them


def test_short_ids_are_the_shortest_unique_prefix_of_eight_or_more() -> None:
    ids = ["a1b2c3d4e5f60718", "a1b2c3d4e5f6ffff", "a1b2c3d4ffffffff", "0000111122223333"]
    assert short_ids(ids) == {
        "a1b2c3d4e5f60718": "a1b2c3d4e5f60",
        "a1b2c3d4e5f6ffff": "a1b2c3d4e5f6f",
        "a1b2c3d4ffffffff": "a1b2c3d4f",
        "0000111122223333": "00001111",
    }
    # short or prefix-of-another ids are shown whole
    assert short_ids(["beta", "abc", "abcdefghij"]) == {
        "beta": "beta",
        "abc": "abc",
        "abcdefghij": "abcdefgh",
    }
    assert short_ids([]) == {}
    # an id from before ids were checked is shown whole (today escapes what it holds)
    hostile = "x\x1b]0;OWNED\x07\x1b[2J"
    assert short_ids([hostile, "0000111122223333"])[hostile] == hostile
