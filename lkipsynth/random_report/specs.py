"""The shapes the generator builds before they become a ``Truth``: text blocks, tables (columns,
header cells, rows, house style) and planted errors. They are plain dicts at run time, validated
into the models of ``lkipsynth.truth`` by pydantic; typed here so that a misspelt key or a value of
the wrong kind is a type error."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, NotRequired, Required, TypedDict


class TextBlock(TypedDict):
    """A title, paragraph or heading block (``truth.Title``, ``truth.Para``, ``truth.Heading``)."""

    type: str
    text: str
    level: NotRequired[int]  # a heading's


class ColumnSpec(TypedDict):
    name: str
    width: float
    align: str


class HeaderCellSpec(TypedDict):
    text: str
    col_span: int
    row_span: int


HeaderRow = Sequence[str | HeaderCellSpec]  # a plain string is a cell spanning one column and row


class RowSpec(TypedDict, total=False):
    cells: Required[list[str]]
    role: str  # 'data' when missing
    merge: list[list[str]]  # first..last column, inclusive
    row_span: dict[str, int]  # column -> rows covered


class TableStyle(TypedDict):
    """A table's house style, drawn by ``Gen.style``."""

    style: str
    header_fill: bool
    font_size: float
    padding: float
    caption_lines: int
    number_row: bool
    repeat_header: bool


class TableSpec(TableStyle):
    type: str
    caption: str
    title: str
    columns: list[ColumnSpec]
    header: list[HeaderRow]
    rows: list[RowSpec]
    source: str | None
    split_at: NotRequired[list[int]]  # set by layout when the table is split over pages


Block = TextBlock | TableSpec


class TruthMeta(TypedDict):
    """What a Truth says besides its pages (``truth.Truth``): set by ``document.build``, the planted
    errors and notes by ``random_truth``."""

    instansi: str
    tahun: int
    running_header: str
    footer: str
    font: str
    font_size: float
    planted_errors: NotRequired[list[PlantedSpec]]
    notes: NotRequired[str]


class PlantedSpec(TypedDict):
    """An error planted on purpose (``truth.PlantedError``)."""

    rule: str
    table: str | None
    row: str | None
    field: str | None
    stated: object
    expected: object
    note: str


class TableSlip(NamedTuple):
    """An error planted in a table before its caption is known (recorded with it by ``Gen.add_error``)."""

    rule: str
    row: str
    field: str
    stated: object
    expected: object
    note: str
