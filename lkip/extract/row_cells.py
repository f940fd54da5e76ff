"""A joined row into the model's ``Row``: its marker, label, figures and kategori as cells, each
with the lines and columns it was read from, and its role.
"""

from __future__ import annotations

import re

from lkip.extract.kinds import Slot
from lkip.extract.line_parts import KATEGORI_WORDS, LineInfo, RawRow, is_unit, is_word_tail, squash
from lkip.extract.lines import UNIT_WORDS, Line, Token
from lkip.extract.row_sections import row_role
from lkip.model import Cell, Provenance, Row
from lkip.normalize.numbers import parse_cell_text


def to_row(raw: RawRow, slots: list[Slot]) -> Row:
    first = raw.lines[0].line
    marker = next((x.marker for x in raw.lines if x.marker), None)
    label = " ".join(x.label for x in raw.lines if x.label).strip()
    trailing = " ".join(x.trailing for x in raw.lines if x.trailing).strip()
    by_columns = label_by_columns(raw.lines)
    if by_columns is not None:
        label, more = by_columns
        trailing = " ".join([trailing, *more]).strip() if trailing else trailing
    elif trailing:  # 'Sangat' / 'Tinggi': a category label that wrapped
        for x in raw.lines:
            words = x.label.split()
            if not x.tokens and words and all(w.lower() in KATEGORI_WORDS for w in words):
                trailing += " " + x.label
                label = label.replace(x.label, "").strip()
    cells = [
        Cell(raw=marker or "", kind="text" if marker else "empty", prov=_pieces(raw, "marker", first)),
        Cell(raw=label, kind="text" if label else "empty", prov=_pieces(raw, "label", first)),
    ]
    wrapped_unit = _wrapped_unit(raw)
    for name, kind in slots:
        tok = raw.placed.get(name)
        if tok is None:
            cells.append(Cell(raw="", kind="empty"))
            continue
        parsed = parse_cell_text(tok.text.replace("|", " "))
        if parsed.kind == "text":
            parsed = tok.parsed
        unit = tok.unit or parsed.unit
        if unit is None and kind == "val" and parsed.kind == "number":
            unit = wrapped_unit
        cells.append(Cell(raw=" ".join(tok.text.strip(" |").split()), kind=parsed.kind, number=parsed.number,
                          unit=unit, prov=_token_prov(tok, raw.place_line[name])))
    cells.append(Cell(raw=trailing, kind="text" if trailing else "empty",
                      prov=_pieces(raw, "trailing", first)))
    role = row_role(raw)
    last = raw.lines[-1].line
    return Row(cells=cells, role=role, prov=_prov(first), line_end=last.no,
               ambiguous=sorted(raw.ambiguous))


# a piece of a label: (line index, first column, end column, text)
_Piece = tuple[int, int, int, str]


def label_by_columns(lines: list[LineInfo]) -> tuple[str, list[str]] | None:
    """A wrapped row's label read column by column, where its text lies in side-by-side cells
    ('Sasaran | Indikator | Satuan', each wrapping over the row's lines): joining line by line
    would interleave their words. Also the words right of the row's first figure, which are no
    label: kategori words there (a 'Sangat' / 'Baik' that wrapped) are returned apart, others
    (a '%' under its figure) are left out. None when the row's text is one column: read it
    line by line as before."""
    if len(lines) < 2:
        return None
    starts = [t.start for x in lines for t in x.tokens]
    cut = min(starts) if starts else None
    last = max((t.start + len(t.text.rstrip()) for x in lines for t in x.tokens), default=None)
    pieces: list[_Piece] = []
    for k, x in enumerate(lines):
        span = x.spans.get("label")
        if not x.label or span is None:
            continue
        for m in re.finditer(r"\S+(?: \S+)*", x.line.text[span[0]:span[1]]):
            pieces.append((k, span[0] + m.start(), span[0] + m.end(), m.group()))
    right = [p for p in pieces if cut is not None and p[1] >= cut]
    first = next((k for k, x in enumerate(lines) if x.tokens), 0)
    if any(x.marker for x in lines[first + 1:]) or any(
            not _beside_figures(w, last is not None and p[1] >= last) for p in right for w in p[3].split()):
        return None  # a numbered line after the figures (the next row), figures or words over the
        # figure columns: read as before
    left = [p for p in pieces if p not in right]
    columns = _columns(left)
    if len(columns) < 2 and not right:
        return None
    label = " ".join(_joined([p[3] for p in sorted(col)]) for col in columns)
    # beyond the last figure: the kategori column; between the figures: their units and grades
    extra = [w for p in sorted(right) if last is not None and p[1] >= last for w in p[3].split()]
    kategori = [w for w in extra if w.lower() in KATEGORI_WORDS]
    return squash(label), (
        kategori if len(kategori) == len(extra) else [])


def _beside_figures(word: str, kategori_column: bool) -> bool:
    """A word that may stand right of a row's first figure on its wrapped lines: a unit or a sign
    ('%', '(Rp)'), and past the last figure a kategori word; not a figure, a grade among the
    figures ('BB', 'A') nor other words (a header read into the row)."""
    low = word.lower().strip("()[].,:;")
    if not re.search(r"[a-z0-9]", low):
        return True
    if re.search(r"\d", low):
        return False
    return is_unit(low, UNIT_WORDS) or (kategori_column and low in KATEGORI_WORDS)


def _columns(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces into columns, left to right: pieces whose columns overlap share a cell."""
    out: list[tuple[int, int, list[_Piece]]] = []
    for piece in sorted(pieces, key=lambda p: p[1]):
        if out and piece[1] < out[-1][1]:
            start, end, members = out[-1]
            out[-1] = (start, max(end, piece[2]), [*members, piece])
        else:
            out.append((piece[1], piece[2], [piece]))
    return [members for _s, _e, members in out]


def _joined(texts: list[str]) -> str:
    """A cell's lines as one text, a word's tail glued back to it."""
    out = ""
    for text in texts:
        tail = text.split()[0]
        if out and out[-1].isalpha() and is_word_tail(tail):
            out += text
        else:
            out = f"{out} {text}" if out else text
    return out


def _wrapped_unit(raw: RawRow) -> str | None:
    """'UMKM UMKM' / 'Unit Unit' ending a wrapped line: the units of the values above them."""
    for x in raw.lines:
        words = x.label.split()
        if not x.tokens and len(words) >= 2 and words[-1] == words[-2] and is_unit(
                words[-1].lower(), UNIT_WORDS):
            return words[-1]
    return None


def _prov(line: Line) -> Provenance:
    return Provenance(page=line.page, line=line.no)


def _pieces(raw: RawRow, name: str, first: Line) -> Provenance:
    """Provenance of a row's marker, label or trailing words: every line piece they came from."""
    pieces = [(x.line.no, *x.spans[name]) for x in raw.lines if name in x.spans]
    if not pieces:
        return _prov(first)
    page = next(x.line.page for x in raw.lines if name in x.spans)
    return Provenance.of_pieces(page, pieces)


def _token_prov(tok: Token, line: Line) -> Provenance:
    """A value's line and columns (a value refined on a later line, 'Level 3' + '(3,35)', spans
    the columns of both parts on that later line)."""
    lead = len(tok.text) - len(tok.text.lstrip(" |"))
    start = min(tok.start + lead, len(line.text))
    end = min(start + len(tok.text.strip(" |")), max(len(line.text.rstrip()), start + 1))
    return Provenance(page=line.page, line=line.no, span=(start, max(end, start + 1)))
