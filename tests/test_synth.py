"""The synthetic LKIP generator: every committed truth renders, each figure lands on its page, the
committed PDFs match their truth. (How well lkip reads them is benchmarks/extract_accuracy.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")

from lkipsynth.truth import Truth  # noqa: E402
from lkipsynth.typeset import LayoutError, _unbreakable, render  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "synthetic"
TRUTHS = sorted(SAMPLES.glob("*.json"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> list[tuple[str, float, float]]:
    with pdfplumber.open(pdf) as doc:
        return [(p.extract_text() or "", p.width, p.height) for p in doc.pages]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Truth, list]]:
    out = tmp_path_factory.mktemp("synth")
    result = {}
    for path in TRUTHS:
        truth = Truth.load(path)
        result[path.stem] = (truth, _pages(render(truth, out / f"{path.stem}.pdf")))
    return result


def test_samples_exist() -> None:
    assert len(TRUTHS) >= 3
    assert all(p.with_suffix(".pdf").exists() for p in TRUTHS)


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_figures_and_captions_on_their_page(path: Path, rendered: dict) -> None:
    truth, pages = rendered[path.stem]
    assert len(pages) == truth.page_count
    for placed in truth.tables():
        assert _flat(placed.table.caption) in _flat(pages[placed.page - 1][0]), placed.table.caption
    for cell in truth.cells():
        if _unbreakable(cell.text):  # every figure, never wrapped
            where = (cell.table, cell.row, cell.column, cell.page)
            assert _flat(cell.text) in _flat(pages[cell.page - 1][0]), where


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_orientation_and_running_header(path: Path, rendered: dict) -> None:
    truth, pages = rendered[path.stem]
    for first, page in truth.physical_pages():
        for k in range(page.sheets):
            text, width, height = pages[first - 1 + k]
            assert (width > height) == (page.orientation == "landscape")
            if page.running:
                assert _flat(truth.running_header) in _flat(text)
                assert _flat(truth.footer.format(page=first + k)) in _flat(text)


def test_samples_cover_the_layouts() -> None:
    truths = [Truth.load(p) for p in TRUTHS]
    placed = [t for truth in truths for t in truth.tables()]
    assert any(p.orientation == "landscape" for p in placed)
    assert {p.table.style for p in placed} == {"grid", "horizontal", "none"}
    assert any(p.table.split_at and p.table.repeat_header for p in placed)
    assert any(p.table.split_at and not p.table.repeat_header for p in placed)
    assert any(c.col_span > 1 for p in placed for row in p.table.header for c in row)
    assert sum(len(t.planted_errors) for t in truths) >= 5


def test_long_table_spans_pages(rendered: dict) -> None:
    for truth, pages in rendered.values():
        for placed in truth.tables():
            t = placed.table
            if not t.split_at:
                continue
            for k, (start, end) in enumerate(t.chunks()):
                text = _flat(pages[placed.page - 1 + k][0])
                numbers = [c for i in range(start, end) for c in t.rows[i].cells if re.search(r"\d{3}", c)]
                assert numbers and all(_flat(c) in text for c in numbers)
                if k:
                    header = [_flat(c.text) for row in t.header for c in row if len(c.text) >= 5]
                    assert any(h in text for h in header) == t.repeat_header, (t.caption, k)


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_committed_pdf_is_up_to_date(path: Path, rendered: dict) -> None:
    _truth, fresh = rendered[path.stem]
    committed = _pages(path.with_suffix(".pdf"))
    assert [t for t, _, _ in committed] == [t for t, _, _ in fresh], \
        f"regenerate: python -m lkipsynth {path.relative_to(SAMPLES.parent.parent)}"


def test_overflowing_page_is_an_error(tmp_path: Path) -> None:
    truth = Truth.load(TRUTHS[0])
    truth.pages[1].blocks += [truth.pages[1].blocks[-1]] * 40  # far more prose than a page holds
    with pytest.raises(LayoutError):
        render(truth, tmp_path / "x.pdf")


def test_bad_spans_are_refused() -> None:
    from pydantic import ValidationError

    from lkipsynth.truth import Table

    with pytest.raises(ValidationError):
        Table(caption="Tabel 1", columns=[{"name": "a"}, {"name": "b"}],
              header=[[{"text": "x", "col_span": 3}]], rows=[])
    with pytest.raises(ValidationError):
        Table(caption="Tabel 1", columns=[{"name": "a"}, {"name": "b"}], header=[["a", "b"]],
              rows=[{"cells": ["1"]}])
