"""python -m lkipsynth TRUTH.json... -o OUTDIR: typeset each ground truth into OUTDIR/<stem>.pdf.
python -m lkipsynth --random N --seed S -o OUTDIR: write N random truths (lkipsynth.random_truth)
and their PDFs into OUTDIR; the same seed gives the same documents.
python -m lkipsynth --scan {200,300} [--skew DEG] [--turn PAGE[:DEG]] [--noise gauss=S|saltpepper=P]
[--blur PX] [--uneven GREY] [--bilevel | --jpeg Q] [--mixed [--pages P]] [--name STEM] TRUTH.json -o DIR:
a scanned copy (image-only PDF) of each truth's PDF, or with --mixed a copy whose --pages (default:
the last) are scanned and the rest keep their text, with the truth beside it
(OUTDIR/<stem>-scan<dpi>.pdf + .json; see lkipsynth.scan).
python -m lkipsynth --docx (TRUTH.json... | --random N --seed S) -o OUTDIR: the Word path instead of
reportlab: each truth as OUTDIR/<stem>.docx in a random house style, converted to <stem>.pdf by
LibreOffice, and <stem>.json, the truth with the pages LibreOffice chose (a truth file given is
written as <stem>-docx.*, so that its own JSON is never overwritten; see lkipsynth.docx)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lkipsynth.scan import ScanOptions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkipsynth", description=__doc__)
    parser.add_argument("truths", nargs="*", type=Path, help="ground-truth JSON files")
    parser.add_argument(
        "-o", "--out", type=Path, default=None, help="output folder (default: beside each truth)"
    )
    parser.add_argument("--random", type=int, metavar="N", help="generate N random truths (needs -o)")
    parser.add_argument("--seed", default="2026", help="seed of the random truths (default 2026)")
    parser.add_argument("--only", type=int, nargs="+", metavar="I", help="with --random: only these")
    parser.add_argument("--docx", action="store_true",
                        help="write .docx, convert it with LibreOffice, write the page-corrected truth")
    scan = parser.add_argument_group("scanned copies (lkipsynth.scan)")
    scan.add_argument("--scan", type=int, choices=(200, 300), metavar="{200,300}",
                      help="write a scanned copy at this resolution instead of the born-digital PDF")
    scan.add_argument("--skew", type=float, default=0.0, metavar="DEG",
                      help="rotate every page by DEG degrees, sign from the seed (0.3-2 is realistic)")
    scan.add_argument("--turn", action="append", default=[], metavar="PAGE[:DEG]",
                      help="turn this page by 90 (default), 180 or 270 degrees; repeatable")
    scan.add_argument("--noise", action="append", default=[], metavar="KIND=LEVEL",
                      help="gauss=SIGMA (grey levels) or saltpepper=SHARE (of pixels); repeatable")
    scan.add_argument("--blur", type=float, default=0.0, metavar="PX", help="Gaussian blur radius")
    scan.add_argument("--uneven", type=float, default=0.0, metavar="GREY",
                      help="uneven light over the page, in grey levels (30-60 is visible)")
    scan.add_argument("--bilevel", action="store_true",
                      help="1-bit pages thresholded like a fax or office scanner (CCITT G4)")
    scan.add_argument("--jpeg", type=int, default=60, metavar="Q",
                      help="JPEG quality of grey pages (default 60; 30-70 shows artefacts)")
    scan.add_argument("--mixed", action="store_true",
                      help="scan only some pages (--pages), keep the text of the others")
    scan.add_argument("--pages", default="last", metavar="PAGES",
                      help="with --mixed: the pages to scan ('5', '5-6', '1,7', 'last'; default: last)")
    scan.add_argument("--name", help="stem of the output files (one truth only)")
    args = parser.parse_args(argv)
    if args.scan is not None:
        if not args.truths:
            parser.error("--scan needs truth files")
        if args.name and len(args.truths) > 1:
            parser.error("--name takes one truth file")
        try:
            opts = scan_options(args)
        except ValueError as exc:
            parser.error(str(exc))
        return write_scans(args.truths, args.out, opts, args.pages if args.mixed else None, args.name)
    from lkipsynth.truth import Truth
    from lkipsynth.typeset import LayoutError, render

    if args.docx:
        if args.random is not None and args.out is None:
            parser.error("--random needs -o OUTDIR")
        if args.random is None and not args.truths:
            parser.error("give truth files or --random N")
        return write_docx(args.truths, args.out, args.random, args.seed, args.only)
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


def scan_options(args: argparse.Namespace) -> ScanOptions:
    from lkipsynth.scan import ScanOptions, seed_value

    turn: dict[int, int] = {}
    for spec in args.turn:
        page, _, deg = spec.partition(":")
        turn[int(page)] = int(deg or 90)
    noise: dict[str, float] = {}
    for spec in args.noise:
        kind, _, level = spec.partition("=")
        default = {"gauss": 8.0, "saltpepper": 0.0005}.get(kind)
        if default is None:
            raise ValueError(f"--noise {spec}: the kinds are gauss=SIGMA and saltpepper=SHARE")
        noise[kind] = float(level) if level else default
    return ScanOptions(dpi=args.scan, skew=args.skew, turn=turn, noise=noise, blur=args.blur,
                       uneven=args.uneven, bilevel=args.bilevel, jpeg=args.jpeg, seed=seed_value(args.seed))


def write_scans(truths: list[Path], out: Path | None, opts: ScanOptions,
                mixed: str | None, name: str | None) -> int:
    from lkipsynth.scan import parse_pages, scan_truth
    from lkipsynth.truth import Truth

    status = 0
    for path in truths:
        try:
            truth = Truth.load(path)
            pages = parse_pages(mixed, truth.page_count) if mixed else None
            bad = [p for p in list(opts.turn) + (pages or []) if not 1 <= p <= truth.page_count]
            if bad:
                raise ValueError(f"pages {bad} are not among its {truth.page_count} pages")
            pdf, js = scan_truth(path, out or path.parent, opts, mixed=pages, name=name)
        except (ValueError, OSError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        what = f"pages {pages} scanned" if pages else "all pages scanned"
        print(f"{pdf}: {truth.page_count} pages, {what} at {opts.dpi} dpi; truth {js.name}")
    return status


def write_docx(truths: list[Path], out: Path | None, n: int | None, seed: str,
               only: list[int] | None = None) -> int:
    """The Word path (lkipsynth.docx) for truth files or ``n`` random truths; 1 when one failed."""
    from lkipsynth.docx import ConversionError, Unreconciled, render_docx
    from lkipsynth.truth import Truth

    jobs: list[tuple[str, Truth, Path]] = []
    if n is not None:
        from lkipsynth.random_truth import random_truth

        if out is None:
            raise ValueError("random truths need an output folder")

        seed_value: int | str = int(seed) if str(seed).lstrip("-").isdigit() else seed
        for i in range(n):
            if not only or i in only:
                stem, truth = random_truth(seed_value, i)
                jobs.append((stem, truth, out))
    for path in truths:
        jobs.append((f"{path.stem}-docx", Truth.load(path), out or path.parent))
    status = 0
    for stem, truth, folder in jobs:
        try:
            _docx, pdf, js = render_docx(truth, folder, stem)
        except (ConversionError, Unreconciled, ValueError, OSError) as exc:
            print(f"{stem}: {type(exc).__name__}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(f"{pdf}: {Truth.load(js).page_count} pages, {len(truth.planted_errors)} planted errors; "
              f"truth {js.name}")
    return status


def write_random(n: int, seed: str, out: Path, only: list[int] | None = None) -> int:
    from lkipsynth.random_truth import random_truth
    from lkipsynth.typeset import render

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
