"""lkip: finds where an Indonesian government performance report (LKIP/LKjIP) contradicts itself."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__version__ = "0.1.0"


@functools.cache
def build_version() -> str:
    """The version with a digest of the code and data that make a review ('0.1.0+3f2a9c1b0d'):
    a review made by other code is not taken for this one's (``lkip batch`` redoes it), though
    the version number was not raised."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".csv", ".html", ".css", ".j2"}:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"
