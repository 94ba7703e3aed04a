"""The emails screen's ways out read as text: the file `ctrl+o` hands to the mail client and
the `.eml` of `ctrl+l` are UTF-8 text with their lines as written, and `ctrl+b` puts the body
in tmux's buffer and the desktop's clipboard where there are such, saying where it went."""

from __future__ import annotations

import email
import email.policy
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from afterword.config import Config, MailSettings, Profile
from afterword.domain.model import Debrief, Interview, Person
from afterword.domain.schedule import schedule_follow_ups
from afterword.tui.screens.dialogs import ConfirmDialog
from tests.tui.helpers import SIZE, make_app, notes, wait_for
from tests.tui.test_emails import body, open_acme

ZOE = Profile(name="Zoë Ångström", email="zoe@example.com")
CAT = shutil.which("cat")


def norrland() -> Interview:
    interview = Interview(
        company="Norrland Freight",
        role="Backend Engineer",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[Person("Märta Öberg", "Eng Manager", "marta@norrland.example")],
        debrief=Debrief(
            tone="warm",
            went_well="The design round flowed.",
            decision_by=date(2026, 11, 27),
            remember="we both started out writing firmware for weather stations",
        ),
    )
    interview.follow_ups = schedule_follow_ups(interview)
    return interview


def assert_reads_as_text(data: bytes, shown: str) -> None:
    """``data`` is a message whose body is ``shown`` (the body field), in UTF-8, as written."""
    head, _, written = data.partition(b"\n\n")
    assert b"Content-Transfer-Encoding: 8bit" in head.split(b"\n"), head
    assert b"=\n" not in written and b"=C3" not in written
    text = written.decode("utf-8")
    assert text.rstrip("\n") == shown.rstrip("\n")  # every line as written
    assert "Zoë Ångström" in text and "Märta" in text
    assert max(len(line) for line in text.splitlines()) > 78  # a paragraph, one line
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed.get_content() == text


def stand_in(folder: Path, name: str, script: str = "") -> None:
    """A ``name`` on PATH that keeps its argv and stdin beside itself."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do echo "$a"; done > \'{folder}/{name}.argv\'\n'
        f"{CAT} > '{folder}/{name}.stdin'\n" + script,
        encoding="utf-8",
    )
    path.chmod(0o755)


async def test_the_mail_clients_file_is_text_as_written(tmp_path: Path) -> None:
    seen = tmp_path / "seen.eml"
    client = tmp_path / "client.sh"
    client.write_text(f'#!/bin/sh\n{shutil.which("cp")} "$2" {seen}\n', encoding="utf-8")
    client.chmod(0o755)
    config = Config(profile=ZOE, mail=MailSettings(client_command=f"{client} -H {{file}}"))
    app = make_app(tmp_path, config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, norrland(), person="Märta Öberg")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        assert_reads_as_text(seen.read_bytes(), body(screen).text)
        await pilot.press("n")


async def test_the_eml_file_is_text_as_written(tmp_path: Path) -> None:
    app = make_app(tmp_path, config=Config(profile=ZOE))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_acme(pilot, norrland(), person="Märta Öberg")
        await pilot.press("ctrl+l")
        outbox = app.db_path.parent / "outbox"
        await wait_for(pilot, lambda: any(outbox.glob("*.eml")))
        (written,) = outbox.glob("*.eml")
        assert_reads_as_text(written.read_bytes(), body(screen).text)


async def copy_the_body(tmp_path: Path, monkeypatch: Any, **env: str) -> tuple[str, str]:
    """`ctrl+b` on the Norrland thank-you with ``env``: the body shown, and the notice."""
    bin_ = tmp_path / "bin"
    bin_.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(bin_))  # the stand-ins only: never a real tmux or xclip
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = make_app(tmp_path, config=Config(profile=ZOE))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_acme(pilot, norrland(), person="Märta Öberg")
        before = len(notes(app))
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: len(notes(app)) > before, seconds=10)
        shown = body(screen).text
        assert app.clipboard == shown  # OSC 52, as before
        assert app.is_running
        return shown, notes(app)[-1]


async def test_ctrl_b_in_tmux_puts_the_body_in_its_buffer_and_says_so(
    tmp_path: Path, monkeypatch: Any
) -> None:
    stand_in(tmp_path / "bin", "tmux")
    stand_in(tmp_path / "bin", "wl-copy")
    shown, notice = await copy_the_body(
        tmp_path, monkeypatch, TMUX="/tmp/tmux-1000/default,4242,0", WAYLAND_DISPLAY="wayland-1"
    )
    bin_ = tmp_path / "bin"
    assert (bin_ / "tmux.stdin").read_text(encoding="utf-8") == shown
    assert (bin_ / "tmux.argv").read_text().split() == ["load-buffer", "-w", "-"]
    assert (bin_ / "wl-copy.stdin").read_text(encoding="utf-8") == shown
    assert notice.startswith(
        "Copied the body: to tmux's buffer (prefix ]), the Wayland clipboard (wl-copy) and the "
        "terminal's clipboard. Subject: Thank you"
    ), notice


async def test_ctrl_b_with_no_helper_is_osc_52_only_and_says_so(
    tmp_path: Path, monkeypatch: Any
) -> None:
    _shown, notice = await copy_the_body(tmp_path, monkeypatch)
    assert notice.startswith(
        "Copied the body through the terminal only (OSC 52; a terminal without it copies "
        "nothing). Subject: Thank you"
    ), notice


@pytest.mark.parametrize("helper", ["tmux", "xclip"])
async def test_ctrl_b_with_a_failing_helper_says_so_and_carries_on(
    tmp_path: Path, monkeypatch: Any, helper: str
) -> None:
    stand_in(tmp_path / "bin", helper, "echo 'it went wrong' >&2\nexit 3\n")
    _shown, notice = await copy_the_body(
        tmp_path, monkeypatch, **({"TMUX": "/tmp/t,1,0"} if helper == "tmux" else {"DISPLAY": ":0"})
    )
    name = "tmux load-buffer" if helper == "tmux" else "xclip"
    assert f"; {name} failed (exit status 3: it went wrong). Subject: Thank you" in notice, notice
