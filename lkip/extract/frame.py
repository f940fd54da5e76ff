"""Pages whose text is turned by 90 degrees: a frame where the text reads left to right, and back.

A landscape table printed on a portrait page (or a page scanned a quarter turn off) has its
characters running up or down the page. Reading them in a turned frame gives ordinary lines;
boxes found there are turned back to the page's own coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pdfplumber

Box = tuple[float, float, float, float]


@dataclass
class Frame:
    """Maps page boxes to a frame where the text reads left to right, and back."""

    turn: str  # "none", "btt" (text reads upwards), "ttb" (text reads downwards)
    width: float
    height: float

    def to_frame(self, b: Box) -> Box:
        x0, top, x1, bottom = b
        if self.turn == "btt":
            return (self.height - bottom, x0, self.height - top, x1)
        if self.turn == "ttb":
            return (top, self.width - x1, bottom, self.width - x0)
        return b

    def to_page(self, b: Box) -> Box:
        x0, top, x1, bottom = b
        if self.turn == "btt":
            return (top, self.height - x1, bottom, self.height - x0)
        if self.turn == "ttb":
            return (self.width - bottom, x0, self.width - top, x1)
        return b


def frame_of(page: pdfplumber.page.Page) -> Frame:
    """The frame of a page: turned when most of its characters are not upright."""
    up = btt = ttb = 0
    for ch in page.chars:
        if ch.get("upright", True):
            up += 1
        elif (ch.get("matrix") or (1, 0, 0, 1))[1] > 0:
            btt += 1
        else:
            ttb += 1
    turn = "none"
    if btt + ttb > up:
        turn = "btt" if btt >= ttb else "ttb"
    x0, top, x1, bottom = page.bbox
    return Frame(turn, x1 - x0, bottom - top)


def turned_chars(page: pdfplumber.page.Page, frame: Frame) -> list[dict]:
    """The page's characters with their boxes in the frame, upright."""
    out = []
    for ch in page.chars:
        x0, top, x1, bottom = frame.to_frame((ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
        out.append({**ch, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                    "upright": True, "width": x1 - x0, "height": bottom - top})
    return out
