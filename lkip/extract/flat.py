"""Tables of flattened text (one cell per line) rewritten as one row per line, for the text reader.

``pdftotext`` without ``-layout``, copy-paste from a PDF viewer and web or flipbook text give a
table as its cells one under another: the header cells, then for each row its label lines and its
figures (``Indeks Integritas`` / ``76`` / ``70,3`` / ``92,5%``). Nothing in the text says where a
row ends except the figures themselves, so a row is read only where the pattern is certain: label
lines followed by exactly as many figure lines as the header has figure columns (the table's kind
and its columns from ``kinds``, as for any table). The row is written on the line of its first
figure as ``label | figure | figure ...`` and its other lines are left blank, so line numbers and
pages stay those of the input and every figure stays traceable to its line.

Figures alone on their line that fall into no such row are not read at all (their rows are unknown).
A table where some figures do not fall into such rows (a column flattened as a block, cells out of
order) is read only in part. A partial budget table keeps its header and no row: a total checked
against half of its lines would accuse the report of a missing sum. A partial table of indicators
keeps its certain rows (each row's arithmetic is its own) but not its total or average rows.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from lkip.extract.kinds import classify, header_words, schema
from lkip.extract.regions import CAPTION, SOURCE
from lkip.vocabulary import RATING_WORDS

log = logging.getLogger(__name__)

# one cell's figure on a line of its own: '76', '70,3', '92,5%', '10.021.338.900', '(3,14)',
# 'Rp. 1.250.000,00', 'Rp215.250.297.000,-', '-' (an empty figure cell)
_FIGURE = re.compile(r"^[(\[]?\s*[-+–]?\s*(?:rp\.?\s*)?\d[\d.,]*(?:\s?\d{3})*(?:[,.]-)?\s*%?\s*[)\]]?\s*%?$"
                     r"|^[-–]$", re.IGNORECASE)
# a figure cell that is a grade ('A', 'BB', 'WTP'): a figure when its row's last cell is one
_GRADE = re.compile(r"^(?:[A-E][A-E]?[+-]?|AAA|WTP|WDP|TMP|TW)$")
_ENUM = re.compile(r"^(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]$")  # a row number: '1.', 'II.', 'a)'
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_UNIT_LINE = re.compile(r"^\(?\s*(rp\.?|%|k|rupiah|persen)\s*\)?$", re.IGNORECASE)
_AGGREGATE = re.compile(r"\b(jumlah|total|rata\s*-?\s*rata)\b", re.IGNORECASE)
MIN_FIGURE_SHARE = 0.1  # of a text's non-empty lines: flattened (laid-out text: under 0.06)
_LAID_OUT = re.compile(r"\S\s{3,}\S")
MAX_LINES = 600  # a table's window after its caption
BUDGET_KINDS = {"anggaran", "realisasi_anggaran", "perubahan_anggaran", "akun", "efisiensi"}


@dataclass
class _Row:
    label: list[int] = field(default_factory=list)  # line indices
    figures: list[int] = field(default_factory=list)
    trailing: list[int] = field(default_factory=list)  # a kategori after the figures


@dataclass
class FlatTable:
    """What was made of one flattened table (for the log and the tests)."""

    caption_line: int  # 1-based
    kind: str
    columns: int
    rows: int
    partial: bool
    written: bool


def is_flat(text: str) -> bool:
    """Does the text hold figures one per line, as flattened tables do (and laid-out text,
    whose rows keep their figures side by side, does not)?"""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    return sum(1 for ln in lines if _FIGURE.match(ln)) / len(lines) >= MIN_FIGURE_SHARE


def unflatten(text: str) -> tuple[str, list[FlatTable]]:
    """``text`` with its flattened tables written one row per line (see the module docstring);
    text that is not flattened is returned as it is."""
    if not is_flat(text):
        return text, []
    raw = text.split("\n")
    prefix = [r[: r.rfind("\f") + 1] for r in raw]  # form feeds stay where they are
    body = [r[r.rfind("\f") + 1:] for r in raw]
    noise = _page_edges(raw, body)
    captions = [i for i, s in enumerate(body) if CAPTION.match(s.strip()) and _caption_alone(s)]
    made: list[FlatTable] = []
    for n, start in enumerate(captions):
        stop = min(captions[n + 1] if n + 1 < len(captions) else len(body), start + MAX_LINES)
        table = _rewrite(body, start, stop, noise)
        if table is not None:
            made.append(table)
    # a figure alone on its line outside those rows is a cell whose row is unknown: read by the
    # text reader it would make rows of figures from different rows, so it is not read at all
    stray = [i for i, b in enumerate(body) if i not in noise and _kind_of_line(b) == "figure"]
    for i in stray:
        body[i] = ""
    if stray:
        log.warning("flattened text: %d figures outside any row that could be read with certainty "
                    "were not read", len(stray))
    out = [p + b for p, b in zip(prefix, body, strict=True)]
    return "\n".join(out), made


def _caption_alone(s: str) -> bool:
    """'Tabel 3.1' or 'TABEL 3.1 Pencapaian Kinerja' on its line, not prose naming a table."""
    return len(s.split()) <= 12 and not re.search(r"\b(di ?atas|berikut|tersebut|menunjukkan)\b",
                                                  s.lower())


def _page_edges(raw: list[str], body: list[str]) -> set[int]:
    """Running headers, footers and page numbers: first and last lines of pages that repeat at
    the edge of another page, and a lone number closing or opening a page."""
    pages: list[list[int]] = [[]]
    for i, r in enumerate(raw):
        if "\f" in r:
            pages.append([])
        if body[i].strip():
            pages[-1].append(i)
    edges: list[tuple[int, str]] = []
    out: set[int] = set()
    for lines in pages:
        ends = lines[:2] + lines[-2:]
        for i in ends:
            key = re.sub(r"\d+", "#", body[i].strip().lower())
            edges.append((i, key))
        for i in (lines[-1:] + lines[:1]):
            if re.fullmatch(r"[-–]?\s*\d{1,3}\s*[-–]?|[ivx]+|\w+\s*-\s*\d+", body[i].strip().lower()):
                out.add(i)
    counts = Counter(key for _, key in edges)
    out |= {i for i, key in edges if counts[key] >= 2}
    return out


def _kind_of_line(s: str) -> str:
    s = s.strip()
    if not s:
        return "empty"
    if _ENUM.match(s):
        return "enum"
    if _FIGURE.match(s) and not _YEAR.match(s):
        return "figure"
    if _GRADE.match(s):
        return "grade"
    return "text"


def _rewrite(body: list[str], start: int, stop: int, noise: set[int]) -> FlatTable | None:
    window = [i for i in range(start + 1, stop) if body[i].strip() and i not in noise]
    kinds = {i: _kind_of_line(body[i]) for i in window}
    first_figure = next((k for k, i in enumerate(window) if kinds[i] == "figure"), None)
    if first_figure is None:
        return None
    head_zone = window[:first_figure]
    named = [k for k, i in enumerate(head_zone) if kinds[i] == "text" and header_words(body[i])]
    if not named:
        return None
    title_lines = 1 if len(named) > 1 and named[0] == 0 and len(body[head_zone[0]].split()) >= 2 else 0
    end = named[-1] + 1
    while end < len(head_zone) and (_UNIT_LINE.match(body[head_zone[end]].strip())
                                    or kinds[head_zone[end]] == "enum"
                                    or _YEAR.match(body[head_zone[end]].strip())):
        end += 1
    header = [i for i in head_zone[title_lines:end] if kinds[i] in ("text", "grade")
              or _YEAR.match(body[i].strip())]
    title = " ".join(body[i].strip() for i in [start, *head_zone[:title_lines]])
    kind = classify(" ".join(body[i] for i in header), title, 0)
    slots = schema(kind, [body[i] for i in header])
    if not slots or kind in ("scale", "other"):
        return None
    rest = head_zone[end:] + window[first_figure:]
    rows, partial, last = _rows(body, rest, kinds, len(slots), "kategori" in header_words(
        " ".join(body[i] for i in header)))
    if not rows or any(_LAID_OUT.search(body[i].strip()) for i in window if i <= last):
        return None  # a row with its cells side by side: laid-out text, for the text reader
    budget = kind in BUDGET_KINDS
    written = not (partial and budget)
    kept = rows if written else []  # a budget table read in part: its header only, no rows
    _write(body, header, kept, partial)
    for i in range(start + 1, last + 1):  # what was not made into rows is not read as rows
        if i in noise or not body[i].strip() or i in header:
            continue
        if not any(i in r.label or i in r.figures or i in r.trailing for r in kept):
            body[i] = ""
    log.info("flattened %s table under line %d: %d rows of %d figures%s", kind, start + 1,
             len(rows), len(slots), " (read in part)" if partial else "")
    if partial and budget:
        log.warning("flattened budget table under line %d read only in part: not checked", start + 1)
    return FlatTable(start + 1, kind, len(slots), len(rows), partial, written)


def _rows(body: list[str], lines: list[int], kinds: dict[int, str], k: int,
          has_kategori: bool) -> tuple[list[_Row], bool, int]:
    """Rows of label lines + exactly ``k`` figures; whether some figures fell outside such rows;
    the last line index that belongs to the table."""
    rows: list[_Row] = []
    partial = False
    current = _Row()
    last = lines[0] if lines else 0
    j = 0
    while j < len(lines):
        i = lines[j]
        s = body[i].strip()
        if SOURCE.match(s) or (rows and _prose(s) and j + 1 < len(lines)
                                and _prose(body[lines[j + 1]].strip())):
            break
        run_end = j
        while run_end < len(lines) and kinds[lines[run_end]] in ("figure", "grade"):
            run_end += 1
        if kinds[i] == "text" or kinds[i] == "enum" or not any(
                kinds[x] == "figure" for x in lines[j:run_end]):
            current.label.append(i)
            j += 1
            continue
        run = lines[j:run_end]
        j = run_end
        labelled = [x for x in current.label if kinds[x] in ("text", "grade")]
        if len(run) > k and len(run) % k == 0 and labelled:
            # the row's figures, then other rows' whose labels the text put elsewhere
            partial, last = True, run[-1]
            run = run[:k]
        if len(run) == k and labelled:
            current.figures = run
            if has_kategori and j < len(lines) and _rating(body[lines[j]].strip()):
                current.trailing.append(lines[j])
                j += 1
            rows.append(current)
            last = current.trailing[-1] if current.trailing else run[-1]
        else:
            partial = True
            last = run[-1]
        current = _Row()
    return rows, partial, last


def _prose(s: str) -> bool:
    words = s.split()
    letters = [c for c in s if c.isalpha()]
    return len(words) >= 8 and bool(letters) and sum(c.islower() for c in letters) / len(letters) > 0.6


def _rating(s: str) -> bool:
    words = s.lower().split()
    return 0 < len(words) <= 3 and all(w in RATING_WORDS for w in words)


def _write(body: list[str], header: list[int], rows: list[_Row], partial: bool) -> None:
    cells = [body[i].strip() for i in header]
    for i in header[1:]:
        body[i] = ""
    body[header[0]] = " | ".join(cells)
    for row in rows:
        label = " ".join(body[i].strip() for i in row.label)
        if partial and _AGGREGATE.search(label):
            for i in row.label + row.figures + row.trailing:
                body[i] = ""
            continue
        line = " | ".join([label] + [body[i].strip() for i in row.figures + row.trailing])
        for i in row.label + row.figures[1:] + row.trailing:
            body[i] = ""
        body[row.figures[0]] = line
