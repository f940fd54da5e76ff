"""PDF backend: each page's text layer, laid out by pdfplumber, read by the text backend; boxes kept.

pdfplumber lays a page's characters out as text lines with their columns preserved (its
``layout`` text map). That text goes through the same table reader as OCR text, and every
character of it keeps the box it came from, so each cell gets its box in PDF points after the
tables are read. Pages without a text layer (scans) are the work of the OCR backend.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pdfplumber.utils import extract_words

from lkip.errors import InputError
from lkip.extract.frame import frame_of, turned_chars
from lkip.extract.grid_tables import improve_with_grid
from lkip.extract.layout import CharBox, Rule, Upright, lay_out
from lkip.extract.lines import LineGeometry, line_geometry
from lkip.extract.page_text import PageText
from lkip.extract.scanned import needs_ocr, note_unread, page_from_ocr, reread_uncertain
from lkip.extract.text import extract_text
from lkip.model import Box, Cell, Document, Frame, union
from lkip.options import Options
from lkip.progress import Progress

if TYPE_CHECKING:
    from lkip.extract.ocr import OcrPage

log = logging.getLogger(__name__)


@dataclass
class LaidOut:
    """A whole PDF laid out as text (pages joined by form feeds) and the boxes of its characters."""

    pages: list[PageText]
    line_boxes: dict[int, list[CharBox]] = field(default_factory=dict)  # by 1-based line number

    @property
    def text(self) -> str:
        return "\f".join(p.text for p in self.pages)

    def box(self, pieces: list[tuple[int, int, int]]) -> Box | None:
        """The box around the characters printed in the given (line, start, end) pieces."""
        found = [c for line, start, end in pieces for c in self.line_boxes.get(line, ())
                 if start <= c[0] < end]
        if not found:
            return None
        return Box(x0=round(min(c[1] for c in found), 2), top=round(min(c[2] for c in found), 2),
                   x1=round(max(c[3] for c in found), 2),
                   bottom=round(max(c[4] for c in found), 2))

    def conf(self, pieces: list[tuple[int, int, int]]) -> float | None:
        """The lowest reading confidence of those characters; None when all come from a text layer."""
        confs = [c[5] for line, start, end in pieces for c in self.line_boxes.get(line, ())
                 if start <= c[0] < end]
        low = min(confs, default=100.0)
        return None if low >= 100.0 else low


def lay_out_page(page: object, number: int) -> PageText:
    """The laid-out text of one pdfplumber page and its character boxes (page coordinates), line
    by line; a page whose text runs up or down is read turned so that it reads across."""
    frame = frame_of(page)  # type: ignore[arg-type]
    if frame.turn == "none":
        chars = page.chars  # type: ignore[attr-defined]
        words = page.extract_words(return_chars=True, use_text_flow=False)  # type: ignore[attr-defined]
        laid = lay_out(words, chars, horizontal_rules(page), vertical_rules(page))
    else:
        chars = turned_chars(page, frame)  # type: ignore[arg-type]
        words = extract_words(chars, return_chars=True, use_text_flow=False)
        laid = lay_out(words, chars)
    boxes = laid.boxes
    geometry = laid.geometry
    if frame.turn != "none":
        log.debug("page %d: text turned (%s), read in a turned frame", number, frame.turn)
        boxes = [[(col, *frame.to_page((x0, top, x1, bottom)), conf)
                  for col, x0, top, x1, bottom, conf in line] for line in boxes]
        geometry = []  # in the turned frame; the table reader does without it
    return PageText(number=number, text=laid.text, boxes=boxes, geometry=geometry)


def horizontal_rules(page: object) -> list[Rule]:
    """The page's horizontal rules (y, x0, x1): drawn lines and rectangles at most 2 pt high."""
    out: list[Rule] = []
    try:
        edges = page.edges  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a damaged drawing; the text is still read
        return out
    for e in edges:
        if e.get("orientation") == "h" and e["x1"] - e["x0"] >= 3.0:
            out.append((round((e["top"] + e["bottom"]) / 2, 2), e["x0"], e["x1"]))
    return out


def vertical_rules(page: object) -> list[Upright]:
    """The page's vertical rules (x, top, bottom): drawn lines and rectangles at most 2 pt wide."""
    try:
        edges = page.edges  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a damaged drawing; the text is still read
        return []
    return [(round((e["x0"] + e["x1"]) / 2, 2), e["top"], e["bottom"]) for e in edges
            if e.get("orientation") == "v" and e["bottom"] - e["top"] >= 3.0]


def number_geometry(pages: list[PageText]) -> dict[int, LineGeometry]:
    """Line numbers of the joined text (as `split_lines` counts them) -> where the line lies."""
    out: dict[int, LineGeometry] = {}
    no = 1
    for page in pages:
        count = page.text.count("\n")
        for i, geo in enumerate(page.geometry[:count]):
            if geo is not None:
                out[no + i] = geo
        no += count
    return out


def page_lines(pages: list[PageText]) -> dict[int, range]:
    """Page number -> the line numbers of the joined text (as `split_lines` counts them) on it."""
    out: dict[int, range] = {}
    no = 1
    for page in pages:
        count = page.text.count("\n")
        out[page.number] = range(no, no + count)
        no += count
    return out


def number_lines(pages: list[PageText]) -> dict[int, list[CharBox]]:
    """Line numbers of the joined text (as `split_lines` counts them) -> character boxes."""
    out: dict[int, list[CharBox]] = {}
    no = 1
    for page in pages:
        count = page.text.count("\n")
        for i in range(count):
            if i < len(page.boxes) and page.boxes[i]:
                out[no + i] = page.boxes[i]
        no += count
    return out


def attach_boxes(doc: Document, laid: LaidOut) -> int:
    """Give every table cell (and every row and table) the box of the characters it was read from."""
    count = 0
    for table in doc.tables:
        for row in table.rows:
            boxes = []
            for cell in row.cells:
                if _boxed(cell, laid):
                    count += 1
                    if cell.prov.page == row.prov.page:
                        boxes.append(cell.prov.box)
            row.prov.box = union(boxes)
        table.prov.box = union([r.prov.box for r in table.rows if r.prov.page == table.prov.page])
    return count


def _boxed(cell: Cell, laid: LaidOut) -> bool:
    pieces = cell.prov.pieces
    if not pieces:
        return False
    cell.prov.box = laid.box(pieces)
    cell.ocr_conf = laid.conf(pieces)
    return cell.prov.box is not None


def read_pages(path: Path) -> Iterator[PageText]:
    """Lay out each page of the PDF; raises InputError for a PDF that cannot be read at all."""

    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psexceptions import PSEOF
    except ImportError as exc:  # pragma: no cover - a broken install
        raise InputError(path, "pdfplumber tidak terpasang", "pdfplumber is not installed") from exc
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise InputError(path, "PDF tanpa halaman", "PDF has no pages")
            for number, page in enumerate(pdf.pages, 1):
                yield _page_or_blank(page, number, path)
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on damaged files, pdfplumber wraps them
        cause = _root_cause(exc)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or (
                "password" in str(cause).lower() or "encrypt" in type(cause).__name__.lower()):
            raise InputError(path, "PDF terenkripsi/berkata sandi", "PDF is encrypted") from exc
        detail = f"{type(cause).__name__}: {cause}".rstrip(": ")
        if isinstance(cause, (PDFSyntaxError, PSEOF)):
            raise InputError(path, f"PDF rusak atau terpotong ({detail})",
                             f"corrupt or truncated PDF ({detail})") from exc
        raise InputError(path, f"PDF tidak dapat dibaca ({detail})",
                         f"PDF cannot be read ({detail})") from exc


def _root_cause(exc: BaseException) -> BaseException:
    """The exception pdfminer raised, under pdfplumber's wrapper (which carries it as its argument
    or its cause)."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.__cause__ or next((a for a in exc.args if isinstance(a, BaseException)), None)
        if inner is None:
            break
        exc = inner
    return exc


def _page_or_blank(page: object, number: int, path: Path) -> PageText:
    """A page whose content stream is damaged is read as blank (or as far as the damage), and says
    why in ``damage``: one bad page must not cost the rest of the report, nor go unsaid. A scanned
    page is marked for OCR."""
    raw = raw_contents(page)  # before pdfminer decodes them: it hides a damaged stream
    try:
        reason = needs_ocr(page)
        if reason:
            return PageText(number=number, text="\n", ocr_reason=reason)
        read = lay_out_page(page, number)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged page
        log.warning("%s: page %d cannot be read (%s: %s); taken as blank", path, number,
                    type(exc).__name__, exc)
        why = f"{type(exc).__name__}: {exc}".rstrip(": ")[:120]
        return PageText(number=number, text="\n", damage=f"{DAMAGED_PAGE} ({why}), {READ_BLANK}")
    broken = damaged_stream(raw)
    if broken is not None:
        read.damage = f"{DAMAGED_STREAM} ({broken}), " + (
            READ_BLANK if not read.text.strip() else READ_IN_PART)
        log.warning("%s: page %d: %s", path, number, read.damage)
    return read


# the words of ``PageText.damage`` (English, as every page note), which the coverage warning
# gives in Indonesian too (lkip.pipeline)
DAMAGED_PAGE = "the page cannot be read"
DAMAGED_STREAM = "its content stream is damaged"
READ_BLANK = "read blank"
READ_IN_PART = "read only up to the damage"


def raw_contents(page: object) -> list[tuple[bytes, list[tuple[object, object]]]]:
    """The page's content streams as stored, with their filters: pdfminer decodes a damaged one
    as far as it can and gives the rest up without a word, so the page would read blank in
    silence. A stream already decoded (shared with an earlier page) or encrypted is left out."""
    from pdfminer.pdftypes import PDFStream, resolve1

    out: list[tuple[bytes, list[tuple[object, object]]]] = []
    try:
        contents = page.page_obj.contents  # type: ignore[attr-defined]
        for ref in contents:
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and stream.rawdata is not None and not stream.decipher:
                out.append((stream.rawdata, stream.get_filters()))
    except Exception:  # noqa: BLE001 - the page's own reading reports a damaged page tree
        return []
    return out


def damaged_stream(raw: list[tuple[bytes, list[tuple[object, object]]]]) -> str | None:
    """Why one of the streams cannot be decoded (a Flate stream with invalid data, an ASCII85 or
    hex stream that is not), or None. A Flate stream that merely ends early (no checksum) is not
    damaged: all its content is there."""
    import zlib

    from pdfminer.pdftypes import (
        LITERALS_ASCII85_DECODE,
        LITERALS_ASCIIHEX_DECODE,
        LITERALS_FLATE_DECODE,
        ascii85decode,
        asciihexdecode,
    )

    for data, filters in raw:
        for name, _params in filters:
            try:
                if name in LITERALS_FLATE_DECODE:
                    data = zlib.decompressobj().decompress(data)
                elif name in LITERALS_ASCII85_DECODE:
                    data = ascii85decode(data)
                elif name in LITERALS_ASCIIHEX_DECODE:
                    data = asciihexdecode(data)
                else:
                    break  # a filter not checked here: pdfminer's reading is the only word
            except Exception as exc:  # noqa: BLE001 - zlib.error, ValueError: not decodable
                kind = "zlib" if isinstance(exc, zlib.error) else type(exc).__name__
                return f"{kind}: {exc}"[:120]
    return None


def extract_pdf(path: Path, doc: Document, progress: Progress | None = None,
                options: Options | None = None) -> None:
    """Read a PDF: text-layer pages laid out from their words, scanned pages by OCR (options
    None: the environment's)."""
    pages = list(read_pages(path))
    doc.source.pages = len(pages)
    doc.source.page_notes.update({p.number: p.damage for p in pages if p.damage})
    wanted = [p.number for p in pages if p.ocr_reason]
    ocr_pages: dict[int, OcrPage] = {}
    if wanted:
        ocr_pages = _ocr(path, wanted, progress, options)
        for number, ocr in ocr_pages.items():
            pages[number - 1] = page_from_ocr(ocr)
        doc.source.ocr_pages = wanted
        note_unread(doc, list(ocr_pages.values()))
        if len(wanted) == len(pages):
            doc.source.kind = "pdf-scan"
    read_laid_out(path, pages, doc, ocr_pages, options)


def _ocr(path: Path, wanted: list[int], progress: Progress | None,
         options: Options | None) -> dict[int, OcrPage]:

    try:
        from lkip.extract.ocr import ocr_pdf  # lazy: PIL, numpy: +0.2 s start-up
    except ImportError as exc:  # pragma: no cover - a broken install
        raise InputError(path, f"OCR tidak tersedia ({exc})", f"OCR is not available ({exc})") from exc
    log.info("%s: %d of its pages are read by OCR", path, len(wanted))
    return {p.number: p for p in ocr_pdf(path, pages=wanted, progress=progress, options=options)}


def read_laid_out(path: Path, pages: list[PageText], doc: Document,
                  ocr_pages: dict[int, OcrPage], options: Options | None = None) -> None:
    """Tables from laid-out pages; every cell gets its box; uncertain OCR figures are re-read."""

    if not any(p.text.strip() for p in pages):
        failed = sorted(set(doc.source.page_notes.values()))
        if ocr_pages and failed:
            raise InputError(path, f"OCR gagal membaca halaman ({'; '.join(failed)})",
                             f"OCR could not read the pages ({'; '.join(failed)})")
        if ocr_pages:
            raise InputError(path, "hasil pindai tanpa teks yang terbaca (halaman kosong atau bukan "
                                   "dokumen)", "scan without readable text (blank pages or not a "
                                               "document)")
        raise InputError(path, "PDF tanpa teks", "PDF without any text")
    laid = LaidOut(pages=pages, line_boxes=number_lines(pages))
    with line_geometry(number_geometry(pages)):
        extract_text(laid.text, doc)
    doc.source.pages = len(pages)
    doc._ocr_pages = dict(ocr_pages)
    doc.source.ocr_frames = {n: Frame(turned=p.turned, skew=p.skew)
                             for n, p in sorted(ocr_pages.items()) if p.turned or p.skew}
    boxed = attach_boxes(doc, laid)
    if improve_with_grid(doc, path, laid.line_boxes, page_lines(pages)):
        boxed = attach_boxes(doc, laid)
    unreadable = reread_uncertain(doc, path, ocr_pages, options) if ocr_pages else 0
    log.info("%s: %d pages with text, %d cells with a box, %d figures unreadable", path,
             sum(1 for p in pages if p.text.strip()), boxed, unreadable)
