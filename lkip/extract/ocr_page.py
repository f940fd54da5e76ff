"""What OCR gives: a page's words with their confidence and boxes in PDF points, and the page as
read (how it was turned and deskewed). A module of its own, below the engine (``tesseract``), the
page pool (``ocr_pool``) and the page reader (``ocr``), which all make or hand on these.

Coordinates: every box is in PDF points (1/72 inch) with the origin at the top left of the page
*as read*: turned upright and deskewed. ``OcrPage.to_upright`` maps a box back to the upright page
before deskew and ``OcrPage.to_source`` to the page as stored in the file (before turning, as a PDF
viewer shows it), for drawing on a render of the original page.

Conventions: ``turned`` is clockwise degrees; ``skew`` is the counter-clockwise rotation applied
(a page scanned tilted 2° counter-clockwise gets ``skew == -2.0``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class OcrWord:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float  # PDF points, top-left origin, page upright and deskewed
    conf: float  # Tesseract word confidence 0-100 (after re-reads: the best)
    line: tuple[int, int, int]  # (block, paragraph, line) from Tesseract
    doubtful: bool = False  # a garbled figure mended to digits no reading saw otherwise: unreadable


@dataclass
class OcrPage:
    number: int  # 1-based page of the input
    width: float
    height: float  # page size in points (image pixels * 72 / dpi), upright
    words: list[OcrWord] = field(default_factory=list)
    turned: int = 0  # degrees the page image was turned, clockwise, to read upright
    skew: float = 0.0  # degrees of deskew applied (counter-clockwise positive)
    dpi: int = 300
    seconds: float = 0.0
    status: str = "ok"  # "ok" | "blank" | "timeout" | "error"
    reason: str = ""  # for status != ok: why, in English (short)

    def text(self) -> str:
        """The words as text lines, in Tesseract's reading order."""
        lines: list[str] = []
        current: tuple[int, int, int] | None = None
        for word in self.words:
            if word.line != current:
                lines.append(word.text)
                current = word.line
            else:
                lines[-1] += " " + word.text
        return "\n".join(lines)

    def to_upright(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box of this page (deskewed) on the upright page before deskew: the box around the
        box's corners turned back."""
        if not self.skew:
            return box
        t = math.radians(self.skew)
        cx, cy = self.width / 2, self.height / 2
        xs, ys = [], []
        for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
            u, v = x - cx, y - cy
            xs.append(u * math.cos(t) - v * math.sin(t) + cx)
            ys.append(u * math.sin(t) + v * math.cos(t) + cy)
        return (min(xs), min(ys), max(xs), max(ys))

    def to_source(self, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """A box of this page on the page as stored in the file (before the quarter turn and the
        deskew), in its points, top-left origin."""
        x0, top, x1, bottom = self.to_upright(box)
        w, h = self.width, self.height  # upright size
        turned = self.turned % 360
        if turned == 90:  # source (x, y) -> upright (H_src - y, x); H_src == w
            return (top, w - x1, bottom, w - x0)
        if turned == 180:
            return (w - x1, h - bottom, w - x0, h - top)
        if turned == 270:  # source (x, y) -> upright (y, W_src - x); W_src == h
            return (h - bottom, x0, h - top, x1)
        return (x0, top, x1, bottom)
