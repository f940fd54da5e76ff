"""Tesseract, in this process or as a program: a page's words (as TSV, and as ``OcrWord`` with boxes
in points: ``read_words``), the models it reads with (``ocr_lang``), and a page's orientation.

In this process (``tesserocr``, whose wheel carries libtesseract) each thread keeps one engine per
model set, so the models are loaded once per thread instead of once per read: a re-read of one
figure then costs milliseconds instead of the ~0.2-0.4 s it takes to start the ``tesseract``
program and load ``eng+ind``, and a whole page reads faster too. Where ``tesserocr`` cannot be
imported, or when the options ask for the program (``engine="cli"``, ``tesseract=PROGRAM``: from
``LKIP_OCR_ENGINE=cli``, ``LKIP_TESSERACT=PROGRAM``), the ``tesseract`` program is run instead
(the page is sent on stdin). Both read the models of the installed
``tesseract-ocr`` packages: nothing is downloaded. Tesseract runs on one thread
(``OMP_THREAD_LIMIT=1``): its own threading was measured 4x slower, and the pages are read in
parallel anyway.

Every function takes the run's ``Options`` (``lkip.options``); without them, the environment's
(``Options.from_env()``). What is found out about an installation (its models, whether tesserocr
loads) is kept per setting.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import os
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

from PIL import Image

from lkip.extract.ocr_page import OcrWord
from lkip.options import Options, resolved

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before libtesseract is loaded

log = logging.getLogger(__name__)

_local = threading.local()


@functools.cache
def _program_langs(program: str) -> tuple[str | None, frozenset[str]]:
    """The tessdata folder and the models the ``tesseract`` program reports."""
    try:
        out = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None, frozenset()
    lines = out.stdout.splitlines()
    found = re.search(r'"(.+)"', lines[0]) if lines else None
    return (found.group(1) if found else None,
            frozenset(line.strip() for line in lines[1:] if line.strip()))


def tessdata(options: Options | None = None) -> str | None:
    """The folder of the installed models: the options' (``TESSDATA_PREFIX``), else where the
    program looks, else the Debian folder."""
    options = resolved(options)
    return _tessdata(options.tessdata, options.program)


@functools.cache
def _tessdata(prefix: str | None, program: str) -> str | None:
    for candidate in (prefix, _program_langs(program)[0],
                      *sorted(map(str, Path("/usr/share/tesseract-ocr").glob("*/tessdata")),
                              reverse=True)):
        if candidate and Path(candidate).is_dir():
            return candidate.rstrip("/") + "/"
    return None


def languages(options: Options | None = None) -> frozenset[str]:
    """The models installed (``eng``, ``ind``, ``osd`` ...)."""
    options = resolved(options)
    return _languages(options.tessdata, options.program)


@functools.cache
def _languages(prefix: str | None, program: str) -> frozenset[str]:
    folder = _tessdata(prefix, program)
    if folder:
        return frozenset(p.name.removesuffix(".traineddata")
                         for p in Path(folder).glob("*.traineddata"))
    return _program_langs(program)[1]


@functools.cache
def in_process(options: Options | None = None) -> bool:
    """Whether Tesseract runs in this process (tesserocr) rather than as a program."""
    options = resolved(options)
    if options.wants_program:
        return False  # asked for the program (LKIP_OCR_ENGINE=cli, or LKIP_TESSERACT names one)
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        log.info("tesserocr not available: running the tesseract program")
        return False
    return tessdata(options) is not None


def _env(options: Options) -> dict[str, str]:
    """The program's environment: this process's, on one thread, with the options' models."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if options.tessdata:
        env["TESSDATA_PREFIX"] = options.tessdata
    return env


def _engine(lang: str, options: Options) -> Any:
    """This thread's engine for `lang` (and the options' models), made on first use."""
    import tesserocr

    path = tessdata(options)
    engines: dict[tuple[str | None, str], Any] = _local.__dict__.setdefault("engines", {})
    if (path, lang) not in engines:
        engines[path, lang] = tesserocr.PyTessBaseAPI(path=path, lang=lang)
    return engines[path, lang]


def tsv(image: Image.Image, dpi: int, lang: str, psm: int, timeout: float,
        variables: dict[str, str] | None = None, options: Options | None = None) -> str:
    """Tesseract's TSV of the image (word rows have level 5). Raises TimeoutError when it runs
    over `timeout` seconds, RuntimeError when it fails."""
    if timeout <= 0:
        raise TimeoutError("no time left")
    options = resolved(options)
    image = image.convert("L") if image.mode != "L" else image
    kept = _kept_path(image, dpi, lang, psm, variables or {}, options)
    if kept is not None and kept.is_file():
        return kept.read_text(encoding="utf-8")
    if in_process(options):
        out = _tsv_in_process(image, dpi, lang, psm, timeout, variables or {}, options)
    else:
        args = ["-l", lang, "--psm", str(psm)]
        for key, value in (variables or {}).items():
            args += ["-c", f"{key}={value}"]
        out = _run_program(image, dpi, [*args, "tsv"], timeout, options)
    if kept is not None:
        _keep_output(kept, out)
    return out


def _kept_path(image: Image.Image, dpi: int, lang: str, psm: int, variables: dict[str, str],
               options: Options) -> Path | None:
    """Where the options' OCR cache keeps Tesseract's output for this image and setting (the
    engine is part of the key: tesserocr and the program may read a page differently)."""
    if not options.ocr_cache:
        return None
    digest = hashlib.sha256()
    digest.update(repr((image.size, int(dpi), lang, psm, sorted(variables.items()),
                        in_process(options), options.tessdata)).encode())
    digest.update(image.tobytes())
    name = digest.hexdigest()
    return Path(options.ocr_cache) / name[:2] / f"{name}.tsv"


def _keep_output(path: Path, out: str) -> None:
    """Write the cache entry (a TSV, or an orientation as 'degrees confidence') whole: a temporary
    file renamed, so a reader in another process never sees half of it. A cache that cannot be
    written is logged and skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        part.write_text(out, encoding="utf-8")
        part.replace(path)
    except OSError as exc:
        log.warning("OCR cache %s cannot be written (%s)", path.parent, exc)


def _tsv_in_process(image: Image.Image, dpi: int, lang: str, psm: int, timeout: float,
                    variables: dict[str, str], options: Options) -> str:
    api = _engine(lang, options)
    api.SetPageSegMode(psm)  # tesserocr.PSM values are the psm numbers
    for key, value in variables.items():
        api.SetVariable(key, value)
    try:
        api.SetImage(image)
        api.SetSourceResolution(int(dpi))
        if not api.Recognize(timeout=max(int(timeout * 1000), 1)):
            raise TimeoutError(f"tesseract ran over {timeout:g} s or failed")
        return api.GetTSVText(0)
    finally:
        for key in variables:
            api.SetVariable(key, "")
        api.Clear()


def orientation(image: Image.Image, dpi: int, timeout: float,
                options: Options | None = None) -> tuple[int, float] | None:
    """Tesseract's orientation detection (the ``osd`` model): the clockwise quarter turn that
    makes the page upright and its confidence; None when it cannot tell or there is no model."""
    options = resolved(options)
    if "osd" not in languages(options):
        return None
    if timeout <= 0:
        raise TimeoutError("no time left")
    image = image.convert("L") if image.mode != "L" else image
    kept = _kept_path(image, dpi, "osd", 0, {}, options)
    if kept is not None and kept.is_file():
        text = kept.read_text(encoding="utf-8").split()
        return (int(text[0]), float(text[1])) if len(text) == 2 else None
    found = _orientation(image, dpi, timeout, options)
    if kept is not None:
        _keep_output(kept, "" if found is None else f"{found[0]} {found[1]}")
    return found


def _orientation(image: Image.Image, dpi: int, timeout: float,
                 options: Options) -> tuple[int, float] | None:
    if in_process(options):
        import tesserocr

        api = _engine("osd", options)
        api.SetPageSegMode(tesserocr.PSM.OSD_ONLY)
        try:
            api.SetImage(image)
            api.SetSourceResolution(int(dpi))
            found = api.DetectOrientationScript()
        finally:
            api.Clear()
        if not found:
            return None
        return int(found["orient_deg"]) % 360, float(found["orient_conf"])
    try:
        out = _run_program(image, dpi, ["--psm", "0", "-l", "osd"], timeout, options)
    except RuntimeError:  # too few characters
        return None
    fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    try:
        rotate_ccw = int(fields["Rotate"].strip())
        confidence = float(fields["Orientation confidence"].strip())
    except (KeyError, ValueError):
        return None
    return (360 - rotate_ccw) % 360, confidence


def _run_program(image: Image.Image, dpi: int, args: list[str], timeout: float,
                 options: Options) -> str:
    """The ``tesseract`` program on the image (sent on stdin); its stdout. The process is killed
    when it runs over `timeout` seconds (TimeoutError); RuntimeError when it fails."""
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    cmd = [options.program, "stdin", "stdout", "--dpi", str(int(dpi)), *args]
    try:
        done = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, timeout=timeout,
                              env=_env(options), check=False)
    except subprocess.TimeoutExpired as exc:
        raise TimeoutError(f"tesseract ran over {timeout:.0f} s") from exc
    except OSError as exc:
        raise RuntimeError(f"tesseract cannot be run ({exc})") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"tesseract failed: {err[-1] if err else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


# ----------------------------------------------------------------------------------------------
# words


def ocr_lang(options: Options | None = None) -> str:
    """``eng+ind``: the ``ind`` model alone reads a printed % as 6, 4, W or Yo ("87,506" for
    "87,50%", on clean type too): 85% of the figures of the scanned samples exact instead of 98%.
    With ``eng`` first % is read and Indonesian words as well as by ``ind`` alone; ``eng`` alone
    reads the words worse (88%). The pair costs about twice the time of ``ind`` alone (measured
    by benchmarks/speed.py --scans). The options' ``ocr_lang`` (``LKIP_OCR_LANG``) overrides."""
    options = resolved(options)
    if options.ocr_lang:
        return options.ocr_lang
    have = languages(options)
    return "+".join(lang for lang in ("eng", "ind") if lang in have) or "eng"


def read_words(image: Image.Image, dpi: int, psm: int = 6, timeout: float = 120.0,
               variables: dict[str, str] | None = None, lang: str | None = None,
               options: Options | None = None) -> list[OcrWord]:
    """Tesseract's words on the image, boxes in points (pixels * 72 / dpi); `lang` overrides the
    options' models."""
    options = resolved(options)
    out = tsv(image, dpi, lang or ocr_lang(options), psm, timeout, variables, options)
    scale = 72.0 / dpi
    words = []
    for row in out.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(OcrWord(text=text, x0=round(left * scale, 2), top=round(top * scale, 2),
                             x1=round((left + width) * scale, 2),
                             bottom=round((top + height) * scale, 2),
                             conf=max(float(cols[10]), 0.0),
                             line=(int(cols[2]), int(cols[3]), int(cols[4]))))
    return words
