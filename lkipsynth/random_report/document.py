"""The report in order: cover, BAB I-IV with the tables each kind of report has, and the
prose around them; returns the Truth metadata and the page groups."""

from __future__ import annotations

from lkipsynth.random_report.budget_tables import budget_table, efisiensi_table, pagu_table
from lkipsynth.random_report.content import FOOTERS, Gen
from lkipsynth.random_report.indicator_tables import (
    capaian_table,
    comparison_table,
    renstra_table,
    scale_table,
)
from lkipsynth.random_report.layout import Group
from lkipsynth.random_report.prose import FILLER, heading, para
from lkipsynth.random_report.specs import TextBlock, TruthMeta


def build(g: Gen) -> tuple[TruthMeta, list[Group]]:
    r, tahun = g.rng, g.tahun
    plant = g.plant
    has_renstra = "cross_table" in plant or r.random() < 0.7
    has_pagu = "change" in plant or r.random() < 0.45
    has_cmp = r.random() < 0.6
    detail = r.random() < 0.65
    has_eff = r.random() < 0.35
    g.budget_total_target = "pagu" if has_pagu and r.random() < 0.35 else "budget"
    lk = r.choice(["LKjIP", "LKIP", "LKj"])
    groups: list[Group] = []
    title: list[TextBlock] = [
        {"type": "title", "text": f"LAPORAN KINERJA INSTANSI PEMERINTAH\n({lk})\nTAHUN {tahun}"},
        {
            "type": "title",
            "text": g.instansi.upper().replace(f" {g.region.upper()}", f"\n{g.region.upper()}"),
        },
        para(
            f"Laporan Kinerja Instansi Pemerintah ({lk}) {g.instansi} Tahun {tahun} disusun sebagai "
            "wujud pertanggungjawaban pelaksanaan tugas dan fungsi dalam mencapai sasaran strategis "
            f"yang ditetapkan dalam Rencana Strategis {g.years[0]}-{g.years[-1]}."
        ),
    ]
    cover = Group(title)
    groups.append(cover)
    groups.append(
        Group(
            [
                heading("BAB I\nPENDAHULUAN"),
                heading("1.1 Latar Belakang", 2),
                para(
                    f"{g.instansi} merupakan unsur pelaksana urusan pemerintahan yang menjadi kewenangan "
                    "daerah. " + FILLER[0]
                ),
                para(r.choice(FILLER[1:])),
            ]
        )
    )
    bab2 = [heading("BAB II\nPERENCANAAN KINERJA")]
    if has_renstra:
        t = renstra_table(g)
        groups.append(
            Group(
                bab2
                + [
                    para(
                        f"Rencana Strategis {g.instansi} Tahun {g.years[0]}-{g.years[-1]} "
                        f"menetapkan {len({i.sasaran for i in g.indicators})} sasaran strategis "
                        f"dengan {len(g.indicators)} indikator kinerja, sebagaimana {t['caption']}."
                    )
                ],
                t,
            )
        )
        bab2 = []
    if has_pagu:
        t, prose = pagu_table(g)
        groups.append(Group(bab2 + [heading(f"2.{r.randint(2, 4)} Anggaran", 2), para(prose[0])], t))
        bab2 = []
    if bab2:
        groups.append(Group(bab2 + [para(FILLER[0])]))
    bab3 = [heading("BAB III\nAKUNTABILITAS KINERJA"), heading("3.1 Capaian Kinerja Organisasi", 2)]
    st = scale_table(g)
    cap, cap_prose = capaian_table(g)
    if any(c["name"] == "kategori" for c in cap["columns"]):
        groups.append(
            Group(bab3 + [para("Capaian kinerja dinilai menurut kriteria pada tabel berikut.")], st)
        )
        bab3 = []
    fill = [para(x) for x in r.sample(FILLER, r.randint(0, 2))]
    groups.append(
        Group(
            bab3
            + fill
            + [para(f"Capaian kinerja {g.instansi} Tahun {tahun} disajikan pada {cap['caption']}.")],
            cap,
            [para(x) for x in cap_prose],
        )
    )
    if has_cmp:
        comparison = comparison_table(g)
        if comparison:
            groups.append(
                Group(
                    [
                        para(
                            "Perbandingan realisasi kinerja dengan tahun-tahun sebelumnya disajikan "
                            "sebagai berikut."
                        )
                    ],
                    comparison,
                    [para(r.choice(FILLER))] if r.random() < 0.4 else [],
                )
            )
    budget, prose = budget_table(g, detail)
    fill = [para(x) for x in r.sample(FILLER, r.randint(0, 2))]
    groups.append(Group([heading("3.2 Realisasi Anggaran", 2)] + fill, budget, [para(prose[0])]))
    if r.random() < 0.5:  # the prose before the table instead
        groups[-1].pre.append(groups[-1].post.pop())
    if has_eff:
        groups.append(
            Group(
                [
                    heading("3.3 Analisis Efisiensi Penggunaan Sumber Daya", 2),
                    para(
                        "Efisiensi dinilai dengan membandingkan capaian kinerja dengan persentase "
                        "penyerapan anggaran setiap program."
                    ),
                ],
                efisiensi_table(g),
            )
        )
    groups.append(Group([heading("BAB IV\nPENUTUP"), para(FILLER[3])]))
    meta: TruthMeta = {
        "instansi": g.instansi,
        "tahun": tahun,
        "running_header": r.choice(
            [f"{lk} {g.instansi} Tahun {tahun}", f"Laporan Kinerja {g.instansi} {tahun}"]
        ),
        "footer": r.choice(FOOTERS),
        "font": g.font,
        "font_size": g.font_size,
    }
    return meta, groups
