"""`afterword export --format csv`: one row per interview, with its next open follow-up."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

from afterword.demo import write_demo_database
from afterword.domain.model import FollowUp, Interview
from afterword.exchange.csv_file import COLUMNS, export_csv, safe_cell
from afterword.store.repository import Repository
from tests.conftest import NOW, run_afterword


def test_one_row_per_interview_with_the_earliest_open_follow_up(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_demo_database(db, NOW)
    target = tmp_path / "interviews.csv"
    result = run_afterword(["--db", str(db), "export", "--format", "csv", "-o", str(target)])
    assert result.returncode == 0, result.stderr
    with target.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    with Repository.open(db, read_only=True) as repo:
        interviews = {i.id: i for i in repo.interviews()}
    assert [r["id"] for r in rows] == sorted(interviews, key=lambda k: interviews[k].when)
    assert tuple(rows[0]) == COLUMNS
    with_next = 0
    for row in rows:
        interview = interviews[row["id"]]
        assert row["company"] == interview.company
        assert row["when"] == interview.when.isoformat()
        assert row["interviewers"] == "; ".join(p.name for p in interview.interviewers)
        open_items = interview.open_follow_ups()
        assert row["open_follow_ups"] == str(len(open_items))
        if not open_items:
            assert row["next_follow_up"] == row["next_due"] == ""
            continue
        with_next += 1
        earliest = min(open_items, key=lambda f: f.due)
        assert row["next_follow_up_id"] == earliest.id
        assert row["next_follow_up"] == earliest.title
        assert row["next_due"] == earliest.due.isoformat()
    assert with_next, "the demo data has open follow-ups"


def test_the_next_follow_up_skips_done_and_cancelled_ones() -> None:
    interview = Interview(company="Acme", when=datetime(2026, 11, 20, 14))
    early_done = FollowUp(kind="thank_you", due=datetime(2026, 11, 21), title="done")
    early_done.done_at = datetime(2026, 11, 21)
    cancelled = FollowUp(kind="check_in", due=datetime(2026, 11, 22), title="x", cancelled=True)
    late = FollowUp(kind="check_in", due=datetime(2026, 12, 1, 9), title="Check in")
    later = FollowUp(kind="custom", due=datetime(2026, 12, 5, 9), title="Later")
    interview.follow_ups = [later, early_done, cancelled, late]
    [row] = csv.DictReader(io.StringIO(export_csv([interview])))
    assert (row["next_follow_up"], row["next_due"]) == ("Check in", "2026-12-01T09:00:00")


def test_cells_a_spreadsheet_would_run_are_defused() -> None:
    assert safe_cell('=HYPERLINK("http://x")').startswith("'=")
    assert safe_cell("@SUM(1)") == "'@SUM(1)"
    assert safe_cell("+cmd") == "'+cmd"
    assert safe_cell("+44 20 7946 0000") == "+44 20 7946 0000"
    assert safe_cell("Acme, Inc.") == "Acme, Inc."
    interview = Interview(company="=1+1", role='Engineer, "Platform"', when=datetime(2026, 1, 1))
    [row] = csv.DictReader(io.StringIO(export_csv([interview])))
    assert row["company"] == "'=1+1"
    assert row["role"] == 'Engineer, "Platform"'
