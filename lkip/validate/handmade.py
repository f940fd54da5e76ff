"""Small constructors for hand-made Documents (the rule tests use them; handy in a REPL too)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lkip.model import (
    BudgetLine,
    Cell,
    CellRef,
    Document,
    DocumentInfo,
    Indicator,
    Level,
    Paragraph,
    Provenance,
    Row,
    RowRole,
    ScaleBand,
    Source,
    SourceKind,
    Table,
    TableKind,
)
from lkip.normalize.numbers import parse_cell_text

CAPAIAN_COLUMNS = ("indikator", "target", "realisasi", "capaian", "kategori")


def cell(raw: str | None, *, page: int | None = None, line: int | None = None) -> Cell:
    """A cell read by the project's own parser, as the extract stage would make it."""
    text = raw or ""
    parsed = parse_cell_text(text)
    kind = parsed.kind if parsed.kind != "text" or text.strip() else "empty"
    return Cell(raw=text, kind=kind, number=parsed.number, unit=parsed.unit,
                prov=Provenance(page=page, line=line))


def new_doc(kind: SourceKind = "text", tahun: int | None = 2024) -> Document:
    return Document(source=Source(path="handmade.txt", sha256="0" * 64, kind=kind),
                    document=DocumentInfo(instansi="Dinas Contoh", tahun=tahun))


def _ref(table: Table, row: int, col: int) -> CellRef:
    return CellRef.at(table, row, col)


def add_capaian_table(
    doc: Document,
    table_id: str,
    rows: Sequence[Sequence[str | None] | Mapping[str, Any]],
    *,
    page: int = 1,
    first_line: int = 100,
    average: str | None = None,
    average_kategori: str | None = None,
    kind: TableKind = "capaian",
    title: str | None = None,
) -> Table:
    """A capaian table and its Indicators. A row is (indikator, target, realisasi, capaian,
    kategori) raw texts (None = empty), or a mapping with those keys plus satuan, year,
    smaller_is_better. ``average`` adds an average row ('Nilai rata-rata : 97%')."""
    table = Table(id=table_id, kind=kind, columns=list(CAPAIAN_COLUMNS), page=page, title=title)
    specs: list[dict[str, Any]] = []
    for i, spec in enumerate(rows):
        data = dict(spec) if isinstance(spec, Mapping) else dict(zip(CAPAIAN_COLUMNS, spec, strict=False))
        line = first_line + i
        cells = [cell(data.get(col), page=page, line=line) for col in CAPAIAN_COLUMNS]
        table.rows.append(Row(cells=cells, role="data", prov=Provenance(page=page, line=line)))
        specs.append(data)
    if average is not None:
        line = first_line + len(rows)
        cells = [cell("Nilai rata-rata Indikator :", page=page, line=line),
                 cell(average, page=page, line=line), cell(average_kategori, page=page, line=line)]
        table.rows.append(Row(cells=cells, role="average", prov=Provenance(page=page, line=line)))
    doc.tables.append(table)
    for i, data in enumerate(specs):
        refs = {col: _ref(table, i, j) for j, col in enumerate(CAPAIAN_COLUMNS)
                if j > 0 and table.rows[i].cells[j].kind != "empty"}
        cells = table.rows[i].cells
        doc.indicators.append(Indicator(
            table=table_id, row_index=i, indikator=data.get("indikator") or "",
            satuan=data.get("satuan"), kategori=data.get("kategori"), page=page,
            smaller_is_better=bool(data.get("smaller_is_better", False)), year=data.get("year"),
            polarity_from=data.get("polarity_from", "marker" if "smaller_is_better" in data
                                   else "default"),
            refs=refs, target=cells[1].value, realisasi=cells[2].value, capaian=cells[3].value,
        ))
    return table


BudgetSpec = tuple[Level, str, int | None, Sequence[str | None]] | tuple[
    Level, str, int | None, Sequence[str | None], str | None]


def add_budget_table(
    doc: Document,
    table_id: str,
    columns: Sequence[str],
    lines: Sequence[BudgetSpec],
    *,
    page: int = 1,
    first_line: int = 200,
    kind: TableKind = "anggaran",
) -> Table:
    """A budget table and its BudgetLines. ``columns`` are BudgetLine fields ('anggaran',
    'realisasi', ...); a line is (level, nama, parent, values[, kode]) where parent is the index of
    the parent line within this table (None at the top) and values are raw texts per column."""
    table = Table(id=table_id, kind=kind, columns=["kode", "nama", *columns], page=page)
    offset = len(doc.budget_lines)
    doc.tables.append(table)
    for i, spec in enumerate(lines):
        level, nama, parent, values = spec[0], spec[1], spec[2], spec[3]
        kode = spec[4] if len(spec) > 4 else None
        line = first_line + i
        role: RowRole = "total" if level == "total" else "data"
        cells = [cell(kode, page=page, line=line), cell(nama, page=page, line=line)]
        cells += [cell(v, page=page, line=line) for v in values]
        table.rows.append(Row(cells=cells, role=role, prov=Provenance(page=page, line=line)))
        refs: dict[str, CellRef] = {}
        amounts: dict[str, float | None] = {}
        for j, col in enumerate(columns):
            c = cells[j + 2]
            if c.kind != "empty":
                refs[col] = _ref(table, i, j + 2)
            amounts[col] = c.value
        budget_line = BudgetLine(
            table=table_id, row_index=i, kode=kode, nama=nama, level=level, page=page,
            parent=None if parent is None else offset + parent, refs=refs,
        )
        for name, amount in amounts.items():
            setattr(budget_line, name, amount)
        doc.budget_lines.append(budget_line)
    return table


def add_scale(
    doc: Document,
    bands: Sequence[tuple[str, float | None, float | None, bool, bool]],
    *,
    table: str = "Tabel 3.1",
    page: int = 1,
) -> None:
    """Rating scale bands: (label, lower, upper, lower_inclusive, upper_inclusive)."""
    for label, lower, upper, lower_inc, upper_inc in bands:
        doc.scale.append(ScaleBand(label=label, lower=lower, upper=upper, lower_inclusive=lower_inc,
                                   upper_inclusive=upper_inc, table=table, page=page))


def add_paragraph(doc: Document, text: str, *, page: int = 1, line: int = 500,
                  after_table: str | None = None) -> Paragraph:
    para = Paragraph(text=text, page=page, line=line, line_end=line + text.count("\n"),
                     after_table=after_table)
    doc.paragraphs.append(para)
    return para
