"""Rule persen: a budget line's stated % vs realisasi / anggaran x 100."""

from __future__ import annotations

from lkip.model import BudgetLine, Document, Finding, Number, Paragraph
from lkip.validate.arith import (
    agree_at_common_precision,
    agrees,
    expected_value,
    fmt_expected,
    fmt_num,
    fmt_pct,
    fmt_stated,
    judge,
    ocr_note,
    same,
)
from lkip.validate.base import (
    Rule,
    budget_label,
    fits_some_reading,
    location,
    ocr_prone,
    refs_of,
    short,
    stated_number,
    uncertain_note,
)
from lkip.validate.prose import (
    BudgetSentence,
    budget_sentences,
    passages,
    quote,
    table_spoken_of,
    total_line,
)

ID = "persen"


def base_field(line: BudgetLine) -> str | None:
    """The amount a percentage or efisiensi is taken against: anggaran, else pagu sesudah."""
    if line.anggaran is not None:
        return "anggaran"
    if line.pagu_sesudah is not None:
        return "pagu_sesudah"
    return None


def _ratio(v: list[float]) -> float:
    return v[1] / v[0] * 100


def budget_figures(doc: Document, line: BudgetLine, name: str, *, percent: bool
                   ) -> tuple[str, Number, Number, Number] | None:
    """A budget line's stated ``name`` figure with the budget and realisasi it derives from, as
    stated (with their precision): (budget field, stated, budget, realisasi), or None."""
    field = base_field(line)
    if field is None or line.realisasi is None or getattr(line, name) is None:
        return None
    stated = stated_number(doc, line.refs, name, getattr(line, name), percent=percent,
                           money=not percent)
    base = stated_number(doc, line.refs, field, getattr(line, field), money=True)
    real = stated_number(doc, line.refs, "realisasi", line.realisasi, money=True)
    if stated is None or base is None or real is None:
        return None
    return field, stated, base, real


def check_line(doc: Document, line: BudgetLine) -> Finding | None:
    figures = budget_figures(doc, line, "persen", percent=True)
    if figures is None:
        return None
    field, stated, base, real = figures
    page, row_line = location(doc, line.refs, "persen", line.page)
    common = Finding(rule=ID, severity="error", table=line.table, row=budget_label(line),
                     field="persen", stated=stated.value, page=page, line=row_line,
                     cells=refs_of(line.refs, field, "realisasi", "persen"), message="")
    shown = fmt_stated(stated, percent=True)
    if same(base.value, 0.0):
        return common.told("persen.budget_zero", {"shown": shown}, severity="info")
    expected = _ratio([base.value, real.value])
    verdict = judge(stated, expected, ocr_prone=ocr_prone(doc, line.page))
    if verdict.ok:
        return None
    numbers = {field: base, "realisasi": real, "persen": stated}
    if fits_some_reading(numbers, line.uncertain, lambda n: agrees(
            n["persen"], _ratio([n[field].value, n["realisasi"].value]))):
        return None  # consistent once the uncertain columns are read the other way
    arith = (f"{fmt_num(real.value, real.decimals)} / {fmt_num(base.value, base.decimals)} × 100"
             f" = {fmt_pct(expected, 2)}")
    want = fmt_expected(expected, stated, percent=True)
    used = [f for f in (field, "realisasi", "persen") if f in line.uncertain]
    severity, unsure = uncertain_note(verdict.severity, used)
    return common.told("persen.wrong", {"shown": shown, "want": want, "arith": arith},
                       ocr_note(verdict) + unsure, severity=severity,
                       expected=expected_value(expected, stated), arithmetic=arith)


def check_prose(doc: Document, para: Paragraph) -> list[Finding]:
    """'alokasi anggaran sebesar Rp A realisasi anggaran sebesar Rp R (P%)': P = R / A x 100."""
    out: list[Finding] = []
    for sentence in budget_sentences(para.text):
        base = sentence.anggaran.parsed.number
        real = sentence.realisasi.parsed.number
        stated = sentence.persen.parsed.number if sentence.persen else None
        if base is None or real is None or stated is None or same(base.value, 0.0):
            continue
        expected = _ratio([base.value, real.value])
        verdict = judge(stated, expected, ocr_prone=ocr_prone(doc, para.page))
        if verdict.ok or _amount_off_table(doc, para, sentence):
            continue
        arith = (f"{fmt_num(real.value, real.decimals)} / {fmt_num(base.value, base.decimals)}"
                 f" × 100 = {fmt_pct(expected, 2)}")
        shown = fmt_stated(stated, percent=True)
        want = fmt_expected(expected, stated, percent=True)
        who = sentence.subject or quote(para.text, sentence.anggaran)
        out.append(Finding.of(
            "persen.prose", {"who": short(who, 80), "real": fmt_stated(real, money=True),
                             "base": fmt_stated(base, money=True), "shown": shown, "want": want,
                             "arith": arith},
            ocr_note(verdict), rule=ID, severity=verdict.severity, row=who, field="persen",
            stated=stated.value, expected=expected_value(expected, stated), arithmetic=arith,
            page=para.page, line=para.line))
    return out


def quoted_total(doc: Document, para: Paragraph, sentence: BudgetSentence) -> BudgetLine | None:
    """The grand-total line a sentence without a subject quotes: of the table it speaks of, else
    of any budget table, the total line that agrees with two of its three figures (anggaran,
    realisasi, %). None when no total line agrees on two."""
    if sentence.subject is not None or sentence.persen is None:
        return None
    said = (sentence.anggaran.parsed.number, sentence.realisasi.parsed.number,
            sentence.persen.parsed.number)
    spoken = table_spoken_of(doc, para, sentence.anggaran.start)
    tables = [spoken] if spoken else []
    tables += [t.id for t in doc.tables if t.id != spoken]
    for table_id in tables:
        line = total_line(doc, table_id)
        if line is not None and sum(_agree(doc, line, said)) >= 2:
            return line
    return None


def _agree(doc: Document, line: BudgetLine, said: tuple[Number | None, ...]) -> list[bool]:
    """Whether the line states each of (anggaran, realisasi, %) as the sentence does."""
    field = base_field(line)
    out = []
    for number, name in zip(said, (field, "realisasi", "persen"), strict=True):
        value = getattr(line, name) if name else None
        told = stated_number(doc, line.refs, name, value, percent=name == "persen",
                             money=name != "persen") if name and value is not None else None
        out.append(number is not None and told is not None and agree_at_common_precision(
            number, told))
    return out


def _amount_off_table(doc: Document, para: Paragraph, sentence: BudgetSentence) -> bool:
    """The sentence quotes a table's total: its % is the table's and one amount is not. The
    amount is the odd one (rule narrative reports it), not the %."""
    line = quoted_total(doc, para, sentence)
    if line is None:
        return False
    said = (sentence.anggaran.parsed.number, sentence.realisasi.parsed.number,
            sentence.persen.parsed.number if sentence.persen else None)
    return _agree(doc, line, said)[2]


def check(doc: Document) -> list[Finding]:
    lines = [f for line in doc.budget_lines if (f := check_line(doc, line)) is not None]
    return lines + [f for para in passages(doc) for f in check_prose(doc, para)]


RULE = Rule(
    id=ID,
    description_id="Persentase realisasi anggaran (di tabel dan dalam uraian) sama dengan "
                   "realisasi / anggaran × 100.",
    description_en="A spending rate (in a table or in the prose) equals spending / budget × 100.",
    check=check,
)
