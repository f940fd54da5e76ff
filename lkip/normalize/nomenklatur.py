"""Budget lines -> their official Permendagri 90/2019 code and name, matched with the context of
the table (bidang urusan of the section, parent program or kegiatan, tingkat, report year)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from lkip.model import BudgetLine, Document, NomenklaturRef
from lkip.nomenklatur.data import FIRST_YEAR, Entry, NomLevel, describe, lookup_code, version_for_year
from lkip.nomenklatur.matcher import ACCEPT, Context, Match, matcher

log = logging.getLogger(__name__)

# BudgetLine.level -> nomenklatur level
LEVELS: dict[str, NomLevel] = {"bidang": "bidang_urusan", "program": "program",
                               "kegiatan": "kegiatan", "sub_kegiatan": "sub_kegiatan"}
# a line whose level the table reading may have confused with a neighbouring one
OTHER_LEVEL: dict[NomLevel, NomLevel] = {"kegiatan": "sub_kegiatan", "sub_kegiatan": "kegiatan"}
PARENT_LEVEL: dict[NomLevel, NomLevel] = {"program": "bidang_urusan", "kegiatan": "program",
                                          "sub_kegiatan": "kegiatan"}
_PROVINSI = re.compile(r"\bprov(insi|\.|\b)", re.IGNORECASE)
_KABKOTA = re.compile(r"\b(kabupaten|kab\.|kota)\b", re.IGNORECASE)


@dataclass
class LineMatch:
    """A budget line's match, kept for the rule: the match, the level it was made at, the code
    the report printed (canonical) and that code's entry."""

    line: int
    level: NomLevel
    match: Match
    printed: str | None = None
    printed_entry: Entry | None = None


def applies(doc: Document) -> bool:
    """The nomenklatur governs budgets from 2021 on (unknown year: assumed)."""
    return doc.document.tahun is None or doc.document.tahun >= FIRST_YEAR


def tingkat(doc: Document) -> str | None:
    """'provinsi' or 'kabkota' from the agency's name, when it says."""
    name = doc.document.instansi or ""
    if _PROVINSI.search(name):
        return "provinsi"
    if _KABKOTA.search(name):
        return "kabkota"
    return None


def _code_level(code: str) -> NomLevel | None:
    return {1: "bidang_urusan", 2: "program", 4: "kegiatan", 5: "sub_kegiatan"}.get(code.count("."))


def _ancestor_code(doc: Document, found: dict[int, LineMatch], i: int, level: NomLevel) -> str | None:
    """The official code, at ``level``, of the nearest ancestor of line ``i`` that has one."""
    seen: set[int] = set()
    parent = doc.budget_lines[i].parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        lm = found.get(parent)
        if lm is not None:
            code = lm.match.kode or (lm.printed if lm.printed_entry else None)
            if code and _code_level(code) == level:
                return code
            if code and level == "bidang_urusan" and code.count(".") >= 1:
                return ".".join(code.split(".")[:2])
        parent = doc.budget_lines[parent].parent
    return None


def _context(doc: Document, found: dict[int, LineMatch], i: int, level: NomLevel,
             printed: str | None, base: Context) -> Context:
    parent = _ancestor_code(doc, found, i, PARENT_LEVEL[level]) if level in PARENT_LEVEL else None
    bidang = _ancestor_code(doc, found, i, "bidang_urusan")
    if printed and printed.count(".") >= 1 and not printed.startswith("X"):
        bidang = ".".join(printed.split(".")[:2])
        if level in PARENT_LEVEL and printed.count(".") >= 3:
            parent = printed[: printed.rfind(".")] if level != "kegiatan" else \
                ".".join(printed.split(".")[:3])
    if bidang is None and parent:
        bidang = ".".join(parent.split(".")[:2])
    return Context(parent=parent, bidang=bidang, tingkat=base.tingkat, version=base.version)


def match_line(line: BudgetLine, level: NomLevel, ctx: Context) -> tuple[NomLevel, Match]:
    """The line's match at its level; a kegiatan that only matches as a sub kegiatan (or the
    reverse) takes that one, the table reading having put it one level off."""
    m = matcher().match(line.nama, level, ctx, embedded=True)
    other = OTHER_LEVEL.get(level)
    if m.kode is None and other is not None:
        alt = matcher().match(line.nama, other, ctx, embedded=True)
        if alt.kode is not None and alt.score > m.score:
            return other, alt
    return level, m


def annotate(doc: Document) -> dict[int, LineMatch]:
    """Give every program, kegiatan and sub kegiatan line its official code and name
    (``BudgetLine.nomenklatur``) and the document the nomenklatur version; returns the matches
    by line index for the rule. Nothing is matched for a report from before 2021."""
    year = doc.document.tahun
    doc.nomenklatur_version = describe(year)
    if not applies(doc):
        return {}
    base = Context(tingkat=tingkat(doc), version=version_for_year(year))
    found: dict[int, LineMatch] = {}
    nom = matcher().nom
    for i, line in enumerate(doc.budget_lines):
        level = LEVELS.get(line.level)
        if level is None:
            continue
        printed, entry = lookup_code(nom, line.kode) if line.kode else (None, None)
        ctx = _context(doc, found, i, level, printed, base)
        level, m = match_line(line, level, ctx)
        found[i] = LineMatch(line=i, level=level, match=m, printed=printed, printed_entry=entry)
        line.nomenklatur = NomenklaturRef(kode=m.kode, nama=m.nama, score=round(m.score, 1))
    log.debug("nomenklatur: %d of %d lines matched at >= %s", sum(
        1 for lm in found.values() if lm.match.kode), len(found), ACCEPT)
    return found
