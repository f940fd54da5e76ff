"""Tests for the cross_table rule: the same indicator or programme stated differently in two tables."""

from __future__ import annotations

import pytest

from lkip.model import Document, Paragraph
from lkip.validate.handmade import add_budget_table, add_capaian_table, new_doc
from lkip.validate.rules.cross_table import RULE

RAT = "Persentase Pelaksanaan RAT Koperasi"
K3 = "Persentase Perusahaan yang menerapkan K3"
PELATIHAN = "Besaran tenaga kerja yang mendapatkan pelatihan berbasis kompetensi"
UMKM = "Jumlah Ekonomi Kreatif Binaan yang Tumbuh"


def target_table(doc: Document, table_id: str, rows: list, **kw: object) -> None:
    add_capaian_table(doc, table_id, [{"indikator": name, "target": target, **extra}
                                      for name, target, extra in rows], kind="target", **kw)


def sample(kind: str = "pdf-text") -> Document:
    doc = new_doc(kind)  # type: ignore[arg-type]
    # Tabel 2.1.1 (Renstra, the 2024 column; names merged with their sasaran by the extraction)
    target_table(doc, "Tabel 2.1.1", [
        ("Meningkatkan Peningkatan Persentase kualitas jumlah Koperasi Pelaksanaan kelembagaan "
         "Aktif RAT Koperasi", "47%", {"year": 2024}),
        ("Terlaksananya Meningkatnya Persentase pengawasan Perlindungan perusahaan yang "
         "menerapkan K3", "60%", {"year": 2024}),
        ("Meningkatkan Produk UMKM Fasilitasi Izin Produk PIRT dan Sertifikat Halal", "20",
         {"year": 2024}),
    ])
    target_table(doc, "Tabel 2.1.2", [("Persentase Koperasi Aktif", "73,45%", {})])  # IKU
    target_table(doc, "Tabel 2.3.1", [(RAT, "42%", {}), (K3, "30%", {}),
                                      ("Fasilitasi Izin Produk PIRT dan Sertifikat Halal",
                                       "20 Produk", {})])
    add_capaian_table(doc, "Tabel 3.1.1", [
        (f"Peningkatan jumlah koperasi aktif {RAT}", "42%", "42%", "100%", None),
        (f"Meningkatnya Perlindungan Tenaga Kerja {K3}", "30%", "30%", "100%", None),
        ("Produk UMKM Binaan Fasilitasi lzin Produk PIRT dan Sertifikat Halal", "20", "17", "85%",
         None),
    ])
    return doc


def test_renstra_target_differs_from_perjanjian_kinerja() -> None:
    found = RULE.check(sample())
    assert [(f.table, f.stated, f.expected) for f in found] == [
        ("Tabel 2.1.1", 47.0, 42.0), ("Tabel 2.1.1", 60.0, 30.0)]
    f = found[0]
    assert f.rule == "cross_table" and f.severity == "error" and f.field == "target"
    assert "di Tabel 2.1.1 adalah 47%, sedangkan Tabel 2.3.1, Tabel 3.1.1 mencantumkan 42%" in (
        f.message)
    assert "tahun 2024" in f.message and "47% in Tabel 2.1.1" in f.message_en
    assert len(f.cells) == 3


def test_one_digit_on_ocr_text_is_warning() -> None:
    # 47 vs 42 and 60 vs 30 both differ in one digit: on OCR text that may be a misread
    found = RULE.check(sample("text"))
    assert [f.severity for f in found] == ["warning", "warning"] and "OCR" in found[0].message
    doc = new_doc("text")
    target_table(doc, "T1", [(RAT, "42%", {})])
    target_table(doc, "T2", [(RAT, "25%", {})])
    (f,) = RULE.check(doc)
    assert f.severity == "error"


def test_other_years_are_not_compared() -> None:
    doc = new_doc("pdf-text")
    target_table(doc, "Tabel 2.1.1", [(RAT, "50%", {"year": 2025})])
    target_table(doc, "Tabel 2.3.1", [(RAT, "42%", {})])
    assert RULE.check(doc) == []
    # the same year of another table is compared, even when it is not the report's year
    target_table(doc, "Tabel 2.1.3", [(RAT, "45%", {"year": 2025})])
    (f,) = RULE.check(doc)
    assert f.table == "Tabel 2.1.3" and "tahun 2025" in f.message


def test_units_must_not_conflict() -> None:
    doc = new_doc("pdf-text")
    target_table(doc, "T1", [("Jumlah tenaga kerja yang mendapatkan pelatihan", "25",
                              {"satuan": "Orang"})])
    target_table(doc, "T2", [("Jumlah tenaga kerja yang mendapatkan pelatihan", "75%", {})])
    assert RULE.check(doc) == []


def test_end_of_period_targets_are_not_compared() -> None:
    doc = sample()
    target_table(doc, "Tabel 3.1.3", [(RAT, "44,8%", {})],
                 title="Perbandingan Realisasi Kinerja sampai Tahun 2024 dengan Target Jangka "
                       "Menengah")
    assert {f.table for f in RULE.check(doc)} == {"Tabel 2.1.1"}


def test_table_differing_everywhere_gets_one_warning() -> None:
    # Tabel 3.1.3 of the sample (its caption lost): targets are the Renstra end targets
    doc = sample()
    add_capaian_table(doc, "Tabel 3.1.3", [
        (f"Peningkatan jumlah koperasi aktif {RAT}", "44,8%", "43,5%", "97,1%", None),
        (f"Meningkatnya Perlindungan {K3}", "50%", "29,25%", "58,5%", None),
        ("Produk UMKM Binaan Fasilitasi Izin Produk PIRT dan Sertifikat Halal", "100", "72", "2%",
         None),
    ])
    found = [f for f in RULE.check(doc) if f.table == "Tabel 3.1.3"]
    targets = [f for f in found if f.field == "target"]
    assert len(targets) == 1 and targets[0].severity == "warning"
    assert "Semua 3 target di Tabel 3.1.3" in targets[0].message


def test_realisasi_differs() -> None:
    # Jombang 2022: Nilai Evaluasi AKIP 82,92 in Tabel 3.2, 81,59 in Tabel 3.3 and 3.5
    doc = new_doc("pdf-text", tahun=2022)
    name = "Nilai Evaluasi AKIP Perangkat Daerah"
    for table_id, real in (("Tabel 3.2", "82,92"), ("Tabel 3.3", "81,59"), ("Tabel 3.5", "81,59")):
        add_capaian_table(doc, table_id, [(name, "83", real, None, None)])
    (f,) = RULE.check(doc)
    assert f.table == "Tabel 3.2" and f.field == "realisasi"
    assert f.stated == 82.92 and f.expected == 81.59


def test_programme_budgets() -> None:
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"), [
        ("program", "PROGRAM PELATIHAN KERJA DAN o 0 PRODUKTIVITAS TENAGA KERJA", None,
         ("207.946.641", "79.503.231")),
        ("program", "PROGRAM HUBUNGAN INDUSTRIAL Pengesahan Peraturan Perusahaan", None,
         ("118.710.980", "97.534.320")),
        ("program", "PROGRAM PEMBERDAYAAN USAHA MENENGAH USAHA KECIL DAN USAHA MIKRO (UMKM)", None,
         ("235.457.700", "238.540.600")),
    ], kind="perubahan_anggaran")
    add_budget_table(doc, "Tabel 3.2.1", ("anggaran", "realisasi", "persen"), [
        ("program", "PROGRAM PENGEMBANGAN UMKM", None, ("238.540.600", "188.827.300", "79,16")),
        ("program", "PROGRAM HUBUNGAN INDUSTRIAL", None, ("71.464.320", "54.436.500", "76,17")),
        ("program", "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA", None,
         ("79.503.231", "73.236.400", "92,12")),
    ], kind="realisasi_anggaran")
    # the Perjanjian Kinerja annex lists the budgets before amendment: that agrees too
    add_budget_table(doc, "T34.1", ("anggaran",), [
        ("program", "Pelatihan Kerja dan Produktivitas Tenaga Kerja Program", None,
         ("207.946.641",)),
    ])
    (f,) = RULE.check(doc)
    assert f.table == "Tabel 3.2.1" and f.row == "PROGRAM HUBUNGAN INDUSTRIAL"
    assert f.field == "anggaran" and f.stated == 71464320.0 and f.expected == 97534320.0
    assert "sedangkan pagu sesudah perubahan di Tabel 2.5.1 Rp 97.534.320" in f.message


def test_grand_total_realisasi() -> None:
    # Kaltim 2021: the same budget, realisasi ...827 in Tabel II.4 but ...825 in Tabel III.8
    doc = new_doc("pdf-text", tahun=2021)
    add_budget_table(doc, "Tabel II.4", ("anggaran", "realisasi"), [
        ("total", "Jumlah", None, ("226.439.372.000", "182.064.333.827"))])
    add_budget_table(doc, "Tabel III.8", ("anggaran", "realisasi"), [
        ("total", "Jumlah", None, ("226.439.372.000,00", "182.064.333.825,00"))])
    add_budget_table(doc, "Tabel X", ("anggaran", "realisasi"), [
        ("total", "Jumlah", None, ("1.000.000.000", "900.000.000"))])
    (f,) = RULE.check(doc)
    assert f.table == "Tabel III.8" and f.stated == 182064333825.0
    assert f.expected == 182064333827.0 and f.field == "realisasi"


def test_perjanjian_kinerja_and_its_perubahan_state_different_budget_versions() -> None:
    # Sibolga 2024 lampiran: the PK lists the budget before perubahan, the PK perubahan after;
    # their grand totals differ, so their programmes may differ without contradiction
    doc = new_doc("pdf-text")
    add_budget_table(doc, "T31.1", ("anggaran",), [
        ("program", "Pengawasan dan Pemeriksaan Koperasi", None, ("58.556.470",)),
        ("program", "Penilaian Kesehatan KSP/USP Koperasi", None, ("21.658.500",)),
        ("total", "JUMLAH", None, ("5.083.646.238",)),
    ])
    add_budget_table(doc, "T31.2", ("anggaran",), [
        ("program", "Pengawasan dan Pemeriksaan Koperasi", None, ("40.416.120",)),
        ("program", "Penilaian Kesehatan KSP/USP Koperasi", None, ("21.658.500",)),
        ("total", "JUMLAH", None, ("4.424.198.783",)),
    ])
    assert RULE.check(doc) == []
    # the same two lists under one budget (equal grand totals) do contradict each other
    doc.budget_lines[5].anggaran = 5083646238.0
    table = doc.table("T31.2")
    assert table is not None
    table.rows[2].cells[2].number.value = 5083646238.0  # type: ignore[union-attr]
    (f,) = RULE.check(doc)
    assert {f.stated, f.expected} == {40416120.0, 58556470.0}


def test_a_budget_that_matches_the_other_version_is_no_contradiction() -> None:
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"), [
        ("program", "PROGRAM HUBUNGAN INDUSTRIAL", None, ("118.710.980", "97.534.320"))],
        kind="perubahan_anggaran")
    add_budget_table(doc, "Tabel 3.2.1", ("anggaran",), [
        ("program", "PROGRAM HUBUNGAN INDUSTRIAL", None, ("97.534.320",))])
    add_budget_table(doc, "T31.1", ("anggaran",), [
        ("program", "Hubungan Industrial", None, ("118.710.980",))])
    assert RULE.check(doc) == []


def test_a_claim_that_the_targets_are_the_same_is_quoted() -> None:
    doc = sample()
    assert all("Padahal teks" not in f.message for f in RULE.check(doc))
    doc.paragraphs.append(Paragraph(
        text="Rencana Kerja Tahunan yang telah ditetapkan sama dengan target yang ada dalam "
             "dokumen Rencana Strategis dan Perjanjian Kinerja.", page=15, line=594))
    targets = [f for f in RULE.check(doc) if f.field == "target"]
    assert targets and all("Padahal teks (hal. 15) menyatakan targetnya sama" in f.message
                           for f in targets)
    assert all("the text (p. 15) says the targets are the same" in f.message_en for f in targets)


def test_a_name_joins_its_closest_namesake() -> None:
    # Kaltim 2021: Tabel III.1 projects PENDAPATAN DAERAH and PENDAPATAN ASLI DAERAH per year;
    # T35.1's 'Pendapatan Asli Daerah' is the second, not the first
    doc = new_doc("pdf-text", tahun=2021)
    target_table(doc, "Tabel III.1", [("PENDAPATAN DAERAH", "9.590.400.000.000", {"year": 2021}),
                                      ("PENDAPATAN ASLI DAERAH", "5.396.942.567.871",
                                       {"year": 2021})])
    target_table(doc, "T35.1", [("Pendapatan Asli Daerah", "5.396.942.567.871", {"year": 2021})])
    assert RULE.check(doc) == []
    # a label that ran two rows together names neither ('Pendapatan Transfer Lain-lain ...')
    target_table(doc, "T35.2", [("Pendapatan Transfer Lain-lain Pendapatan Daerah",
                                 "4.180.730.432.129", {"year": 2021})])
    assert RULE.check(doc) == []


def test_one_figure_under_two_separator_conventions_is_no_contradiction() -> None:
    # a report typed partly with US separators: '3,000' (three thousand) in the Renja table,
    # '3.000' in the PK; '12,5' vs '15' is still a different target
    doc = new_doc("pdf-text")
    target_table(doc, "Tabel 2.1", [(PELATIHAN, "3,000", {}), (UMKM, "12,5", {})])
    target_table(doc, "Tabel 2.2", [(PELATIHAN, "3.000", {}), (UMKM, "15", {})])
    found = [(f.severity, f.row, f.stated, f.expected) for f in RULE.check(doc)]
    assert [row for _, row, _, _ in found] == [UMKM]


@pytest.mark.parametrize(("name", "first", "second"), [
    ("Tingkat Maturitas Penyelenggaraan SPIP", ("3,40", "Level 3"), ("3,04", "3")),
    ("Nilai Akuntabilitas Kinerja Perangkat Daerah", ("81", "A"), ("71", "BB")),
])
def test_a_grade_read_as_the_unit_does_not_part_one_indicator(
        name: str, first: tuple[str, str], second: tuple[str, str]) -> None:
    """'Level 3 (3,40)' in one table, '3 (3,04)' in another; 'A (81)' and 'BB (71)': a grade is
    no unit, so the two are one indicator and their targets differ."""
    doc = new_doc("pdf-text")
    target_table(doc, "Tabel 2.1", [(name, first[0], {"satuan": first[1]})])
    target_table(doc, "Tabel 3.2", [(name, second[0], {"satuan": second[1]})])
    found = [(f.table, f.stated, f.expected) for f in RULE.check(doc)]
    assert found == [("Tabel 3.2", float(second[0].replace(",", ".")), float(first[0].replace(",", ".")))]


def test_an_indicator_merged_with_its_sasaran_is_still_found() -> None:
    doc = new_doc("pdf-text")
    target_table(doc, "Tabel 2.1", [("Indeks Profesionalitas ASN", "88,11", {})])
    target_table(doc, "Tabel 3.2", [
        ("Meningkatnya akuntabilitas kinerja perangkat daerah Indeks Profesionalitas ASN Indeks",
         "81,81", {}),
        ("Meningkatnya akuntabilitas kinerja perangkat daerah Nilai Akuntabilitas Kinerja", "70", {})])
    assert [(f.stated, f.expected) for f in RULE.check(doc)] == [(81.81, 88.11)]


def test_names_that_measure_different_things_are_not_compared() -> None:
    doc = new_doc("pdf-text")
    target_table(doc, "Tabel 2.1", [("Nilai Akuntabilitas Kinerja Perangkat Daerah", "68,60", {})])
    target_table(doc, "Tabel 3.2", [
        ("Meningkatnya akuntabilitas kinerja perangkat daerah Indeks Kepuasan Masyarakat Nilai",
         "79,64", {})])
    assert RULE.check(doc) == []
