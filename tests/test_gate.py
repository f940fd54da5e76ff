"""Tests for the plausibility gate: no error without a sound reading (lkip/validate/gate.py)."""

from __future__ import annotations

import pytest

from lkip.model import Document
from lkip.validate.gate import unsound_label
from lkip.validate.handmade import add_capaian_table, new_doc
from lkip.validate.registry import validate


def _doc(rows: list, kind: str = "pdf-text", **kw: object) -> Document:
    doc = new_doc(kind)  # type: ignore[arg-type]
    add_capaian_table(doc, "Tabel 3.1", rows, page=12, **kw)  # type: ignore[arg-type]
    validate(doc)
    return doc


def _by_rule(doc: Document, rule: str) -> list[tuple[str, str | None]]:
    return [(f.severity, f.row) for f in doc.findings if f.rule == rule]


def test_one_wrong_row_of_many_is_an_error() -> None:
    rows = [("A", "10", "9", "90%", None), ("B", "20", "20", "100%", None),
            ("C", "4", "3", "80%", None), ("D", "8", "6", "75%", None)]
    assert _by_rule(_doc(rows), "capaian") == [("error", "C")]


def test_a_table_failing_on_most_rows_is_one_warning() -> None:
    # capaian that all follow from another pair of columns: the columns were misread, not the
    # report wrong five times
    rows = [(name, "10", str(r), f"{100 - r}%", None)
            for name, r in (("A", 9), ("B", 8), ("C", 7), ("D", 6), ("E", 5))]
    doc = _doc(rows)
    found = _by_rule(doc, "capaian")
    assert ("warning", None) in found and not any(s == "error" for s, _ in found)
    note = next(f for f in doc.findings if f.rule == "capaian" and f.row is None)
    assert note.table == "Tabel 3.1" and note.page == 12
    assert "5 dari 5 baris" in note.message and "5 of 5 rows" in note.message_en
    # nothing is lost: each row's recomputation stays, as information
    assert sum(1 for s, r in found if s == "info" and r) == 5


def test_two_wrong_rows_are_still_errors() -> None:
    rows = [("A", "10", "9", "80%", None), ("B", "20", "20", "90%", None),
            ("C", "4", "3", "75%", None)]
    found = _by_rule(_doc(rows), "capaian")
    assert found == [("error", "A"), ("error", "B")]


def test_orders_of_magnitude_are_a_misread_not_an_error() -> None:
    # 4.000% stated where 40% follows: a lost decimal comma, or a unit, misread
    rows = [("A", "10", "4", "4.000%", None), ("B", "20", "20", "100%", None),
            ("C", "4", "4", "100%", None)]
    found = _by_rule(_doc(rows), "capaian")
    assert found == [("warning", "A")]


def test_a_header_read_as_a_row_accuses_no_one() -> None:
    rows = [("SASARAN TARGET REALISASI CAPAIAN PENILAIAN", "85", "95,95", "150%", None),
            ("A", "20", "20", "100%", None), ("B", "4", "4", "100%", None)]
    found = _by_rule(_doc(rows), "capaian")
    assert [s for s, _ in found] == ["info"]


def test_a_label_that_swallowed_its_figures_accuses_no_one() -> None:
    # side-by-side 2015 | 2016 tables: the 2015 figures were read into the 2016 row's name
    rows = [("desa/kelurahan 90% 81,81% 97,95% Baik UCI", "90", "91", "91,8%", None),
            ("Angka Kematian Ibu per 100.000 KH", "10", "9", "80%", None),
            ("B", "4", "4", "100%", None)]
    found = _by_rule(_doc(rows), "capaian")
    assert found == [("info", "desa/kelurahan 90% 81,81% 97,95% Baik UCI"),
                     ("error", "Angka Kematian Ibu per 100.000 KH")]


@pytest.mark.parametrize("label", [
    "Ratio 6/1000 4,4/1000 kematian KH KH Baik KH KH baik bayi",  # rates of two years
    "73 107,4% Sangat Pelayanan Kesehatan Ibu dan Bayi sesuai Standar",  # capaian + kategori
    "3Jumlah Puskesmas yang sudah Terakreditasi 4Jumlah Rumah Sakit yang sudah",  # two rows
])
def test_labels_of_misread_rows_are_recognised(label: str) -> None:
    assert unsound_label(label) is not None


@pytest.mark.parametrize("label", [
    "Angka Kematian Bayi (AKB) per 1.000 kelahiran hidup",
    "Persentase penduduk usia 15-59 tahun yang mendapat skrining kesehatan sesuai standar",
    "Program Peningkatan Kapasitas Sumber Daya Aparatur",
    "Indeks Kepuasan Masyarakat terhadap layanan perizinan (skala 1-4)",
])
def test_labels_of_sound_rows_are_not_suspected(label: str) -> None:
    assert unsound_label(label) is None


def test_a_total_off_by_a_lines_own_error_is_that_error_told_once() -> None:
    from lkip.validate.handmade import add_budget_table

    doc = new_doc("pdf-text")
    # the kegiatan's efisiensi is 10 short of its anggaran - realisasi; the programme's total is
    # right, so it is 10 more than the kegiatan as printed
    add_budget_table(doc, "Tabel 3.3", ("anggaran", "realisasi", "efisiensi"), [
        ("program", "Program Kepegawaian Daerah", None, ("3.000.000", "2.000.000", "1.000.000")),
        ("kegiatan", "Pengadaan Pegawai", 0, ("1.000.000", "600.000", "399.990")),
        ("kegiatan", "Mutasi Pegawai", 0, ("2.000.000", "1.400.000", "600.000")),
    ], kind="realisasi_anggaran")
    validate(doc)
    errors = [(f.rule, f.row) for f in doc.findings if f.severity == "error"]
    assert errors == [("efisiensi", "Pengadaan Pegawai")]
    told = [f for f in doc.findings if f.rule == "total"]
    assert [f.severity for f in told] == ["info"] and "efisiensi" in told[0].message


def _realisasi_table(doc: Document, kegiatan_realisasi: str, kegiatan_efisiensi: str) -> None:
    from lkip.validate.handmade import add_budget_table

    add_budget_table(doc, "Tabel 3.3", ("anggaran", "realisasi", "efisiensi"), [
        ("program", "Program Kepegawaian Daerah", None, ("3.000.000", "2.000.000", "1.000.000")),
        ("kegiatan", "Pengadaan Pegawai", 0, ("1.000.000", kegiatan_realisasi, kegiatan_efisiensi)),
        ("sub_kegiatan", "Seleksi Pegawai", 1, ("400.000", "250.000", "150.000")),
        ("sub_kegiatan", "Orientasi Pegawai", 1, ("600.000", "350.000", "250.000")),
        ("kegiatan", "Mutasi Pegawai", 0, ("2.000.000", "1.400.000", "600.000")),
        ("sub_kegiatan", "Mutasi Antar Daerah", 4, ("2.000.000", "1.400.000", "600.000")),
    ], kind="realisasi_anggaran")


def test_an_efisiensi_that_follows_a_misstated_realisasi_is_not_a_second_error() -> None:
    # the kegiatan's realisasi is 4.500 more than its sub kegiatan add up to, and its efisiensi,
    # anggaran − realisasi as printed, 4.500 less than theirs: one error, told once
    doc = new_doc("pdf-text")
    _realisasi_table(doc, "604.500", "395.500")
    validate(doc)
    errors = [(f.rule, f.row, f.field) for f in doc.findings if f.severity == "error"]
    assert ("total", "Pengadaan Pegawai", "realisasi") in errors
    assert ("total", "Pengadaan Pegawai", "efisiensi") not in errors
    told = next(f for f in doc.findings if f.rule == "total" and f.field == "efisiensi"
                and f.row == "Pengadaan Pegawai")
    assert told.severity == "info" and "realisasi" in told.message


def test_an_efisiensi_wrong_on_its_own_is_still_an_error() -> None:
    # realisasi right, efisiensi off its own anggaran − realisasi: the efisiensi rule reports it
    # and the total of the efisiensi column that repeats it is information
    doc = new_doc("pdf-text")
    _realisasi_table(doc, "600.000", "395.500")
    validate(doc)
    errors = [(f.rule, f.row, f.field) for f in doc.findings if f.severity == "error"]
    assert ("efisiensi", "Pengadaan Pegawai", "efisiensi") in errors
    assert not [e for e in errors if e[0] == "total" and e[1] == "Pengadaan Pegawai"]


def test_an_efisiensi_where_the_budget_was_spent_whole_is_an_error_not_a_misread() -> None:
    from lkip.validate.handmade import add_budget_table

    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 3.4", ("anggaran", "realisasi", "efisiensi"), [
        ("sub_kegiatan", "Pembinaan Disiplin ASN", None, ("138.883.761", "138.883.761", "0")),
        ("sub_kegiatan", "Penyelesaian Pelanggaran Disiplin", None,
         ("2.417.000.000", "2.417.000.000", "900.000")),
    ], kind="realisasi_anggaran")
    validate(doc)
    found = [(f.severity, f.row) for f in doc.findings if f.rule == "efisiensi"]
    assert found == [("error", "Penyelesaian Pelanggaran Disiplin")]


def _jumlah_table(pelayaran_efisiensi: str, jumlah_efisiensi: str) -> Document:
    """Two programmes under a Jumlah whose anggaran is 100.000 more than they add up to."""
    from lkip.validate.handmade import add_budget_table

    doc = new_doc("pdf-text")
    add_budget_table(doc, "Tabel 3.1.4", ("anggaran", "realisasi", "efisiensi"), [
        ("program", "Program Pengelolaan Pelayaran", 2, ("800.000", "700.000", pelayaran_efisiensi)),
        ("program", "Program Pengelolaan Perkeretaapian", 2, ("1.200.000", "1.000.000", "200.000")),
        ("total", "Jumlah", None, ("2.100.000", "1.700.000", jumlah_efisiensi)),
    ], kind="realisasi_anggaran")
    validate(doc)
    return doc


def test_a_total_efisiensi_that_follows_its_own_wrong_amounts_is_told_once() -> None:
    # one programme's efisiensi is 10.000 short of its own, and the Jumlah's efisiensi is its
    # own anggaran − realisasi: mending the anggaran (and the programme) mends it
    doc = _jumlah_table("90.000", "400.000")
    errors = [(f.rule, f.row, f.field) for f in doc.findings if f.severity == "error"]
    assert errors == [("efisiensi", "Program Pengelolaan Pelayaran", "efisiensi"),
                      ("total", "Jumlah", "anggaran")]
    told = next(f for f in doc.findings if f.rule == "total" and f.field == "efisiensi")
    assert told.severity == "info" and "anggaran dikurangi realisasi" in told.message


def test_a_total_efisiensi_off_its_own_amounts_stays_an_error() -> None:
    # anggaran wrong, and the efisiensi is neither its column's sum nor anggaran − realisasi
    doc = _jumlah_table("100.000", "350.000")
    errors = {(f.rule, f.row, f.field) for f in doc.findings if f.severity == "error"}
    assert ("total", "Jumlah", "anggaran") in errors
    assert errors & {("total", "Jumlah", "efisiensi"), ("efisiensi", "Jumlah", "efisiensi")}
