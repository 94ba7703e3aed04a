"""One interview's emails being edited, without the screen: which draft is shown, whether the
fields hold more than the stored draft, storing them, the note above the body, whether a draft
may go out now and what the send dialog warns of.

The emails screen (``tui/screens/emails/``) shows and types; everything it decides about a
draft is asked here, so it is tested with plain values. The interviews are read and changed
through ``Records`` (the app's ``Library``): a change is applied in memory, remembered for undo
and saved by the library's writer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol, TypedDict, TypeVar

from afterword.domain.drafting import AddressGuess, still_ahead, waiting_reason
from afterword.domain.model import Draft, Interview
from afterword.domain.words import day_and_time, fold_name

if TYPE_CHECKING:
    from email.message import EmailMessage

    from afterword.compose.message import Outgoing
    from afterword.config import Profile
    from afterword.domain.proofread import Finding

T = TypeVar("T")
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

    def __init__(self, interview_id: str, records: Records) -> None:
        self.interview_id = interview_id
        self.records = records
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

    # -- what the screen says

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
                "your Sent folder; ctrl+g lets you mark it sent or not sent."
            )
        else:
            why = waiting_reason(interview, draft)
            if why == "address needed":
                guess = self.guesses.get(draft.person)
                parts.append(f"Address needed for {draft.person}.")
                if guess is not None:
                    parts.append(f"Perhaps {guess.in_words()}; ctrl+n puts it in To.")
            elif why:
                parts.append(why[0].upper() + why[1:] + ".")
                if interview.recruiter is not None and interview.recruiter.direct_contact == "ask":
                    parts.append("Record the answer on the call sheet (p on the interview).")
        if draft.outdated and draft.state == "draft":
            parts.append(
                "Edited by you, and written before the debrief or your profile changed: ctrl+r "
                "rewrites it from the record (it asks first: your edits would be lost)."
            )
        if not draft.is_sent:
            if draft.template == "thank-you" and still_ahead(interview, now):
                when = f"{interview.when:%a} {interview.when.day} {interview.when:%b %H:%M}"
                parts.append(f"The interview is still ahead ({when}): send the thank-you after it.")
            if not (profile.name.strip() and profile.email.strip()):
                parts.append(
                    "Your name or address is not set: ctrl+p, Your profile, sets them "
                    "(saved under [profile] in config.toml)."
                )
        return " ".join(parts)

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


def open_findings(count: int, key: str) -> str:
    """What the send dialog says of the findings still open: "2 proofreading findings still
    open (ctrl+f shows them)."."""
    if count == 1:
        return f"1 proofreading finding still open ({key} shows it)."
    return f"{count} proofreading findings still open ({key} shows them)."


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, Iterable) and value else []
