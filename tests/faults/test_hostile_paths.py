"""Paths that try to trick Afterword: a symlinked database, a link planted at its lock file, an
output file that is the database, two databases with one stem, a folder that cannot be
written, XDG variables that point at a file or are relative, and a config file elsewhere.

Each test injects exactly that path and checks that nothing is lost and that a refusal is one
sentence naming the thing and the way out."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from afterword import paths
from afterword.store.backups import Backups
from afterword.store.lock import DatabaseLocked, LockRefused, lock_path
from afterword.store.repository import Repository
from afterword.store.storage import DatabaseUnreadable
from tests.faults.helpers import (
    DB_NAME,
    assert_nothing_lost,
    assert_one_line_error,
    cli_env,
    fresh_interviews,
    make_db,
    run_cli,
    write_export,
    writer_process,
)

fault = pytest.mark.fault


def first_open_follow_up(db: Path) -> str:
    with Repository.open(db, read_only=True) as repo:
        for interview in repo.interviews():
            for item in interview.follow_ups:
                if item.is_open:
                    return item.id
    raise AssertionError(f"{db} has no open follow-up")


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """``real/aw.json`` and ``link/aw.json`` pointing at it (dotfiles, a synced folder)."""
    real = tmp_path / "real" / DB_NAME
    real.parent.mkdir()
    make_db(real, 3)
    link = tmp_path / "link" / DB_NAME
    link.parent.mkdir()
    link.symlink_to(real)
    return real, link


# ---------------------------------------------------------------- 5. a symlinked database


@fault("a symlinked database")
def test_a_save_through_a_symlinked_database_writes_the_real_file(
    tmp_path: Path, linked: tuple[Path, Path]
) -> None:
    real, link = linked
    before = real.read_bytes()
    item = first_open_follow_up(real)

    result = run_cli(["--db", str(link), "done", item], cli_env(tmp_path, link))

    assert result.returncode == 0, result.stderr
    assert link.is_symlink(), "the save replaced the link with a plain file"
    assert link.resolve() == real
    assert real.read_bytes() != before, "the real file did not get the change"
    with Repository.open(real, read_only=True) as repo:
        assert repo.find_follow_up(item)[1].done_at is not None
    # the lock and the agenda are the real file's; nothing grew beside the link
    assert sorted(p.name for p in link.parent.iterdir()) == [DB_NAME]
    assert lock_path(real).exists()


@fault("a symlinked database")
def test_a_writer_through_the_link_and_one_through_the_real_path_exclude_each_other(
    tmp_path: Path, linked: tuple[Path, Path]
) -> None:
    real, link = linked
    before = real.read_bytes()
    for held, other in ((link, real), (real, link)):
        with writer_process(held) as proc:
            with pytest.raises(DatabaseLocked) as caught:
                Repository.open(other)
            assert caught.value.pid == proc.pid
            refused = run_cli(["--db", str(other), "done", "x"], cli_env(tmp_path, other))
            assert_one_line_error(refused, f"pid {proc.pid}", str(real))
    assert real.read_bytes() == before
    assert link.is_symlink()


@fault("a symlinked database")
def test_locate_names_the_real_file_behind_the_link(
    tmp_path: Path, linked: tuple[Path, Path]
) -> None:
    real, link = linked
    result = run_cli(["--db", str(link), "locate"], cli_env(tmp_path, link))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert rows["database"].split()[1] == str(real)
    assert f"link {link}" in rows["database"]
    assert rows["backups"].split()[1] == str(real.parent / "backups")
    plain = run_cli(["--db", str(real), "locate"], cli_env(tmp_path, real))
    assert "link" not in plain.stdout


# ---------------------------------------------------------------- 6. a link planted at the lock


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n", encoding="utf-8")
    notes.chmod(0o644)
    return notes


@fault("a symlink planted at the lock file")
def test_a_symlink_planted_at_the_lock_file_is_refused_and_its_target_untouched(
    tmp_path: Path, precious: Path
) -> None:
    db = tmp_path / DB_NAME
    lock_path(db).symlink_to(precious)
    export = write_export(tmp_path / "in.json", fresh_interviews(2))

    result = run_cli(["import", str(export)], cli_env(tmp_path, db))

    assert_one_line_error(result, str(lock_path(db)), "symbolic link", "remove it")
    assert precious.read_text(encoding="utf-8") == "my precious notes\n"
    assert stat.S_IMODE(precious.stat().st_mode) == 0o644
    assert lock_path(db).is_symlink()
    assert not db.exists()


@fault("a symlink planted at the lock file")
def test_a_hard_link_planted_at_the_lock_file_is_refused_and_its_target_untouched(
    tmp_path: Path, precious: Path
) -> None:
    db = tmp_path / DB_NAME
    os.link(precious, lock_path(db))
    with pytest.raises(LockRefused) as caught:
        Repository.open(db)
    assert str(lock_path(db)) in str(caught.value)
    assert "hard link" in str(caught.value)
    assert precious.read_text(encoding="utf-8") == "my precious notes\n"
    assert stat.S_IMODE(precious.stat().st_mode) == 0o644


@fault("a symlink planted at the lock file")
@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_lock_file_of_another_user_is_refused_and_left_alone(
    tmp_path: Path, precious: Path
) -> None:
    db = tmp_path / DB_NAME
    shutil.copy(precious, lock_path(db))
    os.chown(lock_path(db), 65534, 65534)
    with pytest.raises(LockRefused) as caught:
        Repository.open(db)
    assert "another user" in str(caught.value)
    assert lock_path(db).read_text(encoding="utf-8") == "my precious notes\n"


# ---------------------------------------------------------------- 7. output onto the database


def _export(db: Path, target: str) -> list[str]:
    return ["export", "-o", target]


def _draft(db: Path, target: str) -> list[str]:
    with Repository.open(db, read_only=True) as repo:
        first = repo.interviews()[0].id
    return ["draft", first, "--eml", target]


COMMANDS: dict[str, Callable[[Path, str], list[str]]] = {
    "export -o": _export,
    "draft --eml": _draft,
}


def _same_path(db: Path, folder: Path) -> str:
    return str(db)


def _relative(db: Path, folder: Path) -> str:
    return os.path.relpath(db, folder)  # run from a folder beside it: ../data/afterword.json


def _through_a_symlink(db: Path, folder: Path) -> str:
    link = folder / "mine.json"
    link.symlink_to(db)
    return str(link)


def _through_a_hard_link(db: Path, folder: Path) -> str:
    other = folder / "copy.json"
    os.link(db, other)
    return str(other)


def _through_a_linked_folder(db: Path, folder: Path) -> str:
    (folder / "data-link").symlink_to(db.parent)
    return str(folder / "data-link" / db.name)


def _the_lock(db: Path, folder: Path) -> str:
    return str(lock_path(db))


def _the_agenda(db: Path, folder: Path) -> str:
    return f"{db}.agenda"


def _the_recovery_file(db: Path, folder: Path) -> str:
    recovery = Path(f"{db}.recovery")
    recovery.write_text('{"format": "afterword-recovery", "version": 1, "slots": {}}')
    return str(recovery)


def _a_backup(db: Path, folder: Path) -> str:
    with Repository.open(db) as repo:
        backup = repo.storage.backup_now(reason="test")
    assert backup is not None
    return str(backup)


def _new_file_in_backups(db: Path, folder: Path) -> str:
    (db.parent / "backups").mkdir(exist_ok=True)
    return str(db.parent / "backups" / "new.json")


TARGETS: dict[str, Callable[[Path, Path], str]] = {
    "the database": _same_path,
    "a relative path": _relative,
    "a symlink": _through_a_symlink,
    "a hard link": _through_a_hard_link,
    "a linked folder": _through_a_linked_folder,
    "the lock": _the_lock,
    "the agenda": _the_agenda,
    "the recovery file": _the_recovery_file,
    "a backup": _a_backup,
    "a new file in backups/": _new_file_in_backups,
}


@fault("an output file that is the database or one of its files")
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", TARGETS)
def test_output_onto_the_database_or_its_files_is_refused(
    tmp_path: Path, command: str, target: str
) -> None:
    db = tmp_path / "data" / DB_NAME
    db.parent.mkdir()
    acknowledged = make_db(db, 2)
    with Repository.open(db) as repo:
        repo.refresh_agenda()
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    argument = TARGETS[target](db, elsewhere)
    args = COMMANDS[command](db, argument)
    before = {p: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()}
    links = {p for p in elsewhere.iterdir() if p.is_symlink()}

    config = tmp_path / "config.toml"
    config.write_text('[profile]\nname = "Alex"\nemail = "alex@example.com"\n')
    env = cli_env(tmp_path, db, AFTERWORD_CONFIG=str(config))

    result = run_cli(args, env, cwd=elsewhere)

    assert_one_line_error(result, f"Not writing {argument}", "choose another file name")
    after = {p: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()}
    assert after == before, "a file of the database was changed"
    assert {p for p in elsewhere.iterdir() if p.is_symlink()} == links, "a link was replaced"
    assert_nothing_lost(db, acknowledged)


@fault("an output file that is the database or one of its files")
def test_output_beside_the_database_is_still_written(tmp_path: Path) -> None:
    """Only the database's own files are refused: a file of the same stem is the user's."""
    db = tmp_path / DB_NAME
    make_db(db, 2)
    for name in ("afterword.json.bak", "afterword.ics", "afterword.json.lock.txt", "x.json"):
        result = run_cli(["export", "-o", name], cli_env(tmp_path, db), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).is_file()


@fault("an output file that is the database or one of its files")
async def test_the_apps_eml_file_is_refused_when_it_is_the_database(tmp_path: Path) -> None:
    from afterword.compose.handoff import eml_name
    from tests.tui.helpers import make_app, notes
    from tests.tui.test_emails import acme, open_acme, settings

    db = tmp_path / "db.json"
    app = make_app(tmp_path, config=settings(), problems=[])
    outbox = db.parent / "outbox"
    outbox.mkdir()
    async with app.run_test() as pilot:
        await open_acme(pilot, acme(direct_contact=None))
        # the name ctrl+l writes (it ends with the draft's id), planted as a link to the database
        planted = outbox / eml_name(app.screen._draft(), "Acme Robotics")  # type: ignore[attr-defined]
        planted.symlink_to(db)
        before = db.read_bytes()
        await pilot.press("ctrl+l")
        await pilot.pause(0.2)
        said = [n for n in notes(app) if "Not writing" in n]
        assert said and "the database itself" in said[0], notes(app)
        assert db.read_bytes() == before
    assert planted.is_symlink()


# ---------------------------------------------------------------- 10. two databases, one stem


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@fault("two databases with the same stem")
def test_two_databases_with_one_stem_keep_their_own_backups(tmp_path: Path) -> None:
    jobs_json, jobs_db = tmp_path / "jobs.json", tmp_path / "jobs.db"
    acknowledged = make_db(jobs_db, 2)
    with Repository.open(jobs_db) as repo:
        own = repo.storage.backup_now(reason="before-import")
    assert own is not None
    make_db(jobs_json, 3)
    clock = Clock()
    backups = Backups(jobs_json, clock=clock)
    made = []
    for _ in range(12):  # more than the ten kept: rotation runs
        made.append(backups.make(jobs_json.read_bytes()))
        clock.now += 1
    assert own.exists(), "jobs.json's rotation deleted jobs.db's backup"
    assert Backups(jobs_db).all() == [own]
    assert Backups(jobs_json).all() == made[-10:]
    assert own.name.startswith("jobs.db.")
    assert all(p.name.startswith("jobs.json.") for p in made)

    jobs_db.write_bytes(jobs_db.read_bytes()[:40])  # broken (its first bytes still say whose)
    with pytest.raises(DatabaseUnreadable) as caught:
        Repository.open(jobs_db)
    assert caught.value.backup == own, "the advice names another database's backup"
    result = run_cli(["today"], cli_env(tmp_path, jobs_db))
    assert_one_line_error(result, str(own))
    assert_nothing_lost(own, acknowledged)  # its own backup holds what it held


@fault("two databases with the same stem")
def test_backups_named_the_old_way_count_only_for_their_own_lineage(tmp_path: Path) -> None:
    jobs_json, jobs_db = tmp_path / "jobs.json", tmp_path / "jobs.db"
    make_db(jobs_json, 1)
    make_db(jobs_db, 1)
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "jobs-20261101-120000.json"  # the name every backup had before
    old.write_bytes(jobs_json.read_bytes())
    assert Backups(jobs_json).all() == [old]
    assert Backups(jobs_json).newest_good() == old
    assert Backups(jobs_db).all() == []
    assert Backups(jobs_db).newest_good() is None


# ---------------------------------------------------------------- 12. folders that cannot be used


NOBODY = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"]


def run_as_nobody(args: list[str], env: dict[str, str], cwd: Path) -> CompletedProcess[str]:
    """The command line as user 65534 (root ignores file modes, so root cannot show this)."""
    return subprocess.run(
        [*NOBODY, sys.executable, "-m", "afterword", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder user 65534 can reach (pytest's own tmp folder is root's alone)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip(
            "needs root and setpriv to run a command as another user (root ignores file modes)"
        )
    folder = Path(tempfile.mkdtemp(prefix="afterword-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


READ_ONLY_COMMANDS = {
    "done": lambda db, backup, export: ["done", first_open_follow_up(db)],
    "import": lambda db, backup, export: ["import", str(export)],
    "restore": lambda db, backup, export: ["restore", str(backup)],
    "the app": lambda db, backup, export: [],
}


@fault("a database in a read-only folder")
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS)
def test_a_database_in_a_read_only_folder_is_one_sentence(shared: Path, command: str) -> None:
    folder = shared / "ro"
    folder.mkdir()
    db = folder / DB_NAME
    acknowledged = make_db(db, 2)
    backup = shared / "backup.json"
    shutil.copy(db, backup)
    export = write_export(shared / "in.json", fresh_interviews(1))
    lock_path(db).unlink()  # no lock file yet: it would have to be made in the folder
    for path in (shared, *shared.rglob("*")):
        os.chown(path, 65534, 65534)
    folder.chmod(0o555)
    before = db.read_bytes()
    env = cli_env(shared, db, HOME=str(shared))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)

    result = run_as_nobody(READ_ONLY_COMMANDS[command](db, backup, export), env, shared)

    assert_one_line_error(result, str(folder), "writable")
    assert db.read_bytes() == before
    assert_nothing_lost(db, acknowledged)


@fault("a database in a read-only folder")
def test_the_app_starts_to_one_sentence_when_the_config_folder_is_closed(shared: Path) -> None:
    """The app writes a commented config file at its first start: a config folder it cannot
    look into (another user's) is no reason for a traceback."""
    closed = shared / "closed"
    closed.mkdir(mode=0o700)  # root's: user 65534 cannot look inside
    folder = shared / "ro"
    folder.mkdir()
    db = folder / DB_NAME
    make_db(db, 1)
    lock_path(db).unlink()
    for path in (shared, *folder.rglob("*"), folder):
        os.chown(path, 65534, 65534)
    folder.chmod(0o555)
    env = cli_env(shared, db, HOME=str(shared), AFTERWORD_CONFIG=str(closed / "config.toml"))
    result = run_as_nobody([], env, shared)
    assert_one_line_error(result, str(folder), "writable")


@pytest.fixture
def data_home_is_a_file(tmp_path: Path) -> dict[str, str]:
    """XDG_DATA_HOME names a file; no --db and no AFTERWORD_DB."""
    a_file = tmp_path / "hostname"
    a_file.write_text("box\n")
    env = cli_env(tmp_path, tmp_path / "unused.json", XDG_DATA_HOME=str(a_file))
    del env["AFTERWORD_DB"]
    return env


@fault("XDG_DATA_HOME pointing at a file")
@pytest.mark.parametrize("command", ["done", "snooze", "import", "restore", "the app"])
def test_a_data_folder_that_is_a_file_is_one_sentence(
    tmp_path: Path, data_home_is_a_file: dict[str, str], command: str
) -> None:
    source = tmp_path / "elsewhere" / DB_NAME
    source.parent.mkdir()
    make_db(source, 1)
    args = {
        "done": ["done", "abc"],
        "snooze": ["snooze", "abc", "+2d"],
        "import": ["import", str(write_export(tmp_path / "in.json", fresh_interviews(1)))],
        "restore": ["restore", str(source)],
        "the app": [],
    }[command]
    result = run_cli(args, data_home_is_a_file, cwd=tmp_path)
    assert_one_line_error(result, str(tmp_path / "hostname" / "afterword"), "not a folder")
    assert (tmp_path / "hostname").read_text() == "box\n"


# ---------------------------------------------------------------- 13. folders from the environment


@fault("relative XDG folders")
def test_relative_xdg_folders_are_ignored(tmp_path: Path) -> None:
    """The XDG rule: a relative value is treated as unset, so the database does not depend on
    the folder Afterword is started in."""
    env = cli_env(tmp_path, tmp_path / "unused.json", HOME=str(tmp_path / "home"))
    del env["AFTERWORD_DB"], env["AFTERWORD_CONFIG"]
    env.update(XDG_DATA_HOME="data", XDG_CONFIG_HOME="conf", XDG_STATE_HOME="state")
    seen = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        result = run_cli(["locate"], env, cwd=folder)
        assert result.returncode == 0, result.stderr
        seen.append(result.stdout)
    assert seen[0] == seen[1]
    rows = {line.split()[0]: line.split()[1] for line in seen[0].splitlines()}
    home = tmp_path / "home"
    assert rows["database"] == str(home / ".local/share/afterword" / DB_NAME)
    assert rows["config"] == str(home / ".config/afterword/config.toml")
    assert rows["state"] == str(home / ".local/state/afterword")


@fault("a config file in another folder")
async def test_themes_come_from_the_folder_of_the_config_file_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.tui.helpers import SIZE, loaded, make_app

    chosen = tmp_path / "dotfiles" / "afterword.toml"
    chosen.parent.mkdir()
    chosen.write_text('[ui]\ntheme = "mine"\n', encoding="utf-8")
    monkeypatch.setenv("AFTERWORD_CONFIG", str(chosen))
    (chosen.parent / "themes").mkdir()
    (chosen.parent / "themes" / "mine.toml").write_text('primary = "#FF8800"\ndark = true\n')
    (chosen.parent / "templates").mkdir()
    assert paths.themes_dir() == chosen.parent / "themes"
    assert paths.templates_dir() == chosen.parent / "templates"
    assert paths.themes_dir().parent != paths.config_dir()

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        assert "mine" in app.available_themes
        assert app.theme == "mine"
