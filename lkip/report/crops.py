"""Pictures of the page region a finding points at: rendered with PDFium, the cells highlighted."""

from __future__ import annotations

import base64
import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkip.model import Box, CellRef, Document, Finding, Frame
from lkip.report.score import stated_cell

log = logging.getLogger(__name__)

DPI = 110  # enough to read a 9 pt figure, small enough to keep the HTML light
PAD_X = 6.0  # points of page around the region, left and right
PAD_Y = 8.0  # points above and below
MAX_HEIGHT = 420.0  # points: a region taller than this is cut to the rows around the stated cell
MAX_WIDTH = 470.0  # points: a wider region keeps its cells and as much to their left as fits
STATED = (196, 30, 30)  # the stated figure (the one that disagrees)
OTHER = (31, 95, 153)  # the figures it was compared with
HIGHLIGHT = (255, 214, 0)  # marker yellow under the stated figure
HEADER_LINE = 13.0  # points per header line, to take in the header above a table's first row
HEADER_JOIN = 90.0  # points: a header closer than this to the rows is drawn with what is between
CUT = 7  # pixels between the pieces of a picture cut from the page
CUT_COLOUR = (150, 150, 150)
BLANK = 235  # grey level above which a pixel row counts as blank paper
GAP_ROWS = 8  # blank pixel rows (about 5 points) between a table's header and the text above
LINE_GAP_ROWS = 2  # blank pixel rows between two lines of text
PAGE_KINDS = ("pdf-text", "pdf-scan")

# why a finding has no picture (keys of lkip.i18n)
NO_PAGES = "crop.no_pages"  # the source is text: it has no pages to draw
IMAGE = "crop.image"  # the source is an image: not drawn yet
NO_FILE = "crop.no_file"  # the source file is not where the result says it was
CHANGED = "crop.changed"  # the file there is not the one that was checked (sha256 differs)
NO_BOX = "crop.no_box"  # the finding's cells have no position on the page
NO_CELLS = "crop.no_cells"  # the finding does not point at table cells (e.g. prose)
FAILED = "crop.failed"  # the page could not be rendered


@dataclass
class Crop:
    """One page region as a PNG (base64), with the page it is from."""

    page: int
    width: int  # pixels of the PNG
    height: int
    png: bytes
    dpi: int = DPI

    @property
    def css_width(self) -> int:
        """Width in CSS pixels (96 per inch) that shows the region at its printed size."""
        return round(self.width * 96 / self.dpi)

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Pictures:
    """The pictures of every finding of a document, or why there are none."""

    by_finding: dict[int, list[Crop]] = field(default_factory=dict)  # index in doc.findings
    reason: dict[int, str] = field(default_factory=dict)  # index -> reason key when no picture
    source_reason: str | None = None  # reason that holds for the whole document


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def locate_source(doc: Document, *candidates: Path | None) -> tuple[Path | None, str | None]:
    """The file that was checked (the first candidate, else the path in the result) when it is
    still there unchanged; otherwise None and the reason key."""
    if doc.source.kind not in PAGE_KINDS:
        return None, IMAGE if doc.source.kind == "image" else NO_PAGES
    seen_changed = False
    for path in [*candidates, Path(doc.source.path)]:
        try:  # is_file raises on a recorded name too long for this disk (ENAMETOOLONG)
            if path is None or not path.is_file():
                continue
            if sha256_of(path) == doc.source.sha256:
                return path, None
        except OSError:
            continue
        seen_changed = True
    return None, CHANGED if seen_changed else NO_FILE


def _union(boxes: list[Box]) -> Box:
    return Box(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes),
               x1=max(b.x1 for b in boxes), bottom=max(b.bottom for b in boxes))


def _boxes(doc: Document, table_id: str, row: int, page: int | None) -> list[Box]:
    """Boxes of the cells of one table row printed on ``page``."""
    table = doc.table(table_id)
    if table is None or not 0 <= row < len(table.rows):
        return []
    here = table.rows[row]
    return [c.prov.box for c in here.cells
            if c.prov.box is not None and (c.prov.page or here.prov.page) == page]


def _row_band(doc: Document, ref: CellRef) -> Box | None:
    """The band of the page the referenced row occupies: from the row above's last line to the
    row below's first, so the wrapped lines of its label show too."""
    own = _boxes(doc, ref.table, ref.row, ref.page) or ([ref.box] if ref.box else [])
    if not own:
        return None
    band = _union(own)
    above = _boxes(doc, ref.table, ref.row - 1, ref.page)
    below = _boxes(doc, ref.table, ref.row + 1, ref.page)
    top = max((b.bottom for b in above if b.bottom <= band.top), default=band.top - PAD_Y)
    bottom = min((b.top for b in below if b.top >= band.bottom), default=band.bottom + PAD_Y)
    return Box(x0=band.x0, top=top, x1=band.x1, bottom=bottom)


def _table_cells(doc: Document, table_id: str, page: int) -> list[Box]:
    """Boxes of every cell of a table printed on a page."""
    table = doc.table(table_id)
    if table is None:
        return []
    return [c.prov.box for row in table.rows for c in row.cells
            if c.prov.box is not None and (c.prov.page or row.prov.page) == page]


def _label_edge(doc: Document, ref: CellRef) -> float | None:
    """Right edge of the row's label (its first cell of words), so a cut picture keeps it."""
    table = doc.table(ref.table)
    if table is None or ref.row >= len(table.rows):
        return None
    for cell in table.rows[ref.row].cells:
        if cell.prov.box is not None and cell.kind == "text" and len(cell.raw.strip()) > 3:
            return cell.prov.box.x1
    return None


Span = tuple[float, float]


def _merge(spans: list[Span], gap: float) -> list[Span]:
    """Spans sorted and joined where they are less than ``gap`` apart."""
    out: list[Span] = []
    for lo, hi in sorted(spans):
        if out and lo - out[-1][1] < gap:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def layout(doc: Document, refs: list[CellRef]) -> tuple[list[Span], list[Span]]:
    """What of the page to draw for some cells of one page, as horizontal and vertical spans in
    points: the rows of the cells (whole bands, so wrapped labels show), the table's header above
    them, the table's width; a region too wide keeps the row label and the cells, cut between."""
    cells = [ref.box for ref in refs if ref.box is not None]
    bands = [b for b in (_row_band(doc, ref) for ref in refs) if b is not None] or cells
    area = _union(bands)
    first = refs[0]
    table = _table_cells(doc, first.table, first.page or 0)
    if table:
        span = _union(table)
        area = Box(x0=min(area.x0, span.x0), top=area.top, x1=max(area.x1, span.x1),
                   bottom=area.bottom)
    ys: list[Span] = [(area.top, area.bottom)]
    if area.bottom - area.top > MAX_HEIGHT:
        middle = (cells[0].top + cells[0].bottom) / 2
        ys = [(middle - MAX_HEIGHT / 2, middle + MAX_HEIGHT / 2)]
    source_table = doc.table(first.table)
    if table and source_table is not None and source_table.header:
        top = min(b.top for b in table)
        lines = len(source_table.header)
        header = (max(0.0, top - lines * HEADER_LINE - 2 * PAD_Y), top)
        ys = _merge([header, *ys], HEADER_JOIN)
    xs: list[Span] = [(area.x0 - PAD_X, area.x1 + PAD_X)]
    if area.x1 - area.x0 > MAX_WIDTH:
        core = _union(cells)
        label = _label_edge(doc, first)
        parts = [(core.x0 - 4 * PAD_X, core.x1 + 4 * PAD_X)]
        if label is not None and label < core.x0:
            parts.append((area.x0 - PAD_X, label + PAD_X))
        xs = _merge(parts, 4 * PAD_X)
        if sum(hi - lo for lo, hi in xs) > MAX_WIDTH * 1.25:
            xs = [(max(area.x0, core.x1 + 4 * PAD_X - MAX_WIDTH), core.x1 + 4 * PAD_X)]
    return xs, ys


class PageRenderer:
    """Renders pages of one PDF at ``dpi`` (each page once) and cuts highlighted regions."""

    def __init__(self, path: Path, dpi: int = DPI, frames: dict[int, Frame] | None = None) -> None:
        import pypdfium2

        self.pdf = pypdfium2.PdfDocument(str(path))
        self.dpi = dpi
        self.scale = dpi / 72
        self.frames = frames or {}
        self._pages: dict[int, Any] = {}

    def close(self) -> None:
        self._pages.clear()
        self.pdf.close()

    def page_image(self, page: int) -> Any:
        """The page rendered as a PIL image (RGB), rendered once; a scanned page turned and
        deskewed as it was read (``Source.ocr_frames``), the frame its cells' boxes are in."""
        if page not in self._pages:
            from lkip.extract import raster  # lazy: PIL, numpy: +0.2 s start-up

            pdf_page = self.pdf[page - 1]
            image = pdf_page.render(scale=self.scale).to_pil().convert("RGB")
            pdf_page.close()
            frame = self.frames.get(page)
            if frame is not None:
                image = raster.rotate(raster.turn(image, frame.turned), frame.skew)
            self._pages[page] = image
        return self._pages[page]

    def _highlighted(self, page: int, refs: list[CellRef]) -> Any:
        """A copy of the page with the first cell marked as the stated figure (yellow, red frame)
        and the others as the figures it was compared with (blue frame)."""
        from PIL import Image, ImageDraw

        image = self.page_image(page).convert("RGBA")
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        s = self.scale
        for n, ref in reversed(list(enumerate(refs))):
            if ref.box is None:
                continue
            box = (ref.box.x0 * s - 3, ref.box.top * s - 2, ref.box.x1 * s + 3, ref.box.bottom * s + 2)
            if n == 0:
                draw.rectangle(box, fill=(*HIGHLIGHT, 110), outline=(*STATED, 255), width=2)
            else:
                draw.rectangle(box, fill=(*OTHER, 28), outline=(*OTHER, 255), width=1)
        return Image.alpha_composite(image, overlay).convert("RGB")

    def _header_top(self, page: int, px: list[tuple[int, int]], limit: int, table_top: int) -> int:
        """Where the table's header starts: going up from the first row, the last ink before a
        gap of blank paper (the space under the caption or the prose), not above ``limit``."""
        gray = self.page_image(page).convert("L")

        def blank(y: int) -> bool:
            return all(gray.crop((x0, y, x1, y + 1)).getextrema()[0] > BLANK for x0, x1 in px)

        run, top, line_start = 0, table_top, None
        for y in range(table_top - 1, limit - 1, -1):
            if not blank(y):
                run, top = 0, y
                continue
            run += 1
            if top == table_top:  # blank between the first row and its header: not a gap yet
                continue
            if run >= GAP_ROWS:
                return max(limit, top - 2)
            if run == LINE_GAP_ROWS:
                line_start = top - 1  # a whole line of text starts here
        if top == table_top or blank(limit):
            return limit
        return line_start if line_start is not None else limit  # the limit cuts a line: drop it

    def crop(self, doc: Document, refs: list[CellRef]) -> Crop:
        """The picture of ``refs`` (all on one page, the stated figure first): the pieces of
        ``layout`` put together, a dashed line where the page was cut."""
        from PIL import Image, ImageDraw

        page = refs[0].page or 1
        image = self._highlighted(page, refs)
        xs, ys = layout(doc, refs)

        def pixels(spans: list[Span], limit: int) -> list[tuple[int, int]]:
            out = [(max(0, int(lo * self.scale)), min(limit, int(hi * self.scale) + 1)) for lo, hi in spans]
            return [(lo, hi) for lo, hi in out if hi > lo]

        px, py = pixels(xs, image.width), pixels(ys, image.height)
        table = _table_cells(doc, refs[0].table, page)
        if py and table:  # the header only: not the caption or the prose above it
            table_top = int(min(b.top for b in table) * self.scale)
            if py[0][0] < table_top <= py[0][1]:
                py[0] = (self._header_top(page, px, py[0][0], table_top), py[0][1])
        width = sum(hi - lo for lo, hi in px) + CUT * (len(px) - 1)
        height = sum(hi - lo for lo, hi in py) + CUT * (len(py) - 1)
        picture = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(picture)
        top = 0
        for y0, y1 in py:
            left = 0
            for x0, x1 in px:
                picture.paste(image.crop((x0, y0, x1, y1)), (left, top))
                left += x1 - x0 + CUT
                if left < width:  # a vertical cut between the label and the cells
                    _dashed(draw, (left - CUT // 2, top), (left - CUT // 2, top + y1 - y0))
            top += y1 - y0 + CUT
            if top < height:  # a horizontal cut between the header and the rows
                _dashed(draw, (0, top - CUT // 2), (width, top - CUT // 2))
        out = io.BytesIO()
        picture.quantize(colors=64).save(out, format="PNG", optimize=True)
        return Crop(page=page, width=width, height=height, png=out.getvalue(), dpi=self.dpi)


def _dashed(draw: Any, start: tuple[int, int], end: tuple[int, int], dash: int = 5) -> None:
    """A grey dashed line (horizontal or vertical) marking where the page was cut."""
    (x0, y0), (x1, y1) = start, end
    length = max(abs(x1 - x0), abs(y1 - y0))
    for offset in range(0, length, 2 * dash):
        stop = min(offset + dash, length)
        if y0 == y1:
            draw.line([(x0 + offset, y0), (x0 + stop, y0)], fill=CUT_COLOUR, width=1)
        else:
            draw.line([(x0, y0 + offset), (x0, y0 + stop)], fill=CUT_COLOUR, width=1)


def _by_page(refs: list[CellRef]) -> list[list[CellRef]]:
    """The cells with a box, grouped by page in order, each page's list in order."""
    pages: dict[int, list[CellRef]] = {}
    for ref in refs:
        if ref.box is not None and ref.page is not None:
            pages.setdefault(ref.page, []).append(ref)
    return list(pages.values())


def pictures(doc: Document, source: Path | None = None, max_per_finding: int = 3,
             dpi: int = DPI) -> Pictures:
    """A picture of every finding's cells (up to ``max_per_finding`` pages each), or the reason
    there is none. ``source`` is the checked file when it is not at ``doc.source.path``."""
    out = Pictures()
    path, reason = locate_source(doc, source)
    if path is None:
        out.source_reason = reason
        return out
    try:
        renderer = PageRenderer(path, dpi, doc.source.ocr_frames)
    except Exception:  # a PDF that PDFium cannot open: the report still goes out
        log.warning("cannot open %s for page pictures", path, exc_info=True)
        out.source_reason = FAILED
        return out
    try:
        for n, finding in enumerate(doc.findings):
            _picture(doc, finding, n, renderer, out, max_per_finding)
    finally:
        renderer.close()
    return out


def _picture(doc: Document, finding: Finding, n: int, renderer: PageRenderer, out: Pictures,
             limit: int) -> None:
    if not finding.cells:
        out.reason[n] = NO_CELLS
        return
    refs = list(finding.cells)
    refs.insert(0, refs.pop(stated_cell(doc, finding)))  # the stated figure first: drawn in red
    groups = _by_page(refs)
    if not groups:
        out.reason[n] = NO_BOX
        return
    crops = []
    for refs in groups[:limit]:
        try:
            crops.append(renderer.crop(doc, refs))
        except Exception:
            log.warning("cannot draw page %s of %s", refs[0].page, doc.source.path, exc_info=True)
    if crops:
        out.by_finding[n] = crops
    else:
        out.reason[n] = FAILED
