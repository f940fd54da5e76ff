"""One page laid out as text: what every reader (a PDF's text layer, an OCR'd scan) hands the
table reader. Its own module so that the readers that make pages (``pdf_text``, ``scanned``) need
not import each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkip.extract.layout import CharBox
from lkip.extract.lines import LineGeometry


@dataclass
class PageText:
    """One page laid out as text, with the boxes of its printed characters per line."""

    number: int  # 1-based
    text: str
    boxes: list[list[CharBox]] = field(default_factory=list)  # per line of text
    geometry: list[LineGeometry | None] = field(default_factory=list)  # per line, text-layer pages
    ocr_reason: str | None = None  # why this page must be read by OCR (it has no usable text)
    damage: str | None = None  # why this page was read blank or in part (English), if it was
