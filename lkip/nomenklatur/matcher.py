"""Fuzzy matching of a program / kegiatan / sub kegiatan name to its official code.

A report's name is read word by word (OCR slips read back to the official names' words, words run
together split, a word cut in two joined) and reduced to a key (text.key: abbreviations folded);
an idf-weighted token index over the level's precomputed keys picks a few dozen candidates
(numpy); rapidfuzz scores them all at once (cdist); the leading ones lose points where their
words disagree with the name's beyond OCR slips; a name with words lost is only suggested;
context (bidang, parent, tingkat, report year) chooses between close ones."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from lkip.nomenklatur.data import Entry, Nomenklatur, NomLevel, VersionKey, load
from lkip.nomenklatur.text import EXPANSIONS, key, normalize, raw_words

if TYPE_CHECKING:
    from numpy.typing import NDArray

log = logging.getLogger(__name__)

ACCEPT = 85.0  # a score at or above this is a match: the name is the official one (spelled its way)
SUGGEST = 60.0  # below ACCEPT and at or above this: the closest official name, offered as a hint
CONTEXT_MARGIN = 6.0  # a candidate within this many points of the best wins when its context fits
PREFILTER = 24  # candidates scored with rapidfuzz after the token index
EMBEDDED_TOP = 6  # ...and the ones whose words the query holds most completely
SELECT_SHARE = 0.5  # a candidate shares at least this much of the best one's cosine
MIN_EMBEDDED_TOKENS = 3  # an official name found inside a longer label needs at least these words
EMBEDDED_COVERAGE = 0.9  # ...and this share of its word weight present in the label
EMBEDDED_PENALTY = 6.0  # a name found inside a longer label scores at most 100 minus this
TOKEN_FIX_MIN = 75  # rapidfuzz ratio for an unknown word (OCR slip) to stand for a known one
REPAIR_MIN = 80  # rapidfuzz ratio for a report word to be read as an official word before folding
REPAIR_MIN_LEN = 5  # ...and the shortest word so read
WORD_SUBSTITUTED = 10.0  # points off a name with a word of the query's replaced by another
WORD_MISSING = 10.0  # points off a name missing its rarest word or words weighing more than
MISSING_WEIGHT = 0.35  # ...this share of its idf weight
FRAGMENT_COVERAGE = 0.8  # share of a query's word weight an official name must hold to be
FRAGMENT_TOP = 80.0  # ...offered as the name the query is a piece of, scored up to this
TRUNCATED_SIMILARITY = 0.7  # weight share of a word read from its first letters ('Tunj.')
UNKNOWN_WEIGHT = 6.0  # idf-like weight of a query word that is no official word
SCOPE_WORDS = frozenset({"kabkota", "provinsi"})  # 'Kabupaten/Kota', 'Provinsi' (folded keys)
WORD_INSIDE_MIN = 80  # rapidfuzz partial_ratio for a word to be inside the other's letters
PROGRAM_MIN = 75  # rapidfuzz ratio for a name's first word to be a damaged 'PROGRAM'


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


def _numpy() -> ModuleType:
    """numpy, imported on the first lookup rather than at load (a third of the start-up)."""
    import numpy

    return numpy


def _order(entry: Entry) -> tuple[bool, bool, bool, bool, int]:
    """(special-autonomy kegiatan, X.XX.01 template, kab/kota, in the 2023 list, newest version)."""
    return (entry.jenis is not None and entry.jenis not in ("1", "2"), entry.template,
            "kabkota" in entry.tingkat, "2023" in entry.versions,
            max((int(v) for v in entry.versions), default=0))


class LevelIndex:
    """One level's official names as normalized keys, with an idf-weighted token index over
    them (built on the level's first lookup)."""

    def __init__(self, keyed: Iterable[tuple[str, tuple[Entry, ...]]]) -> None:
        np = _numpy()
        self.keys: list[str] = []
        self.entries: list[tuple[Entry, ...]] = []
        postings: dict[str, list[int]] = {}
        for i, (name_key, entries) in enumerate(keyed):
            self.keys.append(name_key)
            self.entries.append(entries)
            for token in set(name_key.split()):
                postings.setdefault(token, []).append(i)
        self.key_id = {key: i for i, key in enumerate(self.keys)}
        self.tokens = [frozenset(k.split()) for k in self.keys]
        n = len(self.keys)
        self.idf = {t: math.log(1 + n / len(ids)) for t, ids in postings.items()}
        self.postings = {t: np.asarray(ids, dtype=np.int32) for t, ids in postings.items()}
        self.by_length: dict[int, list[str]] = {}
        for word in self.postings:
            self.by_length.setdefault(len(word), []).append(word)
        self.weight = np.asarray([sum(self.idf[t] for t in set(k.split())) for k in self.keys])
        self.inv_sqrt_weight = 1.0 / np.sqrt(self.weight)
        self.inv_weight = 1.0 / self.weight
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

    @lru_cache(maxsize=16384)  # noqa: B019 - one index per level, alive for the process
    def ranking(self, i: int) -> tuple[tuple[Entry, tuple[bool, bool, bool, bool, int]], ...]:
        """Key ``i``'s entries with what orders equal names (see Matcher._match)."""
        return tuple((e, _order(e)) for e in self.entries[i])

    @lru_cache(maxsize=16384)  # noqa: B019 - one index per level, alive for the process
    def implied(self, i: int) -> frozenset[str]:
        """Key ``i``'s words with the words of its abbreviations' long forms ('ksp': koperasi,
        simpan, pinjam)."""
        tokens = self.tokens[i]
        extra = [EXPANSIONS[t] for t in tokens if t in EXPANSIONS]
        return tokens.union(*extra) if extra else tokens

    @lru_cache(maxsize=4096)  # noqa: B019 - one index per level, alive for the process
    def truncated(self, token: str) -> tuple[tuple[str, float], ...]:
        """The index words a cut-off word stands for ('tunj' for 'tunjangan', 'peny'): the few
        that start with it; none when it is short or many do."""
        if len(token) < 4:
            return ()
        found = [w for w in self._near_prefix(token[:4]) if w.startswith(token) and w != token]
        return tuple((w, TRUNCATED_SIMILARITY) for w in found) if len(found) <= 3 else ()

    @lru_cache(maxsize=4096)  # noqa: B019 - one index per level, alive for the process
    def _near_prefix(self, head: str) -> list[str]:
        return [w for w in self.postings if w.startswith(head)]

    @lru_cache(maxsize=64)  # noqa: B019 - one index per level, alive for the process
    def _near(self, length: int) -> list[str]:
        """Index words within two letters of ``length``."""
        return [w for n in range(length - 2, length + 3) for w in self.by_length.get(n, ())]

    def read(self, query: str) -> dict[str, float]:
        """The index word each query word was read as, with its weight (idf times similarity)."""
        read: dict[str, float] = {}
        postings = self.postings
        for token in set(query.split()):
            if token in postings:
                w = self.idf[token]
                if read.get(token, 0.0) < w:
                    read[token] = w
                continue
            for word, similarity in self.known(token):
                w = self.idf[word] * similarity
                if read.get(word, 0.0) < w:
                    read[word] = w
        return read

    def candidates(self, query: str, limit: int = PREFILTER, *, inside: bool = True,
                   share: float = SELECT_SHARE) -> tuple[list[int], dict[str, float]]:
        """Key ids sharing the most (idf-weighted) words with the query (cosine), plus, when
        ``inside``, the few whose own words the query holds most completely (a name inside a
        longer label); and the query words as read (see ``read``)."""
        read = self.read(query)
        if not read:
            return [], read
        np = _numpy()
        posts = [self.postings[word] for word in read]
        shared = np.bincount(np.concatenate(posts), minlength=self.n,
                             weights=np.repeat(list(read.values()), [len(p) for p in posts]))
        chosen = self._top(np, shared * self.inv_sqrt_weight, limit, share)
        if inside:
            chosen = np.union1d(chosen, self._top(np, shared * self.inv_weight, EMBEDDED_TOP, share))
        return chosen.tolist(), read

    @staticmethod
    def _top(np: ModuleType, values: NDArray[Any], limit: int, share: float = SELECT_SHARE) -> NDArray[Any]:
        """Ids of at most ``limit`` values at or above ``share`` of the largest (positive ones
        only), without sorting the whole array."""
        best = values.max()
        ids = np.flatnonzero(values >= best * share) if best > 0 else np.flatnonzero(values > 0)
        if len(ids) > limit:
            ids = ids[np.argpartition(-values[ids], limit - 1)[:limit]]
        return ids


def word_penalty(index: LevelIndex, i: int, query: str, q_tokens: set[str],
                 written: frozenset[str]) -> tuple[float, float]:
    """Points off a candidate whose words disagree with the query's beyond OCR slips, which
    character scores forgive when the words are short or alike in spelling: an official word
    the report wrote (``written``, of any level) standing where the name has another word
    ('Penyelenggaraan Rapat' is not 'Penyelenggaraan Jalan', 'Pengadaan' is not 'Pengamanan';
    the name's letters holding it is no disagreement: 'pemerintah' in 'pemerintahan'); the
    name's rarest word, or much of its weight, missing ('Pelaksanaan Manajemen Risiko' is not
    '... Risiko Zoonosis'; a name's word is there when a query word is a slip of it or the
    query's letters hold it, a word split by OCR; the tingkat a name ends with is often left
    out by reports and never counts as missing). (points for a different word, for missing
    words)."""
    k_tokens = index.tokens[i]
    k_only = k_tokens - q_tokens
    if not k_only:
        return 0.0, 0.0
    q_only = q_tokens - k_tokens
    penalty = missed = 0.0
    key_flat = index.keys[i].replace(" ", "")
    if any(len(q) >= 4 and q in written and q not in key_flat for q in q_only):
        penalty += WORD_SUBSTITUTED
    flat = query.replace(" ", "")
    missing = [k for k in k_only if k not in SCOPE_WORDS
               and (not q_only or process.extractOne(k, q_only, scorer=fuzz.ratio,
                                                    score_cutoff=TOKEN_FIX_MIN) is None)
               and fuzz.partial_ratio(k, flat) < WORD_INSIDE_MIN]
    if missing:
        idf = index.idf
        lost = sum(idf[k] for k in missing)
        if lost > MISSING_WEIGHT * index.weight[i] or max(idf[k] for k in missing) >= max(
                idf[k] for k in k_tokens):
            missed = WORD_MISSING
    return penalty, missed


def _strict_score(query: str, key: str) -> float:
    return max(fuzz.ratio(query, key), fuzz.token_sort_ratio(query, key))


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


class WordRepair:
    """Report words read back to the official names' words: an unknown word to the one closest
    in spelling (an OCR slip: 'menengsh' -> 'menengah'), two words run together split, a word cut
    in two joined. Works on the words before abbreviations are folded, so that a slip inside an
    abbreviation's long form does not stop it folding."""

    def __init__(self, vocabulary: frozenset[str]) -> None:
        self.vocabulary = vocabulary
        self._deletes: dict[str, list[str]] | None = None
        self._near: dict[int, list[str]] = {}

    @property
    def deletes(self) -> dict[str, list[str]]:
        """Each long word and its one-letter deletions -> the words they come from: a word one
        slip away (a letter changed, lost or added) shares one of these with its official word."""
        if self._deletes is None:
            by_length: dict[int, list[str]] = {}
            deletes: dict[str, list[str]] = {}
            for word in self.vocabulary:
                by_length.setdefault(len(word), []).append(word)
                if len(word) >= REPAIR_MIN_LEN - 1:
                    for variant in {word, *_deletions(word)}:
                        deletes.setdefault(variant, []).append(word)
            self._near = {n: [w for m in range(n - 2, n + 3) for w in by_length.get(m, ())]
                          for n in range(REPAIR_MIN_LEN, max(by_length) + 3)}
            self._deletes = deletes
        return self._deletes

    def repair(self, words: list[str]) -> list[str]:
        vocab = self.vocabulary
        if vocab.issuperset(words):
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            word = words[i]
            if word in vocab or word.isdigit():
                out.append(word)
                i += 1
                continue
            if i == 0 and 5 <= len(word) <= 9 and fuzz.ratio(word, "program") >= PROGRAM_MIN:
                out.append("program")  # 'RGRAM', 'PROGRAN': the level word, left for key()
                i += 1
                continue
            if i + 1 < len(words) and words[i + 1] not in vocab and word + words[i + 1] in vocab:
                out.append(word + words[i + 1])  # 'penye diaan', 'p engelolaan'
                i += 2
                continue
            out.extend(self.word(word) if len(word) >= REPAIR_MIN_LEN else (word,))
            i += 1
        return out

    @lru_cache(maxsize=32768)  # noqa: B019 - the matcher lives as long as the process
    def word(self, word: str) -> tuple[str, ...]:
        """One unknown word as official words: itself when nothing is close enough."""
        if len(word) < REPAIR_MIN_LEN:
            return (word,)
        vocab = self.vocabulary
        cuts = range(len(word) - 3, 2, -1)  # longest head first
        for cut in cuts:  # 'penyediaanperalatan'
            if word[:cut] in vocab and word[cut:] in vocab:
                return word[:cut], word[cut:]
        closest = self.closest(word)
        if closest is not None:
            return (closest,)
        if len(word) >= 2 * REPAIR_MIN_LEN - 1:  # run together and damaged: 'kawasanppermukiman'
            for cut in cuts:
                head, tail = word[:cut], word[cut:]
                if head in vocab and len(tail) >= REPAIR_MIN_LEN and (fixed := self.closest(tail)):
                    return head, fixed
                if tail in vocab and len(head) >= REPAIR_MIN_LEN and (fixed := self.closest(head)):
                    return fixed, tail
        return (word,)

    def closest(self, word: str) -> str | None:
        """The official word closest in spelling to ``word`` (ratio >= REPAIR_MIN); None when
        none is, or two are as close."""
        deletes = self.deletes
        close = {w for variant in (word, *_deletions(word)) for w in deletes.get(variant, ())}
        # one slip: the closest of those; more: the closest of the words of about its length
        choices: Iterable[str] = close or self._near.get(len(word), ())
        found = process.extract(word, choices, scorer=fuzz.ratio,
                                limit=2, score_cutoff=REPAIR_MIN)
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            return None
        return str(found[0][0])


class _Indexes:
    """``Matcher.index[level]``: the level's index, built on first use."""

    def __init__(self, m: Matcher) -> None:
        self._m = m

    def __getitem__(self, level: str) -> LevelIndex:
        return self._m.level_index(level)

    def __contains__(self, level: object) -> bool:
        return level in self._m.nom.keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._m.nom.keys)


class Matcher:
    """Matches names to the nomenklatur; one per process (see ``matcher()``). Each level's index
    is built on that level's first lookup."""

    def __init__(self, nom: Nomenklatur) -> None:
        self.nom = nom
        self._indexes: dict[str, LevelIndex] = {}
        self.build_seconds = 0.0
        self.words = WordRepair(nom.vocabulary)

    @property
    def index(self) -> _Indexes:
        return _Indexes(self)

    def level_index(self, level: str) -> LevelIndex:
        index = self._indexes.get(level)
        if index is None:
            start = time.perf_counter()
            index = self._indexes[level] = LevelIndex(self.nom.keys[level])
            self.build_seconds += time.perf_counter() - start
            log.debug("nomenklatur %s index built in %.3f s", level, time.perf_counter() - start)
        return index

    @lru_cache(maxsize=65536)  # noqa: B019 - the matcher lives as long as the process
    def query(self, name: str) -> tuple[str, frozenset[str]]:
        """The matching key of a report's name, its OCR-damaged words first read back to the
        official names' words ('Menengsh' -> 'menengah'), so that abbreviations fold after the
        repair ('usaha menengah usaha kecil dan usaha mikro' -> 'umkm'); and the official words
        the report wrote as such (before any repair)."""
        words = raw_words(name)
        vocabulary = self.words.vocabulary
        return key(self.words.repair(words)), frozenset(w for w in words if w in vocabulary)

    def query_key(self, name: str) -> str:
        return self.query(name)[0]

    # ------------------------------------------------------------------ scoring

    def _scored(self, query: str, written: frozenset[str], level: NomLevel,
                embedded: bool, context: Context | None) -> list[tuple[float, int, str]]:
        """(score, key id, found inside a longer label) of the prefiltered candidates."""
        index = self.level_index(level)
        ids, read = index.candidates(query, inside=embedded)
        if not ids:
            return []
        keys = [index.keys[i] for i in ids]
        ratio = process.cdist([query], keys, scorer=fuzz.ratio)[0]
        scores = _numpy().maximum(ratio, process.cdist([query], keys,
                                                       scorer=fuzz.token_sort_ratio)[0]).tolist()
        # word agreement, best first, down to where nothing can reach the lead any more (a
        # penalty only lowers a score; those left are alternatives at best)
        q_tokens = set(query.split())
        lead = 0.0
        for n in sorted(range(len(ids)), key=scores.__getitem__, reverse=True):
            score = scores[n]
            if score < SUGGEST or score < lead - CONTEXT_MARGIN:
                break
            different, missed = word_penalty(index, ids[n], query, q_tokens, written)
            if missed and context is not None and self._singled_out(
                    index, ids, scores, ids[n], context):
                missed = 0.0  # a name cut short, and the table says which one
            score -= different + missed
            scores[n] = score
            lead = max(lead, score)
        if max(scores) < ACCEPT:
            self._fragment_scores(index, ids, scores, q_tokens)
        if not embedded:
            return [(score, i, "") for score, i in zip(scores, ids, strict=True)]
        out: list[tuple[float, int, str]] = []
        q_len = len(query)
        q_weight = sum(read.values()) or 1.0
        for i, key_, score in zip(ids, keys, scores, strict=True):
            inside = ""
            if score < ACCEPT and len(key_) < q_len:
                alt, how = self._embedded_score(index, i, query, read, q_weight)
                if alt > score:
                    score, inside = alt, how
            out.append((score, i, inside))
        return out

    @staticmethod
    def _fragment_scores(index: LevelIndex, ids: list[int], scores: list[float],
                         q_tokens: set[str]) -> None:
        """A name some of whose words were lost (a wrapped cell's line, words OCR dropped:
        'Jasa Urusan Daerah'): when nearly all the query's word weight is in one official name,
        that name is offered as a suggestion, scored by how much of it the query holds, from
        SUGGEST up to FRAGMENT_TOP, never accepted. A query word read as no official word
        weighs as a rare one."""
        readings = []  # each query word: its readings as official words, with their weight
        unknown = 0.0
        for t in q_tokens:
            known = index.known(t) or index.truncated(t)
            if known:
                readings.append([(word, index.idf[word] * sim) for word, sim in known])
            elif len(t) >= 3:
                unknown += UNKNOWN_WEIGHT
        if not readings:
            return
        for n, i in enumerate(ids):
            tokens = index.implied(i)
            got, q_weight = 0.0, unknown
            for reading in readings:  # a word read as one of the name's: that reading counts
                here = max((w for word, w in reading if word in tokens), default=0.0)
                got += here
                q_weight += here or max(w for _, w in reading)
            if got >= FRAGMENT_COVERAGE * q_weight:
                fragment = SUGGEST + (FRAGMENT_TOP - SUGGEST) * min(1.0, got / index.weight[i])
                if fragment > scores[n]:
                    scores[n] = fragment

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

    def _singled_out(self, index: LevelIndex, ids: list[int], scores: list[float], i: int,
                     ctx: Context) -> bool:
        """Key ``i`` is the only candidate in the running (score >= SUGGEST) that the context
        confirms (see ``_confirms``): the table tells which name a cut-short label is."""
        confirmed = [j for j, score in zip(ids, scores, strict=True) if score >= SUGGEST and any(
            self._confirms(e, ctx) for e in index.entries[j])]
        return confirmed == [i]

    @staticmethod
    def _confirms(entry: Entry, ctx: Context) -> bool:
        """The context names this entry's parent, or its bidang (not the program penunjang's
        X.XX codes, found under every bidang)."""
        parent = entry.parent or ""
        if ctx.parent and (parent == ctx.parent or (
                parent.startswith("X.XX") and ctx.parent.endswith(parent[4:]))):
            return True
        return bool(ctx.bidang) and entry.kode.startswith(f"{ctx.bidang}.")

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

    def match(self, name: str, level: NomLevel, context: Context | None = None, *,
              embedded: bool = False, limit: int = 5) -> Match:
        """The official code and name of ``name`` at ``level``; ``embedded`` also accepts an
        official name of three words or more found inside a longer label (a table cell run
        together with its neighbour)."""
        return self._match(name, level, context, embedded, limit)

    @lru_cache(maxsize=32768)  # noqa: B019 - the matcher lives as long as the process
    def _match(self, name: str, level: NomLevel, context: Context | None, embedded: bool,
               limit: int) -> Match:
        query, written = self.query(name)
        if not query or level not in self.nom.keys:
            return Match(name=name, level=level, kode=None, nama=None, score=0.0, best=None)
        index = self.level_index(level)
        ranked: list[tuple[float, float, tuple[int, ...], float, Entry, str]] = []
        scored = sorted(self._scored(query, written, level, embedded, context), reverse=True)
        if not scored:
            return Match(name=name, level=level, kode=None, nama=None, score=0.0, best=None)
        top = scored[0][0]
        floor = top - CONTEXT_MARGIN
        generic = not (context and context.bidang)
        kabkota = context is None or context.tingkat is None
        for n, (score, i, inside) in enumerate(scored):
            if score < floor and n > limit:
                break
            close = top - score <= CONTEXT_MARGIN
            for entry, (special, template, in_kabkota, v2023, newest) in index.ranking(i):
                fit = self._fit(entry, context) if context is not None else 0.0
                # among equal names: regular before special-autonomy kegiatan, the generic
                # X.XX.01 before a bidang's copy, kab/kota when the tingkat is unknown, 2023 on
                tiebreak = (not special, not (generic and template), kabkota and in_kabkota,
                            v2023, newest)
                ranked.append((score + fit if close else score, fit, tiebreak, score, entry, inside))
        # close candidates compete on context; the rest on score
        ranked.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
        seen: set[str] = set()
        cands: list[tuple[Candidate, str]] = []
        bidang = context.bidang if context else None
        for _key, _fit, _tb, score, entry, inside in ranked:
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
        query = self.query_key(name)
        if not query:
            return 0.0
        index = self.level_index(entry.level)
        read = index.read(query)
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
        query = self.query_key(words)
        if not query:
            return []
        out: list[Candidate] = []
        levels = [level] if level else [lv for lv in self.nom.keys if lv != "urusan"]
        for lv in levels:
            index = self.level_index(lv)
            ids, read = index.candidates(query, limit=200, share=0.0)
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
