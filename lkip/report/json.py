"""The JSON report: the documented contract plus every trace back to page, line and cell."""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import BaseModel

from lkip.model import Cell, Document, Finding, Row, Table
from lkip.report.summary import message, nomenklatur_info, rule_counts, severity_counts

TABLE_KEYS = ("id", "title", "kind", "page", "columns")
INDICATOR_KEYS = ("table", "sasaran", "indikator", "satuan", "target", "realisasi", "capaian",
                  "kategori", "page")
BUDGET_KEYS = ("table", "kode", "nama", "level", "pagu_sebelum", "pagu_sesudah", "anggaran",
               "realisasi", "persen", "efisiensi", "page")
FINDING_KEYS = ("rule", "severity", "table", "row", "field", "stated", "expected", "message",
                "page")


def _clean(obj: Any) -> Any:
    """Numbers as JSON can carry them: NaN/inf -> null, whole floats -> int (4424198783, not .0)."""
    if isinstance(obj, float):
        if not math.isfinite(obj):
            return None
        return int(obj) if obj.is_integer() and abs(obj) < 2**53 else obj
    if isinstance(obj, dict):
        return {key: _clean(value) for key, value in obj.items()}
    if isinstance(obj, list | tuple):
        return [_clean(value) for value in obj]
    return obj


def _ordered(data: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    """The contract's keys first, in its order, then every other field of the model as an extra."""
    return {**{key: data.pop(key) for key in first}, **data}


def _cell(cell: Cell) -> dict[str, Any]:
    data = cell.model_dump()
    return {"raw": data.pop("raw"), "value": cell.value, **data.pop("prov"), **data}


def _row_info(row: Row) -> dict[str, Any]:
    data = row.model_dump(exclude={"cells"})
    return {**data.pop("prov"), **data}


def _table(table: Table) -> dict[str, Any]:
    data = _ordered(table.model_dump(exclude={"rows"}), TABLE_KEYS)
    data["rows"] = [[cell.raw for cell in row.cells] for row in table.rows]
    data["row_info"] = [_row_info(row) for row in table.rows]  # role, page, line of each row
    data["cells"] = [[_cell(cell) for cell in row.cells] for row in table.rows]
    return data


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    data = finding.model_dump()
    data["message_id"] = data["message"]
    data["message"] = message(finding, lang)
    return _ordered(data, FINDING_KEYS)


def _dump(model: BaseModel, first: tuple[str, ...]) -> dict[str, Any]:
    return _ordered(model.model_dump(), first)


def _coverage(doc: Document) -> dict[str, Any] | None:
    """How much of a PDF was read: its pages, the pages read whole, the pages that failed and
    why (English); None for text and images."""
    src = doc.source
    if not src.kind.startswith("pdf") or src.pages is None:
        return None
    failed = {str(n): why for n, why in sorted(src.page_notes.items()) if n <= src.pages}
    return {"pages_in_file": src.pages_in_file if src.pages_in_file is not None else src.pages,
            "pages_read": src.pages - len(failed), "pages_failed": failed}


def to_contract(doc: Document, lang: str = "id") -> dict[str, Any]:
    """The document as the JSON contract describes it; messages in ``lang`` ('id' or 'en')."""
    return _clean({
        "lkip_version": doc.lkip_version,
        "lang": lang,
        "source": doc.source.model_dump(),
        "coverage": _coverage(doc),
        "document": doc.document.model_dump(),
        "summary": {"by_severity": severity_counts(doc), "by_rule": rule_counts(doc)},
        "nomenklatur": nomenklatur_info(doc, lang),
        "tables": [_table(t) for t in doc.tables],
        "indicators": [_dump(i, INDICATOR_KEYS) for i in doc.indicators],
        "budget_lines": [_dump(b, BUDGET_KEYS) for b in doc.budget_lines],
        "scale": [band.model_dump() for band in doc.scale],
        "findings": [_finding(f, lang) for f in doc.findings],
    })


def render_json(doc: Document, lang: str = "id", indent: int | None = 2) -> str:
    """The contract as JSON text (``indent=None`` for one line, as in JSON Lines)."""
    return json.dumps(to_contract(doc, lang), ensure_ascii=False, indent=indent, allow_nan=False)
