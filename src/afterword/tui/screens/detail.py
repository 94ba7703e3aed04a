"""Everything known about one interview: the debrief, people, follow-ups, drafts, a timeline."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from afterword.domain.conflicts import MARK, differ_words
from afterword.domain.decision import decision_day
from afterword.domain.follow_up_rules import waiting_for
from afterword.domain.model import FollowUp, Interview
from afterword.domain.words import day_month, day_time, in_words, joined_parts, long_day
from afterword.tui.actions import FollowUpScreen
from afterword.tui.key_names import key_name
from afterword.tui.screens.today import due_words
from afterword.tui.text import joined, styled
from afterword.tui.widgets.key_bar import KeyBar
from afterword.tui.widgets.record_table import RecordTable

DEBRIEF_FIELDS = (
    ("tone", "Tone"),
    ("focus", "Focus of the questions"),
    ("went_well", "What went well"),
    ("went_poorly", "What did not go so well"),
    ("next_steps", "Next steps, as they said them"),
    ("remember", "Remember me"),
    ("reinforce", "Reinforce"),
    ("recoup", "Recoup"),
    ("notes", "Notes"),
)


def state_of(done_at: datetime | None, cancelled: bool) -> str:
    if cancelled:
        return "cancelled"
    return f"done {day_month(done_at)} {done_at:%H:%M}" if done_at else "open"


def interview_event(interview: Interview) -> str:
    """'Interview (Final round) at Video call', with only the parts that are known."""
    stage = f"({interview.stage.strip()})" if interview.stage.strip() else ""
    where = f"at {interview.where.strip()}" if interview.where.strip() else ""
    return joined_parts("Interview", stage, where, sep=" ")


def address_state(interview: Interview) -> str:
    """What an interviewer without an address means: "via Maya Brooks" when the recruiter
    forwards the thank-yous (no address is needed), else "address needed"."""
    recruiter = interview.recruiter
    if recruiter is not None and recruiter.direct_contact == "forward":
        return f"via {recruiter.name}"
    return "address needed"


def _aside(item: FollowUp) -> str:
    """After a follow-up's title: snoozed, or why it was cancelled."""
    if item.cancelled and item.reason:
        return f" ({item.reason})"
    return " (snoozed)" if item.snoozed else ""


def timeline(interview: Interview) -> list[tuple[datetime, str]]:
    """What happened when, oldest first."""
    events = [(interview.when, interview_event(interview))]
    for item in interview.follow_ups:
        if item.done_at:
            events.append((item.done_at, f"Done: {item.title}"))
    for draft in interview.drafts:
        if draft.sent_at:
            events.append((draft.sent_at, f"Sent: {draft.subject or draft.template}"))
    if interview.replied_at:
        events.append((interview.replied_at, "They replied"))
    return sorted(events, key=lambda e: e[0].replace(tzinfo=None))


class DetailScreen(FollowUpScreen):
    """One interview, read top to bottom; the follow-ups table takes the keys."""

    KEYS = "detail"

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="detail.back"),
        # hidden unless a field was changed on another machine; then first, so the bar has room
        Binding(
            "m",
            "conflicts",
            "Changed elsewhere",
            id="detail.conflicts",
            tooltip="The fields changed on another machine: keep yours or take theirs",
        ),
        Binding("x", "done", "Done", id="detail.done"),
        Binding("z", "snooze", "Snooze", id="detail.snooze"),
        Binding("a", "add_follow_up", "Add", id="detail.add"),
        Binding("r", "reply", "Replied", id="detail.reply"),
        Binding("s", "status", "Status", id="detail.status"),
        Binding("o", "close_out", "Close out", id="detail.close_out"),
        Binding("d", "edit_debrief", "Debrief", id="detail.debrief"),
        Binding("e", "drafts", "Emails", id="detail.emails"),
        Binding("p", "call_sheet", "Call", id="detail.call"),
    ]

    def __init__(self, interview_id: str) -> None:
        super().__init__()
        self.interview_id = interview_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(id="heading", classes="detail-heading")
            yield Static(id="conflicts-line", classes="detail-conflicts")
            yield Static(id="people", classes="detail-block")
            yield Static("Follow-ups", classes="detail-title")
            yield RecordTable(id="follow-ups")
            yield Static(id="debrief", classes="detail-block")
            yield Static(id="drafts", classes="detail-block")
            yield Static(id="timeline", classes="detail-block")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(RecordTable).focus()

    def refresh_data(self) -> None:
        library = self.afterword.library
        if self.interview_id not in library.interviews:
            self.app.pop_screen()  # deleted (or undone away) while open
            return
        i = library.get(self.interview_id)
        now = self.afterword.now()
        self.sub_title = i.company
        self.query_one("#heading", Static).update(
            styled(
                (i.company, "b"),
                f" · {i.role}" if i.role.strip() else "",
                "   " if i.stage.strip() else "",
                (i.stage, "dim"),
                f"\n{joined_parts(in_words(i.when), i.where)} · status ",
                (i.status, "b"),
                f" · replied {in_words(i.replied_at)}" if i.replied_at else "",
            )
        )
        line = self.query_one("#conflicts-line", Static)
        line.display = bool(i.conflicts)
        if i.conflicts:
            choose = key_name(self.app, "detail.conflicts", "m")
            line.update(
                styled(
                    (f"{MARK} Changed on another machine: {differ_words(len(i.conflicts))}", "b"),
                    f" · {choose} to keep yours or take theirs",
                )
            )
        self.query_one("#people", Static).update(self._people(i))
        table = self.query_one(RecordTable)
        keep = table.current_key
        table.clear(columns=True)
        table.add_column("Due", width=16)
        table.add_column("What", width=max(20, self.size.width - 16 - 17 - 10))
        table.add_column("State", width=17)
        for item in sorted(i.follow_ups, key=lambda f: (not f.is_open, f.due.replace(tzinfo=None))):
            style = "" if item.is_open else "dim"
            waits = item.is_open and waiting_for(i, item) is not None  # rule 8: never late
            table.add_row(
                Text(
                    due_words(item.due, now, waits) if item.is_open else f"{day_time(item.due)}",
                    style=style,
                ),
                Text(item.title + _aside(item), style=style),
                Text("waiting" if waits else state_of(item.done_at, item.cancelled), style=style),
                key=item.id,
            )
        if keep is not None and keep in {f.id for f in i.follow_ups}:
            table.move_cursor(row=table.get_row_index(keep))
        self.query_one("#debrief", Static).update(self._debrief(i, now))
        self.query_one("#drafts", Static).update(self._drafts(i))
        events = (f"  {day_time(when)}  {what}" for when, what in timeline(i))
        self.query_one("#timeline", Static).update(joined([styled(("Timeline", "b")), *events]))

    def _people(self, i: Interview) -> Content:
        lines: list[Content | str] = [styled(("People", "b"))]
        for p in i.interviewers:
            address = p.email or (address_state(i), "i")
            lines.append(styled(f"  {joined_parts(p.name, p.title, sep=', ')} · ", address))
        if i.recruiter:
            r = i.recruiter
            contact = {
                "ask": "not asked yet",
                "allowed": "you may write directly",
                "forward": "they forward your notes",
            }[r.direct_contact]
            lines.append(
                f"  Recruiter: {r.name} ({r.agency or 'agency?'}) · "
                f"{r.email or r.phone or 'no contact details'} · {contact}"
            )
        if len(lines) == 1:
            lines.append(styled("  ", ("nobody recorded", "i")))
        return joined(lines)

    def _debrief(self, i: Interview, now: datetime) -> Group:
        """Label and text side by side, so long answers wrap under their own column."""
        d = i.debrief
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        for key, label in DEBRIEF_FIELDS:
            value = getattr(d, key)
            if value:
                grid.add_row(f"  {label}", Text(value))
        decision = decision_day(d, i.when)
        if decision is not None:
            said = long_day(decision.day, now.date())
            if decision.from_next_steps:  # not typed in Decision by: say where it was read
                said += f' (from the next steps: "{decision.phrase}")'
            grid.add_row("  Decision expected by", Text(said))
        grid.add_row("  Still interested", Text(d.still_interested))
        return Group(Text("Debrief", style="bold"), grid)

    def _drafts(self, i: Interview) -> Content:
        title = styled(("Drafts", "b"))
        if not i.drafts:
            return joined([title, styled("  ", ("none yet", "i"))])
        lines: list[Content | str] = [title]
        for d in i.drafts:
            to = ", ".join(d.to) or "address needed"
            when = f" {day_time(d.sent_at)}" if d.sent_at else ""
            lines.append(f"  {d.state}{when} · {d.template} → {to} · {d.subject or '(no subject)'}")
        return joined(lines)

    def selected_follow_up(self) -> tuple[str, str] | None:
        key = self.query_one(RecordTable).current_key
        return (self.interview_id, key) if key else None

    def selected_interview(self) -> str | None:
        return self.interview_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        library = self.afterword.library
        if action == "call_sheet":
            return library.loaded and library.get(self.interview_id).recruiter is not None
        if action == "conflicts":  # hidden unless some field differs
            interview = library.interviews.get(self.interview_id)
            return interview is not None and bool(interview.conflicts)
        return True

    def action_conflicts(self) -> None:
        self.afterword.open_conflicts(self.interview_id)

    def action_call_sheet(self) -> None:
        from afterword.tui.screens.call_sheet import CallSheetScreen

        self.app.push_screen(CallSheetScreen(self.interview_id))

    def action_back(self) -> None:
        self.app.pop_screen()
