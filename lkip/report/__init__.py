"""Report stage: turns a checked Document into text, JSON, Markdown or HTML."""

from __future__ import annotations

from typing import Literal

from lkip.model import Document

Format = Literal["text", "json", "md", "html"]
FORMATS: tuple[Format, ...] = ("text", "json", "md", "html")
SUFFIXES: dict[Format, str] = {"text": ".txt", "json": ".json", "md": ".md", "html": ".html"}


def render(doc: Document, fmt: Format = "text", lang: str = "id") -> str:
    """The report of ``doc`` in format ``fmt`` with labels and messages in ``lang``."""
    if fmt == "json":
        from lkip.report.json import render_json

        return render_json(doc, lang)
    if fmt == "md":
        from lkip.report.md import render_md

        return render_md(doc, lang)
    if fmt == "html":
        from lkip.report.html import render_html

        return render_html(doc, lang)
    if fmt == "text":
        from lkip.report.text import render_text

        return render_text(doc, lang)
    raise ValueError(f"unknown report format: {fmt!r}")
