"""Text extraction on small reports written in the layouts real LKIPs use (not the sample's rows)."""

import pytest

from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views


def read(text: str) -> Document:
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"))
    extract_text(text, doc)
    build_views(doc)
    return doc


OCR_FLAT = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2023
DINAS KESEHATAN KABUPATEN CONTOH

Tabel 3.2
Capaian Kinerja Sasaran Tahun 2023
No | Sasaran | Indikator Kinerja | Target | Realisasi | Capaian | Kategori
1 2 3 4 5 6 7
1 | Meningkatnya derajat | Cakupan imunisasi 95% 91,2% 96,00% Sangat Tinggi
kesehatan masyarakat dasar lengkap
2 | Meningkatnya mutu | Jumlah puskesmas 12 10 83,33% Tinggi
layanan | terakreditasi Unit Unit

Sumber : Dinkes 2023
\f Tabel 3.5
Realisasi Anggaran per Program
No Program / Kegiatan Anggaran (Rp) Realisasi (Rp) %
1 PROGRAM PEMENUHAN UPAYA KESEHATAN 1.500.000.000 1.200.000.000 80,00
Penyediaan Fasilitas Pelayanan 1.000.000.000 900.000.000 90,00
Kesehatan
Penyediaan Layanan Kesehatan 500.000.000 300.000.000 60,00
JUMLAH 1.500.000.000 1.200.000.000 80,00
Sumber: DPA 2023
"""


def test_flat_ocr_tables_are_found_with_kind_and_page() -> None:
    doc = read(OCR_FLAT)
    assert [(t.id, t.kind, t.page) for t in doc.tables] == [
        ("Tabel 3.2", "capaian", 1), ("Tabel 3.5", "realisasi_anggaran", 2)]
    assert doc.document.tahun == 2023


def test_wrapped_rows_join_and_numbers_land_in_their_columns() -> None:
    doc = read(OCR_FLAT)
    inds = [i for i in doc.indicators if i.table == "Tabel 3.2"]
    assert [(i.target, i.realisasi, i.capaian, i.kategori) for i in inds] == [
        (95.0, 91.2, 96.0, "Sangat Tinggi"), (12.0, 10.0, 83.33, "Tinggi")]
    assert "imunisasi" in inds[0].indikator
    assert inds[1].satuan == "Unit"
    assert inds[0].refs["capaian"].line == 8  # traceable to its input line


def test_budget_hierarchy_and_total() -> None:
    doc = read(OCR_FLAT)
    lines = [b for b in doc.budget_lines if b.table == "Tabel 3.5"]
    assert [b.level for b in lines] == ["program", "kegiatan", "kegiatan", "total"]
    program, total = lines[0], lines[3]
    assert lines[1].parent == doc.budget_lines.index(program)
    assert program.parent == doc.budget_lines.index(total)
    assert (program.anggaran, program.realisasi, program.persen) == (1.5e9, 1.2e9, 80.0)
    assert lines[1].nama.endswith("Kesehatan")  # the wrapped name joined its row
    assert all(b.page == 2 for b in lines)


LAYOUT = """                      Tabel II.4 Capaian Indikator Kinerja Utama Tahun 2021
 No.   Indikator Kinerja              Target       Realisasi        % Capaian     Kriteria
  1.   Indeks Kepuasan                Level 3      Level 3           94,24%       Sangat Tinggi
       Masyarakat                      (3,35)       (3,157)
  2.   Nilai Evaluasi AKIP            Nilai A       Nilai A          98,30%       Sangat Tinggi
                                        (83)        (81,59)
  3.   Persentase rekomendasi           90%                            95,00%     Sangat Tinggi
       yang ditindaklanjuti
Sumber: diolah
"""


def test_laid_out_text_places_numbers_by_column_even_when_a_cell_is_empty() -> None:
    doc = read(LAYOUT)
    assert doc.tables[0].id == "Tabel II.4"
    inds = doc.indicators
    assert [(i.target, i.realisasi, i.capaian) for i in inds] == [
        (3.35, 3.157, 94.24), (83.0, 81.59, 98.30), (90.0, None, 95.0)]
    assert "Masyarakat" in inds[0].indikator


CONTINUED = """Tabel 21.1
Anggaran Sebelum dan Sesudah Perubahan
No Program/Kegiatan Sebelum Perubahan Setelah Perubahan
K Rp K Rp
1 2 3 4 5 6
I PROGRAM PENYELENGGARAAN PENGAWASAN 80% 300.000.000 80% 250.000.000
1 Penyelenggaraan Pengawasan Internal 100% 200.000.000 100% 150.000.000
Laporan Kinerja Dinas Contoh 2023
\f No Program/Kegiatan Sebelum Perubahan Setelah Perubahan
K Rp K Rp
1 2 3 4 5 6
2 Penyelenggaraan Pengawasan 100% 100.000.000 100% 100.000.000
dengan Tujuan Tertentu
Total 300.000.000 250.000.000
Laporan Kinerja Dinas Contoh 2023
\f Tabel 2.1.2
Target Kinerja
No Indikator Target
1 Indeks Reformasi 70
Laporan Kinerja Dinas Contoh 2023
\f
"""


def test_table_continues_over_a_page_with_its_header_repeated() -> None:
    doc = read(CONTINUED)
    table = doc.tables[0]
    assert table.id == "Tabel 2.1.1"  # the OCR-damaged caption '21.1' takes the usual depth
    assert table.kind == "perubahan_anggaran"
    data = [r for r in table.rows if r.role in ("data", "total")]
    assert len(data) == 4  # program, two kegiatan, total: the repeated header is no row
    lines = [b for b in doc.budget_lines if b.table == table.id]
    assert [b.level for b in lines] == ["program", "kegiatan", "kegiatan", "total"]
    assert [b.pagu_sesudah for b in lines] == [250e6, 150e6, 100e6, 250e6]
    assert lines[2].page == 2
    assert not any("Laporan Kinerja Dinas" in r.text() for r in table.rows)  # running footer


def test_text_without_tables_has_none() -> None:
    doc = read("Ini hanya sebuah cerita pendek tentang kucing.\nTidak ada tabel di sini.\n")
    assert doc.tables == []


COMPARISON = """                                     TABEL 3.2
                           Perbandingan Realisasi Kinerja

                   Sasaran            Indikator         Target                  Realisasi
       No.
                   Strategis           Kinerja           2021       2019          2020            2021
        1.    Meningkatnya        Indeks                   76        76,42         76,10           70,30
              integritas          Integritas
        2.    Meningkatnya        Nilai SAKIP              80        78,10         79,00           81,00
              akuntabilitas
"""


def test_year_groups_under_spanning_headers() -> None:
    doc = read(COMPARISON)
    table = doc.tables[0]
    assert table.kind == "comparison"
    assert table.columns[2:6] == ["target_2021", "realisasi_2019", "realisasi_2020", "realisasi_2021"]
    doc.document.tahun = 2021
    doc.indicators.clear()
    build_views(doc)
    assert [(i.target, i.realisasi, i.year) for i in doc.indicators] == [
        (76.0, 70.3, 2021), (80.0, 81.0, 2021)]


STACKED_HEADER = """          Tabel 3.5 Perbandingan Realisasi sampai Akhir Periode
                                                                          Target
                                                              Realisasi              Capaian
   No           Sasaran           No      Indikator Kinerja                Akhir
        Jumlah realisasi
    1   pendapatan                 1    Indeks Kepuasan          81,59      83         98,30%
          Sumber : diolah
"""


def test_header_names_on_separate_lines_keep_their_left_to_right_order() -> None:
    doc = read(STACKED_HEADER)
    table = doc.tables[0]
    assert table.columns[2:5] == ["realisasi", "target", "capaian"]
    (ind,) = doc.indicators
    assert (ind.target, ind.realisasi, ind.capaian) == (83.0, 81.59, 98.3)
    assert ind.indikator.startswith("Jumlah realisasi")  # the name above the figures is the row's


@pytest.mark.parametrize(("text", "instansi"), [
    ("LKJIP Dinas Kesehatan Kabupaten Sukamaju Tahun 2023\nDinas Kesehatan Kabupaten Sukamaju Tahun 2023",
     "Dinas Kesehatan Kabupaten Sukamaju"),
    ("Laporan Kinerja Badan Pendapatan Daerah Provinsi Kalimantan Timur Tahun 2021",
     "Badan Pendapatan Daerah Provinsi Kalimantan Timur"),
    ("Inspektorat Kota Sibolga Anggaran 2024", "Inspektorat Kota Sibolga"),
])
def test_instansi_is_the_agency_and_its_place_without_the_year(text: str, instansi: str) -> None:
    from lkip.extract.text import identify

    doc = Document(source=Source(path="x.txt", sha256="0" * 64, kind="text"))
    identify(text, doc)
    assert doc.document.instansi == instansi


FUNDED = """                         Tabel 2.4
                 Pagu Program/Kegiatan APBN TA. 2019
No                     Program/ Kegiatan                        Jumlah Anggaran (Rp)
      TOTAL                                                           9.350.000.000
      TUGAS PEMBANTUAN                                                6.200.000.000
1.    PROGRAM PENINGKATAN PRODUKSI TANAMAN PANGAN                     8.900.000.000
      1) Kegiatan Pengelolaan Produksi Padi (TP)                      3.100.000.000
      2) Kegiatan Pengelolaan Produksi Jagung (TP)                    2.300.000.000
2.    PROGRAM PENYEDIAAN PRASARANA PERTANIAN                            800.000.000
      3) Kegiatan Pengelolaan Air Irigasi (TP)                          800.000.000
      DANA DEKONSENTRASI                                              3.150.000.000
1.    Program Peningkatan Produksi Tanaman Pangan                     2.000.000.000
      1) Kegiatan Dukungan Manajemen (DK)                             2.000.000.000
2.    Program Penyediaan Prasarana Pertanian                          1.150.000.000
      2) Kegiatan Fasilitasi Pupuk (DK)                               1.150.000.000
"""


def test_a_source_of_funds_heads_its_programs_and_an_error_is_reported_where_it_is() -> None:
    from lkip.validate.registry import validate

    doc = read(FUNDED)
    lines = {b.nama: b for b in doc.budget_lines}
    dk, tp = lines["DANA DEKONSENTRASI"], lines["TUGAS PEMBANTUAN"]
    assert (dk.level, tp.level) == ("group", "group")
    second = lines["PROGRAM PENYEDIAAN PRASARANA PERTANIAN"]
    assert doc.budget_lines[second.parent] is tp  # not the parent of the next group
    assert doc.budget_lines[lines["Program Penyediaan Prasarana Pertanian"].parent] is dk
    validate(doc)
    errors = [(f.row, f.stated, f.expected) for f in doc.findings
              if f.rule == "total" and f.severity == "error"]
    # 3.100 + 2.300 = 5.400, not 8.900: the programme is wrong; with 5.400 its group adds up
    # (5.400 + 800 = 6.200), so the group's difference is the programme's and is not a second error
    assert errors == [("PROGRAM PENINGKATAN PRODUKSI TANAMAN PANGAN", 8.9e9, 5.4e9)]
    group = [f for f in doc.findings if f.rule == "total" and f.row == "TUGAS PEMBANTUAN"]
    assert [f.severity for f in group] == ["info"]


def test_the_tail_of_the_cell_above_does_not_make_a_programme_an_urusan() -> None:
    # a wrapped label's last line glued to the next row: 'Urusan Pemerintahan Daerah
    # Kabupaten/Kota' (end of 'Program Penunjang Urusan ...') + 'PROGRAM PEMENUHAN ...'
    from lkip.model import Provenance, Row, Table
    from lkip.validate.handmade import cell

    table = Table(id="Tabel 3.4", kind="realisasi_anggaran", page=7,
                  columns=["no", "uraian", "anggaran", "realisasi_anggaran"],
                  header=["No Program Pagu (Rp) Realisasi (Rp)"])
    for no, label, pagu, real in [
            ("1", "Program Penunjang", "1.757.477.000", "1.619.940.871"),
            ("2", "Urusan Pemerintahan Daerah Kabupaten/Kota Program Pemenuhan Upaya Kesehatan",
             "22.200.000", "21.381.900"),
            ("3", "Urusan Pemerintahan Bidang Kesehatan", "340.250.000", "307.382.632")]:
        table.rows.append(Row(cells=[cell(no), cell(label), cell(pagu), cell(real)],
                              prov=Provenance(page=7)))
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"), tables=[table])
    build_views(doc)
    assert [(b.level, b.nama) for b in doc.budget_lines] == [
        ("program", "Program Penunjang"), ("program", "Program Pemenuhan Upaya Kesehatan"),
        ("bidang", "Urusan Pemerintahan Bidang Kesehatan")]


def test_a_band_of_a_rating_scale_is_not_a_row_of_column_numbers() -> None:
    from lkip.extract.lines import Line
    from lkip.extract.regions import is_column_numbers

    assert not is_column_numbers(Line(1, 1, "  4                 < 55                 Kurang"))
    assert is_column_numbers(Line(2, 1, "  (1)     (2)     (3)     (4)     (5)"))


def test_a_sub_kegiatan_whose_kegiatan_was_not_read_is_not_summed_into_the_programme() -> None:
    from lkip.model import Provenance, Row, Table
    from lkip.validate.handmade import cell

    table = Table(id="Tabel 3.5", kind="anggaran", page=9, columns=["no", "uraian", "anggaran"],
                  header=["Kode Program/Kegiatan/Sub Kegiatan Anggaran"])
    for label, pagu in [("2.17.08 Program Pengembangan UMKM", "300.000.000"),
                        ("2.17.08.1.01.0015 Fasilitasi Pemasaran", "114.700.000"),  # p. 9 top
                        ("2.17.08.1.02 Pemberdayaan Usaha Menengah", "185.300.000"),
                        ("2.17.08.1.02.0001 Pelatihan Usaha", "185.300.000")]:
        table.rows.append(Row(cells=[cell(""), cell(label), cell(pagu)], prov=Provenance(page=9)))
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"), tables=[table])
    build_views(doc)
    parents = [(b.kode, b.level, b.parent) for b in doc.budget_lines]
    assert parents == [("2.17.08", "program", None), ("2.17.08.1.01.0015", "sub_kegiatan", None),
                       ("2.17.08.1.02", "kegiatan", 0), ("2.17.08.1.02.0001", "sub_kegiatan", 2)]


# a Word table exported through pdftotext -layout: the last words of the first header cell
# ('Sub Kegiatan') wrapped below the header line, a '(%)' beside 'Efisiensi (Rp)'
WRAPPED_HEADER = """Tabel 3.1.3
Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan TA 2023
                      Program/ Kegiatan/
       Kode                                Anggaran (Rp)      Realisasi (Rp)    Capaian (%)    Efisiensi (Rp)
                         Sub Kegiatan
 1.02.01             Program Penunjang       698.706.260,00    628.571.180,00    89,96    70.135.080,00
                     Urusan Pemerintahan
                     Daerah Provinsi
 1.02.01.1.13        Fasilitasi Materi dan   698.706.260,00    628.571.180,00    89,96    70.135.080,00
                     Komunikasi Pimpinan
 JUMLAH TOTAL                                698.706.260,00    628.571.180,00    89,96    70.135.080,00
Sumber: DPA 2023
"""


def test_a_wrapped_header_cell_is_not_the_first_rows_name_and_capaian_rp_is_spending() -> None:
    doc = read(WRAPPED_HEADER)
    (table,) = doc.tables
    assert table.kind == "realisasi_anggaran"
    first = doc.budget_lines[0]
    assert first.nama.startswith("Program Penunjang") and first.level == "program"
    assert (first.anggaran, first.realisasi, first.persen, first.efisiensi) == (
        698706260.0, 628571180.0, 89.96, 70135080.0)
    assert [b.level for b in doc.budget_lines] == ["program", "kegiatan", "total"]


# 'Kondisi Awal' (its year printed a line below) before the years of the plan
BASELINE_YEAR_BELOW = """Tabel 2.1
Indikator Kinerja Utama dan Target Renstra 2022-2027
                                          Kondisi Awal
 No    Indikator Kinerja      Satuan                   Target 2022   Target 2023   Target 2024   Target 2025
                                              (2021)
  1    Indeks Reformasi       Indeks          83,84       84,36         84,88         85,40         85,91
       Birokrasi
Sumber: Renstra 2022-2027
"""


def test_year_columns_follow_their_place_not_their_line() -> None:
    doc = read(BASELINE_YEAR_BELOW)
    (table,) = doc.tables
    names = [c for c in table.columns if c.startswith(("target_", "awal_"))]
    assert names[0].endswith("2021") and names[1:] == [
        "target_2022", "target_2023", "target_2024", "target_2025"]
    (row,) = table.rows
    values = dict(zip(table.columns, (c.value for c in row.cells), strict=False))
    assert values["target_2022"] == 84.36 and values["target_2024"] == 85.4


# Word tables through pdftotext -layout: a scale whose lower bounds sit in the 'No' column, a
# comparison whose measures each span two years, a budget table whose 'Efisiensi' stands a line
# above the row of 'Pagu (Rp) | Realisasi (Rp) | %', every amount with 'Rp ' before it
THREE_TABLES = """Tabel III.1
Kategori Capaian Kinerja
           Interval Nilai Capaian (%)                        Predikat
                   85 s.d. 100                 Sangat Baik
                  70 s.d. < 85                 Baik
                  55 s.d. < 70                 Cukup
                      < 55                     Kurang
Sumber: Pedoman Evaluasi Kinerja

 Tabel III.3 Perbandingan Target dan Realisasi Kinerja Tahun 2021 s.d. 2022
                                       Target             Realisasi       Capaian
     No    Indikator Kinerja
                                   2021     2022       2021      2022     2022 (%)
     1    Angka putus sekolah     9,11 %   8,85 %     9,11 %    8,21 %    107,23 %
          SD
     2    Jumlah cagar budaya     20.252    21.109    19.820    14.854    70,37 %
          yang dilestarikan
Sumber: Dinas Pendidikan

     Tabel III.4 Realisasi Anggaran per Program TA 2021
           Program/ Kegiatan/ Sub           Anggaran Tahun 2021
 Kode                                                                       Efisiensi
                Kegiatan             Pagu (Rp)        Realisasi (Rp)     %
 5.01.01        PROGRAM PENUNJANG    Rp 2.186.262.642  Rp 2.121.431.210  97,03  Rp 64.831.432
 5.01.02        PROGRAM PERENCANAAN  Rp 1.000.000.000  Rp 900.000.000    90,00  Rp 100.000.000
 JUMLAH                              Rp 3.186.262.642  Rp 3.021.431.210  94,83  Rp 164.831.432
Sumber: DPA 2021
"""


def test_bands_comparisons_and_budget_columns_are_read_from_their_headers() -> None:
    doc = read(THREE_TABLES)
    bands = [(b.label, b.lower, b.upper) for b in doc.scale]
    assert bands == [("Sangat Baik", 85.0, 100.0), ("Baik", 70.0, 85.0), ("Cukup", 55.0, 70.0),
                     ("Kurang", None, 55.0)]
    comparison = doc.table("Tabel III.3")
    assert comparison is not None and [c for c in comparison.columns if "_" in c][:4] == [
        "target_2021", "target_2022", "realisasi_2021", "realisasi_2022"]
    assert len(comparison.rows) == 2 and comparison.rows[1].cells[2].raw == "20.252"
    lines = [(b.nama, b.anggaran, b.persen, b.efisiensi) for b in doc.budget_lines]
    assert lines[0] == ("PROGRAM PENUNJANG", 2186262642.0, 97.03, 64831432.0)
    assert lines[-1][1:] == (3186262642.0, 94.83, 164831432.0)


AN_INDICATOR_NAMED_AVERAGE = """Tabel 3.2
Capaian Kinerja Tahun 2022
          No          Indikator Kinerja        Satuan      Target       Realisasi    Capaian (%)
           1      Persentase guru bersertifikat      %        64%           62%         96,88%
           2      Rata-rata Lama Sekolah           Tahun      6,09          5,92        97,21%
           3      Angka Partisipasi Murni            %      78,63%        80,01%        101,76%
                                           Rata-rata                                    98,62%
Sumber: Dinas Pendidikan
"""


def test_an_indicator_named_rata_rata_is_an_indicator_not_the_average() -> None:
    doc = read(AN_INDICATOR_NAMED_AVERAGE)
    (table,) = doc.tables
    assert [r.role for r in table.rows] == ["data", "data", "data", "average"]
    assert any(i.indikator.startswith("Rata-rata Lama Sekolah") for i in doc.indicators)


RENJA_FORMS = """                         DAFTAR TABEL

Tabel T-C. 29. Rekapitulasi Evaluasi Hasil Pelaksanaan Rencana
               Kerja Dinas dan Pencapaian Rencana Strategis sampai
               dengan Tahun 2021.                  ........................   12
Tabel. 2.3.1. Pencapaian Kinerja Pelayanan Dinas
             Kabupaten Contoh.                   ........................   26
\f
Tabel T-C. 29. Rekapitulasi Evaluasi Hasil Pelaksanaan Rencana Kerja Dinas
No   Indikator Kinerja                   Target   Realisasi   Capaian
1    Persentase dokumen tepat waktu        90        81         90,00
2    Jumlah rekomendasi ditindaklanjuti    70        63         90,00

Tabel. 2.3.1. Pencapaian Kinerja Pelayanan Dinas Kabupaten Contoh
No   Indikator Kinerja                   Target   Realisasi   Capaian
1    Indeks kepuasan masyarakat            76        76        100,00
2    Nilai SAKIP                           81        81        100,00
"""


def test_captions_with_a_letter_series_or_a_stop_keep_their_number_over_the_daftar_tabel() -> None:
    doc = read(RENJA_FORMS)
    # the daftar tabel entries (their titles wrap, the dot leaders are on a later line) are no
    # tables: the real tables keep their printed numbers instead of becoming 'Tabel X (2)'
    assert [(t.id, t.page, len(t.rows)) for t in doc.tables] == [
        ("Tabel T-C.29", 2, 2), ("Tabel 2.3.1", 2, 2)]
    assert {i.table for i in doc.indicators} == {"Tabel T-C.29", "Tabel 2.3.1"}


NARROW_MEASURE = """Tabel III.3
Realisasi Anggaran per Program Tahun 2023
No   Program                          Anggaran (Rp)     Realisasi (Rp)    %
1    Program Penunjang Urusan          1.200.000.000    1.000.000.000   83,33
2    Program Pemerintahan Desa           659.312.997      616.760.163   93,55
     TOTAL                             1.859.312.997    1.616.760.163   86,95



Realisasi anggaran Kecamatan Mekarsari Kabupaten Musi
Banyuasin Tahun 2023 sebesar Rp. 1.616.761.063,- dari total
anggaran Rp. 1.859.312.997 atau 86,95%. Capaian ini menunjukkan
bahwa pelaksanaan program telah berjalan dengan cukup baik dan
sesuai dengan rencana yang telah ditetapkan pada awal tahun.
"""


def test_prose_in_large_type_is_not_glued_to_the_last_row() -> None:
    doc = read(NARROW_MEASURE)
    (table,) = doc.tables
    assert [r.cells[1].raw.strip() for r in table.rows][-1] == "TOTAL"
    assert doc.paragraphs[0].text.startswith("Realisasi anggaran Kecamatan Mekarsari")
