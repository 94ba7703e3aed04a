"""Hostile files around Afterword's config and the processes it starts.

- A downloaded theme whose name holds a quote and a line break tries to write settings (a
  `[mail] sendmail_command`) into config.toml when it is picked; a config.toml holding U+2028,
  U+0085 and an escaped form feed in a string must come through a theme change untouched.
- A `json.py` and a `jinja2/` in the folder where `afterword draft` runs: the child that renders
  user templates must not import them (it runs isolated, `python -I`).
- The mail path: `smtp_security = "none"` towards another host, a machine name in EHLO, a
  certificate that proves nothing, a keyring that never answers (or holds two lines), and a
  password or sendmail command that hangs with a child of its own.
- The files for $EDITOR and the mail client after a SIGKILL: they are made in a private folder
  under the state folder, and what a killed run left there is gone at the next start.
"""

from __future__ import annotations

import difflib
import os
import shlex
import shutil
import ssl
import subprocess
import sys
import threading
import time
import tomllib
import types
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from textual.theme import Theme

from afterword import paths, scratch
from afterword.compose import secrets
from afterword.compose.sending import (
    SendFailed,
    SendmailTransport,
    SmtpTransport,
    read_password,
    transport_for,
)
from afterword.config import DEFAULT_FILE, MailSettings, load_config, save_setting
from tests.faults.helpers import cli_env, make_db
from tests.smtp_servers import free_port
from tests.tui.helpers import SIZE, loaded, make_app, notes, wait_for

# ---------------------------------------------------------------- a theme that writes config.toml

INJECTED = '"\n[mail]\nsendmail_command = "sh -c \'touch PWNED; cat >/dev/null\'"\n#'
HOSTILE_NAME = "solarized-pro" + INJECTED
PROFILE_ONLY = '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n'


def _config(text: str) -> Path:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _hostile_theme_file() -> Path:
    folder = paths.config_dir() / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "solarized-pro.toml"
    escaped = HOSTILE_NAME.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    path.write_text(f'name = "{escaped}"\nprimary = "#268BD2"\n', encoding="utf-8")
    return path


def _assert_no_setting_added(path: Path, before: dict[str, object]) -> None:
    after = tomllib.loads(path.read_text(encoding="utf-8"))  # raises if it no longer parses
    config, problems = load_config(path)
    assert config.mail.sendmail_command == ""
    assert problems == []
    assert {k: v for k, v in after.items() if k != "ui"} == {
        k: v for k, v in before.items() if k != "ui"
    }
    assert "sendmail_command" not in after.get("mail", {})


def _lines_lost(old: str, new: str) -> list[str]:
    """The lines of ``old`` not in ``new`` as they were (by "\n" alone, as TOML counts)."""
    diff = difflib.ndiff(old.split("\n"), new.split("\n"))
    return [line for line in diff if line.startswith("- ")]


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
@pytest.mark.parametrize("start", [PROFILE_ONLY, DEFAULT_FILE], ids=["profile-only", "default"])
async def test_a_theme_named_to_inject_settings_is_refused_with_one_sentence(
    tmp_path: Path, start: str
) -> None:
    path = _config(start)
    before = tomllib.loads(start)
    theme_file = _hostile_theme_file()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        offered = [name for name in app.available_themes if name.startswith("solarized-pro")]
        for name in offered:  # what the palette's "Change theme" does with the user's pick
            app.theme = name
            await pilot.pause()
        assert offered == [], "a theme with a hostile name was offered"
        said = [n for n in notes(app) if str(theme_file) in n]
        assert len(said) == 1 and "letters, digits" in said[0], notes(app)
        assert "\n" not in said[0].split(str(theme_file), 1)[1]  # the name shown escaped
    _assert_no_setting_added(path, before)


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
async def test_a_registered_theme_with_a_hostile_name_is_not_saved(tmp_path: Path) -> None:
    """The second wall: a theme that got registered some other way is still not written."""
    path = _config(PROFILE_ONLY)
    before = tomllib.loads(PROFILE_ONLY)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.register_theme(Theme(name=HOSTILE_NAME, primary="#268BD2"))
        app.theme = HOSTILE_NAME
        await wait_for(pilot, lambda: any("was not saved" in n for n in notes(app)))
    assert path.read_text(encoding="utf-8") == PROFILE_ONLY
    _assert_no_setting_added(path, before)


@pytest.mark.fault("a theme file whose name writes settings into config.toml")
@pytest.mark.parametrize(
    "start", [PROFILE_ONLY, DEFAULT_FILE, ""], ids=["profile-only", "default", "no-file"]
)
def test_save_setting_writes_any_text_as_one_quoted_value(start: str) -> None:
    """The bottom wall: whatever the value, it becomes one TOML string and nothing else."""
    path = _config(start) if start else paths.config_path()
    before = tomllib.loads(start)
    nasty = HOSTILE_NAME + "\\ \t\x1b\x7f\u2028\u0085 ]]] ''' \"\"\""
    assert save_setting(path, "ui", "theme", nasty) is None
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after["ui"]["theme"] == nasty
    _assert_no_setting_added(path, before)
    assert _lines_lost(start, path.read_text(encoding="utf-8")) == []


# A signature pasted from a web page: line and paragraph separators, NEL, an escaped form feed
# (a raw one is not valid TOML), with comments and an order of the user's own.
PASTED = (
    "# my settings\n"
    "[ui]  # how it looks\n"
    "days = 5            # a short week\n"
    'theme = "afterword-dark"  # the one I like\n'
    "\n"
    "[profile]\n"
    'name = "Alex Morgan"\n'
    'signature = "Alex\u2028Engineer\u2029Acme\u0085Ltd\\fpage two"  # from the web\n'
    'email = "alex@example.com"\n'
)


@pytest.mark.fault("config.toml with U+2028, U+0085 and a form feed in a string, on a theme change")
async def test_a_theme_change_keeps_every_other_byte_of_config_toml(tmp_path: Path) -> None:
    path = _config(PASTED)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        app.theme = "afterword-light"
        await wait_for(pilot, lambda: "afterword-light" in path.read_text(encoding="utf-8"))
        assert notes(app) == []
    written = path.read_bytes()
    assert written == PASTED.replace(
        'theme = "afterword-dark"', 'theme = "afterword-light"'
    ).encode("utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config.profile.signature == "Alex\u2028Engineer\u2029Acme\u0085Ltd\x0cpage two"
    assert (config.ui.theme, config.ui.days, config.profile.email) == (
        "afterword-light",
        5,
        "alex@example.com",
    )


@pytest.mark.fault("config.toml with U+2028, U+0085 and a form feed in a string, on a theme change")
def test_a_new_key_goes_into_its_table_and_keeps_the_rest(tmp_path: Path) -> None:
    text = PASTED.replace('theme = "afterword-dark"  # the one I like\n', "").replace("\n", "\r\n")
    path = _config(text)
    assert save_setting(path, "ui", "theme", "nord") is None
    written = path.read_bytes().decode("utf-8")
    assert written == text.replace(
        "days = 5            # a short week\r\n",
        'days = 5            # a short week\r\ntheme = "nord"\r\n',
    )


# ---------------------------------------------------------------- code in the current folder

PLANT = "open({marker!r}, 'w').write('code from the current folder ran')\n"


def _planted_folder(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A folder holding a json.py and a jinja2/ that leave a marker when imported."""
    folder = tmp_path / "Downloads"
    (folder / "jinja2").mkdir(parents=True)
    markers = [tmp_path / "json-ran", tmp_path / "jinja2-ran"]
    (folder / "json.py").write_text(PLANT.format(marker=str(markers[0])), encoding="utf-8")
    (folder / "jinja2" / "__init__.py").write_text(
        PLANT.format(marker=str(markers[1])), encoding="utf-8"
    )
    return folder, markers


@pytest.mark.fault("a json.py and a jinja2/ in the folder where afterword draft runs")
def test_the_template_child_imports_nothing_from_the_current_folder(tmp_path: Path) -> None:
    db = tmp_path / "afterword.json"
    interview = make_db(db, 1)[0]
    env = cli_env(tmp_path, db)
    templates = Path(env["AFTERWORD_CONFIG"]).parent / "templates"
    templates.mkdir(parents=True)
    Path(env["AFTERWORD_CONFIG"]).write_text(PROFILE_ONLY, encoding="utf-8")
    (templates / "coffee.j2").write_text(
        "Subject: Coffee?\n\nHi {{ person.first_name }},\n", encoding="utf-8"
    )
    folder, markers = _planted_folder(tmp_path)
    # As the `afterword` script starts: its own folder first on sys.path, not the current one
    # (`-P`); `python -m afterword` would import the planted json.py in the parent itself.
    done = subprocess.run(
        [sys.executable, "-P", "-m", "afterword", "draft", interview.id, "--template", "coffee"],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [m.name for m in markers if m.exists()] == []
    assert done.returncode == 0, done.stderr
    assert "Subject: Coffee?" in done.stdout


# ---------------------------------------------------------------- the mail path


def _private_email() -> EmailMessage:
    message = EmailMessage()
    message["From"] = "alex@example.com"
    message["To"] = "dana@example.org"
    message["Subject"] = "private"
    message["Message-ID"] = "<1@example.com>"
    message.set_content("my salary expectations ...")
    return message


class _Listener:
    """An aiosmtpd handler that keeps the EHLO name and whether each email came over TLS."""

    def __init__(self) -> None:
        self.ehlo: list[str] = []
        self.received: list[bool] = []

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:  # fmt: skip
        self.ehlo.append(hostname)
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(session.ssl is not None)
        return "250 OK"


@contextmanager
def _listening(**options: Any) -> Iterator[tuple[_Listener, int]]:
    listener, port = _Listener(), free_port()
    controller = Controller(listener, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield listener, port
    finally:
        controller.stop()


@pytest.mark.fault('smtp_security = "none" towards a host that is not this machine')
@pytest.mark.parametrize("user", ["", "alex"])
def test_none_never_sends_in_the_clear_to_another_host(user: str) -> None:
    # "127.1" reaches this machine but is not a name of it: it stands in for smtp.example.com.
    with _listening() as (listener, port):
        settings = MailSettings(
            smtp_host="127.1", smtp_port=port, smtp_security="none", smtp_user=user,
            password_command="echo pw",
        )  # fmt: skip
        with pytest.raises(SendFailed) as chosen:
            transport_for(settings).send(_private_email())
        with pytest.raises(SendFailed) as direct:
            SmtpTransport("127.1", port, "none").send(_private_email())
    for failure in (chosen.value, direct.value):
        assert not failure.maybe_sent
        assert "only for a mail server on this machine" in str(failure)
        assert str(failure).count(". ") == 0 and "\n" not in str(failure)
    assert listener.received == [] and listener.ehlo == []  # not even a hello


@pytest.mark.fault("the EHLO name gives away the machine's name")
def test_the_ehlo_name_is_localhost_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setattr(socket, "getfqdn", lambda name="": "laptop-of-alex.home.example")
    with _listening() as (listener, port):
        for mail in (
            MailSettings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none"),
            MailSettings(
                smtp_host="localhost", smtp_port=port, smtp_security="none",
                ehlo_name="relay.example.org",
            ),
        ):  # fmt: skip
            transport_for(mail).send(_private_email())
    assert listener.ehlo == ["localhost", "relay.example.org"]
    assert listener.received == [False, False]


def _self_signed(folder: Path) -> ssl.SSLContext:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a certificate")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


@pytest.mark.fault("a mail server whose certificate does not prove who it is")
def test_a_certificate_failure_says_the_server_could_not_prove_its_identity(
    tmp_path: Path,
) -> None:
    context = _self_signed(tmp_path)
    with _listening(tls_context=context) as (listener, port), pytest.raises(SendFailed) as failure:
        SmtpTransport("127.0.0.1", port, "starttls").send(_private_email())
    said = str(failure.value)
    assert "could not prove its identity" in said and "certificate" in said, said
    assert "smtp_security" not in said and "none" not in said  # no nudge towards "none"
    assert not failure.value.maybe_sent and listener.received == []


class _StuckKeyring(types.ModuleType):
    """A keyring module standing in for an unlock prompt nobody answers, or for a stored value
    with a line break."""

    def __init__(self, answer: str | None, hold: float) -> None:
        super().__init__("keyring")
        self.answer, self.hold, self.released = answer, hold, threading.Event()

    def get_password(self, service: str, user: str) -> str | None:
        self.released.wait(self.hold)
        return self.answer


@pytest.mark.fault("a keyring that never answers, and one that holds two lines")
def test_the_keyring_gets_the_password_commands_limit_and_first_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(secrets, "PASSWORD_TIMEOUT", 0.5)
    stuck = _StuckKeyring("late", hold=10.0)
    monkeypatch.setitem(sys.modules, "keyring", stuck)
    started = time.monotonic()
    try:
        with pytest.raises(SendFailed) as failure:
            read_password(MailSettings(smtp_user="alex"))
    finally:
        stuck.released.set()
    assert time.monotonic() - started < 5
    assert "keyring" in str(failure.value) and "within" in str(failure.value)
    monkeypatch.setitem(sys.modules, "keyring", _StuckKeyring("CANARY-KR\r\nsecond\n", hold=0))
    secret = read_password(MailSettings(smtp_user="alex"))
    assert secret is not None and secret.reveal() == "CANARY-KR"


SLOW_BACKEND = """
import time
from keyring.backend import KeyringBackend

class SlowRing(KeyringBackend):
    priority = 1
    def get_password(self, service, username):
        time.sleep(20)
        return "late"
    def set_password(self, service, username, password): pass
    def delete_password(self, service, username): pass
"""


@pytest.mark.fault("a keyring that never answers, and one that holds two lines")
def test_a_real_keyring_backend_that_blocks_is_given_up_on(tmp_path: Path) -> None:
    pytest.importorskip("keyring")
    (tmp_path / "slowring.py").write_text(SLOW_BACKEND, encoding="utf-8")
    code = (
        "import sys, time\n"
        "from afterword.compose import secrets, sending\n"
        "from afterword.config import MailSettings\n"
        "secrets.PASSWORD_TIMEOUT = 1.0\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    sending.read_password(MailSettings(smtp_user='alex'))\n"
        "except sending.SendFailed as failure:\n"
        "    print(round(time.monotonic() - start), failure)\n"
    )
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="slowring.SlowRing", PYTHONPATH=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=15
    )
    assert "keyring gave no password" in done.stdout, done.stdout + done.stderr
    assert int(done.stdout.split()[0]) < 5


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _assert_gone(pidfile: Path) -> None:
    pid = int(pidfile.read_text().strip())
    deadline = time.monotonic() + 3
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = _alive(pid)
    if alive:
        os.kill(pid, 9)
    assert not alive, f"the command's child {pid} outlived its timeout"


LINGER = "sh -c 'sleep 30 & echo $! > {pidfile}; wait'"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.fault("a password or sendmail command that hangs with a child of its own")
def test_a_command_that_times_out_is_killed_with_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(secrets, "PASSWORD_TIMEOUT", 0.5)
    pidfile = tmp_path / "password.pid"
    mail = MailSettings(smtp_user="alex", password_command=LINGER.format(pidfile=pidfile))
    with pytest.raises(SendFailed) as failure:
        read_password(mail)
    assert "gave no password within" in str(failure.value)
    _assert_gone(pidfile)

    pidfile = tmp_path / "sendmail.pid"
    argv = shlex.split(LINGER.format(pidfile=pidfile))
    with pytest.raises(SendFailed) as failure:
        SendmailTransport(argv, timeout=0.5).send(_private_email())
    assert failure.value.maybe_sent and "did not finish within" in str(failure.value)
    _assert_gone(pidfile)


# ---------------------------------------------------------------- files handed to other programs

RECORDER = """#!/bin/sh
# Keep where the file handed over was, and the modes of it and its folder.
for last; do :; done
printf '%s\\n' "$last" > {seen}
stat -c '%a' "$last" "$(dirname "$last")" >> {seen}
"""


def _recorder(tmp_path: Path, name: str) -> tuple[Path, Path]:
    seen = tmp_path / f"{name}.seen"
    script = tmp_path / f"{name}.sh"
    script.write_text(RECORDER.format(seen=shlex.quote(str(seen))), encoding="utf-8")
    script.chmod(0o755)
    return script, seen


def _assert_handed_privately(seen: Path) -> None:
    where, file_mode, folder_mode = seen.read_text(encoding="utf-8").split()
    handed = Path(where)
    assert handed.parent.parent == scratch.root(), f"{handed} is not in {scratch.root()}"
    assert (file_mode, folder_mode) == ("600", "700")
    assert (scratch.root().stat().st_mode & 0o777) == 0o700
    assert not handed.exists()  # gone once the program returned


@pytest.mark.fault("files for $EDITOR and the mail client left behind by a SIGKILL")
async def test_the_editor_and_the_mail_client_get_files_in_the_private_scratch_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from afterword.tui.editor import edit_in_editor
    from tests.tui.test_emails import acme, open_acme, settings

    editor, edited = _recorder(tmp_path, "editor")
    client, mailed = _recorder(tmp_path, "client")
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app(tmp_path, config=settings(client_command=f"{client} -H {{file}}"))
    async with app.run_test(size=SIZE) as pilot:
        await open_acme(pilot, acme(None), person="Dana Whitfield")
        assert edit_in_editor(app, "my private notes", "notes") == "my private notes"
        _assert_handed_privately(edited)
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: mailed.exists())
        _assert_handed_privately(mailed)


KILLED_RUN = """
import os, sys
from afterword import scratch
path = scratch.new_file("afterword-notes-", ".txt")
path.write_text("the private notes of a debrief")
print(path, flush=True)
if sys.argv[1] == "kill":
    os.kill(os.getpid(), 9)
sys.stdin.readline()  # a copy still running: holds its folder until told to go
"""


@pytest.mark.fault("files for $EDITOR and the mail client left behind by a SIGKILL")
async def test_what_a_killed_run_left_is_gone_at_the_next_start(tmp_path: Path) -> None:
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, "kill"], capture_output=True, text=True, timeout=30
    )
    assert killed.returncode == -9, killed.stderr
    left = Path(killed.stdout.strip())
    assert left.read_text(encoding="utf-8") == "the private notes of a debrief"
    running = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, "stay"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert running.stdout is not None
        kept = Path(running.stdout.readline().strip())
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await wait_for(pilot, lambda: not left.exists())
        assert not left.parent.exists()
        assert kept.exists(), "the files of a copy still running were removed"
    finally:
        running.communicate("go\n", timeout=30)
    assert not kept.parent.exists()  # a run that ends tidies its own folder
