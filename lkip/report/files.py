"""Writing outputs safely: atomically (a reader, a full disk or an interrupted run sees the old
file or the new one, never half of one), and never over one of the inputs."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _mode(path: Path) -> int:
    """The permissions the new file gets: the old file's, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


NAME_MAX = 255  # bytes in one file name (ext4, XFS, btrfs, APFS; NTFS counts 255 UTF-16 units)


def cut_name(name: str, size: int) -> str:
    """``name`` cut to at most ``size`` bytes of UTF-8, never inside a character: a name of 100
    Chinese characters is 300 bytes, over NAME_MAX."""
    return name.encode("utf-8")[:size].decode("utf-8", "ignore")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path``: a temporary file in the same folder, flushed to
    disk, then renamed over ``path``; on any failure the temporary file goes and ``path`` is as it
    was. A device or a pipe (``-o /dev/stdout``) is written directly: it cannot be renamed over."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        special = not stat.S_ISREG(path.stat().st_mode) and not stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        special = False
    if special:
        with path.open("wb") as handle:
            handle.write(raw)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{cut_name(path.name, 100)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (the same path, a link to it, a hard link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def input_replaced(targets: Iterable[Path | None], inputs: Iterable[str | Path]) -> Path | None:
    """The first output among ``targets`` that would replace one of ``inputs`` (None: none)."""
    sources = [Path(i) for i in inputs]
    for target in targets:
        if target is not None and any(same_file(target, source) for source in sources):
            return target
    return None
