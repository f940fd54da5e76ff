"""Words of a scanned page mended before layout, and figures read again when their row says a
separator was lost (issue 12, scans): a '%' read 'Yo', header words Tesseract garbled on a line
of two heights, '91,13' read '9113' beside '100,02'."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from lkip.extract.layout import lay_out
from lkip.extract.ocr import OcrWord, percent_signs, retyped
from lkip.extract.scanned import _sure_if_same, _take, _take_scaled, out_of_scale, plumber_words
from lkip.model import Cell
from lkip.normalize.numbers import parse_cell_text

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _word(text: str, x0: float, x1: float, conf: float = 93.0, top: float = 100.0,
          bottom: float = 108.0, line: tuple[int, int, int] = (1, 1, 1)) -> OcrWord:
    return OcrWord(text=text, x0=x0, top=top, x1=x1, bottom=bottom, conf=conf, line=line)


def _cell(raw: str, conf: float = 91.0) -> Cell:
    parsed = parse_cell_text(raw)
    return Cell(raw=raw, number=parsed.number, kind=parsed.kind, ocr_conf=conf)


def test_percent_read_yo_after_figures_is_a_percent_again() -> None:
    # seed 2003 doc 009 Tabel II.1: '1 Persentase koperasi aktif % 97,9 % 98,7 % ...' read with
    # every % as 'Yo' (conf 80-95); the figures then joined the label
    row = [_word("1", 60, 64), _word("Persentase", 80, 120), _word("aktif", 122, 140),
           _word("Yo", 170, 177), _word("97,9", 200, 216), _word("Yo", 218, 225),
           _word("98,7", 250, 266), _word("Y6", 268, 275), _word("99,4", 300, 316)]
    mended = percent_signs(row)
    assert [w.text for w in mended] == ["1", "Persentase", "aktif", "%", "97,9", "%", "98,7",
                                        "%", "99,4"]
    plumber = plumber_words(mended)
    text = lay_out(plumber, [c for w in plumber for c in w["chars"]]).text
    assert "97,9 %" in text and "98,7 %" in text and "Yo" not in text


def test_a_y6_word_is_a_percent_only_right_after_a_figure() -> None:
    kept = percent_signs([_word("Nilai", 80, 100), _word("Y6", 102, 109),  # after a word
                          _word("95,3", 200, 216), _word("Y6", 260, 267)])  # far from the figure
    assert [w.text for w in kept] == ["Nilai", "Y6", "95,3", "Y6"]


def _header_image() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A two-level table header at 300 dpi: 'Satuan' centred on two lines beside 'Tahun 2025'
    over 'Target Realisasi % Capaian'; the pixel box of each word drawn."""
    if not FONT.exists():
        pytest.skip("DejaVu font missing")
    font = ImageFont.truetype(str(FONT), 38)
    image = Image.new("L", (1500, 260), 255)
    draw = ImageDraw.Draw(image)
    boxes = {}
    for text, x, y in (("Satuan", 60, 100), ("Tahun 2025", 560, 40), ("Target", 330, 150),
                       ("Realisasi", 600, 150), ("%", 900, 150), ("Capaian", 960, 150)):
        draw.text((x, y), text, font=font, fill=0)
        boxes[text] = draw.textbbox((x, y), text, font=font)
    return image, boxes


def _points(box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    return tuple(v * 72 / 300 for v in box)  # type: ignore[return-value]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_garbled_header_words_are_read_again_from_their_region() -> None:
    # seed 2003 doc 000 Tabel 3.2: 'Target Realisasi % Capaian' read 'ange' (conf 5) and 'en'
    # (conf 21) on the line of 'Satuan'; the table lost its kind and every row
    image, boxes = _header_image()
    sat = _points(boxes["Satuan"])
    left, right = _points(boxes["Target"]), _points(boxes["Capaian"])
    words = [OcrWord("Satuan", *sat, conf=93.0, line=(1, 1, 2)),
             OcrWord("ange", left[0], left[1], left[2] - 5, left[3], conf=5.0, line=(1, 1, 2)),
             OcrWord("en", _points(boxes["Realisasi"])[0], left[1], right[2], right[3], conf=21.0,
                     line=(1, 1, 2))]
    out = retyped(words, image, 300, time.monotonic() + 60)
    assert [w.text for w in out] == ["Satuan", "Target", "Realisasi", "%", "Capaian"]
    target = out[1]
    assert abs(target.x0 - left[0]) < 3 and abs(target.top - left[1]) < 3  # page points again
    assert all(w.line == (1, 1, 2) for w in out)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_garbled_word_whose_region_reads_digits_is_left_to_the_figure_mending() -> None:
    image, boxes = _header_image()
    year = _points(boxes["Tahun 2025"])
    words = [OcrWord("Tahun", year[0], year[1], year[0] + 25, year[3], conf=30.0, line=(1, 1, 1)),
             OcrWord("ZOZS", year[0] + 28, year[1], year[2], year[3], conf=12.0, line=(1, 1, 1))]
    out = retyped(words, image, 300, time.monotonic() + 60)
    assert [w.text for w in out] == ["Tahun", "ZOZS"]  # the region holds '2025': not taken here


def test_figures_far_above_their_row_with_its_decimals_are_out_of_scale() -> None:
    # seed 2003 doc 000 Tabel 3.2 row '% 91,13 91,15 100,02' read '9113 9115 100,02' (conf 87);
    # doc 002 Tabel 2.1 '83,9% 849% 85,9% 868%'
    row = [_cell("9113"), _cell("9115"), _cell("100,02")]
    assert out_of_scale(row[0], row) and out_of_scale(row[1], row)
    targets = [_cell("83,9%"), _cell("849%"), _cell("85,9%"), _cell("868%")]
    assert out_of_scale(targets[1], targets) and out_of_scale(targets[3], targets)
    assert not out_of_scale(targets[0], targets)
    plain = [_cell("64"), _cell("64"), _cell("100,00")]  # whole figures of their own scale
    assert not any(out_of_scale(c, plain) for c in plain)
    year = [_cell("2021"), _cell("83,9"), _cell("85,1")]
    assert not out_of_scale(year[0], year)
    money = [_cell("1250"), _cell("1.250.000,00")]
    assert not out_of_scale(money[0], money)


def test_a_figure_out_of_scale_takes_only_its_own_digits_with_a_separator() -> None:
    fixed = _cell("9113")
    assert _take_scaled(fixed, "91,13", 88.0) and fixed.number.value == 91.13
    same = _cell("9113")  # the crop alone reads it the same: kept
    assert _take_scaled(same, "9113", 90.0) and same.number.value == 9113 and not same.unreadable
    other = _cell("9113")
    assert not _take_scaled(other, "91,18", 90.0) and other.unreadable
    unsure = _cell("9113")
    assert not _take_scaled(unsure, "91,13", 40.0) and unsure.unreadable
    strict = _cell("9113")  # Options.unreadable_below raised above the re-reading's confidence
    assert not _take_scaled(strict, "91,13", 88.0, unreadable_below=89.0) and strict.unreadable


def test_an_unsure_bare_figure_is_read_in_full_and_takes_its_separator_back() -> None:
    # '84,9%' read '849%' at conf 46; the strip of stacked crops read '849%' again at 90, the
    # crop alone '84,9%' at 76
    assert _sure_if_same("849%") is None and _sure_if_same("9113") is None
    assert _sure_if_same("84,9%") == "84,9%"
    cell = _cell("849%", conf=46.0)
    assert _take(cell, "84,9%", 76.0) is True and cell.number.value == 84.9 and cell.number.percent
    kept = _cell("84,9", conf=55.0)
    assert _take(kept, "849", 80.0) is False and kept.number.value == 84.9  # never drops one


NARROW = Path("/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Regular.ttf")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")
def test_a_seven_the_page_reading_took_for_a_one_is_put_back() -> None:
    # the 'ind' model reads this 7 as 1 (seed 3001 doc 008 Tabel 2.1: '75,45' as 15,45 at conf
    # 89, three ways); 'eng' alone reads it right, and the figure's real 1s stay
    from lkip.extract.ocr import read_words, sevens
    from lkipsynth.scan import ScanOptions, degrade

    if not NARROW.exists():
        pytest.skip("Liberation Sans Narrow missing")
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((20, 20), "75,45  72,34  11,36  1.250  78,13  2021",
                               font=ImageFont.truetype(str(NARROW), 34), fill=0)
    scan = degrade(image, 1, ScanOptions(dpi=300, noise={"gauss": 4.0}, seed=0))
    words = read_words(scan, 300, psm=6)
    assert words[0].text == "15,45"  # the misreading, as on the scanned reports
    out = sevens(words, scan, 300, time.monotonic() + 60)
    assert [w.text for w in out] == ["75,45", "72,34", "11,36", "1.250", "78,13", "2021"]
    assert (out[0].x0, out[0].x1, out[0].conf) == (words[0].x0, words[0].x1, words[0].conf)


def test_a_figure_split_at_its_separator_is_one_word_again() -> None:
    from lkip.extract.ocr import figure_words

    # seed 3001 doc 008 Tabel 3.2: '80,73%' read '80,' and '73Y6' 1.7 pt apart; its cell read no
    # figure and the row took the Rata-rata line's 94,98% as its capaian
    out = figure_words([_word("64,49", 561.4, 578.2), _word("80,", 619.9, 628.6, conf=60.0),
                        _word("73Y6", 630.2, 643.2, conf=60.0), _word("Baik", 680.0, 700.0)])
    assert [w.text for w in out] == ["64,49", "80,73Y6", "Baik"]
    assert (out[1].x0, out[1].x1, out[1].conf) == (619.9, 643.2, 60.0)
    apart = figure_words([_word("2.804.499.000,", 300, 350), _word("2.770.356.696,", 369, 419)])
    assert len(apart) == 2  # two amounts a column apart


def test_a_band_lower_bound_read_with_a_two_for_its_sign_gets_the_sign_back() -> None:
    from lkip.extract.ocr import figure_words

    # '≥50 s.d. 65 Kurang' read '250 s.d. 65': the band lost, a capaian of 61,90 fell in no band
    band = figure_words([_word("4", 120, 124), _word("250", 229, 243), _word("s.d.", 246, 260),
                         _word("65", 263, 272), _word("Kurang", 320, 350)])
    assert [w.text for w in band] == ["4", "≥50", "s.d.", "65", "Kurang"]
    kept = figure_words([_word("250", 229, 243), _word("s.d.", 246, 260), _word("300", 263, 280)])
    assert [w.text for w in kept] == ["250", "s.d.", "300"]  # a range that reads right
