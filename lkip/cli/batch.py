"""Command line: ``lkip batch INPUT... -o OUTDIR [--workers N] [--scheduler tcp://HOST:8786]`` —
review an archive of reports in parallel, resumable; the terminal side of ``lkip.batch``."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from lkip.batch.pool import Pages, worker_cap
from lkip.batch.run import EXIT_FAILED, BatchError, Finished, Options, Started, run_batch
from lkip.batch.store import FAILED
from lkip.cli.common import add_lang_and_verbose, say
from lkip.extract.ocr_pool import default_workers
from lkip.i18n import label
from lkip.options import Options as ReadOptions

EXIT_INTERRUPTED = 130
DEFAULT_TIMEOUT = 1800.0


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``batch`` to the ``lkip`` subcommands."""
    batch = sub.add_parser(
        "batch", help="review every report under a folder, in parallel, resumable",
        description="Review every PDF, image and text file under each INPUT (a folder, a glob "
                    "such as 'arsip/**/*.pdf', or a file) in parallel worker processes. OUTDIR "
                    "gets reports/<input path>.json and .html for each report, summary.csv and "
                    "summary.xlsx (one row per input), catalog.sqlite (reports, findings, "
                    "indicators, budget_lines) and cross_year.json. A report already done by "
                    "this lkip version (same sha256) is skipped (--force does it again); an "
                    "interrupted run goes on where it stopped. A file that cannot be read, runs "
                    "over --timeout or kills its worker gets that status and the batch goes on. "
                    "Exit status: 0 every input read and no finding is an error, 1 some finding "
                    "is an error, 2 some input could not be reviewed or a PDF was read only in "
                    "part (or the batch could not run: OUTDIR held by another run), 130 "
                    "interrupted.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="folder, glob or report file")
    batch.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="folder for the results")
    batch.add_argument("--workers", "-j", type=int, default=None, metavar="N",
                       help="worker processes on this machine (default: one per core)")
    batch.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"time limit per file (default: {DEFAULT_TIMEOUT:g}; 0: none)")
    batch.add_argument("--force", action="store_true",
                       help="review every input again, even those an earlier run finished")
    batch.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="run on this Dask cluster instead (workers read the inputs from the "
                            "same path; needs lkip[cluster])")
    add_lang_and_verbose(batch, "language of the reviews, the summary and messages (default: id)")
    batch.set_defaults(handler=run)


def _duration(seconds: float, lang: str) -> str:
    minutes = seconds / 60
    if seconds < 90:
        return f"{seconds:.0f} {'dtk' if lang == 'id' else 's'}"
    if minutes < 90:
        return f"{minutes:.0f} {'mnt' if lang == 'id' else 'min'}"
    return f"{minutes / 60:.1f} {'jam' if lang == 'id' else 'h'}"


class Bar:
    """Files and pages done, pages per minute and time left, on one terminal line (a TTY only);
    failures are always said, one line each."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.todo = self.total = self.files = self.pages = 0
        self.partial: dict[str, int] = {}
        self.shown = 0.0

    def __call__(self, event: object) -> None:

        if isinstance(event, Started):
            self.todo, self.total = event.todo, event.pages
            say(label("batch.found", self.lang).format(files=event.files, todo=event.todo,
                                                       resumed=event.resumed))
        elif isinstance(event, Pages):
            self.partial[event.task.report] = event.done
        elif isinstance(event, Finished):
            self.partial.pop(event.record.report, None)
            self.files += 1
            self.pages += event.pages
            if event.record.status in FAILED:
                self.clear()
                r = event.record
                say(label("batch.failed", self.lang).format(
                    report=r.report, status=r.status, reason=r.reason if self.lang == "id" else r.reason_en))
        self.draw(force=isinstance(event, Finished))

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.tty or not self.todo or (not force and now - self.shown < 0.2):
            return
        self.shown = now
        pages = min(self.pages + sum(self.partial.values()), self.total)
        elapsed = max(now - self.start, 1e-6)
        rate = pages / elapsed * 60
        left = _duration((self.total - pages) / (rate / 60), self.lang) if rate > 0 else "?"
        width = 24
        filled = int(width * self.files / self.todo)
        text = label("batch.progress", self.lang).format(
            done=self.files, todo=self.todo, pages=pages, total=self.total, rate=f"{rate:.0f}", left=left)
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {text}\033[K", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.tty and self.todo:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Handler of ``lkip batch``; returns the exit status."""

    lang: str = args.lang
    if args.workers is not None and args.workers < 1:
        say("--workers >= 1")
        return EXIT_FAILED
    cap = worker_cap()
    if args.workers is not None and args.workers > cap and not args.scheduler:
        say(f"--workers {args.workers}: dibatasi {cap} (inti prosesor dan memori mesin ini) / "
            f"capped at {cap} (this machine's cores and memory)")
    opts = Options(inputs=args.inputs, out=Path(args.out), workers=args.workers or default_workers(),
                   timeout=args.timeout if args.timeout and args.timeout > 0 else None,
                   force=args.force, scheduler=args.scheduler, lang=lang, verbose=args.verbose,
                   reading=ReadOptions.from_env())
    bar = Bar(lang)
    previous = signal.signal(signal.SIGTERM, _terminate)  # a kill ends the workers too
    try:
        outcome = run_batch(opts, bar)
    except BatchError as exc:
        bar.clear()
        say(exc.message(lang))
        return EXIT_FAILED
    except KeyboardInterrupt:
        bar.clear()
        say(label("batch.interrupted", lang))
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    bar.clear()
    records = outcome.records
    n_cross = sum(len(fs) for fs in outcome.cross.values())
    if n_cross:
        say(label("batch.cross_year", lang).format(n=n_cross))
    say(label("batch.tally", lang).format(
        total=len(records), ok=sum(r.status == "ok" for r in records),
        errors=sum(r.status == "ok" and r.by_severity.get("error", 0) > 0 for r in records),
        failed=sum(r.status in FAILED for r in records),
        duplicate=sum(r.status == "duplicate" for r in records),
        resumed=sum(r.resumed for r in records), out=opts.out))
    return outcome.exit_code
