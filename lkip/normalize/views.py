"""Tables -> domain views: performance indicators, budget lines (with their hierarchy), rating scale."""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from lkip.model import BudgetLine, Cell, CellRef, Document, Indicator, Level, Row, ScaleBand, Table

INDICATOR_KINDS = {"capaian", "efisiensi", "target", "comparison"}
BUDGET_KINDS = {"perubahan_anggaran", "realisasi_anggaran", "anggaran", "akun", "efisiensi"}
# table column -> BudgetLine field
BUDGET_FIELDS = {
    "pagu_sebelum": "pagu_sebelum",
    "pagu_sesudah": "pagu_sesudah",
    "anggaran": "anggaran",
    "realisasi_anggaran": "realisasi",
    "persen": "persen",
    "efisiensi": "efisiensi",
    "selisih": "selisih",
    "selisih_persen": "selisih_persen",
}
LEVEL_RANK: dict[str, int] = {"total": 0, "group": 1, "urusan": 2, "bidang": 3, "program": 4,
                              "kegiatan": 5, "sub_kegiatan": 6, "other": 7}
# indicators where a smaller realisasi is the better result (the long capaian formula)
_SMALLER_BETTER = re.compile(
    r"angka\s+(kematian|kesakitan|pengangguran|kemiskinan|putus|sengketa)|tingkat\s+"
    r"(pengangguran|kemiskinan|inflasi)|prevalensi|stunting|gini|jumlah\s+(kasus|temuan|"
    r"pelanggaran|sengketa|perselisihan)|kasus\s+|sengketa|perselisihan|penurunan|kecelakaan",
    re.IGNORECASE,
)
# the report's own polarity markers: '(-)', '↓', 'semakin kecil semakin baik' in the indicator's
# name or a text cell of its row, or a polarity column's whole cell 'Negatif' / 'Minimize' (and
# the same for larger is better)
_MARK_LOWER = re.compile(r"\(\s*[-−–]\s*\)|↓|semakin\s+(kecil|rendah)\s+semakin\s+baik",
                         re.IGNORECASE)
_MARK_HIGHER = re.compile(r"\(\s*\+\s*\)|↑|semakin\s+(besar|tinggi)\s+semakin\s+baik",
                          re.IGNORECASE)
_CELL_LOWER = re.compile(r"\s*(negatif|minimi[sz]e)\s*", re.IGNORECASE)
_CELL_HIGHER = re.compile(r"\s*(positif|maximi[sz]e)\s*", re.IGNORECASE)
_PROGRAM = re.compile(r"\bPROGRAM\b|^\s*Program\b")
_URUSAN = re.compile(r"\bURUSAN\b|^\s*Urusan\b")
_BIDANG = re.compile(r"\bBIDANG\b|\bBidang\b")
# a heading of programs by source of funds or kind of spending, on a line of its own
_GROUP = re.compile(r"(?i)(dana\s+)?(dekonsentrasi|tugas\s+pembantuan|urusan\s+bersama|alokasi\s+khusus|"
                    r"apbn|apbd(\s+(provinsi|kabupaten|kota))?|belanja\s+(tidak\s+)?langsung)(\s*\(\w+\))?")
_CODE = re.compile(r"^\s*(\d{1,2}(?:\s?\.\s?(?:\d{1,4}|[A-Z]{1,2}\d?)){0,6})[\}\)\]]?\s+")


def build_views(doc: Document) -> None:
    """Read the tables of ``doc`` as indicators, budget lines and the rating scale."""
    for table in doc.tables:
        if table.kind == "scale":
            doc.scale.extend(scale_bands(table))
        if table.kind in INDICATOR_KINDS:
            doc.indicators.extend(indicators(table, doc.document.tahun))
        if table.kind in BUDGET_KINDS or table.column("anggaran") is not None:
            lines = budget_lines(table)
            link_parents(lines, offset=len(doc.budget_lines),
                         flat=table.kind in ("capaian", "efisiensi"))
            doc.budget_lines.extend(lines)
    resolve_uncertain(doc.budget_lines)


def _ref(table: Table, r: int, c: int) -> CellRef:
    return CellRef.at(table, r, c)


def label_of(row: Row) -> str:
    return row.cells[1].raw if len(row.cells) > 1 else ""


# --- indicators -----------------------------------------------------------------------------

def _measure_column(table: Table, measure: str, tahun: int | None) -> int | None:
    """The column of a measure for the report year: 'target_2024', else 'target', else the
    only 'target_YYYY', else (realisasi) the latest year's."""
    exact = table.column(f"{measure}_{tahun}", measure) if tahun else table.column(measure)
    if exact is not None:
        return exact
    dated = [c for c, name in enumerate(table.columns) if name.startswith(f"{measure}_")]
    if len(dated) == 1 or (dated and measure == "realisasi"):
        return dated[-1]
    return None


def indicators(table: Table, tahun: int | None) -> list[Indicator]:
    target_col = _measure_column(table, "target", tahun)
    real_col = _measure_column(table, "realisasi", tahun)
    cap_col = table.column("capaian")
    kat_col = table.column("kategori")
    year = None
    if target_col is not None and re.fullmatch(r"target_\d{4}", table.columns[target_col]):
        year = int(table.columns[target_col][-4:])
    out: list[Indicator] = []
    # named measures beside columns known only by place: the header was not all understood, so
    # in a row with figures there, which figure is which measure (and year) is not sure
    unnamed = [c for c, name in enumerate(table.columns) if name.startswith("kolom_")]
    for r, row in enumerate(table.rows):
        if row.role != "data" or target_col is None:
            continue
        guessed = any(row.cells[c].number is not None for c in unnamed)
        target = row.cells[target_col]
        if not any(c is not None and row.cells[c].number is not None
                   for c in (target_col, real_col, cap_col)):
            continue  # no figure at all: a heading row
        ind = Indicator(table=table.id, row_index=r, indikator=label_of(row) or "?",
                        page=row.prov.page, year=year)
        ind.satuan = target.unit or ("%" if target.number and target.number.percent else None)
        fields = {"target": target_col, "realisasi": real_col, "capaian": cap_col}
        for name, col in fields.items():
            if col is None:
                continue
            cell = row.cells[col]
            setattr(ind, name, cell.value)
            if cell.kind != "empty":
                ind.refs[name] = _ref(table, r, col)
            if table.columns[col] in row.ambiguous or two_figures(cell) or guessed:
                ind.uncertain.append(name)
        if kat_col is not None and row.cells[kat_col].raw:
            ind.kategori = row.cells[kat_col].raw
            ind.refs["kategori"] = _ref(table, r, kat_col)
        set_polarity(ind, row)
        out.append(ind)
        out.extend(_other_year_targets(table, r, row, ind, target_col, guessed))
    return out


def set_polarity(ind: Indicator, row: Row) -> None:
    """Smaller-is-better from the report's own marker in the row; else guessed from the name."""
    texts = [c.raw for c in row.cells if c.kind == "text"]
    lower = any(_MARK_LOWER.search(t) or _CELL_LOWER.fullmatch(t) for t in texts)
    higher = any(_MARK_HIGHER.search(t) or _CELL_HIGHER.fullmatch(t) for t in texts)
    if lower != higher:
        ind.smaller_is_better, ind.polarity_from = lower, "marker"
    elif _SMALLER_BETTER.search(ind.indikator):
        ind.smaller_is_better, ind.polarity_from = True, "name"


def _other_year_targets(table: Table, r: int, row: Row, main: Indicator,
                        main_col: int, guessed: bool) -> list[Indicator]:
    """The targets a table gives for the other years of its period ('Target 2021 | 2022 |
    2023'): one indicator each, so the same year can be compared across tables."""
    out = []
    for c, name in enumerate(table.columns):
        year = re.fullmatch(r"target_(\d{4})", name)
        cell = row.cells[c]
        if year is None or c == main_col or cell.number is None:
            continue
        ind = Indicator(table=table.id, row_index=r, indikator=main.indikator, page=main.page,
                        year=int(year.group(1)), target=cell.value, satuan=main.satuan,
                        smaller_is_better=main.smaller_is_better,
                        polarity_from=main.polarity_from)
        ind.refs["target"] = _ref(table, r, c)
        if name in row.ambiguous or two_figures(cell) or guessed:
            ind.uncertain.append("target")
        out.append(ind)
    return out


def two_figures(cell: Cell) -> bool:
    """A cell holding two figures with an unclosed bracket ('86 (83,14'): the lines of two rows
    (a figure over the next row's graded '(83,14)') read as one cell, so which is its own is
    not known."""
    raw = cell.raw
    return raw.count("(") != raw.count(")") and len(re.findall(r"\d+(?:[.,]\d+)*", raw)) >= 2


# --- budget lines ---------------------------------------------------------------------------

def budget_lines(table: Table) -> list[BudgetLine]:
    cols = {name: table.column(col) for col, name in BUDGET_FIELDS.items()}
    out: list[BudgetLine] = []
    rows = [(r, row) for r, row in enumerate(table.rows) if row.role in ("data", "total")]
    numbered = {r for r, row in rows if re.fullmatch(r"\d{1,3}", row.cells[0].raw)
                and not _PROGRAM.search(label_of(row)) and not _URUSAN.search(label_of(row))}
    if not _has_hierarchy(table, rows):
        numbered = set()
    for r, row in rows:
        values = {name: row.cells[c] for name, c in cols.items() if c is not None}
        if not any(cell.number and (cell.number.money or cell.value and cell.value >= 1000)
                   for cell in values.values()):
            continue
        label = label_of(row)
        code_match = _CODE.match(label)
        kode = re.sub(r"\s", "", code_match.group(1)) if code_match else None
        nama = label[code_match.end():].strip() if code_match else label
        level = _level(table, row, kode, nama, r in numbered, bool(numbered))
        if level == "program" and (m := _PROGRAM.search(nama) or re.search(r"\bProgram\s+[A-Z]", nama)):
            nama = nama[m.start():]  # text above the program name belongs to an earlier cell
        line = BudgetLine(table=table.id, row_index=r, kode=kode, nama=nama or "?", level=level,
                          page=row.prov.page)
        for name, cell in values.items():
            setattr(line, name, cell.value)
            col = cols[name]
            if cell.kind != "empty" and col is not None:
                line.refs[name] = _ref(table, r, col)
            if col is not None and table.columns[col] in row.ambiguous:
                line.uncertain.append(name)
        out.append(line)
    _recover_codes(table, out)
    if _unread_amounts(table):
        # an amount left in a row's text was not read into its column: the total of this table
        # cannot be checked with certainty
        for line in out:
            if line.level == "total":
                line.uncertain += [f for f in BUDGET_FIELDS.values() if f not in line.uncertain]
    return out


_AMOUNT_IN_TEXT = re.compile(r"\d{1,3}(?:[\.,]\s?\d{3}){2,}|\d{7,}")


def _unread_amounts(table: Table) -> bool:
    """Does a row's text still hold an amount (an OCR-garbled row whose value was not read)?"""
    return any(_AMOUNT_IN_TEXT.search(label_of(row)) for row in table.rows
               if row.role in ("data", "section", "total"))


def _has_hierarchy(table: Table, rows: list[tuple[int, Row]]) -> bool:
    """Numbered rows are kegiatan and unnumbered ones their sub kegiatan only in a table whose
    header names sub kegiatan; elsewhere a number is the row's own (or its sasaran's) and says
    nothing of its level, whatever OCR did to it."""
    header = " ".join(table.header).lower()
    return bool(re.search(r"sub\s*-?\s*kegiatan", header))


def _level(table: Table, row: Row, kode: str | None, nama: str, numbered: bool,
           table_numbered: bool) -> Level:
    if row.role == "total":
        return "total"
    if table.kind == "akun" and kode:
        return "akun"
    # Permendagri 90/2019 codes: program 1.02.01, kegiatan 1.02.01.2.01, sub kegiatan
    # 1.02.01.2.01.0001 (provinces print 5.02.001 and 5.02.001.1.01); an agency's own code
    # (5.02.0.00.0.00.01) heads all its programs
    if kode and (coded := code_level(kode)) is not None:
        return coded
    if kode and re.fullmatch(r"\d+\.\d{2}\.0\.00\.0\.00\.\d{2}(\.\d+)?", kode):
        return "urusan"
    if _GROUP.fullmatch(nama.strip(" .:")):
        return "group"
    program, urusan = _PROGRAM.search(nama), _URUSAN.search(nama[:40])
    if urusan and not program and urusan.start() == 0:
        program = re.search(r"\bProgram\s+[A-Z]", nama)
    if program:  # 'Urusan Pemerintahan Daerah ... Program X': the end of the cell above, then X
        return "program"
    if urusan:
        return "bidang" if _BIDANG.search(nama) else "urusan"
    if table.kind == "efisiensi":
        return "other"
    header = " ".join(table.header).lower()
    if re.search(r"\bprogram\b", header) and not re.search(r"kegiatan", header):
        return "program"  # 'No | Program | Anggaran': a list of programs
    if table_numbered and not numbered:
        return "sub_kegiatan"
    return "kegiatan"


_CODE_LEVELS: list[tuple[Level, re.Pattern[str]]] = [
    ("program", re.compile(r"[\dX]+\.[\dX]{2}\.\d{2,3}")),
    ("kegiatan", re.compile(r"[\dX]+\.[\dX]{2}\.\d{2,3}\.\d\.\d{2}")),
    ("sub_kegiatan", re.compile(r"[\dX]+\.[\dX]{2}\.\d{2,3}\.\d\.\d{2}\.\d{2,4}")),
]


def code_level(kode: str) -> Level | None:
    """The level a Permendagri 90/2019 code names (program 1.02.01, kegiatan 1.02.01.2.01, sub
    kegiatan 1.02.01.2.01.0001), None for any other code."""
    return next((level for level, pattern in _CODE_LEVELS if pattern.fullmatch(kode)), None)


# a row code as OCR reads it: digits with a '.' read as ':', ',' or '-' ('2.11:01.2.02',
# '21101-2-13'), or lost ('21101211'), standing anywhere in the label: a wrapped label's last
# words glued before the next row's code ('... Kabupaten/Kota 2.11.01.2.02 Administrasi ...')
CODE_LIKE = re.compile(r"(?<!\S)\d[\d.:;,\-]{3,}\d(?!\S)")
MIN_CODED_LINES = 2  # lines with a clean Permendagri code, from which a table 'has codes'
SHORT_CODE_DIGITS = 6  # a code of this many digits or fewer may have one OCR slip, longer two


def _recover_codes(table: Table, lines: list[BudgetLine]) -> None:
    """In a table of Permendagri codes, a line read without a code whose label holds one with OCR
    slips, or after another row's wrapped words, takes that code, its level and the name after
    it. A code that is not clean must be one its neighbour below implies (the program or kegiatan
    prefix of the next coded line) within an OCR slip or two: a figure in a label is no code."""
    if sum(1 for line in lines if line.kode and code_level(line.kode)) < MIN_CODED_LINES:
        return
    for i in range(len(lines) - 1, -1, -1):  # bottom up: a recovered code helps the line above
        line = lines[i]
        if line.level in ("total", "akun") or (line.kode and code_level(line.kode)):
            continue
        row = table.rows[line.row_index]
        label = label_of(row)
        below = next((other.kode for other in lines[i + 1:]
                      if other.kode and code_level(other.kode)), None)
        for m in reversed(list(CODE_LIKE.finditer(label))):
            kode = _read_code(m.group(0), below)
            if kode is None:
                continue
            line.kode, line.nama = kode, label[m.end():].strip() or line.nama
            line.level = _level(table, row, kode, line.nama, False, False)
            break


def _read_code(token: str, below: str | None) -> str | None:
    """``token`` as a Permendagri code: itself with its separators put right, else the program
    or kegiatan prefix of ``below`` whose digits it shows with at most an OCR slip or two."""
    clean = re.sub(r"[:;,\-]", ".", token)
    if code_level(clean) is not None:
        return clean
    if below is None:
        return None
    digits = re.sub(r"\D", "", token)
    slips = 1 if len(digits) <= SHORT_CODE_DIGITS else 2
    parts = below.split(".")
    for prefix in (".".join(parts[:5]), ".".join(parts[:3])):
        if Levenshtein.distance(digits, prefix.replace(".", "")) <= slips:
            return prefix
    return None


def link_parents(lines: list[BudgetLine], offset: int, flat: bool = False) -> None:
    """Each line's parent: the nearest line above of a higher level (account codes by prefix);
    a total row is the parent of the top-level lines of its table. In a table of kinerja beside
    anggaran (``flat``) the rows are peers: sasaran or programs, each with its own indicator."""
    stack: list[int] = []
    for i, line in enumerate(lines):
        if flat:
            break
        if line.level == "akun" and line.kode:
            parent = next((j for j in range(i - 1, -1, -1) if lines[j].kode and lines[j].level ==
                           "akun" and line.kode.startswith(lines[j].kode + ".")), None)
            line.parent = None if parent is None else parent + offset
            continue
        if line.level == "total":
            continue
        rank = LEVEL_RANK[line.level]
        while stack and LEVEL_RANK[lines[stack[-1]].level] >= rank:
            stack.pop()
        line.parent = stack[-1] + offset if stack else None
        if stack and _missing_between(lines[stack[-1]], line):
            line.parent = None  # its kegiatan was not read: not a child to sum into the programme
        stack.append(i)
    for i, line in enumerate(lines):
        if line.level != "total":
            continue
        top = [j for j, other in enumerate(lines[:i]) if other.parent is None and other.level
               not in ("total",) and not (other.level == "akun" and other.kode and "." in other.kode)]
        for j in top:
            lines[j].parent = i + offset
        break


def _missing_between(parent: BudgetLine, line: BudgetLine) -> bool:
    """A coded sub kegiatan right under a coded programme: the kegiatan between them (its code's
    prefix) is missing from what was read (lost at a page break, say)."""
    return bool(parent.kode and line.kode and parent.level == "program"
                and line.level == "sub_kegiatan")


_PAIRS = [("pagu_sebelum", "pagu_sesudah"), ("anggaran", "realisasi")]


def resolve_uncertain(lines: list[BudgetLine]) -> None:
    """A lone amount in a 'before | after' row could be either: keep it where the parent's total
    agrees, move it where only the other column agrees, else leave it marked uncertain."""
    for line in lines:
        if line.parent is None:
            continue
        for a, b in _PAIRS:
            here = a if a in line.uncertain and getattr(line, b) is None else (
                b if b in line.uncertain and getattr(line, a) is None else None)
            if here is None:
                continue
            other = b if here == a else a
            if not _sums_to_parent(lines, line.parent, here) and _sums_to_parent(
                    lines, line.parent, other, moved=(line, here, other)):
                setattr(line, other, getattr(line, here))
                setattr(line, here, None)
                line.refs[other] = line.refs.pop(here)
                line.uncertain = [f for f in line.uncertain if f != here]
                line.uncertain.append(other)


def _sums_to_parent(lines: list[BudgetLine], parent: int, field: str,
                    moved: tuple[BudgetLine, str, str] | None = None) -> bool:
    total = getattr(lines[parent], field)
    if total is None:
        return False
    acc = 0.0
    for child in lines:
        if child.parent != parent:
            continue
        value = getattr(child, field)
        if moved and child is moved[0]:
            value = getattr(child, moved[1]) if field == moved[2] else None
        acc += value or 0.0
    return abs(acc - total) < 0.5


# --- rating scale ---------------------------------------------------------------------------

_BAND = re.compile(
    r"(?P<op1>[<>≤≥]=?)?\s*(?P<a>\d+(?:[,\.]\d+)?)\s*%?\s*(?:(?P<op>[<>≤≥]=?|-|–|s\.?d\.?|sampai)\s*"
    r"(?P<x>[xX]\s*)?(?P<op2>[<>≤≥]=?)?\s*(?P<b>\d+(?:[,\.]\d+)?)\s*%?)?\s*(?P<label>[A-Za-z][A-Za-z ]+)?")


_RANGE_GOES_ON = re.compile(r"\s*(?:s\.?\s?d\.?|sampai|-|–)\s*[<>≤≥]?=?\s*\d", re.IGNORECASE)


def scale_bands(table: Table) -> list[ScaleBand]:
    bands: list[ScaleBand] = []
    for row in table.rows:
        text = " ".join(c.raw for c in row.cells[1:] if c.raw)
        first = row.cells[0].raw.strip() if row.cells else ""
        band = None
        if re.fullmatch(r"\d+(?:[,.]\d+)?", first) and _RANGE_GOES_ON.match(text):
            band = parse_band(f"{first} {text}")  # '85 | s.d. 100 Sangat Baik': a bound read as No
        band = band or parse_band(text)
        if band is None and re.fullmatch(r"\d+(?:[,.]\d+)?", first):
            band = parse_band(f"{first} - {text}")  # '76 - 90 Tinggi' read as no '76', '90 Tinggi'
        if band:
            band.table, band.page = table.id, row.prov.page
            bands.append(band)
    return bands


def parse_band(text: str) -> ScaleBand | None:
    """'91% < 100% Sangat tinggi', '<50% Sangat Rendah', '≥ 91 Sangat Tinggi', '76 - 90 Tinggi',
    '70 s.d. < 85 Baik'."""
    text = re.sub(r"^\s*\d{1,2}[\.\)]?\s+(?=[<>≤≥](?!=?\s*x\b)|\d|[xX]\s*[<>≤≥])", "",
                  text)  # the row's number
    # '91% ≤ X' (a lower bound, no upper): the band of X at or above 91
    text = re.sub(r"(\d+(?:[,\.]\d+)?\s*%?)\s*(≤|<=|<)\s*[xX]\b(?!\s*[<>≤≥])",
                  lambda m: (">= " if m.group(2) != "<" else "> ") + m.group(1), text)
    m = _BAND.search(text)
    if not m or not m.group("label") or not re.search(r"\d", m.group(0)):
        return None
    label = " ".join(m.group("label").split())
    a = float(m.group("a").replace(",", "."))
    b = float(m.group("b").replace(",", ".")) if m.group("b") else None
    op1 = m.group("op1") or ""
    if b is not None:  # '70 s.d. < 85': the upper bound is not in the band
        op2 = m.group("op2") or ""
        below_x = bool(m.group("x")) and m.group("op") == "<"  # '80 < x ≤ 90': above 80
        return ScaleBand(label=label, lower=a, upper=b, upper_inclusive=op2 != "<",
                         lower_inclusive=op1 not in (">",) and not below_x)
    if op1.startswith("<") or op1.startswith("≤"):
        return ScaleBand(label=label, lower=None, upper=a, upper_inclusive=op1 in ("<=", "≤"))
    if op1.startswith(">") or op1.startswith("≥"):
        return ScaleBand(label=label, lower=a, upper=None, lower_inclusive=op1 in (">=", "≥"))
    return None
