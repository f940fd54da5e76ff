"""Tables without a caption, in small texts laid out the ways real LKIPs are (not their rows)."""

from lkip.extract.lines import split_lines
from lkip.extract.regions import Region, find_regions
from lkip.extract.tables import build_table
from lkip.extract.text import extract_text
from lkip.extract.uncaptioned import find_uncaptioned
from lkip.model import Document, Source


def regions(text: str) -> list[Region]:
    lines, _pages = split_lines(text if "\f" in text else text + "\f")  # one page: page 1
    return find_uncaptioned(lines, find_regions(lines))


def span(region: Region) -> tuple[int, int]:
    body = [ln.no for ln in region.body if ln.stripped]
    return body[0], body[-1]


PROSE = (
    "        Dalam rangka mendukung pelaksanaan program tersebut, dinas telah menyusun rencana\n"
    "  kerja yang dilaksanakan secara bertahap oleh seluruh bidang dengan dukungan anggaran\n"
    "  yang memadai sehingga seluruh kegiatan dapat dilaksanakan tepat waktu dan sasaran.\n"
)

LAID_OUT = PROSE + """
                    REKAPITULASI REALISASI ANGGARAN TAHUN 2023

                                      ANGGARAN            REALISASI          SISA            %
 NO   PROGRAM/KEGIATAN
                                        (Rp)                 (Rp)          ANGGARAN
 1    Program Penunjang Urusan      2.500.000.000,00   2.250.000.000,00   250.000.000,00   90,00
      Pemerintahan Daerah
 2    Program Pengelolaan             800.000.000,00     600.000.000,00   200.000.000,00   75,00
      Pendapatan Daerah
      JUMLAH                        3.300.000.000,00   2.850.000.000,00   450.000.000,00   86,36

 Sumber : DPA Tahun 2023

""" + PROSE


def test_laid_out_table_with_title_and_source() -> None:
    [region] = regions(LAID_OUT)
    assert region.id == "T1.1" and region.caption_line is None and region.header == []
    assert region.title == "REKAPITULASI REALISASI ANGGARAN TAHUN 2023"
    assert region.body[0].stripped.startswith("ANGGARAN")  # the header is in the body
    assert region.body[-1].stripped.startswith("JUMLAH")
    assert [ln.stripped for ln in region.notes] == ["Sumber : DPA Tahun 2023"]
    table = build_table(region, region.id)
    assert table.kind == "realisasi_anggaran"
    assert [r.role for r in table.rows] == ["data", "data", "total"]


OCR_FLAT = """Perjanjian kinerja ditandatangani oleh kepala dinas dan wali kota sebagai berikut.
No PROGRAM ANGGARAN KETERANGAN
Pelatihan Kerja dan
1. Produktivitas Tenaga Kerja Rp.207.946.641,- APBD
2. Penempatan Tenaga Kerja Rp.139.502.530,- APBD
Penunjang Urusan
3. Pemerintahan Daerah
Kabupaten/Kota Rp.4.217.489.797,- APBD
JUMLAH Rp.4.564.938.968,-
Sibolga, Januari 2024
Pihak Kedua,
WALI KOTA SIBOLGA,
NIP. 19790302 200212 2 003
"""


def test_flat_ocr_table_ends_before_the_signatures() -> None:
    [region] = regions(OCR_FLAT)
    assert span(region) == (2, 9)
    assert region.title is None
    assert build_table(region, region.id).kind == "anggaran"


def test_numbered_row_whose_figures_come_later_is_no_heading() -> None:
    [region] = regions(OCR_FLAT)
    assert any(ln.stripped == "3. Pemerintahan Daerah" for ln in region.body)


PAGES = """  Sasaran dan target kinerja tahun 2023 ditetapkan dalam perjanjian kinerja berikut ini:

 NO     SASARAN STRATEGIS               INDIKATOR KINERJA                  TARGET
 1             2                                3                            4
 1      Meningkatnya kualitas           Persentase desa mandiri             45 %
        pelayanan publik
 2      Meningkatnya kapasitas          Persentase aparatur yang            30,60%
        aparatur desa                   kompeten

   Laporan Kinerja Dinas Contoh Tahun 2023                               hal- 12
\f NO     SASARAN STRATEGIS               INDIKATOR KINERJA                  TARGET
 3      Meningkatnya infrastruktur      Persentase jalan desa baik          65%
        perdesaan
 4      Meningkatnya ekonomi desa       Jumlah BUMDes aktif                 120 Unit

   Laporan Kinerja Dinas Contoh Tahun 2023                               hal- 13
\f       3. Rencana Program dan Kegiatan
            Dalam rangka pencapaian visi dan misi dinas, maka perlu dijabarkan lebih lanjut
   kedalam rencana program dan kegiatan yang akan dilaksanakan dalam kurun waktu lima
   tahun sebagaimana telah ditetapkan dalam dokumen rencana strategis dinas tersebut.
   Laporan Kinerja Dinas Contoh Tahun 2023                               hal- 14
"""


def test_table_runs_over_a_page_break_with_its_header_repeated() -> None:
    [region] = regions(PAGES)
    assert region.id == "T1.1"
    first, last = span(region)
    assert region.body[0].page == 1 and first == 3
    assert last == 14  # '4 Meningkatnya ekonomi desa ... 120 Unit' on page 2
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"))
    extract_text(PAGES, doc)
    table = doc.table("T1.1")
    assert table is not None and table.kind == "target" and table.page == 1


PROSE_WITH_FIGURES = """B. Realisasi Anggaran
   Pada tahun 2024 Dinas Koperasi memperoleh anggaran sebesar Rp 5.083.646.238 dan realisasi
   sebesar Rp 4.424.108.783 atau 87,03% sehingga masih terdapat sisa anggaran yang tidak
   terserap sebesar Rp 659.537.455 karena adanya efisiensi pada beberapa kegiatan.
   Target dan Realisasi Kinerja
   Target kinerja tercapai 95% dengan realisasi sebesar 97,5% dan capaian 102,63%, yang
   berarti kinerja dinas tahun ini lebih baik daripada tahun sebelumnya sebesar 4,2%.
"""


def test_prose_with_figures_is_no_table() -> None:
    assert regions(PROSE_WITH_FIGURES) == []


DAFTAR_ISI = """                               DAFTAR TABEL
No   Uraian                                                        Halaman
Tabel 2.1 Perjanjian Kinerja Tahun 2023 ................................ 14
Tabel 3.1 Capaian Kinerja Sasaran ...................................... 22
Tabel 3.2 Realisasi Anggaran per Program ............................... 31
Tabel 3.3 Efisiensi Penggunaan Sumber Daya ............................. 33
"""


def test_list_of_tables_is_no_table() -> None:
    assert regions(DAFTAR_ISI) == []


SCALE = """        Selanjutnya, pemaknaan dari capaian kinerja dibagi berdasarkan klasifikasi berikut :
                                      Skala Penilaian
                         Skala Nilai              Kategori Penilaian
                            > 100                   Sangat Baik
                          80 - 100                      Baik
                          55 - 80                      Sedang
                             < 55                      Kurang

        Dalam menetapkan indikator kinerja disesuaikan dengan substansi tugas dinas yang
        holistik dan komprehensif, maka titik beratnya pada pelaksanaan kegiatan koordinasi.
"""


def test_rating_scale_with_its_title() -> None:
    [region] = regions(SCALE)
    assert region.title == "Skala Penilaian"  # a phrase above the column names
    assert span(region) == (2, 7)


STAFF = """Susunan pegawai menurut golongan sebagai berikut:
No   Nama                      Jabatan                      Keterangan
1    Drs. Ahmad Fauzi          Kepala Dinas                 PNS
2    Siti Aminah, S.E.         Sekretaris                   PNS
3    Budi Santoso, S.T.        Kepala Bidang                PNS
"""


def test_staff_list_without_figures_is_no_table() -> None:
    assert regions(STAFF) == []


CAPTIONED = """Tabel 3.1
Realisasi Anggaran
No Program Anggaran Realisasi %
1 Program Penunjang 1.000.000.000 900.000.000 90,00
2 Program Pelayanan 500.000.000 400.000.000 80,00
Sumber: DPA
"""


def test_captioned_table_is_left_alone() -> None:
    assert regions(CAPTIONED) == []


def test_unknown_pages() -> None:
    lines, pages = split_lines(OCR_FLAT)
    assert pages is None
    assert [r.id for r in find_uncaptioned(lines, [])] == ["T?.1"]


TWO_ON_A_PAGE = """                 REKAPITULASI BELANJA TAHUN 2023

                         DPA                 REALISASI           SISA           %
   BELANJA
                        (Rp)                   (Rp)            ANGGARAN     REALISASI
   BELANJA TIDAK LANGSUNG        1.000.000.000,-     900.000.000,-    100.000.000,-   90,00
   BELANJA LANGSUNG              3.000.000.000,-   2.700.000.000,-    300.000.000,-   90,00
        JUMLAH                   4.000.000.000,-   3.600.000.000,-    400.000.000,-   90,00


              PERBANDINGAN REALISASI BELANJA TAHUN 2022 DENGAN 2023


                                      REALISASI (Rp)        REALISASI (Rp)
 NO     PROGRAM/KEGIATAN                                                           KET
                                           2022                  2023
 I      Program Pelayanan              1.500.000.000,00      1.700.000.000,00  Bertambah
 II     Program Penunjang              1.200.000.000,00      1.000.000.000,00  Berkurang
"""


def test_two_tables_on_a_page_are_numbered_in_order() -> None:
    found = regions(TWO_ON_A_PAGE)
    assert [r.id for r in found] == ["T1.1", "T1.2"]
    assert span(found[0]) == (3, 8)
    assert found[1].title == "PERBANDINGAN REALISASI BELANJA TAHUN 2022 DENGAN 2023"
    assert [build_table(r, r.id).kind for r in found] == ["realisasi_anggaran", "comparison"]


PROGRAM_LIST = """           2.     Program Penunjang sebesar Rp. 48.787.589.272,- yaitu :
                   a. Program Peningkatan Kesejahteraan Sumber Daya Aparatur,
                          sebesar Rp. 2.467.879.225,-
                   b. Program                 Pelayanan             Administrasi      Perkantoran    Rp.
                          17.042.220.637,-
                   c. Program Peningkatan Sarana Dan Prasarana Aparatur, sebesar
                          Rp. 19.901.792.500,-
                   d. Program Pemeliharaan Sarana Dan Prasarana Aparatur, sebesar
                          Rp. 9.046.730.910,-
"""


def test_list_of_programs_with_amounts_is_no_table() -> None:
    assert regions(PROGRAM_LIST) == []


NIL_ROWS = """ Program/Kegiatan        Indikator Kinerja                 Target    Realisasi  Anggaran (Rp)
 Perencanaan,            Jumlah dokumen perencanaan          1         1         69.273.200
 Penganggaran, dan
 Evaluasi Kinerja        Jumlah dokumen RKA                  -         -              -
                         Jumlah Dokumen Perubahan RKA        -         -              -
 Koordinasi dan          Jumlah Laporan Capaian Kinerja      5         4         20.796.000
 Penyusunan Laporan      dan Ikhtisar Realisasi Kinerja
 Capaian Kinerja dan     Laporan Capaian Kinerja
 Ikhtisar Realisasi      dan Ikhtisar Realisasi Kinerja
 Administrasi Keuangan   Jumlah pembayaran gaji ASN          3         4       6.177.073.003
"""


def test_rows_of_dashes_and_labels_naming_columns_stay_in_the_table() -> None:
    [region] = regions(NIL_ROWS)
    assert span(region) == (1, 10)
