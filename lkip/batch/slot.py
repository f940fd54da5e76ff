"""The parent side of one worker process (``lkip.batch.child``): send it a task, wait for the
result under a time limit, and when it runs over or dies, kill it with its Tesseract processes
and answer ``timeout`` or ``crashed``; the next task gets a fresh process."""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, cast

from lkip.batch.child import read_frame, write_frame
from lkip.batch.work import Result, Task, failed

log = logging.getLogger(__name__)

PageProgress = Callable[[int, int], None]
STARTUP_LIMIT = 300.0  # seconds a new worker may take to import lkip (not counted per file)


def core_slices(slots: int, cores: list[int] | None = None) -> list[list[int]]:
    """The CPU cores of each of ``slots`` workers so that workers x OCR threads ~ cores: disjoint
    slices when there are at least as many cores as workers, else one core each, in turn."""
    if cores is None:
        try:
            cores = sorted(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            return [[] for _ in range(slots)]
    per = max(len(cores) // max(slots, 1), 1)
    return [[cores[(i * per + j) % len(cores)] for j in range(per)] for i in range(slots)]


def _died(code: int | None) -> tuple[str, str]:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return (f"proses pekerja berhenti mendadak (sinyal {name})",
                f"worker process died (signal {name})")
    return (f"proses pekerja berhenti mendadak (kode keluar {code})",
            f"worker process died (exit code {code})")


def _close_pipes(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdin, proc.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class Slot:
    """One worker process, started on first use and again after it was killed."""

    def __init__(self, cores: list[int] | None = None, verbose: int = 0) -> None:
        self.cores = cores or []
        self.verbose = verbose
        self.proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen[bytes]:
        cmd = [sys.executable, "-m", "lkip.batch.child"]
        if self.cores:
            cmd += ["--cores", ",".join(map(str, self.cores))]
        if self.verbose:
            cmd.append("-" + "v" * self.verbose)
        # A Dask worker sets MALLOC_TRIM_THRESHOLD_=65536 for itself; inherited, it makes glibc
        # hand memory back after nearly every free, which slows the review down: not passed on.
        env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=None if self.verbose else subprocess.DEVNULL, bufsize=0,
                                start_new_session=True, env={**env, "OMP_THREAD_LIMIT": "1"})
        log.debug("worker process %d started (cores %s)", proc.pid, self.cores or "all")
        return proc

    def _ready(self, proc: subprocess.Popen[bytes]) -> bool:
        """Wait for a new worker's ("ready",): its start-up is not the file's time."""
        assert proc.stdout is not None
        ready, _, _ = select.select([proc.stdout], [], [], STARTUP_LIMIT)
        return bool(ready) and read_frame(proc.stdout) == ("ready",)

    def run(self, task: Task, timeout: float | None, progress: PageProgress | None = None) -> Result:
        """The task's result; ``timeout`` (seconds, None: none) counts from when it is sent to a
        worker that has started (a new worker's imports are not counted)."""
        with self._lock:
            proc = self.proc
            fresh = proc is None or proc.poll() is not None
            if proc is None or fresh:
                proc = self.proc = self._start()
        start = time.monotonic()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            if fresh and not self._ready(proc):
                self.kill()
                _close_pipes(proc)
                return failed(task, "crashed", f"proses pekerja tidak siap dalam {STARTUP_LIMIT:g} detik",
                              f"worker process not ready within {STARTUP_LIMIT:g} s",
                              time.monotonic() - start)
            start = time.monotonic()
            write_frame(proc.stdin, task)
            while True:
                left = None if timeout is None else timeout - (time.monotonic() - start)
                if left is not None and left <= 0:
                    self.kill()
                    _close_pipes(proc)
                    return failed(task, "timeout", f"melebihi batas waktu {timeout:g} detik per berkas",
                                  f"took longer than the limit of {timeout:g} s per file",
                                  time.monotonic() - start)
                ready, _, _ = select.select([proc.stdout], [], [], 1.0 if left is None else min(left, 1.0))
                if not ready:
                    continue
                # the worker sends tuples: ("pages", done, total) ... then ("result", Result)
                kind, *rest = cast("tuple[Any, ...]", read_frame(proc.stdout))
                if kind == "result":
                    return rest[0]
                if progress is not None:
                    progress(*rest)
        except (EOFError, BrokenPipeError, OSError, ValueError):
            code = proc.wait()
            self._forget(proc)
            _close_pipes(proc)
            reason, reason_en = _died(code)
            log.info("%s: %s", task.path, reason_en)
            return failed(task, "crashed", reason, reason_en, time.monotonic() - start)

    def _forget(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            if self.proc is proc:
                self.proc = None

    def kill(self) -> None:
        """Kill the worker process and everything it started (it leads its process group)."""
        with self._lock:
            proc, self.proc = self.proc, None
        if proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def close(self) -> None:
        """Let an idle worker end by itself (end of its task stream), kill it if it does not."""
        with self._lock:
            proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        _close_pipes(proc)
