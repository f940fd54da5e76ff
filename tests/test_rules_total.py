"""Tests for the total rule: parents vs the sum of their children, at every level."""

from __future__ import annotations

from lkip.model import Document
from lkip.validate.handmade import add_budget_table, new_doc
from lkip.validate.rules.total import RULE

PERUBAHAN = [
    # Tabel 2.5.1 (sample), sebelum / sesudah perubahan, the Rp columns only
    ("total", "Total :", None, ("5.083.646.238", "4.424.198.783")),
    ("urusan", "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA", 0, ("466.160.151", "316.251.181")),
    ("program", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", 1,
     ("207.946.641", "79.503.231")),
    ("program", "PROGRAM PENEMPATAN TENAGA KERJA", 1, ("139.502.530", "139502.530")),
    ("program", "PROGRAM HUBUNGAN INDUSTRIAL", 1, ("118.710.980", "97.534.320")),
    ("kegiatan", "Pengesahan Peraturan Perusahaan ...", 4, ("47.246.660", "26.070.000")),
    ("kegiatan", "Pencegahan dan Penyelesaian Perselisihan ...", 4, ("71.464.320", "71.464.320")),
    ("urusan", "URUSAN PEMERINTAHAN BIDANG KOPERASI USAHA KECIL DAN MENENGAH", 0,
     ("4.617.486.087", "4.107.947.602")),
]


def perubahan(kind: str = "text") -> Document:
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"), PERUBAHAN, page=16,
                     kind="perubahan_anggaran")
    return doc


def test_sample_perubahan() -> None:
    # grand total and urusan A 'sebelum' add up; urusan A 'sesudah' is 288.900 short of its
    # 3 programmes (79.503.231 + 139.502.530 + 97.534.320 = 316.540.081)
    (f,) = RULE.check(perubahan())
    assert f.rule == "total" and f.severity == "error" and f.field == "pagu_sesudah"
    assert f.row == "URUSAN PEMERINTAHAN BIDANG TENAGA KERJA"
    assert f.stated == 316251181.0 and f.expected == 316540081.0
    assert "Urusan 'URUSAN PEMERINTAHAN BIDANG TENAGA KERJA'" in f.message
    assert "sesudah perubahan" in f.message and "3 program" in f.message
    assert "Rp 316.251.181" in f.message and "Rp 316.540.081" in f.message
    assert "selisih Rp 288.900" in f.message
    assert f.arithmetic == "79.503.231 + 139.502.530 + 97.534.320 = 316.540.081"
    assert "3 programmes" in f.message_en
    assert len(f.cells) == 4 and f.page == 16


def test_akun_levels_recurse() -> None:
    # Tabel 1.1 (sample): 5.1.01 + 5.1.02 = 4.413.031.882, 5.1 is printed 4.413.031.883,00
    lines = [
        ("akun", "BELANJA DAERAH", None, ("4.424.198.783,00",), "5"),
        ("akun", "BELANJA OPERASI", 0, ("4.413.031.883,00",), "5.1"),
        ("akun", "Belanja Pegawai", 1, ("2.996.819.467,00",), "5.1.01"),
        ("akun", "Belanja Barang dan Jasa", 1, ("1.416.212.415,00",), "5.1.02"),
        ("akun", "BELANJA MODAL", 0, ("11.166.900,00",), "5.2"),
        ("akun", "Belanja Modal Peralatan dan Mesin", 4, ("11.166.900,00",), "5.2.02"),
        ("akun", "Belanja Modal Aset Tetap Lainnya", 4, (None,), "5.2.05"),
    ]
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 1.1", ("anggaran",), lines, kind="akun")
    (f,) = RULE.check(doc)
    assert f.row == "BELANJA OPERASI" and f.expected == 4413031882.0 and f.severity == "error"
    assert "Akun 'BELANJA OPERASI'" in f.message and "2 akun" in f.message
    # on OCR text the same one-rupiah difference is one changed digit: a warning
    doc.source.kind = "text"
    (f,) = RULE.check(doc)
    assert f.severity == "warning"


def test_empty_children_counted_and_said() -> None:
    # Tabel 3.1.6: rows 1-2 print no anggaran; rows 3-5 sum to 191.383.671
    lines = [
        ("total", "JUMLAH TOTAL :", None, ("344.000.141,00", "267.416.700,00")),
        ("program", "Peningkatan Daya Saing", 0, (None, None)),
        ("program", "Produk UMKM Binaan", 0, (None, None)),
        ("program", "Peningkatan jumlah koperasi aktif", 0, ("40.416.120,00", "35.939.600,00")),
        ("program", "Meningkatnya Perlindungan", 0, ("71.464.320,00", "54.436.500 ,00")),
        ("program", "Meningkatnya Produktivitas", 0, ("79.503.231,00", "73.236.400,00")),
    ]
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 3.1.6", ("anggaran", "realisasi"), lines)
    found = RULE.check(doc)
    assert [f.field for f in found] == ["anggaran", "realisasi"]
    f = found[0]
    assert f.severity == "error" and f.expected == 191383671.0
    assert "2 dari 5 program" in f.message and "dihitung 0" in f.message
    assert "2 of the 5 programmes" in f.message_en
    # OCR text: an empty cell may be one the OCR lost -> warning
    doc.source.kind = "text"
    assert {f.severity for f in RULE.check(doc)} == {"warning"}


def test_fields_without_children_values_are_skipped() -> None:
    lines = [
        ("program", "P", None, ("100.000", "90.000")),
        ("kegiatan", "K", 0, ("100.000", None)),
    ]
    doc = new_doc("pdf-text")
    add_budget_table(doc, "T1", ("anggaran", "realisasi"), lines)
    assert RULE.check(doc) == []


def test_child_misread_explains_difference_on_ocr_text() -> None:
    lines = [
        ("program", "P", None, ("215.000",)),
        ("kegiatan", "K1", 0, ("195.000",)),
        ("kegiatan", "K2", 0, ("10.000",)),  # 20.000 read as 10.000
    ]
    doc = new_doc("text")
    add_budget_table(doc, "T1", ("anggaran",), lines)
    (f,) = RULE.check(doc)
    assert f.severity == "warning"


def test_mixed_child_levels() -> None:
    lines = [
        ("total", "Jumlah", None, ("300",)),
        ("program", "P", 0, ("100",)),
        ("kegiatan", "K", 0, ("100",)),
    ]
    doc = new_doc("pdf-text")
    add_budget_table(doc, "T1", ("anggaran",), lines)
    (f,) = RULE.check(doc)
    assert "2 baris" in f.message and "Jumlah total ('Jumlah')" in f.message


def test_uncertain_child_column_is_warning() -> None:
    # Tabel 2.5.1, programme V: its lone amount may belong to either column
    lines = [
        ("program", "PROGRAM PELAYANAN IZIN USAHA SIMPAN PINJAM", None, ("21.365.400", None)),
        ("kegiatan", "Penerbitan Izin Usaha Simpan Pinjam", 0, ("40.415.520", None)),
    ]
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"), lines)
    doc.budget_lines[1].uncertain = ["pagu_sebelum"]
    (f,) = RULE.check(doc)
    assert f.severity == "warning" and "tidak pasti" in f.message
    assert f.arithmetic == "40.415.520"


def _misread_levels(total: str) -> Document:
    # what a wrapped label does: 'Program Penunjang Urusan Pemerintahan Daerah' wrapped, its
    # last words glued to the next programme, which then reads as an urusan heading the rest
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 3.4", ("anggaran",), [
        ("program", "Program Penunjang", 4, ("1.757.477.000",)),
        ("urusan", "Urusan Pemerintahan Daerah Kabupaten/Kota", 4, ("22.200.000",)),
        ("program", "Program Peningkatan Kapasitas SDM Kesehatan", 1, ("5.066.457.000",)),
        ("program", "Program Sediaan Farmasi", 1, ("340.250.000",)),
        ("total", "JUMLAH", None, (total,)),
    ], page=7)
    return doc


def test_a_total_that_adds_up_under_another_reading_of_the_levels_accuses_no_one() -> None:
    # 1.757.477.000 + 22.200.000 + 5.066.457.000 + 340.250.000 = 7.186.384.000 as printed
    found = RULE.check(_misread_levels("7.186.384.000"))
    total = [f for f in found if f.row == "JUMLAH"]
    assert [f.severity for f in total] == ["info"] and "tidak terbaca pasti" in total[0].message


def test_a_total_that_adds_up_under_no_reading_is_still_an_error() -> None:
    found = RULE.check(_misread_levels("7.196.384.000"))  # 10.000.000 more than any reading
    assert [f.severity for f in found if f.row == "JUMLAH"] == ["error"]


def test_a_child_read_without_figures_makes_the_sum_a_warning() -> None:
    """A scan glued one sub kegiatan's amounts to its name: that row is no budget line, so its
    kegiatan's children add up to far less. Not an error: the sum is missing a row."""
    from lkip.model import Cell, Provenance, Row

    lines = [
        ("kegiatan", "Administrasi Keuangan dan Operasional Kepala Daerah", None,
         ("10.676.105.000",), "5.02.01.2.11"),
        ("sub_kegiatan", "Pelaksanaan Medical Check Up Kepala Daerah", 0, ("53.800.000",),
         "5.02.01.2.11.0003"),
        ("sub_kegiatan", "Penyediaan Dana Penunjang Operasional", 0, ("38.205.000",), "5.02.01.2.11.0004"),
    ]
    doc = new_doc("pdf-text")
    table = add_budget_table(doc, "Tabel 3.3", ("anggaran",), lines)
    assert [f.severity for f in RULE.check(doc)] == ["error"]
    glued = "5.02.01.2.11.0001 Penyediaan Gaji dan Tunjangan 10.584.100.000 915823301562"
    table.rows.insert(1, Row(cells=[Cell(raw=""), Cell(raw=glued, kind="text"), Cell(raw="")],
                             prov=Provenance(page=1, line=201)))
    for line in doc.budget_lines[1:]:
        line.row_index += 1
    findings = RULE.check(doc)
    assert [f.severity for f in findings] == ["warning"]
    assert "1 baris" in findings[0].message and "1 row(s)" in findings[0].message_en
