"""What several test modules build or check: the JSON contract as a checker, a small document
made by hand, the real command in a fresh interpreter, an SMTP configuration and a crafted review
for the e-mail tests. Fixtures are in conftest.py."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
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

ROOT = Path(__file__).resolve().parent.parent

Checked = Callable[[Path], Document]  # the session fixture ``checked``: lkip.pipeline.check, once per path

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


# --- the command line ------------------------------------------------------------------------


def run_lkip(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The real command, in a fresh interpreter, as a user would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "lkip.cli", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


# --- e-mail ----------------------------------------------------------------------------------


class Sink:
    """The handler of the test SMTP server: the sender and recipients of every message."""

    port: int

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001, ANN201
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def smtp_config(tmp_path: Path, port: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An smtp.toml for the test server on ``port``, with no LKIP_SMTP_* setting left to override it."""
    for key in ("HOST", "PORT", "USER", "FROM", "SECURITY", "PASSWORD"):
        monkeypatch.delenv(f"LKIP_SMTP_{key}", raising=False)
    config = tmp_path / "smtp.toml"
    config.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                      f'from = "inspektorat@sukamaju.go.id"\nretries = 0\ntimeout = 5\n',
                      encoding="utf-8")
    return config


def crafted_result(tmp_path: Path, results: dict[str, tuple[Path, Document]], instansi: str,
                   source: str) -> Path:
    """The dinkes review (the ``results`` fixture) with another instansi and source path."""
    data = json.loads(results["dinkes"][0].read_text(encoding="utf-8"))
    data["document"]["instansi"] = instansi
    data["source"]["path"] = source
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
