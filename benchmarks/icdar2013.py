"""ICDAR-2013 table competition benchmark: lkip's grid finder against pdfplumber, Camelot and img2table.

Prints one line per tool: detection F1, TEDS, adjacency F1, rows exact, cols exact, seconds per
page. The scoring rules are in ``table_score.py``.

    .venv/bin/python benchmarks/icdar2013.py [--limit N] [--tools lkip,pdfplumber,camelot,img2table]
                                             [--json OUT] [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402
from table_score import Box, ScoreCell, Scores, ScoreTable  # noqa: E402

DATA = Path("/work/shared/peer/icdar2013")
TOOLS = ("lkip", "pdfplumber", "camelot", "img2table")

Runner = Callable[[Path], tuple[list[ScoreTable], int]]


# ---------------------------------------------------------------- ground truth

def _flip(box: ET.Element, height: float) -> Box:
    """An ICDAR bounding box (PDF user space, bottom-left origin) as (x0, top, x1, bottom)."""
    x1, y1, x2, y2 = (float(box.get(k, 0)) for k in ("x1", "y1", "x2", "y2"))
    return (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))


def load_truth(pdf: Path) -> list[ScoreTable]:
    """The ground-truth tables of one document: one ScoreTable per region (page part of a table)."""
    stem = pdf.with_suffix("")
    reg = ET.parse(f"{stem}-reg.xml").getroot()
    struct = ET.parse(f"{stem}-str.xml").getroot()
    with pdfplumber.open(pdf) as doc:
        heights = [p.height for p in doc.pages]
    boxes: dict[tuple[str, str, int], Box] = {}
    for table in reg.iter("table"):
        for region in table.iter("region"):
            page = int(region.get("page", "1"))
            boxes[(table.get("id", ""), region.get("id", ""), page)] = _flip(
                region.find("bounding-box"), heights[page - 1])
    out: list[ScoreTable] = []
    for table in struct.iter("table"):
        for region in table.iter("region"):
            page = int(region.get("page", "1"))
            cells = []
            for cell in region.iter("cell"):
                r0, c0 = int(cell.get("start-row")), int(cell.get("start-col"))
                r1, c1 = int(cell.get("end-row", r0)), int(cell.get("end-col", c0))
                content = cell.findtext("content") or ""
                cells.append(ScoreCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, " ".join(content.split())))
            if not cells:
                continue
            r_min = min(c.row for c in cells)
            c_min = min(c.col for c in cells)
            for c in cells:
                c.row -= r_min
                c.col -= c_min
            box = boxes.get((table.get("id", ""), region.get("id", ""), page))
            if box is None:  # fall back on the cells' extent
                flipped = [_flip(cell.find("bounding-box"), heights[page - 1])
                           for cell in region.iter("cell")]
                box = (min(b[0] for b in flipped), min(b[1] for b in flipped),
                       max(b[2] for b in flipped), max(b[3] for b in flipped))
            out.append(ScoreTable(page, box, cells))
    return out


# ---------------------------------------------------------------- tools

def _text_in(words: list[dict], box: Box) -> str:
    inside = [w for w in words if box[0] <= (w["x0"] + w["x1"]) / 2 <= box[2]
              and box[1] <= (w["top"] + w["bottom"]) / 2 <= box[3]]
    inside.sort(key=lambda w: (round(w["top"]), w["x0"]))
    return " ".join(w["text"] for w in inside)


def _grid_from_boxes(page: int, boxes: list[Box], texts: list[str]) -> ScoreTable:
    """Cells given as boxes on a grid: spans from the distinct cell edges (for pdfplumber, img2table)."""
    def snap(values: list[float]) -> list[float]:
        out: list[float] = []
        for v in sorted(values):
            if not out or v - out[-1] > 2:
                out.append(v)
        return out

    xs = snap([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = snap([b[1] for b in boxes] + [b[3] for b in boxes])

    def index(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    cells = []
    for b, text in zip(boxes, texts, strict=True):
        c0, c1 = index(xs, b[0]), index(xs, b[2])
        r0, r1 = index(ys, b[1]), index(ys, b[3])
        cells.append(ScoreCell(r0, c0, max(1, r1 - r0), max(1, c1 - c0), text))
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
           max(b[3] for b in boxes))
    return ScoreTable(page, box, cells)


def run_lkip(pdf: Path) -> tuple[list[ScoreTable], int]:
    from lkip.extract.grid import find_tables

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for t in find_tables(page):
                cells = [ScoreCell(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells]
                out.append(ScoreTable(t.page, t.box, cells))
        return out, len(doc.pages)


def run_pdfplumber(pdf: Path) -> tuple[list[ScoreTable], int]:
    out = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            tables = page.find_tables()
            if not tables:
                continue
            words = page.extract_words()
            for t in tables:
                boxes = [tuple(c) for c in t.cells]
                if boxes:
                    out.append(_grid_from_boxes(number, boxes, [_text_in(words, b) for b in boxes]))
        return out, len(doc.pages)


def _camelot_groups(grid: list) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Camelot's grid slots joined where its cells have no edge between them (merged cells)."""
    parent = {(r, c): (r, c) for r in range(len(grid)) for c in range(len(grid[0]))}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if c + 1 < len(row) and not cell.right:
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < len(grid) and not cell.bottom:
                parent[find((r + 1, c))] = find((r, c))
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    return groups


def run_camelot(pdf: Path) -> tuple[list[ScoreTable], int]:
    import camelot

    with pdfplumber.open(pdf) as doc:
        heights = [p.height for p in doc.pages]
    out = []
    for t in camelot.read_pdf(str(pdf), flavor="lattice", pages="all"):
        page = int(t.page)
        h = heights[page - 1]
        grid = t.cells
        groups = _camelot_groups(grid)
        cells = []
        for members in groups.values():
            r0, c0 = min(m[0] for m in members), min(m[1] for m in members)
            r1, c1 = max(m[0] for m in members), max(m[1] for m in members)
            text = " ".join(str(t.df.iloc[r, c]).strip() for r, c in sorted(members)
                            if str(t.df.iloc[r, c]).strip())
            cells.append(ScoreCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, " ".join(text.split())))
        x1, y1, x2, y2 = t._bbox
        out.append(ScoreTable(page, (x1, h - y2, x2, h - y1), cells))
    with pdfplumber.open(pdf) as doc:
        return out, len(doc.pages)


def run_img2table(pdf: Path) -> tuple[list[ScoreTable], int]:
    from img2table.document import PDF

    doc = PDF(str(pdf))
    scale = 72 / getattr(doc, "dpi", 200)
    out = []
    for index, tables in doc.extract_tables().items():
        for t in tables:
            seen: dict[tuple, str] = {}
            for row in t.content.values():
                for cell in row:
                    b = cell.bbox
                    seen.setdefault((b.x1, b.y1, b.x2, b.y2), cell.value or "")
            boxes = [tuple(v * scale for v in k) for k in seen]
            if boxes:
                out.append(_grid_from_boxes(index + 1, boxes, [" ".join(v.split()) for v in seen.values()]))
    return out, len(doc.images) if hasattr(doc, "images") else len(pdfplumber.open(pdf).pages)


RUNNERS: dict[str, Runner] = {"lkip": run_lkip, "pdfplumber": run_pdfplumber, "camelot": run_camelot,
                              "img2table": run_img2table}
PEER_MODULES = {"camelot": "camelot", "img2table": "img2table"}


def available(tool: str) -> bool:
    module = PEER_MODULES.get(tool)
    if module is None:
        return True
    try:
        __import__(module)
    except Exception:  # noqa: BLE001 - any import failure means the peer cannot run
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--only", default="", help="only documents whose name contains this")
    parser.add_argument("--per-doc", action="store_true", help="print each document's figures")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    warnings.filterwarnings("ignore")  # peers warn about every text box outside their grid

    pdfs = sorted(Path(args.data).glob("*/*.pdf"))
    pdfs = [p for p in pdfs if args.only in p.name]
    if args.limit:
        pdfs = pdfs[: args.limit]
    truth = {pdf: load_truth(pdf) for pdf in pdfs}

    results: dict[str, dict[str, float] | str] = {}
    for tool in args.tools.split(","):
        if not available(tool):
            results[tool] = "not installed"
            continue
        scores = Scores()
        for pdf in pdfs:
            start = time.perf_counter()
            try:
                pred, pages = RUNNERS[tool](pdf)
            except Exception as exc:  # noqa: BLE001 - a peer's crash on one file is scored as no tables
                logging.getLogger(__name__).warning("%s failed on %s: %s", tool, pdf.name, exc)
                pred, pages = [], 0
            scores.seconds += time.perf_counter() - start
            scores.pages += pages
            if args.per_doc:
                one = Scores()
                one.add(truth[pdf], pred)
                f = one.figures()
                print(f"  {tool:10} {pdf.name:14} gt={f['tables']} pred={f['predicted']} "
                      f"match={f['matched']} teds={f['teds']:.3f} adjF1={f['adjacency_f1']:.3f}")
            scores.add(truth[pdf], pred)
        results[tool] = scores.figures()

    print(f"{len(pdfs)} documents, {sum(len(t) for t in truth.values())} ground-truth tables")
    print(f"{'tool':12} {'det F1':>7} {'TEDS':>6} {'adj F1':>7} {'rows ex':>8} {'cols ex':>8} {'s/page':>7}")
    for tool, f in results.items():
        if isinstance(f, str):
            print(f"{tool:12} {f}")
            continue
        print(f"{tool:12} {f['detection_f1']:7.3f} {f['teds']:6.3f} {f['adjacency_f1']:7.3f} "
              f"{f['rows_exact']:8.3f} {f['cols_exact']:8.3f} {f['seconds_per_page']:7.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
