"""Scanned copies of a born-digital synthetic LKIP: page images, degraded like a scanner would, back
into an image-only PDF; or a *mixed* file (text chapters from the born-digital PDF, some pages
scanned, like a report with a scanned Perjanjian Kinerja appendix).

Each page is rendered with pypdfium2 in grey at ``dpi`` and degraded in this order, all of it drawn
from the seed and the page number (the same seed gives the same pixels):

1. turned: pages listed in ``turn`` are turned by 90, 180 or 270 degrees (counter-clockwise), the
   page as a whole (a portrait page becomes a landscape image); it keeps its page number;
2. skew: every page is rotated by ``skew`` degrees (a slight placement error on the glass), the sign
   from the seed, magnitude exactly ``skew``; the corners are filled white;
3. blur: a Gaussian blur of ``blur`` pixels (optics, a 200 dpi sensor);
4. light: ``uneven`` grey levels of smooth, uneven light over the page (darker corners, a brighter
   band), then gaussian noise of sigma ``noise['gauss']`` grey levels (sensor noise);
5. output: ``bilevel`` thresholds to 1 bit at a fixed level, so the uneven light thickens strokes in
   the dark parts and breaks thin ones in the bright parts (a fax or office scanner; stored as
   CCITT G4, small); otherwise the page stays grey (paper not quite white, ink not quite black) and
   is stored as JPEG of quality ``jpeg`` (30-70 shows artefacts around the digits);
6. dust: ``noise['saltpepper']`` is the share of pixels turned black or white at random (after the
   threshold: specks of a 1-bit scan).

The image-only PDF has every page at ``pixels * 72 / dpi`` points (A4 portrait at 300 dpi: 2481 x
3508 px = 595.4 x 841.9 pt; a page turned 90 degrees is 841.9 x 595.4 pt).

The ground truth of a scanned copy is the truth of its source, unchanged (page numbers are
physical and stay; a turned page keeps its number). ``scan_truth`` writes it beside the PDF under
the same stem (``<name>.pdf`` + ``<name>.json``, so every tool that takes a truth and looks for the
PDF beside it works unchanged) with one more top-level field, ``"scan"``: the parameters, the
source truth and which pages are scanned (``Truth`` ignores it). ``rescan`` regenerates a copy
from that record.

    python -m lkipsynth --scan 300 samples/synthetic/kecamatan-sukamaju-barat-2024.json -o DIR
    python -m lkipsynth --scan 200 --skew 1 --noise gauss=8 --noise saltpepper=0.0005 TRUTH -o DIR
    python -m lkipsynth --scan 300 --turn 4 --turn 5:270 TRUTH -o DIR
    python -m lkipsynth --scan 300 --mixed 5-6 TRUTH -o DIR     # pages 5-6 scanned, the rest text
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

_FIXED_DATE = time.gmtime(0)  # the PDFs carry no date of their own: the same seed, the same bytes
PAPER, INK = 242, 28  # grey of paper and ink in a grey scan


@dataclass
class ScanOptions:
    dpi: int = 300
    skew: float = 0.0  # degrees, every page, sign from the seed
    turn: dict[int, int] = field(default_factory=dict)  # physical page -> 90 | 180 | 270 (ccw)
    noise: dict[str, float] = field(default_factory=dict)  # 'gauss': sigma; 'saltpepper': share
    blur: float = 0.0  # Gaussian radius in pixels
    uneven: float = 0.0  # grey levels of uneven light (0: even)
    bilevel: bool = False  # 1-bit pages (CCITT G4) instead of grey JPEG
    jpeg: int = 60  # JPEG quality of grey pages
    threshold: int = 150  # grey level under which a pixel is ink (bilevel)
    seed: int = 0

    def __post_init__(self) -> None:
        self.turn = {int(k): int(v) for k, v in self.turn.items()}
        for page, deg in self.turn.items():
            if deg not in (90, 180, 270):
                raise ValueError(f"page {page}: turn by 90, 180 or 270 degrees, not {deg}")
        unknown = set(self.noise) - {"gauss", "saltpepper"}
        if unknown:
            raise ValueError(f"unknown noise {sorted(unknown)} (gauss=SIGMA, saltpepper=SHARE)")
        if not 1 <= self.jpeg <= 95:
            raise ValueError(f"JPEG quality {self.jpeg} is not in 1..95")
        if self.dpi < 50 or self.dpi > 600:
            raise ValueError(f"{self.dpi} dpi is not a scan resolution (50..600)")

    def record(self) -> dict[str, object]:
        out = asdict(self)
        out["turn"] = {str(k): v for k, v in sorted(self.turn.items())}
        return out

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ScanOptions:  # a truth file's "scan" record (JSON)
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in record.items() if k in names})


def seed_value(seed: int | str) -> int:
    """An integer seed: digits as they are, any other text by its CRC-32."""
    text = str(seed).strip()
    return int(text) if text.lstrip("-").isdigit() else zlib.crc32(text.encode("utf-8"))


def _rng(opts: ScanOptions, page_no: int) -> np.random.Generator:
    return np.random.default_rng([abs(opts.seed), page_no])


def render_pages(pdf: str | Path | bytes, dpi: int, pages: Iterable[int] | None = None
                 ) -> Iterator[tuple[int, Image.Image]]:
    """(page number, grey image at ``dpi``) of the given pages (1-based; default: all)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        numbers = list(pages) if pages is not None else list(range(1, len(doc) + 1))
        for n in numbers:
            page = doc[n - 1]
            try:
                image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
            yield n, image
    finally:
        doc.close()


def _light(rng: np.random.Generator, size: tuple[int, int], amount: float) -> np.ndarray:
    """A smooth field of -amount/2..+amount/2 grey levels: a tilt plus soft blobs."""
    w, h = size
    coarse = rng.uniform(-1.0, 1.0, (4, 4)).astype(np.float32)
    blob = Image.fromarray(((coarse + 1) * 127.5).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    field_ = (np.asarray(blob, dtype=np.float32) / 127.5 - 1.0) * 0.6
    gx, gy = rng.uniform(-0.4, 0.4, 2)
    xs = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
    ys = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
    field_ = field_ + gx * xs + gy * ys
    return field_ * (amount / 2)


def degrade(image: Image.Image, page_no: int, opts: ScanOptions) -> Image.Image:
    """One page image (grey, at opts.dpi) as the scanner gives it: mode 'L' or '1'."""
    rng = _rng(opts, page_no)
    img = image.convert("L")
    turn = opts.turn.get(page_no)
    if turn:
        img = img.rotate(turn, expand=True)
    if opts.skew:
        angle = opts.skew if rng.random() < 0.5 else -opts.skew
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    else:
        rng.random()  # keep the draws of the later steps the same with or without skew
    if opts.blur:
        img = img.filter(ImageFilter.GaussianBlur(opts.blur))
    a = np.asarray(img, dtype=np.float32)
    if not opts.bilevel:
        a = INK + a * ((PAPER - INK) / 255.0)
    if opts.uneven:
        a = a - _light(rng, img.size, opts.uneven) - opts.uneven / 4  # mostly darker than paper
    sigma = opts.noise.get("gauss", 0.0)
    if sigma:
        a = a + rng.normal(0.0, sigma, a.shape).astype(np.float32)
    if opts.bilevel:
        ink = a < opts.threshold
        dust = opts.noise.get("saltpepper", 0.0)
        if dust:
            ink ^= rng.random(a.shape, dtype=np.float32) < dust
        return Image.fromarray(~ink)  # True = white; a bool array gives a mode '1' image
    out = np.clip(a, 0, 255).astype(np.uint8)
    dust = opts.noise.get("saltpepper", 0.0)
    if dust:
        hit = rng.random(a.shape, dtype=np.float32)
        out[hit < dust / 2] = 0
        out[(hit >= dust / 2) & (hit < dust)] = 255
    return Image.fromarray(out)


def images_to_pdf(images: list[Image.Image], out: str | Path | io.BytesIO, dpi: int, jpeg: int = 60,
                  title: str = "scan") -> None:
    """An image-only PDF, one page per image at ``dpi`` (page size = pixels * 72 / dpi)."""
    if not images:
        raise ValueError("no pages to write")
    extra = {} if any(im.mode == "1" for im in images) else {"quality": jpeg}  # TIFF G4 refuses it
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   title=title, creator="lkipsynth.scan", producer="lkipsynth.scan",
                   creationDate=_FIXED_DATE, modDate=_FIXED_DATE, **extra)


def scan_pages(pdf: str | Path | bytes, opts: ScanOptions, pages: Iterable[int] | None = None
               ) -> list[Image.Image]:
    return [degrade(img, n, opts) for n, img in render_pages(pdf, opts.dpi, pages)]


def scan_pdf(src: str | Path, out: str | Path, opts: ScanOptions) -> Path:
    """Every page of ``src`` scanned into ``out`` (image-only PDF)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    images_to_pdf(scan_pages(src, opts), out, opts.dpi, opts.jpeg, title=out.stem)
    return out


def mixed_pdf(src: str | Path, out: str | Path, opts: ScanOptions, scanned: Iterable[int]) -> Path:
    """``src`` with the pages in ``scanned`` replaced by their scanned images; the others keep their
    text layer (imported unchanged with pypdfium2)."""
    import pypdfium2 as pdfium

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    scanned = sorted(set(scanned))
    original = pdfium.PdfDocument(str(src))
    try:
        n = len(original)
        bad = [p for p in scanned if not 1 <= p <= n]
        if bad or not scanned:
            raise ValueError(f"pages to scan {bad or scanned} are not among the {n} pages of {src}")
        buf = io.BytesIO()
        images_to_pdf(scan_pages(str(src), opts, scanned), buf, opts.dpi, opts.jpeg, title=out.stem)
        images = pdfium.PdfDocument(buf.getvalue())
        merged = pdfium.PdfDocument.new()
        try:
            for page_no in range(1, n + 1):
                if page_no in scanned:
                    merged.import_pages(images, [scanned.index(page_no)])
                else:
                    merged.import_pages(original, [page_no - 1])
            buf = io.BytesIO()
            merged.save(buf)
            out.write_bytes(_without_date(buf.getvalue()))
        finally:
            merged.close()
            images.close()
    finally:
        original.close()
    return out


def _without_date(pdf: bytes) -> bytes:
    """PDFium stamps a new document with the time and a file ID of its own: replaced, byte for byte
    (offsets stay), by a fixed date and an ID from the content, so the same seed gives the same file."""
    pdf = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:19700101000000", pdf, count=1)
    digest = hashlib.md5(re.sub(rb"/ID\[<[0-9A-Fa-f]+><[0-9A-Fa-f]+>\]", b"", pdf)).hexdigest().upper()
    return re.sub(rb"/ID\[<[0-9A-Fa-f]{32}><[0-9A-Fa-f]{32}>\]",
                  f"/ID[<{digest}><{digest}>]".encode(), pdf)


def parse_pages(spec: str, count: int) -> list[int]:
    """'5', '5-6', '1,3,5-6' or 'last' -> page numbers."""
    pages: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        if not part:
            continue
        if part == "last":
            pages.add(count)
        elif "-" in part:
            a, b = part.split("-", 1)
            pages.update(range(int(a), int(b) + 1))
        else:
            pages.add(int(part))
    return sorted(pages)


def source_pdf(truth_path: Path, workdir: Path | None = None) -> Path:
    """The born-digital PDF of a truth: beside it, else typeset into ``workdir`` (or a temp dir)."""
    pdf = truth_path.with_suffix(".pdf")
    if pdf.exists():
        return pdf
    from lkipsynth.truth import Truth
    from lkipsynth.typeset import render

    folder = workdir or Path(tempfile.mkdtemp(prefix="lkip-scan-src-"))
    return render(Truth.load(truth_path), folder / f"{truth_path.stem}.pdf")


def scan_truth(truth_path: str | Path, out_dir: str | Path, opts: ScanOptions,
               mixed: list[int] | None = None, name: str | None = None) -> tuple[Path, Path]:
    """A scanned (or, with ``mixed`` pages, a mixed) copy of the truth's PDF and its truth beside it:
    (``out_dir/<name>.pdf``, ``out_dir/<name>.json``). The default name is
    ``<stem>-scan<dpi>`` or ``<stem>-mixed<dpi>``."""
    truth_path = Path(truth_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = name or f"{truth_path.stem}-{'mixed' if mixed else 'scan'}{opts.dpi}"
    data = json.loads(truth_path.read_text(encoding="utf-8"))
    data.pop("scan", None)
    src = source_pdf(truth_path)
    pdf = out_dir / f"{name}.pdf"
    if mixed:
        mixed_pdf(src, pdf, opts, mixed)
    else:
        scan_pdf(src, pdf, opts)
    try:
        rel = os.path.relpath(truth_path.resolve(), out_dir.resolve())
    except ValueError:  # another drive
        rel = str(truth_path.resolve())
    record = {"source_truth": Path(rel).as_posix(), "kind": "mixed" if mixed else "scan",
              "scanned_pages": mixed or "all", **opts.record()}
    out_json = out_dir / f"{name}.json"
    out_json.write_text(json.dumps({"scan": record, **data}, ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    return pdf, out_json


def rescan(scanned_truth: str | Path, out_dir: str | Path) -> tuple[Path, Path]:
    """Regenerate a scanned copy from the ``"scan"`` record of its truth file into ``out_dir``."""
    scanned_truth = Path(scanned_truth)
    record = json.loads(scanned_truth.read_text(encoding="utf-8"))["scan"]
    source = (scanned_truth.parent / record["source_truth"]).resolve()
    pages = record.get("scanned_pages")
    return scan_truth(source, out_dir, ScanOptions.from_record(record),
                      mixed=pages if isinstance(pages, list) else None, name=scanned_truth.stem)
