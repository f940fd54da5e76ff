"""The XLSX workbook: its sheets, numbers stored as numbers with locale-neutral formats, frozen
headers and filters; written by ``lkip check --format xlsx -o FILE``."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from lkip import pipeline
from lkip.cli import main
from lkip.model import Document
from lkip.report.xlsx import number_format

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"


@pytest.fixture(scope="module")
def doc() -> Document:
    return pipeline.check(str(PDF))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "review.xlsx"
    assert main(["check", str(PDF), "-f", "xlsx", "-o", str(out)]) == 1  # the sample has errors
    return load_workbook(out)


def test_number_formats() -> None:
    assert number_format(0) == "#,##0"
    assert number_format(2) == "#,##0.00"
    assert number_format(2, percent=True) == '#,##0.00"%"'


def test_sheets_headers_and_filters(book) -> None:
    assert book.sheetnames == ["Ringkasan", "Temuan", "Indikator", "Baris anggaran", "Tabel"]
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.b
        assert sheet.column_dimensions["A"].width >= 6


def test_findings_sheet(book, doc: Document) -> None:
    sheet = book["Temuan"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["No", "Tingkat", "Aturan", "Tabel"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(doc.findings)
    stated, expected = header.index("Tertulis"), header.index("Seharusnya")
    capaian = next(r for r in rows if r[2] == "capaian")
    assert capaian[stated] == pytest.approx(95.05) and capaian[expected] == pytest.approx(93.05)
    row = 2 + rows.index(capaian)
    assert sheet.cell(row=row, column=stated + 1).number_format == '#,##0.00"%"'


def test_budget_lines_are_numbers(book, doc: Document) -> None:
    sheet = book["Baris anggaran"]
    header = [c.value for c in sheet[1]]
    col = header.index("Anggaran")
    first = doc.budget_lines[0]
    cell = sheet.cell(row=2, column=col + 1)
    assert isinstance(cell.value, int | float) and cell.value == pytest.approx(first.anggaran)
    assert cell.number_format.startswith("#,##0")
    assert "Kode resmi" in header and sheet.cell(row=2, column=header.index("Kode resmi") + 1).value


def test_indicators_and_tables(book, doc: Document) -> None:
    assert book["Indikator"].max_row == len(doc.indicators) + 1
    tables = book["Tabel"]
    rows = sum(len(t.rows) + 1 for t in doc.tables)  # a row of column names before each table
    assert tables.max_row == rows + 1
    numbers = [c for row in tables.iter_rows(min_row=2) for c in row[4:]
               if isinstance(c.value, int | float)]
    assert numbers and all(c.number_format.startswith("#,##0") for c in numbers)
    flagged = [c for row in tables.iter_rows(min_row=2) for c in row if c.fill.fgColor.rgb
               and c.fill.fgColor.rgb.endswith("F9E5E3")]
    assert flagged  # cells that errors used are shaded


def test_english_workbook(doc: Document, tmp_path: Path) -> None:
    from lkip.report.xlsx import render_xlsx

    out = tmp_path / "en.xlsx"
    out.write_bytes(render_xlsx(doc, "en"))
    assert load_workbook(out).sheetnames == ["Summary", "Findings", "Indicators", "Budget lines",
                                             "Tables"]


def test_xlsx_needs_an_output_file(capsys) -> None:
    assert main(["check", str(PDF), "-f", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err
