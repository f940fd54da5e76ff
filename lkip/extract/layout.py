"""Lay a PDF page's words out as text lines whose columns follow the page, keeping each character's box.

The table reader finds columns in laid-out text by where figures end (they are right-aligned in
LKIP tables). pdfplumber's own layout writes each word's characters one column apiece from where
the word starts, so a wide bold figure drifts to the right of the figures above it. Here every
word is placed on its own: a figure so that it *ends* at the column of its right edge, other words
so that they start at the column of their left edge, one column being the page's digit width.
Words never overlap: a word that would collide moves right, with one space (two when the gap on
the page is wide, so that columns stay apart).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from lkip.extract.lines import LineGeometry

# a character placed on a text line: its column, its box (x0, top, x1, bottom) in PDF points and
# how sure the reading is (100 for a text layer, the OCR word's confidence for a scan)
CharBox = tuple[int, float, float, float, float, float]

Rule = tuple[float, float, float]  # a horizontal rule on a page: y, x0, x1 in PDF points
Upright = tuple[float, float, float]  # a vertical rule on a page: x, top, bottom in PDF points

_CURRENCY = re.compile(r"^r[pe][\.,]?$", re.IGNORECASE)
_SIGNS = ("-", "\u2212", "\u2013")  # a minus as typed, as typeset and as Word's en dash
_AMOUNT = re.compile(r"^\(?-?\d{1,3}([\.,]\d{3})+([\.,]\d{1,2})?(,-|\.-)?\)?$")
_TAIL = re.compile(r"^(\d{1,3}(,\d{1,2})?%?|%|,\d{1,2}%?)$")
_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$")
_FRACTION = re.compile(r"^\d{1,3}[\.,]\d{1,2}%?$")  # a percentage or rate: '2,83', '6.5%'
_WHOLE_AMOUNT = re.compile(r"^\(?-?\d{1,3}(\.\d{3})+(,\d{1,2})?(,-|\.-)?\)?$")
_WHOLE_CODE = re.compile(r"^\d{1,2}(\.\d{2}){2}(\.\d)(\.\d{2})(\.\d{4})$")
_CURRENCY_HEAD = re.compile(r"^r[pe][\.,]?\s*(?=\d)", re.IGNORECASE)
_FIGURE = re.compile(r"^[\(\[]?(rp\.?)?[\d\.,\-%\)\]]*\d[\d\.,\-%\)\]]*$", re.IGNORECASE)


@dataclass
class TextLine:
    top: float
    bottom: float
    words: list[dict] = field(default_factory=list)


@dataclass
class LaidPage:
    """A page as text lines, with the boxes of the printed characters of each line and where each
    line lies on the page (None for the blank lines put in for empty space)."""

    lines: list[str]
    boxes: list[list[CharBox]]
    geometry: list[LineGeometry | None] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def column_width(chars: list[dict]) -> float:
    """Points per text column: a little less than a digit's width (figures are what must line up;
    a column narrower than the type keeps wide words from pushing the next column right), else
    of the median character."""
    digits = [c["x1"] - c["x0"] for c in chars if c["text"].isdigit()]
    widths = digits or [c["x1"] - c["x0"] for c in chars if c["text"].strip()]
    if not widths:
        return 5.0
    return min(max(median(widths) * 0.85, 1.5), 15.0)


def group_lines(words: list[dict]) -> list[TextLine]:
    """Words into text lines: a word joins the line whose vertical extent it mostly shares."""
    lines: list[TextLine] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        height = max(word["bottom"] - word["top"], 1.0)
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            if overlap >= 0.5 * min(height, line.bottom - line.top):
                line.words.append(word)
                line.top, line.bottom = min(line.top, word["top"]), max(line.bottom, word["bottom"])
                break
        else:
            lines.append(TextLine(word["top"], word["bottom"], [word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def lay_out(words: list[dict], chars: list[dict], rules: list[Rule] | None = None,
            uprights: list[Upright] | None = None) -> LaidPage:
    """Text lines of a page from its words (pdfplumber ``extract_words(return_chars=True)``).

    ``rules``: the page's horizontal rules (y, x0, x1); each line then records whether one runs
    between it and the line above (a table's row border), as a reader sees the cells' edges.
    ``uprights``: its vertical rules (x, top, bottom); two words a cell border parts are in two
    columns however close they are (narrow cells leave less than a word space between them)."""
    width = column_width(chars)
    lines = signs_rejoined(figures_rejoined(currency_rejoined(group_lines(words), width, rules), rules),
                           rules)
    out_lines: list[str] = []
    out_boxes: list[list[CharBox]] = []
    out_geo: list[LineGeometry | None] = []
    prev: TextLine | None = None
    for line in lines:
        if prev is not None:  # a blank line for each line height of empty space, as a reader sees it
            height = ((prev.bottom - prev.top) + (line.bottom - line.top)) / 2
            blanks = int((line.top - prev.bottom) / max(height, 1.0) + 0.05)
            for _ in range(min(max(blanks, 0), 3)):
                out_lines.append("")
                out_boxes.append([])
                out_geo.append(None)
        mid = (line.top + line.bottom) / 2
        borders = [x for x, top, bottom in uprights or [] if top <= mid <= bottom]
        text, boxes = _place(_touching_joined(line.words, width), width, borders)
        out_lines.append(text)
        out_boxes.append(boxes)
        ruled = None if rules is None else _rule_between(prev, line, rules)
        out_geo.append(LineGeometry(top=line.top, bottom=line.bottom, rule_above=ruled))
        prev = line
    return LaidPage(out_lines, out_boxes, out_geo)


def currency_rejoined(lines: list[TextLine], width: float, rules: list[Rule] | None = None) -> list[TextLine]:
    """'Rp.' alone on a line with its amount right below it in the same cell (a figure cell too
    narrow for 'Rp. 1.088.114.858' wraps after the prefix): the amount goes up in its place, so
    that the row's figures stay on one line. Lines left without words are dropped.

    Same cell: the next line follows at the pitch of lines inside a cell (``_next_in_cell``), no
    rule runs between them, and prefix and amount share the cell's alignment (left, right or centre)."""
    for above, below in zip(lines, lines[1:], strict=False):
        if not _next_in_cell(above, below) or _prefixed_inline(below, width):
            continue  # amounts below that carry their own 'Rp.': the one above is a header's 'Rp'
        for k, word in enumerate(above.words):
            if not _CURRENCY.match(word["text"]) or _figure_follows(above.words, k, width):
                continue
            amount = _amount_under(word, below.words)
            if amount is not None and not _ruled_off(word, above, below, rules or []):
                above.words[k] = amount  # the prefix itself is left out: with it the amount is wider
                below.words.remove(amount)  # than its column and pushes the next figures right
    return [line for line in lines if line.words]


def _prefixed_inline(line: TextLine, width: float) -> bool:
    """The line has an amount with its 'Rp.' beside it ('Rp. 4.187.238.000,-', 'Rp1.000')."""
    return any(_CURRENCY_HEAD.match(w["text"]) or (
        _CURRENCY.match(w["text"]) and _figure_follows(line.words, k, width))
        for k, w in enumerate(line.words))


def figures_rejoined(lines: list[TextLine], rules: list[Rule] | None = None) -> list[TextLine]:
    """A figure or code broken inside itself by a narrow cell ('2.474.011.23' over '1', '92,67'
    over '%', '2.16.01.1.07.000' over '7'): the tail on the next line, aligned with the head as in
    one cell and completing it, joins it; otherwise it would read as a figure of its own."""
    for above, below in zip(lines, lines[1:], strict=False):
        if not _next_in_cell(above, below):
            continue
        for tail in list(below.words):
            if not _TAIL.match(tail["text"]):
                continue
            heads = [w for w in above.words if _same_cell(w, tail) and _completes(w["text"], tail["text"])]
            if len(heads) == 1 and not _ruled_off(tail, above, below, rules or []):
                k = above.words.index(heads[0])
                above.words[k] = {**_merged(heads[0], tail), "x0": heads[0]["x0"],
                                  "x1": max(heads[0]["x1"], tail["x1"])}
                below.words.remove(tail)
    return [line for line in lines if line.words]


def signs_rejoined(lines: list[TextLine], rules: list[Rule] | None = None) -> list[TextLine]:
    """A minus left alone on a line by a narrow cell ('-' over '255.541.000,00', aligned as in one
    cell): the amount goes up to it and takes the sign, instead of a '-' (nil) above a figure that
    seems to start a row of its own."""
    for above, below in zip(lines, lines[1:], strict=False):
        if not _next_in_cell(above, below):
            continue
        for k, word in enumerate(above.words):
            if word["text"] not in _SIGNS:
                continue
            # an amount, or a percentage ('-' over '2,83' in a narrow '%' column)
            amount = _amount_under(word, below.words) or _amount_under(word, below.words, _FRACTION)
            if amount is not None and not amount["text"].startswith(("(", "-")) and not _ruled_off(
                    word, above, below, rules or []):
                above.words[k] = {**_merged(word, amount), "text": "-" + amount["text"],
                                  "x0": min(word["x0"], amount["x0"]),
                                  "x1": max(word["x1"], amount["x1"])}
                below.words.remove(amount)
    return [line for line in lines if line.words]


def _next_in_cell(above: TextLine, below: TextLine) -> bool:
    """The next line follows at the pitch of lines inside a cell (no row padding between): its top
    within 1.3 line heights of this one's, or, as OCR boxes are only as tall as the ink (a line
    of bare digits is lower than one with capitals and descenders), the white between the two
    lines under half the taller's height (a padded row border leaves more)."""
    low = max(min(above.bottom - above.top, below.bottom - below.top), 1.0)
    high = max(above.bottom - above.top, below.bottom - below.top, 1.0)
    return below.top - above.top <= 1.3 * low or below.top - above.bottom <= 0.5 * high


def _same_cell(head: dict, tail: dict) -> bool:
    """Two lines of one cell: the same left edge, right edge or centre (within 1.5 pt)."""
    return min(abs(head["x1"] - tail["x1"]), abs(head["x0"] - tail["x0"]),
               abs(head["x0"] + head["x1"] - tail["x0"] - tail["x1"]) / 2) <= 1.5


def _completes(head: str, tail: str) -> bool:
    """Is head + tail one well-formed figure or code that head alone is not?"""
    head = _CURRENCY_HEAD.sub("", head)  # 'Rp1.479.918.77' over '5': the amount, prefix aside
    joined = head + tail
    if tail == "%":
        return bool(_DECIMAL.match(head))
    if re.fullmatch(r"\d", tail) and re.search(r"\d\.\d{3},\d$", head):
        return True  # '1.015.767.000,0' over '0': the cents' last digit wrapped
    return any(form.match(joined) and not form.match(head) for form in (_WHOLE_AMOUNT, _WHOLE_CODE))


def _figure_follows(words: list[dict], k: int, width: float) -> bool:
    """The prefix has its amount beside it on its own line ('Rp. 1.000', one space apart)."""
    nxt = words[k + 1] if k + 1 < len(words) else None
    return bool(nxt and nxt["x0"] - words[k]["x1"] < width and re.match(r"[\d\(\-]", nxt["text"]))


def _amount_under(prefix: dict, words: list[dict], pattern: re.Pattern = _AMOUNT) -> dict | None:
    """The one amount (or other figure matching pattern) on the next line aligned with the prefix
    as in one cell: same right edge, left edge or centre (within 1.5 pt)."""
    def aligned(w: dict) -> bool:
        return min(abs(w["x1"] - prefix["x1"]), abs(w["x0"] - prefix["x0"]),
                   abs(w["x0"] + w["x1"] - prefix["x0"] - prefix["x1"]) / 2) <= 1.5

    under = [w for w in words if pattern.match(w["text"]) and aligned(w)]
    return under[0] if len(under) == 1 else None


def _ruled_off(word: dict, above: TextLine, below: TextLine, rules: list[Rule]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    return any(above.bottom - 1.0 <= y <= below.top + 1.0 and x0 <= x <= x1 for y, x0, x1 in rules)


def _rule_between(prev: TextLine | None, line: TextLine, rules: list[Rule]) -> bool:
    """A horizontal rule runs between the two lines under the start of this line's first word."""
    if prev is None or not line.words:
        return False
    x = line.words[0]["x0"] + 1.0
    return any(prev.bottom - 1.0 <= y <= line.top + 1.0 and x0 <= x <= x1 for y, x0, x1 in rules)


def _phrase_gap(words: list[dict], width: float) -> float:
    """The widest gap between two words of one phrase on this line: about a character of the
    line's own type (a header in 8 pt has narrower spaces than the 11 pt text around it), more
    where justified prose stretches every space alike (the narrow gaps say what a space is)."""
    own = [c["x1"] - c["x0"] for w in words for c in (w.get("chars") or []) if c["text"].strip()]
    unit = min(width, 0.85 * median(own)) if own else width
    # between words, not figures: a table's line has only column gaps around its figures, and
    # its narrowest (two cells of text) would pass for a stretched space
    gaps = [g for a, b in zip(words, words[1:], strict=False) if (g := b["x0"] - a["x1"]) > 0.3 * unit
            and not _FIGURE.match(a["text"]) and not _FIGURE.match(b["text"])]
    if len(gaps) < 4 or median(gaps) > 1.5 * min(gaps):  # justified: most gaps alike
        return 1.2 * unit
    return max(1.2 * unit, min(2.0 * min(gaps), 3.0 * unit))  # wider gaps are columns, always


def _word_space(words: list[dict], width: float) -> float:
    """The line's own space between two words that are not figures, where it has enough of them
    to tell (a sentence set in a narrow font has spaces wider than its letters): 0 otherwise."""
    gaps = sorted(g for a, b in zip(words, words[1:], strict=False)
                  if not _FIGURE.match(a["text"]) and not _FIGURE.match(b["text"])
                  and (g := b["x0"] - a["x1"]) > 0.3 * width)
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def _touching_joined(words: list[dict], width: float) -> list[dict]:
    """Words that touch ('1' + '05,22%') are one word that the PDF wrote in pieces, and so are
    letters spaced out for emphasis ('T A R G E T')."""
    out: list[dict] = []
    for k, word in enumerate(words):
        prev = out[-1] if out else None
        if prev is not None and (-0.5 * width < word["x0"] - prev["x1"] < 0.1 * width
                                 or _spaced_letter(words, k, width)):
            out[-1] = _merged(prev, word)
        else:
            out.append(word)
    return out


def _spaced_letter(words: list[dict], k: int, width: float) -> bool:
    """Word k continues a run of at least three single letters set a letter's width apart."""
    def letter(i: int) -> bool:
        return 0 <= i < len(words) and len(words[i]["text"]) == 1 and words[i]["text"].isalpha()

    def close(i: int) -> bool:  # words i-1 and i
        return 0 < i < len(words) and words[i]["x0"] - words[i - 1]["x1"] < width

    if not (letter(k) and letter(k - 1) and close(k)):
        return False
    return (letter(k - 2) and close(k - 1)) or (letter(k + 1) and close(k + 1))


def _merged(a: dict, b: dict) -> dict:
    return {**a, "text": a["text"] + b["text"], "x1": b["x1"], "top": min(a["top"], b["top"]),
            "bottom": max(a["bottom"], b["bottom"]),
            "chars": (a.get("chars") or []) + (b.get("chars") or [])}


def _place(words: list[dict], width: float, borders: list[float] | None = None) -> tuple[str, list[CharBox]]:
    buf: list[str] = []
    boxes: list[CharBox] = []
    end = 0  # first free column
    prev_x1: float | None = None
    phrase_gap = _phrase_gap(words, width)
    space = _word_space(words, width)
    for word in words:
        text = word["text"]
        right_aligned = bool(_FIGURE.match(text))
        want = round((word["x1"] if right_aligned else word["x0"]) / width) - (
            len(text) if right_aligned else 0)
        gap = None if prev_x1 is None else word["x0"] - prev_x1
        if gap is not None and prev_x1 is not None and gap <= phrase_gap and not (
                right_aligned and gap > max(1.2 * width, 1.3 * space)) and not any(
                prev_x1 <= x <= word["x0"] for x in borders or []):
            start = end + 1  # the next word of a phrase: one space, wherever the page puts it
        else:  # a new column: where the page puts it, at least two spaces from the last
            start = max(want, end + 2 if buf else want, 0)
        buf.append(" " * (start - end) + text)
        chars = word.get("chars") or []
        if len(chars) == len(text):
            for k, c in enumerate(chars):
                boxes.append((start + k, c["x0"], c["top"], c["x1"], c["bottom"],
                              c.get("conf", word.get("conf", 100.0))))
        else:  # ligatures or combined marks: the word's box for each of its columns
            boxes.extend((start + k, word["x0"], word["top"], word["x1"], word["bottom"],
                          word.get("conf", 100.0))
                         for k in range(len(text)))
        end = start + len(text)
        prev_x1 = word["x1"]
    return "".join(buf), boxes
