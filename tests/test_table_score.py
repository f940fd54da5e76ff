"""Tests for the table benchmark scorer (benchmarks/table_score.py): tree edit distance, TEDS, matching."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from table_score import (  # noqa: E402
    ScoreCell,
    Scores,
    ScoreTable,
    adjacency,
    iou,
    match_tables,
    teds,
    tree_edit_distance,
)


def _tree(label: str, *children: tuple) -> tuple:
    return ((label,), list(children))


def _unit(a: tuple, b: tuple) -> float:
    return 0.0 if a == b else 1.0


def test_zhang_shasha_classic_example() -> None:
    # the example of Zhang & Shasha (1989): distance 2 (delete c, insert c above d's children)
    t1 = _tree("f", _tree("d", _tree("a"), _tree("c", _tree("b"))), _tree("e"))
    t2 = _tree("f", _tree("c", _tree("d", _tree("a"), _tree("b"))), _tree("e"))
    assert tree_edit_distance(t1, t2, _unit) == 2


def test_tree_edit_distance_basics() -> None:
    t = _tree("a", _tree("b"), _tree("c"))
    assert tree_edit_distance(t, t, _unit) == 0
    assert tree_edit_distance(t, _tree("a", _tree("b")), _unit) == 1
    assert tree_edit_distance(t, _tree("a", _tree("b"), _tree("x")), _unit) == 1
    assert tree_edit_distance(_tree("a"), _tree("a", _tree("b"), _tree("c"), _tree("d")), _unit) == 3


def _grid(rows: list[list[str]], page: int = 1, box=(0, 0, 100, 100)) -> ScoreTable:
    cells = [ScoreCell(r, c, text=text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return ScoreTable(page, box, cells)


def test_teds() -> None:
    a = _grid([["x", "y"], ["1", "2"]])
    assert teds(a, a) == 1.0
    # one cell's text differs completely: 1 of 7 nodes renamed at cost 1
    assert teds(a, _grid([["x", "y"], ["1", "9"]])) == pytest.approx(1 - 1 / 7)
    # a merged header instead of two cells: cost 1 (rename with another span) + 1 (delete)
    merged = ScoreTable(1, (0, 0, 100, 100), [ScoreCell(0, 0, 1, 2, "x"), ScoreCell(1, 0, text="1"),
                                               ScoreCell(1, 1, text="2")])
    assert teds(a, merged) == pytest.approx(1 - 2 / 7)


def test_iou_and_matching() -> None:
    assert iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert iou((0, 0, 10, 10), (5, 0, 15, 10)) == pytest.approx(50 / 150)
    truth = [_grid([["a"]], page=1, box=(0, 0, 10, 10)), _grid([["b"]], page=2, box=(0, 0, 10, 10))]
    pred = [_grid([["a"]], page=2, box=(1, 0, 10, 10)), _grid([["a"]], page=1, box=(0, 0, 10, 9))]
    assert match_tables(truth, pred) == {0: 1, 1: 0}


def test_adjacency_skips_empty_cells_and_follows_spans() -> None:
    t = ScoreTable(1, (0, 0, 1, 1), [ScoreCell(0, 0, 1, 2, "Head"), ScoreCell(1, 0, text="a"),
                                     ScoreCell(1, 1, text=""), ScoreCell(2, 0, text="b"),
                                     ScoreCell(2, 1, text="2")])
    rel = adjacency(t)
    assert rel[("head", "a", "v")] == 1
    assert rel[("head", "2", "v")] == 1  # the empty cell below is skipped
    assert rel[("a", "b", "v")] == 1
    assert rel[("b", "2", "h")] == 1
    assert sum(rel.values()) == 4


def test_scores_count_unmatched_tables() -> None:
    truth = [_grid([["a", "b"], ["1", "2"]], box=(0, 0, 10, 10))]
    scores = Scores()
    scores.add(truth, [_grid([["a", "b"], ["1", "2"]], box=(0, 0, 10, 10)),
                       _grid([["x", "y"]], box=(50, 50, 60, 60))])
    f = scores.figures()
    assert f["detection_recall"] == 1.0 and f["detection_precision"] == 0.5
    assert f["teds"] == 1.0 and f["adjacency_recall"] == 1.0
    assert f["adjacency_precision"] == pytest.approx(4 / 5)
    assert f["rows_exact"] == 1.0 and f["cols_exact"] == 1.0
