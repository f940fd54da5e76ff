"""The job on one file, run in a worker process: check it, render its reviews, and hand back a
small record plus the texts to write. It never raises: a file that cannot be read is a status."""

from __future__ import annotations

import logging
import os
import resource
import socket
import time
from dataclasses import dataclass

from lkip import build_version, pipeline
from lkip.batch.store import Record
from lkip.options import Options
from lkip.progress import Progress
from lkip.report import render
from lkip.report.json import render_json
from lkip.report.summary import rule_counts, severity_counts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Task:
    path: str  # absolute: a worker on another machine reads it from the shared path
    report: str  # name of its outputs under OUTDIR/reports
    sha256: str
    lang: str = "id"
    options: Options | None = None  # how it is read, resolved once by the CLI (None: the worker's env)


@dataclass
class Result:
    record: Record
    report_json: str | None = None
    report_html: str | None = None
    document_json: str | None = None  # Document.model_dump_json(): for the catalog and cross-year
    worker: str = ""  # the worker process (host:pid), for the memory figures of the benchmark
    peak_rss_kb: int = 0  # the worker process's peak resident memory so far (not its Tesseracts)


def failed(task: Task, status: str, reason: str, reason_en: str, seconds: float = 0.0) -> Result:
    """The result of a file that could not be reviewed."""
    return Result(Record(sha256=task.sha256, path=task.path, report=task.report, status=status,
                         lkip_version=build_version(), reason=reason, reason_en=reason_en,
                         seconds=round(seconds, 3)))


def process(task: Task, progress: Progress | None = None) -> Result:
    """Review one file: its result, whatever happens inside (a bug is status 'error')."""

    start = time.monotonic()
    try:
        doc = pipeline.check(task.path, progress=progress, options=task.options)
        report_json = render_json(doc, task.lang)
        report_html = render(doc, "html", task.lang)
        document_json = doc.model_dump_json()
    except pipeline.InputError as exc:
        log.info("%s: %s", task.path, exc.reason_en)
        return _measured(failed(task, "unreadable", exc.reason, exc.reason_en, time.monotonic() - start))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        log.warning("%s: unexpected error", task.path, exc_info=True)
        detail = pipeline.one_line(exc, 300)
        return _measured(failed(task, "error", f"galat tak terduga ({detail})",
                                f"unexpected error ({detail})", time.monotonic() - start))
    if doc.source.sha256 != task.sha256:
        log.warning("%s changed while the batch ran; a rerun reviews it again", task.path)
    record = Record(
        sha256=task.sha256, path=task.path, report=task.report, status="ok",
        lkip_version=build_version(), instansi=doc.document.instansi, tahun=doc.document.tahun,
        kind=doc.source.kind, pages=doc.source.pages, ocr_pages=len(doc.source.ocr_pages),
        by_severity={s: n for s, n in severity_counts(doc).items()}, by_rule=rule_counts(doc),
        seconds=round(time.monotonic() - start, 3))
    return _measured(Result(record, report_json=report_json, report_html=report_html,
                            document_json=document_json))


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM: since its exec, unlike ru_maxrss, which on
    Linux starts from the parent's peak at fork)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _measured(result: Result) -> Result:
    result.worker = f"{socket.gethostname()}:{os.getpid()}"
    result.peak_rss_kb = peak_rss_kb()
    return result
