"""Rule narrative: an amount or % in the prose that differs from the table the prose speaks of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lkip.model import BudgetLine, CellRef, Document, Finding, Note, Number, Paragraph
from lkip.normalize.numbers import ProseFigure, find_figures
from lkip.validate.arith import (
    agree_at_common_precision,
    agrees,
    as_number,
    fmt_expected,
    fmt_stated,
    ocr_slip,
)
from lkip.validate.base import Rule, ocr_prone, refs_of, short, stated_number
from lkip.validate.names import same_budget_name
from lkip.validate.prose import (
    SENTENCE_END,
    budget_sentences,
    passages,
    quote,
    subject_before,
    table_spoken_of,
    total_line,
)
from lkip.validate.rules.average import average_cell, average_of, mean_arith
from lkip.validate.rules.persen import base_field, quoted_total

ID = "narrative"
MAX_GAP = 60  # characters allowed between the keyword and the figure it names

# keyword -> field, by kind of figure; the keyword nearest before the figure wins
_MONEY_KEYWORDS = [
    ("efisiensi", re.compile(r"\befisiensi\b", re.IGNORECASE)),
    ("anggaran", re.compile(r"\b(total|jumlah)\s+(anggaran|pagu)\b|\bpagu\b|\banggaran\s+"
                            r"(total|keseluruhan)\b", re.IGNORECASE)),
    ("realisasi", re.compile(r"\b(realisasi|terserap|menyerap|penyerapan|serapan)\b",
                             re.IGNORECASE)),
]
_PERCENT_KEYWORDS = [
    ("persen", re.compile(r"\b(menyerap|serapan|terserap|penyerapan)\b|\brealisasi\s+"
                          r"(anggaran|keuangan|belanja)\b", re.IGNORECASE)),
    ("average", re.compile(r"\b(rata[\s-]*rata|rerata)\b", re.IGNORECASE)),
]
# words between the keyword and the figure that say the figure is about something else
_BLOCKERS = re.compile(
    r"\b(sebelum\w*|semula|awal|menjadi|berkurang|bertambah|selisih|kenaikan|penurunan|naik|"
    r"turun|meningkat|menurun|fisik|target|sisa)\b", re.IGNORECASE)
_AVERAGE_BLOCKERS = re.compile(r"\b(sebelum\w*|semula|menjadi|selisih|kenaikan|penurunan)\b",
                               re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass
class TableFigure:
    """What a table says for a field, where, and the row's own recomputation of it."""

    number: Number
    label: str
    cells: list[CellRef] = field(default_factory=list)
    recomputed: bool = False  # the table has no such figure: a mean computed from its rows
    recheck: float | None = None  # the same field recomputed from the row (anggaran − realisasi)
    recheck_how: str = ""  # how the recheck was computed: a word of the catalogue (how.*)
    arithmetic: str | None = None


def field_of(text: str, fig: ProseFigure, prev_end: int, year: int | None) -> str | None:
    """The table field a prose figure names, from the keyword just before it; None when unsure."""
    number = fig.parsed.number
    if number is None:
        return None
    keywords = _PERCENT_KEYWORDS if number.percent else _MONEY_KEYWORDS if number.money else []
    window_start = max(prev_end, fig.start - MAX_GAP - 40)
    best: tuple[int, int, str] | None = None  # (keyword end, keyword start, field)
    for name, pattern in keywords:
        for m in pattern.finditer(text, window_start, fig.start):
            if best is None or m.end() > best[0]:
                best = (m.end(), m.start(), name)
    if best is None or fig.start - best[0] > MAX_GAP:
        return None
    between = text[best[1]:fig.start]
    blockers = _AVERAGE_BLOCKERS if best[2] == "average" else _BLOCKERS
    if blockers.search(between):
        return None
    if any(int(y.group(0)) != year for y in _YEAR.finditer(between)):
        return None  # a figure for another year
    return best[2]


def table_figure(doc: Document, table_id: str, name: str) -> TableFigure | None:
    """The table's figure for a field: its total row for amounts and %, its average row (else
    the mean of its indicators' capaian) for an average."""
    if name == "average":
        return _average_figure(doc, table_id)
    line = total_line(doc, table_id)
    if line is None:
        return None
    used = (base_field(line) or "anggaran") if name == "anggaran" else name
    value = getattr(line, used)
    number = stated_number(doc, line.refs, used, value, money=used != "persen",
                           percent=used == "persen")
    if number is None:
        return None
    fig = TableFigure(number, " ".join(line.nama.split()), refs_of(line.refs, used))
    base = base_field(line)
    if base is not None and line.realisasi is not None:
        budget, spent = getattr(line, base), line.realisasi
        if used == "efisiensi":
            fig.recheck = budget - spent
            fig.recheck_how = "efisiensi"
        elif used == "persen" and budget:
            fig.recheck = spent / budget * 100
            fig.recheck_how = "persen"
    return fig


def _average_figure(doc: Document, table_id: str) -> TableFigure | None:
    table = doc.table(table_id)
    if table is None:
        return None
    if sum(row.role == "average" for row in table.rows) > 1:
        return None  # several averages (sasaran, program): which one the prose quotes is unclear
    for r, row in enumerate(table.rows):
        if row.role == "average" and (found := average_cell(table, r)) is not None:
            col, number = found
            ref = CellRef.at(table, r, col)
            return TableFigure(number, "Nilai rata-rata", [ref])
    inds = [ind for ind in doc.indicators if ind.table == table_id]
    mean = average_of(doc, inds)
    if mean is None or len(mean[1]) < 2:
        return None
    refs = [r for ind in inds for r in refs_of(ind.refs, "capaian")]
    return TableFigure(as_number(mean[0], percent=True, decimals=2), "rata-rata capaian", refs,
                       recomputed=True, arithmetic=mean_arith(mean[1], mean[0]))


def _show(number: Number, name: str) -> str:
    return fmt_stated(number, percent=name in ("persen", "average"),
                      money=name not in ("persen", "average"))


def check_figure(
    doc: Document, para: Paragraph, fig: ProseFigure, name: str, table_id: str,
) -> Finding | None:
    said = fig.parsed.number
    table_fig = table_figure(doc, table_id, name)
    if said is None or table_fig is None or _other_source(doc, para.text, fig.start, table_id,
                                                          table_fig.label):
        return None
    expected = table_fig.number
    if table_fig.recomputed:
        if agrees(said, expected.value):
            return None
    elif agree_at_common_precision(said, expected):
        return None
    table = doc.table(table_id)
    prone = ocr_prone(doc, para.page, table.page if table is not None else None)
    ocr = prone and (ocr_slip(said, expected.value) or ocr_slip(expected, said.value))
    said_txt = _show(said, name)
    if table_fig.recomputed:
        where = {"where": "narrative.where_mean",
                 "table_txt": fmt_expected(expected.value, said, percent=True)}
    else:
        where = {"where": "narrative.where_row", "label": table_fig.label,
                 "table_txt": _show(expected, name)}
    notes: list[Note] = []
    if table_fig.recheck is not None and agrees(said, table_fig.recheck) and not agrees(
            expected, table_fig.recheck):
        notes.append(Note(key="narrative.table_wrong", params={"how": table_fig.recheck_how}))
    if ocr:
        notes.append(Note(key="note.ocr"))
    return Finding.of(
        "narrative.table", {"page_part": "narrative.page" if para.page else "", "page": para.page,
                            "field": name, "said": said_txt, "quoted": quote(para.text, fig),
                            "table": table_id, **where},
        notes, rule=ID, severity="warning" if ocr else "error", table=table_id,
        row=table_fig.label, field=name, stated=said.value, expected=expected.value,
        arithmetic=table_fig.arithmetic, page=para.page, line=para.line, cells=table_fig.cells,
    )


# funds other than the OPD's own APBD spending a table is about unless it names them
_SOURCES = {
    "apbn": re.compile(r"\bapbn\b|dekonsentrasi|tugas\s+pembantuan", re.IGNORECASE),
    "dekonsentrasi": re.compile(r"dekonsentrasi", re.IGNORECASE),
    "tugas pembantuan": re.compile(r"tugas\s+pembantuan|\(\s*tp\s*\)", re.IGNORECASE),
    "tidak langsung": re.compile(r"belanja\s+tidak\s+langsung|\bbtl\b", re.IGNORECASE),
    "bantuan keuangan": re.compile(r"bantuan\s+keuangan", re.IGNORECASE),
}
_APBD = re.compile(r"\bapbd\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"(?<!\d)(?<!\bRp)[.;:]\s+", re.IGNORECASE)  # not 'Rp. 92.963...'


def _other_source(doc: Document, text: str, pos: int, table_id: str, label: str) -> bool:
    """Whether the sentence of the figure at ``pos`` speaks of other funds than the table: it
    names a source (APBN, Dana Dekonsentrasi, Tugas Pembantuan, Belanja Tidak Langsung, Bantuan
    Keuangan) the table's caption, header and row do not name, or names the APBD of a table
    that names a source of its own. A report lists its funds one after another below one table
    ('1. Belanja Langsung (APBD) ... 2. Belanja Tidak Langsung ... 4. Dana Dekonsentrasi')."""
    start = max((m.end() for m in _CLAUSE_END.finditer(text[:pos])), default=0)
    sentence = text[start:pos]
    table = doc.table(table_id)
    own = " ".join([table.caption_raw or "", table.title or "", *table.header, label]
                   if table is not None else [label])
    named = {src for src, pat in _SOURCES.items() if pat.search(sentence)}
    if any(not _SOURCES[src].search(own) for src in named):
        return True
    return bool(_APBD.search(sentence)) and any(pat.search(own) for pat in _SOURCES.values())


NAMED_LEVELS = {"program", "kegiatan", "sub_kegiatan", "other"}
_CANDIDATES = {"anggaran": ("anggaran", "pagu_sesudah", "pagu_sebelum"),
               "realisasi": ("realisasi",), "persen": ("persen",)}


def check_named_lines(doc: Document, para: Paragraph) -> list[Finding]:
    """'Kegiatan X ... dengan alokasi anggaran sebesar Rp A realisasi anggaran sebesar Rp R (P%)'
    vs the budget line of kegiatan X in the tables (any table that lists it)."""
    out: list[Finding] = []
    for sentence in budget_sentences(para.text):
        if sentence.subject is None:
            continue
        lines = [b for b in doc.budget_lines
                 if b.level in NAMED_LEVELS and same_budget_name(sentence.subject, b.nama)]
        for name, fig in (("anggaran", sentence.anggaran), ("realisasi", sentence.realisasi),
                          ("persen", sentence.persen)):
            said = fig.parsed.number if fig else None
            if said is None or fig is None:
                continue
            holding = [(b, f) for b in lines for f in _CANDIDATES[name] if getattr(b, f) is not None]
            if not holding:
                continue
            figures = [(b, f, stated_number(doc, b.refs, f, getattr(b, f), money=name != "persen",
                                            percent=name == "persen")) for b, f in holding]
            if any(n is not None and agree_at_common_precision(said, n) for _, _, n in figures):
                continue
            line, used, number = figures[0]
            if number is None:
                continue
            out.append(_named_finding(doc, para, fig, name, line, used, number))
    return out


def _named_finding(doc: Document, para: Paragraph, fig: ProseFigure, name: str, line: BudgetLine,
                   used: str, number: Number) -> Finding:
    said = fig.parsed.number
    assert said is not None
    ocr = ocr_prone(doc, para.page, line.page) and (
        ocr_slip(said, number.value) or ocr_slip(number, said.value))
    said_txt, table_txt = _show(said, name), _show(number, name)
    label = " ".join(line.nama.split())
    quoted = quote(para.text, fig)
    return Finding.of(
        "narrative.line", {"page_part": "narrative.page" if para.page else "", "page": para.page,
                           "field": name, "label": short(label, 70), "said": said_txt,
                           "quoted": quoted, "table": line.table, "table_txt": table_txt},
        [Note(key="note.ocr")] if ocr else [],
        rule=ID, severity="warning" if ocr else "error", table=line.table, row=label, field=name,
        stated=said.value, expected=number.value, page=para.page, line=para.line,
        cells=refs_of(line.refs, used),
    )


def check_paragraph(doc: Document, para: Paragraph) -> list[Finding]:
    out: list[Finding] = check_named_lines(doc, para)
    # 'Realisasi anggaran <instansi> Tahun 2024 sebesar Rp R dari total anggaran Rp A': the
    # sentence says which amount is which, however far its keyword stands from the figure
    roles: dict[int, tuple[str, str | None]] = {}
    # a sentence quoting a table's grand total speaks of that table to the end of the sentence
    # ('..., dengan efisiensi sebesar Rp E'), whatever the nearest table above is
    quoting: list[tuple[int, int, str]] = []
    for s in budget_sentences(para.text):
        if s.subject is None:
            quoted = quoted_total(doc, para, s)
            named = [("anggaran", s.anggaran), ("realisasi", s.realisasi)]
            named += [("persen", s.persen)] if s.persen is not None else []
            for name, fig in named:
                roles[fig.start] = (name, quoted.table if quoted else None)
            if quoted is not None:
                start = min(s.anggaran.start, s.realisasi.start)
                quoting.append((start, _sentence_end(para.text, start), quoted.table))
    prev_end = 0
    for fig in find_figures(para.text):
        if fig.parsed.number is not None and subject_before(para.text, fig.start) is None:
            name, table_id = roles.get(fig.start, (None, None))
            name = name or field_of(para.text, fig, prev_end, doc.document.tahun)
            table_id = table_id or next((t for a, b, t in quoting if a <= fig.start < b), None)
            table_id = table_id or (table_spoken_of(doc, para, fig.start) if name else None)
            if name and table_id:
                finding = check_figure(doc, para, fig, name, table_id)
                if finding is not None:
                    out.append(finding)
        prev_end = fig.end
    return out


def _sentence_end(text: str, start: int) -> int:
    m = SENTENCE_END.search(text, start)
    return m.start() + 1 if m else len(text)


# 'semua realisasi indikator telah mencapai target', 'seluruh indikator ... tercapai 100%'
_ALL_REACHED = re.compile(
    r"\b(semua|seluruh)\s+(realisasi\s+|capaian\s+)?indikator\b[^.;]{0,80}?"
    r"\b(telah\s+|sudah\s+)?(mencapai|memenuhi|melampaui)\s+(target|100\s?%)", re.IGNORECASE)


def check_all_reached(doc: Document, para: Paragraph) -> list[Finding]:
    """Prose that says every indicator reached its target, about a table where some did not."""
    m = _ALL_REACHED.search(para.text)
    if m is None:
        return []
    table_id = table_spoken_of(doc, para, m.start())
    if table_id is None:
        return []
    below = []
    for ind in doc.indicators:
        if ind.table != table_id or ind.capaian is None:
            continue
        number = stated_number(doc, ind.refs, "capaian", ind.capaian, percent=True)
        if number is not None and number.value < 100 and not ind.uncertain:
            below.append((ind, number))
    out = []
    said = short(" ".join(para.text[m.start():m.end() + 40].split()), 100)
    for ind, number in below:
        label = short(" ".join(ind.indikator.split()), 60)
        ref = ind.refs.get("capaian")
        out.append(Finding.of(
            "narrative.all_reached", {"page": para.page or "?", "said": said, "table": table_id,
                                      "label": label, "capaian": fmt_stated(number, percent=True)},
            rule=ID, severity="error", table=table_id, row=ind.indikator, field="capaian",
            stated=100.0, expected=number.value, page=para.page, line=para.line,
            arithmetic=f"{fmt_stated(number, percent=True)} < 100%",
            cells=[ref] if ref else [],
        ))
    return out


def check(doc: Document) -> list[Finding]:
    return [f for para in passages(doc)
            for f in check_paragraph(doc, para) + check_all_reached(doc, para)]


RULE = Rule(
    id=ID,
    description_id="Angka rupiah dan persen dalam uraian sama dengan tabel yang diuraikannya.",
    description_en="Amounts and percentages in the prose match the table the prose describes.",
    check=check,
)
