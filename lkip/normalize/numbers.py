"""Indonesian numbers as printed in LKIPs: '4.424.198.783,00', '88,92%', 'Rp.', '-', 'NIHIL', OCR slips.

This is the only place numbers are parsed. A repair is made only where it is certain (the digits
are all there and only a separator was lost, split or doubled); anything else that looks like a
number but cannot be one is reported as malformed, never guessed.

Reading rules (each has a case in tests/test_numbers.py):

- Separators. ',' is the decimal comma and '.' groups thousands ('4.424.198.783,00'). A single
  '.' followed by other than three digits is a decimal point ('88.92', '1.5', '12.5%'); followed
  by exactly three it groups thousands ('12.500', '2.021' = 2021). A single ',' is always the
  decimal comma, whatever follows ('1,234' = 1,234; 'Rp 180,000' = 180 with three decimals: the
  reader who knows the column's unit decides); several ',' with three-digit groups are US
  thousands ('23,665,554,229.00'). A leading ',' is a decimal comma (',5' = 0,5).
- Impossible forms are malformed, with a reason: a later group that is not three digits
  ('4.424.1981.783'), two separators in a row ('2.400.,000,000'), mixed thousands separators
  ('1.000,000,000' has more than one decimal comma).
- Signs. A minus directly before the digits (or before 'Rp') makes the value negative:
  '-33.494.823.711,60', '−5' (any Unicode minus or en dash counts). A dash *after* an amount
  ('1.234.567,-', 'Rp 1.234.567,00-') closes a rupiah amount and is never a sign.
- Parentheses. A figure that is wholly in parentheses is an accounting negative when it is an
  amount with thousands groups ('(121.362.951.407,00)' = -121.362.951.407); without thousands
  groups, or as a percentage, it is the value itself ('(12,5)', '(83)', '(14,91 %)'). In a cell
  with words, a parenthesised figure after a label is the detailed value: 'Level 3 (3,35)' = 3,35.
- Decoration. Non-breaking and other Unicode spaces count as spaces, zero-width characters are
  dropped, and a trailing footnote mark ('*', '*)', '**', '†', superscript digits) is ignored.
- Identifiers. A run of more than 15 digits without separators (NIP, NIK) is no amount: text, or
  malformed when it carries 'Rp' or '%'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from lkip.model import CellKind, Number

DASHES = {"-", "–", "—", "_", "--", "- -", "−"}
_NIL = re.compile(r"^(n[i1lt!|]h[i1lt!|]l|nil|nol)$", re.IGNORECASE)
_MONEY_PREFIX = re.compile(r"^\s*r[pe][\.\,:]?\s*", re.IGNORECASE)
# trailing ',-' '.-' ',00-' ' -' '—' that close a rupiah amount
_MONEY_SUFFIX = re.compile(r"[\.,]?\s*[-—]+\s*$")
_PERCENT = re.compile(r"\s*%\s*$")
# characters OCR confuses with digits, only replaced inside a token that is otherwise a number
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_PAREN_NUMBER = re.compile(r"\(\s*([\d\.,\s]+)\s*%?\s*\)")
# Unicode minus signs and hyphens that stand for '-'; the em dash is left alone (a blank cell)
_MINUS_CHARS = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"})
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_FOOTNOTE = re.compile(r"(?<=[\d%)\-])\s*(?:\*+\)?|[†‡]+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?)$")
_LEADING_MINUS = re.compile(r"^-(?=(?:r[pe][\.,:]?\s*)?[\dOl(])", re.IGNORECASE)
MAX_PLAIN_DIGITS = 15  # an ungrouped run longer than this is an identifier, not an amount


@dataclass
class Parsed:
    """Result of reading one piece of text as a value."""

    kind: CellKind
    number: Number | None = None
    unit: str | None = None
    reason: str | None = None  # why a value is malformed


class _Digits(NamedTuple):
    value: float
    decimals: int
    repaired: bool
    grouped: bool  # thousands separators were printed


def clean_text(text: str) -> str:
    """Text with Unicode minus signs as '-', zero-width characters dropped, spaces collapsed."""
    text = _INVISIBLE.sub("", text.translate(_MINUS_CHARS))
    return " ".join(text.split())


def parse_number(text: str) -> Parsed:
    """Read ``text`` that should be a single figure (a table cell's numeric part, a prose amount)."""
    raw = clean_text(text)
    raw = _FOOTNOTE.sub("", raw).strip() if re.search(r"\d", raw) else raw
    if not raw:
        return Parsed("empty")
    if raw in DASHES:
        return Parsed("dash")
    if _NIL.match(raw):
        return Parsed("nil")
    body, negative, paren = _unwrap(raw)
    money = bool(_MONEY_PREFIX.match(body))
    if money:
        body = _MONEY_PREFIX.sub("", body)
        inner, neg2, paren2 = _unwrap(body)  # 'Rp -1.234' / 'Rp (1.234)'
        body, negative, paren = inner, negative or neg2, paren or paren2
    percent = bool(_PERCENT.search(body))
    body = _PERCENT.sub("", body)
    if _MONEY_SUFFIX.search(body) and re.search(r"\d", body):
        money = True
        body = _MONEY_SUFFIX.sub("", body)
    body = body.strip()
    repaired = False
    if re.search(r"[OolI|]", body) and re.search(r"\d", body) and re.fullmatch(r"[\dOolI|\.,\s]+", body):
        body = body.translate(_OCR_DIGITS)
        repaired = True
    if not re.fullmatch(r"[\d\.,\s]+", body) or not re.search(r"\d", body):
        return Parsed("text")
    if re.search(rf"\d{{{MAX_PLAIN_DIGITS + 1},}}", body) and not re.search(r"[\.,]", body):
        # 'NIP 196805121990031005': an identifier; with Rp or % it cannot be an amount
        if money or percent:
            return Parsed("malformed", reason="bentuk angka tidak mungkin")
        return Parsed("text")
    value = _read_digits(body)
    if isinstance(value, str):
        return Parsed("malformed", reason=value)
    number = value.value
    if negative or (paren and value.grouped and not percent):
        number = -number
    kind: CellKind = "percent" if percent else "money" if money else "number"
    alt = _other_reading(body)
    return Parsed(
        kind,
        Number(value=number, decimals=value.decimals, percent=percent, money=money,
               repaired=repaired or value.repaired,
               alt=None if alt is None else (-alt if number < 0 else alt)),
    )


def _other_reading(body: str) -> float | None:
    """'3,900' -> 3900.0 (read 3,9), '2.500' -> 2.5 (read 2500): the reading of a figure's one
    separator the other way round, when both are possible."""
    m = re.fullmatch(r"(\d{1,3})([\.,])(\d{3})", body.strip())
    if m is None:
        return None
    head, sep, tail = m.groups()
    return float(head + tail) if sep == "," else float(f"{head}.{tail}")


def _unwrap(text: str) -> tuple[str, bool, bool]:
    """'(x)' -> ('x', False, True); '-x' -> ('x', True, False); a lone '(' or ')' is dropped.

    The parentheses are only noted here: whether they make the value negative depends on the
    digits inside (see the module docstring).
    """
    negative = paren = False
    if text.startswith("(") and text.endswith(")"):
        text, paren = text[1:-1].strip(), True
    elif text.count("(") != text.count(")"):
        text = text.strip("()").strip()  # a token cut from '(14,91 %)' keeps one parenthesis
    if _LEADING_MINUS.match(text):
        text, negative = text[1:], True
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
    return text, negative, paren


def _read_digits(body: str) -> _Digits | str:
    """Digits with separators -> their reading, or a reason it is malformed."""
    repaired = False
    if re.search(r"\s", body):
        joined, repaired = _join_spaced_groups(body)
        if joined is None:
            return "spasi di dalam angka yang tidak dapat dipastikan"
        body = joined
    if re.fullmatch(r",\d+|\.\d{1,2}", body):
        body = "0" + body  # ',5' = 0,5; '.5' = 0.5 (as '1.5' is 1.5)
    body = body.strip(".,") if not re.search(r"[\.,]\d+$", body) else body.lstrip(".,")
    if re.search(r"[\.,]{2}", body):
        return "pemisah ganda di dalam angka"
    seps = [c for c in body if c in ".,"]
    if not seps:
        return _Digits(float(body), 0, repaired, False)
    # the decimal separator: ',' in Indonesian; '.' when it is the last separator and is
    # followed by other than three digits, or when ',' is used for thousands (US format)
    last = body.rfind(",") if "," in body else -1
    if "," in body and "." in body:
        dec_sep = body[max(body.rfind(","), body.rfind("."))]
        group_sep = "." if dec_sep == "," else ","
    elif "," in body:
        tail = body[last + 1:]
        if body.count(",") > 1 and len(tail) == 3:
            dec_sep, group_sep = "", ","  # 23,665,554,229 (US thousands)
        else:
            dec_sep, group_sep = ",", "."
    else:
        tail = body[body.rfind(".") + 1:]
        if body.count(".") == 1 and len(tail) != 3:
            dec_sep, group_sep = ".", ","  # 88.92 / 77.5: a decimal point, not thousands
        else:
            dec_sep, group_sep = "", "."
    if dec_sep:
        if body.count(dec_sep) > 1:
            return f"lebih dari satu pemisah desimal '{dec_sep}'"
        int_part, frac = body.rsplit(dec_sep, 1)
    else:
        int_part, frac = body, ""
    if not int_part:
        int_part = "0"
    groups = int_part.split(group_sep)
    if any(not g.isdigit() for g in groups) or (frac and not frac.isdigit()):
        return "pemisah ganda di dalam angka"
    # first group: any length (a length > 3 means a lost separator: '139502.530');
    # later groups: a multiple of three ('3.181.058332' lost one), else the grouping is impossible
    for g in groups[1:]:
        if len(g) % 3:
            return f"pengelompokan ribuan tidak mungkin ('{g}' bukan kelompok tiga angka)"
        if len(g) > 3:
            repaired = True
    if len(groups) > 1 and len(groups[0]) > 3:
        repaired = True
    value = float("".join(groups) + ("." + frac if frac else ""))
    return _Digits(value, len(frac), repaired, len(groups) > 1)


def _join_spaced_groups(body: str) -> tuple[str | None, bool]:
    """'106. 985.800' -> '106.985.800'; '29.947 800' -> '29.947.800'; '54.436.500 ,00' -> ok."""
    parts = re.split(r"\s+", body.strip())
    out = parts[0]
    for part in parts[1:]:
        if out.endswith((".", ",")) or part.startswith((".", ",")):
            out += part
        elif re.search(r"\.\d{3}$", out) and re.fullmatch(r"\d{3}([\.,]\d+)*", part):
            out += "." + part  # a space stood where the thousands dot was
        else:
            return None, False
    return out, True


def parse_cell_text(text: str) -> Parsed:
    """Read a cell that may hold a number with words around it.

    '5 UMKM' -> 5 (unit 'UMKM'); '120 Orang' -> 120; 'Level 3 (3,35)' -> 3.35 (unit 'Level 3');
    'A (83)' -> 83 (unit 'A'); 'Rp 1.234.567,-' -> 1234567; '(12,5)' -> 12.5;
    '(1.234.567,00)' -> -1234567 (an accounting negative); '-5 UMKM' -> -5.
    """
    raw = clean_text(text)
    whole = parse_number(raw)
    if whole.kind != "text":
        return whole
    paren = _PAREN_NUMBER.search(raw)
    if paren:
        # after a label ('Level 3 (3,35)') the parenthesised figure is the value, never negative
        inner = parse_number(paren.group(0).strip("()").strip())
        if inner.number is not None:
            unit = (raw[: paren.start()] + raw[paren.end():]).strip() or None
            return Parsed(inner.kind, inner.number, unit)
    lead = re.match(r"^(-?(?:r[pe][\.,:]?\s*)?-?[\dOl][\d\.,\sOl]*%?)\s+([^\d].*)$", raw, re.IGNORECASE)
    if lead:
        num = parse_number(lead.group(1))
        if num.number is not None or num.kind == "malformed":
            return Parsed(num.kind, num.number, lead.group(2).strip(), num.reason)
    return Parsed("text")


# --- figures in prose --------------------------------------------------------------------------

# An amount: a money prefix, a sign, digit groups joined by one or two separators (two in a row
# are kept so that '2.400.,000,000' comes out whole, and malformed), a space only where OCR split
# a thousands group ('106. 985.800'), the ',-' that closes a rupiah amount, and a '%'.
_PROSE_AMOUNT = re.compile(
    r"(?P<rp>(?<![A-Za-z])R[pP][\.,:]?\s*)?"
    r"(?P<neg>(?<![\w.,\-])[-−](?=\d))?"
    r"(?<!\d)(?<!\d[.,])(?P<num>\d+(?:(?:[\.,]{1,2}|\.\s(?=\d{3}(?!\d)))\d+)*)"
    r"(?P<tail>[\.,]?[-–—](?![\d\-–—]))?"
    r"(?:\s*(?P<pct>%|persen\b))?",
)
# words right before a plain number that make it a stated figure: 'sebesar 81,59', 'nilai 3,157'
_PLAIN_BEFORE = re.compile(
    r"\b(?:sebesar|senilai|bernilai|nilai(?:nya)?|mencapai|sejumlah|sebanyak|menjadi|skor|"
    r"indeks|rata-rata|rerata)\s*:?\s*$", re.IGNORECASE)
# units right after a plain number that make it a count: '72 orang', '5 UMKM'
_PLAIN_UNIT = re.compile(
    r"\s*(?:orang|org|unit|paket|dokumen|laporan|kegiatan|program|sasaran|indikator|umkm|ukm|"
    r"ikm|koperasi|desa|kelurahan|kecamatan|lembaga|kelompok|perusahaan|pelaku|wirausaha|"
    r"produk|sertifikat|izin|ijin|rekomendasi|temuan|sekolah|lokasi|titik|poin|kali|buah|"
    r"opd|skpd|berkas|kasus|ton|ha|km)\b", re.IGNORECASE)
# words right before a number that make it a reference: 'Nomor 53 Tahun 2014', 'Tabel 3.1', 'ke-2'
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:nomor|no|nmr|tahun|th|thn|pasal|ayat|bab|tabel|gambar|grafik|lampiran|halaman|hal|"
    r"triwulan|tw|semester|angka|butir|huruf|pp|perda|perbup|perwali|pergub|permen\w*|uu|kode|"
    r"rekening|nip|nik|tanggal|tgl)\.?|\bke-?)\s*$", re.IGNORECASE)
_MONTH = re.compile(
    r"\s*(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"nopember|november|desember|jan|feb|mar|apr|jun|jul|agu|agt|sep|okt|nov|des)\b", re.IGNORECASE)


@dataclass
class ProseFigure:
    """An amount or percentage quoted in running text, with its offset in the text."""

    raw: str
    start: int
    end: int
    parsed: Parsed


def find_figures(text: str, *, plain: bool = False) -> list[ProseFigure]:
    """Every rupiah amount and percentage in a piece of prose (years and plain counts are skipped).

    With ``plain``, also the plain numbers the prose states as a value, kind 'number': those
    right after a word such as 'sebesar' / 'nilai' / 'sebanyak' or right before a unit ('72
    orang'); years, dates, regulation, table and section numbers ('Nomor 53 Tahun 2014',
    'No. 90/2019', '3.1.6') never.
    """
    out: list[ProseFigure] = []
    for m in _PROSE_AMOUNT.finditer(text):
        is_money = bool(m.group("rp"))
        is_pct = bool(m.group("pct"))
        if not (is_money or is_pct) and not (plain and _plain_figure(text, m)):
            continue
        raw = m.group(0).strip()
        parsed = parse_number(raw.replace("persen", "%"))
        if parsed.kind == "text":
            continue
        if not (is_money or is_pct) and (unit := _PLAIN_UNIT.match(text, m.end())):
            parsed.unit = unit.group(0).strip()
        if parsed.number is not None and parsed.number.value > 0 and _MINUS_BEFORE.search(
                text, max(0, m.start() - 4), m.start()):
            parsed.number = parsed.number.model_copy(update={"value": -parsed.number.value})
        out.append(ProseFigure(raw, m.start(), m.end(), parsed))
    return out


# '(- 1,00%)': a minus the line broke away from its figure, inside the figure's brackets
_MINUS_BEFORE = re.compile(r"\(\s*[-–−]\s+$")


def _plain_figure(text: str, m: re.Match[str]) -> bool:
    """A number without Rp or % that the sentence states as a value (see ``find_figures``)."""
    num = m.group("num")
    before, after = text[max(0, m.start() - 40):m.start()], text[m.end():m.end() + 30]
    if _REFERENCE_BEFORE.search(before) or _MONTH.match(after):
        return False
    if re.match(r"\s?[/\-–]\s?\d", after) or re.search(r"\d\s?[/\-–]\s?$", before):
        return False  # '90/2019', '2020-2024', '31-12-2024'
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2}){2,}", num):
        return False  # a section number: '3.1.6'
    if re.match(r"[\.,]\s\d", after) or re.match(r"0\d", num):
        return False  # '46, 7 juta' was cut by OCR; '001' is a code
    # a unit makes a count only of a whole number ('5.954 desa'), not of a table's stray amount
    unit = bool(_PLAIN_UNIT.match(after)) and bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})?", num))
    if re.fullmatch(r"(?:19|20)\d{2}", num) and not unit:
        return False  # a year
    return unit or bool(_PLAIN_BEFORE.search(before))
