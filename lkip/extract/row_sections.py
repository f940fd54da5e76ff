"""What a row is besides data: a section heading of its own (a text-only starter line over
another, a group heading such as 'Sasaran ke-2 : ...', a capitalised program above its first
kegiatan's figures), a name wrapped between coded rows, a total or an average row.
"""

from __future__ import annotations

import re

from lkip.extract.line_parts import CODE, SECTION_CAPS, STARTER_WORDS, LineInfo, RawRow
from lkip.extract.regions import GROUP_ROW
from lkip.model import RowRole

_TOTAL = re.compile(r"^\W*(jumlah|total|grand\s*total|jml)(\s+(total|keseluruhan|anggaran|"
                    r"belanja(\s+(tidak\s+)?langsung)?|seluruhnya|akhir))?[\W_]*(r[pe]\W*)?$",
                    re.IGNORECASE)
_AVERAGE = re.compile(r"^\W*(nilai\s+|jumlah\s+)?(rata[\s-]*rata|rerata|average)", re.IGNORECASE)


# a programme, kegiatan or sub kegiatan code ('5.01.01', '1.02.01.1.12.0002'), not a row number
BUDGET_CODE = re.compile(r"^\s*\d{1,2}(?:\s?\.\s?\d{1,4}){2,6}\s")


def continues_a_coded_name(info: LineInfo, above: LineInfo) -> bool:
    """Between two coded rows, a text-only line without a code or number that only starts with a
    level word ('Urusan Pemerintahan' wrapped from 'Program Penunjang') is the rest of a name, not
    a new item; in capitals ('URUSAN PEMERINTAHAN DAERAH') only under a name in capitals."""
    if info.tokens or info.marker or CODE.match(info.line.text):
        return False
    if SECTION_CAPS.search(info.label):
        name = re.sub(r"[^A-Za-z]", "", above.label)
        return bool(name) and name.isupper()
    return True


def split_sections(rows: list[RawRow]) -> list[RawRow]:
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
                    and (STARTER_WORDS.match(nxt.label) or SECTION_CAPS.search(nxt.label))):
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
    if not lines or lines[0].tokens or not SECTION_CAPS.search(lines[0].label):
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


def row_role(raw: RawRow) -> RowRole:
    """'section' (no figures), 'total' ('Jumlah', 'Total ...'), 'average' ('Rata-rata') or 'data'."""
    role: RowRole = "section" if raw.section or not raw.placed else "data"
    # a numbered row's name is all its lines ('1  Jumlah / pengaduan / perizinan' wrapped in a
    # narrow cell); another row's any line, its value lines first
    labels = ([" ".join(x.label for x in raw.lines if x.label)] if _numbered(raw)
              else [x.label for x in raw.lines if x.tokens] + [x.label for x in raw.lines])
    if raw.placed and any(_TOTAL.match(lab) for lab in labels):
        role = "total"
    elif raw.placed and any(_AVERAGE.search(x.label) for x in raw.lines) and not measured(raw):
        role = "average"
    return role


def measured(raw: RawRow) -> bool:
    """A row with a target and a realisasi of its own is an indicator, whatever its name says
    ('2  Rata-rata Lama Sekolah  Tahun  6,09  5,92  97,21%'), not the table's average; so is a
    numbered row, or one with targets for several years."""
    names = [name.split("_")[0] for name in raw.placed]
    if {"target", "realisasi"} <= set(names):
        return True
    # a numbered row, or one with targets for several years: an average has neither
    return _numbered(raw) or names.count("target") >= 2


def _numbered(raw: RawRow) -> bool:
    return any(bool(x.marker and x.marker.strip(". ").isdigit()) for x in raw.lines)
