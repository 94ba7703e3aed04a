"""Write a database of N realistic interviews: `python bench/make_db.py N PATH`.

The file opens with `afterword --db PATH`. Each interview is about 2 KB: several paragraphs of
notes, two or three interviewers, follow-ups and sent drafts as a diligent user would have.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import make_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int, help="how many interviews")
    parser.add_argument("path", type=Path, help="the database file to create (must not exist)")
    args = parser.parse_args()
    if args.path.exists():
        parser.error(f"{args.path} exists already; give a new file")
    start = time.perf_counter()
    make_database(args.count, args.path)
    size = args.path.stat().st_size
    print(
        f"wrote {args.count} interviews to {args.path} ({size / 1e6:.1f} MB, "
        f"{size / max(args.count, 1):.0f} bytes each) in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
