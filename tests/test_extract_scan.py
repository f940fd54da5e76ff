"""Scans through the whole pipeline: pages rendered from a generated report with its ground truth,
saved as a picture and as an image-only PDF, read by OCR into the same tables and rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2
import pytest
from builders import Checked
from PIL import Image

from lkip.model import Document
from lkipsynth.truth import Truth

SYNTH = Path(__file__).resolve().parent.parent / "samples" / "synthetic"
REPORT = SYNTH / "kecamatan-sukamaju-barat-2024.pdf"


def _render(pdf: Path, dpi: int) -> list[Image.Image]:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("scan")
    pages = _render(REPORT, 300)
    pdf = out / "kecamatan-scan.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=300)
    png = out / "kecamatan-p2.png"
    pages[1].save(png, dpi=(300, 300))
    return {"pdf": pdf, "png": png}


def _truth_figures(page: int | None = None) -> set[tuple[str, str]]:
    truth = Truth.model_validate(json.loads(REPORT.with_suffix(".json").read_text(encoding="utf-8")))
    # figures of the tables; a rating scale's bands ('> 75 s.d. 90') are read as its text
    return {(c.table, re.sub(r"\s+", "", c.text)) for c in truth.cells()
            if re.search(r"\d", c.text) and c.column not in ("no",) and (page is None or c.page == page)
            and not re.search(r"[<>≤≥]|s\.d\.", c.text)}


def _read_figures(doc: Document) -> set[tuple[str, str]]:
    return {(t.id, re.sub(r"\s+", "", c.raw)) for t in doc.tables for r in t.rows for c in r.cells
            if c.number is not None}


def test_scanned_pdf_reads_the_figures_of_the_truth(scanned: dict[str, Path], checked: Checked) -> None:
    doc = checked(scanned["pdf"])
    assert doc.source.kind == "pdf-scan" and doc.source.ocr_pages == [1, 2]
    want = _truth_figures()
    got = _read_figures(doc)
    missing = want - got
    assert len(missing) <= 0.03 * len(want), sorted(missing)
    # every figure read from the scan has its page, box and confidence
    for t in doc.tables:
        for r in t.rows:
            for c in r.cells:
                if c.number is not None:
                    assert c.prov.page and c.prov.box and c.ocr_conf is not None, (t.id, c.raw)


def test_scanned_pdf_finds_the_planted_errors_and_nothing_else(scanned: dict[str, Path],
                                                                checked: Checked) -> None:
    doc = checked(scanned["pdf"])
    truth = Truth.model_validate(json.loads(REPORT.with_suffix(".json").read_text(encoding="utf-8")))
    planted = {(e.rule, e.table) for e in truth.planted_errors}
    found = {(f.rule, f.table) for f in doc.findings if f.rule in {r for r, _ in planted}}
    assert planted <= found, (planted, found)
    errors = [(f.rule, f.table, f.row) for f in doc.findings if f.severity == "error"]
    assert all((rule, table) in planted for rule, table, _row in errors), errors


def test_picture_of_a_page_is_read(scanned: dict[str, Path], checked: Checked) -> None:
    doc = checked(scanned["png"])
    assert doc.source.kind == "image" and doc.source.ocr_pages == [1]
    want = {fig for _t, fig in _truth_figures(page=2)}
    got = {fig for _t, fig in _read_figures(doc)}
    assert len(want - got) <= 0.03 * len(want), sorted(want - got)


# --- real scanned Perjanjian Kinerja (shared/samples/real-pdf), amounts checked by eye ----------

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real-pdf"
REAL_SCANS = [
    ("11-inspektorat-kab-jombang-2020-pk.pdf",  # DocuPrint scan, 200 dpi, decimals in the amounts
     [1_393_499_080, 916_730_450, 37_697_500, 3_700_446_697.71, 656_885_000], 6_705_258_727.71),
    ("12-dpupr-kab-grobogan-2022-pk.pdf",  # US number format, page 2 slightly skewed
     [23_665_554_229, 48_114_709_000, 201_865_249_771, 7_450_000_000, 1_459_000_000, 500_000_000],
     283_054_513_000),
    ("14-inspektorat-prov-jatim-2024-pk.pdf",  # colour scan, 231 dpi
     [9_618_488_600, 4_861_920_448, 82_289_730_952], 96_770_140_000),
]


@pytest.mark.parametrize(("name", "programs", "total"), REAL_SCANS, ids=lambda v: str(v)[:14])
def test_real_scanned_pk_programs_and_total(name: str, programs: list[float], total: float,
                                            checked: Checked) -> None:
    path = REAL / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the real PDFs come from shared/ beside the clone")
    doc = checked(path)
    assert doc.source.kind == "pdf-scan" and doc.source.ocr_pages == [1, 2]
    read = [line.anggaran for line in doc.budget_lines if line.anggaran is not None]
    for amount in [*programs, total]:
        assert any(abs(a - amount) < 0.005 for a in read), (amount, read)
    # the programs add up to the printed total: no finding may say otherwise
    assert not [f for f in doc.findings if f.severity == "error"], doc.findings
    for line in doc.budget_lines:
        for ref in line.refs.values():
            assert ref.page == 2 and ref.box is not None


def test_photo_of_something_else_is_refused_naming_the_file(tmp_path: Path) -> None:
    from random import Random

    from builders import run_lkip
    from PIL import ImageDraw

    rnd = Random(1)
    photo = Image.new("RGB", (1600, 1200), (120, 160, 200))
    draw = ImageDraw.Draw(photo)
    for _ in range(40):  # coloured shapes, no text: a holiday snapshot, not a report
        x, y, r = rnd.randint(0, 1500), rnd.randint(0, 1100), rnd.randint(20, 200)
        draw.ellipse((x, y, x + r, y + r), fill=(rnd.randint(0, 255), rnd.randint(0, 255), 90))
    path = tmp_path / "liburan.jpg"
    photo.save(path, quality=85)
    proc = run_lkip("check", "--lang", "en", path)
    assert proc.returncode == 2 and str(path) in proc.stderr, proc.stderr
    assert "read from the scan" in proc.stderr or "without readable text" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_picture_of_a_cell_on_a_turned_scanned_page_shows_that_cell(checked: Checked) -> None:
    from lkip.extract.ocr import read_words
    from lkip.report.crops import PageRenderer

    path = SYNTH / "scanned" / "dinkes-kab-sukamaju-2023-scan300-turned.pdf"
    doc = checked(path)
    turned = {n for n, frame in doc.source.ocr_frames.items() if frame.turned}
    assert turned, "the sample has pages turned 90 degrees"
    cells = [c for t in doc.tables for r in t.rows for c in r.cells
             if c.prov.page in turned and c.prov.box is not None and c.number is not None
             and not c.unreadable and len(re.sub(r"\D", "", c.raw)) >= 3]
    assert len(cells) >= 5
    renderer = PageRenderer(path, dpi=200, frames=doc.source.ocr_frames)
    try:
        for cell in cells[:5]:
            box, s = cell.prov.box, renderer.scale
            page = renderer.page_image(cell.prov.page).convert("L")
            crop = page.crop((int(box.x0 * s) - 6, int(box.top * s) - 4,
                              int(box.x1 * s) + 6, int(box.bottom * s) + 4))
            read = "".join(w.text for w in read_words(crop, 200, psm=7))
            assert re.sub(r"\D", "", cell.raw) in re.sub(r"\D", "", read), (cell.raw, read)
    finally:
        renderer.close()
