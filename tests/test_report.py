"""Tests of the report stage: the JSON contract, Markdown, HTML, the terminal text and numbers."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from lkip.model import (
    BudgetLine,
    Cell,
    CellRef,
    Document,
    DocumentInfo,
    Finding,
    Indicator,
    Number,
    Provenance,
    Row,
    Source,
    Table,
)
from lkip.report import FORMATS, render
from lkip.report.html import render_html
from lkip.report.json import render_json, to_contract
from lkip.report.md import render_md
from lkip.report.summary import fmt_value, stated_expected
from lkip.report.text import render_text

SHA = "ab12cd34ef56" + "0" * 52

# --- the JSON contract, as a checker ---------------------------------------------------------

NUM = (int, float)
OPT_NUM = (int, float, type(None))
OPT_STR = (str, type(None))
OPT_INT = (int, type(None))
SOURCE_KINDS = {"text", "pdf-text", "pdf-scan", "image"}
LEVELS = {"urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "akun", "total", "other"}
SEVERITIES = {"error", "warning", "info"}

CONTRACT: dict[str, dict[str, tuple[type, ...]]] = {
    "source": {"path": (str,), "sha256": (str,), "kind": (str,), "pages": OPT_INT},
    "document": {"instansi": OPT_STR, "tahun": OPT_INT},
    "tables": {"id": (str,), "title": OPT_STR, "kind": (str,), "page": OPT_INT,
               "columns": (list,), "rows": (list,)},
    "indicators": {"table": (str,), "sasaran": OPT_STR, "indikator": (str,), "satuan": OPT_STR,
                   "target": OPT_NUM, "realisasi": OPT_NUM, "capaian": OPT_NUM,
                   "kategori": OPT_STR, "page": OPT_INT},
    "budget_lines": {"table": (str,), "kode": OPT_STR, "nama": (str,), "level": (str,),
                     "pagu_sebelum": OPT_NUM, "pagu_sesudah": OPT_NUM, "anggaran": OPT_NUM,
                     "realisasi": OPT_NUM, "persen": OPT_NUM, "efisiensi": OPT_NUM,
                     "page": OPT_INT},
    "findings": {"rule": (str,), "severity": (str,), "table": OPT_STR, "row": OPT_STR,
                 "field": OPT_STR, "stated": (int, float, str, type(None)),
                 "expected": (int, float, str, type(None)), "message": (str,), "page": OPT_INT},
}


def _check_obj(obj: Any, spec: dict[str, tuple[type, ...]], where: str) -> list[str]:
    if not isinstance(obj, dict):
        return [f"{where}: not an object"]
    errors = []
    for key, types in spec.items():
        if key not in obj:
            errors.append(f"{where}: missing {key!r}")
        elif isinstance(obj[key], bool) or not isinstance(obj[key], types):
            errors.append(f"{where}.{key}: {type(obj[key]).__name__} is not {types}")
        elif isinstance(obj[key], float) and not math.isfinite(obj[key]):
            errors.append(f"{where}.{key}: not finite")
    return errors


def contract_errors(data: Any) -> list[str]:
    """Everything in ``data`` that breaks the JSON contract of the issue (empty: it holds)."""
    if not isinstance(data, dict):
        return ["top level: not an object"]
    errors = []
    if not isinstance(data.get("lkip_version"), str):
        errors.append("lkip_version: missing or not a string")
    for key in ("source", "document"):
        errors += _check_obj(data.get(key), CONTRACT[key], key)
    if isinstance(data.get("source"), dict) and data["source"].get("kind") not in SOURCE_KINDS:
        errors.append(f"source.kind: {data['source'].get('kind')!r}")
    for key in ("tables", "indicators", "budget_lines", "findings"):
        items = data.get(key)
        if not isinstance(items, list):
            errors.append(f"{key}: missing or not a list")
            continue
        for n, item in enumerate(items):
            errors += _check_obj(item, CONTRACT[key], f"{key}[{n}]")
    for n, table in enumerate(data.get("tables") or []):
        if not all(isinstance(c, str) for c in table.get("columns", [])):
            errors.append(f"tables[{n}].columns: not all strings")
        rows = table.get("rows", [])
        if not all(isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows):
            errors.append(f"tables[{n}].rows: not a list of lists of strings")
    for n, line in enumerate(data.get("budget_lines") or []):
        if line.get("level") not in LEVELS:
            errors.append(f"budget_lines[{n}].level: {line.get('level')!r}")
    for n, finding in enumerate(data.get("findings") or []):
        if finding.get("severity") not in SEVERITIES:
            errors.append(f"findings[{n}].severity: {finding.get('severity')!r}")
    return errors


# --- a small document, by hand ---------------------------------------------------------------


def _cell(raw: str, page: int = 12, line: int = 40, value: float | None = None,
          percent: bool = False, kind: str | None = None) -> Cell:
    number = Number(value=value, percent=percent, decimals=2 if percent else 0) \
        if value is not None else None
    return Cell(raw=raw, kind=kind or ("percent" if percent else "number" if number else "text"),
                number=number, prov=Provenance(page=page, line=line))


def make_document(severities: tuple[str, ...] = ("error", "warning", "info")) -> Document:
    """A table, two indicators, two budget lines and one finding per severity given."""
    capaian = Table(
        id="Tabel 3.1.1", caption_raw="Tabel 3.1.1", title="Capaian Kinerja Tahun 2024",
        kind="capaian", page=12,
        columns=["no", "indikator", "target", "realisasi", "capaian"],
        rows=[
            Row(cells=[_cell("1"), _cell("Jumlah UMKM Binaan"), _cell("20", value=20),
                       _cell("17", value=17), _cell("88,92%", value=88.92, percent=True)],
                prov=Provenance(page=12, line=40)),
            Row(cells=[_cell("2", line=41), _cell("Koperasi <script>alert(1)</script>", line=41),
                       _cell("5", line=41, value=5), _cell("5", line=41, value=5),
                       _cell("100%", line=41, value=100, percent=True)],
                prov=Provenance(page=12, line=41)),
        ],
    )
    anggaran = Table(
        id="Tabel 3.2", title="Realisasi Anggaran", kind="realisasi_anggaran", page=13,
        columns=["uraian", "anggaran", "realisasi", "persen"],
        rows=[
            Row(cells=[_cell("Program Penunjang", 13, 60),
                       _cell("4.424.198.783", 13, 60, value=4424198783),
                       _cell("3.934.000.000", 13, 60, value=3934000000),
                       _cell("88,92%", 13, 60, value=88.92, percent=True)],
                prov=Provenance(page=13, line=60)),
            Row(cells=[_cell("Jumlah", 13, 61), _cell("4.424.198.000", 13, 61, value=4424198000),
                       _cell("3.934.000.000", 13, 61, value=3934000000),
                       _cell("88,92%", 13, 61, value=88.92, percent=True)],
                role="total", prov=Provenance(page=13, line=61)),
        ],
    )
    ref = CellRef(table="Tabel 3.1.1", row=0, col=4, page=12, line=40)
    indicators = [
        Indicator(table="Tabel 3.1.1", row_index=0, indikator="Jumlah UMKM Binaan", satuan="UMKM",
                  target=20, realisasi=17, capaian=88.92, kategori="Baik", page=12,
                  refs={"capaian": ref}),
        Indicator(table="Tabel 3.1.1", row_index=1, sasaran="Koperasi sehat",
                  indikator="Koperasi <script>alert(1)</script>", target=5, realisasi=5,
                  capaian=100, page=12),
    ]
    budget = [
        BudgetLine(table="Tabel 3.2", row_index=0, kode="2.17.01", nama="Program Penunjang",
                   level="program", anggaran=4424198783, realisasi=3934000000, persen=88.92,
                   page=13),
        BudgetLine(table="Tabel 3.2", row_index=1, nama="Jumlah", level="total",
                   anggaran=4424198000, realisasi=3934000000, persen=88.92, page=13),
    ]
    all_findings = {
        "error": Finding(
            rule="capaian.recompute", severity="error", table="Tabel 3.1.1",
            row="Jumlah UMKM Binaan", field="capaian", stated=88.92, expected=85.0,
            message="Capaian tertulis 88,92% tetapi realisasi/target = 85%.",
            message_en="Stated capaian 88.92% but realisasi/target = 85%.",
            arithmetic="17 / 20 × 100 = 85", page=12, line=40, cells=[ref]),
        "warning": Finding(
            rule="budget.total", severity="warning", table="Tabel 3.2", row="Jumlah",
            field="anggaran", stated=4424198000, expected=4424198783,
            message="Jumlah anggaran tidak sama dengan jumlah rinciannya.",
            message_en="The budget total differs from the sum of its lines.",
            arithmetic="4.424.198.783 = 4.424.198.783", page=13,
            cells=[CellRef(table="Tabel 3.2", row=1, col=1, page=13, line=61)]),
        "info": Finding(
            rule="kategori.scale", severity="info", table="Tabel 3.1.1",
            row="Koperasi <script>alert(1)</script>", field="kategori", stated="Baik",
            expected=None, message="Kategori tidak ada pada skala laporan.", page=12),
    }
    return Document(
        source=Source(path="samples/contoh.txt", sha256=SHA, kind="text", pages=40, bytes=1234),
        document=DocumentInfo(instansi="Dinas Koperasi, UKM dan Naker Kota Sibolga", tahun=2024),
        tables=[capaian, anggaran], indicators=indicators, budget_lines=budget,
        findings=[all_findings[s] for s in severities],
    )


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
