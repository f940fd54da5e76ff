"""Rating-scale bands: the report's own scale or Permendagri 86/2017, lookup, label matching."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from lkip.messages import MessageParam
from lkip.model import Document, ScaleBand
from lkip.validate.arith import fmt_pct
from lkip.validate.base import norm_label
from lkip.vocabulary import RATING_WORDS

MIN_USABLE_BANDS = 3  # fewer bands than this is a scale the extraction only half read
LABEL_MATCH = 88  # rapidfuzz ratio at which an OCR-damaged label counts as a scale label

PERMENDAGRI_86 = [
    ScaleBand(label="Sangat Tinggi", lower=91, upper=None),
    ScaleBand(label="Tinggi", lower=76, upper=90),
    ScaleBand(label="Sedang", lower=66, upper=75),
    ScaleBand(label="Rendah", lower=51, upper=65),
    ScaleBand(label="Sangat Rendah", lower=None, upper=50),
]
PERMENDAGRI_NAME = "Permendagri 86/2017"


@dataclass
class Scale:
    """The bands a capaian is judged by and where they come from."""

    bands: list[ScaleBand]
    own: bool  # the report's own scale (else Permendagri 86/2017)

    def name_params(self) -> dict[str, MessageParam]:
        """The parameters that name the scale in a message ({scale!t})."""
        table = self.bands[0].table if self.own else None
        key = "scale_name.permendagri" if not self.own else (
            "scale_name.own_table" if table else "scale_name.own")
        return {"scale": key, "scale_table": table, "permendagri": PERMENDAGRI_NAME}

    def labels(self) -> list[str]:
        seen: list[str] = []
        for band in self.bands:
            if band.label not in seen:
                seen.append(band.label)
        return seen


def usable(bands: list[ScaleBand]) -> bool:
    """A scale worth judging by: enough bands, each with a bound, labels distinct."""
    if len(bands) < MIN_USABLE_BANDS:
        return False
    if any(b.lower is None and b.upper is None for b in bands):
        return False
    labels = [norm_label(b.label) for b in bands]
    return len(set(labels)) == len(labels)


PERMENDAGRI_SCALE = Scale(PERMENDAGRI_86, own=False)
# words that may stand beside a label in a kategori cell without making it another text
LABEL_FILLERS = frozenset({"kategori", "predikat", "nilai", "kriteria", "capaian"})
PERMENDAGRI_SHARE = 0.8  # kategori texts in Permendagri's words, at or above which it is the scale


def _band_key(band: ScaleBand) -> tuple[str, float | None, float | None, bool, bool]:
    return (norm_label(band.label), band.lower, band.upper, band.lower_inclusive,
            band.upper_inclusive)


def one_scale(bands: list[ScaleBand]) -> list[ScaleBand]:
    """The scale a report prints more than once (in its method and again beside its results, or
    the whole report repeated in one file) is one scale: the first table's bands when every band
    of the others is one of them. Scales that differ stay as read (and are not usable)."""
    tables: dict[str | None, list[ScaleBand]] = {}
    for band in bands:
        tables.setdefault(band.table, []).append(band)
    if len(tables) < 2:
        return list(bands)
    every = {_band_key(b) for b in bands}
    for group in tables.values():
        if usable(group) and {_band_key(b) for b in group} == every:
            return group
    return list(bands)


def scale_of(doc: Document) -> Scale | None:
    """The scale the report's categories are judged by: its own when it was read whole;
    Permendagri 86/2017 when the report shows none and its kategori cells use Permendagri's
    words; else None (the report rates by a scale lkip could not read: nothing is judged)."""
    bands = one_scale(doc.scale)
    if usable(bands):
        return Scale(bands, own=True)
    if doc.scale:  # the report prints a scale, read only in part
        return None
    texts = [i.kategori for i in doc.indicators if i.kategori and i.kategori.strip()]
    if not texts:
        return PERMENDAGRI_SCALE
    fitting = sum(1 for t in texts if clean_label(t, PERMENDAGRI_SCALE))
    return PERMENDAGRI_SCALE if fitting >= PERMENDAGRI_SHARE * len(texts) else None


# the words Indonesian rating scales are made of ('Sangat Baik', 'Cukup', 'Kurang Memuaskan')


def clean_label(text: str, scale: Scale, *, extra: frozenset[str] = frozenset()) -> bool:
    """True when ``text`` is made only of the words of the scale's labels (OCR-tolerant), and of
    ``extra`` words: a kategori cell not glued to a neighbouring cell or to the next heading."""
    norm = norm_label(text)
    if not norm:
        return False
    labels = [norm_label(lab) for lab in scale.labels()]
    if max(fuzz.ratio(norm, lab) for lab in labels) >= LABEL_MATCH:
        return True
    vocabulary = {w for lab in labels for w in lab.split()} | LABEL_FILLERS | extra
    return all(w in vocabulary for w in norm.split())


def rating_text(text: str, scale: Scale) -> bool:
    """True when ``text`` reads as a rating on some scale (this one's words or the usual rating
    words): a label the report wrote, right or wrong, not a cell glued to its neighbours."""
    return clean_label(text, scale, extra=RATING_WORDS)


def lo(b: ScaleBand) -> float:
    return -math.inf if b.lower is None else b.lower


def hi(b: ScaleBand) -> float:
    return math.inf if b.upper is None else b.upper


def contains(band: ScaleBand, value: float) -> bool:
    above = value > lo(band) or (band.lower_inclusive and value == lo(band))
    below = value < hi(band) or (band.upper_inclusive and value == hi(band))
    return above and below


@dataclass
class Placement:
    """Where a capaian falls on a scale."""

    band: ScaleBand | None  # the band it counts in (None: in a gap between bands)
    neighbours: list[ScaleBand]  # for a value in a gap: the bands on either side
    above_top: bool = False  # above the top band's upper bound: counted in the top band
    below_bottom: bool = False


def place(scale: Scale, value: float) -> Placement:
    for band in scale.bands:
        if contains(band, value):
            return Placement(band, [])
    top = max(scale.bands, key=hi)
    if value >= hi(top):
        return Placement(top, [], above_top=True)
    bottom = min(scale.bands, key=lo)
    if value <= lo(bottom):
        return Placement(bottom, [], below_bottom=True)
    under = max((b for b in scale.bands if hi(b) <= value), key=hi, default=None)
    over = min((b for b in scale.bands if lo(b) >= value), key=lo, default=None)
    return Placement(None, [b for b in (under, over) if b is not None])


def fmt_band(band: ScaleBand) -> str:
    """'91% ≤ x ≤ 100%', 'x < 50%', 'x ≥ 91%'."""
    lower_op = "≤" if band.lower_inclusive else "<"
    upper_op = "≤" if band.upper_inclusive else "<"
    if band.lower is not None and band.upper is not None:
        return f"{fmt_pct(band.lower)} {lower_op} x {upper_op} {fmt_pct(band.upper)}"
    if band.upper is not None:
        return f"x {upper_op} {fmt_pct(band.upper)}"
    if band.lower is not None:
        return f"x {'≥' if band.lower_inclusive else '>'} {fmt_pct(band.lower)}"
    return "x"


def labels_in(text: str, scale: Scale) -> list[str]:
    """The scale labels a kategori text names, in order: the whole text matched (OCR-tolerant),
    else every label found as a phrase in it (longest first, so 'Sangat Tinggi' is not also
    read as 'Tinggi')."""
    norm = norm_label(text)
    if not norm:
        return []
    labels = scale.labels()
    best = max(labels, key=lambda lab: fuzz.ratio(norm, norm_label(lab)))
    if fuzz.ratio(norm, norm_label(best)) >= LABEL_MATCH:
        return [best]
    found: list[tuple[int, str]] = []
    rest = f" {norm} "
    for label in sorted(labels, key=lambda lab: -len(norm_label(lab))):
        pattern = re.compile(rf" {re.escape(norm_label(label))} ")
        while (m := pattern.search(rest)) is not None:
            found.append((m.start(), label))
            rest = rest[: m.start()] + " " + "#" * (m.end() - m.start() - 2) + " " + rest[m.end():]
    return [label for _, label in sorted(found)]
