"""What every rule shares: the Rule record, stated figures read back from their cells, labels."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lkip.messages import words
from lkip.model import BudgetLine, CellRef, Document, Finding, Indicator, Note, Number, Severity
from lkip.validate.arith import as_number, same


@dataclass(frozen=True)
class Rule:
    """One check of the report against itself."""

    id: str
    description_id: str
    description_en: str
    check: Callable[[Document], list[Finding]]


BUDGET_FIELDS = ("pagu_sebelum", "pagu_sesudah", "anggaran", "realisasi", "efisiensi")

FIELD_ID = words("field", "id")
FIELD_EN = words("field", "en")
LEVEL_ID: dict[str, str] = words("level", "id")
LEVEL_EN: dict[str, str] = words("level", "en")
LEVEL_EN_PLURAL: dict[str, str] = words("levels", "en")


OCR_KINDS = frozenset({"text", "pdf-scan", "image"})  # inputs whose digits went through OCR


def ocr_prone(doc: Document, *pages: int | None) -> bool:
    """True when a digit printed on ``pages`` may have been misread by OCR: OCR text or a scan,
    or pages of a PDF that were read by OCR (a scanned cover does not make the text pages so).
    A page that is not known counts as OCR'd when any page was; no page given: the document."""
    if doc.source.kind in OCR_KINDS:
        return True
    scanned = set(doc.source.ocr_pages)
    if not pages:
        return bool(scanned)
    return any(p in scanned if p is not None else bool(scanned) for p in pages)


def stated_number(
    doc: Document, refs: dict[str, CellRef], field: str, value: float | None,
    *, percent: bool = False, money: bool = False,
) -> Number | None:
    """The figure behind a domain value as the report states it (with its precision), read from
    the cell it came from; guessed from the value when the cell is unknown."""
    if value is None:
        return None
    ref = refs.get(field)
    cell = doc.cell(ref) if ref is not None else None
    if cell is not None and cell.number is not None and same(cell.number.value, value):
        return cell.number
    return as_number(value, percent=percent, money=money)


def refs_of(refs: dict[str, CellRef], *fields: str) -> list[CellRef]:
    """The CellRefs of ``fields`` that are known, in order."""
    return [refs[f] for f in fields if f in refs]


def location(
    doc: Document, refs: dict[str, CellRef], field: str, page: int | None,
) -> tuple[int | None, int | None]:
    """(page, line) of the cell a field was read from, falling back to the line's own page."""
    ref = refs.get(field)
    if ref is None:
        return page, None
    line = ref.line
    if line is None:
        cell = doc.cell(ref)
        line = cell.prov.line if cell is not None else None
    return (ref.page if ref.page is not None else page), line


def indicator_label(ind: Indicator) -> str:
    return " ".join(ind.indikator.split())


def budget_label(line: BudgetLine) -> str:
    return " ".join(line.nama.split())


def short(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut to ``limit`` characters for a message."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def table_order(doc: Document) -> dict[str, int]:
    """Position of each table in the document (reading order)."""
    return {t.id: i for i, t in enumerate(doc.tables)}


def join_tables(ids: Iterable[str]) -> str:
    return ", ".join(ids)


_NON_WORD = re.compile(r"[^\w%]+")


def norm_label(text: str) -> str:
    """A label for case-, space- and punctuation-blind comparison: 'Sangat  tinggi.'."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def finding_sort_key(f: Finding) -> tuple[bool, int, str]:
    """Findings in reading order: by page (unknown pages last), then table."""
    return (f.page is None, f.page or 0, f.table or "")


def uncertain_note(
    severity: Severity, uncertain: Iterable[str],
) -> tuple[Severity, list[Note]]:
    """An error whose figures come from uncertain columns becomes a warning, with a note."""
    fields = sorted(set(uncertain))
    if not fields:
        return severity, []
    softened: Severity = "warning" if severity == "error" else severity
    return softened, [Note(key="note.uncertain", params={"fields": ",".join(fields)})]


def fits_some_reading(
    numbers: dict[str, Number], uncertain: Iterable[str],
    fits: Callable[[dict[str, Number]], bool],
) -> bool:
    """True when the figures pass ``fits`` once the ones whose column was uncertain are put in
    each other's places (every such permutation is tried; certain ones stay put)."""
    movable = [f for f in numbers if f in set(uncertain)]
    if len(movable) < 2:
        return False
    for order in itertools.permutations(movable):
        if list(order) == movable:
            continue
        moved = dict(numbers)
        for source, target in zip(movable, order, strict=True):
            moved[target] = numbers[source]
        try:
            if fits(moved):
                return True
        except ZeroDivisionError:
            continue
    return False
