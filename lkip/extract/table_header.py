"""A table's header: where it ends and the rows begin (``header_split``), headers repeated on the
following pages (``drop_repeated_headers``), and the columns its years name (target years,
'Target | Realisasi | Capaian' over groups of years).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lkip.extract.columns import is_layout
from lkip.extract.kinds import YEAR, Slot, header_words, word_pattern, years_in
from lkip.extract.line_parts import MARKER, LineInfo, is_word_tail, split_line
from lkip.extract.lines import Line
from lkip.extract.regions import is_column_numbers


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


_WORD = re.compile(r"(?<!\S)[a-z]{1,3}(?!\S)")  # a short lower-case word, maybe a word's tail


def mend_broken_words(header: list[Line]) -> list[Line]:
    """A laid-out header whose narrow columns broke a word over two lines, with the word whole.

    The tail (one to three lower-case letters alone on a later line) is glued to the word of
    four letters or more printed right above it; the tail's own line loses it."""
    if not is_layout(header):
        return header
    texts = [ln.text for ln in header]
    for k in range(1, len(texts)):
        for tail in list(_WORD.finditer(texts[k])):
            if not is_word_tail(tail.group()):
                continue
            for j in range(k - 1, -1, -1):
                word = next((w for w in re.finditer(r"\S+", texts[j])
                             if w.start() <= tail.start() and tail.end() <= w.end() + 1), None)
                if word is None:
                    if texts[j][tail.start():tail.end()].strip():
                        break  # other text above it: not this word's tail
                    continue
                if re.fullmatch(r"[A-Za-z]{4,}", word.group()):
                    texts[j] = _glue(texts[j], word.end(), tail.group())
                    texts[k] = texts[k][:tail.start()] + " " * len(tail.group()) + texts[k][tail.end():]
                break
    return [ln if t == ln.text else replace(ln, text=t) for ln, t in zip(header, texts, strict=True)]


def _glue(text: str, at: int, tail: str) -> str:
    """``text`` with ``tail`` written at ``at``, over the spaces there when they leave a column
    gap, else pushing the rest of the line right (a header word's place moves by the tail)."""
    room = text[at:at + len(tail) + 2]
    if room.strip() == "" and (len(room) == len(tail) + 2 or at + len(room) == len(text)):
        return text[:at] + tail + text[at + len(tail):]
    return text[:at] + tail + text[at:]


def _first_row_label(line: Line, figures_at: int) -> bool:
    """A laid-out line just above the first figures that names a row, not a column: it has
    words, no column gaps, and no column names unless it ends left of the figures."""
    s = line.stripped
    if s and MARKER.match(line.text) and re.match(r"\s*\d{1,2}\.\s", line.text):
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


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


_BASELINE = re.compile(r"(?:kondisi|capaian|posisi|data)\s+awal|baseline", re.IGNORECASE)


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


def year_slots(kind: str, years: list[int], infos: list[LineInfo], header: list[Line]) -> list[Slot]:
    counts = sorted(len(i.tokens) for i in infos if i.tokens)
    width = counts[len(counts) // 2] if counts else 0
    if kind == "target":
        years = list(dict.fromkeys(years))
        consecutive = all(b - a == 1 for a, b in zip(years, years[1:], strict=False))
        text = " ".join(ln.stripped for ln in header)
        if years and width == len(years) + 1 and consecutive:
            if _BASELINE.search(text):  # 'Kondisi Awal' printed without its year, beside a
                # target for each year
                return [(f"awal_{years[0] - 1}", "val")] + [(f"target_{y}", "val") for y in years]
            years = [years[0] - 1] + years  # the first year column lost to OCR ('o021')
        if years and len(years) == width:
            base = _baseline_years(text)
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
            year: int | None
            if spanning:  # 'Tahun 2021' centred over its Target and Realisasi
                year = _year_over(found_years, x)
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


def _year_over(found_years: list[tuple[int, int, int]], x: int) -> int:
    """The year printed nearest over a column name that starts at x."""
    return min(found_years, key=lambda t: abs(t[0] + 2 - x - 4))[2]


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
