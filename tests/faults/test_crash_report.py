"""A real crash: an error nobody expected, raised by an action while a debrief is being typed.

The app must end with a non-zero status, the terminal restored, the traceback shown without
local variables and without any exception message (the rule is in afterword.crash: only the
type and where it happened are kept, because a message is built from data), a crash report
written 0600 into the 0700 user state folder and named in one sentence on stderr, and what was
typed kept for the next start. A note of a saved debrief and an SMTP password in config.toml
are planted, and put into the exception's message and into local variables on purpose: neither
may appear on the screen or in the report.

The planted texts are built at run time, so that no source line shown in a traceback can hold
them: only a local variable or a message could.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from afterword import crash, paths
from afterword.compose.secrets import Secret
from afterword.store.recovery import recovery_path
from afterword.tui.app import AfterwordApp
from afterword.tui.screens.debrief import DebriefScreen
from tests.e2e import helpers as e2e
from tests.faults.helpers import assert_nothing_lost, make_db
from tests.tui.helpers import SIZE, loaded, make_app, paste, wait_for

pytestmark = pytest.mark.fault("an unexpected exception (a crash)")

NOTE = "".join(["Kestrel", "-n0te-", "4417 the CTO hinted at a reorg"])
PASSWORD = "".join(["hunter", "-pl4nted-", "9931"])
TYPED = "".join(["Quokka", "-typ3d-", "whiteboard went well"])
HIDDEN = "RuntimeError: ‹message hidden›"


def plant(db: Path) -> list[Any]:
    """A database whose first interview holds NOTE in its private notes; config.toml holds
    PASSWORD in [mail] (a key Afterword does not know, and a password command)."""
    interviews = make_db(db, 5)
    from afterword.store.repository import Repository

    with Repository.open(db) as repo:
        first = repo.get(interviews[0].id)
        first.debrief.notes = NOTE
        repo.save(first)
        interviews[0] = repo.get(first.id)
    config = Path(os.environ["AFTERWORD_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f'[mail]\npassword = "{PASSWORD}"\npassword_command = "printf {PASSWORD}"\n',
        encoding="utf-8",
    )
    return interviews


def crash_on_save(self: DebriefScreen) -> None:
    """ctrl+s in the form: an error nobody expected, private text in its locals and message."""
    note = next(
        i.debrief.notes for i in self.afterword.library.interviews.values() if i.debrief.notes
    )
    password = Secret(self.afterword.config.mail.password_command)
    command = self.afterword.config.mail.password_command
    raise RuntimeError(f"could not save: {note} {command} {password!r}")


def assert_private(text: str, where: str) -> None:
    for planted in (NOTE, PASSWORD, TYPED, "Kestrel", "pl4nted", "Quokka"):
        assert planted not in text, f"{planted!r} in {where}:\n{text}"
    assert "locals" not in text.lower(), f"local variables in {where}:\n{text}"


def assert_report(path: Path, raised_in: str = "crash_on_save") -> str:
    """The report: 0600 in the 0700 state folder, the type and place kept, nothing private."""
    assert path.parent == paths.state_dir(), path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, oct(path.stat().st_mode)
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, oct(path.parent.stat().st_mode)
    text = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last):" in text, text
    assert HIDDEN in text and f"in {raised_in}\n" in text, text
    assert_private(text, str(path))
    return text


async def test_a_crash_in_the_app_reports_without_private_text_and_keeps_the_typing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "db.json"
    acknowledged = plant(db)
    monkeypatch.setattr(DebriefScreen, "action_save", crash_on_save)
    printed: list[object] = []
    original = AfterwordApp._print_error_renderables

    def keep(self: AfterwordApp) -> None:
        printed.extend(self._exit_renderables)
        original(self)

    monkeypatch.setattr(AfterwordApp, "_print_error_renderables", keep)
    app = make_app(tmp_path, demo=False)
    with pytest.raises(RuntimeError, match="could not save"):
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
            await paste(pilot, TYPED)  # into Company, the focused field
            await pilot.press("ctrl+s")
            await pilot.pause()

    assert app.crashed and app.return_code == 1
    assert app.crash_report is not None, app.crash_problem
    report = assert_report(app.crash_report)
    console = Console(record=True, width=120, file=io.StringIO())
    for renderable in printed:
        console.print(renderable)
    shown = console.export_text()
    assert HIDDEN in shown and "crash_on_save" in shown, shown
    assert_private(shown, "the terminal")
    # the terminal shows what the report holds (its long lines wrapped at the console's width)
    assert "".join(shown.split()) in "".join(report.split())
    # what was typed a moment before is kept for the next start
    slots = recovery_path(db).read_text(encoding="utf-8")
    assert TYPED in slots, slots
    assert_nothing_lost(db, acknowledged)


def test_the_report_keeps_the_chain_and_types_but_no_message(tmp_path: Path) -> None:
    secret = "".join(["s3cr", "et-in-a-message"])
    try:
        try:
            {}[secret]
        except KeyError as inner:
            raise ValueError(secret) from inner
    except ValueError as error:
        path = crash.write_report(error, tmp_path / "state")
    text = path.read_text(encoding="utf-8")
    assert secret not in text, text
    assert "KeyError: ‹message hidden›" in text and "ValueError: ‹message hidden›" in text
    assert "direct cause" in text
    assert text.index("KeyError") < text.index("ValueError")  # oldest first, as Python prints
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_crash_outside_the_apps_own_loop_is_reported_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    acknowledged = plant(db)

    def run(self: AfterwordApp) -> None:
        note = next(i.debrief.notes for i in acknowledged if i.debrief.notes)
        raise RuntimeError(f"before the first frame: {note}")

    monkeypatch.setattr(AfterwordApp, "run", run)
    from afterword.cli import run_app

    assert run_app(db) == 1
    err = capsys.readouterr().err
    assert HIDDEN in err and "Traceback" in err, err
    assert_private(err, "stderr")
    found = re.search(r"afterword crashed; the report is in (\S+)\.\n$", err)
    assert found, err
    assert_report(Path(found.group(1)), raised_in="run")
    from afterword.store.lock import AppLock

    lock = AppLock(db)  # the app lock was let go
    lock.acquire()
    lock.release()
    assert_nothing_lost(db, acknowledged)


def test_a_report_that_cannot_be_written_is_said_so(tmp_path: Path) -> None:
    in_the_way = tmp_path / "state"
    in_the_way.write_text("a file where the folder should be\n")
    path, problem = crash.save(RuntimeError("x"), in_the_way)
    assert path is None and problem
    line = crash.sentence(path, problem)
    assert line.startswith("afterword crashed; the report could not be written (")
    assert "\n" not in line


# -- the real app in a real terminal


CRASHING = """
import sys
from afterword.tui.screens.debrief import DebriefScreen
from tests.faults.test_crash_report import crash_on_save
DebriefScreen.action_save = crash_on_save
from afterword.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[e2e.Tmux]:
    if e2e.TMUX is None:
        pytest.skip("tmux is not installed (apt-get install tmux)")
    tmux = e2e.Tmux(tmp_path / "pane", e2e.WIDTH, e2e.HEIGHT)
    tmux.folder.mkdir()
    try:
        yield tmux
    finally:
        tmux.close()


@pytest.mark.slow
def test_a_crash_in_a_real_terminal_restores_it_and_says_where_the_report_is(
    tmp_path: Path, pane: e2e.Tmux
) -> None:
    db = tmp_path / "data" / "afterword.json"
    acknowledged = plant(db)
    app = shlex.join([sys.executable, "-c", CRASHING, "--db", str(db)])
    script = pane.folder / "run.sh"
    script.write_text(
        f"cd {shlex.quote(str(Path(__file__).resolve().parents[2]))}\n"  # to import tests
        f"echo {shlex.quote(e2e.SHELL_BEFORE)}\n"
        f"{app}\n"
        f'echo "EXIT=$?" > {shlex.quote(str(pane.status_file))}\n'
        f"echo {shlex.quote(e2e.SHELL_AFTER)}\n"
        "exec sleep 600\n"
    )
    pane.start(f"sh {shlex.quote(str(script))}", {"AFTERWORD_NOW": e2e.NOW_TEXT})
    pane.wait_for(lambda s: " active in " in s, "the Today screen with its data", 30)
    pane.press("n")
    pane.wait_for_text("New interview", 15)
    time.sleep(0.3)
    pane.type(TYPED)
    pane.wait_for_text(TYPED, 10)
    pane.press("C-s")

    status = pane.exit_status(30)
    assert status != "EXIT=0" and status.startswith("EXIT="), status
    screen = pane.wait_for_text(e2e.SHELL_AFTER, 15)
    assert pane.display("#{alternate_on}") == "0", screen  # the shell's own screen is back
    everything = pane.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", pane.session).stdout
    assert e2e.SHELL_BEFORE in everything, everything
    assert HIDDEN in everything, everything
    assert_private(everything, "the terminal")
    found = re.search(r"afterword crashed; the report is in (\S+)\.\n", everything)
    assert found, everything
    assert_report(Path(found.group(1)))
    assert TYPED in recovery_path(db).read_text(encoding="utf-8")
    assert_nothing_lost(db, acknowledged)
