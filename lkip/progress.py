"""The callback a long extraction reports its pages through (the CLI's bar, a batch worker)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (pages done, pages in all)
