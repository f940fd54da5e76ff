"""python -m lkip.synth TRUTH.json... -o OUTDIR: typeset each ground truth into OUTDIR/<stem>.pdf."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkip.synth", description=__doc__)
    parser.add_argument("truths", nargs="+", type=Path, help="ground-truth JSON files")
    parser.add_argument("-o", "--out", type=Path, default=None,
                        help="output folder (default: beside each truth)")
    args = parser.parse_args(argv)
    from lkip.synth.truth import Truth
    from lkip.synth.typeset import LayoutError, render

    status = 0
    for path in args.truths:
        try:
            truth = Truth.load(path)
            pdf = render(truth, (args.out or path.parent) / f"{path.stem}.pdf")
        except (LayoutError, ValueError, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"{pdf}: {truth.page_count} pages")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
