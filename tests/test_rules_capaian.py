"""Tests for the capaian rule: realisasi / target x 100, the long formula, precision, OCR."""

from __future__ import annotations

from lkip.model import Finding
from lkip.validate.handmade import add_capaian_table, new_doc
from lkip.validate.rules.capaian import RULE


def run(rows: list, kind: str = "text") -> list[Finding]:
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_capaian_table(doc, "Tabel 3.1.1", rows)
    return RULE.check(doc)


def test_agrees_sample_row() -> None:
    # Tabel 3.1.1: Fasilitasi Izin Produk PIRT dan Sertifikat Halal, 20 / 17 / 85%
    assert run([("Fasilitasi Izin Produk PIRT", "20 Produk", "17 Produk", "85%", "Baik")]) == []


def test_agrees_at_stated_precision() -> None:
    # 17,0008 / 20 = 85,004%: '85%' and '85,00%' both agree, '85,01%' does not
    assert run([("A", "20", "17,0008", "85%", None), ("B", "20", "17,0008", "85,00%", None)]) == []
    (f,) = run([("C", "20", "17,0008", "85,1%", None)], kind="pdf-text")
    assert f.severity == "error" and f.expected == 85.0


def test_half_up_rounding() -> None:
    # 17,001 / 20 = 85,005 -> 85,01 (half up); 85,00 is the figure cut, also accepted
    assert run([("A", "20", "17,001", "85,01%", None)]) == []
    assert run([("A", "20", "17,001", "85,00%", None)]) == []
    assert len(run([("A", "20", "17,001", "84,99%", None)], kind="pdf-text")) == 1


def test_two_decimals_stated() -> None:
    # 35.939.600 / 40.416.120 = 88,924%: '88,92' agrees; '88,9' agrees; '88,93' does not
    rows = [("A", "40.416.120", "35.939.600", "88,92%", None),
            ("B", "40.416.120", "35.939.600", "88,9%", None)]
    assert run(rows) == []
    (f,) = run([("C", "40.416.120", "35.939.600", "88,95%", None)], kind="pdf-text")
    assert f.stated == 88.95 and f.expected == 88.92


def test_disagrees_sample_comparison_table() -> None:
    # Tabel 3.1.2: Jumlah Ekonomi Kreatif, target 5, realisasi 5, capaian printed 80,0%
    (f,) = run([("Jumlah Ekonomi Kreatif Binaan yang Tumbuh", "5 UMKM", "5 UMKM", "80,0%", None)])
    assert f.rule == "capaian" and f.severity == "error"
    assert f.stated == 80.0 and f.expected == 100.0
    assert f.row == "Jumlah Ekonomi Kreatif Binaan yang Tumbuh" and f.field == "capaian"
    assert "Capaian tertulis 80,0%, seharusnya 100,00%" in f.message
    assert "5 / 5 × 100" in f.message and f.arithmetic == "5 / 5 × 100 = 100,00%"
    assert f.message_en.startswith("Capaian stated as 80,0%, should be 100,00%")
    assert len(f.cells) == 3 and f.line == 100 and f.page == 1


def test_long_formula() -> None:
    row = {"indikator": "Angka Sengketa Pengusaha-Pekerja", "target": "20", "realisasi": "17",
           "smaller_is_better": True}
    # (20 - (17 - 20)) / 20 x 100 = 115%
    assert run([{**row, "capaian": "115%"}]) == []
    (f,) = run([{**row, "capaian": "85%"}], kind="pdf-text")
    assert f.expected == 115.0 and f.severity == "error"
    assert "(20 − (17 − 20)) / 20 × 100" in f.message
    assert "rumus pendek" in f.message  # 85% is what the short formula gives


def test_polarity_guessed_from_a_word_proves_nothing() -> None:
    # 'Penurunan Nilai Impor': the name reads smaller-is-better, but nothing in the report says
    # so; the report's 1,89 / 2,5 = 75,6% (short formula) and a long-formula 124,4% both stand
    row = {"indikator": "Penurunan Nilai Impor", "target": "2,5", "realisasi": "1,89",
           "smaller_is_better": True, "polarity_from": "name"}
    assert run([{**row, "capaian": "75,6%"}], kind="pdf-text") == []
    assert run([{**row, "capaian": "124,4%"}], kind="pdf-text") == []
    (f,) = run([{**row, "capaian": "90%"}], kind="pdf-text")  # neither formula gives 90%
    assert f.severity == "error"
    # with no polarity at all, the long formula is the report's own choice too
    plain = {"indikator": "Jumlah Kasus", "target": "20", "realisasi": "17", "capaian": "115%"}
    assert run([plain], kind="pdf-text") == []


def test_separator_read_either_way_proves_nothing() -> None:
    # '3,900' in an Indonesian report may be 3900 printed the US way: 928 / 3900 = 23,79%
    assert run([("Jumlah UTTP", "3,900", "928", "23,79%", None)], kind="pdf-text") == []
    (f,) = run([("Jumlah UTTP", "3,900", "928", "50%", None)], kind="pdf-text")
    assert f.severity == "error"


def test_long_formula_worse_than_target() -> None:
    row = {"indikator": "Sengketa", "target": "10", "realisasi": "12", "smaller_is_better": True}
    assert run([{**row, "capaian": "80%"}]) == []


def test_missing_values_are_skipped() -> None:
    assert run([("A", "20", None, "85%", None), ("B", None, "17", "85%", None),
                ("C", "20", "17", None, None)]) == []


def test_target_zero_is_info() -> None:
    (f,) = run([("A", "0", "3", "100%", None)])
    assert f.severity == "info" and "pembagian dengan nol" in f.message


def test_ocr_dropped_digit_is_warning() -> None:
    # Tabel 3.1.3: Fasilitasi Izin Produk, 72 of 100 -> 72%, the OCR text reads '2%'
    (f,) = run([("Fasilitasi Izin Produk PIRT dan Sertifikat Halal", "100", "72", "2%", None)])
    assert f.severity == "warning" and f.expected == 72.0
    assert "OCR" in f.message and "OCR" in f.message_en


def test_same_slip_in_pdf_text_is_error() -> None:
    (f,) = run([("A", "100", "72", "2%", None)], kind="pdf-text")
    assert f.severity == "error" and "OCR" not in f.message


def test_slips_in_the_inputs_of_a_ratio_are_not_excuses() -> None:
    # 5 / 5 printed 80%: a realisasi of 4 read as 5 would explain it, but some one-digit variant
    # of the inputs explains nearly any percentage, so only the stated figure is tried
    (f,) = run([("A", "25", "17", "85%", None)])
    assert f.severity == "error"


def test_real_disagreement_on_ocr_text_stays_error() -> None:
    (f,) = run([("A", "20", "17", "60%", None)])
    assert f.severity == "error"


def test_repaired_cells_compared_normally() -> None:
    # '3.181.058332' is repaired to 3181058332 with certainty
    assert run([("A", "3.181.058332", "2.996.819.467", "94,21%", None)]) == []
    (f,) = run([("A", "3.181.058332", "2.996.819.467", "80%", None)])
    assert f.severity == "error"


def test_uncertain_column_is_warning() -> None:
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.1.6", [("A", "5", "5", "80%", None)])
    doc.indicators[0].uncertain = ["capaian"]
    (f,) = RULE.check(doc)
    assert f.severity == "warning" and "tidak pasti" in f.message and "uncertain" in f.message_en


def test_target_over_realisasi_is_not_an_accusation() -> None:
    # Jombang 2022 Tabel 3.5 prints realisasi before target; read the other way round, the
    # capaian 87,69% is target / realisasi (3,157 / 3,6): consistent under one reading
    assert run([("Maturitas SPIP", "3,6", "3,157", "87,69%", None)], kind="pdf-text") == []
    assert run([("Angka sengketa", "10", "8", "125%", None)], kind="pdf-text") == []


def test_uncertain_columns_that_fit_another_reading() -> None:
    # Jombang 2022 Tabel 3.8: 83 | 98,30 | 81,59 read into target | realisasi | capaian, all three
    # columns uncertain; 81,59 / 83 = 98,30 once realisasi and capaian swap places
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.8", [("Nilai Evaluasi AKIP PD", "83", "98,30", "81,59%", None)])
    doc.indicators[0].uncertain = ["target", "realisasi", "capaian"]
    assert RULE.check(doc) == []
    doc.indicators[0].uncertain = ["target"]  # only one column in doubt: nothing to swap
    (f,) = RULE.check(doc)
    assert f.severity == "warning"
