"""Resource limits under hostile input (issue 16): what a careless or hostile input costs.

    python benchmarks/hostile.py                       # everything, 120 s limit per run
    python benchmarks/hostile.py --only text --sizes 0.1 1 --limit 60

Prints:

- text input: seconds per MB of ``lkip check`` on the Sibolga OCR text repeated to 0.1, 1, 10
  and 50 MB (a size that runs over ``--limit`` is stopped, and the larger ones are not tried; a
  text over 4 MB is refused up front: the time to refuse it is printed);
- peak RSS (the largest process: lkip, or a Tesseract it started) of ``lkip check`` on the dinkes
  PDF repeated to 500 pages (with its errors: 4 per 6-page copy), and on a 'bomb': a 4 KB PDF
  of six blank 200 x 200 inch scanned pages;
- ``lkip batch --workers 5000`` on a small archive: how many worker processes ran, and the peak
  RSS of the largest one.

Each ``lkip check`` runs in its own process (``-o /dev/null``), so its memory is its own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkip.pipeline import MAX_TEXT_BYTES  # noqa: E402

SAMPLE = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
DINKES = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"


# runs one check as its child, so that RUSAGE_CHILDREN is that check's alone (lkip and the
# Tesseract processes it waited for: the largest one's peak)
_WRAPPER = """
import os, resource, subprocess, sys
proc = subprocess.Popen([sys.executable, "-m", "lkip.cli", "check", sys.argv[1], "-f", "json",
                         "-o", sys.argv[3]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    code = proc.wait(timeout=float(sys.argv[2]))
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
    code = None
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


def check(path: Path, limit: float, review: str = os.devnull) -> tuple[str, float, int]:
    """('exit N' | 'over the limit', seconds, peak RSS in MB of its largest process); the JSON
    review goes to ``review``."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, str(path), str(limit), review],
                          cwd=ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    code, rss = done.stdout.split()
    seconds = time.monotonic() - start
    return ("over the limit" if code == "None" else f"exit {code}"), seconds, int(rss)


def errors_in(review: Path) -> str:
    """'N errors' of a JSON review, or '-' when none was written."""
    import json

    try:
        data = json.loads(review.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "-"
    return f"{sum(f['severity'] == 'error' for f in data['findings'])} errors"


def text_speed(folder: Path, sizes: list[float], limit: float) -> None:
    print("text input (the Sibolga OCR text repeated):")
    unit = SAMPLE.read_text(encoding="utf-8")
    for mb in sizes:
        path = folder / f"text-{mb:g}MB.txt"
        copies = max(1, round(mb * 1_000_000 / len(unit.encode("utf-8"))))
        path.write_text("\f".join([unit] * copies), encoding="utf-8")
        real = path.stat().st_size / 1_000_000
        outcome, seconds, _ = check(path, limit)
        if outcome == "exit 2":  # refused up front (over MAX_TEXT_BYTES): the time to say so
            print(f"  {real:7.2f} MB  {seconds:7.1f} s  {'refused':>12}  (exit 2: over "
                  f"{MAX_TEXT_BYTES / 1024 / 1024:g} MB, refused up front)", flush=True)
            continue
        rate = f"{seconds / real:.1f} s/MB" if outcome.startswith("exit") else f"> {limit:g} s"
        print(f"  {real:7.2f} MB  {seconds:7.1f} s  {rate:>12}  ({outcome})", flush=True)
        if not outcome.startswith("exit"):
            print(f"  larger sizes not tried (over the {limit:g} s limit)")
            break


def long_pdf(folder: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(DINKES))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(src, pages=list(range(min(len(src), pages - len(out)))))
    path = folder / f"dinkes-{pages}-pages.pdf"
    out.save(str(path))
    return path


def bomb_pdf(folder: Path) -> Path:
    """Six 200 x 200 inch pages (the PDF maximum), each a 4 x 4 pixel white picture stretched over
    it: no text layer, so each page is rendered for OCR; 4 KB of file."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    dot = folder / "dot.png"
    Image.new("L", (4, 4), 255).save(dot)
    path = folder / "bomb.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))
    for _ in range(6):
        c.drawImage(str(dot), 0, 0, 14400, 14400)
        c.showPage()
    c.save()
    return path


def memory(folder: Path, limit: float) -> None:
    """Peak RSS; for the repeated dinkes PDF also its errors (the 6-page original has 4: n copies
    should have 4 n, issue 16 item 5)."""
    print("peak RSS of lkip check (largest process):")
    limit = max(limit, 300.0)  # 500 pages take about 100 s on 2 cores
    for label, path in (("500-page PDF", long_pdf(folder, 500)), ("bomb PDF", bomb_pdf(folder))):
        review = folder / f"{path.stem}.json"
        outcome, seconds, rss = check(path, limit, str(review))
        print(f"  {label:14} {path.stat().st_size / 1000:8.1f} KB  {seconds:7.1f} s  "
              f"peak {rss:6d} MB  ({outcome}; {errors_in(review)}; goal < 1024 MB)", flush=True)


def batch(folder: Path, limit: float) -> None:
    from lkip.batch.pool import worker_cap
    from lkip.batch.run import Options, run_batch

    arsip = folder / "arsip"
    arsip.mkdir()
    unit = SAMPLE.read_text(encoding="utf-8")
    files = worker_cap() * 3
    for n in range(files):
        (arsip / f"r{n}.txt").write_text(unit + f"\nCatatan {n}\n", encoding="utf-8")
    start = time.monotonic()
    outcome = run_batch(Options(inputs=[str(arsip)], out=folder / "hasil", workers=5000,
                                timeout=limit))
    workers = {r.worker for r in outcome.results}
    peak = max((r.peak_rss_kb for r in outcome.results), default=0) // 1024
    print(f"lkip batch --workers 5000, {files} files on {worker_cap()} cores: "
          f"{len(workers)} worker processes, peak RSS {peak} MB per worker, "
          f"{time.monotonic() - start:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 10, 50], metavar="MB")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--only", choices=("text", "memory", "batch"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkip-hostile-") as tmp:
        folder = Path(tmp)
        if args.only in (None, "text"):
            text_speed(folder, args.sizes, args.limit)
        if args.only in (None, "memory"):
            memory(folder, args.limit)
        if args.only in (None, "batch"):
            batch(folder, args.limit)


if __name__ == "__main__":
    main()
