"""The rating scales (interval -> kategori) a report prints and grades its capaian by."""

from __future__ import annotations

import math

# scales: bands top to bottom as (printed interval, label, lower bound, lower bound included)
SCALES: dict[str, list[tuple[str, str, float, bool]]] = {
    "permendagri": [
        ("≥ 91", "Sangat Tinggi", 91, True),
        ("76 - 90", "Tinggi", 76, True),
        ("66 - 75", "Sedang", 66, True),
        ("51 - 65", "Rendah", 51, True),
        ("≤ 50", "Sangat Rendah", -math.inf, True),
    ],
    "inequality": [
        ("91% ≤ X", "Sangat Tinggi", 91, True),
        ("76% ≤ X < 91%", "Tinggi", 76, True),
        ("66% ≤ X < 76%", "Sedang", 66, True),
        ("51% ≤ X < 66%", "Rendah", 51, True),
        ("X < 51%", "Sangat Rendah", -math.inf, True),
    ],
    "baik": [
        ("> 90", "Sangat Baik", 90, False),
        ("> 75 s.d. 90", "Baik", 75, False),
        ("> 65 s.d. 75", "Cukup", 65, False),
        ("> 50 s.d. 65", "Kurang", 50, False),
        ("≤ 50", "Sangat Kurang", -math.inf, True),
    ],
    "sd": [
        ("85 s.d. 100", "Sangat Baik", 85, True),
        ("70 s.d. < 85", "Baik", 70, True),
        ("55 s.d. < 70", "Cukup", 55, True),
        ("< 55", "Kurang", -math.inf, True),
    ],
}
SCALE_SOURCES = [
    "Sumber: Permendagri Nomor 86 Tahun 2017",
    "Sumber: Peraturan Menteri PANRB Nomor 88 Tahun 2021",
    None,
    "Sumber: Pedoman Evaluasi Kinerja Perangkat Daerah",
]


def band(scale: str, value: float) -> str:
    for _text, label, lower, inclusive in SCALES[scale]:
        if value > lower or (inclusive and value >= lower):
            return label
    return SCALES[scale][-1][1]
