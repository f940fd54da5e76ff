"""The same batch on a Dask distributed cluster (``--scheduler tcp://HOST:8786``).

Each task runs ``work.process`` in a worker process of its own started by the Dask worker (a
``Slot``, kept for the next task of that thread), so the per-file time limit and a crash are
handled as on one machine: the Dask worker survives, the file gets status timeout or crashed.
Workers read the inputs from the same absolute path (a shared folder); the reviews come back to
this process, which writes them: OUTDIR need not be shared.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

from lkip.batch.pool import Done
from lkip.batch.slot import Slot
from lkip.batch.work import Result, Task, failed
from lkip.errors import one_line

log = logging.getLogger(__name__)

Plan = dict[str, tuple[int, int, int]]  # worker address -> (first thread on its host, threads, host's)

_local = threading.local()


class ClusterError(Exception):
    """The scheduler cannot be reached, or Dask is not installed."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason = reason
        self.reason_en = reason_en


def core_plan(workers: dict[str, dict[str, Any]]) -> Plan:
    """For each worker, its place among the threads of the workers on its host, so that each
    can take its own share of the host's cores (workers x OCR threads ~ cores)."""
    plan: Plan = {}
    hosts: dict[str, list[str]] = {}
    for address, info in sorted(workers.items()):
        hosts.setdefault(str(info.get("host", address)), []).append(address)
    for addresses in hosts.values():
        total = sum(int(workers[a].get("nthreads", 1)) for a in addresses)
        offset = 0
        for address in addresses:
            n = int(workers[address].get("nthreads", 1))
            plan[address] = (offset, n, total)
            offset += n
    return plan


def _cores(plan: Plan) -> list[int]:
    from distributed import get_worker

    place = plan.get(get_worker().address)
    if place is None or not hasattr(os, "sched_getaffinity"):
        return []
    offset, n, total = place
    cores = sorted(os.sched_getaffinity(0))
    if total <= 1 or len(cores) < total:
        return []
    per = len(cores) // total
    return cores[offset * per:(offset + n) * per]


def run_on_worker(task: Task, timeout: float | None, plan: Plan, verbose: int = 0) -> Result:
    """The Dask task: the file's result from this thread's worker process."""
    slot = getattr(_local, "slot", None)
    if slot is None:
        slot = _local.slot = Slot(_cores(plan), verbose)
    return slot.run(task, timeout)


def _reachable(address: str) -> None:
    """A scheduler that refuses the connection is said at once (Dask would retry until its
    timeout)."""
    host, _, port = address.removeprefix("tcp://").rpartition(":")
    if not address.startswith("tcp://") or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
    except OSError as exc:
        raise ClusterError(f"tidak dapat terhubung ke penjadwal {address} ({exc.strerror or exc})",
                           f"cannot connect to the scheduler {address} ({exc.strerror or exc})") from exc


def run(address: str, tasks: list[Task], timeout: float | None, verbose: int = 0) -> Iterator[Done]:
    """Results as they finish on the cluster at ``address``."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ClusterError("Dask tidak terpasang: pip install 'lkip[cluster]'",
                           "Dask is not installed: pip install 'lkip[cluster]'") from exc
    _reachable(address)
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"tidak dapat terhubung ke penjadwal {address} ({exc})",
                           f"cannot connect to the scheduler {address} ({exc})") from exc
    try:
        workers = client.scheduler_info(n_workers=-1).get("workers", {})
        if not workers:
            client.wait_for_workers(1, timeout=60)
            workers = client.scheduler_info(n_workers=-1).get("workers", {})
        plan = core_plan(workers)
        log.info("Dask cluster %s: %d workers, %d threads", address, len(workers),
                 sum(int(w.get("nthreads", 1)) for w in workers.values()))
        futures = {client.submit(run_on_worker, task, timeout, plan, verbose, pure=False,
                                 key=f"lkip-{task.sha256[:20]}-{i}", priority=len(tasks) - i): task
                   for i, task in enumerate(tasks)}
        try:
            for future in as_completed(futures):
                task = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker is this file's failure
                    detail = one_line(exc, 300)
                    result = failed(task, "crashed", f"pekerja Dask gagal ({detail})",
                                    f"Dask worker failed ({detail})")
                future.release()
                yield Done(task, result)
        finally:
            client.cancel([f for f in futures if not f.done()])
    finally:
        client.close()
