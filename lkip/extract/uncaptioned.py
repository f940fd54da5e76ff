"""Tables without a caption: a header line of column words followed by rows of numbers."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lkip.extract.line_parts import split_line
from lkip.extract.lines import Line, Token, is_year, numeric_tokens
from lkip.extract.regions import (
    SOURCE,
    Region,
    is_column_numbers,
    is_noise,
    is_prose,
    match_caption,
    repeated_lines,
    typical_width,
)

# Column words of a header. A strong word names a column of figures or a column every table of
# figures has ('No'); a weak word also starts row labels ('Program ...', 'Sasaran 1').
_STRONG = {
    "no": r"^\W{0,2}(no|nomor|nmr)\b",
    "uraian": r"\buraian\b",
    "indikator": r"\bindikator\b",
    "target": r"\btarget\b",
    "realisasi": r"\breal[il1]?[\s-]*sasi\b",
    "capaian": r"\b(capaian|pencapaian)\b",
    "anggaran": r"\b(anggaran|pagu|dpa|alokasi)\b",
    "sisa": r"\b(sisa|selisih|efisiensi)\b",
    "persen": r"(^|\s)\(?%\)?(?=\s|$)",
    "rupiah": r"\(\s*rp\.?\s*\)|(^|\s)rp\.?(?=\s|$)(?!\s*\d)",
    "satuan": r"\bsatuan\b",
    "kategori": r"\b(kategori|kriteria|predikat|peringkat)\b",
    "keterangan": r"\b(keterangan|ket)\b",
    "skala": r"\b(skala|interval|rentang)\b",
    "proyeksi": r"\bproyeksi\b",
    "bobot": r"\bbobot\b",
    "kode": r"\b(kode|rekening)\b",
    "perubahan": r"\b(sebelum|sesudah|setelah)\b",
}
_WEAK = {
    "program": r"\bprogram\b",
    "kegiatan": r"\bkegiatan\b",
    "sasaran": r"\bsasaran\b",
    "tujuan": r"\btujuan\b",
    "strategis": r"\bstrategis\b",
    "kinerja": r"\bkinerja\b",
    "tahun": r"\btahun\b",
    "nilai": r"\bnilai\b",
    "jumlah": r"\bjumlah\b",
    "komponen": r"\bkomponen\b",
    "triwulan": r"\b(triwulan|tw|semester)\b",
    "sumber": r"\bsumber\b(?!\s*(data)?\s*[:;])",  # 'Sumber Dana', not 'Sumber: ...'
}
_CONNECTORS = {"dan", "s.d", "s.d.", "s/d", "sd", "yang", "per", "atau", "di", "ke", "dari", "dengan",
               "terhadap", "pada", "dalam", "untuk", "th", "ta", "t.a", "t.a."}
_HEADER_EXTRA = {"nama", "renstra", "awal", "akhir", "kondisi", "sub", "output", "outcome", "pelaksana",
                 "lokasi", "volume", "penanggung", "jawab", "data", "dana", "rencana", "unit", "kerja",
                 "rp", "standar", "nasional", "sd", "ta", "thn", "th", "per"}
_RATING = re.compile(r"\b(sangat|baik|cukup|kurang|buruk|tinggi|rendah|sedang|memuaskan)\b", re.IGNORECASE)
_COMPARE = re.compile(r"[<>≤≥]|=<|>=|\d\s*[-–]\s*\d|\bs\.?d\.?\b|\bsampai\b")
_HEADING = re.compile(r"^\s*(BAB\b|(\d+\.){1,3}\d*\s+[A-Z]|[A-H]\.\s+[A-Z]|[IVX]{1,4}\.\s+[A-Z])")
_LEADER = re.compile(r"\.{4,}|…{2,}|(\.\s){4,}")
_SIGNATURE = re.compile(
    r"^\s*(NIP\b|NIP\.|Pihak\s+Ke|[A-Z][a-z]+,\s+(\d{1,2}\s+)?[A-Z][A-Za-z]+\s+20\d\d\s*$)")
_LEAD_IN = re.compile(r"(\b(berikut|yaitu|antara lain|adalah|sebagai)\b\W*|\S+\s+\S+\s+\S+:\s*)$",
                      re.IGNORECASE)
_PROSE_WORDS = {"sebesar", "mencapai", "yaitu", "adalah", "senilai", "sejumlah", "sehingga", "bahwa",
                "tersebut", "dengan", "telah", "akan", "karena", "namun", "merupakan", "terdapat",
                "sedangkan", "daripada", "berarti", "ini", "dapat", "oleh", "juga", "masih", "belum",
                "sudah", "menjadi", "tercapai", "diketahui", "disebabkan"}
_RUPIAH = re.compile(r"\br[pe][\.,:]?\s*\d{1,3}([\.,]\d{3})+", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\b(tabel|rekapitulasi|rincian|perbandingan|daftar|data|perjanjian|belanja|"
                          r"pendapatan|rencana|laporan|evaluasi|penilaian|keuangan|pegawai|apbd)\b")
# 'Program Penunjang sebesar Rp. 48.787.589.272,-': a figure in a sentence or a list, not a row
_PROSE_FIGURE = re.compile(r"\b(sebesar|senilai|sejumlah|yaitu|adalah|menjadi|mencapai|sedangkan)\b",
                           re.IGNORECASE)
_FORMULA = re.compile(r"[A-Za-z\)]\s*=\s*[A-Za-z\(].*([x×]\s*100|/)", re.IGNORECASE)
_NIL = re.compile(r"(?<=\s\s)[-–—](?=\s\s|\s*$)")  # a cell holding only a dash
_TOTAL = re.compile(r"^\W*(jumlah|total|grand\s*total)\b", re.IGNORECASE)
_GAP = re.compile(r"\S\s{3,}\S")

MAX_HEADER_LINES = 8  # non-blank lines of one header block
MAX_LEAD = 6  # non-blank lines between a header and its first row of figures
MAX_DRY = 10  # non-blank lines without figures before a table is taken to have ended
MAX_TRAILING = 8  # wrapped label lines kept after a table's last figures


@dataclass
class _Doc:
    """The lines of a document that can hold a table, and what is known about them."""

    content: list[Line]  # lines without running headers/footers (blank lines kept)
    width: float
    taken: set[int]  # input line numbers inside captioned tables
    data: dict[int, str | None] = field(default_factory=dict)  # index -> 'strong' | 'weak' | None

    def data_kind(self, k: int) -> str | None:
        if k not in self.data:
            self.data[k] = _data_kind(self.content[k])
        return self.data[k]


@dataclass
class _Header:
    start: int  # index into _Doc.content
    end: int  # index of the last header line
    strong: set[str]
    keys: list[str]  # the header lines, letters only, for recognizing it repeated on the next page


def find_uncaptioned(lines: list[Line], captioned: list[Region]) -> list[Region]:
    """Regions of tables that have no 'Tabel ...' caption, outside the captioned ones.

    A table is a header (one or a few adjacent lines of column words) followed closely by rows
    that carry figures; it ends at prose, a heading, a caption, a 'Sumber' line, another header
    or a long stretch without figures, and runs over page breaks. Ids are 'T<page>.<n>'.
    """
    taken: set[int] = set()
    for region in captioned:
        body = [ln.no for ln in region.lines if ln.stripped]
        if body:
            taken.update(range(region.first_line, max(body) + 1))
        if region.caption_line is not None:
            taken.add(region.caption_line.no)
        taken.update(ln.no for ln in region.notes)
    noise = repeated_lines(lines)
    edges = _edge_keys(lines)
    content = [ln for ln in lines if not is_noise(ln, noise) and _edge_key(ln.stripped) not in edges]
    doc = _Doc(content, typical_width(lines), taken)
    regions: list[Region] = []
    i = 0
    while i < len(content):
        found = _table_at(doc, i)
        if found is None:
            i += 1
            continue
        region, end = found
        regions.append(region)
        i = end + 1
    seen: Counter[int | None] = Counter()
    for region in regions:
        page = region.body[0].page
        seen[page] += 1
        region.number = f"T{page if page is not None else '?'}.{seen[page]}"
    return regions


# --- one table -----------------------------------------------------------------------------------


def _table_at(doc: _Doc, i: int) -> tuple[Region, int] | None:
    """The table whose header starts at content[i], and the index of its last line."""
    header = _header_at(doc, i)
    if header is None:
        return None
    first = _first_row(doc, header)
    if first is None:
        return None
    last, notes = _scan_body(doc, header, first)
    if not _enough_rows(doc, first, last) or _caption_below(doc, last):
        return None
    body = doc.content[header.start: last + 1]
    title = _title(doc, header.start) or _title_in_header(doc, header)
    region = Region(caption_line=None, caption_raw=None, number=None, title=title, header=[], body=body,
                    notes=notes)
    return region, last


def _caption_below(doc: _Doc, last: int) -> bool:
    """A caption printed under the table ('Tabel 2.3 ...' then the text about it): the table is
    that caption's, not an uncaptioned one."""
    following = [k for k in range(last + 1, min(last + 4, len(doc.content))) if doc.content[k].stripped]
    if not following or match_caption(doc.content[following[0]], doc.width) is None:
        return False
    after = [k for k in range(following[0] + 1, min(following[0] + 5, len(doc.content)))
             if doc.content[k].stripped]
    return not after or not (_header_at(doc, after[0]) or doc.data_kind(after[0]))


def _scale_rows(doc: _Doc, first: int, last: int) -> int:
    return sum(1 for k in range(first, last + 1) if _is_scale_line(doc.content[k].stripped))


def _enough_rows(doc: _Doc, first: int, last: int) -> bool:
    """Two rows of figures, or one row with several, or two bands of a rating scale."""
    strong = [k for k in range(first, last + 1) if doc.data_kind(k) == "strong"]
    if len(strong) >= 2 or _scale_rows(doc, first, last) >= 2:
        return True
    return len(strong) == 1 and len(split_line(doc.content[strong[0]], True).tokens) >= 2


def _first_row(doc: _Doc, header: _Header) -> int | None:
    """The first line with figures after the header: close by, with only row labels between."""
    seen = 0
    k = header.end + 1
    while k < len(doc.content) and seen <= MAX_LEAD:
        ln = doc.content[k]
        if not ln.stripped:
            k += 1
            continue
        if _hard_stop(doc, ln) or SOURCE.match(ln.stripped):
            return None
        if doc.data_kind(k) == "strong" or _is_scale_line(ln.stripped):
            return k
        if is_prose(ln, doc.width) or _sentence(ln.stripped) or _header_at(doc, k) is not None:
            return None  # a nearer header will be tried on its own
        seen += 1
        k += 1
    return None


def _scan_body(doc: _Doc, header: _Header, first: int) -> tuple[int, list[Line]]:
    """Index of the table's last line, and its 'Sumber' note."""
    content = doc.content
    last_data = first
    dry = 0
    prose_run = 0
    k = first + 1
    notes: list[Line] = []
    markers: list[int] = []  # row numbers seen, ascending
    rows = 1  # lines with a row's figures
    for j in range(header.end + 1, first + 1):
        marker = _marker(content[j].stripped)
        if marker is not None:
            markers.append(marker)
    while k < len(content):
        ln = content[k]
        s = ln.stripped
        if not s:
            k += 1
            continue
        if _hard_stop(doc, ln):
            break
        if SOURCE.match(s):
            notes.append(ln)
            break
        heading = bool(_HEADING.match(s)) and len(s) < 70 and not _row_follows(doc, k, markers, rows)
        marker = _marker(s)
        if marker is not None and not heading and (not markers or marker > markers[-1]):
            markers.append(marker)
        kind = doc.data_kind(k)
        if kind is not None or _is_scale_line(s):
            rows += kind == "strong"
            last_data = k
            dry = prose_run = 0
            k += 1
            continue
        if is_prose(ln, doc.width) or _sentence(s):
            prose_run += 1
            if prose_run >= 2 or s.endswith((".", ":", ";")):
                break
        else:
            prose_run = 0
        if _LEAD_IN.search(s) and not _GAP.search(s):
            break
        if heading:
            break
        other = _header_at(doc, k)
        # a header of other columns ('PROGRAM  ANGGARAN' under 'Sasaran | Indikator | Target')
        # starts another table, even with one strong word, when it names none of these columns
        other_kind = (other is not None and bool(other.strong) and not (other.strong & header.strong)
                      and ln.page == content[last_data].page and bool(_GAP.search(s)))
        if other is not None and (len(other.strong) >= 2 or other_kind) and _dense(doc, other) and (
                _set_apart(doc, k, last_data) or other_kind) and _first_row(doc, other) is not None:
            if _repeated_on_new_page(doc, header, other, last_data):
                k = other.end + 1
                continue
            break
        dry += 1
        if dry > MAX_DRY:
            break
        k += 1
    last = _trailing(doc, last_data, k)
    while k < len(content) and not notes and k - last <= 3:
        # a 'Sumber' line just below the table, past blank lines
        if content[k].stripped and not SOURCE.match(content[k].stripped):
            break
        if content[k].stripped:
            notes.append(content[k])
            break
        k += 1
    return last, notes


def _trailing(doc: _Doc, last_data: int, stop: int) -> int:
    """The last line of the table: its last row of figures and the label lines wrapped below it."""
    content = doc.content
    if _TOTAL.match(split_line(content[last_data], True).label or ""):
        return last_data
    last = last_data
    for k in range(last_data + 1, min(stop, last_data + 1 + MAX_TRAILING)):
        ln = content[k]
        if not ln.stripped or _SIGNATURE.match(ln.stripped):
            break
        if is_prose(ln, doc.width) or _sentence(ln.stripped) or _header_at(doc, k) is not None:
            break
        if _LEAD_IN.search(ln.stripped) and not _GAP.search(ln.stripped):
            break
        last = k
    return last


def _marker(s: str) -> int | None:
    m = re.match(r"^\W{0,2}(\d{1,2})\.?\s", s)
    return int(m.group(1)) if m else None


def _row_follows(doc: _Doc, k: int, markers: list[int], rows: int) -> bool:
    """A numbered line inside a table is a row, not a heading, when its figures come next or its
    number goes on from the rows above (OCR text puts a row's figures some lines below, and may
    have lost the numbers of the first rows)."""
    if doc.data_kind(k) is not None:
        return True
    marker = _marker(doc.content[k].stripped)
    last = markers[-1] if markers else 0
    if marker is not None and last < marker <= (last + 2 if markers else rows + 2):
        return True
    seen = 0
    for j in range(k + 1, len(doc.content)):
        if not doc.content[j].stripped:
            continue
        if doc.data_kind(j) == "strong":
            return True
        seen += 1
        if seen >= 2:
            return False
    return False


def _repeated_on_new_page(doc: _Doc, header: _Header, other: _Header, last_data: int) -> bool:
    """The header printed again at the top of the next page: the table goes on."""
    content = doc.content
    page = content[other.start].page
    if page is None or page == content[last_data].page:
        return False
    before = [k for k in range(last_data + 1, other.start) if content[k].stripped and content[k].page == page]
    if not all(_header_like(doc, k) for k in before):  # the page's first lines: the header again
        return False
    keys = {k for k in header.keys if k}
    again = {k for k in other.keys if k}
    return bool(keys & again) and len(keys & again) >= min(len(again), len(keys)) / 2


def _hard_stop(doc: _Doc, ln: Line) -> bool:
    s = ln.stripped
    return (ln.no in doc.taken or match_caption(ln, doc.width) is not None or bool(_LEADER.search(s))
            or bool(_SIGNATURE.match(s)) or bool(re.match(r"^\s*BAB\b", s)))


# --- headers -------------------------------------------------------------------------------------


def column_words(text: str) -> tuple[set[str], set[str]]:
    """The strong and the weak column words of a header line."""
    low = text.lower()
    strong = {name for name, pat in _STRONG.items() if re.search(pat, low)}
    weak = {name for name, pat in _WEAK.items() if re.search(pat, low)}
    return strong, weak


def _header_like(doc: _Doc, k: int) -> bool:
    """A line that can be part of a header: no figures, capitalized words, not a sentence."""
    ln = doc.content[k]
    s = ln.stripped
    if not s or ln.no in doc.taken or _hard_stop(doc, ln) or SOURCE.match(s):
        return False
    if is_column_numbers(ln):
        return True
    if [t for t in numeric_tokens(s) if not is_year(t)] or _RUPIAH.search(s):
        return False
    if re.match(r"^\(?([a-z]|\d{1,2})[\.\)]\s", s):  # 'b. Program ...', '2) ...': an item of a list
        return False
    if len(_NIL.findall(ln.text)) >= 2:  # a row whose cells are '-'
        return False
    if is_prose(ln, doc.width) or _sentence(s) or s.endswith(":"):
        return False
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z\.]*", s) if w.lower().rstrip(".") not in _CONNECTORS]
    if not words:
        return bool(re.fullmatch(r"[\s\(\)%\-/\.,\d]+", s))  # '(%)', '2021  2022'
    if not _GAP.search(s) and (len(words) > 12 or (len(words) >= 7 and len(s) >= 0.75 * doc.width)):
        return False  # a line of running text
    if _GAP.search(s):  # laid out: each cell starts with a capital ('Kondisi pada akhir periode')
        cells = [[w for w in re.findall(r"[A-Za-z][A-Za-z\.]*", c)
                  if w.lower().rstrip(".") not in _CONNECTORS] for c in re.split(r"\s{3,}", s)]
        words = [c[0] for c in cells if c and len("".join(c)) > 2]
    capital = sum(1 for w in words if w[0].isupper())
    return bool(words) and capital / len(words) >= 0.6


def _header_at(doc: _Doc, i: int) -> _Header | None:
    """A header block starting at content[i]: up to a few adjacent header lines with at least two
    column words between them, one of them a strong one."""
    content = doc.content
    if not _header_like(doc, i):
        return None
    strong, weak = column_words(content[i].stripped)
    if not strong and not weak:
        return None
    run = [i]
    blanks = 0
    k = i + 1
    while k < len(content) and len(run) < MAX_HEADER_LINES:
        if not content[k].stripped:
            blanks += 1
            if blanks > 2:
                break
        elif _header_like(doc, k):
            run.append(k)
            blanks = 0
        else:
            break
        k += 1
    # a line without column words belongs to the header only when one with them comes after it
    while len(run) > 1 and not _names_columns(content[run[-1]]):
        run.pop()
    run = _without_title(content, run)
    strong, weak = column_words(content[run[0]].stripped)
    for k in run[1:]:
        more_strong, more_weak = column_words(content[k].stripped)
        strong |= more_strong
        weak |= more_weak
    if not strong or len(strong | weak) < 2:
        return None
    keys = [re.sub(r"[^a-z]", "", content[k].stripped.lower()) for k in run]
    return _Header(run[0], run[-1], strong, keys)


def _without_title(content: list[Line], run: list[int]) -> list[int]:
    """In laid-out text, the phrases above the first line with column gaps are the table's title
    when a blank line sets them apart or they name no column of figures."""
    gapped = [n for n, k in enumerate(run) if _GAP.search(content[k].stripped)]
    if not gapped or gapped[0] == 0:
        return run
    cuts = [n for n in range(1, gapped[0] + 1) if run[n] - run[n - 1] > 1]
    if cuts:
        return run[cuts[-1]:]
    lead = [content[k].stripped for k in run[: gapped[0]]]
    if not any(column_words(t)[0] for t in lead) and all(len(t.split()) >= 2 for t in lead):
        return run[gapped[0]:]  # a lone word ('SUMBER' over 'DANA') is a piece of the header
    return run


def _set_apart(doc: _Doc, k: int, last_data: int) -> bool:
    """A new header inside a table's run is set apart from the rows above: by a blank line, a
    page break or a total row; row labels that name columns run on from the row above."""
    above = doc.content[k - 1]
    return (not above.stripped or above.page != doc.content[k].page
            or bool(_TOTAL.match(split_line(doc.content[last_data], True).label or "")))


def _dense(doc: _Doc, header: _Header) -> bool:
    """Mostly column words: a header, not row labels that name things ('Laporan Capaian Kinerja')."""
    words = [w for k in range(header.start, header.end + 1)
             for w in re.findall(r"[A-Za-z]+", doc.content[k].stripped) if w.lower() not in _CONNECTORS]
    weight = 0.0
    for w in words:
        strong, weak = column_words(w)
        weight += 1.0 if strong else 0.5 if weak or w.lower() in _HEADER_EXTRA else 0.0
    return weight >= 0.5 * len(words)


def _names_columns(ln: Line) -> bool:
    """Column words, column numbers, or only years, units and signs ('(Rp)', '2021  2022', '%')."""
    s = ln.stripped
    strong, weak = column_words(s)
    plain = not re.search(r"[A-Za-z]{2}", re.sub(r"\brp\b", "", s, flags=re.IGNORECASE))
    return bool(strong or weak or plain or is_column_numbers(ln))


def _title(doc: _Doc, start: int) -> str | None:
    """One or two short capitalized lines just above the header, when they plainly name the table."""
    parts: list[str] = []
    blanks = 0
    k = start - 1
    while k >= 0 and len(parts) < 2:
        ln = doc.content[k]
        s = ln.stripped
        if not s:
            blanks += 1
            if blanks > 2 or (parts and blanks > 1):
                break
            k -= 1
            continue
        blanks = 0
        if ln.no in doc.taken or _hard_stop(doc, ln) or SOURCE.match(s) or doc.data_kind(k):
            break
        if is_prose(ln, doc.width) or _sentence(s) or s.endswith((":", ".", ",")) or len(s.split()) > 14:
            break
        if _GAP.search(s):  # a piece of the header, not a title
            break
        letters = [c for c in s if c.isalpha()]
        words = [w for w in s.split() if w[:1].isalpha() and w.lower() not in _CONNECTORS]
        if not letters or not words or sum(w[0].isupper() for w in words) / len(words) < 0.8:
            break
        parts.insert(0, s)
        k -= 1
    title = " ".join(parts)
    low = title.lower()
    if not any(re.search(pat, low) for pat in list(_STRONG.values())[1:] + list(_WEAK.values())) and not (
            _TITLE_WORDS.search(low)):
        return None  # a name or an address above the table, not its title
    return title


def _title_in_header(doc: _Doc, header: _Header) -> str | None:
    """'Skala Penilaian' over 'Skala Nilai    Kategori Penilaian': a phrase above the columns."""
    first = doc.content[header.start].stripped
    rest = [doc.content[k].stripped for k in range(header.start + 1, header.end + 1)]
    if len(first.split()) >= 2 and not _GAP.search(first) and any(_GAP.search(r) for r in rest):
        return first
    return None


# --- lines ---------------------------------------------------------------------------------------


def _data_kind(ln: Line) -> str | None:
    """'strong' for a line that carries a row's figures (amounts, percentages, several numbers,
    a count with its unit), 'weak' for a lone number set apart in a laid-out column, else None."""
    s = ln.stripped
    if not s or _FORMULA.search(s) or _LEADER.search(s) or _SIGNATURE.match(s) or is_column_numbers(ln):
        return None
    if _sentence(s) or _PROSE_FIGURE.search(s):
        return None
    if _RUPIAH.search(s):
        return "strong"  # 'Rp. 207.946.641,-'
    info = split_line(ln, True)
    toks = [t for t in info.tokens if not _identifier(t)]
    if not toks:
        return "weak" if len(_NIL.findall(ln.text)) >= 2 else None
    if any(t.is_money or t.is_percent or t.unit for t in toks) or len(toks) >= 2:
        return "strong"
    if _is_scale_line(s):
        return "strong"
    before = ln.text[: toks[0].start]
    return "weak" if re.search(r"\S\s{3,}$", before) else None


def _identifier(tok: Token) -> bool:
    """'19790302' (a NIP), a phone number: five or more digits with no thousands separator."""
    text = tok.text.strip("|;:()")
    return bool(re.fullmatch(r"\d{5,}", text)) and not re.match(r"r[pe]", tok.text, re.IGNORECASE)


def _is_scale_line(s: str) -> bool:
    """A band of a rating scale: an interval or bound and a rating word ('76 - 90  Baik')."""
    return bool(_RATING.search(s) and _COMPARE.search(s) and re.search(r"\d", s)
                and len(s.split()) <= 10)


def _sentence(s: str) -> bool:
    """Running text, with or without figures: many words, mostly lower case, verbs of prose."""
    words = re.findall(r"[A-Za-z]+", s)
    if len(words) < 7 or _GAP.search(s):
        return False
    letters = [c for c in s if c.isalpha()]
    if sum(c.islower() for c in letters) / len(letters) < 0.6:
        return False
    prose = {w.lower() for w in words} & _PROSE_WORDS
    return len(prose) >= 2 or (len(prose) == 1 and s.endswith((".", ",")))


def _edge_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _edge_keys(lines: list[Line]) -> set[str]:
    """Short running footers ('21 | L K J I P 2 0 2 1') that repeated_lines finds too short: the
    same letters at the top or bottom of at least a third of the pages."""
    by_page: dict[int | None, list[Line]] = {}
    for ln in lines:
        if ln.stripped:
            by_page.setdefault(ln.page, []).append(ln)
    if len(by_page) < 3 or None in by_page:
        return set()
    counts: Counter[str] = Counter()
    for page_lines in by_page.values():
        for key in {_edge_key(ln.stripped) for ln in page_lines[:2] + page_lines[-2:]}:
            if len(key) >= 4:
                counts[key] += 1
    return {k for k, c in counts.items() if c >= max(3, len(by_page) // 3)}
