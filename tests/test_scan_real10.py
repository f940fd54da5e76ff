"""The real 100 dpi scan (``10-dinas-psda-prov-jabar-2016.pdf``), its capaian table Tabel 3.1 on
page 27 only (one page OCR'd, about 3 s): the table's header band is solid black in the scan, so
its kind must come from its title and the ratio of its figures (issue 12, 'Scans').

Hand-checked rows in ``tests/fixtures/real_scan/10-...p27.expected.json`` (read by eye on the
page image). The rows are compared in order: the scan's row labels are OCR'd and glued across
the sasaran and indikator columns, the figures are what is checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "real_scan" / "10-dinas-psda-prov-jabar-2016.p27.expected.json"
EXPECTED = json.loads(FIXTURE.read_text(encoding="utf-8"))
REAL_PDFS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real-pdf"
EXACT_AT_LEAST = 3  # rows with all three figures exact today (the others: OCR slips '100' -> '160',
# '1,77%' -> '177%', '72,05%' -> '72.054', and '4 Tahapan' / '62%' left in the label)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    pdfium = pytest.importorskip("pypdfium2")
    source = REAL_PDFS / EXPECTED["file"]
    if not source.exists():
        pytest.skip(f"{source} is missing (shared/samples/real-pdf beside the clone)")
    one = tmp_path_factory.mktemp("scan10") / "p27.pdf"
    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, [EXPECTED["page"] - 1])
    out.save(str(one))
    from lkip.pipeline import check

    return check(one)


def _table(doc):
    tables = [t for t in doc.tables if "pencapaian kinerja" in (t.title or "").lower()]
    assert tables, f"no table titled {EXPECTED['table']['title']!r}: {[(t.id, t.title) for t in doc.tables]}"
    return tables[0]


def _figures(row, columns):
    out = {}
    for name in ("target", "realisasi", "capaian"):
        cell = row.cells[columns.index(name)] if name in columns else None
        out[name] = None if cell is None or cell.number is None else (cell.number.value, cell.unreadable)
    return out


def test_kind_from_title_and_figures(doc):
    table = _table(doc)
    assert table.kind == EXPECTED["table"]["kind"]
    assert {"target", "realisasi", "capaian"} <= set(table.columns)


def test_rows_read(doc):
    table = _table(doc)
    rows = [r for r in table.rows if any(c.number is not None for c in r.cells[2:])]
    assert len(rows) == len(EXPECTED["rows"])
    exact = 0
    for want, row in zip(EXPECTED["rows"], rows, strict=True):
        got = _figures(row, table.columns)
        exact += all(got[k] is not None and abs(got[k][0] - want[k]) < 0.006 for k in got)
    assert exact >= EXACT_AT_LEAST


def test_errors_are_true(doc):
    """The only error is the report's own (354,93 printed for 346,67); OCR slips are warnings."""
    errors = [f for f in doc.findings if f.severity == "error"]
    want = EXPECTED["findings"]
    assert len(errors) <= len(want)
    for f in errors:
        assert any(f.rule == w["rule"] and abs(float(f.stated) - w["stated"]) < 0.006 for w in want), f
    assert errors, "the report's own capaian error (354,93 for 346,67) is found"
