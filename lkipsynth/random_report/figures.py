"""Numbers as Indonesian reports print them ('1.234.567,89', 'Rp 1.000,-', '(12,5)'), read back, and
the capaian formula: one place, so the generator and the audit agree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

D = Decimal

def q(v: float | Decimal, dec: int) -> Decimal:
    return D(str(v)).quantize(D(1).scaleb(-dec), rounding=ROUND_HALF_UP)


def idn(v: float | Decimal, dec: int = 0) -> str:
    """Indonesian digits: '1.234.567,89'."""
    v = q(v, dec)
    neg = v < 0
    s = f"{abs(v):.{dec}f}"
    whole, _, frac = s.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return "-" + out if neg else out


@dataclass
class MoneyStyle:
    prefix: str = ""  # '', 'Rp ', 'Rp. ', 'Rp'
    suffix: str = ""  # '', ',00', ',-'
    negative: str = "paren"  # '(1.234)' or '-1.234'

    def __call__(self, v: int | Decimal) -> str:
        body = idn(-v if v < 0 else v) + self.suffix
        if v < 0:
            return f"({body})" if self.negative == "paren" else "-" + body
        return self.prefix + body


def pct(v: Decimal, dec: int = 2, sign: str = "") -> str:
    body = idn(abs(v), dec) + sign
    return f"({body})" if v < 0 else body


_NUM = re.compile(r"^[-(]?\d{1,3}(?:\.\d{3})*(?:,\d+)?\)?$|^[-(]?\d+(?:,\d+)?\)?$")


def parse(text: str) -> Decimal | None:
    """The figure a printed cell carries (the score of a grade 'BB (70,5)'), or None."""
    t = text.strip()
    m = re.search(r"\(([\d.,]+)\)\s*$", t)
    if m and re.match(r"^(Level\s+\d|[A-E]{1,2}\s*\()", t):
        t = m.group(1)
    t = re.sub(r"^Rp\.?\s*", "", t)
    t = re.sub(r",-$", "", t)
    t = re.sub(r"\s*%$", "", t)
    t = re.sub(r"\s+[A-Za-z/ ]+$", "", t)  # '120 Orang'
    if not _NUM.match(t):
        return None
    neg = t.startswith(("(", "-"))
    t = t.strip("()-").replace(".", "").replace(",", ".")
    v = D(t)
    return -v if neg else v


def capaian(target: Decimal, real: Decimal, smaller: bool) -> Decimal:
    if target == 0:
        return D(0)
    v = (2 * target - real) / target * 100 if smaller else real / target * 100
    return q(v, 2)
