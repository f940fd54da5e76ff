"""A decimal comma or thousands point the OCR dropped ('61,75' read as '6175') leaves its room:
the bare figure is wider per character than the figures beside it (issue 12, 'Scans')."""

from __future__ import annotations

from lkip.extract.ocr import OcrPage, OcrWord
from lkip.extract.scanned import _take_separated, lost_separator
from lkip.model import Box, Cell


def _page(words: list[tuple[str, float, float]]) -> OcrPage:
    """Words (text, x0, width) on one row at top 100, 7.4 points high."""
    return OcrPage(number=1, width=600, height=800,
                   words=[OcrWord(text=t, x0=x, top=100, x1=x + w, bottom=107.4, conf=96, line=(1, 1, 1))
                          for t, x, w in words])


# measured on a 300 dpi scan of a LibreOffice table (seed 31): '6175' printed '61,75'
ROW = [("58,09", 100, 20.9), ("95,01", 150, 20.9), ("59,92", 200, 20.6), ("6175", 300, 20.4),
       ("62,66", 350, 20.9)]


def test_bare_figure_as_wide_as_a_separated_one_lost_its_separator():
    page = _page(ROW)
    assert lost_separator("6175", Box(x0=300, top=100, x1=320.4, bottom=107.4), page)


def test_bare_figures_of_their_own_width_are_sound():
    page = _page([("55", 100, 8.4), ("58", 150, 8.6), ("1.225", 200, 20.4), ("4.100", 250, 20.9),
                  ("2024", 300, 16.9), ("100", 350, 12.6)])
    assert not lost_separator("2024", Box(x0=300, top=100, x1=316.9, bottom=107.4), page)
    assert not lost_separator("100", Box(x0=350, top=100, x1=362.6, bottom=107.4), page)
    assert not lost_separator("58", Box(x0=150, top=100, x1=158.6, bottom=107.4), page)  # too short


def test_only_a_reading_with_the_separator_is_taken():
    cell = Cell(raw="6175")
    assert _take_separated(cell, "61,75", 96.0) and cell.number.value == 61.75 and not cell.unreadable
    cell = Cell(raw="112")
    assert not _take_separated(cell, "112", 89.0) and cell.unreadable  # the same bare digits
    cell = Cell(raw="6175")
    assert not _take_separated(cell, "61,15", 96.0) and cell.unreadable  # other digits
