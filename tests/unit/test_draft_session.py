"""The drafts of one interview as the emails screen edits them, without the screen: which draft
comes first, typing and storing, the recovery record, the note, readiness and send warnings,
the keys a sent email keeps, and what a rewrite and a send keep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from afterword.compose.draft_session import (
    DraftSession,
    DraftValues,
    Ready,
    Refusal,
    open_findings,
)
from afterword.config import Profile
from afterword.domain.drafting import AddressGuess
from afterword.domain.model import Draft, Interview, Person, Recruiter

T = TypeVar("T")
AFTER = datetime(2026, 11, 25, 9, 0)
BEFORE = datetime(2026, 11, 23, 9, 0)
ME = Profile(name="Alex Morgan", email="alex@example.com")


class Shelf:
    """Records in memory: what the app's Library does, without undo or a disk."""

    def __init__(self, interview: Interview) -> None:
        self.interview = interview
        self.sending: set[str] = set()
        self.labels: list[str] = []

    def get(self, interview_id: str) -> Interview:
        assert interview_id == self.interview.id
        return self.interview

    def update(self, interview_id: str, label: str, edit: Callable[[Interview], T]) -> T:
        self.labels.append(label)
        return edit(self.get(interview_id))


def acme(*drafts: Draft, recruiter: Recruiter | None = None) -> Interview:
    return Interview(
        company="Acme Robotics",
        when=datetime(2026, 11, 24, 14, 0),
        interviewers=[
            Person("Dana Whitfield", email="dana@acme.example"),
            Person("Lee Chen"),
        ],
        recruiter=recruiter,
        drafts=list(drafts),
    )


def dana(**fields: object) -> Draft:
    draft = Draft(
        template="thank-you",
        person="Dana Whitfield",
        to=["Dana Whitfield <dana@acme.example>"],
        subject="Thank you",
        body="Dear Dana,\n\nThank you.\n\nAlex",
    )
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft


def session_of(*drafts: Draft, recruiter: Recruiter | None = None) -> tuple[DraftSession, Shelf]:
    shelf = Shelf(acme(*drafts, recruiter=recruiter))
    return DraftSession(shelf.interview.id, shelf), shelf


def values_of(draft: Draft, **changes: object) -> DraftValues:
    values: DraftValues = {
        "to": list(draft.to),
        "cc": list(draft.cc),
        "subject": draft.subject,
        "body": draft.body,
    }
    values.update(changes)  # type: ignore[typeddict-item]
    return values


def test_the_first_draft_is_the_one_asked_for_else_the_first_that_may_go_out() -> None:
    lee = Draft(template="thank-you", person="Lee Chen")  # waits for an address
    sent = dana(state="sent", sent_at=AFTER)
    first = dana()
    session, _ = session_of(lee, sent, first)
    assert session.first_draft() == first.id
    assert session.first_draft("thank-you", "lee  chen") == lee.id
    assert session.first_draft("close-out") == first.id
    empty, _ = session_of()
    assert empty.first_draft() is None


def test_loading_is_not_typing_and_storing_keeps_the_fields_and_marks_an_edit() -> None:
    draft = dana()
    session, shelf = session_of(draft)
    session.current = draft.id
    assert not session.differs(values_of(draft))
    assert session.differs(values_of(draft, cc=["sam@tb.example"]))
    assert not session.needs_storing()
    session.dirty = True
    assert session.needs_storing()
    stored = session.store(values_of(draft, cc=["sam@tb.example"]))
    assert stored is not None and stored.cc == ["sam@tb.example"] and not stored.edited
    assert not session.dirty and shelf.labels == ["Edited a draft"]
    session.dirty = True
    stored = session.store(values_of(draft, body="Dear Dana,\n\nThanks."), "Saved")
    assert stored is not None and stored.edited and stored.body == "Dear Dana,\n\nThanks."
    draft.state = "sent"
    session.dirty = True
    assert not session.needs_storing()  # a sent email no longer changes


def test_the_recovery_record_and_restoring_it() -> None:
    draft = dana()
    session, _ = session_of(draft)
    session.current = draft.id
    record = session.record(values_of(draft, subject="Thanks!"), AFTER)
    assert record["draft_id"] == draft.id and record["company"] == "Acme Robotics"
    assert record["subject"] == "Thanks!" and record["saved_at"] == "2026-11-25T09:00:00"
    assert session.restore(record) == draft.id
    assert draft.subject == "Thanks!" and draft.edited
    draft.state = "sent"  # sent since: the text comes back as a new email
    again = session.restore(record)
    assert again != draft.id
    restored = session.draft(again)
    assert restored is not None and restored.to == draft.to and restored.person == draft.person


def test_the_note_says_where_the_draft_stands() -> None:
    lee = Draft(template="thank-you", person="Lee Chen")
    session, shelf = session_of(lee)
    assert session.note(lee, AFTER, ME) == "Address needed for Lee Chen."
    session.guesses["Lee Chen"] = AddressGuess("lee.chen@acme.example", "first.last", 2)
    assert "ctrl+n puts it in To" in session.note(lee, AFTER, ME)
    early = dana()
    assert "still ahead (Tue 24 Nov 14:00)" in session.note(early, BEFORE, ME)
    assert "Your name or address is not set" in session.note(early, AFTER, Profile())
    assert session.note(dana(state="sent", sent_at=AFTER), AFTER, ME).startswith("Sent ")
    sending = dana(state="sending")
    assert "may have been sent already" in session.note(sending, AFTER, ME)
    shelf.sending.add(sending.id)
    assert session.note(sending, AFTER, ME) == "Sending…"
    assert "ctrl+r" in session.note(dana(outdated=True), AFTER, ME)


def test_a_draft_goes_out_only_when_it_is_ready() -> None:
    waits = dana()
    session, shelf = session_of(waits, recruiter=Recruiter("Sam Ortiz", direct_contact="ask"))
    refused = session.ready(waits, ME, AFTER)
    assert isinstance(refused, Refusal) and refused.text.startswith("Not yet: waiting for")
    assert isinstance(session.ready(waits, ME, AFTER, for_sending=False), Ready)
    shelf.sending.add(waits.id)
    busy = session.ready(waits, ME, AFTER)
    assert isinstance(busy, Refusal) and "is being sent now" in busy.text and not busy.markup
    bad = dana(to=["dana@acme.example\nBcc: x@y.example"])
    session, _ = session_of(bad)
    refused = session.ready(bad, ME, AFTER)
    assert isinstance(refused, Refusal) and refused.severity == "error"


def test_what_the_send_dialog_warns_of() -> None:
    draft = dana(to=["Lee Chen <lee.chen@acme.example>"])
    session, _ = session_of(draft)
    ready = session.ready(draft, ME, BEFORE)
    assert isinstance(ready, Ready)
    assert session.send_warnings(ready, 0, "ctrl+f", AFTER) == ([], ["No proofreading findings."])
    session.guesses["Lee Chen"] = AddressGuess("lee.chen@acme.example", "first.last", 2)
    warnings, notes = session.send_warnings(ready, 2, "f5", BEFORE)
    assert warnings == [
        "2 proofreading findings still open (f5 shows them).",
        "The interview has not happened yet: this thanks them in advance.",
        "The address is a guess: make sure it is right.",
    ]
    assert notes == []
    assert open_findings(1, "ctrl+f") == "1 proofreading finding still open (ctrl+f shows it)."


def test_a_sent_email_offers_only_the_keys_that_still_do_something() -> None:
    lee = Draft(template="thank-you", person="Lee Chen")
    session, _ = session_of(lee, dana(state="sent", sent_at=AFTER))
    session.current = lee.id
    assert not session.offers("use_guess")  # no guess to use
    session.guesses["Lee Chen"] = AddressGuess("lee.chen@acme.example", "first.last", 2)
    assert session.offers("use_guess") and session.offers("regenerate")
    session.current = session.interview.drafts[1].id
    for action in ("regenerate", "save", "mail_client", "edit_externally", "use_guess"):
        assert not session.offers(action), action
    assert session.offers("send") and session.offers("pick_template")


def test_what_writing_again_and_drafting_keep() -> None:
    draft = dana(edited=True, outdated=True)
    session, shelf = session_of(draft)
    fresh = Draft(
        template="check-in",
        person="Lee Chen",
        to=["lee@acme.example"],
        subject="Checking in",
        body="Hello",
    )
    fresh.id = draft.id
    session.rewritten(fresh, new=False)
    kept = session.draft(draft.id)
    assert kept is not None and (kept.template, kept.person, kept.to) == (
        "check-in",
        "Lee Chen",
        ["lee@acme.example"],
    )
    assert kept.subject == "Checking in" and not kept.edited and not kept.outdated
    other = Draft(template="close-out", person="Dana Whitfield")
    session.rewritten(other, new=True)
    assert session.interview.drafts[-1] is other
    assert shelf.labels == ["Wrote a draft again", "Wrote a new email"]


def test_a_send_begins_keeps_its_state_and_ends() -> None:
    from email.message import EmailMessage

    draft = dana()
    session, shelf = session_of(draft)
    message: EmailMessage[str, str] = EmailMessage()
    message["Message-ID"] = "<1@acme.example>"
    begun = session.begin_sending(draft.id, message)
    assert begun.message_id == "<1@acme.example>" and draft.state == "sending"
    assert draft.id in shelf.sending and session.sending == draft.id
    went = dana(state="sent", sent_at=AFTER, message_id="<1@acme.example>")
    went.id = draft.id
    session.keep_state(went)
    assert (draft.state, draft.sent_at) == ("sent", AFTER)
    session.send_ended("another")
    assert session.sending == draft.id
    session.send_ended(draft.id)
    assert session.sending == ""
    assert shelf.labels == ["Sending an email", "Sent an email"]


def test_a_send_or_a_mark_completes_the_follow_ups() -> None:
    from afterword.domain.model import FollowUp
    from afterword.domain.settings import ScheduleSettings

    uncertain = dana(state="unknown", message_id="<2@acme.example>")
    session, shelf = session_of(uncertain)
    thanks = FollowUp("thank_you", AFTER, person="Dana Whitfield")
    session.interview.follow_ups.append(thanks)
    assert session.change_state(uncertain.id, "not-sent", AFTER, ScheduleSettings()) is False
    assert uncertain.state == "queued" and thanks.done_at is None
    assert session.change_state(uncertain.id, "sent-by-hand", AFTER, ScheduleSettings()) is False
    assert uncertain.state == "sent" and thanks.done_at == AFTER
    sent = dana(state="sent", sent_at=AFTER)
    session, shelf = session_of(sent)
    thanks = FollowUp("thank_you", AFTER, person="Dana Whitfield")
    session.interview.follow_ups.append(thanks)
    assert session.sent(sent.id, AFTER, ScheduleSettings()) is False
    assert thanks.done_at == AFTER and shelf.labels == ["Sent an email"]
