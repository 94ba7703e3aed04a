"""The email itself: From, To, Cc, Subject checked for header injection, then an RFC 5322 message.

Every header value is checked twice: by its text (no control characters, no newline written as
an encoded word, ``%0a`` or ``\\n``) and by a round trip through the ``email`` package (what a
mail program will read must be exactly what the user saw in the confirmation). Addresses never go
on a command line (the sendmail hand-off uses ``-t``), so an address whose local part starts with
``-`` is an address like any other.

The body is text as written: UTF-8 with ``Content-Transfer-Encoding: 8bit`` (``7bit`` when it
is all ASCII), its lines as the user wrote them, so a person reading the message or a mail
client editing it (``neomutt -H``) sees no quoted-printable soft breaks (``Norrla=``). Only a
body that text cannot carry is quoted-printable: a line over 998 octets (RFC 5322 2.1.1) or a
control character (a NUL, an imported escape sequence). Headers are RFC 2047-encoded where
they hold non-ASCII, as every mail program reads them and every server takes them. The bytes
of a message, for a server, a file or a person, are ``compose/message_bytes.py``'s.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Final

from afterword.compose.message_bytes import (
    FILE_POLICY,
    INVISIBLE_CONTROLS,
    SEND_POLICY,
    transfer_encoding,
)
from afterword.config import Profile
from afterword.domain.model import Draft
from afterword.domain.words import is_control, shown

BUILD_POLICY: Final = email.policy.default

# Readers differ on where an encoded word ends, so each "=?" is tried with the shortest and the
# longest reading (email.header takes the shortest, and lets the text hold "?" and spaces).
_ENCODED_WORDS = (
    re.compile(r"=\?([^?]*?)\?([bBqQ])\?(.*?)\?="),
    re.compile(r"=\?([^?]*)\?([bBqQ])\?(.*)\?="),
)
_ESCAPED_NEWLINE = re.compile(r"%0[ad]|\\[nr]", re.IGNORECASE)
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')
_ATEXT = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")
_SHOWN = 60


class HeaderRefused(ValueError):
    """A header value that could change the email's meaning; ``str()`` is one sentence."""


# ---------------------------------------------------------------- header text


def _show(value: str) -> str:
    """The value for a message: control characters visible, long text cut."""
    visible = shown(value)
    return visible if len(visible) <= _SHOWN else visible[: _SHOWN - 1] + "…"


def _decode_word(charset: str, encoding: str, text: str) -> bytes | None:
    """The bytes of one RFC 2047 encoded word, decoded as leniently as mail readers do."""
    if encoding in "qQ":
        raw = text.replace("_", " ").encode("ascii", "replace")
        return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    letters = re.sub(r"[^A-Za-z0-9+/]", "", text)
    letters += "=" * (-len(letters) % 4)
    try:
        return base64.b64decode(letters)
    except (binascii.Error, ValueError):
        return None


def _as_text(charset: str, data: bytes) -> str:
    name = charset.split("*", 1)[0]
    try:
        codecs.lookup(name)
    except LookupError:
        name = "latin-1"
    try:
        return data.decode(name, "replace")
    except Exception:  # a codec that fails even with "replace" (e.g. a bad utf-16 length)
        return data.decode("latin-1")


def _encoded_words(value: str) -> Iterator[re.Match[str]]:
    for start in re.finditer(r"=\?", value):
        for pattern in _ENCODED_WORDS:
            found = pattern.match(value, start.start())
            if found:
                yield found


def _encoded_newline(value: str, depth: int = 0) -> str | None:
    """The encoded word, escape or percent code in ``value`` that stands for a line break."""
    for found in _ESCAPED_NEWLINE.finditer(value):
        return found.group(0)
    for word in _encoded_words(value):
        data = _decode_word(word.group(1), word.group(2), word.group(3))
        if data is None:
            return word.group(0)
        text = _as_text(word.group(1), data)
        if any(b < 0x20 or b == 0x7F for b in data) or any(is_control(ch) for ch in text):
            return word.group(0)
        if depth < 3 and _encoded_newline(text, depth + 1):
            return word.group(0)
    return None


def _received_text(value: str) -> str | None:
    """What a mail program reads back from ``value`` as a Subject, or None if it cannot be sent."""
    probe = EmailMessage(policy=BUILD_POLICY)
    try:
        probe["Subject"] = value
        wire = probe.as_bytes(policy=SEND_POLICY)
        back = email.message_from_bytes(wire, policy=FILE_POLICY)["Subject"]
    except Exception:  # the email package refuses odd input in many ways; all mean "no"
        return None
    return None if back is None else str(back)


def check_header_text(field: str, value: str) -> None:
    """Refuse text that could end the header or start another, written plainly or encoded."""
    bad = next((ch for ch in value if is_control(ch)), None)
    if bad is not None:
        if bad in "\r\n\x85\u2028\u2029":
            raise HeaderRefused(
                f"{field}: “{_show(value)}” holds a line break; put it on one line."
            )
        raise HeaderRefused(
            f"{field}: “{_show(value)}” holds a control character "
            f"({bad.encode('unicode_escape').decode('ascii')}); remove it."
        )
    token = _encoded_newline(value)
    if token is not None:
        raise HeaderRefused(
            f"{field}: “{_show(value)}” holds an encoded line break ({_show(token)}); remove it."
        )
    received = _received_text(value)
    if received is None or received.strip() != value.strip():
        arrives = "nothing readable" if received is None else f"“{_show(received)}”"
        raise HeaderRefused(
            f"{field}: “{_show(value)}” would arrive as {arrives}; write it as plain text."
        )


# ---------------------------------------------------------------- addresses


def format_address(name: str, address: str) -> str:
    """``Name <address>``, quoted as ``email.utils.formataddr`` does, but never RFC 2047-encoded.

    The header registry encodes non-ASCII names when the message is written; keeping them
    readable here means the confirmation shows exactly what the recipient's program will show.
    """
    if not name:
        return address
    quote = '"' if _SPECIALS.search(name) else ""
    escaped = re.sub(r'([\\"])', r"\\\1", name)
    return f"{quote}{escaped}{quote} <{address}>"


def _split_entry(field: str, entry: str) -> tuple[str, str]:
    """(display name, address) of one entry, refusing anything that is not one address."""
    shown = _show(entry)
    two = HeaderRefused(f"{field}: “{shown}” holds two addresses; put one address in each entry.")
    outside: list[tuple[int, str]] = []  # characters outside quotes, with their positions
    quoted = escaped = False
    for at, ch in enumerate(entry):
        if escaped:
            escaped = False
        elif quoted and ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted:
            outside.append((at, ch))
    if quoted:
        raise HeaderRefused(f"{field}: “{shown}” has a quote that is never closed; close it.")
    plain = "".join(ch for _, ch in outside)
    if plain.count("@") > 1:
        raise two
    opens = [at for at, ch in outside if ch == "<"]
    closes = [at for at, ch in outside if ch == ">"]
    if not opens and not closes:
        return "", entry
    if len(opens) != 1 or len(closes) != 1 or closes[0] < opens[0]:
        raise HeaderRefused(
            f"{field}: “{shown}” has unmatched < or >; write it as Name <name@example.com>."
        )
    rest = entry[closes[0] + 1 :].strip()
    if rest:
        raise HeaderRefused(
            f"{field}: “{shown}” has text after the address ({_show(rest)}); remove it."
        )
    name, address = entry[: opens[0]].strip(), entry[opens[0] + 1 : closes[0]].strip()
    if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
        name = re.sub(r"\\(.)", r"\1", name[1:-1])
    elif '"' in name:
        raise HeaderRefused(
            f"{field}: “{shown}” quotes only part of the name; put the whole name in quotes."
        )
    elif any(ch in name for ch in ",;"):
        raise HeaderRefused(
            f"{field}: “{shown}” has a comma outside quotes, which would split it into two "
            "addresses; put the name in quotes."
        )
    return " ".join(name.split()), address


def _check_address_spec(field: str, entry: str, address: str) -> None:
    shown = _show(entry)
    if not address:
        raise HeaderRefused(
            f"{field}: “{shown}” has no address; write one such as name@example.com."
        )
    if any(ch.isspace() for ch in address):
        raise HeaderRefused(f"{field}: “{shown}” has a space in the address; remove it.")
    if "@" not in address:
        raise HeaderRefused(
            f"{field}: “{shown}” is not an email address (no @); write it as name@example.com."
        )
    local, _, domain = address.rpartition("@")
    if not local or any(not _ATEXT.fullmatch(part) for part in local.split(".")):
        bad = next((ch for ch in local if not _ATEXT.match(ch) and ch != "."), "")
        what = f"the character {bad}" if bad else "an empty part before the @"
        raise HeaderRefused(
            f"{field}: “{shown}” has {what}, which a plain address cannot hold; check it."
        )
    labels = domain.split(".")
    if len(labels) < 2 or any(not _LABEL.fullmatch(label) for label in labels):
        raise HeaderRefused(
            f"{field}: “{shown}” needs a full domain after the @ (such as example.com); check it."
        )


def _parse_address(field: str, entry: str) -> tuple[str, str]:
    """(display name, address) of an entry that mail programs read exactly as written."""
    check_header_text(field, entry)
    text = entry.strip()
    if not text:
        raise HeaderRefused(f"{field}: an entry is empty; write an address or remove the entry.")
    name, address = _split_entry(field, text)
    _check_address_spec(field, text, address)
    if "@" in name and name.strip("<> ").casefold() != address.casefold():
        raise HeaderRefused(
            f"{field}: “{_show(text)}” shows the name {_show(name)} but sends to {address}; "
            "write the real address, or a name without @."
        )
    normal = format_address(name, address)
    for written in (text, normal):
        parsed_name, parsed_address = email.utils.parseaddr(written)
        if (" ".join(parsed_name.split()), parsed_address) != (name, address):
            seen = format_address(parsed_name, parsed_address)
            seen = f"“{_show(seen)}”" if seen else "nothing"
            raise HeaderRefused(
                f"{field}: “{_show(text)}” would be read by mail programs as {seen}; "
                "write it as Name <name@example.com>."
            )
    if _received_addresses(normal) != [(name, address)]:
        raise HeaderRefused(
            f"{field}: “{_show(text)}” would not arrive as written; "
            "write it as Name <name@example.com> with a plain name."
        )
    return name, address


def _received_addresses(value: str) -> list[tuple[str, str]] | None:
    probe = EmailMessage(policy=BUILD_POLICY)
    try:
        probe["To"] = value
        wire = probe.as_bytes(policy=SEND_POLICY)
        header = email.message_from_bytes(wire, policy=FILE_POLICY)["To"]
        return [(a.display_name, a.addr_spec) for a in header.addresses]
    except Exception:  # the email package refuses odd input in many ways; all mean "no"
        return None


def check_address(field: str, entry: str) -> str:
    """One entry of To, Cc or From: exactly one address, optionally ``Name <address>``.

    Returns the entry as it will be written in the header. Addresses are ASCII dot-atoms
    (no quoted local parts, no internationalised addresses): Afterword writes to people, not to
    edge cases of RFC 5321, and every refusal says what to change.
    """
    return format_address(*_parse_address(field, entry))


def split_addresses(text: str) -> list[str]:
    """The entries of a To or Cc field: split at commas and semicolons outside quotes and
    angle brackets (each entry is checked on its own before anything is sent)."""
    entries: list[str] = []
    current: list[str] = []
    quoted, angle = False, 0
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle += 1
        elif char == ">" and not quoted and angle:
            angle -= 1
        if char in ",;" and not quoted and not angle:
            entries.append("".join(current))
            current = []
        else:
            current.append(char)
    entries.append("".join(current))
    return [e.strip() for e in entries if e.strip()]


# ---------------------------------------------------------------- the message


@dataclass(frozen=True)
class Outgoing:
    """An email ready to build: every header value checked, the Message-ID and Date fixed."""

    sender_name: str
    sender_address: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    body: str
    message_id: str
    date: datetime

    @property
    def sender(self) -> str:
        return format_address(self.sender_name, self.sender_address)


def new_message_id(sender_address: str) -> str:
    """A fresh ``<…@domain>`` on the sender's own domain (not this machine's name)."""
    domain = sender_address.rpartition("@")[2] or None
    return email.utils.make_msgid(domain=domain)


def _label(draft: Draft) -> str:
    return f"{draft.template} to {draft.person}" if draft.person else draft.template


def outgoing_for(draft: Draft, profile: Profile, now: datetime) -> Outgoing:
    """Check a draft and the user's profile, and fix what the email will say; HeaderRefused if not.

    The Message-ID is the draft's own once it has one (fixed when queued), so a second attempt
    can never become a second, different email.
    """
    if not profile.email.strip():
        raise HeaderRefused(
            "Your address is not set: add email under [profile] in config.toml "
            "(afterword locate shows where)."
        )
    check_header_text("From", profile.name)
    own_name, sender_address = _parse_address("From", profile.email)
    sender_name = " ".join(profile.name.split()) or own_name
    if "@" in sender_name:
        raise HeaderRefused(
            f"From: the name “{_show(sender_name)}” looks like an address; "
            "set name under [profile] in config.toml to your name."
        )
    check_address("From", format_address(sender_name, sender_address))
    to = tuple(check_address("To", entry) for entry in draft.to if entry.strip())
    if not to:
        raise HeaderRefused(
            f"Draft “{_show(_label(draft))}” has no address: add the recipient's email in To, "
            "then send it."
        )
    cc = tuple(check_address("Cc", entry) for entry in draft.cc if entry.strip())
    subject = _unpaired_replaced(draft.subject.strip())
    check_header_text("Subject", subject)
    message_id = draft.message_id.strip() or new_message_id(sender_address)
    check_header_text("Message-ID", message_id)
    if not _MESSAGE_ID.fullmatch(message_id):
        raise HeaderRefused(
            f"Message-ID: “{_show(message_id)}” is not of the form <id@domain>; "
            "clear the draft's message_id to get a new one."
        )
    body = body_text(draft.body)
    return Outgoing(
        sender_name=sender_name,
        sender_address=sender_address,
        to=to,
        cc=cc,
        subject=subject,
        body=body,
        message_id=message_id,
        date=now.astimezone(),
    )


def _unpaired_replaced(text: str) -> str:
    """Half of a UTF-16 surrogate pair (an import can carry one, as "\\ud800") has no UTF-8
    form, so no email can carry it: it becomes U+FFFD, as a mail reader shows bad bytes."""
    return _UNPAIRED.sub("\ufffd", text)


_UNPAIRED = re.compile("[\ud800-\udfff]")


def body_text(body: str) -> str:
    """A draft's body as the email carries it: ``\\n`` line ends, and U+FFFD for each half of a
    surrogate pair."""
    return _unpaired_replaced(body.replace("\r\n", "\n").replace("\r", "\n"))


def pasteable(text: str) -> str:
    """Text for the clipboard: as the email carries it (``body_text``), without the control
    characters nobody sees (C0 and C1, but for newline and tab). Pasted into a terminal, an
    imported body's ``ESC [ 2 0 1 ~`` and carriage return would run the words after them."""
    return INVISIBLE_CONTROLS.sub("", body_text(text))


def summary(out: Outgoing) -> list[tuple[str, str]]:
    """From, To, Cc (when any) and Subject exactly as they go into the headers, to confirm."""
    rows = [("From", out.sender), ("To", ", ".join(out.to))]
    if out.cc:
        rows.append(("Cc", ", ".join(out.cc)))
    rows.append(("Subject", out.subject))
    return rows


def build_message(out: Outgoing) -> EmailMessage:
    """The RFC 5322 message: the headers of ``summary``, Date, Message-ID, a text/plain body."""
    message = EmailMessage(policy=BUILD_POLICY)
    for name, value in summary(out):
        message[name] = value
    message["Date"] = email.utils.format_datetime(out.date)
    message["Message-ID"] = out.message_id
    message.set_content(out.body, charset="utf-8", cte=transfer_encoding(out.body))
    return message
