"""Running headers and footers are dropped; a table row that happens to end several pages far
apart is not (issue 16: findings must not depend on file length)."""

from __future__ import annotations

from lkip.extract.lines import Line
from lkip.extract.regions import repeated_lines


def _pages(contents: list[list[str]]) -> list[Line]:
    lines: list[Line] = []
    for page, texts in enumerate(contents, start=1):
        for text in texts:
            lines.append(Line(no=len(lines) + 1, page=page, text=text))
    return lines


_WORDS = ["air", "bumi", "api", "kayu", "batu", "laut", "hutan", "sawah", "kebun", "pasar",
          "jalan", "sungai"]


def _body(page: int) -> list[str]:
    """Eight lines whose words (not only their digits) differ from page to page."""
    return [f"Uraian {_WORDS[(page + i) % 12]} {_WORDS[(page * 5 + i) % 12]} {page}.{i}"
            for i in range(8)]


def test_a_header_on_every_page_is_dropped() -> None:
    lines = _pages([["Laporan Kinerja Dinas Kesehatan 2023", *_body(p), f"Halaman {p}"]
                    for p in range(1, 7)])
    dropped = {ln.text for ln in lines if ln.no in repeated_lines(lines)}
    assert "Laporan Kinerja Dinas Kesehatan 2023" in dropped
    assert "Halaman 3" in dropped


def test_odd_and_even_headers_are_dropped() -> None:
    heads = ["Bab III Akuntabilitas Kinerja", "LKjIP Dinas Kesehatan Tahun 2023"]
    lines = _pages([[heads[p % 2], *_body(p)] for p in range(1, 9)])
    dropped = {ln.text for ln in lines if ln.no in repeated_lines(lines)}
    assert set(heads) <= dropped


def test_a_total_row_ending_pages_far_apart_is_kept() -> None:
    """The same report bound three times: its JUMLAH row ends page 2 of each copy."""
    copy = [_body(1), [*_body(2), "JUMLAH 4.424.198.783,00 4.100.000.000,00 92,67"], _body(3),
            _body(4)]
    lines = _pages(copy * 3)
    kept = {ln.text for ln in lines if ln.no not in repeated_lines(lines)}
    assert "JUMLAH 4.424.198.783,00 4.100.000.000,00 92,67" in kept
