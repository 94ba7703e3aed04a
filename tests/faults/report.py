"""Every fault Afterword promises to survive, named, and a table of them at the end of a run.

Each test of tests/faults carries ``@pytest.mark.fault("SIGKILL during 1,000 saves")`` (per
test, per parameter or for a whole module): the fault it injects for real. Whenever such tests
ran, the run ends with one line per fault: survived, FAILED or skipped (and why).

A plugin of tests/conftest.py (``pytest_plugins``), not a conftest of its own folder: under
pytest-xdist the tests run in workers, and only the controller, which loads the top conftest,
prints the summary. The fault's name travels with each report (``user_properties``).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import pytest

MARKER = "fault"


@dataclass
class Outcome:
    """What happened to the tests of one fault (a parametrized test counts each case)."""

    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # xfail: a known fault, not yet survived

    def verdict(self) -> str:
        if self.failed:
            return f"FAILED ({len(self.failed)} of {self.total}: {', '.join(self.failed)})"
        if self.known:
            reasons = "; ".join(sorted(set(self.known)))
            return f"FAILED, known ({len(self.known)} of {self.total}: {reasons})"
        if self.passed:
            more = f", {len(self.skipped)} skipped" if self.skipped else ""
            return f"survived ({self.passed} test{'s' if self.passed > 1 else ''}{more})"
        reasons = sorted(set(self.skipped))
        return f"skipped ({'; '.join(reasons)})"

    @property
    def total(self) -> int:
        return self.passed + len(self.failed) + len(self.skipped) + len(self.known)


_faults: dict[str, Outcome] = {}  # by fault, in the order they ran


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(name): the fault the test injects; the run ends with a table of the faults",
    )


def fault_of(item: pytest.Item) -> str | None:
    marker = item.get_closest_marker(MARKER)
    if marker is None or not marker.args:
        return None
    return str(marker.args[0])


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return "skipped"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    name = fault_of(item)
    if name is not None:
        report: pytest.TestReport = outcome.get_result()
        report.user_properties.append((MARKER, name))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count each report (in a worker and again in the controller: each counts its own)."""
    name = dict(report.user_properties).get(MARKER)
    if name is None:
        return
    entry = _faults.setdefault(str(name), Outcome())
    case = report.nodeid.rpartition("::")[2]
    if report.skipped and hasattr(report, "wasxfail"):
        entry.known.append(str(report.wasxfail).removeprefix("reason: ") or "xfail")
    elif report.skipped and report.when in ("setup", "call"):
        entry.skipped.append(_skip_reason(report))
    elif report.failed:
        if case not in entry.failed:
            entry.failed.append(case)
        if report.when == "teardown" and entry.passed:
            entry.passed -= 1  # it passed its call, then its teardown failed
    elif report.passed and report.when == "call":
        entry.passed += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    faults = _faults
    if not faults:
        return
    terminalreporter.section("faults")
    width = max(len(name) for name in faults) + 4
    for name in faults:  # in the order they ran
        verdict = faults[name].verdict()
        markup = {"red": True} if verdict.startswith("FAILED") else {}
        if verdict.startswith("survived"):
            markup = {"green": True}
        elif verdict.startswith("skipped"):
            markup = {"yellow": True}
        dots = "." * (width - len(name))
        terminalreporter.write_line(f"faults: {name} {dots} {verdict}", **markup)
