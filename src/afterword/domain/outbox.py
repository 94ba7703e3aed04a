"""The outbox: where a draft stands on its way out, and the moves allowed between the states.

``draft`` → ``queued`` (the Message-ID is fixed) → ``sending`` (saved to disk before the first
byte goes out) → ``sent``; a failure that surely sent nothing goes back to ``queued``, one that
may have sent the email goes to ``unknown``. ``sending`` found on disk means the app stopped
mid-send, so it counts as ``unknown``. Nothing here ever leaves ``unknown`` by itself: only the
user, who can look in their Sent folder, says ``sent`` or ``not sent``.
"""

from __future__ import annotations

import copy
from datetime import datetime

from afterword.domain.model import Draft, FollowUp, Interview
from afterword.domain.settings import ScheduleSettings
from afterword.domain.words import fold_name, in_words

SENDABLE = frozenset({"draft", "queued"})
UNCERTAIN = frozenset({"sending", "unknown"})

MAYBE_SENT = (
    "It may have been sent already (the connection broke while sending): check your Sent "
    "folder, then mark it sent or not sent."
)


class OutboxError(ValueError):
    """A move the draft's state does not allow; ``str()`` is one sentence saying why."""


def is_uncertain(draft: Draft) -> bool:
    """True when nobody knows whether the email went out (only the user can settle it)."""
    return draft.state in UNCERTAIN


def why_not_sendable(draft: Draft) -> str | None:
    """None when the draft may be sent now, else the sentence that says why not."""
    if draft.state in SENDABLE:
        return None
    if draft.state in UNCERTAIN:
        return MAYBE_SENT
    if draft.state == "sent":
        when = f" on {in_words(draft.sent_at)}" if draft.sent_at else ""
        return f"It was sent{when}; write a new draft to send another email."
    return f"Its state “{draft.state}” is not one Afterword knows; mark it sent or not sent."


def _refuse(draft: Draft, move: str) -> OutboxError:
    why = why_not_sendable(draft) or f"It is {draft.state}."
    return OutboxError(f"Cannot {move}: {why[0].lower()}{why[1:]}")


def queue(draft: Draft, message_id: str) -> None:
    """Put a draft in the outbox; its Message-ID is fixed from here on (an existing one is kept)."""
    if draft.state not in SENDABLE:
        raise _refuse(draft, "queue it")
    if not draft.message_id:
        draft.message_id = message_id
    draft.state = "queued"


def start_sending(draft: Draft) -> None:
    """The last state saved before the transport runs: found on disk, it means 'maybe sent'."""
    if draft.state == "draft":
        raise OutboxError("Cannot send it yet: queue it first, which fixes its Message-ID.")
    if draft.state != "queued":
        raise _refuse(draft, "send it")
    draft.state = "sending"


def record_sent(draft: Draft, now: datetime) -> None:
    """The server or the mail command took the email."""
    if draft.state != "sending":
        raise OutboxError(f"Cannot record it as sent: it is {draft.state}, not being sent.")
    draft.state = "sent"
    draft.sent_at = now


def record_failure(draft: Draft, maybe_sent: bool) -> None:
    """A failed attempt: back to ``queued`` (Message-ID kept), or ``unknown`` if it may be sent."""
    if draft.state != "sending":
        raise OutboxError(f"Cannot record a failed send: it is {draft.state}, not being sent.")
    draft.state = "unknown" if maybe_sent else "queued"


def mark_sent_by_hand(draft: Draft, now: datetime) -> None:
    """The user says it went out (through their mail client, or found in their Sent folder)."""
    if draft.state == "sent":
        raise _refuse(draft, "mark it sent")
    draft.state = "sent"
    draft.sent_at = now


def mark_not_sent(draft: Draft) -> None:
    """The user checked their Sent folder: it did not go out, so it may be sent again."""
    if draft.state not in UNCERTAIN:
        raise OutboxError(
            f"Cannot mark it not sent: it is {draft.state}, and only an email that may have "
            "been sent needs that."
        )
    draft.state = "queued"


def keep_what_went_out(restored: Interview, current: Interview) -> None:
    """Undo takes back edits, never an email's way out: each draft of ``current`` that is on
    its way or gone (sending, sent, maybe sent) keeps that state, Message-ID and time in
    ``restored``, the record an undo puts back; one that ``restored`` lacks is added as it is.
    Otherwise `u` after a send made the draft sendable again, with a new Message-ID."""
    gone = {d.id: d for d in current.drafts if d.state not in SENDABLE}
    for draft in restored.drafts:
        now = gone.pop(draft.id, None)
        if now is not None:
            draft.state, draft.message_id, draft.sent_at = now.state, now.message_id, now.sent_at
    restored.drafts.extend(copy.deepcopy(d) for d in gone.values())


def follow_ups_done_by(interview: Interview, draft: Draft) -> list[FollowUp]:
    """The open follow-ups that this sent draft completes (none while it is not sent).

    The caller marks them with ``schedule.mark_done`` so that rule 5 (the next check-in) applies.
    """
    if not draft.is_sent:
        return []
    open_items = interview.open_follow_ups()
    if draft.template == "thank-you":
        if not draft.person.strip():
            return []
        person = fold_name(draft.person)
        # It went to an address, so the address was found too.
        kinds = ("thank_you", "find_email")
        return [f for f in open_items if f.kind in kinds and fold_name(f.person) == person]
    if draft.template == "via-recruiter":
        return [f for f in open_items if f.kind == "thank_you"]
    if draft.template == "ask-recruiter":
        return [f for f in open_items if f.kind == "ask_recruiter"]
    if draft.template == "check-in":
        check_ins = [f for f in open_items if f.kind == "check_in"]
        return [min(check_ins, key=lambda f: f.due.replace(tzinfo=None))] if check_ins else []
    return []


def learn_address(interview: Interview, draft: Draft) -> str:
    """A thank-you sent to someone whose address the record lacks: keep the address it went to
    (the first in To), so the next email knows it; returns the address kept, or ""."""
    if draft.template != "thank-you" or not draft.is_sent or not draft.to:
        return ""
    from email.utils import parseaddr

    for person in interview.interviewers:
        if fold_name(person.name) == fold_name(draft.person) and not person.email:
            address = parseaddr(draft.to[0])[1]
            if "@" in address:
                person.email = address
                return address
    return ""


def complete_follow_ups(
    interview: Interview, draft: Draft, now: datetime, settings: ScheduleSettings
) -> bool:
    """A sent email does what its follow-ups asked; a thank-you to an address the record
    lacked also teaches the record that address. True when that was the last check-in, so
    the lead may be closed out (rule 5)."""
    from afterword.domain.schedule import mark_done

    last = False
    for follow_up in follow_ups_done_by(interview, draft):
        last = mark_done(interview, follow_up.id, now, settings).suggest_close_out or last
    learn_address(interview, draft)
    return last
