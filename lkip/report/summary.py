"""What every report format shows alike: counts, finding order, messages and values for display."""

from __future__ import annotations

import math
from collections import Counter

from lkip.i18n import label, severity_label
from lkip.model import Document, Finding, Number, Severity, Table
from lkip.nomenklatur.data import describe
from lkip.validate.arith import as_number, fmt_expected, fmt_num, fmt_pct, natural_decimals, same
from lkip.vocabulary import table_name

SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
MISSING = "—"
# finding fields whose figures are percentages even when no cell says so
_PERCENT_FIELDS = ("capaian", "persen", "percent")  # efisiensi is an amount unless printed with %


def nomenklatur_info(doc: Document, lang: str) -> dict[str, object]:
    """The nomenklatur the budget lines were matched against (data version, report year's
    version) and how many of them matched."""

    lines = [b for b in doc.budget_lines if b.nomenklatur is not None]
    matched = sum(1 for b in lines if b.nomenklatur and b.nomenklatur.kode)
    return {"version": describe(doc.document.tahun, lang), "lines": len(lines), "matched": matched}


def nomenklatur_line(doc: Document, lang: str) -> str:
    """'Permendagri 90/2019 ...; versi ... diutamakan; 10.220 kode · 40 dari 60 ... cocok'."""
    info = nomenklatur_info(doc, lang)
    text = str(info["version"])
    if info["lines"]:
        text += " · " + label("nomenklatur_matched", lang).format(
            matched=info["matched"], lines=info["lines"])
    return text


def severity_counts(doc: Document) -> dict[Severity, int]:
    """Findings per severity, every severity present, most severe first."""
    counts = Counter(f.severity for f in doc.findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def counts_line(doc: Document, lang: str) -> str:
    """'2 kesalahan, 1 peringatan, 0 info'."""
    return ", ".join(f"{n} {severity_label(s, lang, plural=True)}"
                     for s, n in severity_counts(doc).items())


def coverage_note(doc: Document, lang: str) -> str | None:
    """The warning that the file was read only in part (``pipeline.coverage``), shown at the top
    of every format; None when it was read whole."""
    finding = next((f for f in doc.findings if f.rule == "coverage"), None)
    return message(finding, lang) if finding is not None else None


def rule_counts(doc: Document) -> dict[str, int]:
    """Findings per rule, the most frequent first (ties by rule name)."""
    counts = Counter(f.rule for f in doc.findings)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def grouped_findings(doc: Document) -> list[tuple[Severity, list[Finding]]]:
    """Findings by severity, most severe first, document order within; no empty groups."""
    groups = [(s, [f for f in doc.findings if f.severity == s]) for s in SEVERITIES]
    return [(s, fs) for s, fs in groups if fs]


def message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang``; the Indonesian one when no English was written."""
    return finding.message_en if lang == "en" and finding.message_en else finding.message


def _first_number(finding: Finding, doc: Document) -> Number | None:
    """The figure in the first cell the finding used, as the report states it."""
    for ref in finding.cells[:1]:
        cell = doc.cell(ref)
        if cell is not None:
            return cell.number
    return None


def is_percent(finding: Finding, doc: Document) -> bool:
    """Whether the finding's figures are percentages: its first cell or its field says so."""
    number = _first_number(finding, doc)
    field = (finding.field or "").lower()
    return (number is not None and number.percent) or any(f in field for f in _PERCENT_FIELDS)


def fmt_value(value: float | str | None, percent: bool = False,
              decimals: int | None = None) -> str:
    """A value for display: numbers the Indonesian way ('4.424.198.783', '88,92%'), text as is."""
    if value is None:
        return MISSING
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return str(value)
    decimals = natural_decimals(value, 2) if decimals is None else decimals
    return fmt_pct(value, decimals) if percent else fmt_num(value, decimals)


def stated_expected(finding: Finding, doc: Document) -> tuple[str, str]:
    """The stated and expected values formatted the Indonesian way ('88,92%', '4.424.198.783').

    The stated figure keeps the precision its cell prints it with; the expected one is shown
    precisely enough to see why it differs.
    """
    percent = is_percent(finding, doc)
    stated, expected = finding.stated, finding.expected
    if not isinstance(stated, int | float) or not math.isfinite(stated):
        return fmt_value(stated, percent), fmt_value(expected, percent)
    number = _first_number(finding, doc)
    if number is None or not same(number.value, stated):
        number = as_number(stated, percent=percent)
    shown = fmt_value(stated, percent, number.decimals)
    if isinstance(expected, int | float) and math.isfinite(expected):
        return shown, fmt_expected(expected, number, percent=percent)
    return shown, fmt_value(expected, percent)


def location_parts(finding: Finding, lang: str) -> list[str]:
    """['Tabel 3.1', 'baris "Jumlah UMKM"', 'kolom capaian', 'hal. 12'] — what of it is known."""
    parts: list[str] = []
    if finding.table:
        parts.append(table_name(finding.table, lang))
    if finding.row:
        parts.append(f'{label("row", lang).lower()} "{finding.row}"')
    if finding.field:
        parts.append(f'{label("field", lang).lower()} {finding.field}')
    if finding.page is not None:
        parts.append(f'{label("page", lang).lower()} {finding.page}')
    if finding.line is not None:
        parts.append(f'{label("line", lang)} {finding.line}')
    return parts


def location(finding: Finding, lang: str) -> str:
    """'Tabel 3.1 · baris "Jumlah UMKM" · kolom capaian · hal. 12'."""
    return " · ".join(location_parts(finding, lang))


def table_width(table: Table) -> int:
    """Number of columns to draw: the header's or the widest row's, whichever is more."""
    return max([len(table.columns), *(len(r.cells) for r in table.rows)], default=0)


def flagged_cells(doc: Document) -> dict[tuple[str, int, int], Severity]:
    """(table, row, col) of every cell a finding used -> the most severe of those findings."""
    out: dict[tuple[str, int, int], Severity] = {}
    for finding in doc.findings:
        for ref in finding.cells:
            key = (ref.table, ref.row, ref.col)
            old = out.get(key)
            if old is None or SEVERITIES.index(finding.severity) < SEVERITIES.index(old):
                out[key] = finding.severity
    return out
