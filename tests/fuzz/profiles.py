"""How many examples each fuzzer tries: a settings profile chosen by ``AFTERWORD_FUZZ``.

``ci`` (the default) keeps the whole fuzz suite to a few seconds of the CI run; ``thorough``
tries 10,000 examples per fuzzer (the bar: they find nothing). Fuzzers that start a child process
for every example take a tenth of that in ``thorough`` (a twentieth in ``ci``). No example
database is kept (``database=None``), so nothing is written into the repository; a failure
prints the seed to reproduce it.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, Phase, settings

ENV = "AFTERWORD_FUZZ"
_COMMON: dict[str, object] = {
    # An example takes milliseconds to two seconds; one that takes a minute is a hang found
    # (a quadratic regular expression once hid in a fuzzer that only got slow). Anything
    # tighter would be noise on a shared two-core machine.
    "deadline": timedelta(seconds=60),
    "database": None,
    "print_blob": True,
    "phases": [p for p in Phase if p != Phase.explain],  # explaining costs minutes, adds little
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
PROFILES = {"ci": 25, "thorough": 10_000}
# AFTERWORD_FUZZ_EXAMPLES=N: N examples a fuzzer in this run instead (to split a thorough run
# into parts that fit a time slot; each run draws new random examples)
if os.environ.get("AFTERWORD_FUZZ_EXAMPLES", "").strip().isdigit():
    PROFILES["thorough"] = int(os.environ["AFTERWORD_FUZZ_EXAMPLES"])
for _name, _examples in PROFILES.items():
    settings.register_profile(f"afterword-fuzz-{_name}", max_examples=_examples, **_COMMON)

NAME = os.environ.get(ENV, "").strip() or "ci"
if NAME not in PROFILES:
    raise RuntimeError(f"{ENV}={NAME!r} is not a fuzz profile; use one of: {', '.join(PROFILES)}.")

FUZZ = settings.get_profile(f"afterword-fuzz-{NAME}")
"""An in-process fuzzer's settings."""

CHILD = settings(FUZZ, max_examples=max(4, FUZZ.max_examples // (10 if NAME == "thorough" else 20)))
"""A fuzzer that starts a process per example (a tenth of the examples when thorough)."""

HEAVY = settings(FUZZ, max_examples=max(5, FUZZ.max_examples // (1 if NAME == "thorough" else 5)))
"""A fuzzer that imports and exports the whole database several times an example (all of the
thorough examples; a fifth in CI)."""
