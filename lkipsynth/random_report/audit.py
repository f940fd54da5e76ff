"""What does not add up in a truth's tables, recomputed from the printed cells: on a generated
truth it finds exactly the planted table errors (prose is not read)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from lkipsynth.random_report.agencies import AGENCIES, GENERIC_IKU
from lkipsynth.random_report.figures import D, capaian, parse, q
from lkipsynth.random_report.scales import SCALES, band
from lkipsynth.truth import BodyRow, Table, Truth

SMALLER_IS_BETTER = {spec.name for ag in AGENCIES for spec in ag.iku if spec.smaller} | {
    spec.name for spec in GENERIC_IKU if spec.smaller
}


@dataclass(frozen=True)
class Discrepancy:
    rule: str
    table: str
    row: str
    field: str
    stated: object
    expected: object


def _scale_of(truth: Truth) -> str | None:
    for placed in truth.tables():
        t = placed.table
        names = [c.name for c in t.columns]
        if "interval" in names:
            texts = [row.cells[names.index("interval")] for row in t.rows]
            for key, bands in SCALES.items():
                if texts == [b[0] for b in bands]:
                    return key
    return None


def audit(truth: Truth) -> list[Discrepancy]:
    """Every figure of the truth's tables that its own arithmetic contradicts: capaian, kategori
    (against the document's scale), averages, totals (bottom-up from the leaves), %, efisiensi,
    selisih, and targets that differ between tables. Prose is not read."""
    out: list[Discrepancy] = []
    scale = _scale_of(truth)
    targets: dict[str, tuple[str, Decimal]] = {}  # indikator -> (table, capaian-table target)
    renstra: list[tuple[str, str, str, Decimal]] = []
    tahun = truth.tahun

    def add(rule: str, table: str, row: str, fld: str, stated: object, expected: object) -> None:
        out.append(Discrepancy(rule, table, row, fld, stated, expected))

    for placed in truth.tables():
        t = placed.table
        names = [c.name for c in t.columns]
        tid = t.id

        def cell(row: BodyRow, name: str, names: list[str] = names) -> str:
            return row.cells[names.index(name)] if name in names else ""

        def val(row: BodyRow, name: str, names: list[str] = names) -> Decimal | None:
            return parse(cell(row, name)) if name in names else None

        data = [row for row in t.rows if row.role == "data"]
        # capaian: this year's table, and every year of a comparison table
        pairs = [("target", "realisasi", "capaian")] + [
            (f"target_{y}", f"realisasi_{y}", f"capaian_{y}")
            for y in range(2000, 2100)
            if f"capaian_{y}" in names
        ]
        for tn, rn, cn in pairs:
            if not {tn, rn, cn} <= set(names):
                continue
            for row in data:
                name = cell(row, "indikator")
                tv, rv, cv = val(row, tn), val(row, rn), val(row, cn)
                if tv is None or rv is None or cv is None:
                    continue
                exp = capaian(tv, rv, name in SMALLER_IS_BETTER)
                if cv != exp:
                    add("capaian", tid, name, "capaian", float(cv), float(exp))
        if {"target", "realisasi", "capaian"} <= set(names):
            for row in data:
                tv = val(row, "target")
                if tv is not None:
                    targets[cell(row, "indikator")] = (tid, tv)
            caps = [c for row in data if (c := val(row, "capaian")) is not None]  # every data row has one
            for row in t.rows:
                cv = val(row, "capaian")
                if cv is None or row.role not in ("data", "average"):
                    continue
                if row.role == "average":
                    mean = q(sum(caps) / len(caps), 2)
                    if cv != mean:
                        add("average", tid, row.cells[0], "capaian", float(cv), float(mean))
                if scale and "kategori" in names:
                    want = band(scale, float(cv))
                    if cell(row, "kategori") != want:
                        label = row.cells[0] if row.role == "average" else cell(row, "indikator")
                        add("category", tid, label, "kategori", cell(row, "kategori"), want)
        if "kondisi_awal" in names and f"target_{tahun}" in names:
            for row in data:
                v = val(row, f"target_{tahun}")
                if v is not None:
                    renstra.append((tid, cell(row, "indikator"), "target", v))
        # budget lines
        rc = "realisasi_anggaran" if "realisasi_anggaran" in names else "realisasi"
        if "anggaran" in names and rc in names:
            label_col = next(n for n in ("uraian", "program") if n in names)
            for row in t.rows:
                a, rv = val(row, "anggaran"), val(row, rc)
                if a is None or rv is None:
                    continue
                label = row.cells[0] if row.role == "total" else cell(row, label_col)
                p = val(row, "persen")
                if p is not None and a and p != q(rv / a * 100, 2):
                    add("persen", tid, label, "persen", float(p), float(q(rv / a * 100, 2)))
                e = val(row, "efisiensi")
                if e is not None and e != a - rv:
                    add("efisiensi", tid, label, "efisiensi", float(e), float(a - rv))
                te = val(row, "tingkat_efisiensi")
                cv = val(row, "capaian")
                if te is not None and cv is not None and p is not None and te != cv - p:
                    add("efisiensi", tid, label, "tingkat_efisiensi", float(te), float(cv - p))
            _audit_totals(t, names, ["anggaran", rc], label_col, add)
        if "pagu_sebelum" in names:
            for row in t.rows:
                a, b, d, p = (
                    val(row, n) for n in ("pagu_sebelum", "pagu_sesudah", "selisih", "selisih_persen")
                )
                if a is None or b is None or d is None or p is None:
                    continue
                label = row.cells[0] if row.role == "total" else cell(row, "program")
                if d != b - a:
                    add("change", tid, label, "selisih", float(d), float(b - a))
                if a and p != q(d / a * 100, 2):
                    add("change", tid, label, "selisih_persen", float(p), float(q(d / a * 100, 2)))
            _audit_totals(t, names, ["pagu_sebelum", "pagu_sesudah"], "program", add)
        # a comparison table's figures of this year are the capaian table's
    for tid, name, fld, v in renstra:
        if name in targets and targets[name][1] != v:
            add("cross_table", tid, name, fld, float(v), float(targets[name][1]))
    return out


Add = Callable[[str, str, str, str, object, object], None]


def _figure(text: str) -> Decimal:
    """A printed budget figure that totals are made of (every budget line prints one)."""
    v = parse(text)
    if v is None:
        raise ValueError(f"not a figure: {text!r}")
    return v


def _audit_totals(t: Table, names: list[str], fields: list[str], label_col: str, add: Add) -> None:
    """Totals bottom-up: a code's expected figure is the sum of its children's expected figures
    (a leaf's is what is printed); the total row's is the sum of the top lines."""
    data = [row for row in t.rows if row.role == "data"]
    for fld in fields:
        k = names.index(fld)
        printed = {i: _figure(row.cells[k]) for i, row in enumerate(data)}
        expected: dict[int, Decimal] = {}
        if "kode" in names:
            codes = [row.cells[names.index("kode")] for row in data]
            for i in sorted(range(len(data)), key=lambda i: -len(codes[i].split("."))):
                kids = [
                    j
                    for j, c in enumerate(codes)
                    if c.startswith(codes[i] + ".")
                    and len(c.split("."))
                    == min(len(x.split(".")) for x in codes if x.startswith(codes[i] + "."))
                ]
                if kids:
                    expected[i] = sum((expected[j] for j in kids), D(0))
                    if printed[i] != expected[i]:
                        add(
                            "total",
                            t.id,
                            data[i].cells[names.index(label_col)],
                            fld,
                            float(printed[i]),
                            float(expected[i]),
                        )
                else:
                    expected[i] = printed[i]
            depth = min(len(c.split(".")) for c in codes)
            top = [i for i, c in enumerate(codes) if len(c.split(".")) == depth]
        else:
            expected = dict(printed)
            top = list(expected)
        for row in t.rows:
            if row.role == "total":
                v = _figure(row.cells[k])
                want = sum((expected[i] for i in top), D(0))
                if v != want:
                    add("total", t.id, row.cells[0], fld, float(v), float(want))
