"""Figures into numeric columns: by order and type (``align``: an amount, a percentage, a count
fits only some columns), or in laid-out text by position (``column_slots``: figures of a column
end at about the same place); a laid-out table of no known kind gets columns by position
(``generic_slots``).
"""

from __future__ import annotations

import math
import re

from lkip.extract.kinds import Slot
from lkip.extract.line_parts import LineInfo
from lkip.extract.lines import Line, Token


def _compatible(tok: Token, kind: str) -> bool:
    if kind == "money":  # a bare '0' is a nil amount (no change, nothing spent)
        return tok.is_money or _nil(tok)
    if kind == "pct":
        return not tok.is_money and tok.unit is None
    return True  # a target or realisasi may itself be an amount ('Rp 9.590.400.000.000')


def _fit(tok: Token, kind: str) -> int:
    """How well a value fits a column type: an amount in an amount column, a percentage in a
    percentage column, a count in a value column fit best."""
    if kind == "val":
        return 0 if tok.is_money else 1
    if kind == "money" and _nil(tok):  # where a bare '0' could also be a percentage, it is one
        return 0
    return 1


def _nil(tok: Token) -> bool:
    n = tok.parsed.number
    return n is not None and n.value == 0 and tok.text.strip() == "0" and tok.unit is None


def align(tokens: list[Token], slots: list[Slot]) -> tuple[dict[str, Token], set[str], list[Token]]:
    """Place tokens in slots in order, types compatible, fewest slots skipped.

    Returns the placement, the slots whose placement had an equally good alternative
    (ambiguous: e.g. one amount in a 'before | after' table), and tokens that fit nowhere.
    """
    n, m = len(tokens), len(slots)
    if not n or not m:
        return {}, set(), list(tokens)
    if n <= m and math.comb(m, n) > 5000:  # very wide tables: place in order, no search
        return _align_in_order(tokens, slots)
    best: list[tuple[int, list[int]]] = []

    def search(i: int, j: int, chosen: list[int]) -> None:
        if i == n:
            best.append((len(chosen), list(chosen)))
            return
        for k in range(j, m):
            if _compatible(tokens[i], slots[k][1]):
                chosen.append(k)
                search(i + 1, k + 1, chosen)
                chosen.pop()

    search(0, 0, [])
    if not best:
        if n > m:  # more numbers than columns: keep the last ones, the first are in the name
            return align(tokens[n - m:], slots)[0], set(), tokens[: n - m]
        return {}, set(), list(tokens)
    scores = [sum(_fit(tokens[i], slots[k][1]) for i, k in enumerate(c)) for _, c in best]
    options = [c for (_, c), score in zip(best, scores, strict=True) if score == max(scores)]
    first = options[0]
    placement = {slots[k][0]: tokens[i] for i, k in enumerate(first)}
    ambiguous = {slots[k][0] for i, k in enumerate(first) if any(o[i] != k for o in options)}
    return placement, ambiguous, []


def _align_in_order(tokens: list[Token], slots: list[Slot]) -> tuple[dict[str, Token], set[str],
                                                                     list[Token]]:
    """Each value to the next column that takes its type; what is left fits nowhere."""
    placement: dict[str, Token] = {}
    k = 0
    for i, tok in enumerate(tokens):
        while k < len(slots) and not _compatible(tok, slots[k][1]):
            k += 1
        if k == len(slots):
            return placement, set(placement), tokens[i:]
        placement[slots[k][0]] = tok
        k += 1
    if any(_compatible(tokens[-1], kind) for _, kind in slots[k:]):
        # fewer figures than columns and room to the right: which columns they belong to is a
        # guess (a row whose first figures were lost would be read shifted left), say so
        return placement, set(placement), []
    return placement, set(), []


def order_by_data(infos: list[LineInfo], slots: list[Slot]) -> list[Slot]:
    """'Anggaran | Realisasi | % | Efisiensi' or '... | Efisiensi | %': a header split over lines
    does not always say which, the figures do (a percentage and an amount cannot swap)."""
    names = [n for n, _ in slots]
    if "persen" not in names or "efisiensi" not in names:
        return slots
    i, j = names.index("persen"), names.index("efisiensi")
    swapped = list(slots)
    swapped[i], swapped[j] = swapped[j], swapped[i]

    def score(order: list[Slot]) -> int:
        total = 0
        for info in infos:
            if len(info.tokens) >= 3:
                placed, _amb, extra = align(info.tokens, order)
                total += len(placed) - 2 * len(extra)
        return total

    return swapped if score(swapped) > score(slots) else slots


def slots_fit(infos: list[LineInfo], slots: list[Slot], kind: str) -> bool:
    counts = sorted(len(i.tokens) for i in infos if i.tokens)
    if not counts:
        return True
    median = counts[len(counts) // 2]
    if kind in ("capaian", "target", "comparison"):
        return median <= len(slots)
    return median <= len(slots)


def is_layout(lines: list[Line]) -> bool:
    """Text laid out in columns (pdftotext -layout): column gaps are runs of spaces."""
    nonblank = [ln for ln in lines if ln.stripped]
    gapped = sum(1 for ln in nonblank if re.search(r"\S\s{3,}\S", ln.stripped)
                 or re.match(r"\s{4,}\S", ln.text))
    return bool(nonblank) and gapped / len(nonblank) >= 0.5


def generic_slots(infos: list[LineInfo]) -> list[Slot]:
    """Numeric columns of a laid-out table of no known kind: every place where figures of at
    least two lines end, so that its numbers are kept (and shown) even if no rule reads them."""
    clusters = edge_clusters(infos)
    count = sum(1 for c in clusters if len(c) >= 2)
    return [(f"kolom_{k + 1}", "val") for k in range(count)]


def edge_clusters(infos: list[LineInfo]) -> list[list[int]]:
    """Where the figures end, grouped: right edges within a few characters of each other.

    Two figures of one line never share a column, so a group that holds two of them (the
    narrow 'Rp' and '%' columns of a change table end a few characters apart) is split at its
    widest gap until none does.
    """
    clusters: list[list[int]] = []
    for end in sorted(t.right for info in infos for t in info.tokens):
        if clusters and end - clusters[-1][-1] <= 3:
            clusters[-1].append(end)
        else:
            clusters.append([end])
    lines = [sorted(t.right for t in info.tokens) for info in infos if len(info.tokens) > 1]
    out: list[list[int]] = []
    while clusters:
        cluster = clusters.pop(0)
        lo, hi = cluster[0], cluster[-1]
        shared = any(sum(lo <= e <= hi for e in edges) > 1 for edges in lines)
        if not shared or cluster[0] == cluster[-1]:
            out.append(cluster)
            continue
        cut = max(range(1, len(cluster)), key=lambda k: cluster[k] - cluster[k - 1])
        clusters[:0] = [cluster[:cut], cluster[cut:]]
    return out


def column_slots(infos: list[LineInfo], slots: list[Slot]) -> dict[int, str] | None:
    """In laid-out text, the numeric columns by position.

    Figures in a column end at about the same place (right-aligned, or centred with similar
    widths): right edges that lie within a few characters of each other form a column, the
    best-supported columns are kept, and each line's figures go, in order, to the nearest
    column, so one row printed off the grid ('18.198.430.000,00 16.726.996.300,00 ...') still
    lands in its columns. Columns are matched to the slots in order, by the type of their values.
    """
    tokens = [t for info in infos for t in info.tokens]
    if not tokens or not slots:
        return None
    clusters = edge_clusters(infos)
    if len(clusters) > len(slots):
        clusters = sorted(sorted(clusters, key=len, reverse=True)[: len(slots)], key=lambda c: c[0])
    centers = [sorted(c)[len(c) // 2] for c in clusters]
    columns: list[list[Token]] = [[] for _ in centers]
    for info in infos:
        prev = -1
        for tok in info.tokens:
            choices = range(prev + 1, len(centers))
            if not choices:  # more figures on a line than columns kept: the columns are wrong
                return None
            k = min(choices, key=lambda c: abs(centers[c] - tok.right))
            columns[k].append(tok)
            prev = k
    columns = [col for col in columns if col]
    reps = [max(col, key=lambda t: (t.is_money, t.is_percent)) for col in columns]
    placement, _amb, extra = align(reps, slots)
    if extra or len(placement) != len(reps):
        return None
    by_rep = {id(tok): name for name, tok in placement.items()}
    out: dict[int, str] = {}
    for col, rep in zip(columns, reps, strict=True):
        for tok in col:
            out[id(tok)] = by_rep[id(rep)]
    return out
