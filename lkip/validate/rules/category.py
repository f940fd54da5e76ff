"""Rule category: a kategori (indicator or average row) vs the scale band its capaian falls in."""

from __future__ import annotations

from lkip.messages import MessageParam
from lkip.model import CellRef, Document, Finding, Indicator, Note, Number
from lkip.validate.arith import as_number, fmt_pct, fmt_stated
from lkip.validate.bands import Scale, fmt_band, labels_in, place, rating_text, scale_of
from lkip.validate.base import Rule, indicator_label, location, norm_label, refs_of, short, stated_number
from lkip.validate.rules.average import average_cell
from lkip.validate.rules.capaian import recomputed

ID = "category"


def judge_label(
    scale: Scale, capaian: Number, text: str, *, strict: bool,
) -> tuple[str, str, dict[str, MessageParam]] | None:
    """None when ``text`` names the right band for ``capaian``; else (expected label, message
    key, its parameters). ``strict``: a text naming no band at all is an error (else it is let
    pass)."""
    placement = place(scale, capaian.value)
    named = labels_in(text, scale)
    params: dict[str, MessageParam] = {"shown": fmt_stated(capaian, percent=True),
                                       "stated": short(text, 50), **scale.name_params()}
    if placement.band is None:  # in a gap between bands: either neighbour will do
        allowed = [b.label for b in placement.neighbours]
        if any(label in allowed for label in named) or (not named and not strict):
            return None
        expected = " / ".join(allowed)
        params["where"] = "category.in_gap"
    else:
        band = placement.band
        if band.label in named or (not named and not strict):
            return None
        expected = band.label
        params.update(where="category.in_band", band=band.label, band_range=fmt_band(band),
                      above="", below="")
        if placement.above_top and band.upper is not None:
            params.update(above="category.above_top", upper=fmt_pct(band.upper))
        if placement.below_bottom and band.lower is not None:
            params.update(below="category.below_bottom", lower=fmt_pct(band.lower))
    params["expected"] = expected
    if named:
        return expected, "category.wrong", params
    params["labels"] = ", ".join(scale.labels())
    return expected, "category.not_on_scale", params


def check_indicators(doc: Document, scale: Scale) -> list[Finding]:
    out: list[Finding] = []
    unclean: dict[str, list[Indicator]] = {}
    for ind in doc.indicators:
        if not ind.kategori or not ind.kategori.strip():
            continue
        capaian = stated_number(doc, ind.refs, "capaian", ind.capaian, percent=True)
        if capaian is None:
            continue
        if not rating_text(ind.kategori, scale) or _fragment(ind.kategori, scale):
            unclean.setdefault(ind.table, []).append(ind)  # not a sound reading of the cell
            continue
        verdict = judge_label(scale, capaian, ind.kategori, strict=True)
        if verdict is None:
            continue
        expected, key, params = verdict
        page, line = location(doc, ind.refs, "kategori", ind.page)
        named = bool(labels_in(ind.kategori, scale))
        severity = "error" if named or scale.own else "warning"
        fits = _fits_recomputed(scale, ind)
        notes: list[Note] = []
        if fits is not None:  # the capaian is what disagrees with its row: not this cell
            severity = "info"
            notes.append(Note(key="category.fits_recomputed", params={"fits": fmt_pct(fits, 2)}))
        out.append(Finding.of(
            key, params, notes, rule=ID, severity=severity, table=ind.table,
            row=indicator_label(ind),
            field="kategori", stated=" ".join(ind.kategori.split()), expected=expected,
            page=page, line=line, cells=refs_of(ind.refs, "capaian", "kategori"),
        ))
    return out + [_unclean_note(table, items) for table, items in unclean.items()]


def _fits_recomputed(scale: Scale, ind: Indicator) -> float | None:
    """The capaian the row's target and realisasi give, when the kategori names its band: the
    stated capaian (misread, or wrong and told by the capaian check) is what is off."""
    value = recomputed(ind)
    if value is None or not ind.kategori:
        return None
    verdict = judge_label(scale, as_number(value, percent=True), ind.kategori, strict=True)
    return value if verdict is None else None


# a word that qualifies a rating and is never one alone: 'Sangat' is half of a wrapped
# 'Sangat / Tinggi' even when the scale read lacks 'Sangat Tinggi' (its band lost too)
QUALIFIERS = frozenset({"sangat"})


def _fragment(text: str, scale: Scale) -> bool:
    """A kategori cell read in part or twice: words of the scale's labels that name no band
    ('Sangat' of a wrapped 'Sangat / Tinggi'), a qualifier alone, or a word repeated ('Sangat
    Sangat': two cells)."""
    words = norm_label(text).split()
    if len(set(words)) < len(words) or (words and set(words) <= QUALIFIERS):
        return True
    vocabulary = {w for label in scale.labels() for w in norm_label(label).split()}
    return not labels_in(text, scale) and all(w in vocabulary for w in words)


def _unclean_note(table: str, items: list[Indicator]) -> Finding:
    """One warning for the kategori cells of a table that were read with other text in them."""
    shown = "; ".join(f"'{short(i.kategori or '', 30)}'" for i in items[:3])
    return Finding.of(
        "category.unclean", {"table": table, "n": len(items), "shown": shown},
        rule=ID, severity="warning", table=table, page=items[0].page, field="kategori",
        cells=[i.refs["kategori"] for i in items[:3] if "kategori" in i.refs],
    )


def _no_scale(doc: Document) -> list[Finding]:
    """The report rates its indicators by a scale lkip could not read: said once, nothing judged."""
    rated = [i for i in doc.indicators if i.kategori and i.kategori.strip()]
    if not rated:
        return []
    where = doc.scale[0].table if doc.scale else None
    return [Finding.of(
        "category.no_scale", {"part": "category.scale_in_part" if where else "", "where": where,
                              "n": len(rated)},
        rule=ID, severity="warning", table=where or rated[0].table, page=rated[0].page,
        field="kategori",
    )]


def check_averages(doc: Document, scale: Scale) -> list[Finding]:
    """The kategori written on an average row ('97% Sangat Tinggi'): only judged when it names a
    band of the scale (the row often carries other words too)."""
    out: list[Finding] = []
    for table in doc.tables:
        for r, row in enumerate(table.rows):
            if row.role != "average":
                continue
            found = average_cell(table, r)
            if found is None:
                continue
            col, capaian = found
            texts = [(c, cell) for c, cell in enumerate(row.cells)
                     if c > col and cell.kind == "text" and labels_in(cell.raw, scale)]
            if not texts:
                continue
            kat_col, kat = texts[0]
            verdict = judge_label(scale, capaian, kat.raw, strict=False)
            if verdict is None:
                continue
            expected, key, params = verdict
            refs = [CellRef.at(table, r, c) for c in (col, kat_col)]
            out.append(Finding.of(
                key, params, rule=ID, severity="error", table=table.id, row="Nilai rata-rata",
                field="kategori", stated=" ".join(kat.raw.split()), expected=expected,
                page=row.prov.page or table.page,
                line=kat.prov.line or row.prov.line, cells=refs,
            ))
    return out


def check(doc: Document) -> list[Finding]:
    scale = scale_of(doc)
    if scale is None:
        return _no_scale(doc)
    return check_indicators(doc, scale) + check_averages(doc, scale)


RULE = Rule(
    id=ID,
    description_id="Kategori capaian sesuai pita skala laporan (atau Permendagri 86/2017 bila "
                   "laporan tidak memuat skala dan memakai istilahnya).",
    description_en="A capaian's category matches its band on the report's scale (or Permendagri "
                   "86/2017 when the report has none and uses its words).",
    check=check,
)
