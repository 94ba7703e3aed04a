"""A sentence that names a key names the one the user's [keymap] put on it: "Press ctrl+z to
undo" for `undo = "ctrl+z"`, never the `u` that does nothing there. And each key a sentence
gives as the default is the key its binding has when nobody moved it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.pilot import Pilot

import afterword.tui
from afterword import paths
from afterword.config import key_said
from afterword.tui.app import AfterwordApp
from afterword.tui.key_names import key_name
from afterword.tui.screens.debrief import DebriefScreen
from afterword.tui.screens.dialogs import ConfirmDialog
from afterword.tui.screens.interviews import InterviewsScreen
from tests.tui.helpers import SIZE, loaded, make_app, notes, static_text, wait_for
from tests.unit.test_guide import binding_ids

PROFILE = '[profile]\nname = "Alex Morgan"\nemail = "alex@example.com"\n'
SOURCE = Path(afterword.tui.__file__).parents[1]  # src/afterword: the emails' session too


def app_with_keymap(tmp_path: Path, keymap: str, *, demo: bool = True) -> AfterwordApp:
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{PROFILE}[keymap]\n{keymap}", encoding="utf-8")
    return make_app(tmp_path, demo=demo)


def default_keys() -> dict[str, str]:
    """Each binding id with the keys it has when nobody moved it ("n,escape")."""
    import importlib
    import pkgutil

    keys: dict[str, str] = {}
    modules = [
        afterword.tui,
        *(
            importlib.import_module(info.name)
            for info in pkgutil.walk_packages(afterword.tui.__path__, "afterword.tui.")
        ),
    ]
    for module in modules:
        for value in vars(module).values():
            if not isinstance(value, type):
                continue
            for binding in getattr(value, "BINDINGS", None) or []:
                if isinstance(binding, Binding) and binding.id:
                    keys.setdefault(binding.id, binding.key)
    return keys


def named_defaults() -> list[tuple[str, str, str, str]]:
    """(file, function, binding id, default) of every key a sentence in tui/ names through
    key_name (its first key) or keys_said (all its keys): the calls with their arguments
    written out, and the (id, default) pairs handed to one in a loop (function "")."""
    found = []
    ids = binding_ids()
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name in ("key_names.py", "config.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if not names & {*NAMING, "_key"}:
            continue
        for node in ast.walk(tree):
            args: list[ast.expr] = []
            function = ""
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in NAMING:
                args, function = node.args[1:3], getattr(node.func, "id", "")
                function = "key_name" if function == "key_said" else function
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "_key":
                args, function = node.args[0:2], "key_name"  # DraftSession._key
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
                args = node.elts
            strings = [a.value for a in args if isinstance(a, ast.Constant)]
            if len(strings) == 2 and all(isinstance(s, str) for s in strings):
                binding_id, default = strings
                if binding_id in ids:
                    found.append((path.name, function, binding_id, default))
    return found


NAMING = ("key_name", "keys_said", "key_said")


async def ask_to_delete(pilot: Pilot[Any], app: AfterwordApp) -> None:
    """Interviews, `D` on the first: the question is asked."""
    await loaded(pilot)
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
    await pilot.press("D")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))


def test_every_key_a_sentence_names_is_its_bindings_own() -> None:
    keys = default_keys()
    found = named_defaults()
    assert len(found) >= 15, found  # the scan sees the sentences (it would pass on none)
    wrong = []
    for name, function, binding_id, default in found:
        every = keys[binding_id]
        first = key_said({}, binding_id, every)  # its first key as a sentence says it: `[`
        right = {"key_name": {first}, "keys_said": {every}}.get(function, {first, every})
        if default not in right:
            wrong.append(f"{name}: {binding_id} is {every!r}, the sentence says {default!r}")
    assert wrong == []


def test_key_name_says_the_first_key_as_typed(tmp_path: Path) -> None:
    app = app_with_keymap(
        tmp_path,
        'undo = "ctrl+z, u"\nhelp = "question_mark"\n"today.done" = "left_square_bracket"\n',
    )
    assert key_name(app, "undo", "u") == "ctrl+z"
    assert key_name(app, "help", "?") == "?"
    assert key_name(app, "today.done", "x") == "["
    assert key_name(app, "today.snooze", "z") == "z"  # not moved: its own key


async def test_deleting_says_the_undo_key_the_keymap_gives(tmp_path: Path) -> None:
    app = app_with_keymap(tmp_path, 'undo = "ctrl+z"\n')
    async with app.run_test(size=SIZE) as pilot:
        await ask_to_delete(pilot, app)
        await pilot.press("y")
        await wait_for(pilot, lambda: any("to undo" in n for n in notes(app)))
        said = next(n for n in notes(app) if "to undo" in n)
        assert said.endswith("Press ctrl+z to undo."), said


async def test_the_debriefs_notes_name_the_moved_keys(tmp_path: Path) -> None:
    app = app_with_keymap(
        tmp_path,
        '"debrief.add_person" = "f2"\n"debrief.save" = "f9"\n"text.editor" = "ctrl+x"\n',
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.pause()
        people = static_text(app, "#people-hint")
        end = static_text(app, "#form-end")
        assert people.startswith("f2 adds someone you met, ctrl+r removes"), people
        assert end.startswith("f9 saves and schedules the follow-ups · escape leaves"), end
        assert "ctrl+x opens a long field" in end, end


async def test_the_welcome_names_the_moved_keys_and_a_bracket_stays_text(tmp_path: Path) -> None:
    app = app_with_keymap(
        tmp_path, 'new = "f3"\ninterviews = "left_square_bracket"\nhelp = "f1"\n', demo=False
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.pause()
        welcome = static_text(app, "#empty")
        assert "Press f3 to write the debrief" in welcome, welcome
        assert "Press [ for your interviews, f1 for every key" in welcome, welcome


async def test_the_palette_names_a_screens_key_where_the_keymap_moved_it(tmp_path: Path) -> None:
    from tests.tui.test_palette import search

    app = app_with_keymap(tmp_path, '"interviews.filter" = "F"\n')
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))
        found = await search(pilot, "Filter", "Filter")
        assert "F on this screen" in found[0], found


async def test_a_dialogs_line_of_keys_names_every_moved_key(tmp_path: Path) -> None:
    app = app_with_keymap(tmp_path, 'yes = "ctrl+y"\nno = "ctrl+n, escape"\n')
    async with app.run_test(size=SIZE) as pilot:
        await ask_to_delete(pilot, app)
        assert static_text(app, ".dialog-keys") == "ctrl+y: yes · ctrl+n or escape: no"
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewsScreen))


async def test_help_lists_a_moved_key_that_a_list_would_shadow_under_its_new_key(
    tmp_path: Path,
) -> None:
    """Today's `enter` (Do it: open the draft, call sheet or person) is the list's too, so help
    adds it from the screen's own keys: moved by [keymap], it is listed under the new key only."""
    from tests.tui.helpers import row_text, table

    app = app_with_keymap(tmp_path, '"today.open" = "f4"\n')
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        grid = table(app, "#keys")
        rows = [row_text(grid, n) for n in range(grid.row_count)]
        opens = [row[0] for row in rows if row[1:] and row[1] == "Do it"]
        assert opens == ["f4"], rows


async def test_the_calendars_legend_names_the_moved_keys(tmp_path: Path) -> None:
    from afterword.tui.screens.calendar import CalendarScreen

    app = app_with_keymap(
        tmp_path, '"calendar.go_to" = "ctrl+g"\n"calendar.month_before" = "comma"\n'
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await pilot.pause()
        legend = static_text(app, "#calendar-legend")
        assert "ctrl+g go to" in legend and ", ] a month" in legend, legend
