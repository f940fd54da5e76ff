"""Reading prose for the rules: which table a paragraph speaks of, figures with their context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lkip.model import BudgetLine, Document, Paragraph
from lkip.normalize.numbers import ProseFigure, find_figures

_TABLE_REF = re.compile(r"\bTabel\s+(\d+(?:\s*\.\s*\d+)*)", re.IGNORECASE)


def _norm_id(table_id: str) -> str:
    return re.sub(r"\s+", "", table_id).lower()


def named_tables(doc: Document, para: Paragraph) -> list[tuple[int, str]]:
    """(offset, table id) of every table of ``doc`` the paragraph names ('Dari Tabel 3.1.6')."""
    ids = {_norm_id(t.id): t.id for t in doc.tables}
    out: list[tuple[int, str]] = []
    for m in _TABLE_REF.finditer(para.text):
        key = _norm_id("tabel" + m.group(1))
        if key in ids:
            out.append((m.start(), ids[key]))
    return out


def table_spoken_of(doc: Document, para: Paragraph, offset: int) -> str | None:
    """The table a figure at ``offset`` of the paragraph speaks of: the nearest table named before
    it, else the first named after it, else the nearest table above the paragraph. A paragraph
    that names only tables the document does not have speaks of none."""
    named = named_tables(doc, para)
    before = [tid for pos, tid in named if pos < offset]
    if before:
        return before[-1]
    if named:
        return named[0][1]
    if _TABLE_REF.search(para.text):
        return None
    return para.after_table if para.after_table and doc.table(para.after_table) else None


def total_line(doc: Document, table_id: str) -> BudgetLine | None:
    """The grand-total budget line of a table (its last, when there are several)."""
    lines = [b for b in doc.budget_lines if b.table == table_id and b.level == "total"]
    return lines[-1] if lines else None


def quote(text: str, fig: ProseFigure, before: int = 60, after: int = 10) -> str:
    """The words around a figure, for a message: '… efisiensi belanja sebesar Rp.76.583.441.'"""
    start = max(0, fig.start - before)
    end = min(len(text), fig.end + after)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < fig.start else start
    if end < len(text):
        space = text.rfind(" ", fig.end, end)
        end = space if space > fig.end else end
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


MAX_LINE_GAP = 3  # input lines between two pieces of one sentence (OCR puts blank lines between)


def passages(doc: Document) -> list[Paragraph]:
    """The document's paragraphs with sentences that OCR broke over blank lines joined again: a
    paragraph not ending in . ! ? : ; runs on into the next one when that follows within a few
    lines on the same page under the same table."""
    out: list[Paragraph] = []
    for para in doc.paragraphs:
        prev = out[-1] if out else None
        if prev is not None and _runs_on(prev, para):
            out[-1] = prev.model_copy(update={
                "text": prev.text.rstrip() + " " + para.text.lstrip(),
                "line_end": para.line_end or para.line or prev.line_end,
            })
        else:
            out.append(para)
    return out


def _runs_on(prev: Paragraph, para: Paragraph) -> bool:
    if not prev.text.strip() or prev.text.rstrip()[-1] in ".!?:;":
        return False
    if prev.page != para.page or prev.after_table != para.after_table:
        return False
    end = prev.line_end or prev.line
    if end is None or para.line is None:
        return False
    return 0 < para.line - end <= MAX_LINE_GAP


_SUBJECT = re.compile(r"\b(?:Sub\s+Kegiatan|Kegiatan|Program)\b", re.IGNORECASE)
_SUBJECT_END = re.compile(r"\s+(?:yang\s+dilak\w*|dengan\s+(?:alokasi|anggaran|pagu|realisasi)|"
                          r"alokasi\s+anggaran|sebesar|mendapat\w*)\b|[,;:(]", re.IGNORECASE)
MAX_SUBJECT = 160
SENTENCE_END = re.compile(r"(?<!\d)[.!?]\s+(?=[A-Z(])")


def subject_before(text: str, pos: int) -> str | None:
    """The programme or kegiatan the sentence around ``pos`` is about, named before it:
    'Kegiatan Pembinaan ... melalui Lomba Desa ...' up to 'yang dilaksanakan' / 'dengan alokasi' /
    a comma; None when the sentence names none."""
    begin = max(0, pos - 400)
    ends = [m.end() for m in SENTENCE_END.finditer(text, begin, pos)]
    starts = [m for m in _SUBJECT.finditer(text, ends[-1] if ends else begin, pos)]
    if not starts:
        return None
    start = starts[-1].start()
    end = _SUBJECT_END.search(text, starts[-1].end(), pos)
    name = " ".join(text[start:end.start() if end else pos].split())
    words = name.split()
    if len(words) < 3:
        return None
    return name[:MAX_SUBJECT]


# the keyword naming a budget figure; 'realisasi anggaran' is read as one realisasi keyword
_BUDGET_WORD = re.compile(r"\b(?:(?P<realisasi>realisasi(?:\s+anggaran)?|terserap|penyerapan)|"
                          r"(?P<anggaran>alokasi\s+anggaran|anggaran|pagu|alokasi))\b",
                          re.IGNORECASE)
KEYWORD_GAP = 40  # characters between a keyword and the figure it names
PERCENT_GAP = 12  # characters between a realisasi amount and its '(99,17 %)'


@dataclass
class BudgetSentence:
    """'<subject> dengan alokasi anggaran sebesar Rp A realisasi anggaran sebesar Rp R (P%)'."""

    subject: str | None
    anggaran: ProseFigure
    realisasi: ProseFigure
    persen: ProseFigure | None


def _named_by(text: str, fig: ProseFigure, start: int, group: str) -> bool:
    """True when the keyword nearest before ``fig`` (after ``start``) is of kind ``group``."""
    hits = list(_BUDGET_WORD.finditer(text, start, fig.start))
    return bool(hits) and hits[-1].group(group) is not None and (
        fig.start - hits[-1].end() <= KEYWORD_GAP)


_OF_BUDGET = re.compile(r"\bdari\s+(?:(?:total|jumlah|seluruh)\s+)?(?:anggaran|pagu)\b[^.;\d]{0,25}$",
                        re.IGNORECASE)
REALISASI_GAP = 160  # 'Realisasi anggaran <the agency's name, up to 20 words> Tahun 2024 sebesar Rp R'


def _realisasi_of_anggaran(text: str, first: ProseFigure, second: ProseFigure, start: int) -> bool:
    """'Realisasi anggaran ... sebesar Rp R dari total anggaran Rp A': the realisasi comes first,
    the anggaran it is a share of right after 'dari (total) anggaran'."""
    if not _OF_BUDGET.search(text[first.end:second.start]):
        return False
    hits = list(_BUDGET_WORD.finditer(text, start, first.start))
    return bool(hits) and hits[-1].group("realisasi") is not None and (
        first.start - hits[-1].end() <= REALISASI_GAP) and not SENTENCE_END.search(
        text, hits[-1].end(), first.start)


def budget_sentences(text: str) -> list[BudgetSentence]:
    """Every anggaran amount followed by a realisasi amount (and its %), as prose states them."""
    figs = [f for f in find_figures(text) if f.parsed.number is not None]
    out: list[BudgetSentence] = []
    for i in range(len(figs) - 1):
        a, r = figs[i], figs[i + 1]
        if not (a.parsed.number and a.parsed.number.money and r.parsed.number
                and r.parsed.number.money):
            continue
        prev_end = figs[i - 1].end if i else 0
        if _realisasi_of_anggaran(text, a, r, prev_end):  # 'realisasi Rp R dari anggaran Rp A'
            a, r = r, a
        elif not (_named_by(text, a, prev_end, "anggaran")
                  and _named_by(text, r, a.end, "realisasi")):
            continue
        p = figs[i + 2] if i + 2 < len(figs) else None
        if p is None or not (p.parsed.number and p.parsed.number.percent) or (
                p.start - max(r.end, a.end) > PERCENT_GAP):
            p = None
        out.append(BudgetSentence(subject_before(text, a.start), a, r, p))
    return out
