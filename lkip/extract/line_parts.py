"""The pieces a table is read into: each line's row marker, label, figures and trailing words
(``LineInfo``, ``split_line``), and the rows those lines are joined into (``RawRow``).

Works on OCR text, where column positions are lost, by the order and type of the numbers on a
line (an amount, a percentage, a count with its unit): the figures of a row are its last run of
numbers, with only units between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from lkip.extract.lines import UNIT_WORDS, Line, Token, is_year, numeric_tokens

# a row's number: '1', '2.', 'IV', 'A.'; a bare letter only before a capitalised word ('A URUSAN')
MARKER = re.compile(r"^\s*[\|\[]?\s*(\d{1,2}|[IVX]{1,5}(?=\s*[\.\)\|]|\s+[A-Z][A-Za-z]{2})"
                     r"|[A-H](?=\s*[\.\)\|]|\s+[A-Z]{3}))\s*[\.\)\|]?\s+(?=[^\d\s\.,%])")
_MARKER_ONLY = re.compile(r"^\s*[\|\[]?\s*(\d{1,2}|[IVX]{1,5}|[A-H])\s*[\.\)]\s*$")
STARTER_WORDS = re.compile(r"^\s*(program|urusan|bidang\s+urusan|kegiatan|sub\s*kegiatan|misi|sasaran|"
                            r"tujuan|jumlah|total|belanja)\b", re.IGNORECASE)
SECTION_CAPS = re.compile(r"^\W*\w?\W*(PROGRAM|URUSAN)\s+[A-Z]")
CODE = re.compile(r"^\s*(\d{1,2}(?:\s?\.\s?(?:\d{1,4}|[A-Z]{1,2}\d?)){0,6})[\}\)\]]?\s+(?=[A-Za-z])")
KATEGORI_WORDS = {"sangat", "tinggi", "rendah", "sedang", "baik", "cukup", "kurang", "buruk",
                   "tercapai", "tidak", "berhasil", "memuaskan", "a", "b", "c", "bb", "aa", "cc"}


# short words a cell does print on a line of their own; other one-to-three-letter lower-case
# words there are the end of the word above, which a narrow column broke ('Realisas' / 'i')
_NOT_TAILS = frozenset({"dan", "di", "ke", "per", "rp", "sd", "yg", "thn", "tw", "th", "ini", "atau"})


def is_word_tail(word: str) -> bool:
    """``word`` (alone at the start of a cell's line) ends the word on the line above."""
    return re.fullmatch(r"[a-z]{1,3}", word) is not None and word not in _NOT_TAILS


@dataclass
class LineInfo:
    line: Line
    marker: str | None
    label: str  # text before the numbers
    tokens: list[Token]
    trailing: str  # text after the numbers (kategori)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # marker/label/trailing columns
    placed: dict[str, Token] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    @property
    def starter(self) -> bool:
        return bool(self.marker or STARTER_WORDS.match(self.label) or CODE.match(self.line.text)
                    or SECTION_CAPS.search(self.label))


@dataclass
class RawRow:
    lines: list[LineInfo] = field(default_factory=list)
    placed: dict[str, Token] = field(default_factory=dict)
    place_line: dict[str, Line] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)
    section: bool = False


def split_line(line: Line, numeric: bool) -> LineInfo:
    """Row marker, label, numbers and trailing words of one line."""
    text = line.text
    only = _MARKER_ONLY.match(text)
    if only:  # '2.' alone on its line: the number of a row, not a value
        return LineInfo(line, only.group(1), "", [], "", spans={"marker": only.span(1)})
    marker = None
    spans: dict[str, tuple[int, int]] = {}
    m = MARKER.match(text)
    if m and m.group(1).lower() not in UNIT_WORDS:
        marker = m.group(1)
        spans["marker"] = m.span(1)
        text = " " * m.end() + text[m.end():]
    code = CODE.match(text)
    toks = [t for t in numeric_tokens(text) if not is_year(t)] if numeric else []
    if code:
        toks = [t for t in toks if t.start >= code.end()]
    toks = [t for t in toks if not _superscript_zero(text, t)]
    # the numbers of a row are its last run of numbers, with only units between them; a number
    # inside a name ('dalam 1 (Satu) Daerah') stands alone between words and is text
    tail: list[Token] = []
    for tok in reversed(toks):
        if tail:
            if not _only_units(text[tok.end: tail[0].start]):
                break
        else:
            after = text[tok.end:]
            if not _only_units(after, allow_kategori=True) and not (
                    tok.is_money or tok.is_percent or _next_is_number(toks, tok, text)):
                continue
        tail.insert(0, tok)
    cut = tail[0].start if tail else len(text)
    label = text[:cut]
    trailing = text[tail[-1].end:] if tail else ""
    trailing_words = [w for w in re.findall(r"[A-Za-z]+", trailing) if w.lower() not in UNIT_WORDS]
    spans.update(_ink("label", label, 0))
    if trailing_words:
        spans.update(_ink("trailing", trailing, tail[-1].end))
    return LineInfo(line, marker, squash(label), tail, " ".join(trailing_words), spans=spans)


def _ink(name: str, text: str, offset: int) -> dict[str, tuple[int, int]]:
    """The columns from the first to the last printed character of text (which starts at offset)."""
    m = re.search(r"[^\s|]", text)
    if not m:
        return {}
    end = len(text.rstrip(" |\t"))
    return {name: (offset + m.start(), offset + end)}


def _next_is_number(toks: list[Token], tok: Token, text: str) -> bool:
    k = toks.index(tok)
    return k > 0 and _only_units(text[toks[k - 1].end: tok.start])


def _superscript_zero(text: str, tok: Token) -> bool:
    """'o 0' / 'o o' printed where a '%' sign was: OCR noise, not a zero. A zero a column away
    from another ('0     0,00' in laid-out text) is a figure."""
    n = tok.parsed.number
    return bool(n and n.value == 0 and tok.text.strip() in ("0", "o", "O")
                and re.search(r"(^|\s)[o0]\s{1,2}$", text[: tok.start]))


def _only_units(text: str, allow_kategori: bool = False) -> bool:
    words = re.findall(r"[^\s\|;:\-_,\.]+", text)
    ok = UNIT_WORDS | (KATEGORI_WORDS if allow_kategori else set())
    return all(is_unit(w.lower().rstrip("/"), ok) for w in words)


def is_unit(word: str, ok: set[str]) -> bool:
    """A unit word, also as OCR misreads it ('Lanoran' for 'Laporan')."""
    if word in ok:
        return True
    return len(word) >= 5 and any(
        len(u) >= 5 and Levenshtein.distance(word, u, score_cutoff=1) <= 1 for u in ok)


def squash(text: str) -> str:
    """A label as one line of single spaces, without table pipes and trailing separators."""
    return " ".join(text.replace("|", " ").split()).strip(" :;-")
