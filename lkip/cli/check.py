"""Command line: ``lkip check INPUT...`` — where each review goes, its output and exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from lkip import pipeline
from lkip.cli.common import add_lang_and_verbose, say
from lkip.i18n import label
from lkip.model import Document
from lkip.options import Options
from lkip.pipeline import InputError, one_line
from lkip.report import ALL_FORMATS, BINARY, SUFFIXES, Format, render, render_bytes
from lkip.report.files import input_replaced, write_atomic
from lkip.report.json import render_json

log = logging.getLogger("lkip.cli")

EXIT_OK = 0  # no finding is an error
EXIT_FINDINGS = 1  # at least one finding is an error
EXIT_INPUT = 2  # an input could not be read, or only in part (or the command line was wrong)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``check`` to the ``lkip`` subcommands (``main`` runs it when no handler is set)."""
    check = sub.add_parser(
        "check", help="review one or more reports",
        description="Review each INPUT (OCR text, PDF) one after the other. Exit status: 0 when "
                    "no finding is an error, 1 when some are, 2 when an input cannot be read "
                    "(or only in part: its review is written and says so at the top); with "
                    "several inputs, the worst. An output never replaces an input.",
    )
    check.add_argument("inputs", nargs="+", metavar="INPUT", help="report file (.txt, .pdf)")
    check.add_argument("--format", "-f", choices=ALL_FORMATS, default="text",
                       help="report format (default: text, a summary for the terminal); with "
                            "several inputs on stdout, json is written as JSON Lines")
    check.add_argument("-o", "--output", metavar="FILE",
                       help="write the report to FILE instead of stdout ('-'); with several inputs "
                            "FILE is a directory that gets one <input name>.<format> each")
    add_lang_and_verbose(check, "language of labels and messages (default: id, Indonesian)")


def _progress_bar(path: str) -> pipeline.Progress | None:
    """A one-line bar on the terminal while pages are read by OCR (none when stderr is a file)."""
    if not sys.stderr.isatty():
        return None
    name = Path(path).name[:40]

    def show(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(total, 1))
        end = "\n" if done >= total else ""
        print(f"\rOCR {name}: [{'#' * filled}{'.' * (width - filled)}] {done}/{total} halaman",
              end=end, file=sys.stderr, flush=True)

    return show


def exit_code(doc: Document) -> int:
    """2 when the input was read only in part (its review says which part), else 1 when some
    finding is an error, else 0."""
    if any(f.rule == pipeline.COVERAGE for f in doc.findings):
        return EXIT_INPUT
    return EXIT_FINDINGS if any(f.severity == "error" for f in doc.findings) else EXIT_OK


def _targets(inputs: Sequence[str], output: str | None, fmt: Format,
             lang: str) -> list[Path | None] | str:
    """Where each input's report goes (None: stdout), or the reason the request is impossible."""
    if output is None or output == "-":
        if fmt in BINARY:
            return label("cli.binary_needs_output", lang).format(format=fmt)
        if len(inputs) > 1 and fmt == "html":
            return label("cli.html_needs_output", lang)
        return [None] * len(inputs)
    out = Path(output)
    if len(inputs) == 1 and not out.is_dir():
        if input_replaced([out], inputs) is not None:
            return label("cli.output_is_input", lang).format(path=out)
        return [out]
    if out.exists() and not out.is_dir():
        return label("cli.output_not_dir", lang).format(path=out)
    targets: list[Path | None] = []
    used: set[str] = set()
    for name in inputs:
        stem, n = Path(name).stem or "report", 1
        candidate = stem
        while candidate in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate)
        targets.append(out / (candidate + SUFFIXES[fmt]))
    replaced = input_replaced(targets, inputs)
    if replaced is not None:
        return label("cli.output_is_input", lang).format(path=replaced)
    return targets


def _review(path: str, fmt: Format, lang: str, one_line_json: bool,
            options: Options) -> tuple[int, str | bytes | None]:
    """Check one input: its exit code and its report (None when it could not be read)."""
    log.info("checking %s", path)
    try:
        doc = pipeline.check(path, progress=_progress_bar(path), options=options)
        if fmt == "json" and one_line_json:

            text: str | bytes = render_json(doc, lang, indent=None) + "\n"
        elif fmt in BINARY:
            text = render_bytes(doc, fmt, lang)
        else:
            text = render(doc, fmt, lang)
    except InputError as exc:
        log.debug("input error on %s", path, exc_info=True)
        say(exc.message(lang))
        return EXIT_INPUT, None
    except Exception as exc:  # one bad input must not stop the others
        log.debug("unexpected error on %s", path, exc_info=True)
        say(f"{path}: " + label("cli.unexpected", lang).format(error=one_line(exc)))
        return EXIT_INPUT, None
    code = exit_code(doc)
    log.info("%s: %d findings, exit %d", path, len(doc.findings), code)
    return code, text


def _write(text: str | bytes, target: Path, lang: str) -> bool:
    try:
        write_atomic(target, text)
    except OSError as exc:
        say(f"{target}: " + label("cli.cannot_write", lang).format(error=one_line(exc)))
        return False
    log.info("report written to %s", target)
    return True


def run(args: argparse.Namespace) -> int:
    """Handler of ``lkip check``; returns the exit status (the worst of its inputs)."""
    inputs: list[str] = args.inputs
    fmt: Format = args.format
    options = Options.from_env()  # once for every input (no flag of `check` sets one yet)
    targets = _targets(inputs, args.output, fmt, args.lang)
    if isinstance(targets, str):
        say(targets)
        return EXIT_INPUT
    jsonl = len(inputs) > 1 and all(target is None for target in targets)
    separator = "\n---\n\n" if fmt == "md" else "\n" + "=" * 100 + "\n\n"
    codes: list[int] = []
    printed = False
    for path, target in zip(inputs, targets, strict=True):
        code, text = _review(path, fmt, args.lang, jsonl, options)
        if text is not None and target is not None:
            code = code if _write(text, target, args.lang) else EXIT_INPUT
        elif text is not None:
            assert isinstance(text, str)  # a binary format always has a target (_targets)
            sys.stdout.write((separator if printed and not jsonl else "") + text)
            sys.stdout.flush()
            printed = True
        codes.append(code)
    if len(inputs) > 1:
        say(label("cli.tally", args.lang).format(
            total=len(codes), ok=codes.count(EXIT_OK), errors=codes.count(EXIT_FINDINGS),
            unreadable=codes.count(EXIT_INPUT)))
    return max(codes)
