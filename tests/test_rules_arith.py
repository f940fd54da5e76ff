"""Tests for the shared comparison and formatting helpers of the validate stage."""

from __future__ import annotations

from lkip.model import Number
from lkip.validate.arith import (
    agree_at_common_precision,
    agrees,
    digits,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_rp,
    judge,
    judge_sum,
    natural_decimals,
    ocr_slip,
    round_half_up,
    within_one_edit,
)


def n(value: float, decimals: int = 0, **kw: bool) -> Number:
    return Number(value=value, decimals=decimals, **kw)


def test_round_half_up() -> None:
    assert round_half_up(85.005, 2) == 85.01
    assert round_half_up(2.5, 0) == 3.0
    assert round_half_up(-2.5, 0) == -3.0
    assert round_half_up(88.9240, 2) == 88.92
    # float noise: 1.005 is stored as 1.00499999...; it is meant as a half
    assert round_half_up(1.005, 2) == 1.01


def test_agrees_at_stated_precision() -> None:
    assert agrees(n(85), 85.004)
    assert agrees(n(85, 2), 85.004)
    assert not agrees(n(85, 2), 85.016)  # neither rounded (85,02) nor cut (85,01)
    assert agrees(n(88.92, 2), 35939600 / 40416120 * 100)
    assert not agrees(n(81.31, 2), 267416700 / 344000141 * 100)  # 77,74
    assert agrees(n(76583441, 2), 344000141 - 267416700)
    assert agrees(n(100), 17 / 17 * 100)


def test_common_precision() -> None:
    assert agree_at_common_precision(n(97.0, 1), n(97))
    assert agree_at_common_precision(n(97.04, 2), n(97))
    assert not agree_at_common_precision(n(97.6, 1), n(97))


def test_indonesian_formats() -> None:
    assert fmt_num(4424198783) == "4.424.198.783"
    assert fmt_num(76563441, 2) == "76.563.441,00"
    assert fmt_pct(88.92) == "88,92%"
    assert fmt_pct(97) == "97%"
    assert fmt_pct(12.9718, 2) == "12,97%"
    assert fmt_rp(659447455) == "Rp 659.447.455"
    assert fmt_num(-20000) == "-20.000"
    assert fmt_num(-0.001, 2) == "0,00"
    assert fmt_expected(85.0, n(85, percent=True), percent=True) == "85,00%"
    assert fmt_expected(76583441, n(76563441, 2), money=True) == "Rp 76.583.441,00"
    assert natural_decimals(88.92) == 2 and natural_decimals(85.0) == 0


def test_digits_and_edits() -> None:
    assert digits(88.92, 2) == "8892"
    assert digits(0.5, 1) == "5"
    assert within_one_edit("2", "72")
    assert within_one_edit("76583441", "76563441")
    assert within_one_edit("44241981783", "4424198783")
    assert not within_one_edit("1491", "1297")


def test_ocr_slip() -> None:
    assert ocr_slip(n(2, percent=True), 72.0)  # '2%' where 72% is expected (digit dropped)
    assert ocr_slip(n(76583441), 76563441)  # one digit changed
    assert ocr_slip(n(771.7, 1), 77.17)  # decimal separator moved
    assert not ocr_slip(n(14.91, 2), 12.97)
    assert not ocr_slip(n(81.31, 2), 77.737)


def test_judge_downgrades_only_on_ocr_text() -> None:
    assert judge(n(85), 85.0, ocr_prone=True).ok
    v = judge(n(2), 72.0, ocr_prone=True)
    assert not v.ok and v.ocr and v.severity == "warning"
    v = judge(n(2), 72.0, ocr_prone=False)
    assert not v.ok and not v.ocr and v.severity == "error"
    assert judge(n(81.31, 2), 77.737, ocr_prone=True).severity == "error"


def test_judge_sum_explained_by_one_part() -> None:
    # 195 + 10 = 205 stated 215: the total differs in two digits, but one part misread
    # (20 printed as 10) explains it exactly
    v = judge_sum(n(215), [n(195), n(10)], ocr_prone=True)
    assert not v.ok and v.ocr
    # 288.900 off: no single misread digit explains it
    v = judge_sum(n(316251181), [n(79503231), n(139502530), n(97534320)], ocr_prone=True)
    assert not v.ok and not v.ocr
    assert judge_sum(n(466160151), [n(207946641), n(139502530), n(118710980)],
                     ocr_prone=True).ok


def test_truncation_accepted() -> None:
    # Jatim 2021 T23.1 prints 85,49 for 85,4954 (cut, not rounded): not a contradiction
    assert agrees(n(85.49, 2), 85.4954)
    assert agrees(n(85.5, 1), 85.4954)
    assert not agrees(n(85.48, 2), 85.4954)
    assert not agrees(n(91.92, 2), 16726996300 / 18198430000 * 100)  # 91,9145


def test_rounding_large_amounts_adds_no_sen() -> None:
    # the kegiatan of a province's Program Penunjang add up to 60.264.689.000 exactly
    from lkip.validate.arith import round_half_up
    assert round_half_up(60_264_689_000.0, 2) == 60_264_689_000.0
    assert round_half_up(13_353_153_913.0, 2) == 13_353_153_913.0
    assert round_half_up(85.005, 2) == 85.01
