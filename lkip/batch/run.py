"""A whole batch: find the inputs, skip what an earlier run of this lkip version finished, run
the rest on local worker processes or a Dask cluster, write each result as it comes, then the
cross-year findings, the summary and the catalog over every input."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lkip import build_version
from lkip.batch import catalog, crossyear, summary
from lkip.batch.discover import TEXT_SUFFIXES, Item, describe, find
from lkip.batch.pool import Done, LocalPool, Pages
from lkip.batch.store import FAILED, Busy, Record, Store, write_atomic
from lkip.batch.work import Result, Task
from lkip.model import Document, Finding
from lkip.options import Options as ReadOptions

log = logging.getLogger(__name__)

EXIT_OK = 0  # every input read, no finding is an error
EXIT_FINDINGS = 1  # every input read, some finding is an error
EXIT_FAILED = 2  # some input could not be reviewed (unreadable, error, timeout, crashed, or in part)


class BatchError(Exception):
    """The batch cannot start or go on (no input, OUTDIR not writable, no cluster)."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason = reason
        self.reason_en = reason_en

    def message(self, lang: str = "id") -> str:
        return self.reason if lang == "id" else self.reason_en


@dataclass
class Options:
    inputs: list[str]
    out: Path
    workers: int = 1
    timeout: float | None = 1800.0  # per file; None: no limit
    force: bool = False
    scheduler: str | None = None  # tcp://HOST:8786: run on this Dask cluster
    lang: str = "id"
    verbose: int = 0
    reading: ReadOptions | None = None  # how each report is read (None: each worker's environment)


@dataclass
class Started:
    files: int  # inputs found
    todo: int  # to review in this run
    pages: int  # estimated pages to review in this run
    resumed: int  # finished by an earlier run


@dataclass
class Finished:
    record: Record
    pages: int  # estimated pages of the input (what the progress bar counted on)


@dataclass
class Outcome:
    records: list[Record]  # one per input, in the order of their report names
    cross: dict[str, list[Finding]] = field(default_factory=dict)
    cross_note: str | None = None
    results: list[Result] = field(default_factory=list)  # of this run, payloads dropped
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if any(r.status in FAILED for r in self.records):
            return EXIT_FAILED
        if any(r.by_rule.get("coverage") for r in self.records if r.status == "ok"):
            return EXIT_FAILED  # a PDF read only in part: its review says so, and so does this
        errors = any(r.by_severity.get("error", 0) for r in self.records if r.status == "ok")
        cross = any(f.severity == "error" for fs in self.cross.values() for f in fs)
        return EXIT_FINDINGS if errors or cross else EXIT_OK


Event = Started | Pages | Finished
Listener = Callable[[Event], None]


def plan(opts: Options, store: Store) -> tuple[list[Item], list[Record], list[Record]]:
    """(items to review now, records kept from earlier runs, records of inputs not to review:
    duplicates and files that cannot be read at all)."""
    found, empty = find(opts.inputs, skip=opts.out)
    for spec in empty:
        log.warning("%s: no PDF, image or text file there", spec)
    if not found:
        raise BatchError("tidak ada berkas PDF, gambar atau teks pada " + ", ".join(opts.inputs),
                         "no PDF, image or text file found in " + ", ".join(opts.inputs))
    items, unreadable = describe(found)
    todo: list[Item] = []
    kept: list[Record] = []
    other = [Record(sha256="", path=str(path), report=report, status="unreadable",
                    lkip_version=build_version(), reason=f"berkas tidak dapat dibaca ({why})",
                    reason_en=f"file cannot be read ({why})") for path, report, why in unreadable]
    first: dict[str, Item] = {}
    for item in items:
        if item.sha256 in first:
            original = first[item.sha256].report
            other.append(Record(sha256=item.sha256, path=str(item.path), report=item.report,
                                status="duplicate", lkip_version=build_version(),
                                reason=f"isinya sama dengan {original}",
                                reason_en=f"same content as {original}"))
            continue
        first[item.sha256] = item
        record = None if opts.force else store.reusable(item.sha256, item.report, build_version())
        if record is not None:
            kept.append(replace(record, path=str(item.path), resumed=True))
        else:
            todo.append(item)
    return todo, kept, other


def _work(item: Item) -> float:
    """A guess of a file's work, to start the longest first so that no worker waits at the end
    for one that took a scan last: its bytes (a scanned page weighs far more than a page of text
    in a PDF), plain text much lighter."""
    return item.size / 20 if item.path.suffix.lower() in TEXT_SUFFIXES else item.size


def _results(opts: Options, tasks: list[Task]) -> Generator[Pages | Done, None, None]:
    if opts.scheduler:
        from lkip.batch import dask  # lazy: dask is optional ([cluster])

        try:
            yield from dask.run(opts.scheduler, tasks, opts.timeout, opts.verbose)
        except dask.ClusterError as exc:
            raise BatchError(exc.reason, exc.reason_en) from exc
        return
    yield from LocalPool(opts.workers, opts.timeout, opts.verbose).run(tasks)


def run_batch(opts: Options, listen: Listener | None = None) -> Outcome:
    """Run the batch; raises BatchError when it cannot, KeyboardInterrupt passes through (every
    result written before it stays, a rerun goes on from there)."""
    start = time.monotonic()
    store = Store(opts.out)
    try:
        opts.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"folder keluaran {opts.out} tidak dapat dibuat ({exc.strerror})",
                         f"output folder {opts.out} cannot be created ({exc.strerror})") from exc
    try:
        with store.locked():
            return _run_locked(opts, store, listen, start)
    except Busy as exc:
        raise BatchError(
            f"folder keluaran {opts.out} sedang dipakai oleh lkip batch lain ({exc.holder}); "
            f"tunggu sampai selesai atau pakai -o lain",
            f"output folder {opts.out} is in use by another lkip batch ({exc.holder}); wait "
            f"for it to finish or use another -o") from exc


def _run_locked(opts: Options, store: Store, listen: Listener | None, start: float) -> Outcome:
    todo, kept, other = plan(opts, store)
    emit = listen or (lambda event: None)
    emit(Started(files=len(todo) + len(kept) + len(other), todo=len(todo),
                 pages=sum(i.pages for i in todo), resumed=len(kept)))
    by_sha = {item.sha256: item for item in todo}
    tasks = [Task(path=str(i.path), report=i.report, sha256=i.sha256, lang=opts.lang,
                  options=opts.reading)
             for i in sorted(todo, key=_work, reverse=True)]
    fresh: dict[str, Record] = {}
    results: list[Result] = []
    events = _results(opts, tasks)
    try:
        for event in events if tasks else ():
            if isinstance(event, Pages):
                emit(event)
                continue
            result = event.result
            try:
                store.save(result.record, result.report_json, result.report_html, result.document_json)
            except OSError as exc:
                raise BatchError(f"tidak dapat menulis ke {opts.out} ({exc.strerror or exc})",
                                 f"cannot write to {opts.out} ({exc.strerror or exc})") from exc
            result.report_json = result.report_html = result.document_json = None
            results.append(result)
            fresh[event.task.sha256] = result.record
            emit(Finished(result.record, by_sha[event.task.sha256].pages))
    finally:
        events.close()  # on Ctrl-C or an error: the workers are stopped now, not at exit
    for item in todo:  # a task that got no answer (a bug in the pool) is not silently lost
        if item.sha256 not in fresh:
            fresh[item.sha256] = Record(sha256=item.sha256, path=str(item.path), report=item.report,
                                        status="error", lkip_version=build_version(),
                                        reason="tidak diproses", reason_en="not processed")
    records = sorted([*fresh.values(), *kept, *other], key=lambda r: r.report)
    outcome = Outcome(records=records, results=results)
    finish(opts, store, outcome)
    outcome.seconds = round(time.monotonic() - start, 3)
    return outcome


def _document(store: Store, record: Record) -> Document | None:
    return store.document(record.sha256) if record.status == "ok" else None


def finish(opts: Options, store: Store, outcome: Outcome) -> None:
    """Cross-year findings over every report read, then summary.csv/.xlsx and catalog.sqlite."""
    records = outcome.records
    docs = {r.sha256: doc for r in records if (doc := _document(store, r)) is not None}
    outcome.cross, outcome.cross_note = crossyear.compute(list(docs.values()))
    write_atomic(opts.out / "cross_year.json",
                 crossyear.render(records, outcome.cross, outcome.cross_note, opts.lang))
    header, body = summary.rows(records, outcome.cross, opts.lang)
    write_atomic(opts.out / "summary.csv", summary.render_csv(header, body))
    write_atomic(opts.out / "summary.xlsx", summary.render_xlsx(header, body, opts.lang))

    def entries() -> Iterator[tuple[Record, Document | None, tuple[str, str] | None]]:
        for r in records:
            doc = docs.get(r.sha256)
            review = None
            if doc is not None:
                json_path, html_path = store.report_paths(r.report)
                review = (json_path.relative_to(opts.out).as_posix(),
                          html_path.relative_to(opts.out).as_posix())
            yield r, doc, review

    catalog.write_catalog(opts.out / "catalog.sqlite", entries(), outcome.cross)
