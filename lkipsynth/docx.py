"""The Word rendering path: a ground truth (truth.py) written as a .docx with python-docx, converted
to PDF by LibreOffice headless, and its truth corrected to the pages LibreOffice chose.

Real LKIPs are Word exports; a reader tuned on the reportlab typesetter (typeset.py) learns its
habits. Here the same ``Truth`` is dressed in a randomized house style (``lkipsynth.house``): fonts,
sizes, grid / horizontal rules / header rules / no rules, merged header cells as real merged Word
cells (``gridSpan`` / ``vMerge``), narrow columns that wrap names and categories (sometimes
figures), header rows marked "repeat as header row" (``w:tblHeader``), landscape sections, captions
above the tables, running header and footer with a PAGE field.

Page numbers: the truth records physical pages, but LibreOffice decides where pages break. Every
truth page starts with a page break (or a section break when the orientation changes); the table
splits of the truth (``split_at``) are not forced, Word flows the rows. Rows are kept whole
(``w:cantSplit``) so that each body row lands on exactly one page. After the conversion
``reconcile`` walks the truth in order over the PDF's words (pdfplumber, body area only), finds
the page of every block and every table body row (a row is on the page that holds its words,
pages never go back) and builds a corrected truth whose ``pages`` / ``split_at`` give the same
physical pages as the PDF. A document whose rows cannot be found, or whose corrected truth is not
valid (a row span broken over two pages), raises ``Unreconciled``: the caller drops and counts it.

    write_docx(truth, path, house) -> path
    convert(docx_path, out_dir) -> pdf_path               # soffice --headless --convert-to pdf
    render_docx(truth, out_dir, stem, seed) -> (docx, pdf, truth_json)
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from lkipsynth.house import HouseStyle, TableLook, draw
from lkipsynth.truth import Heading, Para, Table, Title, Truth

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

log = logging.getLogger(__name__)

A4 = (21.0, 29.7)  # cm
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
_PT_PER_CM = 72 / 2.54
CONVERT_TIMEOUT = 180  # seconds; LibreOffice's first start with a fresh profile takes a few


class ConversionError(Exception):
    """LibreOffice did not produce the PDF (missing, timed out, crashed)."""


class Unreconciled(Exception):
    """The PDF's pages cannot be matched with the truth (rows not found, a span broken)."""


# --- measuring text (to size columns the way an author squeezes them) ---------------------------

@functools.cache
def _font_file(family: str, bold: bool) -> str | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:{'bold' if bold else 'regular'}"],
                             capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.strip() or None


@functools.cache
def _font(family: str, bold: bool, size: float) -> FreeTypeFont | None:
    from PIL import ImageFont

    path = _font_file(family, bold)
    if path is None:
        return None
    try:
        return ImageFont.truetype(path, size=max(1, round(size * 10)))  # tenths of a point
    except OSError:
        return None


def text_width(text: str, family: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in pt (an estimate of 0.55 em a character without the font file)."""
    font = _font(family, bold, size)
    if font is None:
        return len(text) * 0.55 * size
    return font.getlength(text) / 10


# --- the docx ------------------------------------------------------------------------------------

def _set(el: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Get or add child ``tag`` of ``el`` and set its ``w:`` attributes."""
    child = el.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        el.append(child)
    for k, v in attrs.items():
        child.set(qn(f"w:{k}"), v)
    return child


def _borders(parent: BaseOxmlElement, tag: str, sides: dict[str, tuple[str, int]]) -> None:
    box = parent.find(qn(tag))
    if box is None:
        box = OxmlElement(tag)
        parent.append(box)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side not in sides:
            continue
        val, size = sides[side]
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), val)
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        box.append(el)


def _write(par: Paragraph, text: str, *, font: str, size: float, bold: bool = False,
           italic: bool = False) -> None:
    """``text`` into ``par`` as runs, a line break for each newline."""
    for k, line in enumerate(text.split("\n")):
        run = par.add_run(line)
        if k:
            run.text = ""
            run.add_break(WD_BREAK.LINE)
            run.add_text(line)
        run.font.name = font
        run.font.size = Pt(size)
        run.font.bold = bold or None
        run.font.italic = italic or None


def _tight(par: Paragraph) -> None:
    pf = par.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    pf.first_line_indent = Pt(0)


def _fill(cell: _Cell, text: str, *, font: str, size: float, align: str, bold: bool) -> None:
    """``text`` as the cell's only paragraph (what a merge moved into it is replaced)."""
    par = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for run in par._p.findall(qn("w:r")):
        par._p.remove(run)
    _tight(par)
    par.alignment = _ALIGN[align]
    if text:
        _write(par, text, font=font, size=size, bold=bold)


def column_widths(table: Table, look: TableLook, house: HouseStyle, avail: float) -> list[float]:
    """Column widths in pt: each at least its longest word (times the house's tightness; below 1 a
    figure may wrap), the rest shared by the truth's weights, text columns weighted by the house."""
    n = len(table.columns)
    pad = 2 * table.padding + 1
    mins = [0.0] * n
    for i, col in enumerate(table.columns):
        words = [(w, row.role != "data") for row in table.rows for w in row.cells[i].split()]
        mins[i] = max([text_width(w, house.table_font, look.font_size, bold) for w, bold in words]
                      + [text_width(col.name[:1], house.table_font, look.font_size)])
    for _r, c, cell in table.header_grid():
        if cell.col_span == 1:
            for w in cell.text.split():
                mins[c] = max(mins[c], text_width(w, house.table_font, look.font_size, look.header_bold))
    mins = [m * look.tightness + pad for m in mins]
    width = avail * look.width_share
    if sum(mins) > width:
        width = avail
    if sum(mins) > width:  # wider than the page: the caller makes the type smaller
        return mins
    weights = [c.width * (look.label_share if c.width >= 2 else 1.0) for c in table.columns]
    free = width - sum(mins)
    total = sum(weights)
    return [m + free * w / total for m, w in zip(mins, weights, strict=True)]


def add_table(doc: DocxDocument, table: Table, house: HouseStyle, avail: float) -> None:
    """Caption, the table (merged header, header rows repeated, rows kept whole), source line."""
    look = house.table_look(table)
    cap = doc.add_paragraph()
    cap.alignment = _ALIGN[house.caption_align]
    cap.paragraph_format.keep_with_next = True
    cap.paragraph_format.space_before = Pt(6)
    cap.paragraph_format.space_after = Pt(4)
    cap.paragraph_format.first_line_indent = Pt(0)
    text = f"{table.caption}\n{table.title}" if table.caption_lines == 2 and table.title \
        else f"{table.caption} {table.title}".strip()
    _write(cap, text, font=house.font, size=house.font_size, bold=house.caption_bold)

    n = len(table.columns)
    names = [c.name for c in table.columns]
    nh = len(table.header) + (1 if table.number_row else 0)
    t = doc.add_table(rows=nh + len(table.rows), cols=n)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    widths = column_widths(table, look, house, avail)
    while sum(widths) > avail + 0.5 and look.font_size > 6.0:  # what an author does: smaller type
        look.font_size -= 0.5
        widths = column_widths(table, look, house, avail)
    if sum(widths) > avail + 0.5:
        log.info("%s: its longest words need %.0f pt of %.0f even in %.1f pt: squeezed", table.caption,
                 sum(widths), avail, look.font_size)
        widths = [w * avail / sum(widths) for w in widths]
    tbl_pr = t._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(round(sum(widths) * 20)), type="dxa")
    _set(tbl_pr, "w:tblLayout", type="fixed")
    margins = _set(tbl_pr, "w:tblCellMar")
    for side, v in (("left", table.padding), ("right", table.padding), ("top", 1.0), ("bottom", 1.0)):
        _set(margins, f"w:{side}", w=str(round(v * 20)), type="dxa")
    thin, thick = ("single", 4), ("single", 8)
    nil = ("nil", 0)
    sides = {"grid": dict(top=thin, left=thin, bottom=thin, right=thin, insideH=thin, insideV=thin),
             "horizontal": dict(top=thick, left=nil, bottom=thick, right=nil, insideH=thin, insideV=nil),
             "rules": dict(top=thick, left=nil, bottom=thick, right=nil, insideH=nil, insideV=nil),
             "none": dict(top=nil, left=nil, bottom=nil, right=nil, insideH=nil, insideV=nil)}[look.borders]
    _borders(tbl_pr, "w:tblBorders", sides)
    grid = t._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        gc.set(qn("w:w"), str(round(w * 20)))
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Pt(w)

    def cell_at(r: int, c: int) -> _Cell:
        return t.cell(r, c)

    for r, c, hc in table.header_grid():
        cell = cell_at(r, c)
        if hc.col_span > 1 or hc.row_span > 1:
            cell = cell.merge(cell_at(r + hc.row_span - 1, c + hc.col_span - 1))
        _fill(cell, hc.text, font=house.table_font, size=look.font_size, align="center",
              bold=look.header_bold)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if table.number_row:
        for c in range(n):
            _fill(cell_at(nh - 1, c), str(c + 1), font=house.table_font, size=look.font_size - 1,
                  align="center", bold=False)
    for i, row in enumerate(table.rows):
        r = nh + i
        bold = row.role != "data"
        for c, (col, text) in enumerate(zip(table.columns, row.cells, strict=True)):
            _fill(cell_at(r, c), text, font=house.table_font, size=look.font_size, align=col.align, bold=bold)
    # merges after every cell is written: a cell a row span covers is its top cell for python-docx
    for i, row in enumerate(table.rows):
        r = nh + i
        bold = row.role != "data"
        for a, b in row.merge:
            ia, ib = names.index(a), names.index(b)
            merged = cell_at(r, ia).merge(cell_at(r, ib))
            _fill(merged, row.cells[ia], font=house.table_font, size=look.font_size,
                  align="left" if row.role == "section" else table.columns[ia].align, bold=bold)
        for name, down in row.row_span.items():
            c = names.index(name)
            merged = cell_at(r, c).merge(cell_at(r + down - 1, c))
            _fill(merged, row.cells[c], font=house.table_font, size=look.font_size,
                  align=table.columns[c].align, bold=bold)
    for k, row in enumerate(t.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if house.rows_cant_split:
            tr_pr.append(OxmlElement("w:cantSplit"))
        if k < nh and table.repeat_header:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for cell in row.cells:
            tc_pr = cell._tc.get_or_add_tcPr()
            if k < nh and look.header_fill and tc_pr.find(qn("w:shd")) is None:
                _set(tc_pr, "w:shd", val="clear", color="auto", fill="D9D9D9")
            if k == nh - 1 and look.borders == "rules" and tc_pr.find(qn("w:tcBorders")) is None:
                _borders(tc_pr, "w:tcBorders", {"bottom": thin})
            if k >= nh:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    after = doc.add_paragraph()
    after.paragraph_format.first_line_indent = Pt(0)
    after.paragraph_format.space_before = Pt(2)
    if table.source:
        _write(after, table.source, font=house.font, size=max(7.0, house.font_size - 2), italic=True)


def _page_setup(section: Section, orientation: str, house: HouseStyle) -> None:
    w, h = A4
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    else:
        section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(w), Cm(h)
    top, right, bottom, left = house.margins
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    section.header_distance = section.footer_distance = Cm(house.header_distance)


def text_width_pt(orientation: str, house: HouseStyle) -> float:
    w = A4[1] if orientation == "landscape" else A4[0]
    return (w - house.margins[1] - house.margins[3]) * _PT_PER_CM


def _page_field(par: Paragraph, font: str, size: float) -> None:
    """A PAGE field (begin / instrText / separate / '1' / end) at the end of ``par``."""
    parts = (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"), ("end", ""))
    for kind, text in parts:
        run = par.add_run()
        run.font.name = font
        run.font.size = Pt(size)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        elif kind == "text":
            run.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


def _running(section: Section, truth: Truth, house: HouseStyle) -> None:
    head = section.header.paragraphs[0]
    head.alignment = _ALIGN[house.header_align]
    _write(head, truth.running_header, font=house.font, size=9, italic=True)
    if house.header_rule:
        ppr = head._p.get_or_add_pPr()
        _borders(ppr, "w:pBdr", {"bottom": ("single", 4)})
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = truth.footer.partition("{page}")
    if before:
        _write(foot, before, font=house.font, size=10)
    _page_field(foot, house.font, 10)
    if after:
        _write(foot, after, font=house.font, size=10)


def _no_theme_fonts(doc: DocxDocument) -> None:
    """python-docx's template names theme fonts (Calibri) in its defaults, and a theme font
    outranks the family a style or run names: remove them so the house fonts apply."""
    for el in doc.styles.element.iter(qn("w:rFonts")):
        for attr in list(el.attrib):
            if "Theme" in attr or "theme" in attr:
                del el.attrib[attr]


def build_document(truth: Truth, house: HouseStyle) -> DocxDocument:
    """The python-docx Document of ``truth`` in ``house``'s style."""
    doc = Document()
    _no_theme_fonts(doc)
    normal = doc.styles["Normal"]
    normal.font.name = house.font
    normal.font.size = Pt(house.font_size)
    normal.paragraph_format.space_after = Pt(house.space_after)
    normal.paragraph_format.line_spacing = house.line_spacing
    section = doc.sections[0]
    _page_setup(section, truth.pages[0].orientation, house)
    _running(section, truth, house)
    section.different_first_page_header_footer = not truth.pages[0].running
    orientation = truth.pages[0].orientation
    for index, page in enumerate(truth.pages):
        break_before = index > 0
        if index and page.orientation != orientation:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(section, page.orientation, house)
            section.different_first_page_header_footer = not page.running
            orientation = page.orientation
            break_before = False
        elif index and not page.running:
            log.info("page %d: a page without running header inside a section keeps it", index + 1)
        avail = text_width_pt(page.orientation, house)
        first = True
        for block in page.blocks:
            if isinstance(block, Table):
                if first and break_before:
                    doc.add_paragraph().paragraph_format.page_break_before = True
                add_table(doc, block, house, avail)
                first = False
                continue
            par = doc.add_paragraph()
            if first and break_before:
                par.paragraph_format.page_break_before = True
            first = False
            if isinstance(block, Title):
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                par.paragraph_format.space_after = Pt(18)
                par.paragraph_format.first_line_indent = Pt(0)
                _write(par, block.text, font=house.font, size=house.heading_sizes[0] + 2, bold=True)
            elif isinstance(block, Heading):
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.level == 1 else WD_ALIGN_PARAGRAPH.LEFT
                par.paragraph_format.keep_with_next = True
                par.paragraph_format.space_before = Pt(8)
                par.paragraph_format.space_after = Pt(6)
                par.paragraph_format.first_line_indent = Pt(0)
                _write(par, block.text, font=house.font, size=house.heading_sizes[block.level - 1], bold=True)
            elif isinstance(block, Para):
                par.alignment = _ALIGN["justify" if house.justify else "left"]
                par.paragraph_format.first_line_indent = Cm(house.first_indent)
                _write(par, block.text, font=house.font, size=house.font_size)
    return doc


def write_docx(truth: Truth, path: str | Path, house: HouseStyle | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document(truth, house or draw(path.stem)).save(str(path))
    return path


# --- LibreOffice ---------------------------------------------------------------------------------

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_path: str | Path, out_dir: str | Path, timeout: float = CONVERT_TIMEOUT) -> Path:
    """``soffice --headless --convert-to pdf`` with a private profile (parallel runs do not share
    LibreOffice's user installation, which it locks)."""
    exe = soffice()
    if exe is None:
        raise ConversionError("LibreOffice (soffice) is not installed")
    docx_path, out_dir = Path(docx_path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"lkip-lo-{os.getpid()}"
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)]
    pdf = out_dir / f"{docx_path.stem}.pdf"
    pdf.unlink(missing_ok=True)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"{docx_path.name}: LibreOffice took over {timeout:.0f} s") from exc
    if not pdf.is_file():
        raise ConversionError(f"{docx_path.name}: no PDF (soffice exit {done.returncode}: "
                              f"{(done.stderr or done.stdout).strip()[:200]})")
    return pdf


# --- the pages LibreOffice chose -----------------------------------------------------------------

_SPACE = re.compile(r"\s+")


@dataclass
class RowPlace:
    table: str
    row: int
    page: int  # 1-based PDF page
    share: float  # of the row's words found on that page


def page_words(pdf: str | Path, house: HouseStyle | None = None) -> list[Counter[str]]:
    """Per PDF page, the words of its body area (running header and footer left out)."""
    import pdfplumber

    top_cm, bottom_cm = (house.margins[0], house.margins[2]) if house else (2.0, 2.0)
    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            lo, hi = top_cm * _PT_PER_CM - 8, page.height - bottom_cm * _PT_PER_CM + 8
            words = page.extract_words(x_tolerance=1.5, keep_blank_chars=False)
            out.append(Counter(w["text"] for w in words if w["top"] >= lo and w["bottom"] <= hi))
            page.flush_cache()
    return out


def _tokens(text: str) -> list[str]:
    return [w for w in _SPACE.split(text) if w]


def _pieces(tokens: list[str], page: Counter[str]) -> list[str]:
    """``tokens`` as the page has them: a word wrapped inside its cell ('13.948.571.' + '548', in a
    column narrower than the figure) is its two pieces when the page has both; words the page
    does not have are kept as they are (and count as missing)."""
    have = Counter(page)
    out = []
    for w in tokens:
        if have[w] > 0:
            have[w] -= 1
            out.append(w)
            continue
        for k in range(1, min(len(w), 40)):
            a, b = w[:k], w[k:]
            if have[a] > 0 and have[b] > (a == b):
                have[a] -= 1
                have[b] -= 1
                out += [a, b]
                break
        else:
            out.append(w)
    return out


def _share(tokens: list[str], page: Counter[str]) -> float:
    if not tokens:
        return 1.0
    pieces = _pieces(tokens, page)
    return sum((Counter(pieces) & page).values()) / len(pieces)


def reconcile(truth: Truth, pdf_pages: list[Counter[str]]) -> tuple[Truth, list[RowPlace]]:
    """A truth whose pages are the PDF's (see the module doc) and where each body row was found.

    The walk consumes the words it places (a page's counter loses a row's words once the row is
    put there), so words shared by neighbouring rows or quoted in the prose above a table do not
    place a row on a page twice. Pages never go back; a row goes to the next page when the
    current one no longer holds its words."""
    pages = [Counter(p) for p in pdf_pages]
    last = len(pages) - 1
    cur = -1  # 0-based page of the content placed last
    places: list[RowPlace] = []
    out_pages: list[dict[str, Any]] = []  # the corrected pages, as Truth JSON

    def best(tokens: list[str], start: int, span: int = 2) -> tuple[int, float]:
        cands = [(p, _share(tokens, pages[p])) for p in range(start, min(last, start + span) + 1)]
        if not cands:
            raise Unreconciled("the PDF has fewer pages than the truth's content")
        for p, s in cands:
            if s >= 0.85:
                return p, s
        return max(cands, key=lambda ps: (ps[1], -ps[0]))

    def sheets() -> int:
        return sum(1 + sum(len(b.get("split_at", [])) for b in e["blocks"] if b.get("type") == "table")
                   for e in out_pages)

    def new_entry(at: int, orientation: str, running: bool) -> dict[str, Any]:
        if sheets() > at:
            raise Unreconciled(f"page {at + 1} is already taken by the content before")
        while sheets() < at:  # pages with nothing of the truth (an overflow, an empty page)
            out_pages.append({"orientation": orientation, "running": running, "blocks": []})
        entry = {"orientation": orientation, "running": running, "blocks": []}
        out_pages.append(entry)
        return entry

    def consume(tokens: list[str], p: int) -> None:
        pages[p].subtract(Counter(_pieces(tokens, pages[p])))
        pages[p] += Counter()  # drop what went to zero or below

    for page in truth.pages:
        entry: dict[str, Any] | None = None
        start_page = cur + 1
        for block in page.blocks:
            if isinstance(block, Table):
                cap = _tokens(f"{block.caption} {block.title}")
                head = [w for _r, _c, hc in block.header_grid() for w in _tokens(hc.text)]
                if block.number_row:
                    head += [str(i + 1) for i in range(len(block.columns))]
                rows = [[w for text in row.cells for w in _tokens(text)] for row in block.rows]
                p, _ = best(cap + head + rows[0], cur if entry else start_page)
                consume(cap + head, p)
                row_pages = []
                for i, words in enumerate(rows):
                    q, s = best(words, p)
                    if s < 0.5:
                        raise Unreconciled(f"{block.id} row {i}: {s:.0%} of its words found on a page")
                    if q != p and block.repeat_header:
                        consume(head, q)
                    consume(words, q)
                    row_pages.append(q)
                    places.append(RowPlace(block.id, i, q + 1, s))
                    p = q
                if entry is None or row_pages[0] != cur:
                    entry = new_entry(row_pages[0], page.orientation, page.running)
                splits = [i for i in range(1, len(rows)) if row_pages[i] != row_pages[i - 1]]
                if any(row_pages[i] - row_pages[i - 1] > 1 for i in splits):
                    raise Unreconciled(f"{block.id}: a page between two of its rows")
                entry["blocks"].append({**block.model_dump(mode="json"), "split_at": splits})
                cur = row_pages[-1]
                if block.source:
                    src = _tokens(block.source)
                    q, s = best(src, cur)
                    if s >= 0.5:
                        consume(src, q)
                        if q != cur:  # the source line alone on the next page
                            cur = q
                            entry = None
                continue
            words = _tokens(block.text)
            p, s = best(words[:12], start_page if entry is None else cur)
            if entry is None or p != cur:
                entry = new_entry(p, page.orientation, page.running)
            entry["blocks"].append(block.model_dump(mode="json"))
            q, _ = best(words[-8:], p) if len(words) > 12 else (p, s)
            consume(words, p)
            if q != p:
                consume(words, q)
                entry = None  # the paragraph ran over: the next block is on the next page
            cur = q
    while sheets() < len(pages):
        out_pages.append({"orientation": truth.pages[-1].orientation, "running": True, "blocks": []})
    data = truth.model_dump(mode="json")
    data["pages"] = out_pages
    try:
        fixed = Truth.model_validate(data)
    except ValueError as exc:
        raise Unreconciled(f"the corrected truth is not valid: {str(exc).splitlines()[0]}") from exc
    got = {(c.table, c.row): c.page for c in fixed.cells()}
    wrong = [pl for pl in places if got.get((pl.table, pl.row)) != pl.page]
    if wrong or fixed.page_count != len(pages):
        raise Unreconciled(f"corrected truth has {fixed.page_count} pages for a {len(pages)}-page PDF"
                           if not wrong else f"{wrong[0].table} row {wrong[0].row}: page mismatch")
    return fixed, places


def render_docx(truth: Truth, out_dir: str | Path, stem: str, seed: int | str | None = None
                ) -> tuple[Path, Path, Path]:
    """``out_dir/stem.docx``, its PDF and the corrected truth ``stem.json`` (the pages LibreOffice
    chose). Raises ConversionError or Unreconciled (the .docx and .pdf stay for a look)."""
    out_dir = Path(out_dir)
    house = draw(seed if seed is not None else stem)
    docx_path = write_docx(truth, out_dir / f"{stem}.docx", house)
    pdf = convert(docx_path, out_dir)
    fixed, places = reconcile(truth, page_words(pdf, house))
    weak = [p for p in places if p.share < 0.85]
    if weak:
        log.info("%s: %d rows placed on partial word matches (lowest %.0f%%)", stem, len(weak),
                 100 * min(p.share for p in weak))
    data = fixed.model_dump(mode="json")
    data["house"] = house.record()
    data["notes"] = (truth.notes + " " if truth.notes else "") + (
        f"Rendered through python-docx + LibreOffice (house style {house.font} {house.font_size:g} pt); "
        "pages are the PDF's.")
    js = out_dir / f"{stem}.json"
    js.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return docx_path, pdf, js
