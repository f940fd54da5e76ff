"""Join the lines of a table into rows: values that wrap onto their own line join the row whose
columns they complete, text-only lines go to the row above or below (by alignment, vertical
distance in laid-out text, or where a PDF page shows a row's end: ``RowBreaks``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lkip.extract.columns import align, column_slots
from lkip.extract.kinds import Slot
from lkip.extract.line_parts import SECTION_CAPS, STARTER_WORDS, LineInfo, RawRow, split_line
from lkip.extract.lines import Token
from lkip.extract.row_sections import BUDGET_CODE, continues_a_coded_name, split_sections

_DENOMINATOR = re.compile(r"10{2,}|10{0,2}(?:\.000)+")  # 100, 1.000, 100.000: 'per 100.000 KH'


def _denominators_as_text(infos: list[LineInfo]) -> list[LineInfo]:
    """A satuan 'per 100.000 KH' wrapped in a narrow cell puts its '100.000' alone on a line,
    under the 'per': part of the satuan's text, not a figure that starts a row."""
    out: list[LineInfo] = []
    for info in infos:
        above = out[-1].line.text if out else ""
        if len(info.tokens) == 1 and _DENOMINATOR.fullmatch(info.tokens[0].text.strip()):
            tok = info.tokens[0]
            near = above[max(0, tok.start - 4):tok.start + len(tok.text) + 4]
            if re.search(r"(?<![a-z])per(?![a-z])", near, re.IGNORECASE):
                info = split_line(info.line, False)
        out.append(info)
    return out


def group_rows(infos: list[LineInfo], slots: list[Slot], layout: bool = False) -> list[RawRow]:
    """Join the lines of a table into rows."""
    infos = _denominators_as_text(infos)
    by_column: dict[int, str] | None = None
    if layout:  # each page of a table that runs over pages places its columns where it likes
        by_column = {}
        for page in dict.fromkeys(info.line.page for info in infos if info.tokens):
            on_page = column_slots([info for info in infos if info.line.page == page], slots)
            if on_page is None:
                by_column = None
                break
            by_column.update(on_page)
    for info in infos:
        if by_column is not None:
            info.placed = {by_column[id(t)]: t for t in info.tokens if id(t) in by_column}
            info.ambiguous = set()
            continue
        info.placed, info.ambiguous, _ = align(info.tokens, slots) if slots else ({}, set(), [])
    data_idx = [i for i, info in enumerate(infos) if info.placed or (info.tokens and not slots)]
    rows: list[RawRow] = []
    owner: dict[int | None, RawRow] = {}  # looked up by the line above / below, None at an end
    current: RawRow | None = None
    for i in data_idx:
        info = infos[i]
        if current is not None and _is_refinement(info, current):
            current.lines.append(info)
            for name, tok in info.placed.items():
                current.placed[name] = _refined(current.placed[name], tok)
                current.place_line[name] = info.line
        elif current is not None and _continues(current, info, slots, by_column is not None):
            _absorb(current, info, slots)
        else:
            current = RawRow()
            _absorb(current, info, slots)
            rows.append(current)
        owner[i] = current
    top_aligned = _top_aligned(infos, data_idx)
    breaks = RowBreaks.of(infos)
    # text-only lines go to the row above or below: top-aligned cells wrap downwards, centred
    # cells wrap both ways; a line that starts a new item (a number, PROGRAM ...) goes below
    for start, end, above, below in _gaps(data_idx, len(infos)):
        gap = list(range(start, end))
        same = owner.get(above) is owner.get(below)
        parts = breaks.parts(above, gap, below) if breaks and not same else None
        if parts is not None:  # the page shows where one row ends and the next begins
            _assign_parts(parts, infos, owner[above], owner[below], rows)
            continue
        if above is None:
            split = 0
        elif below is None:
            split = len(gap)
        elif infos[below].marker and infos[below].label.strip(" .:"):
            split = len(gap)  # a numbered row whose label starts on its value line: all above
        elif top_aligned and infos[below].starter and infos[below].label.strip(" .:"):
            split = len(gap)  # cells start on their first line: a coded row below starts anew
        elif layout:  # laid-out text keeps the vertical distances: each line to the nearer row
            a_no, b_no = infos[above].line.no, infos[below].line.no
            split = sum(1 for idx in gap if infos[idx].line.no - a_no <= b_no - infos[idx].line.no)
        elif infos[below].starter and infos[below].label.strip(" .:"):
            split = len(gap)
        else:
            split = len(gap) if top_aligned else (len(gap) + 1) // 2
        coded = above is not None and below is not None and all(
            BUDGET_CODE.match(infos[i].line.text) for i in (above, below))
        for k, idx in enumerate(gap):
            if infos[idx].starter and above is not None and not (
                    coded and continues_a_coded_name(infos[idx], infos[above])):
                split = min(split, k)
                break
        for k, idx in enumerate(gap):
            target = owner.get(above) if k < split and above is not None else owner.get(below)
            if target is not None:
                target.lines.append(infos[idx])
    placed_lines = {id(x) for r in rows for x in r.lines}
    for info in infos:
        if id(info) not in placed_lines:
            rows.append(RawRow(lines=[info], section=True))
    order = {id(info): k for k, info in enumerate(infos)}
    rows.sort(key=lambda r: min(order[id(x)] for x in r.lines))
    for r in rows:
        r.lines.sort(key=lambda x: order[id(x)])
    return split_sections(rows)


@dataclass
class RowBreaks:
    """Where rows end on a PDF page: a horizontal rule between two lines (in a table ruled between
    its rows), else a step between lines wider than the line pitch inside a cell (the cells'
    padding). Known only when every line of the table has its geometry."""

    infos: list[LineInfo]
    ruled: bool
    pitch: float  # the distance from one line's top to the next inside a cell
    slack: float

    @classmethod
    def of(cls, infos: list[LineInfo]) -> RowBreaks | None:
        geos = [x.line.geometry for x in infos]
        if not geos or any(g is None for g in geos):
            return None
        heights = sorted(g.bottom - g.top for g in geos if g)
        height = heights[len(heights) // 2]
        pairs = list(zip(infos, infos[1:], strict=False))
        steps = [_step(a, b) for a, b in pairs if a.line.page == b.line.page]
        inside = [st for st in steps if height <= st <= 1.35 * height]  # closer: cells side by side
        rules = sum(1 for _a, b in pairs if b.line.geometry and b.line.geometry.rule_above and b.tokens)
        ruled = rules >= 2 and rules >= sum(1 for x in infos[1:] if x.tokens) // 2
        if height <= 0 or (not ruled and not inside):
            return None
        return cls(infos, ruled, min(inside, default=1.17 * height), max(0.75, 0.08 * height))

    def between(self, a: int, b: int) -> bool:
        """Does a row end between line a and line b (b right below a)?"""
        first, second = self.infos[a], self.infos[b]
        if first.line.page != second.line.page:
            return True
        if self.ruled:
            return bool(second.line.geometry and second.line.geometry.rule_above)
        return _step(first, second) > self.pitch + self.slack

    def parts(self, above: int | None, gap: list[int],
              below: int | None) -> tuple[list[int], list[list[int]], list[int]] | None:
        """The gap's lines as (those of the row above, rows of their own, those of the row below);
        None when the page does not show a row's end between the two rows."""
        if above is None or below is None or not (self.infos[above].label and self.infos[below].label):
            return None  # only rows whose cells start on their figure line (top-aligned) are told
        chain = [above, *gap, below]
        cuts = [k for k in range(1, len(chain)) if self.between(chain[k - 1], chain[k])]
        turns = [k for k in cuts[:-1] if self._page(chain[k - 1]) != self._page(chain[k])]
        if not cuts or cuts[-1] != len(chain) - 1 or len(turns) != len(cuts) - 1 or len(turns) > 1:
            return None  # no clear end of the row above just before the row below
        if turns:  # over a page: the cell's last lines close the page; lines the new page puts
            rest = chain[turns[0]: -1]  # above the row, apart from it ('Lanjutan ...'), stand alone
            return chain[1: turns[0]], [rest] if rest else [], []
        return gap, [], []

    def _page(self, k: int) -> int | None:
        return self.infos[k].line.page


def _step(a: LineInfo, b: LineInfo) -> float:
    ga, gb = a.line.geometry, b.line.geometry
    return gb.top - ga.top if ga and gb else 0.0


def _assign_parts(parts: tuple[list[int], list[list[int]], list[int]], infos: list[LineInfo],
                  up: RawRow, down: RawRow, rows: list[RawRow]) -> None:
    first, middle, last = parts
    up.lines.extend(infos[i] for i in first)
    down.lines.extend(infos[i] for i in last)
    rows.extend(RawRow(lines=[infos[i] for i in piece], section=True) for piece in middle)


def _continues(row: RawRow, info: LineInfo, slots: list[Slot], layout: bool = False) -> bool:
    """Does this line carry more values of the row above (a cell that wrapped)?"""
    if len(row.placed) >= len(slots) or (layout and set(info.placed) & set(row.placed)):
        return False
    last_value_line = max(x.line.no for x in row.lines if x.tokens)
    if layout and info.line.no - last_value_line > 2:  # blank lines between: another row
        return False
    has_marker = any(x.marker for x in row.lines)
    if info.marker and any(STARTER_WORDS.match(x.label) or SECTION_CAPS.search(x.label)
                           for x in row.lines):
        return False
    if info.starter and (has_marker or not info.marker or STARTER_WORDS.match(info.label)):
        return False
    names = [name for name, _ in slots]
    if not set(info.placed) & set(row.placed):
        used = set(info.placed) | set(row.placed)
    else:
        combined = [row.placed[name] for name in names if name in row.placed] + info.tokens
        placement, _amb, extra = align(combined, slots)
        if extra or len(placement) != len(combined):
            return False
        used = set(placement)
    # the values of one row fill neighbouring columns: a lone value far to the right of the
    # row's others more likely starts the next row
    idx = sorted(names.index(n) for n in used)
    return idx[-1] - idx[0] + 1 == len(idx)


def _top_aligned(infos: list[LineInfo], data_idx: list[int]) -> bool:
    """Cells start on the row's first line when the first row's values sit on its first line."""
    if not data_idx:
        return True
    before = [x for x in infos[: data_idx[0]] if not x.starter]
    return not before


def _gaps(data_idx: list[int], n: int) -> list[tuple[int, int, int | None, int | None]]:
    gaps = []
    prev: int | None = None
    for idx in data_idx + [n]:
        start = 0 if prev is None else prev + 1
        if idx > start:
            gaps.append((start, idx, prev, idx if idx < n else None))
        prev = idx
    return gaps


def _absorb(row: RawRow, info: LineInfo, slots: list[Slot]) -> None:
    row.lines.append(info)
    if set(info.placed) & set(row.placed):
        tokens = [row.placed[name] for name, _ in slots if name in row.placed] + info.tokens
        lines = {id(t): row.place_line[name] for name, t in row.placed.items()}
        lines.update({id(t): info.line for t in info.tokens})
        placement, ambiguous, _ = align(tokens, slots)
        row.placed = placement
        row.place_line = {name: lines[id(t)] for name, t in placement.items()}
        row.ambiguous = ambiguous
        return
    for name, tok in info.placed.items():
        row.placed[name] = tok
        row.place_line[name] = info.line
    row.ambiguous |= info.ambiguous


def _is_refinement(info: LineInfo, row: RawRow) -> bool:
    """'(3,35)' under 'Level 3': a parenthesised value that details the one above it."""
    return bool(info.tokens) and all(t.text.strip().startswith("(") for t in info.tokens) and all(
        name in row.placed for name in info.placed)


def _refined(old: Token, new: Token) -> Token:
    return Token(text=f"{old.text} {new.text}", start=old.start, end=new.end, parsed=new.parsed,
                 unit=old.unit)
