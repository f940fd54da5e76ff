"""Tests of ``lkip batch``: outputs, resume, isolation of failing files, a run killed half-way,
and the same batch on a Dask LocalCluster giving the same results as the local workers."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import contract_errors
from openpyxl import load_workbook
from reportlab.pdfgen import canvas

from lkip import build_version
from lkip.batch.discover import find
from lkip.batch.run import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, Options, Outcome, run_batch
from lkip.batch.slot import core_slices
from lkip.batch.store import Record
from lkip.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
SYNTH = ROOT / "samples" / "synthetic"
SCAN = SYNTH / "scanned" / "kecamatan-sukamaju-barat-2024-scan300.pdf"  # 2 pages, ~3 s of OCR
STORY = "Si Kancil dan Buaya\n\nPada suatu hari, Si Kancil ingin menyeberangi sungai yang lebar.\n"

GOOD = {  # report name -> status expected
    "2023/dinkes-kab-sukamaju-2023.pdf": "ok",
    "2024/bappeda-kota-sukamaju-2024.pdf": "ok",
    "2024/kecamatan-sukamaju-barat-2024.pdf": "ok",
    "2024/pindai/kecamatan-scan300.pdf": "ok",
    "2024/sibolga-lkip-2024.txt": "ok",
}
BAD = {
    "masalah/kosong.txt": "unreadable",
    "masalah/rusak.pdf": "unreadable",
    "masalah/rahasia.pdf": "unreadable",
    "masalah/cerita.txt": "unreadable",
    "masalah/salinan-dinkes.pdf": "duplicate",
}


def make_archive(root: Path) -> Path:
    """An archive as an Inspektorat gets it: years in folders, a scan, and files that cannot be
    reviewed (empty, not a PDF, encrypted, not an LKIP, a copy of another report)."""
    for name, src in [("2023/dinkes-kab-sukamaju-2023.pdf", SYNTH / "dinkes-kab-sukamaju-2023.pdf"),
                      ("2024/bappeda-kota-sukamaju-2024.pdf", SYNTH / "bappeda-kota-sukamaju-2024.pdf"),
                      ("2024/kecamatan-sukamaju-barat-2024.pdf", SYNTH / "kecamatan-sukamaju-barat-2024.pdf"),
                      ("2024/pindai/kecamatan-scan300.pdf", SCAN), ("2024/sibolga-lkip-2024.txt", SAMPLE),
                      ("masalah/salinan-dinkes.pdf", SYNTH / "dinkes-kab-sukamaju-2023.pdf")]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, root / name)
    (root / "masalah" / "kosong.txt").write_text("")
    (root / "masalah" / "rusak.pdf").write_bytes(b"ini bukan PDF sama sekali\n" * 20)
    (root / "masalah" / "cerita.txt").write_text(STORY, encoding="utf-8")
    c = canvas.Canvas(str(root / "masalah" / "rahasia.pdf"), encrypt="rahasia")
    c.drawString(72, 720, "Tabel 3.1 Capaian Kinerja")
    c.save()
    (root / "catatan.json").write_text("{}")  # not a report: not an input
    return root


def run_cli(*args: str | Path, env: dict[str, str] | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lkip.cli", *map(str, args)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def summary_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        return {row["report"]: row for row in csv.DictReader(handle)}


def results_of(out: Path) -> dict[str, object]:
    """Everything a batch leaves that is a result (not a timing or whether it was resumed)."""
    found: dict[str, object] = {}
    for path in sorted((out / "reports").rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found[path.relative_to(out).as_posix()] = re.sub(r"<tr><th>Tanggal dibuat</th><td>[^<]*",
                                                            "", text)
    for path in sorted((out / "state" / "documents").glob("*.json")):
        found[path.relative_to(out).as_posix()] = path.read_text(encoding="utf-8")
    for path in sorted((out / "state" / "results").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[path.relative_to(out).as_posix()] = {k: v for k, v in data.items()
                                                   if k not in ("seconds", "resumed")}
    found["summary"] = {name: {k: v for k, v in row.items() if k != "resumed"}
                        for name, row in summary_rows(out).items()}
    found["cross_year.json"] = json.loads((out / "cross_year.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(out / "catalog.sqlite")
    try:
        for table in ("findings", "indicators", "budget_lines"):
            found[table] = sorted(map(repr, db.execute(f"SELECT * FROM {table}")))
        found["reports"] = db.execute("SELECT report, status, reason, instansi, tahun, pages, errors, "
                                      "warnings, infos FROM reports ORDER BY id").fetchall()
    finally:
        db.close()
    return found


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_archive(tmp_path_factory.mktemp("arsip"))


@pytest.fixture(scope="module")
def reference(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Outcome]:
    """An uninterrupted run on two local workers."""
    out = tmp_path_factory.mktemp("hasil")
    outcome = run_batch(Options(inputs=[str(archive)], out=out, workers=2, timeout=300))
    return out, outcome


# --- what a run writes ------------------------------------------------------------------------


def test_every_input_gets_a_row_and_failures_say_why(reference: tuple[Path, Outcome]) -> None:
    out, outcome = reference
    rows = summary_rows(out)
    assert {name: row["status"] for name, row in rows.items()} == {**GOOD, **BAD}
    assert outcome.exit_code == EXIT_FAILED
    assert rows["masalah/rahasia.pdf"]["reason"] == "PDF terenkripsi/berkata sandi"
    assert rows["masalah/kosong.txt"]["reason"] == "berkas kosong"
    assert rows["masalah/cerita.txt"]["reason"].startswith("bukan laporan kinerja")
    assert rows["masalah/salinan-dinkes.pdf"]["reason"] == \
        "isinya sama dengan 2023/dinkes-kab-sukamaju-2023.pdf"
    scan = rows["2024/pindai/kecamatan-scan300.pdf"]
    assert (scan["kind"], scan["pages"], scan["ocr_pages"]) == ("pdf-scan", "2", "2")
    sibolga = rows["2024/sibolga-lkip-2024.txt"]
    assert sibolga["instansi"] == "Dinas Koperasi, UKM dan Ketenagakerjaan Kota Sibolga"
    assert sibolga["tahun"] == "2024"


def test_reviews_match_the_summary_and_the_catalog(reference: tuple[Path, Outcome]) -> None:
    out, _ = reference
    rows = summary_rows(out)
    db = sqlite3.connect(out / "catalog.sqlite")
    totals: dict[str, int] = {}
    for name in GOOD:
        data = json.loads((out / "reports" / f"{name}.json").read_text(encoding="utf-8"))
        assert contract_errors(data) == []
        totals[name] = sum(f["rule"] == "total" and f["severity"] == "error" for f in data["findings"])
        assert (out / "reports" / f"{name}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        by_severity = data["summary"]["by_severity"]
        row = rows[name]
        assert {s: int(row[s]) for s in ("error", "warning", "info")} == by_severity
        for rule, n in data["summary"]["by_rule"].items():
            assert int(row[rule]) == n, rule
        (report_id, errors, review), = db.execute(
            "SELECT id, errors, review_json FROM reports WHERE report = ?", (name,))
        assert errors == by_severity["error"] and review == f"reports/{name}.json"
        assert db.execute("SELECT count(*) FROM findings WHERE report_id = ?",
                          (report_id,)).fetchone()[0] == len(data["findings"])
        assert db.execute("SELECT count(*) FROM indicators WHERE report_id = ?",
                          (report_id,)).fetchone()[0] == len(data["indicators"])
        assert db.execute("SELECT count(*) FROM budget_lines WHERE report_id = ?",
                          (report_id,)).fetchone()[0] == len(data["budget_lines"])
    for name in BAD:
        assert not (out / "reports" / f"{name}.json").exists()
    # a reviewer's question: whose budget totals do not add up, most first
    assert db.execute(
        "SELECT r.report, r.tahun, count(*) FROM findings f JOIN reports r ON r.id = f.report_id "
        "WHERE f.rule = 'total' AND f.severity = 'error' GROUP BY r.id ORDER BY 3 DESC, 1"
    ).fetchall()[:2] == [(name, 2024, n) for name, n in sorted(
        ((name, n) for name, n in totals.items() if n), key=lambda kv: (-kv[1], kv[0]))][:2]
    assert {"2024/bappeda-kota-sukamaju-2024.pdf", "2024/sibolga-lkip-2024.txt"} <= {
        name for name, n in totals.items() if n}  # the two reports whose totals do not add up
    # Pagu of program lines is there to compare across reports
    assert db.execute("SELECT count(*) FROM budget_lines WHERE level = 'program' AND anggaran > 0"
                      ).fetchone()[0] > 10
    db.close()
    book = load_workbook(out / "summary.xlsx", read_only=True)
    sheet = book["Ringkasan"]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:3] == ("Laporan", "Status", "Alasan")
    assert [r[0] for r in table[1:]] == sorted(rows)


def test_rerun_skips_what_is_done_and_force_does_it_again(
        archive: Path, reference: tuple[Path, Outcome], tmp_path: Path, capsys) -> None:
    out = tmp_path / "hasil"
    shutil.copytree(reference[0], out)
    before = {p: p.stat().st_mtime_ns for p in (out / "state" / "results").glob("*.json")}
    assert main(["batch", str(archive), "-o", str(out), "--workers", "2"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "10 berkas: 0 diperiksa, 9 sudah selesai sebelumnya" in err  # the copy is not a task
    assert {p: p.stat().st_mtime_ns for p in before} == before
    rows = summary_rows(out)
    assert {name for name, row in rows.items() if row["resumed"] == "1"} == \
        set(GOOD) | set(BAD) - {"masalah/salinan-dinkes.pdf"}
    assert results_of(out) == results_of(reference[0])
    # --force: done again, the same results
    assert main(["batch", str(archive / "2024" / "*.pdf"), "-o", str(out), "--force"]) == EXIT_FINDINGS
    assert "2 berkas: 2 diperiksa, 0 sudah selesai sebelumnya" in capsys.readouterr().err
    assert {row["resumed"] for row in summary_rows(out).values()} == {"0"}


def test_a_review_made_by_other_code_is_done_again(
        archive: Path, reference: tuple[Path, Outcome], tmp_path: Path, capsys) -> None:
    out = tmp_path / "hasil"
    shutil.copytree(reference[0], out)
    records = {p: json.loads(p.read_text()) for p in (out / "state" / "results").glob("*.json")}
    path, older = next((p, r) for p, r in sorted(records.items())
                       if r["status"] == "ok" and r["path"].endswith(".txt"))
    assert older["lkip_version"] == build_version() != "0.1.0"
    path.write_text(json.dumps({**older, "lkip_version": "0.1.0+0000000000"}))  # older code
    main(["batch", str(archive), "-o", str(out), "--workers", "2"])
    assert "10 berkas: 1 diperiksa, 8 sudah selesai sebelumnya" in capsys.readouterr().err
    assert json.loads(path.read_text())["lkip_version"] == build_version()
    assert results_of(out) == results_of(reference[0])


def test_a_changed_file_is_reviewed_again_and_a_broken_one_loses_its_old_review(
        tmp_path: Path, capsys) -> None:
    src = tmp_path / "arsip"
    src.mkdir()
    shutil.copy(SYNTH / "kecamatan-sukamaju-barat-2024.pdf", src / "lkip.pdf")
    out = tmp_path / "hasil"
    assert main(["batch", str(src), "-o", str(out), "--workers", "1"]) == EXIT_FINDINGS
    assert (out / "reports" / "lkip.pdf.json").exists()
    (src / "lkip.pdf").write_bytes((src / "lkip.pdf").read_bytes()[:3000])  # truncated since
    assert main(["batch", str(src), "-o", str(out), "--workers", "1", "--lang", "en"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "lkip.pdf: unreadable: corrupt or truncated PDF" in err, err
    assert not (out / "reports" / "lkip.pdf.json").exists()
    assert summary_rows(out)["lkip.pdf"]["status"] == "unreadable"


# --- isolation: a worker that dies or hangs -----------------------------------------------------


def _fake_tesseract(tmp: Path, body: str) -> Path:
    """A Tesseract that misbehaves on pages (its language list is the real one)."""
    script = tmp / "tesseract"
    script.write_text("#!/bin/sh\n"
                      'if [ "$1" = "--list-langs" ]; then exec tesseract --list-langs; fi\n'
                      f"{body}\n")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("body", "status", "reason"), [
    ("kill -9 $PPID", "crashed", "worker process died (signal SIGKILL)"),
    ("sleep 60", "timeout", "took longer than the limit of 4 s per file"),
], ids=["worker-killed", "timeout"])
def test_a_worker_that_dies_or_hangs_fails_its_file_only(body: str, status: str, reason: str,
                                                         tmp_path: Path) -> None:
    src = tmp_path / "arsip"
    src.mkdir()
    shutil.copy(SCAN, src / "a-pindai.pdf")  # first in line: the next files need a new worker
    shutil.copy(SYNTH / "kecamatan-sukamaju-barat-2024.pdf", src / "b.pdf")
    shutil.copy(SAMPLE, src / "c.txt")
    out = tmp_path / "hasil"
    start = time.monotonic()
    proc = run_cli("batch", src, "-o", out, "--workers", "1", "--timeout", "4", "--lang", "en",
                   env={"LKIP_TESSERACT": str(_fake_tesseract(tmp_path, body))})
    assert time.monotonic() - start < 40
    assert proc.returncode == EXIT_FAILED, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"a-pindai.pdf: {status}: {reason}" in proc.stderr
    rows = summary_rows(out)
    assert {name: row["status"] for name, row in rows.items()} == {
        "a-pindai.pdf": status, "b.pdf": "ok", "c.txt": "ok"}
    assert rows["a-pindai.pdf"]["reason"] == reason
    # nothing of the dead worker is left running
    assert subprocess.run(["pgrep", "-f", str(tmp_path / "tesseract")], capture_output=True).stdout == b""


# --- a run killed half-way --------------------------------------------------------------------


def _interruptible() -> None:
    """Ctrl-C as at a terminal: a suite started in the background ('cmd &' in a script) runs with
    SIGINT ignored, and a child inherits that, so the run under test would not see the signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_after_next_result(archive: Path, out: Path, sig: int) -> set[Path]:
    """Start the batch, stop it with ``sig`` once it has finished one more report; the records
    of the finished reports."""
    results = out / "state" / "results"
    before = set(results.glob("*.json")) if results.is_dir() else set()
    proc = subprocess.Popen([sys.executable, "-m", "lkip.cli", "batch", str(archive), "-o", str(out),
                             "--workers", "1"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_interruptible)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        new = set(results.glob("*.json")) - before if results.is_dir() else set()
        if any(json.loads(p.read_text())["status"] == "ok" for p in new):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "Traceback" not in err, err
        assert "jalankan perintah yang sama untuk melanjutkan" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    time.sleep(1.5)  # its workers notice their parent is gone and stop
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []  # no half-written file
    return set(results.glob("*.json"))


def test_killed_run_resumes_to_the_same_results_without_redoing(
        archive: Path, reference: tuple[Path, Outcome], tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    finished = _kill_after_next_result(archive, out, signal.SIGKILL)
    assert finished and not (out / "summary.csv").exists()
    finished |= _kill_after_next_result(archive, out, signal.SIGINT)
    kept = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in finished}
    assert len(kept) < len(GOOD) + len(BAD) - 1  # stopped before the end
    proc = run_cli("batch", archive, "-o", out, "--workers", "2")
    assert proc.returncode == EXIT_FAILED, proc.stderr
    assert f"{len(kept)} sudah selesai sebelumnya" in proc.stderr
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in kept} == kept  # not redone
    resumed = {name for name, row in summary_rows(out).items() if row["resumed"] == "1"}
    assert len(resumed) == len(kept)
    assert results_of(out) == results_of(reference[0])


# --- the same batch on a Dask cluster --------------------------------------------------------------


def test_dask_local_cluster_gives_the_same_results(archive: Path, reference: tuple[Path, Outcome],
                                                   tmp_path: Path) -> None:
    from distributed import LocalCluster

    out = tmp_path / "hasil"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcome = run_batch(Options(inputs=[str(archive)], out=out, scheduler=cluster.scheduler_address,
                                    timeout=300))
    assert outcome.exit_code == EXIT_FAILED
    assert results_of(out) == results_of(reference[0])
    assert len({r.worker for r in outcome.results}) >= 2  # both workers took files


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run_cli("batch", tmp_path / "a.txt", "-o", tmp_path / "hasil", "--lang", "en",
                   "--scheduler", "tcp://127.0.0.1:1", timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot connect to the scheduler tcp://127.0.0.1:1" in proc.stderr


# --- small parts ------------------------------------------------------------------------------


def test_inputs_are_named_below_the_folder_or_glob_given(tmp_path: Path) -> None:
    make_archive(tmp_path / "arsip")
    out = tmp_path / "arsip" / "hasil"  # the output inside the archive is not an input
    (out / "reports").mkdir(parents=True)
    (out / "reports" / "x.txt").write_text("old")
    found, empty = find([str(tmp_path / "arsip"), str(tmp_path / "arsip" / "2024" / "*.pdf"),
                         str(tmp_path / "tidak-ada")], skip=out)
    names = [name for _, name in found]
    assert names[:5] == ["2023/dinkes-kab-sukamaju-2023.pdf", "2024/bappeda-kota-sukamaju-2024.pdf",
                         "2024/kecamatan-sukamaju-barat-2024.pdf", "2024/pindai/kecamatan-scan300.pdf",
                         "2024/sibolga-lkip-2024.txt"]
    assert len(names) == len(GOOD) + len(BAD) and "catatan.json" not in " ".join(names)
    assert empty == [str(tmp_path / "tidak-ada")]


def test_workers_share_the_cores() -> None:
    assert core_slices(2, [0, 1]) == [[0], [1]]
    assert core_slices(2, [0, 1, 2, 3, 4]) == [[0, 1], [2, 3]]
    assert core_slices(3, [0, 1]) == [[0], [1], [0]]


def test_exit_code_follows_lkip_check() -> None:
    def record(status: str, errors: int = 0) -> Record:
        return Record(sha256="x", path="p", report="r", status=status, lkip_version=build_version(),
                      by_severity={"error": errors, "warning": 3})

    assert Outcome([record("ok"), record("duplicate")]).exit_code == EXIT_OK
    assert Outcome([record("ok"), record("ok", 2)]).exit_code == EXIT_FINDINGS
    assert Outcome([record("ok", 2), record("timeout")]).exit_code == EXIT_FAILED
