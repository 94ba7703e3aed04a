"""The email: header injection refused, one address per entry, what is shown is what is sent."""

from __future__ import annotations

import email
import email.header
import email.message
import email.policy
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword import paths
from afterword.compose.handoff import NoSuchFolder, client_argv, eml_name, write_eml
from afterword.compose.message import (
    HeaderRefused,
    Outgoing,
    build_message,
    check_address,
    check_header_text,
    new_message_id,
    outgoing_for,
    pasteable,
    split_addresses,
    summary,
)
from afterword.compose.message_bytes import file_bytes, message_bytes
from afterword.config import Profile
from afterword.domain.model import Draft
from tests.conftest import NOW

ALEX = Profile(name="Alex Morgan", email="alex@example.com")


def a_draft(**changes: object) -> Draft:
    draft = Draft(
        template="thank-you",
        person="Dana Whitfield",
        to=["Dana Whitfield <dana@acme.example>"],
        cc=["Sam Ortiz <sam@tb.example>"],
        subject="Thank you for Tuesday, Dana",
        body="Hi Dana,\n\nThank you.\n.\nAlex\n",
    )
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


# ---------------------------------------------------------------- header text

INJECTIONS = [
    "Hello\r\nBcc: evil@y.example",
    "Hello\nBcc: evil@y.example",
    "Hello\rBcc: evil@y.example",
    "Hello\x00",
    "Hello\x1b[2J",
    "Hello\u2028Bcc: evil@y.example",
    "Hello =?utf-8?q?=0D=0ABcc:_evil@y.example?=",
    "Hello =?UTF-8?Q?x=0Ay?=",
    "Hello =?utf-8?b?DQpCY2M6IGV2aWxAeS5leGFtcGxl?=",
    "Hello =?iso-8859-1?b?Cg==?=",
    "Hello %0aBcc: evil@y.example",
    "Hello %0D%0ABcc: evil@y.example",
    "Hello \\nBcc: evil@y.example",
    "Hello \\r\\nBcc: evil@y.example",
]


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("field", ["To", "Cc", "Subject"])
def test_line_breaks_plain_or_encoded_are_refused(field: str, value: str) -> None:
    with pytest.raises(HeaderRefused) as refused:
        check_header_text(field, value)
    assert str(refused.value).startswith(f"{field}: “")
    with pytest.raises(HeaderRefused):
        outgoing_for(
            a_draft(**{field.lower(): [value] if field != "Subject" else value}), ALEX, NOW
        )


def test_an_encoded_word_that_would_change_the_text_is_refused() -> None:
    with pytest.raises(HeaderRefused, match="would arrive as “hi”"):
        check_header_text("Subject", "=?utf-8?q?hi?=")


@pytest.mark.parametrize(
    "value", ["Thank you, Dana", "Merci — à bientôt", "50% done", "C'est ça", "a=b?c", ""]
)
def test_ordinary_text_passes(value: str) -> None:
    check_header_text("Subject", value)


# ---------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("a@x.example,evil@y.example", "holds two addresses"),
        ("a@x.example; b@y.example", "holds two addresses"),
        ("a@x.example b@y.example", "holds two addresses"),
        ("Dana <a@x.example>, evil@y.example", "holds two addresses"),
        ('"a@x.example" <evil@y.example>', "shows the name a@x.example but sends to evil"),
        ("a@x.example <evil@y.example>", "two addresses"),
        ("dana.acme.example", "no @"),
        ("dana@localhost", "full domain"),
        ("dana@acme..example", "full domain"),
        ("da na@acme.example", "space"),
        ("Dana <da na@acme.example>", "space"),
        ("Whitfield, Dana <dana@acme.example>", "comma outside quotes"),
        ('"Dana <dana@acme.example>', "quote that is never closed"),
        ("Dana <dana@acme.example", "unmatched"),
        ("Dana <dana@acme.example> x", "text after the address"),
        ("[bot] <dana@acme.example>", "would be read by mail programs as nothing"),
        ("=?utf-8?q?evil=40y.example?= <a@x.example>", "would arrive as"),
        ("dána@acme.example", "character á"),
        ('"dana"@acme.example', 'character "'),
        ("", "empty"),
    ],
)
def test_entries_that_are_not_exactly_one_address_are_refused(entry: str, words: str) -> None:
    with pytest.raises(HeaderRefused) as refused:
        check_address("To", entry)
    message = str(refused.value)
    assert words in message
    assert message.startswith("To: ") and message.endswith(".")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("entry", "normal"),
    [
        ("dana@acme.example", "dana@acme.example"),
        ("  dana@acme.example ", "dana@acme.example"),
        ("<dana@acme.example>", "dana@acme.example"),
        ("Dana Whitfield <dana@acme.example>", "Dana Whitfield <dana@acme.example>"),
        ("Dana   Whitfield<dana@acme.example>", "Dana Whitfield <dana@acme.example>"),
        ('"Whitfield, Dana" <dana@acme.example>', '"Whitfield, Dana" <dana@acme.example>'),
        ("Dana W. <dana@acme.example>", '"Dana W." <dana@acme.example>'),
        ("Zoë Ünal <zoe@acme.example>", "Zoë Ünal <zoe@acme.example>"),
        ("O'Brien <ob@acme.example>", "O'Brien <ob@acme.example>"),
        ('"dana@acme.example" <dana@acme.example>', '"dana@acme.example" <dana@acme.example>'),
        ("-X@evil.example", "-X@evil.example"),
        ("-oQ/tmp@x.example", "-oQ/tmp@x.example"),
        (
            "first.last+jobs@mail.acme-robotics.example",
            "first.last+jobs@mail.acme-robotics.example",
        ),
    ],
)
def test_good_entries_pass_normalised(entry: str, normal: str) -> None:
    assert check_address("Cc", entry) == normal


FRAGMENTS = [
    "=?utf-8?q?",
    "=?utf-8?b?",
    "=?latin-1?Q?",
    "?=",
    "=0A",
    "=0d",
    "_",
    "DQo=",
    "Cg",
    "%0a",
    "%0D",
    "\\n",
    "\\r",
    "\r",
    "\n",
    "\x00",
    "@",
    "<",
    ">",
    '"',
    ",",
    " ",
    "a@x.example",
    "Dana",
]
TRICKY = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=12).map(
    "".join
)


def _decoded(value: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:  # a reader that cannot decode shows the text as it is
        return value


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), TRICKY))
def test_random_text_is_refused_cleanly_or_holds_no_line_break(value: str) -> None:
    for check in (check_header_text, check_address):
        try:
            check("Subject", value)
        except HeaderRefused as refused:
            assert "\n" not in str(refused)
            continue
        probe = email.message.EmailMessage()
        probe["Subject"] = value
        wire = probe.as_bytes(policy=email.policy.SMTP)
        received = email.message_from_bytes(wire, policy=email.policy.default)
        for text in (value, _decoded(value), str(received["Subject"])):
            assert "\r" not in text and "\n" not in text


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"[A-Za-z0-9 ,;<>\"@.=?_\\%-]{0,40}", fullmatch=True),
)
def test_address_like_text_is_one_address_or_refused(value: str) -> None:
    try:
        normal = check_address("To", value)
    except HeaderRefused:
        return
    assert len(email.utils.getaddresses([normal])) == 1
    assert normal.count("@") >= 1


# ---------------------------------------------------------------- the outgoing email


def test_from_needs_the_users_address() -> None:
    with pytest.raises(HeaderRefused) as refused:
        outgoing_for(a_draft(), Profile(name="Alex Morgan"), NOW)
    assert str(refused.value) == (
        "Your address is not set: add email under [profile] in config.toml "
        "(afterword locate shows where)."
    )


def test_a_draft_without_an_address_is_refused() -> None:
    with pytest.raises(HeaderRefused, match=r"^Draft “thank-you to Dana Whitfield” has no address"):
        outgoing_for(a_draft(to=["  "]), ALEX, NOW)


def test_every_to_and_cc_entry_is_checked() -> None:
    with pytest.raises(HeaderRefused, match=r"^Cc: "):
        outgoing_for(a_draft(cc=["sam@tb.example", "a@x.example,evil@y.example"]), ALEX, NOW)
    with pytest.raises(HeaderRefused, match=r"^From: "):
        outgoing_for(a_draft(), Profile(name="x@y.example", email="alex@example.com"), NOW)


def test_the_message_id_is_the_drafts_once_it_has_one() -> None:
    fixed = "<fixed.1@example.com>"
    assert outgoing_for(a_draft(message_id=fixed), ALEX, NOW).message_id == fixed
    fresh = outgoing_for(a_draft(), ALEX, NOW).message_id
    assert fresh.endswith("@example.com>") and fresh != fixed
    assert new_message_id("dana@acme.example").endswith("@acme.example>")
    with pytest.raises(HeaderRefused, match="Message-ID"):
        outgoing_for(a_draft(message_id="not-an-id"), ALEX, NOW)


def test_the_message_has_the_headers_of_the_summary() -> None:
    out = outgoing_for(a_draft(subject="Merci — Zoë"), ALEX, NOW)
    message = build_message(out)
    received = email.message_from_bytes(message_bytes(message), policy=email.policy.default)
    shown = summary(out)
    assert [name for name, _ in shown] == ["From", "To", "Cc", "Subject"]
    for name, value in shown:
        assert str(received[name]) == value
    assert received["Message-ID"] == out.message_id
    assert received.get_content_type() == "text/plain"
    assert received.get_content_charset() == "utf-8"
    assert received.get_content().replace("\r\n", "\n") == out.body
    assert b"\r\n" in message_bytes(message)
    assert b"\r\n" not in file_bytes(message)
    assert all(b < 0x80 for b in message_bytes(message))  # any server takes it


def test_no_cc_header_when_there_is_none() -> None:
    out = outgoing_for(a_draft(cc=[]), ALEX, NOW)
    assert [name for name, _ in summary(out)] == ["From", "To", "Subject"]
    assert "Cc" not in build_message(out)


def test_the_date_is_local_with_an_offset() -> None:
    zone = timezone(timedelta(hours=-5))
    out = outgoing_for(a_draft(), ALEX, datetime(2026, 11, 25, 9, 0, tzinfo=zone))
    header = str(build_message(out)["Date"])
    assert re.search(r"[+-]\d{4}$", header)
    assert email.utils.parsedate_to_datetime(header) == datetime(2026, 11, 25, 14, tzinfo=UTC)


def test_long_subjects_and_names_survive_folding() -> None:
    long_subject = "Thank you " + "so very much " * 12 + "— Zoë"
    draft = a_draft(subject=long_subject, to=["Dr. Zoë Ünal-Whitfield, PhD <zoe@acme.example>"])
    with pytest.raises(HeaderRefused, match="comma outside quotes"):
        outgoing_for(draft, ALEX, NOW)
    draft.to = ['"Dr. Zoë Ünal-Whitfield, PhD" <zoe@acme.example>']
    out = outgoing_for(draft, ALEX, NOW)
    received = email.message_from_bytes(
        message_bytes(build_message(out)), policy=email.policy.default
    )
    assert str(received["Subject"]) == long_subject
    assert str(received["To"]) == dict(summary(out))["To"]


def test_outgoing_is_frozen() -> None:
    out = outgoing_for(a_draft(), ALEX, NOW)
    assert isinstance(out, Outgoing)
    with pytest.raises(AttributeError):
        out.subject = "x"  # type: ignore[misc]


# ---------------------------------------------------------------- hand-off


def test_eml_is_written_private_and_reads_back(tmp_path: Path) -> None:
    message = build_message(outgoing_for(a_draft(), ALEX, NOW))
    path = write_eml(tmp_path / "dana.eml", message, database=tmp_path / "aw.json")
    assert path.stat().st_mode & 0o777 == 0o600
    back = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert back["Message-ID"] == message["Message-ID"]
    assert not list(tmp_path.glob(".*tmp*"))


def test_eml_in_a_missing_user_folder_is_one_sentence(tmp_path: Path) -> None:
    message = build_message(outgoing_for(a_draft(), ALEX, NOW))
    with pytest.raises(OSError) as failed:
        write_eml(tmp_path / "nope" / "dana.eml", message, database=tmp_path / "aw.json")
    assert isinstance(failed.value, NoSuchFolder)
    assert str(failed.value) == (
        f"The folder {tmp_path / 'nope'} does not exist; create it or choose another place "
        "for the .eml file."
    )


def test_eml_in_our_own_data_folder_makes_the_folder(isolated_home: Path) -> None:
    from afterword.compose.handoff import outbox_dir

    message = build_message(outgoing_for(a_draft(), ALEX, NOW))
    path = write_eml(outbox_dir() / "x.eml", message, database=paths.db_path())
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.is_relative_to(isolated_home)


def test_eml_names_are_safe() -> None:
    draft = a_draft(id="1a2b3c4d")
    assert eml_name(draft, "Acme Robotics") == "acme-robotics-dana-whitfield-thank-you-1a2b3c4d.eml"
    odd = a_draft(person="Zoë/../Ünal", id="../X")
    assert eml_name(odd, "../Ça va!") == "ca-va-zoe-unal-thank-you-x.eml"
    assert eml_name(Draft(template="", id=""), "") == "draft.eml"
    assert len(eml_name(a_draft(person="x" * 500), "y")) <= 104


def test_client_argv_puts_the_file_in_one_item(tmp_path: Path) -> None:
    file = tmp_path / "my mail; rm -rf ~.eml"
    assert client_argv("neomutt -H {file}", file) == ["neomutt", "-H", str(file)]
    assert client_argv("thunderbird -compose 'message={file}'", file) == [
        "thunderbird",
        "-compose",
        f"message={file}",
    ]
    assert client_argv("xdg-open", file) == ["xdg-open", str(file)]
    for bad in ("", "   ", "neomutt -H '{file}"):
        with pytest.raises(ValueError, match=r"mail\.client_command"):
            client_argv(bad, file)


def test_half_a_surrogate_pair_becomes_a_replacement_character() -> None:
    """An imported record can carry "\\ud800" into a rendered email; UTF-8 has no form for it,
    so the message shows U+FFFD instead of failing to be built."""
    out = outgoing_for(a_draft(subject="Thanks \ud800", body="Hi \udfff Dana\n"), ALEX, NOW)
    assert out.subject == "Thanks \ufffd" and out.body == "Hi \ufffd Dana\n"
    parsed = email.message_from_bytes(build_message(out).as_bytes(), policy=email.policy.default)
    assert str(parsed["Subject"]) == "Thanks \ufffd"
    assert parsed.get_content() == "Hi \ufffd Dana\n"


def test_the_clipboard_gets_the_body_as_the_email_carries_it_without_invisible_controls() -> None:
    """`ctrl+b`: the email's line ends and U+FFFD for half a surrogate pair (UTF-8 has no form
    for it), and no C0/C1 control character but newline and tab: pasted into a terminal, an
    ESC sequence or a bracketed-paste end would act on it."""
    body = "Dear Dana,\r\n\thalf \ud800 pair\rA\x1b[201~B\x07C\x9b31mD\x7fE\x00F\u200bG\n"
    assert pasteable(body) == "Dear Dana,\n\thalf \ufffd pair\nA[201~BC31mDEF\u200bG\n"
    assert pasteable(body).encode("utf-8")  # the terminal's OSC 52 needs UTF-8


def test_to_and_cc_split_at_commas_and_semicolons_outside_quotes_and_angle_brackets() -> None:
    text = '"Chen, Lee" <lee@acme.example>; dana@acme.example, <a,b@x.example>,, '
    assert split_addresses(text) == [
        '"Chen, Lee" <lee@acme.example>',
        "dana@acme.example",
        "<a,b@x.example>",
    ]
    assert split_addresses("  ") == []
