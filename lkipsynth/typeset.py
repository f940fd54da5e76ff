"""Typesets a ground truth (truth.py) into a born-digital PDF with reportlab, page for page.

Each entry of ``Truth.pages`` starts a new sheet (portrait or landscape, with or without the
running header and footer). Tables are reportlab ``Table``s with ``Paragraph`` cells so long names
wrap; header and body merges become SPAN commands; a table with ``split_at`` is printed in chunks
with a page break between them (and its header again when ``repeat_header``). Column widths are
the widest unbreakable content (figures are never wrapped) plus the free width shared by the
columns' weights. The layout is checked after the build: content that does not fit on its page
(which would move every later figure to another page than the truth says) is a ``LayoutError``.

Rendering is separate from the truth so that other renderers (scanned copies) can start from the
same truth or from this PDF.
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from lkipsynth.truth import Heading, Page, Para, Table, Title, Truth

MARGIN_X = 2.2 * cm
MARGIN_TOP = 2.5 * cm
MARGIN_BOTTOM = 2.2 * cm
_FALLBACK = "Vera"  # ships with reportlab; has the glyphs the base fonts lack ('≤', '≥')
_BOLD = {"Times-Roman": "Times-Bold", "Helvetica": "Helvetica-Bold"}
_ITALIC = {"Times-Roman": "Times-Italic", "Helvetica": "Helvetica-Oblique"}
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class LayoutError(Exception):
    """The truth does not fit the pages it claims (a page overflows, a table is too wide)."""


def _register_fallback() -> None:
    if _FALLBACK not in pdfmetrics.getRegisteredFontNames():
        import reportlab

        path = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
        pdfmetrics.registerFont(TTFont(_FALLBACK, path))


def markup(text: str) -> str:
    """Paragraph markup for plain text: escaped, line breaks kept, glyphs outside the base
    fonts' encoding printed in the fallback font."""
    out: list[str] = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
            continue
        try:
            ch.encode("cp1252")
            out.append(escape(ch))
        except UnicodeEncodeError:
            _register_fallback()
            out.append(f'<font name="{_FALLBACK}">{escape(ch)}</font>')
    return "".join(out)


class _Marker(Flowable):
    """Zero-size flowable that notes the page it is drawn on."""

    def __init__(self, log: dict[str, int], key: str) -> None:
        super().__init__()
        self.log, self.key = log, key
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        self.log[self.key] = self.canv.getPageNumber()


class _Styles:
    def __init__(self, truth: Truth) -> None:
        f, size = truth.font, truth.font_size
        lead = size * 1.3
        self.font = f
        self.bold = _BOLD[f]
        self.italic = _ITALIC[f]
        self.title = ParagraphStyle("title", fontName=self.bold, fontSize=size + 5, leading=(size + 5) * 1.3,
                                    alignment=TA_CENTER, spaceAfter=14)
        self.h = {
            1: ParagraphStyle("h1", fontName=self.bold, fontSize=size + 1, leading=lead + 2,
                              alignment=TA_CENTER, spaceBefore=6, spaceAfter=8, keepWithNext=1),
            2: ParagraphStyle("h2", fontName=self.bold, fontSize=size, leading=lead, spaceBefore=6,
                              spaceAfter=4, keepWithNext=1),
            3: ParagraphStyle("h3", fontName=self.bold, fontSize=size, leading=lead, spaceBefore=4,
                              spaceAfter=2, keepWithNext=1),
        }
        self.body = ParagraphStyle("body", fontName=f, fontSize=size, leading=lead, alignment=TA_JUSTIFY,
                                   firstLineIndent=1.0 * cm, spaceAfter=6)
        self.caption = ParagraphStyle("caption", fontName=self.bold, fontSize=size, leading=lead,
                                      alignment=TA_CENTER, spaceBefore=6, spaceAfter=4, keepWithNext=1)
        self.source = ParagraphStyle("source", fontName=self.italic, fontSize=size - 2,
                                     leading=(size - 2) * 1.3, spaceBefore=3, spaceAfter=8)

    def cell(self, size: float, align: str, bold: bool) -> ParagraphStyle:
        return ParagraphStyle(f"cell-{size}-{align}-{bold}", fontName=self.bold if bold else self.font,
                              fontSize=size, leading=size * 1.2, alignment=_ALIGN[align])


def _unbreakable(text: str) -> bool:
    """Figures ('4.424.198.783,00', 'Rp 1.234.567,-', '120 Orang', 'Level 3 (3,35)') are never
    wrapped; names are."""
    words = text.split()
    return any(ch.isdigit() for ch in text) and len(words) <= 3 and len(text) <= 26


def _text_width(text: str, font: str, size: float) -> float:
    if not text.strip():
        return 0.0
    if _unbreakable(text):
        return max(pdfmetrics.stringWidth(line, font, size) for line in text.split("\n"))
    return max(pdfmetrics.stringWidth(w, font, size) for w in text.split())


def column_widths(table: Table, styles: _Styles, avail: float) -> list[float]:
    n = len(table.columns)
    size = table.font_size
    mins = [0.0] * n
    for _r, c, cell in table.header_grid():
        if cell.col_span == 1:
            mins[c] = max(mins[c], _text_width(cell.text, styles.bold, size))
    names = [col.name for col in table.columns]
    for row in table.rows:
        covered = {i for a, b in row.merge for i in range(names.index(a), names.index(b) + 1)}
        font = styles.bold if row.role != "data" else styles.font
        for i, text in enumerate(row.cells):
            if i not in covered:
                mins[i] = max(mins[i], _text_width(text, font, size))
    mins = [m + 2 * table.padding + 1 for m in mins]
    if sum(mins) > avail:
        raise LayoutError(f"{table.caption}: columns need {sum(mins):.0f} pt, the page has {avail:.0f} pt")
    weights = [col.width for col in table.columns]
    fixed: dict[int, float] = {}
    while True:
        free = avail - sum(fixed.values())
        total = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = {i: free * w / total for i, w in enumerate(weights) if i not in fixed}
        short = {i: mins[i] for i, w in widths.items() if w < mins[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(n)]
        fixed.update(short)


def build_table(table: Table, styles: _Styles, avail: float) -> list[Flowable]:
    """The table's flowables: caption, chunk, page break, chunk ..., source line."""
    widths = column_widths(table, styles, avail)
    size = table.font_size
    n = len(table.columns)
    names = [c.name for c in table.columns]
    head_style = styles.cell(size, "center", True)
    header_rows: list[list[object]] = [[""] * n for _ in table.header]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for r, c, cell in table.header_grid():
        header_rows[r][c] = Paragraph(markup(cell.text), head_style)
        if cell.col_span > 1 or cell.row_span > 1:
            spans.append(("SPAN", (c, r), (c + cell.col_span - 1, r + cell.row_span - 1)))
    if table.number_row:
        header_rows.append([Paragraph(str(i + 1), styles.cell(size - 1, "center", False)) for i in range(n)])
    nh = len(header_rows)

    out: list[Flowable] = []
    caption = f"{table.caption}<br/>{markup(table.title)}" if table.caption_lines == 2 and table.title \
        else markup(f"{table.caption} {table.title}".strip())
    out.append(Paragraph(caption, styles.caption))
    chunks = table.chunks()
    for k, (start, end) in enumerate(chunks):
        with_header = k == 0 or table.repeat_header
        data: list[list[object]] = [list(r) for r in header_rows] if with_header else []
        first_body = len(data)
        commands: list[tuple] = list(spans) if with_header else []
        for i in range(start, end):
            row = table.rows[i]
            bold = row.role != "data"
            cells: list[object] = []
            for col, text in zip(table.columns, row.cells, strict=True):
                cells.append(Paragraph(markup(text), styles.cell(size, col.align, bold)) if text else "")
            r = first_body + i - start
            for a, b in row.merge:
                ia, ib = names.index(a), names.index(b)
                cells[ia] = Paragraph(markup(row.cells[ia]), styles.cell(size, "left" if row.role == "section"
                                                                          else table.columns[ia].align, bold))
                commands.append(("SPAN", (ia, r), (ib, r)))
            for name, down in row.row_span.items():
                c = names.index(name)
                commands.append(("SPAN", (c, r), (c, r + down - 1)))
            data.append(cells)
        commands += [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), table.padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), table.padding),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if with_header:
            commands.append(("VALIGN", (0, 0), (-1, nh - 1), "MIDDLE"))
            if table.header_fill:
                commands.append(("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor("#D9D9D9")))
        last = len(data) - 1
        if table.style == "grid":
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif table.style == "horizontal":
            commands += [("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                         ("LINEBELOW", (0, 0), (-1, last), 0.4, colors.black),
                         ("LINEBELOW", (0, last), (-1, last), 0.8, colors.black)]
        out.append(RLTable(data, colWidths=widths, style=TableStyle(commands), hAlign="CENTER"))
        if k < len(chunks) - 1:
            out.append(PageBreak())
    if table.source:
        out.append(Paragraph(markup(table.source), styles.source))
    else:
        out.append(Spacer(1, 8))
    return out


def _plain(canvas: Canvas, doc: BaseDocTemplate) -> None:  # reportlab callback: a page without decoration
    return None


def _frame_size(orientation: str) -> tuple[float, float, float, float]:
    w, h = landscape(A4) if orientation == "landscape" else A4
    return w, h, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM


def render(truth: Truth, out: str | Path, *, check: bool = True) -> Path:
    """Print ``truth`` to ``out`` (a PDF); raises LayoutError when it does not fit its pages
    (``check=False`` writes it all the same, to see where it overflows)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    styles = _Styles(truth)

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:  # reportlab callback
        w, h = canvas._pagesize
        canvas.saveState()
        canvas.setFont(styles.italic, 9)
        canvas.drawRightString(w - MARGIN_X, h - 1.5 * cm, truth.running_header)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, h - 1.5 * cm - 4, w - MARGIN_X, h - 1.5 * cm - 4)
        canvas.setFont(styles.font, 10)
        canvas.drawCentredString(w / 2, 1.2 * cm, truth.footer.format(page=canvas.getPageNumber()))
        canvas.restoreState()

    templates = []
    for orientation in ("portrait", "landscape"):
        w, h, fw, fh = _frame_size(orientation)
        for running in (True, False):
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, fw, fh, leftPadding=0, rightPadding=0, topPadding=0,
                          bottomPadding=0, id=f"{orientation}-{running}")
            templates.append(PageTemplate(id=f"{orientation}-{running}", frames=[frame], pagesize=(w, h),
                                          onPage=decorate if running else _plain))
    first = truth.pages[0]
    templates.sort(key=lambda t: t.id != f"{first.orientation}-{first.running}")
    doc = BaseDocTemplate(str(out), pagesize=A4, pageTemplates=templates, invariant=1,
                          title=f"LKIP {truth.instansi} {truth.tahun}", author=truth.instansi,
                          creator="lkipsynth")

    log: dict[str, int] = {}
    story: list[Flowable] = []
    expected: dict[str, int] = {}
    for (page_no, page), index in zip(truth.physical_pages(), range(len(truth.pages)), strict=True):
        if index:
            story += [NextPageTemplate(f"{page.orientation}-{page.running}"), PageBreak()]
        story.append(_Marker(log, f"start {index}"))
        expected[f"start {index}"] = page_no
        story += _page_story(page, styles, _frame_size(page.orientation)[2])
        story.append(_Marker(log, f"end {index}"))
        expected[f"end {index}"] = page_no + page.sheets - 1
    doc.build(story)
    wrong = [f"{key}: page {log.get(key)} instead of {want}" for key, want in expected.items()
             if log.get(key) != want]
    if wrong and check:
        raise LayoutError(f"{out.name}: content does not fit its pages ({'; '.join(wrong[:3])})")
    return out


def _page_story(page: Page, styles: _Styles, avail: float) -> list[Flowable]:
    story: list[Flowable] = []
    for block in page.blocks:
        if isinstance(block, Title):
            story.append(Paragraph(markup(block.text), styles.title))
        elif isinstance(block, Heading):
            story.append(Paragraph(markup(block.text), styles.h[block.level]))
        elif isinstance(block, Para):
            story.append(Paragraph(markup(block.text), styles.body))
        elif isinstance(block, Table):
            story += build_table(block, styles, avail)
    return story
