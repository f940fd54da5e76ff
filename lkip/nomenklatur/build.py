"""Writes the compact form of the packaged nomenklatur (lkip/data/nomenklatur.compact.json) from
lkip/data/nomenklatur.csv; run it after changing the CSV or the name keys (lkip.nomenklatur.text):

    .venv/bin/python -m lkip.nomenklatur.build
"""

from __future__ import annotations

import sys
from pathlib import Path

from lkip.nomenklatur.data import COMPACT_FILE, compact_json, data_bytes

TARGET = Path(__file__).resolve().parent.parent / "data" / COMPACT_FILE


def main() -> int:
    text = compact_json(data_bytes())
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
