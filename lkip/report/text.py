"""The terminal summary: who and what was read, counts, then every finding on a few lines."""

from __future__ import annotations

import textwrap

from lkip.i18n import kind_label, label, severity_label
from lkip.model import Document
from lkip.report.summary import (
    counts_line,
    coverage_note,
    grouped_findings,
    location_parts,
    message,
    nomenklatur_line,
    rule_counts,
    stated_expected,
)
from lkip.validate.arith import fmt_num

WIDTH = 100
SHA_SHORT = 12


def _wrap(text: str, first: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent,
                         break_on_hyphens=False)


def _pack(parts: list[str], first: str, indent: str, sep: str = " · ") -> list[str]:
    """Parts joined by ``sep`` on as few lines as fit, breaking between parts where possible."""
    lines: list[str] = []
    current: list[str] = []
    prefix = first
    for part in [*parts, None]:
        if current and (part is None or len(prefix + sep.join([*current, part])) > WIDTH):
            text = prefix + sep.join(current)
            lines += _wrap(text, "", indent) if len(text) > WIDTH else [text]
            current, prefix = [], indent
        if part is not None:
            current.append(part)
    return lines


def _field(name: str, value: str, width: int = 15) -> str:
    return "\n".join(_wrap(value, f"{name:<{width}} ", " " * (width + 1)))


def source_line(doc: Document, lang: str) -> str:
    """'teks · sha256 1a2b3c4d5e6f · 42 halaman' — the source in one line."""
    parts = [kind_label(doc.source.kind, lang), f"sha256 {doc.source.sha256[:SHA_SHORT]}"]
    if doc.source.pages is not None:
        parts.append(f"{doc.source.pages} {label('pages', lang).lower()}")
    return " · ".join(parts)


def render_text(doc: Document, lang: str = "id", coverage: bool = True) -> str:
    """The plain-text summary printed by ``lkip check`` (without the warning that the file was
    read in part when ``coverage`` is False: the email's text body has it above)."""
    unknown = label("unknown", lang)
    tahun = str(doc.document.tahun) if doc.document.tahun is not None else unknown
    out = [
        f"{label('title', lang)} — {doc.source.path}",
        *(_wrap(f"!! {note}", "", "   ") if coverage and (note := coverage_note(doc, lang))
          else []),
        _field(label("instansi", lang), doc.document.instansi or unknown),
        _field(label("tahun", lang), tahun),
        _field(label("source", lang), source_line(doc, lang)),
        _field(label("tables", lang),
               f"{fmt_num(len(doc.tables))} · {label('indicators', lang)} "
               f"{fmt_num(len(doc.indicators))} · {label('budget_lines', lang)} "
               f"{fmt_num(len(doc.budget_lines))}"),
        _field(label("nomenklatur", lang), nomenklatur_line(doc, lang)),
        _field(label("findings", lang), counts_line(doc, lang)),
    ]
    rules = rule_counts(doc)
    if rules:
        out.append(_field(label("by_rule", lang),
                          ", ".join(f"{rule} {n}" for rule, n in rules.items())))
    groups = grouped_findings(doc)
    out += ["", f"{label('findings', lang)}:" if groups else label("no_findings", lang)]
    indent = " " * 5
    n = 0
    for severity, findings in groups:
        tag = severity_label(severity, lang).upper()
        for finding in findings:
            n += 1
            head = location_parts(finding, lang) or [""]
            head[0] = f"{tag} [{finding.rule}] {head[0]}".rstrip()
            out += _pack(head, f"{n:>3}. ", indent)
            if finding.stated is not None or finding.expected is not None:
                stated, expected = stated_expected(finding, doc)
                out += _pack([f"{label('stated', lang)}: {stated}",
                              f"{label('expected', lang)}: {expected}"], indent, indent)
            if finding.arithmetic:
                out += _wrap(f"{label('arithmetic', lang)}: {finding.arithmetic}", indent, indent)
            out += _wrap(message(finding, lang), indent, indent)
    return "\n".join(out) + "\n"
