"""Tests for the narrative rule: figures in the prose vs the table the prose speaks of."""

from __future__ import annotations

from lkip.model import Document
from lkip.validate.handmade import add_budget_table, add_capaian_table, add_paragraph, new_doc
from lkip.validate.rules.narrative import RULE

# the paragraph under Tabel 3.1.6 of the sample, as one paragraph
SAMPLE_TEXT = (
    "Dari Tabel 3.1.6, Total Anggaran sebanyak Rp.344.000.141,00 digunakan untuk merealisasikan "
    "Lima Tujuan/Sasaran yang ditetapkan. Rerata pencapaian target Indikator Kinerja sebesar "
    "97,0%, dengan nilai capaian Sangat Tinggi, pencapaian ini dengan menyerap anggaran sebesar "
    "81,31%. Dalam hal ini, Dinas Koperasi, UKM dan Ketenagakerjaan dapat melakukan efisiensi "
    "belanja sebesar Rp.76.583.441."
)


def sample_doc(kind: str = "text") -> Document:
    # Tabel 3.1.6 holds both indicators and budget lines; the hand-made document puts them in
    # two tables of that id, the budget one first (the one doc.table() finds)
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_budget_table(doc, "Tabel 3.1.6", ("anggaran", "realisasi", "persen", "efisiensi"), [
        ("program", "Peningkatan jumlah koperasi aktif", 3,
         ("40.416.120,00", "35.939.600,00", "88.92", "4.476.520,00")),
        ("program", "Meningkatnya Perlindungan Tenaga Kerja", 3,
         ("71.464.320,00", "54.436.500 ,00", "76,17", "17.027.820,00")),
        ("program", "Meningkatnya Produktivitas Tenaga Kerja", 3,
         ("79.503.231,00", "73.236.400,00", "92,12", "6.266.831,00")),
        ("total", "JUMLAH TOTAL :", None,
         ("344.000.141,00", "267.416.700,00", "81,31", "76.563.441,00")),
    ], page=27, kind="efisiensi")
    add_capaian_table(doc, "Tabel 3.1.6", [
        ("Peningkatan Daya Saing", "5", "5", "100%", None),
        ("Produk UMKM Binaan", "20", "17", "85%", None),
        ("Peningkatan jumlah koperasi aktif", "42%", "42%", "100%", None),
        ("Meningkatnya Perlindungan Tenaga Kerja", "30%", "30%", "100%", None),
        ("Meningkatnya Produktivitas Tenaga Kerja", "70%", "70%", "100%", None),
    ], page=27, kind="efisiensi")
    return doc


def test_sample_efisiensi_in_prose_differs() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, SAMPLE_TEXT, page=27, line=1171, after_table="Tabel 3.1.6")
    (f,) = RULE.check(doc)  # anggaran, rerata and serapan agree; efisiensi does not
    assert f.rule == "narrative" and f.severity == "error" and f.field == "efisiensi"
    assert f.table == "Tabel 3.1.6" and f.row == "JUMLAH TOTAL :"
    assert f.stated == 76583441.0 and f.expected == 76563441.0
    assert "Rp 76.583.441" in f.message and "Rp 76.563.441,00" in f.message
    assert "efisiensi belanja sebesar Rp.76.583.441" in f.message
    # 344.000.141 - 267.416.700 = 76.583.441: the prose is right, the table is not
    assert "anggaran − realisasi" in f.message and "table figure" in f.message_en
    assert f.page == 27 and f.line == 1171 and len(f.cells) == 1


def test_sample_on_ocr_text_is_warning() -> None:
    doc = sample_doc("text")
    add_paragraph(doc, SAMPLE_TEXT, page=27, line=1171)
    (f,) = RULE.check(doc)
    assert f.severity == "warning" and "OCR" in f.message


def test_after_table_when_no_table_is_named() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Total anggaran sebesar Rp 340.000.141,00.", after_table="Tabel 3.1.6")
    (f,) = RULE.check(doc)
    assert f.field == "anggaran" and f.expected == 344000141.0


def test_no_keyword_no_finding() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dari Tabel 3.1.6 dapat dilakukan sebesar Rp.76.583.441 dan 50%.")
    assert RULE.check(doc) == []


def test_figure_about_something_else_is_left_alone() -> None:
    doc = sample_doc("pdf-text")
    for text in ["Dari Tabel 3.1.6, total anggaran sebelum perubahan Rp 5.083.646.238.",
                 "Dari Tabel 3.1.6, realisasi tahun 2023 sebesar Rp 100.000.000.",
                 "Dari Tabel 3.1.6, realisasi fisik mencapai 100%.",
                 "Menurut Tabel 9.9, total anggaran Rp 1.000.000."]:
        add_paragraph(doc, text)
    assert RULE.check(doc) == []


def test_persen_in_prose() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dari Tabel 3.1.6, serapan anggaran sebesar 77,74%.")
    (f,) = RULE.check(doc)
    assert f.field == "persen" and f.stated == 77.74 and f.expected == 81.31
    # 267.416.700 / 344.000.141 = 77,74%: the prose has it right
    assert "realisasi / anggaran × 100" in f.message


def test_realisasi_in_prose() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dari Tabel 3.1.6, realisasi anggaran sebesar Rp 267.416.700,00 dan "
                       "menyerap Rp 260.000.000.")
    (f,) = RULE.check(doc)
    assert f.field == "realisasi" and f.stated == 260000000.0


def test_average_row_and_recomputed_mean() -> None:
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.1.1", [("A", "5", "5", "100%", None),
                                           ("B", "20", "17", "85%", None)], average="92,5%")
    add_paragraph(doc, "dengan rerata 92,5% dengan kriteria Sangat Tinggi.",
                  after_table="Tabel 3.1.1")
    add_paragraph(doc, "Nilai rata-rata capaian sebesar 95%.", after_table="Tabel 3.1.1")
    (f,) = RULE.check(doc)
    assert f.field == "average" and f.stated == 95.0 and f.expected == 92.5
    # a table without an average row: the mean of its indicators' capaian (97 in the sample)
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dari Tabel 3.1.6, rerata capaian sebesar 98%.")
    (f,) = RULE.check(doc)
    assert f.expected == 97.0 and f.arithmetic == "(100 + 85 + 100 + 100 + 100) / 5 = 97,00%"


def test_precision_of_the_coarser_figure() -> None:
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dari Tabel 3.1.6, menyerap anggaran sebesar 81,3% dan total anggaran "
                       "Rp 344.000.141.")
    assert RULE.check(doc) == []


def test_sentence_broken_over_paragraphs_is_joined() -> None:
    # the OCR text of the sample puts blank lines inside the sentence: two paragraphs
    doc = sample_doc("pdf-text")
    add_paragraph(doc, "Dalam hal ini, Dinas Koperasi, UKM dan Ketenagakerjaan dapat melakukan "
                       "efisiensi belanja", page=27, line=1177, after_table="Tabel 3.1.6")
    add_paragraph(doc, "sebesar Rp.76.583.441.", page=27, line=1179, after_table="Tabel 3.1.6")
    (f,) = RULE.check(doc)
    assert f.field == "efisiensi" and f.line == 1177


PELATIHAN = (  # Jabar 2016, p50
    "7. Kegiatan Pengelolaan Pelatihan Pemberdayaan Masyarakat Desa dan Kelurahan (Standar "
    "Pelatihan) yang dilakasanakan oleh Badan Pemberdayaan Masyarakat dan Pemerintahan Desa "
    "Provinsi Jawa Barat dengan alokasi anggaran sebesar Rp. 250.000.000,00 realisasi anggaran "
    "sebesar Rp. 123.880.000,- (49,55%)."
)


def kegiatan_doc() -> Document:
    doc = new_doc("pdf-text", tahun=2016)
    add_budget_table(doc, "T27.2", ("anggaran", "realisasi", "persen", "efisiensi"), [
        ("program", "Program Peningkatan Kapasitas Kelembagaan", None,
         ("18.198.430.000,00", "16.726.996.300,00", "91,92", "1.469.433.700,00")),
        ("kegiatan", "Pengelolaan Pelatihan Pemberdayaan Masyarakat Desa dan Kelurahan", 0,
         ("400.000.000,00", "337.030.948,00", "84,26", "62.969.052,00")),
        ("kegiatan", "Pemberdayaan Masyarakat Desa Adat", 0,
         ("250.000.000,00", "221.865.120,00", "88,75", "28.134.880,00")),
        ("total", "JUMLAH", None,
         ("37.664.381.200,00", "33.030.490.451,00", "87,70", "4.633.890.749,00")),
    ], page=27)
    return doc


def test_prose_about_a_named_kegiatan() -> None:
    doc = kegiatan_doc()
    add_paragraph(doc, PELATIHAN, page=50, line=20, after_table="T27.2")
    found = RULE.check(doc)
    assert [(f.field, f.stated, f.expected) for f in found] == [
        ("anggaran", 250000000.0, 400000000.0), ("realisasi", 123880000.0, 337030948.0),
        ("persen", 49.55, 84.26)]
    assert all(f.table == "T27.2" and "Pengelolaan Pelatihan" in (f.row or "") for f in found)
    # the sentence is about a kegiatan: its figures are not compared with the table's JUMLAH


def test_prose_about_a_named_kegiatan_one_digit_group() -> None:
    doc = kegiatan_doc()
    add_paragraph(doc, "10. Kegiatan Pemberdayaan Masyarakat Desa Adat yang dilakasanakan oleh "
                       "Badan Pemberdayaan dengan alokasi anggaran sebesar Rp. 250.000.000,- "
                       "realisasi anggaran sebesar Rp. 221.865.000,- (88,75%).", page=54)
    (f,) = RULE.check(doc)
    assert f.field == "realisasi" and f.stated == 221865000.0 and f.expected == 221865120.0


def test_unknown_kegiatan_is_left_alone() -> None:
    doc = kegiatan_doc()
    add_paragraph(doc, "Kegiatan Penyusunan Dokumen Rencana Kerja dengan alokasi anggaran sebesar "
                       "Rp. 95.000.000 realisasi anggaran sebesar Rp. 42.150.000 (44,37%).")
    assert RULE.check(doc) == []


def test_claim_that_every_indicator_reached_its_target() -> None:
    # Jombang 2022 p24: 'semua realisasi indikator telah mencapai target ... 100% bahkan lebih'
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.2", [("Maturitas SPIP", "3,35", "3,157", "94,24%", None),
                                         ("Kapabilitas APIP", "3", "3", "100%", None)])
    add_paragraph(doc, "Pada Tahun 2022, semua realisasi indikator telah mencapai target yang "
                       "ditetapkan.", page=24, after_table="Tabel 3.2")
    (f,) = RULE.check(doc)
    assert f.table == "Tabel 3.2" and f.row == "Maturitas SPIP" and f.field == "capaian"
    assert (f.stated, f.expected, f.page) == (100.0, 94.24, 24)
    assert "menyatakan semua indikator mencapai target" in f.message
    # when every capaian is 100% or more, the claim holds
    doc.indicators[0].capaian = 100.0
    table = doc.table("Tabel 3.2")
    assert table is not None
    table.rows[0].cells[3].number.value = 100.0  # type: ignore[union-attr]
    assert RULE.check(doc) == []


def _realisasi_doc() -> Document:
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.2", [("Indeks Sistem Merit", "5,84", "5,84", "100%", None)],
                      page=8)
    add_budget_table(doc, "Tabel 3.3", ("anggaran", "realisasi", "persen", "efisiensi"), [
        ("program", "Program Kepegawaian Daerah", None,
         ("2.458.477.000", "2.389.241.993", "97,18", "69.235.007")),
        ("program", "Program Penunjang Urusan Pemerintahan Daerah", None,
         ("422.921.000", "416.939.510", "98,59", "5.981.490")),
        ("total", "Jumlah", None, ("2.881.398.000", "2.806.181.503", "97,39", "75.216.497")),
    ], page=9, kind="realisasi_anggaran")
    return doc


# prose printed above the table it quotes: the nearest table above (Tabel 3.2) is another one
_LONG_NAME = ("Realisasi anggaran Badan Kepegawaian dan Pengembangan Sumber Daya Manusia "
              "Kabupaten Musi Banyuasin Tahun 2023 sebesar Rp 2.806.181.503 dari total anggaran "
              "Rp {anggaran} atau {persen}%, dengan efisiensi sebesar Rp{efisiensi}.")


def _said(**figures: str) -> list:
    doc = _realisasi_doc()
    said = {"anggaran": "2.881.398.000", "persen": "97,39", "efisiensi": "75.216.497"} | figures
    add_paragraph(doc, _LONG_NAME.format(**said), page=9, line=180, after_table="Tabel 3.2")
    return [(f.field, f.table, f.stated, f.expected) for f in RULE.check(doc)
            if f.severity == "error"]


def test_a_sentence_quoting_a_total_is_read_after_a_long_agency_name() -> None:
    assert _said() == []
    assert _said(anggaran="2.881.318.000") == [
        ("anggaran", "Tabel 3.3", 2881318000.0, 2881398000.0)]


def test_the_rest_of_a_quoting_sentence_speaks_of_the_same_table() -> None:
    assert _said(efisiensi="75.226.497") == [("efisiensi", "Tabel 3.3", 75226497.0, 75216497.0)]
    assert _said(persen="97,93") == [("persen", "Tabel 3.3", 97.93, 97.39)]
