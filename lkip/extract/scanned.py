"""Pages read by OCR, made to look like a text layer: which PDF pages need it, OCR words laid out
as text lines with their boxes and confidence, and the re-reading of uncertain figures.

The OCR engine (``lkip/extract/ocr.py``) gives words with boxes in PDF points and a confidence.
They are laid out by the same code as a text layer's words, so scans and born-digital pages go
through one table reader, and every cell keeps its page, box and the confidence of its reading.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from lkip.extract.layout import lay_out
from lkip.extract.ocr import reread_many
from lkip.extract.ocr_page import OcrPage, OcrWord
from lkip.extract.ocr_pool import default_workers
from lkip.extract.page_text import PageText
from lkip.model import Box, Cell, Document
from lkip.normalize.numbers import Parsed, parse_cell_text
from lkip.options import Options, resolved

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 20  # fewer printed characters than this on a page with a picture: a scan
FEW_TEXT_CHARS = 300  # ... or this few, with a picture over most of the page


def needs_ocr(page: object) -> str | None:
    """Why a PDF page must be read by OCR (English), or None when its text layer will do.

    A page with (almost) no text but a picture is a scan; a text layer whose characters are
    unmapped glyphs ('(cid:12)') or private-use codes is a broken font encoding, not text.
    """
    chars = [c for c in page.chars if c["text"].strip()]  # type: ignore[attr-defined]
    if len(chars) < MIN_TEXT_CHARS:
        return "no text layer" if _pictured(page) >= 0.25 else None
    if len(chars) < FEW_TEXT_CHARS and _pictured(page) >= 0.6:
        return "a scanned page under a few lines of text"  # a running header over a scan
    broken = sum(1 for c in chars if c["text"].startswith("(cid:") or _private(c["text"]))
    if broken > 0.3 * len(chars):
        return "text layer with a broken font encoding"
    return None


def _private(text: str) -> bool:
    return any(0xE000 <= ord(ch) <= 0xF8FF or (ord(ch) < 32 and ch not in "\t\n") for ch in text)


def _pictured(page: object) -> float:
    """The share of the page that pictures cover."""
    area = float(page.width * page.height) or 1.0  # type: ignore[attr-defined]
    covered = 0.0
    for img in page.images:  # type: ignore[attr-defined]
        covered += max(0.0, img["x1"] - img["x0"]) * max(0.0, img["bottom"] - img["top"])
    return min(covered / area, 1.0)


# Tesseract reads a '%' after digits as '96', '%6', 'Yo', '9o' ('100%' -> '10096', confidently)
# ... and as '4' after a figure with two decimals ('78,12%' -> '78,124', '94,05%' -> '94,054')
_PERCENT_MISREAD = re.compile(
    r"^\(?\d{1,3}(?:(?:[.,]\d{1,2})?(?:96|9o|%6|%o|Y[o6]|o/o)|,\d{2}4)\)?$")
SUSPECT_CONF = 50.0  # the confidence given to a word shaped like such a misread: it is read again


# a grade or level glued to its score in parentheses: 'A(83,32)', '3(3,16)', 'Level3(3,22)'
_GLUED_SCORE = re.compile(r"^([A-Za-z]{1,6}(?=\d|\())?(\d{1,2}(?=\())?(\(\d[\d.,]*\)%?)$")
SPLIT_GAP = 0.3  # of a character's width, taken from each side where a glued word is split


def unglued(word: OcrWord) -> list[OcrWord]:
    """A word Tesseract read without the spaces of the page ('A(83,32)' for 'A (83,32)', seen at
    200 and 300 dpi) as its pieces, apart: glued, the cell is not read as a figure and its text
    joins the row's label, taking the row's other figures with it. Other words as they are."""
    text = word.text.strip()
    found = _GLUED_SCORE.match(text)
    if not found or not (found.group(1) or found.group(2)):
        return [word]
    step = (word.x1 - word.x0) / len(text)
    out: list[OcrWord] = []
    start = 0
    for piece in (g for g in found.groups() if g):
        end = start + len(piece)
        x0 = word.x0 + start * step + (SPLIT_GAP * step if start else 0.0)
        x1 = word.x0 + end * step - (SPLIT_GAP * step if end < len(text) else 0.0)
        out.append(replace(word, text=piece, x0=round(x0, 2), x1=round(x1, 2)))
        start = end
    return out


def plumber_words(words: list[OcrWord]) -> list[dict]:
    """OCR words in the form pdfplumber gives words, each character an equal share of its word.
    A word shaped like a misread percentage keeps a low confidence, so it is read again; one
    glued to its neighbour ('A(83,32)') is split (``unglued``)."""
    out = []
    for w in (piece for word in words for piece in unglued(word)):
        text = w.text.strip()
        if not text:
            continue
        if _PERCENT_MISREAD.match(text):
            w = replace(w, conf=min(w.conf, SUSPECT_CONF))
        step = (w.x1 - w.x0) / len(text)
        chars = [{"text": ch, "x0": w.x0 + k * step, "x1": w.x0 + (k + 1) * step, "top": w.top,
                  "bottom": w.bottom, "conf": w.conf} for k, ch in enumerate(text)]
        out.append({"text": text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom,
                    "conf": w.conf, "chars": chars})
    return out


def page_from_ocr(ocr: OcrPage) -> PageText:
    """An OCR'd page laid out as text, like a text layer's page."""
    if ocr.status != "ok" or not ocr.words:
        return PageText(number=ocr.number, text="\n")
    words = plumber_words(ocr.words)
    chars = [c for w in words for c in w["chars"]]
    laid = lay_out(words, chars)
    return PageText(number=ocr.number, text=laid.text, boxes=laid.boxes)


def note_unread(doc: Document, pages: list[OcrPage]) -> None:
    """Pages the OCR could not read (timeout, error) are recorded with the reason."""
    for page in pages:
        if page.status in ("timeout", "error"):
            doc.source.page_notes[page.number] = page.reason or page.status
            log.warning("%s: page %d not read by OCR (%s)", doc.source.path, page.number,
                        page.reason or page.status)


def reread_uncertain(doc: Document, source: Path, ocr_pages: dict[int, OcrPage],
                     options: Options | None = None) -> int:
    """Read again every figure whose OCR confidence is low, keep the better reading, and mark
    as unreadable what stays uncertain. Returns how many figures are unreadable. Options None:
    the environment's."""
    options = resolved(options)
    unreadable = 0
    wanted: list[tuple[Cell, OcrPage, Box]] = []
    suspects: list[tuple[Cell, OcrPage, Box]] = []
    sevens: set[int] = set()
    scaled: set[int] = set()
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.number is None or cell.ocr_conf is None:
                    continue
                page = ocr_pages.get(cell.prov.page or -1)
                box = cell.prov.box
                if page is not None and box is not None and _doubtful(box, page):
                    cell.unreadable = True  # a garbled figure whose mending no reading confirms
                    unreadable += 1
                    continue
                if page is not None and box is not None and lost_separator(cell.raw, box, page):
                    suspects.append((cell, page, box))
                    continue
                if page is not None and box is not None and out_of_scale(cell, row.cells):
                    scaled.add(id(cell))
                    suspects.append((cell, page, box))
                    continue
                if cell.ocr_conf >= options.reread_below:
                    if page is not None and box is not None and _may_be_seven(cell.raw):
                        sevens.add(id(cell))
                        wanted.append((cell, page, box))
                    continue
                if page is None or box is None:
                    cell.unreadable = cell.ocr_conf < options.unreadable_below
                    unreadable += cell.unreadable
                    continue
                wanted.append((cell, page, box))
    lost = {id(cell) for cell, _page, _box in suspects}
    for cell, (text, conf) in _readings(source, wanted + suspects, options, full=len(wanted)):
        if id(cell) in scaled:
            unreadable += not _take_scaled(cell, text, conf, options.unreadable_below)
            continue
        if id(cell) in lost:
            unreadable += not _take_separated(cell, text, conf, options.unreadable_below)
            continue
        if id(cell) in sevens:
            unreadable += not _take_seven(cell, text, conf, options.unreadable_below)
            continue
        taken = _take(cell, text, conf, options.unreadable_below)
        if taken is None:
            unreadable += 1
        else:
            cell.ocr_conf = max(conf, cell.ocr_conf or 0.0)
    return unreadable


_LEADING_ONE = re.compile(r"^[(\[]?(?:rp\.?\s?)?1", re.IGNORECASE)


def _may_be_seven(raw: str) -> bool:
    """A figure read with a leading 1: on a page read whole, Tesseract reads a leading 7 or 4 as
    1 with high confidence ('73,08' as 13,08 at 91, '48,62' as 18,62, '75,45' as 15,45, on clean
    200 and 300 dpi scans) where the figure's crop alone reads right; so it is read again (the
    batch reading settles it when it agrees)."""
    return bool(_LEADING_ONE.match(raw.strip()))


def _take_seven(cell: Cell, text: str, conf: float,
                unreadable_below: float = Options.unreadable_below) -> bool:
    """A figure read with a leading 1 takes its re-reading when that agrees, or differs only in
    that first digit (a 7 or a 4), confidently; any other reading leaves it unreadable (no
    check rests on it). Returns whether the figure is read."""
    parsed = _confident(cell, text, conf, unreadable_below)
    old, new = _digits(cell.raw), _digits(text)
    if parsed is None:
        return False
    if new == old:
        return True
    if len(new) != len(old) or new[0] not in "74" or new[1:] != old[1:]:
        cell.unreadable = True
        return False
    _retake(cell, text, parsed, conf, ": a leading 7 or 4 read as 1")
    cell.ocr_conf = conf
    return True


def _doubtful(box: Box, page: OcrPage) -> bool:
    """Whether the figure's box holds a word that ``ocr.mended`` marked doubtful."""
    return any(w.doubtful and w.x0 < box.x1 and box.x0 < w.x1 and w.top < box.bottom
               and box.top < w.bottom for w in page.words)


_BARE_DIGITS = re.compile(r"^\d{3,}$")
_NUMERIC_WORD = re.compile(r"^[(\-]?(?:rp\.?)?\d[\d.,]*[%)\-,]*$", re.IGNORECASE)
SEPARATOR_ROOM = 1.12  # a bare figure this much wider per character than the figures beside it


def lost_separator(raw: str, box: Box, page: OcrPage) -> bool:
    """Whether a figure read as bare digits ('6175') is wider than its digits: a decimal comma or
    a thousands point the OCR dropped ('61,75' read as '6175', '1,12' as '112') left its room.
    Its width per character is compared with the other figures on its row (the same font and
    weight: a bold total row is compared with itself), else with the figures of the page."""
    text = raw.strip()
    if not _BARE_DIGITS.match(text):
        return False
    mine = (box.x1 - box.x0) / len(text)
    middle = (box.top + box.bottom) / 2

    def per_char(words: list[OcrWord]) -> float | None:
        widths = sorted((w.x1 - w.x0) / len(w.text.strip()) for w in words)
        return widths[len(widths) // 2] if widths else None

    figures = [w for w in page.words if len(w.text.strip()) >= 2 and _NUMERIC_WORD.match(w.text.strip())
               and not (abs(w.x0 - box.x0) < 0.5 and abs(w.x1 - box.x1) < 0.5)]
    on_row = [w for w in figures if w.top <= middle <= w.bottom]
    usual = per_char(on_row) if len(on_row) >= 2 else per_char([w for w in figures if w.conf >= 80])
    return usual is not None and mine > SEPARATOR_ROOM * usual


def _take_separated(cell: Cell, text: str, conf: float,
                    unreadable_below: float = Options.unreadable_below) -> bool:
    """A figure that lost its separator takes the full re-reading only when that reading has the
    same digits with a separator ('61,75' for '6175') and is confident; otherwise it is marked
    unreadable (no check rests on it). Returns whether the figure is now read."""
    parsed = _confident(cell, text, conf, unreadable_below)
    if parsed is None:
        return False
    if _digits(text) != _digits(cell.raw) or not re.search(r"\d[.,]\d", text):
        cell.unreadable = True
        return False
    _retake(cell, text, parsed, conf, ": a separator the first reading lost")
    cell.ocr_conf = conf
    return True


_BARE_FIGURE = re.compile(r"^\d{3,}%?$")
SCALE_ROOM = 2.0  # a figure with its separator back falls within this factor of its row's figures


def out_of_scale(cell: Cell, row: list[Cell]) -> bool:
    """Whether a figure read as bare digits ('9113', '849%') is its row's figures with decimals
    ('91,15', '100,02'; '83,9%', '85,9%') with the separator lost: it is far above them, and
    with as many decimals as they have it falls among them. Tesseract drops a decimal comma at
    high confidence on a page read whole, often on several figures of one row (then the widths
    ``lost_separator`` compares are all alike); the figure's crop alone reads it back."""
    raw = cell.raw.strip()
    if cell.number is None or not _BARE_FIGURE.match(raw):
        return False
    peers = [c.number for c in row if c is not cell and c.number is not None
             and c.number.decimals and not c.number.money and _DECIMAL_COMMA.search(c.raw)]
    if not peers:
        return False
    value = cell.number.value
    low, high = min(p.value for p in peers), max(p.value for p in peers)
    if value <= SCALE_ROOM * high:
        return False
    return any(low / SCALE_ROOM <= value / 10 ** p.decimals <= SCALE_ROOM * high for p in peers)


_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}(?!\d)")


def _take_scaled(cell: Cell, text: str, conf: float,
                 unreadable_below: float = Options.unreadable_below) -> bool:
    """A figure out of its row's scale takes a confident full re-reading with the same digits and
    a separator ('91,13' for '9113'), keeps its reading when the crop reads it the same again,
    and is unreadable otherwise (other digits, or no confident reading). Returns whether the
    figure is read."""
    parsed = _confident(cell, text, conf, unreadable_below)
    if parsed is None:
        return False
    if _digits(text) != _digits(cell.raw):
        cell.unreadable = True
        return False
    if re.search(r"\d[.,]\d", text):
        _retake(cell, text, parsed, conf, ": a separator the page's reading lost")
        cell.ocr_conf = conf
    return True


def reread_cited(doc: Document, source: Path, options: Options | None = None) -> bool:
    """Read again, with the room around them, the OCR'd figures that findings rest on: a row
    that fails its arithmetic may only have been misread. A figure read differently is
    corrected, one not read again is marked unreadable. Returns whether any figure changed.
    Options None: the environment's."""
    options = resolved(options)
    ocr_pages = doc._ocr_pages
    changed = False
    seen: set[tuple[str, int, int]] = set()
    wanted: list[tuple[Cell, OcrPage, Box]] = []
    for finding in doc.findings:
        if finding.severity != "error":
            continue  # a warning accuses no one: not worth three more Tesseract runs a figure
        for ref in finding.cells:
            key = (ref.table, ref.row, ref.col)
            cell = doc.cell(ref)
            if key in seen or cell is None or cell.number is None or cell.ocr_conf is None:
                continue
            seen.add(key)
            page = ocr_pages.get(cell.prov.page or -1)
            table = doc.table(ref.table)
            if not isinstance(page, OcrPage) or cell.prov.box is None or table is None:
                continue
            wanted.append((cell, page, _room(table.rows[ref.row].cells, ref.col, cell.prov.box)))
    for cell, (text, conf) in _readings(source, wanted, options):
        taken = _take(cell, text, conf, options.unreadable_below)
        if taken:
            cell.ocr_conf = conf
        changed = changed or taken is not False
    return changed


def _readings(source: Path, wanted: list[tuple[Cell, OcrPage, Box]], options: Options,
              full: int | None = None) -> list[tuple[Cell, tuple[str, float]]]:
    """Each cell with its new reading (the first reading given, so a confident batch reading that
    agrees with it may settle it; the cells from index ``full`` on are read in full)."""
    asked = [(page, box, _sure_if_same(cell.raw) if full is None or k < full else None)
             for k, (cell, page, box) in enumerate(wanted)]
    readings = _reread_all(source, asked, options)
    return [(cell, reading) for (cell, _page, _box), reading in zip(wanted, readings, strict=True)]


def _take(cell: Cell, text: str, conf: float,
          unreadable_below: float = Options.unreadable_below) -> bool | None:
    """Apply a new reading of a figure: None when it reads no figure with confidence (the cell is
    then unreadable), True when it reads another figure (the cell takes it), False when it agrees."""
    parsed = _confident(cell, text, conf, unreadable_below)
    if parsed is None:
        return None
    if _digits(text) == _digits(cell.raw):
        if not _BARE_FIGURE.match(cell.raw.strip()) or not re.search(r"\d[.,]\d", text):
            return False
        _retake(cell, text, parsed, conf, ": a separator the first reading lost")
        return True
    _retake(cell, text, parsed, conf)
    return True


def _confident(cell: Cell, text: str, conf: float,
               unreadable_below: float = Options.unreadable_below) -> Parsed | None:
    """The figure a new reading gives with confidence; else None, and the cell is unreadable."""
    parsed = parse_cell_text(text) if text else None
    if parsed is None or parsed.number is None or conf < unreadable_below:
        cell.unreadable = True
        return None
    return parsed


def _retake(cell: Cell, text: str, parsed: Parsed, conf: float, why: str = "") -> None:
    """The cell takes a new reading of its figure (logged, with why it was read again)."""
    log.info("page %s: %r re-read as %r (%.0f)%s", cell.prov.page, cell.raw, text, conf, why)
    cell.raw, cell.number, cell.kind = text, parsed.number, parsed.kind


def _reread_all(source: Path, wanted: list[tuple[OcrPage, Box, str | None]],
                options: Options) -> list[tuple[str, float]]:
    """Re-read every (page, box, first reading), the values of one page together
    (``reread_many``), the pages in parallel (one Tesseract process per core); readings in the
    order asked. A value with its first reading given may stop at a confident batch reading that
    agrees with it; one without is read in full."""
    by_page: dict[int, list[int]] = {}
    for i, (page, _box, _raw) in enumerate(wanted):
        by_page.setdefault(page.number, []).append(i)
    out: list[tuple[str, float]] = [("", 0.0)] * len(wanted)

    def one(indices: list[int]) -> None:
        page = wanted[indices[0]][0]
        expected = [wanted[i][2] for i in indices]
        boxes = [wanted[i][1] for i in indices]
        for i, reading in zip(indices, _reread(source, page, boxes, expected, options), strict=True):
            out[i] = reading

    groups = list(by_page.values())
    workers = min(default_workers(), len(groups))
    if workers <= 1:
        for indices in groups:
            one(indices)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lkip-reread") as pool:
            list(pool.map(one, groups))
    return out


def _room(cells: list, col: int, box: Box) -> Box:
    """The box of a figure widened towards its neighbours on the row (half-way to each), where
    the characters the first reading dropped would be."""
    left = [c.prov.box.x1 for c in cells[:col] if c.prov.box is not None and c.prov.box.x1 <= box.x0]
    right = [c.prov.box.x0 for c in cells[col + 1:] if c.prov.box is not None and c.prov.box.x0 >= box.x1]
    x0 = (max(left) + box.x0) / 2 if left else box.x0 - 20
    x1 = (min(right) + box.x1) / 2 if right else box.x1 + 40
    return Box(x0=max(x0, 0.0), top=box.top, x1=x1, bottom=box.bottom)


def _reread(source: Path, page: OcrPage, boxes: list[Box], expected: list[str | None],
            options: Options) -> list[tuple[str, float]]:
    try:
        return reread_many(source, page, [(b.x0, b.top, b.x1, b.bottom) for b in boxes],
                           expected, options=options)
    except Exception as exc:  # noqa: BLE001 - a failed re-read leaves the first reading
        log.warning("re-read on page %d failed: %s", page.number, exc)
        return [("", 0.0)] * len(boxes)


def _sure_if_same(raw: str) -> str | None:
    """The first reading a re-read may stop at (a confident re-read giving the same digits), None
    when it must be read in full: a figure shaped like a misread percentage ('10096' for '100%')
    or bare digits that may have lost a separator ('849%' for '84,9%') are read the same way
    again by the quick re-read of the crops stacked in one strip, where the crop alone reads them
    right."""
    text = raw.strip()
    return None if _PERCENT_MISREAD.match(text) or _BARE_FIGURE.match(text) else raw


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)
