"""Pieces every table family uses: columns, header cells, the table block with the house style
and the next caption, and title-casing of nomenklatur names."""

from __future__ import annotations

from lkipsynth.random_report.content import Gen
from lkipsynth.random_report.specs import ColumnSpec, HeaderCellSpec, HeaderRow, RowSpec, TableSpec


def col(name: str, width: float, align: str = "left") -> ColumnSpec:
    return {"name": name, "width": width, "align": align}


def make_table(
    g: Gen,
    bab: int,
    title: str,
    columns: list[ColumnSpec],
    header: list[HeaderRow],
    rows: list[RowSpec],
    source: str | None,
) -> TableSpec:
    t: TableSpec = {
        "type": "table",
        "caption": g.caption(bab),
        "title": title,
        "columns": columns,
        "header": header,
        "rows": rows,
        "source": source,
        **g.style(),
    }
    return t


def hcell(text: str, cs: int = 1, rs: int = 1) -> HeaderCellSpec:
    return {"text": text, "col_span": cs, "row_span": rs}


def title_case(name: str) -> str:
    if name.isupper():
        small = {"dan", "di", "ke", "yang", "serta", "atau", "pada", "untuk", "dari"}
        words = name.lower().split()
        return " ".join(
            w
            if (k and w in small)
            else (
                w.upper()
                if w in {"umkm", "asn", "ksp/usp"}
                else "/".join(x[:1].upper() + x[1:] for x in w.split("/"))
            )
            for k, w in enumerate(words)
        )
    return name
