"""Options: how reports are read, resolved once from the environment and the command line and
handed down to the OCR engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from lkip.cli import main
from lkip.extract.ocr import read_page
from lkip.options import Options, OptionsError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "sibolga-diskopukmnaker-lkip-2024.ocr.txt"
OCR_ENV = ("LKIP_OCR_LANG", "LKIP_OCR_ENGINE", "LKIP_TESSERACT", "TESSDATA_PREFIX", "LKIP_OCR_CACHE")


def test_the_environment_sets_each_option() -> None:
    got = Options.from_env({"LKIP_OCR_LANG": "ind", "LKIP_OCR_ENGINE": "CLI",
                            "LKIP_TESSERACT": "/opt/tesseract/bin/tesseract",
                            "TESSDATA_PREFIX": "/opt/tesseract/tessdata",
                            "LKIP_OCR_CACHE": "/var/cache/lkip-ocr"})
    assert got == Options(ocr_lang="ind", engine="cli", tesseract="/opt/tesseract/bin/tesseract",
                          tessdata="/opt/tesseract/tessdata", ocr_cache="/var/cache/lkip-ocr")
    assert got.program == "/opt/tesseract/bin/tesseract" and got.wants_program


def test_no_setting_or_empty_ones_give_the_defaults() -> None:
    assert Options.from_env({}) == Options()
    assert Options.from_env({"LKIP_OCR_LANG": "", "LKIP_OCR_ENGINE": "", "TESSDATA_PREFIX": ""}) == Options()
    default = Options()
    assert (default.ocr_lang, default.engine, default.dpi, default.page_timeout) == (None, "auto", 300, 120.0)
    assert default.program == "tesseract" and not default.wants_program


def test_naming_a_program_means_the_program_is_run() -> None:
    """As README says: ``LKIP_TESSERACT=PROGRAM`` runs that program, not tesserocr."""
    assert Options.from_env({"LKIP_TESSERACT": "tesseract"}).wants_program
    assert Options.from_env({"LKIP_OCR_ENGINE": "auto"}).wants_program is False


def test_a_command_line_value_wins_over_the_environment() -> None:
    env = {"LKIP_OCR_LANG": "ind", "LKIP_OCR_ENGINE": "cli"}
    got = Options.from_env(env, ocr_lang="eng", engine=None, dpi=200)  # engine: a flag not given
    assert (got.ocr_lang, got.engine, got.dpi) == ("eng", "cli", 200)


def test_the_process_environment_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKIP_OCR_LANG", "ind")
    assert Options.from_env().ocr_lang == "ind"


@pytest.mark.parametrize("engine", ["gpu", "tesserocr2"])
def test_an_unknown_engine_is_refused_by_name(engine: str) -> None:
    said = rf"OCR engine '{engine}' is not one of auto, cli \(LKIP_OCR_ENGINE\)"
    with pytest.raises(OptionsError, match=said):
        Options.from_env({"LKIP_OCR_ENGINE": engine})


def test_a_setting_that_does_not_exist_or_cannot_be_used_is_refused() -> None:
    with pytest.raises(OptionsError, match="no such setting: langs"):
        Options.from_env({}, langs="ind")
    with pytest.raises(OptionsError, match="dpi 0"):
        Options(dpi=0)


def test_the_cli_says_an_unknown_engine_without_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    monkeypatch.setenv("LKIP_OCR_ENGINE", "gpu")
    want = "lkip: OCR engine 'gpu' is not one of auto, cli (LKIP_OCR_ENGINE)"
    assert main(["check", str(SAMPLE)]) == 2
    captured = capsys.readouterr()
    assert want in captured.err and "Traceback" not in captured.err and captured.out == ""
    assert main(["batch", str(SAMPLE), "-o", str(tmp_path / "hasil")]) == 2
    assert want in capsys.readouterr().err
    assert not (tmp_path / "hasil").exists()  # refused before anything was written


def _counting_program(tmp_path: Path) -> tuple[Path, Path]:
    """A ``tesseract`` that writes its arguments to calls.txt, then runs the real one."""
    calls = tmp_path / "calls.txt"
    program = tmp_path / "tesseract"
    program.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec tesseract "$@"\n')
    program.chmod(0o755)
    return program, calls


def _text_page() -> Image.Image:
    page = Image.new("L", (1240, 600), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=40)
    for k, line in enumerate(["Capaian Kinerja Sasaran Strategis", "Realisasi anggaran 87,50 persen",
                              "Indikator kinerja utama tahun 2024"]):
        draw.text((80, 80 + 120 * k), line, fill=0, font=font)
    return page


def test_the_options_handed_down_choose_the_engine_and_models(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """With no OCR setting in the environment, options naming a program and a model make the
    page reader run that program with that model: the reader takes the options it is given."""
    for name in OCR_ENV:
        monkeypatch.delenv(name, raising=False)
    program, calls = _counting_program(tmp_path)
    got = read_page(_text_page(), 300, 1, options=Options(tesseract=str(program), ocr_lang="eng"))
    assert got.status == "ok" and "Realisasi" in {w.text for w in got.words}
    runs = [line for line in calls.read_text().splitlines() if line.startswith("stdin stdout")]
    assert runs and all("-l eng " in run or "-l osd" in run for run in runs)


def test_an_ocr_cache_reads_a_page_once_and_gives_the_same_words(tmp_path: Path) -> None:
    """With a cache folder, the second read of the same page runs no Tesseract and gives the
    same words; another page is still read."""
    program, calls = _counting_program(tmp_path)
    options = Options(tesseract=str(program), ocr_lang="eng", ocr_cache=str(tmp_path / "cache"))
    first = read_page(_text_page(), 300, 1, options=options)
    runs = len(calls.read_text().splitlines())
    again = read_page(_text_page(), 300, 1, options=options)
    assert runs > 0 and len(calls.read_text().splitlines()) == runs
    assert [(w.text, w.x0, w.top) for w in again.words] == [(w.text, w.x0, w.top) for w in first.words]
    other = _text_page()
    ImageDraw.Draw(other).text((80, 480), "Tabel 3.1", fill=0, font=ImageFont.load_default(size=40))
    assert "Tabel" in {w.text for w in read_page(other, 300, 1, options=options).words}
    assert len(calls.read_text().splitlines()) > runs


def test_the_ocr_confidence_thresholds_are_options() -> None:
    """A figure read by OCR under reread_below is read again; under unreadable_below after that,
    it is not trusted. The defaults are those lkip always had (70 and 60)."""
    default = Options()
    assert (default.reread_below, default.unreadable_below) == (70.0, 60.0)
    assert Options.from_env({}, reread_below=80.0).reread_below == 80.0
    for wrong in ({"unreadable_below": 75.0}, {"reread_below": 101.0}, {"unreadable_below": -1.0}):
        with pytest.raises(OptionsError, match="unreadable_below"):
            Options(**wrong)
