"""Words of the reports that more than one stage reads (bottom layer: imports nothing of lkip)."""

from __future__ import annotations

import re

# the words of a kategori cell ('Sangat Tinggi', 'Baik', 'BB', 'Tidak Tercapai')
RATING_WORDS = frozenset({
    "sangat", "tinggi", "rendah", "sedang", "baik", "cukup", "kurang", "buruk", "memuaskan",
    "istimewa", "tercapai", "tidak", "belum", "melampaui", "target", "berhasil", "gagal", "lebih",
    "bb", "a", "aa", "b", "cc", "c", "d",
})


def table_name(table_id: str | None, lang: str = "id") -> str:
    """A table as a reader finds it in the report: its caption ('Tabel 3.1'), or for a table
    without one (lkip's id 'T25.2': the 2nd uncaptioned table on page 25) where it is."""
    m = re.fullmatch(r"T(\d+)\.(\d+)", table_id or "")
    if m is None:
        return table_id or ""
    page, n = m.groups()
    if lang == "id":
        return f"tabel tanpa nomor di hal. {page}" + (f" (ke-{n})" if n != "1" else "")
    return f"the unnumbered table on p. {page}" + (f" (no. {n})" if n != "1" else "")
