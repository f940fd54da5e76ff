"""Rule total: every parent budget line vs the sum of its children, field by field, all levels."""

from __future__ import annotations

from collections import defaultdict

from lkip.messages import MessageParam
from lkip.model import BudgetLine, Document, Finding, Level, Note, Number
from lkip.validate.arith import (
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_rp,
    fmt_stated,
    judge_sum,
    ocr_note,
)
from lkip.validate.base import (
    BUDGET_FIELDS,
    Rule,
    budget_label,
    location,
    ocr_prone,
    refs_of,
    short,
    stated_number,
    uncertain_note,
)

ID = "total"
MAX_TERMS_SHOWN = 12


def children_of(doc: Document) -> dict[int, list[int]]:
    """Parent index -> indices of its children, in document order."""
    kids: dict[int, list[int]] = defaultdict(list)
    n = len(doc.budget_lines)
    for i, line in enumerate(doc.budget_lines):
        if line.parent is not None and 0 <= line.parent < n and line.parent != i:
            kids[line.parent].append(i)
    return kids


def _kid_level(kids: list[BudgetLine]) -> str:
    """The catalogue word for the children: their level (counted when there are several)."""
    levels: set[Level] = {k.level for k in kids}
    level = levels.pop() if len(levels) == 1 else "other"
    return f"{'levels' if len(kids) > 1 else 'level'}.{level}"


def _parent_phrase(parent: BudgetLine) -> dict[str, MessageParam]:
    """The parameters that name the parent line in a message ({who!t})."""
    who = "total.who_total" if parent.level == "total" else "total.who_line"
    return {"who": who, "level": parent.level, "name": short(budget_label(parent), 60)}


def check_field(doc: Document, p: int, kid_ids: list[int], field: str) -> Finding | None:
    parent = doc.budget_lines[p]
    stated = stated_number(doc, parent.refs, field, getattr(parent, field), money=True)
    if stated is None or stated.percent:
        return None
    kids = [doc.budget_lines[k] for k in kid_ids]
    numbers: list[Number] = []
    empty = 0
    for kid in kids:
        n = stated_number(doc, kid.refs, field, getattr(kid, field), money=True)
        if n is None:
            empty += 1
        elif n.percent:
            return None  # a percentage among amounts: not a sum
        else:
            numbers.append(n)
    if not numbers:
        return None
    expected = sum(n.value for n in numbers)
    prone = ocr_prone(doc, parent.page, *(k.page for k in kids))
    verdict = judge_sum(stated, numbers, ocr_prone=prone)
    if verdict.ok:
        return None
    decimals = max([stated.decimals] + [n.decimals for n in numbers])
    terms = " + ".join(fmt_num(n.value, n.decimals) for n in numbers)
    if len(numbers) > MAX_TERMS_SHOWN:
        terms = f"jumlah {len(numbers)} angka"
    arith = f"{terms} = {fmt_num(expected, decimals)}" if len(numbers) > 1 else terms
    shown = fmt_stated(stated, money=True)
    want = fmt_expected(expected, stated, money=True)
    diff = fmt_rp(abs(stated.value - expected), decimals)
    notes = ocr_note(verdict)
    severity = verdict.severity
    if empty:
        notes.insert(0, Note(key="total.empty", params={
            "empty": empty, "n": len(kids), "kid": _kid_level(kids), "field": field}))
        if prone:
            severity = "warning"  # an OCR text may have lost a whole cell
            notes.insert(1, Note(key="total.empty_ocr"))
    unsure = field in parent.uncertain or any(field in k.uncertain for k in kids)
    severity, unsure_notes = uncertain_note(severity, [field] if unsure else [])
    page, line = location(doc, parent.refs, field, parent.page)
    return Finding.of(
        "total.wrong_one" if len(kids) == 1 else "total.wrong",
        {**_parent_phrase(parent), "field": field, "shown": shown, "n": len(kids),
         "kid": _kid_level(kids), "want": want, "diff": diff, "arith": arith},
        notes + unsure_notes,
        rule=ID, severity=severity, table=parent.table, row=budget_label(parent), field=field,
        stated=stated.value, expected=expected_value(expected, stated),
        arithmetic=arith, page=page, line=line,
        cells=refs_of(parent.refs, field) + [r for k in kids for r in refs_of(k.refs, field)],
    )


def _lost_rows(doc: Document, parent: BudgetLine, kids: list[BudgetLine]) -> int:
    """Data rows of the parent's table between it and the line after its last child that became
    no budget line: a child whose figures were lost (OCR glued them to its name)."""
    table = doc.table(parent.table)
    if table is None or any(k.table != parent.table for k in kids):
        return 0
    lines = {b.row_index for b in doc.budget_lines if b.table == parent.table}
    last = max(k.row_index for k in kids)
    end = min((r for r in lines if r > last), default=len(table.rows))
    return sum(1 for r in range(parent.row_index + 1, end)
               if r not in lines and table.rows[r].role == "data")


def check(doc: Document) -> list[Finding]:
    kids = children_of(doc)
    found: dict[tuple[int, str], Finding] = {}
    for p, kid_ids in kids.items():
        for field in BUDGET_FIELDS:
            finding = check_field(doc, p, kid_ids, field)
            if finding is not None:
                found[(p, field)] = finding
    return [_lost_row_warning(doc, kids, p, _explained_below(doc, kids, found, p, field)
                              or _adds_up_otherwise(doc, kids, p, field, f) or f)
            for (p, field), f in found.items()]


def _lost_row_warning(doc: Document, kids: dict[int, list[int]], p: int, f: Finding) -> Finding:
    """An error whose children include a row read without figures is a warning: that row is
    missing from the sum."""
    parent = doc.budget_lines[p]
    lost = _lost_rows(doc, parent, [doc.budget_lines[k] for k in kids[p]]) if f.severity == "error" else 0
    if not lost:
        return f
    return f.noted("total.lost_rows", {"lost": lost}, severity="warning")


MAX_LINES_AHEAD = 80


def _adds_up_otherwise(doc: Document, kids: dict[int, list[int]], p: int, field: str,
                       finding: Finding) -> Finding | None:
    """The finding as information when the stated total is the sum of neighbouring lines under
    another reading of the table's levels: the lines of one level from the first child on, or
    all lines read as one flat list (below the parent, or above a total printed at the bottom),
    taking in a line lkip did not count as its child (a wrapped label that changed a line's
    level). The report adds up; the reading of its levels is what is unsure."""
    if finding.severity != "error" or not isinstance(finding.stated, (int, float)):
        return None
    lines = doc.budget_lines
    table = lines[p].table
    children = set(kids[p])
    near = [i for i in range(max(0, p - MAX_LINES_AHEAD), min(len(lines), p + 1 + MAX_LINES_AHEAD))
            if i != p and lines[i].table == table and lines[i].level != "total"]
    below = [i for i in near if i > p]
    above = [i for i in reversed(near) if i < p]
    runs = [below, above] + [[i for i in below if lines[i].level == level]
                             for level in {lines[i].level for i in below}]
    for run in runs:
        total, taken = 0.0, []
        for i in run:
            value = getattr(lines[i], field)
            if not isinstance(value, (int, float)):
                continue
            total += value
            taken.append(i)
            if abs(total - finding.stated) < 1 and not set(taken) <= children:
                return _unsure_hierarchy(finding, lines[i])
    return None


def _unsure_hierarchy(finding: Finding, until: BudgetLine) -> Finding:
    name = short(budget_label(until), 50)
    return finding.noted("total.other_levels", {"until": name}, severity="info")


def _explained_below(doc: Document, kids: dict[int, list[int]], found: dict[tuple[int, str], Finding],
                     p: int, field: str) -> Finding | None:
    """The finding of line ``p`` as information when its difference is wholly that of children
    which do not add up themselves: with their own children's sums in their place, ``p`` adds
    up. The error is reported once, where it is (a program's wrong total makes its group wrong)."""
    wrong = [k for k in kids[p] if (k, field) in found and found[(k, field)].severity == "error"]
    finding = found[(p, field)]
    if not wrong or finding.severity != "error" or finding.stated is None:
        return None
    total = 0.0
    for k in kids[p]:
        value = found[(k, field)].expected if k in wrong else getattr(doc.budget_lines[k], field)
        if not isinstance(value, (int, float)):
            return None
        total += value
    if abs(total - finding.stated) >= 1:
        return None
    names = ", ".join(f"'{short(budget_label(doc.budget_lines[k]), 50)}'" for k in wrong)
    return finding.noted("total.explained_below", {"names": names}, severity="info")


RULE = Rule(
    id=ID,
    description_id="Setiap jumlah (total, urusan, program, kegiatan, akun) sama dengan jumlah "
                   "rincian di bawahnya, untuk pagu sebelum/sesudah perubahan, anggaran, "
                   "realisasi dan efisiensi.",
    description_en="Every total (grand total, urusan, programme, activity, account) equals the sum "
                   "of the lines below it, for budget before/after amendment, budget, spending "
                   "and savings.",
    check=check,
)
