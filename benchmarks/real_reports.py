"""How lkip does on the hand-checked real reports: expectations met and how many errors are true.

    OMP_THREAD_LIMIT=1 .venv/bin/python benchmarks/real_reports.py [--mode txt|pdf|flat|both|all]
        [--only PREFIX ...] [--json OUT] [--compare OLD.json] [--show-false]

For each ``tests/fixtures/real/*.expected.json`` (hand-checked by an engineer who does not write
the reader; see tests/test_real_reports.py) lkip checks the text fixture (``pdftotext -layout``)
and the published PDF in ``shared/samples/real-pdf/``, then prints per report and mode:

- met / total: the expectations (tables, indicator rows, budget rows, findings, no-findings) met,
  with the same checks as the tests;
``--mode flat`` reads instead the PDF flattened as ``pdftotext`` without ``-layout`` gives it (one
cell per line, the shape of web and copy-paste text), made into a temporary folder.

- errors: findings of severity *error*; true: those that are an inconsistency the engineer
  recorded (same rule, table and row); precision = true / errors.

``--compare OLD.json`` (a ``--json`` of an earlier run) adds the change of met expectations per
report, so "more expectations met than before on every file" is one command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))  # this checkout's lkip, not another one's installed in the venv

import test_real_reports as real  # noqa: E402  (the tests' own checks: one definition)

KEYS = (("table", "tables"), ("indicator", "indicators"), ("budget", "budget_lines"),
        ("finding", "findings"), ("no-finding", "no_findings"))


def _met(check, doc, item) -> bool:
    try:
        check(doc, item)
    except (AssertionError, pytest.fail.Exception):
        return False
    return True


FLAT_DIR = Path(tempfile.mkdtemp(prefix="lkip-flat-"))


def _flat_document(expected: dict):
    """The report as pdftotext without -layout gives it (pages kept by form feeds)."""
    from lkip.pipeline import InputError, check

    pdf = real.REAL_PDFS / expected["file"].replace(".txt", ".pdf")
    out = FLAT_DIR / expected["file"]
    subprocess.run(["pdftotext", str(pdf), str(out)], check=True, capture_output=True)
    try:
        return check(out)
    except InputError as exc:
        raise pytest.fail.Exception(str(exc)) from exc


def score(expected: dict, mode: str) -> dict:
    from lkip.pipeline import check  # each report is scored once: no cache needed

    started = time.perf_counter()
    try:
        doc = _flat_document(expected) if mode == "flat" else real._document(
            check, expected, mode)
    except pytest.fail.Exception as exc:
        return {"error": str(exc).splitlines()[0]}
    seconds = time.perf_counter() - started
    met = total = 0
    per_kind: dict[str, list[int]] = {}
    for kind, key in KEYS:
        items = expected.get(key, [])
        ok = sum(_met(real.CHECKS[kind], doc, item) for item in items)
        per_kind[kind] = [ok, len(items)]
        met, total = met + ok, total + len(items)
    errors = [f for f in doc.findings if f.severity == "error"]
    false = real.unrecorded_errors(doc, expected)
    return {"met": met, "total": total, "per_kind": per_kind, "errors": len(errors),
            "true": len(errors) - len(false), "seconds": round(seconds, 1),
            "false": [f"{f.rule} {f.table} p{f.page} {str(f.row)[:60]!r} stated {f.stated} "
                      f"expected {f.expected}" for f in false]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("txt", "pdf", "flat", "both", "all"), default="both")
    ap.add_argument("--only", nargs="*", default=[], help="case prefixes (e.g. dinkes-2016)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--compare", type=Path, help="an earlier --json to compare with")
    ap.add_argument("--show-false", action="store_true", help="list every error not recorded")
    args = ap.parse_args(argv)
    modes = {"both": real.MODES, "all": (*real.MODES, "flat")}.get(args.mode, (args.mode,))
    old = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else {}
    results: dict[str, dict] = {}
    print(f"{'report':<34}{'mode':<5}{'met':>9}{'errors':>8}{'true':>6}{'delta':>7}{'s':>7}")
    for path in real.EXPECTED_FILES:
        expected = json.loads(path.read_text(encoding="utf-8"))
        prefix = expected["case_prefix"]
        if args.only and prefix not in args.only:
            continue
        for mode in modes:
            key = f"{prefix}/{mode}"
            r = results[key] = score(expected, mode)
            if "error" in r:
                print(f"{prefix:<34}{mode:<5} not read: {r['error']}")
                continue
            delta = ""
            if key in old and "met" in old[key]:
                delta = f"{r['met'] - old[key]['met']:+d}"
            print(f"{prefix:<34}{mode:<5}{r['met']:>4}/{r['total']:<4}{r['errors']:>8}"
                  f"{r['true']:>6}{delta:>7}{r['seconds']:>7}")
            if args.show_false:
                for line in r["false"]:
                    print(f"      false: {line}")
    read = [r for r in results.values() if "met" in r]
    met, total = sum(r["met"] for r in read), sum(r["total"] for r in read)
    errors, true = sum(r["errors"] for r in read), sum(r["true"] for r in read)
    print(f"\nexpectations met: {met}/{total} ({100 * met / max(total, 1):.1f}%)")
    print(f"errors reported: {errors}, true: {true}, precision "
          f"{100 * true / errors:.1f}%" if errors else "errors reported: 0")
    for mode in modes:
        rs = [r for k, r in results.items() if k.endswith("/" + mode) and "met" in r]
        e, t = sum(r["errors"] for r in rs), sum(r["true"] for r in rs)
        m, n = sum(r["met"] for r in rs), sum(r["total"] for r in rs)
        print(f"  {mode}: met {m}/{n}, errors {e}, true {t}")
    if old:
        worse = [k for k, r in results.items() if "met" in r and k in old
                 and r["met"] < old[k].get("met", 0)]
        print(f"reports with fewer expectations met than before: {', '.join(worse) or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
