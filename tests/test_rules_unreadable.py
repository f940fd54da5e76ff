"""Figures a scan does not show for certain: reported as unreadable, never as the report's error."""

from __future__ import annotations

from lkip.validate.handmade import add_budget_table, add_capaian_table, new_doc
from lkip.validate.registry import validate


def test_unreadable_capaian_is_reported_as_such_and_accuses_no_one() -> None:
    doc = new_doc("pdf-scan")
    table = add_capaian_table(doc, "Tabel 3.1", [("Jumlah UMKM binaan", "20", "17", "95%", None),
                                                 ("Koperasi sehat", "40", "44", "100%", None)])
    validate(doc)
    # on a scan a one-digit difference is a warning; either way both rows are reported
    assert {(f.rule, f.row) for f in doc.findings} == {
        ("capaian", "Jumlah UMKM binaan"), ("capaian", "Koperasi sehat")}
    doc.findings.clear()
    cell = table.rows[0].cells[3]  # '95%' read with low confidence from the scan
    cell.unreadable, cell.ocr_conf = True, 41.0
    validate(doc)
    rules = [(f.rule, f.row) for f in doc.findings]
    assert ("capaian", "Jumlah UMKM binaan") not in rules
    assert ("capaian", "Koperasi sehat") in rules  # the other row is still checked
    (unread,) = [f for f in doc.findings if f.rule == "unreadable"]
    assert unread.severity == "info" and unread.stated == "95%" and unread.page == 1
    assert "41/100" in unread.message and unread.cells[0].row == 0


def test_unreadable_child_amount_drops_the_total_finding() -> None:
    doc = new_doc("pdf-scan")
    table = add_budget_table(doc, "Tabel 3.4", ["anggaran"], [
        ("program", "PROGRAM A", None, ["300.000"]),
        ("kegiatan", "Kegiatan 1", 0, ["100.000"]),
        ("kegiatan", "Kegiatan 2", 0, ["180.000"]),  # 200.000 misread: the sum fails
    ])
    validate(doc)
    assert [f.rule for f in doc.findings] == ["total"]
    doc.findings.clear()
    table.rows[2].cells[2].unreadable = True
    validate(doc)
    assert [f.rule for f in doc.findings] == ["unreadable"]
