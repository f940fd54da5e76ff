"""Rule cross_year: one instansi's reports of different years that disagree with each other.

Not a per-document rule (it is not in the registry): ``lkip batch`` calls :func:`cross_year` once
it has read a whole archive. Two things are compared between a report (``later``) and an earlier
one of the same instansi:

(a) the realisasi of an earlier year that ``later`` quotes (``Realisasi 2021 | 2022`` columns)
    against what the report of that year stated for its own year;
(b) the targets of one year (the report year's, and the Renstra / medium-term ``Target 2024``
    columns) that both documents state.

A figure may be legitimately revised (an audited realisasi, a target changed by a Renstra
perubahan), so every finding is a warning and says so. A document of the instansi whose year is
not known (a Renstra or Renja, which spans a period) is compared as a plan: its targets only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from lkip.i18n import label
from lkip.messages import MessageParam, joined
from lkip.model import CellRef, Document, Finding, Number, Table
from lkip.normalize.ocr_words import fix_initial_i
from lkip.normalize.views import INDICATOR_KINDS, label_of
from lkip.validate.arith import agree_at_common_precision, fmt_num, fmt_pct
from lkip.validate.base import short, uncertain_note
from lkip.validate.names import tokens
from lkip.validate.rules.cross_table import other_target_table

log = logging.getLogger(__name__)

ID = "cross_year"
DESCRIPTION_ID = label(f"rule.{ID}", "id")
DESCRIPTION_EN = label(f"rule.{ID}", "en")
MATCH_MIN = 80  # rapidfuzz token_set_ratio of two reports' names of one indicator
AMBIGUOUS_MARGIN = 5  # ... and of no other row within this much of it
MEASURES = ("target", "realisasi")
_COLUMN = re.compile(r"(target|realisasi)(?:_(\d{4}))?")

# ------------------------------------------------------------------ which instansi, which year

# abbreviations and spellings of the words of an instansi's name, to their full form
_WORDS = {"kab": "kabupaten", "kabupaten": "kabupaten", "prov": "provinsi", "propinsi": "provinsi",
          "provinsi": "provinsi", "pemkab": "kabupaten", "pemprov": "provinsi",
          "pemkot": "kota", "kec": "kecamatan", "kel": "kelurahan", "sekretariat": "sekretariat",
          "setda": "sekretariat daerah", "dprd": "dprd", "rsud": "rumah sakit umum daerah"}


def instansi_key(doc: Document) -> str | None:
    """The instansi's name for comparison, blind to case, punctuation, abbreviations and a word
    printed twice: 'DINAS X KAB. Y' and 'Dinas X Kabupaten Y' -> 'dinas x kabupaten y'."""
    name = doc.document.instansi
    if not name:
        return None
    words = re.findall(r"[a-z0-9]+", fix_initial_i(name.lower().replace("&", " dan ")))
    out: list[str] = []
    for word in words:
        for full in _WORDS.get(word, word).split():
            if not out or out[-1] != full:
                out.append(full)
    return " ".join(out) or None


def report_key(doc: Document) -> tuple[str, int] | None:
    """(normalized instansi name, report year), or None when either is unknown."""
    name = instansi_key(doc)
    if name is None or doc.document.tahun is None:
        return None
    return name, doc.document.tahun


# ------------------------------------------------------------------ the figures a document states

@dataclass(frozen=True, eq=False)  # each figure is itself (hashed by identity)
class Figure:
    """One target or realisasi a document states for one indicator and one year."""

    table: Table
    row: int
    col: int
    label: str
    measure: str  # 'target' or 'realisasi'
    year: int
    number: Number
    unit: str | None  # '%', a unit's first word ('Level', 'Orang'), or None when unknown
    uncertain: bool  # the column of the figure was not certain when the table was read

    @property
    def ref(self) -> CellRef:
        return CellRef.at(self.table, self.row, self.col)

    @property
    def words(self) -> str:
        return " ".join(sorted(set(tokens(self.label))))


def _unit(raw_units: Iterable[str | None], percent: bool) -> str | None:
    """'%', the first word of the row's unit as printed ('Level 3' -> 'Level'), or None."""
    if percent:
        return "%"
    for unit in raw_units:
        if unit and "%" in unit:
            return "%"
        word = re.match(r"[A-Za-z]{2,}", unit or "")
        if word:
            return word.group(0)
    return None


def figures(doc: Document) -> list[Figure]:
    """Every target and realisasi the document's indicator tables state, with its year: from the
    column's name ('realisasi_2021', 'target_2024'), else the report year. A medium-term table's
    undated columns (targets at the end of the Renstra, cumulative realisasi) and figures a scan
    does not show for certain are left out."""
    out: list[Figure] = []
    for table in doc.tables:
        if table.kind not in INDICATOR_KINDS:
            continue
        medium_term = other_target_table(table)
        for r, row in enumerate(table.rows):
            if row.role != "data":
                continue
            cells = {c: row.cells[c] for c, name in enumerate(table.columns)
                     if _COLUMN.fullmatch(name) and c < len(row.cells)}
            numbers = [cell.number for cell in cells.values() if cell.number is not None]
            unit = _unit((cell.unit for cell in cells.values()),
                               any(n.percent for n in numbers))
            for c, cell in cells.items():
                m = _COLUMN.fullmatch(table.columns[c])
                if m is None or cell.number is None or cell.unreadable:
                    continue
                year = int(m.group(2)) if m.group(2) else (
                    None if medium_term else doc.document.tahun)
                if year is None:
                    continue
                out.append(Figure(table, r, c, label_of(row), m.group(1), year, cell.number, unit,
                                  table.columns[c] in row.ambiguous))
    return out


# ------------------------------------------------------------------ matching indicators by name

def _score(a: Figure, b: Figure) -> tuple[float, float]:
    """How alike two names are: rapidfuzz token_set_ratio of their words, then the share of
    words they have in common (which breaks ties between names merged with their sasaran)."""
    wa, wb = set(a.words.split()), set(b.words.split())
    jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    return fuzz.token_set_ratio(a.words, b.words), jaccard


def _units_agree(a: Figure, b: Figure) -> bool:
    return a.unit is None or b.unit is None or a.unit.lower() == b.unit.lower()


def _pairs(later: list[Figure], earlier: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Rows of one table of each document that name the same indicator: each the other's best
    match, with a token_set_ratio of at least MATCH_MIN, no conflicting unit, and no other row
    of either table nearly as close (within AMBIGUOUS_MARGIN): a name merged with its
    neighbour's ('... anti korupsi Meningkatnya Nilai evaluasi') could be either, and is left
    alone rather than compared with the wrong figure."""
    scores = {(i, j): _score(a, b) for i, a in enumerate(later) for j, b in enumerate(earlier)
              if _units_agree(a, b)}
    by_later: dict[int, list[tuple[float, float]]] = {}
    by_earlier: dict[int, list[tuple[float, float]]] = {}
    for (i, j), score in scores.items():
        by_later.setdefault(i, []).append(score)
        by_earlier.setdefault(j, []).append(score)
    out: list[tuple[Figure, Figure]] = []
    for (i, j), score in scores.items():
        if score[0] < MATCH_MIN or score != max(by_later[i]) or score != max(by_earlier[j]):
            continue  # too far apart, or not each other's best
        near = sum(s[0] > score[0] - AMBIGUOUS_MARGIN for s in by_later[i] + by_earlier[j])
        if near > 2:  # the pair itself counts twice: another row is nearly as close
            continue
        out.append((later[i], earlier[j]))
    return out


def _by_table(figs: list[Figure]) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for f in figs:
        out.setdefault(f.table.id, []).append(f)
    return out


def _matches(later: list[Figure], earlier: list[Figure]) -> dict[Figure, list[Figure]]:
    """For each figure of ``later``, the figures of ``earlier`` (same measure and year) that
    state the same indicator: at most one per table of ``earlier``."""
    out: dict[Figure, list[Figure]] = {}
    keys = {(f.measure, f.year) for f in later}
    for measure, year in sorted(keys):
        mine = [f for f in later if (f.measure, f.year) == (measure, year)]
        theirs = [f for f in earlier if (f.measure, f.year) == (measure, year)]
        for a_figs in _by_table(mine).values():
            for b_figs in _by_table(theirs).values():
                for a, b in _pairs(a_figs, b_figs):
                    out.setdefault(a, []).append(b)
    return out


# ------------------------------------------------------------------ findings

def _fmt(f: Figure) -> str:
    if f.number.percent:
        return fmt_pct(f.number.value, f.number.decimals)
    unit = f" {f.unit}" if f.unit and f.unit != "%" else ""
    return fmt_num(f.number.value, f.number.decimals) + unit


def _where(f: Figure) -> tuple[str, dict[str, MessageParam]]:
    """'Tabel 3.1, hal. 12' (or the text line when the page is not known): a catalogue sentence."""
    ref = f.ref
    if ref.page is not None:
        return "cross_year.at_page", {"table": f.table.id, "page": ref.page}
    if ref.line is not None:
        return "cross_year.at_line", {"table": f.table.id, "line": ref.line}
    return "cross_year.at_table", {"table": f.table.id}


def _source(doc: Document) -> dict[str, MessageParam]:
    """'laporan tahun 2021 (a.pdf, ' / 'dokumen a.pdf (' — what the other document is: the
    parameters of {source!t}."""
    return {"source": "cross_year.source_year" if doc.document.tahun is not None
            else "cross_year.source_file", "source_name": Path(doc.source.path).name,
            "source_year": doc.document.tahun}


def _finding(later: Document, earlier: Document, mine: list[Figure],
             theirs: list[Figure]) -> Finding:
    """One warning: what ``later`` states (its cells), what ``earlier`` stated (file, tables,
    pages in the message)."""
    first, ref = mine[0], theirs[0]
    measure, year = first.measure, first.year
    _, note = uncertain_note("warning", [measure for f in (*mine, *theirs) if f.uncertain])
    cell = mine[0].ref
    return Finding.of(
        "cross_year.differs",
        {"measure": measure, "year": year, "name": short(" ".join(first.label.split()), 60),
         **joined("where", [_where(f) for f in mine], "; "), "value": _fmt(first),
         **_source(earlier), **joined("theirs", [_where(f) for f in theirs], "; "),
         "ref_value": _fmt(ref)},
        note, rule=ID, severity="warning", table=first.table.id,
        row=" ".join(first.label.split()), field=measure, stated=first.number.value,
        expected=ref.number.value, page=cell.page, line=cell.line, cells=[f.ref for f in mine],
    )


def _speaks_for(later: Document, earlier: Document, f: Figure) -> bool:
    """Whether ``earlier`` can speak for a figure of ``later``: a target of any year, or the
    realisasi of ``earlier``'s own year when that is before ``later``'s."""
    own, year = earlier.document.tahun, later.document.tahun
    if f.measure == "target":
        return True
    return own is not None and f.year == own and (year is None or own < year)


def _earlier_figures(earlier: Document) -> list[Figure]:
    """What ``earlier`` states: targets of any year, realisasi of its own year only (what it
    quotes of years before is not its own statement)."""
    own = earlier.document.tahun
    return [f for f in figures(earlier) if f.measure == "target" or f.year == own]


def _compare(later: Document, earlier: Document,
             skip: set[tuple[str, int, int]]) -> tuple[list[Finding], set[tuple[str, int, int]]]:
    """The findings of ``later`` against ``earlier``, and the cells of ``later`` that
    ``earlier`` spoke for (compared, agreeing or not); cells in ``skip`` are not compared."""
    if later.source.sha256 == earlier.source.sha256:
        return [], set()
    mine = [f for f in figures(later)
            if _speaks_for(later, earlier, f) and (f.table.id, f.row, f.col) not in skip]
    matches = _matches(mine, _earlier_figures(earlier))
    compared = {(f.table.id, f.row, f.col) for f in matches}
    # later figures that differ from every match, one finding per (indicator, value) stated
    grouped: dict[tuple[int, str, int, float], tuple[list[Figure], list[Figure]]] = {}
    for f, theirs in matches.items():
        if any(agree_at_common_precision(f.number, t.number) for t in theirs):
            continue
        key = (id(theirs[0]), f.measure, f.year, round(f.number.value, 6))
        group = grouped.setdefault(key, ([], theirs))
        group[0].append(f)
    findings = [_finding(later, earlier, mine_, theirs) for mine_, theirs in grouped.values()]
    return findings, compared


def compare_years(later: Document, earlier: Document) -> list[Finding]:
    """Warnings (rule 'cross_year') where ``later`` states an earlier year's realisasi, or any
    year's target, differently from ``earlier`` (see the module's docstring)."""
    findings, _ = _compare(later, earlier, set())
    return findings


def cross_year(docs: list[Document]) -> dict[str, list[Finding]]:
    """Each report compared with the same instansi's reports of earlier years in ``docs`` (and
    with its documents of no known year, as plans: targets only), findings keyed by the report's
    ``source.sha256``; only reports that had something to be compared with are keys. A target
    is compared with the most recent earlier report that states it, so that a target changed
    once is reported once, on the first report that differs; and with each plan that states it
    (a Renja that agrees does not make a Renstra that differs agree)."""
    keyed = [(key, doc) for doc in docs if (key := report_key(doc)) is not None]
    plans = [doc for doc in docs if report_key(doc) is None and instansi_key(doc) is not None]
    out: dict[str, list[Finding]] = {}
    for (name, year), later in keyed:
        earlier = [doc for (n, y), doc in sorted(keyed, key=lambda kd: -kd[0][1])
                   if n == name and y < year]
        its_plans = [doc for doc in plans if instansi_key(doc) == name]
        if not earlier and not its_plans:
            continue
        found: list[Finding] = []
        seen: set[tuple[str, int, int]] = set()
        for doc in earlier:
            more, compared = _compare(later, doc, seen)
            found += more
            seen |= compared
        for doc in its_plans:  # plans have no year to order them by: each is compared
            found += _compare(later, doc, seen)[0]
        log.debug("cross_year %s: %d earlier documents, %d findings", later.source.path,
                  len(earlier), len(found))
        out.setdefault(later.source.sha256, []).extend(found)
    return out
