"""Damaged and odd text never breaks the pipeline: OCR garbage, cut pages, shuffled blocks."""

import random
from pathlib import Path

import pytest

from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views
from lkip.validate.registry import validate

SAMPLE = Path(__file__).parent.parent / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
NOISE = "0123456789.,%Rp -|()\n\fTabel JUMLAH Total PROGRAM Target Realisasi Capaian Anggaran xyz"


def damaged(text: str, seed: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    mode = seed % 4
    if mode == 0:  # the pages in another order
        k = rng.randrange(len(lines))
        return "\n".join(lines[k:] + lines[:k])
    if mode == 1:  # characters misread
        chars = list(text)
        for _ in range(2000):
            chars[rng.randrange(len(chars))] = rng.choice(NOISE)
        return "".join(chars)
    if mode == 2:  # a fragment
        a = rng.randrange(len(lines))
        return "\n".join(lines[a:a + rng.randrange(1, 300)])
    return "\n".join("".join(rng.choice(NOISE) for _ in range(rng.randrange(80)))
                     for _ in range(rng.randrange(400)))


@pytest.mark.parametrize("seed", range(24))
def test_damaged_text_is_read_without_error(seed: int) -> None:
    doc = Document(source=Source(path="damaged.txt", sha256="0", kind="text"))
    extract_text(damaged(SAMPLE.read_text(encoding="utf-8"), seed), doc)
    build_views(doc)
    validate(doc)
    # whatever was read keeps its place in the input
    for table in doc.tables:
        for row in table.rows:
            assert row.prov.line is not None
    for finding in doc.findings:
        assert finding.rule and finding.message
