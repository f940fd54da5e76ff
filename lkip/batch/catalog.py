"""The run's SQLite catalog (stdlib sqlite3): reports, findings, indicators and budget lines of
every input, for a reviewer to query. Rebuilt each run into a temporary file, then renamed."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lkip.batch.store import Record
from lkip.model import Document, Finding

SCHEMA = """
CREATE TABLE reports (
  id INTEGER PRIMARY KEY, report TEXT NOT NULL, path TEXT, sha256 TEXT, status TEXT NOT NULL,
  reason TEXT, reason_en TEXT, instansi TEXT, tahun INTEGER, kind TEXT, pages INTEGER,
  ocr_pages INTEGER, errors INTEGER, warnings INTEGER, infos INTEGER, lkip_version TEXT,
  seconds REAL, resumed INTEGER, review_json TEXT, review_html TEXT
);
CREATE TABLE findings (
  report_id INTEGER NOT NULL REFERENCES reports(id), rule TEXT, severity TEXT, table_id TEXT,
  row TEXT, field TEXT, stated TEXT, expected TEXT, message TEXT, message_en TEXT,
  arithmetic TEXT, page INTEGER, line INTEGER
);
CREATE TABLE indicators (
  report_id INTEGER NOT NULL REFERENCES reports(id), table_id TEXT, row_index INTEGER,
  sasaran TEXT, indikator TEXT, satuan TEXT, target REAL, realisasi REAL, capaian REAL,
  kategori TEXT, year INTEGER, smaller_is_better INTEGER, page INTEGER
);
CREATE TABLE budget_lines (
  report_id INTEGER NOT NULL REFERENCES reports(id), line INTEGER, parent_line INTEGER,
  table_id TEXT, row_index INTEGER, kode TEXT, nama TEXT, level TEXT, pagu_sebelum REAL,
  pagu_sesudah REAL, anggaran REAL, realisasi REAL, persen REAL, efisiensi REAL, selisih REAL,
  selisih_persen REAL, nomenklatur_kode TEXT, nomenklatur_nama TEXT, nomenklatur_score REAL,
  page INTEGER
);
CREATE INDEX findings_report ON findings(report_id);
CREATE INDEX indicators_report ON indicators(report_id);
CREATE INDEX budget_lines_report ON budget_lines(report_id);
CREATE INDEX reports_instansi ON reports(instansi, tahun);
"""


def _text(value: float | str | None) -> str | None:
    return None if value is None else str(value)


def _finding(report_id: int, f: Finding) -> tuple[object, ...]:
    return (report_id, f.rule, f.severity, f.table, f.row, f.field, _text(f.stated), _text(f.expected),
            f.message, f.message_en, f.arithmetic, f.page, f.line)


def _insert(db: sqlite3.Connection, report_id: int, record: Record, doc: Document | None,
            extra: list[Finding], review: tuple[str, str] | None) -> None:
    findings = ([*doc.findings, *extra] if doc is not None else [])
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    ok = doc is not None
    db.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
        report_id, record.report, record.path, record.sha256, record.status, record.reason or None,
        record.reason_en or None, record.instansi, record.tahun, record.kind, record.pages,
        record.ocr_pages if ok else None, *(counts[s] if ok else None for s in counts),
        record.lkip_version, record.seconds, int(record.resumed), *(review or (None, None))))
    if doc is None:
        return
    db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   [_finding(report_id, f) for f in findings])
    db.executemany("INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (report_id, i.table, i.row_index, i.sasaran, i.indikator, i.satuan, i.target, i.realisasi,
         i.capaian, i.kategori, i.year, int(i.smaller_is_better), i.page) for i in doc.indicators])
    db.executemany("INSERT INTO budget_lines VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (report_id, n, b.parent, b.table, b.row_index, b.kode, b.nama, b.level, b.pagu_sebelum,
         b.pagu_sesudah, b.anggaran, b.realisasi, b.persen, b.efisiensi, b.selisih, b.selisih_persen,
         b.nomenklatur.kode if b.nomenklatur else None, b.nomenklatur.nama if b.nomenklatur else None,
         b.nomenklatur.score if b.nomenklatur else None, b.page) for n, b in enumerate(doc.budget_lines)])


def write_catalog(path: Path, entries: Iterable[tuple[Record, Document | None, tuple[str, str] | None]],
                  cross: dict[str, list[Finding]]) -> None:
    """Write the catalog of ``entries`` (record, its Document when it was read, the paths of its
    reviews relative to OUTDIR) to ``path``, replacing the old one only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.executescript(SCHEMA)
            for report_id, (record, doc, review) in enumerate(entries, 1):
                extra = cross.get(record.sha256, []) if doc is not None else []
                _insert(db, report_id, record, doc, extra, review)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
