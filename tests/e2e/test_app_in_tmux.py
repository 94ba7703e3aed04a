"""The real `afterword` full-screen app in a real terminal (tmux): keys in, screen text out.

Each test runs the installed console script in a detached tmux session on a private tmux
server, with the test's own HOME, XDG folders and config and a fixed clock, and kills that
server afterwards whatever happened.
"""

from __future__ import annotations

import os
import pty
import shlex
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from afterword.store.lock import AppLock
from tests.conftest import NOW
from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    SHELL_AFTER,
    SHELL_BEFORE,
    Tmux,
    interview_rows,
)

pytestmark = [
    *NEEDS_TMUX_AND_APP,
]

COMPANY = "Harbor & Pine"  # a company of the demo data (the ids change on every --demo run)
TODAY = "Overdue"  # the first heading of the Today screen of the demo data
NOW_TEXT = NOW.isoformat(timespec="minutes")
TERMINAL_MODES = (
    "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag} "
    "#{mouse_sgr_flag} #{cursor_flag}"
)


Terminal = Callable[[int, int], Tmux]


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """Make ``Tmux`` panes of any size; every one is killed at teardown."""
    made: list[Tmux] = []

    def make(width: int = 120, height: int = 40) -> Tmux:
        folder = tmp_path / f"pane{len(made)}"
        folder.mkdir()
        made.append(Tmux(folder, width, height))
        return made[-1]

    try:
        yield make
    finally:
        for tmux in made:
            tmux.close()


def last_line(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def assert_no_traceback(screen: str) -> None:
    assert "Traceback" not in screen, screen


def test_search_open_and_quit_restores_the_terminal(terminal: Terminal) -> None:
    tmux = terminal(120, 40)
    tmux.start_afterword("--demo", env={"AFTERWORD_NOW": NOW_TEXT})
    screen = tmux.wait_for_text(TODAY)
    assert "Afterword" in screen.splitlines()[0]
    assert tmux.display("#{alternate_on}") == "1"  # the app has the alternate screen

    tmux.press("i")  # Interviews
    tmux.wait_for(lambda s: len(interview_rows(s)) > 5, "the Interviews table")
    tmux.press("/")
    tmux.wait_for(lambda s: "Sort" not in last_line(s), "the search field (its short footer)")
    tmux.type(COMPANY)
    tmux.wait_for(
        lambda s: bool(interview_rows(s)) and all(COMPANY in r for r in interview_rows(s)),
        f"only {COMPANY} rows",
    )
    tmux.press("Enter")  # leaves the search: the table has the focus
    tmux.wait_for(lambda s: "Sort" in last_line(s), "the table's footer again")
    tmux.press("Enter")  # opens the first row
    screen = tmux.wait_for(
        lambda s: all(h in s for h in ("People", "Follow-ups", "Debrief")), "the detail screen"
    )
    assert COMPANY in screen.splitlines()[0], screen  # the title names the company
    assert_no_traceback(screen)

    tmux.press("Escape")
    tmux.wait_for(lambda s: "People" not in s and bool(interview_rows(s)), "the Interviews list")
    tmux.press("q")
    assert tmux.exit_status() == "EXIT=0"
    screen = tmux.wait_for_text(SHELL_AFTER)
    assert SHELL_BEFORE in screen  # the shell's own screen is back, as it was
    assert "Afterword" not in screen and COMPANY not in screen, screen
    assert_no_traceback(screen)
    # alternate screen off, no mouse reporting of any kind, the cursor shown again
    assert tmux.display(TERMINAL_MODES) == "0 0 0 0 0 1"
    # and the tty is back in cooked mode, echoing what is typed
    if shutil.which("stty"):
        tty = tmux.display("#{pane_tty}")
        modes = subprocess.run(["stty", "-F", tty, "-a"], capture_output=True, text=True).stdout
        assert {"icanon", "echo", "isig", "icrnl"} <= set(modes.split()), modes


def test_today_fits_80_by_24(terminal: Terminal) -> None:
    tmux = terminal(80, 24)
    tmux.start_afterword("--demo", env={"AFTERWORD_NOW": NOW_TEXT})
    screen = tmux.wait_for_text(TODAY)
    lines = screen.splitlines()
    assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)
    assert "Afterword" in lines[0]
    footer = last_line(screen)
    assert "Quit" in footer or "palette" in footer, screen
    assert "Today (" in screen  # the second heading is on the first screen too
    assert_no_traceback(screen)
    tmux.press("q")
    assert tmux.exit_status() == "EXIT=0"
    assert tmux.display("#{alternate_on}") == "0"


def test_the_demo_says_so_in_the_title_and_once_quit_that_its_changes_are_gone(
    terminal: Terminal,
) -> None:
    tmux = terminal(80, 24)
    tmux.start_afterword("--demo", env={"AFTERWORD_NOW": NOW_TEXT})
    screen = tmux.wait_for_text(TODAY)
    assert "Afterword (demo)" in screen.splitlines()[0], screen
    tmux.press("q")
    assert tmux.exit_status() == "EXIT=0"
    screen = tmux.wait_for_text(SHELL_AFTER)
    after = screen.split(SHELL_BEFORE)[-1].splitlines()
    gone = [line for line in after if "the demo's changes are gone" in line]
    assert gone == ["afterword: the demo's changes are gone (it ran on a temporary copy)."], screen
    assert_no_traceback(screen)


def run_in_a_terminal(args: list[str], timeout: float = 20.0) -> tuple[int, str, float]:
    """Run ``args`` with a pseudo-terminal as stdin, stdout and stderr, as from a shell:
    (exit status, everything it wrote to the terminal, seconds it took)."""
    leader, follower = pty.openpty()
    start = time.monotonic()
    try:
        process = subprocess.Popen(
            args,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            start_new_session=True,
            env=dict(os.environ),  # not the C-level COLUMNS/LINES that readline set
        )
    finally:
        os.close(follower)
    output = bytearray()
    try:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: every copy of the follower side is closed
                break
            if not chunk:
                break
            output += chunk
        status = process.wait(timeout=timeout)
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()
            process.wait()
    return status, output.decode("utf-8", "replace"), time.monotonic() - start


def test_a_second_copy_is_refused_at_once(terminal: Terminal, tmp_path: Path) -> None:
    db = tmp_path / "data" / "afterword.json"
    tmux = terminal(120, 40)
    command = shlex.join([str(AFTERWORD), "--db", str(db)])
    tmux.start(f"exec {command}")  # exec: the pane's pid is afterword's
    tmux.wait_for_text("Welcome to Afterword")  # the empty database's Today screen
    pid = int(tmux.display("#{pane_pid}"))

    status, output, seconds = run_in_a_terminal([str(AFTERWORD), "--db", str(db)])
    assert status == 2, output
    assert f"pid {pid}" in output, output
    assert str(db) in output, output
    assert len(output.strip().splitlines()) == 1, output  # one line, no traceback
    assert "\x1b" not in output, repr(output)  # no screen, cursor or mouse codes: not taken over
    assert seconds < 5, f"the refusal took {seconds:.1f} s"

    # the first copy is untouched and still works
    assert "Welcome to Afterword" in tmux.screen() and tmux.display("#{alternate_on}") == "1"
    assert db.with_name(db.name + ".app-lock").read_text().strip() == str(pid)
    tmux.press("i")
    tmux.wait_for(lambda s: "Sort" in last_line(s), "the first copy's Interviews screen")
    tmux.press("q")
    deadline = time.monotonic() + 15
    while tmux.tmux("has-session", "-t", tmux.session, check=False).returncode == 0:
        assert time.monotonic() < deadline, "the first copy did not quit"
        time.sleep(0.1)
    lock = AppLock(db)  # and it let go of the database
    lock.acquire()
    lock.release()


def test_a_form_typed_in_one_burst_fills_each_field(terminal: Terminal) -> None:
    """Words and tabs sent as fast as tmux can (a fast typist, a slow machine): the words go to
    the fields the tabs lead to, not all into one field."""
    tmux = terminal(120, 40)
    tmux.start_afterword(env={"AFTERWORD_NOW": NOW_TEXT})
    tmux.wait_for_text("Welcome to Afterword")
    tmux.press("n")
    tmux.wait_for_text("The interview")
    time.sleep(0.5)  # the form has the focus in Company
    tmux.type("Northwind Health")
    tmux.press("Tab", "Tab", "Tab", "Tab")  # Role, Stage, When, Where
    tmux.type("Their office")
    for word in ("Elena Morales", "Eng Manager", "elena@northwind.example"):
        tmux.press("Tab")
        tmux.type(word)
    screen = tmux.wait_for(lambda s: "Northwind Health" in s and "northwind.example" in s, "words")
    lines = {line.split(maxsplit=1)[0]: line for line in screen.splitlines() if line.strip()}
    assert lines["Where"].split(maxsplit=1)[1] == "Their office", screen
    assert lines["Interviewers"].split()[1:] == [
        "Elena",
        "Morales",
        "Eng",
        "Manager",
        "elena@northwind.example",
    ], screen


def test_escape_sequences_in_the_data_do_not_act_on_the_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    """Every company holds a clear-screen, a window title (OSC 0) and a direction override,
    as an invitation from outside could: the terminal's screen and title stay the app's."""
    import json

    from afterword.demo import write_demo_database

    db = tmp_path / "hostile.json"
    write_demo_database(db, NOW)
    data = json.loads(db.read_text(encoding="utf-8"))
    for record in data["interviews"].values():
        record["company"] = "Evil\x1b[2J\x1b]0;pwned\x07\u202eCorp"
    db.write_text(json.dumps(data), encoding="utf-8")
    tmux = terminal(120, 40)
    tmux.start_afterword("--db", str(db), env={"AFTERWORD_NOW": NOW_TEXT})
    screen = tmux.wait_for_text(TODAY)
    title = tmux.display("#{pane_title}")
    for key in ("i", "t"):  # the Interviews, then Today again
        tmux.press(key)
        screen = tmux.wait_for(lambda s: "Evil[2J]0;pwnedCorp" in s, "the companies, drawn")
        assert "Afterword" in screen.splitlines()[0], screen  # not cleared away
        assert "pwned" not in tmux.display("#{pane_title}")
    assert tmux.display("#{pane_title}") == title
    assert_no_traceback(screen)
