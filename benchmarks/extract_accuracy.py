"""How well lkip (and plain pdfplumber / Camelot) read the tables of the synthetic LKIPs, against their truth.

    .venv/bin/python benchmarks/extract_accuracy.py [TRUTH.json ...] [--json OUT] [--misses]
    .venv/bin/python benchmarks/extract_accuracy.py --random 30 --seed 2026 [--keep DIR] [--misses]

``--random N --seed S`` scores N documents of ``lkip.synth.random_truth`` (held out: nobody tuned
the extractor on them; the same seed gives the same documents), generated into a temporary folder
(or ``--keep DIR``).

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
  same stated figure or table).

pdfplumber is its plain ``page.find_tables()`` (cell texts parsed with
``lkip.normalize.numbers.parse_cell_text``); Camelot is ``camelot.read_pdf(..., flavor="lattice")``
when it is installed. This prints figures; it asserts nothing.
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
from lkip.synth.truth import Truth  # noqa: E402

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
    from lkip.pipeline import check

    doc = check(pdf)
    tables = []
    for t in doc.tables:
        rows = [ReadRow(r.text(" "), [ReadCell(c.value, c.prov.page or r.prov.page or t.page,
                                               c.prov.box is not None) for c in r.cells]) for r in t.rows]
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
    missed_rows: list[str] = field(default_factory=list)
    missed_cells: list[str] = field(default_factory=list)
    missed_tables: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("cells", "exact", "page_ok", "boxed", "rows", "rows_found", "tables", "tables_found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, object]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"numeric_cells": self.cells, "exact": self.exact,
                "exact_share": share(self.exact, self.cells), "rows": self.rows,
                "rows_found": self.rows_found, "rows_share": share(self.rows_found, self.rows),
                "tables": self.tables, "tables_found": self.tables_found,
                "page_share": share(self.page_ok, self.exact), "box_share": share(self.boxed, self.exact),
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
            if k is None or k >= len(cells) or cells[k].value is None or _key(cells[k].value) != _key(v):
                got = cells[k].value if k is not None and k < len(cells) else None
                s.missed_cells.append(f"{t.id} row {tr.index} {col}: {v} read as {got}")
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


def planted_found(truth: Truth, doc: object) -> tuple[int, int, list[str]]:
    found, missed = 0, []
    findings = getattr(doc, "findings", [])
    for pe in truth.planted_errors:
        def hit(f: object, pe: object = pe) -> bool:
            if f.rule != pe.rule:
                return False
            if isinstance(pe.stated, (int, float)) and isinstance(f.stated, (int, float)):
                return abs(f.stated - pe.stated) <= 0.006 * max(1.0, abs(pe.stated) / 100)
            if isinstance(pe.stated, str) and isinstance(f.stated, str):
                return pe.stated.lower() == f.stated.lower()
            return pe.table is None or f.table == pe.table
        if any(hit(f) for f in findings):
            found += 1
        else:
            missed.append(f"{pe.rule} {pe.table or ''} {pe.row or ''} stated {pe.stated}".strip())
    return found, len(truth.planted_errors), missed


# --- driver -----------------------------------------------------------------------------------

def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}% ({a}/{b})" if b else "   -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truths", nargs="*", type=Path)
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--misses", action="store_true", help="list the tables and rows lkip missed")
    parser.add_argument("--random", type=int, metavar="N",
                        help="score N random truths (lkip.synth.random_truth)")
    parser.add_argument("--seed", default="2026", help="seed of --random (default 2026)")
    parser.add_argument("--keep", type=Path, help="with --random: generate into this folder and keep it")
    args = parser.parse_args(argv)
    if args.random:
        import tempfile

        from lkip.synth.__main__ import write_random

        folder = args.keep or Path(tempfile.mkdtemp(prefix="lkip-random-"))
        write_random(args.random, args.seed, folder)
        args.truths = sorted(folder.glob("*.json"))
    paths = args.truths or sorted((ROOT / "samples" / "synthetic").glob("*.json"))
    tools = ["lkip", "pdfplumber", "camelot"]
    overall = {tool: Score() for tool in tools}
    installed = {tool: True for tool in tools}
    report: dict[str, object] = {"documents": {}, "overall": {}}
    planted_total = [0, 0]
    for path in paths:
        truth = Truth.load(path)
        pdf = path.with_suffix(".pdf")
        if not pdf.exists():
            print(f"{path.name}: no PDF beside it (python -m lkip.synth {path})", file=sys.stderr)
            continue
        per: dict[str, object] = {}
        t0 = time.perf_counter()
        lkip_tables, doc = read_lkip(pdf)
        seconds = time.perf_counter() - t0
        readers = {"lkip": lkip_tables, "pdfplumber": read_pdfplumber(pdf), "camelot": read_camelot(pdf)}
        n_tables = sum(1 for _ in truth.tables())
        print(f"\n{path.stem}  ({truth.page_count} pages, {n_tables} tables; lkip {seconds:.2f} s)")
        for tool, reads in readers.items():
            if reads is None:
                installed[tool] = False
                print(f"  {tool:<11} not installed")
                continue
            s = score_document(truth, reads)
            overall[tool].add(s)
            per[tool] = s.as_dict()
            print(f"  {tool:<11} cells exact {_pct(s.exact, s.cells):<20} "
                  f"rows {_pct(s.rows_found, s.rows):<18} tables {s.tables_found}/{s.tables}  "
                  f"page {_pct(s.page_ok, s.exact):<18} box {_pct(s.boxed, s.exact)}")
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
        report["documents"][path.stem] = per
    print("\nOverall")
    print(f"  {'tool':<11} {'numeric cells exact':<22} {'rows recovered':<20} {'tables found':<13} "
          f"{'page':<20} box")
    for tool in tools:
        s = overall[tool]
        if not installed[tool]:
            print(f"  {tool:<11} not installed")
            report["overall"][tool] = "not installed"
            continue
        print(f"  {tool:<11} {_pct(s.exact, s.cells):<22} {_pct(s.rows_found, s.rows):<20} "
              f"{f'{s.tables_found}/{s.tables}':<13} {_pct(s.page_ok, s.exact):<20} {_pct(s.boxed, s.exact)}")
        report["overall"][tool] = s.as_dict()
    print(f"  lkip planted errors found: {planted_total[0]}/{planted_total[1]}")
    report["overall"]["lkip_planted_errors"] = {"found": planted_total[0], "of": planted_total[1]}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
