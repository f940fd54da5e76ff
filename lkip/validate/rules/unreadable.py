"""Rule unreadable: figures read from a scan that stay uncertain after re-reading them.

Such a figure is reported for what it is — a value the tool could not read with confidence, with
its page and box so the reviewer can look — and no other rule may accuse the report on its
strength (the registry drops their findings that rest on it).
"""

from __future__ import annotations

from lkip.model import CellRef, Document, Finding
from lkip.validate.base import Rule, short

ID = "unreadable"


def check(doc: Document) -> list[Finding]:
    out: list[Finding] = [Finding.of(
        "unreadable.page", {"page": page, "why": why}, rule=ID, severity="warning", page=page,
    ) for page, why in sorted(doc.source.page_notes.items())]
    for table in doc.tables:
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                if not cell.unreadable:
                    continue
                ref = CellRef.at(table, r, c)
                column = table.columns[c] if c < len(table.columns) else None
                label = next((x.raw for x in row.cells if x.kind == "text"), None)
                conf = f"{cell.ocr_conf:.0f}" if cell.ocr_conf is not None else "?"
                out.append(Finding.of(
                    "unreadable.cell",
                    {"raw": cell.raw, "table": table.id, "page": ref.page, "conf": conf},
                    rule=ID, severity="info", table=table.id, row=short(label, 80) if label else None,
                    field=column, stated=cell.raw, page=ref.page or table.page, line=ref.line, cells=[ref],
                ))
    return out


def rests_on_unreadable(finding: Finding, doc: Document) -> bool:
    """Whether a finding of another rule uses a figure that could not be read with certainty."""
    for ref in finding.cells:
        cell = doc.cell(ref)
        if cell is not None and cell.unreadable:
            return True
    return False


RULE = Rule(
    id=ID,
    description_id="Angka dari hasil pindai yang tidak terbaca dengan pasti (tidak dipakai untuk "
                   "pemeriksaan).",
    description_en="Figures from a scan that could not be read with certainty (not used in any "
                   "check).",
    check=check,
)
