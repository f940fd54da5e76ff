"""Programs, kegiatan and sub kegiatan picked from the packaged nomenklatur (1317/2023 for
kabupaten/kota, SIPD 2027 for provinsi), so the codes and names are real ones."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import lkip

NOMENKLATUR = Path(lkip.__file__).resolve().parent / "data" / "nomenklatur.csv"  # the packaged copy


@lru_cache(maxsize=1)
def _nomenklatur() -> dict[str, list[dict[str, str]]]:
    """parent code -> child rows."""
    kids: dict[str, list[dict[str, str]]] = {}
    with NOMENKLATUR.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            kids.setdefault(row["parent_kode"], []).append(row)
    return kids


def children(code: str, provinsi: bool, level: str) -> list[dict[str, str]]:
    """The regular (kegiatan digit 1 provinsi / 2 kab/kota) children of ``code`` at ``level``."""
    out = []
    digit = "1" if provinsi else "2"
    for row in _nomenklatur().get(code, []):
        if row["level"] != level:
            continue
        if provinsi:
            if "provinsi" not in row["tingkat"] or row["ada_sipd_2027"] != "1":
                continue
        elif "kabkota" not in row["tingkat"] or row["ada_1317_2023"] != "1":
            continue
        parts = row["kode"].split(".")
        if level != "program" and (len(parts) < 4 or parts[3] != digit):
            continue
        out.append(row)
    return out
