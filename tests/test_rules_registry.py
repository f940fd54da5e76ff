"""Tests for the rule registry: every rule runs, findings come in reading order, one broken rule
does not stop the others; and the headline findings of the bundled sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from lkip.model import Document, Finding
from lkip.validate import registry
from lkip.validate.base import Rule
from lkip.validate.handmade import add_budget_table, add_capaian_table, new_doc

SAMPLE = Path(__file__).parent.parent / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"


def test_every_rule_is_described() -> None:
    ids = [rule.id for rule in registry.RULES]
    assert ids == ["capaian", "persen", "efisiensi", "total", "average", "category", "scale",
                   "narrative", "change", "cross_table", "malformed_number", "nomenklatur", "unreadable"]
    for rule in registry.RULES:
        assert rule.description_id and rule.description_en and callable(rule.check)


def test_findings_in_reading_order() -> None:
    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 3.2.1", ("anggaran", "realisasi", "persen"),
                     [("program", "P", None, ("100.000", "50.000", "60"))], page=29)
    add_capaian_table(doc, "Tabel 3.1.1", [("A", "20", "17", "80%", "Tinggi")], page=22)
    doc.findings.append(Finding(rule="earlier", severity="info", message="x", page=40))
    registry.validate(doc)
    assert [(f.rule, f.page) for f in doc.findings] == [
        ("capaian", 22), ("persen", 29), ("earlier", 40)]


def test_a_broken_rule_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(doc: Document) -> list[Finding]:
        raise RuntimeError("kaput")

    broken = Rule(id="broken", description_id="-", description_en="-", check=boom)
    monkeypatch.setattr(registry, "RULES", [broken, *registry.RULES])
    doc = new_doc("pdf-text")
    add_capaian_table(doc, "Tabel 3.1.1", [("A", "20", "17", "80%", None)])
    registry.validate(doc)
    assert {f.rule for f in doc.findings} == {"broken", "capaian"}
    assert next(f for f in doc.findings if f.rule == "broken").severity == "info"


def _has(doc: Document, rule: str, table: str | None, stated: float, expected: float) -> bool:
    return any(f.rule == rule and f.table == table and f.stated == pytest.approx(stated)
               and f.expected == pytest.approx(expected) for f in doc.findings)


@pytest.mark.skipif(not SAMPLE.exists(), reason="bundled sample missing")
def test_sample_headline_findings() -> None:
    from lkip.pipeline import check

    doc = check(SAMPLE)
    # Tabel 3.1.6 JUMLAH TOTAL: 267.416.700 / 344.000.141 = 77,74%, printed 81,31
    assert _has(doc, "persen", "Tabel 3.1.6", 81.31, 77.74)
    # 344.000.141 - 267.416.700 = 76.583.441, printed 76.563.441 (one digit: OCR warning)
    assert _has(doc, "efisiensi", "Tabel 3.1.6", 76563441, 76583441)
    # the prose says 76.583.441, the table 76.563.441
    assert _has(doc, "narrative", "Tabel 3.1.6", 76583441, 76563441)
    # 659.447.455 / 5.083.646.238 = 12,97%, the prose says 14,91% (taken against the new amount)
    assert any(f.rule == "change" and f.stated == 14.91 and f.expected == 12.97
               for f in doc.findings)
    # 'Rp.4.424.1981.783,-' in the prose
    assert any(f.rule == "malformed_number" and f.stated == "Rp.4.424.1981.783,-"
               for f in doc.findings)
    # Tabel 3.1.3: 72 of 100 printed '2%': an OCR slip, never an error
    assert any(f.rule == "capaian" and f.table == "Tabel 3.1.3" and f.severity == "warning"
               and f.expected == 72.0 for f in doc.findings)
    # 'Baik' is on no band of the report's scale
    assert any(f.rule == "category" and f.stated == "Baik" for f in doc.findings)


def test_an_unnumbered_table_is_named_as_a_reader_finds_it() -> None:
    from lkip.validate.handmade import add_capaian_table, new_doc
    from lkip.validate.registry import validate

    doc = new_doc("pdf-text")
    add_capaian_table(doc, "T25.2", [("Persentase desa mandiri", "40%", "30%", "90%", None)],
                      page=25)
    validate(doc)
    (f,) = [f for f in doc.findings if f.rule == "capaian"]
    assert f.table == "T25.2"  # the id for machines
    assert "T25.2" not in f.message + f.message_en
    from lkip.report.summary import location_parts

    assert "tabel tanpa nomor di hal. 25 (ke-2)" in location_parts(f, "id")
    assert "the unnumbered table on p. 25 (no. 2)" in location_parts(f, "en")
