"""Indonesian number reading: separators, units, OCR slips repaired only where certain."""

import pytest

from lkip.normalize.numbers import find_figures, parse_cell_text, parse_number


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "repaired"),
    [
        ("4.424.198.783,00", 4424198783.0, 2, False),
        ("88,92%", 88.92, 2, False),
        ("Rp. 5.083.646.238,-", 5083646238.0, 0, False),
        ("Rp215.250.297.000,-", 215250297000.0, 0, False),
        ("88.92", 88.92, 2, False),  # a decimal point: two digits cannot be a thousands group
        ("77.5%", 77.5, 1, False),
        ("1.234", 1234.0, 0, False),
        ("23,665,554,229.00", 23665554229.0, 2, False),  # US format in one real PK
        ("106. 985.800", 106985800.0, 0, True),  # OCR split a group
        ("29.947 800", 29947800.0, 0, True),  # a space where the dot was
        ("139502.530", 139502530.0, 0, True),  # a lost thousands dot
        ("3.181.058332", 3181058332.0, 0, True),
        ("54.436.500 ,00", 54436500.0, 2, True),
        ("1O0", 100.0, 0, True),
        ("5.083.646.238.-", 5083646238.0, 0, False),
    ],
)
def test_parse_number(raw: str, value: float, decimals: int, repaired: bool) -> None:
    parsed = parse_number(raw)
    assert parsed.number is not None, parsed
    assert parsed.number.value == pytest.approx(value)
    assert parsed.number.decimals == decimals
    assert parsed.number.repaired is repaired


@pytest.mark.parametrize("raw", ["4.424.1981.783", "Rp.4.424.1981.783,-", "12.34.567"])
def test_impossible_grouping_is_malformed_not_guessed(raw: str) -> None:
    parsed = parse_number(raw)
    assert parsed.kind == "malformed"
    assert parsed.number is None
    assert parsed.reason


@pytest.mark.parametrize(("raw", "kind"), [("-", "dash"), ("NIHIL", "nil"), ("", "empty"),
                                           ("1zin", "text"), ("Baik", "text")])
def test_non_numbers(raw: str, kind: str) -> None:
    assert parse_number(raw).kind == kind


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [("5 UMKM", 5.0, "UMKM"), ("Level 3 (3,35)", 3.35, "Level 3"), ("A (83)", 83.0, "A"),
     ("(12,5)", 12.5, None), ("Rp 1.234.567,-", 1234567.0, None), ("30 Orang/ bulan", 30.0,
                                                                     "Orang/ bulan")],
)
def test_cell_with_words(raw: str, value: float, unit: str | None) -> None:
    parsed = parse_cell_text(raw)
    assert parsed.number is not None and parsed.number.value == pytest.approx(value)
    assert parsed.unit == unit


def test_prose_figures_keep_money_and_percent_only() -> None:
    text = ("Pada tahun 2024 anggaran Rp.5.083.646.238,- menjadi Rp.4.424.1981.783,- atau "
            "berkurang sebanyak Rp.659.447.455,- (14,91 %) untuk 5 sasaran.")
    figures = find_figures(text)
    assert [f.parsed.kind for f in figures] == ["money", "malformed", "money", "percent"]
    assert figures[3].parsed.number.value == pytest.approx(14.91)
