"""The numbers of the schedule rules (``[schedule]`` in config.toml), apart from the rules.

Kept light on purpose: reading the config must not pull in the date parser.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ScheduleSettings:
    """The numbers of the rules; each is a key of ``[schedule]`` in config.toml."""

    thank_you_hours: int = 24
    recruiter_debrief_hours: int = 3
    ask_recruiter_hours: int = 3
    find_email_hours: int = 12
    check_in_business_days: int = 2
    check_in_without_decision_days: int = 5
    check_in_repeat_business_days: int = 5
    check_in_max: int = 2
    check_in_hour: int = 9
    work_day_start: int = 9  # a `find_email` that falls at night moves to this hour
    work_day_end: int = 18  # ... from this hour on, and before work_day_start, is night

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name for f in fields(cls)]
