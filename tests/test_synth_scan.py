"""Scanned copies of the synthetic LKIPs (lkipsynth.scan): page count and page sizes in points, no
text layer on scanned pages, text kept on the text pages of a mixed file, a turned page turned, the
same seed the same pixels; the committed samples in samples/synthetic/scanned are what the
generator makes (page count, sizes and a coarse image hash; not bytes).

Regenerate the samples: see samples/synthetic/scanned/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("reportlab")
pdfplumber = pytest.importorskip("pdfplumber")
pdfium = pytest.importorskip("pypdfium2")

from lkipsynth.__main__ import main as synth_main  # noqa: E402
from lkipsynth.scan import (  # noqa: E402
    ScanOptions,
    degrade,
    mixed_pdf,
    parse_pages,
    rescan,
    scan_pdf,
)
from lkipsynth.truth import Truth  # noqa: E402

SYNTH = Path(__file__).resolve().parent.parent / "samples" / "synthetic"
SCANNED = SYNTH / "scanned"
KECAMATAN = SYNTH / "kecamatan-sukamaju-barat-2024"  # 2 pages: portrait, landscape
DINKES = SYNTH / "dinkes-kab-sukamaju-2023"  # 6 pages; 4 portrait table, 5 landscape table
A4 = (595.28, 841.89)


def _layout(pdf: Path) -> list[tuple[float, float, int]]:
    """(width pt, height pt, characters in the text layer) per page."""
    with pdfplumber.open(pdf) as doc:
        return [(float(p.width), float(p.height), len(p.chars)) for p in doc.pages]


def _thumbs(pdf: Path, size: tuple[int, int] = (48, 48)) -> list[np.ndarray]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for page in doc:
            img = page.render(scale=36 / 72, grayscale=True).to_pil().convert("L").resize(size)
            out.append(np.asarray(img, dtype=np.float32))
        return out
    finally:
        doc.close()


def _ahash(thumb: np.ndarray) -> np.ndarray:
    return thumb > thumb.mean()


def _close(a: tuple[float, float], b: tuple[float, float], tol: float = 1.0) -> bool:
    return abs(a[0] - b[0]) <= tol and abs(a[1] - b[1]) <= tol


def test_scanned_copy_pages_sizes_and_no_text(tmp_path: Path) -> None:
    for dpi in (100, 200):  # 100 keeps the test fast; the size in points must not depend on it
        out = scan_pdf(KECAMATAN.with_suffix(".pdf"), tmp_path / f"k{dpi}.pdf",
                       ScanOptions(dpi=dpi, skew=1, noise={"gauss": 6}, jpeg=40, seed=3))
        pages = _layout(out)
        assert len(pages) == Truth.load(KECAMATAN.with_suffix(".json")).page_count == 2
        assert _close(pages[0][:2], A4) and _close(pages[1][:2], A4[::-1])
        assert [chars for _w, _h, chars in pages] == [0, 0]
        doc = pdfium.PdfDocument(str(out))
        try:  # the page holds one image whose pixels are the page size at dpi
            img = doc[0].render(scale=1).to_pil()
            assert abs(img.width - A4[0]) <= 1
        finally:
            doc.close()


def test_bilevel_pages_are_one_bit(tmp_path: Path) -> None:
    out = scan_pdf(KECAMATAN.with_suffix(".pdf"), tmp_path / "b.pdf",
                   ScanOptions(dpi=100, bilevel=True, uneven=50, noise={"saltpepper": 0.001}))
    assert b"CCITTFaxDecode" in out.read_bytes()
    assert [c for *_s, c in _layout(out)] == [0, 0]


def test_turned_page_is_turned(tmp_path: Path) -> None:
    out = scan_pdf(DINKES.with_suffix(".pdf"), tmp_path / "t.pdf",
                   ScanOptions(dpi=72, turn={4: 90, 5: 270}))
    pages = _layout(out)
    assert len(pages) == 6
    assert pages[3][0] > pages[3][1]  # page 4 was portrait: now wider than high
    assert pages[4][0] < pages[4][1]  # page 5 was landscape: now higher than wide
    assert pages[2][0] < pages[2][1] and pages[1][0] > pages[1][1]  # the others as they were


def test_mixed_file_keeps_text_on_text_pages(tmp_path: Path) -> None:
    out = mixed_pdf(DINKES.with_suffix(".pdf"), tmp_path / "m.pdf", ScanOptions(dpi=100, skew=0.5), [5, 6])
    pages = _layout(out)
    original = _layout(DINKES.with_suffix(".pdf"))
    assert len(pages) == 6
    assert all(chars > 50 for _w, _h, chars in pages[:4])
    assert [chars for *_s, chars in pages[:4]] == [c for *_s, c in original[:4]]
    assert [chars for *_s, chars in pages[4:]] == [0, 0]
    for got, want in zip(pages, original, strict=True):
        assert _close(got[:2], want[:2])


def test_same_seed_same_pixels_other_seed_other() -> None:
    from PIL import Image

    page = Image.new("L", (300, 200), 255)
    page.paste(0, (50, 50, 250, 60))
    opts = dict(dpi=100, skew=1.5, noise={"gauss": 10, "saltpepper": 0.01}, uneven=40, blur=0.7)
    a = np.asarray(degrade(page, 1, ScanOptions(seed=7, **opts)))
    b = np.asarray(degrade(page, 1, ScanOptions(seed=7, **opts)))
    c = np.asarray(degrade(page, 1, ScanOptions(seed=8, **opts)))
    d = np.asarray(degrade(page, 2, ScanOptions(seed=7, **opts)))
    assert (a == b).all()
    assert (a != c).any() and (a != d).any()


def test_same_seed_same_file(tmp_path: Path) -> None:
    opts = ScanOptions(dpi=72, skew=1, uneven=30, seed=5)
    src = KECAMATAN.with_suffix(".pdf")  # the file's stem is its title: the same name in two folders
    one = mixed_pdf(src, tmp_path / "1" / "m.pdf", opts, [2]).read_bytes()
    assert one == mixed_pdf(src, tmp_path / "2" / "m.pdf", opts, [2]).read_bytes()
    a = scan_pdf(src, tmp_path / "1" / "s.pdf", opts).read_bytes()
    assert a == scan_pdf(src, tmp_path / "2" / "s.pdf", opts).read_bytes()


def test_options_checked() -> None:
    with pytest.raises(ValueError):
        ScanOptions(turn={2: 45})
    with pytest.raises(ValueError):
        ScanOptions(noise={"speckle": 1})
    assert parse_pages("1,3-4,last", 6) == [1, 3, 4, 6]


def test_cli_writes_pdf_and_truth(tmp_path: Path) -> None:
    truth = KECAMATAN.with_suffix(".json")
    assert synth_main(["--scan", "200", "--skew", "1", "--turn", "2", "--noise", "gauss=5",
                       "--seed", "9", str(truth), "-o", str(tmp_path)]) == 0
    pdf = tmp_path / "kecamatan-sukamaju-barat-2024-scan200.pdf"
    data = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["scan"]["dpi"] == 200 and data["scan"]["turn"] == {"2": 90} and data["scan"]["seed"] == 9
    assert Truth.model_validate(data) == Truth.load(truth)  # the same truth, the record aside
    pages = _layout(pdf)
    assert pages[1][0] < pages[1][1]  # the landscape page 2, turned, is portrait
    assert synth_main(["--scan", "300", "--mixed", str(truth), "-o", str(tmp_path)]) == 0
    assert [c > 0 for *_s, c in _layout(tmp_path / "kecamatan-sukamaju-barat-2024-mixed300.pdf")] == [
        True, False]  # default: the last page scanned
    assert synth_main(["--scan", "300", "--turn", "7", str(truth), "-o", str(tmp_path)]) == 1


SAMPLES = sorted(SCANNED.glob("*.json"))


def test_samples_exist_and_are_small() -> None:
    assert len(SAMPLES) >= 4
    kinds = {json.loads(p.read_text(encoding="utf-8"))["scan"]["kind"] for p in SAMPLES}
    assert kinds == {"scan", "mixed"}
    assert sum(p.stat().st_size for p in SCANNED.iterdir()) < 3_000_000


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_is_what_the_generator_makes(path: Path, tmp_path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))["scan"]
    source = (path.parent / record["source_truth"]).resolve()
    assert Truth.load(path) == Truth.load(source), "the truth of a scanned copy is its source's truth"
    fresh_pdf, fresh_json = rescan(path, tmp_path)
    fresh_data = json.loads(fresh_json.read_text(encoding="utf-8"))
    fresh_data["scan"]["source_truth"] = record["source_truth"]  # relative to the folder it is in
    assert fresh_data == json.loads(path.read_text(encoding="utf-8"))
    committed, fresh = _layout(path.with_suffix(".pdf")), _layout(fresh_pdf)
    assert len(committed) == len(fresh) == Truth.load(path).page_count
    for got, want in zip(committed, fresh, strict=True):
        assert _close(got[:2], want[:2], 0.01) and got[2] == want[2]
    for k, (a, b) in enumerate(zip(_thumbs(path.with_suffix(".pdf")), _thumbs(fresh_pdf), strict=True), 1):
        assert np.abs(a - b).mean() < 2.0, f"page {k}: regenerate {path.name} (see the README beside it)"
        assert (_ahash(a) != _ahash(b)).mean() < 0.03, f"page {k}: regenerate {path.name}"
