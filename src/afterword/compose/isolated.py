"""How Afterword starts a helper Python process (the limited child that renders user templates).

``python -m`` puts the current folder first on ``sys.path``, so a ``json.py`` or ``jinja2/`` in
the folder where ``afterword`` runs would be imported by the helper. Helpers run with ``-I``
(no current folder, no ``PYTHON*`` variables, no user site) in a folder of Afterword's choosing,
with a short explicit environment. So that the helper still finds what the app itself found
(an install in the user site, a checkout on ``PYTHONPATH``), the app's own import folders are
added *after* the helper's: never the current folder, and never before the standard library.
"""

from __future__ import annotations

import contextlib
import os
import sys

# Runs MODULE (argv[1]) as __main__ once the app's folders (argv[2:]) are on the path.
_START = (
    "import runpy, sys; module = sys.argv[1]; sys.path += sys.argv[2:]; del sys.argv[1:]; "
    "runpy.run_module(module, run_name='__main__', alter_sys=True)"
)

# What a helper keeps of the environment: the locale (text encodings) and what Windows needs.
_KEPT = ("LANG", "LC_ALL", "LC_CTYPE", "PATH", "SYSTEMROOT", "TZ")


def _app_folders() -> list[str]:
    here = {"", os.curdir}
    with contextlib.suppress(OSError):  # a current folder that is gone: nothing to leave out
        here.add(os.getcwd())
    folders = []
    for entry in sys.path:
        if entry in here or not os.path.isabs(entry) or not os.path.isdir(entry):
            continue
        folders.append(entry)
    return folders


def python_command(module: str) -> list[str]:
    """The argv that runs ``module`` as a script in an isolated Python (see above)."""
    return [sys.executable, "-I", "-c", _START, module, *_app_folders()]


def helper_environment(**extra: str) -> dict[str, str]:
    """The environment of a helper: the locale, PATH, and ``extra``; nothing else."""
    env = {name: os.environ[name] for name in _KEPT if name in os.environ}
    env.update(extra)
    return env
