"""Rule efisiensi: a budget line's stated efisiensi vs anggaran - realisasi."""

from __future__ import annotations

from lkip.model import BudgetLine, Document, Finding, Number
from lkip.validate.arith import (
    agrees,
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_stated,
    judge,
    judge_sum,
    ocr_note,
    same,
)
from lkip.validate.base import (
    Rule,
    budget_label,
    location,
    ocr_prone,
    refs_of,
    stated_number,
    uncertain_note,
)
from lkip.validate.rules.persen import budget_figures

ID = "efisiensi"
POINTS_MAX = 200  # an efisiensi this small beside a budget in rupiah is in points, not rupiah


def _diff(v: list[float]) -> float:
    return v[0] - v[1]


def _diff_pct(v: list[float]) -> float:
    return (v[0] - v[1]) / v[0] * 100


def check_line(doc: Document, line: BudgetLine) -> Finding | None:
    figures = budget_figures(doc, line, "efisiensi", percent=False)
    if figures is None:
        return None
    field, stated, base, real = figures
    percent = stated.percent  # some tables state efisiensi as a % of the budget
    if percent and same(base.value, 0.0):
        return None
    if not percent and abs(stated.value) <= POINTS_MAX < base.value / 100:
        return check_points(doc, line, stated)
    formula = _diff_pct if percent else _diff
    expected = formula([base.value, real.value])
    if percent:
        verdict = judge(stated, expected, ocr_prone=ocr_prone(doc, line.page))
    else:
        negated = real.model_copy(update={"value": -real.value})
        verdict = judge_sum(stated, [base, negated], ocr_prone=ocr_prone(doc, line.page))
    if verdict.ok:
        return None
    if not percent and agrees(stated, real.value - base.value):
        return _reversed_sign(line, stated, base, real)
    bb, rr = fmt_num(base.value, base.decimals), fmt_num(real.value, real.decimals)
    if percent:
        arith = f"({bb} − {rr}) / {bb} × 100 = {fmt_pct(expected, 2)}"
    else:
        arith = f"{bb} − {rr} = {fmt_num(expected, max(base.decimals, real.decimals))}"
    shown = fmt_stated(stated, money=not percent, percent=percent)
    want = fmt_expected(expected, stated, percent=percent, money=not percent)
    page, row_line = location(doc, line.refs, "efisiensi", line.page)
    used = [f for f in (field, "realisasi", "efisiensi") if f in line.uncertain]
    severity, unsure = uncertain_note(verdict.severity, used)
    return Finding.of(
        "efisiensi.wrong_pct" if percent else "efisiensi.wrong",
        {"shown": shown, "want": want, "arith": arith}, ocr_note(verdict) + unsure,
        rule=ID, severity=severity, table=line.table, row=budget_label(line),
        field="efisiensi", stated=stated.value, expected=expected_value(expected, stated),
        arithmetic=arith, page=page, line=row_line,
        cells=refs_of(line.refs, field, "realisasi", "efisiensi"),
    )


def _reversed_sign(line: BudgetLine, stated: Number, base: Number, real: Number) -> Finding:
    shown = fmt_stated(stated, money=True)
    arith = f"{fmt_num(real.value, real.decimals)} − {fmt_num(base.value, base.decimals)}"
    return Finding.of(
        "efisiensi.reversed", {"shown": shown, "arith": arith},
        rule=ID, severity="info", table=line.table, row=budget_label(line), field="efisiensi",
        stated=stated.value, expected=base.value - real.value, arithmetic=arith, page=line.page,
        cells=refs_of(line.refs, "efisiensi"),
    )


def check_points(doc: Document, line: BudgetLine, stated: Number) -> Finding | None:
    """Efisiensi in points, as some reports define it: capaian kinerja − % realisasi anggaran
    (Jombang 2022: 94,24 − 83,13 = 11,11). Judged only when the row states both."""
    ind = next((i for i in doc.indicators
                if i.table == line.table and i.row_index == line.row_index), None)
    if ind is None or ind.capaian is None or line.persen is None:
        return None
    capaian = stated_number(doc, ind.refs, "capaian", ind.capaian, percent=True)
    persen = stated_number(doc, line.refs, "persen", line.persen, percent=True)
    if capaian is None or persen is None:
        return None
    expected = capaian.value - persen.value
    verdict = judge(stated, expected, ocr_prone=ocr_prone(doc, line.page))
    if verdict.ok:
        return None
    decimals = max(stated.decimals, capaian.decimals, persen.decimals)
    arith = (f"{fmt_num(capaian.value, capaian.decimals)} − {fmt_num(persen.value, persen.decimals)}"
             f" = {fmt_num(expected, decimals)}")
    shown, want = fmt_num(stated.value, stated.decimals), fmt_num(expected, decimals)
    return Finding.of(
        "efisiensi.points", {"shown": shown, "want": want, "arith": arith}, ocr_note(verdict),
        rule=ID, severity=verdict.severity, table=line.table, row=budget_label(line),
        field="efisiensi", stated=stated.value, expected=expected_value(expected, stated),
        arithmetic=arith, page=line.page, cells=refs_of(ind.refs, "capaian") + refs_of(
            line.refs, "persen", "efisiensi"),
    )


def check(doc: Document) -> list[Finding]:
    return [f for line in doc.budget_lines if (f := check_line(doc, line)) is not None]


RULE = Rule(
    id=ID,
    description_id="Efisiensi sama dengan anggaran − realisasi.",
    description_en="Savings (efisiensi) equal budget − spending.",
    check=check,
)
