"""The interviews as CSV for a spreadsheet: one row each, with its next open follow-up.

Written with the csv module (RFC 4180 quoting, CRLF line ends, UTF-8). A cell that a
spreadsheet would run as a formula (``=…``, ``@…``, ``+`` or ``-`` before a letter) gets a
leading apostrophe: an invitation's title is text from a stranger.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from afterword.domain.model import FollowUp, Interview
from afterword.domain.words import local_wall_time

COLUMNS = (
    "id",
    "company",
    "role",
    "stage",
    "when",
    "where",
    "status",
    "interviewers",
    "recruiter",
    "next_follow_up",
    "next_due",
    "next_follow_up_id",
    "open_follow_ups",
    "decision_by",
)
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d\s()./-]*$))")


def next_follow_up(interview: Interview) -> FollowUp | None:
    """The earliest open follow-up, or None."""
    return min(interview.open_follow_ups(), key=lambda f: local_wall_time(f.due), default=None)


def safe_cell(text: str) -> str:
    """``text``, with an apostrophe before what a spreadsheet would take for a formula."""
    return f"'{text}" if _FORMULA.match(text) else text


def interview_row(interview: Interview) -> dict[str, str]:
    upcoming = next_follow_up(interview)
    recruiter = interview.recruiter
    decision = interview.debrief.decision_by
    row = {
        "id": interview.id,
        "company": interview.company,
        "role": interview.role,
        "stage": interview.stage,
        "when": interview.when.isoformat(),
        "where": interview.where,
        "status": interview.status,
        "interviewers": "; ".join(p.name for p in interview.interviewers),
        "recruiter": "" if recruiter is None else recruiter.name,
        "next_follow_up": "" if upcoming is None else upcoming.title,
        "next_due": "" if upcoming is None else upcoming.due.isoformat(),
        "next_follow_up_id": "" if upcoming is None else upcoming.id,
        "open_follow_ups": str(len(interview.open_follow_ups())),
        "decision_by": "" if decision is None else decision.isoformat(),
    }
    return {key: safe_cell(value) for key, value in row.items()}


def export_rows(interviews: Iterable[Interview]) -> list[dict[str, str]]:
    """One row per interview, by date."""
    ordered = sorted(interviews, key=lambda i: local_wall_time(i.when))
    return [interview_row(i) for i in ordered]


def export_csv(interviews: Iterable[Interview]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(export_rows(interviews))
    return out.getvalue()
