"""The user's settings from ``config.toml``: who they are, the schedule numbers, mail, the UI.

Read with ``tomllib``. A bad value never stops Afterword: it becomes one sentence naming the key
and the file, and the default is used for that key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from afterword import paths
from afterword.defaults import MIN_ACTIVE_LEADS, TODAY_DAYS
from afterword.domain.settings import ScheduleSettings


@dataclass(frozen=True)
class Profile:
    """Who the user is: the emails are signed with this."""

    name: str = ""
    email: str = ""
    phone: str = ""
    signature: str = ""


@dataclass(frozen=True)
class MailSettings:
    cc_recruiter: bool = True
    client_command: str = ""
    sendmail_command: str = ""
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    password_command: str = ""


@dataclass(frozen=True)
class UISettings:
    theme: str = "afterword-dark"
    dayfirst: bool = False
    days: int = TODAY_DAYS
    quiet_days: int = 14
    min_active_leads: int = MIN_ACTIVE_LEADS


@dataclass(frozen=True)
class Config:
    profile: Profile = field(default_factory=Profile)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    ui: UISettings = field(default_factory=UISettings)
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


_SECTIONS: dict[str, type[Any]] = {
    "profile": Profile,
    "schedule": ScheduleSettings,
    "mail": MailSettings,
    "ui": UISettings,
}

# Limits for numbers, by "section.key": (lowest, highest).
_RANGES: dict[str, tuple[int, int]] = {
    "schedule.check_in_max": (1, 10),
    "schedule.check_in_hour": (0, 23),
    "ui.days": (0, 366),
    "mail.smtp_port": (1, 65535),
}
_CHOICES: dict[str, tuple[str, ...]] = {"mail.smtp_security": ("starttls", "tls", "none")}


def _check(section: str, key: str, value: object, default: object) -> str | None:
    """Why ``value`` cannot be used for ``section.key``, or None when it can."""
    name = f"{section}.{key}"
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "should be true or false"
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            return "should be a whole number"
        low, high = _RANGES.get(name, (0, 10_000))
        return None if low <= value <= high else f"should be between {low} and {high}"
    if isinstance(default, str):
        if not isinstance(value, str):
            return "should be text in quotes"
        choices = _CHOICES.get(name)
        if choices and value not in choices:
            return f"should be one of {', '.join(choices)}"
    return None


def _read_section(
    section: str, raw: object, cls: type[Any], source: Path, problems: list[str]
) -> Any:
    base = cls()
    if not isinstance(raw, dict):
        problems.append(f"[{section}] in {source} should be a table; the defaults are used.")
        return base
    known = {f.name: getattr(base, f.name) for f in fields(cls)}
    changes: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            problems.append(
                f"{section}.{key} in {source} is not a setting Afterword knows; ignored."
            )
            continue
        why = _check(section, key, value, known[key])
        if why:
            problems.append(
                f"{section}.{key} in {source} {why} (found {value!r}); "
                f"using the default {known[key]!r}."
            )
            continue
        changes[key] = value
    return replace(base, **changes)


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The config and the problems found in it (sentences); a missing file gives the defaults."""
    source = path or paths.config_path()
    problems: list[str] = []
    try:
        raw = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config(path=source), problems
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"Cannot read {source} ({error}); using the default settings.")
        return Config(path=source), problems
    except tomllib.TOMLDecodeError as error:
        problems.append(f"{source} is not valid TOML ({error}); using the default settings.")
        return Config(path=source), problems
    parts: dict[str, Any] = {}
    for section, value in raw.items():
        if section in _SECTIONS:
            parts[section] = _read_section(section, value, _SECTIONS[section], source, problems)
        elif section == "keymap":
            parts["keymap"] = _read_keymap(value, source, problems)
        else:
            problems.append(f"[{section}] in {source} is not a section Afterword knows; ignored.")
    return Config(path=source, **parts), problems


def _read_keymap(raw: object, source: Path, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(f"[keymap] in {source} should be a table; the default keys are used.")
        return {}
    keymap = {}
    for key, value in raw.items():
        if isinstance(value, str) and value.strip():
            keymap[key] = value
        else:
            problems.append(
                f'keymap.{key} in {source} should be keys in quotes such as "ctrl+k"; ignored.'
            )
    return keymap
