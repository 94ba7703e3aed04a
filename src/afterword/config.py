"""The user's settings from ``config.toml``: who they are, the schedule numbers, mail, the UI.

Read with ``tomllib``. A bad value never stops Afterword: it becomes one sentence naming the key
and the file, and the default is used for that key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, MutableMapping
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
    ehlo_name: str = "localhost"  # the name given in EHLO, which servers copy into Received:


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
    "schedule.work_day_start": (0, 23),
    "schedule.work_day_end": (1, 24),
    "ui.days": (0, 366),
    "mail.smtp_port": (1, 65535),
}
_CHOICES: dict[str, tuple[str, ...]] = {"mail.smtp_security": ("starttls", "tls", "none")}
# Text that must have a shape, by "section.key": (pattern, what it should be).
_SHAPES: dict[str, tuple[str, str]] = {
    "mail.ehlo_name": (
        r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?|\[(?:IPv6:)?[0-9A-Fa-f.:]{2,45}\]",
        "should be a host name such as localhost or mail.example.com",
    ),
}


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
        shape = _SHAPES.get(name)
        if shape and not re.fullmatch(shape[0], value):
            return shape[1]
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
    return current_ids(keymap, source, problems)


# Every binding id of the app, by the screen or dialog it belongs to ("" for the app's own
# and the plain dialogs'); docs/guide.md lists them, and tests/unit/test_guide.py checks both
# against the bindings themselves.
_IDS = {
    "": "today interviews calendar new undo help quit profile "
    "cancel discard restore yes no later up down first last",
    "today": "open done snooze reply status close_out emails add debrief call",
    "interviews": "search filter sort status debrief emails open delete clear",
    "detail": "back done snooze add reply status close_out debrief emails call conflicts",
    "calendar": "open done snooze reply status close_out emails add debrief switch "
    "month_before month_after today go_to back day_before day_after week_before week_after "
    "choose",
    "debrief": "save back next_section previous_section go_interview go_people go_debrief "
    "go_email add_person remove_person take_date take_lines invitation",
    "emails": "save back send mail_client copy eml next previous regenerate template findings "
    "apply_finding add_word findings_down findings_up use_guess",
    "text": "editor start end",
    "form": "next previous",
    "profile": "save later",
    "address": "cancel guess",
    "call": "allowed close done forward",
    "saved": "call close open",
    "send": "yes no",
    "help": "close",
    "invitation": "cancel",
    "conflicts": "keep take close",
}
BINDING_IDS = frozenset(
    f"{where}.{name}" if where else name for where, names in _IDS.items() for name in names.split()
)


def key_said(
    keymap: Mapping[str, str], binding_id: str, default: str, *, every: bool = False
) -> str:
    """The key a sentence names for ``binding_id``: the one ``keymap`` ([keymap]) puts on it,
    else ``default`` (the binding's own). Its first key (``ctrl+z``), or with ``every`` all of
    them (``n or escape``); Textual's long names as their character (``question_mark``: ``?``)."""
    keys = [key.strip() for key in keymap.get(binding_id, default).split(",") if key.strip()]
    said = [_key_shown(key) for key in keys or [default]]
    return " or ".join(said) if every else said[0]


# Textual's names of keys that no Unicode name gives back
_KEY_CHARACTERS = {
    "slash": "/",
    "backslash": "\\",
    "at": "@",
    "minus": "-",
    "plus": "+",
    "underscore": "_",
}


def _key_shown(key: str) -> str:
    """A key as a person types it: ``comma`` and ``left_square_bracket`` as ``,`` and ``[``;
    named keys (``space``, ``tab``, ``escape``, ``f5``) as they are."""
    *modifiers, name = key.split("+")
    shown = _KEY_CHARACTERS.get(name, name)
    if len(name) > 1 and name not in _KEY_CHARACTERS:
        import unicodedata

        try:
            character = unicodedata.lookup(name.replace("_", " ").upper())
        except KeyError:
            character = ""
        if character and character.isprintable() and not character.isspace():
            shown = character
    return "+".join([*modifiers, shown])


# The binding ids as they were before they all took one style (snake case after the dot, the
# emails screen's as `emails.*`, one id for ctrl+e): a [keymap] written then keeps working.
# Each old id names the binding its new id names; docs/guide.md lists them.
KEYMAP_ALIASES: dict[str, str] = {
    "debrief.next-section": "debrief.next_section",
    "debrief.previous-section": "debrief.previous_section",
    "debrief.go-interview": "debrief.go_interview",
    "debrief.go-people": "debrief.go_people",
    "debrief.go-debrief": "debrief.go_debrief",
    "debrief.go-email": "debrief.go_email",
    "debrief.add-person": "debrief.add_person",
    "debrief.remove-person": "debrief.remove_person",
    "debrief.take-date": "debrief.take_date",
    "debrief.take-lines": "debrief.take_lines",
    "debrief.editor": "text.editor",
    "debrief.editor-any": "text.editor",
    "drafts.editor": "text.editor",
    "drafts.save": "emails.save",
    "drafts.back": "emails.back",
    "drafts.send": "emails.send",
    "drafts.mail-client": "emails.mail_client",
    "drafts.copy": "emails.copy",
    "drafts.eml": "emails.eml",
    "drafts.next": "emails.next",
    "drafts.previous": "emails.previous",
    "drafts.regenerate": "emails.regenerate",
    "drafts.template": "emails.template",
    "drafts.findings": "emails.findings",
    "drafts.apply-finding": "emails.apply_finding",
    "drafts.add-word": "emails.add_word",
    "drafts.findings-down": "emails.findings_down",
    "drafts.findings-up": "emails.findings_up",
    "drafts.use-guess": "emails.use_guess",
}


def current_ids(keymap: dict[str, str], source: Path, problems: list[str]) -> dict[str, str]:
    """``keymap`` with each old id (``KEYMAP_ALIASES``) given as its new one. A binding named
    twice, by its new id and an old one (or by two old ones), takes the new id's keys (or the
    first old one's); the other line is ignored, with a sentence. An id Afterword does not know
    (a typo: it would move nothing) is ignored with a sentence too."""
    for key in keymap:
        if key in BINDING_IDS or key in KEYMAP_ALIASES:
            continue
        problems.append(
            f'keymap."{key}" in {source} is not the id of a key of Afterword (docs/guide.md, '
            '"Your own keys", lists them); ignored.'
        )
    current = {key: value for key, value in keymap.items() if key in BINDING_IDS}
    for old, value in keymap.items():
        new = KEYMAP_ALIASES.get(old)
        if new is None:
            continue
        if new in current:
            problems.append(
                f'keymap."{old}" in {source} is an old name of "{new}", which is set already; '
                "ignored."
            )
            continue
        current[new] = value
    return current


DEFAULT_FILE = """\
# Afterword's settings. Every key is shown with its default; remove the # to change one.
# A bad value is reported when Afterword starts, and the default is used instead.

[profile]            # who you are: the emails are signed with this
# name = ""
# email = ""
# phone = ""
# signature = ""     # extra lines under your name

[schedule]           # the numbers of the schedule rules (docs/schedule.md)
# thank_you_hours = 24
# recruiter_debrief_hours = 3
# ask_recruiter_hours = 3
# find_email_hours = 12
# check_in_business_days = 2
# check_in_without_decision_days = 5
# check_in_repeat_business_days = 5
# check_in_max = 2
# check_in_hour = 9
# work_day_start = 9   # a deadline to find an address never falls at night:
# work_day_end = 18    # from this hour to work_day_start it moves to the next work_day_start

[mail]               # how emails leave: your mail client, sendmail, or SMTP
# cc_recruiter = true          # the recruiter in Cc of thank-yous once you may write directly
# client_command = ""          # e.g. "neomutt -H {file}" or "mutt -H {file}"
# sendmail_command = ""        # e.g. "msmtp -t" (tried before SMTP)
# smtp_host = ""               # e.g. "smtp.example.com"
# smtp_port = 587
# smtp_security = "starttls"   # or "tls" (port 465), "none" (only a server on this machine)
# smtp_user = ""
# password_command = ""        # e.g. "pass show mail/alex"; else the system keyring
# ehlo_name = "localhost"      # the name the server sees (your machine's name stays private)

[ui]
# theme = "afterword-dark"     # also afterword-light, afterword-high-contrast, Textual's own
# dayfirst = false             # 3/4 is 3 April when true
# days = 7                     # days ahead shown on Today
# quiet_days = 14
# min_active_leads = 3

[keymap]             # binding id = "keys", e.g. quit = "ctrl+q" (the ids: docs/guide.md)
"""


def write_default_config(path: Path) -> bool:
    """Create the config file with commented defaults, if there is none; True if created.

    A folder that cannot be looked into or written is no reason to stop: loading the config
    says what is wrong with it."""
    from afterword.store.atomic import ensure_private_dir, write_atomically

    try:
        if path.exists():
            return False
        ensure_private_dir(path.parent)
        write_atomically(path, DEFAULT_FILE.encode("utf-8"))
    except OSError:
        return False
    return True


def save_setting(path: Path, section: str, key: str, value: str) -> str | None:
    """Set one text setting in config.toml; a sentence when it was not saved, else None
    (see ``save_settings``)."""
    return save_settings(path, section, {key: value})


def save_settings(path: Path, section: str, values: dict[str, str]) -> str | None:
    """Set text settings of one table in config.toml, all or none; a sentence when they were not
    saved, else None.

    The file is changed only through tomlkit, which quotes each value (a line break becomes
    ``\\n``) and keeps every other byte of the file (comments, order, blank lines, text such as
    U+2028 inside strings). What would be written is read back with tomllib first, and written
    only if it holds exactly the old settings with these ones changed; a file that does not parse
    is never rewritten. A symlinked config.toml (dotfiles) is written through, not replaced.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from afterword.store.atomic import ensure_private_dir, write_atomically

    name = ", ".join(f"{section}.{key}" for key in values) or f"[{section}]"
    not_saved = f"{name} {'was' if len(values) == 1 else 'were'} not saved"
    target = path.resolve()
    try:
        text = target.read_bytes().decode("utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        return f"{not_saved}: cannot read {path} ({error})."
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return f"{not_saved}: {path} is not valid TOML ({error}); mend it first."
    try:
        document = tomlkit.parse(text)
        table = document.get(section)
        if table is None:
            document.add(section, tomlkit.table())
            table = document[section]
        if not isinstance(table, MutableMapping):
            return f"{not_saved}: [{section}] in {path} is not a table; mend it first."
        for key, value in values.items():
            item = tomlkit.item(value)
            if "\r\n" in text:
                item.trivia.trail = "\r\n"  # the file's own line ends
            table[key] = item
        written = tomlkit.dumps(document)
    except (TOMLKitError, ValueError, TypeError) as error:
        return f"{not_saved}: {path} could not be changed safely ({error})."
    current = expected.get(section)
    expected[section] = {**(current if isinstance(current, dict) else {}), **values}
    try:
        payload = written.encode("utf-8")
        reread = tomllib.loads(written)
    except (UnicodeEncodeError, tomllib.TOMLDecodeError):
        reread = None
    if reread != expected:
        return (
            f"{not_saved}: the change would not have read back as written in {path}; "
            "set it there by hand."
        )
    try:
        ensure_private_dir(target.parent)
        write_atomically(target, payload)
    except OSError as error:
        return f"Could not save {name} in {path} ({error.strerror or error})."
    return None
