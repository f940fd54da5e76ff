"""An indicator of a random report: its Renstra targets per year, its realisasi, and how its
figures print (grades, levels, money, units)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from lkipsynth.random_report.agencies import Iku
from lkipsynth.random_report.figures import D, idn, q


@dataclass
class Indicator:
    name: str
    satuan: str
    kind: str
    smaller: bool
    dec: int
    sasaran: str
    renstra: dict[int, Decimal] = field(default_factory=dict)  # kondisi awal year too
    real: dict[int, Decimal] = field(default_factory=dict)
    cap_stated: Decimal = D(0)  # the capaian and kategori the capaian table prints (set there)
    kategori_stated: str = ""
    renstra_stated: Decimal | None = None  # the Renstra table's figure for tahun (cross_table)

    def text(self, v: Decimal, unit_words: bool = False, pct_sign: str = "") -> str:
        if self.kind == "sakip":
            letter = next(
                lbl
                for lo, lbl in (
                    (90, "AA"),
                    (80, "A"),
                    (70, "BB"),
                    (60, "B"),
                    (50, "CC"),
                    (30, "C"),
                    (-1, "D"),
                )
                if v >= lo
            )
            return f"{letter} ({idn(v, self.dec)})"
        if self.kind == "ikm":
            letter = next(
                lbl for lo, lbl in ((D("88.31"), "A"), (D("76.61"), "B"), (65, "C"), (-1, "D")) if v >= lo
            )
            return f"{letter} ({idn(v, self.dec)})"
        if self.kind == "level":
            return f"Level {int(v)} ({idn(v, 2)})"
        if self.kind == "money":
            return "Rp " + idn(v)
        s = idn(v, self.dec)
        if self.satuan == "%":
            return s + pct_sign
        if unit_words and self.kind.startswith("count"):
            return f"{s} {self.satuan}"
        return s


def draw_indicator(
    rng: random.Random, spec: Iku, sasaran: str, years: list[int], tahun: int
) -> Indicator:
    name, satuan, kind, smaller = spec
    dec = {
        "pct": rng.choice([0, 2, 2, 1]),
        "pct_low": 2,
        "index": 2,
        "index_small": 2,
        "ratio": 0,
        "ratio_small": 1,
        "count": 0,
        "count_small": 0,
        "sakip": rng.choice([0, 1, 2]),
        "ikm": 2,
        "level": 2,
        "money": 0,
    }[kind]
    ind = Indicator(name, satuan, kind, smaller, dec, sasaran)
    lo_hi = {
        "pct": (55, 98),
        "pct_low": (3, 25),
        "index": (55, 88),
        "index_small": (2.2, 9.5),
        "ratio": (70, 180),
        "ratio_small": (5, 25),
        "count": (40, 25000),
        "count_small": (2, 60),
        "sakip": (58, 82),
        "ikm": (72, 92),
        "level": (1.8, 3.6),
        "money": (5e9, 9e11),
    }[kind]
    base = rng.uniform(*lo_hi)
    step = (lo_hi[1] - lo_hi[0]) * rng.uniform(0.01, 0.05) * (-1 if smaller else 1)
    first = years[0] - 1
    for k, y in enumerate([first, *years]):
        v = base + step * k
        if kind == "money":
            v = round(v, -6)
        if kind == "level":
            v = min(v, 4.9)
        if kind == "pct":
            v = min(v, 100)
        ind.renstra[y] = q(max(v, 0.5 if dec else 1), dec)
    # realisasi of the years up to tahun: around the target, sometimes above
    for y in years:
        if y > tahun:
            break
        t = float(ind.renstra[y])
        ratio = rng.choice(
            [
                rng.uniform(0.6, 0.98),
                rng.uniform(0.9, 1.12),
                rng.uniform(0.97, 1.25),
                rng.uniform(0.85, 1.05),
                1.0,
            ]
        )
        if smaller:
            ratio = 2 - ratio if rng.random() < 0.7 else ratio
        v = t * ratio
        if kind == "pct" and not smaller:
            v = min(v, 100)
        if kind == "level":
            v = min(v, 4.99)
        if kind == "money":
            v = round(v, -3)
        ind.real[y] = q(max(v, 0.5 if dec else 1), dec)
    return ind
