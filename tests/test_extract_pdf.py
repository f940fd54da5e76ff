"""Born-digital PDFs: tables read from the text layer, every cell with its page and box, bad PDFs
refused with a message.

Inputs are the generated samples in samples/synthetic (each with its ground truth) and small PDFs
written here with reportlab: turned pages, an encrypted file, a file without pages, a scan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from builders import Checked, run_lkip
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from lkip.model import Cell, Document
from lkip.pipeline import check
from lkipsynth.truth import Truth

SYNTH = Path(__file__).resolve().parent.parent / "samples" / "synthetic"
SAMPLES = sorted(SYNTH.glob("*.pdf"))

def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _cells(doc: Document) -> list[tuple[str, Cell]]:
    return [(t.id, c) for t in doc.tables for r in t.rows for c in r.cells if c.raw]


# --- every value traceable to its page and box --------------------------------------------


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_every_figure_has_a_box_holding_its_text(pdf: Path, checked: Checked) -> None:
    doc = checked(pdf)
    figures = [(tid, c) for tid, c in _cells(doc) if c.number is not None]
    assert figures
    wrong = []
    with pdfplumber.open(pdf) as plumber:
        for tid, cell in figures:
            box = cell.prov.box
            assert box is not None and cell.prov.page is not None, (tid, cell.raw)
            page = plumber.pages[cell.prov.page - 1]
            assert 0 <= box.x0 < box.x1 <= page.width and 0 <= box.top < box.bottom <= page.height
            inside = page.within_bbox((box.x0 - 0.5, box.top - 0.5, box.x1 + 0.5, box.bottom + 0.5))
            if _squash(inside.extract_text() or "") != _squash(cell.raw):
                wrong.append((tid, cell.raw, inside.extract_text()))
    assert not wrong, wrong[:10]


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_findings_carry_page_and_cell_boxes(pdf: Path, checked: Checked) -> None:
    doc = checked(pdf)
    assert doc.findings
    for f in doc.findings:
        if f.table is None:
            continue
        assert f.page is not None, f
        assert all(ref.box is not None and ref.page is not None for ref in f.cells), f


# --- what the truth says is there is read ---------------------------------------------------


def _truth(pdf: Path) -> Truth:
    return Truth.model_validate(json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_tables_are_found_on_their_pages_and_span_them(pdf: Path, checked: Checked) -> None:
    doc = checked(pdf)
    truth = _truth(pdf)
    for cell in truth.cells():
        table = doc.table(cell.table)
        assert table is not None, f"{cell.table} not found: {[t.id for t in doc.tables]}"
    # a table that runs over pages is one table, not one per page
    pages_of: dict[str, set[int]] = {}
    for cell in truth.cells():
        pages_of.setdefault(cell.table, set()).add(cell.page)
    for tid, pages in pages_of.items():
        read = {r.prov.page for r in doc.table(tid).rows if r.prov.page}
        assert pages <= read, (tid, sorted(pages), sorted(read))
    assert not [t.id for t in doc.tables if re.match(r"T\d", t.id)], "continuation read as a new table"


@pytest.mark.parametrize("pdf", SAMPLES, ids=lambda p: p.stem)
def test_running_headers_footers_and_sources_are_not_rows(pdf: Path, checked: Checked) -> None:
    doc = checked(pdf)
    labels = [" ".join(c.raw for c in r.cells if c.kind == "text") for t in doc.tables for r in t.rows]
    assert not [lab for lab in labels if re.search(r"\bSumber\s*:", lab)]
    truth = _truth(pdf)
    assert not [lab for lab in labels if truth.running_header in lab]


def test_graded_values_and_money_forms_keep_their_number(checked: Checked) -> None:
    pdf = SYNTH / "dinkes-kab-sukamaju-2023.pdf"
    read = {_squash(c.raw): c.number.value for _t, c in _cells(checked(pdf)) if c.number}
    assert read.get("A(84)") == 84
    assert read.get("BB(70)") == 70
    assert read.get("Level3(3,35)") == pytest.approx(3.35)
    pdf = SYNTH / "bappeda-kota-sukamaju-2024.pdf"
    read = {_squash(c.raw): c.number.value for _t, c in _cells(checked(pdf)) if c.number}
    assert read.get("Rp9.845.320.000,-") == 9845320000
    assert abs(read.get("(12,50)", 0)) == pytest.approx(12.5)


# --- pages turned a quarter --------------------------------------------------------------------

ROWS = [("1", "Persentase UMKM naik kelas", "20", "17", "85,00"),
        ("2", "Jumlah koperasi sehat", "40", "44", "110,00"),
        ("3", "Nilai evaluasi SAKIP", "75", "60", "90,00")]


def _turned_pdf(path: Path) -> Path:
    """A capaian table written across a page that is shown turned by 90 degrees."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    c.setFont("Helvetica", 10)
    # with the page turned, reportlab's drawing space is A4 landscape (842 x 595)
    c.drawString(72, 540, "Tabel 3.2 Capaian Kinerja Tahun 2024")
    xs = (72, 100, 330, 400, 470)
    for x, word in zip(xs, ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"), strict=True):
        c.drawString(x, 510, word)
    for k, row in enumerate(ROWS):
        y = 485 - 22 * k
        c.drawString(xs[0], y, row[0])
        c.drawString(xs[1], y, row[1])
        for x, value in zip(xs[2:], row[2:], strict=True):
            c.drawRightString(x + 45, y, value)
    c.drawString(72, 380, "Capaian indikator ketiga tidak sesuai dengan target dan realisasinya.")
    c.showPage()
    c.save()
    return path


def test_turned_page_is_read_and_boxes_point_at_the_page(tmp_path: Path) -> None:
    pdf = _turned_pdf(tmp_path / "turned.pdf")
    doc = check(pdf)
    table = doc.table("Tabel 3.2")
    assert table is not None and table.kind == "capaian"
    values = [[c.raw for c in r.cells if c.number] for r in table.rows if r.role == "data"]
    assert values == [list(row[2:]) for row in ROWS]
    wrong = [f for f in doc.findings if f.rule == "capaian"]
    assert [(f.stated, f.expected) for f in wrong] == [(90.0, 80.0)]
    with pdfplumber.open(pdf) as plumber:
        page = plumber.pages[0]
        cell = table.rows[-1].cells[-2]  # 90,00
        box = cell.prov.box
        inside = page.within_bbox((box.x0 - 0.5, box.top - 0.5, box.x1 + 0.5, box.bottom + 0.5))
        assert sorted(_squash(ch["text"]) for ch in inside.chars) == sorted("90,00")


# --- PDFs that cannot be read: exit 2, the file named, no traceback --------------------------


def _encrypted(tmp: Path) -> Path:
    c = canvas.Canvas(str(tmp / "rahasia.pdf"), encrypt="rahasia")
    c.drawString(72, 720, "Tabel 3.1 Capaian Kinerja")
    c.save()
    return tmp / "rahasia.pdf"


def _no_pages(tmp: Path) -> Path:
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n")
    xref = len(body)
    tail = (b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n"
            b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")
    (tmp / "kosong.pdf").write_bytes(body + tail)
    return tmp / "kosong.pdf"


def _truncated(tmp: Path) -> Path:
    data = (SYNTH / "kecamatan-sukamaju-barat-2024.pdf").read_bytes()
    (tmp / "terpotong.pdf").write_bytes(data[: len(data) // 3])
    return tmp / "terpotong.pdf"


def _scan(tmp: Path) -> Path:
    from PIL import Image

    img = Image.new("L", (850, 1100), 255)  # a blank sheet through the scanner
    img.save(tmp / "halaman.png")
    c = canvas.Canvas(str(tmp / "pindai.pdf"))
    c.drawImage(str(tmp / "halaman.png"), 0, 0, 612, 792)
    c.save()
    return tmp / "pindai.pdf"


@pytest.mark.parametrize(("make", "reason"), [
    (_encrypted, "encrypted"), (_no_pages, "no pages"), (_truncated, "corrupt or truncated PDF"),
    (_scan, "scan without readable text"),
], ids=["encrypted", "zero-pages", "truncated", "blank-scan"])
def test_unreadable_pdf_exits_2_naming_the_file(make, reason: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    proc = run_lkip("check", "--lang", "en", path)
    assert proc.returncode == 2, proc.stderr + proc.stdout
    assert str(path) in proc.stderr and reason in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1
