"""The HTML report: one self-contained, printable file rendered from a Jinja2 template."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from lkip.model import Document
from lkip.report.i18n import LABELS, kind_label, label, severity_label
from lkip.report.summary import (
    flagged_cells,
    grouped_findings,
    location,
    message,
    nomenklatur_line,
    rule_counts,
    severity_counts,
    stated_expected,
    table_width,
)
from lkip.validate.arith import fmt_num

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text from the report is escaped, whatever the template name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _context(doc: Document, lang: str) -> dict[str, Any]:
    """Everything the template shows, already worded and formatted."""
    anchors = {t.id: f"tabel-{n}" for n, t in enumerate(doc.tables, 1)}
    flags = flagged_cells(doc)
    groups = []
    for severity, findings in grouped_findings(doc):
        items = []
        for finding in findings:
            stated, expected = stated_expected(finding, doc)
            items.append({
                "rule": finding.rule,
                "where": location(finding, lang),
                "anchor": anchors.get(finding.table or ""),
                "has_values": finding.stated is not None or finding.expected is not None,
                "stated": stated,
                "expected": expected,
                "arithmetic": finding.arithmetic,
                "message": message(finding, lang),
            })
        groups.append({"severity": severity, "label": severity_label(severity, lang),
                       "findings": items})
    tables = []
    for table in doc.tables:
        width = table_width(table)
        columns = [*table.columns, *[""] * (width - len(table.columns))]
        rows = []
        for r, row in enumerate(table.rows):
            cells = [{"raw": c.raw, "kind": c.kind, "flag": flags.get((table.id, r, col))}
                     for col, c in enumerate(row.cells)]
            cells += [{"raw": "", "kind": "empty", "flag": None}] * (width - len(row.cells))
            rows.append({"n": r + 1, "role": row.role, "page": row.prov.page, "cells": cells})
        tables.append({"id": table.id, "anchor": anchors[table.id], "title": table.title,
                       "kind": table.kind, "page": table.page, "columns": columns,
                       "rows": rows})
    return {
        "lang": lang,
        "L": {key: label(key, lang) for key in LABELS},
        "version": doc.lkip_version,
        "nomenklatur": nomenklatur_line(doc, lang),
        "doc": doc.document,
        "source": doc.source,
        "kind": kind_label(doc.source.kind, lang),
        "n_tables": fmt_num(len(doc.tables)),
        "n_indicators": fmt_num(len(doc.indicators)),
        "n_budget": fmt_num(len(doc.budget_lines)),
        "counts": [{"severity": s, "label": severity_label(s, lang, plural=True), "n": n}
                   for s, n in severity_counts(doc).items()],
        "rules": list(rule_counts(doc).items()),
        "groups": groups,
        "tables": tables,
    }


def render_html(doc: Document, lang: str = "id") -> str:
    """The whole report as one HTML page with inline CSS; all report text is escaped."""
    return _env().get_template("report.html.j2").render(**_context(doc, lang))
