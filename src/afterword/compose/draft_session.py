"""One interview's emails being edited, without the screen: which draft is shown, whether the
fields hold more than the stored draft, storing them, the note above the body, which keys do
something for the draft shown, whether a draft may go out now and what the send dialog warns
of, and what a rewrite, a send or a mark ("sent by hand", "not sent") keeps in the record.

The emails screen (``tui/screens/emails/``) shows and types; everything it decides about a
draft is asked here, so it is tested with plain values. The interviews are read and changed
through ``Records`` (the app's ``Library``): a change is applied in memory, remembered for undo
and saved by the library's writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypedDict, TypeVar

from afterword.config import key_said
from afterword.domain.drafting import AddressGuess, still_ahead, waiting_reason
from afterword.domain.model import Draft, Interview
from afterword.domain.words import day_and_time, day_time, fold_name

if TYPE_CHECKING:
    from email.message import EmailMessage

    from afterword.compose.drafts import Prepared
    from afterword.compose.message import Outgoing
    from afterword.compose.sending import Begun
    from afterword.config import Profile
    from afterword.domain.proofread import Finding
    from afterword.domain.settings import ScheduleSettings

T = TypeVar("T")
# Keys with nothing to do on a sent email (it can still be copied, written as .eml, or be the
# start of a new email from a template; send stays, to say when it went).
SENT_HIDES = frozenset({"edit_externally", "save", "mail_client", "regenerate"})
Severity = Literal["information", "warning", "error"]


class DraftValues(TypedDict):
    """What the To, Cc, Subject and body fields hold (To and Cc split into entries)."""

    to: list[str]
    cc: list[str]
    subject: str
    body: str


class Records(Protocol):
    """Where the interviews live: read one, change one under an undo label, and the drafts
    whose email is on its way out now (the app's ``Library`` is one)."""

    sending: set[str]

    def get(self, interview_id: str) -> Interview: ...

    def update(self, interview_id: str, label: str, edit: Callable[[Interview], T]) -> T: ...


@dataclass(frozen=True)
class Refusal:
    """Why a draft cannot go out now, as the notification says it."""

    text: str
    severity: Severity = "information"
    timeout: float | None = None
    markup: bool = True


@dataclass(frozen=True)
class Ready:
    """A stored draft that may go out, and its message (headers checked)."""

    draft: Draft
    out: Outgoing
    message: EmailMessage[str, str]  # its headers read and set as text


class DraftSession:
    """The drafts of one interview as the emails screen edits them."""

    def __init__(
        self, interview_id: str, records: Records, keymap: Mapping[str, str] | None = None
    ) -> None:
        self.interview_id = interview_id
        self.records = records
        self.keymap = dict(keymap or {})  # [keymap]: the keys the note names
        self.current = ""  # id of the draft shown
        self.sending = ""  # id of the draft a send worker is sending now
        self.dirty = False  # typed since the draft was last stored with the interview
        self.guesses: dict[str, AddressGuess] = {}
        self.findings: list[Finding] = []

    @property
    def interview(self) -> Interview:
        return self.records.get(self.interview_id)

    def draft(self, draft_id: str | None = None) -> Draft | None:
        """The draft ``draft_id`` (the one shown by default) as stored now."""
        wanted = draft_id or self.current
        return self.interview.draft(wanted)

    def first_draft(self, template: str = "", person: str = "") -> str | None:
        """The draft to show first: the newest unsent one of ``template`` for ``person`` when
        they are asked for, else the first that may go out now, else the first."""
        interview = self.interview
        drafts = interview.drafts
        if template or person:
            for draft in reversed(drafts):
                fits = (not template or draft.template == template) and (
                    not person or fold_name(draft.person) == fold_name(person)
                )
                if fits and not draft.is_sent:
                    return draft.id
        for draft in drafts:
            if not draft.is_sent and not waiting_reason(interview, draft):
                return draft.id
        return drafts[0].id if drafts else None

    # -- typing and storing

    def differs(self, values: DraftValues) -> bool:
        """Do the fields hold something else than the stored draft (False when there is
        none)? Loading a draft into them is not typing; only a real difference is."""
        draft = self.draft()
        if draft is None:
            return False
        return (values["to"], values["cc"], values["subject"], values["body"]) != (
            draft.to,
            draft.cc,
            draft.subject,
            draft.body,
        )

    def needs_storing(self) -> bool:
        """Typed since the last store, in a draft that can still change."""
        draft = self.draft()
        return draft is not None and self.dirty and not draft.is_sent

    def store(self, values: DraftValues, label: str = "Edited a draft") -> Draft | None:
        """Keep ``values`` in the shown draft (a changed subject or body marks it edited)."""
        draft_id = self.current

        def apply(working: Interview) -> None:
            for d in working.drafts:
                if d.id == draft_id:
                    text_changed = (values["subject"], values["body"]) != (d.subject, d.body)
                    d.to, d.cc = values["to"], values["cc"]
                    d.subject, d.body = values["subject"], values["body"]
                    d.edited = d.edited or text_changed

        self.records.update(self.interview_id, label, apply)
        self.dirty = False
        return self.draft()

    def record(self, values: DraftValues, now: datetime) -> dict[str, object]:
        """What the recovery file keeps of the text typed since the last store."""
        draft = self.draft()
        return {
            "kind": "draft",
            "interview_id": self.interview_id,
            "draft_id": self.current,
            "company": self.interview.company,
            "person": draft.person if draft else "",
            "template": draft.template if draft else "",
            "saved_at": now.isoformat(timespec="seconds"),
            **values,
        }

    def restore(self, record: dict[str, object]) -> str:
        """Put the unsaved text of a recovery record back into its draft (a new one when it
        is gone or was sent since); returns the draft's id."""
        draft_id = str(record.get("draft_id", ""))
        texts = {k: record.get(k) for k in ("to", "cc", "subject", "body")}

        def apply(working: Interview) -> str:
            draft = working.draft(draft_id)
            if draft is None or draft.is_sent:
                draft = Draft(
                    template=str(record.get("template") or "thank-you"),
                    person=str(record.get("person") or ""),
                )
                working.drafts.append(draft)
            draft.to = _strings(texts["to"])
            draft.cc = _strings(texts["cc"])
            draft.subject = str(texts["subject"] or "")
            draft.body = str(texts["body"] or "")
            draft.edited = True
            return draft.id

        return self.records.update(self.interview_id, "Restored a draft", apply)

    def drafted(self, outcome: Prepared) -> None:
        """Keep the drafts written when the screen opened: the new ones, and the addresses
        of those routed again."""
        created, rerouted = outcome.created, {d.id: d for d in outcome.rerouted}

        def add(interview: Interview) -> None:
            for draft in interview.drafts:
                if draft.id in rerouted:
                    draft.to, draft.cc = rerouted[draft.id].to, rerouted[draft.id].cc
            known = {d.id for d in interview.drafts}
            interview.drafts.extend(d for d in created if d.id not in known)

        self.records.update(self.interview_id, "Drafted the emails", add)

    def rewritten(self, fresh: Draft, *, new: bool) -> None:
        """Keep ``fresh``, written from its template: a new email, or the draft it was
        written again from (what it says and to whom; no longer edited nor outdated)."""

        def apply(working: Interview) -> None:
            if new:
                working.drafts.append(fresh)
                return
            for d in working.drafts:
                if d.id == fresh.id:
                    d.template, d.person = fresh.template, fresh.person
                    d.to, d.cc = fresh.to, fresh.cc
                    d.subject, d.body, d.edited = fresh.subject, fresh.body, False
                    d.outdated = False

        label = "Wrote a new email" if new else "Wrote a draft again"
        self.records.update(self.interview_id, label, apply)

    # -- what the screen says

    def offers(self, action: str) -> bool:
        """Does the key ``action`` do something for the draft shown? The guess only where
        there is one to use; on a sent email, not the keys of ``SENT_HIDES``."""
        draft = self.draft()
        if action == "use_guess":
            return bool(
                draft and not draft.is_sent and draft.person in self.guesses and not draft.to
            )
        return not (draft is not None and draft.is_sent and action in SENT_HIDES)

    def note(self, draft: Draft, now: datetime, profile: Profile) -> str:
        """The note above the body: where the draft stands and what it waits for."""
        interview = self.interview
        parts: list[str] = []
        if draft.state == "sent" and draft.sent_at:
            parts.append(f"Sent {day_and_time(draft.sent_at)}.")
        elif draft.state == "sending" and draft.id in self.records.sending:
            parts.append("Sending…")
        elif draft.state in ("unknown", "sending"):
            parts.append(
                "It may have been sent already: the connection broke while sending. Check "
                f"your Sent folder; {self._key('emails.send', 'ctrl+g')} lets you mark it sent or "
                "not sent."
            )
        else:
            why = waiting_reason(interview, draft)
            if why == "address needed":
                guess = self.guesses.get(draft.person)
                parts.append(f"Address needed for {draft.person}.")
                if guess is not None:
                    use = self._key("emails.use_guess", "ctrl+n")
                    parts.append(f"Perhaps {guess.in_words()}; {use} puts it in To.")
            elif why:
                parts.append(why[0].upper() + why[1:] + ".")
                if interview.recruiter is not None and interview.recruiter.direct_contact == "ask":
                    call = self._key("detail.call", "p")
                    parts.append(f"Record the answer on the call sheet ({call} on the interview).")
        if draft.outdated and draft.state == "draft":
            parts.append(
                "Edited by you, and written before the debrief or your profile changed: "
                f"{self._key('emails.regenerate', 'ctrl+r')} rewrites it from the record (it asks "
                "first: your edits would be lost)."
            )
        if not draft.is_sent:
            if draft.template == "thank-you" and still_ahead(interview, now):
                when = day_time(interview.when)
                parts.append(f"The interview is still ahead ({when}): send the thank-you after it.")
            if not (profile.name.strip() and profile.email.strip()):
                parts.append(
                    "Your name or address is not set: ctrl+p, Your profile, sets them "
                    "(saved under [profile] in config.toml)."
                )
        return " ".join(parts)

    def _key(self, binding_id: str, default: str) -> str:
        return key_said(self.keymap, binding_id, default)

    # -- going out

    def being_sent(self, draft: Draft) -> Refusal | None:
        """Said while this draft's email is on its way out (then nothing else may touch it)."""
        if draft.id not in self.records.sending:
            return None
        return Refusal(
            f"This email to {', '.join(draft.to) or 'them'} is being sent now; wait for the "
            "answer before doing anything else with it.",
            severity="warning",
            markup=False,
        )

    def ready(
        self, draft: Draft, profile: Profile, now: datetime, *, for_sending: bool = True
    ) -> Ready | Refusal:
        """The stored ``draft`` and its message, or why it cannot go out yet (for sending, a
        draft that waits for the recruiter's answer or an address is refused too)."""
        from afterword.compose.message import HeaderRefused, build_message, outgoing_for

        if for_sending:
            refused = self.being_sent(draft)
            if refused is not None:
                return refused
            if not draft.is_sent:
                why = waiting_reason(self.interview, draft)
                if why:
                    return Refusal(f"Not yet: {why}.", severity="warning")
        try:
            out = outgoing_for(draft, profile, now)
        except HeaderRefused as refused_header:
            return Refusal(str(refused_header), severity="error", timeout=12)
        return Ready(draft, out, build_message(out))

    def send_warnings(
        self, ready: Ready, open_count: int, findings_key: str, now: datetime
    ) -> tuple[list[str], list[str]]:
        """What the send dialog warns of, and what it notes plainly."""
        draft, out = ready.draft, ready.out
        warnings: list[str] = []
        notes: list[str] = []
        if open_count:
            warnings.append(open_findings(open_count, findings_key))
        else:
            notes.append("No proofreading findings.")
        if draft.template == "thank-you" and still_ahead(self.interview, now):
            warnings.append("The interview has not happened yet: this thanks them in advance.")
        if draft.template == "thank-you" and any(
            g.address in out.to[0] for g in self.guesses.values()
        ):
            warnings.append("The address is a guess: make sure it is right.")
        return warnings, notes

    # -- what a send changes

    def begin_sending(self, draft_id: str, message: EmailMessage[str, str]) -> Begun:
        """The draft becomes `sending` with ``message``'s Message-ID, before any slow step
        (raises ``SendFailed`` when it may not); from now on it is on its way out."""
        from afterword.compose.sending import begin_sending

        def apply(working: Interview) -> Begun:
            return begin_sending(_the(working, draft_id), message)

        begun = self.records.update(self.interview_id, "Sending an email", apply)
        self.records.sending.add(draft_id)
        self.sending = draft_id
        return begun

    def keep_state(self, sending: Draft) -> None:
        """Keep the state a send reached (its Message-ID and when it went)."""

        def apply(working: Interview) -> None:
            for d in working.drafts:
                if d.id == sending.id:
                    d.state, d.message_id, d.sent_at = (
                        sending.state,
                        sending.message_id,
                        sending.sent_at,
                    )

        self.records.update(self.interview_id, "Sent an email", apply)

    def send_ended(self, draft_id: str) -> None:
        """The send worker of ``draft_id`` is done, however it ended."""
        if self.sending == draft_id:
            self.sending = ""

    def sent(self, draft_id: str, now: datetime, settings: ScheduleSettings) -> bool:
        """A send went out: its follow-ups are done. True when that was the last check-in."""
        from afterword.domain import outbox

        def apply(working: Interview) -> bool:
            draft = _the(working, draft_id)
            return outbox.complete_follow_ups(working, draft, now, settings)

        return self.records.update(self.interview_id, "Sent an email", apply)

    def change_state(
        self,
        draft_id: str,
        how: Literal["sent-by-hand", "not-sent"],
        now: datetime,
        settings: ScheduleSettings,
    ) -> bool:
        """Mark a draft not sent or sent by hand (its follow-ups then done); True when that
        did the last check-in."""
        from afterword.domain import outbox

        def apply(working: Interview) -> bool:
            draft = _the(working, draft_id)
            if how == "not-sent":
                outbox.mark_not_sent(draft)
                return False
            outbox.mark_sent_by_hand(draft, now)
            return outbox.complete_follow_ups(working, draft, now, settings)

        return self.records.update(self.interview_id, "Changed a draft's state", apply)


def _the(interview: Interview, draft_id: str) -> Draft:
    return next(d for d in interview.drafts if d.id == draft_id)


def open_findings(count: int, key: str) -> str:
    """What the send dialog says of the findings still open: "2 proofreading findings still
    open (ctrl+f shows them)."."""
    if count == 1:
        return f"1 proofreading finding still open ({key} shows it)."
    return f"{count} proofreading findings still open ({key} shows them)."


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, Iterable) and value else []
