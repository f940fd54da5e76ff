"""Pages per second and time per stage of ``lkip check`` on text-layer PDFs, and peak memory.

Runs each stage the way the pipeline does (read and lay out the pages; rebuild the tables; build
the views; run the rules; render the JSON report) on one core, in this process, and prints one
line per file plus the totals. Peak memory is the process's maximum resident set size after each
file (it only grows), so the last figure is the run's peak.

    python benchmarks/speed.py                      # the real reports and the synthetic samples
    python benchmarks/speed.py FILE.pdf ... --repeat 3 --json OUT
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkip.extract.pdf_text import LaidOut, attach_boxes, number_lines, read_pages  # noqa: E402
from lkip.extract.text import extract_text  # noqa: E402
from lkip.model import Document  # noqa: E402
from lkip.normalize.views import build_views  # noqa: E402
from lkip.pipeline import InputError, load_source  # noqa: E402
from lkip.report.json import render_json  # noqa: E402
from lkip.validate.registry import validate  # noqa: E402

REAL = ROOT.parent / "shared" / "samples" / "real-pdf"
STAGES = ("layout", "tables", "views", "rules", "report")


def default_inputs() -> list[Path]:
    files = sorted(REAL.glob("*.pdf")) + sorted((ROOT / "samples" / "synthetic").glob("*.pdf"))
    return files


def time_file(path: Path) -> dict[str, float] | str:
    """Seconds per stage for one file, or the reason it was not read."""
    times: dict[str, float] = {}
    try:
        t0 = time.process_time()
        source, _data = load_source(path)
        doc = Document(source=source)
        pages = list(read_pages(path))
        times["layout"] = time.process_time() - t0
        if not any(p.text.strip() for p in pages):
            return "no text layer (scan)"
        t0 = time.process_time()
        laid = LaidOut(pages=pages, line_boxes=number_lines(pages))
        extract_text(laid.text, doc)
        doc.source.pages = len(pages)
        attach_boxes(doc, laid)
        times["tables"] = time.process_time() - t0
        t0 = time.process_time()
        build_views(doc)
        times["views"] = time.process_time() - t0
        t0 = time.process_time()
        validate(doc)
        times["rules"] = time.process_time() - t0
        t0 = time.process_time()
        render_json(doc, "id")
        times["report"] = time.process_time() - t0
    except InputError as exc:
        return exc.reason_en
    times["pages"] = float(len(pages))
    return times


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="runs per file; the fastest counts")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    files = args.files or default_inputs()
    print(f"lkip speed, one core (process CPU time), pid {os.getpid()}")
    print(f"{'file':<48} {'pages':>5} " + " ".join(f"{s:>7}" for s in STAGES)
          + f" {'pages/s':>8} {'peak MB':>8}")
    totals = dict.fromkeys(STAGES, 0.0)
    pages_total = 0.0
    rows = []
    for path in files:
        best: dict[str, float] | str | None = None
        for _ in range(max(1, args.repeat)):
            got = time_file(path)
            if isinstance(got, str) or best is None or isinstance(best, str) or (
                    sum(got[s] for s in STAGES) < sum(best[s] for s in STAGES)):
                best = got
        name = path.name[:48]
        if isinstance(best, str):
            print(f"{name:<48} skipped: {best}")
            rows.append({"file": path.name, "skipped": best})
            continue
        assert best is not None
        spent = sum(best[s] for s in STAGES)
        for s in STAGES:
            totals[s] += best[s]
        pages_total += best["pages"]
        rate = best["pages"] / spent if spent else float("inf")
        print(f"{name:<48} {int(best['pages']):>5} " + " ".join(f"{best[s]:>7.2f}" for s in STAGES)
              + f" {rate:>8.1f} {peak_mb():>8.0f}")
        rows.append({"file": path.name, **best, "pages_per_s": rate, "peak_mb": peak_mb()})
    spent = sum(totals.values())
    print("-" * 110)
    if spent:
        shares = " ".join(f"{totals[s] / spent:>7.0%}" for s in STAGES)
        print(f"{'all text-layer files':<48} {int(pages_total):>5} {shares} "
              f"{pages_total / spent:>8.1f} {peak_mb():>8.0f}")
    if args.json:
        args.json.write_text(json.dumps({"files": rows, "pages": pages_total, "seconds": spent,
                                         "pages_per_s": pages_total / spent if spent else None,
                                         "peak_mb": peak_mb()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
