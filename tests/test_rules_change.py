"""Tests for the change rule: 'A menjadi B atau berkurang X (Y%)' sentences."""

from __future__ import annotations

from lkip.model import Document, Finding
from lkip.validate.handmade import add_budget_table, add_paragraph, new_doc
from lkip.validate.rules.change import RULE, claims

# Bab 3.2 of the sample
SAMPLE_32 = (
    "APBD terakhir adalah Perubahan APBD (P-APBD) yang disahkan bulan Nopember 2024 dimana "
    "anggaran sebelumnya sebesar Rp.5.083.646.238,00 menjadi Rp. 4.424.198.783,00 atau berkurang "
    "sebesar Rp. 659.447.455 (14,91%)."
)
# Bab 2.5 of the sample, with its malformed new amount
SAMPLE_25 = (
    "Besaran Anggaran tahun 2024 di awal pelaksanaan untuk Dinas Koperasi, UKM dan "
    "Ketenagakerjaan adalah Rp. 5.083.646.238,- dan sampai akhir perubahan (pergeseran ke-5) di "
    "bulan Nopember 2024 menjadi sebesar Rp.4.424.1981.783,- atau berkurang sebanyak "
    "Rp.659.447.455,- (14,91 %)."
)


def run(text: str, kind: str = "text", doc: Document | None = None) -> list[Finding]:
    doc = doc or new_doc(kind)  # type: ignore[arg-type]
    add_paragraph(doc, text, page=29, line=1269)
    return RULE.check(doc)


def test_claim_is_read() -> None:
    (c,) = claims(SAMPLE_32)
    assert c.a.parsed.number and c.a.parsed.number.value == 5083646238
    assert c.b.parsed.number and c.b.parsed.number.value == 4424198783
    assert c.down and c.x and c.y and c.y.parsed.number and c.y.parsed.number.value == 14.91


def test_sample_percentage_against_new_amount() -> None:
    # 659.447.455 = 5.083.646.238 - 4.424.198.783 (right); 659.447.455 / 5.083.646.238 = 12,97%
    # but 14,91% is stated: that is 659.447.455 / 4.424.198.783
    (f,) = run(SAMPLE_32)
    assert f.rule == "change" and f.severity == "error" and f.field == "persen_selisih"
    assert f.stated == 14.91 and f.expected == 12.97
    assert "seharusnya 12,97%" in f.message
    assert f.arithmetic == "659.447.455 / 5.083.646.238 × 100 = 12,97%"
    assert "terhadap anggaran baru" in f.message and "against the new amount" in f.message_en
    assert f.page == 29 and f.line == 1269


def test_malformed_new_amount_from_perubahan_table() -> None:
    doc = new_doc()
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"),
                     [("total", "Total :", None, ("5.083.646.238", "4.424.198.783"))])
    (f,) = run(SAMPLE_25, doc=doc)
    assert f.field == "persen_selisih" and f.expected == 12.97
    assert "Rp.4.424.1981.783,-" in f.message and "Tabel 2.5.1" in f.message
    assert f.table == "Tabel 2.5.1" and len(f.cells) == 2


def test_malformed_new_amount_from_a_minus_x() -> None:
    (f,) = run(SAMPLE_25)  # no table: B = A - X = 4.424.198.783, one digit off the printed one
    assert f.field == "persen_selisih" and f.expected == 12.97 and "A − X" in f.message


def test_wrong_difference() -> None:
    text = "anggaran semula Rp 1.000.000 menjadi Rp 800.000 atau berkurang Rp 250.000 (20%)."
    (f,) = run(text, kind="pdf-text")
    assert f.field == "selisih" and f.stated == 250000 and f.expected == 200000
    assert f.arithmetic == "|1.000.000 − 800.000| = 200.000"


def test_consistent_claim() -> None:
    text = "anggaran semula Rp 1.000.000 menjadi Rp 800.000 atau turun sebesar Rp 200.000 (20%)."
    assert run(text) == []
    text = "pagu Rp 1.000.000 menjadi Rp 1.250.000 atau naik sebanyak Rp 250.000 (25,00%)."
    assert run(text) == []


def test_wrong_direction() -> None:
    text = "anggaran semula Rp 1.000.000 menjadi Rp 1.200.000 atau berkurang Rp 200.000 (20%)."
    (f,) = run(text)
    assert f.field == "arah" and f.stated == "berkurang" and f.expected == "bertambah"


def test_ocr_slip_in_difference_is_warning() -> None:
    text = "anggaran semula Rp 1.000.000 menjadi Rp 800.000 atau berkurang Rp 290.000 (20%)."
    (f,) = run(text)
    assert f.field == "selisih" and f.severity == "warning" and "OCR" in f.message


def test_percentage_only() -> None:
    text = "anggaran Rp 1.000.000 menjadi Rp 800.000 atau turun 25%."
    (f,) = run(text, kind="pdf-text")
    assert f.expected == 20.0 and "anggaran baru" in f.message


def test_no_claim_without_direction() -> None:
    assert run("anggaran Rp 1.000.000 menjadi Rp 800.000 pada akhir tahun.") == []


def test_pagu_table_change_column_is_checked() -> None:
    from lkip.validate.handmade import add_budget_table, new_doc
    from lkip.validate.rules.change import RULE as CHANGE

    doc = new_doc("pdf-text")
    columns = ["pagu_sebelum", "pagu_sesudah", "selisih", "selisih_persen"]
    add_budget_table(doc, "Tabel 2.2", columns, [
        ("program", "Program Penunjang", None,
         ["9.845.320.000", "9.512.870.500", "(332.449.500)", "(3,38)"]),
        ("program", "Program Perencanaan", None,
         ["2.315.600.000", "2.026.150.000", "(289.450.000)", "(12,50)"]),
        ("program", "Program Koordinasi", None,
         ["1.487.250.000", "1.601.450.000", "104.200.000", "7,68"]),
    ], kind="perubahan_anggaran")
    found = {(f.row, f.field, f.stated, f.expected, f.severity) for f in CHANGE.check(doc)}
    # 2.026.150.000 - 2.315.600.000 = -289.450.000 (12,50%); 1.601.450.000 - 1.487.250.000 =
    # 114.200.000, not 104.200.000; its 7,68% is right
    assert found == {("Program Koordinasi", "selisih", 104_200_000, 114_200_000, "error")}
