"""The repository: queries answered from memory, ids by prefix, one save per change."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.demo import demo_interviews
from afterword.domain.model import Interview
from afterword.store.repository import DamagedRecord, NotFound, Repository
from tests.conftest import NOW


@pytest.fixture
def repo(db_path: Path) -> Repository:
    repository = Repository.open(db_path)
    repository.add_all(demo_interviews(NOW))
    yield repository  # type: ignore[misc]
    repository.close()


def test_queries_never_read_the_file_again(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the database file was read again")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr("builtins.open", refuse)
    interviews = repo.interviews()
    assert len(interviews) == 25
    assert repo.get(interviews[3].id).company == interviews[3].company
    assert repo.find(interviews[3].id[:6]).id == interviews[3].id


def test_save_updates_in_place_and_survives_reopening(repo: Repository, db_path: Path) -> None:
    interview = repo.interviews()[0]
    interview.debrief.notes = "Remember the whiteboard."
    interview.extra = {}
    repo.save(interview)
    repo.close()
    with Repository.open(db_path, read_only=True) as again:
        assert len(again) == 25
        assert again.get(interview.id).debrief.notes == "Remember the whiteboard."


def test_save_replaces_the_whole_record(repo: Repository) -> None:
    interview = repo.interviews()[0]
    interview.extra["temporary"] = 1
    repo.save(interview)
    del interview.extra["temporary"]
    repo.save(interview)
    assert "temporary" not in repo.get(interview.id).extra


def test_each_save_is_one_write(repo: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    writes = []
    monkeypatch.setattr(
        "afterword.store.storage.write_atomically",
        lambda path, payload, **how: writes.append(path),
    )
    repo.save(repo.interviews()[0])
    repo.save(Interview(company="New Co", when=NOW))
    repo.delete(repo.interviews()[1].id)
    assert len(writes) == 3


def test_generation_grows_with_each_save(repo: Repository) -> None:
    before = repo.storage.generation
    repo.save(repo.interviews()[0])
    assert repo.storage.generation == before + 1


def test_prefixes(repo: Repository) -> None:
    target = repo.interviews()[5]
    assert repo.find(target.id[:5]).id == target.id
    with pytest.raises(NotFound, match="No interview has an id starting with 'zzzz'"):
        repo.find("zzzz")
    with pytest.raises(NotFound, match="Give the interview's id"):
        repo.find("  ")
    first_chars = [i.id[0] for i in repo.interviews()]
    common = max(set(first_chars), key=first_chars.count)
    if first_chars.count(common) > 1:
        with pytest.raises(NotFound, match="type more of the id"):
            repo.find(common)


def test_follow_up_by_prefix(repo: Repository) -> None:
    interview = repo.interviews()[2]
    item = interview.follow_ups[0]
    found_interview, found = repo.find_follow_up(item.id)
    assert (found_interview.id, found.id) == (interview.id, item.id)


def test_delete_returns_the_record_for_undo(repo: Repository) -> None:
    victim = repo.interviews()[4]
    removed = repo.delete(victim.id)
    assert removed == victim
    assert victim.id not in repo.ids()
    repo.save(removed)
    assert repo.get(victim.id) == victim


def test_a_damaged_record_is_named(db_path: Path) -> None:
    with Repository.open(db_path) as repo:
        repo.save(Interview(company="Acme", when=NOW, id="bad1"))
        table = repo.storage.read()["interviews"]  # a record read is a copy: put it back
        doc = table["1"]
        doc["when"] = "garbage"
        table["1"] = doc
        with pytest.raises(DamagedRecord, match=r"The interview 'Acme' in .* is damaged"):
            repo.interviews()


def test_a_changed_save_raises_rev_once_and_an_unchanged_one_leaves_it(
    repo: Repository, db_path: Path
) -> None:
    interview = repo.interviews()[0]
    assert interview.rev == 0
    repo.save(interview)
    assert interview.rev == 0
    assert repo.get(interview.id).rev == 0
    interview.debrief.notes = "Remember the whiteboard."
    repo.save(interview)
    assert interview.rev == 1
    repo.save(interview)
    assert repo.get(interview.id).rev == 1
    interview.status = "offer"
    repo.save(interview)
    repo.close()
    with Repository.open(db_path, read_only=True) as again:
        assert again.get(interview.id).rev == 2


def test_a_save_raises_rev_past_the_stored_one(repo: Repository) -> None:
    interview = repo.interviews()[0]
    interview.rev = 5
    interview.role = "Staff Engineer"
    repo.save(interview)
    assert repo.get(interview.id).rev == 6
    stale = repo.get(interview.id)
    stale.rev = 2
    stale.stage = "Final"
    repo.save(stale)
    assert repo.get(interview.id).rev == 7


def test_adding_keeps_the_rev_it_is_given(repo: Repository) -> None:
    interview = Interview(company="Rev Ltd", when=NOW, rev=4)
    repo.add_all([interview])
    assert repo.get(interview.id).rev == 4
    other = Interview(company="Saved Ltd", when=NOW, rev=3)
    repo.save(other)
    assert repo.get(other.id).rev == 3
