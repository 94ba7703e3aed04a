"""Unsaved debriefs and drafts from last time, offered back one at a time when the data is read
(never dropped silently): Restore opens the form with the text, Discard drops it, escape leaves
it for next time. A record the form cannot take is moved to a file of its own and said so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work

from afterword.domain.words import in_words

if TYPE_CHECKING:
    from afterword.store.recovery import Recovery
    from afterword.tui.app import AfterwordApp

# What one offer says and what Restore does: (the text offered, open the form, the kind said
# when it is discarded)
Offer = tuple[str, Callable[[], object], str]


def changed_words(before: str, after: str, count: int = 12) -> str:
    """Some words of what ``after`` says that ``before`` did not: from the start of the line
    where they first differ (so an offer of unsaved text shows what was typed, not the
    template's opening)."""
    same = 0
    for a, b in zip(before, after, strict=False):
        if a != b:
            break
        same += 1
    start = after.rfind("\n", 0, same) + 1
    words = after[start:].split()
    if not words:
        return ""
    lead = "…" if start else ""
    tail = "…" if len(words) > count else ""
    return lead + " ".join(words[:count]) + tail


@work(group="recovery")
async def offer_recovery(app: AfterwordApp) -> None:
    """Ask Restore or Discard for each unsaved debrief and draft, the oldest first."""
    from afterword.store.recovery import Recovery
    from afterword.tui.screens.debrief import SLOT
    from afterword.tui.screens.dialogs import RestoreDialog
    from afterword.tui.screens.emails import SLOT as DRAFT_SLOT

    recovery = Recovery(app.db_path)
    records = recovery.records()
    for problem in recovery.problems:
        app.notify(problem, severity="warning", timeout=15)
    waiting = sorted(
        (slot for slot in records if slot.split(":")[0] in (SLOT, DRAFT_SLOT)),
        key=lambda slot: str(records[slot].get("saved_at", "")),
    )
    for slot in waiting:
        record = records[slot]
        if _set_aside_if_unfit(app, recovery, slot, record):
            continue
        if record.get("kind") == "draft":
            offer = _draft_offer(app, recovery, slot, record)
        else:
            offer = _debrief_offer(app, slot, record)
        if offer is None:
            continue
        what, restore, kind = offer
        restored = await app.push_screen_wait(RestoreDialog(what, _kept_when(record)))
        if restored:
            restore()
        elif restored is False:
            recovery.drop(slot)
            app.notify(f"Discarded the unsaved {kind}.")


def _kept_when(record: dict[str, Any]) -> str:
    try:
        return in_words(datetime.fromisoformat(str(record.get("saved_at"))))
    except ValueError:
        return "at an unknown time"


def _set_aside_if_unfit(
    app: AfterwordApp, recovery: Recovery, slot: str, record: dict[str, Any]
) -> bool:
    """A record the form cannot take (hand-edited, another version): moved to a file of
    its own to copy from, and said so; True when it was."""
    from afterword.store.recovery import RecoveryFailed, record_problem

    problem = record_problem(record)
    if problem is None:
        return False
    what = "email" if record.get("kind") == "draft" else "debrief"
    try:
        aside = recovery.set_aside(slot)
    except RecoveryFailed as error:
        app.notify(
            f"The unsaved {what} text in {recovery.path} cannot be restored ({problem}) "
            f"nor moved aside ({error.strerror}); it is left there: copy it from the file.",
            severity="warning",
            timeout=20,
        )
        return True
    app.notify(
        f"The unsaved {what} text from last time cannot go back into the form ({problem}); "
        f"it is kept as text in {aside}: copy what you need from there.",
        severity="warning",
        timeout=20,
    )
    return True


def _debrief_offer(app: AfterwordApp, slot: str, record: dict[str, Any]) -> Offer:
    from afterword.compose.debrief_form import DebriefForm, typed_at
    from afterword.tui.screens.debrief import DebriefScreen

    form = DebriefForm.from_values(record["values"])
    interview_id = record.get("interview_id")
    if interview_id not in app.library.interviews:
        interview_id = None  # deleted meanwhile: restore it as a new interview
    return (
        form.summary(),
        lambda: app.push_screen(
            DebriefScreen(interview_id, form, restored=True, slot=slot, typed_at=typed_at(record))
        ),
        "debrief",
    )


def _draft_offer(
    app: AfterwordApp, recovery: Recovery, slot: str, record: dict[str, Any]
) -> Offer | None:
    from afterword.tui.screens.emails import EmailsScreen

    interview_id = str(record.get("interview_id", ""))
    if interview_id not in app.library.interviews:
        app.notify(
            f"Unsaved text of an email is kept in {recovery.path}, but its interview is "
            "gone; it is left there.",
            severity="warning",
        )
        return None
    interview = app.library.get(interview_id)
    person = str(record.get("person") or "someone")
    wanted = record.get("draft_id")
    draft = interview.draft(wanted) if isinstance(wanted, str) else None
    stored = draft.body if draft is not None else ""
    words = changed_words(stored, str(record.get("body") or ""))
    what = f"An email to {person} ({interview.company})" + (f": {words}" if words else "")
    return (
        what,
        lambda: app.push_screen(EmailsScreen(interview_id, restored=record, slot=slot)),
        "email text",
    )
