"""The keys of the emails screen. Their ids (``emails.*``, ``text.editor``) are the names the
user's ``[keymap]`` in config.toml gives them: they do not change."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from afterword.tui.base import FIELD_WALK

EMAILS_KEYS: list[BindingType] = [
    *FIELD_WALK,
    Binding(
        "ctrl+n",
        "use_guess",
        "Use guess",
        id="emails.use_guess",
        tooltip="Put the guessed address in To (verify it)",
    ),
    Binding(
        "ctrl+s", "save", "Save", id="emails.save", tooltip="Keep the draft with the interview"
    ),
    Binding("escape", "leave", "Back", id="emails.back"),
    Binding(
        "ctrl+g",
        "send",
        "Send",
        id="emails.send",
        tooltip="Send it, after showing From, To, Cc and Subject",
    ),
    Binding(
        "ctrl+o",
        "mail_client",
        "Mail",
        id="emails.mail_client",
        tooltip="Open it in your mail client (mail.client_command)",
    ),
    Binding(
        "ctrl+b",
        "copy_body",
        "Copy",
        id="emails.copy",
        tooltip="Copy the body to the clipboard",
    ),
    Binding(
        "ctrl+l",
        "write_eml",
        ".eml",
        id="emails.eml",
        tooltip="Write it as a .eml file in outbox/",
    ),
    Binding("ctrl+down", "next_draft(1)", "Next", id="emails.next", tooltip="The next draft"),
    Binding("ctrl+up", "next_draft(-1)", "Previous", show=False, id="emails.previous"),
    Binding(
        "ctrl+r",
        "regenerate",
        "Rewrite",
        id="emails.regenerate",
        tooltip="Write it again from its template",
    ),
    Binding(
        "ctrl+t",
        "pick_template",
        "Template",
        id="emails.template",
        tooltip="Write it from another template",
    ),
    Binding(
        "ctrl+f",
        "findings",
        "Findings",
        id="emails.findings",
        tooltip="Go to the proofreading findings",
    ),
    Binding("ctrl+e", "edit_externally", "Editor", show=False, id="text.editor"),
]
