"""The bytes of a message built by ``compose.message``: for an SMTP server, for a file (a
``.eml``, sendmail's stdin, ``draft``'s stdout) and for a person reading it on a terminal.

An SMTP server that does not offer 8BITMIME gets a quoted-printable copy for that send only
(``message_bytes(..., eight_bit=False)``); a person reading the message on a terminal gets
its headers in UTF-8 as well (``readable_bytes``).

Policies: the bytes sent are written with ``email.policy.SMTP`` (CRLF line ends, as the SMTP
dialogue needs) and a ``.eml`` file with ``email.policy.default`` (local ``\\n`` line ends, as
mail clients and sendmail read files).
"""

from __future__ import annotations

import copy
import email.policy
import re
from email.message import EmailMessage
from typing import Final

SEND_POLICY: Final = email.policy.SMTP
FILE_POLICY: Final = email.policy.default
READ_POLICY: Final = FILE_POLICY.clone(utf8=True)  # headers in UTF-8 (RFC 6532), for a person
LINE_LIMIT: Final = 998  # octets in a line of a message, without its line end (RFC 5322 2.1.1)
INVISIBLE_CONTROLS: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0, C1 but \n, \t


def transfer_encoding(body: str) -> str:
    """How ``body`` goes into a message: ``7bit`` (ASCII) or ``8bit`` (UTF-8) text, lines as
    written; ``quoted-printable`` only when text cannot carry it: a line longer than
    ``LINE_LIMIT`` octets, or a control character (a NUL may not be in text, RFC 2045 2.8; an
    imported ESC sequence would act on the terminal of whoever shows the file with ``cat``).
    (Python's own choice, with no ``cte``, takes quoted-printable for any line over 78
    characters: every paragraph typed as one line.)"""
    data = body.encode("utf-8")
    too_long = any(len(line) > LINE_LIMIT for line in data.splitlines())
    if too_long or INVISIBLE_CONTROLS.search(body):
        return "quoted-printable"
    return "7bit" if data.isascii() else "8bit"


def _seven_bit(message: EmailMessage) -> EmailMessage:
    """``message`` as a server without 8BITMIME takes it: an 8bit body quoted-printable, in a
    copy (the draft's own message stays text)."""
    if str(message.get("Content-Transfer-Encoding", "")).lower() != "8bit":
        return message
    copied = copy.deepcopy(message)
    copied.set_content(message.get_content(), charset="utf-8", cte="quoted-printable")
    return copied


def message_bytes(message: EmailMessage, *, eight_bit: bool = True) -> bytes:
    """The bytes for an SMTP server (CRLF line ends); with ``eight_bit=False`` (the server
    offers no 8BITMIME) every byte is ASCII."""
    return (message if eight_bit else _seven_bit(message)).as_bytes(policy=SEND_POLICY)


def file_bytes(message: EmailMessage) -> bytes:
    """The bytes for a person or a mail client (``draft``'s stdout, a ``.eml`` file, the file
    ``mail.client_command`` opens) and for sendmail's stdin: the body as text, local ``\\n``
    line ends."""
    return message.as_bytes(policy=FILE_POLICY)


def readable_bytes(message: EmailMessage) -> bytes:
    """The message for a person reading it on a terminal (``draft``'s stdout there), as a mail
    program shows it: the headers in UTF-8 too (``To: Märta Öberg <…>``, not the encoded word
    ``=?utf-8?q?M=C3=A4rta…?=``), and a quoted-printable body (a line over 998 octets, a
    control character) as its text. The caller shows control characters as escapes."""
    if str(message.get("Content-Transfer-Encoding", "")).lower() == "quoted-printable":
        text = message.get_content()
        message = copy.deepcopy(message)
        message.set_content(text, charset="utf-8", cte="7bit" if text.isascii() else "8bit")
    return message.as_bytes(policy=READ_POLICY)
