"""A before/after budget table whose narrow 'Rp' and '%' change columns end a few characters
apart, with a row of no change ('0', '0,00') and a negative percentage whose minus wrapped."""
from __future__ import annotations

from lkip.extract.columns import align, column_slots
from lkip.extract.line_parts import split_line
from lkip.extract.lines import Line

SLOTS = [("pagu_sebelum", "money"), ("pagu_sesudah", "money"), ("selisih", "money"),
         ("selisih_persen", "pct")]
ROWS = [
    "  1    Program         609.181.000   609.181.000           0  0,00",
    "  2    Program         424.970.000   395.700.000  -29.270.000  -6,89",
    "      JUMLAH         1.034.151.000  1.004.881.000  -29.270.000  -2,83",
]


def _infos() -> list:
    return [split_line(Line(no=k, page=3, text=text), True) for k, text in enumerate(ROWS)]


def test_nil_change_row_is_placed() -> None:
    placed, _amb, extra = align(_infos()[0].tokens, SLOTS)
    assert not extra
    assert placed["selisih"].text == "0" and placed["selisih_persen"].text == "0,00"


def test_narrow_change_columns_kept_apart() -> None:
    first = _infos()
    by_column = column_slots(first, SLOTS)
    assert by_column is not None
    names = [by_column[id(t)] for t in first[0].tokens]
    assert names == ["pagu_sebelum", "pagu_sesudah", "selisih", "selisih_persen"]


def test_bare_zero_still_a_percentage_where_it_can_be() -> None:
    placed, amb, _extra = align(split_line(Line(no=0, page=1, text="  x  1.000.000  0"), True).tokens,
                                SLOTS)
    assert placed["selisih_persen"].text == "0" and "selisih_persen" not in amb
