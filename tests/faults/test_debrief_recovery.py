"""Unsaved debrief text survives the real app being stopped, in a real terminal (tmux).

Each test types into the debrief form of the installed `afterword` in a tmux pane, stops it
from outside (SIGTERM, SIGHUP, the terminal closing, SIGKILL) and starts it again on the same
database: the text is offered back ("Unsaved text from last time") and comes back into the
form, key for key; or it is discarded and not offered again. One test hands a field to
$EDITOR through the real suspend of the terminal.

Keys go in one field at a time (`send-keys -l TEXT`, then a separate Tab, with a pause):
a burst of keys can be routed before Textual has moved the focus.
"""

from __future__ import annotations

import json
import shlex
import shutil
import signal
import stat
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from afterword.store.lock import AppLock, AppOpen
from afterword.store.recovery import recovery_path
from afterword.tui.autosave import QUIET
from tests.conftest import NOW
from tests.e2e import helpers
from tests.e2e.helpers import (
    NEEDS_TMUX_AND_APP,
    NOW_TEXT,
    SHELL_AFTER,
    SHELL_BEFORE,
    WAIT,
    assert_no_traceback,
    demo_database,
    starting,
)
from tests.faults.helpers import assert_nothing_lost, stored_ids

pytestmark = [
    *NEEDS_TMUX_AND_APP,
    pytest.mark.slow,
]

TODAY = "Overdue"  # the first heading of the Today screen of the demo data
FORM = "New interview"  # the title of the empty debrief form
DIALOG = "Unsaved text from last time"
TERMINAL_MODES = (
    "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag} "
    "#{mouse_sgr_flag} #{cursor_flag}"
)
RESTORED_MODES = "0 0 0 0 0 1"  # no alternate screen, no mouse reporting, the cursor shown
SCROLLBAR = "▁▂▃▄▅▆▇█▔▀"  # what the form's vertical scrollbar leaves on the right
PAUSE = 0.2  # after moving the focus, before the next field's text

COMPANY = "Zephyr Works"
ROLE = "Staff Engineer"
# letters that are app keys elsewhere (q, n, i, t, u, d, r) must reach the field as text
WENT_WELL = "The quorum reads whiteboard went smoothly and the panel laughed twice"
# tab stops from Role: Stage, When, Where, interviewer name, title, email, Recruiter, Agency,
# Email, Phone, Write directly?, Tone, Question focus, What went well
ROLE_TO_WENT_WELL = 14
# and on from What went well: What did not, Next steps, Decision by, Still interested, Notes
WENT_WELL_TO_NOTES = 5


# -- the pane and the app in it


class Run(helpers.Run):
    """A Run (see tests.e2e.helpers) with the steps of the debrief form."""

    def tab(self, times: int = 1) -> None:
        """Move the focus on, one key at a time, and let it settle."""
        for _ in range(times):
            self.tmux.press("Tab")
            time.sleep(0.05)
        time.sleep(PAUSE)

    def fill(self, label: str, text: str) -> str:
        """Type ``text`` into the focused field, labelled ``label``; wait until it shows there."""
        self.tmux.type(text)
        return self.wait_for(
            lambda s: field_value(s, label) == text, f"{text!r} in the field {label!r}"
        )


Start = Callable[..., Run]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Start]:
    """``start(db, env=None)``: afterword on ``db`` in a new WIDTH x HEIGHT pane on a tmux
    server of its own; every app is ended and every server killed at teardown."""
    # VISUAL empty: the editor is $EDITOR, whatever the machine running the tests has
    with starting(tmp_path, {"AFTERWORD_NOW": NOW_TEXT, "VISUAL": ""}, Run) as make:
        yield make


# what each test's database held before the app ran: none of it may be lost
ACKNOWLEDGED: dict[Path, set[str]] = {}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database of the demo interviews (a Today screen with something on it)."""
    path = demo_database(tmp_path)
    ACKNOWLEDGED[path] = stored_ids(path)
    return path


# -- reading the screen and the recovery file


def field_lines(screen: str, label: str) -> list[str]:
    """The text shown in the form field labelled ``label`` (the label at the start of its line,
    the value to its right; a longer text goes on in the same column on the lines below)."""
    # the form's scrollbar is at the right, its thumb's ends on whichever lines they are
    lines = [line.rstrip(SCROLLBAR + " ") for line in screen.splitlines()]
    for index, line in enumerate(lines):
        head, found, rest = line.partition(f" {label} ")
        if not found or head.strip():
            continue
        column = len(head) + len(found)
        shown = [rest.strip()]
        for below in lines[index + 1 :]:
            if below[:column].strip() or not below[column:].strip():
                break
            shown.append(below[column:].strip())
        return shown
    return []


def field_value(screen: str, label: str) -> str:
    shown = field_lines(screen, label)
    return shown[0] if shown else ""


def dialog_text(screen: str) -> str:
    """The words inside the dialog box (between its side borders), its lines joined."""
    inside = []
    for line in screen.splitlines():
        if line.count("█") >= 2:
            inside.append(line[line.index("█") + 1 : line.rindex("█")].strip("▀▄ "))
    return " ".join(" ".join(inside).split())


def read_recovery(db: Path) -> dict[str, Any]:
    path = recovery_path(db)
    assert path.exists(), f"there is no recovery file {path}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, oct(path.stat().st_mode)
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "afterword-recovery" and document["version"] == 1, document
    assert len(document["slots"]) == 1, document
    ((slot, record),) = document["slots"].items()
    assert slot.startswith("debrief:"), slot
    assert record["kind"] == "debrief" and record["interview_id"] is None, record
    return record


def typed_values(**typed: str) -> dict[str, Any]:
    """What the recovery file holds for an empty form in which only ``typed`` was typed."""
    keys = [
        "company",
        "role",
        "stage",
        "where",
        "tone",
        "focus",
        "went_well",
        "went_poorly",
        "next_steps",
        "decision_by",
        "notes",
        "remember",
        "reinforce",
        "recoup",
        "r_name",
        "r_agency",
        "r_email",
        "r_phone",
    ]
    values: dict[str, Any] = dict.fromkeys(keys, "")
    values.update(
        when=NOW.strftime("%Y-%m-%d %H:%M"),
        still_interested="yes",
        direct_contact="",  # no recruiter: no answer chosen
        interviewers=[{"name": "", "title": "", "email": ""}],
    )
    values.update(typed)
    return values


def wait_for_file(path: Path, exists: bool) -> None:
    deadline = time.monotonic() + WAIT
    while path.exists() != exists:
        assert time.monotonic() < deadline, f"{path} {'never came' if exists else 'stayed'}"
        time.sleep(0.05)


def wait_for_lock(db: Path) -> None:
    """Until no process holds the database (the app that had it has let go)."""
    deadline = time.monotonic() + WAIT
    while True:
        lock = AppLock(db)
        try:
            lock.acquire()
        except AppOpen:
            assert time.monotonic() < deadline, f"{db} is still locked"
            time.sleep(0.05)
            continue
        lock.release()
        return


def assert_terminal_restored(run: Run) -> None:
    """The shell's own screen is back as it was, no mode of the app is left on."""
    screen = run.wait_for_text(SHELL_AFTER)
    assert SHELL_BEFORE in screen, screen
    assert COMPANY not in screen and "Afterword" not in screen, screen
    assert_no_traceback(screen)
    assert run.tmux.display(TERMINAL_MODES) == RESTORED_MODES
    tty_modes = stty(run)
    if tty_modes is not None:  # cooked again, echoing what is typed
        assert {"icanon", "echo", "isig", "icrnl"} <= set(tty_modes.split()), tty_modes


def stty(run: Run) -> str | None:
    """``stty -a`` of the pane's terminal (None without stty)."""
    if not shutil.which("stty"):
        return None
    tty = run.tmux.display("#{pane_tty}")
    done = subprocess.run(["stty", "-F", tty, "-a"], capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stderr
    return done.stdout


# -- the steps the tests share


def open_form(start: Start, db: Path, env: dict[str, str] | None = None) -> Run:
    """Start the app, wait for its data, press n: the empty form with Company focused."""
    run = start(db, env)
    run.wait_for_text(TODAY)
    run.tmux.press("n")
    run.wait_for_text(FORM)
    return run


def type_company_and_role(run: Run) -> None:
    run.fill("Company", COMPANY)
    run.tab()
    run.fill("Role", ROLE)
    run.tab(ROLE_TO_WENT_WELL)
    # a long field has the focus: its ctrl+e shows in the key bar
    run.wait_for(lambda s: "^e Editor" in s.splitlines()[-1], "a long field focused")


def type_and_stop_at_once(run: Run, text: str, stop: Callable[[], None]) -> None:
    """Type ``text`` into What went well and stop the app as soon as it shows, before the
    autosave could keep it: only the stop itself can have written it to the recovery file."""
    sent = time.monotonic()
    run.fill("What went well", text)
    path = recovery_path(run.db)
    held = read_recovery(run.db)["values"]["went_well"] if path.exists() else None
    stop()
    seconds = time.monotonic() - sent
    # the autosave writes QUIET s after the last key at the earliest (a loaded machine may be
    # too slow to stop the app within that: then the outcome is checked all the same)
    if seconds < QUIET:
        assert held != text, f"autosaved already, {seconds:.2f} s after the keys"


def offered_back(start: Start, db: Path) -> tuple[Run, str]:
    """Start the app again: once its data is read, the dialog offers the text back."""
    run = start(db)
    screen = run.wait_for_text(DIALOG)
    assert "Restore" in screen and "Discard" in screen, screen
    return run, dialog_text(screen)


def restore(run: Run, company: str, role: str, went_well: str) -> str:
    """Press r: the form opens holding the text, exactly."""
    run.tmux.press("r")
    screen = run.wait_for(
        lambda s: DIALOG not in s and field_value(s, "What went well") == went_well,
        f"the form with {went_well!r}",
    )
    assert FORM in screen, screen
    assert field_value(screen, "Company") == company, screen
    assert field_value(screen, "Role") == role, screen
    assert_no_traceback(screen)
    return screen


# -- the tests


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(signal.SIGTERM, marks=pytest.mark.fault("SIGTERM while typing a debrief")),
        pytest.param(signal.SIGHUP, marks=pytest.mark.fault("SIGHUP while typing a debrief")),
    ],
    ids=["SIGTERM", "SIGHUP"],
)
def test_text_typed_just_before_a_stop_signal_is_kept_and_offered_back(
    start: Start, db: Path, stop: signal.Signals
) -> None:
    run = open_form(start, db)
    type_company_and_role(run)
    type_and_stop_at_once(run, WENT_WELL, lambda: run.signal(stop))

    assert run.exit_status() == "EXIT=0"  # a clean exit, not death by the signal
    assert_terminal_restored(run)
    record = read_recovery(db)
    assert record["values"] == typed_values(company=COMPANY, role=ROLE, went_well=WENT_WELL)

    again, offer = offered_back(start, db)
    assert f"A debrief of {COMPANY}: {WENT_WELL}…" in offer, offer
    restore(again, COMPANY, ROLE, WENT_WELL)

    # quitting with the restored text unsaved keeps it (ctrl+q: q is a letter in the form)
    again.tmux.press("C-q")
    assert again.exit_status() == "EXIT=0"
    assert_terminal_restored(again)
    assert read_recovery(db)["values"] == record["values"]
    assert_nothing_lost(db, ACKNOWLEDGED[db])


@pytest.mark.fault("the terminal closed while typing a debrief")
def test_closing_the_terminal_keeps_the_text(start: Start, db: Path) -> None:
    """The terminal goes away under the app (a closed window, a dropped ssh session): SIGHUP,
    and no terminal left to restore."""
    run = open_form(start, db)
    type_company_and_role(run)
    type_and_stop_at_once(run, WENT_WELL, run.tmux.close)  # the whole tmux server, pane and all

    wait_for_lock(db)  # the next start is not refused
    record = read_recovery(db)
    assert record["values"] == typed_values(company=COMPANY, role=ROLE, went_well=WENT_WELL)

    again, offer = offered_back(start, db)
    assert f"A debrief of {COMPANY}: {WENT_WELL}…" in offer, offer
    restore(again, COMPANY, ROLE, WENT_WELL)
    again.tmux.press("C-q")
    assert again.exit_status() == "EXIT=0"
    if not run.ended(1.0):  # killed at teardown; see the warning's text
        warnings.warn(
            f"afterword (pid {run.pid}) still runs after its terminal closed: with the pty "
            "gone, Textual's SIGCONT handler restarts application mode and its new writer "
            "thread dies (EIO); once 30 writes are queued, WriterThread.stop() blocks forever",
            stacklevel=1,
        )
    assert_nothing_lost(db, ACKNOWLEDGED[db])


@pytest.mark.fault("SIGKILL while typing a debrief")
def test_after_sigkill_at_most_the_last_second_of_typing_is_lost(start: Start, db: Path) -> None:
    first = "Whiteboard went well."
    second = " Then the quiz on queues was rushed"
    run = open_form(start, db)
    type_company_and_role(run)
    run.fill("What went well", first)
    typed = time.monotonic()
    path = recovery_path(db)
    deadline = typed + WAIT
    while not (path.exists() and read_recovery(db)["values"]["went_well"] == first):
        assert time.monotonic() < deadline, "the first sentence was never autosaved"
        time.sleep(0.05)
    autosaved_after = time.monotonic() - typed
    # about a second after the last key; generous for a loaded machine
    assert autosaved_after < 3.0, f"autosaved {autosaved_after:.1f} s after the last key"
    time.sleep(max(0.0, 2.0 - autosaved_after))  # the form sits idle a while

    run.tmux.type(second)
    run.wait_for(
        lambda s: field_value(s, "What went well") == first + second, "the second sentence"
    )
    run.signal(signal.SIGKILL)

    assert run.exit_status() == "EXIT=137"  # 128 + 9: killed, nothing of it ran
    # the terminal is left as the app had it (nothing can restore it after SIGKILL), but the
    # pane still answers: the shell's line after the app is there, and the tty can be read
    run.wait_for_text(SHELL_AFTER)
    stty(run)

    record = read_recovery(db)  # whole: written atomically, never half a file
    kept = record["values"]["went_well"]
    assert kept.startswith(first), kept  # what was typed more than a second ago is there
    assert (first + second).startswith(kept), kept  # and nothing but what was typed
    assert record["values"] == typed_values(company=COMPANY, role=ROLE, went_well=kept)

    again, offer = offered_back(start, db)
    assert f"A debrief of {COMPANY}: {kept}…" in offer, offer
    restore(again, COMPANY, ROLE, kept)
    again.tmux.press("C-q")
    assert again.exit_status() == "EXIT=0"
    assert_terminal_restored(again)  # a new terminal, and this run restored it
    assert_nothing_lost(db, ACKNOWLEDGED[db])


@pytest.mark.fault("SIGTERM while typing a debrief")
def test_discarded_text_is_gone_and_not_offered_again(start: Start, db: Path) -> None:
    run = open_form(start, db)
    type_company_and_role(run)
    type_and_stop_at_once(run, WENT_WELL, lambda: run.signal(signal.SIGTERM))
    assert run.exit_status() == "EXIT=0"
    path = recovery_path(db)
    assert path.exists()

    again, offer = offered_back(start, db)
    assert COMPANY in offer, offer
    again.tmux.press("d")
    wait_for_file(path, exists=False)
    screen = again.wait_for(lambda s: DIALOG not in s and TODAY in s, "the dialog gone")
    assert_no_traceback(screen)
    again.tmux.press("q")
    assert again.exit_status() == "EXIT=0"
    assert not path.exists()

    third = start(db)
    third.wait_for_text(TODAY)
    # the offer would come right after the data is shown: look for it a while
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        screen = third.tmux.screen()
        assert DIALOG not in screen and COMPANY not in screen, screen
        time.sleep(0.1)
    third.tmux.press("q")
    assert third.exit_status() == "EXIT=0"
    assert not path.exists()
    assert_nothing_lost(db, ACKNOWLEDGED[db])


def test_editor_edits_a_field_through_the_real_suspend(
    start: Start, db: Path, tmp_path: Path
) -> None:
    log = tmp_path / "editor.log"
    editor = tmp_path / "editor.sh"
    # a stand-in for the user's editor: notes the terminal it was handed, then adds a line
    # (ending the last one first, as editors do) and saves
    editor.write_text(
        "#!/bin/sh\n"
        f"log={shlex.quote(str(log))}\n"
        "if [ -t 0 ] && [ -t 1 ]; then tty=yes; else tty=no; fi\n"
        'echo "terminal: $tty" > "$log"\n'
        'echo "args: $#" >> "$log"\n'
        'stty -a >> "$log" 2>&1\n'
        '[ -n "$(tail -c 1 "$1")" ] && echo >> "$1"\n'
        'echo "added by the editor" >> "$1"\n'
    )
    editor.chmod(0o700)
    words = "Ask about the on-call rota"

    run = open_form(start, db, {"EDITOR": shlex.quote(str(editor))})
    type_company_and_role(run)
    run.tab(WENT_WELL_TO_NOTES)
    run.fill("Notes", words)
    run.tmux.press("C-e")

    screen = run.wait_for(
        lambda s: field_lines(s, "Notes")[:2] == [words, "added by the editor"],
        "the editor's line under the typed words in Notes",
    )
    assert FORM in screen and field_value(screen, "Company") == COMPANY, screen
    assert_no_traceback(screen)
    # the editor had the terminal, in cooked mode; the app has it back
    seen = log.read_text()
    assert seen.startswith("terminal: yes\nargs: 1\n"), seen
    if shutil.which("stty"):
        assert {"icanon", "echo"} <= set(seen.split()), seen
    assert run.tmux.display("#{alternate_on}") == "1"

    # the app still runs: typing goes on in the same field, after the editor's line
    run.tmux.type(" today")
    run.wait_for(
        lambda s: field_lines(s, "Notes")[:2] == [words, "added by the editor today"],
        "more typing after the editor",
    )
    run.tmux.press("C-q")
    assert run.exit_status() == "EXIT=0"
    assert_terminal_restored(run)
    assert read_recovery(db)["values"]["notes"] == f"{words}\nadded by the editor today"


@pytest.mark.fault("SIGTERM while typing a debrief")
def test_text_put_off_with_escape_survives_a_new_debrief(start: Start, db: Path) -> None:
    run = open_form(start, db)
    type_company_and_role(run)
    type_and_stop_at_once(run, WENT_WELL, lambda: run.signal(signal.SIGTERM))
    assert run.exit_status() == "EXIT=0"

    again, _ = offered_back(start, db)
    again.tmux.press("Escape")  # "escape: ask again next time"
    again.wait_for(lambda s: DIALOG not in s and TODAY in s, "the dialog put off")
    again.tmux.press("n")
    again.wait_for_text(FORM)
    again.fill("Company", "Other Co")
    time.sleep(2.0)  # longer than the autosave's delay
    again.tmux.press("C-q")
    assert again.exit_status() == "EXIT=0"

    document = json.loads(recovery_path(db).read_text(encoding="utf-8"))
    kept = [record["values"] for record in document["slots"].values()]
    assert any(values.get("went_well") == WENT_WELL for values in kept), kept
    assert_nothing_lost(db, ACKNOWLEDGED[db])
