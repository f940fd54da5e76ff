"""What every ``lkip`` subcommand shares: a line to the reviewer on stderr, and the --lang and
-v options."""

from __future__ import annotations

import argparse
import sys

from lkip.i18n import LANGS


def say(text: str) -> None:
    """One line to the reviewer on stderr, prefixed 'lkip: ' (stdout carries the reports)."""
    print(f"lkip: {text}", file=sys.stderr, flush=True)


def add_lang_and_verbose(parser: argparse.ArgumentParser, lang_help: str) -> None:
    """--lang (id or en, Indonesian by default) and -v / -vv (logging to stderr)."""
    parser.add_argument("--lang", choices=LANGS, default="id", help=lang_help)
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log progress to stderr (-v info, -vv debug)")
