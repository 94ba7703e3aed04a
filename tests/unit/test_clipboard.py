"""A copy goes where a paste will find it: tmux's buffer inside tmux, the desktop's clipboard
(wl-copy, xclip, xsel) where there is one, always on stdin; a helper that fails or hangs is a
phrase of the notice, never a crash."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from afterword.compose.clipboard import Copied, copy_with_helpers

# The stand-ins run with PATH holding only themselves, so that no real tmux or xclip is found.
CAT, SLEEP = shutil.which("cat"), shutil.which("sleep")
TEXT = "Dear Märta,\n\nThank you; $(rm -rf ~) `x` -w --help\n\nZoë\n"


def fake(folder: Path, name: str, script: str = "") -> Path:
    """A stand-in for ``name`` that keeps its argv and its stdin beside itself."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do echo "$a"; done > \'{folder}/{name}.argv\'\n'
        f"{CAT} > '{folder}/{name}.stdin'\n" + script,
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def got(folder: Path, name: str) -> tuple[list[str], str]:
    """The argv (without the command) and the stdin a stand-in was given."""
    argv = (folder / f"{name}.argv").read_text(encoding="utf-8").splitlines()
    return argv, (folder / f"{name}.stdin").read_text(encoding="utf-8")


def env_for(folder: Path, **values: str) -> dict[str, str]:
    return {"PATH": str(folder), **values}


def test_outside_tmux_and_a_desktop_nothing_runs_and_the_sentence_says_osc_52_only(
    tmp_path: Path,
) -> None:
    bin_ = tmp_path / "bin"
    for name in ("tmux", "wl-copy", "xclip"):
        fake(bin_, name)
    copied = copy_with_helpers(TEXT, env_for(bin_))
    assert copied == Copied()
    assert not list(bin_.glob("*.stdin"))
    assert copied.sentence("the body") == (
        "Copied the body through the terminal only (OSC 52; a terminal without it copies nothing)."
    )


def test_inside_tmux_the_text_goes_to_its_buffer_on_stdin(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake(bin_, "tmux")
    copied = copy_with_helpers(TEXT, env_for(bin_, TMUX="/tmp/tmux-1/default,42,0"))
    argv, stdin = got(bin_, "tmux")
    assert argv == ["load-buffer", "-w", "-"]  # the text is never on the command line
    assert stdin == TEXT
    assert copied.sentence("the body") == (
        "Copied the body: to tmux's buffer (prefix ]) and the terminal's clipboard."
    )


def test_a_tmux_without_w_still_gets_the_buffer_and_the_sentence_says_what_that_means(
    tmp_path: Path,
) -> None:
    bin_ = tmp_path / "bin"
    fake(bin_, "tmux", 'case "$2" in -w) echo "usage: load-buffer" >&2; exit 1;; esac\n')
    copied = copy_with_helpers(TEXT, env_for(bin_, TMUX="/tmp/tmux-1/default,42,0"))
    argv, stdin = got(bin_, "tmux")
    assert (argv, stdin) == (["load-buffer", "-"], TEXT)
    assert copied.sentence("the body") == (
        "Copied the body: to tmux's buffer (prefix ]); the terminal's clipboard gets it only "
        "with tmux's set-clipboard on."
    )


@pytest.mark.parametrize(
    ("env", "name", "args", "place"),
    [
        ({"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":0"}, "wl-copy", [], "Wayland"),
        ({"DISPLAY": ":0"}, "xclip", ["-selection", "clipboard"], "X"),
    ],
    ids=["wayland", "x"],
)
def test_the_desktop_clipboard_gets_it_through_its_command(
    tmp_path: Path, env: dict[str, str], name: str, args: list[str], place: str
) -> None:
    bin_ = tmp_path / "bin"
    for each in ("tmux", "wl-copy", "xclip", "xsel"):
        fake(bin_, each)
    copied = copy_with_helpers(TEXT, env_for(bin_, TMUX="/tmp/t,1,0", **env))
    assert got(bin_, name) == (args, TEXT)
    assert got(bin_, "tmux") == (["load-buffer", "-w", "-"], TEXT)
    others = {"wl-copy", "xclip", "xsel"} - {name}
    assert not any((bin_ / f"{other}.stdin").exists() for other in others)  # one of them only
    assert copied.sentence("the body") == (
        f"Copied the body: to tmux's buffer (prefix ]), the {place} clipboard ({name}) and the "
        "terminal's clipboard."
    )


def test_xsel_when_there_is_no_xclip(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake(bin_, "xsel")
    copied = copy_with_helpers(TEXT, env_for(bin_, DISPLAY=":0"))
    assert got(bin_, "xsel") == (["--clipboard", "--input"], TEXT)
    assert copied.places == ["the X clipboard (xsel)"]


def test_a_failing_helper_is_named_with_its_words_and_the_others_still_run(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake(bin_, "tmux", "echo 'no server running on /tmp/tmux-1/\x1b[2Jdefault' >&2\nexit 1\n")
    fake(bin_, "xclip", 'echo "Error: Can\'t open display: :0" >&2\nexit 1\n')
    copied = copy_with_helpers(TEXT, env_for(bin_, TMUX="/tmp/t,1,0", DISPLAY=":0"))
    assert copied.places == []
    assert copied.sentence("the body") == (
        "Copied the body through the terminal only (OSC 52; tmux passes it on only with "
        "set-clipboard on); tmux load-buffer failed (exit status 1: no server running on "
        "/tmp/tmux-1/\\x1b[2Jdefault); xclip failed (exit status 1: Error: Can't open display: "
        ":0)."
    )


def test_tmux_set_but_not_installed_is_said(tmp_path: Path) -> None:
    copied = copy_with_helpers(TEXT, env_for(tmp_path, TMUX="/tmp/t,1,0"))
    assert copied.failures == ["tmux's buffer was left alone ($TMUX is set, but no tmux)"]


def test_a_helper_that_hangs_is_stopped_and_said(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake(bin_, "xclip", f"{SLEEP} 30\n")
    began = time.monotonic()
    copied = copy_with_helpers(TEXT, env_for(bin_, DISPLAY=":0"), timeout=0.5)
    assert time.monotonic() - began < 5
    assert copied.failures == ["xclip did not answer within 0.5 seconds"]


def test_a_helper_that_stays_behind_to_serve_the_selection_is_not_waited_for(
    tmp_path: Path,
) -> None:
    """wl-copy and xclip fork a process that keeps serving the clipboard, holding on to what
    the command was given as stdout and stderr: the copy ends when the command does."""
    bin_ = tmp_path / "bin"
    fake(bin_, "wl-copy", f"({SLEEP} 30 &)\n")
    began = time.monotonic()
    copied = copy_with_helpers(TEXT, env_for(bin_, WAYLAND_DISPLAY="wayland-1"), timeout=10)
    assert time.monotonic() - began < 5
    assert copied.places == ["the Wayland clipboard (wl-copy)"]
