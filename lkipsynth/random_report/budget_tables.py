"""The budget tables: realisasi anggaran per program (or per program / kegiatan / sub kegiatan),
pagu before / after perubahan, and efisiensi; with the prose quoting their totals (narrative and
change errors planted there)."""

from __future__ import annotations

from decimal import Decimal

from lkipsynth.random_report.budget import Node
from lkipsynth.random_report.content import Gen
from lkipsynth.random_report.figures import D, MoneyStyle, idn, pct, q
from lkipsynth.random_report.slips import BudgetSlip, plant_budget, wrong_figure
from lkipsynth.random_report.specs import HeaderRow, RowSpec, TableSpec
from lkipsynth.random_report.table_parts import col, hcell, make_table, title_case


def _line_figures(n: Node) -> dict[str, Decimal]:
    ang, real = n.stated("anggaran"), n.stated("realisasi")
    return {
        "anggaran": ang,
        "realisasi": real,
        "persen": n.over.get("persen", q(real / ang * 100, 2) if ang else D(0)),
        "efisiensi": n.over.get("efisiensi", ang - real),
    }


def budget_table(g: Gen, detail: bool) -> tuple[TableSpec, list[str]]:
    r, tahun = g.rng, g.tahun
    root = Node("", "JUMLAH", "total", children=g.programs)
    g.root = root
    last = r.choice(["efisiensi", "efisiensi", "sisa", None])
    fields = ["anggaran", "realisasi", "persen"] + (["efisiensi"] if last else [])
    pending: list[BudgetSlip] = []
    plant_budget(g, root, pending, fields, detail)
    money = g.money_style()
    sign = r.choice(["", "%", g.pct_sign])
    cols = [col("kode", 0.9)] if detail else [col("no", 0.3, "center")]
    cols += [
        col("uraian" if detail else "program", 3),
        col("anggaran", 1.2, "right"),
        col("realisasi", 1.2, "right"),
        col("persen", 0.6, "center"),
    ]
    if last:
        cols.append(col("efisiensi", 1.1, "right"))
    lab_last = {
        "efisiensi": r.choice(["Efisiensi (Rp)", "Efisiensi"]),
        "sisa": r.choice(["Sisa Anggaran (Rp)", "Sisa"]),
    }
    first = ["Kode" if detail else "No", "Program/ Kegiatan/ Sub Kegiatan" if detail else "Program"]
    header: list[HeaderRow]
    if r.random() < 0.5:
        header = [
            first
            + [
                r.choice(["Anggaran (Rp)", "Pagu Anggaran (Rp)", "Anggaran"]),
                r.choice(["Realisasi (Rp)", "Realisasi"]),
                r.choice(["%", "Capaian (%)", "% Realisasi"]),
            ]
            + ([lab_last[last]] if last else [])
        ]
    else:
        header = [
            [hcell(x, rs=2) for x in first]
            + [hcell(f"Anggaran Tahun {tahun}" if r.random() < 0.5 else "Anggaran", cs=3)]
            + ([hcell(lab_last[last], rs=2)] if last else []),
            ["Pagu (Rp)", "Realisasi (Rp)", "%"],
        ]
    upper = r.random() < 0.7
    rows: list[RowSpec] = []
    lines = [n for p in g.programs for n in (p.walk() if detail else [p])]
    for k, n in enumerate(lines):
        f = _line_figures(n)
        name = n.name if (n.level != "program" or upper) else title_case(n.name)
        if not detail:
            name = title_case(n.name) if r.random() < 0.8 else n.name
        cells = [
            n.kode if detail else str(k + 1),
            name,
            money(f["anggaran"]),
            money(f["realisasi"]),
            pct(f["persen"], 2, sign),
        ] + ([money(f["efisiensi"])] if last else [])
        rows.append({"cells": cells})
    f = _line_figures(root)
    total_label = r.choice(["JUMLAH", "TOTAL", "JUMLAH TOTAL", "Jumlah"])
    rows.append(
        {
            "cells": [total_label, "", money(f["anggaran"]), money(f["realisasi"]), pct(f["persen"], 2, sign)]
            + ([money(f["efisiensi"])] if last else []),
            "role": "total",
            "merge": [[cols[0]["name"], cols[1]["name"]]],
        }
    )
    t = make_table(
        g,
        3,
        r.choice(
            [
                f"Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan TA {tahun}",
                f"Realisasi Anggaran {g.instansi} Tahun {tahun}",
            ]
        )
        if detail
        else f"Realisasi Anggaran per Program Tahun {tahun}",
        cols,
        header,
        rows,
        r.choice(
            [
                None,
                f"Sumber: Laporan Realisasi Anggaran TA {tahun}",
                f"Sumber: DPA {tahun} dan LRA (unaudited)",
            ]
        ),
    )
    for rule, node, fld, wrong, right, note in pending:
        label = total_label if node is root else rows[lines.index(node)]["cells"][1]
        g.add_error(rule, t["caption"], label, fld, wrong, right, note)
    # prose quoting the totals (maybe with a planted slip)
    quoted = {"anggaran": f["anggaran"], "realisasi": f["realisasi"], "persen": f["persen"]}
    if last == "efisiensi":
        quoted["efisiensi"] = f["efisiensi"]
    said = dict(quoted)
    if "narrative" in g.plant:
        fld = r.choice(list(quoted))
        said[fld] = wrong_figure(r, quoted[fld], 2 if fld == "persen" else 0)
        g.add_error(
            "narrative",
            t["caption"],
            total_label,
            fld,
            said[fld],
            quoted[fld],
            f"the prose says {idn(said[fld], 2 if fld == 'persen' else 0)}, the table "
            f"{idn(quoted[fld], 2 if fld == 'persen' else 0)}",
        )
    text = (
        f"Realisasi anggaran {g.instansi} Tahun {tahun} sebesar {g.prose_money(said['realisasi'])} dari "
        f"total anggaran {g.prose_money(said['anggaran'])} atau {idn(said['persen'], 2)}%"
    )
    text += f", dengan efisiensi sebesar {g.prose_money(said['efisiensi'])}." if "efisiensi" in said else "."
    return t, [text]


def pagu_table(g: Gen) -> tuple[TableSpec, list[str]]:
    r, tahun = g.rng, g.tahun
    money = g.money_style()
    neg = r.choice(["paren", "minus"])
    progs = g.programs
    seb = {id(p): D(p.true("sebelum")) for p in progs}
    ses = {id(p): D(p.true("anggaran")) for p in progs}
    tot_seb, tot_ses = sum(seb.values(), D(0)), sum(ses.values(), D(0))
    over: dict[str, Decimal] = {}
    pending: list[tuple[str, str, Decimal, Decimal]] = []  # rule, field, stated, right
    if "total" in g.plant and g.budget_total_target == "pagu":
        fld = r.choice(["pagu_sebelum", "pagu_sesudah"])
        right = tot_seb if fld == "pagu_sebelum" else tot_ses
        wrong = wrong_figure(r, right, 0)
        over[fld] = wrong
        pending.append(("total", fld, wrong, right))
    cols = [
        col("no", 0.3, "center"),
        col("program", 3),
        col("pagu_sebelum", 1.2, "right"),
        col("pagu_sesudah", 1.2, "right"),
        col("selisih", 1.1, "right"),
        col("selisih_persen", 0.7, "center"),
    ]
    header: list[HeaderRow] = [
        [
            hcell("No", rs=2),
            hcell("Program", rs=2),
            hcell("Pagu Anggaran", cs=2),
            hcell(r.choice(["Bertambah/ (Berkurang)", "Selisih", "Perubahan"]), cs=2),
        ],
        [r.choice(["Sebelum Perubahan", "Murni"]), r.choice(["Setelah Perubahan", "Perubahan"]), "Rp", "%"],
    ]

    def fig(a: Decimal, b: Decimal) -> list[str]:
        d = b - a
        p = q(d / a * 100, 2) if a else D(0)
        shown_p = pct(p, 2) if p >= 0 or neg == "paren" else "-" + idn(-p, 2)
        return [money(a), money(b), MoneyStyle("", money.suffix, neg)(d), shown_p]

    rows: list[RowSpec] = []
    for k, p in enumerate(progs):
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    title_case(p.name) if r.random() < 0.7 else p.name,
                    *fig(seb[id(p)], ses[id(p)]),
                ]
            }
        )
    a = over.get("pagu_sebelum", tot_seb)
    b = over.get("pagu_sesudah", tot_ses)
    label = r.choice(["JUMLAH", "TOTAL"])
    rows.append({"cells": [label, "", *fig(a, b)], "role": "total", "merge": [["no", "program"]]})
    t = make_table(
        g,
        2,
        f"Pagu Anggaran Sebelum dan Setelah Perubahan per Program TA {tahun}",
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: DPA dan DPPA {tahun}"]),
    )
    for rule, fld, wrong, right in pending:
        g.add_error(
            rule, t["caption"], label, fld, wrong, right, f"the {len(progs)} programs add up to {idn(right)}"
        )
    d = b - a
    right_p = q(abs(d) / a * 100, 2)
    said_p = right_p
    if "change" in g.plant and d != 0:
        said_p = q(abs(d) / b * 100, 2)  # taken against the new amount
        if abs(said_p - right_p) < D("0.2"):
            said_p = wrong_figure(r, right_p, 2)
        g.add_error(
            "change",
            t["caption"],
            None,
            "persen",
            said_p,
            right_p,
            f"{idn(abs(d))} / {idn(a)} = {idn(right_p, 2)}%",
        )
    verb = "bertambah" if d > 0 else "berkurang"
    text = (
        f"Pagu anggaran {g.instansi} Tahun {tahun} semula sebesar {g.prose_money(a)} dan setelah perubahan "
        f"menjadi {g.prose_money(b)}"
    )
    text += f" atau {verb} sebesar {g.prose_money(abs(d))} ({idn(said_p, 2)}%)." if d else "."
    return t, [text + f" Rincian per program disajikan pada {t['caption']}."]


def efisiensi_table(g: Gen) -> TableSpec:
    r, tahun = g.rng, g.tahun
    money = g.money_style()
    variant = r.choice(["rp", "poin"])
    cols = [
        col("no", 0.3, "center"),
        col("program", 2.6),
        col("capaian", 0.8, "center"),
        col("anggaran", 1.2, "right"),
        col("realisasi_anggaran", 1.2, "right"),
        col("persen", 0.7, "center"),
        col(
            "efisiensi" if variant == "rp" else "tingkat_efisiensi",
            1.0,
            "right" if variant == "rp" else "center",
        ),
    ]
    header: list[HeaderRow] = [
        [
            hcell("No", rs=2),
            hcell("Program", rs=2),
            hcell("Capaian Kinerja (%)", rs=2),
            hcell("Anggaran", cs=3),
            hcell("Efisiensi (Rp)" if variant == "rp" else "Tingkat Efisiensi (%)", rs=2),
        ],
        ["Pagu (Rp)", "Realisasi (Rp)", "%"],
    ]
    rows: list[RowSpec] = []
    for k, p in enumerate(g.programs):
        cap = q(r.uniform(80, 112), 2)
        ang, real = p.stated("anggaran"), p.stated("realisasi")
        per = q(real / ang * 100, 2)
        last = money(ang - real) if variant == "rp" else pct(cap - per, 2)
        rows.append(
            {
                "cells": [
                    str(k + 1),
                    title_case(p.name),
                    pct(cap, 2),
                    money(ang),
                    money(real),
                    pct(per, 2),
                    last,
                ]
            }
        )
    return make_table(
        g,
        3,
        f"Analisis Efisiensi Penggunaan Sumber Daya Tahun {tahun}",
        cols,
        header,
        rows,
        r.choice([None, "Sumber: Data diolah"]),
    )
