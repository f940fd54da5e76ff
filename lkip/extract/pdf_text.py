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
    """The laid-out text of one pdfplumber page and its character boxes, line by line."""
    words = page.extract_words(return_chars=True, use_text_flow=False)  # type: ignore[attr-defined]
    laid = lay_out(words, page.chars)  # type: ignore[attr-defined]
    return PageText(number=number, text=laid.text, boxes=laid.boxes)


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
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(path, "PDF terenkripsi/berkata sandi", "PDF is encrypted") from exc
    except PDFSyntaxError as exc:
        raise InputError(path, f"PDF rusak ({exc})", f"corrupt PDF ({exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError(path, "PDF terenkripsi/berkata sandi", "PDF is encrypted") from exc
        raise InputError(path, f"PDF tidak dapat dibaca ({type(exc).__name__}: {exc})",
                         f"PDF cannot be read ({type(exc).__name__}: {exc})") from exc


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
