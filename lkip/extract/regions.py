"""Where the tables are in a text: captions, their titles, and the lines each table spans."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lkip.extract.kinds import header_words
from lkip.extract.lines import Line, is_year, numeric_tokens

# the number may carry a capital-letter series before it ('Tabel T-C.29', 'Tabel A.1', the
# Permendagri 86/2017 Renja forms) and the word a full stop after it ('Tabel. 2.3.1.')
CAPTION = re.compile(
    r"^\s*(?:tabel|table|tabei|tabe1)\.?\s*"
    r"(?P<num>(?:(?-i:[A-Z](?:-[A-Z]){0,2})\s*[\.\-]\s*(?=\d))?"
    r"[0-9IVXl][0-9IVXl]*(?:\s*[\.\-]\s*[0-9IVXl]+)*)?"
    r"\s*[\.:]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SERIES = re.compile(r"^([A-Z](?:-[A-Z]){0,2})\s*[\.\-]\s*(?=\d)")
_LEADER = re.compile(r"\.{4,}|…{2,}|(\.\s){4,}")
_HEADING = re.compile(r"^\s*((?i:BAB)\s+[IVX1l|]+\b|BAB\s*$|(\d+\.){1,3}\d*\s+[A-Z][a-z])")
SOURCE = re.compile(r"^\s*sumber\s*(data)?\s*[:;]", re.IGNORECASE)
# a row heading a group of the table's rows ('Misi Pertama : ...', 'Sasaran ke-1 : ...'): a row
# spanning the table, worded like a sentence but not prose
GROUP_ROW = re.compile(r"^\s*(misi|sasaran|tujuan|program|urusan|bidang)(\s+(ke\s*-?\s*)?\w+)?\s*:",
                        re.IGNORECASE)
_COLNUM_TOKEN = re.compile(r"^[\(\[]?\d{1,2}[\)\]]?$|^[^\w\s]{1,4}$|^[^\w\s]*\w?[^\w\s]+$|^=?\(.*\)")


@dataclass
class Region:
    """The lines of one table: its caption, title, header and body."""

    caption_line: Line | None
    caption_raw: str | None
    number: str | None
    title: str | None
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)  # 'Sumber: ...' lines

    @property
    def lines(self) -> list[Line]:
        return self.header + self.body

    @property
    def id(self) -> str:
        """'Tabel 3.1.1' for a captioned table; 'T<page>.<n>' (n-th uncaptioned on its page)."""
        if self.caption_line is None:
            return self.number or "T?"
        return f"Tabel {self.number}" if self.number else "Tabel ?"

    @property
    def first_line(self) -> int:
        first = self.caption_line or next((ln for ln in self.body if ln.stripped), None)
        return first.no if first else 0


def typical_width(lines: list[Line]) -> float:
    widths = sorted(len(ln.stripped) for ln in lines if len(ln.stripped.split()) >= 8
                    and not re.search(r"\S\s{3,}\S", ln.stripped))  # prose, not table rows
    if not widths:
        return 80.0
    return float(widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0])


def repeated_lines(lines: list[Line]) -> set[int]:
    """Running headers and footers: the numbers of lines at the top or bottom of a page whose
    text (digits ignored) recurs at the top or bottom of at least three pages, one of them
    within two pages of this one.

    The neighbour rule keeps findings independent of file length: a table's JUMLAH row that
    ends page 6 of a report bound with others (or repeated) recurs at the edge of pages far
    apart, never on the next pages as a running header does (odd/even headers included)."""
    by_page: dict[int | None, list[Line]] = {}
    for ln in lines:
        if ln.stripped:
            by_page.setdefault(ln.page, []).append(ln)
    if len(by_page) < 3:
        return set()
    pages_of: dict[str, set[int]] = {}
    edges: list[tuple[int, Line]] = []
    for order, page_lines in enumerate(by_page.values()):
        page_edges = page_lines[:3] + page_lines[-3:]
        edges += [(order, ln) for ln in page_edges]
        for key in {_norm_repeat(ln.stripped) for ln in page_edges}:
            if len(key) >= 6:
                pages_of.setdefault(key, set()).add(order)
    repeated: set[int] = set()
    for order, ln in edges:
        pages = pages_of.get(_norm_repeat(ln.stripped), set())
        near = any(abs(other - order) <= 2 for other in pages if other != order)
        if len(pages) >= 3 and near:
            repeated.add(ln.no)
    return repeated


def _norm_repeat(text: str) -> str:
    return re.sub(r"[\d\s\W]+", " ", text.lower()).strip()


def is_noise(line: Line, repeated: set[int]) -> bool:
    """A running header or footer, or a page number alone on its line."""
    s = line.stripped
    if not s:
        return False
    if re.fullmatch(r"[-–—\s]*(hal(aman)?\.?\s*)?[0-9ivxl]{1,4}[-–—\s]*", s, re.IGNORECASE):
        return True
    return line.no in repeated


def is_prose(line: Line, width: float) -> bool:
    s = line.stripped
    words = s.split()
    # a line of eight words or more, or of five filling most of a narrow measure (large type)
    if len(words) < 5 or (len(words) < 8 and len(s) < 0.75 * width) or len(s) < 0.6 * width or (
            "|" in s):
        return False
    if re.search(r"\S\s{3,}\S", s):  # columns of a layout table
        return False
    nums = [t for t in numeric_tokens(s) if not is_year(t)]
    if len(nums) > max(1, len(words) // 5):
        return False
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) / len(letters) > 0.6


def is_column_numbers(line: Line) -> bool:
    """'1 2 3 4 5 6 7', '(1) (2) (3)', OCR-damaged '@ 2 3 @ ©) (6) (7 ()] (9'."""
    toks = line.stripped.replace("|", " ").split()
    if len(toks) < 3:
        return False
    if any("%" in t or re.search(r"\d[\.,]\d", t) or re.fullmatch(r"[A-Za-z]{3,}", t) for t in toks):
        return False  # a figure or a word ('4  < 55  Kurang': a band of a rating scale)
    hits = sum(bool(_COLNUM_TOKEN.match(t)) for t in toks)
    digits = [int(t.strip("()[]")) for t in toks if t.strip("()[]").isdigit()]
    ascending = len(digits) >= 2 and all(b > a for a, b in zip(digits, digits[1:], strict=False))
    junk = len(toks) - len(digits)
    return hits / len(toks) >= 0.7 and bool(digits) and (ascending or junk >= len(toks) / 2)


def match_caption(line: Line, width: float) -> re.Match | None:
    s = line.stripped
    m = CAPTION.match(s)
    if not m or _LEADER.search(s):
        return None
    rest = m.group("rest") or ""
    if m.group("num") is None and rest:
        return None
    # 'Tabel 3.1 menunjukkan bahwa ...' is prose that names a table, not its caption
    if len(s) > 0.8 * width and re.search(r"\b(di ?atas|berikut|tersebut|menunjukkan)\b", s.lower()):
        return None
    if rest[:1].islower():
        return None
    return m


def normalize_number(raw: str | None) -> str | None:
    if raw is None:
        return None
    series = _SERIES.match(raw)
    prefix = f"{series.group(1)}." if series else ""
    rest = raw[series.end():] if series else raw
    num = re.sub(r"\s+", "", rest).replace("-", ".").replace("l", "1")
    return prefix + num.strip(".")


def repair_numbers(numbers: list[str]) -> dict[str, str]:
    """OCR lost a dot in a caption number ('21.1' for '2.1.1'): split digits to the usual depth."""
    depths = Counter(n.count(".") + 1 for n in numbers if re.fullmatch(r"[\d\.]+", n))
    if not depths:
        return {}
    depth = max(depths, key=lambda d: (depths[d], d))
    fixed = {}
    for n in numbers:
        parts = n.split(".")
        if not re.fullmatch(r"[\d\.]+", n) or len(parts) >= depth:
            continue
        digits = "".join(parts)
        if len(digits) == depth and all(len(p) <= 2 for p in parts) and any(len(p) == 2 for p in parts):
            fixed[n] = ".".join(digits)
    return fixed


def find_regions(lines: list[Line]) -> list[Region]:
    """Every captioned table: caption, title lines, header lines and body lines."""
    width = typical_width(lines)
    repeated = repeated_lines(lines)
    content = [ln for ln in lines if not is_noise(ln, repeated)]
    captions: list[tuple[int, re.Match]] = []
    for i, ln in enumerate(content):
        m = match_caption(ln, width)
        if m:
            captions.append((i, m))
    regions: list[Region] = []
    cap_index = {i for i, _ in captions}
    for k, (i, m) in enumerate(captions):
        num = m.group("num")
        rest = (m.group("rest") or "").strip()
        j = i + 1
        if num is None:  # 'Tabel' alone, the number on a following line
            while j < len(content) and not content[j].stripped:
                j += 1
            nm = re.match(r"^([0-9IVX][0-9IVX\.\s]*)\s*(.*)$", content[j].stripped) if j < len(
                content) else None
            if not nm:
                continue
            num, rest = nm.group(1), nm.group(2)
            j += 1
        title_parts = [rest] if rest else []
        while j < len(content) and len(title_parts) < 3:
            ln = content[j]
            s = ln.stripped
            if not s:
                j += 1
                continue
            nums = [t for t in numeric_tokens(s) if not is_year(t)]
            first_title = not title_parts and not rest
            if nums or re.match(r"no\b", s.lower()) or "|" in s or (
                    header_words(s) and not first_title and len(s.split()) <= 3) or (
                    len(header_words(s)) >= 2 and not first_title):
                break
            if title_parts and (len(s.split()) <= 2 and not s[0].isupper()
                                or re.search(r"\S\s{3,}\S", s)):  # column gaps: the header
                break
            title_parts.append(s)
            j += 1
            if len(" ".join(title_parts)) > 60:
                break
        end_limit = captions[k + 1][0] if k + 1 < len(captions) else len(content)
        body: list[Line] = []
        notes: list[Line] = []
        prose_run = 0
        while j < end_limit:
            ln = content[j]
            s = ln.stripped
            if j in cap_index:
                break
            if SOURCE.match(s):
                notes.append(ln)
                break
            if s and _other_header(s, ln, body):
                break
            head = _HEADING.match(s) if s else None
            if (head and body and len(s) < 60 and not re.search(r"\S\s{3,}\S", s[head.end():])
                    and not [t for t in numeric_tokens(s[head.end():]) if not is_year(t)]
                    and not _continues_numbering(s, body)):
                break
            if s and is_prose(ln, width) and not GROUP_ROW.match(s):
                prose_run += 1
                if prose_run >= 2 or (body and _ends_sentence(s)):
                    break
            elif s and prose_run and _ends_sentence(s) and not re.search(r"\S\s{3,}\S", s):
                break  # '100.000 KH.': the last words of the paragraph above, not a row
            elif s:
                prose_run = 0
            body.append(ln)
            j += 1
        while body and (not body[-1].stripped or is_prose(body[-1], width)):
            body.pop()
        regions.append(Region(content[i], m.group(0).strip(), normalize_number(num),
                              " ".join(title_parts).strip() or None, [], body, notes))
    fixed = repair_numbers([r.number for r in regions if r.number])
    for r in regions:
        if r.number in fixed:
            r.number = fixed[r.number]
    return _drop_list_of_tables(regions)


def _continues_numbering(s: str, body: list[Line]) -> bool:
    """'4. Meningkatnya ...' after rows numbered '3.': the table's next row, not a heading."""
    m = re.match(r"(\d{1,2})\.\s", s)
    if not m or int(m.group(1)) < 2:
        return False
    previous = f"{int(m.group(1)) - 1}."
    return any(ln.stripped.startswith(previous + " ") for ln in body)


def _other_header(s: str, ln: Line, body: list[Line]) -> bool:
    """Near the top of a new page, a header naming columns the table's own header does not ('No
    Program  Anggaran  Keterangan' under a table of targets): another table, uncaptioned, starts."""
    on_page = [b for b in body if b.stripped and b.page == ln.page]
    if not body or ln.page == body[0].page or len(on_page) >= 3:
        return False
    words = header_words(s)
    if [t for t in numeric_tokens(s) if not is_year(t)]:
        return False
    if not (len(words) >= 2 or (re.match(r"no\b", s.lower()) and words)):
        return False
    return not words <= header_words(" ".join(b.stripped for b in body[:8]))


def _ends_sentence(s: str) -> bool:
    return s.endswith((".", ":", ";"))


def _listed(region: Region) -> bool:
    """An entry of a daftar tabel whose title wraps: dot leaders to a page number on one of its
    first lines, and no line with two figures (a table's row has them)."""
    lines = [ln.stripped for ln in region.body if ln.stripped]
    if not any(_LEADER.search(s) for s in lines[:4]):
        return False
    before_leader = [_LEADER.split(s)[0].rstrip(" .") for s in lines]
    return not any(len([t for t in numeric_tokens(s) if not is_year(t)]) >= 2 for s in before_leader)


def _drop_list_of_tables(regions: list[Region]) -> list[Region]:
    """Captions without a body (daftar tabel, references) are dropped; a number used twice is kept
    twice, the second as 'Tabel X (2)', because a report that reuses a number still has both."""
    out = [r for r in regions if sum(1 for ln in r.body if ln.stripped) >= 2 and not _listed(r)]
    seen: Counter[str] = Counter()
    for r in out:
        key = r.number or "?"
        seen[key] += 1
        if seen[key] > 1:
            r.number = f"{key} ({seen[key]})"
    return out
