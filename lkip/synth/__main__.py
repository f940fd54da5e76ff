"""python -m lkip.synth TRUTH.json... -o OUTDIR: typeset each ground truth into OUTDIR/<stem>.pdf.
python -m lkip.synth --random N --seed S -o OUTDIR: write N random truths (lkip.synth.random_truth)
and their PDFs into OUTDIR; the same seed gives the same documents."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkip.synth", description=__doc__)
    parser.add_argument("truths", nargs="*", type=Path, help="ground-truth JSON files")
    parser.add_argument(
        "-o", "--out", type=Path, default=None, help="output folder (default: beside each truth)"
    )
    parser.add_argument("--random", type=int, metavar="N", help="generate N random truths (needs -o)")
    parser.add_argument("--seed", default="2026", help="seed of the random truths (default 2026)")
    parser.add_argument("--only", type=int, nargs="+", metavar="I", help="with --random: only these")
    args = parser.parse_args(argv)
    from lkip.synth.truth import Truth
    from lkip.synth.typeset import LayoutError, render

    if args.random is not None:
        if args.out is None:
            parser.error("--random needs -o OUTDIR")
        return write_random(args.random, args.seed, args.out, args.only)
    if not args.truths:
        parser.error("give truth files or --random N")
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


def write_random(n: int, seed: str, out: Path, only: list[int] | None = None) -> int:
    from lkip.synth.random_truth import random_truth
    from lkip.synth.typeset import render

    out.mkdir(parents=True, exist_ok=True)
    seed_value: int | str = int(seed) if str(seed).lstrip("-").isdigit() else seed
    for i in range(n):
        if only and i not in only:
            continue
        stem, truth = random_truth(seed_value, i)
        path = out / f"{stem}.json"
        path.write_text(
            json.dumps(truth.model_dump(mode="json", exclude_defaults=False), ensure_ascii=False, indent=1)
            + "\n",
            encoding="utf-8",
        )
        pdf = render(truth, out / f"{stem}.pdf")
        print(f"{pdf}: {truth.page_count} pages, {len(truth.planted_errors)} planted errors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
