"""How reports are read: the OCR settings, resolved once (``Options.from_env``) from the
environment and the command line and handed down to the readers, instead of each reader looking
up environment variables of its own.

The environment variables, as README documents them: ``LKIP_OCR_LANG`` (Tesseract models, e.g.
``ind``; default ``eng+ind`` as installed), ``LKIP_OCR_ENGINE`` (``cli``: run the ``tesseract``
program; ``auto``, the default: in this process through tesserocr where it is installed),
``LKIP_TESSERACT`` (the program to run; naming one means the program is run) and
``TESSDATA_PREFIX`` (the folder of the models) and ``LKIP_OCR_CACHE`` (a folder where Tesseract's
output is kept per image and setting, so that reading the same scans again, after a change of
lkip or of a later stage, does not run Tesseract again). ``Options()`` holds the defaults without looking at
the environment; a reader called without options uses ``Options.from_env()``.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ENGINES = ("auto", "cli")  # LKIP_OCR_ENGINE: in this process when tesserocr is there, or the program


class OptionsError(ValueError):
    """A setting that cannot be used (its message names the setting, the value and what it may be)."""


@dataclass(frozen=True)
class Options:
    """The settings of one run. Frozen and hashable: the OCR engine caches what it finds per
    setting, and a batch sends them to its worker processes."""

    ocr_lang: str | None = None  # Tesseract models ('eng+ind'); None: eng and ind, those installed
    engine: str = "auto"  # one of ENGINES
    tesseract: str | None = None  # the tesseract program; given, the program is run (not tesserocr)
    tessdata: str | None = None  # the models' folder; None: where the program looks, else Debian's
    dpi: int = 300  # resolution PDF pages are rendered at for OCR
    page_timeout: float = 120.0  # seconds to read one page by OCR
    reread_timeout: float = 60.0  # seconds to read the uncertain figures of one page again
    reread_below: float = 70.0  # OCR confidence (0-100) under which a figure is read again
    unreadable_below: float = 60.0  # ... and under which, after the re-read, it is not trusted
    ocr_cache: str | None = None  # folder keeping Tesseract's output per image and setting; None: none

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise OptionsError(f"OCR engine {self.engine!r} is not one of {', '.join(ENGINES)} "
                               "(LKIP_OCR_ENGINE)")
        if self.dpi <= 0:
            raise OptionsError(f"dpi {self.dpi} is not a resolution (a number above 0)")
        if not 0 <= self.unreadable_below <= self.reread_below <= 100:
            raise OptionsError(f"OCR confidences unreadable_below {self.unreadable_below} and "
                               f"reread_below {self.reread_below} are not 0 <= unreadable_below "
                               "<= reread_below <= 100")
        for name in ("page_timeout", "reread_timeout"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} {getattr(self, name)} is not a time limit (seconds above 0)")

    @property
    def program(self) -> str:
        """The ``tesseract`` program to run (``LKIP_TESSERACT``, else ``tesseract`` on the PATH)."""
        return "tesseract" if self.tesseract is None else self.tesseract

    @property
    def wants_program(self) -> bool:
        """Whether the ``tesseract`` program was asked for rather than tesserocr."""
        return self.engine == "cli" or self.tesseract is not None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **cli_overrides: Any) -> Options:
        """The settings from the environment (``os.environ`` when None), then the command line's:
        an override that is None (a flag not given) leaves the environment's value. Raises
        OptionsError for a value that cannot be used or an override that is no setting."""
        env = os.environ if env is None else env
        found: dict[str, Any] = {
            "ocr_lang": env.get("LKIP_OCR_LANG") or None,
            "engine": env.get("LKIP_OCR_ENGINE", "").lower() or "auto",
            "tesseract": env.get("LKIP_TESSERACT"),
            "tessdata": env.get("TESSDATA_PREFIX") or None,
            "ocr_cache": env.get("LKIP_OCR_CACHE") or None,
        }
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(cli_overrides) - names)
        if unknown:
            raise OptionsError(f"no such setting: {', '.join(unknown)} "
                               f"(settings: {', '.join(sorted(names))})")
        found.update({k: v for k, v in cli_overrides.items() if v is not None})
        return cls(**found)


def resolved(options: Options | None) -> Options:
    """The options given, or the environment's when a caller gave none (``check(path)``)."""
    return Options.from_env() if options is None else options
