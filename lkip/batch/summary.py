"""The run's summary: one row per input (instansi, tahun, pages, counts by severity and by rule,
status), as CSV (column names as below, for scripts) and XLSX (labels in the chosen language)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from lkip.batch.store import Record
from lkip.i18n import label
from lkip.model import Finding
from lkip.report.xlsx import sheet_text
from lkip.validate.registry import RULES

SEVERITIES = ("error", "warning", "info")
COLUMNS = ("report", "status", "reason", "instansi", "tahun", "kind", "pages", "ocr_pages",
           "error", "warning", "info")
TAIL = ("resumed", "sha256", "path")


def rule_ids(records: Sequence[Record], cross: dict[str, list[Finding]]) -> list[str]:
    """Every rule lkip runs, cross_year, and any other rule a record counts, in that order."""

    ids = [rule.id for rule in RULES] + ["cross_year"]
    seen = {rule for r in records for rule in r.by_rule} | {f.rule for fs in cross.values() for f in fs}
    return ids + sorted(seen - set(ids))


def rows(records: Sequence[Record], cross: dict[str, list[Finding]],
         lang: str) -> tuple[list[str], list[list[object]]]:
    """The header (column ids) and one row per record; cross-year findings are counted in."""
    rules = rule_ids(records, cross)
    header = [*COLUMNS, *rules, *TAIL]
    out: list[list[object]] = []
    for r in records:
        extra = cross.get(r.sha256, []) if r.status == "ok" else []
        severities = {s: r.by_severity.get(s, 0) + sum(f.severity == s for f in extra) for s in SEVERITIES}
        by_rule = {rule: r.by_rule.get(rule, 0) + sum(f.rule == rule for f in extra) for rule in rules}
        ok = r.status == "ok"
        out.append([
            r.report, r.status, r.reason if lang == "id" else r.reason_en, r.instansi or "",
            r.tahun if r.tahun is not None else "", r.kind or "", r.pages if r.pages is not None else "",
            r.ocr_pages if ok else "", *(severities[s] if ok else "" for s in SEVERITIES),
            *(by_rule[rule] if ok else "" for rule in rules), int(r.resumed), r.sha256, r.path,
        ])
    return header, out


def render_csv(header: list[str], body: list[list[object]]) -> str:
    """The CSV text, rows ended by CRLF (RFC 4180): the csv module quotes a cell that holds a
    character of the line end only, so with '\\n' alone a CR in a file name ended the row
    unquoted and what followed it ('\\r=1+1.txt') began a row of its own, live."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([sheet_text(name) for name in header])
    writer.writerows([sheet_text(value) for value in row] for row in body)
    return buffer.getvalue()


def render_xlsx(header: list[str], body: list[list[object]], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = label("batch.sheet", lang)
    sheet.append([sheet_text(_heading(name, lang)) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([sheet_text(value) for value in row])
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(body) + 1}"
    widths = {"report": 40, "reason": 40, "instansi": 40, "sha256": 20, "path": 50}
    for i, name in enumerate(header, 1):
        sheet.column_dimensions[get_column_letter(i)].width = widths.get(name, 11)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _heading(name: str, lang: str) -> str:
    """A column's label: the report's own labels where there is one, the rule id for rules."""
    key = {"report": "batch.col.report", "status": "batch.col.status", "reason": "batch.col.reason",
           "instansi": "instansi", "tahun": "tahun", "kind": "kind", "pages": "pages",
           "ocr_pages": "batch.col.ocr_pages", "error": "severities.error",
           "warning": "severities.warning", "info": "severities.info",
           "resumed": "batch.col.resumed", "sha256": "sha256", "path": "path"}.get(name)
    return label(key, lang) if key else name
