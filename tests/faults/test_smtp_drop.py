"""The SMTP server hangs up after DATA: the email may have gone out. The draft is recorded
'unknown' (sent or not), on disk before and after the attempt, and is never sent again by
itself; a second attempt sends nothing.

A real local server (`dropping_server`: it speaks SMTP up to DATA, reads the whole message,
then closes the connection without a reply) and a real database: each state change of the send
is saved with the interview, as the app saves it, before the next step runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.compose.sending import SendFailed, deliver
from afterword.domain.outbox import MAYBE_SENT
from afterword.store.repository import Repository
from tests.faults.helpers import assert_nothing_lost, make_db
from tests.smtp_servers import DroppingServer
from tests.unit.test_sending import NOW, a_draft, message_for, smtp

pytestmark = pytest.mark.fault("the SMTP server dropping the connection after DATA")


def test_a_broken_connection_after_data_is_unknown_and_never_resent(
    tmp_path: Path, dropping_server: DroppingServer
) -> None:
    db = tmp_path / "afterword.json"
    acknowledged = make_db(db, 3)
    draft = a_draft()
    interview = acknowledged[0]
    interview.drafts.append(draft)
    message = message_for(draft)
    states: list[str] = []
    with Repository.open(db) as repo:
        repo.save(interview)

        def save() -> None:  # the app's save: the interview with the draft's state, on disk
            repo.save(interview)
            states.append(repo.get(interview.id).drafts[-1].state)

        transport = smtp(dropping_server.port, timeout=2)
        with pytest.raises(SendFailed) as failed:
            deliver(draft, message, transport, save, NOW)
        assert failed.value.maybe_sent
        assert "may have been sent" in str(failed.value)
        assert draft.state == "unknown"
        assert states == ["sending", "unknown"]
        assert len(dropping_server.messages) == 1

        with pytest.raises(SendFailed) as again:
            deliver(draft, message, transport, save, NOW)
        assert str(again.value) == MAYBE_SENT
        assert not again.value.maybe_sent  # this attempt sent nothing
        assert (dropping_server.connections, len(dropping_server.messages)) == (1, 1)
        assert draft.state == "unknown"

    stored = assert_nothing_lost(db, acknowledged)
    assert stored[interview.id].drafts[-1].state == "unknown"
