"""The budget tree of a random report: programs / kegiatan / sub kegiatan from the nomenklatur,
with anggaran, realisasi and the pagu before perubahan on the leaves (every total is a sum)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from lkipsynth.random_report.figures import D
from lkipsynth.random_report.nomenklatur import children


@dataclass
class Node:
    """A budget line: program, kegiatan or sub kegiatan (leaves carry the figures)."""

    kode: str
    name: str
    level: str
    children: list[Node] = field(default_factory=list)
    leaf_ang: int = 0
    leaf_real: int = 0
    leaf_sebelum: int = 0
    over: dict[str, Decimal] = field(default_factory=dict)  # planted: field -> stated value

    def true(self, key: str) -> int:
        if not self.children:
            return {"anggaran": self.leaf_ang, "realisasi": self.leaf_real, "sebelum": self.leaf_sebelum}[key]
        return sum(c.true(key) for c in self.children)

    def stated(self, key: str) -> Decimal:
        return self.over.get(key, D(self.true(key)))

    def walk(self) -> list[Node]:
        return [self, *(n for c in self.children for n in c.walk())]


def _amount(rng: random.Random, lo: float, hi: float) -> int:
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    unit = rng.choice([1000, 50_000, 100_000, 1_000_000, 1])
    return max(unit, int(v // unit * unit))


def _realise(rng: random.Random, ang: int) -> int:
    if rng.random() < 0.08:
        return ang
    r = rng.choice([rng.uniform(0.72, 0.99), rng.uniform(0.9, 0.999), rng.uniform(0.95, 0.9999)])
    real = int(ang * r)
    if rng.random() < 0.5:
        real = real // 100 * 100
    return real


def budget_tree(rng: random.Random, bidang: str, provinsi: bool) -> list[Node]:
    programs = children(bidang, provinsi, "program")
    penunjang = next((p for p in programs if p["kode"].endswith(".01")), None)
    others = [p for p in programs if p is not penunjang and children(p["kode"], provinsi, "kegiatan")]
    chosen = rng.sample(others, min(len(others), rng.randint(1, 4)))
    chosen.sort(key=lambda p: p["kode"])
    out = []
    k_digit = "1" if provinsi else "2"
    if penunjang:
        name = penunjang["nama"]
        if provinsi:
            name = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"
        prog = Node(penunjang["kode"], name, "program")
        keg = [k for k in children("X.XX.01", provinsi, "kegiatan") if k["kode"].split(".")[3] == k_digit]
        for k in sorted(rng.sample(keg, min(len(keg), rng.randint(2, 4))), key=lambda r: r["kode"]):
            kode = bidang + k["kode"][4:]
            node = Node(kode, k["nama"], "kegiatan")
            subs = children(k["kode"], provinsi, "sub_kegiatan")
            for s in sorted(rng.sample(subs, min(len(subs), rng.randint(1, 3))), key=lambda r: r["kode"]):
                gaji = "Gaji" in s["nama"]
                ang = _amount(rng, 1.5e9, 2.5e10) if gaji else _amount(rng, 8e6, 9e8)
                node.children.append(
                    Node(
                        bidang + s["kode"][4:],
                        s["nama"],
                        "sub_kegiatan",
                        leaf_ang=ang,
                        leaf_real=_realise(rng, ang),
                    )
                )
            if node.children:
                prog.children.append(node)
        out.append(prog)
    for p in chosen:
        prog = Node(p["kode"], p["nama"], "program")
        keg = children(p["kode"], provinsi, "kegiatan")
        for k in sorted(rng.sample(keg, min(len(keg), rng.randint(1, 3))), key=lambda r: r["kode"]):
            node = Node(k["kode"], k["nama"], "kegiatan")
            subs = children(k["kode"], provinsi, "sub_kegiatan")
            for s in sorted(rng.sample(subs, min(len(subs), rng.randint(1, 3))), key=lambda r: r["kode"]):
                ang = _amount(rng, 1.5e7, 3e9)
                node.children.append(
                    Node(s["kode"], s["nama"], "sub_kegiatan", leaf_ang=ang, leaf_real=_realise(rng, ang))
                )
            if node.children:
                prog.children.append(node)
        if prog.children:
            out.append(prog)
    for prog in out:
        for n in prog.walk():
            if not n.children:
                change = rng.choice([1.0, 1.0, rng.uniform(0.85, 1.15)])
                n.leaf_sebelum = int(n.leaf_ang * change) // 1000 * 1000 or n.leaf_ang
    return out
