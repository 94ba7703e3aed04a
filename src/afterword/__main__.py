"""Entry point for ``afterword`` and ``python -m afterword``."""

from __future__ import annotations

import os
import signal
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    # A file-size limit should fail a save with an error, not kill the process mid-write.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    args = list(sys.argv[1:] if argv is None else argv)
    if "today" in args:
        # The morning agenda answers without argparse when it can (a shell prompt runs it).
        from afterword.commands.today import quick
        from afterword.errors import AfterwordError

        try:
            code = quick(args)
        except AfterwordError:
            code = None  # the full command line says what is wrong
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        if code is not None:
            return code
    from afterword.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
