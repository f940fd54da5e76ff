"""Fuzzy matching of a program / kegiatan / sub kegiatan name to its official code: a token index
picks a few dozen candidates, rapidfuzz scores them on normalized keys, context (bidang, parent,
tingkat, report year) chooses between close ones."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from lkip.nomenklatur.data import Entry, Nomenklatur, NomLevel, VersionKey, load
from lkip.nomenklatur.text import normalize

log = logging.getLogger(__name__)

ACCEPT = 85.0  # a score at or above this is a match: the name is the official one (spelled its way)
SUGGEST = 60.0  # below ACCEPT and at or above this: the closest official name, offered as a hint
CONTEXT_MARGIN = 6.0  # a candidate within this many points of the best wins when its context fits
PREFILTER = 24  # candidates scored with rapidfuzz after the token index
MIN_EMBEDDED_TOKENS = 3  # an official name found inside a longer label needs at least these words
EMBEDDED_COVERAGE = 0.9  # ...and this share of its word weight present in the label
EMBEDDED_PENALTY = 6.0  # a name found inside a longer label scores at most 100 minus this
TOKEN_FIX_MIN = 75  # rapidfuzz ratio for an unknown word (OCR slip) to stand for a known one


@dataclass(frozen=True)
class Context:
    """What the report says around a name: its parent's official code (program of a kegiatan,
    kegiatan of a sub kegiatan), the bidang urusan of its table section, the pemda's tingkat and
    the nomenklatur version of the report year."""

    parent: str | None = None
    bidang: str | None = None
    tingkat: str | None = None  # 'kabkota' or 'provinsi'
    version: VersionKey | None = None


@dataclass(frozen=True)
class Candidate:
    kode: str
    nama: str
    score: float
    level: str
    entry: Entry = field(repr=False, compare=False)


@dataclass(frozen=True)
class Match:
    """The answer for one name: the best official code (None below ACCEPT), its score, the
    best suggestion whatever its score, and the runners-up."""

    name: str
    level: str
    kode: str | None
    nama: str | None
    score: float
    best: Candidate | None
    alternatives: tuple[Candidate, ...] = ()
    inside: str = ""  # found inside a longer label: 'head' (the label starts with it), 'words'

    @property
    def embedded(self) -> bool:
        return bool(self.inside)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name, "level": self.level, "kode": self.kode, "nama": self.nama,
            "score": round(self.score, 1),
            "alternatives": [{"kode": c.kode, "nama": c.nama, "score": round(c.score, 1)}
                             for c in self.alternatives],
        }


def resolve(kode: str, bidang: str | None) -> str:
    """A code as a report prints it: 'X.XX' of the program penunjang replaced by the bidang."""
    if bidang and kode.startswith("X.XX"):
        return bidang + kode[4:]
    return kode


def resolve_code(entry: Entry, bidang: str | None) -> str:
    return resolve(entry.kode, bidang)


class LevelIndex:
    """One level's official names as normalized keys, with a token index over them."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        key_ids: dict[str, int] = {}
        self.keys: list[str] = []
        self.entries: list[list[Entry]] = []
        for entry in entries:
            for name in entry.names:
                key = normalize(name)
                if not key:
                    continue
                i = key_ids.setdefault(key, len(self.keys))
                if i == len(self.keys):
                    self.keys.append(key)
                    self.entries.append([])
                if entry not in self.entries[i]:
                    self.entries[i].append(entry)
        self.key_id = key_ids
        postings: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            for token in set(key.split()):
                postings.setdefault(token, []).append(i)
        n = len(self.keys)
        self.idf = {t: math.log(1 + n / len(ids)) for t, ids in postings.items()}
        self.postings = {t: np.asarray(ids, dtype=np.int32) for t, ids in postings.items()}
        self.by_length: dict[int, list[str]] = {}
        for word in self.postings:
            self.by_length.setdefault(len(word), []).append(word)
        self.weight = np.asarray([sum(self.idf[t] for t in set(k.split())) for k in self.keys])
        self.n = n

    @lru_cache(maxsize=16384)  # noqa: B019 - one index per level, alive for the process
    def known(self, token: str) -> tuple[tuple[str, float], ...]:
        """The index words a query word stands for: itself, else the closest (an OCR slip)."""
        if token in self.postings:
            return ((token, 1.0),)
        if len(token) < 4:
            return ()
        near = self._near(len(token))
        found = process.extract(token, near, scorer=fuzz.ratio, limit=2,
                                score_cutoff=TOKEN_FIX_MIN)
        return tuple((word, score / 100) for word, score, _ in found)

    @lru_cache(maxsize=64)  # noqa: B019 - one index per level, alive for the process
    def _near(self, length: int) -> list[str]:
        """Index words within two letters of ``length``."""
        return [w for n in range(length - 2, length + 3) for w in self.by_length.get(n, ())]

    def candidates(self, query: str, limit: int = PREFILTER) -> tuple[list[int], dict[str, float]]:
        """Key ids sharing the most (idf-weighted) words with the query, and the index word each
        query word was read as, with its weight."""
        ids: list[np.ndarray] = []
        weights: list[float] = []
        sizes: list[int] = []
        read: dict[str, float] = {}
        for token in set(query.split()):
            for word, similarity in self.known(token):
                w = self.idf[word] * similarity
                if read.get(word, 0.0) >= w:
                    continue
                read[word] = w
        for word, w in read.items():
            post = self.postings[word]
            ids.append(post)
            weights.append(w)
            sizes.append(len(post))
        if not ids:
            return [], read
        shared = np.bincount(np.concatenate(ids), weights=np.repeat(weights, sizes),
                             minlength=self.n)
        q_weight = sum(read.values()) or 1.0
        cosine = shared / np.sqrt(self.weight * q_weight)
        coverage = shared / self.weight
        top = set(np.argpartition(-cosine, min(limit, self.n - 1))[:limit].tolist())
        top |= set(np.argpartition(-coverage, min(6, self.n - 1))[:6].tolist())
        return [i for i in top if shared[i] > 0], read


def _strict_score(query: str, key: str) -> float:
    return max(fuzz.ratio(query, key), fuzz.token_sort_ratio(query, key))


class Matcher:
    """Matches names to the nomenklatur; one per process (see ``matcher()``)."""

    def __init__(self, nom: Nomenklatur) -> None:
        start = time.perf_counter()
        self.nom = nom
        self.index = {level: LevelIndex(nom.by_level[level]) for level in nom.by_level}
        self.build_seconds = time.perf_counter() - start
        log.debug("nomenklatur index built in %.3f s", self.build_seconds)

    # ------------------------------------------------------------------ scoring

    def _scored(self, query: str, level: NomLevel, embedded: bool) -> list[tuple[float, int, str]]:
        """(score, key id, found inside a longer label) of the prefiltered candidates."""
        index = self.index[level]
        ids, read = index.candidates(query)
        out: list[tuple[float, int, str]] = []
        q_len = len(query)
        q_weight = sum(read.values()) or 1.0
        if not ids:
            return out
        keys = [index.keys[i] for i in ids]
        scores = np.maximum(process.cdist([query], keys, scorer=fuzz.ratio)[0],
                            process.cdist([query], keys, scorer=fuzz.token_sort_ratio)[0])
        for i, key, score in zip(ids, keys, scores.tolist(), strict=True):
            inside = ""
            if embedded and score < ACCEPT and len(key) < q_len:
                alt, how = self._embedded_score(index, i, query, read, q_weight)
                if alt > score:
                    score, inside = alt, how
            out.append((score, i, inside))
        return out

    @staticmethod
    def _embedded_score(index: LevelIndex, i: int, query: str, read: dict[str, float],
                        q_weight: float) -> tuple[float, str]:
        """The score of an official name inside a longer label: the name's words (weighted) found
        in the label, less a penalty growing with the label's words that are not the name's; or
        the name matching the label's start (the rest being a neighbouring cell's words)."""
        key = index.keys[i]
        words = set(key.split())
        head = fuzz.ratio(key, query[: len(key)]) - EMBEDDED_PENALTY
        if len(words) < MIN_EMBEDDED_TOKENS or not index.weight[i]:
            return (head, "head") if len(words) >= 2 else (0.0, "")
        shared = sum(read.get(w, 0.0) for w in words)
        covered = shared / index.weight[i]
        spread = 100.0 * covered - EMBEDDED_PENALTY * (2.0 - shared / q_weight)
        if covered < EMBEDDED_COVERAGE or head >= spread:
            return head, "head"
        return spread, "words"

    @staticmethod
    def _fit(entry: Entry, ctx: Context | None) -> float:
        """Points for a candidate whose code fits the context (used to choose among close ones)."""
        if ctx is None:
            return 0.0
        points = 0.0
        if ctx.parent:
            parent = entry.parent or ""
            penunjang = parent.startswith("X.XX") and ctx.parent.endswith(parent[4:])
            if parent == ctx.parent or penunjang:
                points += 4.0
            elif entry.template and entry.kode.startswith("X.XX"):
                points += 0.0
        if ctx.bidang:
            if entry.kode.startswith(ctx.bidang + ".") or entry.kode == ctx.bidang:
                points += 2.0
            elif entry.kode.startswith("X.XX") and entry.level != "program":
                points += 1.0
        if ctx.tingkat and ctx.tingkat in entry.tingkat:
            points += 1.0
        if ctx.version:
            if ctx.version in entry.versions:
                points += 0.5
            elif ctx.version in entry.absent:
                points -= 0.5
        return points

    @staticmethod
    def _tiebreak(entry: Entry, ctx: Context | None) -> tuple[float, ...]:
        """Among equal names: regular before special-autonomy kegiatan, the generic X.XX.01 before
        a bidang's copy, the newest version last resort."""
        special = entry.jenis is not None and entry.jenis not in ("1", "2")
        generic = entry.template and not (ctx and ctx.bidang)
        order = max((int(v) for v in entry.versions), default=0)
        kabkota = ctx is None or ctx.tingkat is None
        return (-float(special), -float(generic), float(kabkota and "kabkota" in entry.tingkat),
                float("2023" in entry.versions), float(order))

    def match(self, name: str, level: NomLevel, context: Context | None = None, *,
              embedded: bool = False, limit: int = 5) -> Match:
        """The official code and name of ``name`` at ``level``; ``embedded`` also accepts an
        official name of three words or more found inside a longer label (a table cell run
        together with its neighbour)."""
        return self._match(name, level, context, embedded, limit)

    @lru_cache(maxsize=32768)  # noqa: B019 - the matcher lives as long as the process
    def _match(self, name: str, level: NomLevel, context: Context | None, embedded: bool,
               limit: int) -> Match:
        query = normalize(name)
        if not query or level not in self.index:
            return Match(name=name, level=level, kode=None, nama=None, score=0.0, best=None)
        index = self.index[level]
        ranked: list[tuple[float, float, tuple[float, ...], Entry, str]] = []
        scored = sorted(self._scored(query, level, embedded), reverse=True)
        if scored:
            floor = scored[0][0] - CONTEXT_MARGIN
            scored = [s for n, s in enumerate(scored) if s[0] >= floor or n <= limit]
        for score, i, inside in scored:
            for entry in index.entries[i]:
                fit = self._fit(entry, context)
                ranked.append((score, fit, self._tiebreak(entry, context), entry, inside))
        if not ranked:
            return Match(name=name, level=level, kode=None, nama=None, score=0.0, best=None)
        top = max(r[0] for r in ranked)
        # close candidates compete on context; the rest on score
        ranked.sort(key=lambda r: (r[0] + (r[1] if top - r[0] <= CONTEXT_MARGIN else 0.0),
                                   r[1], r[2]), reverse=True)
        seen: set[str] = set()
        cands: list[tuple[Candidate, str]] = []
        bidang = context.bidang if context else None
        for score, _fit, _tb, entry, inside in ranked:
            kode = resolve_code(entry, bidang)
            if kode in seen:
                continue
            seen.add(kode)
            cands.append((Candidate(kode=kode, nama=entry.nama, score=round(score, 1),
                                    level=level, entry=entry), inside))
            if len(cands) > limit:
                break
        best, inside = cands[0]
        accepted = best.score >= ACCEPT
        return Match(
            name=name, level=level, kode=best.kode if accepted else None,
            nama=best.nama if accepted else None, score=best.score, best=best,
            alternatives=tuple(c for c, _ in cands[1:limit + 1]), inside=inside,
        )

    def score_entry(self, name: str, entry: Entry, *, embedded: bool = False) -> float:
        """How well ``name`` fits one given official entry (a printed code's own name)."""
        query = normalize(name)
        if not query:
            return 0.0
        index = self.index[entry.level]
        _ids, read = index.candidates(query, limit=1)
        q_weight = sum(read.values()) or 1.0
        best = 0.0
        for alias in entry.names:
            key = normalize(alias)
            score = _strict_score(query, key)
            if embedded and score < ACCEPT and len(key) < len(query):
                i = index.key_id.get(key)
                if i is not None:
                    score = max(score, self._embedded_score(index, i, query, read, q_weight)[0])
            best = max(best, score)
        return best

    def search(self, words: str, level: NomLevel | None = None, limit: int = 10) -> list[Candidate]:
        """Official names holding the given words (OCR slips allowed), best first."""
        query = normalize(words)
        if not query:
            return []
        out: list[Candidate] = []
        levels = [level] if level else [lv for lv in self.index if lv != "urusan"]
        for lv in levels:
            index = self.index[lv]
            ids, read = index.candidates(query, limit=200)
            q_words = set(query.split())
            for i in ids:
                key = index.keys[i]
                key_words = set(key.split())
                found = sum(1 for w in q_words if any(r in key_words for r, _ in index.known(w)))
                score = 100.0 * found / len(q_words) * 0.7 + 0.3 * fuzz.partial_ratio(query, key)
                for entry in index.entries[i]:
                    out.append(Candidate(kode=entry.kode, nama=entry.nama, score=round(score, 1),
                                         level=lv, entry=entry))
        out.sort(key=lambda c: (-c.score, "kabkota" not in c.entry.tingkat, len(c.nama), c.kode))
        seen: set[str] = set()
        unique = []
        for c in out:
            if c.kode not in seen:
                seen.add(c.kode)
                unique.append(c)
        return unique[:limit]


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    """The process's matcher over the packaged nomenklatur (built on first use)."""
    return Matcher(load())


def match(name: str, level: NomLevel, context: Context | None = None, *,
          embedded: bool = False) -> Match:
    return matcher().match(name, level, context, embedded=embedded)
