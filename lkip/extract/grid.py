"""Generic tables of a PDF page from its text layer: where they are and their grid of (merged) cells.

Two ways to a grid, tried in this order on every page:

* **lattice** — ruling lines (drawn lines and rectangle sides) that cross each other draw a grid;
  slots not separated by a ruling are one merged cell (row/col spans). Words go to the cell
  that holds their centre, so text wrapped over several lines inside a cell stays one cell.
* **stream** — what is left of the page is read as text lines. Lines cut into several pieces by
  wide gaps are table-like; a run of them (with the short lines between them) is a candidate
  table. Its columns are the x-stretches that stay empty in (nearly) every table-like line;
  a word across such a gap spans the columns. Lines become rows, except lines that continue a
  cell above (a wrapped label, wrapped text in a text column) and header lines that continue
  the header line above in the same columns.

Pages whose text is mostly turned by 90 degrees are read in a turned frame and the boxes are
turned back, so a landscape table on a portrait page is found too.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Any

from pdfplumber.utils import extract_words

from lkip.extract.frame import Frame, frame_of, turned_chars
from lkip.extract.rulings import Lattice, Segment, lattices, ruling_edges, segments

if TYPE_CHECKING:
    import pdfplumber

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]
Word = dict[str, Any]

SEGMENT_GAP = 0.9  # x gap, in line heights, that cuts a text line into pieces (prose spaces are smaller)
MIN_COLUMN_GAP = 0.5  # narrowest column gutter, in line heights
BLOCK_BREAK = 2.6  # a vertical gap larger than this many line heights ends a candidate table
GRID_TOL = 3.5  # points: a gutter this close to a drawn column boundary is that boundary
PROSE_WORDS = 7.0  # mean words per cell above which a two-column "table" is running text
SPARSE = 0.35  # share of grid slots filled below which an unruled "table" is scattered labels
_NUMBER = re.compile(r"^[-–+(]?(rp\.?|\$|€|£)?[-–]?\d[\d.,\s]*%?\)?[*a-z]?$", re.IGNORECASE)


@dataclass
class GridCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""
    box: Box | None = None


@dataclass
class GridTable:
    page: int
    box: Box
    n_rows: int
    n_cols: int
    cells: list[GridCell]
    ruled: bool
    header_rows: int = 0


def _turned_edges(edges: list[dict], frame: Frame) -> list[dict]:
    out = []
    for e in edges:
        x0, top, x1, bottom = frame.to_frame((e["x0"], e["top"], e["x1"], e["bottom"]))
        out.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom})
    return out


# ---------------------------------------------------------------- entry point

def find_tables(page: pdfplumber.page.Page) -> list[GridTable]:
    """Every table on the page, top to bottom, with its grid of cells."""
    try:
        frame = frame_of(page)
        if frame.turn == "none":
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            edges = ruling_edges(page)
        else:
            words = extract_words(turned_chars(page, frame))
            edges = _turned_edges(ruling_edges(page), frame)
        tables = _find(words, edges, page.page_number)
    except Exception:  # noqa: BLE001 - a malformed page must not stop the document
        log.exception("table finding failed on page %s", getattr(page, "page_number", "?"))
        return []
    if frame.turn != "none":
        for t in tables:
            _turn_back(t, frame)
    tables.sort(key=lambda t: (t.box[1], t.box[0]))
    return tables


def _turn_back(table: GridTable, frame: Frame) -> None:
    table.box = frame.to_page(table.box)
    for c in table.cells:
        if c.box is not None:
            c.box = frame.to_page(c.box)


def _find(words: list[Word], edges: list[dict], page_number: int) -> list[GridTable]:
    words = [w for w in words if w["text"].strip() and w["x1"] > w["x0"] and w["bottom"] > w["top"]]
    h, v = segments(edges)
    tables: list[GridTable] = []
    taken: set[int] = set()
    for lattice in lattices(h, v):
        table, used = _lattice_table(lattice, words, page_number)
        if table is not None:
            tables.append(table)
            taken |= used
    free = [w for i, w in enumerate(words) if i not in taken]
    boxes = [t.box for t in tables]
    free = [w for w in free if not any(_inside(_centre(w), b) for b in boxes)]
    tables.extend(_stream_tables(free, h, page_number))
    return tables


# ---------------------------------------------------------------- small helpers

def _centre(w: Word) -> tuple[float, float]:
    return ((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)


def _inside(p: tuple[float, float], b: Box, tol: float = 0.5) -> bool:
    return b[0] - tol <= p[0] <= b[2] + tol and b[1] - tol <= p[1] <= b[3] + tol


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def _word_box(w: Word) -> Box:
    return (w["x0"], w["top"], w["x1"], w["bottom"])


def _text_of(words: list[Word]) -> str:
    """Words in reading order: lines top to bottom, each left to right, joined by spaces."""
    return " ".join(w["text"] for line in _lines(words) for w in line.words)


def is_number(text: str) -> bool:
    """A figure: digits with grouping, decimals, sign, percent, a currency sign or a footnote mark."""
    return bool(text) and bool(_NUMBER.match(text.strip()))


# ---------------------------------------------------------------- text lines

@dataclass
class _Line:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return self.words[0]["x0"]

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def height(self) -> float:
        return median(w["bottom"] - w["top"] for w in self.words)


def _lines(words: list[Word]) -> list[_Line]:
    """Words grouped into text lines (by vertical overlap), each sorted left to right."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        if lines and lines[-1].top <= mid <= lines[-1].bottom:
            line = lines[-1]
            line.words.append(w)
            line.top, line.bottom = min(line.top, w["top"]), max(line.bottom, w["bottom"])
        else:
            lines.append(_Line([w], w["top"], w["bottom"]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _pieces(line: _Line) -> list[list[Word]]:
    """The line cut at gaps wider than SEGMENT_GAP line heights."""
    gap = SEGMENT_GAP * line.height
    out: list[list[Word]] = [[line.words[0]]]
    for w in line.words[1:]:
        if w["x0"] - out[-1][-1]["x1"] > gap:
            out.append([w])
        else:
            out[-1].append(w)
    return out


# ---------------------------------------------------------------- lattice

def _lattice_table(lattice: Lattice, words: list[Word], page_number: int
                   ) -> tuple[GridTable | None, set[int]]:
    """The table drawn by a lattice, or None when it holds too little text to be a table."""
    box = lattice.box
    used = {i for i, w in enumerate(words) if _inside(_centre(w), box, tol=0)}
    mine = [words[i] for i in sorted(used)]
    if len(mine) < 2:
        return None, set()
    _add_text_gutters(lattice, mine)
    _add_stacked_rows(lattice, mine)
    xs, ys = lattice.xs, lattice.ys
    rects = lattice.cells()
    slot_of = {(r, c): index for index, (r0, c0, r1, c1) in enumerate(rects)
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    inside: dict[int, list[Word]] = {}
    for w in mine:
        x, y = _centre(w)
        r, c = _bisect(ys, y), _bisect(xs, x)
        if 0 <= r < len(ys) - 1 and 0 <= c < len(xs) - 1:
            inside.setdefault(slot_of[(r, c)], []).append(w)
    cells = [GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, _text_of(inside.get(index, [])),
                      (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
             for index, (r0, c0, r1, c1) in enumerate(rects)]
    table = _compact(GridTable(page_number, box, len(ys) - 1, len(xs) - 1, cells, ruled=True))
    if not _relates(table):
        return None, set()
    table.header_rows = _header_rows(table)
    return table, used


def _relates(table: GridTable) -> bool:
    """A table puts values side by side: at least two rows with two or more filled cells."""
    filled: dict[int, int] = {}
    for c in table.cells:
        if c.text:
            filled[c.row] = filled.get(c.row, 0) + 1
    return sum(1 for n in filled.values() if n >= 2) >= 2


def _add_text_gutters(lattice: Lattice, words: list[Word]) -> None:
    """Columns the text shows but no ruling draws (rules only around the header, say).

    A gutter empty in (nearly) every text line of the lattice becomes a ruling in each row band
    that no word crosses it in; a header cell that spans the columns crosses it and stays one
    cell. Where the gutter holds a column boundary drawn elsewhere in the table, it is only
    added in bands with no inner vertical ruling at all (a body drawn with row rules only) that
    hold text in more than one column: a band with other verticals leaves it out on purpose,
    and a band with one piece of text is a heading row across the table.
    """
    lines = _lines(words)
    if len(lines) < 2:
        return
    ys = lattice.ys
    x0, x1 = lattice.xs[0], lattice.xs[-1]
    unruled = [not any(x0 + GRID_TOL < s.pos < x1 - GRID_TOL and s.start < (ys[r] + ys[r + 1]) / 2 < s.end
                       for s in lattice.v) for r in range(len(ys) - 1)]
    gutters = _separators(lines, all_lines=True)
    bands = [[w for w in words if ys[r] <= _centre(w)[1] < ys[r + 1]] for r in range(len(ys) - 1)]
    single = [len({_columns_of(w, gutters) for w in band}) <= 1 for band in bands]
    for a, b in gutters:
        drawn = [x for x in lattice.xs if a - GRID_TOL <= x <= b + GRID_TOL]
        mid = drawn[0] if drawn else (a + b) / 2
        if not drawn and not _splits_lines(lines, mid, lattice.xs):
            continue
        for r, band in enumerate(bands):
            if drawn and (not unruled[r] or single[r]):
                continue  # the drawing leaves this boundary out on purpose: a merged cell
            if band and not any(w["x0"] < mid < w["x1"] for w in band):
                lattice.add(Segment(False, mid, ys[r], ys[r + 1]))


def _splits_lines(lines: list[_Line], mid: float, xs: list[float]) -> bool:
    """Whether a gutter inside a drawn column has text on both sides of it on the same lines
    (in at least a fifth of the lines with text in that column, and at least two), rather than
    being the blank beside one right- or left-aligned figure per line."""
    left = max((x for x in xs if x < mid), default=-1e9)
    right = min((x for x in xs if x > mid), default=1e9)
    touching = both = 0
    for line in lines:
        xs_in = [_centre(w)[0] for w in line.words if left < _centre(w)[0] < right]
        if xs_in:
            touching += 1
            both += min(xs_in) < mid < max(xs_in)
    return both >= 2 and both >= 0.2 * touching


def _add_stacked_rows(lattice: Lattice, words: list[Word]) -> None:
    """Rows the text shows inside one ruled row band: figures stacked line over line in a cell.

    Figures do not wrap, so a cell holding several lines that are each a figure holds several
    rows; the band is cut between its text lines (wrapped labels still join their row).
    """
    xs, ys = lattice.xs, list(lattice.ys)
    for r in range(len(ys) - 1):
        band = [w for w in words if ys[r] <= _centre(w)[1] < ys[r + 1]]
        lines = _lines(band)
        if len(lines) < 2:
            continue
        by_col: dict[int, list[Word]] = {}
        for w in band:
            by_col.setdefault(_bisect(xs, _centre(w)[0]), []).append(w)
        stacked = [c for c, ws in by_col.items() if len(_lines(ws)) >= 2
                   and all(is_number(_text_of(line.words)) for line in _lines(ws))]
        if not stacked:
            continue
        pieces = [[_Piece(c, c, ws) for c, ws in _group_by_col(line.words, xs)] for line in lines]
        groups = _rows(lines, pieces)
        k = 0
        for group in groups[:-1]:
            k += len(group)
            y = (lines[k - 1].bottom + lines[k].top) / 2
            lattice.add(Segment(True, y, xs[0], xs[-1]))


def _group_by_col(words: list[Word], xs: list[float]) -> list[tuple[int, list[Word]]]:
    out: list[tuple[int, list[Word]]] = []
    for w in sorted(words, key=lambda w: w["x0"]):
        c = _bisect(xs, _centre(w)[0])
        if out and out[-1][0] == c:
            out[-1][1].append(w)
        else:
            out.append((c, [w]))
    return out


def _bisect(values: list[float], x: float) -> int:
    """Index of the stretch values[i]..values[i+1] that holds x (-1 or len-1 when outside)."""
    for i in range(len(values) - 1):
        if values[i] <= x < values[i + 1]:
            return i
    return -1 if x < values[0] else len(values) - 1


def _compact(table: GridTable) -> GridTable:
    """Drop grid rows and columns where no cell starts and all are empty (slivers between double rules)."""
    def keep(axis: str) -> list[int]:
        n = table.n_rows if axis == "row" else table.n_cols
        starts = set()
        for c in table.cells:
            if c.text:
                starts.add(c.row if axis == "row" else c.col)
        kept = []
        for i in range(n):
            starts_here = [c for c in table.cells if (c.row if axis == "row" else c.col) == i]
            if i in starts or any(c.text for c in starts_here) or not _sliver(table, axis, i):
                kept.append(i)
        return kept

    rows, cols = keep("row"), keep("col")
    if len(rows) == table.n_rows and len(cols) == table.n_cols:
        return table
    row_map = {old: new for new, old in enumerate(rows)}
    col_map = {old: new for new, old in enumerate(cols)}
    cells = []
    for c in table.cells:
        rs = [row_map[r] for r in range(c.row, c.row + c.row_span) if r in row_map]
        cs = [col_map[k] for k in range(c.col, c.col + c.col_span) if k in col_map]
        if rs and cs:
            cells.append(GridCell(rs[0], cs[0], len(rs), len(cs), c.text, c.box))
    return GridTable(table.page, table.box, len(rows), len(cols), cells, table.ruled)


def _sliver(table: GridTable, axis: str, i: int) -> bool:
    """Whether grid row/column i is thinner than a line of text (and so cannot hold one)."""
    sizes = []
    for c in table.cells:
        if c.box is None:
            continue
        if axis == "row" and c.row == i and c.row_span == 1:
            sizes.append(c.box[3] - c.box[1])
        if axis == "col" and c.col == i and c.col_span == 1:
            sizes.append(c.box[2] - c.box[0])
    return bool(sizes) and max(sizes) < 5.0


def _header_rows(table: GridTable) -> int:
    """Header rows: the top rows tied together by row-spanning cells, if any; else the rows before
    the first one with a figure beyond the first column (at most half the table)."""
    spanned = 1
    while any(c.row < spanned < c.row + c.row_span for c in table.cells):
        spanned = max(c.row + c.row_span for c in table.cells if c.row < spanned)
    if 1 < spanned < table.n_rows:
        return spanned
    by_row: dict[int, list[GridCell]] = {}
    for c in table.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in range(table.n_rows):
        if any(c.col > 0 and is_number(c.text) for c in by_row.get(r, [])):
            return min(r, table.n_rows // 2)
    return 1 if table.n_rows > 2 else 0


# ---------------------------------------------------------------- stream

def _stream_tables(words: list[Word], h: list[Segment], page_number: int) -> list[GridTable]:
    if not words:
        return []
    lines = _lines(words)
    out = []
    for start, end in _blocks(lines):
        table = _stream_table(lines, start, end, h, page_number)
        if table is not None:
            out.append(table)
    return out


def _table_like(line: _Line) -> bool:
    """A line cut into pieces by wide gaps, other than a list item or numbered heading (marker, text)."""
    pieces = _pieces(line)
    if len(pieces) < 2:
        return False
    return not (len(pieces) == 2 and len(pieces[0]) == 1 and len(pieces[0][0]["text"]) <= 6
                and len(pieces[1]) >= 4)


def _blocks(lines: list[_Line]) -> list[tuple[int, int]]:
    """Runs of table-like lines, with up to two short lines between them; big vertical gaps end a run.

    Each run is given as (first, last + 1) indices into lines.
    """
    multi = [_table_like(line) for line in lines]
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not multi[i]:
            i += 1
            continue
        j = i + 1
        while j < len(lines):
            gap = lines[j].top - lines[j - 1].bottom
            if gap > BLOCK_BREAK * max(lines[j].height, lines[j - 1].height):
                break
            if multi[j]:
                j += 1
                continue
            ahead = next((k for k in range(j + 1, min(j + 3, len(lines))) if multi[k]), None)
            if ahead is None:
                break
            j = ahead + 1
        blocks.append((i, j))
        i = j
    return blocks


def _separators(lines: list[_Line], all_lines: bool = False) -> list[tuple[float, float]]:
    """Column gutters: x-stretches empty in (nearly) every table-like line of the block."""
    multi = lines if all_lines else [line for line in lines if len(_pieces(line)) >= 2] or lines
    x0 = int(min(line.x0 for line in multi))
    x1 = int(max(line.x1 for line in multi)) + 1
    cover = [0] * (x1 - x0 + 1)
    for line in multi:
        for w in line.words:
            for x in range(int(w["x0"]) - x0, int(w["x1"]) - x0 + 1):
                cover[x] += 1
    allowed = len(multi) // 10
    height = median(line.height for line in multi)
    gaps: list[tuple[float, float]] = []
    start = None
    for x, count in enumerate(cover + [len(multi) + 1]):
        if count <= allowed and start is None:
            start = x
        elif count > allowed and start is not None:
            if start > 0 and x < len(cover) and x - start >= MIN_COLUMN_GAP * height:
                gaps.append((x0 + start, x0 + x))
            start = None
    return gaps


def _columns_of(w: Word, gaps: list[tuple[float, float]]) -> tuple[int, int]:
    """First and last column a word covers, given the gutters."""
    mids = [(a + b) / 2 for a, b in gaps]
    first = sum(1 for m in mids if m < w["x0"] + 0.5)
    last = sum(1 for m in mids if m < w["x1"] - 0.5)
    return first, max(first, last)


@dataclass
class _Piece:
    """Words of one line that fall in one column range."""

    c0: int
    c1: int
    words: list[Word]


def _line_pieces(line: _Line, gaps: list[tuple[float, float]]) -> list[_Piece]:
    out: list[_Piece] = []
    for w in line.words:
        c0, c1 = _columns_of(w, gaps)
        if out and c0 <= out[-1].c1:
            out[-1].c1 = max(out[-1].c1, c1)
            out[-1].words.append(w)
        else:
            out.append(_Piece(c0, c1, [w]))
    return out


def _stream_table(lines: list[_Line], start: int, end: int, h: list[Segment], page_number: int
                  ) -> GridTable | None:
    block = _trim(lines[start:end])
    if len(block) < 2:
        return None
    gaps = _separators(block)
    if not gaps:
        return None
    block = _header_above(lines, start, block, gaps) + block
    n_cols = len(gaps) + 1
    pieces = [_line_pieces(line, gaps) for line in block]
    # lines before the first multi-piece line that sit in the first column only are a caption
    while pieces and len(pieces[0]) == 1 and pieces[0][0].c0 == 0:
        block, pieces = block[1:], pieces[1:]
    while pieces and len(pieces[-1]) == 1 and pieces[-1][0].c0 == 0 and not _continues(pieces[-1][0]):
        block, pieces = block[:-1], pieces[:-1]
    if sum(1 for p in pieces if len(p) >= 2) < 2:
        return None
    rows = _rows(block, pieces)
    table = _build(rows, n_cols, page_number)
    if table is None or _is_prose(table) or not _relates(table):
        return None
    table.header_rows = _header_rows(table)
    return table


def _header_above(lines: list[_Line], start: int, block: list[_Line], gaps: list[tuple[float, float]]
                  ) -> list[_Line]:
    """Lines just above the run that sit over its data columns only: header cells spanning columns."""
    out: list[_Line] = []
    left, right = min(line.x0 for line in block), max(line.x1 for line in block)
    i = start - 1
    below = block[0]
    while i >= 0 and len(out) < 3:
        line = lines[i]
        if line.top >= below.top or line is block[0]:
            i -= 1
            continue
        close = below.top - line.bottom <= 1.2 * max(line.height, below.height)
        if not (close and line.x0 > gaps[0][0] and line.x1 <= right + 0.05 * (right - left)):
            break
        out.insert(0, line)
        below = line
        i -= 1
    return out


def _trim(block: list[_Line]) -> list[_Line]:
    """Drop leading and trailing lines much wider than the table-like lines (prose around the table)."""
    multi = [line for line in block if len(_pieces(line)) >= 2]
    if not multi:
        return []
    x0 = min(line.x0 for line in multi)
    x1 = max(line.x1 for line in multi)
    width = x1 - x0

    def wide(line: _Line) -> bool:
        return len(_pieces(line)) < 2 and (line.x0 < x0 - 0.1 * width or line.x1 > x1 + 0.1 * width)

    while block and wide(block[0]):
        block = block[1:]
    while block and wide(block[-1]):
        block = block[:-1]
    return block


def _continues(piece: _Piece) -> bool:
    """Whether the piece reads as the continuation of a wrapped cell (starts in lower case)."""
    first = piece.words[0]["text"]
    return first[:1].islower() or first[:1] in "([&-–"


def _numeric(piece: _Piece) -> bool:
    return all(is_number(w["text"]) for w in piece.words)


def _rows(block: list[_Line], pieces: list[list[_Piece]]) -> list[list[list[_Piece]]]:
    """Lines grouped into rows: wrapped cells and header lines in the same columns join the row above."""
    first_data = next((i for i, p in enumerate(pieces) if any(q.c0 > 0 and _numeric(q) for q in p)), None)
    rows: list[list[list[_Piece]]] = []
    for i, line_pieces in enumerate(pieces):
        if rows and _joins(rows[-1], line_pieces, block, i, header=first_data is not None and i < first_data):
            rows[-1].append(line_pieces)
        else:
            rows.append([line_pieces])
    return rows


def _joins(row: list[list[_Piece]], line: list[_Piece], block: list[_Line], i: int, header: bool) -> bool:
    prev = row[-1]
    gap = block[i].top - block[i - 1].bottom
    if gap > 1.2 * max(block[i].height, block[i - 1].height):
        return False
    if header:
        return _same_columns(prev, line)
    if any(_numeric(p) for p in line):
        # figures never wrap; a label-only line above them is the first part of their label
        return (all(p.c0 == 0 for p in prev) and all(not _numeric(p) for p in prev) and len(row) == 1
                and line[0].c0 == 0 and _continues(line[0]))
    occupied = {c for lp in row for p in lp for c in range(p.c0, p.c1 + 1)}
    if line[0].c0 > 0:  # nothing in the first column: wrapped text of the cells above
        return all(any(c in occupied for c in range(p.c0, p.c1 + 1)) for p in line)
    return len(line) == 1 and _continues(line[0])


def _same_columns(upper: list[_Piece], lower: list[_Piece]) -> bool:
    """Whether no piece of one line straddles two pieces of the other (a header cell wrapped in place)."""
    def fits(a: list[_Piece], b: list[_Piece]) -> bool:
        for p in a:
            hits = [q for q in b if q.c0 <= p.c1 and p.c0 <= q.c1]
            if len(hits) > 1 or (hits and (hits[0].c0 < p.c0 or hits[0].c1 > p.c1) and len(a) > 1):
                return False
        return True

    return fits(upper, lower) and fits(lower, upper)


def _build(rows: list[list[list[_Piece]]], n_cols: int, page_number: int) -> GridTable | None:
    """Cells from rows of pieces: pieces of one row in overlapping columns are one cell."""
    cells: list[GridCell] = []
    for r, row in enumerate(rows):
        merged: list[tuple[int, int, list[Word]]] = []
        for p in sorted((p for lp in row for p in lp), key=lambda p: p.c0):
            if merged and p.c0 <= merged[-1][1]:
                c0, c1, ws = merged[-1]
                merged[-1] = (c0, max(c1, p.c1), ws + p.words)
            else:
                merged.append((p.c0, p.c1, list(p.words)))
        for c0, c1, ws in merged:
            cells.append(GridCell(r, c0, 1, c1 - c0 + 1, _text_of(ws), _union([_word_box(w) for w in ws])))
    used_cols = {c for cell in cells for c in range(cell.col, cell.col + cell.col_span)}
    if len(used_cols) < 2 or len(rows) < 2:
        return None
    _fill(cells, len(rows), n_cols)
    box = _union([c.box for c in cells if c.box is not None])
    return GridTable(page_number, box, len(rows), n_cols, cells, ruled=False)


def _fill(cells: list[GridCell], n_rows: int, n_cols: int) -> None:
    """Add empty 1x1 cells at every grid position no cell covers."""
    taken = {(r, c) for cell in cells for r in range(cell.row, cell.row + cell.row_span)
             for c in range(cell.col, cell.col + cell.col_span)}
    cells.extend(GridCell(r, c) for r in range(n_rows) for c in range(n_cols) if (r, c) not in taken)
    cells.sort(key=lambda c: (c.row, c.col))


def _is_prose(table: GridTable) -> bool:
    """Columns of running text (a multi-column page layout), or scattered labels (a chart's axes).

    Cells of a table are short and often figures, or at least one column holds short keys;
    columns of prose all hold several words a line and hardly a figure. A chart read as text
    leaves most of its grid empty.
    """
    filled = [c for c in table.cells if c.text]
    if not filled:
        return True
    slots = table.n_rows * table.n_cols
    if sum(c.row_span * c.col_span for c in filled) < SPARSE * slots:
        return True
    mean_words = sum(len(c.text.split()) for c in filled) / len(filled)
    figures = sum(1 for c in filled if is_number(c.text)) / len(filled)
    if table.n_cols <= 3 and mean_words > PROSE_WORDS:
        return True
    if table.n_cols > 4 or figures >= 0.1:
        return False
    per_col: dict[int, list[int]] = {}
    for c in filled:
        per_col.setdefault(c.col, []).append(len(c.text.split()))
    return min(sum(n) / len(n) for n in per_col.values()) >= 4  # no column of short keys
