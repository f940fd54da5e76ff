"""Flattened text (one cell per line: pdftotext without -layout, web or viewer copy) read row by
row where the pattern is certain, never guessed (lkip/extract/flat.py)."""

from __future__ import annotations

from lkip.extract.flat import is_flat, unflatten
from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views
from lkip.validate.registry import validate

# made-up report in the shape pdftotext gives a Word table: header cells one per line, then per
# row its label lines and its figures; a page break inside the table with its running header
FLAT = """BAB III AKUNTABILITAS KINERJA
Capaian kinerja Dinas Perikanan Kabupaten Contoh tahun 2022 disajikan pada tabel berikut.
Tabel 3.1
Capaian Indikator Kinerja Utama
No
Indikator Kinerja
Target
Realisasi
Capaian
(%)
1.
Produksi perikanan
budidaya (ton)
1.250
1.310
104,80
2.
Persentase pembudidaya
ikan yang bersertifikat
CBIB
40%
32%
80,00
LKjIP Dinas Perikanan 2022
14
\fLKjIP Dinas Perikanan 2022
3.
Jumlah kelompok
pengolah hasil perikanan
yang dibina
24
18
70,00
Sumber: Bidang Perikanan Budidaya
Dari tabel di atas terlihat bahwa dua indikator belum mencapai target yang ditetapkan dalam
perjanjian kinerja tahun 2022.
Tabel 3.5
Realisasi Anggaran per Program
Program
Anggaran
(Rp)
Realisasi
(Rp)
PROGRAM PENGELOLAAN PERIKANAN BUDIDAYA
2.400.000.000
PROGRAM PENGOLAHAN DAN PEMASARAN
1.100.000.000
2.150.000.000
980.500.000
Jumlah
3.500.000.000
3.130.500.000
Sumber: DPA 2022
"""


def _read(text: str) -> Document:
    doc = Document(source=Source(path="flat.txt", sha256="0", kind="text"))
    extract_text(unflatten(text)[0], doc)
    build_views(doc)
    return doc


def test_flattened_text_is_recognised_and_laid_out_text_is_not() -> None:
    assert is_flat(FLAT)
    laid_out = "\n".join(f"  {n}.  Indikator {n}        90%        85%       94,44" for n in range(20))
    assert not is_flat(laid_out)
    assert unflatten(laid_out) == (laid_out, [])


def test_rows_of_a_flattened_table_are_read_with_their_lines_and_pages() -> None:
    text, made = unflatten(FLAT)
    assert len(text.split("\n")) == len(FLAT.split("\n")) and text.count("\f") == 1
    doc = _read(FLAT)
    rows = [(i.indikator, i.target, i.realisasi, i.capaian, i.page) for i in doc.indicators]
    assert [r[1:] for r in rows] == [(1250.0, 1310.0, 104.8, 1), (40.0, 32.0, 80.0, 1),
                                     (24.0, 18.0, 70.0, 2)]
    assert "Produksi perikanan budidaya" in rows[0][0]
    assert "yang dibina" in rows[2][0] and "LKjIP" not in rows[2][0]
    line = FLAT.split("\n").index("1.310") + 1  # the row is written on its first figure's line
    first = doc.indicators[0]
    assert first.refs["target"].line == line - 1 and first.refs["capaian"].line == line - 1


def test_a_budget_table_read_only_in_part_is_not_checked() -> None:
    # the second programme's figures come before the first's realisasi: the rows cannot be
    # told apart, so no total may be checked against a half-read table
    _, made = unflatten(FLAT)
    budget = [m for m in made if m.kind != "capaian"]
    assert budget and all(m.partial and not m.written for m in budget)
    doc = _read(FLAT)
    validate(doc)
    assert not doc.budget_lines
    assert not [f for f in doc.findings if f.severity == "error"]
