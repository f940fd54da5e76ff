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


# --- signs and parentheses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "kind"),
    [
        ("-33.494.823.711,60", -33494823711.60, "number"),  # Kaltim 2021 Tabel III.7
        ("\u221233.494.823.711,60", -33494823711.60, "number"),  # Unicode minus
        ("\u20135", -5.0, "number"),  # an en dash set as a minus
        ("-2,5%", -2.5, "percent"),
        ("-Rp 1.234.567", -1234567.0, "money"),
        ("Rp -1.234.567,00", -1234567.0, "money"),
        ("(121.362.951.407,00)", -121362951407.0, "number"),  # Kaltim 2021 Neraca: accounting negative
        ("(33.494.823.711,60)", -33494823711.60, "number"),
        ("Rp (1.234.567,00)", -1234567.0, "money"),
        ("(Rp 1.234.567,-)", -1234567.0, "money"),
        ("(1.234)", -1234.0, "number"),  # a thousands group: an amount
        ("(12,5)", 12.5, "number"),  # no thousands group: the value itself
        ("(83)", 83.0, "number"),
        ("(2021)", 2021.0, "number"),
        ("(14,91 %)", 14.91, "percent"),  # a percentage in parentheses is never negative
        ("(12.500%)", 12500.0, "percent"),
        ("1.234.567,-", 1234567.0, "money"),  # a trailing dash closes the amount, it is no sign
        ("Rp 1.234.567,00-", 1234567.0, "money"),
        ("5.000.000,\u2013", 5000000.0, "money"),  # ',–' with an en dash
        ("5.000.000,\u2014", 5000000.0, "money"),  # ',—' with an em dash
    ],
)
def test_signs(raw: str, value: float, kind: str) -> None:
    parsed = parse_number(raw)
    assert parsed.kind == kind, parsed
    assert parsed.number is not None and parsed.number.value == pytest.approx(value)


@pytest.mark.parametrize("raw", ["- 5", "-", "\u2013", "\u2014", "- -", "(-)"])
def test_a_dash_with_a_space_or_alone_is_no_minus(raw: str) -> None:
    parsed = parse_number(raw)
    assert parsed.number is None or parsed.number.value >= 0


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("(121.362.951.407,00)", -121362951407.0, None),
        ("Level 3 (3,35)", 3.35, "Level 3"),  # after a label: the detailed value
        ("Baik (1.234)", 1234.0, "Baik"),  # after a label even with a thousands group
        ("-5 UMKM", -5.0, "UMKM"),
        ("1.234 *", 1234.0, None),  # a footnote mark is no unit
        ("88,92 %*)", 88.92, None),
    ],
)
def test_cell_signs_and_marks(raw: str, value: float, unit: str | None) -> None:
    parsed = parse_cell_text(raw)
    assert parsed.number is not None and parsed.number.value == pytest.approx(value)
    assert parsed.unit == unit


# --- separators, decoration, identifiers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "decimals", "kind"),
    [
        ("100,00%", 100.0, 2, "percent"),
        ("0,5", 0.5, 1, "number"),
        (",5", 0.5, 1, "number"),  # a leading decimal comma
        (".5", 0.5, 1, "number"),
        ("12.5%", 12.5, 1, "percent"),  # a decimal point: one digit cannot be a group
        ("12.500", 12500.0, 0, "number"),  # three digits after a single dot: thousands
        ("1.5", 1.5, 1, "number"),
        ("2.021", 2021.0, 0, "number"),
        ("2021", 2021.0, 0, "number"),
        ("1,234", 1.234, 3, "number"),  # a single comma is the decimal comma, never US thousands
        ("Rp 180,000", 180.0, 3, "money"),  # likewise; three decimals tell the reader to look
        ("180,000,000", 180000000.0, 0, "number"),  # several commas with groups: US thousands
        ("9.590.400.000.000", 9590400000000.0, 0, "number"),
        ("12.136.620.129.155,00", 12136620129155.0, 2, "number"),
        ("1234567890", 1234567890.0, 0, "number"),
        ("Rp\u00a05.083.646.238,-", 5083646238.0, 0, "money"),  # non-breaking space
        ("88,92\u00a0%", 88.92, 2, "percent"),
        ("88,92\u202f%", 88.92, 2, "percent"),  # narrow no-break space
        ("1.234.\u200b567", 1234567.0, 0, "number"),  # zero-width space
        ("12,5*", 12.5, 1, "number"),  # footnote marks
        ("12,5 *)", 12.5, 1, "number"),
        ("88,92%**", 88.92, 2, "percent"),
        ("75\u00b9", 75.0, 0, "number"),  # superscript 1
        ("1.234\u2020", 1234.0, 0, "number"),
    ],
)
def test_edge_cases(raw: str, value: float, decimals: int, kind: str) -> None:
    parsed = parse_number(raw)
    assert parsed.kind == kind, parsed
    assert parsed.number is not None
    assert parsed.number.value == pytest.approx(value)
    assert parsed.number.decimals == decimals


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2.400.,000,000", "pemisah ganda"),  # BPMPD 2016 p17: two separators in a row
        ("Rp 2.400.,000,000,-", "pemisah ganda"),
        ("1.000,000,000", "pemisah desimal"),  # BPMPD 2016 p17: mixed separators
        ("1,000.000.000", "pemisah desimal"),
        ("Rp 196805121990031005", "bentuk angka"),  # too many digits for an amount
    ],
)
def test_more_malformed(raw: str, reason: str) -> None:
    parsed = parse_number(raw)
    assert parsed.kind == "malformed" and parsed.number is None
    assert parsed.reason and reason in parsed.reason


def test_a_long_digit_run_is_an_identifier() -> None:
    assert parse_number("196805121990031005").kind == "text"  # a NIP
    assert parse_number("1234567890123456").kind == "text"  # a NIK


# --- figures in prose -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("BSMSS Bantuan Keuangan untuk 24 Kab/Kota Rp 2.400.,000,000,-\n3. Bantuan",
         "Rp 2.400.,000,000,-"),
        ("Bantuan Keuangan Kab/Kota\n Rp 1.000,000,000\n2. Penunjang", "Rp 1.000,000,000"),
        ("untuk 10 Kab/Kota Rp 2.000,000,000,- masing", "Rp 2.000,000,000,-"),
        ("menjadi sebesar Rp.4.424.1981.783,- atau", "Rp.4.424.1981.783,-"),
    ],
)
def test_prose_malformed_figure_comes_out_whole(text: str, raw: str) -> None:
    (fig,) = find_figures(text)
    assert fig.raw == raw and fig.parsed.kind == "malformed"
    assert text[fig.start:fig.end].strip() == raw


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("berkurang sebesar Rp. 659.447.455 (14,91%).", 659447455.0, "money"),
        ("berkurang sebanyak Rp659.447.455,- atau", 659447455.0, "money"),
        ("sebesar Rp.\n4.424.198.783,00 atau", 4424198783.0, "money"),
        ("anggaran Rp. 118710.980 - dan", 118710980.0, "money"),  # a lost dot, repaired
        ("sebesar Rp.76.583.441.", 76583441.0, "money"),  # the sentence's full stop
        ("(14,91 %) untuk", 14.91, "percent"),
        ("sebesar 97,0%, dengan", 97.0, "percent"),
        ("sebesar 87,70 persen", 87.7, "percent"),
        ("pertumbuhan -2,5% dibanding", -2.5, "percent"),
    ],
)
def test_prose_figures_read(text: str, value: float, kind: str) -> None:
    fig = find_figures(text)[0]
    assert fig.parsed.kind == kind
    assert fig.parsed.number is not None and fig.parsed.number.value == pytest.approx(value)


REFERENCES = ("Berdasarkan Peraturan Pemerintah Nomor 53 Tahun 2014 dan Permendagri No. 90/2019, "
              "pada tanggal 31 Desember 2024 (lihat sub bab 3.1.6 dan Tabel 3.2) untuk tahun "
              "2020-2024 ke-2 kalinya, periode 2019 - 2023 dan 01-12-2024.")


@pytest.mark.parametrize("plain", [False, True])
def test_references_are_not_figures(plain: bool) -> None:
    assert find_figures(REFERENCES, plain=plain) == []
    assert [f.raw for f in find_figures(REFERENCES + " sebesar Rp 1.000.000,-", plain=plain)] == [
        "Rp 1.000.000,-"]


def test_plain_numbers_only_when_asked() -> None:
    text = ("Nilai maturitas SPIP dengan nilai 3,157 (A), capaian sebesar 81,59 dan pegawai "
            "sebanyak 72 orang serta 5.954 desa; anggaran Rp 5.000.000,- (80,4%) di 2024.")
    assert [f.parsed.kind for f in find_figures(text)] == ["money", "percent"]
    figures = find_figures(text, plain=True)
    assert [(f.raw, f.parsed.kind) for f in figures] == [
        ("3,157", "number"), ("81,59", "number"), ("72", "number"), ("5.954", "number"),
        ("Rp 5.000.000,-", "money"), ("80,4%", "percent")]
    assert figures[0].parsed.number is not None and figures[0].parsed.number.value == 3.157
    assert figures[2].parsed.unit == "orang" and figures[3].parsed.unit == "desa"


@pytest.mark.parametrize(
    "text",
    ["jumlah penduduk sebesar 46, 7 juta jiwa",  # cut by OCR: not a figure
     "tahun 2024 sebesar 2024",  # a year even after 'sebesar'
     "kode 001 temuan",  # a code
     "82,19 Desa dalam Perbaikan",  # a stray table amount: units count whole numbers only
     "Anggaran 2023 menjadi 2024"],
)
def test_plain_numbers_not_taken(text: str) -> None:
    assert find_figures(text, plain=True) == []


def test_a_minus_broken_from_its_figure_inside_brackets_stays_with_it() -> None:
    from lkip.normalize.numbers import find_figures

    text = "atau berkurang sebesar Rp140.457.513,- (- 1,00%). Antara 70 - 85% baik."
    values = [f.parsed.number.value for f in find_figures(text) if f.parsed.number]
    assert values == [140457513.0, -1.0, 85.0]
