"""Command line: ``lkip nomenklatur match NAME...`` and ``lkip nomenklatur search WORDS`` — look names
up in the packaged Permendagri 90/2019 nomenklatur."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from lkip.nomenklatur.data import LEVELS, describe
from lkip.nomenklatur.matcher import ACCEPT, Candidate, Match, matcher

MATCH_LEVELS = ("program", "kegiatan", "sub_kegiatan", "bidang_urusan")
EXIT_OK = 0
EXIT_USAGE = 2


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``nomenklatur`` (with ``match`` and ``search``) to the ``lkip`` subcommands."""
    nom = sub.add_parser(
        "nomenklatur", help="look names up in the Permendagri 90/2019 nomenklatur",
        description=f"Match program / kegiatan / sub kegiatan names to their official code. "
                    f"Data: {describe(None, 'en')}.",
    )
    nom_sub = nom.add_subparsers(dest="nomenklatur_command", metavar="ACTION", required=True)
    match = nom_sub.add_parser(
        "match", help="official code and name of each NAME",
        description=f"For each NAME (or each line of --file) the official code and name, the score "
                    f"(0-100) and the runners-up; kode is null below {ACCEPT:.0f}.",
    )
    match.add_argument("names", nargs="*", metavar="NAME", help="a name as a report prints it")
    match.add_argument("--level", choices=MATCH_LEVELS, default="sub_kegiatan",
                       help="level of the names (default: sub_kegiatan)")
    match.add_argument("--file", metavar="NAMES.txt", help="read names from a file, one a line")
    match.add_argument("--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    match.add_argument("--alternatives", type=int, default=3, metavar="N",
                       help="runners-up to give for each name (default: 3)")
    search = nom_sub.add_parser("search", help="official names holding some words",
                                description="Official names holding WORDS, best first.")
    search.add_argument("words", nargs="+", metavar="WORDS")
    search.add_argument("--level", choices=[lv for lv in LEVELS if lv != "urusan"], default=None,
                        help="only this level (default: all)")
    search.add_argument("--limit", type=int, default=10, help="how many (default: 10)")
    search.add_argument("--format", choices=("text", "json"), default="text")
    nom.set_defaults(handler=run)


def _names(args: argparse.Namespace) -> list[str] | str:
    names: list[str] = list(args.names)
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            return f"{args.file}: {exc}"
        names += [line.strip() for line in text.splitlines() if line.strip()]
    if not names:
        return "no NAME given (give names or --file NAMES.txt)"
    return names


def _cand(c: Candidate) -> dict[str, Any]:
    return {"kode": c.kode, "nama": c.nama, "score": round(c.score, 1), "level": c.level}


def _match_text(m: Match) -> str:
    head = (f"{m.kode}  {m.nama}  ({m.score:.1f})" if m.kode else
            f"-  no match at or above {ACCEPT:.0f} (best {m.score:.1f})")
    lines = [f"{m.name}", f"  -> {head}"]
    if m.kode is None and m.best is not None:
        lines.append(f"     closest: {m.best.kode}  {m.best.nama}")
    lines += [f"     also: {c.kode}  {c.nama}  ({c.score:.1f})" for c in m.alternatives]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Handler of ``lkip nomenklatur ...``; returns the exit status."""
    if args.nomenklatur_command == "search":
        found = matcher().search(" ".join(args.words), args.level, limit=args.limit)
        if args.format == "json":
            print(json.dumps([_cand(c) for c in found], ensure_ascii=False, indent=2))
        else:
            for c in found:
                print(f"{c.score:5.1f}  {c.level:<13} {c.kode:<18} {c.nama}")
        return EXIT_OK
    names = _names(args)
    if isinstance(names, str):
        print(f"lkip: {names}", file=sys.stderr)
        return EXIT_USAGE
    m = matcher()
    results = [m.match(name, args.level, limit=max(args.alternatives, 0)) for name in names]
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        print("\n".join(_match_text(r) for r in results))
    return EXIT_OK
