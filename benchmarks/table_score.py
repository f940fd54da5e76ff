"""Scores extracted tables against ground truth: detection F1, TEDS, ICDAR-2013 adjacency relations.

Every tool's output and the ground truth are first put in one neutral form, :class:`ScoreTable`
(page, box in PDF points with a top-left origin, cells with start row/col, spans and text), so
that every tool goes through exactly the same arithmetic.

Choices, stated once:

* **Detection.** A predicted table matches a ground-truth region on the same page when their boxes
  have an intersection-over-union of at least 0.5 (``IOU_MATCH``). Matching is one-to-one, greedy
  by decreasing IoU. Precision = matched / predicted, recall = matched / ground truth, F1 their
  harmonic mean, all counted over tables (regions), not pages. ICDAR's region xml gives boxes in
  PDF user space with a bottom-left origin; the loader in ``icdar2013.py`` converts them.
* **TEDS** (Zhong et al. 2020): the table as a tree ``table -> tr -> td``, one ``tr`` per grid row
  holding the cells that start in it, left to right. Insert and delete cost 1; renaming a ``td``
  costs 1 when its row or column span differs, else the normalised Levenshtein distance of the two
  texts; ``tr``/``table`` nodes rename at 0 between themselves. The edit distance is Zhang–Shasha's
  (exact for ordered trees). TEDS = 1 - distance / max(node counts). A ground-truth table
  without a match scores 0; the figure is the mean over ground-truth tables.
* **Adjacency** (ICDAR 2013): for each non-empty cell, its nearest non-empty neighbour to the right
  in each row it occupies and below in each column it occupies, as (text, text, direction)
  triples compared as multisets on normalised text (lowercase, whitespace removed). Counts are
  summed over all tables (micro average); unmatched predicted tables add to the predicted count,
  unmatched ground-truth tables to the ground-truth count.
* **Rows / cols exact**: share of ground-truth tables whose match has the same number of rows
  (columns). Unmatched tables count as wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

Box = tuple[float, float, float, float]

IOU_MATCH = 0.5


@dataclass
class ScoreCell:
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str = ""


@dataclass
class ScoreTable:
    page: int
    box: Box
    cells: list[ScoreCell] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.col_span for c in self.cells), default=0)


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def match_tables(truth: Sequence[ScoreTable], pred: Sequence[ScoreTable]) -> dict[int, int]:
    """One-to-one matches truth index -> predicted index, greedy by decreasing IoU >= IOU_MATCH."""
    pairs = [(iou(t.box, p.box), i, j) for i, t in enumerate(truth) for j, p in enumerate(pred)
             if t.page == p.page]
    pairs.sort(reverse=True)
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < IOU_MATCH:
            break
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


# ---------------------------------------------------------------- TEDS (Zhang–Shasha tree edit distance)

Label = tuple  # ("table",) | ("tr",) | ("td", row_span, col_span, text)


def table_tree(table: ScoreTable) -> tuple[Label, list]:
    """The table as a (label, children) tree: table -> one tr per row -> its cells left to right."""
    rows: list[list[ScoreCell]] = [[] for _ in range(table.n_rows)]
    for cell in table.cells:
        rows[cell.row].append(cell)
    trs = [(("tr",), [(("td", c.row_span, c.col_span, normalise_space(c.text)), [])
                      for c in sorted(row, key=lambda c: c.col)]) for row in rows]
    return (("table",), trs)


def _postorder(tree: tuple[Label, list]) -> tuple[list[Label], list[int]]:
    """Labels in postorder and, for each node, the index of its leftmost leaf descendant."""
    labels: list[Label] = []
    leftmost: list[int] = []

    def visit(node: tuple[Label, list]) -> int:
        first: int | None = None
        for child in node[1]:
            index = visit(child)
            if first is None:
                first = leftmost[index]
        labels.append(node[0])
        leftmost.append(first if first is not None else len(labels) - 1)
        return len(labels) - 1

    visit(tree)
    return labels, leftmost


def _keyroots(leftmost: list[int]) -> list[int]:
    last: dict[int, int] = {}
    for index, lmd in enumerate(leftmost):
        last[lmd] = index
    return sorted(last.values())


def _rename_cost(a: Label, b: Label) -> float:
    if a[0] != b[0]:
        return 1.0
    if a[0] != "td":
        return 0.0
    if a[1] != b[1] or a[2] != b[2]:
        return 1.0
    if a[3] == b[3]:
        return 0.0
    return Levenshtein.normalized_distance(a[3], b[3])


def tree_edit_distance(t1: tuple[Label, list], t2: tuple[Label, list],
                       rename: Callable[[Label, Label], float] = _rename_cost) -> float:
    """Zhang–Shasha ordered tree edit distance with unit insert/delete and the given rename cost."""
    l1, lmd1 = _postorder(t1)
    l2, lmd2 = _postorder(t2)
    n1, n2 = len(l1), len(l2)
    dist = [[0.0] * n2 for _ in range(n1)]
    cache: dict[tuple[int, int], float] = {}

    def cost(i: int, j: int) -> float:
        key = (i, j)
        if key not in cache:
            cache[key] = rename(l1[i], l2[j])
        return cache[key]

    for i in _keyroots(lmd1):
        for j in _keyroots(lmd2):
            li, lj = lmd1[i], lmd2[j]
            m, n = i - li + 2, j - lj + 2
            fd = [[0.0] * n for _ in range(m)]
            for x in range(1, m):
                fd[x][0] = fd[x - 1][0] + 1
            for y in range(1, n):
                fd[0][y] = fd[0][y - 1] + 1
            for x in range(1, m):
                i1 = li + x - 1
                row, prev = fd[x], fd[x - 1]
                whole_i = lmd1[i1] == li
                p = lmd1[i1] - li
                for y in range(1, n):
                    j1 = lj + y - 1
                    best = min(prev[y], row[y - 1]) + 1
                    if whole_i and lmd2[j1] == lj:
                        value = min(best, prev[y - 1] + cost(i1, j1))
                        row[y] = value
                        dist[i1][j1] = value
                    else:
                        row[y] = min(best, fd[p][lmd2[j1] - lj] + dist[i1][j1])
    return dist[n1 - 1][n2 - 1]


def teds(truth: ScoreTable, pred: ScoreTable) -> float:
    """Tree edit distance similarity of two tables, in [0, 1]."""
    t1, t2 = table_tree(truth), table_tree(pred)
    size1 = 1 + len(t1[1]) + sum(len(tr[1]) for tr in t1[1])
    size2 = 1 + len(t2[1]) + sum(len(tr[1]) for tr in t2[1])
    return max(0.0, 1.0 - tree_edit_distance(t1, t2) / max(size1, size2))


# ---------------------------------------------------------------- ICDAR-2013 adjacency relations

def normalise_space(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def adjacency(table: ScoreTable) -> Counter:
    """Multiset of (text, neighbour text, direction) for nearest non-empty right and lower neighbours."""
    at: dict[tuple[int, int], int] = {}
    for index, cell in enumerate(table.cells):
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col, cell.col + cell.col_span):
                at[(r, c)] = index
    texts = [_key(c.text) for c in table.cells]
    n_rows, n_cols = table.n_rows, table.n_cols
    out: Counter = Counter()
    for index, cell in enumerate(table.cells):
        if not texts[index]:
            continue
        seen: set[tuple[int, str]] = set()
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.col + cell.col_span, n_cols):
                other = at.get((r, c))
                if other is not None and other != index and texts[other]:
                    seen.add((other, "h"))
                    break
        for c in range(cell.col, cell.col + cell.col_span):
            for r in range(cell.row + cell.row_span, n_rows):
                other = at.get((r, c))
                if other is not None and other != index and texts[other]:
                    seen.add((other, "v"))
                    break
        for other, direction in seen:
            out[(texts[index], texts[other], direction)] += 1
    return out


# ---------------------------------------------------------------- totals

@dataclass
class Scores:
    n_truth: int = 0
    n_pred: int = 0
    n_matched: int = 0
    teds_sum: float = 0.0
    adj_truth: int = 0
    adj_pred: int = 0
    adj_correct: int = 0
    rows_exact: int = 0
    cols_exact: int = 0
    pages: int = 0
    seconds: float = 0.0

    def add(self, truth: Sequence[ScoreTable], pred: Sequence[ScoreTable]) -> None:
        """Score one document's tables (all pages) and add them to the totals."""
        matched = match_tables(truth, pred)
        self.n_truth += len(truth)
        self.n_pred += len(pred)
        self.n_matched += len(matched)
        for j, p in enumerate(pred):
            if j not in matched.values():
                self.adj_pred += sum(adjacency(p).values())
        for i, t in enumerate(truth):
            rel_t = adjacency(t)
            self.adj_truth += sum(rel_t.values())
            if i not in matched:
                continue
            p = pred[matched[i]]
            rel_p = adjacency(p)
            self.adj_pred += sum(rel_p.values())
            self.adj_correct += sum((rel_t & rel_p).values())
            self.teds_sum += teds(t, p)
            self.rows_exact += t.n_rows == p.n_rows
            self.cols_exact += t.n_cols == p.n_cols

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        det_p = self.n_matched / self.n_pred if self.n_pred else 0.0
        det_r = self.n_matched / self.n_truth if self.n_truth else 0.0
        adj_p = self.adj_correct / self.adj_pred if self.adj_pred else 0.0
        adj_r = self.adj_correct / self.adj_truth if self.adj_truth else 0.0
        n = max(self.n_truth, 1)
        return {
            "tables": self.n_truth, "predicted": self.n_pred, "matched": self.n_matched,
            "detection_precision": det_p, "detection_recall": det_r, "detection_f1": f1(det_p, det_r),
            "teds": self.teds_sum / n,
            "adjacency_precision": adj_p, "adjacency_recall": adj_r, "adjacency_f1": f1(adj_p, adj_r),
            "rows_exact": self.rows_exact / n, "cols_exact": self.cols_exact / n,
            "seconds_per_page": self.seconds / self.pages if self.pages else 0.0,
        }
