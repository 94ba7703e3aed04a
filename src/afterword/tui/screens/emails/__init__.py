"""The emails screen: an interview's drafts, one per interviewer, with live proofreading.

``screen`` composes the view and holds its keys and workers; its state is a
``compose.draft_session.DraftSession``. Its widgets: ``DraftList`` (``draft_list``), ``DraftEditor``
(``editor``) and the ``ProofPanel`` (``widgets/proof_panel.py``). Its keys are grouped in parts
built on ``part.EmailsPart``: ``handoff`` (copy, .eml, mail client, send, and the send dialog),
``rewriting`` (templates, $EDITOR, the guessed address) and ``proofreading``.
"""

from afterword.tui.screens.emails.handoff import SendDialog
from afterword.tui.screens.emails.screen import SLOT, EmailsScreen

__all__ = ["SLOT", "EmailsScreen", "SendDialog"]
