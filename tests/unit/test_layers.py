"""The layers: the domain imports nothing of Textual, TinyDB or Jinja2; commands never Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import afterword

SRC = Path(afterword.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_source_imports_no_framework() -> None:
    for path in (SRC / "domain").rglob("*.py"):
        assert not _imports(path) & {"textual", "tinydb", "jinja2", "rich", "spellchecker"}, path


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_domain_pulls_in_no_framework_at_run_time() -> None:
    loaded = _modules_after(
        "import afterword.domain.model, afterword.domain.records, afterword.domain.schedule, "
        "afterword.domain.follow_up_rules, afterword.domain.dates, afterword.domain.date_phrases, "
        "afterword.domain.proofread, afterword.domain.drafting, afterword.domain.outbox, "
        "afterword.domain.merge"
    )
    frameworks = {"textual", "tinydb", "jinja2", "rich", "spellchecker"}
    assert not {m for m in loaded if m.split(".")[0] in frameworks}


def test_one_shot_commands_never_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    code = (
        "from afterword.cli import main\n"
        f"main(['--db', {str(db)!r}, '--demo', 'export'])\n"
        f"main(['--db', {str(db)!r}, 'locate'])\n"
        "sys.stdout.flush()"
    )
    loaded = _modules_after(code)
    assert "afterword.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def test_the_email_commands_never_import_textual(tmp_path: Path) -> None:
    from afterword.demo import demo_interviews, write_demo_database
    from tests.conftest import NOW

    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    first = demo_interviews(NOW)[0].id
    code = (
        "import io, contextlib\n"
        "from afterword.cli import main\n"
        "quiet = contextlib.redirect_stdout(io.StringIO())\n"
        "with quiet, contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['--db', {str(db)!r}, 'draft', {first!r}])\n"
        f"    main(['--db', {str(db)!r}, 'proofread', {first!r}])\n"
    )
    loaded = _modules_after(code)
    assert {"afterword.commands.mail", "afterword.commands.proofread", "jinja2"} <= loaded
    assert not {m for m in loaded if m.split(".")[0] in {"textual", "rich"}}


def test_plain_today_stays_light(tmp_path: Path) -> None:
    """A shell prompt runs `afterword today --count`: it must not pay for heavy modules."""
    from afterword.demo import write_demo_database
    from tests.conftest import NOW, run_afterword

    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    assert run_afterword(["--db", str(db), "today"]).returncode == 0  # writes the agenda file
    code = (
        "import io, contextlib\n"
        "from afterword.__main__ import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    main(['--db', {str(db)!r}, 'today', '--count'])\n"
        "assert out.getvalue(), 'nothing printed'\n"
    )
    loaded = _modules_after(code)
    assert "afterword.commands.today" in loaded
    heavy = {
        "argparse",
        "dataclasses",
        "pathlib",
        "dateutil",
        "platformdirs",
        "tinydb",
        "textual",
        "rich",
        "tomllib",
        "jinja2",
        "afterword.cli",
        "afterword.store.storage",
    }
    assert not {m for m in loaded if m in heavy or m.split(".")[0] in heavy}


def test_the_app_module_leaves_what_the_first_frame_does_not_need() -> None:
    """The first frame is a budget (docs/budgets.md): the forms, the palette, the store and
    heavy widgets load when first used, not with the app."""
    loaded = _modules_after("import afterword.cli, afterword.tui.app")
    assert "afterword.tui.app" in loaded
    late = {
        "textual.widgets._text_area",
        "tinydb",
        "afterword.tui.screens.debrief",
        "afterword.tui.screens.interviews",
        "afterword.tui.providers",
        "afterword.tui.screens.emails",
        "afterword.store.storage",
        "jinja2",
        "spellchecker",
    }
    assert not loaded & late, loaded & late


def test_every_module_has_a_place_in_the_import_contracts() -> None:
    """`lint-imports` (.ci/run) checks the arrows between the layers of pyproject.toml: a
    module left out of them would be checked by nothing."""
    import tomllib

    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    contracts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in contracts["contracts"] if c["type"] == "layers")
    placed = {
        name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")
    }
    modules = {
        path.stem if path.suffix == ".py" else path.name
        for path in SRC.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert modules == placed, (
        f"without a layer: {sorted(modules - placed)}; no such module: {sorted(placed - modules)}"
    )
