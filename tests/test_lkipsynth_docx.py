"""The Word rendering path (lkipsynth.docx): the .docx has real merged header cells, repeated header
rows and landscape sections; LibreOffice's PDF holds the captions and figures; the corrected truth
puts every row on the PDF page that holds its figures."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from lkipsynth.docx import Unreconciled, page_words, reconcile, render_docx, soffice, write_docx
from lkipsynth.house import draw
from lkipsynth.truth import Truth

ROWS = 70  # enough for the indicator table to run over a landscape page


def _truth() -> Truth:
    rows = []
    for i in range(ROWS):
        target = 80 + i % 17
        real = target - i % 5
        rows.append({"cells": [str(i + 1), f"Persentase layanan terpadu nomor {i + 1} yang tuntas",
                               f"{target},{i % 10}0", f"{real},{i % 10}0", f"{100 + i},{i % 7}5"]})
    return Truth.model_validate({
        "instansi": "Dinas Uji Kabupaten Contoh", "tahun": 2024,
        "running_header": "LKIP Dinas Uji Kabupaten Contoh Tahun 2024",
        "pages": [
            {"running": False, "blocks": [
                {"type": "title", "text": "LAPORAN KINERJA\nTAHUN 2024"},
                {"type": "paragraph", "text": "Disusun sebagai pertanggungjawaban."}]},
            {"orientation": "landscape", "blocks": [
                {"type": "heading", "text": "BAB III AKUNTABILITAS KINERJA"},
                {"type": "table", "caption": "Tabel 3.1", "title": "Capaian Kinerja Tahun 2024",
                 "columns": [{"name": "no", "width": 0.4}, {"name": "indikator", "width": 4},
                             {"name": "target", "align": "right"}, {"name": "realisasi", "align": "right"},
                             {"name": "capaian", "align": "right"}],
                 "header": [[{"text": "No", "row_span": 2}, {"text": "Indikator Kinerja", "row_span": 2},
                             {"text": "Tahun 2024", "col_span": 3}], ["Target", "Realisasi", "Capaian (%)"]],
                 "rows": rows, "split_at": [], "repeat_header": True}]},
            {"blocks": [
                {"type": "paragraph", "text": "Realisasi anggaran disajikan berikut."},
                {"type": "table", "caption": "Tabel 3.2", "title": "Realisasi Anggaran",
                 "style": "horizontal",
                 "columns": [{"name": "program", "width": 3}, {"name": "anggaran", "align": "right"},
                             {"name": "realisasi_anggaran", "align": "right"}],
                 "header": [["Program", "Anggaran (Rp)", "Realisasi (Rp)"]],
                 "rows": [{"cells": ["Program Penunjang Urusan", "4.424.198.783,00", "4.101.655.210,00"]},
                          {"cells": ["JUMLAH", "4.424.198.783,00", "4.101.655.210,00"], "role": "total"}],
                 "source": "Sumber: DPA 2024"}]},
        ]})


def test_docx_has_merged_header_repeat_rows_and_landscape(tmp_path: Path) -> None:
    path = write_docx(_truth(), tmp_path / "t.docx", draw(3))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    tables = xml.split("<w:tbl>")[1:]
    assert len(tables) == 2
    first = tables[0]
    assert '<w:gridSpan w:val="3"/>' in first  # 'Tahun 2024' over three columns
    assert first.count('<w:vMerge w:val="restart"/>') == 2  # 'No' and 'Indikator' over two header rows
    assert first.count("<w:tblHeader/>") == 2  # both header rows repeat, no body row does
    assert tables[1].count("<w:tblHeader/>") == 1
    assert 'w:orient="landscape"' in xml
    assert xml.count('w:orient="landscape"') == 1  # only the page the truth says


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Truth]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("docx")
    _docx, pdf, js = render_docx(_truth(), out, "uji", seed=5)
    return pdf, Truth.load(js)


def test_pdf_holds_captions_and_figures(converted: tuple[Path, Truth]) -> None:
    pdf, _truth_fixed = converted
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        sizes = [(p.width, p.height) for p in doc.pages]
    assert "Tabel 3.1" in text and "Tabel 3.2" in text
    for figure in ("4.424.198.783,00", "4.101.655.210,00", "Sumber: DPA 2024"):
        assert figure in text
    assert sizes[0][0] < sizes[0][1]  # the cover is portrait
    assert sizes[1][0] > sizes[1][1]  # the indicator table's first page is landscape


def test_corrected_pages_are_where_the_rows_are(converted: tuple[Path, Truth]) -> None:
    pdf, fixed = converted
    with pdfplumber.open(pdf) as doc:
        words = [Counter(w["text"] for w in p.extract_words()) for p in doc.pages]
        assert fixed.page_count == len(doc.pages)
    placed = {p.table.id: p for p in fixed.tables()}
    ind = placed["Tabel 3.1"]
    assert ind.table.split_at, "70 rows do not fit one landscape page: the table must continue"
    for i, row in enumerate(ind.table.rows):
        page = words[ind.row_page(i) - 1]
        for text in row.cells[2:]:
            assert page[text] > 0, f"row {i}: {text} not on page {ind.row_page(i)}"
    for k in range(ind.page, ind.last_page + 1):  # the header is repeated on every page of the table
        assert words[k - 1]["Realisasi"] > 0
    budget = placed["Tabel 3.2"]
    assert budget.page == ind.last_page + 1  # the truth's page break
    assert words[budget.page - 1]["4.101.655.210,00"] == 2


def test_reconcile_refuses_pages_that_do_not_hold_the_rows(converted: tuple[Path, Truth]) -> None:
    pdf, _fixed = converted
    pages = page_words(pdf)
    with pytest.raises(Unreconciled):
        reconcile(_truth(), [pages[0]] + [Counter() for _ in pages[1:]])  # the tables' pages lost
