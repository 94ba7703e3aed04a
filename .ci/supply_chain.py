#!/usr/bin/env python3
"""Supply-chain checks for .ci/run: known advisories against what a venv has installed.

    python .ci/supply_chain.py floors SITE_PACKAGES...
        Offline, always runs: every installed distribution that has a known advisory must be at
        or above the first release that fixes it (the table FLOORS below, kept by hand).
    python .ci/supply_chain.py audit PIP_AUDIT SITE_PACKAGES...
        pip-audit against its online data (PyPI's per-release JSON API, else OSV). Where neither
        answers, it says why and is skipped without failing.

How a finding is judged, by where the package sits:
  * afterword's own dependency tree without extras (what a user installs): always a failure;
  * the test extra's tree: a failure, unless another installed package's requirement rules the
    fixed release out (then it is a warning that names the blocker, and it turns into a failure
    by itself on the day the blocker allows the fix);
  * neither (what the venv was seeded with: pip, setuptools): a warning.
Needs `packaging`, which the project's test venv has (build and hatchling depend on it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from importlib.metadata import Distribution, distributions

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PROJECT = "afterword"

# name: (first release with no known advisory, the advisories it fixes). Keep to advisories that
# apply to any use of the package; add a row when pip-audit (or a CVE feed) names a new one.
FLOORS: dict[str, tuple[str, str]] = {
    "jinja2": (
        "3.1.6",
        "CVE-2024-22195, CVE-2024-34064 (xmlattr XSS); CVE-2024-56201, CVE-2024-56326, "
        "CVE-2025-27516 (sandbox escapes)",
    ),
    "pygments": ("2.20.0", "CVE-2021-27291, CVE-2022-40896, CVE-2026-4539 (ReDoS in lexers)"),
    "markdown-it-py": ("2.2.0", "CVE-2023-26302, CVE-2023-26303 (crash on crafted input)"),
    "aiosmtpd": (
        "1.4.6",
        "CVE-2024-27305 (SMTP smuggling), CVE-2024-34083 (STARTTLS response injection)",
    ),
    "pytest": ("9.0.3", "CVE-2025-71176 (predictable /tmp/pytest-of-<user>)"),
    "setuptools": ("78.1.1", "CVE-2022-40897, CVE-2024-6345, CVE-2025-47273"),
    "pip": ("25.3", "CVE-2023-5752, CVE-2025-8869"),
    "wheel": ("0.38.1", "CVE-2022-40898"),
    "requests": ("2.32.4", "CVE-2024-35195, CVE-2024-47081"),
    "urllib3": ("2.5.0", "CVE-2025-50181, CVE-2025-50182"),
    "idna": ("3.7", "CVE-2024-3651"),
    "certifi": ("2024.7.4", "CVE-2024-39689"),
}


def installed(paths: list[str]) -> dict[str, Distribution]:
    found: dict[str, Distribution] = {}
    for dist in distributions(path=paths):
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), dist)
    return found


def closure(dists: dict[str, Distribution], extras: Iterable[str]) -> set[str]:
    """The names in the project's dependency tree, with the given extras of the project."""
    seen: set[str] = set()
    todo: list[tuple[str, tuple[str, ...]]] = [(PROJECT, tuple(extras))]
    while todo:
        name, wanted = todo.pop()
        dist = dists.get(name)
        if dist is None:
            continue
        for line in dist.requires or []:
            req = Requirement(line)
            envs = [{"extra": e} for e in ("", *wanted)]
            if req.marker is not None and not any(req.marker.evaluate(env) for env in envs):
                continue
            dep = canonicalize_name(req.name)
            if dep not in seen:
                seen.add(dep)
                todo.append((dep, tuple(req.extras)))
    return seen


def blocker(dists: dict[str, Distribution], name: str, fixed: str) -> str | None:
    """An installed package whose requirement on `name` rules out the release `fixed`."""
    for other, dist in sorted(dists.items()):
        for line in dist.requires or []:
            req = Requirement(line)
            if canonicalize_name(req.name) == name and req.specifier and not req.specifier.contains(
                fixed, prereleases=True
            ):
                return f"{dist.metadata['Name']} {dist.version} requires {req}"
    return None


def judge(dists: dict[str, Distribution], name: str, fixed: str) -> tuple[str, str]:
    """('fail' | 'warn', why) for a package below `fixed`."""
    if name in closure(dists, ()):
        return "fail", "a runtime dependency"
    if name in closure(dists, ("test",)):
        why = blocker(dists, name, fixed)
        if why:
            return "warn", f"test-only, and the fix cannot be installed: {why}"
        return "fail", "a test dependency"
    return "warn", "not in afterword's dependency tree (the venv's own tooling)"


def site_label(paths: list[str]) -> str:
    return " ".join(paths)


def floors(paths: list[str]) -> int:
    dists = installed(paths)
    if PROJECT not in dists:
        print(f"afterword is not installed in {site_label(paths)}", file=sys.stderr)
        return 1
    failures = 0
    checked = 0
    for name, (fixed, advisories) in FLOORS.items():
        dist = dists.get(name)
        if dist is None:
            continue
        checked += 1
        try:
            below = Version(dist.version) < Version(fixed)
        except InvalidVersion:
            below = True
        if not below:
            print(f"  ok    {name} {dist.version} >= {fixed}")
            continue
        verdict, why = judge(dists, name, fixed)
        failures += verdict == "fail"
        print(f"  {verdict.upper():5} {name} {dist.version} < {fixed} ({advisories}); {why}")
    print(f"floors: {checked} packages with a known advisory checked, {failures} below their fix")
    return 1 if failures else 0


def audit(pip_audit: str, paths: list[str]) -> int:
    dists = installed(paths)
    reasons: list[str] = []
    for service in ("pypi", "osv"):
        cmd = [pip_audit, "--progress-spinner", "off", "-f", "json", "-s", service, "--timeout", "20"]
        for path in paths:
            cmd += ["--path", path]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            reasons.append(f"{service}: no answer within 300 s")
            continue
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError:
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            reasons.append(f"{service}: {last[:300]}")
            continue
        deps = [d for d in report.get("dependencies", []) if canonicalize_name(d["name"]) != PROJECT]
        audited = [d for d in deps if "skip_reason" not in d]
        if not audited:
            skipped = [d.get("skip_reason", "") for d in deps]
            hint = ""
            if service == "pypi" and any("not found on PyPI" in s for s in skipped):
                hint = "; PyPI's per-release JSON API (/pypi/NAME/VERSION/json) answers 404 here"
            reasons.append(
                f"{service}: none of {len(deps)} packages could be looked up"
                + (f" (e.g. {skipped[0]})" if skipped else "")
                + hint
            )
            continue
        failures = 0
        for dep in audited:
            for vuln in dep.get("vulns", []):
                name = canonicalize_name(dep["name"])
                fixed = min(vuln.get("fix_versions") or ["99999"], key=Version)
                verdict, why = judge(dists, name, fixed)
                failures += verdict == "fail"
                ids = ", ".join([vuln["id"], *vuln.get("aliases", [])])
                print(f"  {verdict.upper():5} {dep['name']} {dep['version']}: {ids}, fixed in "
                      f"{', '.join(vuln.get('fix_versions') or ['nothing yet'])}; {why}")
        print(f"pip-audit ({service}): {len(audited)} of {len(deps)} packages audited, "
              f"{failures} with an advisory that fails the build")
        return 1 if failures else 0
    print("pip-audit skipped: its vulnerability data is not reachable from here")
    for reason in reasons:
        print(f"  {reason}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "floors":
        return floors(argv[1:])
    if len(argv) >= 3 and argv[0] == "audit":
        return audit(argv[1], argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
