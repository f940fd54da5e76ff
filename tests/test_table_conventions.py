"""Table conventions Word/LibreOffice reports print and lkip must read as the report means them:
a baseline column without its year, 'Murni | Perubahan' budgets, a realisasi table whose
'Capaian (%)' is the share spent, a numbered 'Jumlah ...' indicator, graded figures wider than
their column, and narrow amount cells that wrap a sign, a prefix or a last digit."""

from __future__ import annotations

from lkip.extract.layout import lay_out
from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views
from lkip.validate.names import indicator_part, same_indicator
from lkip.validate.rules import cross_table


def read(text: str) -> Document:
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"))
    extract_text(text, doc)
    build_views(doc)
    return doc


def _word(text: str, x0: float, top: float, size: float = 7.0, x1: float | None = None) -> dict:
    width = 0.5 * size * len(text)
    x0 = x0 if x1 is None else x1 - width
    chars = [{"text": c, "x0": x0 + k * width / len(text), "x1": x0 + (k + 1) * width / len(text),
              "top": top, "bottom": top + size} for k, c in enumerate(text)]
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "chars": chars}


def _lines(words: list[dict]) -> list[list[str]]:
    laid = lay_out(words, [c for w in words for c in w["chars"]])
    return [ln.split() for ln in laid.lines if ln.strip()]


BASELINE = """LAPORAN KINERJA BADAN PENANGGULANGAN BENCANA DAERAH KABUPATEN CONTOH TAHUN 2022

                 Tabel 2.1 Indikator Kinerja Utama dan Target Renstra 2022-2026
                                                                          Target Kinerja Tahun ke-
  No    Indikator Kinerja              Satuan      Kondisi Awal
                                                                 2022     2023     2024     2025     2026
   1    Jumlah kejadian bencana yang   Kejadian        52         55       53       54       55       56
        tertangani
   2    Indeks Risiko Bencana          Indeks          79,02      78,07    77,12    76,18    75,23    74,28
   3    Persentase desa tangguh        %               94,11      94,58    95,05    95,52    95,99    96,46
        bencana

Sumber: Renstra
"""


def test_a_baseline_printed_without_its_year_is_not_a_target() -> None:
    table = next(t for t in read(BASELINE).tables if t.id == "Tabel 2.1")
    assert table.columns[2:-1] == ["awal_2021", "target_2022", "target_2023", "target_2024",
                                   "target_2025", "target_2026"]
    doc = read(BASELINE)
    first = {i.year: i.target for i in doc.indicators if i.indikator.startswith("Jumlah kejadian")}
    assert first[2022] == 55 and 2021 not in first  # the baseline is no year's target


MURNI = """LAPORAN KINERJA DINAS PENANAMAN MODAL KOTA CONTOH TAHUN 2025

Tabel 2.2
Pagu Anggaran Sebelum dan Setelah Perubahan per Program TA 2025
                                     Pagu Anggaran                            Selisih
  No     Program
                                 Murni               Perubahan               Rp               %
  1      Program Penunjang       Rp1.635.138.000,00   Rp1.605.134.825,00   -30.003.175,00   -1,83
         Urusan Pemerintahan
  2      Program Pengendalian    Rp205.111.000,00     Rp217.910.234,00      12.799.234,00    6,24
         Penanaman Modal
         TOTAL                   Rp1.840.249.000,00   Rp1.823.045.059,00   -17.203.941,00   -0,93

Sumber: DPA
"""


def test_murni_and_perubahan_are_the_budget_before_and_after() -> None:
    doc = read(MURNI)
    table = next(t for t in doc.tables if t.id == "Tabel 2.2")
    assert table.kind == "perubahan_anggaran"
    assert table.columns[2:6] == ["pagu_sebelum", "pagu_sesudah", "selisih", "selisih_persen"]
    line = next(b for b in doc.budget_lines if b.nama.startswith("Program Pengendalian"))
    assert (line.pagu_sebelum, line.pagu_sesudah, line.selisih) == (205111000, 217910234, 12799234)


def test_a_change_column_named_perubahan_rp_is_still_the_change() -> None:
    text = MURNI.replace("Murni               Perubahan               Rp",
                         "Sebelum             Sesudah                 Perubahan (Rp)")
    table = next(t for t in read(text).tables if t.id == "Tabel 2.2")
    assert table.kind == "perubahan_anggaran" and "selisih" in table.columns


SPENT = """LAPORAN KINERJA DINAS TENAGA KERJA KABUPATEN CONTOH TAHUN 2021

Tabel 3.3
Realisasi Anggaran Dinas Tenaga Kerja Tahun 2021
             Program/ Kegiatan/ Sub                                Capaian
  Kode                                  Anggaran        Realisasi                 Efisiensi
                    Kegiatan                                         (%)
  2.07.01    PROGRAM PENUNJANG        1.762.293.460,-  1.562.461.304,-   88,66   199.832.156,-
             URUSAN PEMERINTAHAN
  2.07.02    PROGRAM PERENCANAAN        34.000.000,-     24.667.600,-    72,55     9.332.400,-
             TENAGA KERJA
             JUMLAH                   1.796.293.460,-  1.587.128.904,-   88,36   209.164.556,-

Sumber: DPA
"""


def test_capaian_beside_amounts_and_efisiensi_is_the_share_spent() -> None:
    doc = read(SPENT)
    table = next(t for t in doc.tables if t.id == "Tabel 3.3")
    assert table.kind == "realisasi_anggaran"
    line = next(b for b in doc.budget_lines if b.nama.startswith("PROGRAM PERENCANAAN"))
    assert (line.anggaran, line.realisasi, line.persen, line.efisiensi) == (
        34000000, 24667600, 72.55, 9332400)


NUMBERED_JUMLAH = """LAPORAN KINERJA DINAS PENANAMAN MODAL KOTA CONTOH TAHUN 2021

                          Tabel III.2
             Capaian Kinerja Tahun 2021
  No   Indikator         Target     Realisasi    Capaian     Predikat
  1    Jumlah              27          25        170,41%     Sangat
       pengaduan                                             Baik
       perizinan
  2    Persentase          95,11       93,10      97,89%     Sangat
       izin terbit                                           Baik
       tepat waktu

Sumber: Data diolah
"""


def test_a_numbered_jumlah_indicator_is_a_row_not_a_total() -> None:
    doc = read(NUMBERED_JUMLAH)
    table = next(t for t in doc.tables if t.id == "Tabel III.2")
    assert [r.role for r in table.rows] == ["data", "data"]
    jumlah = next(i for i in doc.indicators if i.indikator.startswith("Jumlah pengaduan"))
    assert (jumlah.target, jumlah.realisasi, jumlah.capaian) == (27, 25, 170.41)  # checked


LEVELS = """LAPORAN KINERJA DINAS PENANAMAN MODAL KOTA CONTOH TAHUN 2021

                                   Tabel 3.2
                          Capaian Kinerja Tahun 2021
       Sasaran                                                                  Capaian
  No             Indikator Sasaran     Satuan        Target          Realisasi              Predikat
       Strategis                                                                  (%)
                 Jumlah Temuan         Temuan          38                35        107,89    Sangat
                 Pemeriksaan yang                                                            Tinggi
                 Berulang

                 Tingkat Maturitas      Level    Level 3 (3,11)    Level 2 (2,70)   86,82    Tinggi
                 Penyelenggaraan
                 SPIP

                      Rata-rata Capaian Kinerja                                     97,36    Sangat
                                                                                             Tinggi

Sumber: Data diolah
"""


def test_a_graded_figure_wider_than_its_column_loses_no_figure() -> None:
    table = next(t for t in read(LEVELS).tables if t.id == "Tabel 3.2")
    row = next(r for r in table.rows if "Maturitas" in r.cells[1].raw)
    figures = {table.columns[k]: c.raw for k, c in enumerate(row.cells) if c.raw}
    assert figures["target"] == "Level 3 (3,11)" and figures["realisasi"] == "Level 2 (2,70)"
    assert figures["capaian"] == "86,82"


def test_a_satuan_after_the_name_does_not_part_it_from_its_merged_twin() -> None:
    assert same_indicator("Jumlah sampah yang dikelola Ton",
                          "Meningkatnya kualitas lingkungan Jumlah sampah yang dikelola")
    assert not same_indicator("Jumlah sampah yang dikelola Ton",
                              "Meningkatnya kualitas lingkungan Jumlah sampah yang didaur ulang")


def test_a_merged_name_joins_the_indicator_it_ends_with() -> None:
    merged = "Meningkatnya kualitas lingkungan hidup Indeks Kualitas Air Indeks"
    assert indicator_part(merged) == "indeks kualitas air indeks"
    assert indicator_part("Indeks Kualitas Air") == "indeks kualitas air"
    text = """LAPORAN KINERJA DINAS LINGKUNGAN HIDUP KABUPATEN CONTOH TAHUN 2023

Tabel 2.1
Target Kinerja Renstra 2021-2026
No   Indikator                          Satuan   2021    2022    2023    2024    2025    2026
1    Indeks Kualitas Air                Indeks   63,04   63,46   63,88   64,31   64,73   65,15
2    Indeks Kualitas Lingkungan Hidup   Indeks   72,90   74,22   75,55   76,87   78,20   79,53

Tabel 3.2
Capaian Kinerja Tahun 2023
No   Sasaran / Indikator                                   Target   Realisasi   Capaian
1    Meningkatnya kualitas lingkungan hidup Indeks         63,88    63,88       100,00%
     Kualitas Air
2    Meningkatnya pengelolaan sampah Indeks Kualitas       75,55    66,20        87,62%
     Lingkungan Hidup

Sumber: Data diolah
"""
    doc = read(text)
    assert not [f for f in cross_table.check(doc) if f.severity == "error"]


def test_a_header_rp_over_an_amount_stays_in_the_header() -> None:
    # 'Selisih: Rp | %' over a row whose amounts carry their own 'Rp.': the header's 'Rp' does
    # not take the row's selisih up into the header line
    words = [_word("Murni", 272, 176), _word("Rp", 419, 176), _word("%", 471, 176),
             _word("Rp.", 230, 186), _word("4.187.238.000,-", 242, 186),
             _word("12.206.721,-", 420, 186), _word("0,29", 468, 186)]
    lines = _lines(words)
    assert lines[0] == ["Murni", "Rp", "%"]
    assert "12.206.721,-" in lines[1]


def test_a_minus_and_a_last_digit_wrapped_in_a_narrow_cell_rejoin_their_amount() -> None:
    right = 420.0  # a right-aligned amount cell too narrow for '-255.541.000,00'
    words = [_word("3.294.930.000,0", 0, 300, x1=330.0), _word("-", 0, 300, x1=right),
             _word("-7,76", 450, 300),
             _word("0", 0, 308, x1=330.0), _word("255.541.000,0", 0, 308, x1=right),
             _word("0", 0, 316, x1=right)]
    assert _lines(words) == [["3.294.930.000,00", "-255.541.000,00", "-7,76"]]


TWO_YEARS = """LAPORAN KINERJA DINAS KESEHATAN PROVINSI CONTOH TAHUN 2016

Tabel 3.4
Capaian Indikator Sasaran
  INDIKATOR
  SASARAN                          CAPAIAN                                  CAPAIAN
                TARGET  REALISASI    (%)   PENILAIAN   TARGET   REALISASI     (%)   PENILAIAN
  Persentase    70,38%    74,10%   105,29%   Sangat    81,48%    92,59%   113,63%   Sangat
  puskesmas                                  Baik                                   Baik
  jiwa

Sumber: Data diolah
"""


def test_target_and_realisasi_printed_twice_are_not_read_as_one_pair() -> None:
    doc = read(TWO_YEARS)
    table = next(t for t in doc.tables if t.id == "Tabel 3.4")
    assert table.kind == "other"  # kept as read, given no meaning: no capaian checked on a guess
    assert not [i for i in doc.indicators if i.table == "Tabel 3.4"]
