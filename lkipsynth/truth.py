"""The ground truth of a synthetic LKIP: what is printed on which page, cell by cell (pydantic).

A truth file (``samples/synthetic/*.json``) describes one report as it should look on paper. The
typesetter (``typeset.py``) prints it; a benchmark compares what a reader got with it. Nothing
here knows how the report is rendered (born-digital now, scanned copies later).

Schema (JSON; ``Truth.model_json_schema()`` gives the full one)::

    {
      "instansi": "Dinas Koperasi, UKM dan Ketenagakerjaan Kota Sibolga",
      "tahun": 2024,
      "running_header": "LKIP Dinas ... Tahun 2024",   # top of every page but the cover
      "footer": "Halaman {page}",                      # bottom of every page but the cover
      "font": "Times-Roman",  "font_size": 11,         # or "Helvetica"
      "planted_errors": [                              # inconsistencies a checker must find
        {"rule": "capaian", "table": "Tabel 3.1.1", "row": "Persentase ...", "field": "capaian",
         "stated": 95.0, "expected": 90.0, "real": false, "note": "..."}
      ],
      "pages": [                                       # in order; each starts a new sheet
        {"orientation": "portrait" | "landscape", "running": true,
         "blocks": [
           {"type": "title", "text": "LAPORAN KINERJA ..."},       # centred, large (cover)
           {"type": "heading", "text": "BAB III ...", "level": 1},
           {"type": "paragraph", "text": "Dari Tabel 3.1.6, Total Anggaran sebanyak Rp ..."},
           {"type": "table",
            "caption": "Tabel 3.1.6",                  # as printed; its id is the 'Tabel x.y' part
            "title": "Analisis atas Efisiensi ...",    # the caption's second part
            "caption_lines": 2,                        # 1: 'Tabel 3.1.6 Analisis ...' on one line
            "style": "grid" | "horizontal" | "none",   # fully ruled / horizontal rules / unruled
            "columns": [{"name": "no", "width": 0.4, "align": "center"}, ...],
            "header": [                                # header rows; HTML-like spans, cells that
              ["No", {"text": "Tahun 2024", "col_span": 3}, ...],   # a span covers are omitted
              ["Target", "Realisasi", "Capaian"]
            ],
            "number_row": true,                        # a '1 2 3 ...' row closing the header
            "rows": [                                  # body rows, one string per column
              {"cells": ["1", "Peningkatan ...", "5 UMKM", ...], "role": "data",
               "merge": [["no", "indikator"]],         # column ranges printed as one cell
               "row_span": {"sasaran": 2}},            # a cell running down over later rows
              {"cells": ["JUMLAH", "", ...], "role": "total"}
            ],
            "split_at": [12],                          # body rows that start a new page
            "repeat_header": true,                     # header printed again on that page
            "source": "Sumber: DPA 2024",              # the line under the table
            "font_size": 9, "padding": 5.4}            # cell text size; left/right cell margin (pt)
         ]}
      ]
    }

Cell strings are exactly what is printed ('4.424.198.783,00', '88,92%', 'Rp 1.234.567,-',
'Level 3 (3,35)', 'A (83)', '(12,5)'); a long name wraps inside its cell. A cell covered by a
merge or a row span is the empty string. Page numbers are physical: the first entry of ``pages``
is page 1, and a table split by ``split_at`` pushes everything after the split one page on. Every
body cell therefore has a page, a row index and a column name: ``Truth.cells()``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

Orientation = Literal["portrait", "landscape"]
RuleStyle = Literal["grid", "horizontal", "none"]
RowRole = Literal["data", "section", "total", "average"]

_CAPTION_ID = re.compile(r"^\s*(tabel|table)\s+([0-9IVXivx]+(?:[.\-][0-9A-Za-z]+)*)", re.IGNORECASE)


class HeaderCell(BaseModel):
    """One printed header cell; ``col_span``/``row_span`` as in HTML."""

    text: str
    col_span: int = Field(1, ge=1)
    row_span: int = Field(1, ge=1)


class Column(BaseModel):
    """A body column: the canonical name the benchmark compares by, layout hints."""

    name: str  # 'no', 'sasaran', 'indikator', 'satuan', 'target', 'realisasi', 'capaian', ...
    width: float = Field(1.0, gt=0)  # relative share of the width left after the minimums
    align: Literal["left", "center", "right"] = "left"


class BodyRow(BaseModel):
    cells: list[str]
    role: RowRole = "data"
    merge: list[tuple[str, str]] = Field(default_factory=list)  # first..last column, inclusive
    row_span: dict[str, int] = Field(default_factory=dict)  # column -> rows covered (>= 2)


class Heading(BaseModel):
    type: Literal["heading"] = "heading"
    text: str
    level: int = Field(1, ge=1, le=3)


class Title(BaseModel):
    type: Literal["title"] = "title"
    text: str


class Para(BaseModel):
    type: Literal["paragraph"] = "paragraph"
    text: str


class Table(BaseModel):
    type: Literal["table"] = "table"
    caption: str
    title: str = ""
    caption_lines: Literal[1, 2] = 2
    style: RuleStyle = "grid"
    header_fill: bool = False  # grey header background
    columns: list[Column]
    header: list[list[HeaderCell]]
    number_row: bool = False
    rows: list[BodyRow]
    split_at: list[int] = Field(default_factory=list)
    repeat_header: bool = True
    source: str | None = None
    font_size: float = 9
    padding: float = 5.4  # left/right cell margin in pt (Word's default 0.19 cm); gaps between columns

    @field_validator("header", mode="before")
    @classmethod
    def _short_cells(cls, rows: list[list[object]]) -> list[list[object]]:
        return [[{"text": c} if isinstance(c, str) else c for c in row] for row in rows]

    @model_validator(mode="after")
    def _consistent(self) -> Table:
        n = len(self.columns)
        names = [c.name for c in self.columns]
        if len(set(names)) != n:
            raise ValueError(f"{self.caption}: column names repeat: {names}")
        self.header_grid()  # raises on spans that do not fill the grid
        for i, row in enumerate(self.rows):
            if len(row.cells) != n:
                raise ValueError(f"{self.caption}: body row {i} has {len(row.cells)} cells, not {n}")
            for first, last in row.merge:
                if first not in names or last not in names or names.index(first) > names.index(last):
                    raise ValueError(f"{self.caption}: body row {i}: bad merge {first}..{last}")
            for col, span in row.row_span.items():
                if col not in names or span < 2 or i + span > len(self.rows):
                    raise ValueError(f"{self.caption}: body row {i}: bad row_span {col}={span}")
                if any(i < s < i + span for s in self.split_at):
                    raise ValueError(f"{self.caption}: body row {i}: a row span crosses a page split")
        if sorted(self.split_at) != self.split_at or any(not 0 < s < len(self.rows) for s in self.split_at):
            raise ValueError(f"{self.caption}: split_at must be increasing body row indexes")
        return self

    @property
    def id(self) -> str:
        """'Tabel 3.1.6' from the caption as printed (the benchmark's matching key)."""
        m = _CAPTION_ID.match(self.caption)
        return f"Tabel {m.group(2)}" if m else self.caption.strip()

    def header_grid(self) -> list[tuple[int, int, HeaderCell]]:
        """(row, col, cell) of every printed header cell, with spans laid out like HTML."""
        n = len(self.columns)
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, HeaderCell]] = []
        for r, row in enumerate(self.header):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c + cell.col_span > n or r + cell.row_span > len(self.header):
                    raise ValueError(f"{self.caption}: header cell {cell.text!r} runs off the grid")
                out.append((r, c, cell))
                for dr in range(cell.row_span):
                    for dc in range(cell.col_span):
                        taken.add((r + dr, c + dc))
                c += cell.col_span
        if len(taken) != n * len(self.header):
            raise ValueError(f"{self.caption}: header cells do not fill {len(self.header)} x {n}")
        return out

    def column_header(self, col: int) -> str:
        """The header words over column ``col``, top to bottom ('Tahun 2024 Target')."""
        words = []
        for _r, c, cell in self.header_grid():
            if c <= col < c + cell.col_span:
                words.append(cell.text)
        return " ".join(words)

    def chunks(self) -> list[tuple[int, int]]:
        """Body row ranges [start, end) printed on consecutive pages."""
        bounds = [0, *self.split_at, len(self.rows)]
        return list(zip(bounds, bounds[1:], strict=False))


Block = Annotated[Title | Heading | Para | Table, Field(discriminator="type")]


class Page(BaseModel):
    orientation: Orientation = "portrait"
    running: bool = True  # running header and footer (not on a cover)
    blocks: list[Block]

    @property
    def sheets(self) -> int:
        """Physical pages this entry takes (one more for each table split)."""
        return 1 + sum(len(b.split_at) for b in self.blocks if isinstance(b, Table))


class PlantedError(BaseModel):
    """An inconsistency printed on purpose (or, ``real``, one the real report has)."""

    rule: str  # lkip rule id: capaian, persen, efisiensi, total, average, category, narrative ...
    table: str | None = None  # 'Tabel 3.1.1'
    row: str | None = None  # words of the row's label
    field: str | None = None
    stated: float | str | None = None
    expected: float | str | None = None
    real: bool = False
    note: str = ""


class Truth(BaseModel):
    instansi: str
    tahun: int
    running_header: str
    footer: str = "Halaman {page}"
    font: Literal["Times-Roman", "Helvetica"] = "Times-Roman"
    font_size: float = 11
    notes: str = ""
    planted_errors: list[PlantedError] = Field(default_factory=list)
    pages: list[Page]

    @classmethod
    def load(cls, path: str | Path) -> Truth:
        return cls.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))

    @property
    def page_count(self) -> int:
        return sum(p.sheets for p in self.pages)

    def tables(self) -> Iterator[PlacedTable]:
        """Every table with the physical page it starts on and its orientation."""
        page_no = 1
        for page in self.pages:
            for block in page.blocks:
                if isinstance(block, Table):
                    yield PlacedTable(block, page_no, page.orientation)
                    page_no += len(block.split_at)
            page_no += 1

    def cells(self) -> Iterator[TruthCell]:
        """Every body cell: table id, row index, column name, text as printed, page."""
        for placed in self.tables():
            t = placed.table
            for k, (start, end) in enumerate(t.chunks()):
                for i in range(start, end):
                    for col, text in zip(t.columns, t.rows[i].cells, strict=True):
                        yield TruthCell(t.id, i, col.name, text, placed.page + k, t.rows[i].role)

    def physical_pages(self) -> Iterator[tuple[int, Page]]:
        """(first physical page number, page entry)."""
        page_no = 1
        for page in self.pages:
            yield page_no, page
            page_no += page.sheets


@dataclass
class PlacedTable:
    table: Table
    page: int  # physical page of its first row
    orientation: Orientation

    def row_page(self, i: int) -> int:
        return self.page + sum(1 for s in self.table.split_at if s <= i)

    @property
    def last_page(self) -> int:
        return self.page + len(self.table.split_at)


@dataclass
class TruthCell:
    table: str
    row: int
    column: str
    text: str
    page: int
    role: RowRole
