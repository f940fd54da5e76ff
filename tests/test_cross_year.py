"""Tests for the cross_year rule: one instansi's reports of different years that disagree."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lkip.model import Document, DocumentInfo, Source
from lkip.pipeline import check
from lkip.validate.cross_year import compare_years, cross_year, instansi_key, report_key

FIXTURES = Path(__file__).parent / "fixtures" / "cross_year"
REAL_TEXT = Path(__file__).parent / "fixtures" / "real"
REAL_PDF = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real-pdf"
Y2022 = (FIXTURES / "dinkes-contoh-2022.txt").read_text()
Y2023 = (FIXTURES / "dinkes-contoh-2023.txt").read_text()


def read(tmp_path: Path, name: str, text: str) -> Document:
    path = tmp_path / name
    path.write_text(text)
    return check(path)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Document, Document]:
    """(the 2023 report, the 2022 report) of the same Dinas Kesehatan."""
    return read(tmp_path, "2023.txt", Y2023), read(tmp_path, "2022.txt", Y2022)


def realisasi(findings: list) -> dict[str, object]:
    return {f.row: f for f in findings if f.field == "realisasi"}


def test_changed_realisasi_of_last_year_is_found_with_both_pages(pair) -> None:
    later, earlier = pair
    found = realisasi(compare_years(later, earlier))
    f = found["Jumlah puskesmas terakreditasi"]
    assert (f.rule, f.severity, f.table, f.stated, f.expected) == (
        "cross_year", "warning", "Tabel 3.2", 11.0, 10.0)
    assert f.page == 4 and f.cells[0].page == 4 and f.cells[0].table == "Tabel 3.2"
    assert f.line is not None and f.cells[0].line == f.line  # the later report's cell
    # the earlier report's file, table and page are in the message
    assert "Realisasi tahun 2022" in f.message and "adalah 11 Unit" in f.message
    assert "laporan tahun 2022 (2022.txt, Tabel 3.1, hal. 3) mencantumkan 10 Unit" in f.message
    assert "direvisi" in f.message and "Audited figure revised?" in f.message_en


def test_same_figure_at_another_precision_is_not_flagged(pair, tmp_path: Path) -> None:
    later, earlier = pair
    # 2022's immunisation: 91,24% in its own report, quoted as 91,2% in 2023's
    assert not any("imunisasi" in row for row in realisasi(compare_years(later, earlier)))
    # ... while 91,3% would be another figure
    changed = read(tmp_path, "2023b.txt", Y2023.replace("91,2%", "91,3%"))
    f = next(f for f in compare_years(changed, earlier) if "imunisasi" in (f.row or ""))
    assert (f.stated, f.expected) == (91.3, 91.24) and "91,3%" in f.message


def test_renamed_indicator_is_matched(pair) -> None:
    later, earlier = pair
    # 'Indeks Kepuasan Masyarakat' (2022, merged with its sasaran) is 'Nilai Indeks Kepuasan
    # Masyarakat (IKM)' in 2023's comparison table
    f = realisasi(compare_years(later, earlier))["Nilai Indeks Kepuasan Masyarakat (IKM)"]
    assert (f.stated, f.expected) == (78.5, 80.15)


def test_indicator_without_counterpart_and_other_years_are_left_alone(pair) -> None:
    later, earlier = pair
    found = compare_years(later, earlier)
    assert not any("kematian" in (f.row or "") for f in found)  # not in the 2022 report
    # 2021's realisasi (quoted in 2023) is no statement of the 2022 report
    assert all("2021" not in f.message for f in found)
    assert len(realisasi(found)) == 2


def test_target_of_the_same_year_differing_between_reports(pair) -> None:
    later, earlier = pair
    (f,) = [f for f in compare_years(later, earlier) if f.field == "target"]
    # 2023's target 97% (its Tabel 3.1 and 3.2) vs the Renstra column 'Target 2023' of 2022's
    assert (f.stated, f.expected, f.page) == (97.0, 96.0, 3)
    assert [(c.table, c.page) for c in f.cells] == [("Tabel 3.1", 3), ("Tabel 3.2", 4)]
    assert "Target tahun 2023" in f.message and "Tabel 2.1, hal. 2) mencantumkan 96%" in f.message


def test_report_key_is_blind_to_case_punctuation_and_abbreviations() -> None:
    def doc(instansi: str | None, tahun: int | None = 2022) -> Document:
        return Document(source=Source(path="x", sha256="0", kind="text"),
                        document=DocumentInfo(instansi=instansi, tahun=tahun))

    key = report_key(doc("Dinas Kesehatan Kabupaten Contoh"))
    assert key == ("dinas kesehatan kabupaten contoh", 2022)
    for same in ("DINAS KESEHATAN KAB. CONTOH", "Dinas  Kesehatan, Kab Contoh",
                 "Dinas Kesehatan Kabupaten Kabupaten Contoh"):
        assert report_key(doc(same)) == key
    assert report_key(doc("Dinas Kesehatan Kota Contoh")) != key
    assert report_key(doc("Dinas Pendidikan Kab. Contoh")) != key
    assert report_key(doc("Inspektorat Prov. Jawa Timur")) == report_key(
        doc("INSPEKTORAT PROVINSI JAWA TIMUR"))
    assert report_key(doc(None)) is None and report_key(doc("Dinas X Kab. Y", None)) is None
    assert instansi_key(doc("Dinas X Kab. Y", None)) == "dinas x kabupaten y"


def test_cross_year_compares_only_the_same_instansi_earlier_years(pair, tmp_path: Path) -> None:
    later, earlier = pair
    other = read(tmp_path, "pendidikan.txt", Y2022.replace("Kesehatan", "Pendidikan").replace(
        "KESEHATAN", "PENDIDIKAN"))
    assert report_key(other) == ("dinas pendidikan kabupaten contoh", 2022)
    assert cross_year([later, other]) == {}  # another instansi: nothing to compare with
    out = cross_year([earlier, other, later])
    assert list(out) == [later.source.sha256]  # the 2022 report has no earlier year
    assert {(f.field, f.stated) for f in out[later.source.sha256]} == {
        ("realisasi", 11.0), ("realisasi", 78.5), ("target", 97.0)}


def test_target_is_compared_with_the_most_recent_report_stating_it(pair, tmp_path) -> None:
    later, earlier = pair
    # a 2021 report whose Renstra column said 95% for 2023: 2022 changed it (96%), and 2023
    # differs from 2022 -> one finding on 2023, against 2022; none against 2021
    older = read(tmp_path, "2021.txt", Y2022.replace("TAHUN 2022", "TAHUN 2021").replace(
        "96%       97%", "95%       97%"))
    assert report_key(older) == ("dinas kesehatan kabupaten contoh", 2021)
    targets = [f for f in cross_year([older, earlier, later])[later.source.sha256]
               if f.field == "target"]
    assert [(f.stated, f.expected) for f in targets] == [(97.0, 96.0)]
    assert "laporan tahun 2022" in targets[0].message


RENSTRA = """RENCANA STRATEGIS DINAS KESEHATAN KABUPATEN CONTOH 2021-2026

Rencana Strategis Dinas Kesehatan Kabupaten Contoh memuat target kinerja berikut.

Tabel 4.1
Target Kinerja Dinas Kesehatan Kabupaten Contoh
No   Indikator Kinerja                          Target
                                                2022      2023      2024
1    Cakupan imunisasi dasar lengkap            95%       97%       98%
2    Nilai Indeks Kepuasan Masyarakat (IKM)     82        84        85
Sumber : Renstra
"""


def test_a_document_of_no_year_is_compared_as_a_plan(pair, tmp_path: Path) -> None:
    later, _ = pair
    plan = read(tmp_path, "renstra.txt", RENSTRA)
    assert plan.document.tahun is None and report_key(plan) is None
    (f,) = cross_year([plan, later])[later.source.sha256]
    assert (f.field, f.stated, f.expected) == ("target", 83.0, 84.0)  # IKM 2023; imunisasi agrees
    assert "dokumen renstra.txt (Tabel 4.1" in f.message


def test_a_plan_that_agrees_does_not_hide_one_that_differs(pair, tmp_path: Path) -> None:
    later, _ = pair
    agreeing = read(tmp_path, "renja.txt", RENSTRA.replace("RENCANA STRATEGIS", "RENCANA KERJA")
                    .replace("82        84", "82        83"))  # states the IKM 2023 target as 83
    plan = read(tmp_path, "renstra.txt", RENSTRA)
    for docs in ([agreeing, plan, later], [plan, agreeing, later]):
        (f,) = cross_year(docs)[later.source.sha256]
        assert (f.stated, f.expected) == (83.0, 84.0) and "renstra.txt" in f.message


# ------------------------------------------------------------------ real reports

def pdf_text(name: str, tmp_path: Path) -> Path:
    """A shared real PDF as ``pdftotext -layout`` text (pages split by form feeds)."""
    pdf = REAL_PDF / name
    if not pdf.exists() or shutil.which("pdftotext") is None:
        pytest.skip(f"{pdf} or pdftotext not available")
    out = tmp_path / (pdf.stem + ".txt")
    subprocess.run(["pdftotext", "-layout", str(pdf), str(out)], check=True)
    return out


def test_real_jatim_2022_quotes_2021_as_2021_stated_it(tmp_path: Path) -> None:
    # Inspektorat Provinsi Jawa Timur: the 2022 LKjIP's Tabel 3.2 quotes 2021's realisasi
    # (Indeks Integritas 70,30, SPIP and APIP level 3), as the 2021 LKjIP states them (70,3)
    later = check(pdf_text("02-inspektorat-prov-jatim-2022.pdf", tmp_path))
    text_2021 = (REAL_TEXT / "01-inspektorat-prov-jatim-2021.txt").read_text()
    earlier = read(tmp_path, "01.txt", text_2021)
    assert report_key(later) == ("inspektorat provinsi jawa timur", 2022)
    assert cross_year([earlier, later]) == {later.source.sha256: []}
    # had the 2021 report said 71,3, the 2022 report's quote would be flagged where it stands
    altered = read(tmp_path, "01b.txt", re.sub(r"\b70,30?\b", "71,3", text_2021))
    (f,) = cross_year([altered, later])[later.source.sha256]
    assert (f.table, f.page, f.field, f.stated, f.expected) == (
        "Tabel 3.2", 11, "realisasi", 70.3, 71.3)
    assert "Integritas" in (f.row or "") and "laporan tahun 2021 (01b.txt, Tabel 3.1, hal. 12" in (
        f.message)


def test_real_jombang_2022_target_differs_from_its_renstra(tmp_path: Path) -> None:
    # Inspektorat Kabupaten Jombang: the 2022 Perjanjian Kinerja (Tabel 2.1, p. 20) targets
    # Maturitas SPIP 'Level 3 (3,35)'; the Renstra 2018-2023 (Tabel 2.7, p. 20) 'Level 3 (3,5)'
    renstra = check(pdf_text("19-inspektorat-kab-jombang-2018-2023-renstra.pdf", tmp_path))
    lkjip = read(tmp_path, "03.txt", (REAL_TEXT / "03-inspektorat-kab-jombang-2022.txt").read_text())
    assert renstra.document.tahun is None and instansi_key(renstra) == instansi_key(lkjip)
    (f,) = cross_year([renstra, lkjip])[lkjip.source.sha256]
    assert (f.table, f.page, f.field, f.stated, f.expected) == (
        "Tabel 2.1", 20, "target", 3.35, 3.5)
    assert "Target tahun 2022" in f.message and "Tabel 2.7, hal. 20" in f.message
