"""Ruled tables of a PDF page read from their grid, and put in place of the text reading where the
grid reads more of the table.

The text reader rebuilds a table from laid-out lines; where a table is ruled, its drawn grid says
outright which words share a cell (a kategori wrapped over two lines, a name over three) and
which header cells stand over which columns. ``grid_table`` reads a ``GridTable`` (lkip.extract
.grid) into the model's ``Table``: its header cells merged into one path per column, each path
read into a role (lkip.extract.column_roles), its body rows into cells with their raw text, page
and the laid-out lines and columns their characters stand on (so the PDF reader gives them their
boxes as for any cell). ``improve_with_grid`` puts such a table in place of the text table it
covers only when more of its rows are understood (an indicator with target and realisasi or
capaian, a budget line with anggaran and realisasi or %): where both read the same, the text
reading stays.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lkip.extract.column_roles import MEASURES, column_name, role_of
from lkip.extract.grid import GridCell, GridTable, find_tables
from lkip.extract.kinds import classify
from lkip.extract.layout import CharBox
from lkip.extract.row_sections import _AVERAGE, _TOTAL
from lkip.model import Box, Cell, Document, Provenance, Row, RowRole, Table, union
from lkip.normalize.numbers import parse_cell_text

log = logging.getLogger(__name__)

Boxes = dict[int, list[CharBox]]  # line number of the laid-out text -> its characters' boxes
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_LABEL_ROLES = ("indikator", "uraian", "sasaran")
MIN_OVERLAP = 0.5  # of the smaller height: a grid and a text table this much one above the other


@dataclass
class _Column:
    index: int  # grid column
    role: str | None
    name: str  # the model's column name


def header_paths(grid: GridTable) -> list[list[str]]:
    """For each grid column, the texts of the header cells above it, top to bottom (a cell that
    spans several header rows once)."""
    paths: list[list[str]] = [[] for _ in range(grid.n_cols)]
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        if cell.row >= grid.header_rows or not cell.text.strip():
            continue
        for c in range(cell.col, min(cell.col + cell.col_span, grid.n_cols)):
            paths[c].append(cell.text.strip())
    return paths


def _columns(grid: GridTable, tahun: int | None) -> list[_Column]:
    out: list[_Column] = []
    seen: set[str] = set()
    for c, path in enumerate(header_paths(grid)):
        role, year = role_of(path)
        name = column_name(role, year, tahun) if role else f"kolom_{c + 1}"
        while name in seen:
            name += "_b"
        seen.add(name)
        out.append(_Column(c, role, name))
    return out


def _unread_figures(grid: GridTable, cols: list[_Column]) -> bool:
    """Whether a column whose header names nothing lkip reads holds figures in most body rows:
    the grid's reading would drop them, so it cannot be the better one."""
    for col in cols:
        if col.role is not None:
            continue
        body = [c for c in grid.cells if c.col == col.index and c.row >= grid.header_rows
                and c.col_span == 1 and c.text.strip()]
        figures = sum(parse_cell_text(c.text).number is not None for c in body)
        if figures >= 2 and figures * 2 > len(body):
            return True
    return False


def _start_cells(grid: GridTable) -> dict[int, dict[int, GridCell]]:
    """Row -> column -> the cell that starts there."""
    out: dict[int, dict[int, GridCell]] = {}
    for cell in grid.cells:
        out.setdefault(cell.row, {})[cell.col] = cell
    return out


class Locator:
    """Finds the laid-out characters a cell's box holds: its (line, start, end) pieces."""

    def __init__(self, boxes: Boxes, page_lines: dict[int, range]) -> None:
        self.boxes = boxes
        self.page_lines = page_lines

    def pieces(self, page: int, box: tuple[float, float, float, float] | None
               ) -> list[tuple[int, int, int]]:
        if box is None:
            return []
        x0, top, x1, bottom = box
        out = []
        for line in self.page_lines.get(page, range(0)):
            cols = [c[0] for c in self.boxes.get(line, ())
                    if x0 - 0.5 <= (c[1] + c[3]) / 2 <= x1 + 0.5
                    and top - 0.5 <= (c[2] + c[4]) / 2 <= bottom + 0.5]
            if cols:
                out.append((line, min(cols), max(cols) + 1))
        return out


def _cell(text: str, role: str | None, page: int, pieces: list[tuple[int, int, int]]) -> Cell:
    text = " ".join(text.split())
    prov = Provenance.of_pieces(page, pieces) if pieces else Provenance(page=page)
    if not text:
        return Cell(raw="", kind="empty", prov=prov)
    if role in MEASURES:
        parsed = parse_cell_text(text)
        return Cell(raw=text, kind=parsed.kind, number=parsed.number, unit=parsed.unit, prov=prov)
    return Cell(raw=text, kind="text", prov=prov)


def _role_of_row(label: str, texts: list[str], measured: bool, spans_all: bool) -> RowRole:
    if len(texts) >= 3 and all(_NUMBERING.match(t) for t in texts):
        numbers = [int(t.strip("()")) for t in texts]
        if numbers == sorted(numbers) and len(set(numbers)) == len(numbers):
            return "numbering"
    if _TOTAL.match(label):
        return "total"
    if _AVERAGE.match(label):
        return "average"
    if spans_all or not measured:
        return "section"
    return "data"


def grid_table(grids: list[GridTable], tahun: int | None, locate: Locator, like: Table
               ) -> Table | None:
    """One table read from the grids of its pages (the first one's header names the columns; a
    continuation page's grid must repeat it or have none), with ``like``'s id, caption and title;
    None when the header names no figure column or a continuation does not fit."""
    first = grids[0]
    if first.header_rows == 0:
        return None
    cols = _columns(first, tahun)
    if not any(c.role in MEASURES for c in cols) or _unread_figures(first, cols):
        return None
    roles = [c.role for c in cols]
    label_col = next((c for r in _LABEL_ROLES for c in cols if c.role == r), None)
    if label_col is None:
        label_col = next((c for c in cols if c.role is None and not c.name.startswith("kolom")), None)
    if label_col is None:
        return None
    no_col = next((c for c in cols if c.role == "no"), None)
    kode_col = next((c for c in cols if c.role == "kode"), None)
    kategori = next((c for c in cols if c.name == "kategori"), None)
    measures = [c for c in cols if c.role in MEASURES]
    extra = [c for c in cols if c not in measures and c not in (label_col, no_col, kode_col, kategori)
             and c.role is not None]
    names = ["no", "uraian"] + [c.name for c in measures] + [c.name for c in extra] + [
        "kategori" if kategori else "keterangan"]
    rows: list[Row] = []
    for n, grid in enumerate(grids):
        start = first.header_rows
        if n:
            if grid.n_cols != first.n_cols:
                return None
            if grid.header_rows and [role_of(p)[0] for p in header_paths(grid)] != roles:
                return None
            start = grid.header_rows
        rows += _rows(grid, start, cols, label_col, no_col, kode_col, measures, extra, kategori,
                      locate)
    header_text = " | ".join(" ".join(p) for p in header_paths(first))
    kind = classify(header_text, like.title or "", 0)
    undated = {c.name for c in measures}
    if kind == "comparison" and {"target", "realisasi", "capaian"} <= undated:
        kind = "capaian"
    header = [" | ".join(c.text.strip() for c in sorted(first.cells, key=lambda c: c.col)
                         if c.row == r and c.text.strip()) for r in range(first.header_rows)]
    return Table(id=like.id, caption_raw=like.caption_raw, title=like.title, kind=kind,
                 columns=names, header=[h for h in header if h], rows=rows, page=like.page,
                 prov=like.prov.model_copy())


def _rows(grid: GridTable, start: int, cols: list[_Column], label_col: _Column,
          no_col: _Column | None, kode_col: _Column | None, measures: list[_Column],
          extra: list[_Column], kategori: _Column | None, locate: Locator) -> list[Row]:
    starts = _start_cells(grid)
    out: list[Row] = []
    for r in range(start, grid.n_rows):
        here = starts.get(r, {})
        texts = [c.text.strip() for c in here.values() if c.text.strip()]
        if not texts:
            continue

        def cell_of(col: _Column | None, here: dict[int, GridCell] = here) -> Cell:
            if col is None or col.index not in here:
                return Cell(raw="", kind="empty", prov=Provenance(page=grid.page))
            g = here[col.index]
            return _cell(g.text, col.role, grid.page, locate.pieces(grid.page, g.box))

        label = cell_of(label_col)
        kode = cell_of(kode_col)
        if kode.raw:  # the views read a budget line's code from the front of its name
            label = Cell(raw=f"{kode.raw} {label.raw}".strip(), kind="text",
                         prov=Provenance.of_pieces(grid.page, kode.prov.pieces + label.prov.pieces))
        number = cell_of(no_col)
        if not label.raw:  # a heading across the table, or a label in a column with no role
            wide = max(here.values(), key=lambda c: c.col_span)
            if wide.col_span > 1 or not any(c.index in here for c in measures):
                label = _cell(wide.text, None, grid.page, locate.pieces(grid.page, wide.box))
                if no_col is not None and here.get(no_col.index) is wide:
                    number = Cell(raw="", kind="empty", prov=Provenance(page=grid.page))
        cells = [number, label] + [cell_of(c) for c in measures] + [
            cell_of(c) for c in extra] + [cell_of(kategori)]
        measured = any(c.number is not None for c in cells[2:2 + len(measures)])
        spans_all = len(here) == 1 and next(iter(here.values())).col_span >= grid.n_cols - 1
        role = _role_of_row(label.raw, texts, measured, spans_all)
        lines = [p[0] for c in cells for p in c.prov.pieces]
        prov = Provenance(page=grid.page, line=min(lines) if lines else None)
        row = Row(cells=cells, role=role, prov=prov, line_end=max(lines) if lines else None)
        row.ambiguous = _unsure_capaian(row, [c.name for c in measures])
        out.append(row)
    return out


def _unsure_capaian(row: Row, names: list[str]) -> list[str]:
    """A capaian beside a negative target and realisasi (a decrease written as '-1,00'): the
    table does not say whether it is realisasi / target or the smaller-is-better formula, and a
    ratio of two such small rounded figures is not exact either, so the capaian is not certain."""
    values = {n: row.cells[2 + k].value for k, n in enumerate(names)}
    target, real = values.get("target"), values.get("realisasi")
    if "capaian" in values and target is not None and real is not None and target < 0 and real < 0:
        return ["capaian"]
    return []


# ---------------------------------------------------------------- what is understood

def _measure(table: Table, measure: str, tahun: int | None) -> int | None:
    """The column the views take for a measure (the report year's, else the only dated one)."""
    exact = table.column(measure, *([f"{measure}_{tahun}"] if tahun else []))
    if exact is not None:
        return exact
    dated = [c for c, n in enumerate(table.columns) if re.fullmatch(rf"{measure}_\d{{4}}", n)]
    return dated[-1] if len(dated) == 1 or (dated and measure == "realisasi") else None


def understood(table: Table, tahun: int | None) -> int:
    """Rows the views can make something of: an indicator with a target and its realisasi or
    capaian, a budget line with its anggaran and realisasi or %."""
    def has(row: Row, col: int | None) -> bool:
        return col is not None and row.cells[col].number is not None

    t, r, c = (_measure(table, m, tahun) for m in ("target", "realisasi", "capaian"))
    a = table.column("anggaran", "pagu_sesudah")
    ra, p = table.column("realisasi_anggaran"), table.column("persen")
    targets_only = table.kind == "target"
    count = 0
    for row in table.rows:
        if row.role not in ("data", "total") or len(row.cells) < 2 or not row.cells[1].raw.strip():
            continue
        if (has(row, t) and (targets_only or has(row, r) or has(row, c))) or (
                has(row, a) and (has(row, ra) or has(row, p))):
            count += 1
    return count


# ---------------------------------------------------------------- in place of the text tables

def _overlap(a: Box, b: tuple[float, float, float, float]) -> bool:
    inter = min(a.bottom, b[3]) - max(a.top, b[1])
    return inter > 0 and inter >= MIN_OVERLAP * min(a.bottom - a.top, b[3] - b[1])


def _page_boxes(table: Table) -> dict[int, Box]:
    """The box of a table's rows on each of its pages."""
    by_page: dict[int, list[Box | None]] = {}
    for row in table.rows:
        if row.prov.page is not None:
            by_page.setdefault(row.prov.page, []).append(row.prov.box)
    out = {}
    for page, boxes in by_page.items():
        box = union(boxes)
        if box is not None:
            out[page] = box
    return out


def improve_with_grid(doc: Document, path: Path, boxes: Boxes, page_lines: dict[int, range],
                      grids_of: Callable[[Path, list[int]], dict[int, list[GridTable]]] | None = None
                      ) -> int:
    """Put a ruled grid's reading in place of each text table it covers where it understands more
    rows; returns how many tables were replaced."""
    ocr = set(doc.source.ocr_pages)
    spans = {i: _page_boxes(t) for i, t in enumerate(doc.tables)}
    wanted = sorted({p for s in spans.values() for p in s} - ocr)
    if not wanted:
        return 0
    grids = (grids_of or ruled_grids)(path, wanted)
    claims: dict[tuple[int, int], list[int]] = {}  # (page, grid) -> text tables over it
    chosen: dict[int, list[tuple[int, int]]] = {}
    for i, span in spans.items():
        if not span or set(span) & ocr:
            continue
        picks = []
        for page, box in sorted(span.items()):
            hits = [k for k, g in enumerate(grids.get(page, [])) if _overlap(box, g.box)]
            if len(hits) != 1:
                log.debug("%s: %s page %d: %d ruled grids under it", path.name,
                          doc.tables[i].id, page, len(hits))
                break
            picks.append((page, hits[0]))
        else:
            chosen[i] = picks
            for pick in picks:
                claims.setdefault(pick, []).append(i)
    locate = Locator(boxes, page_lines)
    replaced = 0
    tahun = doc.document.tahun
    for i, picks in chosen.items():
        if any(len(claims[p]) > 1 for p in picks):
            continue  # one grid under several text tables: which is which is not certain
        old = doc.tables[i]
        new = grid_table([grids[p][k] for p, k in picks], tahun, locate, old)
        if new is None or not _may_become(old.kind, new.kind) or _misfit(new):
            log.debug("%s: %s: grid reading %s", path.name, old.id,
                      "none" if new is None else f"kind {new.kind} (text: {old.kind}) or misfit")
            continue
        before, after = understood(old, tahun), understood(new, tahun)
        log.debug("%s: %s: %d rows understood from the grid, %d from the text", path.name,
                  old.id, after, before)
        if after > before:
            log.info("%s: %s read from its ruled grid (%d rows understood, %d from the text;"
                     " kind %s, was %s)", path.name, old.id, after, before, new.kind, old.kind)
            doc.tables[i] = new
            replaced += 1
    return replaced


def _may_become(old: str, new: str) -> bool:
    """Whether the grid's reading may stand for a text table of kind ``old``: the same kind, or
    any kind for a table the text reader could give none."""
    return new == old or old == "other"


def _misfit(table: Table) -> bool:
    """Whether the grid does not fit the words: figures of neighbouring cells glued into one
    (a malformed figure) show words that run across its column boundaries."""
    return any(c.kind == "malformed" for row in table.rows for c in row.cells[2:])


def ruled_grids(path: Path, pages: list[int]) -> dict[int, list[GridTable]]:
    """The ruled tables of the given pages of a PDF."""
    import pdfplumber

    out: dict[int, list[GridTable]] = {}
    with pdfplumber.open(path) as pdf:
        for number in pages:
            if number > len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            out[number] = [g for g in find_tables(page) if g.ruled]
            page.flush_cache()
    return out
