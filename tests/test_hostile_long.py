"""Findings must not depend on file length (issue 16, item 5): the same report repeated n times
in one PDF holds n times its errors."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lkip import pipeline
from lkip.model import Document, ScaleBand
from lkip.validate.bands import scale_of

ROOT = Path(__file__).resolve().parents[1]
DINKES = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"
COPIES = 5  # three pages alike are enough for a line to be taken for a running header


def _repeated(tmp_path: Path, copies: int) -> Path:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(DINKES))
    out = pdfium.PdfDocument.new()
    for _ in range(copies):
        out.import_pages(src)
    path = tmp_path / f"dinkes-x{copies}.pdf"
    out.save(str(path))
    return path


def _errors(path: Path) -> Counter[str]:
    doc = pipeline.check(path)
    return Counter(f.rule for f in doc.findings if f.severity == "error")


@pytest.fixture(scope="module")
def counts(tmp_path_factory) -> tuple[Counter[str], Counter[str]]:
    folder = tmp_path_factory.mktemp("long")
    return _errors(_repeated(folder, 1)), _errors(_repeated(folder, COPIES))


def test_one_copy_has_its_planted_errors(counts) -> None:
    one, _ = counts
    assert one == Counter({"capaian": 1, "category": 1, "total": 1, "cross_table": 1})


def test_a_scale_printed_in_every_copy_is_one_scale(counts) -> None:
    """Before: the rating scale read from each copy's Tabel 3.1 made one list with every label
    n times, taken for a scale read in part: no kategori was checked from 2 copies on."""
    one, many = counts
    assert many["category"] == COPIES * one["category"]
    assert many["capaian"] == COPIES * one["capaian"]
    assert many["cross_table"] == COPIES * one["cross_table"]


def test_every_error_scales_with_copies(counts) -> None:
    one, many = counts
    assert many == Counter({rule: COPIES * n for rule, n in one.items()})


def _bands(table: str, labels: list[tuple[str, float | None, float | None]]) -> list[ScaleBand]:
    return [ScaleBand(label=label, lower=lower, upper=upper, table=table)
            for label, lower, upper in labels]


_SCALE = [("Sangat Tinggi", 91, None), ("Tinggi", 76, 90), ("Sedang", 66, 75),
          ("Rendah", None, 65)]


def test_the_same_scale_twice_is_judged_by() -> None:
    doc = Document.model_validate({"source": {"path": "x.pdf", "sha256": "0", "kind": "pdf-text",
                                              "bytes": 1}})
    doc.scale = _bands("Tabel 1.1", _SCALE) + _bands("Tabel 3.1", _SCALE)
    scale = scale_of(doc)
    assert scale is not None and scale.own
    assert [b.table for b in scale.bands] == ["Tabel 1.1"] * 4


def test_two_scales_that_differ_are_not_judged_by() -> None:
    doc = Document.model_validate({"source": {"path": "x.pdf", "sha256": "0", "kind": "pdf-text",
                                              "bytes": 1}})
    other = [("Sangat Tinggi", 90, None), ("Tinggi", 76, 89), ("Sedang", 66, 75),
             ("Rendah", None, 65)]
    doc.scale = _bands("Tabel 1.1", _SCALE) + _bands("Tabel 3.1", other)
    assert scale_of(doc) is None


# --- a page whose content stream is damaged reads blank: it is said, not only logged ----------


def _damaged_page(tmp_path: Path, page: int = 3) -> Path:
    """The dinkes PDF with 200 bytes inside its 3rd page's content stream spoiled (still ASCII85,
    no longer Flate): pdfminer decodes what it can and the page reads blank, without an error."""
    import re

    data = DINKES.read_bytes()
    kids = re.search(rb"/Kids \[([^\]]*)\]", data).group(1).split()[0::3]
    obj = re.search(rb"\n" + kids[page - 1] + rb" 0 obj\s*<<.*?/Contents (\d+) 0 R", data, re.S)
    stream = re.search(rb"\n" + obj.group(1) + rb" 0 obj\s*<<.*?>>\s*stream\r?\n", data, re.S)
    start = stream.end() + 20
    path = tmp_path / "rusak-halaman.pdf"
    path.write_bytes(data[:start] + b"!" * 200 + data[start + 200:])
    return path


def test_a_damaged_page_is_in_the_coverage_and_at_the_top_of_every_format(tmp_path) -> None:
    import io
    import json

    from openpyxl import load_workbook

    from lkip.cli import main

    pdf = _damaged_page(tmp_path)
    for fmt in ("text", "md", "html", "json", "xlsx"):
        out = tmp_path / f"review.{fmt}"
        assert main(["check", str(pdf), "-f", fmt, "-o", str(out)]) == 2, fmt
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
            top = f"{sheet['A2'].value} {sheet['B2'].value}"
        elif fmt == "json":
            data = json.loads(out.read_text(encoding="utf-8"))
            top = data["findings"][0]["message"]
            assert data["coverage"]["pages_in_file"] == 6
            assert data["coverage"]["pages_read"] == 5
            assert list(data["coverage"]["pages_failed"]) == ["3"]
            assert "content stream is damaged" in data["coverage"]["pages_failed"]["3"]
        elif fmt == "html":
            top = out.read_text(encoding="utf-8").split('<section id="ringkasan">')[0]
        else:
            top = out.read_text(encoding="utf-8")[:900]
        assert "Hanya 5 dari 6 halaman" in top and "hal. 3" in top, (fmt, top)
        assert "isi halamannya rusak" in " ".join(top.split()), (fmt, top)
    assert main(["check", str(pdf), "-f", "json", "--lang", "en", "-o",
                 str(tmp_path / "en.json")]) == 2
    first = json.loads((tmp_path / "en.json").read_text(encoding="utf-8"))["findings"][0]
    assert first["rule"] == "coverage" and "p. 3 (its content stream is damaged" in first["message"]


def test_an_undamaged_pdf_has_full_coverage() -> None:
    doc = pipeline.check(DINKES)
    assert doc.source.page_notes == {} and doc.source.pages_in_file == 6
    assert all(f.rule != "coverage" for f in doc.findings)


def test_a_flate_stream_without_its_checksum_is_not_damaged() -> None:
    import zlib

    from pdfminer.psparser import LIT

    from lkip.extract.pdf_text import damaged_stream

    whole = zlib.compress(b"BT /F1 12 Tf (Capaian) Tj ET" * 50)
    assert damaged_stream([(whole[:-4], [(LIT("FlateDecode"), None)])]) is None
    assert damaged_stream([(whole[:8] + b"\x00" * 40 + whole[48:], [(LIT("FlateDecode"), None)])])
