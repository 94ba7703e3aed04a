"""`afterword proofread ID [--draft N | --file F]`: check emails against the interview's record.

Read-only. Exit 0 when nothing is found, 1 with findings (warnings too), 2 for an error.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from afterword import clock, paths
from afterword.commands import load_settings, note, open_repository
from afterword.domain.model import Draft, Interview
from afterword.domain.proofread import (
    THANK_YOU,
    Finding,
    ProofContext,
    Speller,
    body_start_line,
    fold,
    parse_text_file,
    proof_context,
    proofread,
)
from afterword.errors import AfterwordError
from afterword.store.migrations import INTERVIEWS
from afterword.store.repository import Repository


@dataclass(frozen=True)
class _Letter:
    """One email to check, and how its findings are shown."""

    header: str
    subject: str
    body: str
    ctx: ProofContext
    first_line: int = 1  # the line of its file where the body starts


ID_PREFIX_MIN = 4  # characters of a draft id that --draft reads as an id, not a number


def cmd_proofread(args: argparse.Namespace, db: Path) -> int:
    """Print each email's findings; 1 when there is any (a warning too), else 0."""
    config = load_settings()
    today = clock.now().date()
    with open_repository(db, read_only=True) as repo:
        interview, _ = repo.find_either(args.id)  # a follow-up's id stands for its interview
        others = _other_companies(repo, interview)
    words = _user_words()

    def context(addressee: str, template: str) -> ProofContext:
        return proof_context(
            interview,
            addressee=addressee,
            template=template,
            sender=config.profile.name,
            other_companies=others,
            today=today,
            user_words=words,
        )

    letters: list[_Letter] = []
    if args.file:
        text = _read(args.file)
        subject, body = parse_text_file(text)
        addressee = _addressee_from_greeting(interview, body)
        header = f"{args.file} ({_whom(THANK_YOU, addressee)}), lines of the file:"
        ctx = context(addressee, THANK_YOU)
        letters.append(_Letter(header, subject, body, ctx, body_start_line(text)))
    else:
        for number, draft in _drafts(interview, args.draft):
            addressee = draft.person or _addressee_from_greeting(interview, draft.body)
            header = f"draft {number} ({_whom(draft.template, addressee)}):"
            ctx = context(addressee, draft.template)
            letters.append(_Letter(header, draft.subject, draft.body, ctx))
    speller = _speller({word for letter in letters for word in letter.ctx.known_words})
    found = 0
    for letter in letters:
        findings = proofread(letter.subject, letter.body, letter.ctx, speller)
        found += len(findings)
        print(_printable(letter.header))
        for finding in findings:
            print(_printable(_line(finding, letter.first_line)))
        if not findings:
            print("  clean")
    return 1 if found else 0


def _other_companies(repo: Repository, interview: Interview) -> list[str]:
    """The companies of the other interviews, read from the stored records as they are:
    making 10,000 Interviews only for their company names would take over a second."""
    docs = repo.storage.read().get(INTERVIEWS, {})
    return [
        str(doc.get("company") or "")
        for doc in docs.values()
        if isinstance(doc, dict) and doc.get("id") != interview.id
    ]


def _whom(template: str, addressee: str) -> str:
    return f"{template} to {addressee}" if addressee else template


def _line(finding: Finding, first_line: int) -> str:
    """`  3:7 name_spelling: message → suggestion` (in a file, the file's own line numbers)."""
    line = finding.line
    if first_line > 1:
        line = 1 if line == 0 else line + first_line - 1
    text = f"  {line}:{finding.column} {finding.kind}: {finding.message}"
    return f"{text} → {finding.suggestion}" if finding.suggestion else text


def _printable(text: str) -> str:
    """No terminal control characters from the email reach the terminal."""
    return "".join(c if c.isprintable() else " " for c in text)


def _drafts(interview: Interview, which: str | None) -> list[tuple[int, Draft]]:
    numbered = list(enumerate(interview.drafts, 1))
    if not numbered:
        raise AfterwordError(
            f"Interview {interview.id} ({interview.company}) has no drafts yet: open it in the "
            "app and press e, or give --file."
        )
    if which is None:
        unsent = [(n, d) for n, d in numbered if d.state != "sent"]
        if not unsent:
            raise AfterwordError(
                f"Every draft of interview {interview.id} ({interview.company}) has been sent; "
                "give --draft N to check one of them, or --file."
            )
        return unsent
    which = which.strip()
    # A short number is a position, never the start of an id: ids are random hex, so "7" would
    # otherwise pick whichever draft's id happens to start with 7.
    if which.isdigit() and len(which) < ID_PREFIX_MIN:
        number = int(which)
        if 1 <= number <= len(numbered):
            return [numbered[number - 1]]
        raise AfterwordError(
            f"Interview {interview.id} has no draft {which!r}: give its number (1 to "
            f"{len(numbered)}) or at least {ID_PREFIX_MIN} characters of its id."
        )
    by_id = [(n, d) for n, d in numbered if which and d.id.startswith(which)]
    if len(by_id) == 1:
        return by_id
    raise AfterwordError(
        f"Interview {interview.id} has no draft {which!r}: give its number (1 to "
        f"{len(numbered)}) or at least {ID_PREFIX_MIN} characters of its id."
    )


def _addressee_from_greeting(interview: Interview, body: str) -> str:
    """Whom the text greets by first name, else the first interviewer (or the recruiter)."""
    people = [p.name for p in interview.interviewers]
    if interview.recruiter is not None:
        people.append(interview.recruiter.name)
    first_line = next((line for line in body.splitlines() if line.strip()), "")
    greeted = set(fold(first_line).replace(",", " ").split())
    for name in people:
        if name.split() and fold(name.split()[0]) in greeted:
            return name
    return people[0] if people else ""


def _read(name: str) -> str:
    from afterword.files import TEXT_CAP, NotAFile, TooLarge, read_capped, size_words

    try:
        text = read_capped(name, TEXT_CAP, pipes=True).decode("utf-8")
        return text.replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode
    except NotAFile as error:
        raise AfterwordError(f"{name} is {error.kind}, not a file of text.") from None
    except TooLarge as error:
        raise AfterwordError(
            f"{name} is larger than a letter to proofread may be ({size_words(error.limit)})."
        ) from None
    except UnicodeDecodeError:
        raise AfterwordError(f"{name} is not UTF-8 text; save it as UTF-8 and try again.") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise AfterwordError(f"Cannot read {name}: {reason}.") from None


def _user_words() -> list[str]:
    from afterword.compose.spelling import user_words

    return user_words(paths.user_folder())


def _speller(extra_words: set[str]) -> Speller | None:
    """The dictionary with the record's words; None (and a note) when pyspellchecker is
    missing, so the other checks still run."""
    from afterword.compose.spelling import Spelling

    try:
        return Spelling.load(extra_words)
    except ImportError:
        note("spelling not checked: the pyspellchecker package is not installed.")
        return None
