"""Pages read in parallel: one worker thread per core, each rendering or loading its own page from
the file's path and page number (only the pages being read are in memory) and running its own
Tesseract process (``OMP_THREAD_LIMIT=1``), each page under a time limit.

Threads, not processes: Tesseract runs in its own process anyway, numpy and Pillow release the
GIL for the image work, and threads need no ``if __name__ == "__main__"`` guard in the caller's
script (worker processes started by spawn re-import it). pdfium is not thread-safe: rendering is
serialised by a lock in ``raster``.

Time limits: every Tesseract run gets the time left of the page's budget and is killed when it
runs over (the page gets status timeout, the worker goes on with the next page). The caller also
watches: a page not back `GRACE` seconds after its limit (a worker stuck outside Tesseract) is
given status timeout and its thread is abandoned; the other workers go on.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from lkip.extract.ocr_page import OcrPage
from lkip.options import Options
from lkip.progress import Progress

GRACE = 30.0


@dataclass(frozen=True)
class Job:
    kind: str  # "pdf" | "image"
    path: str
    number: int  # 1-based page of the input
    index: int  # page number for a PDF, 0-based frame for an image
    dpi: int  # render resolution (pdf); resolution hint or 0 (image)
    timeout: float
    options: Options  # how the page is read (models, engine)


Work = Callable[[Job], OcrPage]  # reads one job's page (``ocr.read_job``)


def default_workers() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


def run_jobs(jobs: list[Job], work: Work, workers: int | None = None, timeout: float = 120.0,
             progress: Progress | None = None) -> list[OcrPage]:
    """Every job's page as ``work`` reads it, in the order of the jobs; `progress(done, total)`
    after each page. The reader is handed in (``ocr.read_job``) so that this pool need not import
    the page reader that runs it."""
    total = len(jobs)
    if progress:
        progress(0, total)
    workers = min(workers or default_workers(), max(total, 1))
    if workers <= 1:
        out = []
        for done, job in enumerate(jobs, 1):
            out.append(work(job))
            if progress:
                progress(done, total)
        return out
    return _run_parallel(jobs, work, workers, timeout, progress)


def _run_parallel(jobs: list[Job], work: Work, workers: int, timeout: float,
                  progress: Progress | None) -> list[OcrPage]:
    results: dict[int, OcrPage] = {}
    pending = list(enumerate(jobs))[::-1]  # popped from the end: first job first
    running: dict[cf.Future, tuple[int, Job, float]] = {}
    abandoned = 0
    executor = cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="lkip-ocr")
    try:
        while pending or running:
            # at most one page per live worker in flight: submission time is start time, and
            # finished pages do not pile up in memory
            while pending and len(running) < workers - abandoned:
                i, job = pending.pop()
                running[executor.submit(work, job)] = (i, job, time.monotonic())
            if not running:  # every worker is stuck: the rest cannot be read
                for i, job in pending:
                    results[i] = OcrPage(number=job.number, width=0.0, height=0.0, status="timeout",
                                         reason="no worker left: earlier pages hung")
                pending.clear()
                break
            done, _ = cf.wait(list(running), timeout=1.0, return_when=cf.FIRST_COMPLETED)
            now = time.monotonic()
            for future in list(running):
                i, job, started = running[future]
                if future in done:
                    try:
                        results[i] = future.result()
                    except Exception as exc:  # noqa: BLE001 - a bug: one page, not the file
                        results[i] = OcrPage(number=job.number, width=0.0, height=0.0, status="error",
                                             reason=f"worker failed ({type(exc).__name__}: {exc})"[:200])
                    del running[future]
                elif now - started > timeout + GRACE:
                    results[i] = OcrPage(number=job.number, width=0.0, height=0.0, status="timeout",
                                         reason=f"page took longer than {timeout:g} s",
                                         seconds=round(now - started, 3))
                    del running[future]
                    future.cancel()
                    abandoned += 1
                else:
                    continue
                if progress:
                    progress(len(results), len(jobs))
    finally:
        executor.shutdown(wait=not abandoned, cancel_futures=True)
    return [results[i] for i in range(len(jobs))]
