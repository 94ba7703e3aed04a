"""The hand-off in a real terminal (tmux): a draft reads as written where a person or a mail
client meets it, and `ctrl+b` inside tmux leaves the body in tmux's buffer.

neomutt is the mail client (`neomutt -H FILE`, as `mail.client_command` suggests). It runs with
a private muttrc (`-n -F`) in the test's HOME: it reads no mailbox, keeps no copy, cannot send
(`sendmail` is /bin/false, and no test presses `y`), and its `editor` is a script that prints
the file it would have the user edit between two markers, then waits for Enter. With
`autoedit` and `edit_headers` it goes straight to that editor, headers and body, so the screen
shows exactly what the user would edit and send. (neomutt 2022 decodes a quoted-printable
draft before editing it; older mutts hand it over as it is, soft breaks and all: so the
terminal's view of `afterword draft` is checked too.)
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import NOW, write_norrland
from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    NOW_TEXT,
    Run,
    Tmux,
    assert_no_traceback,
    demo_database,
    starting,
)

NEOMUTT = shutil.which("neomutt")
NEEDS_NEOMUTT = pytest.mark.skipif(
    NEOMUTT is None,
    reason="neomutt is not installed (apt-get install neomutt): the mail client's view of a "
    "draft is not checked",
)
pytestmark = [*NEEDS_TMUX_AND_APP]

NAME = "Zoë Ångström"  # the profile: the letter is signed with it
EDITING, EDITED = "=== the file neomutt edits ===", "=== end of the file ==="
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def write_config(extra: str = "") -> Path:
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[profile]\nname = "{NAME}"\nemail = "zoe@example.com"\n{extra}', encoding="utf-8"
    )
    return path


def muttrc(folder: Path) -> Path:
    """neomutt's only config: no mailbox, no copy, no sending; the editor shows the file."""
    (folder / "mail").mkdir(parents=True)
    show = folder / "show-file.sh"
    show.write_text(
        f"#!/bin/sh\necho '{EDITING}'\ncat \"$1\"\necho '{EDITED}'\nread answer\n",
        encoding="utf-8",
    )
    show.chmod(0o755)
    path = folder / "muttrc"
    path.write_text(
        f'set editor="{show}"\n'
        "set autoedit=yes\n"  # straight to the editor: no To and Subject prompts
        "set edit_headers=yes\n"  # the headers in the editor, above the body
        f'set folder="{folder / "mail"}"\n'
        'set spoolfile=""\n'
        'set record=""\n'
        f'set postponed="{folder / "postponed"}"\n'
        'set sendmail="/bin/false"\n'
        'set charset="utf-8"\n',
        encoding="utf-8",
    )
    return path


def neomutt_command(folder: Path) -> list[str]:
    assert NEOMUTT is not None
    return [NEOMUTT, "-n", "-F", str(muttrc(folder)), "-H"]


def everything(tmux: Tmux) -> str:
    """The pane and its history, wrapped lines joined (as the program wrote them)."""
    return tmux.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", tmux.session).stdout


def between(text: str, start: str, end: str) -> list[str]:
    lines = text.splitlines()
    first = lines.index(start) + 1
    return [line.rstrip() for line in lines[first : lines.index(end, first)]]


def assert_shows_as_written(shown: list[str], body: str) -> None:
    """Each line of ``body`` is a line on the screen, in order, as written."""
    lines = body.rstrip("\n").split("\n")
    assert any(len(line) > 78 for line in lines)  # a paragraph typed as one line
    text = "\n".join(shown)
    assert "\n".join(lines) in text, f"the body:\n{body}\nthe screen:\n{text}"
    assert not any(line.endswith("=") for line in shown), text  # no soft break
    assert NAME in text and "=C3" not in text


# ---------------------------------------------------------------- from the shell


@pytest.fixture
def norrland(tmp_path: Path) -> Path:
    """A database holding one interview at Norrland Freight, with Märta Öberg."""
    source = write_norrland(tmp_path / "records.json")
    db = tmp_path / "db.json"
    write_config()
    done = subprocess.run(
        [sys.executable, "-m", "afterword", "--db", str(db), "import", str(source)],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    folder = tmp_path / "pane"
    folder.mkdir()
    made = Tmux(folder, 160, 50)
    try:
        yield made
    finally:
        made.close()


@NEEDS_NEOMUTT
def test_a_draft_reads_as_written_on_the_terminal_and_in_neomutt(
    tmp_path: Path, norrland: Path, tmux: Tmux
) -> None:
    eml = tmp_path / "marta.eml"
    draft = [str(AFTERWORD), "--db", str(norrland), "draft", "norr0001", "--to", "Märta"]
    script = tmp_path / "run.sh"
    script.write_text(
        "echo '=== afterword draft ==='\n"
        f"{shlex.join([*draft, '--eml', str(eml)])} 2>/dev/null\n"
        "echo '=== neomutt ==='\n"
        f"{shlex.join([*neomutt_command(tmp_path / 'neomutt'), str(eml)])}\n"
        "exec sleep 600\n",
        encoding="utf-8",
    )
    tmux.start(f"sh {shlex.quote(str(script))}", {**UTF8, "AFTERWORD_NOW": NOW_TEXT})
    tmux.wait_for_text(EDITED)
    text = everything(tmux)
    body = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default).get_content()

    printed = between(text, "=== afterword draft ===", "=== neomutt ===")
    assert "Content-Transfer-Encoding: 8bit" in printed
    assert_shows_as_written(printed, body)

    edited = between(text, EDITING, EDITED)
    assert f"From: {NAME} <zoe@example.com>" in edited
    assert_shows_as_written(edited, body)
    assert_no_traceback(text)


# ---------------------------------------------------------------- in the app

COMPANY = "Ridgeback Security"  # its thank-you may go out at once (see test_drafts_in_tmux)


@pytest.fixture
def app_run(tmp_path: Path) -> Iterator[Run]:
    """The app on the demo data in a pane, its mail client neomutt (when installed)."""
    client = ""
    if NEOMUTT is not None:
        argv = [*neomutt_command(tmp_path / "neomutt"), "{file}"]
        client = f"\n[mail]\nclient_command = {json.dumps(shlex.join(argv))}\n"
    config = write_config(client)
    env = {**UTF8, "AFTERWORD_NOW": NOW_TEXT, "AFTERWORD_CONFIG": str(config)}
    with starting(tmp_path, env, Run) as start:
        yield start(demo_database(tmp_path))


def stored_body(db: Path) -> str:
    done = subprocess.run(
        [str(AFTERWORD), "--db", str(db), "export"],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "AFTERWORD_NOW": NOW.isoformat()},
    )
    assert done.returncode == 0, done.stderr
    (interview,) = [i for i in json.loads(done.stdout)["interviews"] if i["company"] == COMPANY]
    (draft,) = [d for d in interview["drafts"] if d["template"] == "thank-you"]
    return str(draft["body"])


def test_ctrl_b_inside_tmux_leaves_the_body_in_tmuxs_buffer(app_run: Run) -> None:
    from tests.faults.test_drafts_in_tmux import open_emails

    open_emails(app_run)
    app_run.press("C-b")
    screen = app_run.wait_for_text("Copied the body: to tmux's buffer")
    assert_no_traceback(screen)
    buffer = app_run.tmux.tmux("show-buffer").stdout
    assert buffer == stored_body(app_run.db)
    assert NAME in buffer


@NEEDS_NEOMUTT
def test_ctrl_o_hands_neomutt_the_draft_as_written(app_run: Run) -> None:
    from tests.faults.test_drafts_in_tmux import open_emails

    open_emails(app_run)
    app_run.press("C-o")
    app_run.tmux.wait_for_text(EDITED)
    edited = between(everything(app_run.tmux), EDITING, EDITED)
    assert f"From: {NAME} <zoe@example.com>" in edited
    assert_shows_as_written(edited, stored_body(app_run.db))
    app_run.press("Enter")  # the editor ends: neomutt's compose menu
    app_run.tmux.wait_for_text("Compose")
    app_run.press("q")  # abort ...
    app_run.tmux.wait_for_text("postpone")
    app_run.press("n")  # ... without keeping a draft: back to Afterword
    app_run.wait_for_text("Did you send it from neomutt?")  # its name, not its path
    app_run.press("n")
    app_run.press("q")
