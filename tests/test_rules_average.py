"""Tests for the average rule: a table's average row vs the mean of its indicators' capaian."""

from __future__ import annotations

from lkip.model import Document, Finding
from lkip.validate.handmade import add_capaian_table, new_doc
from lkip.validate.rules.average import RULE

SAMPLE = [  # Tabel 3.1.1
    ("Jumlah Ekonomi Kreatif Binaan yang Tumbuh", "5 UMKM", "5 UMKM", "100%", "Baik"),
    ("Fasilitasi Izin Produk PIRT dan Sertifikat Halal", "20 Produk", "17 Produk", "85%", "Baik"),
    ("Persentase Pelaksanaan RAT Koperasi", "42%", "42%", "100%", "Baik"),
    ("Persentase Perusahaan yang menerapkan K3", "30%", "30%", "100%", "Baik"),
    ("Besaran tenaga kerja yang mendapatkan pelatihan", "70%", "70%", "100%", "Baik"),
]


def run(average: str, rows: list = SAMPLE, kind: str = "text") -> tuple[Document, list[Finding]]:
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_capaian_table(doc, "Tabel 3.1.1", rows, page=22, average=average,
                      average_kategori="Sangat Tinggi")
    return doc, RULE.check(doc)


def test_sample_average_agrees() -> None:
    # (100 + 85 + 100 + 100 + 100) / 5 = 97
    assert run("97%")[1] == []
    assert run("97,0%")[1] == []


def test_disagrees() -> None:
    _, (f,) = run("93%", kind="pdf-text")
    assert f.rule == "average" and f.severity == "error" and f.field == "average"
    assert f.stated == 93.0 and f.expected == 97.0
    assert "Nilai rata-rata tertulis 93%, seharusnya 97,00%" in f.message
    assert f.arithmetic == "(100 + 85 + 100 + 100 + 100) / 5 = 97,00%"
    assert len(f.cells) == 6 and f.page == 22 and f.line == 105


def test_precision() -> None:
    rows = [("A", "3", "2", "66,67%", None), ("B", "3", "3", "100%", None)]
    # mean 83,335 -> '83,34' agrees (half up), '83,33' too (cut), '83,32' does not
    assert run("83,34%", rows)[1] == []
    assert run("83%", rows)[1] == []
    assert run("83,33%", rows)[1] == []
    assert len(run("83,32%", rows, kind="pdf-text")[1]) == 1


def test_ocr_slip_is_warning() -> None:
    _, (f,) = run("9%")
    assert f.severity == "warning" and "OCR" in f.message


def test_indicators_without_capaian_left_out() -> None:
    rows = [*SAMPLE[:2], ("Nilai SAKIP OPD", "A", "A", None, None)]
    # (100 + 85) / 2 = 92,5
    assert run("92,5%", rows)[1] == []
    _, (f,) = run("90%", rows, kind="pdf-text")
    assert f.expected == 92.5


def test_no_average_row_no_finding() -> None:
    doc = new_doc()
    add_capaian_table(doc, "Tabel 3.1.1", SAMPLE)
    assert RULE.check(doc) == []


def test_uncertain_or_missing_capaian_prove_nothing() -> None:
    doc, found = run("93%", kind="pdf-text")
    assert len(found) == 1
    doc.indicators[1].uncertain = ["capaian"]
    assert RULE.check(doc) == []
    rows = [*SAMPLE[:1], ("B", "A", "A", None, None), ("C", "WTP", "WTP", None, None)]
    assert run("50%", rows, kind="pdf-text")[1] == []  # one capaian out of three
