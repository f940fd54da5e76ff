"""check(path) -> Document: picks the extraction backend for the input and runs the stages in order."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

# InputError, one_line and Progress live at the bottom (lkip.errors, lkip.progress) so that the
# backends need not import this module; they stay importable from here
from lkip.errors import InputError as InputError
from lkip.errors import one_line as one_line
from lkip.extract.flat import unflatten
from lkip.extract.text import extract_text
from lkip.messages import MessageParam, joined
from lkip.model import Document, Finding, Source, SourceKind
from lkip.normalize.views import build_views
from lkip.options import Options, resolved
from lkip.progress import Progress as Progress
from lkip.validate.registry import validate

log = logging.getLogger(__name__)

PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# a report's text is under 1 MB; text is read at about 16 s/MB on this machine kind, so a text
# over 4 MB (a minute of work) is refused up front instead of read for many minutes
MAX_TEXT_BYTES = 4 * 1024 * 1024


def sniff_kind(path: Path, head: bytes) -> SourceKind:
    """The kind of input, from its first bytes first and its suffix second."""
    if head.startswith(b"%PDF"):
        return "pdf-text"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        raise InputError(path, "berkas berakhiran .pdf tetapi isinya bukan PDF (rusak?)",
                         "file is named .pdf but is not a PDF (corrupt?)")
    if suffix in IMAGE_SUFFIXES:
        raise InputError(path, "berkas gambar yang rusak atau formatnya tidak dikenal",
                         "corrupt image or unknown image format")
    return "text"


def _utf16(data: bytes) -> str | None:
    """The codec of UTF-16 text (Windows Notepad's "Unicode"): by its byte order mark, or without
    one by the zero byte of every ASCII character in the first 8 KB; None when not UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:8192]
    half = len(head) // 2
    if half >= 8:
        if head[1::2].count(0) >= 0.9 * half and head[0::2].count(0) == 0:
            return "utf-16-le"
        if head[0::2].count(0) >= 0.9 * half and head[1::2].count(0) == 0:
            return "utf-16-be"
    return None


def read_text(path: Path, data: bytes) -> str:
    """Decode a text input (UTF-8 with or without BOM, UTF-16, else Windows-1252); refuses binary
    data instead of reading garbage."""
    codec = _utf16(data)
    if codec is not None:
        text = data.decode(codec, errors="replace").removeprefix("\ufeff")
    elif b"\x00" in data[:8192]:
        raise InputError(path, "berkas biner, bukan teks, PDF atau gambar",
                         "binary file: not text, PDF or image")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.removeprefix(b"\xef\xbb\xbf").decode("cp1252", errors="replace")
    printable = sum(ch.isprintable() or ch in "\n\r\t\f" for ch in text[:20000])
    if text and printable / min(len(text), 20000) < 0.95:
        raise InputError(path, "berkas biner, bukan teks, PDF atau gambar",
                         "binary file: not text, PDF or image")
    return text


def load_source(path: Path) -> tuple[Source, bytes]:
    if not path.exists():
        raise InputError(path, "berkas tidak ditemukan", "file not found")
    if path.is_dir():
        raise InputError(path, "ini sebuah folder, bukan berkas", "this is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"berkas tidak dapat dibaca ({exc.strerror})",
                         f"file cannot be read ({exc.strerror})") from exc
    if not data.strip():
        raise InputError(path, "berkas kosong", "file is empty")
    kind = sniff_kind(path, data[:16])
    if kind == "text" and len(data) > MAX_TEXT_BYTES:
        raise InputError(path, "berkas teks terlalu besar (lebih dari 4 MB; teks laporan "
                               "biasanya di bawah 1 MB)",
                         "text file too large (over 4 MB; a report's text is usually under 1 MB)")
    source = Source(path=str(path), sha256=hashlib.sha256(data).hexdigest(), kind=kind,
                    bytes=len(data))
    return source, data


def extract(path: Path, progress: Progress | None = None, options: Options | None = None) -> Document:
    """Stage 1: the backend for the input kind fills tables, paragraphs and document info.
    ``progress(done, total)`` is called as pages are read by OCR (the slow part); `options` say
    how (None: the environment's)."""
    options = resolved(options)

    source, data = load_source(path)
    doc = Document(source=source)
    if source.kind == "text":

        extract_text(unflatten(read_text(path, data))[0], doc)
    elif source.kind == "pdf-text":
        from lkip.extract.pdf_text import extract_pdf  # lazy: PIL, numpy, pdfplumber: +0.3 s start-up

        extract_pdf(path, doc, progress, options)
    else:
        from lkip.extract.image import extract_image  # lazy: PIL, numpy, pdfplumber: +0.3 s start-up

        extract_image(path, doc, progress, options)
    if not _looks_like_lkip(doc):
        if doc.source.ocr_pages:  # a poor scan or photo of a report reads like no report
            pages = len(doc.source.ocr_pages)
            raise InputError(
                path, f"tidak ada tabel kinerja atau anggaran yang terbaca dari hasil pindai ({pages} "
                "halaman dibaca dengan OCR): bukan laporan kinerja, atau pindaian/foto kurang jelas",
                f"no performance or budget table could be read from the scan ({pages} pages read by "
                "OCR): not a performance report, or a scan or photo too poor to read")
        raise InputError(path, "bukan laporan kinerja (LKIP): tidak ada tabel kinerja atau anggaran",
                         "not a performance report (LKIP): no performance or budget table found")
    return doc


_LKIP_WORDS = ("kinerja", "realisasi", "anggaran", "capaian", "sasaran", "indikator")


def _looks_like_lkip(doc: Document) -> bool:
    """Tables of an LKIP kind, or prose that talks like one (a report whose tables have no
    captions is still a report)."""
    if any(t.kind != "other" for t in doc.tables):
        return True
    # a budget-execution or Renja table of no kind lkip checks yet: read, shown, not judged
    header = " ".join(" ".join(t.header) for t in doc.tables if len(t.rows) >= 5).lower()
    if sum(word in header for word in _LKIP_WORDS) >= 2:
        return True
    text = " ".join(p.text.lower() for p in doc.paragraphs[:2000])
    return sum(text.count(word) >= 3 for word in _LKIP_WORDS) >= 4


COVERAGE = "coverage"  # the rule id of the finding that says a PDF was read only in part
LISTED_PAGES = 8  # failed pages named one by one in the coverage warning; the rest are counted

# the reasons a page failed (English, as the extraction records them) in Indonesian
_WHY_ID = (
    ("the page cannot be read", "halaman tidak dapat dibaca"),
    ("its content stream is damaged", "isi halamannya rusak"),
    ("read blank", "terbaca kosong"),
    ("read only up to the damage", "terbaca hanya sampai bagian yang rusak"),
    ("page took longer than", "halaman butuh lebih dari"),
    ("no ink on the page", "halaman tanpa tinta"),
)


def why_id(why: str) -> str:
    """A page note in Indonesian, as far as its words are known (the rest, a library's own
    message, stays as it was)."""
    for en, id_ in _WHY_ID:
        why = why.replace(en, id_)
    return why


def pages_in_file(path: Path, doc: Document) -> int | None:
    """The pages the PDF holds, as pdfium counts them (pdfplumber lists only the pages its page
    tree leads to); the pages read when pdfium cannot tell."""
    try:
        from lkip.extract.raster import pdf_page_count  # lazy: PIL, numpy, pdfplumber: +0.3 s start-up

        return max(pdf_page_count(path), doc.source.pages or 0)
    except Exception:  # noqa: BLE001 - a second reader failing says nothing more
        return doc.source.pages


def coverage(path: Path, doc: Document) -> Finding | None:
    """A warning when not every page of a PDF was read: pages its page tree lost (a damaged
    middle: pdfplumber lists 25 of 31 pages and says nothing), and pages that failed (a damaged
    content stream read blank, an OCR timeout), each with its reason. It also records the pages
    in the file (``source.pages_in_file``)."""
    if not doc.source.kind.startswith("pdf") or doc.source.pages is None:
        return None
    total = pages_in_file(path, doc)
    doc.source.pages_in_file = total
    listed = doc.source.pages
    failed = {n: why for n, why in sorted(doc.source.page_notes.items()) if n <= listed}
    if total is None or (total <= listed and not failed):
        return None
    lost = total - listed
    read = listed - len(failed)
    named = list(failed.items())[:LISTED_PAGES]
    more = len(failed) - len(named)
    parts: list[tuple[str, dict[str, MessageParam]]] = [("coverage.lost", {"lost": lost})] if lost else []
    if failed:
        pages = joined("pages", [("coverage.page", {"page": n, "why_id": why_id(why), "why_en": why})
                                 for n, why in named], "; ")
        parts.append(("coverage.failed", {**pages, "more_part": "coverage.more" if more else "",
                                          "more": more}))
    unread = total - read
    return Finding.of(
        "coverage.part_read_one" if unread == 1 else "coverage.part_read",
        {"read": read, "total": total, **joined("parts", parts, "; "), "unread": unread},
        rule=COVERAGE, severity="warning")


def check(path: str | Path, progress: Progress | None = None,
          options: Options | None = None) -> Document:
    """Run every stage on one input and return the enriched document. `options` (OCR models,
    engine, resolution, time limits) are resolved once by the caller (the CLI: environment and
    flags); None: the environment's. Raises OptionsError for an environment setting that cannot
    be used."""

    options = resolved(options)
    doc = extract(Path(path), progress, options)
    build_views(doc)
    validate(doc)
    if doc.source.ocr_pages and doc.findings:
        from lkip.extract.scanned import reread_cited  # lazy: PIL, numpy, pdfplumber: +0.3 s start-up

        if reread_cited(doc, Path(path), options):  # misread figures corrected: read the report again
            doc.indicators, doc.budget_lines, doc.scale, doc.findings = [], [], [], []
            build_views(doc)
            validate(doc)
    partial = coverage(Path(path), doc)
    if partial is not None:  # first, so that every format shows it before the rest
        log.warning("%s: %s", path, partial.message_en)
        doc.findings.insert(0, partial)
    log.info("%s: %d tables, %d findings", path, len(doc.tables), len(doc.findings))
    return doc
