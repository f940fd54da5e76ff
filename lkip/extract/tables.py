"""Rebuild a table from its region: its kind and header, its lines' numbers in the columns of its
kind, its lines joined into rows (``build_table``).

The steps are in modules of their own: ``table_header`` (where the header ends, year columns),
``line_parts`` (one line's marker, label and figures), ``columns`` (figures into columns),
``row_groups`` (lines into rows), ``row_sections`` (section, total and average rows) and
``row_cells`` (a row's cells and their provenance).
"""

from __future__ import annotations

import re

from lkip.extract.columns import generic_slots, is_layout, order_by_data, slots_fit
from lkip.extract.kinds import classify, header_words, kind_from_figures, schema, word_pattern
from lkip.extract.line_parts import RawRow, split_line
from lkip.extract.lines import Line
from lkip.extract.regions import Region
from lkip.extract.row_cells import to_row
from lkip.extract.row_groups import group_rows
from lkip.extract.table_header import (
    drop_repeated_headers,
    header_split,
    header_years,
    mend_broken_words,
    year_slots,
)
from lkip.model import Provenance, Table

_RATING = re.compile(r"\b(sangat|baik|cukup|kurang|tinggi|rendah|sedang)\b", re.IGNORECASE)


def build_table(region: Region, table_id: str) -> Table:
    printed, rest = header_split(region.body)
    header = mend_broken_words(printed)
    header_text = " ".join(ln.stripped for ln in header)
    title = region.title or ""
    # account codes: 5 / 5.1 / 5.1.01 / 5.1.01.01 (program codes such as 5.02.001 are not)
    code_rows = sum(1 for ln in rest if re.match(r"^\s*[456]\.\d(\.\d\d){0,4}[\}\)]?\s+[A-Za-z]", ln.text))
    body_text = " ".join(ln.stripped for ln in region.body)  # a scale's bands may read as header
    kind = classify(header_text, title, code_rows + 1 if code_rows >= 2 else 0, body_text)
    kind = kind_from_figures(kind, header_text, title, [ln.stripped for ln in rest])  # header lost
    if kind == "scale":  # the bands start at the first line with a figure and a rating word
        start = next((k for k, ln in enumerate(region.body) if re.search(r"\d", ln.stripped)
                      and _RATING.search(ln.stripped)), 0)
        header, rest = region.body[:start], region.body[start:]
        printed = header
    header_lines = [ln.text for ln in header if ln.stripped]
    slots = schema(kind, header_lines)
    lines = drop_repeated_headers(rest, printed)  # repeated as printed, not as mended
    infos = [split_line(ln, kind != "scale") for ln in lines]
    if kind in ("target", "comparison"):
        slots = year_slots(kind, header_years(header), infos, header)
    if kind == "comparison" and sorted(n.split("_")[0] for n, _ in slots) == [
            "capaian", "realisasi", "target"]:
        kind = "capaian"  # one target, one realisasi and their capaian, whatever their years
    elif kind == "capaian" and "capaian" not in [n for n, _ in slots]:
        kind = "comparison"  # target and realisasi beside another figure (a national standard)
    slots = order_by_data(infos, slots)
    if kind == "efisiensi" and slots and not slots_fit(infos, slots, kind):
        # 'Anggaran | Realisasi | Capaian (%) | Efisiensi' without '(Rp)': when its rows hold
        # amounts, not three percentages, it is a realisasi table whose capaian is the share spent
        alt = order_by_data(infos, schema("realisasi_anggaran", header_lines))
        if slots_fit(infos, alt, "realisasi_anggaran"):
            slots, kind = alt, "realisasi_anggaran"
    if kind == "capaian" and "anggaran" not in header_words(header_text) and _measures_repeated(header):
        # 'TARGET | REALISASI | CAPAIAN' printed twice, no anggaran (two years not read):
        # one target, one realisasi per row would be a guess
        slots, kind = [], "other"
    if slots and not slots_fit(infos, slots, kind):
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


def _measures_repeated(header: list[Line]) -> bool:
    """A header line that names the target and the realisasi twice each (the caller rules out
    kinerja beside anggaran: 'Kinerja: Target | Realisasi ; Anggaran: Target | Realisasi')."""
    return any(all(len(re.findall(word_pattern(name), ln.text.lower())) >= 2
                   for name in ("target", "realisasi")) for ln in header)
