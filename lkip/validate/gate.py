"""The plausibility gate: an error stands only when the reading it rests on is sound.

A rule judges one row at a time and cannot see that its row is one of many that fail in the same
way. When most rows of a table fail one check, the table was almost certainly misread (columns
swapped, rows shifted, a wrapped label glued to its neighbour, another kind of table taken for
this one) rather than wrong on every row: the reviewer gets one warning that names the table and
what was not understood, and the per-row findings stay as information. The same holds for one
table row that many prose figures are said to contradict, and for a difference of orders of
magnitude (a separator or a unit misread, not a slip of the author's pen).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable

from lkip.messages import MessageParam
from lkip.model import BudgetLine, Document, Finding, Indicator, Severity
from lkip.validate.base import short

log = logging.getLogger(__name__)

MIN_FAILING = 3  # fewer failing rows than this are judged one by one
FAILING_SHARE = 0.5  # failing rows / rows the check could judge, at or above which a table is suspect
SAME_ROW_PROSE = 3  # prose figures said to contradict one table row, at or above which none is
MAGNITUDE = 50.0  # stated / expected (or its inverse) at or above which the reading is suspect
RATIO_RULES = frozenset({"capaian", "persen", "efisiensi", "average"})

_Checkable = Callable[[Document, str], int]


def _indicators(doc: Document, table: str, need: tuple[str, ...]) -> int:
    rows = {i.row_index for i in doc.indicators if i.table == table and _has(i, need)}
    return len(rows)


def _lines(doc: Document, table: str, need: tuple[str, ...]) -> int:
    return sum(1 for b in doc.budget_lines if b.table == table and _has(b, need))


def _has(item: Indicator | BudgetLine, need: tuple[str, ...]) -> bool:
    return all(any(getattr(item, f, None) not in (None, "") for f in alts.split("|"))
               for alts in need)


def _parents(doc: Document, table: str) -> int:
    parents = {b.parent for b in doc.budget_lines if b.parent is not None}
    return sum(1 for p in parents if doc.budget_lines[p].table == table)


# rows of a table each rule could judge: the denominator of the failing share
CHECKABLE: dict[str, _Checkable] = {
    "capaian": lambda d, t: _indicators(d, t, ("target", "realisasi", "capaian")),
    "category": lambda d, t: _indicators(d, t, ("capaian", "kategori")),
    "persen": lambda d, t: _lines(d, t, ("anggaran|pagu_sesudah", "realisasi", "persen")),
    "efisiensi": lambda d, t: _lines(d, t, ("anggaran|pagu_sesudah", "realisasi", "efisiensi")),
    "total": _parents,
    "change": lambda d, t: _lines(d, t, ("pagu_sebelum", "pagu_sesudah")),
    "cross_table": lambda d, t: _indicators(d, t, ("target|realisasi",)) + _lines(
        d, t, ("anggaran|pagu_sesudah|realisasi",)),
}


# a row label with these words in it is the table's header read as a row
HEADER_WORDS = ("sasaran", "indikator", "target", "realisasi", "capaian", "penilaian", "satuan",
                "anggaran", "kategori", "pagu", "efisiensi", "kode")
MIN_HEADER_WORDS = 3
MIN_FIGURES = 2  # figures in a row label, at or above which it has swallowed its row's cells
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\b\d+(?:,\d+)?/\d+|"
                     r"\b\d+,\d+\b")
# a capaian with its kategori ('107,4% Sangat'): the row's last cells read into its name
_RATED = re.compile(r"\d+(?:[.,]\d+)?\s*%\s+(?:sangat|baik|cukup|kurang|sedang|tinggi|rendah)\b",
                    re.IGNORECASE)
# two numbered rows glued into one ('1Persentase ... 2Angka ...')
_ENUMERATED = re.compile(r"(?<![\w.,])\d{1,2}(?=[A-Z][a-z])")


def gate(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with the errors that rest on an unsound reading turned into information, and
    one warning for each table (or row) whose reading is suspect."""
    out = [_row_unsound(f) for f in findings]
    out = [_magnitude(f) for f in out]
    out = _mass_failures(doc, out)
    out = _follows_from_a_row(doc, out)
    out = _follows_from_same_line(out)
    out = _persen_from_amounts(doc, out)
    out = _efisiensi_from_amounts(doc, out)
    out = _prose_persen_told_twice(out)
    return _prose_on_one_row(out)


def _row_of(item: Finding | BudgetLine) -> str:
    """A finding's row, or a budget line's name, with its spaces normalised: the key that ties
    findings on one line to each other and to the line."""
    return " ".join(((item.row or "") if isinstance(item, Finding) else item.nama).split())


def _line_of(doc: Document, key: tuple[str | None, str]) -> BudgetLine | None:
    """The budget line a (table, row) key names, if it was read."""
    return next((b for b in doc.budget_lines if b.table == key[0] and _row_of(b) == key[1]), None)


PERSEN_ROUNDING = 0.06  # points: a stated % the sums of the rows below give, to its rounding
PERSEN_SLACK = 2.0  # ... or this close (rows read in part), when its own amounts are far off:
PERSEN_FAR = 25.0  # points between the stated % and the ratio of the line's own amounts


def _persen_from_amounts(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A total row whose % does not follow from its own amounts but does from the sums of the
    rows below it ('87,40 %' beside '34.092.251.125' and '04.597.911.173', whose kegiatan add up
    to 234.092.251.125 and 204.597.911.173): the amounts are what is wrong, told by the total
    check; the % error would send the OPD to fix the one right figure. Information."""
    sums: dict[tuple[str | None, str], dict[str, float]] = defaultdict(dict)
    for f in findings:
        if f.rule == "total" and f.field in ("anggaran", "realisasi") and _numeric(f):
            sums[(f.table, _row_of(f))][f.field] = float(f.expected)  # type: ignore[arg-type]
    out: list[Finding] = []
    for f in findings:
        key = (f.table, _row_of(f))
        ratio = _ratio_of_sums(doc, key, sums.get(key)) if (
            f.severity == "error" and f.rule == "persen" and _numeric(f)) else None
        if ratio is None or not _follows_sums(float(f.stated), ratio, float(f.expected)):  # type: ignore[arg-type]
            out.append(f)
            continue
        shown = f"{ratio:.2f}".replace(".", ",")
        out.append(_demoted(f, "info", "gate.persen_of_sums", {"ratio": shown}))
    return out


def _efisiensi_from_amounts(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A total row's efisiensi that is its own anggaran minus its own realisasi, on a row whose
    anggaran or realisasi the total check found wrong: the efisiensi differs from the sum of its
    column because those amounts do (and because of any line's own efisiensi error, told on that
    line); once they are mended it follows. The amounts' error, told again: information."""
    wrong_amounts = {(f.table, _row_of(f)) for f in findings if f.rule == "total"
                     and f.severity == "error" and f.field in ("anggaran", "realisasi")}
    out: list[Finding] = []
    for f in findings:
        key = (f.table, _row_of(f))
        if not (f.rule == "total" and f.severity == "error" and f.field == "efisiensi"
                and key in wrong_amounts and _own_efisiensi(doc, key, f.stated)):
            out.append(f)
            continue
        out.append(_demoted(f, "info", "gate.own_efisiensi"))
    return out


def _own_efisiensi(doc: Document, key: tuple[str | None, str], stated: object) -> bool:
    """Whether a line's stated efisiensi is its own anggaran (or pagu) minus its realisasi, to
    the rupiah."""
    line = _line_of(doc, key)
    if line is None or not isinstance(stated, (int, float)) or line.realisasi is None:
        return False
    base = line.anggaran if line.anggaran is not None else line.pagu_sesudah
    return base is not None and abs(base - line.realisasi - float(stated)) < 1.0


def _follows_sums(stated: float, of_sums: float, own: float) -> bool:
    """Whether a stated % is the ratio of the sums of the rows below rather than a wrong %: it
    is that ratio to its rounding, or close to it while the line's own amounts give a % far off
    (a digit lost from one amount: '04.597.911.173' for 204.597.911.173)."""
    near = abs(stated - of_sums)
    return near <= PERSEN_ROUNDING or (near <= PERSEN_SLACK and abs(stated - own) >= PERSEN_FAR)


def _ratio_of_sums(doc: Document, key: tuple[str | None, str],
                   sums: dict[str, float] | None) -> float | None:
    """100 x realisasi / anggaran of a line, each taken from the sum of the rows below it where
    the total check found it differs; None without such a sum."""
    if not sums:
        return None
    line = _line_of(doc, key)
    if line is None:
        return None
    anggaran = sums.get("anggaran", line.anggaran)
    realisasi = sums.get("realisasi", line.realisasi)
    if not anggaran or realisasi is None:
        return None
    return 100.0 * realisasi / anggaran


def _follows_from_a_row(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A total off by exactly what a line below it is off by its own arithmetic (its efisiensi
    or % wrong in the same column) is that line's error told again: information, not a second
    error."""
    errors = [f for f in findings if f.severity == "error" and f.stated is not None]
    by_line: dict[tuple[str | None, str, str | None], list[Finding]] = defaultdict(list)
    for f in errors:
        if f.rule != "total":
            by_line[(f.table, _row_of(f), f.field)].append(f)
    wrong = {id(f) for f in errors}
    out: list[Finding] = []
    for f in findings:
        cause = _cause_below(doc, f, by_line) if id(f) in wrong and f.rule == "total" else None
        if cause is None:
            out.append(f)
            continue
        out.append(_demoted(f, "info", "gate.from_row_below", {
            "cause": cause.rule, "cause_row": short(cause.row or "", 50)}))
    return out


def _cause_below(doc: Document, f: Finding,
                 by_line: dict[tuple[str | None, str, str | None], list[Finding]]) -> Finding | None:
    if not isinstance(f.stated, (int, float)) or not isinstance(f.expected, (int, float)):
        return None
    off = f.stated - f.expected
    parents = [i for i, b in enumerate(doc.budget_lines)
               if b.table == f.table and _row_of(b) == _row_of(f)]
    for p in parents:
        for child in (b for b in doc.budget_lines if b.parent == p):
            for other in by_line.get((child.table, _row_of(child), f.field), []):
                if isinstance(other.stated, (int, float)) and isinstance(other.expected, (int, float)) \
                        and abs((other.expected - other.stated) - off) < 1:
                    return other
    return None


# rules that recompute a figure from the other figures of its own line
SAME_LINE_RULES = frozenset({"efisiensi", "persen"})
# a derived column and how an error in a base column on the same line moves its sum
_DERIVED = {"efisiensi": {"realisasi": -1.0, "anggaran": 1.0}, "sisa": {"realisasi": -1.0, "anggaran": 1.0}}


def _follows_from_same_line(findings: list[Finding]) -> list[Finding]:
    """A total error told again by the same line: its own arithmetic error on that figure
    (efisiensi ≠ anggaran − realisasi, with the same expected value), or, for a derived column
    (efisiensi, sisa) that follows from the line's own figures, the total error of the realisasi
    or anggaran it is derived from, off by the same amount. And a cross-table difference whose two
    figures are a total error's stated and expected sum: the total error seen from another table.
    Information, not a second error."""
    errors = [f for f in findings if f.severity == "error" and _numeric(f)]
    wrong = {id(f) for f in errors}
    own: dict[tuple[str | None, str, str | None], list[Finding]] = defaultdict(list)
    totals: dict[tuple[str | None, str, str | None], list[Finding]] = defaultdict(list)
    for f in errors:
        key = (f.table, _row_of(f), f.field)
        if f.rule == "total":
            totals[key].append(f)
        elif f.rule in SAME_LINE_RULES:
            own[key].append(f)
    pairs = {_pair(f): f for fs in totals.values() for f in fs}
    out: list[Finding] = []
    for f in findings:
        cause = None
        if id(f) in wrong and f.rule == "total":
            cause = _same_line_cause(f, own, totals)
        elif id(f) in wrong and f.rule == "cross_table":
            cause = pairs.get(_pair(f))
        if cause is None:
            out.append(f)
            continue
        out.append(_demoted(f, "info", "gate.from_same_line", {
            "cause": cause.rule, "cause_field": cause.field or "",
            "cause_row": short(cause.row or "", 50)}))
    return out


def _pair(f: Finding) -> frozenset[float]:
    off, expected = _off(f)
    return frozenset((round(expected + off, 2), round(expected, 2)))


def _numeric(f: Finding) -> bool:
    return isinstance(f.stated, (int, float)) and isinstance(f.expected, (int, float))


def _same_line_cause(f: Finding, own: dict[tuple[str | None, str, str | None], list[Finding]],
                     totals: dict[tuple[str | None, str, str | None], list[Finding]]) -> Finding | None:
    row = _row_of(f)
    for other in own.get((f.table, row, f.field), []):
        if abs(_off(other)[1] - _off(f)[1]) < 1:  # both say what the figure should be: the same
            return other
    off = _off(f)[0]
    for base, sign in _DERIVED.get(f.field or "", {}).items():
        for other in totals.get((f.table, row, base), []):
            if abs(sign * _off(other)[0] - off) < 1:
                return other
    return None


def _off(f: Finding) -> tuple[float, float]:
    """(stated − expected, expected) of a numeric finding."""
    assert isinstance(f.stated, (int, float)) and isinstance(f.expected, (int, float))
    return f.stated - f.expected, float(f.expected)


def unsound_label(label: str) -> str | None:
    """Why a row label shows that its row was misread (None: it does not): the header read as a
    row, or the row's figures swallowed into its label."""
    words = label.lower()
    if sum(1 for w in HEADER_WORDS if re.search(rf"\b{w[:6]}", words)) >= MIN_HEADER_WORDS:
        return "header"
    if len(_FIGURE.findall(label)) >= MIN_FIGURES or _RATED.search(label):
        return "figures"
    if len(_ENUMERATED.findall(label)) >= 2:
        return "merged"
    return None


def _row_unsound(f: Finding) -> Finding:
    if f.severity != "error" or not f.row or f.table is None:  # no table: the row is prose
        return f
    why = unsound_label(f.row)
    if why is None:
        return f
    return _demoted(f, "info", "gate.unsound_row", {"why": why})


def _magnitude(f: Finding) -> Finding:
    """A ratio off by orders of magnitude: a misread separator or unit, not an arithmetic slip."""
    if f.severity != "error" or f.rule not in RATIO_RULES:
        return f
    stated, expected = f.stated, f.expected
    if not isinstance(stated, (int, float)) or not isinstance(expected, (int, float)):
        return f
    big, small = max(abs(stated), abs(expected)), min(abs(stated), abs(expected))
    if big < MAGNITUDE * max(small, 1.0) or (f.rule == "efisiensi" and small == 0):
        return f  # an efisiensi stated where the budget was spent whole is no separator slip
    return _demoted(f, "warning", "gate.magnitude")


def _mass_failures(doc: Document, findings: list[Finding]) -> list[Finding]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.severity == "error" and f.table is not None and f.rule in CHECKABLE:
            groups[(f.rule, f.table)].append(i)
    demote: set[int] = set()
    notes: list[Finding] = []
    for (rule, table), idx in groups.items():
        failing = len({findings[i].row for i in idx})
        checkable = max(CHECKABLE[rule](doc, table), failing)
        if failing < MIN_FAILING or failing < FAILING_SHARE * checkable:
            continue
        log.info("%s: %d of %d rows fail %s: reading suspect", table, failing, checkable, rule)
        demote.update(idx)
        notes.append(_suspect_table(findings[idx[0]], failing, checkable, [findings[i] for i in idx]))
    out = [_as_info(f) if i in demote else f for i, f in enumerate(findings)]
    return out + notes


def _suspect_table(first: Finding, failing: int, checkable: int, items: list[Finding]) -> Finding:
    rows = "; ".join(short(f.row or "?", 40) for f in items[:4])
    more = f"; … (+{len(items) - 4})" if len(items) > 4 else ""
    return Finding.of(
        "gate.suspect_table", {"table": first.table, "failing": failing, "checkable": checkable,
                               "check": first.rule, "rows": rows + more},
        rule=first.rule, severity="warning", table=first.table, page=first.page, line=first.line,
        cells=[c for f in items[:4] for c in f.cells],
    )


def _prose_persen_told_twice(findings: list[Finding]) -> list[Finding]:
    """A prose % that differs from the table's total (narrative) and, the table's amounts being
    the sentence's, from the sentence's own amounts (persen): one wrong figure, one error; the
    narrative finding, which names the table, stays."""
    said = {(f.page, f.line, f.stated, f.expected) for f in findings
            if f.rule == "narrative" and f.severity == "error" and f.field == "persen"}
    out: list[Finding] = []
    for f in findings:
        if f.rule == "persen" and f.severity == "error" and f.table is None and (
                f.page, f.line, f.stated, f.expected) in said:
            out.append(_demoted(f, "info", "gate.told_by_narrative"))
        else:
            out.append(f)
    return out


def _prose_on_one_row(findings: list[Finding]) -> list[Finding]:
    """Several different prose figures all 'contradicting' one table row: the prose speaks of
    something else (a kegiatan's amount, another year), not of that row."""
    groups: dict[tuple[str | None, str | None, str | None], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.severity == "error" and f.rule == "narrative":
            groups[(f.table, f.row, f.field)].append(i)
    demote = {i for idx in groups.values()
              if len({findings[i].stated for i in idx}) >= SAME_ROW_PROSE for i in idx}
    return [_as_info(f) if i in demote else f for i, f in enumerate(findings)]


def _as_info(f: Finding) -> Finding:
    return _demoted(f, "info", "gate.table_in_doubt")


def _demoted(f: Finding, severity: Severity, key: str,
             params: dict[str, MessageParam] | None = None) -> Finding:
    """The finding at ``severity``, with the catalogue sentence ``key`` saying why."""
    return f.noted(key, params, severity=severity)
