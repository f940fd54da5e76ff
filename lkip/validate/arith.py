"""Whether a stated figure agrees with its recomputation (one place for it), and number formats."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from lkip.model import Note, Number, Severity

_REL_EPS = 1e-13  # float noise allowed, relative to the size of the figure
_ABS_EPS = 1e-9


def _noise(scaled: float) -> float:
    """Float noise to forgive when rounding ``scaled``: relative, but never a visible fraction
    (on 6.026.468.900.000 sen a relative allowance alone would add a whole sen)."""
    return min(1e-6, max(_ABS_EPS, scaled * _REL_EPS))


def round_half_up(value: float, decimals: int) -> float:
    """``value`` rounded to ``decimals`` places, halves away from zero (85,005 -> 85,01)."""
    scale = 10.0 ** decimals
    scaled = abs(value) * scale
    rounded = math.floor(scaled + 0.5 + _noise(scaled))
    return math.copysign(rounded / scale, value)


def same(a: float, b: float) -> bool:
    """Two floats equal up to float noise."""
    return abs(a - b) <= max(_ABS_EPS, _REL_EPS * max(abs(a), abs(b)))


# Reports sometimes cut figures instead of rounding them (85,49 printed for 85,4954). A figure
# that equals the exact value truncated to its decimals is not a contradiction worth reporting.
ACCEPT_TRUNCATION = True


def truncate(value: float, decimals: int) -> float:
    """``value`` cut (towards zero) to ``decimals`` places: 85,4954 -> 85,49."""
    scale = 10.0 ** decimals
    scaled = abs(value) * scale
    return math.copysign(math.floor(scaled + _noise(scaled)) / scale, value)


def agrees(stated: Number, expected: float) -> bool:
    """A stated figure agrees when it equals ``expected`` rounded half-up to its stated precision
    (or, with ACCEPT_TRUNCATION, cut to it)."""
    if same(round_half_up(expected, stated.decimals), stated.value):
        return True
    return ACCEPT_TRUNCATION and same(truncate(expected, stated.decimals), stated.value)


def agree_at_common_precision(a: Number, b: Number) -> bool:
    """Two stated figures agree when they are equal at the coarser of their two precisions."""
    decimals = min(a.decimals, b.decimals)
    return same(round_half_up(a.value, decimals), round_half_up(b.value, decimals))


def natural_decimals(value: float, limit: int = 4) -> int:
    """The fewest decimals that write ``value`` exactly (up to ``limit``): 85.0 -> 0, 88.92 -> 2."""
    for decimals in range(limit + 1):
        if same(round_half_up(value, decimals), value):
            return decimals
    return limit


def as_number(value: float, *, percent: bool = False, money: bool = False,
              decimals: int | None = None) -> Number:
    """A Number for a value known only as a float (its precision guessed from its digits)."""
    return Number(value=value, decimals=natural_decimals(value) if decimals is None else decimals,
                  percent=percent, money=money)


# ---------------------------------------------------------------- OCR slips

def digits(value: float, decimals: int) -> str:
    """The digits a figure is printed with, without separators or sign: 88.92 (2) -> '8892'."""
    text = f"{abs(round_half_up(value, decimals)):.{decimals}f}".replace(".", "")
    return text.lstrip("0") or "0"


def within_one_edit(a: str, b: str) -> bool:
    """True when ``b`` is ``a`` with at most one character dropped, added or changed."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def ocr_slip(stated: Number, expected: float) -> bool:
    """Could ``stated`` be ``expected`` misread by OCR (one digit dropped, added or changed, or the
    decimal separator lost or moved)?"""
    printed = digits(stated.value, stated.decimals)
    if within_one_edit(printed, digits(expected, stated.decimals)):
        return True
    others = [digits(expected, d) for d in range(5) if d != stated.decimals]
    if any(other == printed for other in others):  # the decimal separator lost or moved
        return True
    # ... and one digit with it ('15.729,75' for 15.729.750): only on long figures, where one
    # edit is no coincidence (any small number is one edit from many others)
    return len(printed) >= 6 and any(within_one_edit(printed, other) for other in others)


@dataclass(frozen=True)
class Verdict:
    """Outcome of comparing a stated figure with its recomputation."""

    ok: bool
    ocr: bool = False  # the disagreement may be an OCR misread of one figure

    @property
    def severity(self) -> Severity:
        return "warning" if self.ocr else "error"


def judge(stated: Number, expected: float, *, ocr_prone: bool) -> Verdict:
    """Compare ``stated`` with ``expected``; on OCR input, a difference one misread digit in the
    stated figure could make is flagged as possibly an OCR slip. (Slips in the figures a ratio is
    computed from are not tried: some variant of a large number matches nearly any percentage.)"""
    if agrees(stated, expected):
        return Verdict(True)
    return Verdict(False, ocr=ocr_prone and ocr_slip(stated, expected))


def judge_sum(stated: Number, parts: Sequence[Number], *, ocr_prone: bool) -> Verdict:
    """``judge`` for a stated total against the sum of ``parts`` (a part may be negative, for a
    difference): on OCR input, the difference may be an OCR slip when the total or any one part,
    misread by one digit, explains it exactly."""
    expected = sum(n.value for n in parts)
    verdict = judge(stated, expected, ocr_prone=ocr_prone)
    if verdict.ok or verdict.ocr or not ocr_prone:
        return verdict
    gap = stated.value - expected
    for part in parts:
        needed = part.value + gap
        if ocr_slip(part, needed) and same(round_half_up(needed, part.decimals), needed):
            return Verdict(False, ocr=True)
    return verdict


def ocr_note(verdict: Verdict) -> list[Note]:
    """The sentence added to a message when a difference may be an OCR misread."""
    return [Note(key="note.ocr")] if verdict.ocr else []


# ---------------------------------------------------------------- formatting

def fmt_num(value: float, decimals: int = 0) -> str:
    """Indonesian notation: 4424198783 -> '4.424.198.783', 88.92 (2) -> '88,92'."""
    text = f"{abs(round_half_up(value, decimals)):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return ("-" if value < 0 and text.strip("0.,") else "") + text


def fmt_pct(value: float, decimals: int | None = None) -> str:
    """'88,92%' (decimals guessed from the value when not given)."""
    return fmt_num(value, natural_decimals(value, 2) if decimals is None else decimals) + "%"


def fmt_rp(value: float, decimals: int | None = None) -> str:
    """'Rp 4.424.198.783' ('Rp 76.563.441,00' when stated with decimals)."""
    return "Rp " + fmt_num(value, natural_decimals(value, 2) if decimals is None else decimals)


def fmt_stated(number: Number, *, money: bool | None = None, percent: bool | None = None) -> str:
    """A stated figure as the report prints it, at its own precision."""
    is_pct = number.percent if percent is None else percent
    is_money = number.money if money is None else money
    if is_pct:
        return fmt_pct(number.value, number.decimals)
    if is_money:
        return fmt_rp(number.value, number.decimals)
    return fmt_num(number.value, number.decimals)


def fmt_expected(
    value: float, stated: Number, *, percent: bool = False, money: bool = False,
) -> str:
    """A recomputed figure, shown precisely enough to see why it differs from ``stated``:
    percentages with at least two decimals, amounts at the stated precision (or to the sen when
    the recomputation has a fraction)."""
    if percent:
        return fmt_pct(value, max(2, stated.decimals))
    decimals = max(stated.decimals, natural_decimals(value, 2))
    return fmt_rp(value, decimals) if money else fmt_num(value, decimals)


def expected_value(value: float, stated: Number) -> float:
    """The recomputation as stored in a Finding: percentages to two decimals (or the stated
    precision if finer), amounts to the sen."""
    return round_half_up(value, max(2, stated.decimals))
