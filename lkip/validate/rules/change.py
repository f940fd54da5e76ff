"""Rule change: 'Rp A menjadi Rp B atau berkurang Rp X (Y%)' claims: X = |A - B|, Y = X / A."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lkip.model import BudgetLine, CellRef, Document, Finding, Note, Paragraph
from lkip.normalize.numbers import ProseFigure, find_figures
from lkip.validate.arith import (
    agrees,
    digits,
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_rp,
    fmt_stated,
    judge,
    judge_sum,
    ocr_note,
    same,
    within_one_edit,
)
from lkip.validate.base import Rule, budget_label, ocr_prone, refs_of, stated_number
from lkip.validate.prose import passages

ID = "change"
_MENJADI = re.compile(r"\bmenjadi\b", re.IGNORECASE)
_DOWN = r"berkurang|turun|menurun|penurunan|pengurangan"
_UP = r"bertambah|naik|meningkat|peningkatan|kenaikan|penambahan"
_DIRECTION = re.compile(rf"\b(?:(?P<down>{_DOWN})|(?P<up>{_UP}))\b", re.IGNORECASE)
MAX_BEFORE = 220  # characters between the original amount and 'menjadi'
MAX_AFTER = 60  # characters between one part of the claim and the next


@dataclass
class Claim:
    """One 'A menjadi B, berkurang X (Y%)' sentence, as figures."""

    a: ProseFigure
    b: ProseFigure
    down: bool
    x: ProseFigure | None
    y: ProseFigure | None


def _is_money(fig: ProseFigure) -> bool:
    if fig.parsed.number is not None:
        return fig.parsed.number.money
    return fig.parsed.kind == "malformed" and fig.raw.lower().startswith("rp")


def claims(text: str) -> list[Claim]:
    figs = find_figures(text)
    out: list[Claim] = []
    for m in _MENJADI.finditer(text):
        before = [f for f in figs if f.end <= m.start()]
        if not before or not _is_money(before[-1]) or m.start() - before[-1].end > MAX_BEFORE:
            continue
        a = before[-1]
        after = [f for f in figs if f.start >= m.end()]
        if not after or not _is_money(after[0]) or after[0].start - m.end() > MAX_AFTER:
            continue
        b = after[0]
        direction = _DIRECTION.search(text, b.end)
        if direction is None or direction.start() - b.end > MAX_AFTER:
            continue
        rest = [f for f in figs if f.start >= direction.end()]
        near = rest and rest[0].start - direction.end() <= MAX_AFTER
        x = rest[0] if near and _is_money(rest[0]) else None
        y = None
        pcts = [f for f in figs if f.start >= (x.end if x else direction.end())]
        if pcts and pcts[0].parsed.number is not None and pcts[0].parsed.number.percent:
            gap = pcts[0].start - (x.end if x else direction.end())
            y = pcts[0] if gap <= 15 else None
        if x is None and y is None:
            continue
        out.append(Claim(a, b, direction.group("down") is not None, x, y))
    return out


@dataclass
class NewAmount:
    """The amount after the change, and where it came from when the text's own is unreadable."""

    value: float
    from_x: bool = False  # derived as A ∓ X: X cannot then be checked against it
    notes: list[Note] = field(default_factory=list)  # said of it in the message
    table: str | None = None
    cells: list[CellRef] = field(default_factory=list)


def new_amount(doc: Document, claim: Claim) -> NewAmount | None:
    """B as the text states it; when malformed, the grand total after amendment of a perubahan
    table whose total before equals A, else A ∓ X when B's digits are those of A ∓ X with one
    digit misread."""
    if claim.b.parsed.number is not None:
        return NewAmount(claim.b.parsed.number.value)
    a = claim.a.parsed.number
    if a is None:
        return None
    for line in doc.budget_lines:
        if (line.level == "total" and line.pagu_sebelum is not None
                and line.pagu_sesudah is not None and same(line.pagu_sebelum, a.value)):
            value = line.pagu_sesudah
            return NewAmount(
                value, table=line.table, cells=refs_of(line.refs, "pagu_sebelum", "pagu_sesudah"),
                notes=[Note(key="change.new_from_total", params={
                    "raw": claim.b.raw, "amount": fmt_rp(value), "table": line.table})],
            )
    x = claim.x.parsed.number if claim.x else None
    if x is None:
        return None
    guess = a.value - x.value if claim.down else a.value + x.value
    printed = re.sub(r"\D", "", claim.b.raw)
    if any(within_one_edit(printed, digits(guess, d)) for d in (0, 2)):
        how = "A − X" if claim.down else "A + X"
        return NewAmount(
            guess, from_x=True,
            notes=[Note(key="change.new_from_x", params={
                "raw": claim.b.raw, "amount": fmt_rp(guess), "how": how})],
        )
    return None


def check_claim(doc: Document, para: Paragraph, claim: Claim) -> list[Finding]:
    a = claim.a.parsed.number
    if a is None or same(a.value, 0.0):
        return []
    prone = ocr_prone(doc, para.page)
    new = new_amount(doc, claim)
    b = new.value if new else None
    where = Finding(rule=ID, severity="error", page=para.page, line=para.line,
                    table=new.table if new else None, cells=new.cells if new else [], message="")
    end = claim.y or claim.x or claim.b
    stop = end.end + 1 if para.text[end.end:end.end + 1] == ")" else end.end
    sentence = " ".join(para.text[claim.a.start:stop].split())
    notes = (new.notes if new else []) + [Note(key="change.sentence", params={"sentence": sentence})]
    out: list[Finding] = []
    old_txt = fmt_stated(a, money=True)
    if b is not None and not same(a.value, b) and (b < a.value) != claim.down:
        out.append(where.told(
            "change.direction", {"said": "down" if claim.down else "up", "old": old_txt,
                                 "new": fmt_rp(b), "went": "up" if b > a.value else "down"},
            notes, severity="error", field="arah",
            stated="berkurang" if claim.down else "bertambah",
            expected="bertambah" if claim.down else "berkurang"))
    x = claim.x.parsed.number if claim.x else None
    diff = abs(a.value - b) if b is not None else None
    if x is not None and diff is not None and not (new and new.from_x):
        verdict = judge(x, diff, ocr_prone=prone)
        if not verdict.ok:
            arith = f"|{fmt_num(a.value)} − {fmt_num(b or 0)}| = {fmt_num(diff)}"
            want = fmt_expected(diff, x, money=True)
            out.append(where.told(
                "change.prose_selisih", {"shown": fmt_stated(x, money=True), "want": want,
                                         "arith": arith},
                notes + ocr_note(verdict), severity=verdict.severity, field="selisih",
                stated=x.value, expected=expected_value(diff, x), arithmetic=arith))
    y = claim.y.parsed.number if claim.y else None
    change = diff if diff is not None else (x.value if x is not None else None)
    if y is None or change is None:
        return out
    expected = change / a.value * 100
    verdict = judge(y, expected, ocr_prone=prone)
    if verdict.ok:
        return out
    arith = f"{fmt_num(change)} / {fmt_num(a.value)} × 100 = {fmt_pct(expected, 2)}"
    shown, want = fmt_stated(y, percent=True), fmt_expected(expected, y, percent=True)
    of_new = [Note(key="change.of_new", params={
        "shown": shown, "change": fmt_num(change), "new": fmt_num(b)})] if b and agrees(
            y, change / b * 100) else []
    out.append(where.told(
        "change.prose_persen", {"shown": shown, "want": want, "arith": arith},
        of_new + notes + ocr_note(verdict), severity=verdict.severity, field="persen_selisih",
        stated=y.value, expected=expected_value(expected, y), arithmetic=arith))
    return out


def check_table_line(doc: Document, line: BudgetLine) -> list[Finding]:
    """A pagu table's change column: selisih = sesudah − sebelum, and its % = selisih / sebelum."""
    before = stated_number(doc, line.refs, "pagu_sebelum", line.pagu_sebelum, money=True)
    after = stated_number(doc, line.refs, "pagu_sesudah", line.pagu_sesudah, money=True)
    change = stated_number(doc, line.refs, "selisih", line.selisih, money=True)
    if before is None or after is None:
        return []
    out: list[Finding] = []
    label = budget_label(line)
    if change is not None:
        negated = before.model_copy(update={"value": -before.value})
        verdict = judge_sum(change, [after, negated], ocr_prone=ocr_prone(doc, line.page))
        expected = after.value - before.value
        if not verdict.ok and not agrees(change, -expected):  # a reduction printed unsigned is fine
            arith = (f"{fmt_num(after.value, after.decimals)} − {fmt_num(before.value, before.decimals)}"
                     f" = {fmt_num(expected, max(after.decimals, before.decimals))}")
            shown, want = fmt_stated(change, money=True), fmt_expected(expected, change, money=True)
            out.append(Finding.of(
                "change.table_selisih", {"shown": shown, "want": want, "arith": arith},
                ocr_note(verdict),
                rule=ID, severity=verdict.severity, table=line.table, row=label, field="selisih",
                stated=change.value, expected=expected_value(expected, change), arithmetic=arith,
                page=line.page, cells=refs_of(line.refs, "pagu_sebelum", "pagu_sesudah", "selisih"),
            ))
    pct = stated_number(doc, line.refs, "selisih_persen", line.selisih_persen, percent=True)
    if pct is not None and not same(before.value, 0.0):
        expected = (after.value - before.value) / before.value * 100
        verdict = judge(pct, expected, ocr_prone=ocr_prone(doc, line.page))
        if not verdict.ok and not agrees(pct, -expected):
            arith = (f"({fmt_num(after.value, after.decimals)} − "
                     f"{fmt_num(before.value, before.decimals)}) / "
                     f"{fmt_num(before.value, before.decimals)} × 100 = {fmt_pct(expected, 2)}")
            shown, want = fmt_stated(pct, percent=True), fmt_expected(expected, pct, percent=True)
            out.append(Finding.of(
                "change.table_persen", {"shown": shown, "want": want, "arith": arith},
                ocr_note(verdict),
                rule=ID, severity=verdict.severity, table=line.table, row=label,
                field="selisih_persen", stated=pct.value, expected=expected_value(expected, pct),
                arithmetic=arith, page=line.page,
                cells=refs_of(line.refs, "pagu_sebelum", "pagu_sesudah", "selisih_persen"),
            ))
    return out


def check(doc: Document) -> list[Finding]:
    prose = [f for para in passages(doc) for claim in claims(para.text)
             for f in check_claim(doc, para, claim)]
    return prose + [f for line in doc.budget_lines for f in check_table_line(doc, line)]


RULE = Rule(
    id=ID,
    description_id="Perubahan anggaran benar: uraian 'semula A menjadi B, berkurang X (Y%)' dan "
                   "kolom selisih tabel pagu: X = |A − B| dan Y = X / A × 100.",
    description_en="Budget changes add up, in sentences ('A became B, down by X (Y%)') and in a "
                   "pagu table's change column: X = |A − B| and Y = X / A × 100.",
    check=check,
)
