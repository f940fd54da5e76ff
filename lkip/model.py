"""The one document model every stage reads and enriches (extract -> normalize -> validate -> report)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

from lkip import __version__
from lkip.messages import MessageParam, render

SourceKind = Literal["text", "pdf-text", "pdf-scan", "image"]
CellKind = Literal["empty", "text", "number", "percent", "money", "dash", "nil", "malformed"]
RowRole = Literal["data", "section", "total", "average", "numbering", "note"]
TableKind = Literal[
    "capaian",  # Target / Realisasi / Capaian per indicator
    "target",  # targets only (Renstra, IKU, Renja, Perjanjian Kinerja)
    "comparison",  # realisasi over several years
    "anggaran",  # budget amounts per program/kegiatan/sub kegiatan
    "realisasi_anggaran",  # Anggaran / Realisasi / %
    "perubahan_anggaran",  # Sebelum / Setelah Perubahan, K and Rp
    "efisiensi",  # capaian + anggaran + realisasi + efisiensi
    "akun",  # account codes 5 / 5.1 / 5.1.01
    "scale",  # the report's own rating scale
    "other",
]
Level = Literal[
    "group", "urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "akun", "total", "other"
]  # group: a heading of programs by source of funds ('DANA DEKONSENTRASI', 'TUGAS PEMBANTUAN')
Severity = Literal["error", "warning", "info"]


class Box(BaseModel):
    """A rectangle on the page, in PDF points (origin top-left), as pdfplumber gives it."""

    x0: float
    top: float
    x1: float
    bottom: float


def union(boxes: list[Box | None]) -> Box | None:
    """The smallest box around the given boxes (None when there is none)."""
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return Box(x0=min(b.x0 for b in real), top=min(b.top for b in real),
               x1=max(b.x1 for b in real), bottom=max(b.bottom for b in real))


class Provenance(BaseModel):
    """Where a value came from: page (1-based), line of the text input (1-based), box on the page."""

    page: int | None = None
    line: int | None = None
    span: tuple[int, int] | None = None  # character columns [start, end) on that line, 0-based
    box: Box | None = None
    # every (line, start, end) piece of a value that wrapped over several lines; the PDF backend
    # turns them into the box. Not part of the output: the first piece is line + span.
    _pieces: list[tuple[int, int, int]] = PrivateAttr(default_factory=list)

    @classmethod
    def of_pieces(cls, page: int | None, pieces: list[tuple[int, int, int]]) -> Provenance:
        """Provenance of a value printed in the given (line, start, end) pieces (first piece first)."""
        pieces = [p for p in pieces if p[2] > p[1]]
        if not pieces:
            return cls(page=page)
        line, start, end = pieces[0]
        prov = cls(page=page, line=line, span=(start, end))
        prov._pieces = pieces
        return prov

    @property
    def pieces(self) -> list[tuple[int, int, int]]:
        if self._pieces:
            return self._pieces
        if self.line is not None and self.span is not None:
            return [(self.line, *self.span)]
        return []


class Number(BaseModel):
    """A number read from the report, as the report states it."""

    value: float
    decimals: int = 0  # digits after the decimal comma as stated (precision of the figure)
    percent: bool = False
    money: bool = False
    repaired: bool = False  # an OCR slip was repaired with certainty (e.g. '106. 985.800')
    # the other reading of a figure whose one separator could be either ('3,900': 3,9 in the
    # Indonesian way, 3900 in the US way): no error may rest on choosing between them
    alt: float | None = None


class Cell(BaseModel):
    raw: str
    kind: CellKind = "empty"
    number: Number | None = None
    unit: str | None = None  # text next to the number: 'Orang', 'UMKM', 'Paket' ...
    prov: Provenance = Field(default_factory=Provenance)
    ocr_conf: float | None = None  # lowest OCR confidence (0-100) of its characters; None: not OCR
    unreadable: bool = False  # read from a scan and still uncertain after re-reading it

    @property
    def value(self) -> float | None:
        return self.number.value if self.number else None


class Row(BaseModel):
    cells: list[Cell]
    role: RowRole = "data"
    prov: Provenance = Field(default_factory=Provenance)
    line_end: int | None = None  # last input line of a row that wrapped over several lines
    ambiguous: list[str] = Field(default_factory=list)  # columns whose value might be another's

    def text(self, sep: str = " | ") -> str:
        return sep.join(c.raw for c in self.cells)


class Table(BaseModel):
    id: str  # 'Tabel 3.1.1' (normalized caption) or 'T<page>.<n>' for uncaptioned tables
    caption_raw: str | None = None  # caption as printed, e.g. 'Tabel 21.1'
    title: str | None = None
    kind: TableKind = "other"
    columns: list[str] = Field(default_factory=list)
    header: list[str] = Field(default_factory=list)  # the header lines as printed
    rows: list[Row] = Field(default_factory=list)
    page: int | None = None
    prov: Provenance = Field(default_factory=Provenance)

    def column(self, *names: str) -> int | None:
        """Index of the first column whose name is one of ``names`` (canonical names)."""
        for name in names:
            if name in self.columns:
                return self.columns.index(name)
        return None


class CellRef(BaseModel):
    """Points at the cell a domain value was read from."""

    table: str
    row: int
    col: int
    page: int | None = None
    line: int | None = None
    span: tuple[int, int] | None = None  # character columns [start, end) on that line, 0-based
    box: Box | None = None

    @classmethod
    def at(cls, table: Table, row: int, col: int) -> CellRef:
        """A reference to a table's cell, carrying where the cell was read (the row's, if unknown)."""
        here, cell = table.rows[row].prov, table.rows[row].cells[col].prov
        return cls(table=table.id, row=row, col=col, page=cell.page or here.page,
                   line=cell.line or here.line, span=cell.span, box=cell.box)


class Indicator(BaseModel):
    table: str
    row_index: int
    sasaran: str | None = None
    indikator: str
    satuan: str | None = None
    target: float | None = None
    realisasi: float | None = None
    capaian: float | None = None
    kategori: str | None = None
    page: int | None = None
    smaller_is_better: bool = False
    # where the polarity comes from: the report's own marker ('(-)', 'Negatif') is a statement
    # lkip can hold it to; a word of the name ('Penurunan ...') or the default is only a guess
    polarity_from: Literal["marker", "name", "default"] = "default"
    year: int | None = None  # the year the target/realisasi is for, when the table says
    refs: dict[str, CellRef] = Field(default_factory=dict)  # field name -> cell
    uncertain: list[str] = Field(default_factory=list)  # fields whose column was not certain


class NomenklaturRef(BaseModel):
    """A budget line's official Permendagri 90/2019 code and name (kode and nama None when no
    official name scores at least the acceptance threshold; score is the best one's)."""

    kode: str | None = None
    nama: str | None = None
    score: float = 0.0


class BudgetLine(BaseModel):
    table: str
    row_index: int
    kode: str | None = None
    nama: str
    level: Level = "other"
    pagu_sebelum: float | None = None
    pagu_sesudah: float | None = None
    anggaran: float | None = None
    realisasi: float | None = None
    persen: float | None = None
    efisiensi: float | None = None
    selisih: float | None = None  # the change printed beside pagu sebelum / sesudah
    selisih_persen: float | None = None  # ... and as a % of the pagu before
    page: int | None = None
    parent: int | None = None  # index into Document.budget_lines
    refs: dict[str, CellRef] = Field(default_factory=dict)
    uncertain: list[str] = Field(default_factory=list)  # fields whose column was not certain
    nomenklatur: NomenklaturRef | None = None  # official code and name (normalize.nomenklatur)


class ScaleBand(BaseModel):
    """One band of a rating scale: lower <= capaian <= upper -> label."""

    label: str
    lower: float | None = None
    upper: float | None = None
    lower_inclusive: bool = True
    upper_inclusive: bool = True
    table: str | None = None
    page: int | None = None


class Paragraph(BaseModel):
    """Running text (not a table), kept for the rules that compare prose with tables."""

    text: str
    page: int | None = None
    line: int | None = None
    line_end: int | None = None
    after_table: str | None = None  # id of the nearest table above, for 'Dari Tabel ...' prose


class Note(BaseModel):
    """A sentence of the message catalogue (``lkip.messages``) appended to a finding's message."""

    key: str
    params: dict[str, MessageParam] = Field(default_factory=dict)


class Finding(BaseModel):
    rule: str
    severity: Severity
    table: str | None = None
    row: str | None = None  # the row's label (name of the indicator / budget line)
    field: str | None = None
    stated: float | str | None = None
    expected: float | str | None = None
    message: str  # Indonesian, rendered from key, params and notes
    message_en: str = ""
    key: str | None = None  # the message in lkip.messages (None: a finding made without one)
    params: dict[str, MessageParam] = Field(default_factory=dict)
    notes: list[Note] = Field(default_factory=list)  # sentences appended to the message, in order
    arithmetic: str | None = None  # the recomputation, in figures
    page: int | None = None
    line: int | None = None
    cells: list[CellRef] = Field(default_factory=list)

    @classmethod
    def of(cls, key: str, params: dict[str, MessageParam] | None = None,
           notes: list[Note] | None = None, **fields: Any) -> Finding:
        """A finding saying the catalogue message ``key`` with ``params`` (then ``notes``)."""
        return cls(message="", **fields).told(key, params, notes)

    def told(self, key: str, params: dict[str, MessageParam] | None = None,
             notes: list[Note] | None = None, **update: Any) -> Finding:
        """A copy saying the message ``key`` instead (notes replaced), with fields updated."""
        return self.model_copy(update=update)._rendered(key, params or {}, list(notes or []))

    def noted(self, key: str, params: dict[str, MessageParam] | None = None,
              **update: Any) -> Finding:
        """A copy with the catalogue sentence ``key`` appended to its message, fields updated
        (to a message written without the catalogue, as it stands)."""
        note = Note(key=key, params=params or {})
        if self.key is None:
            return self.model_copy(update={
                **update, "notes": [*self.notes, note],
                "message": self.message + render(key, note.params, "id"),
                "message_en": self.message_en + render(key, note.params, "en")})
        return self.model_copy(update=update)._rendered(self.key, self.params, [*self.notes, note])

    def _rendered(self, key: str, params: dict[str, MessageParam], notes: list[Note]) -> Finding:
        """This (fresh) copy saying ``key`` with ``params`` and then ``notes``."""
        self.key, self.params, self.notes = key, dict(params), notes
        self.message, self.message_en = (
            render(key, params, lang) + "".join(render(n.key, n.params, lang) for n in notes)
            for lang in ("id", "en"))
        return self


class Frame(BaseModel):
    """How a scanned page was turned to be read: the boxes of its cells are in this frame."""

    turned: int = 0  # clockwise degrees, a multiple of 90
    skew: float = 0.0  # then rotated this many degrees counter-clockwise about its centre


class Source(BaseModel):
    path: str
    sha256: str
    kind: SourceKind
    pages: int | None = None  # pages read (listed by the PDF's page tree)
    pages_in_file: int | None = None  # pages the PDF holds (pdfium's count), when it is a PDF
    bytes: int | None = None
    ocr_pages: list[int] = Field(default_factory=list)  # pages read by OCR (scans inside a PDF too)
    ocr_frames: dict[int, Frame] = Field(default_factory=dict)  # OCR'd pages read turned or deskewed
    page_notes: dict[int, str] = Field(default_factory=dict)  # pages that could not be read: why


class DocumentInfo(BaseModel):
    instansi: str | None = None
    tahun: int | None = None


class Document(BaseModel):
    lkip_version: str = __version__
    source: Source
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    tables: list[Table] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    scale: list[ScaleBand] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    nomenklatur_version: str | None = None  # the nomenklatur the budget lines were matched against
    findings: list[Finding] = Field(default_factory=list)
    # how each OCR'd page was read (turn, deskew, dpi), to read a figure again: not in the output
    _ocr_pages: dict[int, object] = PrivateAttr(default_factory=dict)

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def cell(self, ref: CellRef) -> Cell | None:
        table = self.table(ref.table)
        if table is None or ref.row >= len(table.rows):
            return None
        row = table.rows[ref.row]
        return row.cells[ref.col] if ref.col < len(row.cells) else None
