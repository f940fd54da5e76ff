"""Randomized "house styles" for the Word rendering path (``lkipsynth.docx``), drawn from a seed.

Real LKIPs come out of many offices' Word templates: a serif or a sans body, 10-12 pt, tables in
7-10 pt with a full grid, horizontal rules only or no rules at all, grey or plain headers, columns
squeezed so that names, categories and sometimes figures wrap. A ``HouseStyle`` is one such
template; ``TableLook`` is how one table of the truth is dressed under it (its base is the
truth's own ``style``, the house may change it). Everything comes from ``random.Random(seed)``: the
same seed gives the same documents.
"""

from __future__ import annotations

import functools
import logging
import random
import subprocess
import zlib
from dataclasses import asdict, dataclass, field

from lkipsynth.truth import RuleStyle, Table

log = logging.getLogger(__name__)

# font families a Word export of an Indonesian office plausibly uses, as LibreOffice knows them
# (metric clones of Times New Roman / Arial / Calibri, and the DejaVu families)
CANDIDATE_FONTS = ["Liberation Serif", "Liberation Sans", "Carlito", "DejaVu Sans", "DejaVu Serif",
                   "Liberation Sans Narrow", "DejaVu Sans Condensed"]
Borders = RuleStyle | str  # 'grid' | 'horizontal' | 'none' | 'rules' (top, under the header, bottom)


@functools.cache
def installed_fonts() -> tuple[str, ...]:
    """The candidate families ``fc-list`` reports (Liberation Serif when fc-list is missing)."""
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=30,
                             check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ("Liberation Serif",)
    families = {name.strip() for line in out.splitlines() for name in line.split(",")}
    found = tuple(f for f in CANDIDATE_FONTS if f in families)
    return found or ("Liberation Serif",)


@dataclass
class TableLook:
    """How one truth table is printed in this house."""

    borders: str  # grid | horizontal | rules | none
    font_size: float
    header_fill: bool
    header_bold: bool
    width_share: float  # of the text width the table takes
    tightness: float  # 1: columns as wide as their longest word; < 1 squeezes (figures may wrap)
    label_share: float  # weight factor of the wide text columns (names) against the figures


@dataclass
class HouseStyle:
    seed: int
    font: str
    table_font: str
    font_size: float
    heading_sizes: tuple[float, float, float]
    line_spacing: float
    space_after: float  # pt after a body paragraph
    justify: bool
    first_indent: float  # cm
    margins: tuple[float, float, float, float]  # top, right, bottom, left in cm
    header_distance: float  # cm from the paper's edge to the running header / footer
    header_align: str  # left | center | right
    header_rule: bool  # a line under the running header
    caption_align: str  # left | center
    caption_bold: bool
    rows_cant_split: bool
    rng: random.Random
    looks: dict[str, TableLook] = field(default_factory=dict)  # table id -> its look, as drawn

    def record(self) -> dict[str, object]:
        """What the truth JSON keeps of the style (``"house"``; Truth ignores it)."""
        return {"font": self.font, "table_font": self.table_font, "font_size": self.font_size,
                "margins_cm": list(self.margins),
                "tables": {k: asdict(v) for k, v in self.looks.items()}}

    def table_look(self, table: Table) -> TableLook:
        """The look of ``table``: its truth style most of the time, another one sometimes."""
        r = self.rng
        borders: str = table.style
        if r.random() < 0.3:
            borders = r.choice(["grid", "horizontal", "rules", "none"])
        size = max(6.5, min(10.5, table.font_size + r.choice([-1.0, -0.5, 0.0, 0.0, 0.5, 1.0])))
        tight = r.choices([1.25, 1.05, 0.9], weights=[5, 4, 1])[0]  # 0.9: a figure may wrap
        self.looks[table.id] = look = TableLook(borders=borders, font_size=size,
                         header_fill=table.header_fill if r.random() < 0.7 else not table.header_fill,
                         header_bold=r.random() < 0.85, width_share=r.uniform(0.82, 1.0), tightness=tight,
                         label_share=r.uniform(0.6, 1.4))
        return look


def draw(seed: int | str) -> HouseStyle:
    """A house style from ``seed`` (an int, or a string such as a document stem)."""
    r = random.Random(f"house:{seed}")
    fonts = list(installed_fonts())
    font = r.choice(fonts)
    size = r.choice([10.0, 11.0, 11.0, 12.0, 12.0])
    top, bottom = r.choice([2.5, 3.0, 2.0]), r.choice([2.0, 2.5, 2.2])
    style = HouseStyle(
        seed=zlib.crc32(str(seed).encode()),
        font=font,
        table_font=font if r.random() < 0.75 else r.choice(fonts),
        font_size=size,
        heading_sizes=(size + r.choice([2, 3, 4]), size + r.choice([0, 1, 2]), size),
        line_spacing=r.choice([1.0, 1.0, 1.15, 1.5]),
        space_after=r.choice([0.0, 4.0, 6.0, 8.0]),
        justify=r.random() < 0.7,
        first_indent=r.choice([0.0, 0.0, 1.0, 1.27]),
        margins=(top, r.choice([2.0, 2.5]), bottom, r.choice([2.5, 3.0, 4.0])),
        header_distance=r.choice([1.0, 1.25]),
        header_align=r.choice(["right", "center", "left"]),
        header_rule=r.random() < 0.5,
        caption_align=r.choice(["center", "center", "left"]),
        caption_bold=r.random() < 0.8,
        rows_cant_split=True,
        rng=r,
    )
    log.debug("house style %s: %s %s pt, tables in %s", seed, style.font, style.font_size, style.table_font)
    return style
