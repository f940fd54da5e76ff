"""Names compared across tables: indicator and programme names, OCR- and merge-tolerant."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from lkip.extract.lines import UNIT_WORDS
from lkip.normalize.ocr_words import fix_initial_i

STOPWORDS = frozenset({"yang", "dan", "di", "ke", "dari", "dalam", "untuk", "guna", "serta", "atau",
                       "pada", "dengan", "oleh", "bagi", "atas", "the"})
_ROMAN = re.compile(r"^[ivxl]+$")
TOKEN_SET_MIN = 90  # rapidfuzz token_set_ratio for two indicator names to be the same
LARGER_COVERAGE_MIN = 0.6  # share of the longer name's words the shorter must also have...
WHOLE_NAME_MIN = 4  # ...unless the shorter has at least this many words, all in the longer
PROGRAM_MIN = 90  # rapidfuzz ratio between a programme name and the start of the other
# what an indicator measures, the word its name starts with: two names that each have one and
# share none measure different things, whatever else they share (a sasaran merged into both)
MEASURE_WORDS = frozenset({"persentase", "prosentase", "jumlah", "indeks", "nilai", "tingkat", "angka",
                           "rasio", "rata", "cakupan", "proporsi", "prevalensi", "luas", "panjang",
                           "predikat", "opini", "laju", "lama", "skor", "volume", "kadar"})


@lru_cache(maxsize=1 << 16)
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words without stop words, numbers and OCR debris ('lzin'/'1zin' -> 'izin');
    cached: every indicator's name is compared with every other's."""
    low = text.lower()
    low = fix_initial_i(low)
    words = re.findall(r"[a-z][a-z0-9]*", low)
    return tuple(w for w in words if len(w) >= 2 and w not in STOPWORDS)


def _shared(a: set[str], b: set[str]) -> int:
    """Words of ``a`` found in ``b`` (long words may differ by an OCR slip)."""
    count = 0
    for word in a:
        if word in b or (len(word) >= 5 and any(
                len(other) >= 5 and fuzz.ratio(word, other) >= 85 for other in b)):
            count += 1
    return count


def _measures(words: tuple[str, ...]) -> set[str]:
    """The measure words of a name, but its last word (a satuan 'Nilai' / 'Indeks' read onto it)."""
    return set(words[:-1]) & MEASURE_WORDS


def _ends_merged_name(name: tuple[str, ...], merged: tuple[str, ...]) -> bool:
    """``name`` (three words or more, starting with what it measures) ends ``merged``, but for a
    satuan, and ``merged`` starts as a sasaran does: the indicator of a row whose sasaran was
    read into its name ('Meningkatnya akuntabilitas ... Indeks Profesionalitas ASN Indeks'); a
    satuan may end ``name`` too."""
    if len(name) > 3 and name[-1] in UNIT_WORDS:  # 'Jumlah sampah yang dikelola Ton'
        return _ends(name, merged) or _ends(name[:-1], merged)
    return _ends(name, merged)


def _ends(name: tuple[str, ...], merged: tuple[str, ...]) -> bool:
    n = len(name)
    if n < 3 or name[0] not in MEASURE_WORDS or len(merged) <= n or not merged[0].endswith("nya"):
        return False  # a sasaran is an outcome: 'Meningkatnya ...', 'Terwujudnya ...'
    return merged[-n:] == name or merged[-n - 1:-1] == name


def indicator_part(name: str) -> str:
    """The indicator of a name its sasaran was read into: from the first measure word after a
    sasaran's opening '...nya' word ('Meningkatnya kualitas lingkungan hidup Indeks Kualitas Air'
    -> 'indeks kualitas air'); other names as they are (lower case words)."""
    words = tokens(name)
    if len(words) > 2 and words[0].endswith("nya"):
        for i, word in enumerate(words[1:], 1):
            if word in MEASURE_WORDS:
                return " ".join(words[i:])
    return " ".join(words)


@lru_cache(maxsize=1 << 16)
def same_indicator(a: str, b: str) -> bool:
    """Two indicator names (often merged with their sasaran by the extraction) that name the
    same indicator: a measure word in common if both have one, nearly all words of the shorter
    in the longer (token_set_ratio), and the shorter not a mere fragment of the longer
    ('Persentase Koperasi Aktif' is not 'Persentase Pelaksanaan RAT Koperasi Aktif') unless it is
    a whole name of four words or more."""
    ta, tb = set(tokens(a)), set(tokens(b))
    if len(ta) < 2 or len(tb) < 2:
        return False
    ma, mb = _measures(tokens(a)), _measures(tokens(b))
    if ma and mb and not ma & mb:
        return False  # 'Nilai Akuntabilitas ...' is not 'Indeks Kepuasan ...'
    if fuzz.token_set_ratio(" ".join(sorted(ta)), " ".join(sorted(tb))) < TOKEN_SET_MIN:
        return False
    if _ends_merged_name(tokens(a), tokens(b)) or _ends_merged_name(tokens(b), tokens(a)):
        return True
    small, large = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    shared = _shared(small, large)
    if len(small) >= WHOLE_NAME_MIN and shared == len(small):
        return True  # a full indicator name inside a name merged with its sasaran
    return shared >= 0.8 * len(small) and shared >= LARGER_COVERAGE_MIN * len(large)


def program_tokens(name: str) -> list[str]:
    """A programme name's words without 'program', roman numerals and stray letters."""
    return [w for w in tokens(name) if w != "program" and not _ROMAN.match(w)]


def same_program(a: str, b: str) -> bool:
    """Two programme names that are the same programme: the shorter matches the start of the
    longer (the extraction may have run the next cell's words on after the name)."""
    ta, tb = program_tokens(a), program_tokens(b)
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 2:
        return False
    return fuzz.ratio(" ".join(short), " ".join(long_[: len(short)])) >= PROGRAM_MIN


def budget_name_tokens(name: str) -> list[str]:
    """A programme/kegiatan name's words without the level word, roman numerals and debris."""
    level_words = {"program", "kegiatan", "sub"}
    return [w for w in tokens(name) if w not in level_words and not _ROMAN.match(w)]


def same_budget_name(a: str, b: str, min_words: int = 3) -> bool:
    """A kegiatan or programme named in prose and a budget line's name: the shorter (of at least
    ``min_words`` words) matches the start of the longer, or the two hold the same words."""
    ta, tb = budget_name_tokens(a), budget_name_tokens(b)
    short_, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short_) < min_words:
        return False
    if fuzz.ratio(" ".join(short_), " ".join(long_[: len(short_)])) >= PROGRAM_MIN:
        return True
    return fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) >= PROGRAM_MIN
