"""The emails screen: an interview's drafts, one per interviewer, with live proofreading.

``screen`` composes the view and holds its keys and workers; ``handoff`` the keys that take a
draft out (copy, .eml, mail client, send) with the send dialog; ``rewriting`` the keys that
write a draft's text again; ``part`` what those two use of the screen.
"""

from afterword.tui.screens.drafting.handoff import SendDialog
from afterword.tui.screens.drafting.screen import SLOT, DraftsScreen

__all__ = ["SLOT", "DraftsScreen", "SendDialog"]
