"""Tests for the category rule: kategori vs the band of the scale the capaian falls in."""

from __future__ import annotations

from lkip.model import Document, Finding
from lkip.validate.handmade import add_capaian_table, add_scale, new_doc
from lkip.validate.rules.category import RULE

# Tabel 3.1 of the sample as printed: '91% < 100%', '76% < 90%', ..., '<50%'
SAMPLE_SCALE = [
    ("Sangat tinggi", 91, 100, True, True),
    ("Tinggi", 76, 90, True, True),
    ("Sedang", 66, 75, True, True),
    ("Rendah", 51, 65, True, True),
    ("Sangat Rendah", None, 50, True, False),
]


def run(rows: list, scale: list | None = SAMPLE_SCALE, **kw: str) -> tuple[Document, list[Finding]]:
    doc = new_doc()
    if scale:
        add_scale(doc, scale, page=17)
    add_capaian_table(doc, "Tabel 3.1.1", rows, page=22, **kw)
    return doc, RULE.check(doc)


def test_label_not_on_scale() -> None:
    # Tabel 3.1.1 labels every indicator 'Baik', a word the report's scale does not have
    _, found = run([("Jumlah Ekonomi Kreatif", "5", "5", "100%", "Baik"),
                    ("Fasilitasi Izin Produk", "20", "17", "85%", "Baik")])
    assert [f.expected for f in found] == ["Sangat tinggi", "Tinggi"]
    f = found[0]
    assert f.rule == "category" and f.severity == "error" and f.stated == "Baik"
    assert "Kategori 'Baik' tidak ada dalam skala laporan Tabel 3.1 (Sangat tinggi, " in f.message
    assert "'Sangat tinggi'" in f.message and "is not on the report's scale" in f.message_en
    assert len(f.cells) == 2


def test_labels_compared_case_and_space_insensitively() -> None:
    rows = [("A", "5", "5", "100%", "SANGAT  TINGGI"), ("B", "20", "17", "85%", "tinggi")]
    assert run(rows)[1] == []


def test_ocr_damaged_label_still_matches() -> None:
    assert run([("A", "20", "17", "85%", "Tingi")])[1] == []


def test_wrong_band() -> None:
    _, (f,) = run([("A", "20", "17", "85%", "Sangat Tinggi")])
    assert f.stated == "Sangat Tinggi" and f.expected == "Tinggi"
    assert "Kategori tertulis 'Sangat Tinggi', seharusnya 'Tinggi'" in f.message
    assert "76% ≤ x ≤ 90%" in f.message


def test_above_top_counts_in_top_band() -> None:
    # Tabel 3.1.3: 77,5 of 74 -> 104,7%, above the scale's 100%
    assert run([("A", "74%", "77,5%", "104,7%", "Sangat Tinggi")])[1] == []
    _, (f,) = run([("A", "74%", "77,5%", "104,7%", "Tinggi")])
    assert f.expected == "Sangat tinggi"
    assert "di atas batas atas skala (100%)" in f.message and "top band" in f.message_en


def test_value_in_a_gap_accepts_either_neighbour() -> None:
    assert run([("A", "200", "181", "90,5%", "Tinggi")])[1] == []
    assert run([("A", "200", "181", "90,5%", "Sangat Tinggi")])[1] == []
    _, (f,) = run([("A", "200", "181", "90,5%", "Sedang")])
    assert f.expected == "Tinggi / Sangat tinggi" and "celah" in f.message


def test_permendagri_when_no_scale() -> None:
    _, found = run([("A", "100", "91", "91%", "Sangat Tinggi"), ("B", "100", "76", "76%", "Tinggi"),
                    ("C", "100", "66", "66%", "Sedang"), ("D", "100", "51", "51%", "Rendah"),
                    ("E", "100", "50", "50%", "Sangat Rendah")], scale=None)
    assert found == []
    _, (f,) = run([("A", "100", "60", "60%", "Sedang")], scale=None)
    assert f.expected == "Rendah" and "Permendagri 86/2017" in f.message


def test_half_read_scale_is_said_once_not_replaced() -> None:
    # only one band was read: judging 100% by it would call it 'Sangat Rendah', and judging by
    # Permendagri 86/2017 instead would judge the report by a scale it does not use
    rows = [("A", "5", "5", "100%", "Sangat Tinggi"), ("B", "20", "10", "50%", "Sangat Tinggi")]
    _, found = run(rows, scale=[("Sangat Rendah", None, 50, True, False)])
    assert [(f.severity, f.table) for f in found] == [("warning", "Tabel 3.1")]
    assert "hanya terbaca sebagian" in found[0].message and "2 kategori" in found[0].message


def test_own_words_without_a_readable_scale_are_not_judged_by_permendagri() -> None:
    # 'Sangat Baik' / 'Baik' / 'Cukup': the report rates by a scale of its own that was not read
    rows = [("A", "5", "5", "100%", "Sangat Baik"), ("B", "20", "17", "85%", "Baik"),
            ("C", "20", "12", "60%", "Cukup")]
    _, found = run(rows, scale=None)
    assert [f.severity for f in found] == ["warning"]
    assert "bukan istilah Permendagri 86/2017" in found[0].message


def test_permendagri_words_without_a_scale_are_judged_by_permendagri() -> None:
    rows = [("A", "5", "5", "100%", "Sangat Tinggi"), ("B", "20", "17", "85%", "Sangat Tinggi")]
    _, (f,) = run(rows, scale=None)
    assert f.severity == "error" and f.expected == "Tinggi" and "Permendagri 86/2017" in f.message


def test_label_glued_to_a_neighbouring_cell_is_not_an_error() -> None:
    # a narrow kategori column wrapped 'Sangat / Tinggi' and the next cell's 'Dinas' came in
    rows = [("A", "5", "5", "100%", "Sangat Dinas"), ("B", "20", "17", "85%", "Tinggi Indag"),
            ("C", "20", "17", "85%", "Sangat Tinggi")]
    found = run(rows)[1]
    assert [(f.severity, f.row) for f in found] == [("error", "C"), ("warning", None)]
    assert "2 sel kategori terbaca bercampur teks lain" in found[1].message


def test_average_row_kategori() -> None:
    rows = [("A", "5", "5", "100%", None), ("B", "20", "17", "85%", None)]
    # the sample's average row carries prose words too: 'Sangat dengan kriteria Sangat Tinggi'
    noisy = "Sangat dengan kriteria Sangat Tinggi"
    assert run(rows, average="92,5%", average_kategori=noisy)[1] == []
    _, (f,) = run(rows, average="92,5%", average_kategori="Tinggi")
    assert f.row == "Nilai rata-rata" and f.expected == "Sangat tinggi" and len(f.cells) == 2


def test_missing_capaian_or_kategori() -> None:
    assert run([("A", "5", "5", None, "Baik"), ("B", "5", "5", "100%", None)])[1] == []


def test_a_label_read_in_part_or_twice_is_not_an_error() -> None:
    # 'Sangat / Tinggi' wrapped in its cell and read as 'Sangat'; two rows' cells read as one
    _, found = run([("Jumlah Ekonomi Kreatif", "5", "5", "100%", "Sangat"),
                    ("Fasilitasi Izin Produk", "20", "17", "85%", "Sangat Sangat"),
                    ("Persentase Koperasi Aktif", "40", "30", "75%", "Tinggi")])
    assert [(f.severity, f.row) for f in found if f.severity == "error"] == [
        ("error", "Persentase Koperasi Aktif")]  # 75% is Sedang: a whole label, wrong band
    assert any(f.severity == "warning" and f.row is None for f in found)
