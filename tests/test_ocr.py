"""OCR engine (lkip.extract.ocr / raster / ocr_pool) on small synthetic pages and one real scan."""

from __future__ import annotations

import importlib.util
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from lkip.extract import raster
from lkip.extract.ocr import OcrPage, ocr_image, ocr_pdf, read_page, reread, reread_many
from lkip.pipeline import InputError

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real-pdf"
DPI = 300

# (text, left pixel, top pixel) of a small table: 4 x 2.7 inches at 300 dpi
ROWS = [
    ("Tabel 3.1 Realisasi Anggaran Program", None),
    ("Program Pelayanan Administrasi", "1.250.000"),
    ("Program Peningkatan Sarana", "36.945.800"),
    ("Program Perencanaan Strategis", "87,50%"),
    ("Program Pembinaan dan Pengawasan", "704.118.250"),
    ("Jumlah Anggaran Dinas", "742.314.050"),
]


def table_page() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A white page with a ruled table; the pixel box of each figure drawn."""
    if not FONT.exists():
        pytest.skip("DejaVu font missing")
    font = ImageFont.truetype(str(FONT), 34)  # ~8 pt at 300 dpi
    image = Image.new("L", (1200, 820), 255)
    draw = ImageDraw.Draw(image)
    boxes = {}
    y = 60
    for label, figure in ROWS:
        draw.text((60, y), label, font=font, fill=0)
        if figure:
            right = 1130
            width = draw.textlength(figure, font=font)
            draw.text((right - width, y), figure, font=font, fill=0)
            boxes[figure] = draw.textbbox((right - width, y), figure, font=font)
        draw.line((50, y + 55, 1150, y + 55), fill=0, width=2)
        y += 110
    draw.line((800, 110, 800, y - 55), fill=0, width=2)
    return image, boxes


@pytest.fixture(scope="module")
def page() -> tuple[Image.Image, dict]:
    return table_page()


def save(image: Image.Image, path: Path, dpi: int = DPI) -> Path:
    image.save(path, dpi=(dpi, dpi))
    return path


def word(page: OcrPage, text: str):
    found = [w for w in page.words if w.text == text]
    assert found, f"{text!r} not in {page.text()!r}"
    return found[0]


def points(box: tuple[int, int, int, int]) -> tuple[float, ...]:
    return tuple(v * 72 / DPI for v in box)


def test_words_numbers_and_boxes_in_points(tmp_path, page):
    image, boxes = page
    [got] = ocr_image(save(image, tmp_path / "p.png"))
    assert got.status == "ok" and got.turned == 0 and abs(got.skew) < 0.3
    assert (got.width, got.height) == (pytest.approx(1200 * 72 / DPI), pytest.approx(820 * 72 / DPI))
    for figure, box in boxes.items():
        w = word(got, figure)
        assert w.conf > 60
        for mine, truth in zip((w.x0, w.top, w.x1, w.bottom), points(box), strict=True):
            assert mine == pytest.approx(truth, abs=2.5)
    assert "Pelayanan" in got.text() and "Pengawasan" in got.text()
    # the figure's words are on the line of their label
    assert word(got, "1.250.000").line == word(got, "Administrasi").line


def test_page_turned_90_is_read_upright(tmp_path, page):
    image, boxes = page
    turned = image.rotate(90, expand=True)  # counter-clockwise: reads upright once turned 90 clockwise
    [got] = ocr_image(save(turned, tmp_path / "t.png"))
    assert got.status == "ok" and got.turned == 90
    assert got.width == pytest.approx(1200 * 72 / DPI)  # upright size
    w = word(got, "704.118.250")
    assert w.x0 == pytest.approx(points(boxes["704.118.250"])[0], abs=3)
    # back on the stored (sideways) image: the figure stands where it was drawn there
    x0, top, x1, bottom = got.to_source((w.x0, w.top, w.x1, w.bottom))
    bx0, btop, bx1, bbottom = points(boxes["704.118.250"])
    # rotate(90) ccw: upright (x, y) -> stored (y, W - x)
    assert (x0, top) == (pytest.approx(btop, abs=3), pytest.approx(1200 * 72 / DPI - bx1, abs=3))
    assert (x1, bottom) == (pytest.approx(bbottom, abs=3), pytest.approx(1200 * 72 / DPI - bx0, abs=3))


def test_skew_of_two_degrees_is_measured_and_corrected(tmp_path, page):
    image, _ = page
    tilted = image.rotate(2.0, resample=Image.BICUBIC, fillcolor=255)
    assert raster.skew_angle(tilted, DPI) == pytest.approx(-2.0, abs=0.15)
    assert raster.skew_angle(image.rotate(-0.5, resample=Image.BICUBIC, fillcolor=255), DPI) == \
        pytest.approx(0.5, abs=0.1)
    [got] = ocr_image(save(tilted, tmp_path / "s.png"))
    assert got.skew == pytest.approx(-2.0, abs=0.15)
    w = word(got, "742.314.050")
    label = word(got, "Dinas")
    assert abs(w.top - label.top) < 3  # the row is level again
    assert w.line == label.line


def test_skew_angles_measured():
    image, _ = table_page()
    for angle in (0.5, 1.0, 3.0, -1.5):
        tilted = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
        assert raster.skew_angle(tilted, DPI) == pytest.approx(-angle, abs=0.15)


def test_blank_page_is_not_read(tmp_path):
    import numpy as np

    noise = np.full((800, 1200), 245, dtype=np.uint8)
    rng = np.random.default_rng(1)
    noise[rng.integers(0, 800, 40), rng.integers(0, 1200, 40)] = 0  # dust
    [got] = ocr_image(save(Image.fromarray(noise, "L"), tmp_path / "b.png"))
    assert got.status == "blank" and not got.words and got.seconds < 1.0


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def test_decompression_bomb_is_an_input_error(tmp_path):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png_claiming(100_000, 100_000))
    with pytest.raises(InputError) as err:
        ocr_image(bomb)
    assert "decompression bomb" in err.value.reason_en and "bom dekompresi" in err.value.reason
    # just over lkip's limit, under Pillow's own error threshold: refused too
    big = tmp_path / "big.png"
    big.write_bytes(_png_claiming(12_000, 11_000))
    with pytest.raises(InputError):
        ocr_image(big)


def test_corrupt_and_truncated_images_are_input_errors(tmp_path, page):
    image, _ = page
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    with pytest.raises(InputError) as err:
        ocr_image(junk)
    assert err.value.reason and err.value.reason_en
    good = save(image, tmp_path / "good.jpg")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(InputError):
        ocr_image(cut)
    with pytest.raises(InputError):
        ocr_image(tmp_path / "missing.png")


def test_timeout_gives_status_timeout_without_hanging(tmp_path, page):
    image, _ = page
    path = save(image, tmp_path / "p.png")
    [got] = ocr_image(path, timeout=0.05)
    assert got.status == "timeout" and "0.05" in got.reason and got.seconds < 2


def test_pdf_pages_in_parallel_with_progress_and_multipage_tiff(tmp_path, page):
    image, _ = page
    blank = Image.new("L", image.size, 255)
    pdf = tmp_path / "scan.pdf"
    image.save(pdf, save_all=True, append_images=[blank, image.rotate(180)], resolution=DPI)
    seen = []
    got = ocr_pdf(pdf, pages=[2, 3], workers=2, progress=lambda done, total: seen.append((done, total)))
    assert [p.number for p in got] == [2, 3]
    assert [p.status for p in got] == ["blank", "ok"]
    assert got[1].turned == 180 and "704.118.250" in got[1].text()
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)
    tif = tmp_path / "scan.tif"
    fresh = Image.new("L", (600, 400), 255)  # (Pillow keeps a saved image's PDF options)
    fresh.save(tif, save_all=True, append_images=[fresh.copy()], dpi=(DPI, DPI))
    assert [p.status for p in ocr_image(tif, workers=2)] == ["blank", "blank"]


def test_reread_a_value_with_digit_whitelist(tmp_path, page):
    image, boxes = page
    path = save(image, tmp_path / "p.png")
    one = OcrPage(number=1, width=1200 * 72 / DPI, height=820 * 72 / DPI, dpi=DPI)
    text, conf = reread(path, one, points(boxes["36.945.800"]))
    assert text == "36.945.800" and conf > 70
    text, conf = reread(image, one, points(boxes["87,50%"]))
    assert text == "87,50%"


def test_reread_many_values_of_a_page_in_one_strip(tmp_path, page, monkeypatch):
    from lkip.extract import tesseract

    image, boxes = page
    path = save(image, tmp_path / "p.png")
    one = OcrPage(number=1, width=1200 * 72 / DPI, height=820 * 72 / DPI, dpi=DPI)
    wanted = [points(boxes["36.945.800"]), points(boxes["87,50%"]), (5000.0, 5000.0, 5010.0, 5010.0)]
    runs = []
    real = tesseract.tsv
    monkeypatch.setattr(tesseract, "tsv", lambda *a, **k: runs.append(1) or real(*a, **k))
    # first readings given and confirmed by the strip: two Tesseract runs for the page
    out = reread_many(path, one, wanted, expected=["36.945.800", "87,50%", "1"])
    assert [t for t, _ in out] == ["36.945.800", "87,50%", ""] and out[0][1] > 70
    assert out[2] == ("", 0.0) and len(runs) == 2
    # a first reading the strip does not confirm is read alone, as reread does
    runs.clear()
    out = reread_many(path, one, wanted[:2], expected=["36.945.809", "87,50%"])
    assert len(runs) == 2 + 3
    assert out[0] == reread(path, one, wanted[0]) and out[1][0] == "87,50%"
    # without first readings: every value as reread reads it
    assert reread_many(image, one, wanted[:2]) == [reread(image, one, b) for b in wanted[:2]]


@pytest.mark.skipif(not REAL.is_dir(), reason="real samples not present")
def test_real_scanned_perjanjian_kinerja():
    pdf = next(REAL.glob("11-*.pdf"))
    got = ocr_pdf(pdf, workers=2)
    assert [p.status for p in got] == ["ok", "ok"]
    assert "PERJANJIAN" in got[0].text().upper()
    amounts = [w for w in got[1].words if w.text == "6.705.258.727,71"]
    assert amounts and amounts[0].conf > 50
    assert 300 < amounts[0].x0 < 610 and amounts[0].x1 < 610


def test_orientation_without_osd_reads_both_ways(monkeypatch, page):
    image, _ = page
    monkeypatch.setattr(raster, "osd_available", lambda: False)
    sideways = image.rotate(-90, expand=True)  # clockwise: upright once turned 270 clockwise
    assert raster.orientation(sideways, DPI) == 270
    assert raster.orientation(image, DPI) == 0


def test_tesseract_in_process_and_as_a_program_read_the_same_figures(page, monkeypatch):
    from lkip.extract import tesseract

    image, boxes = page
    if importlib.util.find_spec("tesserocr") is not None:
        assert tesseract.in_process()  # the fast engine is the one used when it is installed
    read: dict[str, set[str]] = {}
    try:
        for engine in ("", "cli"):
            monkeypatch.setenv("LKIP_OCR_ENGINE", engine)
            tesseract.in_process.cache_clear()
            read[engine] = {w.text for w in read_page(image, DPI, 1).words}
    finally:
        tesseract.in_process.cache_clear()
    for figure in boxes:
        assert figure in read[""] and figure in read["cli"]


def test_tesseract_in_process_stops_at_its_time_limit(page):
    from lkip.extract import tesseract

    image, _ = page
    big = image.resize((image.width * 3, image.height * 3))
    with pytest.raises(TimeoutError):
        tesseract.tsv(big, DPI * 3, "eng+ind", 6, timeout=0.01)
    assert "36.945.800" in tesseract.tsv(image, DPI, "eng+ind", 6, timeout=60)  # still usable


def test_a_page_is_re_read_from_the_image_it_was_read_from(tmp_path, page, monkeypatch):
    from lkip.extract import ocr

    image, boxes = page
    pdf = tmp_path / "scan.pdf"
    image.convert("RGB").save(pdf, resolution=DPI)
    [got] = ocr_pdf(pdf, workers=1)

    def no_render(*_a, **_k):
        raise AssertionError("page rendered again")

    monkeypatch.setattr(raster, "render_pdf_page", no_render)
    kept, per_point = ocr.page_image(pdf, got)
    assert kept.size == (round(got.width * per_point), round(got.height * per_point))
    text, conf = reread(pdf, got, points(boxes["36.945.800"]))
    assert text == "36.945.800" and conf > 70
    ocr.forget(pdf)  # read anew: the kept image is dropped
    with pytest.raises(AssertionError, match="rendered again"):
        ocr.page_image(pdf, got)
