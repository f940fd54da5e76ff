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

from pdfplumber.utils import extract_words

from lkip.extract.frame import frame_of, turned_chars
from lkip.extract.layout import CharBox, lay_out
from lkip.extract.text import extract_text
from lkip.model import Box, Document, Provenance

log = logging.getLogger(__name__)


@dataclass
class PageText:
    """One page laid out as text, with the boxes of its printed characters per line."""

    number: int  # 1-based
    text: str
    boxes: list[list[CharBox]] = field(default_factory=list)  # per line of text


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


def lay_out_page(page: object, number: int) -> PageText:
    """The laid-out text of one pdfplumber page and its character boxes (page coordinates), line
    by line; a page whose text runs up or down is read turned so that it reads across."""
    frame = frame_of(page)  # type: ignore[arg-type]
    if frame.turn == "none":
        chars = page.chars  # type: ignore[attr-defined]
        words = page.extract_words(return_chars=True, use_text_flow=False)  # type: ignore[attr-defined]
    else:
        chars = turned_chars(page, frame)  # type: ignore[arg-type]
        words = extract_words(chars, return_chars=True, use_text_flow=False)
    laid = lay_out(words, chars)
    boxes = laid.boxes
    if frame.turn != "none":
        log.debug("page %d: text turned (%s), read in a turned frame", number, frame.turn)
        boxes = [[(col, *frame.to_page(box)) for col, *box in line] for line in boxes]
    return PageText(number=number, text=laid.text, boxes=boxes)


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
                if cell.prov is not None and _boxed(cell.prov, laid):
                    count += 1
                    if cell.prov.page == row.prov.page:
                        boxes.append(cell.prov.box)
            row.prov.box = union(boxes)
        table.prov.box = union([r.prov.box for r in table.rows if r.prov.page == table.prov.page])
    return count


def union(boxes: list[Box | None]) -> Box | None:
    """The smallest box around the given boxes (None when there is none)."""
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return Box(x0=min(b.x0 for b in real), top=min(b.top for b in real),
               x1=max(b.x1 for b in real), bottom=max(b.bottom for b in real))


def _boxed(prov: Provenance, laid: LaidOut) -> bool:
    pieces = prov.pieces
    if not pieces:
        return False
    prov.box = laid.box(pieces)
    return prov.box is not None


def read_pages(path: Path) -> Iterator[PageText]:
    """Lay out each page of the PDF; raises InputError for a PDF that cannot be read at all."""
    from lkip.pipeline import InputError

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
    """A page whose content stream is damaged is read as blank, with a warning: one bad page must
    not cost the rest of the report."""
    try:
        return lay_out_page(page, number)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises anything on a damaged page
        log.warning("%s: page %d cannot be read (%s: %s); taken as blank", path, number,
                    type(exc).__name__, exc)
        return PageText(number=number, text="\n")


def extract_pdf(path: Path, doc: Document) -> None:
    from lkip.pipeline import InputError

    pages = list(read_pages(path))
    doc.source.pages = len(pages)
    if not any(p.text.strip() for p in pages):
        doc.source.kind = "pdf-scan"
        raise InputError(path, "PDF hasil pindai tanpa lapisan teks: OCR belum didukung",
                         "scanned PDF without a text layer: OCR is not supported yet")
    laid = LaidOut(pages=pages, line_boxes=number_lines(pages))
    extract_text(laid.text, doc)
    doc.source.pages = len(pages)
    boxed = attach_boxes(doc, laid)
    log.info("%s: %d pages with text, %d cells with a box", path,
             sum(1 for p in pages if p.text.strip()), boxed)
