"""The random truth generator (lkipsynth.random_truth): deterministic for a seed; every truth adds
up except its planted errors; the committed random samples are what the generator makes and their
PDFs carry every figure on its page.

Regenerate the samples: python -m lkipsynth --random 5 --seed 1 --only 1 3 4 -o samples/synthetic/random
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")

from lkipsynth.random_truth import audit, parse, random_truth  # noqa: E402
from lkipsynth.truth import Truth  # noqa: E402
from lkipsynth.typeset import _unbreakable, render  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "synthetic" / "random"
TRUTHS = sorted(SAMPLES.glob("*.json"))
PROSE_RULES = {"narrative", "change"}  # claims of the prose, which audit() does not read


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def generated() -> list[Truth]:
    return [random_truth(11, i, check=False)[1] for i in range(12)]


def test_same_seed_same_document() -> None:
    a = random_truth(5, 3)[1].model_dump()
    assert a == random_truth(5, 3)[1].model_dump()
    assert a != random_truth(6, 3)[1].model_dump()
    assert random_truth(5, 3)[0] == random_truth(5, 3)[0]


def test_json_round_trip() -> None:
    _stem, truth = random_truth(5, 0, check=False)
    again = Truth.model_validate(json.loads(json.dumps(truth.model_dump(mode="json"))))
    assert again == truth


def test_only_planted_errors_do_not_add_up(generated: list[Truth]) -> None:
    for truth in generated:
        found = sorted((d.rule, d.table, d.row, d.field, d.stated) for d in audit(truth))
        planted = sorted((p.rule, p.table, p.row, p.field, p.stated) for p in truth.planted_errors
                         if p.rule not in PROSE_RULES)
        assert found == planted, truth.notes


def test_prose_errors_are_in_the_prose(generated: list[Truth]) -> None:
    for truth in generated:
        prose = " ".join(b.text for page in truth.pages for b in page.blocks if b.type == "paragraph")
        said = {parse(m) for m in re.findall(r"\d[\d.]*(?:,\d+)?", prose)} - {None}
        for p in truth.planted_errors:
            if p.rule in PROSE_RULES:
                assert Decimal(str(p.stated)).normalize() in {v.normalize() for v in said}, (truth.notes, p)
                assert p.stated != p.expected


def test_every_kind_of_table_layout_and_error(generated: list[Truth]) -> None:
    placed = [t for truth in generated for t in truth.tables()]
    names = {c.name for t in placed for c in t.table.columns}
    assert {"kondisi_awal", "kategori", "pagu_sebelum", "efisiensi", "kode", "interval"} <= names
    assert any(n.startswith("realisasi_20") for n in names)
    assert {t.orientation for t in placed} == {"portrait", "landscape"}
    assert {t.table.style for t in placed} == {"grid", "horizontal", "none"}
    assert any(len(t.table.header) == 2 for t in placed)
    assert any(r.row_span for t in placed for r in t.table.rows)
    assert any(t.table.split_at for t in placed)
    assert {p.rule for truth in generated for p in truth.planted_errors} >= {
        "capaian", "category", "average", "total", "persen", "efisiensi", "cross_table", "narrative",
        "change"}
    assert all(1 <= len(truth.planted_errors) <= 6 for truth in generated)


def test_samples_are_what_the_generator_makes() -> None:
    assert len(TRUTHS) == 3
    for path in TRUTHS:
        seed, index = re.match(r"random-(\d+)-(\d+)-", path.name).groups()
        stem, truth = random_truth(int(seed), int(index))
        assert stem == path.stem
        assert Truth.load(path) == truth, f"regenerate {path.name} (see this module's docstring)"


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_sample_pdf_has_every_figure_on_its_page(path: Path, tmp_path: Path) -> None:
    truth = Truth.load(path)
    fresh = render(truth, tmp_path / "x.pdf")
    with pdfplumber.open(fresh) as doc:
        pages = [_flat(p.extract_text() or "") for p in doc.pages]
    with pdfplumber.open(path.with_suffix(".pdf")) as doc:
        committed = [_flat(p.extract_text() or "") for p in doc.pages]
    assert committed == pages, "the committed PDF is out of date"
    assert len(pages) == truth.page_count
    for placed in truth.tables():
        assert _flat(placed.table.caption) in pages[placed.page - 1]
    for cell in truth.cells():
        if _unbreakable(cell.text):
            assert _flat(cell.text) in pages[cell.page - 1], (cell.table, cell.row, cell.column, cell.page)
