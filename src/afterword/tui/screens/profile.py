"""Your profile (`P`, `ctrl+p` "Your profile", and asked for the first time it matters): the
name the emails are signed with, the address they go out from, a phone and a signature.

Keyboard first: `tab` walks the fields, `ctrl+s` (or `enter` in a one-line field) saves,
`escape` leaves it for later. A value that cannot be used is one sentence under its field."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from afterword.compose.profile import cleaned, profile_problems
from afterword.config import Profile
from afterword.tui.base import FIELD_WALK, AfterwordModal
from afterword.tui.key_names import key_name

FIELDS = (
    ("name", "Name", "Alex Morgan: signs every email"),
    ("email", "Email", "alex@example.com: the emails go out from it"),
    ("phone", "Phone", "optional, under your name"),
)


class ProfileDialog(AfterwordModal[Profile | None]):
    """Ask for the profile; dismissed with the profile to save, or None (later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FIELD_WALK,
        Binding("ctrl+s", "save", "Save", id="profile.save"),
        Binding("escape", "later", "Later", id="profile.later"),
    ]

    def __init__(self, profile: Profile, *, asked: bool = False, where: str = "") -> None:
        super().__init__(classes="dialog")
        self.profile = profile
        self.asked = asked  # the app asks (the profile is missing), not the user
        self.where = where  # the config file it is saved in

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box profile-box"):
            yield Label("Your profile", classes="dialog-title")
            why = (
                "Your name or email address is not set yet: the emails are signed with your "
                "name and go out from your address."
                if self.asked
                else "The emails are signed with your name and go out from your address."
            )
            where = f" Saved in {self.where}." if self.where else ""
            yield Static(why + where, classes="dialog-hint", markup=False)
            for key, label, hint in FIELDS:
                yield Label(label, classes="profile-label")
                yield Input(
                    getattr(self.profile, key), placeholder=hint, id=f"p-{key}", compact=True
                )
                yield Static("", id=f"e-{key}", classes="dialog-hint error", markup=False)
            yield Label("Signature", classes="profile-label")
            yield TextArea(
                self.profile.signature,
                id="p-signature",
                soft_wrap=True,
                compact=True,
                tab_behavior="focus",
                placeholder="optional: lines under your name (a title, a link)",
            )
            walk, save, later = (
                key_name(self.app, binding_id, default)
                for binding_id, default in (
                    ("form.next", "tab"),
                    ("profile.save", "ctrl+s"),
                    ("profile.later", "escape"),
                )
            )
            yield Static(
                f"{walk}: next field · {save} or enter: save · {later}: later",
                markup=False,
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        empty = next(
            (key for key, _, _ in FIELDS if not getattr(self.profile, key).strip()), "name"
        )
        self.query_one(f"#p-{empty}", Input).focus()

    def values(self) -> Profile:
        return Profile(
            name=self.query_one("#p-name", Input).value,
            email=self.query_one("#p-email", Input).value,
            phone=self.query_one("#p-phone", Input).value,
            signature=self.query_one("#p-signature", TextArea).text,
        )

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        profile = self.values()
        found = profile_problems(profile)
        first = None
        for key, _, _ in FIELDS:
            problem = found.get(key, "")
            shown = self.query_one(f"#e-{key}", Static)
            shown.update(problem)
            shown.display = bool(problem)
            if problem and first is None:
                first = key
        if first is not None:
            self.query_one(f"#p-{first}", Input).focus()
            return
        self.dismiss(cleaned(profile))

    def action_later(self) -> None:
        self.dismiss(None)
