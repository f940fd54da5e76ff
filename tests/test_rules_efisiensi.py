"""Tests for the efisiensi rule: anggaran - realisasi against the stated efisiensi."""

from __future__ import annotations

from lkip.model import Finding
from lkip.validate.handmade import add_budget_table, new_doc
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
