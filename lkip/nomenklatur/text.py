"""Program, kegiatan and sub kegiatan names reduced to a matching key: case, punctuation, OCR debris,
abbreviations and the usual variants ('Kab/Kota', 'KSP/USP', 'UMKM', '&') folded the same way on
both sides, so the official list and a report's name meet in one form."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from lkip.normalize.ocr_words import fix_ocr_letters

# words dropped from the key: joining words whose presence varies between spellings of one name
STOPWORDS = frozenset({"dan", "serta", "yang", "dengan", "beserta", "atau", "the", "of"})

# level words a report puts before a name ('PROGRAM ...', 'Kegiatan ...', 'Sub Kegiatan ...')
_LEADING = re.compile(r"^\s*(?:(?:sub\s*-?\s*)?kegiatan|program|urusan)\b[\s:.\-]*", re.IGNORECASE)
# a row number or a printed code before the name ('1.', '2.17.04.2.01.0001', 'a)')
_CODE = re.compile(r"^\s*(?:[0-9xX]{1,2}(?:\s?\.\s?[0-9xX]{1,4}){0,6}|[a-z])[\.\)]?\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ROMAN = re.compile(r"^(?:[ivx]{1,4}|l?x{0,3}(?:ix|iv|v?i{0,3}))$")

# phrase -> canonical token, applied on the space-joined words (longest phrases first)
_PHRASES: list[tuple[str, str]] = [
    ("usaha menengah usaha kecil usaha mikro", "umkm"),
    ("usaha menengah usaha kecil dan usaha mikro", "umkm"),
    ("usaha mikro usaha kecil dan usaha menengah", "umkm"),
    ("usaha mikro usaha kecil usaha menengah", "umkm"),
    ("usaha mikro kecil dan menengah", "umkm"),
    ("usaha mikro kecil menengah", "umkm"),
    ("usaha kecil dan menengah", "ukm"),
    ("usaha kecil menengah", "ukm"),
    ("koperasi simpan pinjam", "ksp"),
    ("unit simpan pinjam", "usp"),
    ("unit usaha simpan pinjam", "usp"),
    ("aparatur sipil negara", "asn"),
    ("pegawai negeri sipil", "pns"),
    ("satuan kerja perangkat daerah", "skpd"),
    ("organisasi perangkat daerah", "opd"),
    ("barang milik daerah", "bmd"),
    ("badan layanan umum daerah", "blud"),
    ("kabupaten kota", "kabkota"),
    ("kab kota", "kabkota"),
    ("kabupaten", "kabkota"),
    ("kota", "kabkota"),
    ("kab", "kabkota"),
    ("kabkot", "kabkota"),
    ("prov", "provinsi"),
    ("propinsi", "provinsi"),
    ("pemda", "pemerintah daerah"),
    ("pemkab", "pemerintah kabkota"),
    ("pemkot", "pemerintah kabkota"),
    ("kec", "kecamatan"),
    ("kel", "kelurahan"),
    ("perundang undangan", "perundangundangan"),
]
_PHRASE_MAP = dict(_PHRASES)
# canonical token -> the words its long forms are made of ('ksp' -> koperasi, simpan, pinjam): a
# piece of a name cut inside a long form still shares those words with the name
EXPANSIONS: dict[str, frozenset[str]] = {}
for _phrase, _token in _PHRASES:
    EXPANSIONS[_token] = EXPANSIONS.get(_token, frozenset()) | frozenset(
        w for w in _phrase.split() if w not in STOPWORDS and w != _token)
_PHRASE_RE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
    re.escape(p) for p in sorted(_PHRASE_MAP, key=len, reverse=True)) + r")(?![a-z0-9])")


def fold(text: str) -> str:
    """Lower case ASCII-ish text: ligatures and accents folded (NFKC, then combining marks dropped)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def strip_prefix(text: str) -> str:
    """The name without a leading row number, printed code or level word ('PROGRAM', 'Kegiatan')."""
    for _ in range(3):
        before = text
        text = _CODE.sub("", text, count=1)
        text = _LEADING.sub("", text, count=1)
        if text == before:
            break
    return text


def raw_words(text: str, *, strip: bool = True) -> list[str]:
    """The words of a name as written, lower case, OCR digits read as letters; without the
    leading row number, code or level word when ``strip``."""
    low = fold(text).replace("&", " dan ")
    if strip:
        low = strip_prefix(low)
    return _NON_WORD.sub(" ", fix_ocr_letters(low)).split()


def key(words: list[str]) -> str:
    """The matching key of a name's words: abbreviations folded ('usaha mikro kecil dan menengah'
    -> 'umkm'), joining words, numbers, single letters and roman numerals dropped, a doubled word
    and a damaged leading 'PROGRAM' dropped."""
    low = _PHRASE_RE.sub(lambda m: _PHRASE_MAP[m.group(0)], " ".join(words))
    out: list[str] = []
    for word in _drop_level_word(low.split()):
        if word in STOPWORDS or word.isdigit() or len(word) == 1 or (len(word) <= 4 and _ROMAN.match(word)):
            continue
        if out and out[-1] == word:
            continue  # 'UMKM (UMKM)', a word doubled by a wrapped cell
        out.append(word)
    return " ".join(out)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The matching key of a name: 'PROGRAM PENILAIAN KESEHATAN KSP/USP KOPERASI' and 'Penilaian
    Kesehatan Koperasi Simpan Pinjam / Unit Simpan Pinjam Koperasi' both give
    'penilaian kesehatan ksp usp koperasi'."""
    return key(raw_words(text))


def _drop_level_word(words: list[str]) -> list[str]:
    """The words without an OCR-damaged leading 'PROGRAM' ('PRORAM', 'P ROGRAM', 'PROGRAMPENGELOLAAN')."""
    if len(words) < 2:
        return words
    for n in (2, 1):
        head = "".join(words[:n])
        if 5 <= len(head) <= 9 and fuzz.ratio(head, "program") >= 75 and len(words) > n:
            return words[n:]
    if words[0].startswith("program") and len(words[0]) > 9:
        return [words[0][7:], *words[1:]]
    return words


def tokens(text: str) -> list[str]:
    """The words of a name's matching key."""
    return normalize(text).split()
