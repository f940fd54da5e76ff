"""The consistency score: the share of the figures lkip checked that no error disputes.

Definition (the same words appear in every report):

- N, *figures checked*: every distinct table cell the tool read into an indicator or a budget
  line (target, realisasi, capaian, kategori, anggaran, realisasi, %, efisiensi, pagu), plus every
  other cell a finding names, plus one for each finding that names no cell (a figure in prose);
- E, *figures in error*: the distinct stated figures of the error findings (the cell in the
  finding's column, see ``stated_cell``; a finding without cells counts as one figure);
- W, *figures with a warning only*: the same for warnings, less those already in E;
- score = (N − E) / N × 100, shown with one decimal; no score when N is 0.

Warnings do not lower the score (they are figures that might be misread, not proven wrong); the
report says how many there are next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lkip.model import BudgetLine, CellRef, Document, Finding, Indicator
from lkip.validate.arith import same

Key = tuple[str, int, int] | tuple[str, int]


def _key(ref: CellRef) -> Key:
    return (ref.table, ref.row, ref.col)


def stated_cell(doc: Document, finding: Finding) -> int:
    """Index in ``finding.cells`` of the stated figure: in the finding's own table, the cell in
    the finding's column, else the one holding the stated value; then the same in other tables;
    else the first."""
    def column(ref: CellRef) -> str | None:
        table = doc.table(ref.table)
        return table.columns[ref.col] if table and ref.col < len(table.columns) else None

    own = [n for n, ref in enumerate(finding.cells) if ref.table == finding.table]
    rest = [n for n in range(len(finding.cells)) if n not in own]
    for group in (own, rest):
        for n in group:
            if finding.field and column(finding.cells[n]) == finding.field:
                return n
        for n in group:
            cell = doc.cell(finding.cells[n])
            if (isinstance(finding.stated, int | float) and cell is not None
                    and cell.value is not None and same(cell.value, finding.stated)):
                return n
    return 0


@dataclass(frozen=True)
class Score:
    checked: int  # N
    errors: int  # E
    warnings: int  # W

    @property
    def value(self) -> float | None:
        """(N − E) / N × 100, or None when nothing was checked."""
        return None if self.checked == 0 else (self.checked - self.errors) / self.checked * 100


def consistency(doc: Document) -> Score:
    """The consistency score of a checked document (see the module's docstring)."""
    checked: set[Key] = set()
    items: list[Indicator | BudgetLine] = [*doc.indicators, *doc.budget_lines]
    for item in items:
        checked.update(_key(ref) for ref in item.refs.values())
    disputed: dict[str, set[Key]] = {"error": set(), "warning": set()}
    for n, finding in enumerate(doc.findings):
        checked.update(_key(ref) for ref in finding.cells)
        key: Key = (_key(finding.cells[stated_cell(doc, finding)]) if finding.cells
                    else ("finding", n))
        checked.add(key)
        if finding.severity in disputed:
            disputed[finding.severity].add(key)
    errors = disputed["error"]
    return Score(checked=len(checked), errors=len(errors),
                 warnings=len(disputed["warning"] - errors))
