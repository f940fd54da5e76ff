"""Tests of the report stage: the JSON contract, Markdown, HTML, the terminal text and numbers."""

from __future__ import annotations

import json

import pytest
from builders import SHA, contract_errors, make_document

from lkip.model import Document, Source
from lkip.report import FORMATS, render
from lkip.report.html import render_html
from lkip.report.json import render_json, to_contract
from lkip.report.md import render_md
from lkip.report.summary import fmt_value, stated_expected
from lkip.report.text import render_text

# --- JSON ------------------------------------------------------------------------------------


def test_json_follows_the_contract() -> None:
    data = json.loads(render_json(make_document()))
    assert contract_errors(data) == []
    assert data["source"]["kind"] == "text" and data["source"]["sha256"] == SHA
    assert data["document"] == {"instansi": "Dinas Koperasi, UKM dan Naker Kota Sibolga",
                                "tahun": 2024}
    assert [f["severity"] for f in data["findings"]] == ["error", "warning", "info"]
    assert data["budget_lines"][0]["anggaran"] == 4424198783
    assert data["indicators"][0]["capaian"] == 88.92


def test_json_rows_are_raw_strings_and_cells_keep_their_place() -> None:
    data = to_contract(make_document())
    table = data["tables"][0]
    assert table["rows"][0] == ["1", "Jumlah UMKM Binaan", "20", "17", "88,92%"]
    cell = table["cells"][0][4]
    assert cell["raw"] == "88,92%" and cell["value"] == 88.92
    assert (cell["page"], cell["line"]) == (12, 40)
    assert "box" in cell
    finding = data["findings"][0]
    assert finding["cells"] == [{"table": "Tabel 3.1.1", "row": 0, "col": 4, "page": 12,
                                 "line": 40, "span": None, "box": None}]
    assert finding["arithmetic"] == "17 / 20 × 100 = 85"
    assert data["indicators"][0]["refs"]["capaian"]["page"] == 12


def test_json_message_follows_lang_and_keeps_both() -> None:
    doc = make_document()
    id_, en = to_contract(doc, "id")["findings"], to_contract(doc, "en")["findings"]
    assert id_[0]["message"].startswith("Capaian tertulis")
    assert en[0]["message"].startswith("Stated capaian")
    assert id_[0]["message_id"] == en[0]["message_id"] == doc.findings[0].message
    assert id_[0]["message_en"] == en[0]["message_en"] == doc.findings[0].message_en
    # no English written: the Indonesian message stands in
    assert en[2]["message"] == doc.findings[2].message


def test_json_never_writes_nan() -> None:
    doc = make_document()
    doc.findings[0].expected = float("nan")
    doc.indicators[0].capaian = float("inf")
    data = json.loads(render_json(doc))
    assert data["findings"][0]["expected"] is None
    assert data["indicators"][0]["capaian"] is None
    assert contract_errors(data) == []


def test_json_summary_counts() -> None:
    data = to_contract(make_document(("error", "error", "info")))
    assert data["summary"]["by_severity"] == {"error": 2, "warning": 0, "info": 1}
    assert data["summary"]["by_rule"] == {"capaian.recompute": 2, "kategori.scale": 1}


# --- Markdown, HTML, text --------------------------------------------------------------------


def test_markdown_has_summary_findings_and_tables() -> None:
    md = render_md(make_document())
    assert "Dinas Koperasi, UKM dan Naker Kota Sibolga" in md and "2024" in md
    assert SHA in md and "samples/contoh.txt" in md
    assert "1 kesalahan, 1 peringatan, 1 info" in md
    for heading in ("### Kesalahan (1)", "### Peringatan (1)", "### Info (1)"):
        assert heading in md
    assert md.index("### Kesalahan") < md.index("### Peringatan") < md.index("### Info")
    assert "Tertulis: **88,92%** · Seharusnya: **85,00%**" in md
    assert "**4.424.198.000**" in md and "**4.424.198.783**" in md
    assert "Capaian tertulis 88,92% tetapi realisasi/target = 85%." in md
    assert "17 / 20 × 100 = 85" in md
    assert "hal. 12" in md
    assert "## Tabel sebagaimana terbaca" in md
    assert "| 1 | 1 | Jumlah UMKM Binaan | 20 | 17 | 88,92% |" in md
    assert "<script>" not in md


def test_markdown_in_english() -> None:
    md = render_md(make_document(), "en")
    assert "Stated capaian 88.92% but realisasi/target = 85%." in md
    assert "### Error (1)" in md and "## Tables as read" in md
    assert "Stated: **88,92%** · Expected: **85,00%**" in md


def test_html_is_escaped_self_contained_and_indonesian() -> None:
    html = render_html(make_document())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="id">' in html
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<link" not in html and "src=" not in html and "<style>" in html
    assert "Capaian tertulis 88,92% tetapi realisasi/target = 85%." in html
    assert "<b>88,92%</b>" in html and "<b>85,00%</b>" in html
    assert "<b>4.424.198.000</b>" in html and "<b>4.424.198.783</b>" in html
    assert "17 / 20 × 100 = 85" in html
    assert "Kesalahan (1)" in html and "Tabel sebagaimana terbaca" in html
    assert SHA in html and "Dinas Koperasi, UKM dan Naker Kota Sibolga" in html
    # the cell a finding used is marked in the table as read
    assert 'class="kind-percent flag-error">88,92%</td>' in html


def test_html_in_english() -> None:
    html = render_html(make_document(), "en")
    assert '<html lang="en">' in html
    assert "Stated capaian 88.92% but realisasi/target = 85%." in html
    assert "Tables as read" in html


def test_text_summary() -> None:
    text = render_text(make_document())
    assert "Dinas Koperasi, UKM dan Naker Kota Sibolga" in text and "2024" in text
    assert "sha256 ab12cd34ef56" in text and SHA not in text
    assert "1 kesalahan, 1 peringatan, 1 info" in text
    assert "capaian.recompute 1" in text
    block = text[text.index("  1. "):text.index("  2. ")]
    assert block.startswith("  1. KESALAHAN [capaian.recompute] Tabel 3.1.1")
    assert '"Jumlah UMKM Binaan"' in block and "hal. 12" in block
    assert "     Tertulis: 88,92% · Seharusnya: 85,00%\n" in block
    assert "     Capaian tertulis 88,92% tetapi realisasi/target = 85%.\n" in block
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.index("KESALAHAN") < text.index("PERINGATAN") < text.index("INFO [")
    assert "Stated capaian" in render_text(make_document(), "en")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_document(fmt: str) -> None:
    doc = Document(source=Source(path="kosong.txt", sha256=SHA, kind="pdf-scan"))
    out = render(doc, fmt)  # type: ignore[arg-type]
    assert "kosong.txt" in out
    if fmt == "json":
        assert contract_errors(json.loads(out)) == []
    else:
        assert "Tidak ada temuan" in out


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(ValueError):
        render(make_document(), "xlsx")  # type: ignore[arg-type]


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "percent", "text"), [
    (4424198783.0, False, "4.424.198.783"), (88.92, True, "88,92%"), (-1500.5, False, "-1.500,5"),
    (100.0, True, "100%"), (None, False, "—"), ("Baik", False, "Baik"),
    (float("nan"), False, "nan"),
])
def test_fmt_value(value: float | str | None, percent: bool, text: str) -> None:
    assert fmt_value(value, percent) == text


def test_stated_keeps_the_cells_precision_and_expected_shows_why_it_differs() -> None:
    doc = make_document()
    doc.tables[0].rows[0].cells[4].number.decimals = 3  # printed '88,920%'
    assert stated_expected(doc.findings[0], doc) == ("88,920%", "85,000%")
    assert stated_expected(doc.findings[1], doc) == ("4.424.198.000", "4.424.198.783")
    assert stated_expected(doc.findings[2], doc) == ("Baik", "—")
