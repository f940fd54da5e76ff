"""Tests for the scale rule: gaps and overlaps between the report's rating bands."""

from __future__ import annotations

import pytest

from lkip.model import Finding
from lkip.validate.handmade import add_scale, new_doc
from lkip.validate.rules.scale import RULE


def run(bands: list) -> list[Finding]:
    doc = new_doc()
    add_scale(doc, bands, page=17)
    return RULE.check(doc)


def test_sample_scale_gaps() -> None:
    # Tabel 3.1 as printed: 91% < 100%, 76% < 90%, 66% < 75%, 51% < 65%, <50%
    found = run([("Sangat tinggi", 91, 100, True, False), ("Tinggi", 76, 90, True, False),
                 ("Sedang", 66, 75, True, False), ("Rendah", 51, 65, True, False),
                 ("Sangat Rendah", None, 50, True, False)])
    assert [f.stated for f in found] == ["[50%, 51%)", "[65%, 66%)", "[75%, 76%)", "[90%, 91%)",
                                         "[100%]"]
    assert all(f.severity == "warning" and f.rule == "scale" for f in found)
    assert found[3].row == "Tinggi / Sangat tinggi" and found[3].table == "Tabel 3.1"
    assert "tidak masuk pita mana pun" in found[3].message and "gap" in found[3].message_en
    assert "100% sendiri tidak tercakup" in found[4].message


def test_open_gap_between_inclusive_bounds() -> None:
    found = run([("Sangat Tinggi", 91, 100, True, True), ("Tinggi", 76, 90, True, True),
                 ("Rendah", None, 75, True, True)])
    # whole-number bands (as Permendagri 86/2017 writes them): one note, not a warning per gap
    assert [(f.severity, f.stated) for f in found] == [("info", "75% | 76%, 90% | 91%")]


def test_a_real_gap_is_a_warning() -> None:
    found = run([("Sangat Tinggi", 91, 100, True, True), ("Tinggi", 76, 85, True, True),
                 ("Rendah", None, 75, True, True)])
    assert sorted((f.severity, f.stated) for f in found) == [("info", "75% | 76%"),
                                                             ("warning", "(85%, 91%)")]


def test_contiguous_scale_is_fine() -> None:
    assert run([("Sangat Tinggi", 90, None, False, True), ("Tinggi", 75, 90, False, True),
                ("Sedang", 65, 75, False, True), ("Rendah", None, 65, True, True)]) == []


def test_overlap() -> None:
    found = run([("Sangat Tinggi", 90, 100, True, True), ("Tinggi", 75, 90, True, True),
                 ("Rendah", None, 75, True, False)])
    (f,) = found
    assert f.stated == "[90%]" and "tumpang tindih" in f.message
    found = run([("Sangat Tinggi", 85, 100, True, True), ("Tinggi", 75, 90, True, True),
                 ("Rendah", None, 75, True, False)])
    assert [f.stated for f in found] == ["[85%, 90%]"]


def test_bottom_not_from_zero() -> None:
    found = run([("A", 80, 100, True, True), ("B", 60, 80, True, False),
                 ("C", 40, 60, True, False)])
    assert [f.stated for f in found] == ["[0%, 40%)"]


def test_half_read_scale_is_not_judged() -> None:
    assert run([("Sangat Rendah", None, 50, True, False)]) == []


def test_bands_as_word_tables_print_them_are_read() -> None:
    from lkip.model import Row, Table
    from lkip.normalize.views import parse_band, scale_bands
    from lkip.validate.handmade import cell

    assert (parse_band("2 70 s.d. < 85 Baik").lower, parse_band("2 70 s.d. < 85 Baik").upper,
            parse_band("2 70 s.d. < 85 Baik").upper_inclusive) == (70.0, 85.0, False)
    assert parse_band("3 75 < x ≤ 90 Tinggi").lower == 75.0
    # '76 - 90  Tinggi' whose first figure was read as the row's number
    table = Table(id="Tabel 3.1", kind="scale", columns=["no", "uraian", "keterangan"],
                  rows=[Row(cells=[cell("76"), cell("90 Tinggi"), cell("")]),
                        Row(cells=[cell(""), cell("≥ 91 Sangat Tinggi"), cell("")])])
    assert [(b.label, b.lower, b.upper) for b in scale_bands(table)] == [
        ("Tinggi", 76.0, 90.0), ("Sangat Tinggi", 91.0, None)]


@pytest.mark.parametrize(("text", "band"), [
    ("1 91% ≤ X Sangat Tinggi", ("Sangat Tinggi", 91.0, None, True)),
    ("2 76% ≤ X < 91% Tinggi", ("Tinggi", 76.0, 91.0, True)),
    ("3 80 < x ≤ 90 Baik", ("Baik", 80.0, 90.0, False)),
    ("5 X < 51% Sangat Rendah", ("Sangat Rendah", None, 51.0, True)),
])
def test_bands_written_around_x(text: str, band: tuple) -> None:
    from lkip.normalize.views import parse_band

    b = parse_band(text)
    assert b is not None and (b.label, b.lower, b.upper, b.lower_inclusive) == band
