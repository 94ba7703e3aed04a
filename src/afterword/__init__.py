"""Afterword: debrief, thank-you emails and follow-ups after a job interview."""

__version__ = "0.1.0"
