"""Tests of the ``lkip`` command line: exit codes, formats, languages and unreadable inputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from builders import contract_errors, make_document, run_lkip

from lkip import __version__, pipeline
from lkip.cli import main
from lkip.model import Document
from lkip.pipeline import InputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"

STORY = """Si Kancil dan Buaya

Pada suatu hari, Si Kancil ingin menyeberangi sungai yang lebar. Di seberang sungai ada
kebun timun yang sangat luas. Sayangnya, sungai itu penuh dengan buaya yang lapar.
Kancil lalu berpikir sejenak dan memanggil para buaya untuk berbaris agar dapat dihitung.
Satu, dua, tiga, kata Kancil sambil melompat dari punggung ke punggung sampai ke seberang.
"""


@pytest.fixture
def fake_check(monkeypatch: pytest.MonkeyPatch) -> dict[str, Document | Exception]:
    """Replace the pipeline: each path maps to the Document it returns or the error it raises."""
    results: dict[str, Document | Exception] = {}

    def check(path: str | Path, progress: object = None, options: object = None) -> Document:
        result = results[str(path)]
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr(pipeline, "check", check)
    return results


# --- unreadable inputs: exit 2, the file named, no traceback ---------------------------------


def _empty(tmp: Path) -> Path:
    (tmp / "kosong.txt").write_text("")
    return tmp / "kosong.txt"


def _binary(tmp: Path) -> Path:
    (tmp / "acak.txt").write_bytes(bytes(range(256)) * 8 + os.urandom(2048) + b"\x00" * 64)
    return tmp / "acak.txt"


def _corrupt_pdf(tmp: Path) -> Path:
    (tmp / "rusak.pdf").write_bytes(b"ini bukan PDF sama sekali\n" * 20)
    return tmp / "rusak.pdf"


def _missing(tmp: Path) -> Path:
    return tmp / "tidak-ada.txt"


def _story(tmp: Path) -> Path:
    (tmp / "cerita.txt").write_text(STORY, encoding="utf-8")
    return tmp / "cerita.txt"


@pytest.mark.parametrize(("make", "reason"), [
    (_empty, "empty"), (_binary, "binary"), (_corrupt_pdf, "not a PDF"), (_missing, "not found"),
    (_story, "not a performance report"),
], ids=["empty", "binary", "corrupt-pdf", "missing", "story"])
def test_unreadable_input_exits_2_naming_the_file(make, reason: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    proc = run_lkip("check", path)
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1
    english = run_lkip("check", "--lang", "en", path)
    assert english.returncode == 2 and reason in english.stderr, english.stderr


def test_input_error_message_follows_lang(fake_check, capsys, tmp_path: Path) -> None:
    fake_check["x.txt"] = InputError("x.txt", "berkas kosong", "file is empty")
    assert main(["check", "x.txt"]) == 2
    assert capsys.readouterr().err.strip() == "lkip: x.txt: berkas kosong"
    assert main(["check", "--lang", "en", "x.txt"]) == 2
    assert capsys.readouterr().err.strip() == "lkip: x.txt: file is empty"


def test_unexpected_error_is_one_line_and_exit_2(fake_check, capsys) -> None:
    fake_check["aneh.txt"] = RuntimeError("something\nbroke")
    assert main(["check", "aneh.txt"]) == 2
    err = capsys.readouterr().err
    assert "aneh.txt" in err and "RuntimeError: something broke" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    # with -vv the traceback is logged, for whoever debugs it
    assert main(["check", "-vv", "aneh.txt"]) == 2
    assert "Traceback" in capsys.readouterr().err


# --- exit codes by severity, formats and languages -------------------------------------------


def test_exit_1_when_some_finding_is_an_error(fake_check, capsys) -> None:
    fake_check["a.txt"] = make_document()
    assert main(["check", "a.txt"]) == 1
    out = capsys.readouterr().out
    assert "Dinas Koperasi, UKM dan Naker Kota Sibolga" in out
    assert "sha256 ab12cd34ef56" in out and "1 kesalahan, 1 peringatan, 1 info" in out
    assert "Tertulis: 88,92% · Seharusnya: 85,00%" in out


def test_exit_0_when_no_finding_is_an_error(fake_check, capsys) -> None:
    fake_check["a.txt"] = make_document(("warning", "info"))
    fake_check["b.txt"] = make_document(())
    assert main(["check", "a.txt"]) == 0
    assert main(["check", "b.txt"]) == 0
    assert "Tidak ada temuan" in capsys.readouterr().out


def test_json_to_file_follows_the_contract(fake_check, capsys, tmp_path: Path) -> None:
    fake_check["a.txt"] = make_document()
    out = tmp_path / "hasil.json"
    assert main(["check", "a.txt", "--format", "json", "-o", str(out)]) == 1
    assert capsys.readouterr().out == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert contract_errors(data) == []
    assert data["findings"][0]["message"].startswith("Capaian tertulis")


def test_lang_en_switches_messages(fake_check, capsys) -> None:
    fake_check["a.txt"] = make_document()
    assert main(["check", "a.txt", "--format", "json", "--lang", "en"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["findings"][0]["message"].startswith("Stated capaian")
    assert main(["check", "a.txt", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Stated capaian" in out and "1 errors, 1 warnings, 1 info" in out


@pytest.mark.parametrize(("fmt", "needle"), [("md", "### Kesalahan (1)"),
                                             ("html", "&lt;script&gt;"),
                                             ("text", "KESALAHAN [capaian.recompute]")])
def test_formats(fake_check, capsys, fmt: str, needle: str) -> None:
    fake_check["a.txt"] = make_document()
    assert main(["check", "a.txt", "-f", fmt]) == 1
    assert needle in capsys.readouterr().out


def test_several_inputs_worst_code_and_a_bad_one_does_not_stop_the_others(
        fake_check, capsys) -> None:
    fake_check["ok.txt"] = make_document(("info",))
    fake_check["bad.txt"] = InputError("bad.txt", "berkas kosong", "file is empty")
    fake_check["err.txt"] = make_document()
    assert main(["check", "ok.txt", "bad.txt", "err.txt", "--format", "json"]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()  # several inputs on stdout: JSON Lines
    assert len(lines) == 2
    assert all(contract_errors(json.loads(line)) == [] for line in lines)
    assert "bad.txt: berkas kosong" in captured.err
    assert "3 berkas: 1 tanpa kesalahan, 1 dengan kesalahan, 1 tidak terbaca" in captured.err
    assert main(["check", "ok.txt", "err.txt"]) == 1


def test_several_inputs_with_output_directory(fake_check, tmp_path: Path) -> None:
    fake_check["a/lkip.txt"] = make_document()
    fake_check["b/lkip.txt"] = make_document(())
    out = tmp_path / "laporan"
    assert main(["check", "a/lkip.txt", "b/lkip.txt", "-f", "html", "-o", str(out)]) == 1
    assert sorted(p.name for p in out.iterdir()) == ["lkip-2.html", "lkip.html"]
    assert "Kesalahan (1)" in (out / "lkip.html").read_text(encoding="utf-8")


def test_several_html_reports_need_a_directory(fake_check, capsys, tmp_path: Path) -> None:
    fake_check["a.txt"] = fake_check["b.txt"] = make_document()
    assert main(["check", "a.txt", "b.txt", "-f", "html"]) == 2
    assert "-o" in capsys.readouterr().err
    afile = tmp_path / "satu.html"
    afile.write_text("")
    assert main(["check", "a.txt", "b.txt", "-o", str(afile)]) == 2


def test_unwritable_output_exits_2(fake_check, capsys, tmp_path: Path) -> None:
    fake_check["a.txt"] = make_document(())
    blocker = tmp_path / "berkas"
    blocker.write_text("")
    assert main(["check", "a.txt", "-o", str(blocker / "sub" / "x.json")]) == 2
    assert "x.json" in capsys.readouterr().err


def test_verbose_logs_to_stderr(fake_check, capsys) -> None:
    fake_check["a.txt"] = make_document(())
    assert main(["check", "-v", "a.txt"]) == 0
    captured = capsys.readouterr()
    assert "INFO lkip.cli: checking a.txt" in captured.err
    assert "INFO" not in captured.out


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"lkip {__version__}"


def test_no_command_prints_help_and_exits_2(capsys) -> None:
    assert main([]) == 2
    assert "check" in capsys.readouterr().err


# --- end to end on the bundled sample --------------------------------------------------------


def test_sample_end_to_end() -> None:
    proc = run_lkip("check", SAMPLE, "--format", "json")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert contract_errors(data) == []
    assert len(data["tables"]) >= 1
    assert data["source"]["kind"] == "text"
