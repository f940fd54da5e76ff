"""lkip on Word/LibreOffice-made LKIPs: random truths rendered through python-docx + LibreOffice
(``lkipsynth.docx``), read by ``lkip.pipeline.check`` and scored with ``extract_accuracy``'s own
functions (no second scorer).

    .venv/bin/python benchmarks/word_corpus.py --n 50 --seed 7919 [--keep DIR] [--scan-share 0.2]
        [--misses] [--json OUT] [--jobs J]
    .venv/bin/python benchmarks/word_corpus.py --rescore DIR [--misses] [--json OUT]

Each document ``i`` is ``lkipsynth.random_truth(seed, i)`` in the house style drawn from its stem,
written as .docx, converted by ``soffice --headless`` and its truth corrected to the pages
LibreOffice chose (``lkipsynth.docx.reconcile``). A document LibreOffice does not convert, or whose
pages cannot be reconciled with the truth, is dropped and counted (never scored as 0).

Printed:

- documents generated / converted / dropped (and why);
- indicator rows exact, budget rows exact: a truth row with figures is *exact* when
  ``extract_accuracy.score_table`` recovers it and reads every one of its figures with the truth's
  value (no entry for it in ``missed_rows`` nor ``missed_cells``). Budget tables are those with an
  anggaran / pagu / realisasi-anggaran column, indicator tables those with an indikator, target
  or capaian column (the rating-scale table is neither);
- planted errors found / planted (``extract_accuracy.planted_found``);
- false errors: findings of severity "error" that match no planted error
  (``extract_accuracy.unplanted_findings``), in total and per 10 reports;
- the time of the whole run and of lkip alone.

``--scan-share S``: the first round(S x converted) converted documents are also scanned from their
LibreOffice PDF (``lkipsynth.scan``: 200 or 300 dpi, up to 1 degree of skew, light sensor noise,
all from the seed) and scored separately, with the same figures. Set ``OMP_THREAD_LIMIT=1`` for
the scans as for ``extract_accuracy --scan``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import extract_accuracy as ea  # noqa: E402

from lkipsynth.truth import Table, Truth  # noqa: E402

log = logging.getLogger("word_corpus")
BUDGET_COLUMNS = {"anggaran", "pagu_sebelum", "pagu_sesudah", "realisasi_anggaran"}
INDICATOR_COLUMNS = {"indikator", "target", "capaian"}
_ROW = re.compile(r" row (\d+)[: ]")


def table_kind(table: Table) -> str:
    names = {c.name for c in table.columns}
    if names & BUDGET_COLUMNS:
        return "budget"
    if names & INDICATOR_COLUMNS:
        return "indicator"
    return "other"


@dataclass
class Tally:
    docs: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {"indicator": 0, "budget": 0, "other": 0})
    exact: dict[str, int] = field(default_factory=lambda: {"indicator": 0, "budget": 0, "other": 0})
    planted: int = 0
    found: int = 0
    false_errors: int = 0
    not_read: int = 0
    lkip_seconds: float = 0.0
    pages: int = 0
    cells_exact: int = 0  # figures read exactly ...
    page_ok: int = 0  # ... of them on the page the corrected truth says (checks the reconciliation)


def score(truth: Truth, pdf: Path, misses: bool, label: str) -> tuple[dict[str, object], Tally]:
    """lkip on ``pdf`` against ``truth``: rows exact per table kind, planted errors, false errors."""
    tally = Tally(docs=1, pages=truth.page_count)
    t0 = time.perf_counter()
    try:
        reads, doc = ea.read_lkip(pdf)
    except Exception as exc:  # noqa: BLE001 - refused (InputError) or crashed: every row is missed
        reads, doc = [], None
        tally.not_read = 1
        log.warning("%s: lkip did not read it: %s", label, getattr(exc, "reason_en", None) or exc)
    tally.lkip_seconds = time.perf_counter() - t0
    kinds = {p.table.id: table_kind(p.table) for p in truth.tables()}
    tts = ea.truth_tables(truth)
    matched = ea.match_tables(tts, reads)
    detail: dict[str, object] = {"missed_rows": [], "missed_cells": [], "false_errors": [],
                                 "missed_planted": []}
    for tt in tts:
        s = ea.score_table(tt, matched[tt.id])
        bad = {int(m.group(1)) for text in s.missed_rows + s.missed_cells if (m := _ROW.search(text))}
        kind = kinds.get(tt.id, "other")
        tally.cells_exact += s.exact
        tally.page_ok += s.page_ok
        tally.rows[kind] += len(tt.rows)
        tally.exact[kind] += sum(1 for r in tt.rows if r.index not in bad)
        detail["missed_rows"] += [f"[{kind}] {m}" for m in s.missed_rows]
        detail["missed_cells"] += [f"[{kind}] {m}" for m in s.missed_cells]
    found, n, missed = ea.planted_found(truth, doc)
    tally.found, tally.planted = found, n
    detail["missed_planted"] = missed
    false = [f for f in ea.unplanted_findings(truth, doc) if f.severity == "error"] if doc else []
    tally.false_errors = len(false)
    detail["false_errors"] = [f"{ea._describe(f)} expected {f.expected} (p. {f.page}; {f.field})"
                              for f in false]
    ind, bud = (tally.exact[k] for k in ("indicator", "budget"))
    print(f"{label}: {truth.page_count} pages; indicator rows {ind}/{tally.rows['indicator']}, budget rows "
          f"{bud}/{tally.rows['budget']}; planted {found}/{n}; false errors {len(false)}; "
          f"lkip {tally.lkip_seconds:.1f} s", flush=True)
    if misses:
        for key in ("missed_rows", "missed_cells", "missed_planted", "false_errors"):
            for m in detail[key]:
                print(f"    {key[:-1].replace('_', ' ')}: {m}")
    return detail, tally


def _add(total: Tally, t: Tally) -> None:
    for name in ("docs", "planted", "found", "false_errors", "not_read", "lkip_seconds", "pages",
                 "cells_exact", "page_ok"):
        setattr(total, name, getattr(total, name) + getattr(t, name))
    for k in total.rows:
        total.rows[k] += t.rows[k]
        total.exact[k] += t.exact[k]


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}% ({a}/{b})" if b else "-"


def summary(name: str, t: Tally) -> dict[str, object]:
    per10 = 10 * t.false_errors / t.docs if t.docs else 0.0
    print(f"\n{name}: {t.docs} documents, {t.pages} pages" + (f", lkip did not read {t.not_read}"
                                                              if t.not_read else ""))
    print(f"  indicator rows exact: {_pct(t.exact['indicator'], t.rows['indicator'])}")
    print(f"  budget rows exact:    {_pct(t.exact['budget'], t.rows['budget'])}")
    print(f"  all rows exact:       {_pct(sum(t.exact.values()), sum(t.rows.values()))}")
    print(f"  planted errors found: {_pct(t.found, t.planted)}")
    print(f"  false errors:         {t.false_errors} ({per10:.1f} per 10 reports)")
    print(f"  exact figures read on the truth's page: {_pct(t.page_ok, t.cells_exact)}")
    print(f"  lkip time:            {t.lkip_seconds:.0f} s ({t.lkip_seconds / max(1, t.pages):.2f} s/page)")
    return {"documents": t.docs, "pages": t.pages, "not_read": t.not_read, "rows": t.rows, "exact": t.exact,
            "planted": t.planted, "found": t.found, "false_errors": t.false_errors,
            "false_errors_per_10": round(per10, 2),
            "page_ok": t.page_ok, "cells_exact": t.cells_exact, "lkip_seconds": round(t.lkip_seconds, 1)}


def make_document(seed: int | str, index: int, folder: Path) -> tuple[str, Path | None, str, bool]:
    """Document ``index``: (stem, its corrected truth or None when dropped, why, generated)."""
    from lkipsynth.docx import ConversionError, Unreconciled, render_docx
    from lkipsynth.random_truth import random_truth

    try:
        stem, truth = random_truth(seed, index)
    except Exception as exc:  # noqa: BLE001 - the generator's own layout check
        return f"document {index}", None, f"not generated: {exc}", False
    try:
        _docx, _pdf, js = render_docx(truth, folder, stem)
    except (ConversionError, Unreconciled) as exc:
        return stem, None, f"{type(exc).__name__}: {exc}", True
    return stem, js, "", True


def _kept(folder: Path) -> list[Path]:
    """The corrected truths of ``folder`` that have their PDF beside them, in document order."""
    return sorted(js for js in folder.glob("*.json") if js.with_suffix(".pdf").is_file())


def rescore(folder: Path, misses: bool, out: Path | None) -> int:
    """Score the documents an earlier ``--keep`` run left in ``folder`` (born-digital, and its
    ``scanned/`` share when there is one) with the code of today, without rendering anything."""
    start = time.perf_counter()
    report: dict[str, object] = {"rescored": str(folder), "documents": {}}
    for name, found in (("born_digital", _kept(folder)), ("scanned", _kept(folder / "scanned"))):
        if not found:
            continue
        tally = Tally()
        for js in found:
            detail, t = score(Truth.load(js), js.with_suffix(".pdf"), misses, js.stem)
            _add(tally, t)
            report["documents"][js.stem] = detail
        report[name] = summary("Word/LibreOffice PDFs" if name == "born_digital" else "scanned share", tally)
    if len(report) == 2:
        print(f"{folder}: no kept truth with its PDF", file=sys.stderr)
        return 2
    report["seconds"] = round(time.perf_counter() - start, 1)
    print(f"\ntime: {report['seconds']:.0f} s")
    if out:
        out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="documents (default 50)")
    parser.add_argument("--seed", default="7919", help="seed of the random truths (default 7919)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--scan-share", type=float, default=0.0, metavar="S",
                        help="also scan this share of the converted documents and score them apart")
    parser.add_argument("--misses", action="store_true", help="list missed rows, cells, planted errors, "
                        "false errors")
    parser.add_argument("--json", type=Path, help="write every figure and miss to this JSON file")
    parser.add_argument("--only", type=int, nargs="+", metavar="I", help="only these document indexes")
    parser.add_argument("--rescore", type=Path, metavar="DIR",
                        help="score a folder kept by an earlier --keep run again (no rendering, no scanning)")
    parser.add_argument("--jobs", type=int, default=1, metavar="J",
                        help="render J documents at a time (LibreOffice in J processes; default 1)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.rescore:
        return rescore(args.rescore, args.misses, args.json)
    from lkipsynth.docx import soffice

    if soffice() is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    start = time.perf_counter()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lkip-word-"))
    folder.mkdir(parents=True, exist_ok=True)
    seed: int | str = int(args.seed) if str(args.seed).lstrip("-").isdigit() else args.seed
    generated, converted, dropped = 0, [], []
    indexes = [i for i in range(args.n) if not args.only or i in args.only]
    if args.jobs > 1:  # each worker process has its own LibreOffice profile (lkip-lo-<pid>)
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs) as pool:
            made = list(pool.map(make_document, [seed] * len(indexes), indexes, [folder] * len(indexes)))
    else:
        made = [make_document(seed, i, folder) for i in indexes]
    for stem, js, why, ok in made:
        generated += ok
        if js is None:
            dropped.append((stem, why))
            print(f"{stem}: dropped ({why})", flush=True)
        else:
            converted.append(js)
    render_seconds = time.perf_counter() - start
    print(f"\ndocuments: {generated} generated, {len(converted)} converted and reconciled, "
          f"{len(dropped)} dropped ({render_seconds:.0f} s to render)\n", flush=True)
    for stem, why in dropped:
        print(f"  dropped {stem}: {why}")
    report: dict[str, object] = {"seed": args.seed, "generated": generated, "converted": len(converted),
                                 "dropped": dict(dropped), "documents": {}}
    total = Tally()
    for js in converted:
        detail, t = score(Truth.load(js), js.with_suffix(".pdf"), args.misses, js.stem)
        _add(total, t)
        report["documents"][js.stem] = detail
    report["born_digital"] = summary("Word/LibreOffice PDFs", total)
    n_scan = round(args.scan_share * len(converted))
    if n_scan:
        from lkipsynth.scan import ScanOptions, scan_truth, seed_value

        scans = Tally()
        rng = random.Random(f"word-scan:{args.seed}")
        print()
        for js in converted[:n_scan]:
            opts = ScanOptions(dpi=rng.choice([200, 300]), skew=round(rng.uniform(0, 1), 2),
                               noise={"gauss": round(rng.uniform(2, 6), 1)}, seed=seed_value(args.seed))
            pdf, sj = scan_truth(js, folder / "scanned", opts)
            label = f"{sj.stem} ({opts.dpi} dpi, skew {opts.skew})"
            detail, t = score(Truth.load(sj), pdf, args.misses, label)
            _add(scans, t)
            report["documents"][sj.stem] = detail
        report["scanned"] = summary("scanned share", scans)
    seconds = time.perf_counter() - start
    print(f"\ntime: {seconds:.0f} s in all ({render_seconds:.0f} s rendering); documents in {folder}")
    report["seconds"] = round(seconds, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
