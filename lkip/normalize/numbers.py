"""Indonesian numbers as printed in LKIPs: '4.424.198.783,00', '88,92%', 'Rp.', '-', 'NIHIL', OCR slips.

This is the only place numbers are parsed. A repair is made only where it is certain (the digits
are all there and only a separator was lost, split or doubled); anything else that looks like a
number but cannot be one is reported as malformed, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lkip.model import CellKind, Number

DASHES = {"-", "–", "—", "_", "--", "- -", "−"}
_NIL = re.compile(r"^(n[i1lt!|]h[i1lt!|]l|nil|nol)$", re.IGNORECASE)
_MONEY_PREFIX = re.compile(r"^\s*r[pe][\.\,:]?\s*", re.IGNORECASE)
# trailing ',-' '.-' ',00-' ' -' that close a rupiah amount
_MONEY_SUFFIX = re.compile(r"[\.,]?\s*-+\s*$")
_PERCENT = re.compile(r"\s*%\s*$")
# characters OCR confuses with digits, only replaced inside a token that is otherwise a number
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
# a numeric token: digits with '.', ',' and stray spaces between digit groups
_NUMERIC_TOKEN = re.compile(r"\d[\d\.,]*(?:\s(?=[\d\.,]*\d)[\d\.,]+)*")
_PAREN_NUMBER = re.compile(r"\(\s*([\d\.,\s]+)\s*%?\s*\)")


@dataclass
class Parsed:
    """Result of reading one piece of text as a value."""

    kind: CellKind
    number: Number | None = None
    unit: str | None = None
    reason: str | None = None  # why a value is malformed


def parse_number(text: str) -> Parsed:
    """Read ``text`` that should be a single figure (a table cell's numeric part, a prose amount)."""
    raw = text.strip()
    if not raw:
        return Parsed("empty")
    if raw in DASHES:
        return Parsed("dash")
    if _NIL.match(raw):
        return Parsed("nil")
    money = bool(_MONEY_PREFIX.match(raw))
    body = _MONEY_PREFIX.sub("", raw) if money else raw
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
    value = _read_digits(body)
    if isinstance(value, str):
        return Parsed("malformed", reason=value)
    number, decimals, fixed = value
    kind: CellKind = "percent" if percent else "money" if money else "number"
    return Parsed(
        kind,
        Number(value=number, decimals=decimals, percent=percent, money=money,
               repaired=repaired or fixed),
    )


def _read_digits(body: str) -> tuple[float, int, bool] | str:
    """Digits with separators -> (value, decimals, repaired) or a reason it is malformed."""
    repaired = False
    if re.search(r"\s", body):
        body, repaired = _join_spaced_groups(body)
        if body is None:
            return "spasi di dalam angka yang tidak dapat dipastikan"
    body = body.strip(".,") if not re.search(r"[\.,]\d+$", body) else body.lstrip(".,")
    seps = [c for c in body if c in ".,"]
    if not seps:
        return float(body), 0, repaired
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
    return value, len(frac), repaired


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
    'A (83)' -> 83 (unit 'A'); 'Rp 1.234.567,-' -> 1234567; '(12,5)' -> 12.5.
    """
    raw = " ".join(text.split())
    whole = parse_number(raw)
    if whole.kind != "text":
        return whole
    paren = _PAREN_NUMBER.search(raw)
    if paren:
        inner = parse_number(paren.group(0).strip("()").strip())
        if inner.number is not None:
            unit = (raw[: paren.start()] + raw[paren.end():]).strip() or None
            return Parsed(inner.kind, inner.number, unit)
    lead = re.match(r"^((?:r[pe][\.,:]?\s*)?[\dOl][\d\.,\sOl]*%?)\s+([^\d].*)$", raw, re.IGNORECASE)
    if lead:
        num = parse_number(lead.group(1))
        if num.number is not None or num.kind == "malformed":
            return Parsed(num.kind, num.number, lead.group(2).strip(), num.reason)
    return Parsed("text")


_PROSE_AMOUNT = re.compile(
    r"(?P<rp>R[pP][\.,]?\s*)?(?P<num>\d{1,3}(?:[\.,]\s?\d{1,4})+|\d+)(?P<tail>,-|\.-|,00)?"
    r"\s*(?P<pct>%|persen)?",
)


@dataclass
class ProseFigure:
    """An amount or percentage quoted in running text, with its offset in the text."""

    raw: str
    start: int
    end: int
    parsed: Parsed


def find_figures(text: str) -> list[ProseFigure]:
    """Every rupiah amount and percentage in a piece of prose (years and plain counts are skipped)."""
    out: list[ProseFigure] = []
    for m in _PROSE_AMOUNT.finditer(text):
        is_money = bool(m.group("rp"))
        is_pct = bool(m.group("pct"))
        if not (is_money or is_pct):
            continue
        raw = m.group(0).strip()
        parsed = parse_number(raw.replace("persen", "%"))
        if parsed.kind == "text":
            continue
        out.append(ProseFigure(raw, m.start(), m.end(), parsed))
    return out
