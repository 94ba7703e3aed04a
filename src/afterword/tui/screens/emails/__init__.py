"""The emails screen: an interview's drafts, one per interviewer, with live proofreading.

``screen`` composes the view and holds its keys (``keys``), message handlers and workers; its
state is a ``compose.draft_session.DraftSession``. Its widgets: ``DraftList`` (``draft_list``),
``DraftEditor`` (``editor``) and the ``ProofPanel`` (``widgets/proof_panel.py``). What its keys
do is in three parts the screen owns, each a plain object that sees the screen through
``part.EmailsView``: ``handoff.HandOff`` (copy, .eml, mail client, send, and the send dialog),
``rewriting.Rewriting`` (templates, $EDITOR, the guessed address) and
``proofreading.Proofreading``.
"""

from afterword.tui.screens.emails.handoff import SendDialog
from afterword.tui.screens.emails.screen import SLOT, EmailsScreen

__all__ = ["SLOT", "EmailsScreen", "SendDialog"]
