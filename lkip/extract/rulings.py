"""Ruling lines of a PDF page: merged horizontal/vertical segments and the lattice grids they form."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

SNAP = 2.0  # points: edges closer than this across their direction are one line
JOIN = 3.0  # points: collinear pieces with a smaller gap are one line
GRID = 3.5  # points: grid positions closer than this are one position (double borders)
MIN_LENGTH = 2.5  # points: shorter edges are the thin sides of lines drawn as rectangles


@dataclass
class Segment:
    """A horizontal (pos = y) or vertical (pos = x) ruling from start to end along its direction."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class Lattice:
    """A grid drawn by ruling lines: its column and row positions and the rulings that draw it."""

    xs: list[float]
    ys: list[float]
    h: list[Segment]
    v: list[Segment]

    def cells(self) -> list[tuple[int, int, int, int]]:
        """Cells as (row0, col0, row1, col1), inclusive grid slots."""
        return _cells(self.xs, self.ys, self.h, self.v)

    def add(self, seg: Segment) -> None:
        """Add a ruling the text implies (a gutter or a gap between rows), and its position."""
        (self.h if seg.horizontal else self.v).append(seg)
        positions = self.ys if seg.horizontal else self.xs
        if all(abs(p - seg.pos) > GRID for p in positions):
            positions.append(seg.pos)
            positions.sort()

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


THIN = 3.0  # points: a filled rectangle thinner than this is a line drawn as a rectangle


def ruling_edges(page: Any) -> list[dict]:
    """What is drawn as a line on the page: line objects, stroked rectangle and curve sides, and
    filled rectangles thin enough to be lines. Sides of large filled rectangles (cell shading,
    often inset from the borders) are not rulings: they would cut cells into slivers.
    """
    out: list[dict] = [e for e in page.edges if e.get("object_type") == "line"]
    for r in page.rects:
        width, height = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if r.get("stroke"):
            x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
            out += [_edge(x0, top, x1, top), _edge(x0, bottom, x1, bottom),
                    _edge(x0, top, x0, bottom), _edge(x1, top, x1, bottom)]
        elif height <= THIN or width <= THIN:
            out.append(_edge(r["x0"], r["top"], r["x1"], r["bottom"]))
    out += [e for e in page.edges if e.get("object_type") == "curve_edge" and e.get("stroke")]
    return out


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}


def segments(edges: Iterable[dict]) -> tuple[list[Segment], list[Segment]]:
    """The horizontal and vertical rulings among the edges, collinear pieces joined.

    A thin rectangle becomes the line through its middle.
    """
    h: list[Segment] = []
    v: list[Segment] = []
    for e in edges:
        width, height = e["x1"] - e["x0"], e["bottom"] - e["top"]
        if height <= THIN and width >= MIN_LENGTH and width > height:
            h.append(Segment(True, (e["top"] + e["bottom"]) / 2, e["x0"], e["x1"]))
        elif width <= THIN and height >= MIN_LENGTH and height > width:
            v.append(Segment(False, (e["x0"] + e["x1"]) / 2, e["top"], e["bottom"]))
    return _merge(h), _merge(v)


def _merge(segs: list[Segment]) -> list[Segment]:
    """Snap segments at nearly the same position together and join overlapping or touching pieces."""
    out: list[Segment] = []
    segs = sorted(segs, key=lambda s: s.pos)
    groups: list[list[Segment]] = []
    for s in segs:
        if groups and s.pos - groups[-1][-1].pos <= SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    for group in groups:
        pos = sum(s.pos for s in group) / len(group)
        group.sort(key=lambda s: s.start)
        current = Segment(group[0].horizontal, pos, group[0].start, group[0].end)
        for s in group[1:]:
            if s.start <= current.end + JOIN:
                current.end = max(current.end, s.end)
            else:
                out.append(current)
                current = Segment(s.horizontal, pos, s.start, s.end)
        out.append(current)
    return out


def _cross(h: Segment, v: Segment, tol: float = JOIN) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def _components(h: list[Segment], v: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of rulings connected through crossings."""
    parent = list(range(len(h) + len(v)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, hs in enumerate(h):
        for j, vs in enumerate(v):
            if _cross(hs, vs):
                parent[find(i)] = find(len(h) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, hs in enumerate(h):
        groups.setdefault(find(i), ([], []))[0].append(hs)
    for j, vs in enumerate(v):
        groups.setdefault(find(len(h) + j), ([], []))[1].append(vs)
    return [g for g in groups.values() if g[0] and g[1]]


def _positions(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= GRID:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(g) / len(g) for g in out]


def _covered(segs: list[Segment], pos: float, lo: float, hi: float) -> bool:
    """Whether rulings at pos cover most of the stretch lo..hi."""
    total = 0.0
    for s in segs:
        if abs(s.pos - pos) <= GRID:
            total += max(0.0, min(hi, s.end) - max(lo, s.start))
    return total >= 0.5 * (hi - lo)


def lattices(h: list[Segment], v: list[Segment]) -> list[Lattice]:
    """Every grid of at least two cells drawn by connected rulings, with its merged cells.

    Sides without a ruling (tables open on the left and right, as Word draws them) are closed
    by the extent of the crossing rulings, so the outer cells still exist.
    """
    out = []
    for hs, vs in _components(h, v):
        xs = _positions([s.pos for s in vs] + [min(s.start for s in hs), max(s.end for s in hs)])
        ys = _positions([s.pos for s in hs] + [min(s.start for s in vs), max(s.end for s in vs)])
        if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
            continue
        out.append(Lattice(xs, ys, hs, vs))
    return out


def _cells(xs: list[float], ys: list[float], hs: list[Segment], vs: list[Segment]
           ) -> list[tuple[int, int, int, int]]:
    """Grid slots joined wherever no ruling separates them, grown to rectangles."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for r in range(n_rows):
        for c in range(n_cols - 1):
            if not _covered(vs, xs[c + 1], ys[r], ys[r + 1]):
                union(r * n_cols + c, r * n_cols + c + 1)
    for r in range(n_rows - 1):
        for c in range(n_cols):
            if not _covered(hs, ys[r + 1], xs[c], xs[c + 1]):
                union(r * n_cols + c, (r + 1) * n_cols + c)
    changed = True
    while changed:  # a region that is not a rectangle swallows the slots of its bounding rectangle
        changed = False
        spans: dict[int, list[int]] = {}
        for i in range(n_rows * n_cols):
            r, c = divmod(i, n_cols)
            s = spans.setdefault(find(i), [r, c, r, c])
            s[0], s[1], s[2], s[3] = min(s[0], r), min(s[1], c), max(s[2], r), max(s[3], c)
        for root, (r0, c0, r1, c1) in spans.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if find(r * n_cols + c) != find(root):
                        union(r * n_cols + c, root)
                        changed = True
    rects: dict[int, tuple[int, int, int, int]] = {}
    for i in range(n_rows * n_cols):
        r, c = divmod(i, n_cols)
        root = find(i)
        r0, c0, r1, c1 = rects.get(root, (r, c, r, c))
        rects[root] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    return sorted(rects.values())
