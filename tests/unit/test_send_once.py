"""One draft, one email: the state moves to `sending` before any slow step, and a second send
of a draft on its way is refused with one sentence."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from afterword.compose.sending import SendFailed, begin_sending, deliver
from afterword.domain.outbox import MAYBE_SENT
from tests.unit.test_sending import NOW, a_draft, message_for


class Counting:
    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


def test_begin_sending_moves_the_draft_on_and_a_second_begin_is_refused() -> None:
    draft = a_draft()
    message = message_for(draft)
    begun = begin_sending(draft, message)
    assert (draft.state, draft.message_id) == ("sending", begun.message_id)
    with pytest.raises(SendFailed) as again:
        begin_sending(draft, message_for(draft))  # a second press: a fresh Message-ID
    assert str(again.value) == MAYBE_SENT
    assert not again.value.maybe_sent


def test_deliver_sends_a_begun_draft_once_and_refuses_it_without_the_proof() -> None:
    draft = a_draft()
    message = message_for(draft)
    begun = begin_sending(draft, message)
    transport = Counting()
    with pytest.raises(SendFailed):
        deliver(draft, message, transport, lambda: None, NOW)  # `sending`, but not begun here
    assert transport.sent == [] and draft.state == "sending"
    states: list[str] = []
    deliver(draft, message, transport, lambda: states.append(draft.state), NOW, begun)
    assert len(transport.sent) == 1 and states == ["sent"]
    with pytest.raises(SendFailed):
        deliver(draft, message, transport, lambda: None, NOW, begun)  # sent: never again
    assert len(transport.sent) == 1


def test_a_proof_for_another_email_is_refused() -> None:
    draft = a_draft()
    begun = begin_sending(draft, message_for(draft))
    other = message_for(a_draft())  # another draft's email, with its own Message-ID
    transport = Counting()
    with pytest.raises(SendFailed, match="not the one being sent"):
        deliver(draft, other, transport, lambda: None, NOW, begun)
    assert transport.sent == []


def test_undo_keeps_what_went_out() -> None:
    from datetime import datetime

    from afterword.domain.model import Interview
    from afterword.domain.outbox import keep_what_went_out

    before = Interview(company="Acme", when=datetime(2026, 11, 24, 14))
    edited, sent, later = a_draft(), a_draft(), a_draft()
    before.drafts = [edited, sent]
    current = Interview(company="Acme", when=before.when, id=before.id)
    current.drafts = [a_draft(id=edited.id, body="typed"), a_draft(id=sent.id), later]
    current.drafts[1].state, current.drafts[1].message_id = "sent", "<m1@example.com>"
    current.drafts[1].sent_at = NOW
    later.state = "unknown"
    keep_what_went_out(before, current)
    assert [d.state for d in before.drafts] == ["draft", "sent", "unknown"]
    assert before.drafts[1].message_id == "<m1@example.com>" and before.drafts[1].sent_at == NOW
    assert before.drafts[0].body == edited.body  # the edit itself is taken back
