"""Throughput of ``lkip batch``: reports and pages per minute on a generated archive, at 1 and 2
local workers and through a Dask LocalCluster, and the peak memory of each worker.

    python benchmarks/batch.py                         # 50 reports: 23 text-PDF, 15 text, 12 scanned
    python benchmarks/batch.py --pdf 5 --text 5 --scanned 3 --keep /tmp/arsip   # smaller, kept

The archive is made by ``lkipsynth`` (random truths typeset into PDFs, seed ``--seed``): text
PDFs as they are, text reports as ``pdftotext -layout`` gives them, scanned reports as image-only
PDFs at 300 dpi (``lkipsynth.scan``). Each configuration reviews it from scratch into a fresh
OUTDIR (``lkip.batch.run.run_batch``, the code behind ``lkip batch``) and the whole run is timed,
worker start-up, summary and catalog included:

- mixed archive: 1 worker, 2 workers, Dask LocalCluster (2 worker processes, 1 thread each);
- scanned reports only: 1 worker on 1 core, 2 workers on 2 cores (how throughput grows with
  workers; the target is >= 1.8x), and 1 worker on all cores (``lkip batch --workers 1``, whose
  OCR already reads pages in parallel).

Peak memory: each worker process's peak resident set (VmHWM; the Tesseract processes it starts,
one page each, are not counted). Every run must give the same findings; the script says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkip import __version__  # noqa: E402
from lkip.batch.run import Options, Outcome, run_batch  # noqa: E402


def make_archive(folder: Path, pdf: int, text: int, scanned: int, seed: int) -> None:
    """``pdf + text + scanned`` generated reports in ``folder``/{pdf,text,scan}."""
    from lkipsynth.random_truth import random_truth
    from lkipsynth.scan import ScanOptions, scan_pdf
    from lkipsynth.typeset import render

    for sub in ("pdf", "text", "scan", "src"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for i in range(pdf + text + scanned):
        stem, truth = random_truth(seed, i)
        src = render(truth, folder / "src" / f"{stem}.pdf")
        if i < pdf:
            shutil.copy(src, folder / "pdf" / src.name)
        elif i < pdf + text:
            subprocess.run(["pdftotext", "-layout", str(src), str(folder / "text" / f"{stem}.txt")],
                           check=True)
        else:
            scan_pdf(src, folder / "scan" / f"{stem}-scan300.pdf", ScanOptions(dpi=300, seed=i))
    shutil.rmtree(folder / "src")


def timed(label: str, inputs: list[str], workers: int = 1, scheduler: str | None = None,
          cores: set[int] | None = None) -> tuple[Outcome, float]:
    """One batch from scratch; ``cores`` limits this process and so its workers to those cores."""
    before = os.sched_getaffinity(0)
    out = Path(tempfile.mkdtemp(prefix="lkip-bench-"))
    try:
        if cores is not None:
            os.sched_setaffinity(0, cores)
        start = time.monotonic()
        outcome = run_batch(Options(inputs=inputs, out=out, workers=workers, scheduler=scheduler,
                                    timeout=None))
        seconds = time.monotonic() - start
    finally:
        os.sched_setaffinity(0, before)
        shutil.rmtree(out, ignore_errors=True)
    pages = sum(r.pages or 0 for r in outcome.records if r.status == "ok")
    reports = sum(r.status == "ok" for r in outcome.records)
    failed = [f"{r.report} {r.status}" for r in outcome.records if r.status != "ok"]
    peaks: dict[str, int] = defaultdict(int)
    for r in outcome.results:
        peaks[r.worker] = max(peaks[r.worker], r.peak_rss_kb)
    memory = ", ".join(f"{kb // 1024} MB" for kb in sorted(peaks.values(), reverse=True))
    print(f"{label:<38} {reports:>3} reports {pages:>4} pages {seconds:7.1f} s  "
          f"{reports / seconds * 60:6.1f} reports/min {pages / seconds * 60:6.1f} pages/min  "
          f"peak RSS per worker: {memory}" + (f"  NOT READ: {failed}" if failed else ""), flush=True)
    return outcome, seconds


def findings(outcome: Outcome) -> dict[str, object]:
    return {r.sha256: (r.status, sorted(r.by_rule.items())) for r in outcome.records}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf", type=int, default=23, help="text-layer PDFs (default 23)")
    parser.add_argument("--text", type=int, default=15, help="pdftotext -layout texts (default 15)")
    parser.add_argument("--scanned", type=int, default=12, help="scanned PDFs, 300 dpi (default 12)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the archive here")
    parser.add_argument("--no-dask", action="store_true", help="skip the LocalCluster run")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lkip-archive-"))
    if not any(folder.glob("*/*")):
        start = time.monotonic()
        make_archive(folder, args.pdf, args.text, args.scanned, args.seed)
        print(f"archive: {folder} made in {time.monotonic() - start:.0f} s", flush=True)
    counts = {sub: len(list((folder / sub).glob("*"))) for sub in ("pdf", "text", "scan")}
    print(f"archive: {sum(counts.values())} reports ({counts['pdf']} text-PDF, {counts['text']} text, "
          f"{counts['scan']} scanned); {len(cores)} cores; lkip {__version__}\n", flush=True)
    figures: dict[str, float] = {}
    everything = [str(folder)]
    one, t1 = timed("mixed, 1 worker", everything, 1)
    two, t2 = timed("mixed, 2 workers", everything, 2)
    figures.update(mixed_1=t1, mixed_2=t2)
    same = findings(one) == findings(two)
    if not args.no_dask:
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:
            dask, td = timed("mixed, Dask LocalCluster 2x1", everything, scheduler=cluster.scheduler_address)
        figures["mixed_dask"] = td
        same = same and findings(dask) == findings(one)
    scans = [str(folder / "scan")]
    _, s1 = timed("scanned, 1 worker on 1 core", scans, 1, cores=set(cores[:1]))
    _, s2 = timed(f"scanned, 2 workers on {min(len(cores), 2)} cores", scans, 2, cores=set(cores[:2]))
    _, s1all = timed(f"scanned, 1 worker on {len(cores)} cores", scans, 1)
    figures.update(scanned_1_core=s1, scanned_2=s2, scanned_1_all=s1all)
    print()
    print(f"mixed: 2 workers {t1 / t2:.2f}x the throughput of 1 worker")
    if "mixed_dask" in figures:
        print(f"mixed: Dask LocalCluster takes {figures['mixed_dask'] / t2:.2f}x the time of the local "
              f"pool of 2 workers (target <= 1.10)")
    print(f"scanned: 2 workers {s1 / s2:.2f}x the throughput of 1 worker on 1 core (target >= 1.8); "
          f"{s1all / s2:.2f}x that of 1 worker on all cores")
    print(f"same findings in every mixed run: {'yes' if same else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
