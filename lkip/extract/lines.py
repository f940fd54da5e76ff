"""Plain text -> numbered lines with their page, and the numeric tokens of a line with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from lkip.normalize.numbers import Parsed, parse_cell_text, parse_number


@dataclass(frozen=True)
class LineGeometry:
    """Where a laid-out PDF line lies on its page (PDF points) and whether a horizontal rule runs
    between it and the line above (None when the page's rules are not known)."""

    top: float
    bottom: float
    rule_above: bool | None = None


@dataclass
class Line:
    no: int  # 1-based line number in the input
    page: int | None
    text: str
    geometry: LineGeometry | None = None  # known for lines of a PDF's text layer

    @property
    def stripped(self) -> str:
        return self.text.strip()


# the geometry of the text being split, by 1-based line number (set by the PDF backend)
_GEOMETRY: ContextVar[dict[int, LineGeometry] | None] = ContextVar("line_geometry", default=None)


@contextmanager
def line_geometry(by_line: dict[int, LineGeometry]) -> Iterator[None]:
    """Lines split inside this block get the geometry of their line number."""
    token = _GEOMETRY.set(by_line)
    try:
        yield
    finally:
        _GEOMETRY.reset(token)


def split_lines(text: str, first_page: int = 1) -> tuple[list[Line], int | None]:
    """Number the lines and give each its page.

    Pages are separated by form feeds (pdftotext, Tesseract). Without them, OCR text that was
    joined page by page often starts each page with one space: that is used when such lines are
    rare enough to be page starts and not indentation. Otherwise pages are unknown (None).
    """
    lines, pages = _split(text, first_page)
    geometry = _GEOMETRY.get()
    if geometry:
        for ln in lines:
            ln.geometry = geometry.get(ln.no)
    return lines, pages


def _split(text: str, first_page: int) -> tuple[list[Line], int | None]:
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\f" in text:
        out: list[Line] = []
        page = first_page
        for no, raw in enumerate(raw_lines, 1):
            parts = raw.split("\f")
            page += len(parts) - 1
            out.append(Line(no, page, parts[-1] if len(parts) > 1 else raw))
        # a trailing form feed closes the last page; it does not open a new one
        last = max(((ln.page or first_page) for ln in out if ln.stripped), default=first_page)
        return out, last - first_page + 1
    starts = [i for i, raw in enumerate(raw_lines) if re.match(r"^ \S", raw)]
    nonempty = sum(1 for raw in raw_lines if raw.strip())
    indented = sum(1 for raw in raw_lines if re.match(r"^\s{2,}\S", raw))
    if 2 <= len(starts) <= max(2, nonempty // 8) and indented < len(starts):
        out = []
        page = first_page
        start_set = set(starts)
        for i, raw in enumerate(raw_lines):
            if i in start_set and i > 0:
                page += 1
            out.append(Line(i + 1, page, raw))
        return out, page - first_page + 1
    return [Line(i + 1, None, raw) for i, raw in enumerate(raw_lines)], None


# --- numeric tokens -------------------------------------------------------------------------

UNIT_WORDS = {
    "orang", "unit", "paket", "dokumen", "dok", "laporan", "umkm", "produk", "perusahaan",
    "kegiatan", "bulan", "koperasi", "usaha", "kali", "buah", "lembaga", "desa", "kelompok",
    "kab/kota", "kecamatan", "ikm", "poin", "nilai", "level", "indeks", "hari", "tahun", "jam",
    "rekomendasi", "temuan", "opd", "pd", "skpd", "berkas", "izin", "ijin", "sertifikat",
    "rupiah", "rp", "km", "m", "m2", "m3", "ha", "ton", "liter", "set", "lokasi", "titik",
    "sekolah", "perda", "perkada", "kasus", "pelaku", "wirausaha", "ukm", "unit usaha", "ls",
    "orang/bulan", "predikat", "skor", "lap", "keg", "pkt", "bh", "org", "dokume",
}

_RAW_TOKEN = re.compile(r"\S+")
_NUMLIKE = re.compile(r"^[-−–]?\(?(?:r[pe][\.,:]?)?[-−–]?[\dOl][\dOl\.,]*(?:,-(?=\)))?\)?%?[\.,]?-?\*?"
                      r"[|;:]?$",
                      re.IGNORECASE)
_DIGITS_ONLY = re.compile(r"^\d{3}(?:[\.,]\d+)?(?:,-|\.-)?[|;]?$")


@dataclass
class Token:
    """A numeric token on a line: its text, its character span and what it reads as."""

    text: str
    start: int
    end: int
    parsed: Parsed
    unit: str | None = None
    parts: list[str] = field(default_factory=list)
    unit_end: int | None = None  # where the unit words after the value end ('12 Unit Usaha')

    @property
    def right(self) -> int:
        """Where the printed cell ends: after its unit words, which share the cell's alignment."""
        return self.unit_end or self.end

    @property
    def is_money(self) -> bool:
        n = self.parsed.number
        if n is None:
            return False
        return n.money or (not n.percent and abs(n.value) >= 10000 and ("." in self.text or "," in self.text))

    @property
    def is_percent(self) -> bool:
        return bool(self.parsed.number and self.parsed.number.percent)

    @property
    def is_graded(self) -> bool:
        """A grade or level with its score: 'A (83)', 'Level 3 (3,35)'."""
        return bool(re.match(r"[A-Za-z]", self.text.strip()) and "(" in self.text)


def _clean(word: str) -> str:
    return word.strip("|;:")


def _prefixes_amount(unit: str, words: list[tuple[str, int, int]], j: int) -> bool:
    """'Rp' before a figure is that figure's currency, not a unit of the number before it."""
    return unit.lower().rstrip(".") == "rp" and j + 1 < len(words) and bool(
        re.match(r"\d", words[j + 1][0]))


def numeric_tokens(text: str) -> list[Token]:
    """The numbers on a line, in order, with OCR-split groups joined ('106. 985.800', '29.947 800').

    A small number followed by a unit word ('5 UMKM', '12 Paket') keeps the word as its unit.
    """
    words = [(m.group(0), m.start(), m.end()) for m in _RAW_TOKEN.finditer(text)]
    out: list[Token] = []
    i = 0
    while i < len(words):
        graded = _graded(words, i)
        if graded:  # 'Level 3 (3,35)', 'BB (70)': one value, the figure in brackets
            j, e = graded
            out.append(Token(text=text[words[i][1]:e], start=words[i][1], end=e,
                             parsed=parse_cell_text(text[words[i][1]:e])))
            i = j
            continue
        w, s, e = words[i]
        cw = _clean(w)
        if re.fullmatch(r"r[pe][\.,:]?", cw, re.IGNORECASE) and i + 1 < len(words) and re.match(
            r"\d", words[i + 1][0]
        ):
            # 'Rp.' standing alone before its amount
            i += 1
            w2, _s2, e = words[i]
            cw = cw + _clean(w2)  # one token: the pattern has no room for a space
            w = text[s:e]
        if not _NUMLIKE.match(cw) or not re.search(r"\d", cw) or _rate_base(words, i):
            i += 1
            continue
        joined = cw
        j = i + 1
        while j < len(words) and words[j][1] - e <= 1:  # a wider gap separates columns
            nxt = _clean(words[j][0])
            if joined.endswith((".", ",")) and re.match(r"^\d", nxt) and not joined.endswith(",-"):
                joined += nxt
            elif re.search(r"\.\d{3}$", joined) and _DIGITS_ONLY.match(nxt):
                joined += " " + nxt  # '29.947 800': a space where the thousands dot was
            elif re.fullmatch(r"[\.,]\d{2}|,-|\.-|,00-?|%|-", nxt) and not joined.endswith("%"):
                joined += nxt
            else:
                break
            e = words[j][2]
            j += 1
        parsed = parse_number(joined)
        if parsed.kind in ("text", "empty") or _clause_number(joined):
            i = j
            continue
        tok = Token(text=text[s:e], start=s, end=e, parsed=parsed)
        if j < len(words) and not tok.is_money and not tok.is_percent and (
                words[j][1] - e <= 2):  # a word past a column gap is another cell's
            unit = _clean(words[j][0])
            if unit.lower() in UNIT_WORDS and not _prefixes_amount(unit, words, j):
                tok.unit = unit
                k = j
                while k < len(words) and _clean(words[k][0]).lower() in UNIT_WORDS and (
                        words[k][1] - (tok.unit_end or e) <= 1):
                    tok.unit_end = words[k][2]
                    k += 1
        out.append(tok)
        i = j
    return out


def _rate_base(words: list[tuple[str, int, int]], i: int) -> bool:
    """'per 100.000 KH', 'per 1.000 penduduk': the base of a rate is its unit, not a figure."""
    return i > 0 and _clean(words[i - 1][0]).lower() == "per" and words[i][1] - words[i - 1][2] <= 2


_GRADE = re.compile(r"^(?:[A-E]{1,2}[+-]?|AAA)$")
_BRACKETED = re.compile(r"^\(\d+(?:[\.,]\d+)?\)$")


def _graded(words: list[tuple[str, int, int]], i: int) -> tuple[int, int] | None:
    """A grade or level with its score in brackets starting at word i: (next word, end)."""
    def near(k: int) -> bool:
        return k < len(words) and words[k][1] - words[k - 1][2] <= 1

    w = _clean(words[i][0])
    if _GRADE.match(w) and near(i + 1) and _BRACKETED.match(_clean(words[i + 1][0])):
        return i + 2, words[i + 1][2]
    if (w.lower() == "level" and near(i + 1) and re.fullmatch(r"\d", _clean(words[i + 1][0]))
            and near(i + 2) and _BRACKETED.match(_clean(words[i + 2][0]))):
        return i + 3, words[i + 2][2]
    return None


def is_year(tok: Token) -> bool:
    n = tok.parsed.number
    return bool(
        n and not n.percent and not n.money and n.decimals == 0 and 1990 <= n.value <= 2045
        and re.fullmatch(r"\d{4}", tok.text.strip("|;:()"))
    )


def _clause_number(text: str) -> bool:
    """'3.1.6' or '2.1' names a section or table, it is no amount."""
    return bool(re.fullmatch(r"\d{1,2}(\.\d{1,2}){2,3}[\.,]?", text.strip("()")))
