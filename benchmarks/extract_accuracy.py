"""How well lkip (and pdfplumber, Camelot, img2table) read the synthetic LKIPs' tables, against their truth.

    .venv/bin/python benchmarks/extract_accuracy.py [TRUTH.json ...] [--json OUT] [--misses]
    .venv/bin/python benchmarks/extract_accuracy.py --random 30 --seed 2026 [--keep DIR] [--misses]
    OMP_THREAD_LIMIT=1 .venv/bin/python benchmarks/extract_accuracy.py --scan 300|200 [--skew 1]
        [--noise gauss=4] [--no-img2table] [TRUTH ...]
    OMP_THREAD_LIMIT=1 .venv/bin/python benchmarks/extract_accuracy.py samples/synthetic/scanned/*.json

``--random N --seed S`` scores N documents of ``lkipsynth.random_truth`` (held out: nobody tuned
the extractor on them; the same seed gives the same documents), generated into a temporary folder
(or ``--keep DIR``).

``--scan DPI`` (200 or 300) scores scanned copies instead: each truth (given, generated or the
default samples) is scanned with ``lkipsynth.scan`` into the temporary folder (``--skew DEG``,
``--noise KIND=LEVEL``, ``--bilevel`` as in ``python -m lkipsynth --scan``; grey JPEG q60 by
default) and lkip and img2table read the image-only PDF. A truth file with a ``"scan"`` record (the
committed ``samples/synthetic/scanned/*.json``) is a scan already and is scored as it is. On scans
two more columns:

- flagged: truth figures whose read cell lkip marks as unreadable (``Cell.unreadable``: read by
  OCR and still uncertain after re-reading; see ``flagged()``); always 0 for img2table, which
  marks nothing;
- wrong unflagged: truth figures read as another value and *not* flagged: the dangerous ones (a
  misread that can become a finding against the OPD); for img2table every misread figure;
- findings not planted: lkip findings (other than rule ``unreadable``) that match no planted error;
  and of those, the ones lkip does not also make on the born-digital source (same rule, table and
  stated figure): the findings the scan added, i.e. misreads that became accusations.

pdfplumber and Camelot are not run on scans (no text layer to read); img2table is run on scans only
(on born-digital PDFs see ``benchmarks/icdar2013.py``), when it is installed (the ``peers`` extra)
and unless ``--no-img2table``. A scan lkip refuses (before the OCR backend, "scanned PDF without a
text layer") is printed as not read and scores 0%. Set ``OMP_THREAD_LIMIT=1``: both OCR with
Tesseract on one thread.

For each ground truth (default: samples/synthetic/*.json) with its PDF beside it, every reader's
tables are matched to the truth's: a truth table to the read table with the same caption id
('Tabel 3.1.6'), else to the one sharing most figures; read tables without a caption of the truth
on the truth table's pages that share figures with it (continuation pages) are added to it. Each
truth row with figures is matched to a read row that has some of its figures (row label fuzzy +
figures in common), then each
truth column to the read column that carries its figures most often. Reported:

- numeric cells exact: truth figures (cells that parse as a number; 'no' and 'kode' columns and the
  intervals of rating scales left out) read with the same value in the matched row at the matched column;
- rows recovered: truth rows with figures that were matched to a read row;
- tables found: truth tables matched to a read table;
- page / box: of the exact cells, those whose read cell has the right page / has a box;
- planted errors found (lkip only): the truth's ``planted_errors`` that lkip reports (same rule,
  same stated figure or table);
- s/page: the reader's wall time on the document over its pages (lkip: the whole ``lkip.pipeline
  .check``, rules included; img2table: table detection and OCR).

pdfplumber is its plain ``page.find_tables()`` (cell texts parsed with
``lkip.normalize.numbers.parse_cell_text``); Camelot is ``camelot.read_pdf(..., flavor="lattice")``
when it is installed. img2table (``read_img2table``) is ``PDF(path, detect_rotation=True,
pdf_text_extraction=False).extract_tables(ocr=TesseractOCR(n_threads=1, lang="eng+ind"),
borderless_tables=True, implicit_rows=False)`` on the image-only pages (pages with a text layer, in
mixed scans, are read from it without OCR); img2table renders pages at 200 dpi, its own deskew
(``detect_rotation``) is on (without it img2table loses most tables at 1° skew; it corrects skew up
to 45°, not pages turned 90°); ``implicit_rows=True`` scores the same within a cell. Cell texts are
parsed as for pdfplumber, a table's id from the caption img2table finds above it. This prints
figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lkip.normalize.numbers import parse_cell_text  # noqa: E402
from lkipsynth.truth import Truth  # noqa: E402

SKIP_COLUMNS = {"no", "kode"}
# the intervals of a rating scale ('76 - 90', '91% ≤ 100%') are no figures
_INTERVAL = re.compile(r"[\u2264\u2265<>]|\d\s*%?\s*-\s*\d|s\.?\s*d\.?", re.IGNORECASE)
_TABEL = re.compile(r"\b(?:tabel|table)\s+([0-9IVX]+(?:\.[0-9A-Za-z]+)*)", re.IGNORECASE)
ROW_THRESHOLD = 0.45


# --- what a reader gives ----------------------------------------------------------------------

@dataclass
class ReadCell:
    value: float | None
    page: int | None = None
    box: bool = False
    flagged: bool = False  # lkip marks it unreadable (uncertain OCR)


def flagged(cell: object) -> bool:
    """The hook for "lkip says it could not read this figure for certain": ``Cell.unreadable`` (set
    by the OCR backend after re-reading); False for a model or reader without it."""
    return bool(getattr(cell, "unreadable", False))


@dataclass
class ReadRow:
    text: str
    cells: list[ReadCell]


@dataclass
class ReadTable:
    id: str | None
    pages: set[int]
    rows: list[ReadRow]

    def values(self) -> Counter[float]:
        return Counter(_key(c.value) for r in self.rows for c in r.cells if c.value is not None)


def _key(v: float) -> float:
    return round(v, 6)


def _value(text: str) -> float | None:
    parsed = parse_cell_text(text or "")
    return parsed.number.value if parsed.number else None


def read_lkip(pdf: Path) -> tuple[list[ReadTable], object]:
    """lkip's tables and document; raises lkip.pipeline.InputError when lkip refuses the file."""
    from lkip.pipeline import check

    doc = check(pdf)
    tables = []
    for t in doc.tables:
        rows = [ReadRow(r.text(" "), [ReadCell(c.value, c.prov.page or r.prov.page or t.page,
                                               c.prov.box is not None, flagged(c)) for c in r.cells])
                for r in t.rows]
        pages = {c.page for r in rows for c in r.cells if c.page} | ({t.page} if t.page else set())
        m = _TABEL.match(t.id)
        tables.append(ReadTable(f"Tabel {m.group(1)}" if m else None, pages, rows))
    return tables, doc


def read_pdfplumber(pdf: Path) -> list[ReadTable]:
    import pdfplumber

    tables = []
    with pdfplumber.open(pdf) as doc:
        for page_no, page in enumerate(doc.pages, 1):
            for found in page.find_tables():
                data = found.extract()
                top = found.bbox[1]
                above = page.crop((0, max(0, top - 60), page.width, top)).extract_text() or ""
                ids = _TABEL.findall(above)
                rows = []
                for row_cells, row_obj in zip(data, found.rows, strict=False):
                    cells = [ReadCell(_value(text or ""), page_no, box is not None)
                             for text, box in zip(row_cells, row_obj.cells, strict=False)]
                    rows.append(ReadRow(" ".join(t or "" for t in row_cells), cells))
                tables.append(ReadTable(f"Tabel {ids[-1]}" if ids else None, {page_no}, rows))
            page.flush_cache()
    return tables


def read_camelot(pdf: Path) -> list[ReadTable] | None:
    try:
        import camelot
    except ImportError:
        return None
    tables = []
    for t in camelot.read_pdf(str(pdf), pages="all", flavor="lattice"):
        page = int(t.page)
        rows = [ReadRow(" ".join(map(str, r)), [ReadCell(_value(str(x)), page, True) for x in r])
                for r in t.df.values.tolist()]
        tables.append(ReadTable(None, {page}, rows))
    return tables


IMG2TABLE_IMPLICIT_ROWS = False  # a wrapped row label stays one row (True splits it at each text line)
_TESSERACT: list[object] = []  # img2table's TesseractOCR, made once


def _img2table_ocr() -> object:
    """img2table's ``TesseractOCR(n_threads=1, lang="eng+ind")`` (lkip's languages), made once; its
    start-up ``tesseract --version`` output is kept off the console."""
    if not _TESSERACT:
        import os

        from img2table.ocr import TesseractOCR

        sys.stdout.flush()
        saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 1)
            _TESSERACT.append(TesseractOCR(n_threads=1, lang="eng+ind"))
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(null)
    return _TESSERACT[0]


def read_img2table(pdf: Path) -> list[ReadTable] | None:
    """img2table's tables (None: not installed). Pages with a text layer are read from it
    (``PDF(pages=...)``, img2table's own PDF text); image-only pages with ``TesseractOCR`` and
    img2table's deskew (``detect_rotation=True``). ``borderless_tables=True``: the LKIP tables are
    only partly ruled. img2table renders PDF pages at 200 dpi whatever the scan's resolution."""
    try:
        from img2table.document import PDF
    except ImportError:
        return None
    import logging
    import warnings

    import pdfplumber

    logging.getLogger("img2table").setLevel(logging.ERROR)
    with pdfplumber.open(pdf) as doc:
        has_text = [len(page.chars) > 1 for page in doc.pages]
    tables = []
    for text in (True, False):
        pages = [i for i, t in enumerate(has_text) if t == text]
        if not pages:
            continue
        document = PDF(str(pdf), pages=pages, pdf_text_extraction=text, detect_rotation=not text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = document.extract_tables(ocr=None if text else _img2table_ocr(), borderless_tables=True,
                                            implicit_rows=IMG2TABLE_IMPLICIT_ROWS)
        for index, page_tables in found.items():
            page_no = index + 1
            for t in page_tables:
                seen: set[tuple[int, int, int, int]] = set()
                rows = []
                for row in t.content.values():
                    texts = []
                    for cell in row:  # a spanning cell is repeated in each slot: its text in the first only
                        key = (cell.bbox.x1, cell.bbox.y1, cell.bbox.x2, cell.bbox.y2)
                        texts.append("" if key in seen else " ".join((cell.value or "").split()))
                        seen.add(key)
                    rows.append(ReadRow(" ".join(texts), [ReadCell(_value(x), page_no, True) for x in texts]))
                ids = _TABEL.findall(t.title or "")
                tables.append(ReadTable(f"Tabel {ids[-1]}" if ids else None, {page_no}, rows))
    return tables


# --- the truth as the benchmark sees it -------------------------------------------------------

@dataclass
class TruthRow:
    index: int
    label: str
    page: int
    numbers: dict[str, float]  # column -> value


@dataclass
class TruthTable:
    id: str
    pages: set[int]
    rows: list[TruthRow]

    def values(self) -> Counter[float]:
        return Counter(_key(v) for r in self.rows for v in r.numbers.values())


def truth_tables(truth: Truth) -> list[TruthTable]:
    out = []
    for placed in truth.tables():
        t = placed.table
        rows = []
        for i, row in enumerate(t.rows):
            numbers, words = {}, []
            for col, text in zip(t.columns, row.cells, strict=True):
                value = _value(text)
                if value is not None and col.name not in SKIP_COLUMNS and not _INTERVAL.search(text):
                    numbers[col.name] = value
                elif value is None and text:
                    words.append(text)
            if numbers:
                rows.append(TruthRow(i, " ".join(words), placed.row_page(i), numbers))
        out.append(TruthTable(t.id, set(range(placed.page, placed.last_page + 1)), rows))
    return out


# --- matching and scoring ---------------------------------------------------------------------

def _overlap(a: Counter[float], b: Counter[float]) -> int:
    return sum((a & b).values())


def match_tables(truths: list[TruthTable], reads: list[ReadTable]) -> dict[str, list[ReadTable]]:
    truth_ids = {t.id for t in truths}
    out: dict[str, list[ReadTable]] = {}
    used: set[int] = set()
    for t in truths:
        same = [r for r in reads if r.id == t.id]
        if same:
            primary = max(same, key=lambda r: _overlap(t.values(), r.values()))
        else:
            cands = [r for i, r in enumerate(reads) if i not in used and r.id not in truth_ids]
            primary = max(cands, key=lambda r: _overlap(t.values(), r.values()), default=None)
            if primary is not None and _overlap(t.values(), primary.values()) == 0:
                primary = None
        if primary is None:
            out[t.id] = []
            continue
        used.add(id(primary))
        group = [primary]
        for r in reads:
            if r is primary or r.id in truth_ids or not (r.pages & t.pages):
                continue
            if _overlap(t.values(), r.values()) >= 2:
                group.append(r)
        out[t.id] = group
    return out


@dataclass
class Score:
    cells: int = 0
    exact: int = 0
    page_ok: int = 0
    boxed: int = 0
    rows: int = 0
    rows_found: int = 0
    tables: int = 0
    tables_found: int = 0
    flagged: int = 0  # truth figures whose read cell lkip flags as unreadable
    wrong_unflagged: int = 0  # read as another value, not flagged
    seconds: float = 0.0  # the reader's time on the document(s)
    pages: int = 0
    missed_rows: list[str] = field(default_factory=list)
    missed_cells: list[str] = field(default_factory=list)
    missed_tables: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("cells", "exact", "page_ok", "boxed", "rows", "rows_found", "tables", "tables_found",
                     "flagged", "wrong_unflagged", "seconds", "pages"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, object]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"numeric_cells": self.cells, "exact": self.exact,
                "exact_share": share(self.exact, self.cells), "rows": self.rows,
                "rows_found": self.rows_found, "rows_share": share(self.rows_found, self.rows),
                "tables": self.tables, "tables_found": self.tables_found,
                "page_share": share(self.page_ok, self.exact), "box_share": share(self.boxed, self.exact),
                "flagged": self.flagged, "wrong_unflagged": self.wrong_unflagged,
                "seconds": round(self.seconds, 2), "pages": self.pages,
                "seconds_per_page": round(self.seconds / self.pages, 3) if self.pages else None,
                "missed_tables": self.missed_tables, "missed_rows": self.missed_rows,
                "missed_cells": self.missed_cells}


def _row_score(t: TruthRow, r: ReadRow) -> float:
    values = Counter(_key(c.value) for c in r.cells if c.value is not None)
    want = Counter(_key(v) for v in t.numbers.values())
    nums = _overlap(want, values) / max(1, sum(want.values()))
    if not nums:
        return 0.0  # a row is recovered with some of its figures, not by its name alone
    label = fuzz.token_set_ratio(t.label.lower(), r.text.lower()) / 100 if t.label else nums
    return 0.5 * nums + 0.5 * label


def score_table(t: TruthTable, reads: list[ReadTable]) -> Score:
    s = Score(tables=1, rows=len(t.rows), cells=sum(len(r.numbers) for r in t.rows))
    if not reads:
        s.missed_tables.append(t.id)
        s.missed_rows += [f"{t.id} row {r.index}: {r.label[:50]}" for r in t.rows]
        return s
    s.tables_found = 1
    rows = [r for table in reads for r in table.rows]
    pairs = sorted(((_row_score(tr, rr), i, j) for i, tr in enumerate(t.rows) for j, rr in enumerate(rows)),
                   reverse=True)
    match: dict[int, int] = {}
    taken: set[int] = set()
    for sc, i, j in pairs:
        if sc < ROW_THRESHOLD:
            break
        if i not in match and j not in taken:
            match[i] = j
            taken.add(j)
    votes: Counter[tuple[str, int]] = Counter()
    for i, j in match.items():
        for col, v in t.rows[i].numbers.items():
            for k, c in enumerate(rows[j].cells):
                if c.value is not None and _key(c.value) == _key(v):
                    votes[(col, k)] += 1
    colmap: dict[str, int] = {}
    for (col, k), _n in votes.most_common():
        if col not in colmap and k not in colmap.values():
            colmap[col] = k
    for i, tr in enumerate(t.rows):
        if i not in match:
            s.missed_rows.append(f"{t.id} row {tr.index}: {tr.label[:50]}")
            continue
        s.rows_found += 1
        cells = rows[match[i]].cells
        for col, v in tr.numbers.items():
            k = colmap.get(col)
            cell = cells[k] if k is not None and k < len(cells) else None
            s.flagged += bool(cell and cell.flagged)
            if cell is None or cell.value is None or _key(cell.value) != _key(v):
                got = cell.value if cell else None
                danger = cell is not None and cell.value is not None and not cell.flagged
                s.wrong_unflagged += danger
                mark = (" (flagged unreadable)" if cell and cell.flagged
                        else " (NOT FLAGGED)" if danger else "")
                s.missed_cells.append(f"{t.id} row {tr.index} {col}: {v} read as {got}{mark}")
                continue
            s.exact += 1
            s.page_ok += cells[k].page == tr.page
            s.boxed += cells[k].box
    return s


def score_document(truth: Truth, reads: list[ReadTable]) -> Score:
    total = Score()
    tts = truth_tables(truth)
    matched = match_tables(tts, reads)
    for t in tts:
        s = score_table(t, matched[t.id])
        total.add(s)
        total.missed_rows += s.missed_rows
        total.missed_cells += s.missed_cells
        total.missed_tables += s.missed_tables
    return total


def _hit(f: object, pe: object) -> bool:
    """Finding ``f`` is planted error ``pe``: same rule and stated figure (or table); a
    cross_table finding also when it states the two figures the other way round (two tables
    disagree: which of them is wrong is the reviewer's call, the contradiction is the same)."""
    def near(a: object, b: object) -> bool:
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and (
            abs(a - b) <= 0.006 * max(1.0, abs(b) / 100))

    if {f.rule, pe.rule} == {"narrative", "persen"} and near(f.stated, pe.stated) and near(
            f.expected, pe.expected):
        return True  # a prose % off its table is also off the amounts the sentence quotes
    if f.rule != pe.rule:
        return False

    if f.rule == "cross_table" and near(f.expected, pe.stated) and near(f.stated, pe.expected):
        return True  # the same two tables' contradiction, told from the other table
    if isinstance(pe.stated, (int, float)) and isinstance(f.stated, (int, float)):
        return near(f.stated, pe.stated)
    if isinstance(pe.stated, str) and isinstance(f.stated, str):
        return pe.stated.lower() == f.stated.lower()
    return pe.table is None or f.table == pe.table


def _describe(f: object) -> str:
    return f"{f.rule} {f.table or ''} {f.row or ''} stated {f.stated}".strip()


def _finding_key(f: object) -> str:
    """Rule, table and stated figure: the row's label is left out (OCR may misspell it)."""
    stated = round(f.stated, 2) if isinstance(f.stated, float) else f.stated
    return f"{f.rule}|{f.table}|{stated}"


def unplanted_findings(truth: Truth, doc: object) -> list[object]:
    """lkip findings (but 'unreadable' ones) that are no planted error of the truth."""
    return [f for f in getattr(doc, "findings", []) or []
            if f.rule != "unreadable" and not any(_hit(f, pe) for pe in truth.planted_errors)]


_SOURCE_FINDINGS: dict[Path, set[str]] = {}


def source_findings(scan_truth: Path) -> set[str] | None:
    """What lkip finds on the born-digital source of a scanned copy (None: no source PDF)."""
    record = json.loads(scan_truth.read_text(encoding="utf-8")).get("scan", {})
    pdf = (scan_truth.parent / record.get("source_truth", "")).resolve().with_suffix(".pdf")
    if not pdf.is_file():
        return None
    if pdf not in _SOURCE_FINDINGS:
        try:
            _SOURCE_FINDINGS[pdf] = {_finding_key(f) for f in read_lkip(pdf)[1].findings}
        except Exception:  # noqa: BLE001 - a source lkip cannot read: nothing to compare with
            _SOURCE_FINDINGS[pdf] = set()
    return _SOURCE_FINDINGS[pdf]


def planted_found(truth: Truth, doc: object) -> tuple[int, int, list[str]]:
    found, missed = 0, []
    findings = getattr(doc, "findings", []) or []
    for pe in truth.planted_errors:
        if any(_hit(f, pe) for f in findings):
            found += 1
        else:
            missed.append(f"{pe.rule} {pe.table or ''} {pe.row or ''} stated {pe.stated}".strip())
    return found, len(truth.planted_errors), missed


# --- driver -----------------------------------------------------------------------------------

def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "   -"


def _per_page(s: Score) -> str:
    return f"{s.seconds / s.pages:.2f}" if s.pages else "-"


def _timed(read: object, pdf: Path) -> tuple[object, float]:
    t0 = time.perf_counter()
    return read(pdf), time.perf_counter() - t0


def make_scans(truths: list[Path], folder: Path, dpi: int, skew: float, noise: list[str],
               bilevel: bool, seed: str) -> list[Path]:
    """Scanned copies of ``truths`` in ``folder``; their truth files (with the "scan" record)."""
    from lkipsynth.scan import ScanOptions, scan_truth, seed_value

    levels: dict[str, float] = {}
    for spec in noise:
        kind, _, level = spec.partition("=")
        levels[kind] = float(level) if level else {"gauss": 8.0, "saltpepper": 0.0005}.get(kind, 0.0)
    opts = ScanOptions(dpi=dpi, skew=skew, noise=levels, bilevel=bilevel, seed=seed_value(seed))
    out = []
    for path in truths:
        t0 = time.perf_counter()
        _pdf, js = scan_truth(path, folder, opts)
        print(f"scanned {path.name} at {dpi} dpi (skew {skew}°, noise {levels or 'none'}, "
              f"{'1-bit' if bilevel else 'grey JPEG q60'}) in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        out.append(js)
    return out


def _is_scan(path: Path) -> bool:
    try:
        return "scan" in json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truths", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--misses", action="store_true", help="list the tables and rows lkip missed")
    parser.add_argument("--random", type=int, metavar="N",
                        help="score N random truths (lkipsynth.random_truth)")
    parser.add_argument("--seed", default="2026", help="seed of --random and --scan (default 2026)")
    parser.add_argument("--keep", type=Path, help="with --random/--scan: generate into this folder, keep it")
    parser.add_argument("--scan", type=int, choices=(200, 300), metavar="{200,300}",
                        help="score scanned copies of the truths at this resolution")
    parser.add_argument("--skew", type=float, default=0.0, metavar="DEG", help="with --scan: skew pages")
    parser.add_argument("--noise", action="append", default=[], metavar="KIND=LEVEL",
                        help="with --scan: gauss=SIGMA or saltpepper=SHARE (repeatable)")
    parser.add_argument("--bilevel", action="store_true", help="with --scan: 1-bit pages")
    parser.add_argument("--no-img2table", action="store_true",
                        help="on scans, do not run img2table (it OCRs every page: seconds a page)")
    args = parser.parse_args(argv)
    folder: Path | None = None
    if args.random or args.scan:
        import tempfile

        folder = args.keep or Path(tempfile.mkdtemp(prefix="lkip-random-" if args.random else "lkip-scan-"))
        folder.mkdir(parents=True, exist_ok=True)
    if args.random:
        from lkipsynth.__main__ import write_random

        write_random(args.random, args.seed, folder)
        args.truths = sorted(folder.glob("*.json"))
    paths = args.truths or sorted((ROOT / "samples" / "synthetic").glob("*.json"))
    if args.scan:
        paths = make_scans([p for p in paths if not _is_scan(p)], folder / "scanned", args.scan, args.skew,
                           args.noise, args.bilevel, args.seed) + [p for p in paths if _is_scan(p)]
    tools = ["lkip", "pdfplumber", "camelot", "img2table"]
    overall = {tool: Score() for tool in tools}
    installed = {tool: True for tool in tools}
    report: dict[str, object] = {"documents": {}, "overall": {}}
    planted_total = [0, 0]
    any_scan = False
    not_read = 0
    unplanted_total = 0
    added_total = 0
    for path in paths:
        truth = Truth.load(path)
        pdf = path.with_suffix(".pdf")
        if not pdf.exists():
            print(f"{path.name}: no PDF beside it (python -m lkipsynth {path})", file=sys.stderr)
            continue
        scan = _is_scan(path)
        any_scan |= scan
        per: dict[str, object] = {}
        t0 = time.perf_counter()
        refused = None
        try:
            lkip_tables, doc = read_lkip(pdf)
        except Exception as exc:  # noqa: BLE001 - lkip.pipeline.InputError: refused; anything else: crashed
            reason = getattr(exc, "reason_en", None) or f"{type(exc).__name__}: {exc}"
            refused = reason
            lkip_tables, doc = [], None
            not_read += 1
        seconds = time.perf_counter() - t0
        readers: dict[str, tuple[object, float]] = {"lkip": (lkip_tables, seconds)}
        if scan:
            if not args.no_img2table:
                readers["img2table"] = _timed(read_img2table, pdf)
        else:
            readers["pdfplumber"] = _timed(read_pdfplumber, pdf)
            readers["camelot"] = _timed(read_camelot, pdf)
        n_tables = sum(1 for _ in truth.tables())
        kind = f", {json.loads(path.read_text(encoding='utf-8'))['scan']['kind']}" if scan else ""
        print(f"\n{path.stem}  ({truth.page_count} pages, {n_tables} tables{kind}; lkip {seconds:.2f} s)")
        if refused:
            print(f"  lkip        not read: {refused}")
            per["lkip_not_read"] = refused
        for tool, (reads, tool_seconds) in readers.items():
            if reads is None:
                installed[tool] = False
                print(f"  {tool:<11} not installed")
                continue
            s = score_document(truth, reads)
            s.seconds, s.pages = tool_seconds, truth.page_count
            overall[tool].add(s)
            per[tool] = s.as_dict()
            extra = f"  flagged {s.flagged}  wrong unflagged {s.wrong_unflagged}" if scan else ""
            print(f"  {tool:<11} cells exact {_pct(s.exact, s.cells):<20} "
                  f"rows {_pct(s.rows_found, s.rows):<18} tables {s.tables_found}/{s.tables}  "
                  f"page {_pct(s.page_ok, s.exact):<18} box {_pct(s.boxed, s.exact):<18} "
                  f"{_per_page(s)} s/page{extra}")
            if tool == "lkip" and args.misses:
                for m in s.missed_tables:
                    print(f"      missed table {m}")
                for m in s.missed_rows:
                    print(f"      missed {m}")
                for m in s.missed_cells:
                    print(f"      wrong cell {m}")
        found, n, missed = planted_found(truth, doc)
        planted_total[0] += found
        planted_total[1] += n
        per["planted_errors"] = {"found": found, "of": n, "missed": missed}
        print(f"  lkip planted errors found: {found}/{n}")
        for m in missed:
            print(f"      missed planted error: {m}")
        if scan:
            extra_findings = unplanted_findings(truth, doc)
            known = source_findings(path)
            added = [_describe(f) for f in extra_findings
                     if known is not None and _finding_key(f) not in known]
            unplanted_total += len(extra_findings)
            added_total += len(added)
            per["findings_not_planted"] = [_describe(f) for f in extra_findings]
            per["findings_added_by_scan"] = added if known is not None else None
            print(f"  lkip findings not planted: {len(extra_findings)}; "
                  + (f"not on the born-digital source: {len(added)}" if known is not None
                     else "born-digital source not found"))
            for m in added:
                print(f"      added by the scan: {m}")
        report["documents"][path.stem] = per
    print("\nOverall" + (f" (scans at {args.scan} dpi, skew {args.skew}°)" if args.scan else ""))
    print(f"  {'tool':<11} {'numeric cells exact':<22} {'rows recovered':<20} {'tables found':<13} "
          f"{'page':<20} {'box':<20} s/page" + ("  flagged  wrong unflagged" if any_scan else ""))
    for tool in tools:
        s = overall[tool]
        if not installed[tool]:
            print(f"  {tool:<11} not installed")
            report["overall"][tool] = "not installed"
            continue
        if tool != "lkip" and not s.tables:
            continue  # not run: pdfplumber and Camelot on scans only, img2table on born-digital only
        extra = f"  {s.flagged:>7}  {s.wrong_unflagged:>15}" if any_scan else ""
        print(f"  {tool:<11} {_pct(s.exact, s.cells):<22} {_pct(s.rows_found, s.rows):<20} "
              f"{f'{s.tables_found}/{s.tables}':<13} {_pct(s.page_ok, s.exact):<20} "
              f"{_pct(s.boxed, s.exact):<20} {_per_page(s):>6}{extra}")
        report["overall"][tool] = s.as_dict()
    print(f"  lkip planted errors found: {planted_total[0]}/{planted_total[1]}")
    if any_scan:
        print(f"  lkip findings not planted (scans): {unplanted_total}, "
              f"of them not on the born-digital source: {added_total}")
        report["overall"]["lkip_findings_not_planted"] = unplanted_total
        report["overall"]["lkip_findings_added_by_scan"] = added_total
    if not_read:
        print(f"  lkip did not read {not_read} of {len(paths)} files (scored 0%)")
    report["overall"]["lkip_not_read"] = not_read
    report["overall"]["lkip_planted_errors"] = {"found": planted_total[0], "of": planted_total[1]}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
