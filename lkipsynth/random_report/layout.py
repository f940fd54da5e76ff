"""Fitting a report to pages: portrait or landscape per table, where tables split (every chunk
fits its page), and the pages of the final Truth."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from lkipsynth.random_report.specs import Block, TableSpec, TextBlock, TruthMeta
from lkipsynth.truth import Truth


@dataclass
class Group:
    """What goes on one page entry: blocks before the table, the table, blocks after it."""

    pre: list[TextBlock]
    table: TableSpec | None = None
    post: list[TextBlock] = field(default_factory=list)
    orientation: str = "portrait"



def fit_orientation(group: Group, truth_meta: TruthMeta, rng: random.Random) -> None:
    """Portrait when the table fits the width (sometimes landscape anyway for wide tables), else
    landscape, else smaller type and padding."""
    from lkipsynth.truth import Table
    from lkipsynth.typeset import LayoutError, _frame_size, _Styles, column_widths

    t = group.table
    if t is None:
        return
    styles = _Styles(Truth.model_validate({**truth_meta, "pages": [{"blocks": []}]}))
    wide = len(t["columns"]) >= 8
    options = ["landscape", "portrait"] if wide and rng.random() < 0.6 else ["portrait", "landscape"]
    for _ in range(8):
        for orient in options:
            try:
                column_widths(Table.model_validate(t), styles, _frame_size(orient)[2])
            except LayoutError:
                continue
            group.orientation = orient
            return
        t["font_size"] = max(6.5, t["font_size"] - 0.5)
        t["padding"] = max(2.5, t["padding"] - 0.5)
    raise ValueError(f"{t['caption']}: too wide for a landscape page")


def _measure(meta: TruthMeta, group: Group, table_spec: TableSpec
             ) -> tuple[float, float, float, list[float], float, float]:
    """(frame height, height before the table incl. caption, header height, body row heights,
    height after the table, source line height) in points."""
    from reportlab.platypus import Flowable
    from reportlab.platypus import Table as RLTable

    from lkipsynth.truth import Page, Table
    from lkipsynth.typeset import _frame_size, _page_story, _Styles, build_table

    truth = Truth.model_validate({**meta, "pages": [{"blocks": []}]})
    styles = _Styles(truth)
    _w, _h, fw, fh = _frame_size(group.orientation)

    def height(flows: list[Flowable]) -> float:
        total = 0.0
        for f in flows:
            _, h = f.wrap(fw, fh)
            total += h + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    pre = height(_page_story(Page.model_validate({"blocks": group.pre}), styles, fw))
    post = height(_page_story(Page.model_validate({"blocks": group.post}), styles, fw))
    table = Table.model_validate({**table_spec, "split_at": [], "source": table_spec.get("source")})
    flows = build_table(table, styles, fw)
    cap = height(flows[:1])
    src = height(flows[2:])
    rl = next(f for f in flows if isinstance(f, RLTable))
    rl.wrap(fw, 10**6)
    nh = len(table.header) + (1 if table.number_row else 0)
    heights = list(rl._rowHeights)
    return fh, pre + cap, sum(heights[:nh]), heights[nh:], post, src


def _split(group: Group, meta: TruthMeta, fill: float) -> list[Group]:
    """Set the table's split_at so that every chunk fits its page; the blocks after the table go
    to a page of their own when the last chunk leaves no room for them."""
    t = group.table
    if t is None:
        return [group]
    fh, before, head, rows, post, src = _measure(meta, group, t)
    room = fh * fill
    # units a split may not cut: a row and the rows its row spans cover
    units: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        span = max([1, *t["rows"][i].get("row_span", {}).values()])
        units.append((i, i + span))
        i += span
    used = before + head
    splits: list[int] = []
    for a, b in units:
        h = sum(rows[a:b])
        if used + h > room and a > 0 and (not splits or splits[-1] < a):
            splits.append(a)
            used = (head if t.get("repeat_header", True) else 0) + h
        else:
            used += h
    t["split_at"] = splits
    if used + src + post > room and group.post:
        return [Group(group.pre, t, [], group.orientation), Group(group.post, None, [], group.orientation)]
    return [group]


def assemble(meta: TruthMeta, groups: list[Group], fill: float) -> Truth:
    pages = []
    for k, gr in enumerate(groups):
        for part in _split(gr, meta, fill):
            blocks: list[Block] = [*part.pre, *([part.table] if part.table else []), *part.post]
            pages.append({"orientation": part.orientation, "running": k > 0, "blocks": blocks})
    return Truth.model_validate({**meta, "pages": pages})
