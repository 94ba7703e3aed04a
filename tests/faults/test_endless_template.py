"""A user template that loops for ever: the render runs in a child process with limits on
time and size, is stopped, and says so in one sentence naming the template; the command ends
with exit status 2 and the database is as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.helpers import (
    assert_nothing_lost,
    assert_one_line_error,
    cli_env,
    make_db,
    run_cli,
)

pytestmark = pytest.mark.fault("a user template that loops for ever")

LOOP = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"


@pytest.mark.slow
def test_an_endless_template_is_stopped_in_time_and_named(tmp_path: Path) -> None:
    db = tmp_path / "afterword.json"
    acknowledged = make_db(db, 3)
    before = db.read_bytes()
    env = cli_env(tmp_path, db)
    folder = Path(env["AFTERWORD_CONFIG"]).parent / "templates"
    folder.mkdir(parents=True)
    (folder / "forever.j2").write_text(f"Subject: x\n\n{LOOP}\n", encoding="utf-8")

    done = run_cli(["draft", acknowledged[0].id, "--template", "forever"], env)
    line = assert_one_line_error(done, f"Template forever ({folder / 'forever.j2'})")
    # The wall-clock limit says so; on a loaded machine the child's CPU limit may stop it
    # first, which says "too much time or memory": stopped either way, and named.
    assert "took more than 3 seconds" in line or "was stopped" in line, line
    assert done.stdout == ""
    assert db.read_bytes() == before
    assert_nothing_lost(db, acknowledged)
