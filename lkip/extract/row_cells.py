"""A joined row into the model's ``Row``: its marker, label, figures and kategori as cells, each
with the lines and columns it was read from, and its role.
"""

from __future__ import annotations

from lkip.extract.kinds import Slot
from lkip.extract.line_parts import KATEGORI_WORDS, RawRow, is_unit
from lkip.extract.lines import UNIT_WORDS, Line, Token
from lkip.extract.row_sections import row_role
from lkip.model import Cell, Provenance, Row
from lkip.normalize.numbers import parse_cell_text


def to_row(raw: RawRow, slots: list[Slot]) -> Row:
    first = raw.lines[0].line
    marker = next((x.marker for x in raw.lines if x.marker), None)
    label = " ".join(x.label for x in raw.lines if x.label).strip()
    trailing = " ".join(x.trailing for x in raw.lines if x.trailing).strip()
    if trailing:  # 'Sangat' / 'Tinggi': a category label that wrapped
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
