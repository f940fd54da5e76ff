"""Hand-checked ground truth from real LKIP/LKjIP reports, as published (errors included).

Each ``tests/fixtures/real/<stem>.txt`` is ``pdftotext -layout`` of a PDF in
/work/shared/samples/real-pdf (pages separated by form feeds: page N is the N-th chunk). Its
``<stem>.expected.json`` lists what a reader finds there, every figure read by eye and recomputed by
hand (the ``why`` of each finding gives the arithmetic):

- ``tables``: tables that must be found with their kind and page (first page of a table that runs
  over several pages; ``T<page>.<n>`` for the n-th uncaptioned table on a page);
- ``indicators`` / ``budget_lines``: rows that must be extracted with the values *as printed*;
- ``findings``: real inconsistencies in the report that must be reported;
- ``no_findings``: (rule, table) pairs whose arithmetic is all correct, so nothing of that rule
  may be reported on that table.

Precision policy used when writing the fixtures: a printed figure agrees with the exact value
when it equals that value rounded *or truncated* to the printed decimals (106,9 for 106,88 is
fine).
Borderline cases are in each file's ``notes`` and are in neither list.

Every expectation is its own test case (``jombang-2022-finding-3``) so the cases the extractor
meets are visible one by one; many fail until the extractor matures. The ``fixture`` case of each
report checks the fixture itself and does not need the pipeline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from builders import Checked

from lkip.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "real"
# the published PDFs themselves: shared/ lies beside the clone (read-only input, also in CI)
REAL_PDFS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real-pdf"
MODES = ("txt", "pdf")
EXPECTED_FILES = sorted(FIXTURES.glob("*.expected.json"))
REL_TOL = 0.005  # extracted values vs printed values


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _compact(text: object) -> str:
    return re.sub(r"\s+", "", str(text))


def _close(got: float | None, want: float) -> bool:
    """Extracted value vs the printed one: relative tolerance 0.005."""
    if got is None:
        return False
    if want == 0:
        return got == 0
    return abs(got - want) <= REL_TOL * abs(want)


def _decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text or "." not in text:
        return 0
    frac = text.split(".", 1)[1]
    return 0 if frac == "0" else len(frac)


def _approx(got: object, want: float, precision_of: float) -> bool:
    """A finding's figure: within 0.01, or half a unit of the stated figure's last decimal."""
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    tol = max(0.01, 0.5 * 10 ** -_decimals(precision_of)) + 4e-16 * abs(want) + 1e-9
    return abs(float(got) - want) <= tol


def _source(expected: dict, mode: str) -> Path:
    """The text fixture, or for the PDF mode the published PDF it was made from."""
    if mode == "txt":
        return FIXTURES / expected["file"]
    pdf = REAL_PDFS / expected["file"].replace(".txt", ".pdf")
    if not pdf.exists():
        pytest.fail(f"{pdf} is missing: the real PDFs come from shared/samples/real-pdf beside the clone")
    return pdf


def _document(checked: Checked, expected: dict, mode: str = "txt") -> Document:
    """The report checked once per session (the ``checked`` fixture of conftest.py)."""
    path = _source(expected, mode)
    try:
        return checked(path)
    except Exception as exc:  # noqa: BLE001 - the pipeline is still being written
        pytest.fail(f"lkip.pipeline.check({path.name}) raised {type(exc).__name__}: {exc}")


# Expectations the tool does not meet yet, one case id a line. They run as strict xfail: when
# one starts to pass, the run fails until it is taken off the list, so progress is recorded and
# a case that passes today can never silently regress.
KNOWN_GAPS_FILE = Path(__file__).parent / "fixtures" / "real" / "known_gaps.txt"
KNOWN_GAPS = {
    line.split("#")[0].strip()
    for line in (KNOWN_GAPS_FILE.read_text(encoding="utf-8").splitlines()
                 if KNOWN_GAPS_FILE.exists() else [])
} - {""}


def _param(kind: str, expected: dict, item: dict | None, case_id: str, mode: str = "txt"):
    marks = [pytest.mark.xfail(strict=True, reason="known gap of the extractor/rules")] if (
        case_id in KNOWN_GAPS) else []
    return pytest.param(kind, expected, item, mode, id=case_id, marks=marks)


def _cases() -> list:
    """Every expectation twice: on the pdftotext text and on the PDF through lkip's PDF reader
    (case ids ``<prefix>-pdf-...``)."""
    cases = []
    for path in EXPECTED_FILES:
        expected = json.loads(path.read_text(encoding="utf-8"))
        cases.append(_param("fixture", expected, None, f"{expected['case_prefix']}-fixture"))
        for mode in MODES:
            prefix = expected["case_prefix"] + ("-pdf" if mode == "pdf" else "")
            cases.append(_param("info", expected, None, f"{prefix}-info", mode))
            for kind, key in (("table", "tables"), ("indicator", "indicators"),
                              ("budget", "budget_lines"), ("finding", "findings"),
                              ("no-finding", "no_findings")):
                for n, item in enumerate(expected.get(key, []), start=1):
                    cases.append(_param(kind, expected, item, f"{prefix}-{kind}-{n}", mode))
    return cases


def _show(items: list, limit: int = 8) -> str:
    lines = [repr(x) for x in items[:limit]]
    if len(items) > limit:
        lines.append(f"... and {len(items) - limit} more")
    return "\n  ".join(lines) if lines else "(none)"


def check_fixture(expected: dict) -> None:
    text = (FIXTURES / expected["file"]).read_text(encoding="utf-8")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    assert len(pages) == expected["pages"], f"{len(pages)} pages, expected {expected['pages']}"
    for table in expected["tables"]:
        if table["id"].startswith("Tabel "):
            number = re.escape(table["id"].split(" ", 1)[1])
            assert re.search(rf"(?i)tabel\s+{number}\b", pages[table["page"] - 1]), (
                f"caption {table['id']} not on page {table['page']}")


def check_info(doc, expected: dict) -> None:
    assert doc.document.tahun == expected["tahun"], (
        f"tahun {doc.document.tahun!r}, expected {expected['tahun']}")


def check_table(doc, item: dict) -> None:
    table = doc.table(item["id"])
    found = [(t.id, t.kind, t.page) for t in doc.tables]
    assert table is not None, f"table {item['id']} not found; tables found:\n  {_show(found, 40)}"
    assert table.kind == item["kind"], (
        f"{item['id']}: kind {table.kind!r}, expected {item['kind']!r}")
    assert table.page == item["page"], f"{item['id']}: page {table.page}, expected {item['page']}"


def _mismatches(line, item: dict, fields: dict[str, list[str]]) -> list[str]:
    out = []
    for name, attrs in fields.items():
        want = item.get(name)
        if want is None:
            continue
        got = [getattr(line, a) for a in attrs]
        if not any(_close(g, want) for g in got):
            out.append(f"{name}: got {got if len(got) > 1 else got[0]!r}, expected {want}")
    if line.page != item["page"]:
        out.append(f"page: got {line.page}, expected {item['page']}")
    return out


def _check_rows(rows: list, item: dict, label: str, sub_key: str,
                fields: dict[str, list[str]]) -> None:
    sub = _norm(item[sub_key])
    in_table = [r for r in rows if r.table == item["table"]]
    candidates = [r for r in in_table if sub in _norm(getattr(r, label))]
    assert candidates, (
        f"no row containing {item[sub_key]!r} in {item['table']}; rows there:\n  "
        + _show([getattr(r, label) for r in in_table], 30))
    problems = [_mismatches(r, item, fields) for r in candidates]
    if not any(not p for p in problems):
        detail = "\n  ".join(f"{getattr(r, label)!r}: {'; '.join(p)}"
                             for r, p in zip(candidates, problems, strict=True))
        pytest.fail(
            f"{item['table']} / {item[sub_key]!r}: no row with the expected values:\n  {detail}")


def check_indicator(doc, item: dict) -> None:
    _check_rows(doc.indicators, item, "indikator", "indikator_contains",
                {"target": ["target"], "realisasi": ["realisasi"], "capaian": ["capaian"]})


def check_budget(doc, item: dict) -> None:
    _check_rows(doc.budget_lines, item, "nama", "nama_contains",
                {"anggaran": ["anggaran", "pagu_sesudah"], "realisasi": ["realisasi"],
                 "persen": ["persen"]})


def _finding_matches(f, rule: str, table: str | None, row: str | None,
                     stated: Any, expected: Any) -> bool:
    if f.rule != rule or f.table != table:
        return False
    if row is not None and (f.row is None or _norm(row) not in _norm(f.row)):
        return False
    if isinstance(stated, str):
        if f.stated is None or _compact(stated) not in _compact(f.stated):
            return False
    elif stated is not None and not _approx(f.stated, stated, stated):
        return False
    precision = stated if isinstance(stated, (int, float)) else expected
    return expected is None or _approx(f.expected, expected, precision)


def check_finding(doc, item: dict) -> None:
    rule, table, row = item["rule"], item["table"], item.get("row_contains")
    stated, expected = item.get("stated"), item.get("expected")
    ok = any(_finding_matches(f, rule, table, row, stated, expected) for f in doc.findings)
    other = item.get("other_table")
    if not ok and other:  # a cross-table difference may be reported from either side
        ok = any(_finding_matches(f, rule, other, row, expected, stated) for f in doc.findings)
    if not ok:
        near = [(f.rule, f.table, f.row, f.stated, f.expected, f.page) for f in doc.findings
                if f.rule == rule or f.table in (table, other)]
        pytest.fail(
            f"not reported: {rule} on {table} row~{row!r} stated {stated!r} expected {expected!r} "
            f"(page {item['page']}; {item['why']})\n"
            f"findings of that rule or table:\n  {_show(near, 15)}")


def check_no_finding(doc, item: dict) -> None:
    # a note that the rule could not be applied (no row, not an error: 'the scale was not read,
    # 17 kategori not checked') accuses no one and is not a finding of that rule on the table
    wrong = [(f.row, f.stated, f.expected, f.message) for f in doc.findings
             if f.rule == item["rule"] and f.table == item["table"]
             and (f.severity == "error" or f.row is not None)]
    assert not wrong, (
        f"{item['table']} has no {item['rule']} error ({item['why']}), but got:\n  {_show(wrong)}")


@pytest.mark.parametrize(("kind", "expected", "item", "mode"), _cases())
def test_real_report(kind: str, expected: dict, item: dict | None, mode: str,
                     checked: Checked) -> None:
    if kind == "fixture":
        check_fixture(expected)
        return
    doc = _document(checked, expected, mode)
    CHECKS[kind](doc, expected if kind == "info" else item)


def _precision_cases() -> list:
    """One case per report and mode, id ``<prefix>[-pdf]-precision`` (known gaps apply)."""
    cases = []
    for path in EXPECTED_FILES:
        prefix = json.loads(path.read_text(encoding="utf-8"))["case_prefix"]
        for mode in MODES:
            case_id = f"{prefix}{'-pdf' if mode == 'pdf' else ''}-precision"
            marks = [pytest.mark.xfail(strict=True, reason="known false errors")] if (
                case_id in KNOWN_GAPS) else []
            cases.append(pytest.param(path, mode, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize(("path", "mode"), _precision_cases())
def test_every_error_is_a_recorded_inconsistency(path: Path, mode: str, checked: Checked) -> None:
    """An error accuses the OPD: on these reports each must be one the engineer who read them
    recorded (same rule, table and row; derived figures of that row count)."""
    expected = json.loads(path.read_text(encoding="utf-8"))
    doc = _document(checked, expected, mode)
    unexpected = [(f.rule, f.table, f.row, f.stated, f.expected, f.page)
                  for f in unrecorded_errors(doc, expected)]
    assert not unexpected, f"errors nobody recorded:\n  {_show(unexpected, 20)}"


def is_recorded(f, expected: dict) -> bool:
    """``f`` is one of the inconsistencies the engineer recorded (same rule, table and row)."""
    return any(
        item["rule"] == f.rule and f.table in (item["table"], item.get("other_table"))
        and (item.get("row_contains") is None or f.row is None
             or _norm(item["row_contains"]) in _norm(f.row))
        for item in expected.get("findings", []))


def unrecorded_errors(doc, expected: dict) -> list:
    """The findings of severity error that are none of the recorded inconsistencies."""
    return [f for f in doc.findings if f.severity == "error" and not is_recorded(f, expected)]


CHECKS = {"info": check_info, "table": check_table, "indicator": check_indicator,
          "budget": check_budget, "finding": check_finding, "no-finding": check_no_finding}
