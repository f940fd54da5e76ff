"""Text backend: OCR text or a PDF's text layer -> tables (with line and page) and prose paragraphs."""

from __future__ import annotations

import logging
import re

from lkip.extract.lines import Line, split_lines
from lkip.extract.regions import find_regions, is_noise, repeated_lines
from lkip.extract.tables import build_table
from lkip.extract.uncaptioned import find_uncaptioned
from lkip.model import Document, Paragraph

log = logging.getLogger(__name__)


def extract_text(text: str, doc: Document, first_page: int = 1) -> None:
    """Fill ``doc`` with the tables, paragraphs, pages and identity found in ``text``."""
    lines, pages = split_lines(text, first_page)
    doc.source.pages = pages
    regions = find_regions(lines)
    regions = sorted(regions + find_uncaptioned(lines, regions), key=lambda r: r.first_line)
    table_lines: set[int] = set()
    for region in regions:
        table = build_table(region, region.id)
        doc.tables.append(table)
        span = [region.caption_line] if region.caption_line else []
        table_lines.update(ln.no for ln in span + region.lines + region.notes)
        if region.body:
            table_lines.update(range(region.first_line, region.body[-1].no + 1))
    doc.paragraphs = paragraphs(lines, table_lines, doc)
    identify(text, doc)
    log.info("text: %d lines, %s pages, %d tables", len(lines), pages, len(doc.tables))


def paragraphs(lines: list[Line], table_lines: set[int], doc: Document) -> list[Paragraph]:
    """Running text between the tables, one paragraph per block of lines."""
    repeated = repeated_lines(lines)
    starts = sorted((t.prov.line or 0, t.id) for t in doc.tables)
    chapters = [ln.no for ln in lines if _CHAPTER.match(ln.text) and ln.no not in repeated]
    out: list[Paragraph] = []
    block: list[Line] = []

    def flush() -> None:
        if not block:
            return
        text = " ".join(" ".join(ln.stripped.split()) for ln in block)
        # a chapter heading between a table and the text ends the table's discussion ('BAB IV
        # PENUTUP' after the last table of Bab III speaks of the whole report, not of it)
        chapter = max((no for no in chapters if no <= block[0].no), default=0)
        above = [tid for start, tid in starts if chapter <= start <= block[0].no]
        out.append(Paragraph(text=text, page=block[0].page, line=block[0].no,
                             line_end=block[-1].no, after_table=above[-1] if above else None))
        block.clear()

    for ln in lines:
        if ln.no in table_lines or not ln.stripped or is_noise(ln, repeated):
            flush()
            continue
        if block and block[-1].page != ln.page and block[-1].stripped.endswith((".", ":")):
            flush()
        block.append(ln)
        if ln.stripped.endswith((".", ":")) and len(ln.stripped) < 60:
            flush()
    flush()
    return out


_CHAPTER = re.compile(r"^\s*(BAB|Bab)\s+([IVX]{1,5}|\d{1,2})\b\.?\s*(\S.{0,60})?$")

_INSTANSI = re.compile(
    r"\b((?:Dinas|Badan|Inspektorat|Sekretariat|Satuan|Kantor|Rumah Sakit|Kecamatan|Biro)"
    r"(?:[ \t]+[A-Za-z,&/\.\-]+){0,12}?[ \t]+(?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.)[ \t]+"
    r"[A-Z][A-Za-z]+(?:[ \t]+(?!(?:Tahun|Anggaran|Periode|Nomor|Semester|Triwulan)\b)[A-Z][a-z]+)?)",
)  # the place name may have two words ('Jawa Timur'), not 'Tahun' ('... Kabupaten X Tahun 2023')
_TAHUN = re.compile(
    r"(?:Laporan\s+Kinerja|LKj?IP|LAKIP|LKIP|Kinerja\s+Instansi\s+Pemerintah)[^\n]{0,80}?"
    r"(?:Tahun|TA\.?)\s+(20\d\d)", re.IGNORECASE)


def identify(text: str, doc: Document) -> None:
    """The reporting agency and year, from the most frequent mentions in the text."""
    flat = " ".join(text.split())
    years = [int(m.group(1)) for m in _TAHUN.finditer(flat)]
    if years:
        doc.document.tahun = max(set(years), key=years.count)
    names: dict[str, int] = {}
    for m in _INSTANSI.finditer(text):
        name = " ".join(m.group(1).split())
        names[name] = names.get(name, 0) + 1
    if names:
        doc.document.instansi = max(names, key=lambda n: (names[n], -len(n)))
