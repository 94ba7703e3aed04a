"""`afterword draft`: an interview's email from its template, as an RFC 5322 message.

Read-only: it renders afresh and stores nothing, so it works while the app is open. The
message goes to stdout (and to a 0600 file with --eml), its body UTF-8 text as written (on a
terminal, its headers too); what stops it from being sent as it is (the recruiter's answer, a
missing address) is said on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from afterword import clock, paths
from afterword.commands import load_settings, note, open_repository
from afterword.domain.words import shown_lines
from afterword.errors import AfterwordError

# The email a follow-up's id stands for; a thank-you follows the recruiter's route (planned),
# and goes to the recruiter as the via-recruiter note when they forward it.
_TEMPLATE_OF = {"check_in": "check-in", "ask_recruiter": "ask-recruiter"}


def cmd_draft(args: argparse.Namespace, db: Path) -> int:
    from afterword.compose.drafts import write_draft
    from afterword.compose.message import HeaderRefused, Outgoing, build_message, outgoing_for
    from afterword.compose.message_bytes import file_bytes, readable_bytes
    from afterword.domain.drafting import (
        addressee_for,
        colleagues,
        find_person,
        guess_address,
        plan_drafts,
        waiting_reason,
    )

    config = load_settings()
    now = clock.now()
    with open_repository(db, read_only=True) as repo:
        interview, follow_up = repo.find_either(args.id)
        everyone = repo.interviews() if not args.to else []
    person = ""
    template = args.template
    if follow_up is not None and not args.to:  # a follow-up's id: its email, to its person
        recruiter = interview.recruiter
        if follow_up.kind == "thank_you" and recruiter and recruiter.direct_contact == "forward":
            template = template or "via-recruiter"  # the recruiter forwards it: the note to them
        else:
            person = follow_up.person if find_person(interview, follow_up.person) else ""
            template = template or _TEMPLATE_OF.get(follow_up.kind, "")
    if args.to:
        found = find_person(interview, args.to)
        if found is None:
            names = [p.name for p in interview.interviewers]
            if interview.recruiter is not None:
                names.append(interview.recruiter.name)
            raise AfterwordError(
                f"No one in the {interview.company} interview matches {args.to!r}; "
                f"the people are: {', '.join(names) or 'none yet'}."
            )
        person = found.name
    if not template:
        planned = plan_drafts(interview, cc_recruiter=config.mail.cc_recruiter)
        mine = [p for p in planned if not person or p.person == person]
        if mine:
            template, person = mine[0].template, mine[0].person
        else:
            template = "thank-you"
    person = person or addressee_for(interview, template)
    draft = write_draft(interview, template, person, config, now, paths.templates_dir())
    why = waiting_reason(interview, draft)
    if why == "address needed":
        guess = guess_address(person, colleagues(everyone or [interview], interview.company))
        if guess is not None:
            why += f"; perhaps {guess.in_words()}"
    if why:
        note(f"{draft.template} to {person or 'nobody'}: {why}.")
    try:
        out = outgoing_for(draft, config.profile, now)
    except HeaderRefused as refused:
        if draft.to:
            raise AfterwordError(str(refused)) from None
        # No address yet: show the email anyway, without To, so it can be read and proofread.
        try:
            probe = outgoing_for(
                type(draft)(**{**draft.__dict__, "to": ["nobody@invalid.example"]}),
                config.profile,
                now,
            )
        except HeaderRefused as again:
            raise AfterwordError(str(again)) from None
        out = Outgoing(**{**probe.__dict__, "to": ()})
    message = build_message(out)
    if not out.to:
        del message["To"]  # no address yet: no To at all, rather than an empty one
    if args.eml:
        from afterword.compose.handoff import write_eml

        try:
            written = write_eml(Path(args.eml), message, database=db, option="--eml")
        except OSError as error:
            raise AfterwordError(
                str(error)
                if error.strerror is None
                else f"Cannot write {args.eml}: {error.strerror}."
            ) from None
        print(f"afterword: wrote {written}", file=sys.stderr)
    data = file_bytes(message)
    if sys.stdout.isatty():  # read on a terminal: headers in UTF-8, text from the data shown,
        # not acted on (piped to sendmail or a file, the message goes out as it was built)
        data = shown_lines(readable_bytes(message).decode("utf-8", "replace")).encode("utf-8")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0
