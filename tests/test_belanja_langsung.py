"""A laid-out realisasi table of the 2016 provincial shape: capitalised programmes without figures
over mixed-case kegiatan whose figures sit between their wrapped lines, a '% Fisik' column beside
'% Keuangan', a 'JUMLAH BELANJA LANGSUNG' total row, then the other funds told in prose and a
closing chapter (issue 12: tables read from their columns, no error without a sound reading)."""

from __future__ import annotations

from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views
from lkip.validate.registry import validate

HEADER = """
      1. Belanja Langsung (APBD) sebesar Rp. 9.500.000.000,- dengan realisasi keuangan
         sebesar Rp 8.450.000.000,- (88,95%), dengan rincian sebagai berikut:

                                                                                                  %
                                                                Alokasi         Realisasi
 No              PROGRAM / KEGIATAN                                                           Keuan    % Fisik
                                                               Anggaran          Anggaran
                                                                                                gan
  1                  2                                                3                 4         5          6
"""

BODY = """        PROGRAM PROMOSI KESEHATAN
          Peningkatan Perilaku Hidup Bersih dan Sehat                                        90,00%     96,80%
                                                        1.000.000.000,-     900.000.000,-
          (PHBS)
          Peningkatan Pemberdayaan Masyarakat Bidang                                         80,00%     88,60%
                                                          500.000.000,-     400.000.000,-
          Kesehatan

        PROGRAM PELAYANAN ADMINISTRASI
        PERKANTORAN
          Penyelenggaraan Administrasi Perkantoran
                                                          2.000.000.000     1.800.000.000    90,00%     98,73%
           Dinas Kesehatan Provinsi
           Pelayanan Administrasi Perkantoran Balai         400.000.000       350.000.000    87,50%     97,00%
        PROGRAM PEMELIHARAAN SARANA DAN                                                      91,67%     95,87%
                                                          5.600.000.000     5.000.000.000
        PRASARANA APARATUR
           Pemeliharaan Sarana dan Prasarana Kantor
                                                          4.000.000.000     3.600.000.000    90,00%     99,05%
           Dinas Kesehatan Provinsi
           Pemeliharaan Sarana dan Prasarana Balai        2.000.000.000     1.900.000.000    95,00%     96,64%
               JUMLAH BELANJA LANGSUNG                      900.000.000        50.000.000    88,95%     96,86%
    2. Belanja Tidak Langsung (Gaji) sebesar Rp. 54.979.136.088,- dengan realisasi anggaran
       sebesar Rp. 53.544.653.004,- (97,39%)
    3. Alokasi anggaran Dana Dekonsentrasi (setelah revisi anggaran), sebesar Rp.
       92.963.355.000,- dengan realisasi anggaran sebesar Rp. 41.602.183.960,-
"""

CLOSING = """
                                         BAB IV
                                       PENUTUP
Secara keseluruhan realisasi anggaran dana APBD adalah sebesar Rp 43.433.436.071 (97,61%)
dan realisasi dana APBN adalah sebesar Rp 19.399.610.760 atau sebesar 72,92%.
"""


def _check(text: str) -> Document:
    doc = Document(source=Source(path="lkip.txt", sha256="0", kind="text"))
    extract_text(text, doc)
    build_views(doc)
    validate(doc)
    return doc


def _doc() -> Document:
    return _check(HEADER + BODY + "\f" + CLOSING)


def test_the_table_is_a_budget_table_with_a_fisik_column() -> None:
    doc = _doc()
    table = next(t for t in doc.tables if t.kind == "realisasi_anggaran")
    assert table.columns[2:6] == ["anggaran", "realisasi_anggaran", "persen", "fisik"]
    lines = {b.nama: b for b in doc.budget_lines}
    phbs = next(b for n, b in lines.items() if n.startswith("Peningkatan Perilaku"))
    assert (phbs.anggaran, phbs.realisasi, phbs.persen) == (1e9, 9e8, 90.0)  # not the 96,80 fisik


def test_a_capitalised_programme_without_figures_is_not_glued_to_its_first_kegiatan() -> None:
    doc = _doc()
    names = [b.nama for b in doc.budget_lines]
    assert not any(n.startswith("PROGRAM PROMOSI") and "Peningkatan" in n for n in names)
    assert any(n.startswith("Peningkatan Perilaku Hidup Bersih") for n in names)
    assert not any(n.startswith("PROGRAM PELAYANAN") and "Penyelenggaraan" in n for n in names)
    # a programme whose figures sit on its capitalised lines keeps them
    pemeliharaan = next(b for b in doc.budget_lines if b.nama.startswith("PROGRAM PEMELIHARAAN"))
    assert (pemeliharaan.anggaran, pemeliharaan.realisasi) == (5.6e9, 5e9)


def test_jumlah_belanja_langsung_is_the_total_row_and_its_sums_are_checked() -> None:
    doc = _doc()
    total = next(b for b in doc.budget_lines if b.nama.startswith("JUMLAH BELANJA"))
    assert total.level == "total"
    totals = {(f.row, f.field): f for f in doc.findings if f.rule == "total" and f.field}
    pem = totals[("PROGRAM PEMELIHARAAN SARANA DAN PRASARANA APARATUR", "anggaran")]
    assert pem.expected == 6e9


def test_a_percent_that_follows_from_the_rows_is_not_blamed_for_wrong_amounts() -> None:
    """88,95 % is 8.450 / 9.500 million, the sums of the rows, and 91,67 % the programme's
    kegiatan 5.500 / 6.000 million: the printed amounts are what is wrong."""
    doc = _doc()
    persen = {f.row.split()[0]: f for f in doc.findings if f.rule == "persen" and f.row}
    assert set(persen) == {"JUMLAH", "PROGRAM"}
    assert all(f.severity == "info" for f in persen.values())
    assert {f.row.split()[0] for f in doc.findings if f.rule == "total" and f.severity == "error"
            } == {"JUMLAH", "PROGRAM"}


def test_prose_about_other_funds_is_not_compared_with_the_apbd_table() -> None:
    doc = _doc()
    told = [f for f in doc.findings if f.rule == "narrative" and f.severity == "error"]
    assert not [f for f in told if f.stated in (92_963_355_000, 41_602_183_960, 54_979_136_088,
                                                 53_544_653_004)]


def test_the_closing_chapter_does_not_speak_of_the_last_table() -> None:
    doc = _doc()
    closing = [f for f in doc.findings if f.rule == "narrative" and f.stated in (
        43_433_436_071, 19_399_610_760)]
    assert closing == []
