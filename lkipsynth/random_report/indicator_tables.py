"""The performance tables: rating scale, capaian kinerja per sasaran / indikator (with kategori
and Rata-rata), Renstra targets per year, and the multi-year comparison; the capaian, category,
average and cross_table errors are planted here."""

from __future__ import annotations

from lkipsynth.random_report.content import BAB, Gen
from lkipsynth.random_report.figures import D, capaian, idn, pct, q
from lkipsynth.random_report.indicators import Indicator
from lkipsynth.random_report.scales import SCALE_SOURCES, SCALES, band
from lkipsynth.random_report.slips import wrong_figure
from lkipsynth.random_report.specs import HeaderCellSpec, HeaderRow, RowSpec, TableSlip, TableSpec
from lkipsynth.random_report.table_parts import col, hcell, make_table


def scale_table(g: Gen) -> TableSpec:
    r = g.rng
    with_no = r.random() < 0.6
    cols = ([col("no", 0.4, "center")] if with_no else []) + [
        col("interval", 1.5, "center"),
        col("kategori", 1.4),
    ]
    head = (["No"] if with_no else []) + [
        r.choice(
            [
                "Interval Nilai Capaian (%)",
                "Skala Capaian (%)",
                "Interval Nilai Realisasi Kinerja",
                "Nilai Capaian",
            ]
        ),
        r.choice(["Kategori", "Kriteria Penilaian", "Predikat"]),
    ]
    rows: list[RowSpec] = [
        {"cells": ([str(i + 1)] if with_no else []) + [text, label]}
        for i, (text, label, _lo, _inc) in enumerate(SCALES[g.scale])
    ]
    t = make_table(
        g,
        3,
        r.choice(
            [
                "Kriteria Penilaian Capaian Kinerja",
                "Skala Nilai Peringkat Kinerja",
                "Kategori Capaian Kinerja",
            ]
        ),
        cols,
        [head],
        rows,
        r.choice(SCALE_SOURCES),
    )
    t["number_row"] = False
    return t


def capaian_table(g: Gen) -> tuple[TableSpec, list[str]]:
    """Capaian kinerja per sasaran / indikator; returns the table and prose quoting it."""
    r, tahun = g.rng, g.tahun
    inds = g.indicators
    with_kat = "category" in g.plant or r.random() < 0.8
    with_avg = "average" in g.plant or r.random() < 0.6
    with_satuan = r.random() < 0.8
    mode = r.choice(["span", "span", "first", "section", "none"])
    sign = r.choice(["", "%", g.pct_sign])
    # stated capaian and kategori, with the planted errors
    for ind in inds:
        ind.cap_stated = capaian(ind.renstra[tahun], ind.real[tahun], ind.smaller)
    errors: list[TableSlip] = []
    if "capaian" in g.plant:
        ind = r.choice(inds)
        right = ind.cap_stated
        if ind.smaller and r.random() < 0.5:
            wrong = capaian(ind.renstra[tahun], ind.real[tahun], False)  # the short formula
            note = "the short formula used for a smaller-is-better indicator"
        else:
            wrong = wrong_figure(r, right, 2)
            note = f"{idn(ind.real[tahun], ind.dec)} / {idn(ind.renstra[tahun], ind.dec)} x 100"
        if wrong != right and wrong > 0:
            ind.cap_stated = wrong
            errors.append(TableSlip("capaian", ind.name, "capaian", wrong, right, note))
    for ind in inds:
        ind.kategori_stated = band(g.scale, float(ind.cap_stated))
    if "category" in g.plant and with_kat:
        ind = r.choice(inds)
        bands = [b[1] for b in SCALES[g.scale]]
        k = bands.index(ind.kategori_stated)
        wrong_band = bands[k + 1] if k + 1 < len(bands) and (k == 0 or r.random() < 0.5) else bands[k - 1]
        errors.append(
            TableSlip(
                "category",
                ind.name,
                "kategori",
                wrong_band,
                ind.kategori_stated,
                f"{idn(ind.cap_stated, 2)}% lies in '{ind.kategori_stated}' of the scale",
            )
        )
        ind.kategori_stated = wrong_band
    avg = q(sum(i.cap_stated for i in inds) / len(inds), 2)
    avg_stated = avg
    if "average" in g.plant and with_avg and len(inds) >= 2:
        avg_stated = wrong_figure(r, avg, 2)
        errors.append(
            TableSlip(
                "average",
                "Rata-rata",
                "capaian",
                avg_stated,
                avg,
                "mean of " + ", ".join(idn(i.cap_stated, 2) for i in inds),
            )
        )
    # layout
    cols = [col("no", 0.3, "center")]
    if mode in ("span", "first"):
        cols.append(col("sasaran", 1.8))
    cols.append(col("indikator", 2.2))
    if with_satuan:
        cols.append(col("satuan", 0.7, "center"))
    cols += [col("target", 0.8, "center"), col("realisasi", 0.8, "center"), col("capaian", 0.8, "center")]
    if with_kat:
        cols.append(col("kategori", 0.9, "center"))
    names = [c["name"] for c in cols]
    labels = {
        "no": "No",
        "sasaran": r.choice(["Sasaran Strategis", "Sasaran"]),
        "indikator": r.choice(["Indikator Kinerja", "Indikator Kinerja Utama", "Indikator Sasaran"]),
        "satuan": "Satuan",
        "target": "Target",
        "realisasi": "Realisasi",
        "capaian": r.choice(["Capaian (%)", "Capaian", "% Capaian"]),
        "kategori": r.choice(["Kategori", "Predikat", "Kriteria"]),
    }
    header: list[HeaderRow]
    if r.random() < 0.5:
        header = [[labels[n] for n in names]]
    else:
        first = names.index("target")
        header = [
            [hcell(labels[n], rs=2) for n in names[:first]]
            + [hcell(f"Tahun {tahun}", cs=len(names) - first)],
            [labels[n] for n in names[first:]],
        ]
    rows: list[RowSpec] = []
    groups: dict[str, list[Indicator]] = {}
    for ind in inds:
        groups.setdefault(ind.sasaran, []).append(ind)
    n = 0
    for gi, (sas, members) in enumerate(groups.items()):
        if mode == "section":
            cells = [str(gi + 1) if r.random() < 0.5 else BAB.get(gi + 1, str(gi + 1)), f"Sasaran: {sas}"] + [
                ""
            ] * (len(names) - 2)
            rows.append({"cells": cells, "role": "section", "merge": [[names[1], names[-1]]]})
        for k, ind in enumerate(members):
            n += 1
            row = {
                "no": str(gi + 1) if mode in ("span", "first") else str(n),
                "sasaran": sas,
                "indikator": ind.name,
                "satuan": ind.satuan,
                "target": ind.text(ind.renstra[tahun], g.unit_words and not with_satuan, sign),
                "realisasi": ind.text(ind.real[tahun], g.unit_words and not with_satuan, sign),
                "capaian": pct(ind.cap_stated, 2, sign),
                "kategori": ind.kategori_stated,
            }
            if mode in ("span", "first") and k:
                row["no"] = row["sasaran"] = ""
            entry: RowSpec = {"cells": [row[c] for c in names]}
            if mode == "span" and not k and len(members) > 1:
                entry["row_span"] = {"no": len(members), "sasaran": len(members)}
            rows.append(entry)
    if with_avg:
        cells = [""] * len(names)
        cells[0] = r.choice(["Rata-rata Capaian Kinerja", "Rata-rata", "Rata-rata capaian kinerja sasaran"])
        cells[names.index("capaian")] = pct(avg_stated, 2, sign)
        if with_kat:
            cells[names.index("kategori")] = band(g.scale, float(avg_stated))
        rows.append({"cells": cells, "role": "average", "merge": [["no", names[names.index("capaian") - 1]]]})
    t = make_table(
        g,
        3,
        r.choice(
            [
                f"Capaian Kinerja Sasaran Strategis Tahun {tahun}",
                f"Pengukuran Capaian Indikator Kinerja Utama Tahun {tahun}",
                f"Capaian Kinerja {g.instansi} Tahun {tahun}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: Hasil pengukuran kinerja, {tahun}", "Sumber: Data diolah"]),
    )
    caption_id = t["caption"]
    for rule, label, fld, stated, expected, note in errors:
        if rule == "average":
            label = cells[0]
        g.add_error(rule, caption_id, label, fld, stated, expected, note)
    prose = []
    if with_avg:
        prose.append(
            f"Dari {caption_id} dapat dilihat bahwa rata-rata capaian kinerja {g.instansi} Tahun "
            f"{tahun} sebesar {idn(avg_stated, 2)}%"
            + (f" dengan kategori {band(g.scale, float(avg_stated))}." if with_kat else ".")
        )
    ind = r.choice(inds)
    unit = "" if ind.satuan in ("%",) or ind.kind in ("sakip", "ikm", "level", "money") else f" {ind.satuan}"
    pc = "%" if ind.satuan == "%" else ""
    prose.append(
        f"Indikator {ind.name} terealisasi sebesar {ind.text(ind.real[tahun])}{pc}{unit} dari target "
        f"{ind.text(ind.renstra[tahun])}{pc}{unit}, atau capaian {idn(ind.cap_stated, 2)}%."
    )
    return t, prose


def renstra_table(g: Gen) -> TableSpec:
    r, tahun = g.rng, g.tahun
    ys = g.years
    first = ys[0] - 1
    if "cross_table" in g.plant:
        ind = r.choice(g.indicators)
        right = ind.renstra[tahun]
        wrong = wrong_figure(r, right, ind.dec)
        if ind.kind == "level":
            wrong = min(max(wrong, D("1.00")), D("4.99"))
        if wrong != right and wrong > 0:
            ind.renstra_stated = wrong
    with_satuan = r.random() < 0.8
    cols = [col("no", 0.3, "center"), col("indikator", 2.6)]
    if with_satuan:
        cols.append(col("satuan", 0.8, "center"))
    cols.append(col("kondisi_awal", 0.9, "center"))
    cols += [col(f"target_{y}", 0.8, "center") for y in ys]
    lead = ["No", "Indikator Kinerja"] + (["Satuan"] if with_satuan else [])
    header: list[HeaderRow]
    awal = r.choice([f"Kondisi Awal ({first})", f"Kondisi Awal {first}", "Kondisi Awal"])
    if r.random() < 0.6:
        header = [
            [hcell(x, rs=2) for x in lead]
            + [
                hcell(awal, rs=2),
                hcell(r.choice(["Target Kinerja Tahun ke-", "Target Kinerja", "Target Tahun"]), cs=len(ys)),
            ],
            [str(y) for y in ys],
        ]
    else:
        header = [lead + [awal] + [f"Target {y}" for y in ys]]
    rows: list[RowSpec] = []
    sign = r.choice(["", g.pct_sign])
    for i, ind in enumerate(g.indicators):
        vals = []
        for y in ys:
            v = ind.renstra_stated if y == tahun and ind.renstra_stated is not None else ind.renstra[y]
            vals.append(ind.text(v, False, sign))
        rows.append(
            {
                "cells": [str(i + 1), ind.name]
                + ([ind.satuan] if with_satuan else [])
                + [ind.text(ind.renstra[first], False, sign)]
                + vals
            }
        )
    t = make_table(
        g,
        2,
        r.choice(
            [
                f"Target Kinerja Indikator Sasaran Renstra Tahun {ys[0]}-{ys[-1]}",
                f"Indikator Kinerja Utama dan Target Renstra {ys[0]}-{ys[-1]}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, f"Sumber: Renstra {g.instansi} {ys[0]}-{ys[-1]}"]),
    )
    for ind in g.indicators:
        if ind.renstra_stated is not None:
            g.add_error(
                "cross_table",
                t["caption"],
                ind.name,
                "target",
                ind.renstra_stated,
                ind.renstra[tahun],
                f"Renstra {tahun} target {idn(ind.renstra_stated, ind.dec)} vs "
                f"{idn(ind.renstra[tahun], ind.dec)} in the capaian table",
            )
    return t


def comparison_table(g: Gen) -> TableSpec | None:
    r, tahun = g.rng, g.tahun
    ys = [y for y in g.years if y <= tahun][-3:]
    if len(ys) < 2:
        return None
    inds = [i for i in g.indicators]
    cols = [col("no", 0.3, "center"), col("indikator", 2.4)]
    variant = r.choice(["years_over", "years_over", "years_under"])
    sign = r.choice(["", g.pct_sign])
    all_cap = r.random() < 0.5
    header: list[HeaderRow]
    if variant == "years_over":
        header0: list[HeaderCellSpec] = [hcell("No", rs=2), hcell("Indikator Kinerja", rs=2)]
        header1: list[str] = []
        for y in ys:
            parts = ["target", "realisasi"] + (["capaian"] if all_cap or y == tahun else [])
            cols += [col(f"{p}_{y}", 0.75, "center") for p in parts]
            header0.append(hcell(f"Tahun {y}" if r.random() < 0.7 else str(y), cs=len(parts)))
            header1 += [
                {"target": "Target", "realisasi": "Realisasi", "capaian": "Capaian (%)"}[p] for p in parts
            ]
        header = [header0, header1]
    else:
        cols += [col(f"target_{y}", 0.7, "center") for y in ys] + [
            col(f"realisasi_{y}", 0.7, "center") for y in ys
        ]
        cols.append(col(f"capaian_{tahun}", 0.8, "center"))
        header = [
            [
                hcell("No", rs=2),
                hcell("Indikator Kinerja", rs=2),
                hcell("Target", cs=len(ys)),
                hcell("Realisasi", cs=len(ys)),
                hcell(f"Capaian {tahun} (%)", rs=2),
            ],
            [str(y) for y in ys] * 2,
        ]
    names = [c["name"] for c in cols]
    rows: list[RowSpec] = []
    for i, ind in enumerate(inds):
        vals = {"no": str(i + 1), "indikator": ind.name}
        for y in ys:
            vals[f"target_{y}"] = ind.text(ind.renstra[y], False, sign)
            vals[f"realisasi_{y}"] = ind.text(ind.real[y], False, sign)
            vals[f"capaian_{y}"] = pct(capaian(ind.renstra[y], ind.real[y], ind.smaller), 2, sign)
        rows.append({"cells": [vals[n] for n in names]})
    return make_table(
        g,
        3,
        r.choice(
            [
                f"Perbandingan Target dan Realisasi Kinerja Tahun {ys[0]} s.d. {ys[-1]}",
                f"Perbandingan Capaian Kinerja Tahun {ys[0]}-{ys[-1]}",
            ]
        ),
        cols,
        header,
        rows,
        r.choice([None, "Sumber: LKjIP tahun sebelumnya, diolah"]),
    )
