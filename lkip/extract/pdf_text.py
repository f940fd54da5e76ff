"""PDF backend (first version): the text layer of each page, laid out, read by the text backend.

Pages keep their numbers; table cells get page and line. Boxes per cell and pages without a text
layer (scans) are the work of the PDF and OCR issues that build on this.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lkip.extract.text import extract_text
from lkip.model import Document

log = logging.getLogger(__name__)


def extract_pdf(path: Path, doc: Document) -> None:
    from lkip.pipeline import InputError

    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError as exc:  # pragma: no cover - a broken install
        raise InputError(path, "pdfplumber tidak terpasang", "pdfplumber is not installed") from exc
    texts: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                raise InputError(path, "PDF tanpa halaman", "PDF has no pages")
            for page in pdf.pages:
                texts.append(page.extract_text(layout=True) or "")
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
    doc.source.pages = len(texts)
    if not any(t.strip() for t in texts):
        doc.source.kind = "pdf-scan"
        raise InputError(path, "PDF hasil pindai tanpa lapisan teks: OCR belum didukung",
                         "scanned PDF without a text layer: OCR is not supported yet")
    extract_text("\f".join(texts), doc)
    doc.source.pages = len(texts)
    log.info("%s: %d pages with text", path, sum(1 for t in texts if t.strip()))
