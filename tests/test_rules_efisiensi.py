"""Tests for the efisiensi rule: anggaran - realisasi against the stated efisiensi."""

from __future__ import annotations

from lkip.model import Finding
from lkip.validate.handmade import add_budget_table, add_capaian_table, new_doc
from lkip.validate.rules.efisiensi import RULE

COLS = ("anggaran", "realisasi", "persen", "efisiensi")


def run(lines: list, kind: str = "text", columns: tuple[str, ...] = COLS) -> list[Finding]:
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_budget_table(doc, "Tabel 3.1.6", columns, lines, page=31, kind="efisiensi")
    return RULE.check(doc)


TOTAL = ("total", "JUMLAH TOTAL :", None,
         ("344.000.141,00", "267.416.700,00", "81,31", "76.563.441,00"))


def test_sample_rows_agree() -> None:
    lines = [
        ("program", "Peningkatan jumlah koperasi aktif", None,
         ("40.416.120,00", "35.939.600,00", "88.92", "4.476.520,00")),
        ("program", "Meningkatnya Perlindungan Tenaga Kerja", None,
         ("71.464.320,00", "54.436.500 ,00", "76,17", "17.027.820,00")),
        ("program", "Meningkatnya Produktivitas Tenaga Kerja", None,
         ("79.503.231,00", "73.236.400,00", "92,12", "6.266.831,00")),
    ]
    assert run(lines) == []


def test_sample_total_one_digit_off() -> None:
    # 344.000.141 - 267.416.700 = 76.583.441, the table prints 76.563.441,00
    (f,) = run([TOTAL], kind="pdf-text")
    assert f.rule == "efisiensi" and f.severity == "error"
    assert f.stated == 76563441.0 and f.expected == 76583441.0
    assert "Rp 76.563.441,00" in f.message and "Rp 76.583.441,00" in f.message
    assert "344.000.141,00 − 267.416.700,00 = 76.583.441,00" in f.message
    assert f.arithmetic == "344.000.141,00 − 267.416.700,00 = 76.583.441,00"


def test_sample_total_on_ocr_text_is_warning() -> None:
    (f,) = run([TOTAL])
    assert f.severity == "warning" and "OCR" in f.message


def test_real_disagreement_on_ocr_text_is_error() -> None:
    (f,) = run([("total", "JUMLAH", None, ("344.000.141", "267.416.700", None, "27.771.171"))])
    assert f.severity == "error" and f.expected == 76583441.0


def test_efisiensi_as_percent() -> None:
    # (344.000.141 - 267.416.700) / 344.000.141 = 22,26%
    assert run([("total", "J", None, ("344.000.141", "267.416.700", None, "22,26%"))]) == []
    (f,) = run([("total", "J", None, ("344.000.141", "267.416.700", None, "18,69%"))])
    assert f.expected == 22.26 and f.severity == "error"


def test_missing_values() -> None:
    assert run([("program", "P", None, ("344.000.141", None, None, "76.583.441"))]) == []
    assert run([("program", "P", None, (None, "267.416.700", None, "76.583.441"))]) == []


def test_pagu_sesudah_as_budget() -> None:
    cols = ("pagu_sesudah", "realisasi", "efisiensi")
    assert run([("program", "P", None, ("238.540.600", "188.827.300", "49.713.300"))],
               columns=cols) == []


def test_efisiensi_in_points() -> None:
    # Jombang 2022 Tabel 3.9: efisiensi = capaian kinerja - % realisasi anggaran (94,24 - 83,13)
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.9", [("Maturitas SPIP", "3,35", "3,157", "94,24%", None),
                                         ("Nilai AKIP", "83", "81,59", "98,30%", None)])
    add_budget_table(doc, "Tabel 3.9", ("anggaran", "realisasi", "persen", "efisiensi"), [
        ("program", "Program Penyelenggaraan Pengawasan", None,
         ("630.395.770", "524.058.289", "83,13", "11,11")),
        ("program", "Program Penunjang Urusan", None,
         ("12.281.319.513", "11.534.782.463", "93,92", "3,38")),
    ])
    (f,) = RULE.check(doc)
    assert f.row == "Program Penunjang Urusan" and f.expected == 4.38
    assert "98,30 − 93,92 = 4,38" in f.message


def test_efisiensi_points_without_capaian_is_not_judged() -> None:
    assert run([("program", "P", None, ("630.395.770", "524.058.289", "83,13", "11,11"))]) == []


def test_reversed_sign_is_info() -> None:
    # Kaltim 2021 Tabel III.7 writes efisiensi as realisasi - anggaran (the number parser does
    # not read a leading minus yet: the value is set on the line directly)
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel III.7", COLS, [
        ("total", "Jumlah", None, ("197.445.025.240,47", "163.950.201.528,87", None, None))])
    doc.budget_lines[0].efisiensi = -33494823711.6
    (f,) = RULE.check(doc)
    assert f.severity == "info" and "tandanya terbalik" in f.message
