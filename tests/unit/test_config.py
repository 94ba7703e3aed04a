"""config.toml: a bad value is one sentence naming the key and the file; its default is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.config import DEFAULT_FILE, load_config, save_setting, save_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "absent.toml")
    assert problems == []
    assert config.schedule.thank_you_hours == 24
    assert config.ui.days == 7


def test_good_values_are_used(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[profile]\nname = "Alex Morgan"\n[schedule]\nthank_you_hours = 6\n'
        '[ui]\ndayfirst = true\n[keymap]\nquit = "ctrl+q"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.profile.name == "Alex Morgan"
    assert config.schedule.thank_you_hours == 6
    assert config.ui.dayfirst is True
    assert config.keymap == {"quit": "ctrl+q"}


def test_every_bad_value_is_named_and_defaulted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[profile]\nname = 3\n"
        '[schedule]\nthank_you_hours = "soon"\ncheck_in_hour = 25\ncheck_in_max = true\n'
        '[ui]\ndays = -1\ndayfirst = "yes"\ncolour = "red"\n'
        '[mail]\nsmtp_security = "ssl3"\n'
        "[keymap]\nquit = 5\n"
        "[extras]\nx = 1\n",
    )
    config, problems = load_config(path)
    expected = [
        "profile.name",
        "schedule.thank_you_hours",
        "schedule.check_in_hour",
        "schedule.check_in_max",
        "ui.days",
        "ui.dayfirst",
        "ui.colour",
        "mail.smtp_security",
        "keymap.quit",
        "[extras]",
    ]
    assert len(problems) == len(expected)
    for key, problem in zip(expected, problems, strict=True):
        assert key in problem
        assert str(path) in problem
    assert config.profile.name == ""
    assert config.schedule.thank_you_hours == 24
    assert config.schedule.check_in_hour == 9
    assert config.schedule.check_in_max == 2
    assert config.ui.days == 7
    assert config.mail.smtp_security == "starttls"
    assert config.keymap == {}


def test_broken_toml_is_one_sentence(tmp_path: Path) -> None:
    path = write(tmp_path, "[profile\nname = ")
    config, problems = load_config(path)
    assert len(problems) == 1
    assert "is not valid TOML" in problems[0]
    assert str(path) in problems[0]
    assert config.schedule.thank_you_hours == 24


def test_section_that_is_not_a_table(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, 'ui = "dark"\n'))
    assert problems and "[ui]" in problems[0]
    assert config.ui.theme == "afterword-dark"


def test_the_default_file_parses_and_changes_nothing(tmp_path: Path) -> None:
    from afterword.config import Config, write_default_config

    path = tmp_path / "new" / "config.toml"
    assert write_default_config(path)
    assert not write_default_config(path)  # never overwrites the user's file
    assert path.stat().st_mode & 0o777 == 0o600
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(path=path)
    for key in ("thank_you_hours", "check_in_max", "dayfirst", "theme", "min_active_leads"):
        assert f"# {key} = " in path.read_text(encoding="utf-8")


def test_save_setting_never_rewrites_a_file_that_does_not_parse(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[ui]\ntheme = "afterword-dark\n', encoding="utf-8")
    problem = save_setting(path, "ui", "theme", "nord")
    assert problem is not None and "is not valid TOML" in problem and "mend it" in problem
    assert path.read_text(encoding="utf-8") == '[ui]\ntheme = "afterword-dark\n'


def test_save_setting_refuses_a_section_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("ui = 3\n", encoding="utf-8")
    problem = save_setting(path, "ui", "theme", "nord")
    assert problem is not None and "[ui]" in problem and "not a table" in problem
    assert path.read_text(encoding="utf-8") == "ui = 3\n"


def test_save_setting_refuses_text_that_cannot_be_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[ui]\n", encoding="utf-8")
    problem = save_setting(path, "ui", "theme", "half \ud800 a character")
    assert problem is not None and "was not saved" in problem
    assert path.read_text(encoding="utf-8") == "[ui]\n"


def test_save_setting_writes_through_a_symlinked_config(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("# mine\n[ui]\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    assert save_setting(link, "ui", "theme", "nord") is None
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == '# mine\n[ui]\ntheme = "nord"\n'


def test_save_setting_adds_a_table_and_keeps_dotted_and_inline_ones(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    for text, wanted in (
        ("ui.days = 3\n", 'ui.days = 3\nui.theme = "nord"\n'),
        ("ui = {days = 3}\n", 'ui = {days = 3,theme = "nord"}\n'),
        ('[profile]\nname = "A"', '[profile]\nname = "A"\n[ui]\ntheme = "nord"\n'),
    ):
        path.write_text(text, encoding="utf-8")
        assert save_setting(path, "ui", "theme", "nord") is None
        assert path.read_text(encoding="utf-8") == wanted


def test_save_setting_writes_nothing_that_does_not_read_back_as_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that went wrong (here: one that pastes) is caught before the file changes."""
    import tomlkit

    path = tmp_path / "config.toml"
    path.write_text('[ui]\ntheme = "afterword-dark"\n', encoding="utf-8")
    monkeypatch.setattr(
        tomlkit, "dumps", lambda document: '[ui]\ntheme = "x"\n[mail]\nsendmail_command = "sh"\n'
    )
    problem = save_setting(path, "ui", "theme", "x")
    assert problem is not None and "would not have read back as written" in problem
    assert path.read_text(encoding="utf-8") == '[ui]\ntheme = "afterword-dark"\n'


def test_an_ehlo_name_that_is_not_a_host_name_is_named_and_defaulted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    for bad in ("evil\\r\\nMAIL FROM:<x@example.com>", "my laptop", "-x", ""):
        path.write_text(f'[mail]\nehlo_name = "{bad}"\n', encoding="utf-8")
        config, problems = load_config(path)
        assert config.mail.ehlo_name == "localhost"
        assert len(problems) == 1 and "mail.ehlo_name" in problems[0], problems
        assert "should be a host name" in problems[0]
    for good in ("mail.example.org", "[127.0.0.1]", "[IPv6:::1]", "x"):
        path.write_text(f'[mail]\nehlo_name = "{good}"\n', encoding="utf-8")
        assert load_config(path) == (load_config(path)[0], [])
        assert load_config(path)[0].mail.ehlo_name == good


def test_save_settings_writes_the_whole_profile_at_once_keeping_comments(tmp_path: Path) -> None:
    path = write(tmp_path, DEFAULT_FILE)
    signature = 'Alex Morgan\nBackend engineer · "Acme"\n\u2028+1 555'
    profile = {"name": "Alex Morgan", "email": "alex@example.com", "phone": "", "signature": ""}
    assert save_settings(path, "profile", {**profile, "signature": signature}) is None
    text = path.read_text(encoding="utf-8")
    for line in DEFAULT_FILE.splitlines():
        assert line in text  # every comment and heading kept, in order
    assert text.index("[profile]") < text.index('name = "Alex Morgan"') < text.index("[schedule]")
    config, problems = load_config(path)
    assert problems == []
    assert (config.profile.name, config.profile.email) == ("Alex Morgan", "alex@example.com")
    assert config.profile.signature == signature  # line breaks read back as written


def test_save_settings_changes_nothing_when_one_value_cannot_be_written(tmp_path: Path) -> None:
    path = write(tmp_path, '[profile]\nname = "Old"\n')
    problem = save_settings(path, "profile", {"name": "New", "email": "half \ud800 a char"})
    assert problem is not None and "profile.name, profile.email were not saved" in problem
    assert path.read_text(encoding="utf-8") == '[profile]\nname = "Old"\n'


def test_an_old_binding_id_is_read_as_its_new_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[keymap]\n"drafts.send" = "f5"\n"debrief.add-person" = "f2"\n"today.done" = "x,space"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.keymap == {
        "today.done": "x,space",
        "emails.send": "f5",
        "debrief.add_person": "f2",
    }


def test_a_new_binding_id_is_kept(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path, '[keymap]\n"emails.send" = "f5"\n'))
    assert (config.keymap, problems) == ({"emails.send": "f5"}, [])


@pytest.mark.parametrize("order", ["old first", "new first"])
def test_the_new_id_wins_over_an_old_one_wherever_it_stands(tmp_path: Path, order: str) -> None:
    lines = ['"drafts.send" = "f5"', '"emails.send" = "f6"']
    if order == "new first":
        lines.reverse()
    path = write(tmp_path, "[keymap]\n" + "\n".join(lines) + "\n")
    config, problems = load_config(path)
    assert config.keymap == {"emails.send": "f6"}
    assert problems == [
        f'keymap."drafts.send" in {path} is an old name of "emails.send", which is set already; '
        "ignored."
    ]


def test_the_three_old_ids_of_ctrl_e_are_one_and_the_first_is_used(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\n"drafts.editor" = "f4"\n"debrief.editor-any" = "f3"\n')
    config, problems = load_config(path)
    assert config.keymap == {"text.editor": "f4"}
    assert len(problems) == 1 and '"debrief.editor-any"' in problems[0]


def test_an_id_afterword_does_not_know_is_a_typo_said_and_ignored(tmp_path: Path) -> None:
    """It would move nothing: one sentence naming it and where the ids are; the rest works."""
    path = write(tmp_path, '[keymap]\n"emails.sned" = "f9"\n"emails.send" = "f5"\n')
    config, problems = load_config(path)
    assert config.keymap == {"emails.send": "f5"}
    assert problems == [
        f'keymap."emails.sned" in {path} is not the id of a key of Afterword (docs/guide.md, '
        '"Your own keys", lists them); ignored.'
    ]


def test_a_key_is_said_as_a_person_types_it() -> None:
    from afterword.config import key_said

    keymap = {"undo": "ctrl+z, u", "new": "comma", "help": "question_mark", "quit": "space"}
    assert key_said(keymap, "undo", "u") == "ctrl+z"
    assert key_said(keymap, "undo", "u", every=True) == "ctrl+z or u"
    assert key_said(keymap, "new", "n") == ","
    assert key_said(keymap, "help", "?") == "?"
    assert key_said(keymap, "quit", "q") == "space"  # a named key stays a word
    assert key_said(keymap, "today", "t") == "t"  # not moved: its own
    assert key_said({}, "x", "left_square_bracket,pageup", every=True) == "[ or pageup"
    assert key_said({}, "x", "ctrl+slash") == "ctrl+/"
    assert key_said({}, "x", "escape") == "escape" and key_said({}, "x", "f5") == "f5"
