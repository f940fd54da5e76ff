"""Word-made tables read from their PDF (python-docx + LibreOffice through lkipsynth.docx): body cells
are top-aligned, so a long label wraps below the row's figure line; a line of that label that starts
with 'Urusan' or 'Program' is the same cell's continuation, not a new row, and the page shows it (the
row's rule or the cell padding comes only after the cell's last line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.extract.lines import Line, LineGeometry
from lkip.extract.tables import LineInfo, RowBreaks, split_line
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


def _info(no: int, text: str, top: float, rule: bool = False) -> LineInfo:
    line = Line(no, 1, text, LineGeometry(top=top, bottom=top + 7.0, rule_above=rule))
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
