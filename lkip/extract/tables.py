"""Rebuild the rows of a table from its lines: join wrapped lines, read the numbers into columns.

Works on OCR text, where column positions are lost, by the order and type of the numbers on a
line (an amount, a percentage, a count with its unit), aligned to the numeric columns that the
table's kind has. Values that wrap onto their own line join the row whose columns they complete.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from lkip.extract.kinds import (
    YEAR,
    Slot,
    classify,
    header_words,
    kind_from_figures,
    schema,
    word_pattern,
    years_in,
)
from lkip.extract.lines import UNIT_WORDS, Line, Token, is_year, numeric_tokens
from lkip.extract.regions import GROUP_ROW, Region, is_column_numbers
from lkip.model import Cell, Provenance, Row, Table
from lkip.normalize.numbers import parse_cell_text

# a row's number: '1', '2.', 'IV', 'A.'; a bare letter only before a capitalised word ('A URUSAN')
_MARKER = re.compile(r"^\s*[\|\[]?\s*(\d{1,2}|[IVX]{1,5}(?=\s*[\.\)\|]|\s+[A-Z][A-Za-z]{2})"
                     r"|[A-H](?=\s*[\.\)\|]|\s+[A-Z]{3}))\s*[\.\)\|]?\s+(?=[^\d\s\.,%])")
_MARKER_ONLY = re.compile(r"^\s*[\|\[]?\s*(\d{1,2}|[IVX]{1,5}|[A-H])\s*[\.\)]\s*$")
_STARTER_WORDS = re.compile(r"^\s*(program|urusan|bidang\s+urusan|kegiatan|sub\s*kegiatan|misi|sasaran|"
                            r"tujuan|jumlah|total|belanja)\b", re.IGNORECASE)
_SECTION_CAPS = re.compile(r"^\W*\w?\W*(PROGRAM|URUSAN)\s+[A-Z]")
_CODE = re.compile(r"^\s*(\d{1,2}(?:\s?\.\s?(?:\d{1,4}|[A-Z]{1,2}\d?)){0,6})[\}\)\]]?\s+(?=[A-Za-z])")
_TOTAL = re.compile(r"^\W*(jumlah|total|grand\s*total|jml)(\s+(total|keseluruhan|anggaran|"
                    r"belanja(\s+(tidak\s+)?langsung)?|seluruhnya|akhir))?[\W_]*(r[pe]\W*)?$",
                    re.IGNORECASE)
_AVERAGE = re.compile(r"^\W*(nilai\s+|jumlah\s+)?(rata[\s-]*rata|rerata|average)", re.IGNORECASE)
_RATING = re.compile(r"\b(sangat|baik|cukup|kurang|tinggi|rendah|sedang)\b", re.IGNORECASE)
_KATEGORI_WORDS = {"sangat", "tinggi", "rendah", "sedang", "baik", "cukup", "kurang", "buruk",
                   "tercapai", "tidak", "berhasil", "memuaskan", "a", "b", "c", "bb", "aa", "cc"}


@dataclass
class LineInfo:
    line: Line
    marker: str | None
    label: str  # text before the numbers
    tokens: list[Token]
    trailing: str  # text after the numbers (kategori)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # marker/label/trailing columns
    placed: dict[str, Token] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    @property
    def starter(self) -> bool:
        return bool(self.marker or _STARTER_WORDS.match(self.label) or _CODE.match(self.line.text)
                    or _SECTION_CAPS.search(self.label))


@dataclass
class RawRow:
    lines: list[LineInfo] = field(default_factory=list)
    placed: dict[str, Token] = field(default_factory=dict)
    place_line: dict[str, Line] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    section: bool = False


def split_line(line: Line, numeric: bool) -> LineInfo:
    """Row marker, label, numbers and trailing words of one line."""
    text = line.text
    only = _MARKER_ONLY.match(text)
    if only:  # '2.' alone on its line: the number of a row, not a value
        return LineInfo(line, only.group(1), "", [], "", spans={"marker": only.span(1)})
    marker = None
    spans: dict[str, tuple[int, int]] = {}
    m = _MARKER.match(text)
    if m and m.group(1).lower() not in UNIT_WORDS:
        marker = m.group(1)
        spans["marker"] = m.span(1)
        text = " " * m.end() + text[m.end():]
    code = _CODE.match(text)
    toks = [t for t in numeric_tokens(text) if not is_year(t)] if numeric else []
    if code:
        toks = [t for t in toks if t.start >= code.end()]
    toks = [t for t in toks if not _superscript_zero(text, t)]
    # the numbers of a row are its last run of numbers, with only units between them; a number
    # inside a name ('dalam 1 (Satu) Daerah') stands alone between words and is text
    tail: list[Token] = []
    for tok in reversed(toks):
        if tail:
            if not _only_units(text[tok.end: tail[0].start]):
                break
        else:
            after = text[tok.end:]
            if not _only_units(after, allow_kategori=True) and not (
                    tok.is_money or tok.is_percent or _next_is_number(toks, tok, text)):
                continue
        tail.insert(0, tok)
    cut = tail[0].start if tail else len(text)
    label = text[:cut]
    trailing = text[tail[-1].end:] if tail else ""
    trailing_words = [w for w in re.findall(r"[A-Za-z]+", trailing) if w.lower() not in UNIT_WORDS]
    spans.update(_ink("label", label, 0))
    if trailing_words:
        spans.update(_ink("trailing", trailing, tail[-1].end))
    return LineInfo(line, marker, _squash(label), tail, " ".join(trailing_words), spans=spans)


def _ink(name: str, text: str, offset: int) -> dict[str, tuple[int, int]]:
    """The columns from the first to the last printed character of text (which starts at offset)."""
    m = re.search(r"[^\s|]", text)
    if not m:
        return {}
    end = len(text.rstrip(" |\t"))
    return {name: (offset + m.start(), offset + end)}


def _next_is_number(toks: list[Token], tok: Token, text: str) -> bool:
    k = toks.index(tok)
    return k > 0 and _only_units(text[toks[k - 1].end: tok.start])


def _superscript_zero(text: str, tok: Token) -> bool:
    """'o 0' / 'o o' printed where a '%' sign was: OCR noise, not a zero. A zero a column away
    from another ('0     0,00' in laid-out text) is a figure."""
    n = tok.parsed.number
    return bool(n and n.value == 0 and tok.text.strip() in ("0", "o", "O")
                and re.search(r"(^|\s)[o0]\s{1,2}$", text[: tok.start]))


def _only_units(text: str, allow_kategori: bool = False) -> bool:
    words = re.findall(r"[^\s\|;:\-_,\.]+", text)
    ok = UNIT_WORDS | (_KATEGORI_WORDS if allow_kategori else set())
    return all(_is_unit(w.lower().rstrip("/"), ok) for w in words)


def _is_unit(word: str, ok: set[str]) -> bool:
    """A unit word, also as OCR misreads it ('Lanoran' for 'Laporan')."""
    if word in ok:
        return True
    return len(word) >= 5 and any(
        len(u) >= 5 and Levenshtein.distance(word, u, score_cutoff=1) <= 1 for u in ok)


def _squash(text: str) -> str:
    return " ".join(text.replace("|", " ").split()).strip(" :;-")


def _compatible(tok: Token, kind: str) -> bool:
    if kind == "money":
        return tok.is_money
    if kind == "pct":
        return not tok.is_money and tok.unit is None
    return True  # a target or realisasi may itself be an amount ('Rp 9.590.400.000.000')


def _fit(tok: Token, kind: str) -> int:
    """How well a value fits a column type: an amount in an amount column, a percentage in a
    percentage column, a count in a value column fit best."""
    if kind == "val":
        return 0 if tok.is_money else 1
    return 1


def align(tokens: list[Token], slots: list[Slot]) -> tuple[dict[str, Token], set[str], list[Token]]:
    """Place tokens in slots in order, types compatible, fewest slots skipped.

    Returns the placement, the slots whose placement had an equally good alternative
    (ambiguous: e.g. one amount in a 'before | after' table), and tokens that fit nowhere.
    """
    n, m = len(tokens), len(slots)
    if not n or not m:
        return {}, set(), list(tokens)
    if n <= m and math.comb(m, n) > 5000:  # very wide tables: place in order, no search
        return _align_in_order(tokens, slots)
    best: list[tuple[int, list[int]]] = []

    def search(i: int, j: int, chosen: list[int]) -> None:
        if i == n:
            best.append((len(chosen), list(chosen)))
            return
        for k in range(j, m):
            if _compatible(tokens[i], slots[k][1]):
                chosen.append(k)
                search(i + 1, k + 1, chosen)
                chosen.pop()

    search(0, 0, [])
    if not best:
        if n > m:  # more numbers than columns: keep the last ones, the first are in the name
            return align(tokens[n - m:], slots)[0], set(), tokens[: n - m]
        return {}, set(), list(tokens)
    scores = [sum(_fit(tokens[i], slots[k][1]) for i, k in enumerate(c)) for _, c in best]
    options = [c for (_, c), score in zip(best, scores, strict=True) if score == max(scores)]
    first = options[0]
    placement = {slots[k][0]: tokens[i] for i, k in enumerate(first)}
    ambiguous = {slots[k][0] for i, k in enumerate(first) if any(o[i] != k for o in options)}
    return placement, ambiguous, []


def _align_in_order(tokens: list[Token], slots: list[Slot]) -> tuple[dict[str, Token], set[str],
                                                                     list[Token]]:
    """Each value to the next column that takes its type; what is left fits nowhere."""
    placement: dict[str, Token] = {}
    k = 0
    for i, tok in enumerate(tokens):
        while k < len(slots) and not _compatible(tok, slots[k][1]):
            k += 1
        if k == len(slots):
            return placement, set(placement), tokens[i:]
        placement[slots[k][0]] = tok
        k += 1
    return placement, set(), []


def header_split(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Header lines (up to the column numbers or the first line with data) and the rest."""
    seen = 0
    for i, ln in enumerate(body):
        if not ln.stripped:
            continue
        seen += 1
        if is_column_numbers(ln):
            return body[:i], body[i + 1:]
        info = split_line(ln, True)
        if info.tokens and (len(info.tokens) >= 2 or info.tokens[0].is_money
                            or info.tokens[0].is_percent or info.tokens[0].is_graded):
            start = i
            while start > 0 and _first_row_label(body[start - 1], info.tokens[0].start):
                start -= 1  # the first row's name printed above its figures is no header
            return body[:start], body[start:]
        if seen >= 8:
            break
    return [], body


def _first_row_label(line: Line, figures_at: int) -> bool:
    """A laid-out line just above the first figures that names a row, not a column: it has
    words, no column gaps, and no column names unless it ends left of the figures."""
    s = line.stripped
    if s and _MARKER.match(line.text) and re.match(r"\s*\d{1,2}\.\s", line.text):
        return True  # '1.  Terciptanya sistem   PROGRAM ...': a numbered row
    if not s or re.match(r"\s{4,}\S", line.text) is None or re.search(r"\S\s{3,}\S", s):
        return False
    if not re.search(r"(?<![\w(])[A-Za-z]{3,}", s) or _COLUMN_NAME_ONLY.match(s):
        return False
    return not header_words(s) or len(line.text.rstrip()) < figures_at - 4


# a header cell's last words, wrapped onto a line of their own ('Program/ Kegiatan/' over
# 'Sub Kegiatan'): no row is named only that
_COLUMN_NAME_ONLY = re.compile(
    r"^(?:(?:sub\s+)?kegiatan|program|uraian|indikator(?:\s+kinerja)?|sasaran(?:\s+strategis)?|"
    r"satuan|kode(?:\s+rekening)?|\(?\s*rp\.?\s*\)?|\(\s*%\s*\)|kinerja)\s*/?$", re.IGNORECASE)


def build_table(region: Region, table_id: str) -> Table:
    header, rest = header_split(region.body)
    header_text = " ".join(ln.stripped for ln in header)
    title = region.title or ""
    # account codes: 5 / 5.1 / 5.1.01 / 5.1.01.01 (program codes such as 5.02.001 are not)
    code_rows = sum(1 for ln in rest if re.match(r"^\s*[456]\.\d(\.\d\d){0,4}[\}\)]?\s+[A-Za-z]", ln.text))
    body_text = " ".join(ln.stripped for ln in region.body)  # a scale's bands may read as header
    kind = classify(header_text, title, code_rows + 1 if code_rows >= 2 else 0, body_text)
    kind = kind_from_figures(kind, header_text, title, [ln.stripped for ln in rest])  # header lost
    if kind == "scale":  # the bands start at the first line with a figure and a rating word
        first = next((k for k, ln in enumerate(region.body) if re.search(r"\d", ln.stripped)
                      and _RATING.search(ln.stripped)), 0)
        header, rest = region.body[:first], region.body[first:]
    slots = schema(kind, [ln.text for ln in header if ln.stripped])
    lines = drop_repeated_headers(rest, header)
    infos = [split_line(ln, kind != "scale") for ln in lines]
    if kind in ("target", "comparison"):
        slots = _year_slots(kind, header_years(header), infos, header)
    if kind == "comparison" and sorted(n.split("_")[0] for n, _ in slots) == [
            "capaian", "realisasi", "target"]:
        kind = "capaian"  # one target, one realisasi and their capaian, whatever their years
    elif kind == "capaian" and "capaian" not in [n for n, _ in slots]:
        kind = "comparison"  # target and realisasi beside another figure (a national standard)
    slots = _order_by_data(infos, slots)
    if slots and not _fits(infos, slots, kind):
        # the rows hold more numbers than this kind of table has columns: the layout is one
        # we do not know, so its numbers are kept as read but not given a meaning
        slots, kind = [], "other"
    if not slots and kind != "scale" and is_layout(lines):
        slots = generic_slots(infos)  # columns by position, named kolom_1, kolom_2, ...
    if kind == "scale":
        rows = [RawRow(lines=[info], section=True) for info in infos]
    else:
        rows = group_rows(infos, slots, layout=is_layout(lines))
    last = "kategori" if kind == "capaian" and "kategori" in header_words(header_text) else "keterangan"
    columns = ["no", "uraian"] + [name for name, _ in slots] + [last]
    first = region.caption_line or next((ln for ln in region.body if ln.stripped), None)
    table = Table(
        id=table_id,
        caption_raw=region.caption_raw,
        title=region.title,
        kind=kind,
        columns=columns,
        header=[ln.stripped for ln in header if ln.stripped],
        page=first.page if first else None,
        prov=Provenance(page=first.page if first else None, line=first.no if first else None),
    )
    table.rows = [to_row(r, slots) for r in rows]
    return table


def drop_repeated_headers(rest: list[Line], header: list[Line]) -> list[Line]:
    """Lines of the table proper: no column numbers, no header repeated on a following page."""
    header_keys = {_key(ln.stripped) for ln in header if ln.stripped}
    out: list[Line] = []
    by_page: dict[int | None, list[Line]] = {}
    for ln in rest:
        if ln.stripped:
            by_page.setdefault(ln.page, []).append(ln)
    for k, (_page, page_lines) in enumerate(by_page.items()):
        start = 0
        if k > 0:
            for i, ln in enumerate(page_lines[:9]):
                if is_column_numbers(ln):
                    start = i + 1
                    break
        for ln in page_lines[start:]:
            if is_column_numbers(ln) or _key(ln.stripped) in header_keys:
                continue
            out.append(ln)
    return out


def _order_by_data(infos: list[LineInfo], slots: list[Slot]) -> list[Slot]:
    """'Anggaran | Realisasi | % | Efisiensi' or '... | Efisiensi | %': a header split over lines
    does not always say which, the figures do (a percentage and an amount cannot swap)."""
    names = [n for n, _ in slots]
    if "persen" not in names or "efisiensi" not in names:
        return slots
    i, j = names.index("persen"), names.index("efisiensi")
    swapped = list(slots)
    swapped[i], swapped[j] = swapped[j], swapped[i]

    def score(order: list[Slot]) -> int:
        total = 0
        for info in infos:
            if len(info.tokens) >= 3:
                placed, _amb, extra = align(info.tokens, order)
                total += len(placed) - 2 * len(extra)
        return total

    return swapped if score(swapped) > score(slots) else slots


def _fits(infos: list[LineInfo], slots: list[Slot], kind: str) -> bool:
    counts = sorted(len(i.tokens) for i in infos if i.tokens)
    if not counts:
        return True
    median = counts[len(counts) // 2]
    if kind in ("capaian", "target", "comparison"):
        return median <= len(slots)
    return median <= len(slots)


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _baseline_years(header: str) -> set[int]:
    """Years of a plan's starting point ('Kondisi Awal (2020)', 'Baseline 2020'): no targets."""
    return {int(y) for y in re.findall(
        r"(?:kondisi|capaian|posisi|data)\s+awal\s*(?:tahun\s*)?\(?\s*(20\d\d)|baseline\s*\(?\s*(20\d\d)",
        header, re.IGNORECASE) for y in y if y}


def header_years(header: list[Line]) -> list[int]:
    """The header's years in column order: by their place on the line when the header is laid
    out in columns ('Kondisi Awal' over a '(2021)' printed a line below 'Target 2022 ...'),
    else in reading order."""
    if not is_layout(header):
        return years_in(" ".join(ln.stripped for ln in header))
    placed = [(m.start(), k, int(m.group(1))) for k, ln in enumerate(header)
              for m in YEAR.finditer(ln.text)]
    return [year for _, _, year in sorted(placed)]


def _year_slots(kind: str, years: list[int], infos: list[LineInfo], header: list[Line]) -> list[Slot]:
    counts = sorted(len(i.tokens) for i in infos if i.tokens)
    width = counts[len(counts) // 2] if counts else 0
    if kind == "target":
        years = list(dict.fromkeys(years))
        if years and width == len(years) + 1 and all(b - a == 1 for a, b in zip(years, years[1:],
                                                                                  strict=False)):
            years = [years[0] - 1] + years  # the first year column lost to OCR ('o021')
        if years and len(years) == width:
            base = _baseline_years(" ".join(ln.stripped for ln in header))
            return [(f"awal_{y}" if y in base else f"target_{y}", "val") for y in years]
        return [("target", "val")]
    return comparison_slots(header, max(counts, default=0), is_layout(header))


_MEASURES = ("target", "realisasi", "capaian")


def comparison_slots(header: list[Line], width: int, layout: bool = False) -> list[Slot]:
    """Columns of a table comparing years: 'Target 2021 | Realisasi 2019 2020 2021 | Capaian'.

    A header line naming a measure over each column gives them in order; otherwise a measure
    spans a group of years, and a group ends where the years stop increasing.
    """
    found_years = [(m.start(), k, int(m.group(1))) for k, ln in enumerate(header)
                   for m in YEAR.finditer(ln.text)]
    # laid-out headers keep the columns' positions: read the years left to right across lines
    years = [y for _x, _k, y in sorted(found_years, key=lambda t: (t[0], t[1]) if layout else (t[1], t[0]))]
    per_line = [[(m.start(), name) for name in _MEASURES
                 for m in re.finditer(word_pattern(name), ln.text.lower())] for ln in header]
    best = max(per_line, key=len, default=[])
    names: list[str] = []
    if len(best) >= 3 and not _names_span_year_groups(years, per_line):
        spanning = layout and 2 <= len(years) < len([n for _x, n in best if n != "capaian"])
        ordered = sorted(best)
        # several capaian columns, one a year: the last is the report year's, the others keep theirs
        last_capaian = max((k for k, (_x, n) in enumerate(ordered) if n == "capaian"), default=-1)
        for k, (x, name) in enumerate(ordered):
            if spanning:  # 'Tahun 2021' centred over its Target and Realisasi
                year = min(found_years, key=lambda t, x=x: abs(t[0] + 2 - x - 4))[2]
            else:
                year = years[k] if k < len(years) else (years[-1] if years else None)
            plain = name == "capaian" and k == last_capaian
            names.append(f"{name}_{year}" if year and not plain else name)
    else:
        found = sorted({(x, name) for line in per_line for x, name in line})
        order = [name for k, (_x, name) in enumerate(found) if name not in [n for _, n in found[:k]]]
        groups = _year_groups(years)
        measures = [m for m in order if m != "capaian"]
        if len(groups) == len(measures) + 1 and "capaian" in order and len(groups[-1]) == 1:
            groups = groups[:-1]  # 'Capaian 2022 (%)': the capaian column's own year
        if len(groups) == len(measures):
            for name, group in zip(measures, groups, strict=True):
                names += [f"{name}_{y}" for y in group]
        elif len(years) == len(measures):  # 'Realisasi 2021 | Target Akhir 2023': a year each
            names += [f"{name}_{y}" for name, y in zip(measures, years, strict=True)]
        elif len(groups) == 1 and measures == ["realisasi"]:
            names += [f"realisasi_{y}" for y in groups[0]]
        if "capaian" in order and names:
            names.append("capaian")
    if not names or len(names) > width:
        return []
    while len(names) < width:
        names.append(f"kolom_{len(names) + 1}")
    return [(name, "pct" if name == "capaian" else "val") for name in names]


def _year_groups(years: list[int]) -> list[list[int]]:
    """Years split where they stop increasing: 2021 2022 | 2021 2022 | 2022."""
    groups: list[list[int]] = []
    for y in years:
        if groups and y > groups[-1][-1]:
            groups[-1].append(y)
        else:
            groups.append([y])
    return groups


def _names_span_year_groups(years: list[int], per_line: list[list[tuple[int, str]]]) -> bool:
    """'Target | Realisasi | Capaian' over '2021 2022 | 2021 2022 | 2022': each measure named once
    spans a group of years (one group per measure, the capaian's of a single year)."""
    names = {name for line in per_line for _x, name in line}
    groups = _year_groups(years)
    measures = len(names - {"capaian"})
    return len(years) > len(names) and measures >= 1 and (
        len(groups) == measures or (
            "capaian" in names and len(groups) == measures + 1 and len(groups[-1]) == 1))


def is_layout(lines: list[Line]) -> bool:
    """Text laid out in columns (pdftotext -layout): column gaps are runs of spaces."""
    nonblank = [ln for ln in lines if ln.stripped]
    gapped = sum(1 for ln in nonblank if re.search(r"\S\s{3,}\S", ln.stripped)
                 or re.match(r"\s{4,}\S", ln.text))
    return bool(nonblank) and gapped / len(nonblank) >= 0.5


def generic_slots(infos: list[LineInfo]) -> list[Slot]:
    """Numeric columns of a laid-out table of no known kind: every place where figures of at
    least two lines end, so that its numbers are kept (and shown) even if no rule reads them."""
    clusters = edge_clusters([t for info in infos for t in info.tokens])
    count = sum(1 for c in clusters if len(c) >= 2)
    return [(f"kolom_{k + 1}", "val") for k in range(count)]


def edge_clusters(tokens: list[Token]) -> list[list[int]]:
    """Where the figures end, grouped: right edges within a few characters of each other."""
    clusters: list[list[int]] = []
    for end in sorted(t.right for t in tokens):
        if clusters and end - clusters[-1][-1] <= 3:
            clusters[-1].append(end)
        else:
            clusters.append([end])
    return clusters


def column_slots(infos: list[LineInfo], slots: list[Slot]) -> dict[int, str] | None:
    """In laid-out text, the numeric columns by position.

    Figures in a column end at about the same place (right-aligned, or centred with similar
    widths): right edges that lie within a few characters of each other form a column, the
    best-supported columns are kept, and each line's figures go, in order, to the nearest
    column, so one row printed off the grid ('18.198.430.000,00 16.726.996.300,00 ...') still
    lands in its columns. Columns are matched to the slots in order, by the type of their values.
    """
    tokens = [t for info in infos for t in info.tokens]
    if not tokens or not slots:
        return None
    clusters = edge_clusters(tokens)
    if len(clusters) > len(slots):
        clusters = sorted(sorted(clusters, key=len, reverse=True)[: len(slots)], key=lambda c: c[0])
    centers = [sorted(c)[len(c) // 2] for c in clusters]
    columns: list[list[Token]] = [[] for _ in centers]
    for info in infos:
        prev = -1
        for tok in info.tokens:
            choices = range(prev + 1, len(centers))
            if not choices:
                break
            k = min(choices, key=lambda c: abs(centers[c] - tok.right))
            columns[k].append(tok)
            prev = k
    columns = [col for col in columns if col]
    reps = [max(col, key=lambda t: (t.is_money, t.is_percent)) for col in columns]
    placement, _amb, extra = align(reps, slots)
    if extra or len(placement) != len(reps):
        return None
    by_rep = {id(tok): name for name, tok in placement.items()}
    out: dict[int, str] = {}
    for col, rep in zip(columns, reps, strict=True):
        for tok in col:
            out[id(tok)] = by_rep[id(rep)]
    return out


def group_rows(infos: list[LineInfo], slots: list[Slot], layout: bool = False) -> list[RawRow]:
    """Join the lines of a table into rows."""
    by_column: dict[int, str] | None = None
    if layout:  # each page of a table that runs over pages places its columns where it likes
        by_column = {}
        for page in dict.fromkeys(info.line.page for info in infos if info.tokens):
            on_page = column_slots([info for info in infos if info.line.page == page], slots)
            if on_page is None:
                by_column = None
                break
            by_column.update(on_page)
    for info in infos:
        if by_column is not None:
            info.placed = {by_column[id(t)]: t for t in info.tokens if id(t) in by_column}
            info.ambiguous = set()
            continue
        info.placed, info.ambiguous, _ = align(info.tokens, slots) if slots else ({}, set(), [])
    data_idx = [i for i, info in enumerate(infos) if info.placed or (info.tokens and not slots)]
    rows: list[RawRow] = []
    owner: dict[int, RawRow] = {}
    current: RawRow | None = None
    for i in data_idx:
        info = infos[i]
        if current is not None and _is_refinement(info, current):
            current.lines.append(info)
            for name, tok in info.placed.items():
                current.placed[name] = _refined(current.placed[name], tok)
                current.place_line[name] = info.line
        elif current is not None and _continues(current, info, slots, by_column is not None):
            _absorb(current, info, slots)
        else:
            current = RawRow()
            _absorb(current, info, slots)
            rows.append(current)
        owner[i] = current
    top_aligned = _top_aligned(infos, data_idx)
    breaks = RowBreaks.of(infos)
    # text-only lines go to the row above or below: top-aligned cells wrap downwards, centred
    # cells wrap both ways; a line that starts a new item (a number, PROGRAM ...) goes below
    for start, end, above, below in _gaps(data_idx, len(infos)):
        gap = list(range(start, end))
        same = owner.get(above) is owner.get(below)
        parts = breaks.parts(above, gap, below) if breaks and not same else None
        if parts is not None:  # the page shows where one row ends and the next begins
            _assign_parts(parts, infos, owner[above], owner[below], rows)  # type: ignore[index]
            continue
        if above is None:
            split = 0
        elif below is None:
            split = len(gap)
        elif infos[below].marker and infos[below].label.strip(" .:"):
            split = len(gap)  # a numbered row whose label starts on its value line: all above
        elif top_aligned and infos[below].starter and infos[below].label.strip(" .:"):
            split = len(gap)  # cells start on their first line: a coded row below starts anew
        elif layout:  # laid-out text keeps the vertical distances: each line to the nearer row
            a_no, b_no = infos[above].line.no, infos[below].line.no
            split = sum(1 for idx in gap if infos[idx].line.no - a_no <= b_no - infos[idx].line.no)
        elif infos[below].starter and infos[below].label.strip(" .:"):
            split = len(gap)
        else:
            split = len(gap) if top_aligned else (len(gap) + 1) // 2
        coded = above is not None and below is not None and all(
            _BUDGET_CODE.match(infos[i].line.text) for i in (above, below))
        for k, idx in enumerate(gap):
            if infos[idx].starter and above is not None and not (
                    coded and _continues_a_coded_name(infos[idx], infos[above])):
                split = min(split, k)
                break
        for k, idx in enumerate(gap):
            target = owner.get(above) if k < split and above is not None else owner.get(below)
            if target is not None:
                target.lines.append(infos[idx])
    placed_lines = {id(x) for r in rows for x in r.lines}
    for info in infos:
        if id(info) not in placed_lines:
            rows.append(RawRow(lines=[info], section=True))
    order = {id(info): k for k, info in enumerate(infos)}
    rows.sort(key=lambda r: min(order[id(x)] for x in r.lines))
    for r in rows:
        r.lines.sort(key=lambda x: order[id(x)])
    return _split_sections(rows)


@dataclass
class RowBreaks:
    """Where rows end on a PDF page: a horizontal rule between two lines (in a table ruled between
    its rows), else a step between lines wider than the line pitch inside a cell (the cells'
    padding). Known only when every line of the table has its geometry."""

    infos: list[LineInfo]
    ruled: bool
    pitch: float  # the distance from one line's top to the next inside a cell
    slack: float

    @classmethod
    def of(cls, infos: list[LineInfo]) -> RowBreaks | None:
        geos = [x.line.geometry for x in infos]
        if not geos or any(g is None for g in geos):
            return None
        heights = sorted(g.bottom - g.top for g in geos if g)
        height = heights[len(heights) // 2]
        pairs = list(zip(infos, infos[1:], strict=False))
        steps = [_step(a, b) for a, b in pairs if a.line.page == b.line.page]
        inside = [st for st in steps if height <= st <= 1.35 * height]  # closer: cells side by side
        rules = sum(1 for _a, b in pairs if b.line.geometry and b.line.geometry.rule_above and b.tokens)
        ruled = rules >= 2 and rules >= sum(1 for x in infos[1:] if x.tokens) // 2
        if height <= 0 or (not ruled and not inside):
            return None
        return cls(infos, ruled, min(inside, default=1.17 * height), max(0.75, 0.08 * height))

    def between(self, a: int, b: int) -> bool:
        """Does a row end between line a and line b (b right below a)?"""
        first, second = self.infos[a], self.infos[b]
        if first.line.page != second.line.page:
            return True
        if self.ruled:
            return bool(second.line.geometry and second.line.geometry.rule_above)
        return _step(first, second) > self.pitch + self.slack

    def parts(self, above: int | None, gap: list[int],
              below: int | None) -> tuple[list[int], list[list[int]], list[int]] | None:
        """The gap's lines as (those of the row above, rows of their own, those of the row below);
        None when the page does not show a row's end between the two rows."""
        if above is None or below is None or not (self.infos[above].label and self.infos[below].label):
            return None  # only rows whose cells start on their figure line (top-aligned) are told
        chain = [above, *gap, below]
        cuts = [k for k in range(1, len(chain)) if self.between(chain[k - 1], chain[k])]
        turns = [k for k in cuts[:-1] if self._page(chain[k - 1]) != self._page(chain[k])]
        if not cuts or cuts[-1] != len(chain) - 1 or len(turns) != len(cuts) - 1 or len(turns) > 1:
            return None  # no clear end of the row above just before the row below
        if turns:  # over a page: the cell's last lines close the page; lines the new page puts
            rest = chain[turns[0]: -1]  # above the row, apart from it ('Lanjutan ...'), stand alone
            return chain[1: turns[0]], [rest] if rest else [], []
        return gap, [], []

    def _page(self, k: int) -> int | None:
        return self.infos[k].line.page


def _step(a: LineInfo, b: LineInfo) -> float:
    ga, gb = a.line.geometry, b.line.geometry
    return gb.top - ga.top if ga and gb else 0.0


def _assign_parts(parts: tuple[list[int], list[list[int]], list[int]], infos: list[LineInfo],
                  up: RawRow, down: RawRow, rows: list[RawRow]) -> None:
    first, middle, last = parts
    up.lines.extend(infos[i] for i in first)
    down.lines.extend(infos[i] for i in last)
    rows.extend(RawRow(lines=[infos[i] for i in piece], section=True) for piece in middle)


def _continues(row: RawRow, info: LineInfo, slots: list[Slot], layout: bool = False) -> bool:
    """Does this line carry more values of the row above (a cell that wrapped)?"""
    if len(row.placed) >= len(slots) or (layout and set(info.placed) & set(row.placed)):
        return False
    last_value_line = max(x.line.no for x in row.lines if x.tokens)
    if layout and info.line.no - last_value_line > 2:  # blank lines between: another row
        return False
    has_marker = any(x.marker for x in row.lines)
    if info.marker and any(_STARTER_WORDS.match(x.label) or _SECTION_CAPS.search(x.label)
                           for x in row.lines):
        return False
    if info.starter and (has_marker or not info.marker or _STARTER_WORDS.match(info.label)):
        return False
    names = [name for name, _ in slots]
    if not set(info.placed) & set(row.placed):
        used = set(info.placed) | set(row.placed)
    else:
        combined = [row.placed[name] for name in names if name in row.placed] + info.tokens
        placement, _amb, extra = align(combined, slots)
        if extra or len(placement) != len(combined):
            return False
        used = set(placement)
    # the values of one row fill neighbouring columns: a lone value far to the right of the
    # row's others more likely starts the next row
    idx = sorted(names.index(n) for n in used)
    return idx[-1] - idx[0] + 1 == len(idx)


# a programme, kegiatan or sub kegiatan code ('5.01.01', '1.02.01.1.12.0002'), not a row number
_BUDGET_CODE = re.compile(r"^\s*\d{1,2}(?:\s?\.\s?\d{1,4}){2,6}\s")


def _continues_a_coded_name(info: LineInfo, above: LineInfo) -> bool:
    """Between two coded rows, a text-only line without a code or number that only starts with a
    level word ('Urusan Pemerintahan' wrapped from 'Program Penunjang') is the rest of a name, not
    a new item; in capitals ('URUSAN PEMERINTAHAN DAERAH') only under a name in capitals."""
    if info.tokens or info.marker or _CODE.match(info.line.text):
        return False
    if _SECTION_CAPS.search(info.label):
        name = re.sub(r"[^A-Za-z]", "", above.label)
        return bool(name) and name.isupper()
    return True


def _top_aligned(infos: list[LineInfo], data_idx: list[int]) -> bool:
    """Cells start on the row's first line when the first row's values sit on its first line."""
    if not data_idx:
        return True
    before = [x for x in infos[: data_idx[0]] if not x.starter]
    return not before


def _split_sections(rows: list[RawRow]) -> list[RawRow]:
    """A text-only starter line followed by another starter is a section row of its own."""
    out: list[RawRow] = []
    for r in rows:
        if r.section or not r.placed:
            out.append(r)
            continue
        head: list[LineInfo] = []
        group = _group_lines(r)
        if group:  # 'Sasaran ke-2 : ...' over a numbered row: the group's heading, on its own
            out.append(RawRow(lines=group, section=True))
            r.lines = r.lines[len(group):]
        for k, info in enumerate(r.lines):
            nxt = r.lines[k + 1] if k + 1 < len(r.lines) else None
            if (not info.tokens and info.starter and nxt is not None and nxt.starter
                    and (_STARTER_WORDS.match(nxt.label) or _SECTION_CAPS.search(nxt.label))):
                head.append(info)
            else:
                break
        if not head:
            head = _caps_program_head(r.lines)
        for info in head:
            out.append(RawRow(lines=[info], section=True))
            r.lines.remove(info)
        out.append(r)
    return out


def _caps_program_head(lines: list[LineInfo]) -> list[LineInfo]:
    """The capitalised name of a program without figures ('PROGRAM PROMOSI KESEHATAN', maybe
    wrapped) at the top of a row whose figures belong to the first kegiatan under it, named in
    mixed case: the program is a section row of its own. A program whose own figures sit on one
    of its capitalised lines keeps them."""
    if not lines or lines[0].tokens or not _SECTION_CAPS.search(lines[0].label):
        return []
    for k, info in enumerate(lines):
        if not info.label.isupper():
            return lines[:k]
        if info.tokens:
            return []  # the figures are on a line of the capitalised name: the program's own
    return []


def _group_lines(r: RawRow) -> list[LineInfo]:
    """The text-only lines at the top of a row that head a group of rows ('Misi Kedua : ...',
    'Sasaran ke-1 : ...', wrapped), when a numbered line of the row follows them."""
    if not r.lines or r.lines[0].tokens or not GROUP_ROW.match(r.lines[0].label):
        return []
    for k, info in enumerate(r.lines[1:], start=1):
        if info.tokens or info.marker:
            return r.lines[:k] if info.marker else []
    return []


def _gaps(data_idx: list[int], n: int) -> list[tuple[int, int, int | None, int | None]]:
    gaps = []
    prev: int | None = None
    for idx in data_idx + [n]:
        start = 0 if prev is None else prev + 1
        if idx > start:
            gaps.append((start, idx, prev, idx if idx < n else None))
        prev = idx
    return gaps


def _absorb(row: RawRow, info: LineInfo, slots: list[Slot]) -> None:
    row.lines.append(info)
    if set(info.placed) & set(row.placed):
        tokens = [row.placed[name] for name, _ in slots if name in row.placed] + info.tokens
        lines = {id(t): row.place_line[name] for name, t in row.placed.items()}
        lines.update({id(t): info.line for t in info.tokens})
        placement, ambiguous, _ = align(tokens, slots)
        row.placed = placement
        row.place_line = {name: lines[id(t)] for name, t in placement.items()}
        row.ambiguous = ambiguous
        return
    for name, tok in info.placed.items():
        row.placed[name] = tok
        row.place_line[name] = info.line
    row.ambiguous |= info.ambiguous


def _is_refinement(info: LineInfo, row: RawRow) -> bool:
    """'(3,35)' under 'Level 3': a parenthesised value that details the one above it."""
    return bool(info.tokens) and all(t.text.strip().startswith("(") for t in info.tokens) and all(
        name in row.placed for name in info.placed)


def _refined(old: Token, new: Token) -> Token:
    return Token(text=f"{old.text} {new.text}", start=old.start, end=new.end, parsed=new.parsed,
                 unit=old.unit)


def to_row(raw: RawRow, slots: list[Slot]) -> Row:
    first = raw.lines[0].line
    marker = next((x.marker for x in raw.lines if x.marker), None)
    label = " ".join(x.label for x in raw.lines if x.label).strip()
    trailing = " ".join(x.trailing for x in raw.lines if x.trailing).strip()
    if trailing:  # 'Sangat' / 'Tinggi': a category label that wrapped
        for x in raw.lines:
            words = x.label.split()
            if not x.tokens and words and all(w.lower() in _KATEGORI_WORDS for w in words):
                trailing += " " + x.label
                label = label.replace(x.label, "").strip()
    cells = [
        Cell(raw=marker or "", kind="text" if marker else "empty", prov=_pieces(raw, "marker", first)),
        Cell(raw=label, kind="text" if label else "empty", prov=_pieces(raw, "label", first)),
    ]
    wrapped_unit = _wrapped_unit(raw)
    for name, kind in slots:
        tok = raw.placed.get(name)
        if tok is None:
            cells.append(Cell(raw="", kind="empty"))
            continue
        parsed = parse_cell_text(tok.text.replace("|", " "))
        if parsed.kind == "text":
            parsed = tok.parsed
        unit = tok.unit or parsed.unit
        if unit is None and kind == "val" and parsed.kind == "number":
            unit = wrapped_unit
        cells.append(Cell(raw=" ".join(tok.text.strip(" |").split()), kind=parsed.kind, number=parsed.number,
                          unit=unit, prov=_token_prov(tok, raw.place_line[name])))
    cells.append(Cell(raw=trailing, kind="text" if trailing else "empty",
                      prov=_pieces(raw, "trailing", first)))
    role = "section" if raw.section or not raw.placed else "data"
    value_labels = [x.label for x in raw.lines if x.tokens]
    if raw.placed and any(_TOTAL.match(lab) for lab in value_labels + [x.label for x in raw.lines]):
        role = "total"
    elif raw.placed and any(_AVERAGE.search(x.label) for x in raw.lines) and not _measured(raw):
        role = "average"
    last = raw.lines[-1].line
    return Row(cells=cells, role=role, prov=_prov(first), line_end=last.no,
               ambiguous=sorted(raw.ambiguous))


def _measured(raw: RawRow) -> bool:
    """A row with a target and a realisasi of its own is an indicator, whatever its name says
    ('2  Rata-rata Lama Sekolah  Tahun  6,09  5,92  97,21%'), not the table's average."""
    names = {name.split("_")[0] for name in raw.placed}
    return {"target", "realisasi"} <= names


def _wrapped_unit(raw: RawRow) -> str | None:
    """'UMKM UMKM' / 'Unit Unit' ending a wrapped line: the units of the values above them."""
    for x in raw.lines:
        words = x.label.split()
        if not x.tokens and len(words) >= 2 and words[-1] == words[-2] and _is_unit(
                words[-1].lower(), UNIT_WORDS):
            return words[-1]
    return None


def _prov(line: Line) -> Provenance:
    return Provenance(page=line.page, line=line.no)


def _pieces(raw: RawRow, name: str, first: Line) -> Provenance:
    """Provenance of a row's marker, label or trailing words: every line piece they came from."""
    pieces = [(x.line.no, *x.spans[name]) for x in raw.lines if name in x.spans]
    if not pieces:
        return _prov(first)
    page = next(x.line.page for x in raw.lines if name in x.spans)
    return Provenance.of_pieces(page, pieces)


def _token_prov(tok: Token, line: Line) -> Provenance:
    """A value's line and columns (a value refined on a later line, 'Level 3' + '(3,35)', spans
    the columns of both parts on that later line)."""
    lead = len(tok.text) - len(tok.text.lstrip(" |"))
    start = min(tok.start + lead, len(line.text))
    end = min(start + len(tok.text.strip(" |")), max(len(line.text.rstrip()), start + 1))
    return Provenance(page=line.page, line=line.no, span=(start, max(end, start + 1)))
