"""Tables whose narrow columns wrap every cell, as Word/LibreOffice set them: words broken over
lines in the header, side-by-side text cells (sasaran | indikator | satuan) wrapping over the
row's lines, a kategori wrapped under its first word, and cells only a word space apart."""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from lkip.extract.layout import lay_out
from lkip.extract.text import extract_text
from lkip.model import Document, Source
from lkip.normalize.views import build_views
from lkip.validate.names import same_indicator


def read(text: str) -> Document:
    doc = Document(source=Source(path="t.txt", sha256="0", kind="text"))
    extract_text(text, doc)
    build_views(doc)
    return doc


# laid out as lkip lays out a PDF page: each cell's lines start at the cell's left edge
NARROW = """LAPORAN KINERJA DINAS SOSIAL KOTA CONTOH TAHUN 2024

                                 Tabel 3.2
            Capaian Kinerja Dinas Sosial Tahun 2024

        Sasaran      Indikator                       Realisas   Capaia   Predika
  No                                 Satuan   Target
        Strategis    Kinerja                            i         n         t
  1     Meningkatny  Persentase      %        100,00%   95,00%   95,00%    Sangat
        a            anak                                                Baik
        kesejahteraa  terlantar
        n sosial     yang
        masyarakat   mendapat
                     layanan
                     Jumlah          Keluarg   25.608   25.608   100,00%   Sangat
                     keluarga        a                                     Baik
                     miskin yang
                     diberdayaka
                     n
  2     Meningkatny  Nilai           Nilai     67,10    61,30    91,36%    Sangat
        a kualitas   Akuntabilita                                          Baik
        tata kelola  s Kinerja
        perangkat    Perangkat
        daerah       Daerah

Sumber: Data diolah
"""


def test_a_header_word_broken_over_two_lines_still_names_its_column() -> None:
    table = next(t for t in read(NARROW).tables if t.id == "Tabel 3.2")
    assert table.kind == "capaian"
    assert table.columns[2:] == ["target", "realisasi", "capaian", "kategori"]


def test_side_by_side_cells_are_read_column_by_column_not_line_by_line() -> None:
    doc = read(NARROW)
    names = [ind.indikator for ind in doc.indicators if ind.table == "Tabel 3.2"]
    assert names[0] == ("Meningkatnya kesejahteraan sosial masyarakat Persentase anak terlantar "
                        "yang mendapat layanan %")
    assert names[1] == "Jumlah keluarga miskin yang diberdayakan Keluarga"
    assert "Akuntabilitas Kinerja Perangkat Daerah" in names[2]


def test_a_kategori_wrapped_under_its_first_word_is_whole() -> None:
    doc = read(NARROW)
    assert [ind.kategori for ind in doc.indicators if ind.table == "Tabel 3.2"] == ["Sangat Baik"] * 3


def test_an_indicator_that_matches_itself_is_still_checked() -> None:
    doc = read(NARROW)
    ind = next(i for i in doc.indicators if i.table == "Tabel 3.2" and i.indikator.startswith("Nilai")
               or "Nilai" in i.indikator)
    assert (ind.target, ind.realisasi, ind.capaian) == (67.1, 61.3, 91.36)


def _word(text: str, x0: float, top: float = 100.0, size: float = 9.0) -> dict:
    width = 0.5 * size * len(text)
    chars = [{"text": c, "x0": x0 + k * width / len(text), "x1": x0 + (k + 1) * width / len(text),
              "top": top, "bottom": top + size} for k, c in enumerate(text)]
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "chars": chars}


def test_two_cells_close_together_are_two_columns_in_the_laid_out_line() -> None:
    # a table line: every gap is a column gap, the narrowest (two text cells) under two spaces'
    # width; it must not read as one phrase because the line has nothing narrower
    words = [_word("Meningkatny", 146.0), _word("Indeks", 205.5), _word("Nilai", 280.0),
             _word("A", 330.0), _word("A", 375.0), _word("105,99%", 430.0)]
    text = lay_out(words, [c for w in words for c in w["chars"]]).lines[0]
    assert "Meningkatny  " in text and "Meningkatny Indeks" not in text


def test_justified_prose_keeps_its_words_together() -> None:
    x, words = 60.0, []
    for w in ("Capaian", "kinerja", "sasaran", "ini", "pada", "tahun", "berjalan", "telah", "melampaui"):
        words.append(_word(w, x))
        x = words[-1]["x1"] + 7.0  # every space stretched alike
    text = lay_out(words, [c for w in words for c in w["chars"]]).lines[0]
    assert "Capaian kinerja sasaran ini pada tahun berjalan telah melampaui" in text


def test_a_vertical_rule_between_two_words_makes_two_columns() -> None:
    words = [_word("Sasaran", 100.0), _word("Indikator", 134.0)]
    text = lay_out(words, [c for w in words for c in w["chars"]], uprights=[(133.0, 90.0, 120.0)]).lines[0]
    assert "Sasaran  " in text
    plain = lay_out(words, [c for w in words for c in w["chars"]]).lines[0]
    assert "Sasaran Indikator" in plain


def test_names_measuring_different_things_are_not_one_indicator() -> None:
    merged = "Meningkatnya akuntabilitas kinerja perangkat daerah Indeks Kepuasan Masyarakat Nilai"
    assert not same_indicator(merged, "Nilai Akuntabilitas Kinerja Perangkat Daerah")
    assert same_indicator(merged, "Meningkatnya akuntabilitas kinerja perangkat daerah "
                                  "Indeks Kepuasan Masyarakat")
    assert same_indicator("Persentase anak terlantar yang mendapat layanan",
                          "Meningkatnya kesejahteraan sosial Persentase anak terlantar yang mendapat layanan")


def test_a_word_table_with_ruled_header_and_narrow_cells_is_checked(tmp_path: Path) -> None:
    """A PDF set like LibreOffice's narrow tables: ruled header, rules between rows only, words
    broken at the cell edge. Its planted capaian (105,99 where 94,26 / 93,34 = 100,99) is found."""
    from lkip.pipeline import check

    pdf = tmp_path / "narrow.pdf"
    c = Canvas(str(pdf), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 800, "LAPORAN KINERJA DINAS SOSIAL KOTA CONTOH TAHUN 2024")
    c.drawString(250, 760, "Tabel 3.2")
    c.drawString(150, 746, "Capaian Kinerja Dinas Sosial Tahun 2024")
    xs = [60, 85, 150, 215, 260, 310, 360, 410, 460]
    c.setFont("Helvetica", 8)
    head = [["No"], ["Sasaran", "Strategis"], ["Indikator", "Kinerja"], ["Satuan"], ["Target"],
            ["Realisas", "i"], ["Capaia", "n"], ["Predika", "t"]]
    top = 730
    for x0, lines in zip(xs, head, strict=False):
        for k, t in enumerate(lines):
            c.drawString(x0 + 3, top - 10 - 9 * k, t)
    for x in xs:
        c.line(x, top, x, top - 24)
    c.line(xs[0], top, xs[-1], top)
    c.line(xs[0], top - 24, xs[-1], top - 24)
    rows = [
        (["1"], ["Meningkatny", "a kinerja", "layanan"], ["Indeks", "Kepuasan", "Masyarakat"], ["Nilai"],
         ["93,34"], ["94,26"], ["105,99%"], ["Sangat", "Baik"]),
        (["2"], ["Meningkatny", "a kualitas", "tata kelola"], ["Persentase", "aduan", "selesai"], ["%"],
         ["80,00"], ["72,00"], ["90,00%"], ["Sangat", "Baik"]),
    ]
    y = top - 24
    for row in rows:
        for x0, cell in zip(xs, row, strict=False):
            for k, t in enumerate(cell):
                c.drawString(x0 + 3, y - 10 - 9 * k, t)
        y -= 32
        c.line(xs[0], y, xs[-1], y)
    c.setFont("Helvetica", 10)
    c.drawString(60, y - 20, "Sumber: Data diolah")
    c.save()
    doc = check(pdf)
    inds = [i for i in doc.indicators if i.table == "Tabel 3.2"]
    assert [i.kategori for i in inds] == ["Sangat Baik", "Sangat Baik"]
    assert inds[0].indikator.startswith("Meningkatnya kinerja layanan Indeks Kepuasan Masyarakat")
    capaian = [f for f in doc.findings if f.rule == "capaian" and f.severity == "error"]
    assert [(f.stated, f.expected) for f in capaian] == [(105.99, 100.99)]


def test_a_scanned_rp_wrapped_over_its_amount_is_rejoined() -> None:
    """OCR boxes are as tall as the ink: 'Rp.' (with its capital) is taller than the digits under
    it, so the lines' pitch looks wide; the white between them says they are one cell."""
    rp = {**_word("Rp.", 376.3, top=200.0, size=11.8), "x1": 389.8}
    pct = _word("90,24", 480.0, top=200.0, size=11.8)
    amount = {**_word("1.392.851.788", 331.2, top=213.2, size=7.7), "x1": 390.0}
    words = [rp, pct, amount]
    lines = lay_out(words, [c for w in words for c in w["chars"]]).lines
    assert [ln.split() for ln in lines if ln.strip()] == [["1.392.851.788", "90,24"]]


TARGETS = """LAPORAN KINERJA DINAS PENDIDIKAN KABUPATEN CONTOH TAHUN 2023

Tabel 2.1
Target Kinerja Rencana Strategis 2021-2025
No   Indikator Kinerja                 Satuan    2021      2022      2023      2024      2025
1    Angka putus sekolah SD            %         21,38     20,36     19,33     18,30     17,27
2    Rata-rata Lama Sekolah            Tahun     5,13      5,42      5,78      5,99      6,27
3    Indeks Kepuasan Masyarakat        Nilai     91,73     91,99     92,25     92,51     92,76

Sumber: Renstra
"""


def test_a_numbered_indicator_named_rata_rata_is_a_row_not_the_average() -> None:
    doc = read(TARGETS)
    table = next(t for t in doc.tables if t.id == "Tabel 2.1")
    assert [r.role for r in table.rows] == ["data", "data", "data"]
    assert any(i.indikator.startswith("Rata-rata Lama Sekolah") and i.year == 2023 and i.target == 5.78
               for i in doc.indicators)


PER_KH = """LAPORAN KINERJA DINAS KESEHATAN KABUPATEN CONTOH TAHUN 2025

                                 Tabel 3.1.2
                     Capaian Kinerja Tahun 2025

  No   Sasaran        Indikator          Satuan    Target    Realisasi    Capaian     Kategori
  1    Meningkatnya   Angka              per          96        101       94,79 %     Sangat
       derajat        Kematian Ibu       100.000                                      Baik
       kesehatan      (AKI)              KH
                      Angka              per         8,1        8,1      100,00 %     Sangat
                      Kematian Bayi      1.000                                        Baik
                      (AKB)              KH

Sumber: Data diolah
"""


def test_a_wrapped_per_100000_satuan_is_text_not_a_row() -> None:
    doc = read(PER_KH)
    table = next(t for t in doc.tables if t.id == "Tabel 3.1.2")
    assert len([r for r in table.rows if r.role == "data"]) == 2
    inds = [i for i in doc.indicators if i.table == "Tabel 3.1.2"]
    assert [(i.target, i.realisasi, i.capaian, i.kategori) for i in inds] == [
        (96.0, 101.0, 94.79, "Sangat Baik"), (8.1, 8.1, 100.0, "Sangat Baik")]
    assert "per 100.000" in inds[0].indikator and "per 1.000" in inds[1].indikator
