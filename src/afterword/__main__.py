"""Entry point for ``afterword`` and ``python -m afterword``."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # A file-size limit should fail a save with an error, not kill the process mid-write.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from afterword.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
