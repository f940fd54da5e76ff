"""The XLSX workbook: summary, findings, indicators, budget lines and the tables as read.

Figures are stored as numbers, never as text. Their number formats are Excel's locale-neutral
codes (``#,##0``, ``#,##0.00``, ``#,##0.00"%"``): Excel and LibreOffice show them with the
reader's own separators, so on an Indonesian system 4424198783 reads ``4.424.198.783`` and 88.92
reads ``88,92%``. Percentages are stored as the report prints them (88.92, not 0.8892) with a
literal ``%``, so a formula on them gives the same figure the report states.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import Any

from lkip.i18n import kind_label, label, severity_label
from lkip.model import CellRef, Document, Number
from lkip.report.html import field_label, rule_description
from lkip.report.score import consistency
from lkip.report.summary import (
    coverage_note,
    flagged_cells,
    grouped_findings,
    is_percent,
    message,
    nomenklatur_line,
    rule_counts,
    severity_counts,
    table_width,
)
from lkip.validate.arith import natural_decimals
from lkip.validate.base import LEVEL_EN, LEVEL_ID
from lkip.vocabulary import table_name

MAX_WIDTH = 60  # characters: wider text wraps
MIN_WIDTH = 6
HEADER_FILL = "DDE3EA"
FLAG_FILL = {"error": "F9E5E3", "warning": "FBF0D9", "info": "E3EDF7"}
# what makes a spreadsheet read a cell as a formula (OWASP, CSV injection), full-width forms too
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# the control characters XLSX cannot hold (openpyxl raises IllegalCharacterError on them)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_text(value: Any) -> Any:
    """A cell's value as a spreadsheet must hold it: text from a document or a file name that
    starts like a formula (= + - @, a tab, a CR) gets a leading apostrophe, so that Excel,
    LibreOffice or a CSV import shows it and never evaluates it; a control character XLSX cannot
    hold (an ESC, a NUL in a file name or a PDF's text) is shown escaped ('\\x1b'), so that it
    does not make the whole workbook fail. Every XLSX and CSV cell lkip writes goes through here;
    figures (numbers) are left as they are."""
    if not isinstance(value, str):
        return value
    value = xml_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def xml_text(text: str) -> str:
    """``text`` with the control characters XLSX cannot hold shown escaped: 'a\\x1bb'."""
    return _ILLEGAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def number_format(decimals: int = 0, percent: bool = False) -> str:
    """Excel's code for a figure with ``decimals`` digits after the comma (locale-neutral)."""
    code = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return code + '"%"' if percent else code


def _finite(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


class _Sheet:
    """One worksheet written row by row: a bold frozen header, filters, widths from content."""

    def __init__(self, book: Any, title: str, headers: Sequence[str]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = book.create_sheet(title=title[:31])
        self.ws.append([sheet_text(h) for h in headers])
        for cell in self.ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        self.widths = [max(MIN_WIDTH, len(h) + 2) for h in headers]
        self.ws.freeze_panes = "A2"

    def add(self, values: Sequence[Any], formats: dict[int, str] | None = None,
            fills: dict[int, str] | None = None, bold: bool = False) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws.append([sheet_text(_finite(v)) for v in values])
        row = self.ws.max_row
        for col, value in enumerate(values, 1):
            cell = self.ws.cell(row=row, column=col)
            if formats and col - 1 in formats and isinstance(cell.value, int | float):
                cell.number_format = formats[col - 1]
            if fills and col - 1 in fills:
                cell.fill = PatternFill("solid", fgColor=fills[col - 1])
            if bold:
                cell.font = Font(bold=True)
            if isinstance(value, str):
                cell.alignment = Alignment(vertical="top", wrap_text=len(value) > MAX_WIDTH)
            while len(self.widths) < col:
                self.widths.append(MIN_WIDTH)
            shown = len(str(value)) + (len(str(value)) // 3 if isinstance(value, int | float) else 0)
            self.widths[col - 1] = max(self.widths[col - 1], min(MAX_WIDTH, shown + 2))

    def finish(self, filters: bool = True) -> None:
        from openpyxl.utils import get_column_letter

        for col, width in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if filters and self.ws.max_row > 1:
            self.ws.auto_filter.ref = self.ws.dimensions


def _number_of(doc: Document, ref: CellRef | None) -> Number | None:
    cell = doc.cell(ref) if ref is not None else None
    return cell.number if cell is not None else None


def _fmt(doc: Document, ref: CellRef | None, value: float | None, percent: bool = False) -> str:
    """The format of a figure: the precision its cell prints it with, else its own."""
    number = _number_of(doc, ref)
    if number is not None:
        return number_format(number.decimals, percent or number.percent)
    decimals = natural_decimals(value, 2) if isinstance(value, float) else 0
    return number_format(decimals, percent)


def _summary(book: Any, doc: Document, lang: str) -> None:
    sheet = _Sheet(book, label("sheet.summary", lang), [label("description", lang),
                                                          label("value", lang)])
    score = consistency(doc)
    unknown = label("unknown", lang)
    note = coverage_note(doc, lang)
    rows: list[tuple[str, Any, str | None]] = [
        *([(label("coverage.partial", lang), note, None)] if note else []),
        (label("instansi", lang), doc.document.instansi or unknown, None),
        (label("tahun", lang), doc.document.tahun if doc.document.tahun is not None else unknown,
         "0"),
        (label("path", lang), doc.source.path, None),
        (label("sha256", lang), doc.source.sha256, None),
        (label("kind", lang), kind_label(doc.source.kind, lang), None),
        (label("pages", lang), doc.source.pages, "0"),
        (label("tables", lang), len(doc.tables), "#,##0"),
        (label("indicators", lang), len(doc.indicators), "#,##0"),
        (label("budget_lines", lang), len(doc.budget_lines), "#,##0"),
        (label("nomenklatur", lang), nomenklatur_line(doc, lang), None),
        (label("score", lang), score.value, number_format(1, percent=True)),
        (label("score.formula", lang).split(".")[0], f"({score.checked} − {score.errors}) ÷ "
                                                     f"{score.checked} × 100", None),
    ]
    rows += [(severity_label(s, lang), n, "#,##0") for s, n in severity_counts(doc).items()]
    rows += [(f"{label('rule', lang)} {rule}", n, "#,##0") for rule, n in rule_counts(doc).items()]
    rows.append(("", label("xlsx.number_note", lang), None))
    for name, value, fmt in rows:
        sheet.add([name, value], formats={1: fmt} if fmt else None)
    sheet.finish(filters=False)


def _findings(book: Any, doc: Document, lang: str) -> None:
    headers = ["No", label("severity", lang), label("rule", lang), label("table", lang),
               label("row", lang), label("field", lang), label("page", lang),
               label("line", lang).capitalize(),
               label("stated", lang), label("expected", lang), label("arithmetic", lang),
               label("message", lang), label("description", lang)]
    sheet = _Sheet(book, label("sheet.findings", lang), headers)
    n = 0
    for severity, findings in grouped_findings(doc):
        for finding in findings:
            n += 1
            percent = is_percent(finding, doc)
            ref = finding.cells[0] if finding.cells else None
            fmt = _fmt(doc, ref, finding.stated if isinstance(finding.stated, float) else None,
                       percent)
            expected_fmt = number_format(2, True) if percent else fmt
            sheet.add([n, severity_label(severity, lang), finding.rule,
                       table_name(finding.table, lang), finding.row,
                       field_label(finding.field, lang), finding.page, finding.line,
                       finding.stated, finding.expected, finding.arithmetic,
                       message(finding, lang), rule_description(finding.rule, lang)],
                      formats={8: fmt, 9: expected_fmt},
                      fills={1: FLAG_FILL[severity]})
    sheet.finish()


def _indicators(book: Any, doc: Document, lang: str) -> None:
    fields = ("target", "realisasi", "capaian")
    headers = [label("table", lang), label("page", lang), label("sasaran", lang),
               label("indikator", lang), label("satuan", lang), label("year", lang),
               *[label(f, lang) for f in fields], label("kategori", lang), label("uncertain", lang)]
    sheet = _Sheet(book, label("sheet.indicators", lang), headers)
    for ind in doc.indicators:
        values = [getattr(ind, f) for f in fields]
        formats = {6 + i: _fmt(doc, ind.refs.get(f), v, percent=f == "capaian")
                   for i, (f, v) in enumerate(zip(fields, values, strict=True))}
        sheet.add([ind.table, ind.page, ind.sasaran, ind.indikator, ind.satuan, ind.year,
                   *values, ind.kategori, ", ".join(ind.uncertain) or None], formats=formats)
    sheet.finish()


def _budget(book: Any, doc: Document, lang: str) -> None:

    levels = LEVEL_EN if lang == "en" else LEVEL_ID
    fields = ("pagu_sebelum", "pagu_sesudah", "anggaran", "realisasi", "persen", "efisiensi")
    names = {"realisasi": "realisasi_anggaran"}
    headers = [label("table", lang), label("page", lang), label("kode", lang), label("nama", lang),
               label("level", lang), *[label(names.get(f, f), lang) for f in fields],
               label("official_code", lang), label("official_name", lang),
               label("match_score", lang)]
    sheet = _Sheet(book, label("sheet.budget", lang), headers)
    for line in doc.budget_lines:
        values = [getattr(line, f) for f in fields]
        formats = {5 + i: _fmt(doc, line.refs.get(f), v, percent=f == "persen")
                   for i, (f, v) in enumerate(zip(fields, values, strict=True))}
        formats[13] = number_format(1)
        nom = line.nomenklatur
        sheet.add([line.table, line.page, line.kode, line.nama, levels.get(line.level, line.level),
                   *values, nom.kode if nom else None, nom.nama if nom else None,
                   nom.score if nom else None], formats=formats)
    sheet.finish()


def _tables(book: Any, doc: Document, lang: str) -> None:
    width = max((table_width(t) for t in doc.tables), default=0)
    headers = [label("table", lang), label("page", lang), "No", label("role", lang),
               *[f"{label('column', lang)} {i}" for i in range(1, width + 1)]]
    sheet = _Sheet(book, label("sheet.tables", lang), headers)
    flags = flagged_cells(doc)
    for table in doc.tables:
        sheet.add([table.id, table.page, None, label("column", lang), *table.columns], bold=True)
        for r, row in enumerate(table.rows):
            values: list[Any] = [table.id, row.prov.page or table.page, r + 1, row.role]
            formats: dict[int, str] = {}
            fills: dict[int, str] = {}
            for col, cell in enumerate(row.cells):
                if cell.number is not None and cell.kind in ("number", "percent", "money"):
                    values.append(cell.number.value)
                    formats[4 + col] = number_format(cell.number.decimals, cell.number.percent)
                else:
                    values.append(cell.raw or None)
                flag = flags.get((table.id, r, col))
                if flag:
                    fills[4 + col] = FLAG_FILL[flag]
            sheet.add(values, formats=formats, fills=fills)
    sheet.finish()


def render_xlsx(doc: Document, lang: str = "id") -> bytes:
    """The workbook as bytes: sheets summary, findings, indicators, budget lines, tables."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _summary(book, doc, lang)
    _findings(book, doc, lang)
    _indicators(book, doc, lang)
    _budget(book, doc, lang)
    _tables(book, doc, lang)
    book.properties.title = xml_text(f"{label('title', lang)} — "
                                     f"{doc.document.instansi or doc.source.path}")
    book.properties.creator = f"lkip {doc.lkip_version}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
