"""Tests for the generic table grid finder (lkip.extract.grid) on synthetic and real PDF pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from lkip.extract.grid import GridTable, find_tables

canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")

REAL = Path("/work/shared/samples/real-pdf")
W, H = 595.0, 842.0
FONT = 9


def _pdf(tmp_path: Path, draw: Callable, rotate: int = 0) -> Path:
    path = tmp_path / "page.pdf"
    c = canvas_module.Canvas(str(path), pagesize=(W, H))
    if rotate:
        c.setPageRotation(rotate)
    c.setFont("Helvetica", FONT)
    draw(c)
    c.showPage()
    c.save()
    return path


def _text(c, x: float, top: float, s: str) -> None:
    """Text whose line box starts at `top` (top-left origin, as pdfplumber reports it)."""
    c.drawString(x, H - top - FONT * 0.8, s)


def _hline(c, x0: float, x1: float, top: float) -> None:
    c.line(x0, H - top, x1, H - top)


def _vline(c, x: float, top: float, bottom: float) -> None:
    c.line(x, H - top, x, H - bottom)


def _tables(path: Path) -> list[GridTable]:
    with pdfplumber.open(path) as doc:
        return find_tables(doc.pages[0])


def _cell(table: GridTable, row: int, col: int):
    for cell in table.cells:
        if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
            return cell
    raise AssertionError(f"no cell at {row},{col}")


def _covers_once(table: GridTable) -> None:
    seen: dict[tuple[int, int], int] = {}
    for cell in table.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                seen[(r, c)] = seen.get((r, c), 0) + 1
    assert set(seen) == {(r, c) for r in range(table.n_rows) for c in range(table.n_cols)}
    assert set(seen.values()) == {1}


def _ruled(c, top: float = 100) -> None:
    """A 5-row ruled table: 'Indikator' over two header rows, 'Capaian' over two columns, a wrapped cell."""
    xs, ys = [60, 260, 360, 460], [top + 18 * i for i in range(4)] + [top + 18 * 3 + 28, top + 18 * 3 + 46]
    for y in ys[:1] + ys[2:]:
        _hline(c, xs[0], xs[-1], y)
    for x in (xs[0], xs[1], xs[-1]):
        _vline(c, x, ys[0], ys[-1])
    _vline(c, xs[2], ys[1], ys[-1])  # Target | Realisasi only below the merged 'Capaian'
    _hline(c, xs[1], xs[-1], ys[1])
    _text(c, 64, ys[0] + 13, "Indikator")
    _text(c, 290, ys[0] + 4, "Capaian")
    _text(c, 264, ys[1] + 4, "Target")
    _text(c, 364, ys[1] + 4, "Realisasi")
    _text(c, 64, ys[2] + 4, "Nilai SAKIP")
    _text(c, 264, ys[2] + 4, "80")
    _text(c, 364, ys[2] + 4, "82,5")
    _text(c, 64, ys[3] + 4, "Persentase pegawai yang")
    _text(c, 64, ys[3] + 15, "mengikuti diklat")
    _text(c, 264, ys[3] + 4, "75%")
    _text(c, 364, ys[3] + 4, "70%")
    _text(c, 64, ys[4] + 4, "Opini BPK")
    _text(c, 264, ys[4] + 4, "WTP")
    _text(c, 364, ys[4] + 4, "WTP")


def _prose(c, top: float, n: int) -> float:
    for i in range(n):
        _text(c, 60, top + 13 * i, "Capaian kinerja tahun ini menunjukkan peningkatan yang cukup berarti "
                                    "dibandingkan dengan tahun sebelumnya pada semua sasaran.")
    return top + 13 * n


def _stream(c, top: float) -> float:
    """An unruled table: rule above and below the header, a label wrapped over two lines."""
    cols = [60, 300, 390, 480]
    _hline(c, 55, 530, top - 3)
    for x, s in zip(cols, ["Program", "Anggaran", "Realisasi", "%"], strict=True):
        _text(c, x, top, s)
    _hline(c, 55, 530, top + 13)
    rows = [("Program Pelayanan Administrasi", "1.250.000", "1.100.000", "88,00"),
            ("Program Peningkatan Kapasitas", "900.000", "850.000", "94,44"),
            ("Program Pengawasan Internal", "2.000.000", "1.500.000", "75,00")]
    y = top + 18
    for i, (label, a, b, p) in enumerate(rows):
        for x, s in zip(cols, [label, a, b, p], strict=True):
            _text(c, x, y, s)
        y += 13
        if i == 1:
            _text(c, 60, y, "sumber daya aparatur")
            y += 13
    _hline(c, 55, 530, y + 2)
    return y + 10


def test_ruled_table_with_merged_header_and_wrapped_cell(tmp_path: Path) -> None:
    tables = _tables(_pdf(tmp_path, _ruled))
    assert len(tables) == 1
    t = tables[0]
    assert t.ruled and (t.n_rows, t.n_cols) == (5, 3)
    _covers_once(t)
    indikator = _cell(t, 0, 0)
    assert (indikator.text, indikator.row_span, indikator.col_span) == ("Indikator", 2, 1)
    capaian = _cell(t, 0, 1)
    assert (capaian.text, capaian.col_span) == ("Capaian", 2)
    assert _cell(t, 1, 2).text == "Realisasi"
    assert _cell(t, 3, 0).text == "Persentase pegawai yang mengikuti diklat"
    assert _cell(t, 3, 2).text == "70%"
    assert t.header_rows == 2
    assert t.page == 1


def test_unruled_table_between_prose(tmp_path: Path) -> None:
    def draw(c) -> None:
        y = _prose(c, 80, 4)
        y = _stream(c, y + 20)
        _prose(c, y + 20, 4)

    tables = _tables(_pdf(tmp_path, draw))
    assert len(tables) == 1
    t = tables[0]
    assert not t.ruled
    assert (t.n_rows, t.n_cols) == (4, 4)
    _covers_once(t)
    assert _cell(t, 0, 1).text == "Anggaran"
    assert _cell(t, 2, 0).text == "Program Peningkatan Kapasitas sumber daya aparatur"
    assert _cell(t, 2, 3).text == "94,44"
    assert _cell(t, 3, 2).text == "1.500.000"
    assert t.box[1] > 120  # the prose above is not part of it


def test_two_tables_on_a_page(tmp_path: Path) -> None:
    def draw(c) -> None:
        _ruled(c, top=80)
        y = _prose(c, 240, 3)
        _stream(c, y + 25)

    tables = _tables(_pdf(tmp_path, draw))
    assert [t.ruled for t in tables] == [True, False]
    assert tables[0].box[3] < tables[1].box[1]
    assert (tables[1].n_rows, tables[1].n_cols) == (4, 4)


def test_empty_page_and_prose_page(tmp_path: Path) -> None:
    assert _tables(_pdf(tmp_path, lambda c: None)) == []
    assert _tables(_pdf(tmp_path, lambda c: _prose(c, 80, 20))) == []


def test_rotated_page_does_not_crash_and_finds_the_table(tmp_path: Path) -> None:
    tables = _tables(_pdf(tmp_path, _ruled, rotate=90))
    assert len(tables) == 1
    assert (tables[0].n_rows, tables[0].n_cols) == (5, 3)


def test_text_turned_by_90_degrees(tmp_path: Path) -> None:
    def draw(c) -> None:
        c.saveState()
        c.translate(W, 0)
        c.rotate(90)  # content drawn for a landscape page, reading upwards on the portrait page
        for i, row in enumerate([("Sasaran", "Target", "Realisasi"), ("Kinerja A", "100", "95"),
                                 ("Kinerja B", "80", "85"), ("Kinerja C", "60", "70")]):
            for j, s in enumerate(row):
                c.drawString(60 + 150 * j, W - 80 - 14 * i, s)
        c.restoreState()

    tables = _tables(_pdf(tmp_path, draw))
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols) == (4, 3)
    assert _cell(t, 2, 0).text == "Kinerja B"
    assert _cell(t, 3, 2).text == "70"


# ---------------------------------------------------------------- real LKIP pages, checked by eye

def _real(name: str, page: int) -> list[GridTable]:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not present")
    with pdfplumber.open(path) as doc:
        return find_tables(doc.pages[page - 1])


def test_real_kaltim_budget_table() -> None:
    (t,) = _real("05-bapenda-prov-kaltim-2021.pdf", 43)
    assert t.ruled and (t.n_rows, t.n_cols) == (19, 6)
    assert _cell(t, 0, 1).text == "Nama Program/Kegiatan"
    assert _cell(t, 2, 0).text == "5.02.0.00.0.00.01"
    assert _cell(t, 2, 2).text == "226.439.372.000,00"
    assert _cell(t, 5, 4).text == "80,37%"


def test_real_jombang_merged_rows() -> None:
    (t,) = _real("03-inspektorat-kab-jombang-2022.pdf", 24)
    assert (t.n_rows, t.n_cols) == (4, 7)
    no = _cell(t, 1, 0)
    assert (no.text, no.row_span) == ("1.", 2)
    assert _cell(t, 2, 2).text == "Kapabilitas APIP"
    assert _cell(t, 1, 5).text == "94,24%"


def test_real_jombang_merged_header() -> None:
    tables = _real("03-inspektorat-kab-jombang-2022.pdf", 43)
    assert len(tables) == 2
    t = tables[1]
    biaya = _cell(t, 0, 2)
    assert (biaya.text, biaya.col_span) == ("Alokasi Biaya", 2)
    assert _cell(t, 1, 2).text == "Anggaran (Rp)"
    assert _cell(t, 3, 2).text == "12.281.319.513"
    assert t.header_rows == 2


def test_real_tangerang_landscape_k_rp_columns() -> None:
    (t,) = _real("16-setda-kota-tangerang-2023-evaluasi-renja.pdf", 1)
    assert t.n_cols == 11
    assert [_cell(t, 3, c).text for c in range(2, 6)] == ["K", "Rp", "K", "Rp"]
    assert _cell(t, 13, 3).text == "68.116.500"
