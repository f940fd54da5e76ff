"""False errors on scanned reports (issue 12): readings OCR made unsound are not errors."""

from lkip.model import Document, Provenance, Row, Source, Table
from lkip.normalize.views import build_views
from lkip.validate.handmade import cell
from lkip.validate.registry import validate


def _budget(rows: list[tuple[str, str, str]]) -> Document:
    table = Table(id="Tabel 3.1.3", kind="realisasi_anggaran", page=6,
                  columns=["no", "uraian", "anggaran", "realisasi_anggaran"],
                  header=["Kode Program/Kegiatan/Sub Kegiatan Pagu (Rp) Realisasi (Rp)"])
    for label, pagu, real in rows:
        table.rows.append(Row(cells=[cell(""), cell(label), cell(pagu), cell(real)],
                              prov=Provenance(page=6)))
    return Document(source=Source(path="t.txt", sha256="0", kind="text"), tables=[table])


# a scanned hierarchy: the last words of a wrapped label glued before the next row's code, and
# codes with OCR slips ('2.11:01.2.02', '21101211' lost its dots, '207-01' for 2.17.01)
GARBLED = [
    ("207-01 Program Penunjang", "3.113.000.000", "3.000.000.000"),
    ("Urusan Pemerintahan Daerah Kabupaten/Kota 2.17:01.2.02 Administrasi Keuangan",
     "2.833.000.000", "2.728.000.000"),
    ("2.17.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN", "2.760.000.000", "2.660.000.000"),
    ("Tunjangan ASN 2.17.01.2.02.0003 Koordinasi Pelaksanaan", "73.000.000", "68.000.000"),
    ("Pelaksanaan 21701213 Penataan Organisasi", "280.000.000", "272.000.000"),
    ("2.17.01.2.13.0003 Peningkatan Kinerja", "280.000.000", "272.000.000"),
]


def test_a_code_with_ocr_slips_or_after_a_wrapped_label_keeps_the_hierarchy() -> None:
    doc = _budget(GARBLED)
    build_views(doc)
    assert [(b.kode, b.level, b.parent) for b in doc.budget_lines] == [
        ("2.17.01", "program", None), ("2.17.01.2.02", "kegiatan", 0),
        ("2.17.01.2.02.0001", "sub_kegiatan", 1), ("2.17.01.2.02.0003", "sub_kegiatan", 1),
        ("2.17.01.2.13", "kegiatan", 0), ("2.17.01.2.13.0003", "sub_kegiatan", 4)]
    assert doc.budget_lines[1].nama == "Administrasi Keuangan"
    validate(doc)
    assert [f for f in doc.findings if f.rule == "total" and f.severity == "error"] == []


def test_a_figure_in_a_label_is_no_code() -> None:
    # '12.500.000' in a name is not a code the line below implies: the name stays whole
    doc = _budget([
        ("2.17.01 Program Penunjang", "300.000.000", "290.000.000"),
        ("2.17.01.2.02 Bantuan 12.500.000 Peserta", "300.000.000", "290.000.000"),
        ("Honor 125000 orang", "300.000.000", "290.000.000"),
        ("2.17.01.2.02.0001 Penyediaan Gaji", "300.000.000", "290.000.000")])
    build_views(doc)
    assert [b.kode for b in doc.budget_lines] == ["2.17.01", "2.17.01.2.02", None,
                                                  "2.17.01.2.02.0001"]
    assert doc.budget_lines[2].nama == "Honor 125000 orang"


# a scale read without its top band ('≥ 91 Sangat Tinggi' lost in the scan)
PART_SCALE = [("Tinggi", 76, 90, True, True), ("Sedang", 66, 75, True, True),
              ("Rendah", 51, 65, True, True)]
FULL_SCALE = [("Sangat Tinggi", 91, None, True, True), *PART_SCALE,
              ("Sangat Rendah", None, 50, True, False)]


def _category(rows: list, scale: list) -> list:
    from lkip.validate.handmade import add_capaian_table, add_scale, new_doc
    from lkip.validate.rules.category import RULE

    doc = new_doc()
    add_scale(doc, scale, page=5)
    add_capaian_table(doc, "Tabel 3.1.2", rows, page=6)
    return RULE.check(doc)


def test_a_kategori_read_as_sangat_alone_is_no_error_but_one_warning() -> None:
    # 'Sangat / Tinggi' wrapped, its 'Tinggi' read into the indicator's name
    found = _category([("Nilai kualitas pelayanan Tinggi", "82,5", "82,3", "99,76%", "Sangat"),
                       ("Indeks B", "20", "17", "85%", "Tinggi")], PART_SCALE)
    assert [f for f in found if f.severity == "error"] == []
    assert [f.severity for f in found] == ["warning"] and "'Sangat'" in found[0].message


def test_a_kategori_that_fits_the_capaian_its_row_gives_is_no_error() -> None:
    # capaian 77,35 read as 43,35: 'Tinggi' is right for 48,04 / 62,11 x 100 = 77,35%
    found = _category([("Nilai SAKIP", "62,11", "48,04", "43,35%", "Tinggi"),
                       ("Indeks A", "20", "17", "85%", "Sangat Rendah")], FULL_SCALE)
    assert [(f.severity, f.stated) for f in found] == [("info", "Tinggi"),
                                                       ("error", "Sangat Rendah")]
    assert "(77,35%)" in found[0].message and "(77,35%)" in found[0].message_en
