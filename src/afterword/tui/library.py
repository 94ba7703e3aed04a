"""The app's copy of the interviews, and the one place that changes and saves them.

Screens read ``Library.interviews`` on the UI thread. A change is applied in memory at once,
remembered for undo, and saved by a single writer thread in the order it was made (a save of
10,000 interviews takes a few hundred milliseconds, so it never runs on the UI thread). When a
save fails the user is told in one sentence; the change stays in memory and is saved again with
the next one.
"""

from __future__ import annotations

import copy
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from afterword.config import Config
from afterword.domain.model import Interview
from afterword.domain.outbox import keep_what_went_out
from afterword.domain.schedule import cancel_earlier_rounds
from afterword.errors import AfterwordError

if TYPE_CHECKING:
    from afterword.store.repository import Repository

UNDO_STEPS = 50
T = TypeVar("T")


@dataclass
class Change:
    """One step the user can undo: what the interviews were before it."""

    label: str
    before: list[tuple[str, Interview | None]]  # (id, the interview as it was, or None: new)


class Library:
    """The interviews of one database, as the app sees and changes them."""

    def __init__(
        self,
        config: Config,
        now: Callable[[], datetime],
        on_change: Callable[[str], None],
        on_error: Callable[[str], None],
    ) -> None:
        self.repo: Repository | None = None
        self.config = config
        self.now = now
        self.interviews: dict[str, Interview] = {}
        self.loaded = False
        self._closed = False
        self.undo_stack: list[Change] = []
        self._on_change = on_change
        self._on_error = on_error
        self._pending: queue.Queue[Interview | str | None] = queue.Queue()
        self.failures = 0  # saves that failed so far (a send checks it before going on)
        # Drafts whose email is being sent right now (their state is `sending`): whichever
        # screen shows them, they are not sent again, marked, or undone until the send ends.
        self.sending: set[str] = set()
        self._writer = threading.Thread(
            target=self._write_loop, name="afterword-saver", daemon=True
        )

    # -- reading

    def attach(self, repo: Repository) -> None:
        """Use ``repo`` from now on (opened in a worker: parsing a big file takes a while)."""
        if self._closed:  # the app quit while the database was being read
            repo.close()
            return
        self.repo = repo
        self._writer.start()

    def load(self) -> None:
        """Read every interview (called from a worker thread before the tables fill)."""
        assert self.repo is not None
        self.interviews = {i.id: i for i in self.repo.interviews()}
        self.loaded = True

    def get(self, interview_id: str) -> Interview:
        return self.interviews[interview_id]

    def newest_first(self) -> list[Interview]:
        return sorted(
            self.interviews.values(), key=lambda i: i.when.replace(tzinfo=None), reverse=True
        )

    # -- changing

    def update(self, interview_id: str, label: str, edit: Callable[[Interview], T]) -> T:
        """Apply ``edit`` to a copy of one interview, keep the copy, and save it."""
        working = copy.deepcopy(self.interviews[interview_id])
        result = edit(working)
        self._commit(label, [working])
        return result

    def update_lead(self, interview_id: str, label: str, edit: Callable[[list[Interview]], T]) -> T:
        """Apply ``edit`` to copies of every round of one interview's lead (that interview
        first) and keep the rounds it changed as one change: one `u` takes it all back."""
        chosen = self.interviews[interview_id]
        rounds = [chosen] + [
            other
            for other in self.interviews.values()
            if other.id != interview_id and other.lead_key == chosen.lead_key
        ]
        working = [copy.deepcopy(i) for i in rounds]
        result = edit(working)
        changed = [w for w, before in zip(working, rounds, strict=True) if w != before]
        self._commit(label, changed or working[:1])
        return result

    def update_many(self, label: str, edits: dict[str, Callable[[Interview], bool]]) -> int:
        """Apply each edit to a copy of its interview, keep those it changed (it returns True)
        as one change, and save them; how many changed."""
        changed = []
        for interview_id, edit in edits.items():
            if interview_id not in self.interviews:
                continue
            working = copy.deepcopy(self.interviews[interview_id])
            if edit(working):
                changed.append(working)
        if changed:
            self._commit(label, changed)
        return len(changed)

    def put(self, interview: Interview, label: str) -> None:
        """Keep a new or edited interview; a later round of a lead cancels the earlier
        rounds' check-ins (rule 7)."""
        same_lead = [
            copy.deepcopy(other)
            for other in self.interviews.values()
            if other.id != interview.id and other.lead_key == interview.lead_key
        ]
        changed = cancel_earlier_rounds(interview, same_lead)
        self._commit(label, [interview, *changed])

    def delete(self, interview_id: str) -> Interview:
        """Remove one interview (undo puts it back; a backup holds it too)."""
        removed = self.interviews.pop(interview_id)
        label = f"Deleted {removed.company}"
        self._remember(Change(label, [(interview_id, removed)]))
        self._pending.put(interview_id)
        self._on_change(label)
        return removed

    def _commit(self, label: str, changed: list[Interview]) -> None:
        self._remember(Change(label, [(i.id, self.interviews.get(i.id)) for i in changed]))
        for interview in changed:
            self.interviews[interview.id] = interview
            self._pending.put(copy.deepcopy(interview))
        self._on_change(label)

    def _remember(self, step: Change) -> None:
        self.undo_stack.append(step)
        del self.undo_stack[:-UNDO_STEPS]

    def join_last(self, label: str) -> None:
        """Make the last change part of the one before it, when that one is ``label``: one
        `u` then takes back both (a close-out and the note drafted for it)."""
        if len(self.undo_stack) < 2 or self.undo_stack[-2].label != label:
            return
        later = self.undo_stack.pop()
        earlier = self.undo_stack[-1]
        known = {interview_id for interview_id, _ in earlier.before}
        earlier.before += [entry for entry in later.before if entry[0] not in known]

    def undo(self) -> str | None:
        """Put back the state before the last change; returns what was undone, or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        for interview_id, before in step.before:
            if before is None:
                self.interviews.pop(interview_id, None)
                self._pending.put(interview_id)
            else:
                current = self.interviews.get(interview_id)
                if current is not None:
                    keep_what_went_out(before, current)  # an email sent stays sent
                self.interviews[interview_id] = before
                self._pending.put(copy.deepcopy(before))
        self._on_change(f"Undone: {step.label}")
        return step.label

    # -- saving, on one writer thread

    def _write_loop(self) -> None:
        while True:
            item = self._pending.get()
            if item is None:
                self._pending.task_done()
                return
            assert self.repo is not None
            try:
                if isinstance(item, str):
                    if item in self.repo.ids():
                        self.repo.delete(item)
                else:
                    self.repo.save(item)
                if self._pending.qsize() == 0:
                    self.repo.refresh_agenda()
            except AfterwordError as error:
                self.failures += 1
                self._on_error(str(error))
            except OSError as error:  # pragma: no cover - AfterwordError covers the store's
                self.failures += 1
                self._on_error(f"Could not save: {error}")
            finally:
                self._pending.task_done()

    def flush(self) -> None:
        """Wait until every change so far is on disk."""
        self._pending.join()

    def close(self) -> None:
        """Finish the saves in flight, then let go of the database."""
        self._closed = True
        if self._writer.is_alive():
            self._pending.put(None)
            self._writer.join(timeout=60)
        if self.repo is not None:
            self.repo.close()
