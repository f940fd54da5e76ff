"""What a table column holds, from its header path (the header cells above it, top to bottom).

A ruled table's header is a grid: 'Realisasi' over 'Anggaran (Rp)' and '%', 'Tahun 2016' over
'Target' and 'Realisasi'. Each column's path is read into a role from a small vocabulary and the
year the path names. The column's name in the model is the role, dated when the year is not the
report year ('target_2015', 'kategori_2015'): the views take the report year's measures and
kategori, so a side-by-side multi-year table never lends an earlier year's figure or rating.
"""

from __future__ import annotations

import re

from lkip.extract.kinds import YEAR, word_pattern

# roles whose column holds figures (the rest hold text)
MEASURES = ("target", "realisasi", "capaian", "anggaran", "realisasi_anggaran", "persen",
            "sisa", "efisiensi", "pagu_sebelum", "pagu_sesudah", "awal")
TEXT_ROLES = ("no", "kode", "uraian", "sasaran", "indikator", "satuan", "kategori", "sumber",
              "keterangan")
DATED = MEASURES + ("kategori",)
ALWAYS_DATED = ("awal",)  # a baseline is never the report year's figure

# a word broken in a narrow header cell, its last letter on the next line ('Realisas i')
_BROKEN = re.compile(r"([a-z]{3,}) ([a-z])\b")
_NO = re.compile(r"^\W*(n\s?o|nomor)\b\.?(\s*(urut|misi|sasaran|program|kegiatan))?\W*$")
_KODE = re.compile(r"\bkode\b|\brekening\b")
_UNKNOWN_SEBELUM = re.compile(r"sebelum|\bmurni\b")
_SESUDAH = re.compile(r"sesudah|setelah")
_MONEY = re.compile(r"anggaran|\bpagu\b|\bdpa\b|alokasi|keuangan|belanja|\brp\b|rupiah")
_KINERJA = re.compile(r"kinerja|fisik|\bindikator\b")
_PCT = re.compile(r"%|persen|prosentase|persentase")


def _has(name: str, low: str) -> bool:
    return re.search(word_pattern(name), low) is not None


def role_of(path: list[str]) -> tuple[str | None, int | None]:
    """The role of a column with this header path and the year it names (the last one), or
    (None, year) when the path says nothing lkip reads."""
    parts = [_BROKEN.sub(r"\1\2", " ".join(p.lower().split())) for p in path if p and p.strip()]
    low = " | ".join(parts)
    years = [int(y) for y in YEAR.findall(low)]
    year = years[-1] if years else None
    if not parts:
        return None, None
    last = parts[-1]
    if _NO.match(last) and len(parts) == 1:
        return "no", None
    if _KODE.search(low):
        return "kode", None
    if _has("efisiensi", low):
        return ("efisiensi" if not _PCT.search(last) else None), year
    if _has("sisa", low):
        return ("sisa" if not _PCT.search(last) else None), year
    if re.search(r"kondisi\s+awal|\bbaseline\b|capaian\s+awal|\bawal\b", low):
        return "awal", year
    if _has("kategori", low):
        return "kategori", year
    if re.search(r"sumber\s+data", low):
        return "sumber", None
    if re.search(r"\bketerangan\b|\bket\b", low):
        return "keterangan", None
    money = _MONEY.search(low) is not None and _KINERJA.search(low) is None
    if _UNKNOWN_SEBELUM.search(low) and money:
        return "pagu_sebelum", year
    if (_SESUDAH.search(low) or re.fullmatch(r"\W*perubahan\W*", last)) and money:
        return "pagu_sesudah", year
    if _has("capaian", low):
        return ("persen" if money else "capaian"), year
    if _has("realisasi", low):
        if money:
            return ("persen" if _PCT.search(last) else "realisasi_anggaran"), year
        return ("capaian" if _PCT.fullmatch(last.strip(" ()")) else "realisasi"), year
    if _has("target", low):
        return ("anggaran" if money else "target"), year
    if money:
        return ("persen" if _PCT.search(last) else "anggaran"), year
    if re.search(r"\bsat(uan)?\b", low):
        return "satuan", None
    if re.search(r"\bindikator\b", low):
        return "indikator", None
    if re.search(r"\bsasaran\b|\btujuan\b", low):
        return "sasaran", None
    if re.search(r"\b(uraian|program|kegiatan|urusan|nama)\b", low):
        return "uraian", None
    return None, year


def column_name(role: str, year: int | None, tahun: int | None) -> str:
    """The model's name of a column: its role, with its year unless that is the report year."""
    if role in DATED and year is not None and (year != tahun or role in ALWAYS_DATED):
        return f"{role}_{year}"
    return role
