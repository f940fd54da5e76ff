"""Prose blocks: filler paragraphs every LKIP has, and the paragraph / heading block shapes."""

from __future__ import annotations

from lkipsynth.random_report.specs import TextBlock

FILLER = [
    "Pengukuran kinerja dilakukan dengan membandingkan realisasi dengan target setiap indikator kinerja "
    "yang telah ditetapkan dalam Perjanjian Kinerja. Hasil pengukuran menjadi dasar evaluasi dan perbaikan "
    "perencanaan pada tahun berikutnya.",
    "Keberhasilan pencapaian sasaran didukung oleh koordinasi yang baik antar bidang, ketersediaan anggaran "
    "yang memadai serta komitmen seluruh aparatur. Namun demikian masih terdapat kendala berupa keterbatasan "
    "sumber daya manusia dan sarana prasarana pendukung.",
    "Analisis capaian kinerja dilakukan dengan membandingkan realisasi tahun ini dengan tahun sebelumnya, "
    "dengan target jangka menengah yang tercantum dalam dokumen Rencana Strategis, serta dengan standar "
    "nasional apabila tersedia.",
    "Upaya yang akan dilakukan untuk meningkatkan capaian kinerja antara lain peningkatan kapasitas "
    "aparatur, "
    "optimalisasi pemanfaatan teknologi informasi, penguatan monitoring dan evaluasi secara berkala, serta "
    "peningkatan kerja sama dengan pemangku kepentingan.",
]


def para(text: str) -> TextBlock:
    return {"type": "paragraph", "text": text}


def heading(text: str, level: int = 1) -> TextBlock:
    return {"type": "heading", "text": text, "level": level}
