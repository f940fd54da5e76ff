"""The inputs of a batch: every PDF, image and text file under the folders, globs or files given."""

from __future__ import annotations

import glob
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from lkip.pipeline import IMAGE_SUFFIXES, PDF_SUFFIXES

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt"}
SUFFIXES = PDF_SUFFIXES | IMAGE_SUFFIXES | TEXT_SUFFIXES


@dataclass(frozen=True)
class Item:
    """One input file."""

    path: Path  # absolute
    report: str  # its path below the folder given (POSIX), the name of its outputs
    sha256: str
    size: int
    pages: int  # estimated, for the progress bar (counted for PDFs)


def _base(spec: str) -> Path:
    """The folder below which a glob's matches are named: its part before the first wildcard."""
    parts = Path(spec).parts
    fixed = [p for p in parts[: next((i for i, p in enumerate(parts) if glob.has_magic(p)), len(parts))]]
    return Path(*fixed) if fixed else Path(".")


def _walk(folder: Path, skip: Path | None) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (skip is None or (here / d).resolve() != skip))
        found += [here / f for f in sorted(files)
                  if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES]
    return found


def find(specs: list[str], skip: Path | None = None) -> tuple[list[tuple[Path, str]], list[str]]:
    """(file, report name) of every input under ``specs`` (folders, globs, files), in a stable
    order, the folder ``skip`` (the output) left out; and the specs that matched nothing."""
    skip = skip.resolve() if skip is not None else None
    out: list[tuple[Path, str]] = []
    empty: list[str] = []
    for spec in specs:
        path = Path(spec)
        if glob.has_magic(spec):
            base, matches = _base(spec), [Path(m) for m in sorted(glob.glob(spec, recursive=True))]
        elif path.is_dir():
            base, matches = path, [path]
        else:
            base, matches = path.parent, [path] if path.is_file() else []
        files: list[Path] = []
        for match in matches:
            if match.is_dir():
                files += _walk(match, skip)
            elif match.is_file() and match.suffix.lower() in SUFFIXES:
                files.append(match)
        files = [f for f in files if skip is None or skip not in f.resolve().parents]
        if not files:
            empty.append(spec)
        named = [(f.resolve(), _name(f, base)) for f in files]
        out += sorted(named, key=lambda pair: pair[1])
    return _unique(out), empty


def _name(path: Path, base: Path) -> str:
    """The report name of ``path``: its path below ``base`` with every '..' and '.' resolved first
    (by the names, links not followed), else its file name; never a name that climbs out of the
    folder its outputs go to (a glob 'arsip/*/../../x' matches 'arsip/a/../../x')."""
    here, top = Path(os.path.abspath(path)), Path(os.path.abspath(base))
    return here.relative_to(top).as_posix() if here.is_relative_to(top) else here.name


def _unique(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """One entry per file; a name used twice (files from two arguments) gets '-2', '-3'."""
    seen: set[Path] = set()
    used: set[str] = set()
    out: list[tuple[Path, str]] = []
    for path, name in found:
        if path in seen:
            continue
        seen.add(path)
        candidate, n = name, 1
        while candidate in used:
            n += 1
            stem, dot, suffix = name.rpartition(".")
            candidate = f"{stem}-{n}.{suffix}" if dot else f"{name}-{n}"
        used.add(candidate)
        out.append((path, candidate))
    return out


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def estimate_pages(path: Path) -> int:
    """Pages of a PDF or TIFF as counted, of a text by its form feeds; 1 when unknown."""
    suffix = path.suffix.lower()
    try:
        if suffix in PDF_SUFFIXES:
            from lkip.extract.raster import pdf_page_count  # lazy: PIL, numpy: +0.2 s start-up

            return max(pdf_page_count(path), 1)
        if suffix in IMAGE_SUFFIXES:
            from lkip.extract.raster import image_frame_count  # lazy: PIL, numpy: +0.2 s start-up

            return max(image_frame_count(path), 1)
        with path.open("rb") as handle:
            return handle.read().count(b"\f") + 1
    except Exception:  # noqa: BLE001 - an unreadable file is found out by its worker, not here
        return 1


def describe(found: list[tuple[Path, str]]) -> tuple[list[Item], list[tuple[Path, str, str]]]:
    """The items to review, and (file, report name, reason) of the files that cannot even be
    read to be hashed (gone since, no permission)."""
    items: list[Item] = []
    unreadable: list[tuple[Path, str, str]] = []
    for path, report in found:
        try:
            items.append(Item(path=path, report=report, sha256=sha256_of(path),
                              size=path.stat().st_size, pages=estimate_pages(path)))
        except OSError as exc:
            unreadable.append((path, report, str(exc.strerror or exc)))
    return items, unreadable
