"""Word-made tables read from their PDF (python-docx + LibreOffice through lkipsynth.docx): body cells
are top-aligned, so a long label wraps below the row's figure line; a line of that label that starts
with 'Urusan' or 'Program' is the same cell's continuation, not a new row, and the page shows it (the
row's rule or the cell padding comes only after the cell's last line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.extract.layout import lay_out
from lkip.extract.line_parts import LineInfo, split_line
from lkip.extract.lines import Line, LineGeometry
from lkip.extract.row_groups import RowBreaks
from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.model import Table as ReadTable
from lkip.pipeline import check
from lkipsynth.docx import render_docx, soffice
from lkipsynth.truth import Truth

LABELS = ["Program Penunjang\nUrusan Pemerintahan\nDaerah Provinsi",
          "Program Pendaftaran\nPenduduk",
          "Program Pengelolaan\nInformasi\nAdministrasi\nKependudukan"]
FIGURES = [("1.451.483.000", "1.446.263.587", "99,64"),
           ("1.353.823.000", "1.303.210.000", "96,26"),
           ("6.019.204.000", "6.184.447.961", "102,75")]


def _rows() -> list[dict]:
    rows: list[dict] = [{"cells": [str(k + 1), label, *fig]}
                        for k, (label, fig) in enumerate(zip(LABELS, FIGURES, strict=True))]
    rows.append({"cells": ["JUMLAH", "", "8.824.510.000", "8.933.921.548", "101,24"], "role": "total",
                 "merge": [["no", "program"]]})
    return rows


def _truth(style: str, rows: list[dict] | None = None, header: list[list[str]] | None = None) -> Truth:
    return Truth.model_validate({
        "instansi": "Dinas Uji Provinsi Contoh", "tahun": 2025,
        "running_header": "LKIP Dinas Uji Provinsi Contoh Tahun 2025",
        "pages": [{"blocks": [
            {"type": "heading", "text": "BAB III AKUNTABILITAS KINERJA"},
            {"type": "table", "caption": "Tabel 3.3", "title": "Realisasi Anggaran per Program Tahun 2025",
             "style": style,
             "columns": [{"name": "no", "width": 0.5, "align": "center"}, {"name": "program", "width": 3},
                         {"name": "anggaran", "align": "right"},
                         {"name": "realisasi_anggaran", "align": "right"},
                         {"name": "persen", "align": "right"}],
             "header": header or [["No", "Program", "Anggaran (Rp)", "Realisasi (Rp)", "%"]],
             "rows": rows or _rows(), "source": "Sumber: LRA 2025"}]}]})


def _budget_table(pdf: Path) -> ReadTable:
    doc = check(pdf)
    tables = [t for t in doc.tables if t.caption_raw and "3.3" in t.caption_raw]
    assert tables, [t.caption_raw for t in doc.tables]
    return tables[0]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("style", ["horizontal", "none"])
def test_wrapped_urusan_line_stays_in_its_program_cell(tmp_path: Path, style: str) -> None:
    _docx, pdf, _js = render_docx(_truth(style), tmp_path, f"word-{style}")
    table = _budget_table(pdf)
    data = [r for r in table.rows if r.role in ("data", "total")]
    labels = [r.cells[1].raw for r in data]
    assert labels == [" ".join(label.split()) for label in LABELS] + ["JUMLAH"], labels
    assert [r.role for r in data] == ["data", "data", "data", "total"]
    assert not [r for r in table.rows if r.role == "section"]
    doc = check(pdf)
    assert not [f for f in doc.findings if f.severity == "error" and f.rule == "total"]


def _info(no: int, text: str, top: float, rule: bool = False, page: int = 1) -> LineInfo:
    line = Line(no, page, text, LineGeometry(top=top, bottom=top + 7.0, rule_above=rule))
    return split_line(line, True)


def test_row_breaks_by_cell_padding_without_rules() -> None:
    """Unruled: 8.1 pt between the lines of a cell, 10.7 pt from a cell's last line to the next row."""
    infos = [_info(1, "  1   Program Penunjang      1.451.483.000   1.446.263.587   99,64", 100.0),
             _info(2, "      Urusan Pemerintahan", 108.1),
             _info(3, "      Daerah Provinsi", 116.2),
             _info(4, "  2   Program Pendaftaran    1.353.823.000   1.303.210.000   96,26", 126.9)]
    breaks = RowBreaks.of(infos)
    assert breaks is not None and not breaks.ruled
    assert breaks.parts(0, [1, 2], 3) == ([1, 2], [], [])


def test_row_breaks_by_rules() -> None:
    """Ruled between rows: a rule ends a row; a line ruled off from both rows is left to the text."""
    infos = [_info(1, "  1   Program Penunjang      1.451.483.000   1.446.263.587   99,64", 100.0),
             _info(2, "      Urusan Pemerintahan", 108.1),
             _info(3, "  2   Program Pendaftaran    1.353.823.000   1.303.210.000   96,26", 118.8, rule=True),
             _info(4, "      URUSAN PILIHAN", 129.5, rule=True),
             _info(5, "  3   Program Pencatatan     1.353.823.000   1.303.210.000   96,26", 140.2, rule=True)]
    breaks = RowBreaks.of(infos)
    assert breaks is not None and breaks.ruled
    assert breaks.parts(0, [1], 2) == ([1], [], [])
    assert breaks.parts(2, [3], 4) is None


def test_a_cell_that_ends_a_page_keeps_its_last_lines() -> None:
    """Over a page: 'Kabupaten/Kota' closes the cell on page 10; a running header's second line on
    page 11, a row's padding away from the next row, belongs to neither row."""
    infos = [_info(1, "  2.18.04.2.01   Pelayanan Perizinan   1.098.857.000   1.052.067.458   95,74", 700.0),
             _info(2, "                 Kewenangan", 708.1),
             _info(3, "                 Kabupaten/Kota", 716.2),
             _info(4, "                         Tahun 2021", 45.3, page=2),
             _info(5, "  2.18.04.2.01.0006   Penyediaan     86.885.000   71.224.451   81,98", 57.9, page=2),
             _info(6, "                 Pelayanan", 66.0, page=2)]
    breaks = RowBreaks.of(infos)
    assert breaks is not None
    assert breaks.parts(0, [1, 2, 3], 4) == ([1, 2], [[3]], [])


def test_no_geometry_no_row_breaks() -> None:
    assert RowBreaks.of([split_line(Line(1, 1, "  1  Program  1.000.000"), True)]) is None


def _money_truth(style: str) -> Truth:
    """Figure cells too narrow for 'Rp. 1.451.483.000': Word puts 'Rp.' on the cell's first line
    and the amount on the second, beside a percentage that fits on the first; the header's 'Rp'
    sits right above the first row's prefix."""
    rows = _rows()
    for row in rows:
        row["cells"][1] = row["cells"][1].replace("\n", " ")
        row["cells"][2:4] = [f"Rp.\n{amount}" for amount in row["cells"][2:4]]
    header = [["No", "Program", "Anggaran", "Realisasi", "%"], ["", "", "Rp", "Rp", ""]]
    return _truth(style, rows, header)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("style", ["horizontal", "none"])
def test_currency_prefix_wrapped_above_its_amount_keeps_the_row_whole(tmp_path: Path, style: str) -> None:
    _docx, pdf, _js = render_docx(_money_truth(style), tmp_path, f"word-rp-{style}")
    table = _budget_table(pdf)
    data = [r for r in table.rows if r.role in ("data", "total")]
    assert len(data) == 4, [r.cells[1].raw for r in table.rows]
    got = [[c.number.value if c.number else None for c in r.cells[2:5]] for r in data]
    want = [[float(a.replace(".", "")), float(b.replace(".", "")), float(p.replace(",", "."))]
            for a, b, p in [*FIGURES, ("8.824.510.000", "8.933.921.548", "101,24")]]
    assert got == want


RATES = """Tabel 3.2 Capaian Kinerja Dinas Kesehatan Tahun 2021
  No   Indikator Kinerja            Satuan            Target     Realisasi     Capaian (%)
   1   Angka Kematian Bayi (AKB)    per 1.000 KH        12,5          13,0           96,00
   2   Angka Kematian Ibu (AKI)     per 100.000          168           121          127,98
                                    KH
   3   Cakupan imunisasi dasar      %                  65,54         65,54          100,00
"""


def test_the_base_of_a_rate_is_its_unit_not_a_figure() -> None:
    """'per 100.000 KH' wrapped in a narrow satuan column: 100.000 is no target."""
    doc = Document(source=Source(path="rates.txt", sha256="0", kind="text"))
    extract_text(RATES, doc)
    (table,) = doc.tables
    names = table.columns
    got = [{n: c.number.value for n, c in zip(names, r.cells, strict=True) if c.number}
           for r in table.rows if r.role == "data"]
    assert got == [{"target": 12.5, "realisasi": 13.0, "capaian": 96.0},
                   {"target": 168.0, "realisasi": 121.0, "capaian": 127.98},
                   {"target": 65.54, "realisasi": 65.54, "capaian": 100.0}]


def _word(text: str, top: float, x0: float | None = None, x1: float | None = None) -> dict:
    """A word as pdfplumber gives it, 5 pt a character, 7 pt high, placed by its left or right edge."""
    width = 5.0 * len(text)
    x0 = x0 if x0 is not None else x1 - width  # type: ignore[operator]
    chars = [{"text": ch, "x0": x0 + 5.0 * k, "x1": x0 + 5.0 * (k + 1), "top": top, "bottom": top + 7.0}
             for k, ch in enumerate(text)]
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 7.0, "chars": chars}


def test_a_figure_or_code_broken_by_a_narrow_cell_is_put_back_together() -> None:
    words = [_word("2.16.01.1.07.000", 100.0, x0=20.0), _word("Pemindahan", 100.0, x0=120.0),
             _word("2.474.011.23", 100.0, x1=300.0), _word("92,67", 100.0, x1=380.0),
             _word("12", 100.0, x1=430.0),
             _word("7", 108.1, x0=20.0), _word("Tugas", 108.1, x0=120.0), _word("1", 108.1, x1=300.0),
             _word("%", 108.1, x1=380.0), _word("5", 108.1, x1=430.0)]
    laid = lay_out(words, [c for w in words for c in w["chars"]], rules=[])
    first, second = (ln.split() for ln in laid.lines)
    assert first == ["2.16.01.1.07.0007", "Pemindahan", "2.474.011.231", "92,67%", "12"]
    assert second == ["Tugas", "5"]  # '12' over '5' may be two figures: left as printed


def test_a_header_rp_over_the_first_amount_stays_in_the_header() -> None:
    """'Rp' and the amount under it are one cell only at the pitch of a cell's lines, no rule between."""
    def laid(top: float, rules: list) -> list[list[str]]:
        words = [_word("Rp", 100.0, x1=300.0), _word("1.451.483.000", top, x1=300.0)]
        chars = [c for w in words for c in w["chars"]]
        return [ln.split() for ln in lay_out(words, chars, rules).lines if ln]

    assert laid(108.1, []) == [["1.451.483.000"]]
    assert laid(108.1, [(107.5, 0.0, 400.0)]) == [["Rp"], ["1.451.483.000"]]
    assert laid(111.0, []) == [["Rp"], ["1.451.483.000"]]  # the header row's padding between
