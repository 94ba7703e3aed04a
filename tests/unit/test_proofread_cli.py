"""`afterword proofread`: the drafts or a file against the record; exit 0 clean, 1 with findings,
2 for an error, always in one line and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.domain.model import Draft, FollowUp, Interview
from afterword.store.repository import Repository
from tests.conftest import run_afterword
from tests.unit.test_proofread import CLEAN, SUBJECT, make_interview


def save(db: Path, *interviews: Interview) -> None:
    with Repository.open(db) as repo:
        for interview in interviews:
            repo.save(interview)


@pytest.fixture
def profile(isolated_home: Path) -> Path:
    """config.toml with the user's name, and the user's word list beside it."""
    folder = isolated_home / "config" / "afterword"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text('[profile]\nname = "Alex Morgan"\n', encoding="utf-8")
    return folder


def with_drafts(*drafts: Draft) -> Interview:
    interview = make_interview()
    interview.id = "acme0001"
    interview.drafts = list(drafts)
    return interview


def draft(body: str = CLEAN, *, state: str = "draft", person: str = "Dana Whitfield") -> Draft:
    return Draft(template="thank-you", person=person, subject=SUBJECT, body=body, state=state)


def other(company: str, id_: str) -> Interview:
    interview = make_interview()
    interview.company, interview.id = company, id_
    return interview


def proofread(db: Path, *args: str) -> tuple[int, str, str]:
    result = run_afterword(["--db", str(db), "proofread", *args])
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


def test_a_clean_draft_exits_0(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts(draft()), other("Globex", "glob0001"))
    code, out, err = proofread(db, "acme")
    assert (code, err) == (0, "")
    assert out == "draft 1 (thank-you to Dana Whitfield):\n  clean\n"


def test_findings_exit_1_with_line_column_and_suggestion(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    body = CLEAN.replace("Dear Dana", "Dear Dnaa").replace("Acme Robotics.", "Globex.")
    save(db, with_drafts(draft(state="sent"), draft(body)), other("Globex", "glob0001"))
    code, out, _ = proofread(db, "acme")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "draft 2 (thank-you to Dana Whitfield):"  # the sent one is left alone
    assert "  1:6 name_spelling: “Dnaa” is not how Dana Whitfield's name is spelt" in out
    assert "name_spelling" in lines[1] and lines[1].endswith("→ Dana")
    assert any("other_company" in line and line.endswith("→ Acme Robotics") for line in lines)


def test_one_draft_by_number_or_id(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    sent = draft(CLEAN.replace("Best regards,\nAlex Morgan\n", ""), state="sent")
    sent.id = "d0000001"
    save(db, with_drafts(sent, draft()))
    code, out, _ = proofread(db, "acme", "--draft", "1")
    assert code == 1 and out.startswith("draft 1 (thank-you to Dana Whitfield):\n")
    assert "missing_signoff" in out
    assert proofread(db, "acme", "--draft", "d00")[:2] == (1, out)
    assert proofread(db, "acme", "--draft", "2")[0] == 0


def test_a_short_number_is_never_read_as_the_start_of_an_id(tmp_path: Path, profile: Path) -> None:
    """Regression: ids are random hex, so `--draft 7` picked a draft whose id began with 7."""
    db = tmp_path / "db.json"
    first, second = draft(), draft()
    first.id, second.id = "70000000", "0aaaaaaa"
    save(db, with_drafts(first, second))
    for number in ("7", "0", "3"):
        code, out, err = proofread(db, "acme", "--draft", number)
        assert (code, out) == (2, ""), (number, out)
        assert "at least 4 characters of its id" in err
    assert proofread(db, "acme", "--draft", "7000")[0] == 0
    assert proofread(db, "acme", "--draft", "2")[0] == 0


def test_a_text_file_with_the_files_line_numbers(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts())
    letter = tmp_path / "thanks.txt"
    letter.write_text(f"Subject: {SUBJECT}\n\n{CLEAN}", encoding="utf-8")
    code, out, _ = proofread(db, "acme", "--file", str(letter))
    assert (code, out.splitlines()[1:]) == (0, ["  clean"])
    assert out.startswith(f"{letter} (thank-you to Dana Whitfield), lines of the file:")
    letter.write_text(f"Subject: {SUBJECT}\n\n{CLEAN.replace('Dear Dana', 'Dear Dnaa')}")
    code, out, _ = proofread(db, "acme", "--file", str(letter))
    assert code == 1
    assert out.splitlines()[1].startswith("  3:6 name_spelling: “Dnaa”")  # line 3 of the file


def test_the_greeting_picks_the_addressee_of_a_file(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts())
    letter = tmp_path / "thanks.txt"
    letter.write_text(CLEAN.replace("Dear Dana", "Hi Priya"), encoding="utf-8")
    code, out, _ = proofread(db, "acme", "--file", str(letter))
    assert "to Priya Raman" in out.splitlines()[0] and "wrong_greeting" not in out
    assert (code, out.splitlines()[1]) == (1, "  0:1 empty_subject: The subject is empty.")
    letter.write_text(CLEAN.replace("Dear Dana", "Dear Sam"), encoding="utf-8")
    assert "to Sam Ortiz" in proofread(db, "acme", "--file", str(letter))[1]
    letter.write_text(CLEAN.replace("Dear Dana", "Dear Bob"), encoding="utf-8")
    code, out, _ = proofread(db, "acme", "--file", str(letter))
    assert "to Dana Whitfield" in out.splitlines()[0]  # no one known greeted: the first one
    assert "  1:6 wrong_greeting: The greeting names “Bob”" in out


def test_the_users_word_list_is_read(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    body = CLEAN.replace("order pipeline", "Grafana pipeline")
    save(db, with_drafts(draft(body)))
    code, out, _ = proofread(db, "acme")
    assert code == 1 and "“Grafana” is not in the dictionary" in out
    (profile / "words.txt").write_text("# tools\nGrafana\n", encoding="utf-8")
    assert proofread(db, "acme")[:2] == (0, "draft 1 (thank-you to Dana Whitfield):\n  clean\n")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["nope"], "No interview or follow-up has an id starting with 'nope'."),
        (["acme", "--draft", "7"], "has no draft '7'"),
        (["acme", "--draft", "0"], "has no draft '0'"),
        (["acme", "--file", "/no/such/file.txt"], "Cannot read /no/such/file.txt"),
    ],
)
def test_errors_exit_2_in_one_line(
    tmp_path: Path, profile: Path, args: list[str], says: str
) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts(draft()))
    code, out, err = proofread(db, *args)
    assert (code, out) == (2, "")
    assert says in err and len(err.strip().splitlines()) == 1


def test_no_drafts_yet_and_all_sent(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts())
    code, _, err = proofread(db, "acme")
    assert code == 2
    assert err.strip() == (
        "afterword: Interview acme0001 (Acme Robotics) has no drafts yet: open it in the app and "
        "press e, or give --file."
    )
    save(db, with_drafts(draft(state="sent")))
    code, _, err = proofread(db, "acme")
    assert code == 2 and "has been sent" in err


def test_a_file_that_is_not_text(tmp_path: Path, profile: Path) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts())
    binary = tmp_path / "thanks.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage\xc3")
    code, _, err = proofread(db, "acme", "--file", str(binary))
    assert code == 2 and "is not UTF-8 text" in err
    code, _, err = proofread(db, "acme", "--file", str(tmp_path))
    assert code == 2 and "Cannot read" in err


def test_words_of_the_debrief_are_not_spelling_findings(tmp_path: Path, profile: Path) -> None:
    body = CLEAN.replace(
        "and peeking is O(1).", "and peeking is O(1). On partition rebalancing, consumers rejoin."
    )
    db = tmp_path / "db.json"
    interview = with_drafts(draft(body))
    save(db, interview)
    code, out, _ = proofread(db, "acme")
    assert code == 1 and "“rebalancing” is not in the dictionary" in out  # no record of it
    interview.debrief.went_poorly = "fumbled the question on Kafka partition rebalancing"
    save(db, interview)
    assert proofread(db, "acme") == (0, "draft 1 (thank-you to Dana Whitfield):\n  clean\n", "")


def test_an_unsigned_draft_without_a_profile_name_says_where_the_name_goes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "db.json"
    save(db, with_drafts(draft(CLEAN.replace("Alex Morgan\n", ""))))
    code, out, _ = proofread(db, "acme")
    assert code == 1
    assert "missing_signoff: Sign with your name under “Best regards,”" in out
    assert "([profile] name in config.toml fills it)." in out


def test_draft_and_proofread_take_a_follow_ups_id_as_well(tmp_path: Path, profile: Path) -> None:
    """The id `today` prints is a follow-up's: `draft` writes that follow-up's email to its
    person, `proofread` checks its interview's drafts; an interview's id still comes first."""
    db = tmp_path / "db.json"
    interview = with_drafts(draft())
    interview.follow_ups = [
        FollowUp(kind="check_in", title="Check in", due=interview.when, person="Dana Whitfield")
    ]
    interview.follow_ups[0].id = "f011abcd"
    save(db, interview)
    (profile / "config.toml").write_text(
        '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n', encoding="utf-8"
    )
    made = run_afterword(["--db", str(db), "draft", "f011"])
    assert made.returncode == 0, made.stderr
    assert "To: Dana Whitfield" in made.stdout and "check in" in made.stdout.casefold()
    code, out, err = proofread(db, "f011")
    assert (code, err) == (0, "") and out.startswith("draft 1 (thank-you to Dana Whitfield)")
    missing = run_afterword(["--db", str(db), "draft", "zzzz"])
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "afterword: No interview or follow-up has an id starting with 'zzzz'."
    )


def test_the_id_today_prints_drafts_and_proofreads_end_to_end(
    tmp_path: Path, profile: Path
) -> None:
    """The short id on a line of `today` is what `draft` and `proofread` take back: a
    thank-you the recruiter forwards is the note to the recruiter, another the thank-you to its
    interviewer."""
    from afterword.domain.schedule import schedule_follow_ups

    (profile / "config.toml").write_text(
        '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n', encoding="utf-8"
    )
    db = tmp_path / "db.json"
    forwarded = with_drafts(draft())
    assert forwarded.recruiter is not None
    forwarded.recruiter.direct_contact = "forward"
    forwarded.recruiter.email = "sam@tb.example"
    forwarded.follow_ups = schedule_follow_ups(forwarded)
    direct = other("Globex", "glob0001")
    direct.recruiter = None
    direct.follow_ups = schedule_follow_ups(direct)
    save(db, forwarded, direct)
    lines = run_afterword(["--db", str(db), "today", "--date", "2026-11-25"]).stdout.splitlines()

    def printed(company: str, title: str) -> str:
        line = next(x for x in lines if company in x and title in x)
        return line.split()[0]

    via = printed("Acme Robotics", "Thank-you to Dana Whitfield, via Sam Ortiz")
    made = run_afterword(["--db", str(db), "draft", via])
    assert made.returncode == 0, made.stderr
    assert "To: Sam Ortiz <sam@tb.example>" in made.stdout
    assert "forwards it" not in made.stderr
    straight = printed("Globex", "Thank-you to Dana Whitfield")
    made = run_afterword(["--db", str(db), "draft", straight])
    assert made.returncode == 0, made.stderr
    assert "To: Dana Whitfield <dana@acme.example>" in made.stdout
    code, out, err = proofread(db, via)
    assert (code, err) == (0, "") and out.startswith("draft 1 (thank-you to Dana Whitfield)")
