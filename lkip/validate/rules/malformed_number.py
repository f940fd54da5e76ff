"""Rule malformed_number: figures in tables or prose that cannot be a number as printed."""

from __future__ import annotations

import re

from lkip.messages import MessageParam
from lkip.model import BudgetLine, CellRef, Document, Finding, Indicator, Table
from lkip.normalize.numbers import find_figures, parse_cell_text
from lkip.validate.base import Rule, short
from lkip.validate.prose import quote

ID = "malformed_number"
GENERIC_REASON = "bentuk angka tidak mungkin"
# the number parser gives its reasons in Indonesian: the catalogue entry each one is
_REASONS = [
    (re.compile(r"pengelompokan ribuan tidak mungkin \('(?P<group>.*)' bukan kelompok tiga angka\)"),
     "reason.grouping"),
    (re.compile(r"lebih dari satu pemisah desimal '(?P<separator>.*)'"), "reason.decimals"),
    (re.compile(r"pemisah ganda di dalam angka"), "reason.doubled"),
    (re.compile(r"spasi di dalam angka yang tidak dapat dipastikan"), "reason.space"),
    (re.compile(r"bentuk angka tidak mungkin"), "reason.generic"),
]


def reason_params(reason: str) -> dict[str, MessageParam]:
    """The parser's Indonesian reason as message parameters: its catalogue entry and what it
    quotes (the reason itself, in both languages, when it is not a known one)."""
    for pattern, key in _REASONS:
        if m := pattern.fullmatch(reason):
            return {"reason": key, **m.groupdict()}
    return {"reason": reason}


def _row_labels(doc: Document) -> dict[tuple[str, int], str]:
    """(table, row) -> the row's label as the domain views read it (indikator or nama)."""
    labels: dict[tuple[str, int], str] = {}
    items: list[Indicator | BudgetLine] = [*doc.indicators, *doc.budget_lines]
    for item in items:
        label = item.indikator if isinstance(item, Indicator) else item.nama
        labels.setdefault((item.table, item.row_index), " ".join(label.split()))
    return labels


def _row_label(table: Table, r: int, labels: dict[tuple[str, int], str], col: int) -> str | None:
    if (table.id, r) in labels:
        return labels[(table.id, r)]
    texts = [c.raw for i, c in enumerate(table.rows[r].cells) if i != col and c.kind == "text"]
    return short(max(texts, key=len), 80) if texts else None


def check_tables(doc: Document) -> list[Finding]:
    labels = _row_labels(doc)
    out: list[Finding] = []
    for table in doc.tables:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if cell.kind != "malformed":
                    continue
                reason = parse_cell_text(cell.raw).reason or GENERIC_REASON
                column = table.columns[c] if c < len(table.columns) else None
                raw = " ".join(cell.raw.split())
                ref = CellRef.at(table, r, c)
                out.append(Finding.of(
                    "malformed_number.table", {"raw": raw, "table": table.id, **reason_params(reason)},
                    rule=ID, severity="warning", table=table.id,
                    row=_row_label(table, r, labels, c), field=column, stated=raw,
                    page=ref.page or table.page, line=ref.line, cells=[ref],
                ))
    return out


def check_prose(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for para in doc.paragraphs:
        for fig in find_figures(para.text):
            if fig.parsed.kind != "malformed":
                continue
            reason = fig.parsed.reason or GENERIC_REASON
            raw = " ".join(fig.raw.split())
            quoted = quote(para.text, fig)
            out.append(Finding.of(
                "malformed_number.prose", {"raw": raw, "quoted": quoted, **reason_params(reason)},
                rule=ID, severity="warning", stated=raw, page=para.page, line=para.line,
            ))
    return out


def check(doc: Document) -> list[Finding]:
    return check_tables(doc) + check_prose(doc)


RULE = Rule(
    id=ID,
    description_id="Angka yang tercetak dalam bentuk yang tidak mungkin (mis. '4.424.1981.783').",
    description_en="Figures printed in an impossible form (e.g. '4.424.1981.783').",
    check=check,
)
