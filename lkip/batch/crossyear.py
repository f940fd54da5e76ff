"""Findings across the years of one instansi (``lkip.validate.cross_year``): recomputed every run
over every report read (resumed ones too), written to OUTDIR/cross_year.json."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from lkip import build_version
from lkip.batch.store import Record
from lkip.model import Document, Finding
from lkip.report.summary import message
from lkip.validate.cross_year import cross_year

log = logging.getLogger(__name__)


def compute(docs: Sequence[Document]) -> tuple[dict[str, list[Finding]], str | None]:
    """Findings by the later report's sha256, and why there are none when the rule failed
    (logged: the batch keeps its results)."""
    try:
        found = cross_year(list(docs))
    except Exception as exc:  # noqa: BLE001 - a broken rule must not lose the batch's results
        log.warning("cross-year rule failed", exc_info=True)
        return {}, f"cross-year rule failed ({type(exc).__name__}: {exc})"
    return {sha: list(findings) for sha, findings in found.items() if findings}, None


def render(records: Sequence[Record], cross: dict[str, list[Finding]], note: str | None,
           lang: str) -> str:
    """cross_year.json: for each report with such findings, who it is and the findings."""
    by_sha = {r.sha256: r for r in records}
    reports = []
    def order(sha: str) -> str:
        return by_sha[sha].report if sha in by_sha else sha

    for sha, findings in sorted(cross.items(), key=lambda kv: order(kv[0])):
        record = by_sha.get(sha)
        reports.append({
            "report": record.report if record else None, "sha256": sha,
            "instansi": record.instansi if record else None, "tahun": record.tahun if record else None,
            "findings": [{**f.model_dump(), "message_id": f.message, "message": message(f, lang)}
                         for f in findings],
        })
    data = {"lkip_version": build_version(), "lang": lang, "rule": "cross_year", "ran": note is None,
            "note": note, "reports": reports}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
