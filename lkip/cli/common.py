"""What every ``lkip`` subcommand shares: a line to the reviewer on stderr, and the --lang and
-v options."""

from __future__ import annotations

import argparse
import re
import sys

from lkip.i18n import LANGS

# line breaks and other control characters (a terminal's escape sequences too) in a message made
# of an instansi or a file name: shown escaped, so that one message is one line and says what it
# holds
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_text(text: str) -> str:
    """``text`` on one line: 'a\\r\\nb' for 'a', CR, LF, 'b'."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def say(text: str) -> None:
    """One line to the reviewer on stderr, prefixed 'lkip: ' (stdout carries the reports); a
    control character in it (from a file name: 'x\\x1b]0;...', 'x\\nlkip: ...') is shown
    escaped."""
    print(f"lkip: {terminal_text(text)}", file=sys.stderr, flush=True)


def add_lang_and_verbose(parser: argparse.ArgumentParser, lang_help: str) -> None:
    """--lang (id or en, Indonesian by default) and -v / -vv (logging to stderr)."""
    parser.add_argument("--lang", choices=LANGS, default="id", help=lang_help)
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log progress to stderr (-v info, -vv debug)")
