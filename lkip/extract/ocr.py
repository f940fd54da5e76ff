"""OCR engine: Tesseract's words, with confidence and boxes in PDF points, for scanned PDFs and images.

``ocr_pdf`` and ``ocr_image`` read every page (in parallel, one Tesseract process per core, each
with ``OMP_THREAD_LIMIT=1``): the page is rendered (pypdfium2, 300 dpi, grayscale) or loaded,
tested for ink (a blank page is not read), turned upright by quarter turns, deskewed, and read by
Tesseract with the ``eng+ind`` models (see ``ocr_lang``) and ``--psm 6`` (one uniform block: reads
table pages far better than the default segmentation). ``reread`` reads one value's region again,
enlarged, with a digit whitelist and two more segmentation modes, and keeps the most confident
reading.

The words and pages (``OcrWord``, ``OcrPage``: boxes in PDF points of the page as read) are
defined in ``ocr_page``, Tesseract's words (``read_words``, ``ocr_lang``) in ``tesseract``; both
are importable from here too.
"""

from __future__ import annotations

import math
import re
import threading
import time
from dataclasses import replace
from pathlib import Path

from PIL import Image

from lkip.errors import InputError
from lkip.extract import raster, tesseract
from lkip.extract.ocr_page import OcrPage, OcrWord
from lkip.extract.ocr_pool import Job, run_jobs
from lkip.extract.tesseract import ocr_lang, read_words
from lkip.options import Options, resolved
from lkip.progress import Progress

DIGITS = "0123456789.,%-()"


# ----------------------------------------------------------------------------------------------
# one page

MIN_WORKING_DPI = 250  # images below this are enlarged to 300 dpi before reading


def upright_page(image: Image.Image, dpi: int, deadline: float,
                 options: Options | None = None) -> tuple[Image.Image, int, float]:
    """The page image turned upright and deskewed, the clockwise turn and the deskew angle."""
    turned = raster.orientation(image, dpi, timeout=_left(deadline), options=options)
    return _turned_and_deskewed(image, dpi, turned)


def _turned_and_deskewed(image: Image.Image, dpi: int, turned: int) -> tuple[Image.Image, int, float]:
    image = raster.turn(image, turned)
    skew = raster.skew_angle(image, dpi)
    return raster.rotate(image, skew), turned, skew


def read_page(image: Image.Image, dpi: int, number: int, timeout: float | None = None,
              options: Options | None = None) -> OcrPage:
    """Read one page image: blank test, orientation, deskew, Tesseract. Never raises for the
    page's content: a page that runs over `timeout` (None: the options' page_timeout) gets status
    timeout, a failure status error. Options None: the environment's."""
    return read_page_image(image, dpi, number, timeout, options)[0]


def read_page_image(image: Image.Image, dpi: int, number: int, timeout: float | None = None,
                    options: Options | None = None) -> tuple[OcrPage, Image.Image | None]:
    """``read_page``, and the page image as it was read (upright, deskewed; None when not read),
    for re-reading its figures without rendering it again."""
    options = resolved(options)
    timeout = options.page_timeout if timeout is None else timeout
    start = time.monotonic()
    deadline = start + timeout
    page = OcrPage(number=number, width=round(image.width * 72 / dpi, 2),
                   height=round(image.height * 72 / dpi, 2), dpi=dpi)
    try:
        if raster.is_blank(image, dpi):
            page.status, page.reason = "blank", "no ink on the page"
            return page, None
        # most pages are upright: the page is read as it is first, unless its ink may run up or
        # down; a reading that is plainly upright text needs no orientation check, and one the
        # check finds upright is kept
        words: list[OcrWord] | None = None
        if raster.may_be_sideways(image, dpi):
            turned = raster.orientation(image, dpi, timeout=_left(deadline), options=options)
        else:
            skew = raster.skew_angle(image, dpi)
            straight = raster.rotate(image, skew)
            clean = raster.without_rules(straight, dpi)
            words = read_words(clean, dpi, psm=6, timeout=_left(deadline), options=options)
            turned = 0 if raster.reads_upright(words) else raster.orientation(
                image, dpi, timeout=_left(deadline), options=options)
        if turned == 0 and words is not None:
            image, page.turned, page.skew = straight, 0, skew
        else:
            words = None
            image, page.turned, page.skew = _turned_and_deskewed(image, dpi, turned)
            clean = raster.without_rules(image, dpi)
        page.width = round(image.width * 72 / dpi, 2)
        page.height = round(image.height * 72 / dpi, 2)
        if words is None:
            words = read_words(clean, dpi, psm=6, timeout=_left(deadline), options=options)
        words = figure_words(percent_signs(retyped(words, clean, dpi, deadline, options)))
        page.words = sevens(mended(words, image, dpi, deadline, options), image, dpi, deadline,
                            options)
    except TimeoutError:
        page.status, page.reason = "timeout", f"page took longer than {timeout:g} s"
        page.words = []
        return page, None
    except Exception as exc:  # noqa: BLE001 - one bad page must not cost the rest
        page.status, page.reason = "error", f"{type(exc).__name__}: {exc}"[:200]
        page.words = []
        return page, None
    finally:
        page.seconds = round(time.monotonic() - start, 3)
    return page, image


def enlarge(image: Image.Image, dpi: int) -> tuple[Image.Image, int]:
    """An image file below MIN_WORKING_DPI enlarged to 300 dpi (Tesseract reads small type
    poorly); others as they are."""
    if dpi >= MIN_WORKING_DPI:
        return image, dpi
    factor = 300 / dpi
    size = (round(image.width * factor), round(image.height * factor))
    if size[0] * size[1] > raster.MAX_PIXELS:
        return image, dpi
    return image.resize(size, Image.Resampling.BICUBIC), 300


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("no time left")
    return left


# ----------------------------------------------------------------------------------------------
# files


def ocr_pdf(path: Path, pages: list[int] | None = None, dpi: int | None = None,
            workers: int | None = None, timeout: float | None = None,
            progress: Progress | None = None, options: Options | None = None) -> list[OcrPage]:
    """OCR the given 1-based pages of a PDF (all when None), in order, at `dpi` and `timeout` per
    page (None: the options' dpi and page_timeout; options None: the environment's). Raises
    InputError for a PDF that cannot be opened."""
    options = resolved(options)
    dpi = options.dpi if dpi is None else dpi
    timeout = options.page_timeout if timeout is None else timeout
    path = Path(path)
    count = raster.pdf_page_count(path)
    numbers = list(range(1, count + 1)) if pages is None else [p for p in pages if 1 <= p <= count]
    forget(path)
    jobs = [Job("pdf", str(path), n, n, dpi, timeout, options) for n in numbers]
    return run_jobs(jobs, read_job, workers=workers, timeout=timeout, progress=progress)


def ocr_image(path: Path, dpi_hint: int | None = None, workers: int | None = None,
              timeout: float | None = None, progress: Progress | None = None,
              options: Options | None = None) -> list[OcrPage]:
    """OCR an image file (PNG, JPEG, TIFF; every page of a multi-page TIFF), `timeout` per page
    (None: the options' page_timeout; options None: the environment's). Raises InputError for a
    corrupt or unknown image, or one too large to be a page (decompression bomb)."""
    options = resolved(options)
    timeout = options.page_timeout if timeout is None else timeout
    path = Path(path)
    count = raster.image_frame_count(path)
    if count == 1:  # decode it once here: a truncated or corrupt file is an input error
        raster.load_image_frame(path, 0, dpi_hint).image.close()
    forget(path)
    jobs = [Job("image", str(path), i + 1, i, dpi_hint or 0, timeout, options) for i in range(count)]
    return run_jobs(jobs, read_job, workers=workers, timeout=timeout, progress=progress)


def read_job(job: Job) -> OcrPage:
    """Read one page of a file (in a worker thread of ``ocr_pool``, or in the caller's for a single
    worker): render or load it, read it, keep its image for re-reading its figures."""
    start = time.monotonic()
    try:
        if job.kind == "pdf":
            ras = raster.render_pdf_page(Path(job.path), job.index, job.dpi)
            image, dpi = ras.image, ras.dpi
        else:
            ras = raster.load_image_frame(Path(job.path), job.index, job.dpi or None)
            image, dpi = enlarge(ras.image, ras.dpi)
    except InputError as exc:
        return _failed(job, "error", exc.reason_en, start)
    except Exception as exc:  # noqa: BLE001 - a page that cannot be rendered is one bad page
        return _failed(job, "error", f"page cannot be rendered ({type(exc).__name__}: {exc})"[:200], start)
    left = job.timeout - (time.monotonic() - start)
    if left <= 0:
        return _failed(job, "timeout", f"page took longer than {job.timeout:g} s", start)
    page, upright = read_page_image(image, dpi, job.number, timeout=left, options=job.options)
    if upright is not None:
        remember(job.path, page, upright)
    if page.status == "timeout":
        page.reason = f"page took longer than {job.timeout:g} s"
    page.seconds = round(time.monotonic() - start, 3)
    return page


def _failed(job: Job, status: str, reason: str, start: float) -> OcrPage:
    return OcrPage(number=job.number, width=0.0, height=0.0, dpi=job.dpi or 300, status=status,
                   reason=reason, seconds=round(time.monotonic() - start, 3))


# ----------------------------------------------------------------------------------------------
# re-reading one value

REREAD_SCALE = 3.0  # the region is enlarged at most this much before the re-read
REREAD_HEIGHT = 40.0  # pixels: the height of the value's box once enlarged
_cache: dict[tuple, tuple[Image.Image, float]] = {}
_cache_lock = threading.Lock()
_CACHE_PAGES = 6  # 300 dpi A4 in grey: 8.7 MB a page


def page_image(path: Path, page: OcrPage) -> tuple[Image.Image, float]:
    """The page's image as it was read (upright, deskewed) and its pixels per point: kept from
    the reading (``remember``) or rendered and turned again; the last few are kept for the next
    re-read of the same page."""
    key = _cache_key(path, page)
    with _cache_lock:
        found = _cache.get(key)
    if found is not None:
        return found
    if Path(path).suffix.lower() == ".pdf":
        ras = raster.render_pdf_page(Path(path), page.number, page.dpi)
    else:
        ras = raster.load_image_frame(Path(path), page.number - 1)
    image = raster.rotate(raster.turn(ras.image, page.turned), page.skew)
    found = (image, image.width / page.width if page.width else ras.dpi / 72)
    _keep(key, found)
    return found


def remember(path: Path | str, page: OcrPage, image: Image.Image) -> None:
    """Keep the image a page was just read from, for re-reading its figures (a bounded few)."""
    _keep(_cache_key(path, page), (image, image.width / page.width if page.width else page.dpi / 72))


def forget(path: Path | str) -> None:
    """Drop the kept images of a file (it is being read anew, and may have changed)."""
    with _cache_lock:
        for key in [k for k in _cache if k[0] == str(path)]:
            del _cache[key]


def _cache_key(path: Path | str, page: OcrPage) -> tuple:
    return (str(path), page.number, page.dpi, page.turned, page.skew)


def _keep(key: tuple, found: tuple[Image.Image, float]) -> None:
    with _cache_lock:
        _cache.pop(key, None)
        while len(_cache) >= _CACHE_PAGES:  # bounded memory: the pages being re-read
            del _cache[next(iter(_cache))]
        _cache[key] = found


def reread(path_or_image: Path | str | Image.Image, page: OcrPage,
           box: tuple[float, float, float, float], timeout: float = 30.0,
           options: Options | None = None) -> tuple[str, float]:
    """Read one value's region (PDF points of the page as read) again: cropped with a margin,
    enlarged, with a digit whitelist under psm 7 (one line) and psm 8 (one word), and a plain
    psm 7 read; the most confident text and its confidence ("" and 0.0 when nothing is read).
    When the readings disagree on the digits, the confidence is the lowest of them.

    `path_or_image` is the input file (the page is rendered and turned as it was for reading) or
    the page image already upright and deskewed (any resolution)."""
    image, per_point = _reread_source(path_or_image, page)
    found = _framed(image, per_point, box)
    if found is None:
        return "", 0.0
    framed, dpi = found
    return _best(_read_alone(framed, dpi, time.monotonic() + timeout,
                             resolved(options)))


def _read_alone(crop: Image.Image, dpi: int, deadline: float,
                options: Options) -> list[tuple[str, float]]:
    """One value's crop read three ways (digit whitelist under psm 7 and psm 8, plain psm 7):
    each reading's text and its least confident word."""
    readings: list[tuple[str, float]] = []
    for psm, variables in ((7, _WHITELIST), (8, _WHITELIST), (7, None)):
        try:
            words = read_words(crop, dpi, psm=psm, timeout=_left(deadline), variables=variables,
                               options=options)
        except (TimeoutError, RuntimeError):
            continue
        if words:
            readings.append((" ".join(w.text for w in words), min(w.conf for w in words)))
    return readings


_WHITELIST = {"tessedit_char_whitelist": DIGITS}
BATCH_GAP = 40  # white pixels between two crops pasted one under the other
SURE = 85.0  # a batch reading this confident, agreed on by both batch readings, is not read again


def reread_many(path_or_image: Path | str | Image.Image, page: OcrPage,
                boxes: list[tuple[float, float, float, float]],
                expected: list[str | None] | None = None, timeout: float | None = None,
                options: Options | None = None) -> list[tuple[str, float]]:
    """``reread`` of several values of one page, in the order of the boxes, at a fraction of the
    Tesseract runs: the enlarged crops are pasted one under the other (white gaps between them)
    and the strip is read twice (psm 6, with the digit whitelist and plain), each text line going
    back to the crop it lies on. A value whose two strip readings are confident and give the
    digits `expected` of it (its first reading) is done; the others are read alone, exactly as
    ``reread`` does. A value expected None (or all, without `expected`) is read as ``reread``
    does. `timeout` None: the options' reread_timeout (options None: the environment's)."""
    if not boxes:
        return []
    options = resolved(options)
    timeout = options.reread_timeout if timeout is None else timeout
    image, per_point = _reread_source(path_or_image, page)
    deadline = time.monotonic() + timeout
    framed = [_framed(image, per_point, box) for box in boxes]
    readings: list[list[tuple[str, float]]] = [[] for _ in boxes]
    todo = [i for i, f in enumerate(framed) if f is not None]
    if expected is not None:
        todo = [i for i in todo if expected[i]]
    if expected is not None and len(todo) > 1:
        strip, spans, dpi = _stack([framed[i] for i in todo])  # type: ignore[misc]
        for variables in (_WHITELIST, None):
            try:
                words = read_words(strip, dpi, psm=6, timeout=_left(deadline), variables=variables,
                                   options=options)
            except (TimeoutError, RuntimeError):
                continue
            scale = dpi / 72.0
            lines: list[list[OcrWord]] = [[] for _ in todo]
            for word in words:
                middle = (word.top + word.bottom) / 2 * scale
                for k, (y0, y1) in enumerate(spans):
                    if y0 <= middle < y1:
                        lines[k].append(word)
                        break
            for k, line in enumerate(lines):
                if line:
                    line.sort(key=lambda w: w.x0)
                    readings[todo[k]].append((" ".join(w.text for w in line),
                                              min(w.conf for w in line)))
    out: list[tuple[str, float]] = []
    for i, found in enumerate(framed):
        if found is None:
            out.append(("", 0.0))
            continue
        mine = readings[i]
        want = _digit_text(expected[i] or "") if expected is not None else ""
        if (want and len(mine) == 2 and min(c for _, c in mine) >= SURE
                and {_digit_text(t) for t, _ in mine} == {want}):
            out.append(_best(mine))
            continue
        crop, dpi = found
        out.append(_best(_read_alone(crop, dpi, deadline, options)))
    return out


def _digit_text(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _best(readings: list[tuple[str, float]]) -> tuple[str, float]:
    """The most confident reading; when readings disagree on the digits, the value is no more
    certain than the least sure one."""
    if not readings:
        return "", 0.0
    text, conf = max(readings, key=lambda r: r[1])
    digits = {_digit_text(t) for t, c in readings if c >= 30}
    if len(digits) > 1:
        conf = min(c for _, c in readings)
    return text, conf


def _reread_source(path_or_image: Path | str | Image.Image, page: OcrPage) -> tuple[Image.Image, float]:
    if isinstance(path_or_image, Image.Image):
        return path_or_image, path_or_image.width / page.width
    return page_image(Path(path_or_image), page)


def _framed(image: Image.Image, per_point: float,
            box: tuple[float, float, float, float]) -> tuple[Image.Image, int] | None:
    """The value's region cropped with a margin, enlarged, in a white frame; and its dpi. None
    for a box outside the image."""
    x0, top, x1, bottom = box
    pad_x = 2.0 + 0.1 * (bottom - top)
    pad_y = 1.5 + 0.15 * (bottom - top)
    crop_box = (max(int((x0 - pad_x) * per_point), 0), max(int((top - pad_y) * per_point), 0),
                min(math.ceil((x1 + pad_x) * per_point), image.width),
                min(math.ceil((bottom + pad_y) * per_point), image.height))
    if crop_box[2] <= crop_box[0] or crop_box[3] <= crop_box[1]:
        return None
    crop = image.crop(crop_box)
    # enlarged so that the text is about REREAD_HEIGHT pixels high: Tesseract's line model reads
    # best there; more only blurs a low-resolution scan further (and misreads 1 as 9, 5 as 8)
    scale = min(max(REREAD_HEIGHT / max((bottom - top) * per_point, 1.0), 1.0), REREAD_SCALE)
    crop = crop.resize((max(int(crop.width * scale), 1), max(int(crop.height * scale), 1)),
                       Image.Resampling.LANCZOS)
    # a white margin: Tesseract reads a word that touches the image edge poorly
    framed = Image.new("L", (crop.width + 40, crop.height + 40), 255)
    framed.paste(crop.convert("L"), (20, 20))
    return framed, max(int(per_point * 72 * scale), 70)


def _stack(framed: list[tuple[Image.Image, int]]) -> tuple[Image.Image, list[tuple[float, float]], int]:
    """The framed crops one under the other with white gaps; each crop's span of rows (gap
    halves included) and one dpi for the strip (the median)."""
    width = max(f.width for f, _ in framed)
    height = sum(f.height for f, _ in framed) + BATCH_GAP * (len(framed) - 1)
    strip = Image.new("L", (width, height), 255)
    spans: list[tuple[float, float]] = []
    y = 0
    for k, (f, _) in enumerate(framed):
        strip.paste(f, (0, y))
        spans.append((y - BATCH_GAP / 2 if k else -math.inf,
                      y + f.height + BATCH_GAP / 2 if k < len(framed) - 1 else math.inf))
        y += f.height + BATCH_GAP
    dpis = sorted(d for _, d in framed)
    return strip, spans, dpis[len(dpis) // 2]


# ----------------------------------------------------------------------------------------------
# garbled figures on the page's first reading

_FIGURE_WORD = re.compile(r"^[(\[]?(?:rp\.?)?[\d.,\-%)\]]*\d[\d.,\-%)\]]*$", re.IGNORECASE)
_ROMAN = re.compile(r"[IVXl]{2,}")  # 'III.2' in a caption: not a figure Tesseract garbled
_GRADE = re.compile(r"^[A-Za-z]{1,6}$")  # 'A', 'BB', 'Level' before a score
_SIGN = re.compile(r"^(?:%|\(%\)|r[pe][.,]?)$", re.IGNORECASE)  # a unit between figures, read right
MENDED_CONF = 69.0  # below Options.reread_below: a mended figure is read again
MAX_MENDS = 40  # a page with more such words is not a table page worth the time


def mended(words: list[OcrWord], image: Image.Image, dpi: int, deadline: float,
           options: Options | None = None) -> list[OcrWord]:
    """The page's words with the figures the page-wide reading garbled read again alone: a word
    with digits that is no figure ('S150' for '87,58', '13:15', '91,53Y6', '€CY239' for
    'C (72,39)'), or a short one between two figures ('SA' for '3,17', 'LS' for '15'). Such a
    word joins the row's label and takes the row's other figures with it. It is replaced only
    when its crop, read three ways (``_read_alone``), reads a figure every confident reading
    agrees on; it keeps a confidence under the re-read threshold, so it is read once more with
    the uncertain figures, and is unreadable unless that reading is sure."""
    wanted = _garbled(words)
    if not wanted or len(wanted) > MAX_MENDS:
        return words
    options = resolved(options)
    per_point = dpi / 72.0
    out: list[OcrWord] = []
    for word in words:
        if id(word) not in wanted:
            out.append(word)
            continue
        found = _framed(image, per_point, (word.x0, word.top, word.x1, word.bottom))
        reading = _agreed(_read_alone(*found, deadline, options)) if found is not None else None
        out.extend(_as_words(word, reading) if reading else [word])
    return out


# a '%' printed apart from its figure ('97,9 %') or alone (a Satuan cell, a '% Capaian' header)
# that Tesseract read as a word of its own: 'Yo' is no word of a report, so it is a '%' anywhere;
# 'Y6', '%6', '9o' only right after a figure
_PERCENT_WORD = re.compile(r"^(?:Yo|Y%|%o|o/o)$")
_PERCENT_APART = re.compile(r"^(?:Y[o06%]|%[o06]|9o|o/o)$")
PERCENT_GAP = 1.5  # of the figure's height: a '%' further from it belongs to no figure


def percent_signs(words: list[OcrWord]) -> list[OcrWord]:
    """The words with a '%' that Tesseract read as 'Yo', 'Y6' or '%o' ('97,9 Yo' for '97,9 %',
    at confidence 80-95, on most scanned pages with percentages) written '%' again. Left as it
    is, such a word after a figure is no figure: the row's figures after it join the label, and
    the row loses them."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    signs = {id(w) for w in words if _PERCENT_WORD.match(w.text)}
    for line in by_line.values():
        line = sorted(line, key=lambda w: w.x0)
        for before, word in zip(line, line[1:], strict=False):
            if (_PERCENT_APART.match(word.text) and _FIGURE_WORD.match(before.text)
                    and before.text[-1].isdigit()
                    and word.x0 - before.x1 <= PERCENT_GAP * (before.bottom - before.top)):
                signs.add(id(word))
    return [replace(w, text="%") if id(w) in signs else w for w in words]


SPLIT_FIGURE_GAP = 0.4  # of the height: closer than a space, the two words are one figure
_FIGURE_HEAD = re.compile(r"^\(?\d{1,3}(?:\.\d{3})*[.,]$")  # '80,' of '80, 73Y6'
_RANGE_WORD = re.compile(r"^(?:s\.?/?d\.?|-|–|sampai)$", re.IGNORECASE)


def figure_words(words: list[OcrWord]) -> list[OcrWord]:
    """The words with two slips of figures mended: a figure split at its separator ('80,' and
    '73Y6' for '80,73%', the two closer than a space) is one word again, so that it is read
    again as a figure instead of leaving its cell to the row below; and a band's '≥' read as a
    2 ('250 s.d. 65' for '≥50 s.d. 65': a lower bound above the upper one, which without the 2
    is below it) is a '≥' again, so the rating scale keeps that band."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    joined: dict[int, OcrWord] = {}
    gone: set[int] = set()
    signs: dict[int, str] = {}
    for line in by_line.values():
        line = sorted(line, key=lambda w: w.x0)
        for k, (head, tail) in enumerate(zip(line, line[1:], strict=False)):
            if (id(head) not in gone and _FIGURE_HEAD.match(head.text) and tail.text[:1].isdigit()
                    and tail.x0 - head.x1 < SPLIT_FIGURE_GAP * (head.bottom - head.top)):
                joined[id(head)] = OcrWord(head.text + tail.text, head.x0, min(head.top, tail.top),
                                           tail.x1, max(head.bottom, tail.bottom),
                                           min(head.conf, tail.conf), head.line)
                gone.add(id(tail))
            upper = line[k + 2] if k + 2 < len(line) else None
            if (upper is not None and re.fullmatch(r"2\d{2,3}", head.text) and _RANGE_WORD.match(tail.text)
                    and re.fullmatch(r"\d{1,3}", upper.text)
                    and int(head.text[1:]) < int(upper.text) < int(head.text)):
                signs[id(head)] = "≥" + head.text[1:]
    out: list[OcrWord] = []
    for word in words:
        if id(word) in gone:
            continue
        sign = signs.get(id(word))
        out.append(replace(word, text=sign) if sign else joined.get(id(word), word))
    return out


# a word of text Tesseract could not read on a line of a page read whole: a header cell whose
# line holds words at another height ('Target Realisasi % Capaian' under 'Tahun 2025', beside a
# 'Satuan' centred on two lines, read 'ange en' at confidence 5 and 21)
GARBLED_TEXT_BELOW = 50.0
SURE_TEXT = 75.0  # the mean confidence a re-reading needs to replace it (each word at least 60)
_LETTERS = re.compile(r"[A-Za-z]{2}")


def retyped(words: list[OcrWord], clean: Image.Image, dpi: int, deadline: float,
            options: Options | None = None) -> list[OcrWord]:
    """The page's words with the runs of garbled text words (confidence under
    GARBLED_TEXT_BELOW, letters and no digit) read again from their region of the page without
    rules, as a block (psm 6): a header word lost this way loses its table the kind of its
    columns ('Target', 'Realisasi', 'Capaian') and with it every row. The region takes the new
    words only when they are confident and hold no digit (figures are mended apart, with more
    care: ``mended``); otherwise the first reading stays."""
    runs = _garbled_text(words)
    if not runs:
        return words
    options = resolved(options)
    per_point = dpi / 72.0
    replaced: dict[int, list[OcrWord]] = {}
    for run in runs:
        box = (min(w.x0 for w in run), min(w.top for w in run), max(w.x1 for w in run),
               max(w.bottom for w in run))
        found = _read_region(clean, per_point, box, run[0].line, deadline, options)
        if found is None:
            continue
        replaced[id(run[0])] = found
        replaced.update({id(w): [] for w in run[1:]})
    out: list[OcrWord] = []
    for word in words:
        out.extend(replaced.get(id(word), [word]))
    return out


def _garbled_text(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Runs of neighbouring garbled text words, each run on one line, left to right."""
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    runs: list[list[OcrWord]] = []
    for line in by_line.values():
        current: list[OcrWord] = []
        for word in sorted(line, key=lambda w: w.x0):
            text = word.text
            if word.conf < GARBLED_TEXT_BELOW and _LETTERS.search(text) and not any(
                    ch.isdigit() for ch in text):
                current.append(word)
                continue
            if current:
                runs.append(current)
            current = []
        if current:
            runs.append(current)
    return runs


def _read_region(clean: Image.Image, per_point: float, box: tuple[float, float, float, float],
                 line: tuple[int, int, int], deadline: float, options: Options) -> list[OcrWord] | None:
    """The words of a region of the page read again alone (psm 6), in page points; None when
    the reading is not sure or holds a digit."""
    x0, top, x1, bottom = box
    pad = 1.0
    left, upper = max(int((x0 - pad) * per_point), 0), max(int((top - pad) * per_point), 0)
    right = min(math.ceil((x1 + pad) * per_point), clean.width)
    lower = min(math.ceil((bottom + pad) * per_point), clean.height)
    if right <= left or lower <= upper:
        return None
    margin = 20
    framed = Image.new("L", (right - left + 2 * margin, lower - upper + 2 * margin), 255)
    framed.paste(clean.crop((left, upper, right, lower)).convert("L"), (margin, margin))
    dpi = round(per_point * 72)
    try:
        found = read_words(framed, dpi, psm=6, timeout=min(_left(deadline), 10.0), options=options)
    except (TimeoutError, RuntimeError):
        return None
    kept = [w for w in found if w.conf >= GARBLED_TEXT_BELOW]
    if (not kept or any(ch.isdigit() for w in kept for ch in w.text) or min(w.conf for w in kept) < 60
            or sum(w.conf for w in kept) / len(kept) < SURE_TEXT
            or not any(_LETTERS.search(w.text) for w in kept)):
        return None
    shift_x, shift_y = (left - margin) / per_point, (upper - margin) / per_point
    return [replace(w, x0=round(w.x0 + shift_x, 2), x1=round(w.x1 + shift_x, 2),
                    top=round(w.top + shift_y, 2), bottom=round(w.bottom + shift_y, 2), line=line)
            for w in kept]


# Tesseract's 'ind' model reads a 7 (and a 4) of the usual sans-serif type as 1 at confidence
# 90-96, on the page and on the figure's crop alone, where 'eng' alone reads it right: with
# 'eng+ind' the 'ind' reading wins. A figure with a 1 is read once more by 'eng' alone.
SURE_SEVEN = 80.0  # the confidence that reading needs (wrong ones seen: 14, 22, 69; right: 81-97)


def sevens(words: list[OcrWord], image: Image.Image, dpi: int, deadline: float,
           options: Options | None = None) -> list[OcrWord]:
    """The page's words with the 7s and 4s its reading took for 1s put back: each figure with a
    1 is read again alone by the 'eng' model (digit whitelist, one line), and takes that reading
    only where it is confident and differs just in digits that were 1 and are 7 or 4 there
    ('22.136' -> '22.736', '15,45' -> '75,45', '78,13' -> '78,73'); any other reading leaves
    the word as it is (the figure's own re-reading goes on as before)."""
    options = resolved(options)
    if "eng" not in tesseract.languages(options) or ocr_lang(options) == "eng":
        return words
    per_point = dpi / 72.0
    out: list[OcrWord] = []
    for word in words:
        digits = _digit_text(word.text)
        if "1" not in digits or not _FIGURE_WORD.match(word.text):
            out.append(word)
            continue
        found = _framed(image, per_point, (word.x0, word.top, word.x1, word.bottom))
        try:
            again = read_words(found[0], found[1], psm=7, variables=_WHITELIST, lang="eng",
                               timeout=min(_left(deadline), 5.0), options=options) if found else []
        except (TimeoutError, RuntimeError):
            again = []
        new = _digit_text("".join(w.text for w in again))
        if (not again or min(w.conf for w in again) < SURE_SEVEN or len(new) != len(digits)
                or new == digits or any(a != b and (a != "1" or b not in "74")
                                        for a, b in zip(digits, new, strict=True))):
            out.append(word)
            continue
        out.append(replace(word, text=_with_digits(word.text, new)))
    return out


def _with_digits(text: str, digits: str) -> str:
    """The text with its digits, in order, replaced by those given (as many)."""
    given = iter(digits)
    return "".join(next(given) if ch.isdigit() else ch for ch in text)


def _garbled(words: list[OcrWord]) -> set[int]:
    """The ids of the words that look like figures Tesseract garbled, on lines with figures."""
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out: set[int] = set()
    for line in lines.values():
        line.sort(key=lambda w: w.x0)
        figure = [bool(_FIGURE_WORD.match(w.text)) for w in line]
        if not any(figure):
            continue
        for k, word in enumerate(line):
            text = word.text
            if figure[k] or _ROMAN.search(text) or len(text) > 10 or _SIGN.match(text):
                continue
            between = 0 < k < len(line) - 1 and figure[k - 1] and figure[k + 1]
            if any(ch.isdigit() for ch in text) or (len(text) <= 2 and between):
                out.add(id(word))
    return out


def _agreed(readings: list[tuple[str, float]]) -> tuple[str, float] | None:
    """The reading of a figure that all confident readings agree on (the same digits, each at
    least SURE_MEND), in the form '87,58' or 'C (72,39)'; None otherwise."""
    sure = [(t, c) for t, c in readings if c >= 30]
    if not sure or len({_digit_text(t) for t, _ in sure}) != 1 or min(c for _, c in sure) < SURE_MEND:
        return None
    text, conf = max(sure, key=lambda r: r[1])
    *grade, figure = text.split()
    if not _FIGURE_WORD.match(figure) or len(grade) > 1 or not all(_GRADE.match(g) for g in grade):
        return None
    return text, conf


SURE_MEND = 80.0


def _as_words(word: OcrWord, reading: tuple[str, float]) -> list[OcrWord]:
    """The reading in the word's place, a word per piece ('C', '(72,39)'), each its share of the
    box by characters, apart."""
    text, conf = reading
    # '13:15' read again as '13,15' (printed '73,15'): the digits are the damaged reading's own,
    # only a separator changed, so no reading stands against them; not so 'Level2' -> 'Level 2'
    doubtful = (_digit_text(text) == _digit_text(word.text)
                and text.replace(" ", "") != word.text)
    pieces = text.split()
    step = (word.x1 - word.x0) / max(len(text), 1)
    out: list[OcrWord] = []
    start = 0
    for piece in pieces:
        start = text.index(piece, start)
        end = start + len(piece)
        out.append(OcrWord(text=piece, x0=round(word.x0 + start * step, 2), top=word.top,
                           x1=round(word.x0 + end * step, 2), bottom=word.bottom,
                           conf=min(conf, MENDED_CONF), line=word.line, doubtful=doubtful))
        start = end
    return out
