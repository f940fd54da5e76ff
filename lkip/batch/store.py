"""OUTDIR's layout, its atomic writes (``lkip.report.files``), and the per-input records a rerun
resumes from."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from lkip.model import Document
from lkip.report.files import NAME_MAX, cut_name, write_atomic

log = logging.getLogger(__name__)

DONE = ("ok", "unreadable", "error")  # outcomes a rerun keeps: the same bytes give the same result
FAILED = ("unreadable", "error", "timeout", "crashed")  # statuses that make the exit code 2


@dataclass
class Record:
    """What became of one input (its sha256) in a run: the row of the summary, without findings."""

    sha256: str
    path: str  # the input as found
    report: str  # its name under reports/ (the input's path below the folder given, e.g. 2024/a.pdf)
    status: str  # ok | unreadable | error | timeout | crashed | duplicate
    lkip_version: str
    reason: str = ""  # why it failed, in Indonesian
    reason_en: str = ""
    instansi: str | None = None
    tahun: int | None = None
    kind: str | None = None
    pages: int | None = None
    ocr_pages: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    resumed: bool = False  # taken from an earlier run, not done again in this one

    @classmethod
    def from_json(cls, text: str) -> Record:
        data = json.loads(text)
        known = set(cls.__dataclass_fields__)
        return cls(**{key: value for key, value in data.items() if key in known})

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


LOCK = ".lkip-batch.lock"


class Busy(Exception):
    """Another ``lkip batch`` is writing to this OUTDIR."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"{path} is locked by {holder}")
        self.path = path
        self.holder = holder


class Store:
    """The files of one OUTDIR."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.reports = out / "reports"
        self.documents = out / "state" / "documents"
        self.results = out / "state" / "results"
        self._documents: dict[str, Document] = {}  # read back once per run

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold OUTDIR for one run: a second ``lkip batch`` on it raises Busy instead of reviewing
        everything again beside this one. The lock (flock on OUTDIR/.lkip-batch.lock) goes with
        the process, even on kill -9; where there is no flock (Windows) there is no lock."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        path = self.out / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # OUTDIR not writable: the first result written says so
            log.warning("%s: no lock (%s)", path, exc.strerror or exc)
            yield
            return
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "?"
                raise Busy(path, holder) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # releases the lock

    def report_paths(self, report: str) -> tuple[Path, Path]:
        """The JSON and HTML review of the input named ``report``, always below reports/: a '..',
        '.' or root in the name is dropped, not followed; a file name too long for '.json' after
        it is cut to 200 bytes and a hash of the whole name."""
        parts = [p for p in PurePosixPath(report).parts if p not in ("/", ".", "..")] or ["laporan"]
        if len(parts[-1].encode("utf-8")) > NAME_MAX - len(".json"):  # a name the disk can hold
            digest = hashlib.sha256(parts[-1].encode("utf-8")).hexdigest()[:12]
            parts[-1] = f"{cut_name(parts[-1], 200)}-{digest}"
        name = "/".join(parts)
        return self.reports / f"{name}.json", self.reports / f"{name}.html"

    def document_path(self, sha256: str) -> Path:
        return self.documents / f"{sha256}.json"

    def record(self, sha256: str) -> Record | None:
        """The record of an earlier run for these bytes (None when none, or unreadable)."""
        path = self.results / f"{sha256}.json"
        try:
            return Record.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as exc:
            log.warning("%s: record not readable, the report is done again (%s)", path, exc)
            return None

    def reusable(self, sha256: str, report: str, version: str) -> Record | None:
        """The earlier record to keep instead of doing the input again: same bytes, same lkip
        version, an outcome that would not change (read, or refused for what the file is), and
        for a report read, its outputs under this name and its document still there."""
        record = self.record(sha256)
        if record is None or record.lkip_version != version or record.status not in DONE:
            return None
        if record.status == "ok":
            wanted = self.report_paths(report)
            if record.report != report or not all(p.is_file() for p in wanted):
                return None
            if self.document(sha256) is None:  # gone or damaged: the report is done again
                return None
        return record

    def save(self, record: Record, report_json: str | None = None, report_html: str | None = None,
             document_json: str | None = None) -> None:
        """Write one input's outputs, the record last: a record on disk means its outputs are
        complete. A failed input's stale reviews (of older bytes under the same name) go."""
        json_path, html_path = self.report_paths(record.report)
        self._documents.pop(record.sha256, None)
        if document_json is not None:
            write_atomic(self.document_path(record.sha256), document_json)
        if report_json is not None and report_html is not None:
            write_atomic(json_path, report_json)
            write_atomic(html_path, report_html)
        elif record.status != "ok":
            json_path.unlink(missing_ok=True)
            html_path.unlink(missing_ok=True)
        write_atomic(self.results / f"{record.sha256}.json", record.to_json() + "\n")

    def load_document_json(self, sha256: str) -> str:
        return self.document_path(sha256).read_text(encoding="utf-8")

    def document(self, sha256: str) -> Document | None:
        """The Document saved for these bytes; None (and a warning) when it is missing or cannot
        be read back (cut short, edited, of another model)."""
        if sha256 in self._documents:
            return self._documents[sha256]
        path = self.document_path(sha256)
        try:
            doc = Document.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            log.warning("%s: dokumen tidak terbaca, dilewati / document not readable, skipped (%s)",
                        path, " ".join(str(exc).split())[:200])
            return None
        self._documents[sha256] = doc
        return doc

