"""Rule capaian: an indicator's stated capaian vs realisasi / target x 100 (or the long formula)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from lkip.model import Document, Finding, Indicator, Note, Number
from lkip.validate.arith import (
    agrees,
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_stated,
    judge,
    ocr_note,
    same,
)
from lkip.validate.base import (
    Rule,
    fits_some_reading,
    indicator_label,
    location,
    ocr_prone,
    refs_of,
    stated_number,
    uncertain_note,
)

ID = "capaian"
log = logging.getLogger(__name__)


def _short(v: list[float]) -> float:
    """Rumus pendek: realisasi / target x 100 (v = [target, realisasi])."""
    return v[1] / v[0] * 100


def _long(v: list[float]) -> float:
    """Rumus panjang: (target - (realisasi - target)) / target x 100, for smaller-is-better."""
    return (v[0] - (v[1] - v[0])) / v[0] * 100


def recomputed(ind: Indicator) -> float | None:
    """The capaian its row's target and realisasi give (by the indicator's polarity); None
    without both, or with a target of 0."""
    if not isinstance(ind.target, (int, float)) or not isinstance(ind.realisasi, (int, float)):
        return None
    if same(ind.target, 0.0):
        return None
    formula: Callable[[list[float]], float] = _long if ind.smaller_is_better else _short
    return formula([ind.target, ind.realisasi])


def _arith(ind: Indicator, t: Number, r: Number, expected: float) -> str:
    tt, rr = fmt_num(t.value, t.decimals), fmt_num(r.value, r.decimals)
    formula = f"({tt} − ({rr} − {tt})) / {tt} × 100" if ind.smaller_is_better else f"{rr} / {tt} × 100"
    return f"{formula} = {fmt_pct(expected, 2)}"


def check_indicator(doc: Document, ind: Indicator) -> Finding | None:
    stated = stated_number(doc, ind.refs, "capaian", ind.capaian, percent=True)
    target = stated_number(doc, ind.refs, "target", ind.target)
    real = stated_number(doc, ind.refs, "realisasi", ind.realisasi)
    if stated is None or target is None or real is None:
        return None
    page, line = location(doc, ind.refs, "capaian", ind.page)
    common = Finding(rule=ID, severity="error", table=ind.table, row=indicator_label(ind),
                     field="capaian", stated=stated.value, page=page, line=line,
                     cells=refs_of(ind.refs, "target", "realisasi", "capaian"), message="")
    shown = fmt_stated(stated, percent=True)
    if same(target.value, 0.0):
        if same(real.value, 0.0) and agrees(stated, 100.0):
            return None  # a target of 0 met exactly (0 late reports of 0 allowed): 100% stands
        return common.told("capaian.target_zero", {"shown": shown}, severity="info")
    formula: Callable[[list[float]], float] = _long if ind.smaller_is_better else _short
    expected = formula([target.value, real.value])
    verdict = judge(stated, expected, ocr_prone=ocr_prone(doc, ind.page))
    if verdict.ok:
        return None
    if not same(real.value, 0.0) and agrees(stated, target.value / real.value * 100):
        # target / realisasi: the two columns read the other way round (or the inverse formula
        # some reports use for smaller-is-better indicators): no contradiction can be proved
        log.debug("%s row %d: capaian fits target / realisasi", ind.table, ind.row_index)
        return None
    other = _short if ind.smaller_is_better else _long
    if ind.polarity_from != "marker" and agrees(stated, other([target.value, real.value])):
        # the report says nothing of this indicator's polarity: the formula it chose stands
        log.debug("%s row %d: capaian fits the other polarity's formula", ind.table, ind.row_index)
        return None
    if _fits_other_separator(stated, target, real, formula):
        log.debug("%s row %d: capaian fits another reading of a separator", ind.table,
                  ind.row_index)
        return None
    numbers = {"target": target, "realisasi": real, "capaian": stated}
    if fits_some_reading(numbers, ind.uncertain, lambda n: agrees(
            n["capaian"], formula([n["target"].value, n["realisasi"].value]))):
        log.debug("%s row %d: capaian fits another reading of its columns", ind.table,
                  ind.row_index)
        return None
    arith = _arith(ind, target, real, expected)
    want = fmt_expected(expected, stated, percent=True)
    hint: list[Note] = []
    if agrees(stated, other([target.value, real.value])):
        hint = [Note(key="capaian.follows_short" if ind.smaller_is_better else "capaian.follows_long")]
    used = [f for f in ("target", "realisasi", "capaian") if f in ind.uncertain]
    severity, unsure = uncertain_note(verdict.severity, used)
    return common.told("capaian.wrong", {"shown": shown, "want": want, "arith": arith},
                       hint + ocr_note(verdict) + unsure, severity=severity,
                       expected=expected_value(expected, stated), arithmetic=arith)


def _fits_other_separator(stated: Number, target: Number, real: Number,
                          formula: Callable[[list[float]], float]) -> bool:
    """True when the stated capaian follows from the target and realisasi once a figure whose
    one separator could be read either way ('3,900': 3,9 or 3900) is read the other way."""
    targets = [target.value] + ([target.alt] if target.alt is not None else [])
    reals = [real.value] + ([real.alt] if real.alt is not None else [])
    for t in targets:
        for r in reals:
            if (t, r) == (target.value, real.value) or same(t, 0.0):
                continue
            if agrees(stated, formula([t, r])):
                return True
    return False


def check(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for ind in doc.indicators:
        if ind.capaian is None or ind.target is None or ind.realisasi is None:
            continue
        finding = check_indicator(doc, ind)
        if finding is not None:
            out.append(finding)
    return out


RULE = Rule(
    id=ID,
    description_id="Capaian indikator sama dengan realisasi / target × 100 (rumus panjang untuk "
                   "indikator yang makin kecil makin baik).",
    description_en="An indicator's capaian equals realisasi / target × 100 (the long formula for "
                   "smaller-is-better indicators).",
    check=check,
)
