"""Tables without a caption: a header line of column words followed by rows of numbers."""

from __future__ import annotations

from lkip.extract.lines import Line
from lkip.extract.regions import Region


def find_uncaptioned(lines: list[Line], captioned: list[Region]) -> list[Region]:
    """Regions of tables that have no 'Tabel ...' caption, outside the captioned ones."""
    return []
