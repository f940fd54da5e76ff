"""Report stage: turns a checked Document into text, JSON, Markdown, HTML or XLSX."""

from __future__ import annotations

from typing import Literal

from lkip.model import Document
from lkip.report.html import render_html
from lkip.report.json import render_json
from lkip.report.md import render_md
from lkip.report.text import render_text
from lkip.report.xlsx import render_xlsx

Format = Literal["text", "json", "md", "html", "xlsx"]
FORMATS: tuple[Format, ...] = ("text", "json", "md", "html")  # what render() makes: text
BINARY: tuple[Format, ...] = ("xlsx",)  # rendered as bytes by render_bytes(), written to a file
ALL_FORMATS: tuple[Format, ...] = (*FORMATS, *BINARY)  # every --format of 'lkip check'
SUFFIXES: dict[Format, str] = {"text": ".txt", "json": ".json", "md": ".md", "html": ".html",
                               "xlsx": ".xlsx"}


def render(doc: Document, fmt: Format = "text", lang: str = "id") -> str:
    """The report of ``doc`` in a text format ``fmt`` with labels and messages in ``lang``."""
    if fmt == "json":

        return render_json(doc, lang)
    if fmt == "md":

        return render_md(doc, lang)
    if fmt == "html":

        return render_html(doc, lang)
    if fmt == "text":

        return render_text(doc, lang)
    raise ValueError(f"unknown text report format: {fmt!r}")


def render_bytes(doc: Document, fmt: Format = "text", lang: str = "id") -> bytes:
    """The report of ``doc`` in any format as bytes to write to a file (text as UTF-8)."""
    if fmt == "xlsx":

        return render_xlsx(doc, lang)
    return render(doc, fmt, lang).encode("utf-8")
