"""Local worker processes: one thread per worker drives its ``Slot``; results come back to the
caller's thread in the order they finish, with OCR page progress in between."""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from lkip.batch.slot import Slot, core_slices
from lkip.batch.work import Result, Task

log = logging.getLogger(__name__)

WORKER_MEMORY = 1 << 30  # bytes one worker may need on a scanned report (page images, OCR)


def worker_cap() -> int:
    """The most local workers this machine runs well: one per core this process may use, fewer
    when the memory available (MemAvailable) would not hold one WORKER_MEMORY each; at least 1.
    More would only share the same cores and swap (``--workers 5000``: 150 processes, 14 GB)."""
    try:
        cores = max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        cores = max(os.cpu_count() or 1, 1)
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            info = dict(line.split(":", 1) for line in handle if ":" in line)
        available = int(info["MemAvailable"].split()[0]) * 1024
    except (OSError, KeyError, ValueError):
        return cores
    return max(1, min(cores, available // WORKER_MEMORY))


@dataclass
class Pages:
    """OCR progress inside a file: ``done`` of ``total`` pages of ``task`` read."""

    task: Task
    done: int
    total: int


@dataclass
class Done:
    task: Task
    result: Result


class LocalPool:
    """``workers`` processes on this machine; each file under ``timeout`` seconds (None: none)."""

    def __init__(self, workers: int, timeout: float | None, verbose: int = 0) -> None:
        self.workers = max(min(workers, worker_cap()), 1)
        self.timeout = timeout
        cores = core_slices(self.workers) if self.workers > 1 else [[]]
        self.slots = [Slot(cores[i], verbose) for i in range(self.workers)]
        self._stop = threading.Event()

    def run(self, tasks: list[Task]) -> Iterator[Pages | Done]:
        """Run every task; yields progress and results as they come. Closing the iterator early
        (Ctrl-C in the caller) kills the workers: nothing half-done is reported."""
        todo: queue.Queue[Task] = queue.Queue()
        for task in tasks:
            todo.put(task)
        events: queue.Queue[Pages | Done | None] = queue.Queue()
        threads = [threading.Thread(target=self._drive, args=(slot, todo, events), daemon=True,
                                    name=f"lkip-batch-{i}")
                   for i, slot in enumerate(self.slots[: max(min(self.workers, len(tasks)), 1)])]
        for thread in threads:
            thread.start()
        running = len(threads)
        try:
            while running:
                event = events.get()
                if event is None:
                    running -= 1
                else:
                    yield event
        finally:
            self._stop.set()
            for slot in self.slots:
                if running:  # stopped early: whatever the workers are doing is dropped
                    slot.kill()
                else:
                    slot.close()
            for thread in threads:
                thread.join(timeout=5)

    def _drive(self, slot: Slot, todo: queue.Queue[Task], events: queue.Queue[Pages | Done | None]) -> None:
        try:
            while not self._stop.is_set():
                try:
                    task = todo.get_nowait()
                except queue.Empty:
                    return

                def pages(done: int, total: int, task: Task = task) -> None:
                    events.put(Pages(task, done, total))

                result = slot.run(task, self.timeout, pages)
                if not self._stop.is_set():
                    events.put(Done(task, result))
        except Exception:  # noqa: BLE001 - a bug here must not hang the batch
            log.exception("batch worker thread failed")
        finally:
            events.put(None)
