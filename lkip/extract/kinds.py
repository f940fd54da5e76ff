"""What kind of table a header describes, and the numeric columns that kind has, in order."""

from __future__ import annotations

import re

from lkip.model import TableKind
from lkip.normalize.numbers import parse_cell_text

# (canonical column name, token type): 'money' an amount in rupiah, 'pct' a percentage (the '%'
# may be missing: '88.92'), 'val' any target/realisasi value (count with unit, %, score)
Slot = tuple[str, str]

_W = {
    "target": r"target|proyeksi",
    "realisasi": r"real[il1]?[\s-]*sasi|\breali\b",
    "capaian": r"capaian|%\s*capaian|kemajuan|pencapaian",
    "kategori": r"kategori|kriteria|predikat|penilaian|keterangan\s+capaian",
    "anggaran": r"anggaran|pagu|\bdpa\b|alokasi",
    "sebelum": r"sebelum|\bmurni\b",
    "sesudah": r"sesudah|setelah",
    "efisiensi": r"efisiensi",
    "sisa": r"\bsisa\b|selisih",
    "kode": r"kode\s*(rek|akun)|rekening",
    "skala": r"skala|interval|rentang",
    "sangat": r"sangat",
    "fisik": r"\bfisik\b",
}


# 'Pagu Anggaran: Murni | Perubahan': the budget as amended (APBD-P), not the change itself,
# which a header names 'Perubahan (Rp)' or 'Bertambah/(Berkurang)'
_AMENDED = re.compile(r"\bmurni\b.*\bperubahan\b(?!\s*\()")


def word_pattern(name: str) -> str:
    """The pattern of one header word ('target', 'realisasi', 'capaian', ...)."""
    return _W[name]


def header_words(header: str) -> set[str]:
    low = header.lower()
    return {name for name, pat in _W.items() if re.search(pat, low)}


YEAR = re.compile(r"(?<!\d)(20[0-4]\d|199\d)(?!\d)")  # a year a header names (1990-2049)


def years_in(header: str) -> list[int]:
    return [int(y) for y in YEAR.findall(header)]


def classify(header: str, title: str, code_rows: int, body: str = "") -> TableKind:
    """Table kind from its header words and title; of the rows only whether they read like a
    rating scale ('Sangat Tinggi') or an account list (codes 5 / 5.1 / 5.1.01)."""
    words = header_words(header)
    title_words = header_words(title)
    all_words = words | title_words
    if ({"skala", "kategori"} & all_words) and "target" not in words and re.search(
            r"sangat\s+(tinggi|baik|rendah|kurang)", body.lower()):
        return "scale"
    if code_rows >= 3 and "target" not in words:
        return "akun"
    measures = {"target", "realisasi", "capaian", "anggaran"}
    if not (words & measures) and "target" in title_words and len(set(years_in(header))) >= 2:
        return "target"  # 'Proyeksi Target ... 2019-2023' over a header of years
    if "sebelum" in words and ("sesudah" in words or _AMENDED.search(header.lower())):
        return "perubahan_anggaran"
    in_rupiah = re.search(r"\(\s*rp\.?\s*\)|\brp\b", header.lower()) is not None
    if "efisiensi" in words and "anggaran" in words and (
            "target" in words or "realisasi" not in words
            or ("capaian" in words and not in_rupiah)):
        # kinerja beside anggaran; without kinerja it is a realisasi table, where a 'Capaian (%)'
        # beside 'Efisiensi (Rp)' is the share of the budget spent
        return "efisiensi"
    years = years_in(header)
    if "target" in words and "realisasi" in words:
        if len(set(years)) >= 2:
            return "comparison"
        return "capaian"
    if "anggaran" in words and "realisasi" in words:
        return "realisasi_anggaran"
    if "realisasi" in words and len(set(years)) >= 2:
        return "comparison"
    if "target" in words:
        return "target"
    if "anggaran" in all_words or re.search(r"\(\s*rp\.?\s*\)|\brp\b", header.lower()):
        return "anggaran"
    if "realisasi" in all_words and "anggaran" in title_words:
        return "realisasi_anggaran"
    return "other"


def _order(header_lines: list[str], names: list[str]) -> list[str]:
    """The order in which ``names`` appear on the header line that names most of them."""
    best: list[str] = []
    for line in header_lines:
        low = line.lower()
        found = []
        for name in names:
            m = re.search(_W[name], low)
            if m:
                found.append((m.start(), name))
        if len(found) > len(best):
            best = [n for _, n in sorted(found)]
    named = [ln for ln in header_lines if any(re.search(_W[n], ln.lower()) for n in names)]
    laid_out = all(re.search(r"\S\s{3,}\S", ln) or re.match(r"\s{4,}\S", ln) for ln in named)
    if len(best) < 2 and laid_out:  # each name on a line of its own: positions tell the order
        first: dict[str, int] = {}
        for line in header_lines:
            for name in names:
                m = re.search(_W[name], line.lower())
                if m and name not in first:
                    first[name] = m.start()
        best = sorted(first, key=first.__getitem__)
    return best


def _named_after_percent(header_lines: list[str], name: str | None) -> bool:
    """Whether, on the header line that has both, the column ``name`` comes after a '%' column."""
    if name is None:
        return False
    for line in header_lines:
        low = line.lower()
        m = re.search(_W[name], low)
        pct = low.find("%")
        if m and pct >= 0:
            return pct < m.start()
    # on lines of their own ('Efisiensi' over the row of 'Pagu (Rp) | Realisasi (Rp) | %'): a
    # laid-out header keeps their places
    at = next((m.start() for ln in header_lines if (m := re.search(_W[name], ln.lower()))), None)
    pct_at = next((ln.find("%") for ln in header_lines if "%" in ln), None)
    laid_out = all(re.search(r"\S\s{3,}\S", ln.strip()) or re.match(r"\s{4,}\S", ln)
                   for ln in header_lines if ln.strip())
    return laid_out and at is not None and pct_at is not None and pct_at < at


def schema(kind: TableKind, header_lines: list[str]) -> list[Slot]:
    """The numeric columns of a table of this kind, in order (text columns are not listed)."""
    header = " ".join(header_lines)
    words = header_words(header)
    if kind == "capaian":
        order = _order(header_lines, ["target", "realisasi"])
        first, second = ("realisasi", "target") if order == ["realisasi", "target"] else (
            "target", "realisasi")
        # a third figure is a capaian only when the header says so ('Standar Nasional' is not)
        says_capaian = re.search(r"capaian|%|persen|kemajuan|tingkat", header.lower()) or (
            "kategori" in words) or not header.strip()  # (an OCR-garbled header) or a header
        # lost (a black band): the kind then came from the figures, the third their ratio
        third = ("capaian", "pct") if says_capaian else ("kolom_3", "val")
        slots: list[Slot] = [(first, "val"), (second, "val"), third]
        if "anggaran" in words:  # kinerja beside anggaran: Target | Realisasi | % | Anggaran | ...
            slots += [("anggaran", "money"), ("realisasi_anggaran", "money"), ("persen", "pct")]
        return slots
    if kind == "efisiensi":
        if "target" not in words:  # '% capaian kinerja | % realisasi anggaran | % efisiensi'
            return [("capaian", "pct"), ("persen", "pct"), ("kolom_3", "pct")]
        return [("target", "val"), ("realisasi", "val"), ("capaian", "pct"),
                ("anggaran", "money"), ("realisasi_anggaran", "money"), ("persen", "pct"),
                ("efisiensi", "money")]
    if kind == "perubahan_anggaran":
        low = header.lower()
        if "target" in words or re.search(r"(?<![\w/])k(?![\w/])|kinerja|volume", low):
            return [("k_sebelum", "val"), ("pagu_sebelum", "money"), ("k_sesudah", "val"),
                    ("pagu_sesudah", "money")]
        slots = [("pagu_sebelum", "money"), ("pagu_sesudah", "money")]
        if re.search(r"bertambah|berkurang|selisih|perubahan\s*\(|\brp\b.*%", low):
            slots.append(("selisih", "money"))
            if "%" in low:
                slots.append(("selisih_persen", "pct"))
        return slots
    if kind == "realisasi_anggaran":
        order = _order(header_lines, ["anggaran", "realisasi", "sisa", "efisiensi"])
        slots = [("anggaran", "money"), ("realisasi_anggaran", "money")]
        if "sisa" in words or "efisiensi" in words:
            # the remainder sits after realisasi unless the header names it before realisasi
            rest = next((w for w in order if w in ("sisa", "efisiensi")), None) or (
                "efisiensi" if "efisiensi" in words else "sisa")
            before = rest in order and "realisasi" in order and (
                order.index(rest) < order.index("realisasi")) and not (
                "anggaran" in order and order.index(rest) < order.index("anggaran"))
            after_pct = _named_after_percent(header_lines, rest)
            slots.insert(1 if before else 2, ("efisiensi", "money"))
            if after_pct:  # 'Anggaran | Realisasi | % | Efisiensi'
                slots.remove(("efisiensi", "money"))
                slots.append(("persen", "pct"))
                slots.append(("efisiensi", "money"))
                return _with_fisik(slots, header_lines)
        slots.append(("persen", "pct"))
        return _with_fisik(slots, header_lines)
    if kind == "akun":
        slots = [("anggaran", "money")]
        if "realisasi" in words:
            slots.append(("realisasi_anggaran", "money"))
            slots.append(("persen", "pct"))
        return slots
    if kind == "anggaran":
        return [("anggaran", "money")]
    return []


def _with_fisik(slots: list[Slot], header_lines: list[str]) -> list[Slot]:
    """A realisasi fisik column ('% Fisik': physical progress, which no figure of the row
    determines) beside the financial one: a column of its own, so the row's '%' keuangan is not
    read from it; before the keuangan '%' only where the header names it first."""
    if "fisik" not in header_words(" ".join(header_lines)):
        return slots
    first = any((f := re.search(_W["fisik"], ln.lower())) and (k := re.search(r"keu", ln.lower()))
                and f.start() < k.start() for ln in header_lines)
    at = slots.index(("persen", "pct")) if first and ("persen", "pct") in slots else len(slots)
    return [*slots[:at], ("fisik", "pct"), *slots[at:]]


# a figure on a row line: '100%', '4 Tahapan' (its unit not needed), '150.000 m3', '88,50'
_FIGURE = re.compile(r"(?<![\w.,])\d[\d.,]*")
RATIO_ROWS = 3  # rows whose last three figures are target, realisasi and their capaian ...
MAX_LOST_HEADER_WORDS = 2  # words a lost header may still show ('No', a stray OCR word)
RATIO_SHARE = 0.3  # ... and their share of the rows with three figures, to read a table as capaian


def _ratio_row(text: str) -> bool | None:
    """Whether a row line's last three figures read as target, realisasi and capaian (realisasi /
    target x 100, or target / realisasi x 100 when smaller is better); None without three."""

    figures = []
    for m in _FIGURE.finditer(text):
        parsed = parse_cell_text(m.group(0).rstrip(".,"))
        if parsed.number is not None:
            figures.append(parsed.number.value)
    if len(figures) < 3:
        return None
    a, b, c = figures[-3:]
    if not a or not b or c <= 0:
        return False
    return any(abs(c - r) <= max(0.6, 0.01 * c) for r in (100 * b / a, 100 * a / b))


def kind_from_figures(kind: TableKind, header: str, title: str, rows: list[str]) -> TableKind:
    """A table whose header could not be read (a black header band the scan or OCR lost, or no
    header line at all) under a title of kinerja or capaian ('Tabel 3.1 Pencapaian Kinerja Tahun
    2016') is a capaian table when its rows' figures say so: on several of them the third figure
    is the ratio of the first two (target, realisasi, capaian). Any other table keeps its kind."""
    if kind != "other" or header_words(header) & {"target", "realisasi", "capaian", "anggaran"}:
        return kind
    if len(re.findall(r"[A-Za-z]{3,}", header)) > MAX_LOST_HEADER_WORDS:
        return kind  # a header was read, of columns lkip does not know: not a lost header
    if len(header_words(" ".join(rows[:8])) & {"target", "realisasi", "capaian"}) >= 2:
        return kind  # the header is there, read into the first rows: not lost, not understood
    if not re.search(r"capaian|kinerja|target|realisasi", title.lower()):
        return kind
    checked = [r for r in (_ratio_row(text) for text in rows) if r is not None]
    agree = sum(checked)
    return "capaian" if agree >= RATIO_ROWS and agree >= RATIO_SHARE * len(checked) else kind
