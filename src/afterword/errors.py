"""Errors that reach the user as one clear sentence (never a traceback)."""

from __future__ import annotations


class AfterwordError(Exception):
    """An error whose message is a complete sentence for the user: what went wrong, what to do."""

    exit_code = 2
