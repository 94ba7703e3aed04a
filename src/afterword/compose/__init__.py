"""Emails: templates, messages, hand-off and sending."""
