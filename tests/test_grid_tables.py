"""Ruled tables read from their grid (lkip.extract.grid_tables) and the roles of their columns
(lkip.extract.column_roles), on a small ruled PDF made with reportlab: a two-level header with
two years side by side, a kategori wrapped over two lines."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from lkip.extract.column_roles import column_name, role_of
from lkip.extract.grid import GridTable, find_tables
from lkip.extract.grid_tables import Locator, grid_table, improve_with_grid, understood
from lkip.model import Box, Cell, Document, Provenance, Row, Source, Table

HEADER = [["No", "Indikator Kinerja", "Tahun 2015", "", "", "Tahun 2016", "", "", ""],
          ["", "", "Target", "Realisasi", "Penilaian", "Target", "Realisasi", "Capaian (%)",
           "Kategori"]]
BODY = [["1", "Persentase desa yang mencapai UCI", "90", "88", "Cukup", "92", "93", "101,09",
         "Sangat Baik"],
        ["2", "Cakupan imunisasi dasar lengkap", "85", "80", "Kurang", "90", "81", "90,00", "Baik"]]


@pytest.fixture(scope="module")
def ruled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RlTable

    path = tmp_path_factory.mktemp("grid") / "ruled.pdf"
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=7, leading=9)
    rows = [[Paragraph(t, style) if t else "" for t in r] for r in HEADER + BODY]
    table = RlTable(rows, colWidths=[20, 100, 36, 46, 48, 36, 46, 48, 42])
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (4, 0)), ("SPAN", (5, 0), (8, 0)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    title = ParagraphStyle("t", fontName="Helvetica", fontSize=10)
    doc = SimpleDocTemplate(str(path), pagesize=A4)
    doc.build([Paragraph("Tabel 3.1 Capaian Kinerja Tahun 2016", title), Spacer(1, 8), table])
    return path


def _grid(path: Path) -> GridTable:
    with pdfplumber.open(path) as pdf:
        grids = [g for g in find_tables(pdf.pages[0]) if g.ruled]
    assert len(grids) == 1
    return grids[0]


def _like() -> Table:
    return Table(id="Tabel 3.1", caption_raw="Tabel 3.1", title="Capaian Kinerja Tahun 2016",
                 kind="other", page=1, prov=Provenance(page=1, line=1))


def test_two_level_header_gives_each_column_its_role_and_year(ruled_pdf: Path) -> None:
    table = grid_table([_grid(ruled_pdf)], 2016, Locator({}, {}), _like())
    assert table is not None
    assert table.kind in ("comparison", "capaian")
    # the report year's measures are undated, the earlier year's keep their year
    assert table.columns[:2] == ["no", "uraian"]
    for name in ("target", "realisasi", "capaian", "target_2015", "realisasi_2015"):
        assert name in table.columns, table.columns
    row = table.rows[0]
    assert row.cells[table.columns.index("target")].value == 92
    assert row.cells[table.columns.index("realisasi_2015")].value == 88
    assert row.cells[table.columns.index("capaian")].value == pytest.approx(101.09)


def test_an_earlier_years_penilaian_is_not_the_kategori(ruled_pdf: Path) -> None:
    table = grid_table([_grid(ruled_pdf)], 2016, Locator({}, {}), _like())
    assert table is not None
    kat = table.column("kategori")
    assert kat is not None and "kategori_2015" in table.columns
    assert [r.cells[kat].raw for r in table.rows] == ["Sangat Baik", "Baik"]
    # the 2015 rating is kept as a text column of its own, not lost
    old = table.columns.index("kategori_2015")
    assert [r.cells[old].raw for r in table.rows] == ["Cukup", "Kurang"]


def test_a_kategori_wrapped_over_two_lines_is_read_whole(ruled_pdf: Path) -> None:
    with pdfplumber.open(ruled_pdf) as pdf:
        words = pdf.pages[0].extract_words()
    sangat = next(w for w in words if w["text"] == "Sangat")
    baik = next(w for w in words if w["text"] == "Baik" and w["top"] > sangat["top"] + 2
                and abs(w["x0"] - sangat["x0"]) < 5)
    assert baik["top"] > sangat["bottom"] - 1  # printed on two lines in the PDF
    table = grid_table([_grid(ruled_pdf)], 2016, Locator({}, {}), _like())
    assert table is not None
    kat = table.column("kategori")
    assert kat is not None and table.rows[0].cells[kat].raw == "Sangat Baik"
    assert table.rows[0].cells[1].raw == "Persentase desa yang mencapai UCI"


def test_with_another_report_year_no_column_is_the_kategori(ruled_pdf: Path) -> None:
    table = grid_table([_grid(ruled_pdf)], 2017, Locator({}, {}), _like())
    assert table is not None
    assert table.column("kategori") is None
    assert {"kategori_2015", "kategori_2016", "target_2016"} <= set(table.columns)


@pytest.mark.parametrize(("path", "role", "year"), [
    (["Realisasi", "Anggaran (Rp)"], "realisasi_anggaran", None),
    (["Anggaran", "Pagu (Rp)"], "anggaran", None),
    (["Realisasi Anggaran", "%"], "persen", None),
    (["Kinerja", "Realisasi", "%"], "capaian", None),
    (["Tahun 2015", "Penilaian"], "kategori", 2015),
    (["Target Kinerja", "2018"], "target", 2018),
    (["Kondisi Awal (2013)"], "awal", 2013),
    (["Sat"], "satuan", None),
    (["No Misi"], "no", None),
    (["N o"], "no", None),  # 'No' broken in a narrow cell
    (["Program/Kegiatan"], "uraian", None),
    (["Sumber data"], "sumber", None),
    (["Efisiensi (Rp)"], "efisiensi", None),
])
def test_role_of_header_paths(path: list[str], role: str, year: int | None) -> None:
    assert role_of(path) == (role, year)


def test_a_column_carries_its_year_unless_it_is_the_report_year() -> None:
    assert column_name("target", 2016, 2016) == "target"
    assert column_name("target", 2015, 2016) == "target_2015"
    assert column_name("awal", 2016, 2016) == "awal_2016"  # a baseline is never this year's
    assert column_name("satuan", 2015, 2016) == "satuan"


def _text_table(box: Box) -> Table:
    """What the text reader made of the table: the rows, but no column of them understood."""
    cells = [Cell(raw=""), Cell(raw="Persentase desa yang mencapai UCI", kind="text",
                                prov=Provenance(page=1)), Cell(raw="")]
    row = Row(cells=cells, prov=Provenance(page=1, box=box))
    table = _like()
    table.columns = ["no", "uraian", "keterangan"]
    table.rows = [row]
    return table


def test_the_grid_reading_replaces_the_text_table_it_covers(ruled_pdf: Path) -> None:
    grid = _grid(ruled_pdf)
    doc = Document(source=Source(path=str(ruled_pdf), sha256="", kind="pdf-text"))
    doc.document.tahun = 2016
    x0, top, x1, bottom = grid.box
    doc.tables = [_text_table(Box(x0=x0, top=top + 20, x1=x1, bottom=bottom - 5))]
    assert understood(doc.tables[0], 2016) == 0
    assert improve_with_grid(doc, ruled_pdf, {}, {}) == 1
    table = doc.tables[0]
    assert table.id == "Tabel 3.1" and table.caption_raw == "Tabel 3.1"
    assert understood(table, 2016) == 2
    assert [r.role for r in table.rows] == ["data", "data"]


def test_a_text_table_elsewhere_on_the_page_keeps_its_reading(ruled_pdf: Path) -> None:
    grid = _grid(ruled_pdf)
    doc = Document(source=Source(path=str(ruled_pdf), sha256="", kind="pdf-text"))
    doc.document.tahun = 2016
    below = grid.box[3] + 50
    doc.tables = [_text_table(Box(x0=grid.box[0], top=below, x1=grid.box[2], bottom=below + 40))]
    assert improve_with_grid(doc, ruled_pdf, {}, {}) == 0
    assert doc.tables[0].columns == ["no", "uraian", "keterangan"]
