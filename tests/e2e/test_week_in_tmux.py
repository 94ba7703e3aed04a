"""The user's week, end to end, in the real app in a real terminal (tmux).

Each day (and each later hour of a day) is a new start of the installed `afterword` on the same
database, with the clock fixed by AFTERWORD_NOW. Keys go in one step at a time, each step waits
until the screen shows its effect (only the moves down a list go in one go with the `enter`
after them, as a quick hand types them), and after each step `afterword export` (JSON) shows
what was stored; at every start, and after each change, `afterword today --json` and the Today
screen list the same items. Emails go to a local SMTP server (aiosmtpd), which keeps what it
receives, and each is checked against its draft.

- Monday: an interview at Acme Robotics arranged by a recruiter. The debrief is typed into the
  form (two interviewers with titles and addresses, the recruiter, the decision date taken from
  the next steps); the call sheet for the recruiter's debrief call; the email asking the
  recruiter whether the thank-yous may go to the interviewers directly, sent. Later that day
  the call: the answer is `allowed`, and the two thank-yous go out.
- Tuesday: a direct interview at Beacon Labs; one interviewer has no address. Today says to
  find it; the address dialog guesses it from the colleague's; both thank-yous go out.
- Friday, Acme's decision date: an offer from Beacon Labs (`s` on its check-in) cancels its
  check-in.
- Two business days after the decision date Acme's check-in is due; it goes out and the second
  one is scheduled. A week later the second one is marked done, and the close-out (`o`) marks
  the lead cold and sends the close-out note.

The whole week runs at 120x40; Monday runs again at 80x24.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path
from typing import Any

import pytest

from afterword.domain.agenda import waiting_words
from afterword.domain.words import day_and_time, plural, relative_words
from tests.e2e.helpers import (
    AFTERWORD,
    NEEDS_TMUX_AND_APP,
    TOAST,
    WAIT,
    Run,
    assert_no_traceback,
    dialog_text,
    head_field,
    main_part,
    starting,
)
from tests.smtp_servers import Server

pytestmark = [
    *NEEDS_TMUX_AND_APP,
    pytest.mark.slow,
]

NAME, ADDRESS = "Alex Morgan", "alex@example.org"  # the profile: the sender

# The clock of each start of the app.
MONDAY = "2026-11-23T11:00"  # an hour after the Acme interview
MONDAY_AFTERNOON = "2026-11-23T14:00"  # after the call with the recruiter
TUESDAY = "2026-11-24T09:00"
TUESDAY_AFTERNOON = "2026-11-24T15:30"  # after the Beacon interview
WEDNESDAY = "2026-11-25T09:00"
THURSDAY = "2026-11-26T09:00"
FRIDAY = "2026-11-27T09:00"  # Acme's decision date
NEXT_MONDAY = "2026-11-30T09:00"  # one business day after it
NEXT_TUESDAY = "2026-12-01T09:30"  # two business days after it: the check-in is due
TUESDAY_AFTER = "2026-12-08T09:00"  # five business days after that: the second one

ACME, ACME_ROLE = "Acme Robotics", "Backend Engineer"
DANA = ("Dana Whitfield", "Eng Manager", "dana@acme.example")
LEE = ("Lee Park", "Staff Engineer", "lee@acme.example")
SAM = ("Sam Ortiz", "TalentBridge", "sam@tb.example", "555-0100")  # the recruiter
BEACON, BEACON_ROLE = "Beacon Labs", "Platform Engineer"
PRIYA = ("Priya Shah", "Head of Platform", "priya.shah@beacon.example")
TOM = ("Tom Reed", "SRE", "")  # no address: it is to be found
TOM_GUESS = "tom.reed@beacon.example"  # from Priya's: first.last

BUCKETS = (
    ("overdue", "Overdue"),
    ("today", "Today"),
    ("upcoming", "Next 7 days"),
    ("waiting", "Waiting"),  # rule 8: a thank-you waiting for the recruiter's answer
)
TABLE_HEAD = re.compile(r"^\s*When\s{2,}Company · role\s{2,}What to do\s*$")
SEND_DIALOG = "Send this email?"
POLL = 0.05  # seconds between two looks at the screen
NOTHING_DUE = "Nothing due today"


def named(person: tuple[str, ...]) -> str:
    """'Name <address>', as in To and Cc."""
    return f"{person[0]} <{person[2]}>"


def stamp(now: str) -> str:
    """A clock as the export writes it."""
    return datetime.fromisoformat(now).isoformat()


# -- the week: one database, one SMTP server, an app start per day


@dataclass
class Week:
    db: Path
    smtp: Server
    make: Callable[..., Run]
    now: str = ""

    def day(self, now: str) -> Run:
        """Start afterword with the clock at ``now``; wait for its Today screen."""
        self.now = now
        run = self.make(self.db, {"AFTERWORD_NOW": now})
        day = self.clock
        title = f"{day:%a} {day.day} {day:%b %Y}"
        wait(run, lambda s: title in first_line(s), f"Today of {title}", 3 * WAIT)
        return run

    @property
    def clock(self) -> datetime:
        return datetime.fromisoformat(self.now)

    def shell(self, *args: str) -> str:
        """``afterword --db DB ARGS`` as a user would type it, at the same fixed clock."""
        done = subprocess.run(
            [str(AFTERWORD), "--db", str(self.db), *args],
            capture_output=True,
            text=True,
            timeout=3 * WAIT,
            env={**os.environ, "AFTERWORD_NOW": self.now},
        )
        assert done.returncode == 0, f"afterword {' '.join(args)}: {done.stderr}"
        return done.stdout

    def export(self) -> dict[str, Any]:
        document = json.loads(self.shell("export"))
        assert (document["format"], document["version"]) == ("afterword", 1), document
        return dict(document)

    def today(self) -> dict[str, Any]:
        return dict(json.loads(self.shell("today", "--json")))

    def interview(self, company: str) -> dict[str, Any]:
        found = [i for i in self.export()["interviews"] if i["company"] == company]
        assert len(found) == 1, found
        return dict(found[0])

    def wait_for_export(
        self, company: str, test: Callable[[dict[str, Any]], bool], what: str
    ) -> dict[str, Any]:
        """Export until ``test(interview)`` holds (the app saves on a writer thread)."""
        deadline = time.monotonic() + WAIT
        while True:
            found = [i for i in self.export()["interviews"] if i["company"] == company]
            if len(found) == 1 and test(found[0]):
                return dict(found[0])
            assert time.monotonic() < deadline, f"the export never showed {what}:\n{found}"
            time.sleep(0.1)

    def wait_for_mail(self, count: int) -> None:
        """Until the server has received ``count`` messages in all, and no more."""
        received = self.smtp.handler.received
        deadline = time.monotonic() + WAIT
        while len(received) < count:
            assert time.monotonic() < deadline, f"{len(received)} messages, not {count}"
            time.sleep(0.05)
        time.sleep(0.2)  # a second copy would be here by now
        assert len(received) == count, [e.rcpt_tos for e in received]


def write_config(smtp_server: Server) -> None:
    """config.toml (where AFTERWORD_CONFIG points): the profile and the local SMTP server."""
    path = Path(os.environ["AFTERWORD_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'[profile]\nname = "{NAME}"\nemail = "{ADDRESS}"\n'
        "\n[mail]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {smtp_server.port}\n"
        'smtp_security = "none"\n',
        encoding="utf-8",
    )


def a_week(tmp_path: Path, smtp_server: Server, size: tuple[int, int]) -> Iterator[Week]:
    write_config(smtp_server)
    env = {"AFTERWORD_CONFIG": os.environ["AFTERWORD_CONFIG"]}
    with starting(tmp_path, env, Run, size) as make:
        yield Week(tmp_path / "data" / "afterword.json", smtp_server, make)


@pytest.fixture
def week(tmp_path: Path, smtp_server: Server) -> Iterator[Week]:
    yield from a_week(tmp_path, smtp_server, (120, 40))


@pytest.fixture
def small_week(tmp_path: Path, smtp_server: Server) -> Iterator[Week]:
    yield from a_week(tmp_path, smtp_server, (80, 24))


# -- reading the screen


def wait(run: Run, test: Callable[[str], bool], what: str, timeout: float = WAIT) -> str:
    """Until ``test(screen)`` holds (looking often: the week has many small steps)."""
    return run.tmux.wait_for(test, what, timeout, poll=POLL)


def wait_text(run: Run, text: str) -> str:
    return wait(run, lambda s: text in s, repr(text))


def line_shows(screen: str, *parts: str) -> bool:
    """Is there a line with ``parts`` in a row, apart by spaces only, each a whole word run
    (so that a value is not taken for the placeholder it starts, "Video call, their office…")?"""
    pattern = re.compile(r"(^|\s)" + r"\s+".join(map(re.escape, parts)) + r"(\s|$)")
    return any(pattern.search(line) for line in screen.splitlines())


def toast_text(screen: str) -> str:
    """What the notifications say, their lines joined."""
    parts = [line.split(TOAST, 1)[1] for line in screen.splitlines() if TOAST in line]
    return " ".join(" ".join(parts).split())


def agenda_rows(screen: str) -> list[list[str]] | None:
    """The rows of the Today table as their cells (a heading is one cell); None when the table
    is not shown, or a notification covers part of it."""
    lines = screen.splitlines()
    head = next((n for n, line in enumerate(lines) if TABLE_HEAD.match(line)), None)
    if head is None:
        return None
    rows = []
    for line in lines[head + 1 : -1]:
        if not line.strip():
            break
        if TOAST in line:
            return None
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


def agenda_table(agenda: dict[str, Any], now: datetime) -> list[list[str]]:
    """The rows the Today screen shows for ``today --json``'s agenda: a heading per part with
    its count, then per item when (in words), company · role, and what to do · with whom."""
    rows: list[list[str]] = []
    for key, heading in BUCKETS:
        if agenda[key]:
            rows.append([f"{heading} ({len(agenda[key])})"])
        for item in agenda[key]:
            lead = f"{item['company']} · {item['role']}" if item["role"] else item["company"]
            title, person = item["title"], item["person"]
            what = title if not person or person in title else f"{title} · {person}"
            due = datetime.fromisoformat(item["due"])
            waits = item.get("waiting_for")
            if waits and waits not in title:
                what += f" · waiting for {waits}"
            when = waiting_words(due, now) if waits else relative_words(due, now)
            rows.append([when, lead, what])
    return rows


def fits(cell: str, text: str) -> bool:
    """Does ``cell`` show ``text``, whole or cut short with an ellipsis?"""
    if cell.endswith("…") and len(cell) > 1:
        return text.startswith(cell[:-1].rstrip())
    return cell == text


def shows_agenda(screen: str, table: list[list[str]]) -> bool:
    rows = agenda_rows(screen)
    return (
        rows is not None
        and len(rows) == len(table)
        and all(
            len(row) == len(want) and all(map(fits, row, want))
            for row, want in zip(rows, table, strict=True)
        )
    )


def in_body(screen: str, words: str) -> bool:
    return any(words in main_part(line) for line in screen.splitlines())


# -- the steps


def check_today(week: Week, run: Run) -> dict[str, Any]:
    """`afterword today --json` and the Today screen list the same items, in the same parts
    and order, with the same counts in the summary line. Returns the agenda."""
    agenda = week.today()
    assert agenda["date"] == week.now[:10], agenda
    table = agenda_table(agenda, week.clock)
    counts = " · ".join(
        f"{len(agenda[key])} {word}"
        for key, word in (("overdue", "overdue"), ("today", "today"), ("upcoming", "coming up"))
    )
    if agenda["waiting"]:
        counts += f" · {len(agenda['waiting'])} waiting"
    if table:
        screen = wait(
            run,
            lambda s: counts in s and shows_agenda(s, table),
            f"Today as `today --json`: {table}",
        )
    else:
        screen = wait(
            run,
            lambda s: (
                counts in s
                and agenda_rows(s) is None
                and (NOTHING_DUE in s or "Welcome to Afterword" in s)
            ),
            "an empty Today, as `today --json`",
        )
    assert_no_traceback(screen)
    return agenda


def items(agenda: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for key, _ in BUCKETS for item in agenda[key]]


def select(run: Run, agenda: dict[str, Any], company: str, kind: str, person: str = "") -> None:
    """Put the Today cursor on that item of ``agenda`` (as shown): `g` to the first item (the
    row under the first heading), then `j` down to its row (headings are rows too). The key
    that follows may come at once: what it does is checked by the screen it opens (which
    names the company or person)."""
    rows: list[dict[str, Any] | None] = []
    for key, _ in BUCKETS:
        rows += [None, *agenda[key]] if agenda[key] else []
    wanted = [
        n
        for n, item in enumerate(rows)
        if item is not None
        and (item["company"], item["kind"]) == (company, kind)
        and person in (item["person"], "")
    ]
    assert len(wanted) == 1, (company, kind, person, agenda)
    run.press("g")
    run.press(*["j"] * (wanted[0] - 1))


def quit_app(run: Run) -> None:
    run.press("q")
    assert run.exit_status() == "EXIT=0"
    run.finish()


def fill(run: Run, text: str, *shown: str) -> None:
    """Type ``text`` into the focused field; wait until a line shows ``shown`` (label and text,
    by default) in a row."""
    run.type(text)
    wait(run, lambda s: line_shows(s, *shown), f"{shown} on a line")


def moved(run: Run, before: tuple[int, int], what: str) -> None:
    """Wait until the terminal's cursor has left ``before``, where it was in the field just
    typed into: the focus has moved on. Keys typed before then would go to the field left
    behind (the app hands a key to the field focused when it reads it; tab moves the focus
    only after going round that field). Textual keeps the terminal's cursor, hidden, at the
    text cursor of the focused field as it was on focusing: after a scroll to the next field
    that is where the field was before the scroll, still not where the last one is."""
    try:
        wait(run, lambda s: run.tmux.cursor() != before, what)
    except AssertionError as error:
        raise AssertionError(f"{error}\n(the cursor still at {before})") from None


def tab_to(run: Run, label: str, times: int = 1) -> None:
    """`tab` (``times`` times: a row of radio buttons takes one) to the field of ``label``."""
    before = run.tmux.cursor()
    run.press(*["Tab"] * times)
    moved(run, before, f"the focus to move on to {label!r}")


def jump_to(run: Run, label: str) -> None:
    """ctrl+down: the first field of the next part of the form (``label``)."""
    before = run.tmux.cursor()
    run.press("C-Down")
    moved(run, before, f"the focus to jump to {label!r}")


def field(run: Run, label: str, text: str, *, times: int = 1) -> None:
    """`tab` to the field of ``label`` and type ``text`` into it."""
    tab_to(run, label, times=times)
    fill(run, text, label, text)


def person_row(run: Run, person: tuple[str, str, str]) -> None:
    """Type a row of interviewers (the cursor in its name): name, `tab`, title, `tab`, address
    (none: the row keeps its placeholder)."""
    name, title, address = person
    fill(run, name, name, "title", "email")
    tab_to(run, "title")
    fill(run, title, name, title, "email")
    tab_to(run, "email")
    if address:
        fill(run, address, name, title, address)


def new_person_row(run: Run) -> None:
    """ctrl+n: a row for one more interviewer, the cursor in its name."""
    run.press("C-n")
    wait(
        run,
        lambda s: re.search(r"^\s+name\s+title\s+email\s*$", s, re.M) is not None,
        "a new row of interviewers",
    )  # drawn by the key's action, which focused it before the app read another key


def saved_dialog(run: Run, company: str, lines: list[str]) -> None:
    """After ctrl+s: the dialog lists what was scheduled, word for word."""
    heading = f"Saved {company}: {plural(len(lines), 'follow-up')} scheduled."
    # the terminal may be caught halfway through drawing the dialog: wait for all of it
    screen = wait(
        run,
        lambda s: heading in dialog_text(s) and all(f"• {x}" in dialog_text(s) for x in lines),
        f"{heading} and its lines",
    )
    said = dialog_text(screen)
    for line in lines:
        assert f"• {line}" in said, (line, said)
    assert said.count("•") == len(lines), said


def open_draft(
    week: Week,
    run: Run,
    company: str,
    template: str,
    person: str,
    to: str,
    cc: str,
    greeting: str,
) -> dict[str, Any]:
    """`enter` on a Today item opened the emails screen on the draft to ``person``: wait for
    it (To, Cc, the body's greeting) and for the draft in the export; return the draft."""
    screen = wait(
        run,
        lambda s: (
            f"Emails · {company}" in first_line(s)
            and head_field(s, "To") == to
            and head_field(s, "Cc") == cc
            and in_body(s, greeting)
        ),
        f"the {template} draft to {person}: To {to}, Cc {cc!r}, {greeting!r}",
    )
    assert_no_traceback(screen)

    def unsent(interview: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            d
            for d in interview["drafts"]
            if (d["template"], d["person"]) == (template, person) and d["state"] != "sent"
        ]

    interview = week.wait_for_export(
        company,
        lambda i: [(d["to"], d["cc"]) for d in unsent(i)] == [([to], [cc] if cc else [])],
        f"one {template} draft to {person}, {to}, cc {cc!r}",
    )
    (draft,) = unsent(interview)
    subject = head_field(screen, "Subject")
    assert subject and draft["subject"].startswith(subject), (subject, draft)
    assert greeting in draft["body"], draft
    return dict(draft)


def send(week: Week, run: Run, draft: dict[str, Any]) -> EmailMessage:
    """ctrl+g on the emails screen showing ``draft``: the dialog shows the headers as they go
    out, `y` sends, the server receives exactly this email once, and the screen says it went."""
    received = week.smtp.handler.received
    count = len(received)
    run.press("C-g")
    headers = f"From: {NAME} <{ADDRESS}> To: {', '.join(draft['to'])}"
    if draft["cc"]:
        headers += f" Cc: {', '.join(draft['cc'])}"
    headers += f" Subject: {draft['subject']}"
    # the whole dialog, not its heading alone: a terminal may be read halfway through drawing it
    screen = wait(
        run, lambda s: SEND_DIALOG in dialog_text(s) and headers in dialog_text(s), "the headers"
    )
    assert headers in dialog_text(screen), dialog_text(screen)
    assert len(received) == count  # asking sends nothing
    run.press("y")
    week.wait_for_mail(count + 1)
    envelope = received[-1]
    assert envelope.mail_from == ADDRESS
    assert envelope.original_content is not None
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert str(message["From"]) == f"{NAME} <{ADDRESS}>"
    assert str(message["To"]) == ", ".join(draft["to"])
    assert (str(message["Cc"]) if message["Cc"] else "") == ", ".join(draft["cc"])
    assert str(message["Subject"]) == draft["subject"]
    to_and_cc = [address for _, address in getaddresses([*draft["to"], *draft["cc"]])]
    assert envelope.rcpt_tos == to_and_cc
    body = message.get_body(("plain",))
    assert body is not None
    assert body.get_content().split() == draft["body"].split()
    sent = f"Sent {day_and_time(week.clock)}."
    screen = wait(
        run,
        lambda s: SEND_DIALOG not in s and any(sent in main_part(line) for line in s.splitlines()),
        sent,
    )
    assert_no_traceback(screen)
    return message


def wait_sent(week: Week, company: str, draft: dict[str, Any], message: EmailMessage) -> None:
    """The export has the draft sent, now, with the Message-ID that went out."""
    interview = week.wait_for_export(
        company,
        lambda i: any(d["id"] == draft["id"] and d["state"] == "sent" for d in i["drafts"]),
        f"the {draft['template']} draft to {draft['person']} sent",
    )
    (stored,) = [d for d in interview["drafts"] if d["id"] == draft["id"]]
    assert stored["sent_at"] == stamp(week.now), stored
    assert stored["message_id"] == str(message["Message-ID"]), stored


def follow_ups(interview: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in interview["follow_ups"] if f["kind"] == kind]


def first_line(screen: str) -> str:
    return (screen.splitlines() or [""])[0]


def leave_drafts(run: Run) -> None:
    run.press("Escape")
    wait(run, lambda s: "Emails ·" not in first_line(s), "the Today screen again")


# -- the days


def monday(week: Week) -> None:
    """Just out of the Acme interview: the debrief, the call sheet, the question to Sam."""
    run = week.day(MONDAY)
    check_today(week, run)  # nothing yet
    run.press("n")
    wait_text(run, "New interview")
    # The form opens with the cursor in Company (set before the form is first drawn: the
    # terminal's cursor is not moved there yet); tab walks the fields in order.
    fill(run, ACME, "Company", ACME)
    field(run, "Role", ACME_ROLE)
    field(run, "Stage", "Onsite")
    tab_to(run, "When")  # the time the form opened, selected: typed over
    fill(run, "today 10am", "When", "today 10am")
    wait_text(run, "→ Mon 23 Nov 2026, 10:00")
    field(run, "Where", "Video call")
    tab_to(run, "Interviewers")
    person_row(run, DANA)
    new_person_row(run)
    person_row(run, LEE)
    recruiter, agency, address, phone = SAM
    field(run, "Recruiter", recruiter)
    field(run, "Agency", agency)
    field(run, "Email", address)
    field(run, "Phone", phone)
    field(run, "Tone", "warm", times=2)  # past "Write directly?" (not asked yet)
    field(run, "Question focus", "system design")
    field(run, "What went well", "the queue design")
    field(run, "What did not", "a SQL question")
    field(run, "Next steps", "they decide by Friday")
    tab_to(run, "Decision by")  # leaving the next steps: the form offers the date they name
    wait_text(run, "Friday 27 November?")
    run.press("C-t")
    wait(
        run,
        lambda s: line_shows(s, "Decision by", "2026-11-27") and "Friday 27 November 2026" in s,
        "the decision date taken",
    )
    field(run, "Notes", "ask about on-call", times=2)  # past "Still interested" (yes)
    field(run, "Remember me", "the rubber duck on my desk")
    field(run, "Reinforce", "five years of queue work")
    field(run, "Recoup", "I would index the join column")
    run.press("C-s")
    saved_dialog(
        run,
        ACME,
        [
            "Debrief call with Sam Ortiz: still interested? by today 13:00",
            "Ask Sam Ortiz if you may write to them directly by today 13:00",
            "Thank-you to Dana Whitfield (wait for Sam Ortiz's answer) by tomorrow 10:00",
            "Thank-you to Lee Park (wait for Sam Ortiz's answer) by tomorrow 10:00",
            "Check in about the decision by Tue 1 Dec 09:00",
        ],
    )
    acme = week.wait_for_export(ACME, lambda i: True, "the Acme interview")
    assert (acme["role"], acme["stage"], acme["where"]) == (ACME_ROLE, "Onsite", "Video call")
    assert acme["when"] == "2026-11-23T10:00:00" and acme["status"] == "active", acme
    assert [tuple(p[k] for k in ("name", "title", "email")) for p in acme["interviewers"]] == [
        DANA,
        LEE,
    ]
    recruiter_saved = acme["recruiter"]
    assert recruiter_saved == {
        **recruiter_saved,
        "name": recruiter,
        "agency": agency,
        "email": address,
        "phone": phone,
        "direct_contact": "ask",
    }
    debrief = acme["debrief"]
    assert debrief == {
        **debrief,
        "tone": "warm",
        "focus": "system design",
        "went_well": "the queue design",
        "went_poorly": "a SQL question",
        "next_steps": "they decide by Friday",
        "decision_by": "2026-11-27",
        "still_interested": "yes",
        "notes": "ask about on-call",
        "remember": "the rubber duck on my desk",
        "reinforce": "five years of queue work",
        "recoup": "I would index the join column",
    }
    assert sorted((f["kind"], f["person"], f["due"]) for f in acme["follow_ups"]) == [
        ("ask_recruiter", "Sam Ortiz", "2026-11-23T13:00:00"),
        ("check_in", "Sam Ortiz", "2026-12-01T09:00:00"),  # Friday + 2 business days
        ("recruiter_debrief", "Sam Ortiz", "2026-11-23T13:00:00"),
        ("thank_you", "Dana Whitfield", "2026-11-24T10:00:00"),
        ("thank_you", "Lee Park", "2026-11-24T10:00:00"),
    ]
    assert not any(f["done_at"] or f["cancelled"] for f in acme["follow_ups"])

    # p: the call sheet for the debrief call, from the debrief itself
    run.press("p")
    top = wait(run, lambda s: "Call sheet: " in dialog_text(s), "the call sheet")
    # its keys are in sight; in a short terminal its lines scroll (end: the last one)
    run.press("End")
    ask = "Ask May I write to Dana Whitfield, Lee Park directly to say thank you?"
    end = wait(run, lambda s: ask in dialog_text(s), "the question on the call sheet")
    said = dialog_text(top) + " " + dialog_text(end)
    for line in (
        f"Call sheet: {ACME} · {ACME_ROLE}",
        "Call Sam Ortiz (TalentBridge) · 555-0100",
        "How it went warm",
        "Went well the queue design",
        "Concerns a SQL question",
        "Next steps they decide by Friday",
        "Still interested I am still very interested in the role.",
    ):
        assert line in dialog_text(top), (line, dialog_text(top))
    for screen in (top, end):
        keys = "a: you may write directly · f: they forward your thank-yous"
        assert keys in dialog_text(screen), dialog_text(screen)
    assert "ask about on-call" not in said  # the private notes stay private
    run.press("Escape")  # the call is for later
    agenda = check_today(week, run)
    assert [i["kind"] for i in agenda["today"]] == ["recruiter_debrief", "ask_recruiter"]
    assert agenda["upcoming"] == []  # the thank-yous wait for Sam's answer (rule 8)
    assert [i["kind"] for i in agenda["waiting"]] == ["thank_you", "thank_you"]
    assert {i["waiting_for"] for i in agenda["waiting"]} == {"Sam Ortiz's answer"}

    # the email to Sam: may the thank-yous go to the interviewers directly?
    select(run, agenda, ACME, "ask_recruiter")
    run.press("Enter")
    draft = open_draft(week, run, ACME, "ask-recruiter", "Sam Ortiz", named(SAM), "", "Hi Sam,")
    assert "May I write to them directly?" in " ".join(draft["body"].split()), draft
    message = send(week, run, draft)
    wait_sent(week, ACME, draft, message)
    acme = week.wait_for_export(
        ACME,
        lambda i: all(f["done_at"] for f in follow_ups(i, "ask_recruiter")),
        "the question asked",
    )
    assert follow_ups(acme, "ask_recruiter")[0]["done_at"] == stamp(MONDAY)
    assert acme["recruiter"]["direct_contact"] == "ask"  # no answer yet
    assert not any(d["state"] == "sent" for d in acme["drafts"] if d["template"] == "thank-you")
    leave_drafts(run)
    agenda = check_today(week, run)
    assert [i["kind"] for i in agenda["today"]] == ["recruiter_debrief"]
    quit_app(run)


def monday_afternoon(week: Week) -> None:
    """Sam called: the thank-yous may go to Dana and Lee directly. They go."""
    run = week.day(MONDAY_AFTERNOON)
    agenda = check_today(week, run)
    assert [i["kind"] for i in agenda["today"]] == ["recruiter_debrief"]  # an hour late
    select(run, agenda, ACME, "recruiter_debrief")
    run.press("Enter")
    wait(run, lambda s: f"Call sheet: {ACME}" in dialog_text(s), "the call sheet")
    run.press("a")  # they may write directly
    acme = week.wait_for_export(
        ACME, lambda i: i["recruiter"]["direct_contact"] == "allowed", "the answer recorded"
    )
    (call,) = follow_ups(acme, "recruiter_debrief")
    assert call["done_at"] == stamp(MONDAY_AFTERNOON), call
    assert sorted(f["title"] for f in follow_ups(acme, "thank_you")) == [
        "Thank-you to Dana Whitfield",
        "Thank-you to Lee Park",
    ]
    agenda = check_today(week, run)
    assert agenda["today"] == [] and agenda["overdue"] == [], agenda

    sent_before = len(week.smtp.handler.received)
    for person in (DANA, LEE):
        select(run, agenda, ACME, "thank_you", person[0])
        run.press("Enter")
        first = person[0].split()[0]
        draft = open_draft(
            week, run, ACME, "thank-you", person[0], named(person), named(SAM), f"Dear {first},"
        )
        for words in ("the rubber duck on my desk", "five years of queue work"):
            assert words in " ".join(draft["body"].split()), draft
        message = send(week, run, draft)
        wait_sent(week, ACME, draft, message)
        leave_drafts(run)
        agenda = check_today(week, run)
    # exactly two thank-yous went, one to each, with Sam in Cc
    thanks = week.smtp.handler.received[sent_before:]
    assert [e.rcpt_tos for e in thanks] == [[DANA[2], SAM[2]], [LEE[2], SAM[2]]]
    acme = week.interview(ACME)
    by_person = {d["person"]: d for d in acme["drafts"] if d["template"] == "thank-you"}
    assert {p: d["state"] for p, d in by_person.items()} == {DANA[0]: "sent", LEE[0]: "sent"}
    assert all(f["done_at"] == stamp(MONDAY_AFTERNOON) for f in follow_ups(acme, "thank_you"))
    assert [f["done_at"] for f in follow_ups(acme, "check_in")] == [None]
    # nothing else this week: the check-in is eight days off
    assert items(agenda) == []
    wait_text(run, "Next: Check in about the decision, Tue 1 Dec 09:00.")
    quit_app(run)


def morning(week: Week, now: str) -> dict[str, Any]:
    """A morning's look: the app opens on Today, as `afterword today` says; then quit."""
    run = week.day(now)
    agenda = check_today(week, run)
    quit_app(run)
    return agenda


def tuesday_afternoon(week: Week) -> None:
    """Back from Beacon Labs: no recruiter; Tom's address is unknown."""
    run = week.day(TUESDAY_AFTERNOON)
    check_today(week, run)
    run.press("n")
    wait_text(run, "New interview")
    fill(run, BEACON, "Company", BEACON)
    field(run, "Role", BEACON_ROLE)
    field(run, "Stage", "Phone screen")
    tab_to(run, "When")
    fill(run, "today 2pm", "When", "today 2pm")
    wait_text(run, "→ Tue 24 Nov 2026, 14:00")
    tab_to(run, "Interviewers", times=2)  # Where: left empty
    person_row(run, PRIYA)
    new_person_row(run)
    person_row(run, TOM)
    jump_to(run, "Tone")  # no recruiter: on to the debrief
    fill(run, "friendly", "Tone", "friendly")
    field(run, "Question focus", "incident response")
    field(run, "What went well", "the on-call story")
    jump_to(run, "Remember me")  # no decision date given: on to the lines for the email
    fill(run, "our chat about pagers", "Remember me", "our chat about pagers")
    field(run, "Reinforce", "years of on-call")
    run.press("C-s")
    saved_dialog(
        run,
        BEACON,
        [
            "Find Tom Reed's email address by tomorrow 09:00",  # T + 12 h, not at night
            "Thank-you to Priya Shah by tomorrow 14:00",
            "Thank-you to Tom Reed by tomorrow 14:00",
            "Check in about the decision by Tue 1 Dec 09:00",  # T + 5 business days
        ],
    )
    beacon = week.wait_for_export(BEACON, lambda i: True, "the Beacon interview")
    assert beacon["recruiter"] is None and beacon["debrief"]["decision_by"] is None, beacon
    assert [(p["name"], p["email"]) for p in beacon["interviewers"]] == [
        (PRIYA[0], PRIYA[2]),
        (TOM[0], ""),
    ]
    run.press("Escape")
    agenda = check_today(week, run)
    assert [(i["company"], i["kind"]) for i in agenda["upcoming"]] == [
        (BEACON, "find_email"),
        (BEACON, "thank_you"),
        (BEACON, "thank_you"),
        (ACME, "check_in"),
        (BEACON, "check_in"),
    ]

    # Today says to find Tom's address; enter asks for it, with a guess from Priya's
    select(run, agenda, BEACON, "find_email")
    run.press("Enter")
    screen = wait(
        run,
        lambda s: "Tom Reed's email address" in dialog_text(s) and TOM_GUESS in dialog_text(s),
        "the address dialog with its guess",
    )
    said = dialog_text(screen)
    assert f"A guess from 1 known address at {BEACON}" in said, said
    run.press("C-n")  # the guess into the field
    wait(run, lambda s: dialog_text(s).count(TOM_GUESS) == 2, "the guess in the field")
    run.press("Enter")
    beacon = week.wait_for_export(
        BEACON,
        lambda i: [p["email"] for p in i["interviewers"]] == [PRIYA[2], TOM_GUESS],
        "Tom's address kept",
    )
    (found,) = follow_ups(beacon, "find_email")
    assert found["done_at"] == stamp(TUESDAY_AFTERNOON), found
    agenda = check_today(week, run)
    assert "find_email" not in [i["kind"] for i in items(agenda)]

    sent_before = len(week.smtp.handler.received)
    for person in ((TOM[0], TOM[1], TOM_GUESS), PRIYA):
        select(run, agenda, BEACON, "thank_you", person[0])
        run.press("Enter")
        first = person[0].split()[0]
        draft = open_draft(
            week, run, BEACON, "thank-you", person[0], named(person), "", f"Dear {first},"
        )
        message = send(week, run, draft)
        wait_sent(week, BEACON, draft, message)
        leave_drafts(run)
        agenda = check_today(week, run)
    thanks = week.smtp.handler.received[sent_before:]
    assert [e.rcpt_tos for e in thanks] == [[TOM_GUESS], [PRIYA[2]]]
    beacon = week.interview(BEACON)
    assert all(f["done_at"] for f in follow_ups(beacon, "thank_you")), beacon["follow_ups"]
    assert [(i["company"], i["kind"]) for i in items(agenda)] == [
        (ACME, "check_in"),
        (BEACON, "check_in"),
    ]
    quit_app(run)


def friday(week: Week) -> None:
    """Beacon Labs makes an offer: the lead keeps its check-in; the offer is their reply, `r`
    records it and the check-in is cancelled."""
    run = week.day(FRIDAY)
    agenda = check_today(week, run)
    assert [(i["company"], i["kind"]) for i in agenda["upcoming"]] == [
        (ACME, "check_in"),
        (BEACON, "check_in"),
    ]
    select(run, agenda, BEACON, "check_in")
    run.press("s")
    wait(run, lambda s: f"Status of {BEACON}" in dialog_text(s), "the status dialog")
    run.press("Down")  # from active to offer
    run.press("Enter")
    beacon = week.wait_for_export(BEACON, lambda i: i["status"] == "offer", "the offer")
    (check_in,) = follow_ups(beacon, "check_in")
    assert not check_in["cancelled"] and check_in["done_at"] is None, check_in  # offer keeps it
    wait(run, lambda s: f"{BEACON} is now offer." in toast_text(s), "the offer's message")
    agenda = check_today(week, run)
    select(run, agenda, BEACON, "check_in")
    run.press("r")
    beacon = week.wait_for_export(BEACON, lambda i: i["replied_at"] is not None, "the reply")
    (check_in,) = follow_ups(beacon, "check_in")
    assert check_in["cancelled"] is True and check_in["done_at"] is None, check_in
    assert check_in["reason"] == "they replied", check_in
    (acme_check_in,) = follow_ups(week.interview(ACME), "check_in")
    assert not acme_check_in["cancelled"], acme_check_in  # the other lead goes on
    agenda = check_today(week, run)
    assert [(i["company"], i["kind"]) for i in items(agenda)] == [(ACME, "check_in")]
    rows = agenda_rows(run.screen())
    assert rows is not None and not any(BEACON in " ".join(row) for row in rows), rows
    wait(
        run,
        lambda s: f"Reply recorded for {BEACON}; 1 check-in cancelled." in toast_text(s),
        "the reply's message",
    )
    quit_app(run)


def check_in_day(week: Week) -> None:
    """Two business days after the decision date: the check-in to Sam goes out, and the next
    one is scheduled five business days on."""
    run = week.day(NEXT_TUESDAY)
    agenda = check_today(week, run)
    assert [(i["company"], i["kind"]) for i in agenda["today"]] == [(ACME, "check_in")]
    select(run, agenda, ACME, "check_in")
    run.press("Enter")
    draft = open_draft(week, run, ACME, "check-in", "Sam Ortiz", named(SAM), "", "Dear Sam,")
    assert draft["subject"] == f"Following up: {ACME_ROLE} at {ACME}", draft
    assert "a decision by Friday 27 November" in " ".join(draft["body"].split()), draft
    message = send(week, run, draft)
    wait_sent(week, ACME, draft, message)
    acme = week.wait_for_export(
        ACME, lambda i: len(follow_ups(i, "check_in")) == 2, "the second check-in"
    )
    first, second = follow_ups(acme, "check_in")
    assert first["done_at"] == stamp(NEXT_TUESDAY) and not first["cancelled"], first
    assert second["due"] == "2026-12-08T09:00:00", second  # 5 business days on
    assert second["done_at"] is None and not second["cancelled"], second
    assert second["title"] == "Check in about the decision (second)", second
    leave_drafts(run)
    agenda = check_today(week, run)
    assert [i["id"] for i in items(agenda)] == [second["id"]]
    quit_app(run)


def last_check_in(week: Week) -> None:
    """The second check-in is due; marked done, the app offers the close-out: `o`."""
    run = week.day(TUESDAY_AFTER)
    agenda = check_today(week, run)
    assert [(i["company"], i["title"]) for i in agenda["today"]] == [
        (ACME, "Check in about the decision (second)")
    ]
    select(run, agenda, ACME, "check_in")
    run.press("Enter")  # a new draft: the first check-in went last week
    draft = open_draft(week, run, ACME, "check-in", "Sam Ortiz", named(SAM), "", "Dear Sam,")
    sent = [d["id"] for d in week.interview(ACME)["drafts"] if d["template"] == "check-in"]
    assert len(sent) == 2 and draft["id"] == sent[-1], sent
    leave_drafts(run)  # Sam is on the phone instead: marked done by hand
    agenda = check_today(week, run)
    select(run, agenda, ACME, "check_in")
    run.press("x")
    acme = week.wait_for_export(
        ACME,
        lambda i: all(f["done_at"] for f in follow_ups(i, "check_in")),
        "the second check-in done",
    )
    assert len(follow_ups(acme, "check_in")) == 2  # at most two: no third one
    wait(run, lambda s: "Press o to close it out." in toast_text(s), "the close-out offered")
    run.press("o")
    acme = week.wait_for_export(ACME, lambda i: i["status"] == "cold", "the lead cold")
    draft = open_draft(week, run, ACME, "close-out", "Sam Ortiz", named(SAM), "", "Dear Sam,")
    message = send(week, run, draft)
    wait_sent(week, ACME, draft, message)
    leave_drafts(run)
    agenda = check_today(week, run)
    assert items(agenda) == []
    quit_app(run)


# -- the tests


def test_a_week_of_interviews_and_follow_ups(week: Week) -> None:
    monday(week)
    monday_afternoon(week)
    assert [i["kind"] for i in items(morning(week, TUESDAY))] == ["check_in"]
    tuesday_afternoon(week)
    for day in (WEDNESDAY, THURSDAY):
        agenda = morning(week, day)
        assert [(i["company"], i["kind"]) for i in items(agenda)] == [
            (ACME, "check_in"),
            (BEACON, "check_in"),
        ]
    friday(week)
    agenda = morning(week, NEXT_MONDAY)  # one business day after the decision date
    assert agenda["today"] == [] and agenda["overdue"] == [], agenda
    assert [(i["company"], i["due"]) for i in agenda["upcoming"]] == [(ACME, "2026-12-01T09:00:00")]
    check_in_day(week)
    last_check_in(week)

    document = week.export()
    statuses = {i["company"]: i["status"] for i in document["interviews"]}
    assert statuses == {ACME: "cold", BEACON: "offer"}
    sent = sorted(
        (i["company"], d["template"], d["person"])
        for i in document["interviews"]
        for d in i["drafts"]
        if d["state"] == "sent"
    )
    assert sent == [
        (ACME, "ask-recruiter", "Sam Ortiz"),
        (ACME, "check-in", "Sam Ortiz"),
        (ACME, "close-out", "Sam Ortiz"),
        (ACME, "thank-you", "Dana Whitfield"),
        (ACME, "thank-you", "Lee Park"),
        (BEACON, "thank-you", "Priya Shah"),
        (BEACON, "thank-you", "Tom Reed"),
    ]
    assert len(week.smtp.handler.received) == len(sent)
    open_items = [
        f for i in document["interviews"] for f in i["follow_ups"]
        if not f["done_at"] and not f["cancelled"]
    ]  # fmt: skip
    assert open_items == []


def test_monday_at_80_by_24(small_week: Week) -> None:
    monday(small_week)
    monday_afternoon(small_week)
    assert len(small_week.smtp.handler.received) == 3
