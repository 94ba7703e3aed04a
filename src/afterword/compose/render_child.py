"""Renders one user template in a child process with limits on memory and CPU time.

Reads the request as JSON on stdin and answers ``{"subject", "body"}`` or ``{"problem"}`` on
stdout. The parent (``render``) also stops it after a few seconds of wall-clock time.
"""

from __future__ import annotations

import json
import os
import sys


def _limit() -> None:
    try:
        import resource

        memory = int(os.environ.get("AFTERWORD_RENDER_MEMORY", "0"))
        if memory > 0:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (3, 4))
    except (ImportError, ValueError, OSError):
        pass  # no resource module (not POSIX): the parent's timeout still holds


def main() -> int:
    from afterword.compose.render import TemplateProblem, render_here, request_from_json

    request, user_dir = request_from_json(sys.stdin.read())
    _limit()
    try:
        letter = render_here(request, user_dir)
    except TemplateProblem as problem:
        answer = {"problem": str(problem)}
    else:
        answer = {"subject": letter.subject, "body": letter.body}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
