"""A worker process of a batch: ``python -m lkip.batch.child [--cores 0,1] [-v]``.

Once started (imports done) it says ``("ready",)``. It reads pickled ``work.Task`` frames on
stdin and answers on its original stdout with ``("progress", done, total)`` frames while pages
are read by OCR and one ``("result", Result)`` frame per task; anything else printed to stdout
goes to stderr. It ignores Ctrl-C (its parent decides) and kills itself and its Tesseract
processes when its parent goes away.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import pickle
import signal
import struct
import sys
import threading
import time
from typing import IO

HEADER = struct.Struct(">Q")


def write_frame(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream: IO[bytes], n: int) -> bytes:
    chunks: list[bytes] = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_frame(stream: IO[bytes]) -> object:
    """The next object on ``stream``; EOFError when the other side has gone."""
    (size,) = HEADER.unpack(_read_exactly(stream, HEADER.size))
    return pickle.loads(_read_exactly(stream, size))


def _watch_parent() -> None:
    """When the parent dies (killed, or a Dask worker gone) there is no one to take the result:
    this process and the Tesseract processes it started (its process group) stop."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            try:
                os.killpg(0, signal.SIGKILL)
            finally:
                os._exit(1)


def _warm_up() -> None:
    """Import the stages now, once per worker, rather than inside the first file's time limit."""
    import lkip.normalize.views  # noqa: F401
    import lkip.pipeline  # noqa: F401
    import lkip.report.html  # noqa: F401
    import lkip.validate.registry  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lkip.batch.child")
    parser.add_argument("--cores", default="", help="CPU cores this worker and its OCR may use")
    parser.add_argument("-v", "--verbose", action="count", default=0)
    args = parser.parse_args(argv)
    if args.cores and hasattr(os, "sched_setaffinity"):
        # before anything starts a thread: OCR sizes its page pool from this (ocr_pool.default_workers)
        with contextlib.suppress(OSError, ValueError):
            os.sched_setaffinity(0, {int(c) for c in args.cores.split(",")})
    os.environ["OMP_THREAD_LIMIT"] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    answers = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # a stray print must not break the frames
    tasks = os.fdopen(0, "rb", buffering=0)
    logging.basicConfig(stream=sys.stderr, format=f"%(levelname)s %(name)s [{os.getpid()}]: %(message)s",
                        level=logging.DEBUG if args.verbose >= 2 else
                        logging.INFO if args.verbose else logging.WARNING)
    threading.Thread(target=_watch_parent, daemon=True, name="lkip-watch-parent").start()

    from lkip.batch.work import process  # after OMP_THREAD_LIMIT and the affinity are set

    _warm_up()
    write_frame(answers, ("ready",))  # the parent's time limit per file starts after this

    while True:
        try:
            task = read_frame(tasks)
        except EOFError:
            return 0

        def progress(done: int, total: int) -> None:
            write_frame(answers, ("progress", done, total))

        write_frame(answers, ("result", process(task, progress)))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
