"""The error an input raises when it cannot be read as an LKIP, and an exception as one line.

At the bottom of the package: the extraction backends raise ``InputError`` and the orchestrator
(``lkip.pipeline``, which re-exports both names) and the CLI catch it.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """The input cannot be read as an LKIP. Carries the file and the reason, in Indonesian and English."""

    def __init__(self, path: str | Path, reason: str, reason_en: str) -> None:
        super().__init__(f"{path}: {reason_en}")
        self.path = str(path)
        self.reason = reason
        self.reason_en = reason_en

    def message(self, lang: str = "id") -> str:
        return f"{self.path}: {self.reason if lang == 'id' else self.reason_en}"


def one_line(exc: BaseException, limit: int | None = None) -> str:
    """An exception as one line for a reviewer or a summary: its type and its message with the
    whitespace collapsed, cut at `limit` characters."""
    detail = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return text if limit is None else text[:limit]
