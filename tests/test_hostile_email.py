"""lkip email under hostile input (issue 16): what reaches the terminal, and a send log that
cannot be written. A local SMTP server (aiosmtpd on 127.0.0.1), as in test_hostile.py."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("aiosmtpd.controller")

from builders import ROOT, crafted_result, smtp_config  # noqa: E402

from lkip.cli import main  # noqa: E402

DINKES = ROOT / "samples" / "synthetic" / "dinkes-kab-sukamaju-2023.pdf"


def _lines_are_one_message_each(err: str) -> None:
    """Every line on stderr is a whole message of lkip's (or a log record's), none a line that
    an instansi or a file name started."""
    for line in err.splitlines():
        assert line.startswith(("lkip: ", "WARNING ", "INFO ", "ERROR ", "{")), repr(line)


def test_line_breaks_in_names_reach_the_terminal_escaped(tmp_path, smtp, results, monkeypatch,
                                                         capsys) -> None:
    crafted = crafted_result(tmp_path, results, "Dinas Kesehatan\r\nlkip: terkirim ke semua",
                              "/arsip/lkip\r\nBcc: evil@y.test\n.pdf")
    named = tmp_path / "hasil\r\nlkip: semua beres.json"
    crafted.rename(named)
    recipients = tmp_path / "recipients.csv"
    recipients.write_text("instansi,email\nDinas Lain,lain@sukamaju.go.id\n", encoding="utf-8")
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    code = main(["email", str(named), "--recipients", str(recipients), "--config", str(config),
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and smtp.messages == []  # no address for the instansi: nothing sent
    _lines_are_one_message_each(err)
    assert "\\r\\n" in err  # the break is shown for what it is

    recipients.write_text('instansi,email\n"Dinas Kesehatan lkip: terkirim ke semua",'
                          "dinkes@sukamaju.go.id\n", encoding="utf-8")
    code = main(["email", str(named), "--recipients", str(recipients), "--config", str(config),
                 "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert [r for _, rcpts in smtp.messages for r in rcpts] == ["dinkes@sukamaju.go.id"]
    _lines_are_one_message_each(err)
    assert "hasil\\r\\nlkip: semua beres.json" in err


def _two_reports(tmp_path: Path, results) -> tuple[list[str], Path]:
    dinkes, kecamatan = results["dinkes"][1], results["kecamatan"][1]
    recipients = tmp_path / "recipients.csv"
    recipients.write_text("instansi,email\n"
                          f'"{dinkes.document.instansi}",dinkes@sukamaju.go.id\n'
                          f'"{kecamatan.document.instansi}",camat@sukamaju.go.id\n',
                          encoding="utf-8")
    return [str(results["dinkes"][0]), str(results["kecamatan"][0])], recipients


def test_a_send_log_that_cannot_be_written_sends_nothing(tmp_path, smtp, results,
                                                         monkeypatch, capsys) -> None:
    reports, recipients = _two_reports(tmp_path, results)
    out = tmp_path / "out"
    (out / "send-log.jsonl").mkdir(parents=True)  # the log's name taken by a folder
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    code = main(["email", *reports, "--recipients", str(recipients), "--config", str(config),
                 "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and smtp.messages == []
    assert "Traceback" not in err
    assert "the send log" in err and "cannot be written" in err and "nothing was sent" in err


def test_a_send_log_that_fails_mid_run_stops_and_keeps_what_was_sent(tmp_path, smtp, results,
                                                                     monkeypatch, capsys) -> None:
    """The disk fills after the first message went: its record is kept (a file in the temporary
    folder and stderr), nothing more is sent, and with the record put back a rerun sends the
    first report to no one again."""
    import lkip.report.send as send

    reports, recipients = _two_reports(tmp_path, results)
    out = tmp_path / "out"
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    # the disk full when the send log is synced (the attachments are written before)
    monkeypatch.setattr(send, "os", SimpleNamespace(**{**vars(os), "fsync": full}))
    code = main(["email", *reports, "--recipients", str(recipients), "--config", str(config),
                 "--out", str(out), "--lang", "en"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 1
    assert [r for _, rcpts in smtp.messages for r in rcpts] == ["dinkes@sukamaju.go.id"]
    assert "No space left on device" in err and "sending stopped" in err
    assert "not sent (the send log cannot be written)" in err
    kept = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [(e["recipient"], e["status"]) for e in kept] == [("dinkes@sukamaju.go.id", "sent")]
    [spare] = tmp_path.glob("lkip-send-log-unwritten-*.jsonl")
    assert [json.loads(line) for line in spare.read_text().splitlines()] == kept

    monkeypatch.undo()
    config = smtp_config(tmp_path, smtp.port, monkeypatch)
    with (out / "send-log.jsonl").open("a", encoding="utf-8") as log:  # as the message says
        log.write(spare.read_text())
    smtp.messages.clear()
    code = main(["email", *reports, "--recipients", str(recipients), "--config", str(config),
                 "--out", str(out), "--lang", "en"])
    assert code == 0, capsys.readouterr().err
    assert [r for _, rcpts in smtp.messages for r in rcpts] == ["camat@sukamaju.go.id"]


# --- attachment names, and a report read in part, as the OPD receives them --------------------

_HOSTILE_SOURCES = ["..\\..\\Windows\\evil\u202etxt.exe\x1b[31m.pdf", "/arsip/\t=1+1\x00.pdf",
                    "/arsip/" + "\u4e2d" * 120 + ".pdf", "/arsip/.../..pdf", "C:\\lap\\a/b\\c.pdf"]


@pytest.mark.parametrize("source", _HOSTILE_SOURCES)
def test_attachment_names_are_clean_and_fit_the_disk(tmp_path, results, source) -> None:
    """Whatever the recorded source path holds (separators of either system, '..', a bidi
    override, an escape sequence, a NUL, 120 Chinese characters = 360 bytes), the message's
    attachments and the files written beside them have short names of letters, digits, '.', '_'
    and '-', inside --out."""
    import re
    from email import policy
    from email.parser import BytesParser

    crafted = crafted_result(tmp_path, results, results["dinkes"][1].document.instansi or "", source)
    recipients = tmp_path / "recipients.csv"
    recipients.write_text(f'instansi,email\n"{results["dinkes"][1].document.instansi}",'
                          "dinkes@sukamaju.go.id\n", encoding="utf-8")
    out = tmp_path / "out"
    before = set(tmp_path.rglob("*"))
    code = main(["email", str(crafted), "--recipients", str(recipients), "--dry-run",
                 "--out", str(out)])
    assert code == 0
    written = sorted(set(tmp_path.rglob("*")) - before - {out})
    assert written and all(p.parent == out for p in written), written
    for path in written:
        assert re.fullmatch(r"[\w.-]+", path.name) and not path.name.startswith(".")
        assert len(path.name.encode("utf-8")) <= 120, path.name
    [eml] = [p for p in written if p.suffix == ".eml"]
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    names = [part.get_filename() for part in msg.iter_attachments()]
    assert len(names) == 2 and {p.name for p in written} >= set(names), names


def test_a_report_read_in_part_says_so_at_the_top_of_its_email(tmp_path, results) -> None:
    """The coverage warning comes right after the greeting in both bodies of the message (before
    the score and the findings), and at the top of the attached HTML and workbook."""
    import io
    import re
    from email import policy
    from email.parser import BytesParser

    from openpyxl import load_workbook

    data = DINKES.read_bytes()
    third = [m.start() for m in re.finditer(rb"/Type /Page\b", data)][2]
    pdf = tmp_path / "rusak-tengah.pdf"  # the 3rd page object lost (as in test_hostile.py)
    pdf.write_bytes(data[:third] + b"/Type /Xage" + data[third + len(b"/Type /Page"):])
    recipients = tmp_path / "recipients.csv"
    recipients.write_text(f'instansi,email\n"{results["dinkes"][1].document.instansi}",'
                          "dinkes@sukamaju.go.id\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["email", str(pdf), "--recipients", str(recipients), "--dry-run",
                 "--out", str(out)]) == 0
    [eml] = out.glob("*.eml")
    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    note = "Hanya 5 dari 6 halaman"
    plain = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert plain is not None and html is not None
    for body in (" ".join(plain.get_content().split()), html.get_content()):
        assert note in body, body[:800]
        assert body.index(note) < body.index("Skor konsistensi"), body[:800]  # before the score
    attached = {part.get_filename().rsplit(".", 1)[1]: part.get_content()
                for part in msg.iter_attachments()}
    assert note in attached["html"].split('<section id="ringkasan">')[0]
    sheet = load_workbook(io.BytesIO(attached["xlsx"])).worksheets[0]
    assert note in str(sheet["B2"].value)
