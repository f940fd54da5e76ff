"""Rule average: a table's average row vs the mean of the stated capaian of its indicators."""

from __future__ import annotations

from lkip.model import CellRef, Document, Finding, Indicator, Note, Number, Table
from lkip.validate.arith import (
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_stated,
    judge,
    ocr_note,
)
from lkip.validate.base import Rule, ocr_prone, refs_of, short, stated_number, uncertain_note

ID = "average"
MAX_TERMS_SHOWN = 12
MIN_MEAN_OF = 2  # capaian needed for a mean worth comparing


def average_cell(table: Table, row_index: int) -> tuple[int, Number] | None:
    """(column, figure) of the stated average in an average row: its first percentage, else its
    first plain number."""
    cells = table.rows[row_index].cells
    for wanted in ("percent", "number"):
        for col, cell in enumerate(cells):
            if cell.kind == wanted and cell.number is not None:
                return col, cell.number
    return None


def covered_indicators(doc: Document, table: Table, row_index: int) -> list[Indicator]:
    """The indicators an average row speaks of: those of its table since the previous average
    row (all of the table's when that leaves none)."""
    previous = max((i for i, row in enumerate(table.rows[:row_index]) if row.role == "average"),
                   default=-1)
    mine = [ind for ind in doc.indicators if ind.table == table.id]
    since = [ind for ind in mine if previous < ind.row_index < row_index]
    return since or mine


def average_of(doc: Document, inds: list[Indicator]) -> tuple[float, list[Number]] | None:
    """Mean of the stated capaian of ``inds`` (those that state one), with the figures used."""
    numbers = [n for ind in inds
               if (n := stated_number(doc, ind.refs, "capaian", ind.capaian, percent=True))]
    if not numbers:
        return None
    return sum(n.value for n in numbers) / len(numbers), numbers


def mean_arith(numbers: list[Number], mean: float) -> str:
    if len(numbers) > MAX_TERMS_SHOWN:
        terms = f"jumlah {len(numbers)} capaian"
    else:
        terms = " + ".join(fmt_num(n.value, n.decimals) for n in numbers)
    return f"({terms}) / {len(numbers)} = {fmt_pct(mean, 2)}"


def check_row(doc: Document, table: Table, row_index: int) -> Finding | None:
    found = average_cell(table, row_index)
    if found is None:
        return None
    col, stated = found
    inds = covered_indicators(doc, table, row_index)
    if any("capaian" in ind.uncertain for ind in inds):
        return None  # a capaian that may be another column's figure: the mean proves nothing
    mean_and_numbers = average_of(doc, inds)
    if mean_and_numbers is None:
        return None
    mean, numbers = mean_and_numbers
    if len(numbers) < MIN_MEAN_OF or 3 * (len(inds) - len(numbers)) > len(inds):
        return None  # too few of the indicators state a capaian to say what the mean is
    verdict = judge(stated, mean, ocr_prone=ocr_prone(doc, table.page, *(i.page for i in inds)))
    if verdict.ok:
        return None
    ref = CellRef.at(table, row_index, col)
    arith = mean_arith(numbers, mean)
    shown = fmt_stated(stated, percent=True)
    want = fmt_expected(mean, stated, percent=True)
    skipped = len(inds) - len(numbers)
    skip = [Note(key="average.skipped", params={"skipped": skipped})] if skipped else []
    unsure = [f for ind in inds for f in ind.uncertain if f == "capaian"]
    severity, unsure_notes = uncertain_note(verdict.severity, unsure)
    label = short(next((c.raw for c in table.rows[row_index].cells if c.kind == "text"), "rata-rata"))
    return Finding.of(
        "average.wrong", {"shown": shown, "want": want, "n": len(numbers), "arith": arith},
        skip + ocr_note(verdict) + unsure_notes,
        rule=ID, severity=severity, table=table.id, row=label, field="average",
        stated=stated.value, expected=expected_value(mean, stated),
        arithmetic=arith, page=ref.page or table.page, line=ref.line,
        cells=[ref] + [r for ind in inds for r in refs_of(ind.refs, "capaian")],
    )


def check(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    for table in doc.tables:
        for i, row in enumerate(table.rows):
            if row.role == "average" and (f := check_row(doc, table, i)) is not None:
                out.append(f)
    return out


RULE = Rule(
    id=ID,
    description_id="Nilai rata-rata pada tabel sama dengan rata-rata capaian indikatornya.",
    description_en="A table's average equals the mean capaian of its indicators.",
    check=check,
)
