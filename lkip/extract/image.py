"""Reader of a picture of a report (PNG, JPEG, multi-page TIFF): every page by OCR, laid out and
read as a PDF's pages are. Above both ``scanned`` (OCR pages as text) and ``pdf_text`` (the
table reading of laid-out pages), which it joins."""

from __future__ import annotations

from pathlib import Path

from lkip.extract.ocr import ocr_image
from lkip.extract.pdf_text import read_laid_out
from lkip.extract.scanned import note_unread, page_from_ocr
from lkip.model import Document
from lkip.options import Options
from lkip.progress import Progress


def extract_image(path: Path, doc: Document, progress: Progress | None = None,
                  options: Options | None = None) -> None:
    """Read a picture of a report by OCR, page by page (options None: the environment's)."""
    pages = ocr_image(path, progress=progress, options=options)
    doc.source.pages = len(pages)
    doc.source.ocr_pages = [p.number for p in pages]
    note_unread(doc, pages)
    read_laid_out(path, [page_from_ocr(p) for p in pages], doc, {p.number: p for p in pages}, options)
