"""Rule category: a kategori (indicator or average row) vs the scale band its capaian falls in."""

from __future__ import annotations

from lkip.model import CellRef, Document, Finding, Indicator, Number
from lkip.validate.arith import as_number, fmt_pct, fmt_stated
from lkip.validate.bands import Scale, fmt_band, labels_in, place, rating_text, scale_of
from lkip.validate.base import Rule, indicator_label, location, norm_label, refs_of, short, stated_number
from lkip.validate.rules.average import average_cell
from lkip.validate.rules.capaian import recomputed

ID = "category"


def judge_label(
    scale: Scale, capaian: Number, text: str, *, strict: bool,
) -> tuple[str, str, str] | None:
    """None when ``text`` names the right band for ``capaian``; else (expected label, message,
    message_en). ``strict``: a text naming no band at all is an error (else it is let pass)."""
    placement = place(scale, capaian.value)
    named = labels_in(text, scale)
    shown = fmt_stated(capaian, percent=True)
    stated = short(text, 50)
    if placement.band is None:  # in a gap between bands: either neighbour will do
        allowed = [b.label for b in placement.neighbours]
        if any(label in allowed for label in named) or (not named and not strict):
            return None
        expected = " / ".join(allowed)
        where_id = f"capaian {shown} berada di celah antara pita {expected} pada {scale.name_id}"
        where_en = f"capaian {shown} falls in a gap between bands {expected} of {scale.name_en}"
    else:
        band = placement.band
        if band.label in named or (not named and not strict):
            return None
        expected = band.label
        where_id = f"capaian {shown} termasuk '{band.label}' ({fmt_band(band)}, {scale.name_id})"
        where_en = f"capaian {shown} is in '{band.label}' ({fmt_band(band)}, {scale.name_en})"
        if placement.above_top and band.upper is not None:
            where_id += (f"; capaian di atas batas atas skala ({fmt_pct(band.upper)}) dihitung"
                         " pada pita tertinggi")
            where_en += (f"; a capaian above the scale's top bound ({fmt_pct(band.upper)}) is"
                         " counted in the top band")
        if placement.below_bottom and band.lower is not None:
            where_id += (f"; capaian di bawah batas bawah skala ({fmt_pct(band.lower)}) dihitung"
                         " pada pita terendah")
            where_en += (f"; a capaian below the scale's bottom bound ({fmt_pct(band.lower)}) is"
                         " counted in the bottom band")
    if named:
        msg = f"Kategori tertulis '{stated}', seharusnya '{expected}': {where_id}."
        msg_en = f"Category stated as '{stated}', should be '{expected}': {where_en}."
    else:
        labels = ", ".join(scale.labels())
        msg = (f"Kategori '{stated}' tidak ada dalam {scale.name_id} ({labels}); seharusnya "
               f"'{expected}': {where_id}.")
        msg_en = (f"Category '{stated}' is not on {scale.name_en} ({labels}); it should be "
                  f"'{expected}': {where_en}.")
    return expected, msg, msg_en


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
        expected, msg, msg_en = verdict
        page, line = location(doc, ind.refs, "kategori", ind.page)
        named = bool(labels_in(ind.kategori, scale))
        severity = "error" if named or scale.own else "warning"
        fits = _fits_recomputed(scale, ind)
        if fits is not None:  # the capaian is what disagrees with its row: not this cell
            severity = "info"
            msg += (f" Namun kategori ini sesuai dengan capaian yang dihitung dari target dan "
                    f"realisasinya ({fmt_pct(fits, 2)}): angka capaiannya yang tidak sesuai, "
                    "tidak dihitung sebagai kesalahan kategori.")
            msg_en += (f" Yet the category fits the capaian its target and realisasi give "
                       f"({fmt_pct(fits, 2)}): the capaian figure is what disagrees; not counted "
                       "as a category error.")
        out.append(Finding(
            rule=ID, severity=severity, table=ind.table,
            row=indicator_label(ind),
            field="kategori", stated=" ".join(ind.kategori.split()), expected=expected,
            message=msg, message_en=msg_en, page=page, line=line,
            cells=refs_of(ind.refs, "capaian", "kategori"),
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
    return Finding(
        rule=ID, severity="warning", table=table, page=items[0].page, field="kategori",
        message=f"{table}: {len(items)} sel kategori terbaca bercampur teks lain ({shown}); "
                "kategorinya tidak diperiksa. Periksa kolom kategori tabel ini secara manual.",
        message_en=f"{table}: {len(items)} kategori cells were read mixed with other text "
                   f"({shown}); their categories were not checked. Check this table's kategori "
                   "column by hand.",
        cells=[i.refs["kategori"] for i in items[:3] if "kategori" in i.refs],
    )


def _no_scale(doc: Document) -> list[Finding]:
    """The report rates its indicators by a scale lkip could not read: said once, nothing judged."""
    rated = [i for i in doc.indicators if i.kategori and i.kategori.strip()]
    if not rated:
        return []
    where = doc.scale[0].table if doc.scale else None
    part_id = f" (skala pada {where} hanya terbaca sebagian)" if where else ""
    part_en = f" (the scale in {where} was read only in part)" if where else ""
    return [Finding(
        rule=ID, severity="warning", table=where or rated[0].table, page=rated[0].page,
        field="kategori",
        message=f"Skala penilaian laporan tidak terbaca{part_id}, dan kategorinya bukan istilah "
                f"Permendagri 86/2017: {len(rated)} kategori capaian tidak diperiksa.",
        message_en=f"The report's rating scale could not be read{part_en}, and its categories are "
                   f"not Permendagri 86/2017's words: {len(rated)} categories were not checked.",
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
            expected, msg, msg_en = verdict
            refs = [CellRef.at(table, r, c) for c in (col, kat_col)]
            out.append(Finding(
                rule=ID, severity="error", table=table.id, row="Nilai rata-rata",
                field="kategori", stated=" ".join(kat.raw.split()), expected=expected,
                message=msg, message_en=msg_en, page=row.prov.page or table.page,
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
