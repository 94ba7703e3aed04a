"""The sentences of a failed send: each names what to check and whether the email may have gone."""

from __future__ import annotations

import pytest

from afterword.compose import sending_sentences as sentences


@pytest.mark.parametrize(
    ("stage", "start", "setting"),
    [
        ("connect", "Could not connect to", "mail.smtp_host and mail.smtp_port"),
        ("hello", "Could not greet", "mail.smtp_host and mail.smtp_port"),
        ("tls", "Could not start a secure connection with", "mail.smtp_security"),
        ("login", "Could not log in to", "mail.smtp_user and mail.password_command"),
        ("recipients", "Could not send through", "the addresses"),
    ],
)
def test_a_failure_before_the_message_names_its_stage_and_setting(
    stage: str, start: str, setting: str
) -> None:
    said = sentences.not_before_data("smtp.example.com:587", stage, "it did not answer in time")
    assert said == (
        f"{start} the mail server smtp.example.com:587 (it did not answer in time); nothing was "
        f"sent: check {setting} in config.toml, or try again later."
    )


def test_a_break_after_the_message_sends_the_user_to_the_sent_folder() -> None:
    assert sentences.check_sent_folder("msmtp was stopped by signal 9") == (
        "msmtp was stopped by signal 9, so the email may have been sent: check your Sent folder "
        "before sending again."
    )


def test_a_refusal_quotes_the_servers_first_line_cut_short() -> None:
    said = sentences.refused("mx.example.com", "the email", 552, b"x" * 300 + b"\r\nmore")
    assert said.startswith("mx.example.com refused the email (552 " + "x" * 119 + "…);")
    assert "more" not in said


def test_a_login_refusal_leaves_the_servers_words_out() -> None:
    assert sentences.login_refused("mx.example.com", "alex", 535) == (
        "mx.example.com refused the login for alex (535); check mail.smtp_user and "
        "mail.password_command in config.toml."
    )
