"""Turning a draft into an email: rendering, the message itself, hand-off and sending."""
