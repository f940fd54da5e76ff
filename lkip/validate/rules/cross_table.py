"""Rule cross_table: one indicator's target/realisasi, or one programme's budget, differing between tables."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

from lkip.messages import words as catalogue_words
from lkip.model import BudgetLine, Document, Finding, Indicator, Note, Number, Paragraph, Severity, Table
from lkip.validate.arith import agree_at_common_precision, fmt_num, fmt_pct, fmt_rp, ocr_slip, same
from lkip.validate.base import (
    Rule,
    budget_label,
    indicator_label,
    join_tables,
    location,
    ocr_prone,
    refs_of,
    short,
    stated_number,
    table_order,
    uncertain_note,
)
from lkip.validate.names import indicator_part, same_indicator, same_program

ID = "cross_table"
INDICATOR_KINDS = {"target", "capaian", "efisiensi", "comparison"}
# a table of end-of-period or cumulative targets is not a table of one year's targets
_OTHER_TARGETS = re.compile(r"jangka\s+menengah|target\s+akhir|akhir\s+(periode|renstra)|"
                            r"kumulatif|sampai\s+(dengan\s+)?tahun", re.IGNORECASE)
WHOLE_TABLE_MIN = 3  # a table differing in every one of at least this many groups: one warning
TOTAL_MATCH_MIN = 1_000_000  # grand totals are 'the same budget' when their amounts are equal
FIELD_ID = catalogue_words("ct_field", "id")
FIELD_EN = catalogue_words("ct_field", "en")

T = TypeVar("T", Indicator, BudgetLine)


@dataclass
class Member(Generic[T]):
    """One table's figure for a thing several tables state."""

    item: T
    table: str
    number: Number
    field: str  # 'target', 'realisasi', 'pagu_sesudah' or 'anggaran'
    alternatives: list[float] = dataclasses.field(default_factory=list)  # other amounts that also agree
    year: int | None = None
    key: float | None = None  # what makes two grand totals the same (their budget)


@dataclass
class Group(Generic[T]):
    members: list[Member[T]] = dataclasses.field(default_factory=list)

    def tables(self) -> set[str]:
        return {m.table for m in self.members}


def group(
    items: Sequence[Member[T]], same_thing: Callable[[Member[T], Member[T]], bool],
) -> list[Group[T]]:
    """Members that state the same thing, at most one per table (the first), in document order;
    only groups that span several tables."""
    groups: list[Group[T]] = []
    for m in items:
        # joining takes a match with at least half the group, so that one oddly merged name
        # cannot chain two different things together; of several, the closest name wins
        # ('Pendapatan Asli Daerah' joins 'PENDAPATAN ASLI DAERAH', not 'PENDAPATAN DAERAH')
        matching = [g for g in groups
                    if 2 * sum(same_thing(m, o) for o in g.members) >= len(g.members)]
        matching.sort(key=lambda g: -max(_closeness(m, o) for o in g.members))
        if matching and m.table in matching[0].tables():
            home = Group()  # another row of a table already there: a thing of its own
            groups.append(home)
        elif matching:
            home = matching[0]
        else:
            home = Group()
            groups.append(home)
        home.members.append(m)
    return [g for g in groups if len(g.tables()) > 1]


def _closeness(a: Member[T], b: Member[T]) -> float:
    """How alike two names are; an indicator's without the sasaran read into it, so that
    'Meningkatnya kualitas lingkungan hidup Indeks Kualitas Air' is closest to 'Indeks Kualitas
    Air', not to 'Indeks Kualitas Lingkungan Hidup'."""
    if isinstance(a.item, Indicator) and isinstance(b.item, Indicator):
        return fuzz.token_sort_ratio(indicator_part(a.item.indikator),
                                     indicator_part(b.item.indikator))
    name_a = a.item.indikator if isinstance(a.item, Indicator) else a.item.nama
    name_b = b.item.indikator if isinstance(b.item, Indicator) else b.item.nama
    return fuzz.token_sort_ratio(name_a.lower(), name_b.lower())


def _agree(a: Member[T], b: Member[T]) -> bool:
    if agree_at_common_precision(a.number, b.number):
        return True
    # '3,000' in one table and '3.000' in another: one figure under two separator conventions
    if any(x.number.alt is not None and same(x.number.alt, y.number.value)
           for x, y in ((a, b), (b, a))):
        return True
    return any(abs(alt - b.number.value) < 0.5 for alt in a.alternatives) or any(
        abs(alt - a.number.value) < 0.5 for alt in b.alternatives)


def split(g: Group[T], order: dict[str, int]) -> tuple[list[Member[T]], list[Member[T]]]:
    """(members agreeing with the reference, members differing): the reference is the value
    stated by most tables, the earliest table's on a tie."""
    members = sorted(g.members, key=lambda m: order.get(m.table, 1 << 30))
    best: list[Member[T]] = []
    for m in members:
        agreeing = [o for o in members if _agree(m, o)]
        if len(agreeing) > len(best):
            best = agreeing
    # a member that agrees with one of them through another version of the budget (before or
    # after perubahan) is no contradiction either
    return best, [m for m in members if m not in best and not any(_agree(m, o) for o in best)]


def _severity(doc: Document, m: Member[T], ref: Member[T]) -> tuple[Severity, list[Note]]:
    """Error, or warning when one misread digit (OCR) or an uncertain column may explain it."""
    ocr = ocr_prone(doc, m.item.page, ref.item.page) and (ocr_slip(m.number, ref.number.value)
                              or ocr_slip(ref.number, m.number.value))
    severity: Severity = "warning" if ocr else "error"
    uncertain = [x.field for x in (m, ref) if x.field in x.item.uncertain]
    severity, notes = uncertain_note(severity, uncertain)
    return severity, ([Note(key="cross_table.ocr")] if ocr else []) + notes


# ------------------------------------------------------------------ indicators

def _fmt_value(m: Member[Indicator]) -> str:
    if m.number.percent:
        return fmt_pct(m.number.value, m.number.decimals)
    unit = f" {m.item.satuan}" if m.item.satuan and m.item.satuan != "%" else ""
    return fmt_num(m.number.value, m.number.decimals) + unit


_GRADE = re.compile(r"[A-E]{1,3}[+-]?")  # a SAKIP-style grade: A, AA, BB, CC ...


def _unit_class(m: Member[Indicator]) -> str | None:
    satuan = m.item.satuan or ""
    if m.number.percent or "%" in satuan:
        return "%"
    # a grade read as the unit ('A', 'BB', 'Level 3' or its bare '3') is no unit
    words = [w for w in satuan.split() if any(ch.isalpha() for ch in w) and not _GRADE.fullmatch(w)]
    return words[0].lower() if words else None


def other_target_table(table: Table | None) -> bool:
    if table is None:
        return False
    return bool(_OTHER_TARGETS.search(" ".join(filter(None, [table.title, table.caption_raw]))))


def indicator_members(doc: Document, name: str) -> list[Member[Indicator]]:
    """Each indicator's ``name`` figure ('target' or 'realisasi') with the year it is for (the
    report year when the table does not say; none from medium-term or cumulative tables, unless
    the column gives the year)."""
    out: list[Member[Indicator]] = []
    for ind in doc.indicators:
        table = doc.table(ind.table)
        if table is not None and table.kind not in INDICATOR_KINDS:
            continue
        if ind.year is None and other_target_table(table):
            continue  # a medium-term table, unless its column says which year
        number = stated_number(doc, ind.refs, name, getattr(ind, name))
        if number is not None:
            year = ind.year if ind.year is not None else doc.document.tahun
            out.append(Member(ind, ind.table, number, name, year=year))
    return out


def _same_indicator(a: Member[Indicator], b: Member[Indicator]) -> bool:
    """Same year, same name (see names.same_indicator), no conflicting unit ('%' vs 'Orang')."""
    if a.year != b.year:
        return False
    ua, ub = _unit_class(a), _unit_class(b)
    if ua is not None and ub is not None and ua != ub:
        return False
    return same_indicator(a.item.indikator, b.item.indikator)


def check_indicator_field(doc: Document, name: str) -> list[Finding]:
    order = table_order(doc)
    differing: list[tuple[Member[Indicator], list[Member[Indicator]]]] = []
    groups_of: dict[str, int] = {}
    for g in group(indicator_members(doc, name), _same_indicator):
        agreeing, others = split(g, order)
        for table_id in g.tables():
            groups_of[table_id] = groups_of.get(table_id, 0) + 1
        differing.extend((m, agreeing) for m in others)
    out: list[Finding] = []
    whole: set[str] = set()
    claim = _sameness_claim(doc) if name == "target" else None
    claim_note = [] if claim is None else [Note(key="cross_table.claim", params={
        "where": "cross_table.claim_page" if claim.page else "cross_table.claim_line",
        "page": claim.page, "line": claim.line, "claim": short(claim.text, 90)})]
    for table_id, count in groups_of.items():
        mine = [(m, a) for m, a in differing if m.table == table_id]
        if count >= WHOLE_TABLE_MIN and len(mine) == count:
            whole.add(table_id)
            out.append(_whole_table(doc, table_id, name, mine))
    for m, agreeing in differing:
        if m.table in whole:
            continue
        ref = agreeing[0]
        tables = join_tables(a.table for a in agreeing)
        severity, notes = _severity(doc, m, ref)
        page, line = location(doc, m.item.refs, name, m.item.page)
        label = indicator_label(m.item)
        out.append(Finding.of(
            "cross_table.indicator",
            {"field": name, "year_part": "cross_table.year" if m.year else "", "year": m.year,
             "label": short(label, 60), "table": m.table, "value": _fmt_value(m),
             "tables": tables, "ref_value": _fmt_value(ref)},
            claim_note + notes,
            rule=ID, severity=severity, table=m.table, row=label, field=name,
            stated=m.number.value, expected=ref.number.value, page=page, line=line,
            cells=refs_of(m.item.refs, name) + [r for a in agreeing
                                               for r in refs_of(a.item.refs, name)],
        ))
    return out


_SAME_TARGET = re.compile(
    r"(sama\s+dengan\s+target|target\w*\s+(yang\s+)?sama|tidak\s+(me)?(r|ng)?ubah\s+target)",
    re.IGNORECASE)


def _sameness_claim(doc: Document) -> Paragraph | None:
    """Prose that says the targets of the plans are the same ('... telah ditetapkan sama dengan
    target yang ada dalam dokumen Rencana Strategis dan Perjanjian Kinerja')."""
    return next((p for p in doc.paragraphs if _SAME_TARGET.search(p.text)), None)


def _whole_table(doc: Document, table_id: str, name: str,
                 mine: list[tuple[Member[Indicator], list[Member[Indicator]]]]) -> Finding:
    """One warning for a table whose every figure differs: it likely states something else."""
    pairs = "; ".join(f"{_fmt_value(m)} vs {_fmt_value(a[0])}" for m, a in mine)
    table = doc.table(table_id)
    return Finding.of(
        "cross_table.whole_table",
        {"n": len(mine), "field": name, "table": table_id, "pairs": pairs},
        rule=ID, severity="warning", table=table_id, field=name,
        page=table.page if table else mine[0][0].item.page,
        cells=[r for m, _ in mine for r in refs_of(m.item.refs, name)],
    )


# ------------------------------------------------------------------ budgets

def _budget_field(line: BudgetLine) -> str:
    return "pagu_sesudah" if line.pagu_sesudah is not None else "anggaran"


def budget_members(doc: Document, name: str) -> list[Member[BudgetLine]]:
    """Programme lines (matched by name) and grand totals (matched by an equal budget), with
    their budget (``name`` 'amount': pagu sesudah, else anggaran) or their realisasi."""
    out: list[Member[BudgetLine]] = []
    for line in doc.budget_lines:
        if line.level not in ("program", "total"):
            continue
        budget_field = _budget_field(line)
        used = budget_field if name == "amount" else name
        number = stated_number(doc, line.refs, used, getattr(line, used), money=True)
        if number is None:
            continue
        alts = [line.pagu_sebelum] if used == "pagu_sesudah" and line.pagu_sebelum is not None \
            else []
        key = getattr(line, budget_field) if line.level == "total" else None
        if line.level == "total" and (name == "amount" or key is None or key < TOTAL_MATCH_MIN):
            continue  # a total is matched by its budget: only its realisasi can be compared
        out.append(Member(line, line.table, number, used, alts, key=key))
    return out


def _same_budget_line(a: Member[BudgetLine], b: Member[BudgetLine]) -> bool:
    if a.item.level != b.item.level:
        return False
    if a.item.level == "total":
        return a.key is not None and b.key is not None and same(a.key, b.key)
    return same_program(a.item.nama, b.item.nama)


def check_budget_field(doc: Document, name: str) -> list[Finding]:
    order = table_order(doc)
    out: list[Finding] = []
    for g in group(budget_members(doc, name), _same_budget_line):
        agreeing, others = split(g, order)
        ref = agreeing[0]
        tables = join_tables(a.table for a in agreeing
                             if agree_at_common_precision(a.number, ref.number))
        versions = _budget_versions(doc)
        for m in others:
            if not _comparable(versions, m.table, ref.table):
                continue
            severity, notes = _severity(doc, m, ref)
            page, line = location(doc, m.item.refs, m.field, m.item.page)
            label = budget_label(m.item)
            out.append(Finding.of(
                "cross_table.budget",
                {"what": "cross_table.what_total" if m.item.level == "total" else
                 "cross_table.what_line", "label": short(label, 60), "field": m.field,
                 "table": m.table, "amount": fmt_rp(m.number.value), "ref_field": ref.field,
                 "tables": tables, "ref_amount": fmt_rp(ref.number.value)},
                notes, rule=ID, severity=severity, table=m.table, row=label, field=m.field,
                stated=m.number.value, expected=ref.number.value, page=page, line=line,
                cells=refs_of(m.item.refs, m.field) + [
                    r for a in agreeing for r in refs_of(a.item.refs, a.field)],
            ))
    return out


def _budget_versions(doc: Document) -> dict[str, set[float]]:
    """Each table's grand totals (before and after perubahan): what budget version it states."""
    out: dict[str, set[float]] = {}
    for line in doc.budget_lines:
        if line.level == "total":
            out.setdefault(line.table, set()).update(
                v for v in (line.pagu_sebelum, line.pagu_sesudah, line.anggaran) if v)
    return out


def _comparable(versions: dict[str, set[float]], a: str, b: str) -> bool:
    """Two tables whose grand totals differ state different versions of the budget (a
    Perjanjian Kinerja and its perubahan): their programmes may differ without contradiction."""
    if a not in versions or b not in versions:
        return True
    return any(same(x, y) for x in versions[a] for y in versions[b])


def check(doc: Document) -> list[Finding]:
    return (check_indicator_field(doc, "target") + check_indicator_field(doc, "realisasi")
            + check_budget_field(doc, "amount") + check_budget_field(doc, "realisasi"))


RULE = Rule(
    id=ID,
    description_id="Target dan realisasi indikator yang sama, serta anggaran dan realisasi program "
                   "yang sama, bernilai sama di semua tabel (Renstra, Perjanjian Kinerja, capaian, "
                   "anggaran).",
    description_en="The same indicator's target and actual, and the same programme's budget and "
                   "spending, are the same in every table (Renstra, performance agreement, "
                   "capaian, budget tables).",
    check=check,
)
