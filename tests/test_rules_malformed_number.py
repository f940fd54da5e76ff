"""Tests for the malformed_number rule: impossible figures in tables and prose."""

from __future__ import annotations

from lkip.validate.handmade import add_budget_table, add_paragraph, new_doc
from lkip.validate.rules.malformed_number import RULE


def test_malformed_cell() -> None:
    # Jabar 2016: '3.8000.000.000,00' (a four-digit group)
    doc = new_doc("pdf-text")
    add_budget_table(doc, "T27.2", ("anggaran", "realisasi"), [
        ("program", "Program Peningkatan Infrastruktur Perdesaan", None,
         ("3.8000.000.000,00", "3.125.822.300,00")),
    ], page=27)
    (f,) = RULE.check(doc)
    assert f.rule == "malformed_number" and f.severity == "warning"
    assert f.stated == "3.8000.000.000,00" and f.expected is None
    assert f.table == "T27.2" and f.row == "Program Peningkatan Infrastruktur Perdesaan"
    assert f.field == "anggaran" and f.page == 27 and len(f.cells) == 1
    assert "'8000' bukan kelompok tiga angka" in f.message


def test_malformed_prose_figure() -> None:
    doc = new_doc()
    add_paragraph(doc, "menjadi sebesar Rp.4.424.1981.783,- atau berkurang sebanyak "
                       "Rp.659.447.455,- (14,91 %).", page=18, line=727)
    (f,) = RULE.check(doc)
    assert f.stated == "Rp.4.424.1981.783,-" and f.table is None
    assert f.page == 18 and f.line == 727 and "'1981'" in f.message
    assert "'1981' is not a group of three digits" in f.message_en


def test_repaired_figures_are_not_malformed() -> None:
    doc = new_doc()
    add_budget_table(doc, "Tabel 2.5.1", ("pagu_sebelum", "pagu_sesudah"), [
        ("sub_kegiatan", "Penyediaan Gaji", None, ("3.181.058332", "139502.530")),
    ])
    add_paragraph(doc, "anggaran Rp. 118710.980 - dan Rp 106. 985.800")
    assert RULE.check(doc) == []
