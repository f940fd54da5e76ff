"""Page images for OCR: PDF pages rendered with pypdfium2, image files (multi-page TIFF too), turned
upright, deskewed, tested for ink.

Everything here works on 8-bit grayscale Pillow images and numpy. A page is always loaded from its
path and number (never handed around as pixels between processes), so a 500-page scan needs the
memory of the pages being read, not of the file.

Rotation by quarter turns: Tesseract's orientation detector (``--psm 0`` with the ``osd`` model)
on a 150 dpi copy; when it is missing, unsure or finds too few characters, the page's ink profile
tells whether its lines run across or up and down, and Tesseract reads a strip both ways round
(higher mean word confidence wins). Deskew: the angle whose row profile of the ink is sharpest
(sum of squared differences of the ink counts of neighbouring rows), searched coarse then fine on
a binarised 100 dpi copy, within ±5°.
"""

from __future__ import annotations

import functools
import io
import math
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from lkip.errors import InputError
from lkip.extract import tesseract
from lkip.extract.ocr_page import OcrWord
from lkip.options import Options

# Pillow refuses to open more than twice this many pixels (DecompressionBombError) and warns above
# it; lkip refuses above it. 120 MP is an A3 page at 600 dpi with room to spare.
MAX_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# a PDF page is rendered with at most this many pixels (A3 at 300 dpi is 17.4 MP, A4 8.7 MP):
# a larger page is rendered at a lower resolution, as the steps after rendering (deskew, OCR)
# hold several copies of the page (120 MP made 3.9 GB on a 200 x 200 inch page)
MAX_RENDER_PIXELS = 24_000_000
MAX_FRAMES = 2000  # pages of one TIFF
PDFIUM_LOCK = threading.RLock()  # pdfium is not thread-safe: one call at a time in this process


def _input_error(path: Path | str, reason: str, reason_en: str) -> Exception:
    return InputError(path, reason, reason_en)


# ----------------------------------------------------------------------------------------------
# loading


@dataclass
class Raster:
    """One page image, 8-bit grayscale, and the resolution it stands for."""

    image: Image.Image
    dpi: int


def pdf_page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            msg = str(exc).lower()
            if "password" in msg:
                raise _input_error(path, "PDF terenkripsi/berkata sandi", "PDF is encrypted") from exc
            raise _input_error(path, f"PDF rusak atau tidak dapat dibaca ({exc})",
                               f"corrupt or unreadable PDF ({exc})") from exc
        try:
            count = len(pdf)
        finally:
            pdf.close()
    if count == 0:
        raise _input_error(path, "PDF tanpa halaman", "PDF has no pages")
    return count


def render_pdf_page(path: Path, number: int, dpi: int = 300) -> Raster:
    """Page `number` (1-based) of the PDF as displayed (its /Rotate applied), grayscale; the
    resolution is lowered for a page so large that `dpi` would exceed MAX_RENDER_PIXELS."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            width, height = page.get_size()  # points, as displayed
            pixels = width * height * (dpi / 72) ** 2
            if pixels > MAX_RENDER_PIXELS:
                dpi = max(int(dpi * math.sqrt(MAX_RENDER_PIXELS / pixels)), 1)
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            page.close()
        finally:
            pdf.close()
    return Raster(image, dpi)


def _open_image(path: Path) -> Image.Image:
    """Open an image file lazily; refuses bombs, corrupt and unknown files with InputError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(path) from exc
    except FileNotFoundError as exc:
        raise _input_error(path, "berkas tidak ditemukan", "file not found") from exc
    except (OSError, ValueError, SyntaxError) as exc:  # UnidentifiedImageError is an OSError
        raise _input_error(path, "berkas gambar rusak atau formatnya tidak dikenal",
                           "corrupt image or unknown image format") from exc
    if width * height > MAX_PIXELS:
        raise _bomb(path, (width, height))
    if width < 1 or height < 1:
        raise _input_error(path, "gambar tanpa piksel", "image has no pixels")
    return image


def _bomb(path: Path, size: tuple[int, int] | None = None) -> Exception:
    dims = f" ({size[0]}×{size[1]} piksel)" if size else ""
    dims_en = f" ({size[0]}×{size[1]} pixels)" if size else ""
    limit = MAX_PIXELS // 1_000_000
    return _input_error(
        path,
        f"gambar terlalu besar{dims}: lebih dari {limit} juta piksel (bom dekompresi?)",
        f"image too large{dims_en}: over {limit} million pixels (decompression bomb?)")


def image_frame_count(path: Path) -> int:
    image = _open_image(path)
    try:
        count = getattr(image, "n_frames", 1)
    except Exception as exc:  # noqa: BLE001 - a damaged TIFF directory chain
        raise _input_error(path, "berkas gambar rusak", "corrupt image") from exc
    finally:
        image.close()
    if count > MAX_FRAMES:
        raise _input_error(path, f"TIFF dengan terlalu banyak halaman ({count})",
                           f"TIFF with too many pages ({count})")
    return count


def load_image_frame(path: Path, index: int = 0, dpi_hint: int | None = None) -> Raster:
    """Frame `index` (0-based) of an image file as grayscale, EXIF orientation applied; its dpi from
    the hint, else the file, else 300 (too low or absurd values count as unknown)."""
    image = _open_image(path)
    try:
        if index:
            image.seek(index)
        if image.width * image.height > MAX_PIXELS:
            raise _bomb(path, image.size)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
        dpi = dpi_hint or _file_dpi(image)
        if index == 0:
            image = ImageOps.exif_transpose(image)
        gray = _to_gray(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(path) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        if getattr(exc, "path", None):  # an InputError raised above
            raise
        raise _input_error(path, "berkas gambar rusak atau terpotong",
                           "corrupt or truncated image") from exc
    return Raster(gray, dpi)


def _file_dpi(image: Image.Image) -> int:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 1200 else 300


def _to_gray(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image.copy()
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    if image.mode.startswith("I;16") or image.mode == "I":
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), "L")
    return image.convert("L")


# ----------------------------------------------------------------------------------------------
# ink


def flatten(image: Image.Image) -> Image.Image:
    """The page with its background (shadows, paper tint, uneven light of a photo) divided out:
    paper becomes white, ink keeps its contrast against the paper around it."""
    small_w = max(image.width // 8, 1)
    small_h = max(image.height // 8, 1)
    small = image.resize((small_w, small_h), Image.Resampling.BILINEAR)
    # background: the brightest value nearby (ink is thinner than the window), then smoothed
    size = max(3, (min(small_w, small_h) // 40) | 1)
    background = small.filter(ImageFilter.MaxFilter(min(size, 15))).filter(ImageFilter.GaussianBlur(4))
    background = background.resize(image.size, Image.Resampling.BILINEAR)
    page = np.asarray(image, dtype=np.float32)
    bg = np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    out = np.clip(page / bg * 255.0, 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L")


def ink_mask(image: Image.Image, flat: bool = True) -> np.ndarray:
    """True where there is ink: clearly darker (by 35%) than the paper around it."""
    page = flatten(image) if flat else image
    return np.asarray(page) < 166


def downscaled(image: Image.Image, dpi: int, to: int,
               resample: Image.Resampling = Image.Resampling.BOX) -> tuple[Image.Image, int]:
    """The image at `to` dpi when it is finer (as it is otherwise), and its resolution: the page
    tests look at a small copy."""
    scale = min(to / max(dpi, 1), 1.0)
    if scale >= 1:
        return image, dpi
    size = (max(int(image.width * scale), 1), max(int(image.height * scale), 1))
    return image.resize(size, resample), round(dpi * scale)


def is_blank(image: Image.Image, dpi: int) -> bool:
    """No ink worth reading: fewer inked pixels than a few characters' worth, once specks (dust,
    scanner noise, a photo's grain) are dropped, and no ink away from the edges."""
    small, _ = downscaled(image, dpi, 100)
    mask = ink_mask(small)
    # a border: scanner edges and the shadow of a photo's page edge are not ink
    h, w = mask.shape
    my, mx = max(h // 25, 1), max(w // 25, 1)
    inner = mask[my:h - my, mx:w - mx]
    if inner.size == 0:
        return True
    # drop isolated specks: an ink pixel counts when a neighbour is ink too
    core = inner[1:-1, 1:-1]
    neighbours = (inner[:-2, 1:-1].astype(np.uint8) + inner[2:, 1:-1] + inner[1:-1, :-2]
                  + inner[1:-1, 2:])
    ink = int(np.count_nonzero(core & (neighbours >= 2)))
    # a short word at 100 dpi has a few hundred ink pixels
    return ink < max(60, inner.size // 20000)


# ----------------------------------------------------------------------------------------------
# skew


def skew_angle(image: Image.Image, dpi: int, limit: float = 5.0) -> float:
    """The angle in degrees (counter-clockwise positive, as PIL's rotate takes it) that makes the
    page's text lines horizontal; 0.0 when the page has too little ink to say."""
    small, _ = downscaled(image, dpi, 100)
    mask = ink_mask(small)
    ys, xs = np.nonzero(mask)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 400_000:  # plenty: a sample keeps this fast on dark photos
        pick = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - mask.shape[1] / 2

    def score(angle: float) -> float:
        # rows of the page rotated by `angle` counter-clockwise: y' = y*cos + x*sin (y down)
        t = math.radians(angle)
        rows = ys * math.cos(t) + xs * math.sin(t)
        rows -= rows.min()
        # each pixel split between the two rows it falls between: no rounding artefacts at
        # small angles
        low = np.floor(rows)
        frac = rows - low
        low = low.astype(np.int64)
        counts = np.bincount(low, 1 - frac, minlength=low.max() + 2)
        counts += np.bincount(low + 1, frac, minlength=low.max() + 2)
        return float(np.sum(np.diff(counts) ** 2))

    best = max(np.arange(-limit, limit + 1e-9, 0.5), key=score)
    for step in (0.1, 0.02):
        span = step * 5
        best = max(np.arange(best - span, best + span + 1e-9, step), key=score)
    best = float(best)
    # a flat score (no lines: a photo, a drawing) means no skew can be told
    if score(best) < score(0.0) * 1.02:
        return 0.0
    return round(-best, 2)


def rotate(image: Image.Image, angle: float) -> Image.Image:
    """Rotate counter-clockwise by `angle` degrees about the centre, same size, white fill,
    bicubic (grey or RGB). OpenCV does it 3.5x faster than PIL (0.11 s for a 10-megapixel page, one thread),
    with the same pixels to within rounding; bilinear would be faster still, but lost 10% of
    the figures of the scanned samples."""
    if not angle:
        return image
    cv2 = _opencv()
    image = image if image.mode in ("L", "RGB") else image.convert("RGB")
    w, h = image.size
    # PIL's centre (w/2, h/2) counts pixel corners; OpenCV counts pixel centres
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, 1.0)
    white = 255 if image.mode == "L" else (255, 255, 255)
    out = cv2.warpAffine(np.asarray(image), matrix, (w, h), flags=cv2.INTER_CUBIC,
                         borderMode=cv2.BORDER_CONSTANT, borderValue=white)
    return Image.fromarray(out, image.mode)


@functools.cache
def _opencv() -> Any:
    import cv2

    cv2.setNumThreads(1)  # pages are read in parallel already: one thread each
    return cv2


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """Turn by a quarter-turn multiple, clockwise."""
    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
           270: Image.Transpose.ROTATE_90}
    return image.transpose(ops[clockwise % 360]) if clockwise % 360 else image


# ----------------------------------------------------------------------------------------------
# orientation


def osd_available(options: Options | None = None) -> bool:
    """Whether Tesseract's orientation model is installed (None: for the environment's options)."""
    return "osd" in tesseract.languages(options)


def orientation(image: Image.Image, dpi: int, timeout: float = 30.0,
                options: Options | None = None) -> int:
    """Clockwise quarter turns (0, 90, 180, 270) that make the page read upright.

    Tesseract's OSD tells the axis well but, on poor scans, not the direction: on the 100 dpi
    1-bit scan in the samples it said 270 for pages that read upright at 90, with confidence up
    to 8. So OSD is trusted only when it finds the page upright; otherwise the page is read both
    ways on its axis (a 150 dpi copy) and the reading with the more confident words wins."""
    small, small_dpi = downscaled(image, dpi, 150, Image.Resampling.LANCZOS)
    sideways: bool | None = None
    guess = 0
    if (osd_available() if options is None else osd_available(options)):
        found = tesseract.orientation(small, small_dpi, timeout, options)
        if found is not None:
            turned, confidence = found
            if turned == 0 and confidence >= OSD_UPRIGHT_CONFIDENCE:
                return 0
            sideways, guess = turned in (90, 270), turned
    if sideways is None:
        across = lines_run_across(ink_mask(small))
        sideways = across is False
    candidates = (90, 270) if sideways else (0, 180)
    if guess in candidates and guess != candidates[0]:
        candidates = candidates[::-1]  # OSD's guess first: it may read well enough to stop there
    return _orientation_by_reading(small, small_dpi, candidates, timeout, options)


OSD_UPRIGHT_CONFIDENCE = 2.0


# a page read as it is with words this confident on average ... (measured, psm 6 at 300 dpi:
# upright LKIP scans 72-94, the same pages upside down 38-46)
UPRIGHT_MEAN_CONF = 65.0
UPRIGHT_WORDS = 15  # ... and this many words of three letters or more is upright


def reads_upright(words: list[OcrWord]) -> bool:
    """Whether Tesseract's words on a whole page are plainly upright text: confident on the whole
    and many real words (read upside down or sideways, text gives few and unsure words)."""
    good = [w for w in words if len(w.text) >= 3 and w.text.isalpha()]
    mean = sum(w.conf for w in words) / max(len(words), 1)
    return mean >= UPRIGHT_MEAN_CONF and len(good) >= UPRIGHT_WORDS


def lines_run_across(mask: np.ndarray) -> bool | None:
    """Whether the ink forms horizontal lines (True), vertical ones (False), or cannot tell."""
    ratio = _across_ratio(mask)
    return None if ratio is None else ratio >= 1.0


def _across_ratio(mask: np.ndarray) -> float | None:
    """How much more the ink's row profile jumps than its column profile: text lines running
    across make the rows alternate between ink and paper; None when there is too little ink."""
    if mask.sum() < 200:
        return None
    rows = mask.sum(axis=1).astype(np.float64)
    cols = mask.sum(axis=0).astype(np.float64)
    across = np.sum(np.diff(rows) ** 2) / max(len(rows), 1)
    down = np.sum(np.diff(cols) ** 2) / max(len(cols), 1)
    if max(across, down) == 0:
        return None
    return float(across / max(down, 1e-9))


SURELY_ACROSS = 0.8


def may_be_sideways(image: Image.Image, dpi: int) -> bool:
    """Whether the page's ink does not plainly run across: then its orientation is checked before
    it is read, as reading a turned page as it is costs a whole Tesseract run (and a slow one).
    Table rules are left out first (the verticals of a table would pass for lines running down).
    The across ratio measured 0.09-0.54 on the turned pages of the samples and 0.6-35 on upright
    ones; the few upright pages below 0.8 (poor 100 dpi scans) pay one quick orientation check."""
    small, small_dpi = downscaled(image, dpi, 100)
    mask = np.asarray(without_rules(flatten(small), small_dpi)) < 166
    ratio = _across_ratio(mask)
    return ratio is not None and ratio < SURELY_ACROSS


def _orientation_by_reading(image: Image.Image, dpi: int, candidates: Sequence[int],
                            timeout: float, options: Options | None) -> int:
    """The turn under which Tesseract reads the middle of the page with the most confident words.
    The candidates (a pair on one axis) are read in order; a reading that is good already ends
    the search, and when neither reads fairly well the other axis is tried too (the axis came from
    OSD or the ink profile, which can be wrong: an all-capitals list, a page of drawings)."""
    # the middle of the page (60% of each side) holds enough text, at a third of the cost
    w, h = image.size
    middle = image.crop((int(w * 0.2), int(h * 0.2), int(w * 0.8), int(h * 0.8)))
    others = tuple((c + 90) % 360 for c in candidates)
    best, best_score, best_mean = candidates[0], -1.0, 0.0
    for i, clockwise in enumerate((*candidates, *others)):
        if i == 2 and best_mean >= 65:
            break
        words = tesseract.read_words(turn(middle, clockwise), dpi, psm=6, timeout=timeout,
                                     options=options)
        good = [w for w in words if len(w.text) >= 3 and w.text.isalpha()]
        mean = sum(w.conf for w in words) / max(len(words), 1)
        score = mean + min(len(good), 40) * 0.25
        if score > best_score:
            best, best_score, best_mean = clockwise, score, mean
        if mean >= 80 and len(good) >= 15:
            break
    return best


def png_bytes(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def without_rules(image: Image.Image, dpi: int) -> Image.Image:
    """The page with the ruling lines of its tables whitened.

    Tesseract reads a table far worse when the cell borders touch the text: it garbles short
    header words ('K', 'Rp') and column numbers into noise and reads a rule as '|' or 'l'. A
    line is a run of ink much longer than any stroke of a letter (a fifth of an inch), straight
    across or straight down; it is whitened with the pixel on each side of it.
    """
    mask = np.asarray(image) < 160
    length = max(int(dpi / 5), 12)
    lines = _runs(mask, length) | _runs(mask.T, length).T
    if not lines.any():
        return image
    grown = lines.copy()
    grown[1:, :] |= lines[:-1, :]
    grown[:-1, :] |= lines[1:, :]
    grown[:, 1:] |= lines[:, :-1]
    grown[:, :-1] |= lines[:, 1:]
    out = np.asarray(image).copy()
    out[grown] = 255
    return Image.fromarray(out, "L")


def _runs(mask: np.ndarray, length: int) -> np.ndarray:
    """Where the mask has runs of at least `length` True along each row."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    starts = np.argwhere(change == 1)
    ends = np.argwhere(change == -1)
    out = np.zeros(mask.shape, dtype=bool)
    keep = (ends[:, 1] - starts[:, 1]) >= length
    for (row, s), (_row, e) in zip(starts[keep], ends[keep], strict=True):
        out[row, s:e] = True
    return out
