"""Words of the reports that more than one stage reads (bottom layer: imports nothing of lkip)."""

from __future__ import annotations

# the words of a kategori cell ('Sangat Tinggi', 'Baik', 'BB', 'Tidak Tercapai')
RATING_WORDS = frozenset({
    "sangat", "tinggi", "rendah", "sedang", "baik", "cukup", "kurang", "buruk", "memuaskan",
    "istimewa", "tercapai", "tidak", "belum", "melampaui", "target", "berhasil", "gagal", "lebih",
    "bb", "a", "aa", "b", "cc", "c", "d",
})
