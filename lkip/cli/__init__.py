"""Command line: ``lkip COMMAND ...`` — the parser of every subcommand, logging and ``main``.

Each subcommand lives in its own module (``check``, ``nomenklatur``, ``email``, ``batch``) with an
``add_parser`` and its handler; ``common`` holds what they share.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
from collections.abc import Sequence

from lkip import __version__
from lkip.cli import batch, check, email, nomenklatur
from lkip.cli.check import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, exit_code
from lkip.cli.common import say
from lkip.i18n import label
from lkip.options import OptionsError

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK", "build_parser", "exit_code", "main"]


class _Handler(logging.StreamHandler):
    """The CLI's log handler on the 'lkip' logger, so it can be swapped on each run."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lkip",
        description="Finds where an Indonesian government performance report (LKIP/LKjIP) "
                    "contradicts itself.",
    )
    parser.add_argument("--version", action="version", version=f"lkip {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check.add_parser(sub)
    nomenklatur.add_parser(sub)
    email.add_parser(sub)
    batch.add_parser(sub)
    return parser


def _setup_logging(verbose: int) -> None:
    """Log records of the 'lkip' loggers go to the current stderr at the chosen level."""
    logger = logging.getLogger("lkip")
    for handler in [h for h in logger.handlers if isinstance(h, _Handler)]:
        logger.removeHandler(handler)
    handler = _Handler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose >= 2 else logging.INFO if verbose else logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lkip`` script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    _setup_logging(getattr(args, "verbose", 0))
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    try:
        return args.handler(args) if hasattr(args, "handler") else check.run(args)
    except OptionsError as exc:  # a setting of the environment that cannot be used: said, not a traceback
        say(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        say(label("cli.interrupted", getattr(args, "lang", "id")))
        return 130
    except BrokenPipeError:
        # the reader of stdout went away (e.g. `| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
