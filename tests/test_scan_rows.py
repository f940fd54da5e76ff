"""Rows of scanned tables read whole: words Tesseract glued or a cell wrapped are laid out as the
page prints them (issue 12)."""

from __future__ import annotations

from lkip.extract.layout import lay_out
from lkip.extract.ocr import OcrWord
from lkip.extract.scanned import plumber_words, unglued


def _word(text: str, x0: float, top: float, x1: float, bottom: float, conf: float = 95.0) -> OcrWord:
    return OcrWord(text=text, x0=x0, top=top, x1=x1, bottom=bottom, conf=conf, line=(1, 1, 1))


def _laid(words: list[OcrWord]) -> str:
    plumber = plumber_words(words)
    return lay_out(plumber, [c for w in plumber for c in w["chars"]]).text


def test_grade_glued_to_its_score_is_split_apart() -> None:
    # 'A (83,32)' printed, Tesseract gave one word 'A(83,32)': the cell then read no figure
    pieces = unglued(_word("A(83,32)", 400.0, 100.0, 432.0, 108.0))
    assert [p.text for p in pieces] == ["A", "(83,32)"]
    assert pieces[0].x1 < pieces[1].x0  # apart, so the layout does not join them again
    text = _laid([_word("Nilai", 100.0, 100.0, 120.0, 108.0),
                  _word("Level3(3,22)", 400.0, 100.0, 448.0, 108.0)])
    assert "Level 3 (3,22)" in text


def test_plain_words_are_not_split() -> None:
    for text in ("(3,27)", "Rp1.000", "II.1", "A", "2022-2026", "B"):
        assert [p.text for p in unglued(_word(text, 0.0, 0.0, 30.0, 8.0))] == [text]


def test_amount_with_currency_wrapped_in_its_cell_is_one_figure() -> None:
    # 'Rp1.479.918.775' in a narrow right-aligned cell: '5' wraps to the next line (seed 1009
    # doc 009, Tabel III.3, born-digital and scanned alike)
    text = _laid([_word("2", 161.3, 205.2, 164.9, 211.2),
                  _word("PROGRAM", 190.1, 205.2, 231.1, 211.2),
                  _word("Rp1.479.918.77", 293.8, 205.2, 348.0, 212.9),
                  _word("PENYELENGGARAAN", 190.3, 212.4, 224.2, 224.2),
                  _word("5", 344.4, 215.0, 348.0, 220.8)])
    assert "Rp1.479.918.775" in text
    assert "\n5" not in text.replace(" ", "")


def test_wrapped_tail_under_a_total_row_joins_its_amount() -> None:
    # the total row's label fits one line: the line of tails is bare digits, its OCR boxes lower
    # than the amounts' ('Rp' and descenders), so their tops are further apart than 1.3 heights
    text = _laid([_word("JUMLAH", 178.8, 300.2, 215.3, 306.2),
                  _word("Rp2.983.222.88", 292.8, 300.2, 348.0, 307.9),
                  _word("Rp2.761.912.28", 360.7, 300.2, 415.7, 307.9),
                  _word("2", 344.2, 310.3, 348.0, 316.1),
                  _word("0", 412.3, 310.3, 415.9, 316.3)])
    assert "Rp2.983.222.882" in text and "Rp2.761.912.280" in text


def test_garbled_figures_on_a_line_of_figures_are_picked_for_a_reread() -> None:
    from lkip.extract.ocr import _garbled

    words = [_word("3", 100.0, 0.0, 104.0, 8.0), _word("Indeks", 120.0, 0.0, 150.0, 8.0),
             _word("S150", 200.0, 0.0, 220.0, 8.0), _word("10", 250.0, 0.0, 260.0, 8.0),
             _word("TA", 290.0, 0.0, 296.0, 8.0), _word("5", 320.0, 0.0, 324.0, 8.0),
             _word("Predikat", 340.0, 0.0, 380.0, 8.0)]
    caption = [OcrWord("Tabel", 0.0, 20.0, 20.0, 28.0, 95.0, (1, 1, 2)),
               OcrWord("III.2", 25.0, 20.0, 40.0, 28.0, 80.0, (1, 1, 2)),
               OcrWord("2023", 45.0, 20.0, 60.0, 28.0, 95.0, (1, 1, 2))]
    picked = _garbled(words + caption)
    assert {w.text for w in words + caption if id(w) in picked} == {"S150", "TA"}


def test_a_mend_is_taken_only_when_the_confident_readings_agree() -> None:
    from lkip.extract.ocr import _agreed

    assert _agreed([("87,58", 96.5), ("87,58", 88.1), ("87,58", 96.5)]) == ("87,58", 96.5)
    assert _agreed([("(72,39)", 0.0), ("C (72,39)", 92.5)]) == ("C (72,39)", 92.5)
    assert _agreed([("97,52", 91.1), ("57,52", 96.8)]) is None  # readings disagree
    assert _agreed([("2121", 42.1), ("2121", 42.1)]) is None  # not sure enough
    assert _agreed([("Bal", 39.4)]) is None  # no figure
    assert _agreed([("%", 92.6), ("%", 45.8)]) is None


def test_a_mend_that_only_changes_a_separator_is_doubtful() -> None:
    from lkip.extract.ocr import MENDED_CONF, _as_words

    # '73,15' printed, read '13:15' and again '13,15': no reading saw other digits
    (mend,) = _as_words(_word("13:15", 280.0, 0.0, 305.0, 8.0, conf=64.0), ("13,15", 90.4))
    assert mend.text == "13,15" and mend.doubtful and mend.conf <= MENDED_CONF
    grade, score = _as_words(_word("€CY239", 370.0, 0.0, 408.0, 8.0), ("C (72,39)", 92.5))
    assert (grade.text, score.text) == ("C", "(72,39)") and not score.doubtful
    assert grade.x1 < score.x0


def test_a_leading_one_is_read_again_and_takes_only_a_seven_or_four() -> None:
    from lkip.extract.scanned import _may_be_seven, _take_seven
    from lkip.model import Cell
    from lkip.normalize.numbers import parse_cell_text

    assert _may_be_seven("13,08") and _may_be_seven("Rp1.250.000") and not _may_be_seven("73,08")

    def cell(raw: str) -> Cell:
        parsed = parse_cell_text(raw)
        return Cell(raw=raw, number=parsed.number, kind=parsed.kind, ocr_conf=91.0)

    fixed = cell("13,08")  # printed 73,08: the crop alone reads it right
    assert _take_seven(fixed, "73,08", 96.0) and fixed.number.value == 73.08 and not fixed.unreadable
    kept = cell("15,00")
    assert _take_seven(kept, "15,00", 95.0) and kept.number.value == 15.0 and not kept.unreadable
    lost = cell("1,82")  # a re-read that lost digits is no correction: unreadable
    assert not _take_seven(lost, "2", 90.0) and lost.unreadable and lost.number.value == 1.82
    unsure = cell("18,62")
    assert not _take_seven(unsure, "48,62", 40.0) and unsure.unreadable


def test_percent_read_as_a_third_decimal_four_is_suspect() -> None:
    from lkip.extract.scanned import SUSPECT_CONF

    # '78,12%' OCR'd as '78,124' at conf 88: the figure is read again in full
    words = plumber_words([_word("78,124", 0.0, 0.0, 30.0, 8.0, conf=88.0),
                           _word("78,12", 40.0, 0.0, 65.0, 8.0, conf=88.0)])
    assert [w["conf"] for w in words] == [SUSPECT_CONF, 88.0]
