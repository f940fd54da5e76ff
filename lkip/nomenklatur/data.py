"""The packaged nomenklatur (lkip/data/nomenklatur.csv, a verbatim copy of the shared list): loaded
once into entries by code, with the versions each code belongs to. A compact form made from the CSV
(lkip/data/nomenklatur.compact.json: the columns used, the matching keys, the word list) is read
instead of the CSV when its recorded SHA-256 is the CSV's, which keeps start-up short."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from lkip.nomenklatur.text import normalize, raw_words

log = logging.getLogger(__name__)

NomLevel = Literal["urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan"]
LEVELS: tuple[NomLevel, ...] = ("urusan", "bidang_urusan", "program", "kegiatan", "sub_kegiatan")
VersionKey = Literal["2021", "2023", "2024", "2027"]

DATA_FILE = "nomenklatur.csv"
COMPACT_FILE = "nomenklatur.compact.json"  # made from DATA_FILE by lkip.nomenklatur.build
COMPACT_FORMAT = 1
# what the file is, for every report (see lkip/data/nomenklatur.README.md)
SOURCE_ID = "Permendagri 90/2019 s.d. pemutakhiran SIPD 2027 (data Januari 2026, {n} kode)"
SOURCE_EN = "Permendagri 90/2019 up to the SIPD 2027 update (data January 2026, {n} codes)"
# version flag column of each snapshot
_FLAGS: dict[VersionKey, str] = {
    "2021": "ada_050_5889_2021",
    "2023": "ada_1317_2023",
    "2024": "ada_antara_2024_2026",
    "2027": "ada_sipd_2027",
}
VERSION_NAMES: dict[VersionKey, str] = {
    "2021": "Kepmendagri 050-5889/2021",
    "2023": "Kepmendagri 900.1.15.5-1317/2023",
    "2024": "Kepmendagri 900.1.15.5-1317/2023 + 3406/2024",
    "2027": "SIPD 2027",
}
FIRST_YEAR = 2021  # Permendagri 90/2019 governs the budgets from APBD 2021 on


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of the nomenklatur."""

    level: NomLevel
    kode: str
    nama: str
    parent: str | None
    tingkat: frozenset[str]  # {'kabkota'}, {'provinsi'} or both
    jenis: str | None  # kegiatan digit: '1' provinsi, '2' kab/kota, '3'..'8' special autonomy
    versions: frozenset[str]  # version keys whose flag is 1
    absent: frozenset[str]  # version keys whose flag is 0 (checked, not there)
    names: tuple[str, ...]  # nama first, then the alternative spellings
    kode_2digit: str | None
    replaced_by: tuple[str, ...]
    template: bool  # a B.BB.01 programme written out from X.XX.01


@dataclass(frozen=True)
class Nomenklatur:
    entries: dict[str, Entry]
    by_level: dict[str, tuple[Entry, ...]]
    by_2digit: dict[str, str]  # 2-digit sub kegiatan code -> 4-digit code(s) ('|' joined)
    sha256: str
    load_seconds: float
    # level -> its distinct matching keys, each with the entries whose name gives it
    keys: dict[str, tuple[tuple[str, tuple[Entry, ...]], ...]]
    vocabulary: frozenset[str]  # the words of the official names (see _vocabulary)

    def get(self, kode: str) -> Entry | None:
        return self.entries.get(kode)

    def children(self, kode: str) -> list[Entry]:
        return [e for e in self.entries.values() if e.parent == kode]


def _jenis(level: str, kode: str) -> str | None:
    parts = kode.split(".")
    return parts[3] if level in ("kegiatan", "sub_kegiatan") and len(parts) > 3 else None


def _entry(row: dict[str, str]) -> Entry:
    names = [row["nama"]]
    for extra in [row["nama_sipd_2027"], *row["nama_alternatif"].split(" | ")]:
        extra = extra.strip()
        if extra and extra not in names:
            names.append(extra)
    versions = frozenset(k for k, col in _FLAGS.items() if row[col] == "1")
    absent = frozenset(k for k, col in _FLAGS.items() if row[col] == "0")
    level: NomLevel = row["level"]  # type: ignore[assignment]
    return Entry(
        level=level, kode=row["kode"], nama=row["nama"], parent=row["parent_kode"] or None,
        tingkat=frozenset(row["tingkat"].split(";")), jenis=_jenis(level, row["kode"]),
        versions=versions, absent=absent, names=tuple(names),
        kode_2digit=row["kode_sub_2digit"] or None,
        replaced_by=tuple(k for k in row["kode_pengganti_sipd_2027"].split("|") if k),
        template=bool(row["turunan_dari"]),
    )


def data_bytes() -> bytes:
    return resources.files("lkip").joinpath("data", DATA_FILE).read_bytes()


def compact_text() -> str | None:
    """The packaged compact form (``COMPACT_FILE``), None when it is not there."""
    path = resources.files("lkip").joinpath("data", COMPACT_FILE)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _entries_from_csv(raw: bytes) -> list[Entry]:
    return [_entry(row) for row in csv.DictReader(raw.decode("utf-8").splitlines())]


def _row(entry: Entry) -> list[object]:
    """An entry as one row of the compact form (the order of ``_from_row``)."""
    return [entry.level, entry.kode, entry.nama, entry.parent or "",
            ";".join(sorted(entry.tingkat)), entry.jenis or "",
            "".join(sorted(entry.versions)), "".join(sorted(entry.absent)), list(entry.names[1:]),
            entry.kode_2digit or "", list(entry.replaced_by), int(entry.template)]


def _versions(packed: str) -> frozenset[str]:
    return frozenset(packed[i:i + 4] for i in range(0, len(packed), 4))


def _from_row(row: list[Any]) -> Entry:
    level, kode, nama, parent, tingkat, jenis, versions, absent, alt, two, repl, template = row
    return Entry(level=level, kode=kode, nama=nama, parent=parent or None,
                 tingkat=frozenset(tingkat.split(";")), jenis=jenis or None,
                 versions=_versions(versions), absent=_versions(absent), names=(nama, *alt),
                 kode_2digit=two or None, replaced_by=tuple(repl), template=bool(template))


def _keys(entries: list[Entry]) -> dict[str, list[tuple[str, list[int]]]]:
    """Each level's distinct matching keys (``text.normalize`` of every name and alternative
    spelling), with the positions in ``entries`` of the codes carrying each key."""

    out: dict[str, list[tuple[str, list[int]]]] = {lvl: [] for lvl in LEVELS}
    ids: dict[tuple[str, str], int] = {}
    for pos, entry in enumerate(entries):
        for name in entry.names:
            key = normalize(name)
            if not key:
                continue
            keyed = out[entry.level]
            i = ids.setdefault((entry.level, key), len(keyed))
            if i == len(keyed):
                keyed.append((key, []))
            if pos not in keyed[i][1]:
                keyed[i][1].append(pos)
    return out


def _vocabulary(entries: list[Entry]) -> list[str]:
    """Every word of the official names as written (before abbreviations are folded): what an
    OCR-damaged word of a report is read back to."""

    words: set[str] = set()
    for entry in entries:
        for name in entry.names:
            words.update(raw_words(name, strip=False))
    return sorted(w for w in words if not w.isdigit())


def compact_json(raw: bytes) -> str:
    """The compact form of the CSV ``raw``: the columns the matcher uses, each level's matching
    keys and the word list, so that a process does not parse the CSV nor normalize 15,000
    names. One entry a line; regenerate with ``python -m lkip.nomenklatur.build``."""
    entries = _entries_from_csv(raw)
    keys = _keys(entries)
    lines = ["{", f'"format": {COMPACT_FORMAT},',
             f'"csv_sha256": "{hashlib.sha256(raw).hexdigest()}",', '"entries": [']
    lines.append(",\n".join(json.dumps(_row(e), ensure_ascii=False) for e in entries))
    lines.append("],")
    lines.append('"keys": {')
    lines.append(",\n".join(
        f"{json.dumps(level)}: [\n" + ",\n".join(json.dumps([k, ids], ensure_ascii=False)
                                                 for k, ids in keys[level]) + "\n]"
        for level in LEVELS))
    lines.append("},")
    lines.append(f'"vocabulary": {json.dumps(_vocabulary(entries), ensure_ascii=False)}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _read_compact(text: str | None, sha: str) -> tuple[list[Entry], dict[str, Any], list[str]] | None:
    if text is None:
        return None
    data = json.loads(text)
    if data.get("format") != COMPACT_FORMAT or data.get("csv_sha256") != sha:
        log.warning("nomenklatur: %s is stale (not made from %s); reading the CSV instead "
                    "(run python -m lkip.nomenklatur.build)", COMPACT_FILE, DATA_FILE)
        return None
    entries = [_from_row(row) for row in data["entries"]]
    return entries, {lvl: [(k, ids) for k, ids in data["keys"][lvl]] for lvl in LEVELS}, \
        data["vocabulary"]


@lru_cache(maxsize=1)
def load() -> Nomenklatur:
    """The packaged list, read once per process: from the compact form when it was made from
    the packaged CSV (checked by its SHA-256), else from the CSV itself."""
    start = time.perf_counter()
    raw = data_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    compact = _read_compact(compact_text(), sha)
    if compact is not None:
        entry_list, keys, vocabulary = compact
    else:
        entry_list = _entries_from_csv(raw)
        keys, vocabulary = _keys(entry_list), _vocabulary(entry_list)
    entries: dict[str, Entry] = {}
    two: dict[str, str] = {}
    by_level: dict[str, list[Entry]] = {lvl: [] for lvl in LEVELS}
    for entry in entry_list:
        entries[entry.kode] = entry
        by_level[entry.level].append(entry)
        if entry.kode_2digit:
            two[entry.kode_2digit] = (two[entry.kode_2digit] + "|" + entry.kode
                                      if entry.kode_2digit in two else entry.kode)
    keyed: dict[str, tuple[tuple[str, tuple[Entry, ...]], ...]] = {
        lvl: tuple((k, tuple(entry_list[i] for i in ids)) for k, ids in keys[lvl]) for lvl in LEVELS}
    seconds = time.perf_counter() - start
    nom = Nomenklatur(entries=entries, by_level={k: tuple(v) for k, v in by_level.items()},
                      by_2digit=two, sha256=sha, load_seconds=seconds, keys=keyed,
                      vocabulary=frozenset(vocabulary))
    log.debug("nomenklatur: %d codes loaded in %.3f s", len(entries), seconds)
    return nom


def version_for_year(year: int | None) -> VersionKey | None:
    """The snapshot that governs a report year's budget (None: unknown year, all of them)."""
    if year is None:
        return None
    if year <= 2022:
        return "2021"
    if year == 2023:
        return "2023"
    if year <= 2026:
        return "2024"
    return "2027"


def describe(year: int | None, lang: str = "id") -> str:
    """The nomenklatur a report is matched against, in words, for the report header."""
    n = len(load().entries)
    if year is not None and year < FIRST_YEAR:
        return (f"tidak diterapkan: tahun {year} sebelum Permendagri 90/2019 berlaku (APBD 2021)"
                if lang == "id" else
                f"not applied: {year} is before Permendagri 90/2019 took effect (2021 budgets)")
    base = (SOURCE_ID.format(n=f"{n:,}".replace(",", ".")) if lang == "id"
            else SOURCE_EN.format(n=f"{n:,}"))
    key = version_for_year(year)
    if key is None:
        return base
    return base + (f"; acuan tahun {year}: {VERSION_NAMES[key]}" if lang == "id"
                   else f"; for {year}: {VERSION_NAMES[key]}")


_PROGRAM_3 = re.compile(r"^([0-9X]+\.[0-9X]{2})\.0(\d{2})(?=\.|$)")


def canonical_code(printed: str) -> str | None:
    """A code as printed in a report in the list's form: spaces dropped, a provinsi's 3-digit
    program ('5.02.001') as 2 digits, a 2-digit sub kegiatan number ('.01') as 4; None when it
    is no program, kegiatan or sub kegiatan code."""
    code = re.sub(r"\s", "", printed).rstrip(".").upper()
    code = _PROGRAM_3.sub(r"\1.\2", code)
    parts = code.split(".")
    if not re.fullmatch(r"[0-9X]+\.[0-9X]{2}\.\d{2}(\.\d\.\d{2}(\.\d{2,4})?)?", code):
        return None
    if len(parts) == 6 and len(parts[5]) == 2:
        parts[5] = parts[5].zfill(4)
    return ".".join(parts)


def lookup_code(nom: Nomenklatur, printed: str) -> tuple[str | None, Entry | None]:
    """(canonical code, its entry) of a printed code; the program penunjang's kegiatan and sub
    kegiatan ('2.17.01.2.02') are found under X.XX. Entry None: not in the list."""
    code = canonical_code(printed)
    if code is None:
        return None, None
    entry = nom.get(code)
    if entry is None and len(code.split(".")) > 3 and code.split(".")[2] == "01":
        entry = nom.get("X.XX" + code[len(".".join(code.split(".")[:2])):])
    if entry is None and code.count(".") == 5:
        two = code[: code.rfind(".")] + "." + code[-2:]
        alias = nom.by_2digit.get(two)
        if alias and "|" not in alias:
            entry = nom.get(alias)
    return code, entry
