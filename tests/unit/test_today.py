"""`afterword today`, `done` and `snooze` from the shell, on a fixture database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterword.domain.words import is_control, shown, shown_json, shown_lines
from afterword.store.agenda import agenda_path
from tests.conftest import run_afterword
from tests.terminal import in_terminal


def follow_up(ident: str, kind: str, due: str, person: str = "", **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "kind": kind,
        "title": f"{kind} {ident}",
        "due": due,
        "person": person,
        **extra,
    }


FIXTURE = {
    "format": "afterword",
    "version": 1,
    "interviews": [
        {
            "id": "acme0001",
            "company": "Acme Robotics",
            "role": "Backend Engineer",
            "when": "2026-11-20T14:00:00",
            "follow_ups": [
                follow_up("a-late", "thank_you", "2026-11-21T14:00:00", "Dana Whitfield"),
                follow_up(
                    "a-done", "thank_you", "2026-11-21T14:00:00", done_at="2026-11-21T15:00:00"
                ),
                follow_up("a-gone", "check_in", "2026-11-25T09:00:00", cancelled=True),
                follow_up("a-today", "check_in", "2026-11-25T09:00:00", "Sam Ortiz"),
            ],
        },
        {
            "id": "blue0001",
            "company": "Bluefin Analytics",
            "role": "Data Engineer",
            "when": "2026-11-24T10:00:00",
            "status": "offer",
            "follow_ups": [
                follow_up("b-today", "thank_you", "2026-11-25T09:00:00", "Priya Raman"),
                follow_up("b-late", "custom", "2026-11-24T23:59:00", source="user"),
                follow_up("b-next", "find_email", "2026-12-02T23:00:00", "Lee Park"),
                follow_up("b-far", "check_in", "2026-12-03T09:00:00"),
            ],
        },
        {
            "id": "cobalt01",
            "company": "Cobalt Civic",
            "role": "SRE",
            "when": "2026-11-25T08:00:00",
            "follow_ups": [follow_up("c-today", "recruiter_debrief", "2026-11-25T11:00:00")],
        },
        {  # rule 8: a thank-you that waits for the recruiter's answer is never overdue
            "id": "dune0001",
            "company": "Dune Freight",
            "role": "Platform Engineer",
            "when": "2026-11-19T10:00:00",
            "status": "offer",
            "interviewers": [{"name": "Jo Park", "title": "", "email": "jo@dune.example"}],
            "recruiter": {
                "name": "Sam Ortiz",
                "agency": "TalentBridge",
                "email": "sam@tb.example",
                "phone": "",
                "direct_contact": "ask",
            },
            "follow_ups": [
                follow_up("d-wait", "thank_you", "2026-11-20T10:00:00", "Jo Park"),
                follow_up("d-later", "thank_you", "2026-12-09T10:00:00", "Jo Park"),
            ],
        },
    ],
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = tmp_path / "fixture.json"
    source.write_text(json.dumps(FIXTURE), encoding="utf-8")
    path = tmp_path / "db.json"
    result = run_afterword(["--db", str(path), "import", str(source)])
    assert result.returncode == 0, result.stderr
    return path


def today(db: Path, *args: str) -> Any:
    result = run_afterword(["--db", str(db), "today", *args])
    assert result.returncode == 0, result.stderr
    return result


def test_json_buckets_item_by_item(db: Path) -> None:
    out = json.loads(today(db, "--json", "--date", "2026-11-25").stdout)
    assert out["date"] == "2026-11-25"
    assert [i["id"] for i in out["overdue"]] == ["a-late", "b-late"]
    # same due time: sorted by company
    assert [i["id"] for i in out["today"]] == ["a-today", "b-today", "c-today"]
    assert [i["id"] for i in out["upcoming"]] == ["b-next"]  # b-far is 8 days ahead
    assert [i["id"] for i in out["waiting"]] == ["d-wait"]  # d-later is beyond the 7 days
    assert out["overdue"][0] == {
        "id": "a-late",
        "interview_id": "acme0001",
        "company": "Acme Robotics",
        "role": "Backend Engineer",
        "kind": "thank_you",
        "title": "thank_you a-late",
        "person": "Dana Whitfield",
        "due": "2026-11-21T14:00:00",
    }
    assert out["waiting"][0] == {
        "id": "d-wait",
        "interview_id": "dune0001",
        "company": "Dune Freight",
        "role": "Platform Engineer",
        "kind": "thank_you",
        "title": "thank_you d-wait",
        "person": "Jo Park",
        "due": "2026-11-20T10:00:00",
        "waiting_for": "Sam Ortiz's answer",
    }


def test_days_and_date_move_the_window(db: Path) -> None:
    out = json.loads(today(db, "--json", "--date", "2026-11-25", "--days", "8").stdout)
    assert [i["id"] for i in out["upcoming"]] == ["b-next", "b-far"]
    out = json.loads(today(db, "--json", "--date", "2026-11-21", "--days", "0").stdout)
    assert [i["id"] for i in out["today"]] == ["a-late"]
    assert out["overdue"] == [] and out["upcoming"] == []


def test_text_lists_each_bucket_and_the_leads(db: Path) -> None:
    text = today(db).stdout
    assert text.startswith(
        "Wednesday 25 November 2026: 2 overdue, 3 due today, 1 in the next 7 days, 1 waiting\n"
    )
    lines = text.splitlines()
    assert lines.index("Overdue") < lines.index("Today") < lines.index("Next 7 days")
    assert lines.index("Next 7 days") < lines.index("Waiting")
    late = next(line for line in lines if "a-late" in line)
    assert "4 days late" in late and "Acme Robotics · Backend Engineer" in late
    waiting = next(line for line in lines if "d-wait" in line)
    assert lines.index(waiting) > lines.index("Waiting")
    assert "late" not in waiting and "due Fri 20 Nov" in waiting
    assert waiting.endswith("thank_you d-wait (Jo Park) (waiting for Sam Ortiz's answer)")
    assert "2 active interviews in 2 leads." in text
    assert "Only 2 active leads: keep at least 3" in text
    assert "(s)" not in text
    assert "\033[" not in text  # no colour when not on a terminal


def test_lateness_is_counted_from_the_day_shown(db: Path) -> None:
    """`--date D` shows the agenda as it stands on D: a-late (due Sat 21 Nov) is 9 days late
    on Mon 30 Nov, though the clock says Wed 25 Nov; what is ahead is said from D too."""
    lines = today(db, "--date", "2026-11-30").stdout.splitlines()
    assert "9 days late" in next(line for line in lines if "a-late" in line)
    assert "5 days late" in next(line for line in lines if "a-today" in line)
    assert "Wed 23:00" in next(line for line in lines if "b-next" in line)  # not 'Wed 2 Dec'
    earlier = today(db, "--date", "2026-11-24").stdout.splitlines()
    assert "tomorrow 09:00" in next(line for line in earlier if "a-today" in line)
    assert "3 days late" in next(line for line in earlier if "a-late" in line)


def test_count_line(db: Path) -> None:
    """The waiting thank-you (due before today) is not counted."""
    assert today(db, "--count").stdout == "2 overdue, 3 today\n"
    assert today(db, "--count", "--date", "2026-11-10").stdout == ""


def test_count_reads_no_config_file(db: Path) -> None:
    """A prompt or a status line pays for no settings: none changes the count. A config file
    with a mistake shows it: `today` reads the file and says so, `--count` never opens it."""
    import os

    config = Path(os.environ["AFTERWORD_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[ui]\ndays = 'many'\n")
    counted = today(db, "--count")
    assert (counted.stdout, counted.stderr) == ("2 overdue, 3 today\n", "")
    assert "ui.days" in today(db).stderr


def test_no_database_yet(tmp_path: Path) -> None:
    result = today(tmp_path / "none.json")
    assert "Nothing due" in result.stdout


def test_agenda_file_is_rebuilt_when_stale_or_broken(db: Path) -> None:
    first = today(db, "--json").stdout
    agenda = Path(agenda_path(db))
    assert agenda.exists()
    agenda.write_text("{broken", encoding="utf-8")
    assert today(db, "--json").stdout == first
    done = run_afterword(["--db", str(db), "done", "a-late"])
    assert done.returncode == 0, done.stderr
    agenda.unlink()
    assert "a-late" not in today(db, "--json").stdout
    # a change saved by a writer that did not refresh the agenda is still seen
    from afterword.store.repository import Repository

    with Repository.open(db) as repo:
        interview = repo.get("blue0001")
        interview.follow_ups[0].cancelled = True
        repo.save(interview)
    assert "b-today" not in today(db, "--json").stdout


def test_an_agenda_file_of_an_older_afterword_is_rebuilt_not_misread(db: Path) -> None:
    """A derived file written before it carried what an item waits for (version 2, with the
    database's own stamp) would list the waiting thank-you as overdue: it is rebuilt."""
    today(db, "--json")
    agenda = Path(agenda_path(db))
    old = json.loads(agenda.read_text(encoding="utf-8"))
    old["version"] = 2
    for item in old["items"]:
        item.pop("waiting_for", None)
    agenda.write_text(json.dumps(old), encoding="utf-8")
    out = json.loads(today(db, "--json").stdout)
    assert [i["id"] for i in out["waiting"]] == ["d-wait"]
    assert "d-wait" not in [i["id"] for i in out["overdue"]]
    assert json.loads(agenda.read_text(encoding="utf-8"))["version"] == 3  # written again


def _render_at(width: int, items: list[dict[str, str]], counts: tuple[int, int] = (1, 1)) -> str:
    from datetime import date, datetime

    from afterword.commands import today as command
    from afterword.domain.agenda import AgendaItem, build_agenda

    agenda = build_agenda([AgendaItem.from_dict(i) for i in items], date(2026, 11, 25), 1)
    saved = command._width
    command._width = lambda: width
    try:
        return command.render(agenda, datetime(2026, 11, 25, 9), counts, 3, 1, False)
    finally:
        command._width = saved


LONG = {"id": "long0001", "interview_id": "i", "company": "Northwind Health",
        "role": "Full-Stack Developer", "kind": "check_in",
        "title": "Check in about the decision", "person": "Ben Achterberg",
        "due": "2026-11-24T09:00"}  # fmt: skip


def test_lines_use_the_terminal_width_and_show_a_cut() -> None:
    """At 120 columns the lead and the title are whole (the lead is not cut at 34 with room
    to spare); at 80 a cut ends in '…' and no line is wider than the terminal."""
    wide = next(line for line in _render_at(120, [LONG]).splitlines() if "long0001" in line)
    assert "Northwind Health · Full-Stack Developer  " in wide
    assert wide.endswith("Check in about the decision (Ben Achterberg)")
    assert len(wide) <= 120
    narrow = next(line for line in _render_at(80, [LONG]).splitlines() if "long0001" in line)
    assert len(narrow) <= 80 and "…" in narrow
    assert "Northwind" in narrow and "Check in" in narrow


def test_plurals_of_the_closing_lines() -> None:
    one = _render_at(120, [LONG], counts=(1, 1))
    assert "1 active interview in 1 lead." in one
    assert "Only 1 active lead: keep at least 3 applications going" in one
    assert "1 overdue, 0 due today, 0 in the next day\n" in one + "\n"
    assert "\nNext day\n" not in one  # nothing upcoming: no heading
    assert "(s)" not in one


def test_done_and_snooze(db: Path) -> None:
    result = run_afterword(["--db", str(db), "done", "a-tod"])
    assert result.returncode == 0, result.stderr
    assert "Done: check_in a-today." in result.stdout
    assert "Next check-in:" in result.stdout  # rule 5 adds the next one
    result = run_afterword(["--db", str(db), "snooze", "b-today", "fri", "2pm"])
    assert result.returncode == 0, result.stderr
    assert "now due Fri 27 Nov 2026, 14:00" in result.stdout
    out = json.loads(today(db, "--json").stdout)
    assert "b-today" in [i["id"] for i in out["upcoming"]]
    assert "a-today" not in json.dumps(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["done", "zz"], "No follow-up has an id starting with 'zz'"),
        (["done", "a-"], "matches 2 follow-ups (a-late, a-today)"),
        (["snooze", "b-today", "whenever"], 'Cannot read "whenever"'),
        (["snooze", "b-today", "2026-11-01"], "in the past"),
        (["today", "--date", "someday"], "--date"),
        (["today", "--days", "-1"], "--days must be 0 or more"),
    ],
)
def test_bad_input_is_one_line(db: Path, args: list[str], message: str) -> None:
    before = db.read_bytes()
    result = run_afterword(["--db", str(db), *args])
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run `afterword ARGS` with a pseudo-terminal as stdout, as in a real shell."""
    import os

    child_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    child_env.update(env)
    return in_terminal(args, child_env, stderr_too=False).text


def test_colour_on_a_terminal_unless_no_color(db: Path) -> None:
    coloured = _on_a_terminal(["--db", str(db), "today"], {"TERM": "xterm-256color"})
    assert "\033[1;31mOverdue\033[0m" in coloured
    plain = _on_a_terminal(["--db", str(db), "today"], {"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert "Overdue" in plain
    assert "\033[" not in plain


HOSTILE = "Evil\x1b[2J\x1b]0;pwned\x07\u202eCorp\x9b31m"


def test_text_from_outside_reaches_the_terminal_as_visible_escapes(tmp_path: Path) -> None:
    """An invitation's company with escape sequences, a bell, a C1 CSI and a direction override:
    `import`, `today` and `done` show them as escapes; the database keeps them as they were."""
    invite = tmp_path / "invite.ics"
    invite.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:evil-1\r\n"
        "DTSTART:20261120T140000Z\r\nSUMMARY:Interview – " + HOSTILE + "\r\n"
        "LOCATION:" + HOSTILE.replace(";", "\\;") + "\r\n"
        "ORGANIZER;CN=Dana Whitfield:mailto:dana@evil.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    db = tmp_path / "db.json"
    env = {"AFTERWORD_NOW": "2026-11-26T09:00"}
    runs = [run_afterword(["--db", str(db), "import", str(invite)], env=env)]
    runs.append(run_afterword(["--db", str(db), "today", "--days", "30"], env=env))
    agenda = json.loads(run_afterword(["--db", str(db), "today", "--json"], env=env).stdout)
    item = [*agenda["overdue"], *agenda["today"], *agenda["upcoming"]][0]
    assert "\x1b" in item["company"]  # kept as it came: the data is the user's
    runs.append(run_afterword(["--db", str(db), "done", item["id"]], env=env))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert not any(is_control(ch) for ch in run.stdout.replace("\n", "")), run.stdout
    assert "Evil\\x1b" in runs[1].stdout
    assert "Evil\\x1b" in runs[0].stdout
    assert "\\x07\\u202eCorp\\x9b31m" in runs[0].stdout  # the place, whole


@given(st.lists(st.text() | st.integers(0xD800, 0xDFFF).map(chr)).map("".join))
def test_shown_text_can_be_printed_on_any_terminal(text: str) -> None:
    """A lone surrogate (an import can carry one) is shown as an escape: printed as it is, it
    would end `afterword today` in a UnicodeEncodeError."""
    shown(text).encode("utf-8")
    shown_lines(text).encode("utf-8")
    shown_json(json.dumps(text, ensure_ascii=False)).encode("utf-8")
    same = json.loads(json.dumps(text))  # as JSON reads it (two halves in a row make a pair)
    assert json.loads(shown_json(json.dumps(text, ensure_ascii=False))) == same


@given(st.text())
def test_shown_leaves_nothing_for_the_terminal_to_act_on(text: str) -> None:
    out = shown(text)
    assert not any(is_control(ch) for ch in out)
    if not any(is_control(ch) for ch in text):
        assert out == text


@given(st.lists(st.text(), max_size=5), st.sampled_from(["\n", "\r\n"]))
def test_shown_lines_keeps_the_line_ends_and_shows_the_rest(lines: list[str], end: str) -> None:
    text = end.join(lines)
    out = shown_lines(text)
    assert not any(is_control(ch) for ch in out.replace("\r\n", "").replace("\n", ""))
    if end == "\r\n" or not any("\r" in line for line in lines):
        assert out.count("\n") == text.count("\n")


@given(
    st.recursive(
        st.text() | st.integers() | st.none(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=8,
    )
)
def test_shown_json_is_the_same_json_with_nothing_for_the_terminal(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    out = shown_json(text)
    assert json.loads(out) == value
    assert not any(is_control(ch) for ch in out.replace("\n", ""))


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_a_follow_up_id_with_escapes_is_shown_in_the_agenda(colour: bool) -> None:
    """An id of an older import may hold anything: `today` shows its ESC and BEL, with the
    colours on too (then the only ESCs left are the colours' own)."""
    import re
    from datetime import date, datetime

    from afterword.commands.today import render
    from afterword.domain.agenda import AgendaItem, build_agenda

    item = AgendaItem.from_dict(
        {"id": "x\x1b]0;OWNED\x07\x1b[2J", "interview_id": "i", "company": "Acme",
         "role": "", "kind": "custom", "title": "Call", "person": "", "due": "2026-11-26T09:00"}
    )  # fmt: skip
    agenda = build_agenda([item], date(2026, 11, 25), 7)
    text = render(agenda, datetime(2026, 11, 25, 9), (1, 1), 0, 7, colour)
    assert "x\\x1b]0;OWNED\\x07\\x1b[2J" in text
    assert not any(is_control(ch) for ch in re.sub("\x1b\\[[0-9;]*m", "", text).replace("\n", ""))


def test_a_draft_read_on_a_terminal_shows_escapes_and_piped_stays_as_built(
    tmp_path: Path,
) -> None:
    """The debrief's words go into the email's body: printed on a terminal, no control
    character of theirs reaches it (a quoted-printable body encodes them; `draft` shows any left
    as escapes); piped (to sendmail), the message is the one that was built."""
    source = tmp_path / "records.json"
    record = {
        "id": "evil0001",
        "company": "Acme Robotics",
        "role": "Backend Engineer",
        "when": "2026-11-25T14:00:00",
        "interviewers": [{"name": "Dana Whitfield", "email": "dana@acme.example"}],
        "debrief": {"remember": "the \x1b]0;pwned\x07 pipeline"},
    }
    source.write_text(json.dumps({"format": "afterword", "version": 1, "interviews": [record]}))
    db = tmp_path / "db.json"
    config = tmp_path / "config.toml"
    config.write_text('[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n')
    env = {"AFTERWORD_NOW": "2026-11-26T09:00", "AFTERWORD_CONFIG": str(config)}
    assert run_afterword(["--db", str(db), "import", str(source)], env=env).returncode == 0
    args = ["--db", str(db), "draft", "evil0001", "--template", "thank-you"]
    piped = run_afterword(args, env=env)
    assert piped.returncode == 0, piped.stderr
    body = piped.stdout.replace("=\n", "")  # quoted-printable soft breaks
    assert "=1B]0;pwned=07" in body or "\x1b]0;pwned\x07" in body  # as built, for sendmail
    shown_text = _on_a_terminal(args, env)
    assert "pwned" in shown_text
    assert not any(is_control(ch) for ch in shown_text.replace("\r\n", "").replace("\n", ""))


def test_a_morning_with_only_waiting_items_says_nothing_is_due_first(db: Path) -> None:
    """On Thu 19 Nov only the waiting thank-you is open in the window: the day is clear,
    and what waits is listed after saying so."""
    lines = today(db, "--date", "2026-11-19", "--days", "1").stdout.splitlines()
    assert lines[0].endswith(": 0 overdue, 0 due today, 0 in the next day, 1 waiting")
    assert lines.index("Nothing due: a good morning to apply somewhere new.") < lines.index(
        "Waiting"
    )
    assert today(db, "--count", "--date", "2026-11-19").stdout == ""


def still_open(db: Path, item_id: str) -> bool:
    from afterword.store.repository import Repository

    with Repository.open(db, read_only=True) as repo:
        _, item = repo.find_follow_up(item_id)
        return item.is_open


def _answering(args: list[str], answer: str) -> tuple[int, str]:
    """Run the command with stdin and stdout on a pseudo-terminal, ``answer`` typed ahead."""
    import os
    import pty
    import select
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "afterword", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=dict(os.environ),
        close_fds=True,
    )
    os.close(terminal)
    os.write(controller, answer.encode())
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_done_on_a_check_in_days_early_needs_yes_without_a_terminal(db: Path) -> None:
    before = db.read_bytes()
    result = run_afterword(["--db", str(db), "done", "b-far"])  # due Thu 3 Dec; now Wed 25 Nov
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "afterword: check_in b-far (Bluefin Analytics) is due Thursday 3 December, in 8 days: "
        "add --yes to mark it done already.\n"
    )
    assert db.read_bytes() == before
    result = run_afterword(["--db", str(db), "done", "b-far", "--yes"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Done: check_in b-far.")
    assert not still_open(db, "b-far")


def test_done_on_a_check_in_days_early_asks_on_a_terminal(db: Path) -> None:
    code, said = _answering(["--db", str(db), "done", "b-far"], "n\n")
    assert code == 0
    question = "(Bluefin Analytics) is due Thursday 3 December, in 8 days. Mark it done already?"
    assert f"check_in b-far {question} [y/N]" in said
    assert "Nothing changed." in said
    assert still_open(db, "b-far")
    code, said = _answering(["--db", str(db), "done", "b-far"], "y\n")
    assert code == 0, said
    assert "Done: check_in b-far." in said
    assert not still_open(db, "b-far")


def test_done_on_time_or_late_does_not_ask(db: Path) -> None:
    result = run_afterword(["--db", str(db), "done", "a-today"])  # due today
    assert result.returncode == 0, result.stderr
    assert "Mark it done already" not in result.stdout
