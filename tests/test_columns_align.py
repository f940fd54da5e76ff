"""Placing a row's figures in its columns: fewer figures than columns must not be placed as if
sure (a row whose first figures were lost by OCR would be read shifted left, silently)."""

from lkip.extract.columns import align
from lkip.extract.lines import Token
from lkip.normalize.numbers import parse_cell_text


def _tokens(*texts: str) -> list[Token]:
    out, at = [], 0
    for text in texts:
        out.append(Token(text=text, start=at, end=at + len(text), parsed=parse_cell_text(text)))
        at += len(text) + 3
    return out


def test_wide_table_short_row_is_unsure() -> None:
    """Target/realisasi/capaian for 2021..2025 and more: 16 columns, only the last 8 figures of a
    row read. In order they land in the first 8 columns: each must be marked ambiguous."""
    slots = [(f"k{i}", "val") for i in range(16)]
    toks = _tokens("76,8", "78,4", "80,1", "81,0", "82,5", "83,0", "84,2", "85,9")
    placement, ambiguous, extra = align(toks, slots)
    assert not extra
    assert placement["k0"].text == "76,8"
    assert ambiguous == set(placement)


def test_wide_table_full_row_is_sure() -> None:
    slots = [(f"k{i}", "val") for i in range(16)]
    toks = _tokens(*[f"{70 + i},5" for i in range(16)])
    placement, ambiguous, extra = align(toks, slots)
    assert len(placement) == 16 and not ambiguous and not extra


def test_short_row_in_narrow_table_is_unsure() -> None:
    slots = [("target", "val"), ("realisasi", "val"), ("capaian", "pct")]
    placement, ambiguous, _ = align(_tokens("94,05", "120,73"), slots)
    assert ambiguous  # target+realisasi or realisasi+capaian: the order alone cannot say
