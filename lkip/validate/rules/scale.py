"""Rule scale: gaps and overlaps between the bands of the report's own rating scale."""

from __future__ import annotations

import math
from collections import defaultdict

from lkip.messages import MessageParam
from lkip.model import Document, Finding, ScaleBand
from lkip.validate.arith import fmt_pct
from lkip.validate.bands import fmt_band, hi, lo, usable
from lkip.validate.base import Rule

ID = "scale"


def _edge(value: float) -> str:
    return "-∞" if value == -math.inf else "∞" if value == math.inf else fmt_pct(value)


def _interval(a: float, a_closed: bool, b: float, b_closed: bool) -> str:
    """'(90%, 91%)', '[50%, 51%)', '[100%]'."""
    if a == b:
        return f"[{_edge(a)}]"
    return f"{'[' if a_closed else '('}{_edge(a)}, {_edge(b)}{']' if b_closed else ')'}"


def _finding(bands: list[ScaleBand], row: str, interval: str, key: str,
             params: dict[str, MessageParam]) -> Finding:
    first = bands[0]
    return Finding.of(key, {"interval": interval, **params}, rule=ID, severity="warning",
                      table=first.table, row=row, field="scale", stated=interval, page=first.page)


def _whole_step(a: ScaleBand, b: ScaleBand) -> bool:
    """'76 - 90' then '≥ 91': bounds in whole numbers one apart, both in their bands."""
    low, high = hi(a), lo(b)
    return (high - low == 1 and low == int(low) and high == int(high) and a.upper_inclusive
            and b.lower_inclusive)


def check_bands(bands: list[ScaleBand]) -> list[Finding]:
    out: list[Finding] = []
    ordered = sorted(bands, key=lambda b: (lo(b), hi(b)))
    steps: list[str] = []  # '90 | 91': gaps of a scale written in whole numbers
    for a, b in zip(ordered, ordered[1:], strict=False):
        pair = f"{a.label} / {b.label}"
        where: dict[str, MessageParam] = {"a": a.label, "a_band": fmt_band(a), "b": b.label,
                                          "b_band": fmt_band(b)}
        gap = lo(b) > hi(a) or (lo(b) == hi(a) and not a.upper_inclusive and not b.lower_inclusive)
        overlap = lo(b) < hi(a) or (lo(b) == hi(a) and a.upper_inclusive and b.lower_inclusive)
        if gap and _whole_step(a, b):
            steps.append(f"{fmt_pct(hi(a))} | {fmt_pct(lo(b))}")
        elif gap:
            interval = _interval(hi(a), not a.upper_inclusive, lo(b), not b.lower_inclusive)
            out.append(_finding(bands, pair, interval, "scale.gap", where))
        elif overlap:
            end = min(hi(a), hi(b))
            end_closed = a.upper_inclusive if hi(a) <= hi(b) else b.upper_inclusive
            interval = _interval(lo(b), b.lower_inclusive, end, end_closed)
            out.append(_finding(bands, pair, interval, "scale.overlap", where))
    if steps:
        shown = ", ".join(steps)
        finding = _finding(bands, "", shown, "scale.whole_numbers", {})
        out.append(finding.model_copy(update={"severity": "info", "row": None}))
    top = max(bands, key=hi)
    if top.upper is not None and not top.upper_inclusive:
        interval = f"[{fmt_pct(top.upper)}]"
        out.append(_finding(bands, top.label, interval, "scale.top_open", {
            "upper": fmt_pct(top.upper), "label": top.label, "band": fmt_band(top)}))
    bottom = min(bands, key=lo)
    if bottom.lower is not None and (bottom.lower > 0 or not bottom.lower_inclusive):
        interval = _interval(0.0, True, bottom.lower, not bottom.lower_inclusive)
        out.append(_finding(bands, bottom.label, interval, "scale.bottom_gap", {
            "label": bottom.label, "band": fmt_band(bottom)}))
    return out


def check(doc: Document) -> list[Finding]:
    by_table: dict[str | None, list[ScaleBand]] = defaultdict(list)
    for band in doc.scale:
        by_table[band.table].append(band)
    out: list[Finding] = []
    for bands in by_table.values():
        if usable(bands):
            out.extend(check_bands(bands))
    return out


RULE = Rule(
    id=ID,
    description_id="Pita skala nilai laporan tidak bercelah dan tidak tumpang tindih.",
    description_en="The bands of the report's rating scale leave no gaps and do not overlap.",
    check=check,
)
