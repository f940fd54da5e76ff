"""Rule nomenklatur: budget line names and codes against Permendagri 90/2019 (names with no
official match, codes that are not their name's, kegiatan under another program, one budget
under different programs in different tables)."""

from __future__ import annotations

import re

from lkip.messages import words as catalogue_words
from lkip.model import BudgetLine, Document, Finding, Note, Severity
from lkip.nomenklatur.matcher import ACCEPT, SUGGEST, Match, matcher, resolve
from lkip.nomenklatur.text import normalize, tokens
from lkip.normalize.nomenklatur import LineMatch, annotate
from lkip.validate.arith import fmt_rp, same
from lkip.validate.base import Rule, budget_label, location, ocr_prone, refs_of, short

ID = "nomenklatur"
_PROGRAM = re.compile(r"\s*program\b", re.IGNORECASE)
NEAR = 75.0  # an unmatched clean name this close to an official one is a warning, else info
SAME_AMOUNT_MIN = 1_000_000  # two programmes with one budget: only amounts this large say so
LEVEL_ID = catalogue_words("nk_level", "id")
# a word as names print it: a word (hyphenated, slashed), an acronym, a number, '(1)', '&'
_WORD = re.compile(r"[(\[]?(?:[A-Za-z][a-z]+|[A-Z]{2,}[a-z]?|\d+)(?:[-/'](?:[A-Za-z][a-z]+|[A-Z]{2,}|\d+)?)*"
                   r"[)\],.:;/]?|[(\[]\d+[)\]]|&|-|[Ke]-\d+")


def _loc(doc: Document, line: BudgetLine) -> dict[str, object]:
    field = next((f for f in ("anggaran", "pagu_sesudah", "pagu_sebelum", "realisasi")
                  if f in line.refs), None)
    page, row_line = location(doc, line.refs, field, line.page) if field else (line.page, None)
    return {"table": line.table, "row": budget_label(line), "page": page, "line": row_line,
            "cells": refs_of(line.refs, *(f for f in (field,) if f))}


def _clean_label(line: BudgetLine, best_words: int) -> bool:
    """A label that reads as a whole name: no OCR debris, about as long as the closest official
    name (a label run together with a neighbouring cell is an extraction artefact, not a name)."""
    if not readable(line.nama):
        return False
    words = len(tokens(line.nama))
    return best_words == 0 or 0.75 * best_words <= words <= 1.33 * best_words


def readable(label: str) -> bool:
    """No OCR debris: every word of the label is a word, an acronym or a number."""
    return all(_WORD.fullmatch(w) for w in label.split())


def _suggestion(m: Match) -> list[Note]:
    if m.best is None or m.score < SUGGEST:
        return []
    score = f"{m.best.score:.0f}".replace(".", ",")
    return [Note(key="nomenklatur.closest", params={
        "kode": m.best.kode, "nama": short(m.best.nama, 90), "score": score})]


def unmatched(doc: Document, lm: LineMatch) -> Finding | None:
    """A program, kegiatan or sub kegiatan name with no official name above the threshold: a
    warning for a whole, readable name close to an official one (or any readable 'PROGRAM ...'
    name); an info for a label that is likely a fragment or debris but resembles an official
    name; nothing for a label that resembles none (a heading, an asset row)."""
    line, m = doc.budget_lines[lm.line], lm.match
    if m.kode is not None or lm.level == "bidang_urusan":
        return None
    words = len(tokens(line.nama))
    best_words = len(tokens(m.best.nama)) if m.best else 0
    clean = words >= 3 and _clean_label(line, best_words)
    named_program = lm.level == "program" and bool(_PROGRAM.match(line.nama))
    if clean and (m.score >= NEAR or named_program):
        severity: Severity = "warning"
        note = []
    elif m.score >= SUGGEST and words >= 2:
        severity = "info"
        note = [Note(key="nomenklatur.fragment")]
    else:
        return None
    return Finding.of(
        "nomenklatur.unmatched", {"level": lm.level, "label": short(budget_label(line), 80)},
        _suggestion(m) + note,
        rule=ID, severity=severity, field="nama", stated=budget_label(line),
        expected=m.best.nama if m.best and m.score >= SUGGEST else None, **_loc(doc, line),
    )


def wrong_code(doc: Document, lm: LineMatch) -> Finding | None:
    """A printed code that is not in the list, or whose official name is not the line's name."""
    line = doc.budget_lines[lm.line]
    if lm.printed is None or line.kode is None:
        return None
    m = lm.match
    if lm.printed_entry is None:
        return Finding.of(
            "nomenklatur.unknown_code", {"kode": line.kode, "label": short(budget_label(line), 60)},
            [Note(key="nomenklatur.name_is_code", params={"code": m.kode})] if m.kode else [],
            rule=ID, severity="warning", field="kode", stated=line.kode, expected=m.kode,
            **_loc(doc, line),
        )
    entry = lm.printed_entry
    if matcher().score_entry(line.nama, entry, embedded=True) >= ACCEPT:
        return None
    if m.kode is None and m.score < SUGGEST:
        return None  # an unreadable name says nothing about its code
    return Finding.of(
        "nomenklatur.other_name",
        {"kode": line.kode, "official": short(entry.nama, 80), "label": short(budget_label(line), 80),
         "own": "nomenklatur.own_code" if m.kode else "", "code": m.kode},
        rule=ID, severity="warning", field="kode", stated=line.kode, expected=m.kode,
        **_loc(doc, line),
    )


def _ancestor(doc: Document, found: dict[int, LineMatch], i: int, level: str) -> LineMatch | None:
    seen: set[int] = set()
    parent = doc.budget_lines[i].parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        lm = found.get(parent)
        if lm is not None and lm.level == level:
            return lm
        if lm is not None and lm.level in ("program", "bidang_urusan"):
            return None  # went past where the parent would be
        parent = doc.budget_lines[parent].parent
    return None


def wrong_parent(doc: Document, found: dict[int, LineMatch], lm: LineMatch) -> Finding | None:
    """A kegiatan under a program it does not belong to (a sub kegiatan under another kegiatan)."""
    line = doc.budget_lines[lm.line]
    want = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}.get(lm.level)
    if want is None or lm.match.kode is None or lm.match.best is None or lm.match.embedded:
        return None
    if LEVEL_ID.get(lm.level) != line.level.replace("_", " "):
        return None  # read at another level than the table put it: no parent to compare
    parent = _ancestor(doc, found, lm.line, want)
    if parent is None or parent.match.kode is None or parent.match.embedded:
        return None
    entry = lm.match.best.entry
    bidang = ".".join(parent.match.kode.split(".")[:2])
    official_parent = resolve(entry.parent or "", bidang)
    if official_parent == parent.match.kode:
        return None
    p_line = doc.budget_lines[parent.line]
    return Finding.of(
        "nomenklatur.wrong_parent",
        {"level": lm.level, "label": short(budget_label(line), 70), "kode": lm.match.kode,
         "want": want, "parent": short(budget_label(p_line), 60), "parent_kode": parent.match.kode,
         "official_parent": official_parent},
        rule=ID, severity="warning", field="nama", stated=parent.match.kode,
        expected=official_parent, **_loc(doc, line),
    )


def _one_program(line: BudgetLine, m: Match) -> bool:
    """The label names one program: it is the official name, or starts with it and the rest of
    the label is not another program's name (a row that took its neighbour's name)."""
    if m.inside == "":
        return True
    if m.inside != "head" or m.best is None:
        return False
    key = normalize(m.best.nama)
    rest = normalize(line.nama)[len(key):]
    other = matcher().match(rest, "program", embedded=True) if rest.strip() else None
    return other is None or other.kode is None or other.kode == m.kode


def _program_key(m: Match) -> str | None:
    """A program's code, the program penunjang of every bidang being one (X.XX.01)."""
    if m.best is not None and (m.best.entry.template or m.best.entry.kode == "X.XX.01"):
        return "X.XX.01"
    return m.kode


def _amount(line: BudgetLine) -> float | None:
    return line.pagu_sesudah if line.pagu_sesudah is not None else line.anggaran


def same_amount(doc: Document, found: dict[int, LineMatch]) -> list[Finding]:
    """One budget amount under two different official programs in two tables (cross_table
    compares one program's amounts across tables; this is the other way round)."""
    programs = [(i, lm) for i, lm in found.items() if lm.level == "program" and lm.match.kode
                and _one_program(doc.budget_lines[i], lm.match)]
    out: list[Finding] = []
    reported: set[tuple[str, str, str]] = set()
    for a, (i, lm) in enumerate(programs):
        line = doc.budget_lines[i]
        amount = _amount(line)
        if amount is None or amount < SAME_AMOUNT_MIN:
            continue
        for j, other in programs[a + 1:]:
            o_line = doc.budget_lines[j]
            o_amount = _amount(o_line)
            if (o_amount is None or o_line.table == line.table or not same(amount, o_amount)
                    or _program_key(other.match) == _program_key(lm.match)):
                continue
            key = (line.table, o_line.table, f"{amount:.0f}")
            if key in reported:
                continue
            reported.add(key)
            name, o_name = lm.match.nama or "", other.match.nama or ""
            out.append(Finding.of(
                "nomenklatur.same_amount",
                {"amount": fmt_rp(o_amount), "other_kode": other.match.kode,
                 "other_name": short(o_name, 70), "other_table": o_line.table,
                 "kode": lm.match.kode, "name": short(name, 70), "table": line.table},
                rule=ID, severity="warning", field="nama", stated=f"{other.match.kode} {o_name}",
                expected=f"{lm.match.kode} {name}", **_loc(doc, o_line),
            ))
    return out


def check(doc: Document) -> list[Finding]:
    found = annotate(doc)
    out: list[Finding] = []
    for lm in found.values():
        for finding in (wrong_code(doc, lm), unmatched(doc, lm), wrong_parent(doc, found, lm)):
            if finding is not None:
                out.append(finding)
                break
    out += same_amount(doc, found)
    if ocr_prone(doc):
        for f in out:
            if f.severity == "error":
                f.severity = "warning"
    return out


RULE = Rule(
    id=ID,
    description_id="Nama dan kode program, kegiatan dan sub kegiatan sesuai nomenklatur "
                   "Permendagri 90/2019 (dan pemutakhirannya); kegiatan berada di bawah programnya; "
                   "satu anggaran tidak tercantum untuk program yang berbeda di tabel lain.",
    description_en="Programme, activity and sub-activity names and codes follow the Permendagri "
                   "90/2019 nomenklatur (as updated); each activity sits under its own programme; "
                   "one budget amount is not given for different programmes in different tables.",
    check=check,
)
