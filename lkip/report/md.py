"""The Markdown report: summary, findings by severity, then the tables as the tool read them."""

from __future__ import annotations

import re

from lkip.i18n import kind_label, label, severity_label
from lkip.model import Document, Table
from lkip.report.summary import (
    counts_line,
    coverage_note,
    grouped_findings,
    location,
    message,
    nomenklatur_line,
    rule_counts,
    stated_expected,
    table_width,
)
from lkip.validate.arith import fmt_num

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def esc(text: object) -> str:
    """Text safe inside a Markdown line or table cell: one line, specials backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _table_md(table: Table, lang: str) -> list[str]:
    head = f"### {esc(table.id)}" + (f" — {esc(table.title)}" if table.title else "")
    meta: list[str] = [table.kind]
    if table.page is not None:
        meta.append(f"{label('page', lang).lower()} {table.page}")
    out = [head, "", f"_{esc(' · '.join(meta))}_", ""]
    width = table_width(table)
    if width == 0:
        return out
    columns = [*table.columns, *[""] * (width - len(table.columns))]
    names = [esc(c) or f"{label('column', lang)} {i}" for i, c in enumerate(columns, 1)]
    out.append("| # | " + " | ".join(names) + " |")
    out.append("|---:|" + "---|" * width)
    for n, row in enumerate(table.rows, 1):
        cells = [esc(c.raw) for c in row.cells] + [""] * (width - len(row.cells))
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    return [*out, ""]


def render_md(doc: Document, lang: str = "id") -> str:
    """The whole report as Markdown, numbers formatted the Indonesian way."""
    unknown = label("unknown", lang)
    src, info = doc.source, doc.document
    rows = [
        (label("instansi", lang), esc(info.instansi or unknown)),
        (label("tahun", lang), str(info.tahun) if info.tahun is not None else unknown),
        (label("path", lang), esc(src.path)),
        (label("sha256", lang), f"`{src.sha256}`"),
        (label("kind", lang), kind_label(src.kind, lang)),
    ]
    if src.pages is not None:
        rows.append((label("pages", lang), fmt_num(src.pages)))
    rows.append((f"{label('tables', lang)} / {label('indicators', lang)} / "
                 f"{label('budget_lines', lang)}",
                 " / ".join(fmt_num(len(x))
                            for x in (doc.tables, doc.indicators, doc.budget_lines))))
    rows.append((label("nomenklatur", lang), esc(nomenklatur_line(doc, lang))))
    out = [f"# {label('title', lang)}", ""]
    note = coverage_note(doc, lang)
    if note:
        out += [f"> **{label('coverage.partial', lang)}:** {esc(note)}", ""]
    out += [f"## {label('summary', lang)}", ""]
    out += ["| | |", "|---|---|"]
    out += [f"| {name} | {value} |" for name, value in rows]
    out += ["", f"**{label('findings', lang)}:** {counts_line(doc, lang)}", ""]
    rules = rule_counts(doc)
    if rules:
        out += [f"| {label('rule', lang)} | n |", "|---|---:|"]
        out += [f"| {esc(rule)} | {fmt_num(n)} |" for rule, n in rules.items()]
        out.append("")

    out += [f"## {label('findings', lang)}", ""]
    groups = grouped_findings(doc)
    if not groups:
        out += [label("no_findings", lang), ""]
    for severity, findings in groups:
        out += [f"### {severity_label(severity, lang)} ({len(findings)})", ""]
        for n, finding in enumerate(findings, 1):
            where = location(finding, lang)
            out.append(f"{n}. **{esc(finding.rule)}**" + (f" — {esc(where)}" if where else ""))
            if finding.stated is not None or finding.expected is not None:
                stated, expected = stated_expected(finding, doc)
                out.append(f"   - {label('stated', lang)}: **{esc(stated)}** · "
                           f"{label('expected', lang)}: **{esc(expected)}**")
            if finding.arithmetic:
                out.append(f"   - {label('arithmetic', lang)}: {esc(finding.arithmetic)}")
            out.append(f"   - {esc(message(finding, lang))}")
        out.append("")

    out += [f"## {label('tables_as_read', lang)}", ""]
    out += [f"_{label('tables_as_read_note', lang)}_", ""]
    if not doc.tables:
        out += [label("no_tables", lang), ""]
    for table in doc.tables:
        out += _table_md(table, lang)
    out.append(f"_{label('generated_by', lang)} lkip {esc(doc.lkip_version)}_")
    return "\n".join(out) + "\n"
