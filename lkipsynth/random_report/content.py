"""What one random report is about, drawn once from its seed: the instansi, years, house choices
(font, scale, number formats, caption numbering), indicators, budget tree and which error kinds
to plant; and the list of planted errors the table builders add to."""

from __future__ import annotations

import random
from decimal import Decimal

from lkipsynth.random_report.agencies import AGENCIES, GENERIC_IKU, GENERIC_SASARAN
from lkipsynth.random_report.budget import Node, budget_tree
from lkipsynth.random_report.figures import MoneyStyle, idn
from lkipsynth.random_report.indicators import Indicator, draw_indicator
from lkipsynth.random_report.places import KABUPATEN, KECAMATAN, KOTA, PROVINSI
from lkipsynth.random_report.scales import SCALES
from lkipsynth.random_report.specs import PlantedSpec, TableStyle

FOOTERS = ["Halaman {page}", "- {page} -", "{page}", "Hal. {page}", "Halaman | {page}"]
BAB = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}

ERROR_KINDS = [
    "capaian",
    "category",
    "average",
    "total",
    "persen",
    "efisiensi",
    "cross_table",
    "narrative",
    "change",
]


class Gen:
    """One report's draws, in seed order (moving a draw changes every later one), and its planted
    errors."""

    budget_total_target: str  # 'budget' or 'pagu': the table a total slip goes to (set by document.build)
    root: Node  # the budget table's JUMLAH node (set by budget_tables.budget_table)

    def __init__(self, seed: int | str, index: int) -> None:
        self.rng = rng = random.Random(f"lkip-synth-random:{seed}:{index}")
        self.agency = ag = rng.choice(AGENCIES)
        self.level = rng.choice(ag.levels)
        if ag.short == "kecamatan":
            self.region = ("Kabupaten " if self.level == "kabupaten" else "Kota ") + rng.choice(
                KABUPATEN if self.level == "kabupaten" else KOTA
            )
            kec = rng.choice(KECAMATAN)
            self.instansi = f"Kecamatan {kec} {self.region}"
            self.short = f"kec-{kec}"
        else:
            place = {"kabupaten": KABUPATEN, "kota": KOTA, "provinsi": PROVINSI}[self.level]
            self.region = f"{self.level.capitalize()} {rng.choice(place)}"
            self.instansi = f"{ag.name} {self.region}"
            self.short = ag.short
        self.provinsi = self.level == "provinsi"
        self.tahun = rng.randint(2021, 2025)
        start = rng.choice(
            [y for y in (2019, 2021, 2022, 2024, 2025) if y <= self.tahun and self.tahun - y < 5]
        )
        self.years = list(range(start, start + 5 + (1 if rng.random() < 0.3 else 0)))
        self.font = rng.choice(["Times-Roman", "Helvetica"])
        self.font_size = rng.choice([9, 10, 10, 11, 11, 12])
        self.scale = rng.choice(list(SCALES))
        self.pct_sign = rng.choice(["", "%", " %"])
        self.unit_words = rng.random() < 0.25
        self.numbering = rng.choice(["flat", "flat", "deep", "roman"])
        self.table_no: dict[int, int] = {}
        self.planted: list[PlantedSpec] = []
        # sasaran and their indicators
        n_sas = rng.randint(2, 4)
        sasaran = list(ag.sasaran) + rng.sample(GENERIC_SASARAN, 2)
        sasaran = sasaran[:n_sas]
        pool = list(ag.iku)
        rng.shuffle(pool)
        generic = rng.sample(GENERIC_IKU, len(GENERIC_IKU))
        self.indicators: list[Indicator] = []
        for i, sas in enumerate(sasaran):
            specific = i < len(ag.sasaran)
            k = rng.randint(1, 3)
            for _ in range(k):
                src = pool if specific and pool else generic
                if not src:
                    break
                self.indicators.append(draw_indicator(rng, src.pop(), sas, self.years, self.tahun))
        self.programs = budget_tree(rng, ag.bidang, self.provinsi)
        # which errors to plant (2 to 4 kinds)
        self.plant = set(rng.sample(ERROR_KINDS, rng.randint(2, 4)))

    # --- helpers ---
    def caption(self, bab: int) -> str:
        self.table_no[bab] = self.table_no.get(bab, 0) + 1
        n = self.table_no[bab]
        if self.numbering == "deep" and bab == 3:
            return f"Tabel 3.1.{n}"
        if self.numbering == "roman":
            return f"Tabel {BAB[bab]}.{n}"
        return f"Tabel {bab}.{n}"

    def style(self) -> TableStyle:
        r = self.rng
        return {
            "style": r.choice(["grid", "grid", "grid", "horizontal", "horizontal", "none"]),
            "header_fill": r.random() < 0.35,
            "font_size": r.choice([s for s in (8, 8.5, 9, 9, 9.5, 10, 10, 11) if s <= self.font_size]),
            "padding": r.choice([3, 3.5, 4, 4.5, 5, 5.4, 6]),
            "caption_lines": r.choice([1, 2, 2]),
            "number_row": r.random() < 0.25,
            "repeat_header": r.random() < 0.6,
        }

    def money_style(self) -> MoneyStyle:
        r = self.rng
        return MoneyStyle(
            prefix=r.choice(["", "", "", "Rp ", "Rp. ", "Rp"]),
            suffix=r.choice(["", "", ",00", ",-"]),
            negative=r.choice(["paren", "paren", "minus"]),
        )

    def prose_money(self, v: Decimal | int) -> str:
        return self.rng.choice(["Rp ", "Rp. ", "Rp"]) + idn(v) + self.rng.choice(["", ",-", ",00"])

    def add_error(
        self,
        rule: str,
        table: str | None,
        row: str | None,
        fld: str | None,
        stated: object,
        expected: object,
        note: str,
    ) -> None:
        def num(v: object) -> object:
            return float(v) if isinstance(v, Decimal) else v

        self.planted.append(
            {
                "rule": rule,
                "table": table,
                "row": row,
                "field": fld,
                "stated": num(stated),
                "expected": num(expected),
                "note": note,
            }
        )
