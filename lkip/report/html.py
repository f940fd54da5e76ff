"""The HTML review report: one self-contained, printable file rendered from a Jinja2 template."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from lkip.i18n import LABELS, kind_label, label, severity_label
from lkip.model import Document, Finding
from lkip.report.crops import Pictures, pictures
from lkip.report.score import consistency
from lkip.report.summary import (
    coverage_note,
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
from lkip.validate.base import FIELD_EN, FIELD_ID, LEVEL_EN, LEVEL_ID
from lkip.validate.registry import RULES
from lkip.vocabulary import table_name

TEMPLATES = Path(__file__).parent / "templates"


@cache
def env() -> jinja2.Environment:
    """The Jinja2 environment of every HTML template (report and email body)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every text from the report is escaped, whatever the template name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def rule_description(rule: str, lang: str) -> str:
    """What a rule checks, in words: a registered rule's description, else the label of a rule
    run across reports (``cross_year``), else its id."""

    for known in RULES:
        if known.id == rule:
            return known.description_en if lang == "en" else known.description_id
    return label(f"rule.{rule}", lang) if f"rule.{rule}" in LABELS else rule


def field_label(field: str | None, lang: str) -> str | None:
    """A finding's field in words ('capaian', 'persentase realisasi')."""

    if field is None:
        return None
    return (FIELD_EN if lang == "en" else FIELD_ID).get(field, field.replace("_", " "))


def score_context(doc: Document, lang: str) -> dict[str, Any]:
    """The consistency score, its sentence and its formula, worded in ``lang``."""
    score = consistency(doc)
    figures = {"checked": fmt_num(score.checked), "errors": fmt_num(score.errors),
               "warnings": fmt_num(score.warnings)}
    if score.value is None:
        return {"value": None, "text": label("score.none", lang), "formula": ""}
    return {"value": fmt_num(score.value, 1) + "%",
            "text": label("score.text", lang).format(**figures),
            "formula": label("score.formula", lang).format(**figures)}


def finding_items(doc: Document, lang: str, pics: Pictures | None = None,
                  anchors: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Every finding worded for display, grouped by severity: [{severity, label, findings}]."""
    anchors = anchors or {}
    index = {id(f): n for n, f in enumerate(doc.findings)}
    groups, number = [], 0
    for severity, findings in grouped_findings(doc):
        items = []
        for finding in findings:
            number += 1
            items.append(_finding_item(doc, finding, number, index[id(finding)], lang, pics,
                                       anchors))
        groups.append({"severity": severity, "label": severity_label(severity, lang),
                       "findings": items})
    return groups


def _finding_item(doc: Document, finding: Finding, number: int, n: int, lang: str,
                  pics: Pictures | None, anchors: dict[str, str]) -> dict[str, Any]:
    stated, expected = stated_expected(finding, doc)
    crops = pics.by_finding.get(n, []) if pics else []
    reason = None
    if pics is not None and not crops and n in pics.reason:  # the document's reason is said once
        reason = label(pics.reason[n], lang)
    return {
        "n": number,
        "severity": finding.severity,
        "severity_label": severity_label(finding.severity, lang),
        "rule": finding.rule,
        "where": location(finding, lang),
        "table": table_name(finding.table, lang),
        "row": finding.row,
        "field": field_label(finding.field, lang),
        "page": finding.page,
        "line": finding.line,
        "anchor": anchors.get(finding.table or ""),
        "has_values": finding.stated is not None or finding.expected is not None,
        "stated": stated,
        "expected": expected,
        "arithmetic": finding.arithmetic,
        "message": message(finding, lang),
        "pictures": [{"uri": c.data_uri, "page": c.page, "width": c.css_width,
                      "caption": label("picture.caption", lang).format(page=c.page)}
                     for c in crops],
        "no_picture": reason,
    }


def _tables(doc: Document) -> list[dict[str, Any]]:
    anchors = {t.id: f"tabel-{n}" for n, t in enumerate(doc.tables, 1)}
    flags = flagged_cells(doc)
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
    return tables


def _nomenklatur(doc: Document, lang: str) -> list[dict[str, Any]]:

    levels = LEVEL_EN if lang == "en" else LEVEL_ID
    return [{"nama": b.nama, "kode_read": b.kode, "level": levels.get(b.level, b.level),
             "table": b.table, "page": b.page, "kode": b.nomenklatur.kode,
             "official": b.nomenklatur.nama, "score": fmt_num(b.nomenklatur.score, 0)}
            for b in doc.budget_lines if b.nomenklatur is not None]


def context(doc: Document, lang: str, pics: Pictures | None = None) -> dict[str, Any]:
    """Everything the templates show, already worded and formatted."""
    tables = _tables(doc)
    anchors = {t["id"]: t["anchor"] for t in tables}
    return {
        "lang": lang,
        "L": {key: label(key, lang) for key in LABELS},
        "version": doc.lkip_version,
        "today": dt.date.today().isoformat(),
        "nomenklatur": nomenklatur_line(doc, lang),
        "coverage": coverage_note(doc, lang),
        "doc": doc.document,
        "source": doc.source,
        "kind": kind_label(doc.source.kind, lang),
        "n_tables": fmt_num(len(doc.tables)),
        "n_indicators": fmt_num(len(doc.indicators)),
        "n_budget": fmt_num(len(doc.budget_lines)),
        "n_findings": len(doc.findings),
        "score": score_context(doc, lang),
        "counts": [{"severity": s, "label": severity_label(s, lang, plural=True), "n": n}
                   for s, n in severity_counts(doc).items()],
        "rules": [{"rule": rule, "n": n, "description": rule_description(rule, lang)}
                  for rule, n in rule_counts(doc).items()],
        "groups": finding_items(doc, lang, pics, anchors),
        "pictures_note": (label(pics.source_reason, lang)
                          if pics is not None and pics.source_reason and doc.findings else None),
        "tables": tables,
        "budget_matches": _nomenklatur(doc, lang),
    }


def render_html(doc: Document, lang: str = "id", source: Path | None = None,
                with_pictures: bool = True) -> str:
    """The whole report as one HTML page with inline CSS and images; all report text is escaped.

    For PDF input each finding gets a picture of its page region when the checked file is still
    at ``source`` (or at the path the document records) with the same sha256; otherwise the
    report says why there is none.
    """
    pics = pictures(doc, source) if with_pictures else None
    return env().get_template("report.html.j2").render(**context(doc, lang, pics))
