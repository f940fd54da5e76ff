"""Nomenklatur matcher benchmark: top-1 accuracy by level on the labelled set (real name variants
from LKIP texts, hand-written abbreviation variants, text that must not match) and on synthetic
OCR damage of official names (fixed seed), lookups per second against the full sub kegiatan list,
load time.

A "fragment" item (a line of a wrapped cell, a name OCR dropped words from) is right when the full
name's code is the best candidate, accepted or suggested, and no other code is accepted; every
other name when its accepted code carries the official name; a negative when nothing is
accepted. Lookups per second: process CPU time, best of 3 rounds, every cache cleared before
each round (the machine is shared). Load: a fresh process, best of 3.

    .venv/bin/python benchmarks/nomenklatur.py [--per-level 400] [--seed 5] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "fixtures" / "nomenklatur" / "eval.jsonl"
LEVELS = ("program", "kegiatan", "sub_kegiatan")

# characters OCR confuses, both ways
_CONFUSIONS = [("l", "1"), ("i", "l"), ("o", "0"), ("rn", "m"), ("e", "c"), ("a", "o"),
               ("u", "v"), ("S", "5"), ("B", "8"), ("h", "b"), ("n", "u"), ("t", "f"),
               ("I", "l"), ("g", "q"), ("cl", "d")]


def damage(name: str, rng: random.Random) -> str:
    """One to three OCR slips in a name: confused characters, a dropped or doubled letter, a word
    split or two words run together, a stray mark."""
    text = name
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.45:
            pairs = [(a, b) for a, b in _CONFUSIONS if a in text] + \
                    [(b, a) for a, b in _CONFUSIONS if b in text]
            if pairs:
                a, b = rng.choice(pairs)
                spots = [i for i in range(len(text)) if text.startswith(a, i)]
                i = rng.choice(spots)
                text = text[:i] + b + text[i + len(a):]
                continue
        letters = [i for i, ch in enumerate(text) if ch.isalpha()]
        if not letters:
            break
        i = rng.choice(letters)
        if op < 0.6:
            text = text[:i] + text[i + 1:]  # a letter lost
        elif op < 0.7:
            text = text[:i] + text[i] + text[i:]  # a letter doubled
        elif op < 0.8:
            text = text[:i] + " " + text[i:]  # a word split
        elif op < 0.9:
            spaces = [j for j, ch in enumerate(text) if ch == " "]
            if spaces:
                j = rng.choice(spaces)
                text = text[:j] + text[j + 1:]  # two words run together
        else:
            text = text[:i] + rng.choice([".", ",", "'", "~", ";", "|"]) + text[i:]
    return text


def ocr_set(per_level: int, seed: int) -> list[dict[str, object]]:
    """Official names of each level (kab/kota and provinsi, all versions) with OCR damage."""
    from lkip.nomenklatur.data import load

    nom = load()
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for level in LEVELS:
        entries = [e for e in nom.by_level[level] if not e.template]
        for entry in rng.sample(entries, min(per_level, len(entries))):
            out.append({"kind": "ocr", "level": level, "name": damage(entry.nama, rng),
                        "official": entry.nama, "source": f"damaged {entry.kode}"})
    return out


def labelled() -> list[dict[str, object]]:
    """The labelled set: "real" names from LKIP texts (each with its source; a "kode" when the
    report printed the code beside it, the label then taken from the code), hand-written
    "variant"s, and "negative" text that is no official name (official null)."""
    return [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]


def _carries(kode: str | None, official: str) -> bool:
    """The code's entry carries the official name (any of its codes: the same name recurs
    across versions and tingkat)."""
    from lkip.nomenklatur.data import load
    from lkip.nomenklatur.text import normalize

    if kode is None:
        return False
    entry = load().get(kode) or load().get("X.XX" + kode[4:])
    want = normalize(official)
    return entry is not None and any(normalize(n) == want for n in entry.names)


def correct(item: dict[str, object], result) -> bool:  # type: ignore[no-untyped-def]
    """A negative is right when nothing is accepted; a name when the accepted code carries the
    official name. A fragment (one line of a wrapped cell: "fragment": true) names no code by
    itself: it is right when the best candidate is the full name's, accepted or only suggested
    (score >= SUGGEST), and no other code is accepted."""
    from lkip.nomenklatur.matcher import SUGGEST

    if item["official"] is None:
        return result.kode is None
    official = str(item["official"])
    if item.get("fragment"):
        best = result.best
        return (best is not None and best.score >= SUGGEST and _carries(best.kode, official)
                and (result.kode is None or _carries(result.kode, official)))
    return _carries(result.kode, official)


def _verbatim(item: dict[str, object]) -> bool:
    """The name is an official spelling already, up to case, punctuation and spacing."""
    import re

    def squash(text: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()

    from lkip.nomenklatur.data import load

    name = squash(str(item["name"]))
    name = re.sub(r"^(program|kegiatan|sub kegiatan) ", "", name)
    return any(name == re.sub(r"^(program|kegiatan|sub kegiatan) ", "", squash(n))
               for e in load().by_level[str(item["level"])] for n in e.names)


def evaluate(items: list[dict[str, object]]) -> tuple[dict[tuple[str, str], list[int]], list]:
    """(kind, level) -> [right, total], and the misses."""
    from lkip.nomenklatur.matcher import matcher

    m = matcher()
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for item in items:
        result = m.match(str(item["name"]), item["level"])  # type: ignore[arg-type]
        ok = correct(item, result)
        cell = tally[(str(item["kind"]), str(item["level"]))]
        cell[0] += ok
        cell[1] += 1
        if not ok:
            misses.append((item, result))
    return tally, misses


def load_time() -> tuple[float, float]:
    """Seconds, in a fresh process, to import the matcher and read the list; and to that the
    first sub kegiatan lookup (the level's index is built then, numpy imported). Best of 3."""
    code = ("import time; t = time.perf_counter(); from lkip.nomenklatur.matcher import matcher; "
            "m = matcher(); m.nom.entries; a = time.perf_counter() - t; "
            "m.match('Penyediaan Gaji dan Tunjangan ASN', 'sub_kegiatan'); "
            "print(a, time.perf_counter() - t)")
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
        load, first = out.stdout.split()
        runs.append((float(load), float(first)))
    return min(r[0] for r in runs), min(r[1] for r in runs)


def throughput(names: list[str], level: str, rounds: int = 3) -> float:
    """Uncached lookups per second on one core: every cache (matches, name keys, repaired and
    index words, the per-key data the index fills on first use) cleared before each round; the
    process's CPU time, best of ``rounds`` (the machine is shared, wall time swings with the
    neighbours' load)."""
    from lkip.nomenklatur.matcher import matcher
    from lkip.nomenklatur.text import normalize

    m = matcher()
    m.match(names[0], level)  # type: ignore[arg-type]  # the level's index built
    best = 0.0
    for _ in range(rounds):
        m._match.cache_clear()
        m.query.cache_clear()
        m.words.word.cache_clear()
        index = m.level_index(level)
        for cached in (index.known, index.truncated, index.ranking, index.implied):
            cached.cache_clear()
        normalize.cache_clear()
        start = time.process_time()
        for name in names:
            m.match(name, level)  # type: ignore[arg-type]
        best = max(best, len(names) / (time.process_time() - start))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=400, help="OCR-damaged names per level")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()

    loaded, first = load_time()
    items = labelled() + ocr_set(args.per_level, args.seed)
    tally, misses = evaluate(items)
    missed = {id(item) for item, _ in misses}
    judged = [(item, id(item) not in missed) for item in items]
    print(f"load (import + read {EVAL.parent.name} list), fresh process: {loaded:.3f} s; "
          f"with the first sub_kegiatan lookup (index built): {first:.3f} s")
    print(f"{'set':<10} {'level':<13} {'top-1':>8}  n")
    for kind in ("real", "variant", "ocr", "negative"):
        right = total = 0
        for level in LEVELS:
            r, n = tally.get((kind, level), [0, 0])
            if n:
                print(f"{kind:<10} {level:<13} {100 * r / n:7.1f}%  {n}")
            right, total = right + r, total + n
        if total:
            print(f"{kind:<10} {'all':<13} {100 * right / total:7.1f}%  {total}")
    hard = [(item, ok) for item, ok in judged if item["kind"] == "real" and not _verbatim(item)]
    if hard:
        print(f"{'real, not an official spelling (typos, OCR, wraps, variants)':<62} "
              f"{100 * sum(ok for _, ok in hard) / len(hard):5.1f}%  {len(hard)}")
    wrong_accepts = sum(1 for item, result in misses
                        if item["official"] is None and result.kode is not None)
    print(f"negatives matched above the threshold: {wrong_accepts}")
    ocr_names = [str(i["name"]) for i in items if i["kind"] == "ocr" and i["level"] == "sub_kegiatan"]
    rng = random.Random(args.seed)
    from lkip.nomenklatur.data import load

    subs = [e.nama for e in load().by_level["sub_kegiatan"]]
    fresh = [damage(rng.choice(subs), rng) for _ in range(3000)]
    print(f"lookups/s, sub_kegiatan ({len(load().by_level['sub_kegiatan'])} codes), uncached, "
          f"one core: {throughput(fresh + ocr_names, 'sub_kegiatan'):,.0f}")
    if args.show_misses:
        for item, result in misses:
            got = f"{result.kode} {result.best.nama if result.best else ''}" if result.kode else \
                f"- (best {result.best.kode if result.best else ''} {result.score:.1f})"
            print(f"MISS {item['kind']}/{item['level']}: {item['name']!r} -> {got}  "
                  f"want {item['official']!r}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
