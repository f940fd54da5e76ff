"""The HTML review report: score, page excerpts of PDF findings, the text-source note, and the
report as headless Chromium shows it (findings in the DOM, a screenshot that is not blank)."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from lkip import pipeline
from lkip.model import Document, Finding
from lkip.report.crops import NO_FILE, NO_PAGES, layout, pictures
from lkip.report.html import render_html
from lkip.report.score import consistency, stated_cell

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"
OCR = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
IMG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


@pytest.fixture(scope="module")
def pdf_doc() -> Document:
    return pipeline.check(str(PDF))


@pytest.fixture(scope="module")
def ocr_doc() -> Document:
    return pipeline.check(str(OCR))


@pytest.fixture(scope="module")
def pdf_html(pdf_doc: Document) -> str:
    return render_html(pdf_doc, "id", source=PDF)


def test_score_counts_distinct_stated_figures(pdf_doc: Document) -> None:
    score = consistency(pdf_doc)
    errors = {(f.cells[stated_cell(pdf_doc, f)].table, f.cells[stated_cell(pdf_doc, f)].row,
               f.cells[stated_cell(pdf_doc, f)].col)
              for f in pdf_doc.findings if f.severity == "error" and f.cells}
    assert score.errors == len(errors) > 0
    assert score.checked >= len({(r.table, r.row, r.col) for i in pdf_doc.indicators
                                 for r in i.refs.values()})
    assert score.value == pytest.approx((score.checked - score.errors) / score.checked * 100)


def test_stated_cell_is_the_one_in_the_finding_column(pdf_doc: Document) -> None:
    capaian = next(f for f in pdf_doc.findings if f.rule == "capaian")
    ref = capaian.cells[stated_cell(pdf_doc, capaian)]
    assert pdf_doc.table(ref.table).columns[ref.col] == "capaian"
    cross = next(f for f in pdf_doc.findings if f.rule == "cross_table")
    assert cross.cells[stated_cell(pdf_doc, cross)].table == cross.table


def test_pdf_findings_carry_page_excerpts(pdf_doc: Document, pdf_html: str) -> None:
    images = IMG.findall(pdf_html)
    with_boxes = [f for f in pdf_doc.findings if any(c.box for c in f.cells)]
    assert len(images) >= len(with_boxes) > 0
    for data in images:
        picture = Image.open(io.BytesIO(base64.b64decode(data)))
        assert picture.format == "PNG" and 40 < picture.height < 800 and picture.width < 1100
    # the stated figure is marked: some pixels are the marker yellow blended over white
    first = Image.open(io.BytesIO(base64.b64decode(images[0]))).convert("RGB")
    colours = first.getcolors(maxcolors=1 << 16) or []
    assert any(r > 240 and g > 225 and b < 200 for _, (r, g, b) in colours)
    assert len(pdf_html) < 800_000  # excerpts of rows, not whole pages
    assert "Halaman 2 sumber" in pdf_html


def test_excerpt_keeps_row_label_and_header_of_a_wide_table(pdf_doc: Document) -> None:
    cross = next(f for f in pdf_doc.findings if f.rule == "cross_table")
    refs = [c for c in cross.cells if c.table == cross.table]
    xs, ys = layout(pdf_doc, refs)
    assert len(xs) == 2  # the label, then the cells: the landscape row is cut between
    box = refs[0].box
    assert ys[0][0] < box.top - 20  # the header above the row is in the picture


def test_text_source_says_why_there_is_no_picture(ocr_doc: Document) -> None:
    assert pictures(ocr_doc).source_reason == NO_PAGES
    html = render_html(ocr_doc, "id")
    assert "data:image" not in html
    assert html.count("Tidak ada cuplikan halaman: sumber berupa teks") == 1
    assert "Skor konsistensi" in html and "Skor = (angka diperiksa" in html


def test_moved_pdf_says_the_file_is_missing(pdf_doc: Document, tmp_path: Path) -> None:
    moved = pdf_doc.model_copy(deep=True)
    moved.source.path = str(tmp_path / "gone.pdf")
    assert pictures(moved).source_reason == NO_FILE
    assert "berkas sumber tidak ditemukan" in render_html(moved, "id")


def test_english_report(pdf_doc: Document) -> None:
    html = render_html(pdf_doc, "en", source=PDF)
    for text in ("Consistency score", "Finding 1", "Nomenklatur matches", "Source page 2",
                 "Tables as read", "Sign-off"):
        assert text in html


def test_nomenklatur_matches_are_listed(pdf_doc: Document, pdf_html: str) -> None:
    matched = [b for b in pdf_doc.budget_lines if b.nomenklatur and b.nomenklatur.kode]
    assert matched
    assert "Kecocokan nomenklatur" in pdf_html
    assert matched[0].nomenklatur.kode in pdf_html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (scripts/setup.sh)")
def test_report_in_headless_chromium(pdf_doc: Document, pdf_html: str, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(pdf_html, encoding="utf-8")
    flags = [_chromium() or "chromium", *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert "Temuan 1" in dom and "Skor konsistensi" in dom
    first: Finding = pdf_doc.findings[0]
    assert first.message.split("'")[0] in dom
    shot = tmp_path / "review.png"
    subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
                   capture_output=True, timeout=60, check=True)
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 2000)
    assert ImageStat.Stat(image).var[0] > 300  # text, rules and pictures, not a blank page
    # the findings section is in the first screen: dark text pixels in its lower half too
    lower = image.crop((0, 1000, 1280, 2000))
    assert sum(lower.histogram()[:100]) > 5000


def test_rule_across_reports_is_described_in_words():
    from lkip.i18n import label
    from lkip.report.html import rule_description

    assert rule_description("cross_year", "id") == label("rule.cross_year", "id") != "cross_year"
    assert rule_description("cross_year", "en") == label("rule.cross_year", "en")
    assert rule_description("no_such_rule", "id") == "no_such_rule"
